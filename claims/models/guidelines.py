"""The desk's guidelines (codebook): what counts as fact, opinion or unverifiable. Leads edit them; every
saved text is a new numbered version, and no version is ever changed or deleted by the app."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

GUIDELINES_MAX_LENGTH = 100_000
GUIDELINES_NOTE_MAX_LENGTH = 500


class GuidelinesChanged(Exception):
    """Another lead saved a version since this edit began. `current` is the version that is current now."""

    def __init__(self, current: GuidelineVersion | None) -> None:
        super().__init__("The guidelines were changed in the meantime.")
        self.current = current


class GuidelineVersionQuerySet(models.QuerySet):
    def current(self) -> GuidelineVersion | None:
        """The version reviewers read: the latest. None until a lead first saves (the page then shows the
        starter text, claims.guidelines.STARTER)."""
        return self.select_related("edited_by").order_by("-number").first()

    def save_next(self, *, text: str, note: str, by, base: int) -> GuidelineVersion:
        """Save `text` as the version after `base`, the number of the version the lead started from (0: the
        starter text). Raises GuidelinesChanged if `base` is no longer current. Two leads saving from the
        same version race for the same number; the unique number lets exactly one of them win."""
        current = self.current()
        if (current.number if current else 0) != base:
            raise GuidelinesChanged(current)
        try:
            with transaction.atomic(using=self.db):
                return self.create(number=base + 1, text=text, note=note, edited_by=by)
        except IntegrityError:
            raise GuidelinesChanged(self.current()) from None


class GuidelineVersion(models.Model):
    """One saved text of the guidelines. Append-only: an edit adds the next number."""

    number = models.PositiveIntegerField(pgettext_lazy("guidelines", "version"), unique=True, editable=False)
    text = models.TextField(_("text"), max_length=GUIDELINES_MAX_LENGTH)
    note = models.CharField(_("change note"), max_length=GUIDELINES_NOTE_MAX_LENGTH, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("edited by")
    )
    edited_at = models.DateTimeField(_("saved"), default=timezone.now, editable=False)

    objects = GuidelineVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("guidelines version")
        verbose_name_plural = _("guidelines versions")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="guideline_version_number_positive"),
        ]

    def __str__(self) -> str:
        return gettext("Guidelines, version %(number)s") % {"number": self.number}

    def previous(self) -> GuidelineVersion | None:
        return GuidelineVersion.objects.filter(number=self.number - 1).select_related("edited_by").first()
