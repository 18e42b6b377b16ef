"""The guidelines in Chromium: a reviewer on the desk presses ?, follows the link in the shortcuts overlay
with the keyboard and reads the codebook; a lead's edit reaches the reviewer's page."""

from __future__ import annotations

import pytest

from claims.models import GuidelineVersion
from tests.browser import import_seed, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]


def test_a_reviewer_reaches_the_guidelines_from_the_shortcuts_overlay(reviewer, live_server, page):
    article = import_seed("003")
    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    page.wait_for_selector("html[data-desk-ready]")
    page.keyboard.press("?")
    page.wait_for_selector("#shortcuts[open]")
    assert page.evaluate("document.activeElement.textContent") == "Schließen"  # Enter still closes it
    page.keyboard.press("Shift+Tab")  # from "Schließen" back to the guidelines link
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/guidelines/"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/guidelines/")
    assert page.inner_text("h1") == "Leitfaden"
    headings = page.locator(".guidelines-text h3").all_inner_texts()
    assert {"Fakt", "Meinung", "Nicht überprüfbar"} <= set(headings)


def test_a_leads_edit_is_what_reviewers_read_and_nothing_in_it_runs(lead, reviewer, live_server, page):
    log_in(page, live_server, "lena", "/guidelines/edit/")
    text = "# Fakt\n\nPrüfbar. <img src=x onerror=\"document.title='xss'\">\n\n[Quelle](javascript:alert(1))"
    page.fill("#id_text", text)
    page.fill("#id_note", "Beispiel ergänzt")
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/guidelines/")
    assert GuidelineVersion.objects.get().note == "Beispiel ergänzt"
    assert page.locator(".guidelines-text img, .guidelines-text a").count() == 0
    assert "onerror" in page.inner_text(".guidelines-text")
    assert page.title() != "xss"
