"""Case: a bare CR or TAB inside a claim in every export format (pen test finding 5).

A bare CR in a claim text started a new row of the CheckThat! TSV for every reader that reads the lab's
format as it is meant, one record per line (the lab's tools, `cut`, a spreadsheet's text import), and that
row's first cell was the rest of the sentence, unguarded. The TSV now writes every line break inside a
sentence as a space, as the import reads it; the CSV files quote it (RFC 4180) and guard each cell; JSON
Lines escapes it.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from claims.exports.form import ExportForm
from tests.exporting import label, make_article, read_csv

# A claim's text can hold these only if it came in another way than the import (which turns them into
# LF): the export must hold up on its own.
INJECTED = '=HYPERLINK("https://evil.example","klick")\tSUBJ'
TEXTS = [
    "Vorne harmlos.\r" + INJECTED,
    "Vorne harmlos.\r\n" + INJECTED,
    "Vorne harmlos.\n" + INJECTED,
    "Vorne harmlos.\u2028" + INJECTED,
    "Tab\tin der Mitte",
]


@pytest.fixture
def claims(db, reviewer):
    article = make_article(TEXTS)
    for claim in article.claims.all():
        label(claim, reviewer, "opinion", note=claim.text)
    return article


def export(fmt: str) -> str:
    form = ExportForm({"format": fmt, "bom": "no"})
    assert form.is_valid(), form.errors
    return b"".join(form.export().stream()).decode("utf-8")


def test_a_bare_cr_in_a_claim_cannot_start_a_row_of_the_checkthat_tsv(claims):
    tsv = export("checkthat")
    lines = tsv.splitlines()
    assert len(lines) == 1 + len(TEXTS)
    assert all(line.split("\t")[0].isdigit() for line in lines[1:])


def test_the_checkthat_tsv_reads_back_with_the_line_breaks_as_spaces(claims):
    rows = list(csv.reader(io.StringIO(export("checkthat"), newline=""), delimiter="\t"))
    assert [row[1] for row in rows[1:]] == [
        *["Vorne harmlos. " + INJECTED] * 4,
        "Tab\tin der Mitte",
    ]


@pytest.mark.parametrize("fmt", ["csv", "labels-csv"])
def test_a_bare_cr_stays_inside_its_cell_of_the_csv_files(claims, fmt):
    rows = read_csv(export(fmt).encode())
    column = "claim_text" if fmt == "csv" else "note"
    assert len(rows) == len(TEXTS)
    assert sorted(row[column] for row in rows) == sorted(TEXTS)


def test_json_lines_keep_the_text_exactly_one_claim_per_line(claims):
    lines = export("jsonl").split("\n")
    assert lines[-1] == ""
    assert [json.loads(line)["claim_text"] for line in lines[:-1]] == TEXTS
