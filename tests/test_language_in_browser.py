"""The language switch in Chromium: a German browser's reviewer switches the desk to English and back, and
the keys follow the words (claims.shortcuts): o labels Opinion in English, m labels Meinung in German."""

from __future__ import annotations

import pytest

from claims.models import Label, Profile
from tests.browser import import_seed, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]


def _switch_to(page, language: str) -> None:
    page.click(f"button[name=language][value={language}]")
    page.wait_for_selector(f"html[lang={language}][data-desk-ready]")


def _label_with(page, claim_id: int, key: str, value: str) -> None:
    page.wait_for_selector(f"#claim-{claim_id}[aria-current=true]")
    page.keyboard.press(key)
    page.wait_for_selector(f"#claim-{claim_id}[data-label={value}]")


def test_a_reviewer_switches_to_english_and_back_and_the_keys_follow(reviewer, live_server, page):
    article = import_seed("003")
    ids = list(article.claims.labelled_kinds().order_by("position").values_list("pk", flat=True))
    desk = f"/articles/{article.pk}/"
    log_in(page, live_server, "rita", desk)
    page.wait_for_selector("html[lang=de][data-desk-ready]")
    assert page.get_attribute("button[name=language][value=de]", "aria-current") == "true"

    _switch_to(page, "en")
    assert page.url == f"{live_server.url}{desk}"  # back where the switch was pressed
    assert page.get_attribute("button[name=language][value=en]", "aria-current") == "true"
    opinion = page.locator(f"#claim-{ids[0]} button[name=label][value=opinion]")
    assert opinion.inner_text().startswith("Opinion")
    assert opinion.get_attribute("aria-keyshortcuts") == "o"
    assert "by me" in page.locator("#progress").inner_text()
    _label_with(page, ids[0], "o", "opinion")

    page.reload()
    page.wait_for_selector("html[lang=en][data-desk-ready]")
    page.goto(f"{live_server.url}/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("main h1") == "Articles"
    page.goto(f"{live_server.url}{desk}")
    page.wait_for_selector("html[lang=en][data-desk-ready]")
    assert Profile.objects.get(user=reviewer).language == "en"

    _switch_to(page, "de")
    assert (
        page.locator(f"#claim-{ids[1]} button[name=label][value=opinion]").inner_text().startswith("Meinung")
    )
    _label_with(page, ids[1], "m", "opinion")
    _label_with(page, ids[2], "n", "unverifiable")  # in English, n opened the note instead
    assert Profile.objects.get(user=reviewer).language == "de"
    assert dict(Label.objects.filter(claim_id__in=ids[:3]).values_list("claim_id", "value")) == {
        ids[0]: "opinion",
        ids[1]: "opinion",
        ids[2]: "unverifiable",
    }


def test_an_expired_session_is_reported_in_the_language_the_reviewer_chose(reviewer, live_server, page):
    """The expired session no longer knows the choice, so the answer would be in the browser's German; the
    message comes from the page, which speaks the reviewer's English."""
    from django.contrib.sessions.models import Session

    article = import_seed("003")
    first = article.claims.labelled_kinds().order_by("position").first()
    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    _switch_to(page, "en")
    Session.objects.all().delete()
    page.wait_for_selector(f"#claim-{first.pk}[aria-current=true]")
    page.keyboard.press("f")
    page.wait_for_selector(f"#claim-{first.pk} .row-message:not([hidden])")
    assert page.inner_text(f"#claim-{first.pk} .row-message") == (
        "Your session has expired. Log in again (in another tab); everything you saved is kept. "
        "This last change was NOT saved."
    )
