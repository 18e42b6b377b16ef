"""Benchmark the search page on PostgreSQL: server time per query with the GIN index and without it, A B A B.

    .venv/bin/python bench/search.py                  # 200,000 claims (about a minute to load)
    .venv/bin/python bench/search.py --claims 20000   # a quick run
    .venv/bin/python bench/search.py --reuse          # keep a database loaded before

Uses its own database (default newsdesk_bench_search, dropped and re-created unless --reuse finds it
loaded). Claims are windows of 6 to 30 words of the seed articles' running text (so words come as often
as they do in the seeds, and "Trump" is in about one claim in six), and a few carry marker words in both
spellings (Straßenbahn / Strassenbahn, Müller / Mueller, Bürgerinnen / Buergerinnen), loaded with COPY: the
database computes the stored tsvector as it would for an import.

The page is served in this process by Django's test client (the whole middleware stack, the view and
the template; no HTTP parsing), logged in as a reviewer, each query --rounds times. A is the page as
shipped; B the same page with the GIN index dropped inside a transaction that is rolled back. Rounds
alternate A B A B. Prints median and 95th percentile server time per query and variant, the query count,
EXPLAIN (ANALYZE, BUFFERS) of the claims query as the page runs it for a rare and a common word, and a
last line of JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from export import holds_claims  # bench/, beside this script
from label_latency import recreate_database
from live_desk import desk_env

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_PER_ARTICLE = 50
# Marker words and how many claims in 10,000 carry each, in each spelling.
MARKERS = {
    "Straßenbahn": 20,
    "Strassenbahn": 5,
    "Müller": 10,
    "Mueller": 5,
    "Bürgerinnen": 10,
    "Buergerinnen": 5,
}
QUERIES = [
    "Strassenbahn",  # rare, the other spelling of most of its claims
    "Straßenbahnen",  # rare, stemmed
    "Mueller",
    "Bürgerinnen Trump",  # two words, both needed
    '"Donald Trump"',  # a phrase
    "Trump",  # common: about one claim in ten
    "Grönland -Trump",
    "zzzzqx",  # nothing
]
PAGE_TEN = "Trump"  # also asked for its last page offered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--database", default="newsdesk_bench_search")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--reuse", action="store_true", help="keep the database if it holds --claims claims")
    parser.add_argument("--rounds", type=int, default=15, help="requests per query and variant")
    args = parser.parse_args()

    url = f"{args.server}/{args.database}"
    os.environ.update(desk_env(url))
    sys.path.insert(0, str(ROOT))
    figures: dict = {"claims": args.claims, "load": os.getloadavg()[0]}
    if not (args.reuse and holds_claims(url, args.claims)):
        recreate_database(args.server, args.database)
        _migrate()
        started = time.perf_counter()
        _load(url, args.claims)
        figures["load_seconds"] = round(time.perf_counter() - started, 1)
        print(f"loaded {args.claims:,} claims in {figures['load_seconds']} s", flush=True)
    else:
        _migrate()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE claims_claim")
        conn.execute("VACUUM ANALYZE claims_article")
        size = conn.execute("SELECT pg_size_pretty(pg_relation_size('claim_search'))").fetchone()[0]
        print(f"GIN index claim_search: {size}")
        figures["index_size"] = size

    import django

    django.setup()
    figures["pages"] = _measure(args.rounds)
    figures["explain"] = _explain()
    figures["load_after"] = os.getloadavg()[0]
    print(json.dumps(figures))


def _migrate() -> None:
    import subprocess

    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)
    # The page's static URLs need the manifest, as under `make run`.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)


def _seed_words() -> list[str]:
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt")))
    return re.findall(r"\S+", text)


def _claim_texts(n: int, rng: random.Random) -> list[str]:
    words = _seed_words()
    texts = []
    for _ in range(n):
        length = rng.randint(6, 30)
        start = rng.randrange(0, len(words) - length)
        window = words[start : start + length]
        for marker, per_10k in MARKERS.items():
            if rng.random() < per_10k / 10_000:
                window.insert(rng.randrange(len(window) + 1), marker)
        texts.append(" ".join(window))
    return texts


def _load(url: str, n_claims: int) -> None:
    """COPY articles (titles from claim texts) and their claims; the database fills the search vectors."""
    rng = random.Random(15)
    now = datetime.now(UTC)
    texts = _claim_texts(n_claims, rng)
    n_articles = max(1, -(-n_claims // CLAIMS_PER_ARTICLE))
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        article_columns = (
            "title, source_url, outlet, author, language, text, content_hash, imported_at, labels_needed, "
            "canonical_url, page_metadata, version"
        )
        with cur.copy(f"COPY claims_article ({article_columns}) FROM STDIN") as copy:
            for a in range(n_articles):
                body = " ".join(texts[a * CLAIMS_PER_ARTICLE : (a + 1) * CLAIMS_PER_ARTICLE])
                title = " ".join(texts[a * CLAIMS_PER_ARTICLE].split()[:8])
                copy.write_row(
                    (title, "", f"Medium {a % 40}", "", "de", body, f"bench-{a}", now, 2, "", "{}", 1)
                )
        ids = [row[0] for row in cur.execute("SELECT id FROM claims_article ORDER BY id")]
        with cur.copy(
            'COPY claims_claim (article_id, position, start, "end", text, kind, source_id, reference_label, '
            "created_at) FROM STDIN"
        ) as copy:
            for a, article_id in enumerate(ids):
                at = 0
                for position, text in enumerate(texts[a * CLAIMS_PER_ARTICLE : (a + 1) * CLAIMS_PER_ARTICLE]):
                    copy.write_row((article_id, position, at, at + len(text), text, "claim", "", "", now))
                    at += len(text) + 1
        conn.commit()


def _measure(rounds: int) -> dict:
    from django.contrib.auth.models import Group, User
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user, _ = User.objects.get_or_create(username="bench-reviewer")
    user.groups.add(Group.objects.get(name="Reviewers"))
    client = Client()
    client.force_login(user)
    asks = [{"q": q} for q in QUERIES] + [{"q": PAGE_TEN, "page": 10}]
    times: dict[tuple[str, str], list[float]] = {}
    query_counts = {}
    for _round in range(rounds):
        for variant in ("A", "B"):
            with transaction.atomic():
                if variant == "B":  # taken back with the rest of the transaction
                    with connection.cursor() as cursor:
                        cursor.execute("DROP INDEX claim_search")
                for ask in asks:
                    key = " page ".join(str(v) for v in ask.values())
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get("/search/", ask)
                        elapsed = time.perf_counter() - started
                    assert response.status_code == 200, (ask, response.status_code)
                    times.setdefault((key, variant), []).append(elapsed * 1000)
                    query_counts[key] = len(queries)
                transaction.set_rollback(True)
    print(f"\nserver time of /search/ in ms, {rounds} rounds A B A B (A: GIN index, B: without), load before")
    print(f"{'query':<26} {'A median':>9} {'A p95':>8} {'B median':>9} {'B p95':>8} {'queries':>8}")
    rows = {}
    for ask in asks:
        key = " page ".join(str(v) for v in ask.values())
        a, b = times[(key, "A")], times[(key, "B")]
        row = {
            "a_median": round(statistics.median(a), 1),
            "a_p95": round(_p95(a), 1),
            "b_median": round(statistics.median(b), 1),
            "b_p95": round(_p95(b), 1),
            "queries": query_counts[key],
        }
        rows[key] = row
        print(
            f"{key:<26} {row['a_median']:>9} {row['a_p95']:>8} {row['b_median']:>9} {row['b_p95']:>8} "
            f"{row['queries']:>8}"
        )
    return rows


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _explain() -> dict:
    from django.db import connection

    from claims import search

    plans = {}
    for word in ("Strassenbahn", "Trump"):
        params = {"query": word, "folded": search.fold(word), "limit": 21, "offset": 0}
        params["candidates"] = search.CANDIDATES
        engine = search._Postgres(word)
        common = engine.is_common()
        # As the page reads it: a common word from the table (search.COMMON_SHARE).
        reading = search.reading_the_table() if common else contextlib.nullcontext()
        with reading, connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + search._CLAIMS_SQL, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) of the claims query for {word!r}:\n{plan}")
        plans[word] = {
            "common": common,
            "uses_gin_index": "claim_search" in plan,
            "execution_ms": float(re.search(r"Execution Time: ([\d.]+)", plan).group(1)),
        }
    return plans


if __name__ == "__main__":
    main()
