"""Filters for the reviewer's desk. Links are checked again when rendered, whatever the database holds."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from claims import roles
from claims.middleware import SESSION_EXPIRED
from claims.models import http_url_validator
from claims.shortcuts import desk_keys

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


@register.filter
def is_lead(user) -> bool:
    """Leads and admins: the menu shows them the pages only they may open."""
    return roles.is_lead(user)


@register.simple_tag
def desk_script_catalogue() -> dict:
    """What the desk's scripts say and which keys they answer to, in the interface language: pages render
    it as #desk-catalogue (templates/includes/desk_script.html) for static/js/catalogue.js; the label keys
    come from the buttons."""
    keys = desk_keys()
    return {
        "keys": {"evidence": keys.evidence, "note": keys.note, "next": keys.next_claim},
        "text": {
            "lastClaim": gettext(
                "That was the last claim here you had not labelled. Press %(key)s (Shift+%(lower)s) for the "
                "next article."
            )
            % {"key": keys.next_claim, "lower": keys.next_claim.lower()},
            "sessionExpired": str(SESSION_EXPIRED),
            "notSavedAfterExpiry": gettext("This last change was NOT saved."),
            "forbidden": gettext(
                "Not saved: the page's security token has expired or you may not do this. Reload the page "
                "and try again."
            ),
            "refused": gettext("Not saved: %(reason)s"),
            "refusedWithoutReason": gettext("Not saved: the request was refused."),
            "serverFailed": gettext("Not saved: the server failed (%(status)s). Try again in a moment."),
            "offline": gettext("Not saved: no connection to the server. Try again."),
        },
    }
