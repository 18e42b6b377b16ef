"""Roles are Django groups; admins are staff users. One place says who may do what."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy

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


WORK_ON_THE_DESK = gettext_lazy("Only reviewers, leads and admins work on the desk.")
LABEL_CLAIMS = gettext_lazy("Only reviewers, leads and admins label claims.")
IMPORT_ARTICLES = gettext_lazy("Only reviewers, leads and admins import articles.")
EDIT_ARTICLES = gettext_lazy("Only reviewers, leads and admins correct an article's details.")
EXPORT_LABELS = gettext_lazy("Only reviewers, leads and admins export labels.")
SEARCH_CLAIMS = gettext_lazy("Only reviewers, leads and admins search the claims.")
ASSIGN_ARTICLES = gettext_lazy("Only leads and admins assign articles.")


def require_reviewer(user: User, refusal=WORK_ON_THE_DESK) -> None:
    """Refuse (403) anyone who is not a reviewer, lead or admin, saying `refusal` (one of the above)."""
    if not is_reviewer(user):
        raise PermissionDenied(str(refusal))


def require_lead(user: User, refusal) -> None:
    """Refuse (403) anyone who is not a lead or admin, saying `refusal`."""
    if not is_lead(user):
        raise PermissionDenied(str(refusal))


def desk_members() -> QuerySet:
    """The active people who may label (is_reviewer): those a lead can assign articles to, by username."""
    users = get_user_model()
    in_a_role = Group.user_set.through.objects.filter(user=OuterRef("pk"), group__name__in=[REVIEWERS, LEADS])
    return users.objects.filter(Q(Exists(in_a_role)) | Q(is_staff=True), is_active=True).order_by(
        users.USERNAME_FIELD
    )
