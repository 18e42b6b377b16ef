"""A long article in Chromium: the page holds a window of units and the keys reach past it (desk_window)."""

from __future__ import annotations

import pytest

from claims.models import Label
from claims.views.desk_window import CONTEXT_BEFORE, UNITS_PER_WINDOW
from tests.browser import claim_ids, log_in
from tests.test_desk_window import long_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]


def test_labelling_with_the_keyboard_goes_on_past_the_window_without_a_reload(reviewer, live_server, page):
    article = long_article(UNITS_PER_WINDOW + 20)
    ids = claim_ids(article)
    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    page.wait_for_selector("html[data-desk-ready]")
    page.evaluate("window.notReloaded = true")
    assert page.locator("[data-claim-id]").count() < len(ids)
    for claim_id in ids:
        page.wait_for_selector(f"#claim-{claim_id}[aria-current=true]")
        page.keyboard.press("f")
        page.wait_for_selector(f"#claim-{claim_id}[data-label]")
    assert page.evaluate("window.notReloaded") is True
    assert Label.objects.filter(claim_id__in=ids, reviewer=reviewer, value="fact").count() == len(ids)


def test_moving_up_from_a_claims_link_brings_the_units_before_it(reviewer, live_server, page):
    article = long_article(UNITS_PER_WINDOW * 2)
    ids = claim_ids(article)
    opened = 60
    log_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/articles/{article.pk}/?claim={ids[opened]}#claim-{ids[opened]}")
    page.wait_for_selector(f"#claim-{ids[opened]}[aria-current=true]")
    assert page.locator(f"#claim-{ids[opened - CONTEXT_BEFORE - 1]}").count() == 0
    for _ in range(CONTEXT_BEFORE + 2):
        page.keyboard.press("k")
    # The fifth press comes before the earlier units: it waits for them, after the fourth.
    page.wait_for_selector(f"#claim-{ids[opened - CONTEXT_BEFORE - 2]}[aria-current=true]")


def test_scrolling_to_the_end_of_the_window_brings_the_next_units(reviewer, live_server, page):
    article = long_article(UNITS_PER_WINDOW * 2)
    ids = claim_ids(article)
    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    page.wait_for_selector("html[data-desk-ready]")
    assert page.locator(f"#claim-{ids[-1]}").count() == 0
    for _ in range(4):
        page.mouse.wheel(0, 20_000)
        page.wait_for_timeout(300)
    page.wait_for_selector(f"#claim-{ids[-1]}", state="attached")
