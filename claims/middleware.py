from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

SESSION_EXPIRED = _("Your session has expired. Log in again (in another tab); everything you saved is kept.")


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
            expired = HttpResponse(str(SESSION_EXPIRED), status=401, content_type="text/plain; charset=utf-8")
            expired["HX-Trigger"] = "sessionExpired"
            return expired
        return response


class NoStoreMiddleware:
    """Every response the app renders is `Cache-Control: no-store, private` (and expired at once).

    Its pages hold what only a logged-in reviewer may read (articles, labels, notes, evidence, exports) or a
    form with a CSRF token. On a shared newsroom PC a cached copy would show them again after logout, from
    the back button or the history. Static files are served by whitenoise before this runs, and stay
    cacheable; there is nothing else the app serves that a browser should keep.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
