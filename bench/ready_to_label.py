"""Ready to label: how long the longest seed's desk takes from navigation until a reviewer can press a key.

    .venv/bin/python bench/ready_to_label.py [--runs 7]

Starts a throwaway Newsdesk (bench/live_desk.py: SQLite in a temporary folder, gunicorn as make run does),
logs a reviewer in with Debian's Chromium through Playwright (as the browser tests do, so `make test` has
installed Playwright) and opens seed 002 (103 units) --runs times. The figure is desk.js's
window.deskReadyAt, milliseconds from navigation until the claims are shown, the first one is focused and
the shortcuts listen; the median of the runs after the first, which warms the server and the browser's
cache. Target: 300 ms. Timing depends on the machine's load, so it is measured here and not in the tests.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere
    from playwright.sync_api import sync_playwright

    from bench.live_desk import live_desk
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, PASSWORD, import_seed, log_in

    with live_desk() as desk:
        from django.contrib.auth.models import Group, User

        from claims import roles

        rita = User.objects.create_user("rita", password=PASSWORD)
        rita.groups.add(Group.objects.get(name=roles.REVIEWERS))
        article = import_seed("002")
        units = article.claims.count()
        # Playwright's sync API runs an event loop, in which Django refuses the ORM: set up before it.
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            log_in(page, desk, "rita")
            timings = []
            for _ in range(args.runs):
                page.goto(f"{desk.url}/articles/{article.pk}/")
                page.wait_for_selector("html[data-desk-ready] [aria-current=true]")
                timings.append(round(page.evaluate("window.deskReadyAt")))
            browser.close()
    ready = statistics.median(timings[1:])
    print(f"ready to label (seed 002, {units} units): {ready:.0f} ms; target {TARGET_MS} ms; runs {timings}")
    print(json.dumps({"units": units, "ready_ms": ready, "runs_ms": timings, "target_ms": TARGET_MS}))


if __name__ == "__main__":
    main()
