"""Each page a reviewer or lead uses, timed on desks of growing size: median server time, queries, and the
plans of each page's slowest queries.

    .venv/bin/python bench/generate.py --database newsdesk_scale_1k --articles 21      # about 1,000 claims
    .venv/bin/python bench/generate.py --database newsdesk_scale_10k --articles 210    # 10,000
    .venv/bin/python bench/generate.py --database newsdesk_scale_100k --articles 2100  # 100,000
    .venv/bin/python bench/generate.py --database newsdesk_scale_1m --articles 21000   # 1,000,000
    .venv/bin/python bench/pages.py                                    # all four; --databases to choose

Each database is measured in a process of its own, --rounds times in turn (A B A B), in process with
Django's test Client (no HTTP, no network: the server's time only), logged in as r01 (a reviewer) or lead1
(a lead). Every page is fetched once to warm up, then --runs times; the median of every round's runs is
reported, with Python's CPU time. In the first round each page is fetched once more with its queries
captured, and each of the page's own queries (on the claims_ tables) is run again under EXPLAIN (ANALYZE,
BUFFERS): the plan lines that read a table (which index, or a sequential scan) and the execution time are
printed; --plans all prints whole plans. The table gives the medians and queries per page and database; the
last line is JSON of the same.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from live_desk import desk_env  # bench/, beside this script

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--databases", default=",".join(f"newsdesk_scale_{n}" for n in ("1k", "10k", "100k", "1m"))
    )
    parser.add_argument("--runs", type=int, default=7, help="timed requests per page and round")
    parser.add_argument("--rounds", type=int, default=2, help="the databases measured in turn: A B A B")
    parser.add_argument("--pages", default="", help="only these pages (comma-separated names)")
    parser.add_argument("--plans", choices=["scans", "all", "none"], default="scans")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child process: measure this database
    args = parser.parse_args()
    if args.one:
        _measure(args)
        return
    results, times = {}, {}
    for round_ in range(args.rounds):
        for database in args.databases.split(","):
            plans = args.plans if round_ == 0 else "none"
            command = [sys.executable, __file__, "--one", database, "--runs", str(args.runs)]
            command += ["--plans", plans, *(["--pages", args.pages] if args.pages else [])]
            out = subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
            print(out.rsplit("\n", 2)[0], flush=True)
            result = json.loads(out.strip().splitlines()[-1])
            results.setdefault(database, result)
            for page, figure in result["pages"].items():
                for kind in ("times", "cpu_times"):
                    times.setdefault((database, page, kind), []).extend(figure.pop(kind))
    for (database, page, kind), page_times in times.items():
        results[database]["pages"][page]["ms" if kind == "times" else "cpu_ms"] = round(
            statistics.median(page_times), 1
        )
    _table(results)
    load = os.getloadavg()
    figures = {"load": [round(x, 2) for x in load], "runs": args.runs, "rounds": args.rounds}
    print(json.dumps({**figures, "results": results}))


def _table(results: dict) -> None:
    """Median wall-clock ms (Python's CPU ms in brackets: the part the load of other processes inflates
    least) and queries, per page and database; the last column compares the last database with the one of
    about 10,000 claims."""
    databases = list(results)
    pages = list(next(iter(results.values()))["pages"])
    sizes = [f"{results[d]['claims']:,} claims" for d in databases]
    base = next((d for d in databases if 5_000 <= results[d]["claims"] <= 20_000), None)
    ratio = base is not None and base != databases[-1]
    print()
    print(f"{'page':<22}" + "".join(f"{size:>26}" for size in sizes) + (f"{'last/10k':>10}" if ratio else ""))
    for page in pages:
        cells = []
        for database in databases:
            f = results[database]["pages"].get(page)
            cells.append(f"{f['ms']:>8.1f} ms ({f['cpu_ms']:>5.1f}) {f['queries']:>2} q" if f else "")
        row = f"{page:<22}" + "".join(f"{cell:>26}" for cell in cells)
        if ratio:
            row += (
                f"{results[databases[-1]]['pages'][page]['ms'] / results[base]['pages'][page]['ms']:>9.2f}x"
            )
        print(row)
    print(f"(median of every run; load {os.getloadavg()[0]:.2f})")


def _measure(args) -> None:
    os.environ.update(desk_env(f"{SERVER}/{args.one}"))
    sys.path.insert(0, str(ROOT))
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic for a benchmark
    django.setup()
    from django.conf import settings

    # No collectstatic for a benchmark: static URLs without the manifest's hashes.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from claims.models import Article, Claim

    users = get_user_model().objects
    reviewer, lead = Client(), Client()
    reviewer.force_login(users.get(username="r01"))
    lead.force_login(users.get(username="lead1"))
    newest = Article.objects.order_by("-imported_at", "-pk").first()
    # The desk is timed on the same article (the 21st generated: same claims, same labels) at every size.
    same = Article.objects.get(source_url__endswith="/artikel/20")
    latest = timezone.localtime(
        Article.objects.order_by("-published_at").exclude(published_at=None)[0].published_at
    )
    month = f"published_from={latest - timezone.timedelta(days=30):%d.%m.%Y}&published_to={latest:%d.%m.%Y}"
    # A word in many titles at every size (55 of 210 at 10,000 claims), so every size renders a full page.
    word = "Trump"
    htmx = {"HTTP_HX_REQUEST": "true"}
    pages = {
        "list": (reviewer, "/", {}),
        "list lead": (lead, "/", {}),
        "list next page": (reviewer, "NEXT:/", {}),
        "list outlet": (reviewer, f"/?outlet={newest.outlet}", {}),
        "list assigned": (reviewer, "/?assigned=1", {}),
        "list todo": (reviewer, "/?todo=1", {}),
        "list disputed": (reviewer, "/?disputed=1", {}),
        "list disputed lead": (lead, "/?disputed=1", {}),
        "list published month": (reviewer, f"/?{month}", {}),
        "list by publication": (reviewer, "/?sort=published", {}),
        "list oldest first": (reviewer, "/?sort=published_asc", {}),
        "list title search": (reviewer, f"/?q={word}", {}),
        # Search (claims.search): a word in a third of a percent of the claims, spelled as its folding
        # finds it (Groenland: Grönland), and one in a fifth of them, which is read from the table.
        "search": (reviewer, "/search/?q=Groenland", {}),
        "search common word": (reviewer, "/search/?q=Trump", {}),
        "article (desk)": (reviewer, f"/articles/{same.pk}/", {}),
        "next claim": (reviewer, "/next/", {}),
        "disputes": (lead, "/disputes/", {}),
        "disputes count": (lead, "/disputes/", htmx),
        "agreement": (lead, "/agreement/", {}),
        "export form": (lead, "/export/", {}),
        "export count": (lead, "/export/?status=disputed", htmx),
        "export form reviewer": (reviewer, "/export/", {}),
    }
    if args.pages:
        pages = {name: pages[name] for name in args.pages.split(",")}
    results = {}
    for name, (client, url, headers) in pages.items():
        if url.startswith("NEXT:"):
            body = client.get(url[5:]).content.decode()
            found = re.search(r'rel="next" href="([^"]+)"', body)
            url = found.group(1).replace("&amp;", "&") if found else url[5:]
        response = client.get(url, **headers)
        assert response.status_code in (200, 302), (name, url, response.status_code)
        times, cpu = [], []
        for _ in range(args.runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url, **headers)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(url, **headers)
        results[name] = {
            "ms": round(statistics.median(times), 1),
            "cpu_ms": round(statistics.median(cpu), 1),
            "queries": len(captured),
            "url": url,
            "times": [round(t, 2) for t in times],
            "cpu_times": [round(t, 2) for t in cpu],
        }
        print(f"## {name}: {url} — median {results[name]['ms']} ms, {len(captured)} queries", flush=True)
        if args.plans != "none":
            # The page's own queries (not the session's, the user's or the groups').
            for query in [q for q in captured.captured_queries if '"claims_' in q["sql"]]:
                _explain(connection, query["sql"], args.plans)
    print(json.dumps({"database": args.one, "claims": Claim.objects.count(), "pages": results}))


def _explain(connection, sql: str, which: str) -> None:
    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        plan = [row[0] for row in cursor.fetchall()]
    print(f"   {sql[:160]}{'…' if len(sql) > 160 else ''}")
    for line in plan:
        if which == "all" or re.search(r"Scan|Execution Time|Sort Method|Limit", line):
            print(f"   | {line[:170]}")


if __name__ == "__main__":
    main()
