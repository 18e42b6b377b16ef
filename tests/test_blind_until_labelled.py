"""Blind until labelled: before a reviewer labels a claim they see neither the others' values and notes nor
their evidence (links, stances, notes), on the page, in every htmx answer, in the history, in the article
list and in their exports; afterwards they see all of it. Leads see everything, with names, always."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from claims.models import Claim, Evidence
from tests.conftest import client_for
from tests.desk_helpers import form_post, htmx_post

SVENS_LINK = "https://sven.example/beleg"
SVENS_EVIDENCE_NOTE = "Svens Belegnotiz"
SVENS_NOTE = "Svens Anmerkung zur Einstufung"
RITAS_LINK = "https://rita.example/quelle"


@pytest.fixture
def claim(seed_article, second_reviewer) -> Claim:
    """sven labelled it opinion with a note, and added refuting evidence with a note."""
    claim = seed_article.claims.labelled_kinds().order_by("position").first()
    claim.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    claim.set_note(reviewer=second_reviewer, note=SVENS_NOTE, expected_version=1)
    Evidence.objects.create(
        claim=claim, url=SVENS_LINK, stance="refutes", note=SVENS_EVIDENCE_NOTE, added_by=second_reviewer
    )
    return claim


def _row(html: str, claim: Claim) -> str:
    start = html.index(f'<li id="claim-{claim.pk}"')
    return html[start : html.index("</li>\n", html.index('<details class="history">', start))]


def _page_row(client, claim: Claim) -> str:
    """The claim's row on the article page opened at it, with its tools."""
    return _row(client.get(claim.get_absolute_url()).content.decode(), claim)


def _traces_of_sven(html: str) -> list[str]:
    found = [
        text for text in (SVENS_LINK, SVENS_EVIDENCE_NOTE, SVENS_NOTE, "sven", "widerlegt") if text in html
    ]
    return found + (["Meinung as sven's value"] if "1 Meinung" in html else [])


def test_before_labelling_the_row_shows_nothing_of_the_others_but_that_they_labelled(reviewer_client, claim):
    row = _page_row(reviewer_client, claim)
    assert _traces_of_sven(row) == []
    assert "1 weitere Person · Einstufungen verborgen, bis Sie eingestuft haben" in row


def test_before_labelling_my_own_evidence_is_shown_and_counted_alone(reviewer, reviewer_client, claim):
    Evidence.objects.create(claim=claim, url=RITAS_LINK, stance="supports", added_by=reviewer)
    row = _page_row(reviewer_client, claim)
    assert RITAS_LINK in row
    assert '<p class="evidence-summary">Belege: stützt 1</p>' in row


def test_after_labelling_the_row_shows_the_others_evidence_labels_and_notes_with_names(
    reviewer, reviewer_client, claim
):
    Evidence.objects.create(claim=claim, url=RITAS_LINK, stance="supports", added_by=reviewer)
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    row = _page_row(reviewer_client, claim)
    assert '<p class="evidence-summary">Belege: stützt 1, widerlegt 1</p>' in row
    assert SVENS_LINK in row
    assert SVENS_EVIDENCE_NOTE in row
    svens_label = '<bdi>sven</bdi>: <span class="label-badge opinion">Meinung</span>'
    assert f'{svens_label} · <span class="other-note" dir="auto">{SVENS_NOTE}</span>' in row


def test_a_lead_sees_everything_with_names_without_labelling(lead, claim):
    row = _page_row(client_for(lead), claim)
    assert SVENS_LINK in row
    assert "von <bdi>sven</bdi>" in row
    assert '<bdi>sven</bdi>: <span class="label-badge opinion">Meinung</span>' in row
    assert SVENS_NOTE in row


def test_the_answer_to_my_first_label_reveals_the_others(reviewer_client, claim):
    html = htmx_post(
        reviewer_client, reverse("label_claim", args=[claim.pk]), {"label": "fact", "version": "0"}
    )
    row = html.content.decode()
    assert SVENS_LINK in row
    assert SVENS_NOTE in row
    assert "hx-preserve" not in row


def test_the_answer_to_a_refused_label_stays_blind(reviewer_client, claim):
    response = htmx_post(
        reviewer_client, reverse("label_claim", args=[claim.pk]), {"label": "fact", "version": "3"}
    )
    assert response.status_code == 409
    assert _traces_of_sven(response.content.decode()) == []


def test_adding_evidence_before_labelling_shows_mine_and_not_theirs(reviewer_client, claim):
    data = {"url": RITAS_LINK, "stance": "supports"}
    row = htmx_post(reviewer_client, reverse("add_evidence", args=[claim.pk]), data).content.decode()
    assert RITAS_LINK in row
    assert _traces_of_sven(row) == []


def test_the_same_link_as_someone_elses_is_accepted_as_mine_and_the_row_shows_only_mine(
    reviewer, reviewer_client, claim
):
    data = {"url": SVENS_LINK, "stance": "supports"}
    response = htmx_post(reviewer_client, reverse("add_evidence", args=[claim.pk]), data)
    row = response.content.decode()
    assert (response.status_code, Evidence.objects.filter(url=SVENS_LINK, added_by=reviewer).count()) == (
        200,
        1,
    )
    assert _traces_of_sven(_without_the_link(row)) + _traces_of_two_links(row) == []


def test_the_same_link_as_someone_elses_without_javascript_is_accepted_and_the_page_stays_blind(
    reviewer_client, claim
):
    data = {"url": SVENS_LINK, "stance": "supports"}
    response = form_post(reviewer_client, reverse("add_evidence", args=[claim.pk]), data)
    row = _page_row(reviewer_client, claim)
    assert response.status_code == 302
    assert _traces_of_sven(_without_the_link(row)) + _traces_of_two_links(row) == []


def _without_the_link(row: str) -> str:
    """The row without the link and its host, which the reviewer typed themselves."""
    return row.replace(SVENS_LINK, "").replace("sven.example", "")


def _traces_of_two_links(row: str) -> list[str]:
    """What would tell that the link is there twice: a second entry, or a count of two."""
    found = ["two entries"] if row.count(f'href="{SVENS_LINK}"') > 1 else []
    return found + ([] if '<p class="evidence-summary">Belege: stützt 1</p>' in row else ["summary"])


def test_removing_my_evidence_before_labelling_stays_blind(reviewer, reviewer_client, claim):
    mine = Evidence.objects.create(claim=claim, url=RITAS_LINK, stance="supports", added_by=reviewer)
    row = htmx_post(
        reviewer_client, reverse("delete_evidence", args=[mine.pk]), {"version": 1}
    ).content.decode()
    assert _traces_of_sven(row) == []


def test_the_history_before_labelling_holds_nothing_of_the_others(reviewer_client, claim):
    for headers in ({}, {"HX-Request": "true"}):
        html = reviewer_client.get(
            reverse("claim_history", args=[claim.pk]), headers=headers
        ).content.decode()
        assert _traces_of_sven(html) == []


def test_the_history_after_labelling_shows_the_others_labels(reviewer, reviewer_client, claim):
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    html = reviewer_client.get(reverse("claim_history", args=[claim.pk])).content.decode()
    assert "<bdi>sven</bdi>: – → Meinung" in html


def test_a_reviewer_learns_of_a_dispute_only_on_claims_they_labelled(reviewer, second_reviewer, lead, claim):
    from claims import roles
    from tests.conftest import make_user

    make_user("tara", roles.REVIEWERS)
    claim.set_label(reviewer=lead, value="fact", expected_version=0)  # disputed: sven opinion, lena fact
    disputed = '<span class="tag disputed">'
    assert disputed not in client_for(reviewer).get("/").content.decode()
    assert disputed in client_for(lead).get("/").content.decode()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    assert disputed in client_for(reviewer).get("/").content.decode()


def test_a_reviewers_export_holds_only_their_own_notes_and_evidence(reviewer, reviewer_client, claim):
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    response = reviewer_client.get(reverse("export-download"), {"format": "jsonl"})
    rows = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    row = next(r for r in rows if r["claim_id"] == claim.pk)
    assert [label["reviewer"] for label in row["labels"]] == ["rita"]
    assert (row["evidence"], row["notes"]) == ([], [])
