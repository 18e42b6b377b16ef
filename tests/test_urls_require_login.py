"""Every URL pattern refuses an anonymous visitor: a redirect to the login page, or 401/403/405."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {"accounts/login/", "admin/login/"}  # the login pages themselves


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _fill(route: str) -> str:
    """A concrete path for a route: converters become 1, regex groups and anchors are filled in too."""
    path = re.sub(r"<(?:\w+:)?\w+>", "1", route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + path.lstrip("/")


ROUTES = sorted({_fill(r) for r in _walk(get_resolver().url_patterns)} - {"/" + p for p in PUBLIC})


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_anonymous_visitor_is_sent_to_log_in(client, db, path, method):
    response = getattr(client, method)(path)
    login = resolve_url(settings.LOGIN_URL)
    redirected_to_login = response.status_code == 302 and (
        response["Location"].startswith(login) or "/login/" in response["Location"]
    )
    assert redirected_to_login or response.status_code in (401, 403, 405), (path, response.status_code)


def test_the_walk_finds_the_desk(db):
    assert "/claims/1/label/" in ROUTES
    assert "/articles/1/" in ROUTES
