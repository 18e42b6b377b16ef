"""The desk reads like the article: how many claims of each seed a reviewer sees on the first screen at
1280×800 (a claim counts when all of it is in view), in Chromium. Seeds 000-003 show 10 to 12 (about 4
before the compact desk). Seed 004 opens with its headline twice, two boilerplate lines and two sub-heads
around long sentences, so it shows 6 (3 before the compact desk): its lines that are not labelled share a
line until one is opened."""

from __future__ import annotations

import pytest

from tests.browser import import_seed, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]

AT_LEAST = {"000": 10, "001": 10, "002": 10, "003": 10, "004": 6}
FULLY_IN_VIEW = """() => [...document.querySelectorAll('[data-claim-id]')].filter(row => {
  const box = row.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight;
}).length"""


def test_a_reviewer_sees_ten_claims_on_the_first_screen(reviewer, live_server, page):
    articles = {seed: import_seed(seed) for seed in AT_LEAST}
    log_in(page, live_server, "rita")
    seen = {}
    for seed, article in articles.items():
        page.goto(f"{live_server.url}/articles/{article.pk}/")
        page.wait_for_selector("html[data-desk-ready] [aria-current=true]")
        page.evaluate("window.scrollTo(0, 0)")
        seen[seed] = page.evaluate(FULLY_IN_VIEW)
    print("claims on the first screen at 1280×800:", seen)
    assert all(seen[seed] >= AT_LEAST[seed] for seed in AT_LEAST), seen


def test_the_focused_claims_tools_are_in_one_place_and_the_others_rows_are_one_line_of_controls(
    reviewer, live_server, page
):
    article = import_seed("003")
    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    page.wait_for_selector("html[data-desk-ready] [aria-current=true]")
    first_id = page.get_attribute(".claim[aria-current=true]", "data-claim-id")
    current = page.locator(f"#claim-{first_id}")
    assert current.locator(".claim-tools").is_visible()
    assert current.locator("details.add-evidence > summary").is_visible()
    assert page.locator(".claim:not([aria-current=true]) .claim-tools").first.is_hidden()
    page.keyboard.press("j")  # the tools move with the focus
    assert page.locator(".claim[aria-current=true] .claim-tools").is_visible()
    assert current.locator(".claim-tools").is_hidden()
