"""Fill a PostgreSQL database with a desk that has worked for years: N articles built from seeds/ (about 50
claims each), labels from several reviewers with their history, evidence, assignments and leads' decisions.

    .venv/bin/python bench/generate.py --database newsdesk_scale_10k --articles 200       # 10,000 claims
    .venv/bin/python bench/generate.py --database newsdesk_scale_1m                       # 20,000 articles
    .venv/bin/python bench/generate.py --database newsdesk_scale_1m --articles 40000      # tops it up

The database is created and migrated if needed. Generation is incremental: article i is always built the
same way (a random generator seeded with i), so asking for more articles adds the missing ones and leaves
the others as they are. Each seed is segmented once; an article is a seed's units with the claims shuffled,
cut to 35-65 units, numbers changed, and another outlet, author and date. Rows are written with COPY in
batches of 1,000 articles, each batch in one transaction, with ids taken from the tables' sequences.

What the desk looks like (per article, from its own generator): 60 % fully labelled (every labelled claim
has the labels its article needs, from different reviewers), 25 % partly, 15 % untouched; a reviewer agrees
with the claim's "true" label 95 % of the time; 10 % of labels were changed once (two history events);
3 % of labelled claims have evidence; 60 % of disputed claims are settled by a lead, and a later label
reopened 5 % of those; 30 % of articles are assigned to one or two reviewers. Reviewers r01 to r08 (group
Reviewers) and leads lead1, lead2 (group Leads), password "bench horse battery staple".
The last line printed is JSON with the row counts and the seconds taken.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from live_desk import desk_env  # bench/, beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "bench horse battery staple"
REVIEWERS = [f"r{n:02d}" for n in range(1, 9)]
LEADS = ["lead1", "lead2"]
BATCH = 1000
VALUES = ["fact", "opinion", "unverifiable"]
TRUTH_WEIGHTS = [50, 35, 15]
STANCES = ["supports", "refutes", "context"]
OUTLETS = [
    "Tagesblatt",
    "Rheinische Rundschau",
    "Nordkurier Online",
    "Alpenpost",
    "Hauptstadt-Echo",
    "Der Morgen",
    "Wirtschaftswoche Digital",
    "Spreebote",
    "Elbe-Anzeiger",
    "Frankenspiegel",
    "Ruhrblick",
    "Bodensee-Zeitung",
    "Lausitzer Stimme",
    "Westfalen heute",
    "Mainzer Bote",
    "Ostsee-Nachrichten",
    "Schwarzwald-Kurier",
    "Saar-Depesche",
    "Allgäuer Blatt",
    "Weser-Journal",
]
FIRST = ["Anna", "Jonas", "Lea", "Lukas", "Mia", "Paul", "Emma", "Felix", "Sofia", "Noah", "Hanna", "Elias"]
LAST = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
]
START = datetime(2023, 1, 1, 6, 0, tzinfo=UTC)
LABELLED_KINDS = {"claim", "list-item"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="articles wanted in total")
    parser.add_argument("--database", default="newsdesk_scale_1m")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    url = f"{args.server}/{args.database}"
    started = time.perf_counter()
    _create(args.server, args.database)
    env = desk_env(url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    users = _users(env)
    seeds = _segmented_seeds()
    written = {"articles": 0, "claims": 0, "labels": 0, "events": 0, "evidence": 0, "decisions": 0}
    written["assignments"] = 0
    with psycopg.connect(url) as conn:
        have = conn.execute("SELECT count(*) FROM claims_article").fetchone()[0]
        for first in range(have, args.articles, BATCH):
            last = min(first + BATCH, args.articles)
            counts = _write_batch(conn, range(first, last), seeds, users)
            for name, n in counts.items():
                written[name] += n
            conn.commit()
            print(
                f"articles {last:,} of {args.articles:,}: {time.perf_counter() - started:.0f} s", flush=True
            )
        conn.commit()
        # As autovacuum would, in time: statistics for the planner, and a visibility map for index-only scans.
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
        total = conn.execute("SELECT count(*) FROM claims_claim").fetchone()[0]
    figures = {
        "database": args.database,
        "articles": args.articles,
        "claims_total": total,
        "written": written,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(figures))


def _create(server: str, database: str) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            conn.execute(f'CREATE DATABASE "{database}"')


def _users(env: dict) -> dict[str, int]:
    """The desk's people (created once), by username: their ids."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from claims import roles

    password = make_password(PASSWORD)
    ids = {}
    for names, group in ((REVIEWERS, roles.REVIEWERS), (LEADS, roles.LEADS)):
        group, _ = Group.objects.get_or_create(name=group)
        for name in names:
            user, _ = get_user_model().objects.get_or_create(username=name, defaults={"password": password})
            user.groups.add(group)
            ids[name] = user.pk
    from django.db import connections

    connections.close_all()
    return ids


def _segmented_seeds() -> list[list[tuple[str, str]]]:
    from claims.segmentation import segment

    return [
        [(unit.kind, unit.text) for unit in segment(path.read_text(encoding="utf-8"))]
        for path in sorted((ROOT / "seeds").glob("*.txt"))
    ]


class Ids:
    """The next ids of a table, reserved from its sequence for one batch."""

    def __init__(self, conn, table: str, needed: int) -> None:
        sequence = conn.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table]).fetchone()[0]
        last = conn.execute("SELECT setval(%s, nextval(%s) + %s)", [sequence, sequence, needed]).fetchone()
        self.next = last[0] - needed

    def take(self) -> int:
        self.next += 1
        return self.next - 1


def _vary_numbers(text: str, rng: random.Random) -> str:
    def other(match: re.Match) -> str:
        digits = match.group()
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return str(rng.randint(1990, 2026))
        return str(rng.randint(1, 10 ** len(digits) - 1))

    return re.sub(r"\d+", other, text)


def _write_batch(conn, indexes: range, seeds, users: dict[str, int]) -> dict[str, int]:
    reviewers = [users[name] for name in REVIEWERS]
    leads = [users[name] for name in LEADS]
    rows = {name: [] for name in ("article", "claim", "label", "labelevent", "evidence", "decision")}
    rows["assignment"] = []
    # Generous upper bounds; unused ids are simply skipped.
    n = len(indexes)
    ids = {
        "article": Ids(conn, "claims_article", n),
        "claim": Ids(conn, "claims_claim", n * 70),
        "label": Ids(conn, "claims_label", n * 70 * 3),
        "labelevent": Ids(conn, "claims_labelevent", n * 70 * 6),
        "evidence": Ids(conn, "claims_evidence", n * 70 * 2),
        "decision": Ids(conn, "claims_decision", n * 70),
        "assignment": Ids(conn, "claims_assignment", n * 2),
    }
    for i in indexes:
        _article(i, random.Random(15_000_003 * i + 7), seeds[i % len(seeds)], reviewers, leads, ids, rows)
    columns = {
        "article": "id, title, source_url, outlet, author, published_at, language, text, content_hash, "
        "imported_at, imported_by_id, labels_needed, canonical_url, page_metadata, source_updated_at, "
        "version",
        "claim": 'id, position, start, "end", text, kind, source_id, reference_label, created_at, '
        "article_id, duplicate_of_id",
        "label": "id, value, note, created_at, updated_at, version, claim_id, reviewer_id",
        "labelevent": "id, old_value, new_value, at, claim_id, reviewer_id",
        "evidence": "id, url, title, stance, note, added_at, added_by_id, claim_id, version",
        "decision": "id, value, reason, decided_at, claim_id, decided_by_id",
        "assignment": "id, assigned_at, article_id, assigned_by_id, reviewer_id",
    }
    with conn.cursor() as cursor:
        for table, table_rows in rows.items():
            with cursor.copy(f"COPY claims_{table} ({columns[table]}) FROM STDIN") as copy:
                for row in table_rows:
                    copy.write_row(row)
    names = {"article": "articles", "claim": "claims", "label": "labels", "labelevent": "events"}
    names |= {"evidence": "evidence", "decision": "decisions", "assignment": "assignments"}
    return {names[table]: len(table_rows) for table, table_rows in rows.items()}


def _article(i: int, rng: random.Random, seed, reviewers, leads, ids, rows) -> None:
    units = list(seed)
    claim_slots = [k for k, (kind, _) in enumerate(units) if kind == "claim"]
    shuffled = [units[k] for k in claim_slots]
    rng.shuffle(shuffled)
    for k, unit in zip(claim_slots, shuffled, strict=True):
        units[k] = unit
    units = [(kind, _vary_numbers(text, rng)) for kind, text in units[: rng.randint(35, 65)]]
    parts, spans, offset = [], [], 0
    for kind, text in units:
        spans.append((offset, offset + len(text)))
        separator = "\n\n" if kind != "claim" else " "
        parts.append(text + separator)
        offset += len(text) + len(separator)
    text = "".join(parts).rstrip()
    first_claim = next((t for kind, t in units if kind == "claim"), units[0][1])
    title = first_claim[:120].rstrip(" ,.:;") or f"Artikel {i}"
    imported_at = START + timedelta(minutes=45 * i + rng.randint(0, 30))
    published_at = None if rng.random() < 0.05 else imported_at - timedelta(hours=rng.randint(0, 24 * 60))
    outlet = rng.choice(OUTLETS)
    author = "" if rng.random() < 0.1 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    labels_needed = 3 if rng.random() < 0.1 else 2
    article_id = ids["article"].take()
    digest = hashlib.sha256(f"bench {i}\n{text}".encode()).hexdigest()
    lead = rng.choice(leads)
    rows["article"].append(
        (
            article_id,
            title,
            f"https://{outlet.lower().replace(' ', '-')}.example/artikel/{i}",
            outlet,
            author,
            published_at,
            "de",
            text,
            digest,
            imported_at,
            rng.choice(reviewers),
            labels_needed,
            "",
            "{}",
            None,
            1,
        )
    )
    if rng.random() < 0.3:
        for reviewer in rng.sample(reviewers, rng.randint(1, 2)):
            rows["assignment"].append((ids["assignment"].take(), imported_at, article_id, lead, reviewer))
    state = rng.random()  # < 0.6 fully labelled, < 0.85 partly, else untouched
    for position, ((kind, unit_text), (start, end)) in enumerate(zip(units, spans, strict=True)):
        claim_id = ids["claim"].take()
        rows["claim"].append(
            (claim_id, position, start, end, unit_text, kind, "", "", imported_at, article_id, None)
        )
        if kind not in LABELLED_KINDS or state >= 0.85:
            continue
        n_labels = labels_needed if state < 0.6 else rng.randint(0, labels_needed)
        if n_labels:
            _labels(rng, claim_id, imported_at, rng.sample(reviewers, n_labels), leads, ids, rows)


def _labels(rng: random.Random, claim_id: int, imported_at, by, leads, ids, rows) -> None:
    truth = rng.choices(VALUES, TRUTH_WEIGHTS)[0]
    labels = []
    for reviewer in by:
        value = truth if rng.random() < 0.95 else rng.choice([v for v in VALUES if v != truth])
        created = imported_at + timedelta(minutes=rng.randint(5, 60 * 24 * 14))
        updated, version = created, 1
        if rng.random() < 0.1:
            first = rng.choice([v for v in VALUES if v != value])
            updated, version = created + timedelta(minutes=rng.randint(1, 600)), 2
            rows["labelevent"].append((ids["labelevent"].take(), "", first, created, claim_id, reviewer))
            rows["labelevent"].append((ids["labelevent"].take(), first, value, updated, claim_id, reviewer))
        else:
            rows["labelevent"].append((ids["labelevent"].take(), "", value, created, claim_id, reviewer))
        labels.append([ids["label"].take(), value, "", created, updated, version, claim_id, reviewer])
    if rng.random() < 0.03:
        for k in range(rng.randint(1, 2)):
            rows["evidence"].append(
                (
                    ids["evidence"].take(),
                    f"https://quelle.example/{claim_id}/{k}",
                    f"Beleg {k + 1}",
                    rng.choice(STANCES),
                    "",
                    labels[0][4] + timedelta(minutes=k + 1),
                    by[0],
                    claim_id,
                    1,
                )
            )
    if len({label[1] for label in labels}) > 1 and rng.random() < 0.6:
        decided_at = max(label[4] for label in labels) + timedelta(hours=rng.randint(1, 72))
        value = rng.choice([label[1] for label in labels])
        rows["decision"].append((ids["decision"].take(), value, "", decided_at, claim_id, rng.choice(leads)))
        if rng.random() < 0.05:
            # A reviewer changed their mind after the decision: the claim is reopened.
            label = next(label for label in labels if label[1] != value)
            third = next(v for v in VALUES if v not in (value, label[1]))
            label[4], label[5] = decided_at + timedelta(hours=1), label[5] + 1
            rows["labelevent"].append(
                (ids["labelevent"].take(), label[1], third, label[4], claim_id, label[7])
            )
            label[1] = third
    rows["label"].extend(tuple(label) for label in labels)


if __name__ == "__main__":
    main()
