"""Optimistic concurrency, one mechanism for every record people edit: labels (value and note), evidence and
an article's details.

Each such record has a `version`. A page shows it; the change the page posts names it; the change is
written by one conditional UPDATE (`WHERE id = ... AND version = ...`, the version raised by one) and is
refused when the record moved on in the meantime: another tab, a lead's stale form, another reviewer. The
loser gets Conflict with the record as it is now, which the view answers with HTTP 409 and the current
values, so nothing is overwritten unseen. Repeating the change just made (a double click, a retry) is not a
conflict. The label's value is written the same way in hand-written SQL, with its history event
(claims.models.labels); decisions and guideline versions are append-only and name the one they replace.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class Conflict(Exception):
    """The record changed since the page showed it. `current` is the record as saved now (None: gone)."""

    def __init__(self, current: models.Model | None) -> None:
        super().__init__("The record was changed in the meantime.")
        self.current = current


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True

    def update_from(self, expected_version: int, **changes) -> bool:
        """Write `changes` if the record is still at `expected_version` (True); else Conflict, unless what is
        saved now already equals `changes` (a double submit, or two tabs making the same change: False)."""
        written = (
            type(self)
            .objects.filter(pk=self.pk, version=expected_version)
            .update(version=F("version") + 1, **changes)
        )
        if written:
            for name, value in changes.items():
                setattr(self, name, value)
            self.version = expected_version + 1
            return True
        current = type(self).objects.filter(pk=self.pk).first()
        if current is None or any(getattr(current, name) != value for name, value in changes.items()):
            raise Conflict(current)
        for name in [*changes, "version"]:
            setattr(self, name, getattr(current, name))
        return False

    def delete_from(self, expected_version: int) -> None:
        """Delete the record if it is still at `expected_version`; else Conflict (a record already gone is
        no conflict: the deletion happened)."""
        deleted, _counts = type(self).objects.filter(pk=self.pk, version=expected_version).delete()
        if not deleted:
            current = type(self).objects.filter(pk=self.pk).first()
            if current is not None:
                raise Conflict(current)
