"""What a person on the desk chooses for themselves; their roles are Django groups (claims.roles)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """A reviewer's preferences, beside Django's own user model (which stays as Django ships it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    # A code from settings.LANGUAGES; empty: the browser's language. Not a choices field, so that adding a
    # language to settings needs no migration.
    language = models.CharField(
        _("interface language"),
        max_length=16,
        blank=True,
        help_text=_("Empty: the language the browser asks for."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)
