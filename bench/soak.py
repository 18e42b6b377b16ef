"""Soak with faults: 16 reviewers work on gunicorn + PostgreSQL while a worker is killed and the database
connections are cut; afterwards every write the server acknowledged must be in the database.

    .venv/bin/python bench/soak.py [--seconds 60] [--clients 16] [--workers 4] [--database NAME]

(the database is newsdesk_soak_bench unless named).

The script creates (drops first) its own database, migrates, imports seeds/, runs ensure_admin and creates
the desk's people (two in ten leads, the rest reviewers), then starts gunicorn as `make run` does
(gunicorn.conf.py, sync workers). Each client is a thread acting as a browser: it logs in through the login
form, opens articles and labels claims with the row's htmx POST (CSRF header from <body hx-headers>, the
version the row showed), adds evidence through the row's form, edits its own evidence on the edit page
(the version the page showed; now and then a stale one on purpose, which must answer 409) and pastes
articles into the import form. At a third of the run one gunicorn worker gets SIGKILL (gunicorn starts
another); at two thirds every connection of the app to its database is cut with pg_terminate_backend.

Every write the server acknowledged (the answer it should give: 200 with the row, 302 to the claim or to
the list) is recorded; afterwards the script checks in the database that the last acknowledged label per
claim and reviewer, the last acknowledged values of each piece of evidence and every acknowledged import
with all the claims its message named are there (an unacknowledged write may or may not be; a value it
may have left is accepted), and that no article is stored without claims. It prints requests, errors by
kind, acknowledged versus stored writes, the recovery times (from the kill, the cut, to the next successful
request that started after it) and whether the server still serves; the last line is one JSON object.
Exit code 1 if an acknowledged write is missing, a request got a 500, or the server no longer serves.
A connection reset by the killed worker counts as "connection dropped by killed worker", not as a server
error; that write is unacknowledged.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import psycopg
from label_latency import manage, recreate_database  # bench/, beside this script
from live_desk import desk_env, free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "soak-" + secrets.token_urlsafe(12)
VALUES = ("fact", "opinion", "unverifiable")
STANCES = ("supports", "refutes", "context")
DROPPED = "connection dropped by killed worker"
STALE_REFUSED = "409 expected (stale version)"
LOST_MIDWAY = "503 database connection cut while the request ran"
CONFLICT_AFTER_LOSS = "409 after an unacknowledged write that was saved"
NOT_ERRORS = {"ok", STALE_REFUSED, CONFLICT_AFTER_LOSS}

CREATE_PEOPLE = """
from django.contrib.auth.models import Group, User
for name, group in {people!r}:
    User.objects.create_user(name, password={password!r}).groups.add(Group.objects.get(name=group))
"""

ROW = re.compile(r'<li id="claim-(\d+)" data-claim-id="\d+" class="claim"[^>]*>')
VERSION = re.compile(r'name="version" value="(\d+)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HX_TOKEN = re.compile(r'hx-headers=\'\{"x-csrftoken": "([^"]+)"\}\'')
EVIDENCE_ITEM = re.compile(r'<li class="stance-\w+">(.*?)</li>', re.S)
ARTICLE_LINK = re.compile(r'href="/articles/(\d+)/"')


class Answer:
    def __init__(self, status: int, headers: dict[str, str], body: str) -> None:
        self.status, self.headers, self.body = status, headers, body


@dataclass
class Request:
    client: str
    action: str
    started: float
    ended: float
    outcome: str  # "ok", "409 expected", or an error kind


@dataclass
class Attempt:
    """One write: what it would leave in the database, and whether the server acknowledged it. A refused
    write (a 4xx answer) is not recorded: it cannot have changed anything."""

    value: object
    acknowledged: bool


@dataclass
class Journal:
    """What one client did; the clients' journals are merged after the run."""

    requests: list[Request] = field(default_factory=list)
    labels: dict[tuple[str, int], list[Attempt]] = field(default_factory=dict)
    evidence: dict[int, list[Attempt]] = field(default_factory=dict)
    imports: list[tuple[str, bool, int | None]] = field(default_factory=list)  # title, acked, claims said


class Failed(Exception):
    """A request that did not get the answer the client expected; `kind` names it for the error count."""

    def __init__(self, kind: str, answer: Answer | None = None) -> None:
        super().__init__(kind)
        self.kind, self.answer = kind, answer


class Browser:
    """One reviewer's browser: cookies, the CSRF token of the last page, one connection per request (the
    sync workers close each one)."""

    def __init__(self, port: int, name: str, journal: Journal) -> None:
        self.port, self.name, self.journal = port, name, journal
        self.cookies: dict[str, str] = {}
        self.token = ""

    def send(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Answer:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers["Accept-Language"] = "de"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if token := HX_TOKEN.search(data):
            self.token = token.group(1)
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)

    def call(self, action: str, method: str, path: str, expect, **kwargs) -> Answer:
        """Send and journal one request. `expect(answer)` says whether the answer is the one wanted: True,
        or the outcome to journal ("409 expected"); anything else raises Failed with the error's kind."""
        started = time.monotonic()
        try:
            answer = self.send(method, path, **kwargs)
        except (ConnectionError, http.client.HTTPException, TimeoutError, OSError) as exc:
            kind = "timeout" if isinstance(exc, TimeoutError) else f"connection error ({type(exc).__name__})"
            self.journal.requests.append(Request(self.name, action, started, time.monotonic(), kind))
            raise Failed(kind) from exc
        ended = time.monotonic()
        verdict = expect(answer)
        if verdict is True:
            outcome = "ok"
        elif verdict:
            outcome = verdict
        elif answer.status == 503 and answer.headers.get("retry-after"):
            outcome = LOST_MIDWAY
        elif answer.status >= 500:
            outcome = f"HTTP {answer.status}"
        else:
            where = f" to {answer.headers['location'].split('?')[0]}" if "location" in answer.headers else ""
            outcome = f"unexpected answer to {action} (HTTP {answer.status}{where})"
        self.journal.requests.append(Request(self.name, action, started, ended, outcome))
        if outcome != "ok" and verdict is not outcome:
            raise Failed(outcome, answer)
        return answer

    def form(self, fields: dict) -> tuple[bytes, dict]:
        return urllib.parse.urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"}

    def htmx(self, fields: dict) -> dict:
        body, headers = self.form(fields)
        return {"body": body, "headers": {**headers, "HX-Request": "true", "X-CSRFToken": self.token}}

    def log_in(self) -> None:
        page = self.call("login page", "GET", "/accounts/login/", lambda a: a.status == 200)
        body, headers = self.form(
            {"username": self.name, "password": PASSWORD, "csrfmiddlewaretoken": TOKEN.search(page.body)[1]}
        )
        self.call("log in", "POST", "/accounts/login/", lambda a: a.status == 302, body=body, headers=headers)


def multipart(fields: dict[str, str]) -> tuple[bytes, dict]:
    """The import form as a browser posts it (enctype multipart/form-data, no file chosen)."""
    boundary = "soak" + secrets.token_hex(8)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename=""\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n\r\n--{boundary}--\r\n"
    )
    return "".join(parts).encode(), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


class Reviewer:
    """What one client does until the deadline: open articles, label, add and edit evidence, import."""

    def __init__(self, port: int, name: str, deadline: float, seed: int) -> None:
        self.journal = Journal()
        self.browser = Browser(port, name, self.journal)
        self.name, self.deadline = name, deadline
        self.rng = random.Random(seed)
        self.rows: dict[int, int] = {}  # claim id → my label's version on the open article
        self.mine: dict[int, tuple[int, dict]] = {}  # my evidence id → (claim id, its fields)
        self.articles: list[int] = []
        self.counter = 0

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            try:
                if not self.browser.token:
                    self.browser.log_in()
                if not self.rows:
                    self.open_article()
                    continue
                roll = self.rng.random()
                if roll < 0.50:
                    self.label()
                elif roll < 0.65:
                    self.add_evidence()
                elif roll < 0.82:
                    self.edit_evidence()
                elif roll < 0.86:
                    self.import_article()
                else:
                    self.open_article()
            except Failed as failed:
                time.sleep(0.05)  # a browser's user looks at the error, then goes on
                if failed.answer and failed.answer.headers.get("location", "").startswith("/accounts/login/"):
                    self.browser.token = ""  # logged out (a login cut short): log in again

    def open_article(self) -> None:
        if not self.articles or self.rng.random() < 0.2:
            home = self.browser.call("article list", "GET", "/", lambda a: a.status == 200)
            self.articles = sorted({int(pk) for pk in ARTICLE_LINK.findall(home.body)})
        article = self.rng.choice(self.articles)
        page = self.browser.call("article page", "GET", f"/articles/{article}/", lambda a: a.status == 200)
        self.rows = {}
        for match in ROW.finditer(page.body):
            self.rows[int(match[1])] = int(VERSION.search(page.body, match.end())[1])

    def label(self) -> None:
        claim = self.rng.choice(list(self.rows))
        value = self.rng.choice(VALUES)
        key = (self.name, claim)
        attempts = self.journal.labels.setdefault(key, [])
        fields = {"label": value, "version": self.rows[claim]}
        # Only this reviewer writes this label, so a 409 means an earlier write whose answer was lost was
        # saved after all (the row then shows it, with its version).
        after_unacknowledged = bool(attempts) and not attempts[-1].acknowledged and CONFLICT_AFTER_LOSS
        try:
            answer = self.browser.call(
                "label",
                "POST",
                f"/claims/{claim}/label/",
                lambda a: (
                    (a.status == 200 and f'data-label="{value}"' in a.body)
                    or (a.status == 409 and after_unacknowledged)
                ),
                **self.browser.htmx(fields),
            )
        except Failed as failed:
            if failed.answer is None or failed.answer.status >= 500:
                attempts.append(Attempt(value, acknowledged=False))
            elif failed.answer.status == 409 and (version := VERSION.search(failed.answer.body)):
                self.rows[claim] = int(version[1])
            raise
        # Either way the answer is the row as saved now, with the version to post next.
        self.rows[claim] = int(VERSION.search(answer.body)[1])
        if answer.status == 200:
            attempts.append(Attempt(value, acknowledged=True))

    def add_evidence(self) -> None:
        claim = self.rng.choice(list(self.rows))
        self.counter += 1
        url = f"https://soak.example/{self.name}/{self.counter}"
        values = {
            "url": url,
            "stance": self.rng.choice(STANCES),
            "title": f"Beleg {self.counter}",
            "note": f"{self.name} {self.counter} v1",
        }
        try:
            answer = self.browser.call(
                "add evidence",
                "POST",
                f"/claims/{claim}/evidence/",
                lambda a: a.status == 200 and f'href="{url}"' in a.body,
                **self.browser.htmx(values),
            )
        except Failed as failed:
            if failed.answer is None or failed.answer.status >= 500:
                self.journal.evidence.setdefault(-self.counter, []).append(
                    Attempt(values, acknowledged=False)
                )
            raise
        for item in EVIDENCE_ITEM.findall(answer.body):
            if f'href="{url}"' in item and (edit := re.search(r'href="/evidence/(\d+)/edit/"', item)):
                pk = int(edit[1])
                self.mine[pk] = (claim, values)
                self.journal.evidence[pk] = [Attempt(values, acknowledged=True)]
                return
        raise Failed("unexpected answer to add evidence (no edit link)")

    def edit_evidence(self) -> None:
        if not self.mine:
            return self.add_evidence()
        pk = self.rng.choice(list(self.mine))
        claim, values = self.mine[pk]
        page = self.browser.call("evidence page", "GET", f"/evidence/{pk}/edit/", lambda a: a.status == 200)
        version = int(VERSION.search(page.body)[1])
        stale = version > 1 and self.rng.random() < 0.15
        self.counter += 1
        changed = {
            **values,
            "stance": self.rng.choice(STANCES),
            "title": f"Beleg {self.counter}",
            "note": f"{self.name} {self.counter} {'stale' if stale else 'v'}{version + 1}",
        }
        token = TOKEN.search(page.body)[1]
        body, headers = self.browser.form(
            {**changed, "version": version - 1 if stale else version, "csrfmiddlewaretoken": token}
        )
        attempts = self.journal.evidence[pk]
        if stale:
            self.browser.call(
                "stale evidence edit",
                "POST",
                f"/evidence/{pk}/edit/",
                lambda a: a.status == 409 and STALE_REFUSED,
                body=body,
                headers=headers,
            )
            return None
        try:
            self.browser.call(
                "edit evidence",
                "POST",
                f"/evidence/{pk}/edit/",
                lambda a: a.status == 302 and a.headers.get("location", "").endswith(f"#claim-{claim}"),
                body=body,
                headers=headers,
            )
        except Failed as failed:
            if failed.answer is None or failed.answer.status >= 500:
                attempts.append(Attempt(changed, acknowledged=False))
            raise
        attempts.append(Attempt(changed, acknowledged=True))
        self.mine[pk] = (claim, changed)
        return None

    def import_article(self) -> None:
        page = self.browser.call("import page", "GET", "/import/", lambda a: a.status == 200)
        self.counter += 1
        tag = f"{self.name}x{self.counter}"
        title = f"Soak {tag}"
        n = self.rng.randint(2, 9)
        sentences = [
            f"In {tag} wurden im Jahr 2025 genau {n * 7} neue Schulen gebaut.",
            f"Der Bürgermeister von {tag} sagte, das sei ein großer Erfolg.",
            f"Laut Statistikamt stieg die Zahl der Schüler um {n} Prozent.",
            "Kritiker halten die Pläne für überteuert und schlecht geplant.",
            f"Die Opposition fordert bis März {2026 + n} einen Untersuchungsausschuss.",
        ][: 2 + n % 4]
        text = "\n\n".join([" ".join(sentences[:2]), " ".join(sentences[2:])])
        body, headers = multipart(
            {
                "csrfmiddlewaretoken": TOKEN.search(page.body)[1],
                "title": title,
                "source_url": "",
                "text": text,
            }
        )
        try:
            self.browser.call(
                "import",
                "POST",
                "/import/",
                lambda a: a.status == 302 and a.headers.get("location") == "/",
                body=body,
                headers=headers,
            )
        except Failed as failed:
            if failed.answer is None or failed.answer.status >= 500:
                self.journal.imports.append((title, False, None))
            raise
        # The list the redirect leads to says how many claims the import made. If this GET fails, the import
        # is still acknowledged; the database is then checked for claims, not for their number.
        said = None
        try:
            home = self.browser.call("article list", "GET", "/", lambda a: a.status == 200)
            if found := re.search(re.escape(title) + r": mit (\d+) Behauptung", unescape(home.body)):
                said = int(found[1])
        finally:
            self.journal.imports.append((title, True, said))


def workers_of(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return {int(pid) for pid in children}


def cut_connections(database_url: str, name: str) -> int:
    with psycopg.connect(database_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return len(rows)


def faults(master: int, database_url: str, name: str, start: float, seconds: float, events: dict) -> None:
    """Kill one worker at a third of the run, cut the database connections at two thirds."""
    time.sleep(max(0.0, start + seconds / 3 - time.monotonic()))
    before = workers_of(master)
    victim = random.choice(sorted(before))
    os.kill(victim, signal.SIGKILL)
    events["kill"] = time.monotonic()
    while time.monotonic() - events["kill"] < 60:
        now = workers_of(master)
        if len(now) == len(before) and victim not in now:
            events["worker_replaced_s"] = round(time.monotonic() - events["kill"], 2)
            break
        time.sleep(0.02)
    time.sleep(max(0.0, start + 2 * seconds / 3 - time.monotonic()))
    events["cut"] = time.monotonic()
    events["connections_cut"] = cut_connections(database_url, name)


def recovery(requests: list[Request], at: float | None) -> float | None:
    """Seconds from `at` to the end of the first successful request that started after it."""
    if at is None:
        return None
    ends = [r.ended for r in requests if r.started >= at and r.outcome in NOT_ERRORS]
    return round(min(ends) - at, 3) if ends else None


def check_database(database_url: str, journals: list[Journal]) -> dict:
    """Acknowledged writes against what the database holds. A key passes if its stored value is the last
    acknowledged one, or one an unacknowledged write after it may have left."""
    with psycopg.connect(database_url) as conn:
        labels = {
            (name, claim): value
            for name, claim, value in conn.execute(
                "SELECT u.username, l.claim_id, l.value FROM claims_label l"
                " JOIN auth_user u ON u.id = l.reviewer_id"
            )
        }
        evidence = {
            pk: {"url": url, "stance": stance, "title": title, "note": note}
            for pk, url, stance, title, note in conn.execute(
                "SELECT id, url, stance, title, note FROM claims_evidence"
            )
        }
        articles = {
            title: (units, labelled)
            for title, units, labelled in conn.execute(
                "SELECT a.title, count(c.id), count(c.id) FILTER (WHERE c.kind IN ('claim', 'list-item')"
                " AND c.duplicate_of_id IS NULL) FROM claims_article a LEFT JOIN claims_claim c"
                " ON c.article_id = a.id GROUP BY a.id"
            )
        }

    def kept(attempts: list[Attempt], stored) -> tuple[int, bool]:
        acked = [i for i, a in enumerate(attempts) if a.acknowledged]
        if not acked:
            return 0, True
        allowed = [a.value for a in attempts[acked[-1] :]]
        return len(acked), stored in allowed

    figures: dict[str, dict[str, int]] = {}
    for kind, writes, stored in (
        ("labels", [j.labels for j in journals], labels),
        ("evidence", [j.evidence for j in journals], evidence),
    ):
        acked = lost = keys = 0
        for journal in writes:
            for key, attempts in journal.items():
                n, ok = kept(attempts, stored.get(key))
                acked += n
                keys += bool(n)
                lost += bool(n) and not ok
        figures[kind] = {"acknowledged": acked, "records": keys, "stored": keys - lost, "lost": lost}
    imports = [item for j in journals for item in j.imports]
    acked_imports = [(title, said) for title, acked, said in imports if acked]
    lost = [
        title
        for title, said in acked_imports
        if title not in articles
        or articles[title][1] == 0
        or (said is not None and articles[title][1] != said)
    ]
    figures["imports"] = {
        "acknowledged": len(acked_imports),
        "records": len(acked_imports),
        "claims_named": sum(1 for _, said in acked_imports if said is not None),
        "stored": len(acked_imports) - len(lost),
        "lost": len(lost),
    }
    # No article without its claims, whether its import was acknowledged or not.
    figures["half_imported_articles"] = sum(1 for units, _ in articles.values() if units == 0)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--database", default="newsdesk_soak_bench")
    parser.add_argument("--server", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    args = parser.parse_args()

    database_url = f"{args.server}/{args.database}"
    env = desk_env(database_url, DJANGO_SUPERUSER_USERNAME="soak-admin", DJANGO_SUPERUSER_PASSWORD=PASSWORD)
    people = [(f"soak{i}", "Leads" if i % 5 == 4 else "Reviewers") for i in range(args.clients)]
    print(f"preparing {args.database}: migrate, import seeds, {args.clients} people", file=sys.stderr)
    recreate_database(args.server, args.database)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "import_articles", "seeds/")
    manage(env, "ensure_admin")
    manage(env, "shell", "-c", CREATE_PEOPLE.format(people=people, password=PASSWORD))

    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="soak-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    command = [str(Path(PYTHON).with_name("gunicorn")), "newsdesk.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(args.workers), "--log-level", "warning"]
    gunicorn = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    events: dict = {}
    try:
        wait_for_port(port)
        reviewers = [Reviewer(port, name, 0, seed=i) for i, (name, _) in enumerate(people)]
        for reviewer in reviewers:  # before the clock starts, as the desk's morning does
            reviewer.browser.log_in()
        start = time.monotonic()
        for reviewer in reviewers:
            reviewer.deadline = start + args.seconds
        threads = [threading.Thread(target=r.run, name=r.name) for r in reviewers]
        fault_thread = threading.Thread(
            target=faults, args=(gunicorn.pid, database_url, args.database, start, args.seconds, events)
        )
        for thread in [*threads, fault_thread]:
            thread.start()
        for thread in [*threads, fault_thread]:
            thread.join()
        elapsed = time.monotonic() - start
        # Still serving: a fresh browser logs in and opens the list and an article.
        probe = Reviewer(port, people[0][0], 0, seed=99)  # its requests are not in the figures
        try:
            probe.browser.log_in()
            probe.open_article()
            serves = True
        except Failed:
            serves = False
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=60)
        log.close()

    journals = [r.journal for r in reviewers]
    requests = [req for j in journals for req in j.requests]
    kill = events.get("kill")
    outcomes = Counter()
    for req in requests:
        outcome = req.outcome
        # The killed worker's own connection: in flight when it died, reset right after.
        if outcome.startswith("connection error") and kill and req.started <= kill <= req.ended <= kill + 5:
            outcome = DROPPED
        outcomes[outcome] += 1
    errors = {kind: n for kind, n in sorted(outcomes.items()) if kind not in NOT_ERRORS}
    server_log = Path(log.name).read_text(errors="replace")
    logged = Counter(
        line.strip()
        for line in server_log.splitlines()
        if re.match(r"^[\w.]+(Error|Exception)\b", line.strip())
    )
    stored = check_database(database_url, journals)
    lost = sum(stored[kind]["lost"] for kind in ("labels", "evidence", "imports"))
    http_500 = outcomes.get("HTTP 500", 0)
    figures = {
        "seconds": round(elapsed, 1),
        "clients": args.clients,
        "workers": args.workers,
        "requests": len(requests),
        "requests_per_s": round(len(requests) / elapsed, 1),
        "median_request_s": round(statistics.median(r.ended - r.started for r in requests), 3),
        "stale_edits_refused_409": outcomes.get(STALE_REFUSED, 0),
        "conflicts_after_unacknowledged_writes": outcomes.get(CONFLICT_AFTER_LOSS, 0),
        "errors": errors,
        "http_500": http_500,
        # What gunicorn's log says: Django logs each 500 as "Internal Server Error: /path".
        "internal_server_errors_logged": server_log.count("Internal Server Error: "),
        "writes": {kind: stored[kind] for kind in ("labels", "evidence", "imports")},
        "acknowledged_writes": sum(
            stored[kind]["acknowledged"] for kind in ("labels", "evidence", "imports")
        ),
        "acknowledged_writes_lost": lost,
        "half_imported_articles": stored["half_imported_articles"],
        "worker_killed_recovery_s": recovery(requests, kill),
        "worker_replaced_s": events.get("worker_replaced_s"),
        "connections_cut": events.get("connections_cut"),
        "connections_cut_recovery_s": recovery(requests, events.get("cut")),
        # Requests that began after the cut and failed: the health checks should leave none.
        "failed_after_cut": sum(
            1
            for r in requests
            if r.started >= events.get("cut", float("inf")) and r.outcome not in NOT_ERRORS
        ),
        "serves_afterwards": serves,
    }
    print(
        f"{figures['requests']} requests by {args.clients} clients on {args.workers} workers in "
        f"{figures['seconds']} s ({figures['requests_per_s']}/s, median {figures['median_request_s']} s); "
        f"{figures['stale_edits_refused_409']} stale "
        "evidence edits refused with 409 as they should be"
    )
    print("errors by kind: " + (", ".join(f"{kind}: {n}" for kind, n in errors.items()) or "none"))
    for line, n in logged.most_common(5):
        print(f"  exception in the server log: {n} x {line[:160]}")
    for kind in ("labels", "evidence", "imports"):
        w = stored[kind]
        print(
            f"{kind}: {w['acknowledged']} acknowledged writes, {w['stored']} of {w['records']} records"
            f" as last acknowledged, {w['lost']} lost"
        )
    print(f"articles without claims: {stored['half_imported_articles']}")
    print(
        f"worker killed: next successful request after {figures['worker_killed_recovery_s']} s, "
        "replaced after "
        f"{figures['worker_replaced_s']} s; {figures['connections_cut']} database connections cut: next "
        f"successful request after {figures['connections_cut_recovery_s']} s, "
        f"{figures['failed_after_cut']} failed that started after it; serves afterwards: {serves}"
    )
    print(f"gunicorn's log: {log.name}")
    print(json.dumps(figures))
    if (
        lost
        or http_500
        or figures["internal_server_errors_logged"]
        or stored["half_imported_articles"]
        or not serves
    ):
        sys.exit(1)


if __name__ == "__main__":
    main()
