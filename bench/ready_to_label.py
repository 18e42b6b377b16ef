"""Ready to label: how long the longest seed's desk takes from navigation until a key press labels a claim.

    .venv/bin/python bench/ready_to_label.py [--runs 7]

Starts a throwaway Newsdesk (bench/live_desk.py: SQLite in a temporary folder, gunicorn as make run does) and
drives Debian's Chromium through Playwright, as the browser tests do. Each run is a new reviewer in a new
browser context: it logs in, opens the longest seed (002, 102 units) from a blank page and presses the label
key for "fact" every 20 ms from the moment the navigation starts, until the desk sends a label.

The figure is measured from outside the page, by the browser's network stack: from the start of the
document's request to the start of the first label request, which the desk sends only once its first claim
is focused and its keys listen. A press that arrives before then is lost, as a reviewer's would be. The first
visit of each run has a cold cache (the first time on a new machine); the second visit, from the blank page
again, has the static files cached, as every later visit does. The desk's own marker (window.deskReadyAt) is
printed beside it for comparison. Target: 500 ms for the warm visit.

Timing depends on the machine's load, so it is measured here and not in the tests; the load average is
printed with the figures. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 500
PRESS_EVERY_MS = 20
GIVE_UP_MS = 15_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere
    from playwright.sync_api import sync_playwright

    from bench.live_desk import live_desk
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_ENV, LOCALE, PASSWORD, log_in

    with live_desk() as desk:
        from django.contrib.auth.models import Group, User
        from django.db.models import Count

        from claims import roles
        from claims.models import Article

        reviewers = Group.objects.get(name=roles.REVIEWERS)
        names = [f"reviewer{run}" for run in range(args.runs)]
        for name in names:
            User.objects.create_user(name, password=PASSWORD).groups.add(reviewers)
        article = Article.objects.annotate(units=Count("claims")).order_by("-units").first()
        units = article.units
        desk_url = f"{desk.url}/articles/{article.pk}/"
        # Playwright's sync API runs an event loop, in which Django refuses the ORM: set up before it.
        cold, warm, marker = [], [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=CHROMIUM_ENV
            )
            for name in names:
                context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=LOCALE)
                page = context.new_page()
                log_in(page, desk, name)
                cold.append(time_to_first_label(page, desk_url))
                warm.append(time_to_first_label(page, desk_url))
                marker.append(round(page.evaluate("window.deskReadyAt")))
                context.close()
            browser.close()
    load = os.getloadavg()[0]
    result = {
        "units": units,
        "ready_warm_ms": statistics.median(warm),
        "ready_cold_ms": statistics.median(cold),
        "desk_marker_ms": statistics.median(marker),
        "runs_warm_ms": warm,
        "runs_cold_ms": cold,
        "load_average": round(load, 2),
        "target_ms": TARGET_MS,
    }
    print(f"the longest seed, {units} units, {args.runs} reviewers, load average {load:.2f}")
    print(f"ready to label, warm cache: median {result['ready_warm_ms']:.0f} ms {warm}; target {TARGET_MS}")
    print(f"ready to label, cold cache: median {result['ready_cold_ms']:.0f} ms {cold}")
    print(f"desk.js's own marker (warm): median {result['desk_marker_ms']:.0f} ms")
    print(json.dumps(result))


def time_to_first_label(page, desk_url: str) -> int:
    """Milliseconds from the document request to the first label request, pressing "f" every 20 ms."""
    requests = []

    def record(request):
        requests.append(request)

    page.on("request", record)
    page.goto("about:blank")
    page.goto(desk_url, wait_until="commit")
    waited = 0
    while not (label := first(requests, lambda r: r.method == "POST" and "/label" in r.url)):
        page.keyboard.press("f")
        page.wait_for_timeout(PRESS_EVERY_MS)
        waited += PRESS_EVERY_MS
        if waited > GIVE_UP_MS:
            raise SystemExit(f"no label was sent within {GIVE_UP_MS} ms of navigation")
    document = first(requests, lambda r: r.url == desk_url and r.resource_type == "document")
    page.remove_listener("request", record)
    label.response()  # the label's answer lands (and its timing is known) before the next navigation
    return round(label.timing["startTime"] - document.timing["startTime"])


def first(requests, wanted):
    return next((request for request in requests if wanted(request)), None)


if __name__ == "__main__":
    main()
