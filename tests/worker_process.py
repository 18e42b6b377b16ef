"""`manage.py worker` for the tests (tests/jobs_helpers.start_worker), slowed down on request: with
WORKER_SLOW_STORE seconds of sleep after each article is written and before its transaction commits, a test
can kill the worker in the middle of a file."""

from __future__ import annotations

import os
import sys
import time

import django
from django.core.management import call_command


def main() -> None:
    django.setup()
    slow = float(os.environ.get("WORKER_SLOW_STORE") or 0)
    if slow:
        from claims import jobs

        store = jobs.importing.store

        def slow_store(parsed, *, by=None):
            result = store(parsed, by=by)
            time.sleep(slow)
            return result

        jobs.importing.store = slow_store
    call_command("worker", batch="--batch" in sys.argv, interval=0.1)


if __name__ == "__main__":
    main()
