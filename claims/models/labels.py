"""What reviewers add to a claim: labels, their append-only history, evidence, and correction history."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

URL_MAX_LENGTH = 2048
NOTE_MAX_LENGTH = 10_000

http_url_validator = URLValidator(schemes=["http", "https"])


class Label(models.Model):
    """One reviewer's judgement of one claim; every change is also written to LabelEvent."""

    class Value(models.TextChoices):
        FACT = "fact", "Fact"
        OPINION = "opinion", "Opinion"
        UNVERIFIABLE = "unverifiable", "Unverifiable"

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="labels")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="labels")
    value = models.CharField(max_length=16, choices=Value.choices)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim", "reviewer"], name="label_one_per_reviewer_and_claim"),
            models.CheckConstraint(
                condition=Q(value__in=["fact", "opinion", "unverifiable"]), name="label_value_valid"
            ),
        ]
        indexes = [
            # "Not finished by me" and the reviewer's queue: a reviewer's labels, newest first.
            models.Index(fields=["reviewer", "-updated_at"], name="label_reviewer_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.value} on claim {self.claim_id}"


class LabelEvent(models.Model):
    """Append-only history: one row per label change, never updated or deleted by the app."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="label_events")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="label_events"
    )
    old_value = models.CharField(max_length=16, choices=Label.Value.choices, blank=True)
    new_value = models.CharField(max_length=16, choices=Label.Value.choices, blank=True)
    at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["claim", "at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(old_value=F("new_value")), name="label_event_is_a_change"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.old_value or '–'} → {self.new_value or '–'} on claim {self.claim_id}"


class Evidence(models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        CONTEXT = "context", "Context"

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=URL_MAX_LENGTH, validators=[http_url_validator])
    title = models.CharField(max_length=500, blank=True)
    stance = models.CharField(max_length=16, choices=Stance.choices)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence")
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["claim", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "url"], name="evidence_url_unique_per_claim"),
            models.CheckConstraint(
                condition=Q(stance__in=["supports", "refutes", "context"]), name="evidence_stance_valid"
            ),
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="evidence_url_http_or_https",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stance}: {self.url}"


class SegmentationEvent(models.Model):
    """Append-only history of segmentation corrections (merge, split, change of kind)."""

    class Action(models.TextChoices):
        MERGE = "merge", "Merged"
        SPLIT = "split", "Split"
        KIND = "kind", "Changed kind"

    article = models.ForeignKey(
        "claims.Article", on_delete=models.CASCADE, related_name="segmentation_events"
    )
    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="segmentation_events"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=8, choices=Action.choices)
    detail = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["article", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["merge", "split", "kind"]), name="segmentation_event_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.by}: {self.action} on claim {self.claim_id}"
