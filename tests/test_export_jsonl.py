import pytest

from claims.exports.claims_csv import ClaimsCsv
from claims.exports.form import ExportForm
from tests.exporting import TRICKY_TEXTS, evidence, label, make_article, read_jsonl


def export_jsonl(**filters) -> bytes:
    form = ExportForm({"format": "jsonl", **filters})
    assert form.is_valid(), form.errors
    return b"".join(form.export().stream())


@pytest.fixture
def labelled(db, reviewer):
    claims = list(make_article(TRICKY_TEXTS).claims.order_by("position"))
    label(claims[0], reviewer, "opinion", note="Meinung, klar")
    evidence(claims[0], reviewer, "https://beleg.example/x?a=1&b=2", "refutes", note="widerlegt")
    return claims


def test_texts_come_back_exactly_without_any_guard(labelled):
    objects = read_jsonl(export_jsonl())
    assert [o["claim_text"] for o in objects] == TRICKY_TEXTS


def test_evidence_and_labels_are_nested_objects(labelled):
    first = read_jsonl(export_jsonl())[0]
    assert [(e["url"], e["stance"], e["note"]) for e in first["evidence"]] == [
        ("https://beleg.example/x?a=1&b=2", "refutes", "widerlegt")
    ]
    assert [(x["reviewer"], x["label"], x["note"]) for x in first["labels"]] == [
        ("rita", "opinion", "Meinung, klar")
    ]


def test_each_object_has_the_claim_csv_columns(labelled):
    first = read_jsonl(export_jsonl())[0]
    assert set(ClaimsCsv.columns) <= set(first)
    assert (first["label"], first["subjectivity"], first["checkable"]) == ("opinion", "SUBJ", "no")


def test_every_line_is_a_claim(labelled):
    objects = read_jsonl(export_jsonl())
    assert [o["claim_id"] for o in objects] == [claim.pk for claim in labelled]


def test_umlauts_are_written_as_utf8_not_escapes(labelled):
    data = export_jsonl()
    assert "Größe".encode() in data
    assert not data.startswith(b"\xef\xbb\xbf")
