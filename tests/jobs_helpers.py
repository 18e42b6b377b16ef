"""Helpers for the background-import tests: uploads, and workers run in this process or as real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from claims.models import ImportFile

ROOT = Path(__file__).resolve().parent.parent


def article_files(n: int) -> list[SimpleUploadedFile]:
    """n different short articles."""
    return [
        SimpleUploadedFile(
            f"meldung-{i:02}.txt",
            f"Meldung Nummer {i}\n\nDer Stadtrat hat am Dienstag {i} neue Bänke beschlossen. "
            f"Sie kosten {i * 100} Euro.".encode(),
        )
        for i in range(n)
    ]


def run_queued_jobs() -> None:
    """`manage.py worker --batch` in this process: what is queued runs, then it returns. db_worker installs
    its own SIGINT/SIGTERM handlers; pytest gets its own back. Its close_old_connections would close the
    test's connection, which is inside the test's transaction (Django's TestCase disconnects the same call
    from its requests for that reason)."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("worker", batch=True, verbosity=0)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def start_worker(*, slow: float = 0.0, batch: bool = False) -> subprocess.Popen:
    """`manage.py worker` as a process of its own on the test database; `slow` seconds of sleep inside each
    file's transaction, so that a kill lands in the middle of one."""
    env = {
        **os.environ,
        "WORKER_DATABASE_NAME": str(connection.settings_dict["NAME"]),
        "WORKER_SLOW_STORE": str(slow),
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "PYTHONUNBUFFERED": "1",
    }
    command = [sys.executable, "-m", "tests.worker_process", *(["--batch"] if batch else [])]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def wait_until_started(worker: subprocess.Popen, timeout: float = 60) -> None:
    """Until db_worker says it is polling the queue."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = worker.stdout.readline()
        if not line and worker.poll() is not None:
            raise AssertionError(f"the worker exited with {worker.returncode}")
        if "Starting worker" in line:
            return
    raise AssertionError("the worker did not start in time")


def wait_for(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.kill()
    worker.wait(timeout=30)
    if worker.stdout:
        worker.stdout.close()


def finished_files() -> int:
    return ImportFile.objects.filter(state__in=ImportFile.FINISHED).count()
