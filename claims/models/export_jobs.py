"""Exports written in the background (claims.jobs.write_export) and kept for download.

The file is kept in the database, in chunks of about a megabyte: a worker may run on another machine than the
app server that serves the download (app servers hold no state), and chunks keep memory flat both while the
file is written and while it is sent. It is kept EXPORT_KEEP_DAYS days and only its requester and leads may
download it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claims.models.jobs import QUEUED, RUNNING, Job, JobQuerySet, RequestedQuerySet

CHUNK_BYTES = 1024 * 1024


class ExportJobQuerySet(JobQuerySet, RequestedQuerySet):
    def expired(self) -> ExportJobQuerySet:
        return self.filter(created_at__lt=timezone.now() - timedelta(days=settings.EXPORT_KEEP_DAYS))


class ExportJob(Job):
    class State(models.TextChoices):
        QUEUED = QUEUED, _("waiting")
        RUNNING = RUNNING, _("being written")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    language = models.CharField(max_length=20, blank=True)
    # The Export page's parameters (each a list, as a query string has them), read again by the worker.
    query = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    # ASCII, made by Export.filename(); never a user's text.
    filename = models.CharField(max_length=100, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    rows = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    reason = models.TextField(blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        indexes = [
            # ExportJob.objects.stalled(): the few exports being written right now.
            models.Index(fields=["state"], name="export_job_state_idx", condition=models.Q(state="running")),
        ]

    def __str__(self) -> str:
        return self.filename or str(self.pk)

    def write(self, pieces: Iterable[bytes]) -> int:
        """Store the file in chunks under this attempt's number, each committed as it is written (one long
        transaction would hold SQLite's write lock for the whole export); returns its size. Chunks of an
        earlier attempt are dropped first; a file is only served once finished, so a part is never sent."""
        self.chunks.exclude(attempt=self.attempts).delete()
        size, number, buffer = 0, 0, bytearray()
        for piece in pieces:
            buffer += piece
            if len(buffer) >= CHUNK_BYTES:
                size += self._chunk(number, buffer)
                number, buffer = number + 1, bytearray()
        if buffer or number == 0:
            size += self._chunk(number, buffer)
        return size

    def _chunk(self, number: int, data: bytearray) -> int:
        ExportChunk.objects.create(job=self, attempt=self.attempts, number=number, data=bytes(data))
        self.alive()
        return len(data)

    def file(self) -> Iterator[bytes]:
        """The finished file, a chunk (one query) at a time."""
        numbers = self.chunks.filter(attempt=self.attempts).order_by("number").values_list("pk", flat=True)
        for pk in list(numbers):
            yield bytes(ExportChunk.objects.values_list("data", flat=True).get(pk=pk))

    def give_up(self, reason: str) -> bool:
        return self.finish(self.State.FAILED, reason=reason)


class ExportChunk(models.Model):
    job = models.ForeignKey(ExportJob, on_delete=models.CASCADE, related_name="chunks")
    attempt = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "attempt", "number"], name="export_chunk_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}/{self.attempt}/{self.number}"
