"""One claim's row in each file format, and CSV lines written without the csv module's per-cell cost.

A record is (claim fields, labels, evidence) as claims/exports.py reads it: the fields of
`Export._CLAIM_FIELDS`, then for CSV one row of label_cells() and one of evidence_cells() (joined by the
database), for JSON Lines the claim's rows of labels (claim_id, reviewer, value, note, updated_at) by reviewer
and of evidence (claim_id, url, title, stance, note, added_by, added_at) in the order added.

The claims CSV's `evidence` cell has one line per evidence, in the order added: `stance url note`, the note
and its space left out when there is none. A stance is one word and a URL has no blanks, so
`line.split(" ", 2)` reads a line back, and a note never moves to another link; a note's line breaks are
written as spaces in this cell (JSON Lines keeps the note exactly).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db.models import (
    Aggregate,
    Case,
    CharField,
    F,
    Max,
    Q,
    QuerySet,
    RowRange,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Concat, Replace

from claims.spreadsheet import SAFE_FIRST, guard

SUBJECTIVITY = {"fact": "OBJ", "unverifiable": "OBJ", "opinion": "SUBJ"}
CHECKABLE = {"fact": "yes", "unverifiable": "no", "opinion": "no"}


class CsvLines:
    """Lines as the csv module writes them (minimal quoting, quotes doubled), three times as fast.

    csv.writer costs about 250 ns per cell, whatever the cell holds: 5 µs of a claim row's budget of 10.
    Here only cells that can hold user text are looked at (`text` guards and quotes, `quoted` only
    quotes); the other cells are ids, numbers, choices and times, which never need quoting. A cell is quoted
    when it holds the delimiter, a quote, CR or LF, so no character of a text can end its row: with "\r\n"
    line ends that is exactly csv.writer (tests/test_export_csv.py checks it); with "\n" a lone CR is quoted
    too, which Python 3.11's csv.writer leaves bare, and csv.reader would then read as the end of the row.
    """

    def __init__(self, delimiter: str, lineterminator: str) -> None:
        self.delimiter, self.lineterminator = delimiter, lineterminator

    def quoted(self, cell: str) -> str:
        if '"' in cell:
            return '"' + cell.replace('"', '""') + '"'
        if self.delimiter in cell or "\n" in cell or "\r" in cell:
            return '"' + cell + '"'
        return cell

    def text(self, cell: str) -> str:
        """A cell of user text that a spreadsheet opens: guarded against formulas (CSV injection), quoted."""
        if cell and cell[0] not in SAFE_FIRST:  # the common case, an ASCII letter or digit, is settled here
            cell = guard(cell)
        if '"' in cell:
            return '"' + cell.replace('"', '""') + '"'
        if self.delimiter in cell or "\n" in cell or "\r" in cell:
            return '"' + cell + '"'
        return cell

    def line(self, cells: list[str]) -> str:
        return self.delimiter.join(cells) + self.lineterminator

    def header(self, columns: list[str]) -> str:
        return self.line([self.quoted(column) for column in columns])


class _Joined(Aggregate):
    """Texts joined by a separator, in the order of the window it is used in: string_agg or group_concat."""

    function = "STRING_AGG"
    window_compatible = True
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra)


def _per_claim(expression, *order_by) -> Window:
    # Over all of a claim's rows in this order; SQLite's group_concat has no ORDER BY of its own.
    return Window(expression, partition_by=F("claim_id"), order_by=order_by, frame=RowRange(None, None))


def label_cells(labels: QuerySet) -> QuerySet:
    """(claim_id, "anna=fact; bernd=opinion", "anna: note | …" or None, latest updated_at as text) per label.

    Joined by the database, one query per chunk: that halves the Python work of a claim row.
    """
    by_reviewer = F("reviewer__username").asc()
    label = Concat("reviewer__username", Value("="), "value", output_field=TextField())
    note = Case(
        When(~Q(note=""), then=Concat("reviewer__username", Value(": "), "note", output_field=TextField()))
    )
    return labels.order_by().values_list(
        "claim_id",
        _per_claim(_Joined(label, Value("; ")), by_reviewer),
        _per_claim(_Joined(note, Value(" | ")), by_reviewer),
        Cast(_per_claim(Max("updated_at"), by_reviewer), CharField()),
    )


def evidence_cells(evidence: QuerySet) -> QuerySet:
    """(claim_id, the evidence cell) per evidence row: a line "stance url note" per evidence, in the order
    added; a URL has no blanks, and a note's line breaks become spaces, so each line is one evidence."""
    note = F("note")
    for line_break in ("\r\n", "\r", "\n"):
        note = Replace(note, Value(line_break), Value(" "), output_field=TextField())
    line = Concat(
        "stance",
        Value(" "),
        "url",
        Case(When(note="", then=Value("")), default=Concat(Value(" "), note), output_field=TextField()),
        output_field=TextField(),
    )
    in_order = (F("added_at").asc(), F("pk").asc())
    return evidence.order_by().values_list("claim_id", _per_claim(_Joined(line, Value("\n")), *in_order))


def claim_csv_line(record: tuple, out: CsvLines) -> str:
    row, labels, evidence = record
    pk, article_id, title, url, outlet, position, text, kind, summary, reference, source_id = row
    n, status, resolved = summary.split("|")
    _, labels_cell, notes, labelled_at = labels or _NO_CELLS
    _, evidence_cell = evidence or _NO_EVIDENCE
    notes = notes or ""
    cells = [
        str(pk),
        str(article_id),
        out.text(title),
        out.text(url),
        out.text(outlet),
        str(position),
        out.text(text),
        kind,
        resolved,
        status,
        n,
        out.text(labels_cell),
        out.text(evidence_cell),
        out.text(notes),
        time_text(labelled_at),
        SUBJECTIVITY.get(resolved, ""),
        CHECKABLE.get(resolved, ""),
        reference,
        out.text(source_id),
    ]
    return out.line(cells)


_NO_CELLS = (None, "", "", "")
_NO_EVIDENCE = (None, "")


def checkthat_line(record: tuple, out: CsvLines) -> str:
    """A research file: the sentence exactly as stored, no formula guard; quoting keeps it one row."""
    row = record[0]
    pk, text, summary, reference, source_id = row[0], row[6], row[8], row[9], row[10]
    n, _, resolved = summary.split("|")
    label = reference if reference and n == "0" else SUBJECTIVITY[resolved]
    return out.line([out.quoted(source_id or str(pk)), out.quoted(text), label])


def claim_object(record: tuple) -> dict:
    row, labels, evidence = record
    pk, article_id, title, url, outlet, position, text, kind, summary, reference, source_id = row
    n, status, resolved = summary.split("|")
    return {
        "claim_id": pk,
        "article_id": article_id,
        "article_title": title,
        "article_url": url,
        "outlet": outlet,
        "position": position,
        "claim_text": text,
        "kind": kind,
        "label": resolved,
        "label_status": status,
        "n_labels": int(n),
        "labels": [
            {"reviewer": reviewer, "label": value, "note": note, "updated_at": time_text(updated)}
            for _, reviewer, value, note, updated in labels
        ],
        "evidence": [
            {
                "url": url,
                "title": title,
                "stance": stance,
                "note": note,
                "added_by": by,
                "added_at": time_text(at),
            }
            for _, url, title, stance, note, by, at in evidence
        ],
        "notes": [{"reviewer": label[1], "note": label[3]} for label in labels if label[3]],
        "labelled_at": time_text(max([label[4] for label in labels])) if labels else "",
        "subjectivity": SUBJECTIVITY.get(resolved, ""),
        "checkable": CHECKABLE.get(resolved, ""),
        "reference_label": reference,
        "source_id": source_id,
    }


def time_text(value: datetime | str | None) -> str:
    """ISO 8601 in UTC with a Z, from a datetime or from `YYYY-MM-DD HH:MM:SS[.ffffff][+00]` text."""
    if not value:
        return ""
    if isinstance(value, str):
        return f"{value[:10]}T{value[11:19]}Z"
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def label_line(row: tuple, out: CsvLines) -> str:
    claim_id, article_id, reviewer, value, note, created_at, updated_at = row
    cells = [str(claim_id), str(article_id), out.text(reviewer), value, out.text(note)]
    return out.line([*cells, time_text(created_at), time_text(updated_at)])
