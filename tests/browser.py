"""Helpers for the browser tests (Playwright with Debian's Chromium; fixtures are in conftest.py).

bench/ready_to_label.py uses them too, so importing this module needs no Django setup.
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The browser's language for the browser tests and the screenshots: Chromium then sends Accept-Language de-DE,
# and the desk speaks German, its default.
LOCALE = "de-DE"
CHROMIUM_ARGS = [
    f"--lang={LOCALE}",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Chromium's own controls (a date field's placeholder, the file button) in German too: its UI language on
# Linux, with Debian's chromium-l10n installed (.ci/run installs it).
CHROMIUM_ENV = {**os.environ, "LANGUAGE": LOCALE.split("-")[0]}
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PASSWORD = "correct horse battery"


def import_seed(name: str):
    from claims import importing

    path = next(SEEDS.glob(f"{name}_*.txt"))
    return importing.store(importing.parse_file(path.name, path.read_bytes())).article


def claim_ids(article) -> list[int]:
    """The article's claims that reviewers label, in reading order."""
    return list(article.claims.labelled_kinds().order_by("position").values_list("pk", flat=True))


def log_in(page, live_server, username: str, next_path: str = "/"):
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    # The login form's own button: the header's language switch has submit buttons too, before it.
    page.locator("form", has=page.locator("#id_password")).locator("button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")
