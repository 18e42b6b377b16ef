"""Disputes in Chromium: two reviewers label a seed article with the keyboard and disagree; a lead settles
the disputes with the keyboard alone; the claims CSV from the Export page then gives the settled labels with
status adjudicated.

The browser asks for German (the `page` fixture): f Fakt, m Meinung, n Nicht überprüfbar, b Begründung."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session

from claims.models import Decision
from tests.browser import import_seed, log_in
from tests.exporting import read_csv

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]

KEYS = {"f": "fact", "m": "opinion", "n": "unverifiable"}


def _label_with_keys(page, live_server, username: str, article, ids: list[int], keys: str) -> None:
    """Log in as `username` and label the first claims of the article, one key each."""
    page.context.clear_cookies()
    log_in(page, live_server, username, f"/articles/{article.pk}/")
    page.wait_for_selector("html[data-desk-ready]")
    for claim_id, key in zip(ids, keys, strict=False):
        assert page.get_attribute(f"#claim-{claim_id}", "aria-current") == "true"
        page.keyboard.press(key)
        page.wait_for_selector(f"#claim-{claim_id}[data-label={KEYS[key]}]")


def _settle(page, claim_id: int, key: str) -> None:
    assert page.get_attribute(f"#dispute-{claim_id}", "aria-current") == "true"
    page.keyboard.press(key)
    page.wait_for_selector(f"#dispute-{claim_id} .status-adjudicated")


def test_a_lead_settles_the_disputes_with_the_keyboard_and_the_csv_gives_the_settled_labels(
    reviewer, second_reviewer, lead, live_server, page
):
    article = import_seed("003")
    ids = list(article.claims.labelled_kinds().order_by("position").values_list("pk", flat=True))[:5]
    _label_with_keys(page, live_server, "rita", article, ids, "fmfnf")
    _label_with_keys(page, live_server, "sven", article, ids, "fmmfn")
    disputed = ids[2:5]  # f/m, n/f, f/n; the first two claims agree

    page.context.clear_cookies()
    log_in(page, live_server, "lena", "/disputes/")
    page.wait_for_selector("html[data-disputes-ready]")
    page.evaluate("window.notReloaded = true")
    assert page.inner_text("#dispute-count") == "3 Streitfälle warten auf eine Leitung."
    shown = page.eval_on_selector_all(
        "#disputes [data-claim-id]", "items => items.map(i => +i.dataset.claimId)"
    )
    assert shown == disputed  # sven labelled them in this order: the longest-waiting first
    page.keyboard.press("j")
    page.keyboard.press("k")

    _settle(page, disputed[0], "m")
    page.keyboard.press("b")  # Begründung
    page.wait_for_selector(f"#reason-{disputed[1]}:focus")
    page.keyboard.type("Laut Statistikamt belegt")
    page.keyboard.press("Escape")
    _settle(page, disputed[1], "f")
    _settle(page, disputed[2], "n")
    page.wait_for_selector("#queue-done:not([hidden])")
    page.wait_for_selector('#dispute-count:text("0 Streitfälle warten auf eine Leitung.")')
    assert page.evaluate("window.notReloaded") is True
    decided = list(Decision.objects.order_by("claim__position").values_list("claim_id", "value", "reason"))
    assert decided == [
        (disputed[0], "opinion", ""),
        (disputed[1], "fact", "Laut Statistikamt belegt"),
        (disputed[2], "unverifiable", ""),
    ]
    assert page.get_attribute(f"#dispute-{disputed[2]}", "data-decided") == "unverifiable"

    page.goto(f"{live_server.url}/export/")
    page.get_by_role("button", name="Herunterladen").focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    with open(download.value.path(), "rb") as file:
        rows = {int(row["claim_id"]): row for row in read_csv(file.read())}
    settled = [(rows[pk]["label"], rows[pk]["label_status"], rows[pk]["decided_by"]) for pk in disputed]
    assert settled == [
        ("opinion", "adjudicated", "lena"),
        ("fact", "adjudicated", "lena"),
        ("unverifiable", "adjudicated", "lena"),
    ]
    assert rows[disputed[1]]["decision_reason"] == "Laut Statistikamt belegt"
    assert [(rows[pk]["label"], rows[pk]["label_status"]) for pk in ids[:2]] == [
        ("fact", "agreed"),
        ("opinion", "agreed"),
    ]


def test_an_expired_session_shows_on_the_dispute_and_decides_nothing(
    reviewer, second_reviewer, lead, live_server, page
):
    article = import_seed("003")
    claim = article.claims.labelled_kinds().order_by("position").first()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    claim.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    log_in(page, live_server, "lena", "/disputes/")
    page.wait_for_selector("html[data-disputes-ready]")
    Session.objects.all().delete()
    page.keyboard.press("f")
    page.wait_for_selector(f"#dispute-{claim.pk} .row-message:not([hidden])")
    assert page.inner_text(f"#dispute-{claim.pk} .row-message").startswith("Ihre Sitzung ist abgelaufen.")
    assert page.get_attribute(f"#dispute-{claim.pk}", "data-decided") is None
    assert not Decision.objects.exists()
