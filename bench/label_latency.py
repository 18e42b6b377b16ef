"""Label latency: N concurrent reviewers label claims through the desk's endpoint on gunicorn + PostgreSQL.

    .venv/bin/python bench/label_latency.py [--clients 8] [--labels 2000] [--database newsdesk_bench]

The script creates (drops first) a dedicated database, migrates, imports seeds/, creates one reviewer per
client, starts gunicorn on a free port as make run does (gunicorn.conf.py), logs every client in through
the login form and then posts labels exactly as the page does (htmx headers, CSRF header, the version the
row showed), each client from a process of its own, back to back. One in ten posts repeats the previous
label (a no-op), one in ten changes it (a new version). Afterwards it checks that the database holds
exactly the expected labels and history events. The last line is one JSON object.

Besides latency it prints the CPU the whole machine spent per post and a "machine speed" (milliseconds for a
fixed pure-Python workload, before and after): on a shared virtual machine that speed drifts by 15 % or more
between runs, and the latency with it. Standard library only (plus psycopg, which the app needs anyway).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import re
import resource
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psycopg
from live_desk import desk_env, free_port, wait_for_port  # bench/, beside this script

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "bench-" + secrets.token_urlsafe(12)
VALUES = ("fact", "opinion", "unverifiable")


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _machine_busy_seconds() -> float:
    """CPU time all processes used so far (Linux /proc/stat): gunicorn, PostgreSQL, the clients, the rest."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq = (int(v) for v in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def machine_speed_ms() -> float:
    """CPU milliseconds for a fixed pure-Python workload: lower is a faster machine at this moment."""
    t0 = time.process_time()
    for _ in range(2):
        table = {str(i): i for i in range(300_000)}
        sum(len(key) for key in table)
    return round((time.process_time() - t0) * 1000)


def recreate_database(server_url: str, name: str) -> None:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit("the database name must be a plain identifier")
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


CREATE_REVIEWERS = """
from django.contrib.auth.models import Group, User
group = Group.objects.get(name="Reviewers")
for i in range({n}):
    user = User.objects.create_user("bench{{}}".format(i), password="{password}")
    user.groups.add(group)
"""


class Client:
    """One reviewer's browser for logging in: cookies and the CSRF token (gunicorn closes each connection,
    and http.client opens the next one by itself)."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> int:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status

    def log_in(self, username: str) -> None:
        self.request("GET", "/accounts/login/")
        status = self.request(
            "POST",
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.cookies["csrftoken"]},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"{username} could not log in (HTTP {status})")


def post_labels(port: int, cookies: dict, posts: list, gate, results) -> None:
    """One reviewer's label posts, timed: the request the page's htmx sends, on a connection of its own
    (gunicorn's sync workers close each one), written and read with plain sockets to keep the load
    generator's own CPU small. Puts (latencies in ms, failed statuses, CPU seconds) on `results`."""
    latencies, failures = [], []
    gate.wait()
    cpu0 = _own_cpu_seconds()
    for claim_id, value, version in posts:
        body = f"label={value}&version={version}".encode()
        head = (
            f"POST /claims/{claim_id}/label/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Cookie: {'; '.join(f'{k}={v}' for k, v in cookies.items())}\r\n"
            f"X-CSRFToken: {cookies['csrftoken']}\r\nHX-Request: true\r\nHX-Target: claim-{claim_id}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        t0 = time.perf_counter()
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(head.encode() + body)
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        latencies.append((time.perf_counter() - t0) * 1000)
        response = b"".join(chunks)
        status = int(response[9:12] or 0)
        if status != 200:
            failures.append(status)
        for line in response.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
            if line[:11].lower() == b"set-cookie:":
                name, _, rest = line[11:].decode().strip().partition("=")
                cookies[name] = rest.split(";", 1)[0]
    results.put((latencies, failures, _own_cpu_seconds() - cpu0))


def plan(claim_ids: list[int], count: int) -> list[tuple[int, str, int]]:
    """One client's posts: new labels, with every tenth a repeat (no-op) and every tenth a change."""
    posts: list[tuple[int, str, int]] = []
    claims = iter(claim_ids)
    last: tuple[int, str, int] | None = None
    while len(posts) < count:
        step = len(posts) % 10
        if last is not None and step == 4:
            posts.append(last)  # the same label again: no new version, no history event
        elif last is not None and step == 8:
            claim_id, value, version = last
            changed = VALUES[(VALUES.index(value) + 1) % 3]
            posts.append((claim_id, changed, version + 1))
            last = (claim_id, changed, version + 1)
        else:
            claim_id = next(claims)
            last = (claim_id, VALUES[claim_id % 3], 0)
            posts.append(last)
    return posts


def expected_counts(plans: list[list[tuple[int, str, int]]]) -> tuple[int, int]:
    labels = events = 0
    for posts in plans:
        seen: dict[int, str] = {}
        for claim_id, value, _ in posts:
            if claim_id not in seen:
                labels += 1
                events += 1
            elif seen[claim_id] != value:
                events += 1
            seen[claim_id] = value
    return labels, events


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--labels", type=int, default=2000, help="label posts in total")
    parser.add_argument("--database", default="newsdesk_bench")
    parser.add_argument("--server", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--workers", type=int, help="default: gunicorn.conf.py's, as make run")
    args = parser.parse_args()

    database_url = f"{args.server}/{args.database}"
    env = desk_env(database_url)
    print(f"preparing {args.database}: migrate, import seeds, {args.clients} reviewers", file=sys.stderr)
    recreate_database(args.server, args.database)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "import_articles", "seeds/")
    manage(env, "shell", "-c", CREATE_REVIEWERS.format(n=args.clients, password=PASSWORD))
    with psycopg.connect(database_url) as conn:
        claim_ids = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM claims_claim WHERE kind IN ('claim', 'list-item')"
                " AND duplicate_of_id IS NULL ORDER BY article_id, position"
            )
        ]
    per_client = [args.labels // args.clients + (i < args.labels % args.clients) for i in range(args.clients)]
    plans = [plan(claim_ids, n) for n in per_client]

    speed_before = machine_speed_ms()
    port = free_port()
    # The server make run starts (gunicorn.conf.py), without the access log.
    command = [str(Path(PYTHON).with_name("gunicorn")), "newsdesk.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--log-level", "warning"] + (["--workers", str(args.workers)] if args.workers else [])
    gunicorn = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_port(port)
        clients = [Client(port) for _ in range(args.clients)]
        for i, client in enumerate(clients):
            client.log_in(f"bench{i}")
            client.request("GET", "/")  # a page visit, as a reviewer would, to hold the CSRF cookie
        # Each reviewer posts from a process of its own, so no client waits for another's GIL.
        context = multiprocessing.get_context("fork")
        gate = context.Barrier(args.clients + 1)
        results = context.Queue()
        workers = [
            context.Process(target=post_labels, args=(port, client.cookies, posts, gate, results))
            for client, posts in zip(clients, plans, strict=True)
        ]
        for worker in workers:
            worker.start()
        gate.wait()
        t0 = time.perf_counter()
        busy0 = _machine_busy_seconds()
        outcomes = [results.get() for _ in workers]
        elapsed = time.perf_counter() - t0
        machine_cpu = _machine_busy_seconds() - busy0
        for worker in workers:
            worker.join()
        latencies = [ms for mine, _, _ in outcomes for ms in mine]
        failures = [status for _, bad, _ in outcomes for status in bad]
        # The load generator shares the machine's cores with gunicorn and PostgreSQL: say how much it took.
        client_cpu = sum(cpu for _, _, cpu in outcomes)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)

    speed = (speed_before + machine_speed_ms()) / 2
    with psycopg.connect(database_url) as conn:
        labels = conn.execute("SELECT count(*) FROM claims_label").fetchone()[0]
        events = conn.execute("SELECT count(*) FROM claims_labelevent").fetchone()[0]
    want_labels, want_events = expected_counts(plans)
    cuts = statistics.quantiles(latencies, n=100)
    figures = {
        "clients": args.clients,
        "posts": len(latencies),
        "failed_posts": len(failures),
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "p99_ms": round(cuts[98], 2),
        "throughput_per_s": round(len(latencies) / elapsed, 1),
        "client_cpu_share": round(client_cpu / (elapsed * (os.cpu_count() or 1)), 2),
        "machine_cpu_ms_per_post": round(machine_cpu * 1000 / len(latencies), 2),
        "server_cpu_ms_per_post": round((machine_cpu - client_cpu) * 1000 / len(latencies), 2),
        "machine_speed_ms": speed,
        "labels": labels,
        "expected_labels": want_labels,
        "history_events": events,
        "expected_history_events": want_events,
        "nothing_lost_or_doubled": labels == want_labels and events == want_events and not failures,
    }
    print(
        f"{figures['posts']} label posts by {args.clients} clients in {elapsed:.1f} s: "
        f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms, "
        f"{figures['throughput_per_s']} posts/s; clients' CPU share {figures['client_cpu_share']:.0%}"
    )
    print(
        f"CPU per post: {figures['server_cpu_ms_per_post']} ms server (gunicorn, PostgreSQL, kernel),"
        f" {figures['machine_cpu_ms_per_post']} ms with the clients; machine speed {speed:.0f} ms"
    )
    print(f"labels {labels} (expected {want_labels}), history events {events} (expected {want_events})")
    print(json.dumps(figures))
    if not figures["nothing_lost_or_doubled"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
