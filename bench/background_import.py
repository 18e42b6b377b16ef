"""Benchmark background imports: how long a 20-file upload keeps the request, and how long the batch takes
to finish with one and with two workers, against importing the same files in the request.

    .venv/bin/python bench/background_import.py              # 3 rounds on PostgreSQL, seed-sized files
    .venv/bin/python bench/background_import.py --repeat 10  # each file ten times as long

Uses its own PostgreSQL database (default newsdesk_bench_jobs, dropped and re-created). Each round, A B A B:
(A) the 20 files imported in the request (the inline limits raised to take them), timed as the POST;
(B) the same upload queued (the default limits): the POST, then the time until every file is done, with one
worker and then with two (`manage.py worker` processes started, their segmentation pipeline loaded and
polling before the upload, so their start is not counted). The articles are deleted between runs, so every
run imports the same 20 new articles (seeds/, four variants of each, their text `--repeat` times). Prints a
line per round; the last line is one JSON object with the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.import_throughput import articles  # noqa: E402
from bench.live_desk import desk_env  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database", default="newsdesk_bench_jobs")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--repeat", type=int, default=1, help="each file's text this many times over")
    args = parser.parse_args()
    with psycopg.connect(f"{args.server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        conn.execute(f'CREATE DATABASE "{args.database}"')
    os.environ.update(desk_env(f"{args.server}/{args.database}"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    files = [(f"{name}.txt", "\n\n".join([text] * args.repeat).encode()) for name, text in articles(4)]
    assert len(files) == 20

    results: dict[str, list[float]] = {
        "inline_post": [],
        "queued_post": [],
        "one_worker": [],
        "two_workers": [],
    }
    for round_number in range(args.rounds):
        results["inline_post"].append(inline(files))
        post, done = queued(files, workers=1)
        results["queued_post"].append(post)
        results["one_worker"].append(done)
        post, done = queued(files, workers=2)
        results["queued_post"].append(post)
        results["two_workers"].append(done)
        print(
            f"round {round_number + 1}: inline POST {results['inline_post'][-1]:.2f} s; queued POST "
            f"{post:.3f} s; done with 1 worker {results['one_worker'][-1]:.2f} s, with 2 {done:.2f} s",
            flush=True,
        )
    medians = {name: round(statistics.median(values), 3) for name, values in results.items()}
    print(f"load: {os.getloadavg()}; {platform.python_version()}; rounds {args.rounds}")
    print("median seconds: " + ", ".join(f"{name} {value}" for name, value in medians.items()))
    size = sum(len(data) for _, data in files)
    print(json.dumps({"files": 20, "bytes": size, "rounds": args.rounds, **medians}))


def client():
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from claims import roles

    user, created = User.objects.get_or_create(username="bench")
    if created:
        user.groups.add(Group.objects.get(name=roles.REVIEWERS))
    c = Client()
    c.force_login(user)
    return c


def fresh() -> None:
    from django_tasks_db.models import DBTaskResult

    from claims.models import Article, ImportBatch

    Article.objects.all().delete()
    ImportBatch.objects.all().delete()
    DBTaskResult.objects.all().delete()


def upload(files):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client()
    started = time.perf_counter()
    response = c.post("/import/", {"files": [SimpleUploadedFile(name, data) for name, data in files]})
    seconds = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    return seconds


def inline(files) -> float:
    from django.test import override_settings

    from claims.models import Article

    fresh()
    with override_settings(IMPORT_INLINE_MAX_FILES=20, IMPORT_INLINE_MAX_BYTES=10**9):
        seconds = upload(files)
    assert Article.objects.count() == 20
    return seconds


def queued(files, *, workers: int) -> tuple[float, float]:
    from django.db import connection

    from claims.models import Article, ImportFile

    fresh()
    processes = [start_worker() for _ in range(workers)]
    try:
        started = time.perf_counter()
        post = upload(files)
        finished = ImportFile.objects.filter(state__in=ImportFile.FINISHED)
        while finished.count() < 20:
            time.sleep(0.05)
        done = time.perf_counter() - started
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=60)
    connection.close()
    assert Article.objects.count() == 20
    return post, done


# `manage.py worker`, with the segmentation pipeline loaded before it polls (each worker would load it on its
# first file; the request path in this process has it loaded after the first round), so only importing is
# timed.
WORKER = """
import django
django.setup()
from claims import segmentation
segmentation.pipeline()
from django.core.management import call_command
call_command("worker", interval=0.1)
"""


def start_worker() -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for line in process.stdout:
        if "Starting worker" in line:
            break
    return process


if __name__ == "__main__":
    main()
