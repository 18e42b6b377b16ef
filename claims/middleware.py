from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

DATABASE_LOST = _(
    "The connection to the database was lost: your last change may not have been saved. "
    "Try again in a moment."
)
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


class DatabaseLostMiddleware:
    """A request whose database connection is cut while it runs (a database restart or failover, a proxy,
    pg_terminate_backend) answers 503 with Retry-After, saying the change may not have been saved, not 500.

    Its transaction is gone and the request cannot finish; that is no fault of the app's code. It is not
    retried here: the view may have written before the cut, and only the reviewer, seeing the page as it is
    now, can tell whether to repeat it (the desk's writes are safe to repeat: a label or evidence edit
    repeated is no conflict, an import repeated is "already imported"). The connection health checks
    (settings.py) give the worker's next request a new connection. Other database errors stay 500s.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if all(connection.is_usable() for connection in connections.all(initialized_only=True)):
            return None
        logger.warning("Database connection lost during %s %s: %s", request.method, request.path, exception)
        if getattr(request, "htmx", False):
            response = HttpResponse(str(DATABASE_LOST), status=503, content_type="text/plain; charset=utf-8")
        else:
            response = render(request, "503.html", {"message": DATABASE_LOST}, status=503)
        response["Retry-After"] = "5"
        return response
