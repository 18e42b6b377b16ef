"""A lead splits a claim at a word boundary chosen with the keyboard, then undoes the split from the claim's
history, and every reviewer's labels, notes and evidence are back (the browser speaks German)."""

from __future__ import annotations

import pytest

from claims.models import Claim, Evidence, Label
from tests.browser import import_seed, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]


def _labels(article) -> list[tuple]:
    return sorted(
        (lb.claim_id, lb.reviewer.get_username(), lb.value, lb.version, lb.note)
        for lb in Label.objects.filter(claim__article=article).select_related("reviewer")
    )


def test_a_split_chosen_with_the_keyboard_and_its_undo_give_every_reviewer_their_labels_back(
    lead, reviewer, second_reviewer, live_server, page
):
    article = import_seed("003")
    claim = next(c for c in article.claims.labelled_kinds().order_by("position") if len(c.text.split()) > 6)
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    claim.set_label(reviewer=reviewer, value="opinion", expected_version=1)
    claim.set_note(reviewer=reviewer, note="Zitat prüfen", expected_version=2)
    claim.set_label(reviewer=second_reviewer, value="unverifiable", expected_version=0)
    Evidence.objects.create(
        claim=claim, url="https://example.org/q", stance="context", added_by=second_reviewer
    )
    labels, units = _labels(article), article.claims.count()
    words = claim.text.split()

    log_in(page, live_server, "lena", f"/claims/{claim.pk}/split/")
    # The preview names who labelled what before anything changes.
    assert "Zitat prüfen" in page.inner_text(".correction-preview")
    # The split point starts in the middle, focused; two words to the left, then one to the right.
    start = (len(words) - 2) // 2
    page.wait_for_selector("input[name=offset]:focus")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    chosen = start - 1
    assert page.inner_text(".part-first") == " ".join(words[: chosen + 1])
    assert page.get_attribute("input[name=offset]:focus", "value") == str(
        claim.text.index(words[chosen + 1]) - 1
    )
    page.keyboard.press("Enter")
    page.wait_for_selector("text=In zwei Behauptungen geteilt")

    first, second = Claim.objects.filter(article=article, position__in=[claim.position, claim.position + 1])
    assert first.text == " ".join(words[: chosen + 1])
    assert second.text == " ".join(words[chosen + 1 :])
    assert not second.labels.exists()

    page.goto(f"{live_server.url}/claims/{claim.pk}/history/")
    page.click("button:text('Diese Korrektur rückgängig machen')")
    page.wait_for_selector("text=Die Korrektur wurde rückgängig gemacht")
    assert "(rückgängig gemacht)" in page.inner_text(".history-list")
    claim.refresh_from_db()
    assert claim.text == " ".join(words)
    assert (_labels(article), article.claims.count()) == (labels, units)
    assert list(claim.evidence.values_list("url", flat=True)) == ["https://example.org/q"]
