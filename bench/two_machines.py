"""Two app servers and two workers on one PostgreSQL: separate processes on separate ports, standing in for
machines, each given only what a machine of the desk is given.

    .venv/bin/python bench/two_machines.py [--files 20] [--database newsdesk_two_machines]

The script creates (drops first) its database, migrates, collects the static files, creates a reviewer, and
starts gunicorn twice (app servers A and B, make run's gunicorn.conf.py) and `manage.py worker` twice. Every
process gets the same DATABASE_URL and SECRET_KEY, and nothing else: sessions, uploads, queued jobs and
export files live in the database, so no app server holds state another needs. Then, as one browser:

1. it logs in on A and opens the article list on B with the same cookie;
2. uploads N files (the seeds, numbered so that each is a new article) through B's import form and times
   the answer, which must be the batch's progress page at once;
3. follows the progress on A and B in turn until it says done, and times it;
4. labels a claim on A and finds the label on B's article page;
5. fetches the stylesheet the page names from both servers (whitenoise: compressed, cached for ever).

Afterwards it checks in the database that every file was imported exactly once (no duplicate article) and
counts the files each worker imported, and reads both servers' logs for a 500. It prints what it saw; the
last line is one JSON object. Exit code 1 if a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from import_throughput import articles  # bench/, beside this script
from label_latency import manage, recreate_database
from live_desk import free_port, wait_for_port
from soak import HX_TOKEN, ROW, TOKEN, VERSION, Browser, Journal

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "two-machines-" + secrets.token_urlsafe(12)
STYLESHEET = re.compile(r'<link rel="stylesheet" href="(/static/[^"]+\.css)"')
BATCH = re.compile(r"^/import/batches/(\d+)/$")
DONE = 'class="batch-done"'
GIVE_UP_S = 300

CREATE_REVIEWER = """
from django.contrib.auth.models import Group, User
User.objects.create_user("rita", password={password!r}).groups.add(Group.objects.get(name="Reviewers"))
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--database", default="newsdesk_two_machines")
    parser.add_argument("--server", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    args = parser.parse_args()

    database_url = f"{args.server}/{args.database}"
    env = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "HTTPS_ONLY": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    print(f"preparing {args.database}: migrate, collect static files, one reviewer", file=sys.stderr)
    recreate_database(args.server, args.database)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "shell", "-c", CREATE_REVIEWER.format(password=PASSWORD))

    ports = {"A": free_port(), "B": free_port()}
    logs = {
        name: tempfile.NamedTemporaryFile(prefix=f"two-machines-{name}-", suffix=".log", delete=False)  # noqa: SIM115
        for name in ("A", "B", "worker 1", "worker 2")
    }
    gunicorn = str(Path(PYTHON).with_name("gunicorn"))
    processes = [
        *(
            subprocess.Popen(
                [gunicorn, "newsdesk.wsgi", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
                cwd=ROOT,
                env=env,
                stdout=logs[name],
                stderr=subprocess.STDOUT,
            )
            for name, port in ports.items()
        ),
        *(
            subprocess.Popen(
                [PYTHON, "manage.py", "worker", "--interval", "0.2"],
                cwd=ROOT,
                env=env,
                stdout=logs[name],
                stderr=subprocess.STDOUT,
            )
            for name in ("worker 1", "worker 2")
        ),
    ]
    try:
        for port in ports.values():
            wait_for_port(port)
        figures = run(ports, args.files)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=60)
        for log in logs.values():
            log.close()

    figures.update(check_database(database_url))
    figures["internal_server_errors_logged"] = sum(
        Path(log.name).read_text(errors="replace").count("Internal Server Error: ") for log in logs.values()
    )
    checks = {
        "a session begun on A is good on B": figures["session_shared"],
        "upload answered at once with its progress page": figures["upload_redirected_to_batch"],
        "progress reached done on both servers": figures["progress_done"],
        "a label set on A shows on B": figures["label_seen_on_b"],
        "static files served by both": figures["stylesheet_on_both"],
        "every file imported exactly once": figures["articles"] == args.files == figures["attempts"],
        "both workers imported files": len(figures["files_by_worker"]) == 2,
        "no 500": figures["internal_server_errors_logged"] == 0,
    }
    for check, held in checks.items():
        print(f"{'ok  ' if held else 'FAIL'} {check}")
    print(
        f"upload of {args.files} files answered in {figures['upload_s']:.2f} s; all imported after "
        f"{figures['batch_done_s']:.1f} s; files by worker: {sorted(figures['files_by_worker'].values())}"
    )
    figures["checks_failed"] = [check for check, held in checks.items() if not held]
    print(json.dumps(figures))
    sys.exit(1 if figures["checks_failed"] else 0)


def run(ports: dict[str, int], n_files: int) -> dict:
    journal = Journal()
    a, b = Browser(ports["A"], "rita", journal), Browser(ports["B"], "rita", journal)
    b.cookies = a.cookies  # one browser: the same cookie jar for both addresses
    page = a.call("login page", "GET", "/accounts/login/", lambda r: r.status == 200)
    body, headers = a.form(
        {"username": "rita", "password": PASSWORD, "csrfmiddlewaretoken": TOKEN.search(page.body)[1]}
    )
    a.call("log in on A", "POST", "/accounts/login/", lambda r: r.status == 302, body=body, headers=headers)
    listing = b.send("GET", "/")
    figures: dict = {"session_shared": listing.status == 200 and "rita" in listing.body}

    form = b.send("GET", "/import/")
    files = articles(copies=n_files // 5 + 1)[:n_files]
    body, headers = multipart_files(TOKEN.search(form.body)[1], files)
    started = time.monotonic()
    answer = b.send("POST", "/import/", body=body, headers=headers)
    figures["upload_s"] = round(time.monotonic() - started, 3)
    batch = BATCH.match(answer.headers.get("location", ""))
    figures["upload_redirected_to_batch"] = answer.status == 302 and batch is not None
    done = False
    if batch:
        path = f"/import/batches/{batch[1]}/"
        for turn in range(int(GIVE_UP_S / 0.25)):
            progress = (a if turn % 2 else b).send("GET", path, headers={"HX-Request": "true"})
            if DONE in progress.body:
                done = True
                break
            time.sleep(0.25)
    figures["batch_done_s"] = round(time.monotonic() - started, 3)
    figures["progress_done"] = done

    article = re.search(r'href="(/articles/\d+/)"', a.send("GET", "/").body)
    desk = a.send("GET", article[1])
    claim, version = ROW.search(desk.body)[1], VERSION.search(desk.body)[1]
    token = HX_TOKEN.search(desk.body)[1]
    label = a.send(
        "POST",
        f"/claims/{claim}/label/",
        body=f"label=fact&version={version}".encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "HX-Request": "true",
            "X-CSRFToken": token,
        },
    )
    on_b = b.send("GET", f"{article[1]}?claim={claim}")
    figures["label_seen_on_b"] = (
        label.status == 200
        and f'data-claim-id="{claim}" class="claim" tabindex="-1" data-label="fact"' in on_b.body
    )

    stylesheet = STYLESHEET.search(on_b.body)[1]
    served = [browser.send("GET", stylesheet, headers={"Accept-Encoding": "gzip"}) for browser in (a, b)]
    figures["stylesheet_on_both"] = all(
        s.status == 200 and "immutable" in s.headers.get("cache-control", "") for s in served
    )
    return figures


def multipart_files(token: str, files: list[tuple[str, str]]) -> tuple[bytes, dict]:
    """The import form with files chosen, as a browser posts it."""
    boundary = "two-machines" + secrets.token_hex(8)
    field = 'Content-Disposition: form-data; name="csrfmiddlewaretoken"'
    parts = [f"--{boundary}\r\n{field}\r\n\r\n{token}\r\n".encode()]
    for name, text in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}.txt"\r\n'
            f"Content-Type: text/plain\r\n\r\n".encode()
            + text.encode()
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def check_database(database_url: str) -> dict:
    with psycopg.connect(database_url) as conn:
        n_articles = conn.execute("SELECT count(*) FROM claims_article").fetchone()[0]
        # A file a worker began and another finished would have two attempts.
        attempts = conn.execute("SELECT coalesce(sum(attempts), 0) FROM claims_importfile").fetchone()[0]
        by_worker = conn.execute(
            "SELECT worker, count(*) FROM claims_importfile WHERE state = 'imported' GROUP BY worker"
        ).fetchall()
    return {
        "articles": n_articles,
        "attempts": attempts,
        "files_by_worker": dict(by_worker),
    }


if __name__ == "__main__":
    main()
