"""The database keeps the data whole on PostgreSQL and SQLite alike: each invariant is a constraint."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.db.models import ProtectedError

from claims.models import Article, Assignment, Claim, Decision, Evidence, Label, LabelEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(db) -> Article:
    return Article.objects.create(title="T", text="Ein Satz. Noch einer.", content_hash="h1")


@pytest.fixture
def claim(article) -> Claim:
    return Claim.objects.create(article=article, position=0, start=0, end=9, text="Ein Satz.")


def test_the_content_hash_is_unique(article):
    with pytest.raises(IntegrityError):
        Article.objects.create(title="U", text="anders", content_hash="h1")


def test_an_article_needs_text(db):
    with pytest.raises(IntegrityError):
        Article.objects.create(title="T", text="", content_hash="h2")


def test_claim_positions_are_unique_per_article(claim):
    with pytest.raises(IntegrityError):
        Claim.objects.create(article=claim.article, position=0, start=10, end=20, text="Noch einer.")


def test_a_claim_starts_before_it_ends(article):
    with pytest.raises(IntegrityError):
        Claim.objects.create(article=article, position=1, start=9, end=9, text="")


def test_a_claim_kind_must_be_known(article):
    with pytest.raises(IntegrityError):
        Claim.objects.create(article=article, position=1, start=0, end=3, text="Ein", kind="rumour")


def test_one_label_per_reviewer_and_claim(claim, reviewer):
    Label.objects.create(claim=claim, reviewer=reviewer, value="fact")
    with pytest.raises(IntegrityError):
        Label.objects.create(claim=claim, reviewer=reviewer, value="opinion")


def test_a_label_value_must_be_known(claim, reviewer):
    with pytest.raises(IntegrityError):
        Label.objects.create(claim=claim, reviewer=reviewer, value="true")


def test_a_label_event_records_a_change(claim, reviewer):
    with pytest.raises(IntegrityError):
        LabelEvent.objects.create(claim=claim, reviewer=reviewer, old_value="fact", new_value="fact")


def test_evidence_urls_are_unique_per_claim_and_reviewer(claim, reviewer, second_reviewer):
    Evidence.objects.create(claim=claim, url="https://a.example/x", stance="supports", added_by=reviewer)
    Evidence.objects.create(
        claim=claim, url="https://a.example/x", stance="context", added_by=second_reviewer
    )
    with pytest.raises(IntegrityError):
        Evidence.objects.create(claim=claim, url="https://a.example/x", stance="refutes", added_by=reviewer)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "ftp://a/b"]
)
def test_evidence_urls_are_http_or_https_in_the_database(claim, reviewer, url):
    with pytest.raises(IntegrityError):
        Evidence.objects.create(claim=claim, url=url, stance="context", added_by=reviewer)


def test_an_evidence_stance_must_be_known(claim, reviewer):
    with pytest.raises(IntegrityError):
        Evidence.objects.create(claim=claim, url="https://a.example/y", stance="maybe", added_by=reviewer)


def test_a_reviewer_with_label_history_cannot_be_deleted(claim, reviewer):
    LabelEvent.objects.create(claim=claim, reviewer=reviewer, new_value="fact")
    with pytest.raises(IntegrityError):
        reviewer.delete()


def test_a_decision_is_one_of_the_label_values(claim, lead):
    with pytest.raises(IntegrityError):
        Decision.objects.create(claim=claim, value="maybe", decided_by=lead)


def test_a_lead_with_decisions_cannot_be_deleted(claim, lead):
    Decision.objects.create(claim=claim, value="fact", decided_by=lead)
    with pytest.raises(ProtectedError):
        lead.delete()


@pytest.mark.parametrize("labels_needed", [0, 21])
def test_an_article_needs_from_one_to_twenty_labels_per_claim(article, labels_needed):
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(labels_needed=labels_needed)


def test_an_article_is_assigned_to_a_reviewer_once(article, reviewer):
    Assignment.objects.create(article=article, reviewer=reviewer)
    with pytest.raises(IntegrityError):
        Assignment.objects.create(article=article, reviewer=reviewer)


def test_assigning_twice_is_a_no_op_that_reports_only_what_is_new(article, reviewer, second_reviewer, lead):
    assert Assignment.objects.assign([(article.pk, reviewer.pk)], by=lead) == {(article.pk, reviewer.pk)}
    pairs = [(article.pk, reviewer.pk), (article.pk, second_reviewer.pk)]
    assert Assignment.objects.assign(pairs, by=lead) == {(article.pk, second_reviewer.pk)}
    assert Assignment.objects.count() == 2
