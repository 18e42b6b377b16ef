"""Merge, split and change of kind: exact offsets, unique positions, labels kept, history written."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from claims.models import Claim, CorrectionRefused, Label, MergeNeedsDecision, SegmentationEvent, corrections
from tests.conftest import client_for
from tests.desk_helpers import form_post, htmx_post


@pytest.fixture
def claims(seed_article):
    return list(seed_article.claims.order_by("position"))


def _offsets_exact(article) -> bool:
    article.refresh_from_db()
    units = list(article.claims.order_by("position"))
    return all(c.text == article.text[c.start : c.end] for c in units) and [
        c.position for c in units
    ] == list(range(len(units)))


def test_a_merge_joins_the_texts_exactly_and_renumbers(lead, claims, seed_article):
    corrections.merge_with_next(claims[3], by=lead)
    assert not Claim.objects.filter(pk=claims[4].pk).exists()
    assert _offsets_exact(seed_article)


def test_a_merge_keeps_agreeing_labels_and_the_other_claims_labels(lead, reviewer, claims):
    for claim in claims[2:6]:
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    corrections.merge_with_next(claims[3], by=lead)
    assert set(Label.objects.values_list("claim_id", flat=True)) == {claims[2].pk, claims[3].pk, claims[5].pk}


def test_a_merge_asks_when_one_reviewer_labelled_the_two_differently(lead, reviewer, claims):
    claims[3].set_label(reviewer=reviewer, value="fact", expected_version=0)
    claims[4].set_label(reviewer=reviewer, value="opinion", expected_version=0)
    with pytest.raises(MergeNeedsDecision):
        corrections.merge_with_next(claims[3], by=lead)
    corrections.merge_with_next(claims[3], by=lead, keep="second")
    assert Label.objects.get(claim=claims[3]).value == "opinion"


def test_the_merge_view_shows_the_question_and_then_merges(lead, reviewer, claims):
    claims[3].set_label(reviewer=reviewer, value="fact", expected_version=0)
    claims[4].set_label(reviewer=reviewer, value="opinion", expected_version=0)
    asked = form_post(client_for(lead), reverse("merge_claim", args=[claims[3].pk]), {})
    done = form_post(client_for(lead), reverse("merge_claim", args=[claims[3].pk]), {"keep": "first"})
    assert asked.status_code == 409
    assert done.status_code == 302


def test_a_split_keeps_offsets_exact_and_records_the_correction(lead, claims, seed_article):
    cut = claims[2].text.index(" ") + 1
    second = corrections.split_at(claims[2], cut, by=lead)
    assert _offsets_exact(seed_article)
    assert SegmentationEvent.objects.filter(claim__in=[claims[2], second], action="split").count() == 2


def test_a_split_keeps_every_label_on_the_first_part_and_the_others_untouched(lead, reviewer, claims):
    for claim in claims[1:4]:
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    second = corrections.split_at(claims[2], claims[2].text.index(" ") + 1, by=lead)
    assert set(Label.objects.values_list("claim_id", flat=True)) == {claims[1].pk, claims[2].pk, claims[3].pk}
    assert not second.labels.exists()


def test_a_split_at_the_edge_is_refused(lead, claims):
    with pytest.raises(CorrectionRefused):
        corrections.split_at(claims[2], 0, by=lead)


def test_changing_the_kind_takes_a_claim_out_of_labelling(lead, claims, seed_article):
    corrections.change_kind(claims[0], "boilerplate", by=lead)
    assert claims[0].pk not in seed_article.claims.labelled_kinds().values_list("pk", flat=True)
    assert SegmentationEvent.objects.get().detail == "Behauptung → Beiwerk"


def test_the_history_is_written_in_the_language_of_the_lead_who_corrected(lead, claims):
    with translation.override("en"):
        corrections.change_kind(claims[0], "boilerplate", by=lead)
    assert SegmentationEvent.objects.get().detail == "Claim → Boilerplate"


def test_corrections_through_the_views_redirect_and_htmx_gets_a_redirect_header(lead, claims):
    client = client_for(lead)
    offset = claims[2].text.index(" ")
    plain = form_post(client, reverse("split_claim", args=[claims[2].pk]), {"offset": offset})
    hx = htmx_post(client, reverse("change_kind", args=[claims[0].pk]), {"kind": "heading"})
    assert plain.status_code == 302
    assert hx["HX-Redirect"].endswith(f"#claim-{claims[0].pk}")


def test_only_leads_correct_the_segmentation(reviewer, claims):
    client = client_for(reviewer)
    statuses = {
        form_post(client, reverse(name, args=[claims[2].pk]), {"offset": "5", "kind": "heading"}).status_code
        for name in ("merge_claim", "split_claim", "change_kind")
    }
    assert statuses == {403}
    assert len(claims) == Claim.objects.count()
