"""The longest seed is ready to label within 300 ms on a warm server, and the desk fits a phone."""

from __future__ import annotations

import pytest

from tests.browser import import_seed, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]

READY_BUDGET_MS = 300


def test_the_longest_seed_is_ready_to_label_within_300_ms(reviewer, live_server, browser, capsys):
    article = import_seed("002")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, live_server, "rita")
    url = f"{live_server.url}/articles/{article.pk}/"
    timings = []
    for _ in range(4):  # the first visit warms the server and the browser's cache
        page.goto(url)
        page.wait_for_selector("html[data-desk-ready] [aria-current=true]")
        timings.append(page.evaluate("window.deskReadyAt"))
    context.close()
    ready = sorted(timings[1:])[1]  # the median of the warm runs
    with capsys.disabled():  # the figure belongs in the test output, also when it passes
        runs = ", ".join(f"{t:.0f}" for t in timings)
        print(
            f"\nready to label (seed 002, {article.claims.count()} units): {ready:.0f} ms (runs: {runs} ms)"
        )
    assert ready <= READY_BUDGET_MS


def test_the_desk_fits_a_390_pixel_phone(reviewer, live_server, browser):
    article = import_seed("003")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    first = article.claims.labelled_kinds().order_by("position").first()
    page.click(f'#claim-{first.pk} button[name=label][value="unverifiable"]')
    page.wait_for_selector(f"#claim-{first.pk}[data-label=unverifiable]")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 390
