"""Imports that run in the background: a batch of uploaded files, each imported by its own task
(claims.jobs.import_file). A file is a Job (claims.models.jobs): claimed by one worker, its article stored in
the transaction that marks it done, queued again if its worker dies."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claims.models.jobs import QUEUED, RUNNING, Job, JobQuerySet, RequestedQuerySet


class ImportBatch(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The interface language of the request, so that the worker words rejections in it.
    language = models.CharField(max_length=20, blank=True)

    objects = RequestedQuerySet.as_manager()

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"{self.pk}"

    def progress(self) -> BatchProgress:
        counts = self.files.aggregate(
            total=Count("pk"),
            finished=Count("pk", filter=Q(state__in=ImportFile.FINISHED)),
            failed=Count("pk", filter=Q(state__in=(ImportFile.State.REJECTED, ImportFile.State.FAILED))),
        )
        return BatchProgress(**counts)


@dataclass(frozen=True)
class BatchProgress:
    total: int
    finished: int
    failed: int

    @property
    def done(self) -> bool:
        return self.finished == self.total


class ImportFile(Job):
    """One uploaded file of a batch: its bytes until it is imported, then what became of it."""

    class State(models.TextChoices):
        QUEUED = QUEUED, _("waiting")
        RUNNING = RUNNING, _("importing")
        IMPORTED = "imported", _("imported")
        EXISTING = "existing", _("already imported")
        REJECTED = "rejected", _("rejected")
        FAILED = "failed", _("failed")

    FINISHED = (State.IMPORTED, State.EXISTING, State.REJECTED, State.FAILED)

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField()
    # Shown only, never used as a path.
    name = models.CharField(max_length=200)
    # The upload itself, in the database so that a worker on another machine can read it; emptied once the
    # file is imported. At most settings.IMPORT_MAX_BYTES + 1 bytes (one more says "too large").
    data = models.BinaryField(editable=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    article = models.ForeignKey(
        "claims.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claim_count = models.PositiveIntegerField(default=0)
    # Why the file was rejected, in the batch's language.
    reason = models.TextField(blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="import_file_position_unique"),
        ]
        indexes = [
            # ImportFile.objects.stalled(): the few files being imported right now.
            models.Index(fields=["state"], name="import_file_state_idx", condition=Q(state="running")),
        ]

    def __str__(self) -> str:
        return self.name

    def done(self, state: str, *, article=None, claim_count: int = 0, reason: str = "") -> bool:
        """The outcome, and the bytes dropped; False if the file was taken back from this worker meanwhile."""
        return self.finish(state, article=article, claim_count=claim_count, reason=reason, data=b"")

    def give_up(self, reason: str) -> bool:
        return self.done(self.State.FAILED, reason=reason)
