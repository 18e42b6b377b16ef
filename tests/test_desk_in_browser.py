"""The desk in Chromium: keyboard-only labelling, evidence, independence, expired sessions, corrections.

The browser asks for German (the `page` fixture), so the desk speaks German and answers to the German keys:
f Fakt, m Meinung, n Nicht überprüfbar, b Beleg, a Anmerkung (claims.shortcuts)."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session

from claims.models import Evidence, Label
from tests.browser import claim_ids, import_seed, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]


def _label_by_keyboard(page, claim_id: int, key: str) -> None:
    assert page.get_attribute(f"#claim-{claim_id}", "aria-current") == "true"
    page.keyboard.press(key)
    try:
        page.wait_for_selector(f"#claim-{claim_id}[data-label]", timeout=10_000)
    except Exception:
        print(page.inner_html(f"#claim-{claim_id}")[:1500], page.inner_text("#desk-alert"))
        raise


def test_a_reviewer_labels_a_whole_article_with_the_keyboard_and_finds_it_saved(
    reviewer,
    live_server,
    page,
):
    import_seed("001")
    article = import_seed("003")
    ids = claim_ids(article)
    log_in(page, live_server, "rita")
    page.click(f"text={article.title[:30]}")
    page.wait_for_selector("html[data-desk-ready]")
    page.evaluate("window.notReloaded = true")
    keys = {"f": "fact", "m": "opinion", "n": "unverifiable"}
    for i, claim_id in enumerate(ids):
        _label_by_keyboard(page, claim_id, "fmn"[i % 3])
    assert page.evaluate("window.notReloaded") is True
    page.wait_for_selector(f'#progress [data-count="mine"]:text("{len(ids)}")')

    page.keyboard.press("k")  # back to the first claim, then the evidence form, keyboard only
    for _ in ids:
        page.keyboard.press("k")
    page.keyboard.press("b")  # Beleg
    page.wait_for_selector(f"#ev-url-{ids[0]}:focus")
    page.keyboard.type("https://www.tagesschau.de/faktenfinder/")
    page.keyboard.press("Tab")  # into the stance radio group, on "stützt"
    page.keyboard.press("ArrowDown")  # "widerlegt"
    for _ in range(3):  # title, note, the submit button
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#claim-{ids[0]} .evidence-summary")
    page.keyboard.press("a")  # Anmerkung
    page.wait_for_selector(f"#note-{ids[0]}:focus")
    page.keyboard.type("Zitat geprüft")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#claim-{ids[0]} .note-preview")

    page.reload()
    saved = [page.get_attribute(f"#claim-{pk}", "data-label") for pk in ids]
    assert saved == [keys["fmn"[i % 3]] for i in range(len(ids))]
    assert page.inner_text(f"#claim-{ids[0]} .evidence-summary") == "Belege: widerlegt 1"
    assert Label.objects.get(claim_id=ids[0]).note == "Zitat geprüft"


def test_a_second_reviewer_sees_that_a_label_exists_but_not_its_value(
    reviewer,
    second_reviewer,
    live_server,
    page,
):
    article = import_seed("003")
    claim = article.claims.labelled_kinds().order_by("position").first()
    claim.set_label(reviewer=reviewer, value="opinion", expected_version=0)
    log_in(page, live_server, "sven", f"/articles/{article.pk}/")
    others = page.inner_text(f"#claim-{claim.pk} .others")
    assert "1 weitere Person" in others
    assert "Meinung" not in others
    page.keyboard.press("f")
    page.wait_for_selector(f"#claim-{claim.pk}[data-label=fact]")
    assert page.inner_text(f"#claim-{claim.pk} .others") == "1 weitere Person: 1 Meinung"


def test_an_expired_session_shows_a_message_and_loses_nothing_acknowledged(
    reviewer,
    live_server,
    page,
):
    article = import_seed("003")
    ids = claim_ids(article)
    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    _label_by_keyboard(page, ids[0], "f")
    _label_by_keyboard(page, ids[1], "m")
    Session.objects.all().delete()
    page.keyboard.press("n")
    page.wait_for_selector(f"#claim-{ids[2]} .row-message:not([hidden])")
    message = page.inner_text(f"#claim-{ids[2]} .row-message")
    assert message.startswith("Ihre Sitzung ist abgelaufen.")
    assert message.endswith("Diese letzte Änderung wurde NICHT gespeichert.")
    assert page.get_attribute(f"#claim-{ids[2]}", "data-label") is None

    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    assert [page.get_attribute(f"#claim-{pk}", "data-label") for pk in ids[:3]] == ["fact", "opinion", None]
    assert Label.objects.count() == 2


def test_a_merge_and_a_split_keep_the_labels_of_the_other_claims(
    lead,
    reviewer,
    live_server,
    page,
):
    article = import_seed("003")
    claims = list(article.claims.labelled_kinds().order_by("position"))
    for claim in claims[:6]:
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    log_in(page, live_server, "lena", f"/articles/{article.pk}/")
    page.click(f"#claim-{claims[1].pk} .claim-text")  # the claim worked on shows its tools
    page.click(f"#claim-{claims[1].pk} details.corrections summary")
    page.click(f"#claim-{claims[1].pk} .merge-link")
    page.click("button:text('Zusammenführen')")  # the preview's confirmation
    page.wait_for_selector(f"#claim-{claims[1].pk}")
    assert page.locator(f"#claim-{claims[2].pk}").count() == 0
    page.click(f"#claim-{claims[4].pk} .claim-text")  # the claim worked on shows its tools
    page.click(f"#claim-{claims[4].pk} details.corrections summary")
    page.click(f"#claim-{claims[4].pk} .split-link")
    page.click(".split-point >> nth=0")  # between the first and the second word, with the mouse
    page.click("button:text('Teilen')")
    page.wait_for_selector("text=In zwei Behauptungen geteilt")

    kept = Label.objects.filter(reviewer=reviewer).values_list("claim_id", flat=True)
    assert set(kept) == {claims[0].pk, claims[1].pk, claims[3].pk, claims[4].pk, claims[5].pk}
    article.refresh_from_db()
    assert all(c.text == article.text[c.start : c.end] for c in article.claims.all())


def test_evidence_links_show_their_host_and_a_stance_in_words(
    reviewer,
    live_server,
    page,
):
    article = import_seed("003")
    claim = article.claims.labelled_kinds().first()
    Evidence.objects.create(
        claim=claim, url="https://xn--pypal-4ve.com/x", stance="supports", added_by=reviewer
    )
    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    item = page.inner_text(f"#claim-{claim.pk} .evidence-list li")
    assert "stützt" in item
    assert "xn--pypal-4ve.com" in item
    assert page.get_attribute(f"#claim-{claim.pk} .evidence-list a", "rel") == "noopener noreferrer nofollow"


def test_labelling_keeps_the_evidence_the_row_shows(reviewer, second_reviewer, live_server, page):
    article = import_seed("003")
    first = claim_ids(article)[0]
    Evidence.objects.create(
        claim_id=first, url="https://www.dwdl.de/a", stance="context", added_by=second_reviewer
    )
    log_in(page, live_server, "rita", f"/articles/{article.pk}/#claim-{first}")
    page.wait_for_selector("html[data-desk-ready]")
    _label_by_keyboard(page, first, "m")
    assert "dwdl.de" in page.inner_text(f"#claim-{first} .evidence-list")
    assert page.locator(f"#claim-{first} .evidence").count() == 1


def test_the_tools_come_with_the_claim_i_move_to(reviewer, live_server, page):
    article = import_seed("003")
    ids = claim_ids(article)
    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    page.wait_for_selector("html[data-desk-ready]")
    assert page.locator(".claim-tools:not(.deferred)").count() == 1  # the first claim's
    assert page.locator(f"#claim-{ids[3]} .claim-tools.deferred").count() == 1
    for _ in range(3):
        page.keyboard.press("j")
    page.keyboard.press("b")  # at once, before its tools can have come: the form opens when they do
    page.wait_for_selector(f"#ev-url-{ids[3]}:focus")
    assert page.locator(f"#claim-{ids[3]} .claim-tools.deferred").count() == 0
    page.keyboard.press("Escape")
    page.keyboard.press("f")
    page.wait_for_selector(f"#claim-{ids[3]}[data-label=fact]")
    assert page.text_content(f"#claim-{ids[3]} .my-label strong") == "Fakt"
    page.wait_for_selector(f"#claim-{ids[4]}[aria-current=true] .claim-tools:not(.deferred)")
