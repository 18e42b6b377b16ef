"""`manage.py worker`: runs the desk's background jobs (django-tasks' db_worker) and retries what a dead
worker left behind (claims.jobs.recover_stalled_jobs), at start and then every minute, when it also deletes
exports older than EXPORT_KEEP_DAYS."""

from __future__ import annotations

import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from claims.jobs import prune_expired_exports, recover_stalled_jobs

RECOVERY_INTERVAL = 60.0  # seconds
logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run background imports and exports; start one or more beside the web server."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="Run what is queued, then exit (for tests and cron)."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at an empty queue (default 1)."
        )

    def handle(self, *, batch: bool, interval: float, verbosity: int, **options) -> None:
        recover_stalled_jobs()
        if not batch:
            threading.Thread(target=_recover_every_minute, daemon=True, name="recovery").start()
        call_command(
            "db_worker",
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=False,
            verbosity=verbosity,
            stdout=self.stdout,
            stderr=self.stderr,
        )


def _recover_every_minute() -> None:
    # Workers on other machines die too; this one's files are taken back after settings.JOB_TIMEOUT.
    stop = threading.Event()
    while not stop.wait(RECOVERY_INTERVAL):
        try:
            close_old_connections()
            recover_stalled_jobs()
            prune_expired_exports()
        except Exception:  # the database away for a moment: try again next minute
            logger.exception("recovering stalled jobs failed")
        finally:
            connection.close()
