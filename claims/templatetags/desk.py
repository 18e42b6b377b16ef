"""Filters for the reviewer's desk. Links are checked again when rendered, whatever the database holds."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template
from django.core.exceptions import ValidationError

from claims.models import http_url_validator

register = template.Library()


@register.filter
def http_url(value: str) -> str:
    """The URL if it is a valid http(s) URL, else "" (the template then prints the value as plain text)."""
    value = str(value or "")
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return ""
    try:
        http_url_validator(value)
    except ValidationError:
        return ""
    return value


@register.filter
def url_host(value: str) -> str:
    """The host in punycode, so a homograph (Cyrillic 'а' in 'pаypal') is visible as xn--."""
    try:
        host = urlsplit(str(value)).hostname or ""
        return host.encode("idna").decode("ascii")
    except (UnicodeError, ValueError):
        return urlsplit(str(value)).hostname or ""
