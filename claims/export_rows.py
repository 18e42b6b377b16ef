"""One claim's row in each file format, and CSV lines written without the csv module's per-cell cost.

A record is (claim fields, labels, evidence) as claims/exports.py reads it: the fields of
`Export._CLAIM_FIELDS`, labels (claim_id, reviewer, value, note, updated_at) ordered by reviewer, evidence
(claim_id, url, stance, note) for CSV or (claim_id, url, title, stance, note, added_by, added_at) for JSON.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime

from claims.spreadsheet import guard

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
        return self.quoted(guard(cell))

    def line(self, cells: list[str], unquoted: Callable[[], list]) -> str:
        """`cells` joined; `unquoted()` gives the same cells before quoting, for csv.writer to write."""
        line = self.delimiter.join(cells)
        if "\n" in line or "\r" in line:
            return self.writerow(unquoted())
        return line + self.lineterminator

    def writerow(self, row: list) -> str:
        self._writer.writerow(row)
        line = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return line


def claim_csv_line(record: tuple, out: CsvLines) -> str:
    row, labels, evidence = record
    (pk, article_id, title, url, outlet, position, text, kind, resolved, status, n, reference, source_id) = (
        row
    )
    # List comprehensions, not generators: this runs a million times per big export.
    labels_cell = "; ".join([f"{label[1]}={label[2]}" for label in labels]) if labels else ""
    urls = " ".join([item[1] for item in evidence])
    evidence_notes = " | ".join([item[3] for item in evidence if item[3]]) if evidence else ""
    notes = " | ".join([f"{label[1]}: {label[3]}" for label in labels if label[3]]) if labels else ""
    labelled_at = time_text(max([label[4] for label in labels])) if labels else ""
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
        str(n),
        out.text(labels_cell),
        out.quoted(urls),
        " ".join([item[2] for item in evidence]),
        out.text(evidence_notes),
        out.text(notes),
        labelled_at,
        SUBJECTIVITY.get(resolved, ""),
        CHECKABLE.get(resolved, ""),
        reference,
        out.text(source_id),
    ]

    def unquoted() -> list:
        g = guard
        return [pk, article_id, g(title), g(url), g(outlet), position, g(text), *cells[7:11], g(labels_cell),
                urls, cells[13], g(evidence_notes), g(notes), *cells[16:20], g(source_id)]  # fmt: skip

    return out.line(cells, unquoted)


def checkthat_line(record: tuple, out: CsvLines) -> str:
    row = record[0]
    pk, text, resolved, n, reference, source_id = row[0], row[6], row[8], row[10], row[11], row[12]
    label = reference if reference and n == 0 else SUBJECTIVITY[resolved]
    # One record per line, as in the lab's files: a claim never spans lines, but keep it so.
    sentence_id, sentence = source_id or str(pk), text.replace("\n", " ")
    cells = [out.text(sentence_id), out.text(sentence), label]
    return out.line(cells, lambda: [guard(sentence_id), guard(sentence), label])


def claim_object(record: tuple) -> dict:
    row, labels, evidence = record
    (pk, article_id, title, url, outlet, position, text, kind, resolved, status, n, reference, source_id) = (
        row
    )
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
        "n_labels": n,
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
    cells = [str(claim_id), str(article_id), out.text(reviewer), value, out.text(note), created, updated]
    return out.line(
        cells, lambda: [claim_id, article_id, guard(reviewer), value, guard(note), created, updated]
    )
