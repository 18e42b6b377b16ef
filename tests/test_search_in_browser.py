"""Searching in Chromium: the results come in place of the old ones without a reload, the address follows,
and a result opens the article at its claim."""

from __future__ import annotations

import pytest

from tests.browser import log_in
from tests.search_helpers import article_with

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]


def test_a_reviewer_searches_with_the_keyboard_and_opens_the_claim(reviewer, live_server, page):
    article = article_with("Die Straßenbahn fährt wieder nach Plan.", "Der Bus fällt aus.")
    claim = article.claims.get(position=0)
    log_in(page, live_server, "rita", "/search/")
    page.evaluate("window.searchedWithoutReload = true")
    page.get_by_label("Wörter in Behauptungen und Titeln").fill("Strassenbahn")
    page.keyboard.press("Enter")
    page.locator("#search-results mark", has_text="Straßenbahn").wait_for()
    assert page.evaluate("window.searchedWithoutReload") is True
    assert page.url.endswith("/search/?q=Strassenbahn")
    page.locator("#search-results a.search-claim").first.click()
    page.wait_for_url(f"**/articles/{article.pk}/?claim={claim.pk}#claim-{claim.pk}")


def test_the_back_button_brings_the_earlier_search_back(reviewer, live_server, page):
    article_with("Die Straßenbahn fährt wieder nach Plan.", "Der Bus fällt aus.")
    log_in(page, live_server, "rita", "/search/?q=Bus")
    search_box = page.get_by_label("Wörter in Behauptungen und Titeln")
    search_box.fill("Straßenbahn")
    search_box.press("Enter")
    page.locator("#search-results mark", has_text="Straßenbahn").wait_for()
    page.go_back()
    page.locator("#search-results mark", has_text="Bus").wait_for()
    assert "Bus fällt aus" in page.locator("#search-results").inner_text()
    assert page.get_by_label("Wörter in Behauptungen und Titeln").input_value() == "Bus"
    assert page.get_by_role("navigation", name="Hauptmenü").is_visible()
