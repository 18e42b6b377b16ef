"""The claims CSV: one row per claim, for a newsroom's spreadsheet and for researchers' csv.reader.

Columns (ClaimsCsv.columns): the claim and its article; `label`, `label_status` and `n_labels` from
ClaimQuerySet.with_label_status(); then the cells below; `labelled_at`, the latest label change (UTC,
`2026-11-22T05:30:00Z`); `subjectivity` and `checkable`, derived from the resolved label (Label.Value);
the imported `reference_label` and `source_id`; `decided_by`, `decided_at` and `decision_reason`, the lead's
current decision of an adjudicated or reopened claim (else empty). Every cell of user text is guarded
against formulas.

- `labels`: `reviewer=value` per label, by reviewer, joined by `; ` (a username has no `;` or `=`).
- `notes`: `reviewer: note` per label with a note, by reviewer, joined by ` | `.
- `evidence`: one line per evidence, in the order added: `stance url note`, the note and its space left
  out when there is none. The stance is an Evidence.Stance value, one word, and a URL has no blanks, so
  `stance, url, *note = line.split(" ", 2)` reads a line back and a note never moves to another link; a
  note's line breaks are written as spaces here, so a line is one evidence (JSON Lines keeps notes exactly).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

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
from django.utils.translation import gettext_lazy as _

from claims.exports import streaming
from claims.exports.csv_lines import CsvLines
from claims.exports.export import Export, SpreadsheetCsv
from claims.exports.records import NO_DECISION, ClaimRecord, DecisionRow, claim_records, time_text


class LabelCells(NamedTuple):
    """A claim's labels as the database joined them into cells: a row of label_cells()."""

    claim_id: int
    labels: str
    notes: str | None
    labelled_at: str | None


_NO_LABELS = LabelCells(0, "", "", "")


class ClaimsCsv(SpreadsheetCsv):
    name = "csv"
    label = _("Claims, one row per claim (CSV)")
    stem = "newsdesk-claims"
    columns = [
        "claim_id",
        "article_id",
        "article_title",
        "article_url",
        "outlet",
        "position",
        "claim_text",
        "kind",
        "label",
        "label_status",
        "n_labels",
        "labels",
        "evidence",
        "notes",
        "labelled_at",
        "subjectivity",
        "checkable",
        "reference_label",
        "source_id",
        "decided_by",
        "decided_at",
        "decision_reason",
    ]

    def lines(self, export: Export) -> Iterator[list[str]]:
        out, line = self.writer(export), self.line
        for chunk in claim_records(export.claims, labels_by=export.labels_by, attach=_cells):
            yield [line(record, out) for record in chunk]

    def line(self, record: ClaimRecord, out: CsvLines) -> str:
        labels = LabelCells._make(record.labels) if record.labels else _NO_LABELS
        decision = DecisionRow._make(record.decision) if record.decision else NO_DECISION
        return out.line(
            [
                str(record.claim_id),
                str(record.article_id),
                out.text(record.article_title),
                out.text(record.article_url),
                out.text(record.outlet),
                str(record.position),
                out.text(record.text),
                record.kind,
                record.resolved_label,
                record.label_status,
                str(record.n_labels),
                out.text(labels.labels),
                out.text(record.evidence or ""),
                out.text(labels.notes or ""),
                time_text(labels.labelled_at),
                record.subjectivity,
                record.checkable,
                record.reference_label,
                out.text(record.source_id),
                out.text(decision.decided_by),
                time_text(decision.decided_at),
                out.text(decision.reason),
            ]
        )


def _cells(labels: QuerySet, evidence: QuerySet) -> tuple[dict, dict]:
    """A chunk's labels and evidence as this file's cells, joined by the database, one query each: that
    halves the Python work of a claim row."""
    return streaming.by_first(label_cells(labels)), streaming.as_dict(evidence_cells(evidence))


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
    """LabelCells per label row: the `labels` and `notes` cells, and the latest updated_at as text."""
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
    """(claim_id, the `evidence` cell) per evidence row."""
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
