from __future__ import annotations

from collections.abc import Callable

from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

SESSION_EXPIRED = "Your session has expired. Log in again (in another tab); everything you saved is kept."


class HtmxLoginRedirectMiddleware:
    """An htmx request whose session expired must not swap the login page into a claim row.

    Django answers it with a redirect to the login page, which htmx would follow silently; we turn that into
    a 401 with a message the page shows, so the reviewer knows their last action was not saved.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 302
            and getattr(request, "htmx", False)
            and response.get("Location", "").startswith(resolve_url(settings.LOGIN_URL))
        ):
            expired = HttpResponse(SESSION_EXPIRED, status=401, content_type="text/plain; charset=utf-8")
            expired["HX-Trigger"] = "sessionExpired"
            return expired
        return response


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY, serialised once by django-csp, on every response without one.

    django-csp's own middleware rebuilds the header on every response, to support nonces and per-view
    decorators, neither of which this site uses; that cost 4 % of the CPU of a label POST
    (bench/label_latency.py). A view that needs another policy sets the header itself. As with django-csp,
    Django's debug pages (404 and 500 with DEBUG on) go without it: they rely on inline script and style.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = build_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not (settings.DEBUG and response.status_code in (404, 500)):
            response.headers.setdefault(HEADER, self.policy)
        return response
