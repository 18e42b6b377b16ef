"""with_label_status() with a lead's decisions: adjudicated, and reopened by a later label that differs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim, Decision, DecisionConflict, Label, LabelEvent, corrections
from tests.exporting import make_article


def status(claim: Claim, **kwargs) -> tuple[str, str]:
    annotated = Claim.objects.with_label_status(**kwargs).get(pk=claim.pk)
    _, label_status, resolved = annotated.label_summary.split("|")
    assert (label_status, resolved) == (annotated.label_status, annotated.resolved_label)
    return annotated.label_status, annotated.resolved_label


@pytest.fixture
def disputed(db, reviewer, second_reviewer) -> Claim:
    claim = make_article(["Die Linie 7 fährt wieder."]).claims.get()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    claim.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    return claim


def test_a_decision_settles_a_disputed_claim_with_its_value(disputed, lead):
    assert status(disputed) == ("disputed", "")
    disputed.decide(by=lead, value="opinion", reason="Wertung", expected=0)
    assert status(disputed) == ("adjudicated", "opinion")


def test_a_decision_overrides_agreeing_labels_too(disputed, lead, second_reviewer):
    Label.objects.filter(reviewer=second_reviewer).update(value="fact")
    disputed.decide(by=lead, value="unverifiable", expected=0)
    assert status(disputed) == ("adjudicated", "unverifiable")


def test_the_latest_decision_is_the_settled_label(disputed, lead, admin_user):
    first = disputed.decide(by=lead, value="opinion", expected=0)
    disputed.decide(by=admin_user, value="fact", expected=first.pk)
    assert status(disputed) == ("adjudicated", "fact")
    assert Decision.objects.filter(claim=disputed).count() == 2


def test_a_later_label_that_differs_reopens_the_claim(disputed, lead, reviewer):
    disputed.decide(by=lead, value="opinion", expected=0)
    disputed.set_label(reviewer=reviewer, value="unverifiable", expected_version=1)
    assert status(disputed) == ("reopened", "")


def test_a_later_label_that_agrees_keeps_it_settled(disputed, lead, reviewer):
    disputed.decide(by=lead, value="opinion", expected=0)
    disputed.set_label(reviewer=reviewer, value="opinion", expected_version=1)
    assert status(disputed) == ("adjudicated", "opinion")


def test_a_new_reviewer_who_differs_reopens_it(disputed, lead):
    disputed.decide(by=lead, value="opinion", expected=0)
    disputed.set_label(reviewer=lead, value="fact", expected_version=0)
    assert status(disputed) == ("reopened", "")


def test_deciding_again_settles_a_reopened_claim(disputed, lead, reviewer):
    first = disputed.decide(by=lead, value="opinion", expected=0)
    disputed.set_label(reviewer=reviewer, value="unverifiable", expected_version=1)
    disputed.decide(by=lead, value="opinion", reason="Bleibt Meinung", expected=first.pk)
    assert status(disputed) == ("adjudicated", "opinion")


def test_a_reviewers_own_view_ignores_decisions(disputed, lead, reviewer):
    disputed.decide(by=lead, value="opinion", expected=0)
    assert status(disputed, reviewer=reviewer) == ("single", "fact")


def test_a_decision_without_labels_still_settles(db, lead):
    claim = make_article(["Ein Satz."]).claims.get()
    claim.decide(by=lead, value="fact", expected=0)
    assert status(claim) == ("adjudicated", "fact")


def test_a_split_after_the_decision_unsettles_the_claim(db, lead, reviewer, second_reviewer):
    article = make_article(["Erster Teil. Zweiter Teil."])
    Claim.objects.filter(article=article).update(start=0, end=len(article.text))
    claim = article.claims.get()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    claim.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    claim.decide(by=lead, value="fact", expected=0)
    corrections.split_at(claim, len("Erster Teil."), by=lead)
    # The first part keeps both labels (corrections keep the work), so it is disputed again for the lead.
    assert status(claim) == ("disputed", "")
    assert Decision.objects.filter(claim=claim).count() == 1  # still in the history


def test_a_merge_keeps_the_decisions_as_history_but_unsettles(db, lead, reviewer):
    article = make_article(["A", "B"])
    first, second = article.claims.order_by("position")
    second.set_label(reviewer=reviewer, value="fact", expected_version=0)
    second.decide(by=lead, value="opinion", expected=0)
    corrections.merge_with_next(first, by=lead)
    assert status(first) == ("single", "fact")
    assert Decision.objects.get().claim_id == first.pk


def test_a_lead_who_decided_on_an_old_view_gets_a_conflict(disputed, lead, admin_user):
    current = disputed.decide(by=admin_user, value="fact", expected=0)
    with pytest.raises(DecisionConflict) as raised:
        disputed.decide(by=lead, value="opinion", expected=0)
    assert raised.value.current == current


def test_a_double_submit_is_one_decision(disputed, lead):
    first = disputed.decide(by=lead, value="opinion", reason="Wertung", expected=0)
    again = disputed.decide(by=lead, value="opinion", reason="Wertung", expected=0)
    assert again == first
    assert Decision.objects.count() == 1


def test_a_label_set_before_the_decision_never_reopens(disputed, lead, reviewer):
    Label.objects.filter(reviewer=reviewer).update(updated_at=timezone.now() + timedelta(seconds=5))
    disputed.decide(by=lead, value="opinion", expected=0)
    Decision.objects.update(decided_at=timezone.now() + timedelta(seconds=10))
    assert status(disputed) == ("adjudicated", "opinion")
    assert LabelEvent.objects.count() == 2


def test_the_disputes_are_the_disputed_and_the_reopened_claims(db, lead, reviewer, second_reviewer):
    texts = ["agreed", "disputed", "adjudicated", "reopened"]
    agreed, disputed, adjudicated, reopened = make_article(texts).claims.order_by("position")
    seconds = {agreed: "fact", disputed: "opinion", adjudicated: "opinion", reopened: "opinion"}
    for claim, second in seconds.items():
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
        claim.set_label(reviewer=second_reviewer, value=second, expected_version=0)
    adjudicated.decide(by=lead, value="fact", expected=0)
    reopened.decide(by=lead, value="fact", expected=0)
    reopened.set_label(reviewer=reviewer, value="unverifiable", expected_version=1)
    assert list(Claim.objects.disputes().order_by("position")) == [disputed, reopened]
