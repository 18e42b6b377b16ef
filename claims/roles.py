"""Roles are Django groups; admins are staff users. One place says who may do what."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

REVIEWERS = "Reviewers"
LEADS = "Leads"

User = AbstractBaseUser | AnonymousUser


def _groups(user: User) -> set[str]:
    # Cached per request object: templates and views ask several times per page.
    cached = getattr(user, "_newsdesk_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        user._newsdesk_groups = cached
    return cached


def is_admin(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def is_lead(user: User) -> bool:
    return is_admin(user) or (user.is_active and LEADS in _groups(user))


def is_reviewer(user: User) -> bool:
    """May import articles and label claims: Reviewers, Leads and admins."""
    return is_lead(user) or (user.is_active and REVIEWERS in _groups(user))


def require_reviewer(user: User, action: str = "work on the desk") -> None:
    """Refuse (403) anyone who is not a reviewer, lead or admin; `action` completes the message."""
    if not is_reviewer(user):
        raise PermissionDenied(f"Only reviewers, leads and admins {action}.")
