"""The answer to an exception nothing handled (handler500), raised by a view or by a middleware."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views import defaults

DATABASE_LOST = _(
    "The connection to the database was lost: your last change may not have been saved. "
    "Try again in a moment."
)


def server_error(request: HttpRequest) -> HttpResponse:
    """A request whose database connection was cut while it ran (a database restart or failover, a proxy,
    pg_terminate_backend) answers 503 with Retry-After, saying the change may not have been saved; any
    other failure is the 500 it is.

    Such a request cannot finish, wherever the cut meets it (a view, the session or user lookup in a
    middleware), and no code of the app is at fault. It is not retried: the view may have written before
    the cut, and only the reviewer, seeing the page as it is now, can tell whether to repeat it (the desk's
    writes are safe to repeat: a label or an evidence edit repeated is no conflict, an import repeated is
    "already imported"). The connection health checks (settings.py) give the next request a new connection.
    """
    if not _database_lost(sys.exc_info()[1]):
        return defaults.server_error(request)
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(str(DATABASE_LOST), content_type="text/plain; charset=utf-8", status=503)
    else:
        page = loader.get_template("503.html").render({"message": DATABASE_LOST})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = "5"
    return response


def _database_lost(exception: BaseException | None) -> bool:
    if not isinstance(exception, OperationalError | InterfaceError):
        return False
    return not all(connection.is_usable() for connection in connections.all(initialized_only=True))
