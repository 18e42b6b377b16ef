"""Every URL the app serves needs a login: walk the resolver so a new view cannot slip through."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Pages that must be reachable without a session. The language switch is on the login page too, for a shared
# PC whose browser speaks another language (tests/test_languages.py checks what it does without a session).
PUBLIC = {"accounts/login/", "admin/login/", "accounts/language/"}
_CONVERTER = re.compile(r"<(?:(\w+):)?\w+>")
_SAMPLE = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000000", "path": "x"}


def _routes(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _concrete(route: str) -> str:
    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    if "(?P<" in route or "(?:" in route:  # the admin's regex patterns: fill their groups by hand
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
        route = re.sub(r"\(\?:[^)]*\)", "", route)
    return "/" + _CONVERTER.sub(lambda m: _SAMPLE.get(m.group(1) or "str", "1"), route)


ROUTES = sorted({_concrete(r) for r in _routes(get_resolver()) if r not in PUBLIC})


@pytest.mark.django_db
@pytest.mark.parametrize("url", ROUTES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_anonymous_request_is_sent_to_log_in(url, method):
    response = getattr(Client(), method)(url)
    location = response.get("Location", "")
    assert response.status_code in {302, 401}, url
    if response.status_code == 302:
        assert location.startswith(("/accounts/login/", "/admin/login/")), (url, location)


def test_the_walk_covers_the_app_and_the_admin():
    assert "/" in ROUTES
    assert "/import/" in ROUTES
    assert any(r.startswith("/admin/claims/") for r in ROUTES)
