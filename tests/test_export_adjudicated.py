"""Every export gives a lead's decision as the claim's label, with status adjudicated (or reopened when a
later label differs), through the same code paths as the Export page, its download and `export_claims`."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from claims import importing
from claims.exports import records
from claims.exports.form import ExportForm
from claims.models import Decision
from tests.conftest import client_for
from tests.exporting import body, make_article, read_csv, read_jsonl


def export(fmt: str = "csv", **filters) -> bytes:
    form = ExportForm({"format": fmt, **filters})
    assert form.is_valid(), form.errors
    return b"".join(form.export().stream())


@pytest.fixture
def desk(db, reviewer, second_reviewer, lead):
    """Four claims: settled as opinion (the reviewers said fact and opinion); settled, then reopened by a
    later label; disputed and never settled; and agreed."""
    texts = ["Settled.", "Reopened.", "Disputed.", "Agreed."]
    settled, reopened, disputed, agreed = make_article(texts).claims.order_by("position")
    for claim in (settled, reopened, disputed):
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
        claim.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    for user in (reviewer, second_reviewer):
        agreed.set_label(reviewer=user, value="unverifiable", expected_version=0)
    settled.decide(by=lead, value="opinion", reason="=Wertung, kein Beleg", expected=0)
    reopened.decide(by=lead, value="fact", expected=0)
    reopened.set_label(reviewer=second_reviewer, value="unverifiable", expected_version=1)
    return settled, reopened, disputed, agreed


def test_the_claims_csv_gives_the_decision_as_the_label(desk):
    rows = read_csv(export())
    columns = ("claim_text", "label", "label_status", "n_labels", "subjectivity", "checkable", "labels")
    assert [tuple(r[c] for c in columns) for r in rows] == [
        ("Settled.", "opinion", "adjudicated", "2", "SUBJ", "no", "rita=fact; sven=opinion"),
        ("Reopened.", "", "reopened", "2", "", "", "rita=fact; sven=unverifiable"),
        ("Disputed.", "", "disputed", "2", "", "", "rita=fact; sven=opinion"),
        ("Agreed.", "unverifiable", "agreed", "2", "OBJ", "no", "rita=unverifiable; sven=unverifiable"),
    ]


def test_the_claims_csv_says_who_decided_when_and_why_with_the_reason_guarded(desk):
    settled, reopened, *_ = read_csv(export())
    assert (settled["decided_by"], settled["decision_reason"]) == ("lena", "'=Wertung, kein Beleg")
    assert settled["decided_at"].endswith("Z")
    assert (reopened["decided_by"], reopened["decision_reason"]) == ("lena", "")


def test_claims_without_a_current_decision_have_empty_decision_cells(desk):
    *_, disputed, agreed = read_csv(export())
    assert {disputed[c] + agreed[c] for c in ("decided_by", "decided_at", "decision_reason")} == {""}


def test_the_labels_csv_gives_each_reviewers_label_beside_the_claims(desk):
    rows = read_csv(export("labels-csv"))
    assert [(r["reviewer"], r["label"], r["claim_label"], r["label_status"]) for r in rows[:4]] == [
        ("rita", "fact", "opinion", "adjudicated"),
        ("sven", "opinion", "opinion", "adjudicated"),
        ("rita", "fact", "", "reopened"),
        ("sven", "unverifiable", "", "reopened"),
    ]
    assert len(rows) == 8


def test_json_lines_give_the_decision_as_the_label(desk):
    first = read_jsonl(export("jsonl"))[0]
    assert (first["label"], first["label_status"], first["decided_by"]) == ("opinion", "adjudicated", "lena")
    assert first["decision_reason"] == "=Wertung, kein Beleg"  # JSON is never guarded


def test_the_checkthat_file_gives_the_subjectivity_of_the_decision(desk):
    settled, *_ = desk
    lines = export("checkthat").decode().splitlines()
    assert lines[1:] == [f"{settled.pk}\tSettled.\tSUBJ", f"{desk[3].pk}\tAgreed.\tOBJ"]


def test_a_decision_replaces_an_imported_reference_label_nobody_relabelled(db, lead):
    tsv = "sentence_id\tsentence\tlabel\nct-1\tDie Regierung hat neue Maßnahmen beschlossen.\tOBJ\n"
    article = importing.store(importing.parse_file("sample.tsv", tsv.encode())).article
    article.claims.get().decide(by=lead, value="opinion", expected=0)
    assert (
        export("checkthat").decode().splitlines()[1]
        == "ct-1\tDie Regierung hat neue Maßnahmen beschlossen.\tSUBJ"
    )


@pytest.mark.parametrize(
    ("status", "texts"),
    [("adjudicated", ["Settled."]), ("reopened", ["Reopened."]), ("disputed", ["Disputed."])],
)
def test_the_status_filter_selects_adjudicated_and_reopened_claims(desk, status, texts):
    assert [r["claim_text"] for r in read_csv(export(status=status))] == texts


def test_the_label_filter_takes_the_decision(desk):
    assert [r["claim_text"] for r in read_csv(export(label="opinion"))] == ["Settled."]


def test_the_export_page_offers_and_counts_the_adjudicated_claims(desk, lead):
    response = client_for(lead).get(reverse("export"), {"status": "adjudicated"})
    html = response.content.decode()
    assert '<option value="adjudicated" selected>Entschieden</option>' in html
    assert "<strong>1</strong> Zeile wird geschrieben." in html


def test_the_download_gives_the_settled_label(desk, lead):
    response = client_for(lead).get(reverse("export-download"), {"status": "adjudicated", "format": "csv"})
    rows = read_csv(body(response))
    assert [(r["label"], r["label_status"]) for r in rows] == [("opinion", "adjudicated")]


def test_the_command_exports_the_adjudicated_claims(desk, tmp_path):
    target = tmp_path / "settled.jsonl"
    args = ["--format", "jsonl", "--status", "adjudicated", "-o", str(target)]
    call_command("export_claims", *args, stderr=io.StringIO())
    assert [(o["label"], o["decided_by"]) for o in read_jsonl(target.read_bytes())] == [("opinion", "lena")]


def test_a_reviewers_own_file_knows_no_decisions(desk, reviewer):
    response = client_for(reviewer).get(reverse("export-download"), {"format": "csv"})
    settled = read_csv(body(response))[0]
    assert (settled["label"], settled["label_status"], settled["decided_by"]) == ("fact", "single", "")


def test_decisions_cost_one_query_for_a_chunk_that_has_any(
    db, reviewer, lead, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(records, "CHUNK_SIZE", 3)
    claims = list(make_article([f"Satz {i}." for i in range(7)]).claims.order_by("position"))
    for claim in claims:
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    claims[4].decide(by=lead, value="opinion", expected=0)
    form = ExportForm({})
    assert form.is_valid()
    jit = 2 if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(1 + 2 * 3 + 1 + jit):  # claims; labels, evidence per chunk; decisions once
        rows = read_csv(b"".join(form.export().stream()))
    assert [r["label"] for r in rows] == ["fact"] * 4 + ["opinion"] + ["fact"] * 2
    assert Decision.objects.count() == 1
