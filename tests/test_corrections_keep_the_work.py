"""Corrections keep the reviewers' work: a split only between words, a preview of what a merge or split
does to labels, notes and evidence, and every correction undone from the history with the labels and the
leads' decisions back."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from claims.models import Claim, Evidence, Label, LabelEvent, SegmentationEvent, corrections
from tests.conftest import client_for
from tests.desk_helpers import form_post


@pytest.fixture
def claims(seed_article):
    return list(seed_article.claims.order_by("position"))


def _work(reviewer, second_reviewer, claims):
    """rita: fact on 2 (a note) and opinion on 3; sven: fact on both; evidence on both, one link twice."""
    claims[2].set_label(reviewer=reviewer, value="fact", expected_version=0)
    claims[2].set_label(reviewer=reviewer, value="opinion", expected_version=1)
    claims[2].set_label(reviewer=reviewer, value="fact", expected_version=2)  # version 3
    claims[2].set_note(reviewer=reviewer, note="Quelle: Weißes Haus", expected_version=3)
    claims[3].set_label(reviewer=reviewer, value="opinion", expected_version=0)
    claims[3].set_note(reviewer=reviewer, note="wertend", expected_version=1)
    for claim in claims[2:4]:
        claim.set_label(reviewer=second_reviewer, value="fact", expected_version=0)
    Evidence.objects.create(
        claim=claims[2], url="https://example.org/a", stance="supports", added_by=reviewer
    )
    Evidence.objects.create(claim=claims[3], url="https://example.org/a", stance="refutes", added_by=reviewer)
    Evidence.objects.create(
        claim=claims[3], url="https://example.org/b", stance="context", added_by=second_reviewer
    )


def _everything(article) -> list:
    """The article's claims with their labels, evidence and decisions, all fields: what undo must give back
    exactly."""
    return [
        (
            c.pk,
            c.position,
            c.start,
            c.end,
            c.text,
            c.kind,
            sorted(
                (lb.pk, lb.reviewer_id, lb.value, lb.note, lb.version, lb.created_at, lb.updated_at)
                for lb in c.labels.all()
            ),
            sorted(
                (ev.pk, ev.url, ev.stance, ev.note, ev.added_by_id, ev.added_at) for ev in c.evidence.all()
            ),
            sorted((d.pk, d.value, d.reason, d.decided_by_id, d.decided_at) for d in c.decisions.all()),
        )
        for c in Claim.objects.filter(article=article).order_by("position")
    ]


def _undo(user, event) -> object:
    return form_post(client_for(user), reverse("undo_correction", args=[event.pk]), {})


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


# Split at a word boundary.


def test_the_split_page_offers_a_place_after_every_word_but_the_last_and_no_typed_offset(lead, claims):
    page = client_for(lead).get(reverse("split_claim", args=[claims[4].pk])).content.decode()
    offsets = [int(o) for o in re.findall(r'name="offset" value="(\d+)"', page)]
    text = claims[4].text  # Das Weiße Haus bestätigte das am Montag.
    assert len(offsets) == len(text.split()) - 1
    assert all(text[o] == " " for o in offsets)
    assert 'type="number"' not in page


def test_a_split_inside_a_word_is_a_400_that_says_why_and_changes_nothing(lead, claims):
    client = client_for(lead)
    inside = form_post(client, reverse("split_claim", args=[claims[4].pk]), {"offset": 5})
    typed = form_post(client, reverse("split_claim", args=[claims[4].pk]), {"offset": "Mitte"})
    assert (inside.status_code, typed.status_code) == (400, 400)
    assert "Wählen Sie eine Stelle zwischen zwei Wörtern" in inside.content.decode()
    assert Claim.objects.count() == len(claims)


def test_a_split_at_a_word_boundary_puts_the_second_part_in_every_reviewers_queue(
    lead, reviewer, second_reviewer, claims
):
    _work(reviewer, second_reviewer, claims)
    offset = claims[2].text.index(" ", 20)
    response = form_post(client_for(lead), reverse("split_claim", args=[claims[2].pk]), {"offset": offset})
    second = Claim.objects.get(article=claims[2].article, position=3)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#claim-{second.pk}")
    assert Label.objects.filter(claim=claims[2]).count() == 2
    assert not second.labels.exists()
    todo = Claim.objects.labelled_kinds().exclude(labels__reviewer=reviewer)
    assert second in todo


def test_the_split_page_shows_which_labels_notes_and_evidence_stay_on_the_first_part(
    lead, reviewer, second_reviewer, claims
):
    _work(reviewer, second_reviewer, claims)
    page = client_for(lead).get(reverse("split_claim", args=[claims[2].pk])).content.decode()
    assert "<bdi>rita</bdi>" in page
    assert "<bdi>sven</bdi>" in page
    assert "Quelle: Weißes Haus" in page
    assert "example.org" in page
    assert "bleibt beim ersten Teil" in page


# Merge: preview and explicit decisions.


def test_the_merge_preview_shows_each_reviewers_labels_and_what_happens_to_them(
    lead, reviewer, second_reviewer, claims
):
    _work(reviewer, second_reviewer, claims)
    response = client_for(lead).get(reverse("merge_claim", args=[claims[2].pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'name="keep-{reviewer.pk}"' in page
    assert f'name="keep-{second_reviewer.pk}"' not in page  # sven agrees with himself
    assert "wertend" in page
    assert "einmal behalten" in page


def test_a_merge_settles_differing_labels_reviewer_by_reviewer_and_keeps_the_evidence(
    lead, reviewer, second_reviewer, claims
):
    _work(reviewer, second_reviewer, claims)
    url = reverse("merge_claim", args=[claims[2].pk])
    asked = form_post(client_for(lead), url, {})
    done = form_post(client_for(lead), url, {f"keep-{reviewer.pk}": "second"})
    assert (asked.status_code, done.status_code) == (409, 302)
    rita = Label.objects.get(claim=claims[2], reviewer=reviewer)
    assert (rita.value, rita.note) == ("opinion", "Quelle: Weißes Haus\nwertend")
    assert sorted(claims[2].evidence.values_list("url", "stance")) == [
        ("https://example.org/a", "supports"),
        ("https://example.org/b", "context"),
    ]


def test_a_merge_keeps_each_reviewers_own_evidence_for_the_same_link(lead, reviewer, second_reviewer, claims):
    Evidence.objects.create(
        claim=claims[2], url="https://example.org/a", stance="supports", added_by=reviewer
    )
    Evidence.objects.create(
        claim=claims[3], url="https://example.org/a", stance="refutes", added_by=second_reviewer
    )
    corrections.merge_with_next(claims[2], by=lead)
    assert sorted(claims[2].evidence.values_list("added_by__username", "stance")) == [
        ("rita", "supports"),
        ("sven", "refutes"),
    ]


# Undo from the history.


def test_undoing_a_split_gives_back_the_claim_with_every_label_note_and_evidence(
    lead, reviewer, second_reviewer, claims, seed_article
):
    _work(reviewer, second_reviewer, claims)
    before = _everything(seed_article)
    corrections.split_at(claims[2], claims[2].text.index(" ", 20), by=lead)
    event = SegmentationEvent.objects.get(claim=claims[2], action="split")
    response = _undo(lead, event)
    assert response.status_code == 302
    assert _everything(seed_article) == before
    assert SegmentationEvent.objects.get(action="undo").undo_of == event


def test_undoing_a_merge_brings_back_the_second_claim_its_labels_history_and_duplicate_evidence(
    lead, reviewer, second_reviewer, claims, seed_article
):
    _work(reviewer, second_reviewer, claims)
    before = _everything(seed_article)
    history = sorted(LabelEvent.objects.filter(claim=claims[3]).values_list("pk", flat=True))
    corrections.merge_with_next(claims[2], by=lead, keep={reviewer.pk: "none"})
    _undo(lead, SegmentationEvent.objects.get(action="merge"))
    assert _everything(seed_article) == before
    assert history == sorted(LabelEvent.objects.filter(claim=claims[3]).values_list("pk", flat=True))


def test_the_undo_of_a_merge_is_in_the_label_history_of_the_claim_that_stayed(
    lead, reviewer, second_reviewer, claims
):
    _work(reviewer, second_reviewer, claims)
    corrections.merge_with_next(claims[2], by=lead, keep="second")
    _undo(lead, SegmentationEvent.objects.get(action="merge"))
    last = LabelEvent.objects.filter(claim=claims[2], reviewer=reviewer).last()
    assert (last.old_value, last.new_value) == ("opinion", "fact")


def test_undoing_a_change_of_kind_restores_the_kind(lead, claims):
    corrections.change_kind(claims[0], "heading", by=lead)
    _undo(lead, SegmentationEvent.objects.get(action="kind"))
    claims[0].refresh_from_db()
    assert claims[0].kind == "claim"


# The leads' decisions come back with the claims (assignments are per article, which no correction changes).


def _decide(lead, claims) -> None:
    """lena settles claims 2 (agreed, fact) and 3 (disputed) before the correction."""
    claims[2].decide(by=lead, value="fact", expected=0)
    claims[3].decide(by=lead, value="opinion", reason="wertend", expected=0)


def _settled(article) -> list[tuple[str, str]]:
    claims = Claim.objects.filter(article=article).with_label_status().order_by("position")
    return list(claims.values_list("label_status", "resolved_label"))


def test_undoing_a_split_settles_the_claim_again_with_the_leads_decision(
    lead, reviewer, second_reviewer, claims, seed_article
):
    _work(reviewer, second_reviewer, claims)
    _decide(lead, claims)
    before, settled = _everything(seed_article), _settled(seed_article)
    corrections.split_at(claims[2], claims[2].text.index(" ", 20), by=lead)
    assert _settled(seed_article)[2] == ("agreed", "fact")  # the lead decided on another sentence
    _undo(lead, SegmentationEvent.objects.get(claim=claims[2], action="split"))
    assert _everything(seed_article) == before
    assert _settled(seed_article) == settled


def test_undoing_a_merge_gives_the_second_claim_its_decision_back(
    lead, reviewer, second_reviewer, claims, seed_article
):
    _work(reviewer, second_reviewer, claims)
    _decide(lead, claims)
    before, settled = _everything(seed_article), _settled(seed_article)
    corrections.merge_with_next(claims[2], by=lead, keep={reviewer.pk: "none"})
    _undo(lead, SegmentationEvent.objects.get(action="merge"))
    assert _everything(seed_article) == before
    assert _settled(seed_article) == settled


def test_an_undo_is_refused_once_a_lead_decided_the_corrected_claim(
    lead, reviewer, second_reviewer, claims, seed_article
):
    _work(reviewer, second_reviewer, claims)
    corrections.merge_with_next(claims[2], by=lead, keep="second")
    claims[2].decide(by=lead, value="fact", expected=0)
    after = _everything(seed_article)
    _undo(lead, SegmentationEvent.objects.get(action="merge"))
    assert _everything(seed_article) == after
    assert not SegmentationEvent.objects.filter(action="undo").exists()


def test_a_correction_snapshotted_before_decisions_were_kept_is_still_undone(lead, claims, seed_article):
    before = _everything(seed_article)
    corrections.split_at(claims[2], claims[2].text.index(" ", 20), by=lead)
    event = SegmentationEvent.objects.get(claim=claims[2], action="split")
    for claim in (*event.snapshot["before"], *event.snapshot["after"]):
        del claim["decisions"]
    event.save(update_fields=["snapshot"])
    _undo(lead, event)
    assert _everything(seed_article) == before


def test_an_undo_still_applies_after_a_correction_elsewhere_renumbered_the_article(
    lead, reviewer, second_reviewer, claims, seed_article
):
    _work(reviewer, second_reviewer, claims)
    text, labels = claims[3].text, _everything(seed_article)[3][6]
    corrections.split_at(claims[3], claims[3].text.index(" "), by=lead)
    corrections.merge_with_next(claims[0], by=lead)  # claims[3]'s parts move up one place
    _undo(lead, SegmentationEvent.objects.get(claim=claims[3], action="split"))
    units = _everything(seed_article)
    assert units[2][0] == claims[3].pk
    assert units[2][4] == text
    assert units[2][6] == labels
    assert len(units) == len(claims) - 1
    assert [u[1] for u in units] == list(range(len(units)))


def test_an_undo_is_refused_once_reviewers_worked_on_the_new_claims(lead, reviewer, claims, seed_article):
    second = corrections.split_at(claims[2], claims[2].text.index(" ", 20), by=lead)
    second.set_label(reviewer=reviewer, value="fact", expected_version=0)
    after = _everything(seed_article)
    client = client_for(lead)
    response = client.post(
        reverse("undo_correction", args=[SegmentationEvent.objects.get(claim=claims[2]).pk]),
        {"csrfmiddlewaretoken": client.get("/").cookies["csrftoken"].value},
        follow=True,
    )
    assert "haben sich seit dieser Korrektur geändert" in _messages(response)
    assert _everything(seed_article) == after


def test_a_correction_is_undone_once(lead, claims):
    corrections.change_kind(claims[0], "heading", by=lead)
    event = SegmentationEvent.objects.get(action="kind")
    _undo(lead, event)
    _undo(lead, event)
    assert SegmentationEvent.objects.filter(action="undo").count() == 1


def test_a_splits_second_part_undoes_the_split_from_its_own_history(lead, claims, seed_article):
    before = _everything(seed_article)
    second = corrections.split_at(claims[2], claims[2].text.index(" ", 20), by=lead)
    _undo(lead, SegmentationEvent.objects.get(claim=second))
    assert _everything(seed_article) == before


def test_the_history_offers_leads_the_undo_and_marks_what_was_undone(lead, reviewer, claims):
    claims[2].set_label(reviewer=reviewer, value="fact", expected_version=0)
    corrections.change_kind(claims[2], "heading", by=lead)
    url = reverse("claim_history", args=[claims[2].pk])
    undo_url = reverse("undo_correction", args=[SegmentationEvent.objects.get().pk])
    assert undo_url in client_for(lead).get(url).content.decode()
    assert undo_url not in client_for(reviewer).get(url).content.decode()
    _undo(lead, SegmentationEvent.objects.get())
    assert "(rückgängig gemacht)" in client_for(lead).get(url).content.decode()


def test_only_leads_undo(reviewer, lead, claims):
    corrections.change_kind(claims[0], "heading", by=lead)
    response = _undo(reviewer, SegmentationEvent.objects.get())
    assert response.status_code == 403
    assert not SegmentationEvent.objects.filter(action="undo").exists()
