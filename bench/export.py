"""Benchmark the exports: load N labelled claims with evidence into PostgreSQL, then export them over HTTP.

    .venv/bin/python bench/export.py                 # 1,000,000 claims (about a minute to load)
    .venv/bin/python bench/export.py --claims 50000  # a quick run

Uses its own database (default newsdesk_bench_export, dropped and re-created unless --reuse finds it loaded),
starts gunicorn on a free port against it, logs in through the login form, streams each format's download
while sampling the worker's RSS from /proc, then runs `manage.py export_claims`. Prints rows per second and
peak memory growth; the last line is one JSON object with the figures. Rows are counted as lines less the
header (the loaded texts have no line breaks); a download cut short raises http.client.IncompleteRead.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from label_latency import recreate_database  # bench/, beside this script
from live_desk import desk_env

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PASSWORD = "bench horse battery staple"
CLAIMS_PER_ARTICLE = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--database", default="newsdesk_bench_export")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--reuse", action="store_true", help="keep the database if it holds --claims claims")
    parser.add_argument("--formats", default="csv,labels-csv,jsonl,checkthat")
    args = parser.parse_args()

    url = f"{args.server}/{args.database}"
    env = desk_env(url)
    figures: dict = {"claims": args.claims}
    if not (args.reuse and holds_claims(url, args.claims)):
        recreate_database(args.server, args.database)
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        started = time.perf_counter()
        _load(url, args.claims)
        figures["load_seconds"] = round(time.perf_counter() - started, 1)
        print(f"loaded {args.claims:,} claims in {figures['load_seconds']} s", flush=True)

    # The login page needs the static manifest, as under `make run`.
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = _free_port()
    server = subprocess.Popen(
        # One sync worker, so the RSS we sample is the one that serves the download.
        [GUNICORN, "newsdesk.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "600"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base)
        opener = _login(base)
        worker = _worker_pid(server.pid)
        # Warm up: imports, templates and the connection pool, so the baseline is the steady state.
        _download(opener, f"{base}/export/download/?articles=1")
        for fmt in args.formats.split(","):
            result = _measure_http(opener, f"{base}/export/download/?format={fmt}", worker)
            figures[f"http_{fmt}"] = result
            print(
                f"HTTP {fmt:10} {result['rows']:>9,} rows in {result['seconds']:6.1f} s = "
                f"{result['rows_per_second']:>9,} rows/s, {result['mb']:,} MB, worker RSS "
                f"{result['rss_baseline_mb']} → {result['rss_peak_mb']} MB (+{result['rss_growth_mb']} MB)",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)

    result = _measure_command(env)
    figures["command_csv"] = result
    print(
        f"command csv  {result['rows']:>9,} rows in {result['seconds']:6.1f} s = "
        f"{result['rows_per_second']:>9,} rows/s, peak RSS {result['rss_peak_mb']} MB",
        flush=True,
    )
    csv_http = figures.get("http_csv", {})
    figures["targets"] = {
        "csv_rows_per_second_at_least_100000": csv_http.get("rows_per_second", 0) >= 100_000,
        "rss_growth_at_most_100_mb": all(
            v.get("rss_growth_mb", 0) <= 100 for k, v in figures.items() if k.startswith("http_")
        ),
    }
    print(json.dumps(figures))


# Loading -----------------------------------------------------------------------------------------------


def holds_claims(url: str, claims: int) -> bool:
    try:
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT count(*) FROM claims_claim").fetchone()[0] == claims
    except psycopg.Error:
        return False


def _load(url: str, n_claims: int) -> None:
    """COPY users, articles, claims, labels and evidence; tricky texts so the guard and quoting do work."""
    now = datetime.now(UTC)
    n_articles = max(1, -(-n_claims // CLAIMS_PER_ARTICLE))
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        users = {}
        for name, group in [("bench-lead", "Leads"), ("anna", "Reviewers"), ("bernd", "Reviewers")]:
            users[name] = _create_user(cur, name, group, now)
        with cur.copy(
            "COPY claims_article (id, title, source_url, outlet, author, language, text, content_hash, "
            "imported_at, version, labels_needed, page_metadata, canonical_url) FROM STDIN"
        ) as copy:
            for a in range(1, n_articles + 1):
                outlet = f"outlet{a % 20}.example"
                copy.write_row(
                    (a, f"Artikel {a}: Größe, „Zitat“; Test", f"https://{outlet}/{a}", outlet, "", "de",
                     f"Text des Artikels {a}.", f"{a:064x}", now, 1, 2, "{}", "")
                )  # fmt: skip
        with cur.copy(
            'COPY claims_claim (id, article_id, position, start, "end", text, kind, source_id, '
            "reference_label, created_at) FROM STDIN"
        ) as copy:
            for i in range(1, n_claims + 1):
                copy.write_row(
                    (i, (i - 1) // CLAIMS_PER_ARTICLE + 1, (i - 1) % CLAIMS_PER_ARTICLE, 0, 10, _text(i),
                     "claim", "", "", now)
                )  # fmt: skip
        values = ("fact", "opinion", "unverifiable")
        with cur.copy(
            "COPY claims_label (claim_id, reviewer_id, value, note, created_at, updated_at, version) "
            "FROM STDIN"
        ) as copy:
            for i in range(1, n_claims + 1):
                copy.write_row(
                    (i, users["anna"], values[i % 3], "" if i % 4 else f"Notiz {i}, „geprüft“", now, now, 1)
                )
                if i % 2 == 0:  # every second claim has a second label; every sixth disagrees
                    copy.write_row((i, users["bernd"], values[(i + (i % 3 == 0)) % 3], "", now, now, 1))
        with cur.copy(
            "COPY claims_evidence (claim_id, url, title, stance, note, added_by_id, added_at, version) "
            "FROM STDIN"
        ) as copy:
            for i in range(1, n_claims + 1):
                copy.write_row(
                    (i, f"https://beleg.example/{i}?q=a,b", "", ("supports", "refutes", "context")[i % 3],
                     "=verdächtig" if i % 10 == 0 else "", users["anna"], now, 1)
                )  # fmt: skip
        for table in ("claims_article", "claims_claim"):
            # Fixed table names, no input: the ids were given explicitly, so move the sequences past them.
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608
            )
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def _text(i: int) -> str:
    if i % 50 == 0:
        return f'=HYPERLINK("https://evil.example/{i}") – Größe {i}'
    return f'Behauptung {i}: Die Zahl der Fälle stieg um {i % 97} Prozent, sagt "Quelle {i % 13}"; so weit.'


def _create_user(cur, name: str, group: str, now: datetime) -> int:
    from django.contrib.auth.hashers import make_password

    password = make_password(PASSWORD)
    user_id = cur.execute(
        "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, "
        "is_active, date_joined) VALUES (%s, false, %s, '', '', '', false, true, %s) RETURNING id",
        (password, name, now),
    ).fetchone()[0]
    cur.execute(
        "INSERT INTO auth_user_groups (user_id, group_id) SELECT %s, id FROM auth_group WHERE name = %s",
        (user_id, group),
    )
    return user_id


# Measuring ---------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(base: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/accounts/login/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def _login(base: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": "bench-lead", "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=data, headers={"Referer": base + "/"})
    response = opener.open(request)
    if "/accounts/login/" in response.geturl():
        raise SystemExit("login failed")
    return opener


def _worker_pid(master: int) -> int:
    for _ in range(50):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise SystemExit("no gunicorn worker")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class RssSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True

    def run(self) -> None:
        while self.running:
            try:
                self.peak = max(self.peak, _rss_mb(self.pid))
            except OSError:
                return
            time.sleep(0.02)

    def stop(self) -> float:
        self.running = False
        self.join()
        return self.peak


def _download(opener, url: str) -> tuple[int, int]:
    """The size of the download and its lines; incomplete chunked transfers raise IncompleteRead."""
    size, lines = 0, 0
    with opener.open(url, timeout=600) as response:
        while chunk := response.read(1 << 20):
            size += len(chunk)
            lines += chunk.count(b"\n")
    return size, lines


def _rows(url: str, lines: int) -> int:
    """Lines less the header; JSON Lines has none."""
    return lines if "format=jsonl" in url else lines - 1


def _measure_http(opener, url: str, worker: int) -> dict:
    baseline = _rss_mb(worker)
    sampler = RssSampler(worker)
    sampler.start()
    started = time.perf_counter()
    size, lines = _download(opener, url)
    seconds = time.perf_counter() - started
    peak = sampler.stop()
    rows = _rows(url, lines)
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "mb": round(size / 1e6, 1),
        "rss_baseline_mb": round(baseline, 1),
        "rss_peak_mb": round(peak, 1),
        "rss_growth_mb": round(peak - baseline, 1),
    }


def _measure_command(env: dict) -> dict:
    target = Path("/tmp") / f"newsdesk-bench-export-{os.getpid()}.csv"
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "manage.py", "export_claims", "--format", "csv", "-o", str(target)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    sampler = RssSampler(process.pid)
    sampler.start()
    process.wait()
    seconds = time.perf_counter() - started
    peak = sampler.stop()
    if process.returncode:
        raise SystemExit("export_claims failed")
    with target.open("rb") as f:
        rows = sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b"")) - 1
    target.unlink()
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "rss_peak_mb": round(peak, 1),
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    import django
    from django.conf import settings

    # Only the password hasher is needed from Django here; no database connection is made through it.
    if not settings.configured:
        django.setup()
    main()
