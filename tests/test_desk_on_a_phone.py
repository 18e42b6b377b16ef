"""The desk fits a phone: no sideways scrolling at 390 pixels, also after labelling, in German, whose words
("Nicht überprüfbar") are the longer ones.

How fast the desk is ready to label is measured by bench/ready_to_label.py, not asserted here: a timed
assertion fails on a busy machine.
"""

from __future__ import annotations

import pytest

from tests.browser import LOCALE, import_seed, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]


def test_the_desk_fits_a_390_pixel_phone(reviewer, live_server, browser):
    article = import_seed("003")
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale=LOCALE
    )
    page = context.new_page()
    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    first = article.claims.labelled_kinds().order_by("position").first()
    assert page.get_attribute("html", "lang") == "de"
    page.click(f'#claim-{first.pk} button[name=label][value="unverifiable"]')
    page.wait_for_selector(f"#claim-{first.pk}[data-label=unverifiable]")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 390
