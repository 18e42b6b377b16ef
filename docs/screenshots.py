"""The README's screenshots, taken again with one command once the pages change.

    .venv/bin/python docs/screenshots.py

Starts a throwaway Newsdesk (bench/live_desk.py: SQLite in a temporary folder, seeds/ imported, gunicorn as
make run does), adds an admin, two reviewers and a lead with a few labels, a note and evidence, then drives
Debian's Chromium through Playwright (installed by `make test`) at 1280×800 and writes into docs/:
import.png, article-list.png, article-page.png, shortcuts.png, export.png and admin-user.png. The browser asks
for German (tests.browser.LOCALE), so the pictures show the desk in its default language. Chromium's own
controls (the date fields' placeholder, the file button) speak Chromium's UI language: German once Debian's
chromium-l10n is installed (`apt-get install chromium-l10n`), English without it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
VIEWPORT = {"width": 1280, "height": 800}
PASTED = (
    "Die Stadt Musterstadt will bis 2030 alle Hauptstraßen mit geschützten Radwegen ausstatten. "
    "Das beschloss der Stadtrat am Dienstag mit knapper Mehrheit.\n\n"
    "Kritiker halten den Plan für unbezahlbar. Die Kosten sollen bei 40 Millionen Euro liegen."
)


def prepare() -> dict[str, int]:
    """Users, labels, a note and evidence, written with the ORM before the browser starts."""
    from django.contrib.auth.models import Group, User

    from claims import roles
    from claims.models import Evidence, Label
    from tests.browser import PASSWORD, import_seed

    def user(username: str, group: str = "", **extra) -> User:
        person = User.objects.create_user(username, password=PASSWORD, **extra)
        if group:
            person.groups.add(Group.objects.get(name=group))
        return person

    ada = user("ada", is_staff=True, is_superuser=True)
    rita, sven = user("rita", roles.REVIEWERS), user("sven", roles.REVIEWERS)
    lena = user("lena", roles.LEADS)
    values = Label.Value.values
    desk = import_seed("003")
    claims = list(desk.claims.labelled_kinds().order_by("position"))
    for i, claim in enumerate(claims[:12]):
        claim.set_label(reviewer=sven, value=values[i % 3], expected_version=0)
    for i, claim in enumerate(claims[:6]):
        claim.set_label(reviewer=lena, value=values[(i + i % 2) % 3], expected_version=0)
    for i, claim in enumerate(claims[:4]):
        claim.set_label(reviewer=rita, value=values[i % 3], expected_version=0)
    claims[0].set_note(reviewer=rita, note="Zitat im Original geprüft.")
    Evidence.objects.create(
        claim=claims[0],
        url="https://www.tagesschau.de/faktenfinder/",
        title="Faktenfinder",
        stance=Evidence.Stance.REFUTES,
        added_by=rita,
    )
    for seed, reviewer, share in (("000", sven, 1.0), ("001", rita, 0.5), ("002", lena, 0.3)):
        labelled = list(import_seed(seed).claims.labelled_kinds().order_by("position"))
        for i, claim in enumerate(labelled[: int(len(labelled) * share)]):
            claim.set_label(reviewer=reviewer, value=values[i % 3], expected_version=0)
    return {"article": desk.pk, "rita": rita.pk, "ada": ada.pk}


def shoot(browser, desk, username: str, next_path: str = "/"):
    from tests.browser import LOCALE, log_in

    page = browser.new_context(viewport=VIEWPORT, locale=LOCALE).new_page()
    log_in(page, desk, username, next_path)
    return page


def main() -> None:
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere
    from playwright.sync_api import sync_playwright

    from bench.live_desk import live_desk
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, LOCALE

    with live_desk() as desk:
        ids = prepare()
        # Playwright's sync API runs an event loop, in which Django refuses the ORM: prepared before it.
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=[*CHROMIUM_ARGS, f"--lang={LOCALE}"],
                env={**os.environ, "LANGUAGE": LOCALE.split("-")[0]},  # Chromium's UI language on Linux
            )

            page = shoot(browser, desk, "rita", "/import/")
            page.fill("#id_title", "Stadtrat beschließt Radwege")
            page.fill("#id_source_url", "https://example.org/radwege")
            page.fill("#id_text", PASTED)
            page.screenshot(path=DOCS / "import.png", full_page=True)
            page.click(".import-form button[type=submit]")
            page.wait_for_selector("#article-list")
            page.screenshot(path=DOCS / "article-list.png")

            page.goto(f"{desk.url}/articles/{ids['article']}/")
            page.wait_for_selector("html[data-desk-ready] [aria-current=true]")
            page.evaluate("window.scrollTo(0, 0)")  # the title and the labelled claims above the focused one
            page.screenshot(path=DOCS / "article-page.png")
            page.keyboard.press("?")
            page.wait_for_selector("#shortcuts[open]")
            page.screenshot(path=DOCS / "shortcuts.png")

            page = shoot(browser, desk, "lena", "/export/")
            page.wait_for_selector("#export-count strong")
            page.screenshot(path=DOCS / "export.png", full_page=True)

            page = shoot(browser, desk, "ada", f"/admin/auth/user/{ids['rita']}/change/")
            # Permissions (active, staff, superuser) and the groups, at the foot of the window.
            page.locator(".field-groups").evaluate("field => field.scrollIntoView({block: 'end'})")
            page.screenshot(path=DOCS / "admin-user.png")
            browser.close()
    for name in ("import", "article-list", "article-page", "shortcuts", "export", "admin-user"):
        path = DOCS / f"{name}.png"
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
