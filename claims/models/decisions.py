"""A lead's decisions: the settled label of a claim whose reviewers disagree."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.models.labels import NOTE_MAX_LENGTH, LabelValue


class DecisionConflict(Exception):
    """Another decision was made since the lead saw the claim (another lead, another tab).

    `current` is the claim's latest decision now (None: there is none)."""

    def __init__(self, current: Decision | None) -> None:
        super().__init__("The claim was decided in the meantime.")
        self.current = current


class Decision(models.Model):
    """A lead's final label for a claim, with an optional reason. Append-only, like the label history: a
    new decision supersedes the claim's earlier ones, which stay as its history, and the latest is the
    settled label (ClaimQuerySet.with_label_status() says when a later label reopens it)."""

    Value = LabelValue

    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.CASCADE, related_name="decisions", verbose_name=_("claim")
    )
    value = models.CharField(_("label"), max_length=16, choices=LabelValue.choices)
    reason = models.TextField(_("reason"), blank=True, max_length=NOTE_MAX_LENGTH)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["claim_id", "decided_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(value__in=LabelValue.values), name="decision_value_valid"),
        ]
        indexes = [
            # with_label_status(), for every claim of every page and export: the claim's latest decision.
            models.Index(fields=["claim", "-decided_at", "-id"], name="decision_latest_per_claim"),
        ]

    def __str__(self) -> str:
        return gettext("%(lead)s: %(label)s on claim %(claim)s") % {
            "lead": self.decided_by,
            "label": self.get_value_display(),
            "claim": self.claim_id,
        }
