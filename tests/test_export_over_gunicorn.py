"""Through a real gunicorn, a download that fails after its first byte fails for the client too.

The file holds only the header and the rows, so nothing in it says that it is complete: the transfer does.
gunicorn sends a streamed response in chunks and drops the connection without the last one when the app
raises mid-stream; a browser or http.client then reports an incomplete download, never a short file.
PostgreSQL only: gunicorn is another process, told which database to use by DATABASE_URL, and the settings
read no such variable for an SQLite file (they always open var/newsdesk.sqlite3).
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import client_for
from tests.exporting import label, make_article, read_csv

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
BROKEN = "Hier bricht die Datenbankverbindung ab."

# The worker's claims CSV fails on the claim BROKEN, as it would if the database went away at that row.
CONFIG = f"""
workers = 1
def post_worker_init(worker):
    from claims.exports.claims_csv import ClaimsCsv
    line = ClaimsCsv.line
    def fails_on_the_broken_claim(self, record, out):
        if record.text == {BROKEN!r}:
            raise RuntimeError("database gone")
        return line(self, record, out)
    ClaimsCsv.line = fails_on_the_broken_claim
"""

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="gunicorn finds the test database through DATABASE_URL, which is for PostgreSQL",
    ),
]


@pytest.fixture(scope="module")
def gunicorn(django_db_setup, tmp_path_factory):
    """gunicorn on a free port, against the test database; yields the port."""
    db = connection.settings_dict
    config = tmp_path_factory.mktemp("gunicorn") / "config.py"
    config.write_text(CONFIG)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "SECRET_KEY": settings.SECRET_KEY,  # so the session cookie the test makes is valid there
        "DEBUG": "0",
        "HTTPS_ONLY": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    server = subprocess.Popen(
        [GUNICORN, "newsdesk.wsgi", "-c", str(config), "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,  # the worker logs the error it was made to raise
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def download(port: int, user) -> http.client.HTTPResponse:
    cookie = client_for(user).cookies[settings.SESSION_COOKIE_NAME].value
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/export/download/", headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"})
    return conn.getresponse()


def test_a_complete_download_arrives_whole(gunicorn, roles_exist, lead, reviewer):
    for claim in make_article(["Erster Satz.", "Zweiter Satz."]).claims.all():
        label(claim, reviewer, "fact")
    response = download(gunicorn, lead)
    assert response.status == 200
    assert [r["claim_text"] for r in read_csv(response.read())] == ["Erster Satz.", "Zweiter Satz."]


def test_an_error_mid_stream_makes_the_download_incomplete(gunicorn, roles_exist, lead, reviewer):
    for claim in make_article(["Erster Satz.", BROKEN, "Dritter Satz."]).claims.all():
        label(claim, reviewer, "fact")
    response = download(gunicorn, lead)
    assert response.status == 200
    with pytest.raises(http.client.IncompleteRead) as cut:
        response.read()
    assert cut.value.partial.startswith(b"\xef\xbb\xbfclaim_id,")  # the header had gone out
