"""Label.objects.create_with_event / change_with_event: a label and its history event are written together
or not at all; one statement on PostgreSQL, a transaction on SQLite."""

from __future__ import annotations

import pytest
from django.utils import timezone

from claims.models import Label, LabelEvent


def _events(claim, reviewer):
    return list(
        LabelEvent.objects.filter(claim=claim, reviewer=reviewer).values_list("old_value", "new_value")
    )


def test_a_first_label_is_written_with_its_event(reviewer, claim):
    pk = Label.objects.create_with_event(
        claim_id=claim.pk, reviewer_id=reviewer.pk, value="fact", at=timezone.now()
    )
    label = Label.objects.get(pk=pk)
    assert (label.claim_id, label.reviewer_id, label.value, label.version) == (
        claim.pk,
        reviewer.pk,
        "fact",
        1,
    )
    assert label.updated_at.tzinfo is not None
    assert _events(claim, reviewer) == [("", "fact")]


def test_a_second_first_label_writes_nothing(reviewer, claim):
    now = timezone.now()
    Label.objects.create_with_event(claim_id=claim.pk, reviewer_id=reviewer.pk, value="fact", at=now)
    again = Label.objects.create_with_event(
        claim_id=claim.pk, reviewer_id=reviewer.pk, value="opinion", at=now
    )
    assert again is None
    assert Label.objects.get(claim=claim, reviewer=reviewer).value == "fact"
    assert _events(claim, reviewer) == [("", "fact")]


def test_a_change_at_the_expected_version_is_written_with_its_event(reviewer, claim):
    pk = Label.objects.create_with_event(
        claim_id=claim.pk, reviewer_id=reviewer.pk, value="fact", at=timezone.now()
    )
    changed = Label.objects.change_with_event(
        pk=pk, expected_version=1, old_value="fact", value="opinion", at=timezone.now()
    )
    assert changed
    assert Label.objects.values_list("value", "version").get(pk=pk) == ("opinion", 2)
    assert _events(claim, reviewer) == [("", "fact"), ("fact", "opinion")]


def test_a_change_from_a_stale_version_writes_nothing(reviewer, claim):
    pk = Label.objects.create_with_event(
        claim_id=claim.pk, reviewer_id=reviewer.pk, value="fact", at=timezone.now()
    )
    stale = Label.objects.change_with_event(
        pk=pk, expected_version=5, old_value="fact", value="opinion", at=timezone.now()
    )
    assert not stale
    assert Label.objects.values_list("value", "version").get(pk=pk) == ("fact", 1)
    assert _events(claim, reviewer) == [("", "fact")]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_writes_commit_on_their_own(reviewer, claim):
    # The path a gunicorn worker takes: autocommit, no surrounding transaction.
    pk = Label.objects.create_with_event(
        claim_id=claim.pk, reviewer_id=reviewer.pk, value="unverifiable", at=timezone.now()
    )
    assert Label.objects.filter(pk=pk, value="unverifiable").exists()
    assert _events(claim, reviewer) == [("", "unverifiable")]
