"""Imports that run in the background: a batch of uploaded files, each imported by its own task.

The queue is django-tasks' database backend (claims.jobs); these rows are what the desk shows and what makes
a retry safe. Each file is claimed by one conditional update (queued → importing), so two workers never
import one file twice, and its article is stored in the same transaction that marks it done, so a worker
killed midway leaves the file "importing" and nothing half-written. A worker that is gone is noticed by
claims.jobs.recover_stalled_imports, which puts its file back in the queue.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claims import roles


def this_worker() -> str:
    """Who is importing a file: host and process, so a restarted worker can tell its dead predecessor's
    files from those of a worker that is still running on another machine."""
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def _worker_is_gone(worker: str) -> bool:
    """True when `worker` ran on this host and its process no longer exists. A worker on another host cannot
    be asked; its files are taken back only after settings.IMPORT_JOB_TIMEOUT."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process: alive
        return False
    return False


class ImportBatchQuerySet(models.QuerySet):
    def visible_to(self, user) -> ImportBatchQuerySet:
        """Who requested a batch sees it, and leads see every batch."""
        if roles.is_lead(user):
            return self
        return self.filter(requested_by=user)


class ImportBatch(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The interface language of the request, so that the worker words rejections in it.
    language = models.CharField(max_length=20, blank=True)

    objects = ImportBatchQuerySet.as_manager()

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


class ImportFileQuerySet(models.QuerySet):
    def claim(self, file_id: int, *, worker: str) -> ImportFile | None:
        """Take a queued file for `worker`; None if it is not queued (done, or another worker has it).

        One conditional UPDATE: of two workers given the same file, the database lets exactly one through.
        """
        claimed = self.filter(pk=file_id, state=ImportFile.State.QUEUED).update(
            state=ImportFile.State.RUNNING,
            worker=worker,
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
        if not claimed:
            return None
        return self.select_related("batch__requested_by").get(pk=file_id)

    def stalled(self) -> list[ImportFile]:
        """Files being imported by a worker that is gone: its process ended on this host, or it has held the
        file longer than any import takes (settings.IMPORT_JOB_TIMEOUT), wherever it ran."""
        cutoff = timezone.now() - timedelta(seconds=settings.IMPORT_JOB_TIMEOUT)
        running = self.filter(state=ImportFile.State.RUNNING).only("pk", "worker", "started_at", "attempts")
        return [f for f in running if f.started_at < cutoff or _worker_is_gone(f.worker)]


class ImportFile(models.Model):
    """One uploaded file of a batch: its bytes until it is imported, then what became of it."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("importing")
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
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    article = models.ForeignKey(
        "claims.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claim_count = models.PositiveIntegerField(default=0)
    # Why the file was rejected, in the batch's language.
    reason = models.TextField(blank=True)

    objects = ImportFileQuerySet.as_manager()

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

    def finish(self, state: str, *, article=None, claim_count: int = 0, reason: str = "") -> bool:
        """Record the outcome of this attempt and drop the bytes; False if the file was taken back from
        this worker meanwhile (recover_stalled_imports), so the caller rolls its article back."""
        return bool(
            ImportFile.objects.filter(pk=self.pk, state=self.State.RUNNING, attempts=self.attempts).update(
                state=state,
                article=article,
                claim_count=claim_count,
                reason=reason,
                data=b"",
                finished_at=timezone.now(),
            )
        )

    def requeue(self) -> bool:
        """Put a file whose worker is gone back in the queue; False if it moved on meanwhile (finished, or
        another recovery took it first)."""
        return bool(
            ImportFile.objects.filter(
                pk=self.pk, state=self.State.RUNNING, attempts=self.attempts, worker=self.worker
            ).update(state=self.State.QUEUED)
        )

    def give_up(self, reason: str) -> bool:
        return self.finish(self.State.FAILED, reason=reason)
