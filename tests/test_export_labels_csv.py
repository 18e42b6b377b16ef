import pytest

from claims.exports.form import ExportForm
from claims.exports.spreadsheet import unguard
from tests.exporting import TRICKY_TEXTS, label, make_article, read_csv


def export_labels(**filters) -> bytes:
    form = ExportForm({"format": "labels-csv", **filters})
    assert form.is_valid(), form.errors
    return b"".join(form.export().stream())


@pytest.fixture
def labelled(db, reviewer, second_reviewer):
    claims = list(make_article(TRICKY_TEXTS).claims.order_by("position"))
    for claim in claims:
        label(claim, reviewer, "fact", note=claim.text)
    label(claims[0], second_reviewer, "opinion")
    return claims


def test_there_is_one_row_per_claim_and_reviewer(labelled):
    rows = read_csv(export_labels())
    assert [(r["claim_id"], r["reviewer"]) for r in rows[:2]] == [
        (str(labelled[0].pk), "rita"),
        (str(labelled[0].pk), "sven"),
    ]
    assert len(rows) == len(TRICKY_TEXTS) + 1


def test_the_columns_are_those_of_an_agreement_study(labelled):
    header = export_labels(bom="no").split(b"\r\n")[0].decode()
    assert header == "claim_id,article_id,reviewer,label,note,created_at,updated_at,claim_label,label_status"


def test_notes_round_trip_with_the_guard_removed(labelled):
    rows = read_csv(export_labels(reviewer=str(labelled[0].labels.get(value="fact").reviewer_id)))
    assert [unguard(r["note"]) for r in rows] == TRICKY_TEXTS


def test_the_count_is_the_number_of_label_rows(labelled):
    form = ExportForm({"format": "labels-csv", "status": "disputed"})
    assert form.is_valid()
    assert form.export().count() == 2
