"""Case: the database connection cut between two requests of a worker (pen test finding 6).

A gunicorn worker keeps its PostgreSQL connection (CONN_MAX_AGE). When the database restarts, or a proxy
or firewall drops the connection, the worker's next request used to fail once with a 500 before the broken
connection was replaced. Django's connection health checks (CONN_HEALTH_CHECKS) test a reused connection
before its first query in each request and open a new one if it is gone. A request whose connection is cut
while it runs (bench/soak.py found them) cannot finish: it answers 503, saying the change may not have been
saved, instead of a 500 (claims.views.errors.server_error, Django's handler500).

The worker is played here by Django's own WSGI handler (the test client skips the request_started signal
that closes old connections). On PostgreSQL the connection is terminated by the server; SQLite connections
live for one request only, so the same request there meets a closed connection object and opens a new one.
"""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.conf import settings
from django.contrib import auth
from django.db import connection, connections
from django.test import Client

from claims import roles
from newsdesk.wsgi import application

pytestmark = pytest.mark.django_db(transaction=True)


def served(path: str, cookie: str) -> int:
    """The status of a GET of `path`, served as gunicorn serves it: through the WSGI application."""
    return answered(path, cookie)[0]


def answered(path: str, cookie: str, *, htmx: bool = False) -> tuple[int, dict, str]:
    """Status, headers and body of a GET of `path`, served through the WSGI application."""
    statuses, headers = [], {}
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "HTTP_COOKIE": cookie,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        **({"HTTP_HX_REQUEST": "true"} if htmx else {}),
    }

    def start_response(status, response_headers):
        statuses.append(int(status.split()[0]))
        headers.update(response_headers)

    body = application(environ, start_response)
    content = b"".join(body).decode()
    body.close()
    return statuses[0], headers, content


def cut(connection) -> None:
    """Drop the connection under the worker, as a database restart does."""
    if connection.vendor == "postgresql":
        pid = connection.connection.info.backend_pid
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        finally:
            other.close()
    else:
        connection.connection.close()


@pytest.fixture
def cookie(reviewer) -> str:
    client = Client()
    client.force_login(reviewer)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_a_request_after_the_connection_was_cut_is_served(reviewer, seed_article, cookie, caplog):
    assert served("/", cookie) == 200
    connection.ensure_connection()
    cut(connection)
    assert served("/", cookie) == 200


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite opens its file for each request: nothing to cut midway"
)
def test_a_request_whose_connection_is_cut_midway_answers_503_saying_it_may_not_be_saved(
    reviewer, seed_article, cookie
):
    def cut_then_ask(user):
        # The list has read the session and the user: the cut comes between two queries of the request.
        cut(connection)
        return is_reviewer(user)

    is_reviewer = roles.is_reviewer
    with mock.patch("claims.views.articles.roles.is_reviewer", cut_then_ask):
        status, headers, body = answered("/", cookie)
    assert (status, headers.get("Retry-After")) == (503, "5")
    assert "möglicherweise nicht gespeichert" in body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="as above")
def test_a_cut_that_meets_a_middlewares_user_lookup_answers_503_too(reviewer, seed_article, cookie):
    # The session is read (the request's first query, after the health check); then the user is looked up.
    get_user = auth.get_user
    with mock.patch("django.contrib.auth.middleware.auth.get_user", lambda r: cut(connection) or get_user(r)):
        status, headers, body = answered("/", cookie, htmx=True)
    assert (status, headers.get("Retry-After")) == (503, "5")
    assert body.startswith("Die Verbindung zur Datenbank ist abgebrochen")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="as above")
def test_the_request_after_a_cut_midway_is_served(reviewer, seed_article, cookie):
    is_reviewer = roles.is_reviewer
    with mock.patch(
        "claims.views.articles.roles.is_reviewer", lambda user: cut(connection) or is_reviewer(user)
    ):
        answered("/", cookie)
    assert served("/", cookie) == 200


def test_the_production_settings_check_a_kept_connection_before_using_it():
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql"):
        assert database["CONN_MAX_AGE"] > 0
        assert database["CONN_HEALTH_CHECKS"] is True
    else:
        assert database.get("CONN_MAX_AGE", 0) == 0  # a connection per request: nothing to keep alive
