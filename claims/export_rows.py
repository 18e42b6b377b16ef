"""One claim's row in each file format, and CSV lines written without the csv module's per-cell cost.

A record is (claim fields, labels, evidence) as claims/exports.py reads it: the fields of
`Export._CLAIM_FIELDS`, then for CSV one row of label_cells() and one of evidence_cells() (joined by the
database), for JSON Lines the claim's rows of labels (claim_id, reviewer, value, note, updated_at) by reviewer
and of evidence (claim_id, url, title, stance, note, added_by, added_at) in the order added.
"""

from __future__ import annotations

import csv
import io
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
from django.db.models.functions import Cast, Concat, NullIf

from claims.spreadsheet import SAFE_FIRST, guard

SUBJECTIVITY = {"fact": "OBJ", "unverifiable": "OBJ", "opinion": "SUBJ"}
CHECKABLE = {"fact": "yes", "unverifiable": "no", "opinion": "no"}


class CsvLines:
    """Lines exactly as `csv.writer(delimiter=…, lineterminator=…)` writes them, three times as fast.

    csv.writer costs about 250 ns per cell, whatever the cell holds: 5 µs of a claim row's budget of 10.
    Here only cells that can hold user text are looked at (`text` guards and quotes, `quoted` only
    quotes); the other cells are ids, numbers, choices and times, which never need quoting. A line with a
    line break in any cell is handed to csv.writer itself, so its rules for those (which differ between
    Python versions for a lone CR) are csv.writer's. tests/test_export_csv.py checks the equality.
    """

    def __init__(self, delimiter: str, lineterminator: str) -> None:
        self.delimiter, self.lineterminator = delimiter, lineterminator
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, delimiter=delimiter, lineterminator=lineterminator)

    def quoted(self, cell: str) -> str:
        if '"' in cell:
            return '"' + cell.replace('"', '""') + '"'
        if self.delimiter in cell:
            return '"' + cell + '"'
        return cell

    def text(self, cell: str) -> str:
        """A cell of user text: guarded against formulas (SECURITY.md, control 3), then quoted."""
        if cell and cell[0] not in SAFE_FIRST:  # the common case, an ASCII letter or digit, is settled here
            cell = guard(cell)
        if '"' in cell:
            return '"' + cell.replace('"', '""') + '"'
        if self.delimiter in cell:
            return '"' + cell + '"'
        return cell

    def line(self, cells: list[str]) -> str | None:
        """`cells` joined, or None if a cell has a line break: then write the row with writerow()."""
        line = self.delimiter.join(cells)
        if "\n" in line or "\r" in line:
            return None
        return line + self.lineterminator

    def writerow(self, row: list) -> str:
        self._writer.writerow(row)
        line = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return line


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
    """(claim_id, urls, stances, notes or None) per evidence row, each joined in the order added."""
    in_order = (F("added_at").asc(), F("pk").asc())
    return evidence.order_by().values_list(
        "claim_id",
        _per_claim(_Joined("url", Value(" ")), *in_order),
        _per_claim(_Joined("stance", Value(" ")), *in_order),
        _per_claim(_Joined(NullIf("note", Value("")), Value(" | ")), *in_order),
    )


def claim_csv_line(record: tuple, out: CsvLines) -> str:
    row, labels, evidence = record
    pk, article_id, title, url, outlet, position, text, kind, summary, reference, source_id = row
    n, status, resolved = summary.split("|")
    _, labels_cell, notes, labelled_at = labels or _NO_CELLS
    _, urls, stances, evidence_notes = evidence or _NO_CELLS
    notes, evidence_notes = notes or "", evidence_notes or ""
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
        out.quoted(urls),
        stances,
        out.text(evidence_notes),
        out.text(notes),
        time_text(labelled_at),
        SUBJECTIVITY.get(resolved, ""),
        CHECKABLE.get(resolved, ""),
        reference,
        out.text(source_id),
    ]
    line = out.line(cells)
    if line is None:  # a line break in a cell: csv.writer's rules
        g = guard
        line = out.writerow([pk, article_id, g(title), g(url), g(outlet), position, g(text), *cells[7:11],
                             g(labels_cell), urls, stances, g(evidence_notes), g(notes), *cells[16:20],
                             g(source_id)])  # fmt: skip
    return line


_NO_CELLS = (None, "", "", "")


def checkthat_line(record: tuple, out: CsvLines) -> str:
    row = record[0]
    pk, text, summary, reference, source_id = row[0], row[6], row[8], row[9], row[10]
    n, _, resolved = summary.split("|")
    label = reference if reference and n == "0" else SUBJECTIVITY[resolved]
    # One record per line, as in the lab's files: a claim never spans lines, but keep it so.
    sentence_id, sentence = source_id or str(pk), text.replace("\n", " ")
    line = out.line([out.text(sentence_id), out.text(sentence), label])
    return line or out.writerow([guard(sentence_id), guard(sentence), label])


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
    created, updated = time_text(created_at), time_text(updated_at)
    line = out.line(
        [str(claim_id), str(article_id), out.text(reviewer), value, out.text(note), created, updated]
    )
    return line or out.writerow([claim_id, article_id, guard(reviewer), value, guard(note), created, updated])
