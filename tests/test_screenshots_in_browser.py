"""The README's screenshots, taken by a browser test of the German desk a newsroom sees first.

Every run checks the pages it photographs (German, the figures and rows the screenshot is meant to show).
The pictures go to a temporary folder, so `make test` changes nothing in the working tree; to retake the
README's pictures after a page changed:

    SCREENSHOTS=docs .venv/bin/python -m pytest tests/test_screenshots_in_browser.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from claims import roles
from claims.models import Evidence, Label
from tests.browser import PASSWORD, import_seed, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]

ROOT = Path(__file__).resolve().parent.parent
VIEWPORT = {"width": 1280, "height": 800}
PASTED = (
    "Die Stadt Musterstadt will bis 2030 alle Hauptstraßen mit geschützten Radwegen ausstatten. "
    "Das beschloss der Stadtrat am Dienstag mit knapper Mehrheit.\n\n"
    "Kritiker halten den Plan für unbezahlbar. Die Kosten sollen bei 40 Millionen Euro liegen."
)


@pytest.fixture
def folder(tmp_path) -> Path:
    wanted = os.environ.get("SCREENSHOTS", "")
    return (ROOT / wanted) if wanted else tmp_path


def _desk() -> dict:
    """An admin, two reviewers and a lead, with labels, a note and evidence on four seed articles."""

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
    claims[0].set_note(reviewer=rita, note="Zitat im Original geprüft.", expected_version=1)
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


def _as(browser, live_server, username: str, next_path: str):
    context = browser.new_context(viewport=VIEWPORT, locale="de-DE")
    page = context.new_page()
    log_in(page, live_server, username, next_path)
    assert page.get_attribute("html", "lang") == "de"
    return page


def test_the_readme_screenshots_show_the_german_desk(browser, live_server, folder):
    ids = _desk()
    folder.mkdir(parents=True, exist_ok=True)

    page = _as(browser, live_server, "rita", "/import/")
    assert page.inner_text("h1") == "Artikel importieren"
    page.fill("#id_title", "Stadtrat beschließt Radwege")
    page.fill("#id_source_url", "https://example.org/radwege")
    page.fill("#id_text", PASTED)
    page.screenshot(path=folder / "import.png", full_page=True)
    page.click(".import-form button[type=submit]")
    page.wait_for_selector("#article-list")
    assert "Stadtrat beschließt Radwege: mit 4 Behauptungen importiert" in page.inner_text(".messages")
    assert page.locator("#article-list tbody tr").count() == 5  # four seeds and the paste
    page.screenshot(path=folder / "article-list.png")

    page.goto(f"{live_server.url}/articles/{ids['article']}/")
    page.wait_for_selector("html[data-desk-ready] [aria-current=true]")
    assert page.locator(".label-button.fact").first.inner_text() == "Fakt f"
    page.evaluate("window.scrollTo(0, 0)")  # the title and the labelled claims above the focused one
    page.screenshot(path=folder / "article-page.png")
    page.keyboard.press("?")
    page.wait_for_selector("#shortcuts[open]")
    assert "Tastenkürzel" in page.inner_text("#shortcuts")
    page.screenshot(path=folder / "shortcuts.png")

    page = _as(browser, live_server, "lena", "/export/")
    page.wait_for_selector("#export-count strong")
    assert "Zeilen werden geschrieben" in page.inner_text("#export-count")
    page.screenshot(path=folder / "export.png", full_page=True)

    page = _as(browser, live_server, "ada", f"/admin/auth/user/{ids['rita']}/change/")
    # Permissions (active, staff, superuser) and the groups, at the foot of the window.
    page.locator(".field-groups").evaluate("field => field.scrollIntoView({block: 'end'})")
    page.screenshot(path=folder / "admin-user.png")

    names = ("import", "article-list", "article-page", "shortcuts", "export", "admin-user")
    assert all((folder / f"{name}.png").stat().st_size > 10_000 for name in names)


def test_the_readme_screenshot_of_the_disputes_queue(browser, live_server, folder):
    _desk()
    folder.mkdir(parents=True, exist_ok=True)
    page = _as(browser, live_server, "lena", "/disputes/")
    page.wait_for_selector("html[data-disputes-ready] #disputes [aria-current=true]")
    first = page.get_attribute("#disputes [aria-current=true]", "data-claim-id")
    page.keyboard.press("b")
    page.keyboard.type("Die Zahl steht so im Bericht des Statistikamts.")
    page.keyboard.press("Escape")
    page.keyboard.press("f")
    page.wait_for_selector(f"#dispute-{first} .status-adjudicated")
    assert page.inner_text(f"#dispute-{first} .decision").startswith("Entscheidung: „Fakt“ von lena")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=folder / "disputes.png")
    assert (folder / "disputes.png").stat().st_size > 10_000
