"""What the desk's background jobs share (claims.jobs runs them on django-tasks' database backend).

django-tasks-db marks a task RUNNING when a worker takes it and never looks at it again, so a worker killed
mid-task (SIGKILL, out of memory, a machine gone) would leave its work undone for ever. A Job row is ours:
it is claimed by one conditional update (queued → running), so two workers never do one job twice; its
result is written in the transaction that marks it done, so a killed worker leaves it "running" with nothing
half-written; and a job whose worker is gone (JobQuerySet.stalled) is queued again.
"""

from __future__ import annotations

import os
import secrets
import socket
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone

from claims import roles

QUEUED, RUNNING = "queued", "running"


# Tells this process from an earlier one that had the same id: a worker restarted in the same container often
# gets the same process id as the one that died.
_PROCESS_TOKEN = secrets.token_hex(4)


def this_worker() -> str:
    """Who is doing a job: host, process and a token, so that a restarted worker can tell its dead
    predecessor's jobs from those of a worker still running on another machine."""
    return f"{socket.gethostname()}:{os.getpid()}:{_PROCESS_TOKEN}"[:200]


def _worker_is_gone(worker: str) -> bool:
    """True when `worker` ran on this host and its process no longer exists (or has been replaced by this
    one). A worker on another host cannot be asked; its jobs are taken back only after
    settings.JOB_TIMEOUT without a sign of life."""
    host, _, rest = worker.partition(":")
    pid, _, token = rest.partition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return token != _PROCESS_TOKEN
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process: alive
        return False
    return False


class RequestedQuerySet(models.QuerySet):
    """Work someone asked for (an import batch, an export): theirs to see, and every lead's."""

    def visible_to(self, user):
        return self if roles.is_lead(user) else self.filter(requested_by=user)


class JobQuerySet(models.QuerySet):
    def claim(self, pk: int, *, worker: str):
        """Take a queued job for `worker`; None if it is not queued (done, or another worker has it).

        One conditional UPDATE: of two workers given the same job, the database lets exactly one through.
        """
        claimed = self.filter(pk=pk, state=QUEUED).update(
            state=RUNNING, worker=worker, alive_at=timezone.now(), attempts=F("attempts") + 1
        )
        return self.get(pk=pk) if claimed else None

    def stalled(self) -> list:
        """Jobs being done by a worker that is gone: its process ended on this host, or it has shown no sign
        of life for settings.JOB_TIMEOUT seconds (longer than any file takes to import), wherever it ran."""
        cutoff = timezone.now() - timedelta(seconds=settings.JOB_TIMEOUT)
        running = self.filter(state=RUNNING).only("pk", "worker", "alive_at", "attempts")
        return [job for job in running if job.alive_at < cutoff or _worker_is_gone(job.worker)]


class Job(models.Model):
    """state is a subclass's TextChoices, whose first two values are QUEUED and RUNNING."""

    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True)
    # When the worker last showed it was alive: when it took the job, and with each chunk an export writes.
    alive_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        abstract = True

    def finish(self, state: str, **fields) -> bool:
        """Record the outcome of this attempt; False if the job was taken back from this worker meanwhile
        (it was thought dead), so that the caller rolls its work back."""
        return bool(
            type(self)
            .objects.filter(pk=self.pk, state=RUNNING, attempts=self.attempts)
            .update(state=state, finished_at=timezone.now(), **fields)
        )

    def alive(self) -> None:
        mine = type(self).objects.filter(pk=self.pk, state=RUNNING, attempts=self.attempts)
        mine.update(alive_at=timezone.now())

    def requeue(self) -> bool:
        """Put a job whose worker is gone back in the queue; False if it moved on meanwhile (finished, or
        another worker's recovery took it first)."""
        return bool(
            type(self)
            .objects.filter(pk=self.pk, state=RUNNING, attempts=self.attempts, worker=self.worker)
            .update(state=QUEUED)
        )
