"""Roles are Django groups; admins are staff users. One place says who may do what."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.db.models import Exists, Value

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


def _role_expression(user: User, groups: list[str]):
    if not (user.is_authenticated and user.is_active):
        return Value(False)
    if user.is_staff:
        return Value(True)
    return Exists(Group.objects.filter(user=user.pk, name__in=groups))


def may_review_expression(user: User):
    """is_reviewer(user) as an SQL expression, to annotate onto the row a hot endpoint loads anyway."""
    return _role_expression(user, [REVIEWERS, LEADS])


def may_lead_expression(user: User):
    """is_lead(user) as an SQL expression."""
    return _role_expression(user, [LEADS])
