import csv
import io
import re
from datetime import UTC

import pytest

from claims.exports.claims_csv import ClaimsCsv
from claims.exports.csv_lines import CsvLines
from claims.exports.form import ExportForm
from claims.exports.spreadsheet import guard, needs_guard, unguard
from claims.models import Claim
from tests.exporting import (
    FORMULA_TEXTS,
    TRICKY_TEXTS,
    evidence,
    label,
    make_article,
    read_csv,
)


def export_bytes(fmt="csv", **kwargs) -> bytes:
    form = ExportForm({"format": fmt, **kwargs})
    assert form.is_valid(), form.errors
    return b"".join(form.export().stream())


@pytest.fixture
def tricky(db, reviewer):
    article = make_article(TRICKY_TEXTS)
    for claim in article.claims.all():
        label(claim, reviewer, "fact", note=claim.text)
    return article


def test_claim_texts_round_trip_through_pythons_csv_module(tricky):
    rows = read_csv(export_bytes())
    assert [unguard(r["claim_text"]) for r in rows] == TRICKY_TEXTS
    assert [unguard(r["notes"]).removeprefix("rita: ") for r in rows] == TRICKY_TEXTS


def test_every_formula_cell_starts_with_the_guard(tricky):
    rows = read_csv(export_bytes())
    guarded = [r["claim_text"] for r in rows if r["claim_text"].startswith("'")]
    assert [g[1:] for g in guarded] == FORMULA_TEXTS
    assert not any(needs_guard(r["claim_text"]) for r in rows)


def test_the_semicolon_variant_round_trips_too(tricky):
    rows = read_csv(export_bytes(delimiter=";"), delimiter=";")
    assert [unguard(r["claim_text"]) for r in rows] == TRICKY_TEXTS
    assert [unguard(r["notes"]).removeprefix("rita: ") for r in rows] == TRICKY_TEXTS


def test_the_file_starts_with_a_bom_unless_asked_not_to(tricky):
    assert export_bytes().startswith(b"\xef\xbb\xbfclaim_id,")
    assert export_bytes(bom="no").startswith(b"claim_id,")


def test_rows_end_with_crlf_as_rfc_4180_says(tricky):
    data = export_bytes()
    assert data.count(b"\r\n") >= len(TRICKY_TEXTS) + 1
    assert data.endswith(b",,\r\n")  # the last claim's empty reference_label and source_id


def test_the_header_has_the_documented_columns(db):
    make_article(["Ein Satz."])
    header = export_bytes(bom="no").split(b"\r\n")[0].decode().split(",")
    assert header == ClaimsCsv.columns
    assert header[0] != "ID"


def test_guard_handles_full_width_and_blank_prefixed_formulas():
    assert guard("＝1+1") == "'＝1+1"
    assert guard("\u3000=1") == "'\u3000=1"
    assert guard("Ohne Formel") == "Ohne Formel"


def test_unguard_only_removes_what_guard_added():
    assert unguard(guard("=1")) == "=1"
    assert unguard("'Zitat'") == "'Zitat'"


def test_labels_evidence_and_derived_columns_describe_the_claim(db, reviewer, second_reviewer):
    agreed, disputed, _unlabelled = make_article(["A", "B", "C"]).claims.order_by("position")
    label(agreed, reviewer, "opinion")
    label(agreed, second_reviewer, "opinion", note="klar; Meinung")
    label(disputed, reviewer, "fact")
    label(disputed, second_reviewer, "unverifiable")
    evidence(agreed, reviewer, "https://a.example/1", "refutes", note="Quelle 1")
    evidence(agreed, reviewer, "https://a.example/2", "context")
    rows = read_csv(export_bytes())
    columns = ("label", "label_status", "n_labels", "subjectivity", "checkable")
    assert [tuple(r[c] for c in columns) for r in rows] == [
        ("opinion", "agreed", "2", "SUBJ", "no"),
        ("", "disputed", "2", "", ""),
        ("", "unlabelled", "0", "", ""),
    ]
    assert (rows[0]["labels"], rows[0]["evidence"]) == (
        "rita=opinion; sven=opinion",
        "refutes https://a.example/1 Quelle 1\ncontext https://a.example/2",
    )


def test_each_evidence_line_keeps_its_note_even_when_another_has_none(db, reviewer):
    claim = make_article(["A"]).claims.get()
    evidence(claim, reviewer, "https://a.example/1", "supports")
    evidence(claim, reviewer, "https://a.example/2?q=a,b", "refutes", note='Zweite "Quelle", S. 3')
    evidence(claim, reviewer, "https://a.example/3", "context", note="Dritte")
    lines = read_csv(export_bytes())[0]["evidence"].split("\n")
    assert [line.split(" ", 2) for line in lines] == [
        ["supports", "https://a.example/1"],
        ["refutes", "https://a.example/2?q=a,b", 'Zweite "Quelle", S. 3'],
        ["context", "https://a.example/3", "Dritte"],
    ]


def test_a_note_with_line_breaks_stays_on_its_evidence_line(db, reviewer):
    claim = make_article(["A"]).claims.get()
    evidence(claim, reviewer, "https://a.example/1", "refutes", note="eins\r\nzwei\rdrei\nvier")
    evidence(claim, reviewer, "https://a.example/2", "supports")
    cell = read_csv(export_bytes())[0]["evidence"]
    assert cell == "refutes https://a.example/1 eins zwei drei vier\nsupports https://a.example/2"


def test_fact_is_objective_and_checkable(db, reviewer):
    claim = make_article(["A"]).claims.get()
    label(claim, reviewer, "fact")
    rows = read_csv(export_bytes())
    assert (rows[0]["subjectivity"], rows[0]["checkable"]) == ("OBJ", "yes")
    assert rows[0]["labelled_at"].endswith("Z")


def test_filters_select_status_and_label(db, reviewer):
    first, second = make_article(["A", "B"]).claims.order_by("position")
    label(first, reviewer, "fact")
    assert [r["claim_id"] for r in read_csv(export_bytes(status="single"))] == [str(first.pk)]
    assert [r["claim_id"] for r in read_csv(export_bytes(status="unlabelled"))] == [str(second.pk)]
    assert read_csv(export_bytes(label="opinion")) == []


def test_filters_select_articles_and_outlets(db):
    one = make_article(["A"], title="Eins", outlet="eins.example")
    make_article(["B"], title="Zwei", outlet="zwei.example")
    assert [r["article_id"] for r in read_csv(export_bytes(outlet="zwei.example"))] != [str(one.pk)]
    assert [r["article_id"] for r in read_csv(export_bytes(articles=[str(one.pk)]))] == [str(one.pk)]


def test_headings_and_repeated_units_are_not_exported(db):
    article = make_article(["Titel", "Satz"])
    Claim.objects.filter(article=article, position=0).update(kind="heading")
    rows = read_csv(export_bytes())
    assert [r["claim_text"] for r in rows] == ["Satz"]


def test_the_file_name_is_fixed_ascii_with_a_timestamp(db):
    form = ExportForm({"format": "labels-csv"})
    assert form.is_valid()
    name = form.export().filename()
    assert re.fullmatch(r"newsdesk-labels-\d{8}-\d{4}\.csv", name)
    assert name.isascii()


def test_timestamps_are_utc_iso_8601_on_every_database(db, reviewer):
    claim = make_article(["A"]).claims.get()
    stored = label(claim, reviewer, "fact")
    stored.refresh_from_db()
    rows = read_csv(export_bytes())
    assert rows[0]["labelled_at"] == stored.updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_every_text_column_is_guarded_not_only_the_claim(db, reviewer):
    article = make_article(["=Satz"], title="=Titel", outlet="+outlet")
    claim = article.claims.get()
    Claim.objects.filter(pk=claim.pk).update(source_id="-1")
    label(claim, reviewer, "fact", note="@note")
    evidence(claim, reviewer, "https://e.example/", note="|cmd")
    row = read_csv(export_bytes())[0]
    columns = ("article_title", "outlet", "claim_text", "source_id")
    assert [row[c] for c in columns] == ["'=Titel", "'+outlet", "'=Satz", "'-1"]
    # These start with the reviewer's name or the stance, so there is nothing to guard.
    assert (row["notes"], row["evidence"]) == ("rita: @note", "supports https://e.example/ |cmd")


CELLS = [*TRICKY_TEXTS, "", " ", "a;b", "a\tb", 'x"', "lone\rreturn", "https://e.example/?q=a,b"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_lines_are_exactly_what_the_csv_module_writes(delimiter):
    out = CsvLines(delimiter, "\r\n")
    for cell in CELLS:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow([guard(cell), cell, "7", ""])
        assert out.line([out.text(cell), out.quoted(cell), "7", ""]) == buffer.getvalue()


def test_with_lf_line_ends_a_lone_cr_is_quoted_so_the_row_reads_back_whole():
    out = CsvLines("\t", "\n")
    data = "".join(out.line([out.quoted(cell), "7"]) for cell in CELLS)
    assert list(csv.reader(io.StringIO(data, newline=""), delimiter="\t")) == [[cell, "7"] for cell in CELLS]
