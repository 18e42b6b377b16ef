"""with_label_status(): one subquery per column, and a reviewer's view for their own exports."""

from claims.models import Claim
from tests.exporting import label, make_article


def statuses(**kwargs) -> list[tuple]:
    fields = ("n_labels", "n_values", "label_status", "resolved_label")
    return list(Claim.objects.with_label_status(**kwargs).order_by("position").values_list(*fields))


def test_it_tells_unlabelled_agreed_and_disputed_claims_apart(db, reviewer, second_reviewer):
    _unlabelled, agreed, disputed = make_article(["A", "B", "C"]).claims.order_by("position")
    label(agreed, reviewer, "fact")
    label(agreed, second_reviewer, "fact")
    label(disputed, reviewer, "fact")
    label(disputed, second_reviewer, "opinion")
    assert statuses() == [(0, 0, "unlabelled", ""), (2, 1, "agreed", "fact"), (2, 2, "disputed", "")]


def test_one_label_is_single_not_agreed_and_still_resolves_the_label(db, reviewer):
    claim = make_article(["A"]).claims.get()
    label(claim, reviewer, "opinion")
    assert statuses() == [(1, 1, "single", "opinion")]


def test_for_one_reviewer_only_their_labels_count(db, reviewer, second_reviewer):
    _unlabelled, agreed, disputed = make_article(["A", "B", "C"]).claims.order_by("position")
    label(agreed, second_reviewer, "fact")
    label(disputed, reviewer, "fact")
    label(disputed, second_reviewer, "opinion")
    assert statuses(reviewer=reviewer) == [
        (0, 0, "unlabelled", ""),
        (0, 0, "unlabelled", ""),
        (1, 1, "single", "fact"),
    ]


def test_status_and_label_can_be_filtered_on(db, reviewer):
    first, _second = make_article(["A", "B"]).claims.order_by("position")
    label(first, reviewer, "opinion")
    claims = Claim.objects.with_label_status()
    assert list(claims.filter(label_status="single", resolved_label="opinion")) == [first]
    assert claims.filter(label_status="unlabelled").count() == 1
