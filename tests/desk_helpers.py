"""Helpers for test-client tests of the desk: a CSRF token the way a browser gets one."""

from __future__ import annotations

from django.test import Client


def csrf_token(client: Client, url: str = "/") -> str:
    """GET a page (which sets the CSRF cookie) and return the cookie's token for the x-csrftoken header."""
    client.get(url)
    return client.cookies["csrftoken"].value


def htmx_post(client: Client, url: str, data: dict, *, page: str = "/"):
    return client.post(url, data, headers={"HX-Request": "true", "X-CSRFToken": csrf_token(client, page)})


def form_post(client: Client, url: str, data: dict, *, page: str = "/"):
    return client.post(url, {**data, "csrfmiddlewaretoken": csrf_token(client, page)})
