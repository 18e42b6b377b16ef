"""What the views share about requests htmx makes."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def wants_region(request: HtmxHttpRequest) -> bool:
    """Whether to answer with the region htmx swaps rather than the whole page. The back button asks htmx
    for a page it did not keep (historyCacheSize 0, base.html): that wants the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request
