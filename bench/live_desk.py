"""A throwaway Newsdesk for the scripts that drive the desk in Chromium (bench/ready_to_label.py): its own
SQLite database in a temporary folder, served by gunicorn as `make run` does.

    with live_desk() as desk:        # migrated, seeds/ imported, gunicorn serving on desk.url
        User.objects.create_user()   # this process has Django set up on the same database

Nothing outside the temporary folder is written but staticfiles/ (collectstatic, as make run does).
"""

from __future__ import annotations

import io
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Desk:
    url: str  # like pytest-django's live_server, so tests/browser.py's log_in() takes it


def desk_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment a benchmark's desk runs with, in its own process or a child's: this one's, the
    database, a fresh secret, make run's settings (DEBUG off, plain HTTP), and `extra`."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "HTTPS_ONLY": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        **extra,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_desk() -> Iterator[Desk]:
    import django
    from django.core.management import call_command

    with tempfile.TemporaryDirectory(prefix="newsdesk-") as folder:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="newsdesk.settings",
            DATABASE_URL=f"sqlite:///{folder}/newsdesk.sqlite3",
            SECRET_KEY=secrets.token_urlsafe(50),
            DEBUG="0",
            HTTPS_ONLY="0",
            ALLOWED_HOSTS="127.0.0.1",
        )
        django.setup()
        quiet = io.StringIO()
        call_command("migrate", "--noinput", stdout=quiet)
        call_command("collectstatic", "--noinput", stdout=quiet)
        call_command("import_articles", str(ROOT / "seeds"), stdout=quiet)
        port = free_port()
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        # gunicorn.conf.py in ROOT gives make run's workers; no access log.
        server = subprocess.Popen(
            [gunicorn, "newsdesk.wsgi", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT
        )
        try:
            wait_for_port(port)
            yield Desk(url=f"http://127.0.0.1:{port}")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


def wait_for_port(port: int) -> None:
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")
