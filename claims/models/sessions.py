"""Sessions that name their user, so that one query reads both for every request (claims/auth.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class Session(AbstractBaseSession):
    """Django's database session plus the id of the user logged in with it, the extension Django documents
    ("Extending database-backed session engines"). A user's sessions are deleted with the user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "claims_session"

    @classmethod
    def get_session_store_class(cls):
        from claims.auth import SessionStore

        return SessionStore
