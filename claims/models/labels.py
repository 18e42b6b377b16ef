"""What reviewers add to a claim: labels, their append-only history, evidence, and correction history."""

from __future__ import annotations

from contextlib import nullcontext
from functools import cache

from django.conf import settings
from django.core.validators import URLValidator
from django.db import connections, models, router, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from claims.models.versioned import Versioned

URL_MAX_LENGTH = 2048
NOTE_MAX_LENGTH = 10_000

http_url_validator = URLValidator(schemes=["http", "https"])

# A label and its history event are written together. Labelling is the desk's hottest path
# (bench/label_latency.py), and two ORM saves in a transaction cost about 1 ms of CPU and four round trips;
# on PostgreSQL one statement with a data-modifying CTE does both, atomically, in one round trip.
# SQLite has no data-modifying CTEs and runs the two statements in a transaction instead.
_INSERT_LABEL = """
INSERT INTO {label} (claim_id, reviewer_id, value, note, version, created_at, updated_at)
VALUES (%s, %s, %s, '', 1, %s, %s)
ON CONFLICT (claim_id, reviewer_id) DO NOTHING
RETURNING id, claim_id, reviewer_id"""
_UPDATE_LABEL = """
UPDATE {label} SET value = %s, version = version + 1, updated_at = %s
WHERE id = %s AND version = %s
RETURNING id, claim_id, reviewer_id"""
_INSERT_EVENT = "INSERT INTO {event} (claim_id, reviewer_id, old_value, new_value, at)"
# PostgreSQL: the label write and its event as one statement; the event is written only if the label was,
# and the statement returns the label's id.
_WITH_EVENT = """
WITH label AS ({write}) {insert_event}
SELECT claim_id, reviewer_id, %s, %s, %s FROM label RETURNING (SELECT id FROM label)"""


@cache
def _statements(vendor: str, label_table: str, event_table: str) -> dict[str, str]:
    """The label writes (INSERT, UPDATE) and the event write for these tables (quoted), in the form the
    database runs them: with the event in the same statement on PostgreSQL, after it elsewhere."""
    tables = {"label": label_table, "event": event_table}
    writes = {"insert": _INSERT_LABEL.format(**tables), "update": _UPDATE_LABEL.format(**tables)}
    insert_event = _INSERT_EVENT.format(**tables)
    if vendor == "postgresql":
        return {
            kind: _WITH_EVENT.format(write=sql, insert_event=insert_event) for kind, sql in writes.items()
        }
    return {**writes, "event": f"{insert_event} VALUES (%s, %s, %s, %s, %s)"}


def _write_with_event(using: str, write: str, label_params: list, old: str, new: str, at) -> int | None:
    """Run the label `write` ("insert" or "update", RETURNING the label) and, if it wrote a row, its event.
    `at` is already adapted for the database. Returns the label's id, or None if nothing was written."""
    connection = connections[using]
    quote = connection.ops.quote_name
    statements = _statements(connection.vendor, quote(Label._meta.db_table), quote(LabelEvent._meta.db_table))
    # One statement is atomic by itself; inside a caller's transaction a savepoint keeps a failure from
    # breaking it. Two statements always need a transaction.
    one_statement = connection.vendor == "postgresql"
    block = transaction.atomic(using) if connection.in_atomic_block or not one_statement else nullcontext()
    with block, connection.cursor() as cursor:
        if one_statement:
            cursor.execute(statements[write], [*label_params, old, new, at])
            row = cursor.fetchone()
            return row[0] if row else None
        cursor.execute(statements[write], label_params)
        row = cursor.fetchone()
        if row is None:
            return None
        cursor.execute(statements["event"], [row[1], row[2], old, new, at])
        return row[0]


class LabelManager(models.Manager):
    def _for_write(self, at) -> tuple[str, object]:
        using = router.db_for_write(self.model)
        return using, connections[using].ops.adapt_datetimefield_value(at)

    def create_with_event(self, *, claim_id: int, reviewer_id: int, value: str, at) -> int | None:
        """The reviewer's first label on the claim and its history event; returns the label's id. None: the
        reviewer already has a label there (another tab got there first), and nothing was written."""
        using, at = self._for_write(at)
        params = [claim_id, reviewer_id, value, at, at]
        return _write_with_event(using, "insert", params, "", value, at)

    def change_with_event(self, *, pk: int, expected_version: int, old_value: str, value: str, at) -> bool:
        """Change a label if it is still at `expected_version`, with its history event. False: it is not
        (it changed in the meantime, or is gone), and nothing was written."""
        using, at = self._for_write(at)
        params = [value, at, pk, expected_version]
        return _write_with_event(using, "update", params, old_value, value, at) is not None


class LabelValue(models.TextChoices):
    """The label vocabulary, spelled here and nowhere else: the desk's buttons, their keys and CSS classes,
    the desk script's key bindings (read from the page), the export mappings and the label status all
    derive from it. A new value is a member here, a migration (the constraint below), a colour in
    newsdesk.css and a translation whose first letter collides with no other desk key (claims.shortcuts)."""

    FACT = "fact", pgettext_lazy("label", "Fact")
    OPINION = "opinion", pgettext_lazy("label", "Opinion")
    UNVERIFIABLE = "unverifiable", pgettext_lazy("label", "Unverifiable")

    @property
    def key(self) -> str:
        """The key that sets this label on the desk: the first letter of its word in the interface language,
        as the button shows it."""
        return str(self.label)[:1].lower()

    @property
    def checkable(self) -> bool:
        """A checkable factual claim: the `checkable` column of the research exports."""
        return self == type(self).FACT

    @property
    def subjectivity(self) -> str:
        """CLEF CheckThat! subjectivity: an opinion is subjective (SUBJ), everything else objective (OBJ)."""
        return "SUBJ" if self == type(self).OPINION else "OBJ"


class Label(Versioned):
    """One reviewer's judgement of one claim; every change of its value is also written to LabelEvent.
    `version` (Versioned) rises with every change of the value or the note."""

    Value = LabelValue

    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.CASCADE, related_name="labels", verbose_name=_("claim")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="labels", verbose_name=_("reviewer")
    )
    value = models.CharField(_("label"), max_length=16, choices=Value.choices)
    note = models.TextField(_("note"), blank=True, max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    objects = LabelManager()

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        constraints = [
            models.UniqueConstraint(fields=["claim", "reviewer"], name="label_one_per_reviewer_and_claim"),
            models.CheckConstraint(condition=Q(value__in=LabelValue.values), name="label_value_valid"),
        ]
        indexes = [
            # "Not finished by me" and the reviewer's queue: a reviewer's labels, newest first.
            models.Index(fields=["reviewer", "-updated_at"], name="label_reviewer_recent"),
            # The disputes queue (waiting_claim_ids): labels oldest first, with the value and id, so that
            # PostgreSQL walks it without reading the table.
            models.Index(fields=["updated_at", "claim"], include=["value", "id"], name="label_waiting"),
        ]

    def __str__(self) -> str:
        return gettext("%(reviewer)s: %(label)s on claim %(claim)s") % {
            "reviewer": self.reviewer,
            "label": self.get_value_display(),
            "claim": self.claim_id,
        }


class LabelEvent(models.Model):
    """Append-only history: one row per label change, never updated or deleted by the app."""

    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.CASCADE, related_name="label_events", verbose_name=_("claim")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="label_events",
        verbose_name=_("reviewer"),
    )
    old_value = models.CharField(_("old label"), max_length=16, choices=Label.Value.choices, blank=True)
    new_value = models.CharField(_("new label"), max_length=16, choices=Label.Value.choices, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("label change")
        verbose_name_plural = _("label history")
        ordering = ["claim_id", "at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(old_value=F("new_value")), name="label_event_is_a_change"),
        ]

    def __str__(self) -> str:
        return gettext("%(reviewer)s: %(old)s → %(new)s on claim %(claim)s") % {
            "reviewer": self.reviewer,
            "old": self.get_old_value_display() or "–",
            "new": self.get_new_value_display() or "–",
            "claim": self.claim_id,
        }


class EvidenceStance(models.TextChoices):
    """How a piece of evidence bears on its claim; spelled here only, like LabelValue."""

    SUPPORTS = "supports", pgettext_lazy("stance", "Supports")
    REFUTES = "refutes", pgettext_lazy("stance", "Refutes")
    CONTEXT = "context", pgettext_lazy("stance", "Context")


class Evidence(Versioned):
    """A link for or against a claim. Its author or a lead edits it, each from the version their page
    showed (Versioned): two tabs, or a lead's stale form, never overwrite each other unseen."""

    Stance = EvidenceStance

    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.CASCADE, related_name="evidence", verbose_name=_("claim")
    )
    url = models.URLField(_("link"), max_length=URL_MAX_LENGTH, validators=[http_url_validator])
    title = models.CharField(_("title"), max_length=500, blank=True)
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices)
    note = models.TextField(_("note"), blank=True, max_length=NOTE_MAX_LENGTH)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="evidence",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["claim_id", "added_at", "pk"]
        constraints = [
            # Per reviewer, not per claim: a reviewer who has not labelled yet must not learn from a refused
            # link that someone else found it (blind until labelled), so each keeps their own evidence.
            models.UniqueConstraint(
                fields=["claim", "url", "added_by"], name="evidence_url_unique_per_claim_and_reviewer"
            ),
            models.CheckConstraint(
                condition=Q(stance__in=EvidenceStance.values), name="evidence_stance_valid"
            ),
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="evidence_url_http_or_https",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.url}"


class SegmentationEvent(models.Model):
    """Append-only history of segmentation corrections (merge, split, change of kind) and their undoing.

    The event a correction writes on its first claim keeps in `snapshot` what undoing it needs
    (claims.models.corrections): {"before": the claims as they were, with every label and piece of evidence,
    "after": the same as the correction left them}. A split's second part gets an event whose snapshot only
    points at that one ({"undo_with": its pk}). An undo is an event of its own, pointing at what it undid."""

    class Action(models.TextChoices):
        MERGE = "merge", _("Merged")
        SPLIT = "split", _("Split")
        KIND = "kind", _("Changed kind")
        UNDO = "undo", _("Undone")

    article = models.ForeignKey(
        "claims.Article",
        on_delete=models.CASCADE,
        related_name="segmentation_events",
        verbose_name=_("article"),
    )
    claim = models.ForeignKey(
        "claims.Claim",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="segmentation_events",
        verbose_name=_("claim"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    action = models.CharField(_("correction"), max_length=8, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=1000, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True, editable=False)
    undo_of = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="undone_by",
        verbose_name=_("undoes"),
    )

    class Meta:
        verbose_name = _("segmentation correction")
        verbose_name_plural = _("segmentation corrections")
        ordering = ["article_id", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["merge", "split", "kind", "undo"]),
                name="segmentation_event_action_valid",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(by)s: %(action)s on claim %(claim)s") % {
            "by": self.by,
            "action": self.get_action_display(),
            "claim": self.claim_id,
        }
