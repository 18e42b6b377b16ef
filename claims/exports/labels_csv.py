"""The labels CSV: one row per claim and reviewer, for agreement studies, with the claim's own label.

`claim_label` and `label_status` are the claims CSV's `label` and `label_status` for the row's claim (from
ClaimQuerySet.with_label_status()): for an adjudicated claim the lead's decision, beside each reviewer's
label. The rows are read claim by claim as the claims CSV's are (records.claim_records), so each row knows
its claim's status without a query of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from claims.exports import streaming
from claims.exports.csv_lines import CsvLines
from claims.exports.export import Export, SpreadsheetCsv
from claims.exports.records import ClaimRecord, as_text, claim_records, time_text
from claims.models import Label


class LabelRecord(NamedTuple):
    claim_id: int
    reviewer: str
    value: str
    note: str
    created_at: str
    updated_at: str


class LabelsCsv(SpreadsheetCsv):
    name = "labels-csv"
    label = _("Labels, one row per claim and reviewer (CSV)")
    stem = "newsdesk-labels"
    columns = [
        "claim_id",
        "article_id",
        "reviewer",
        "label",
        "note",
        "created_at",
        "updated_at",
        "claim_label",
        "label_status",
    ]

    def count(self, export: Export) -> int:
        return _labels(export).count()

    def lines(self, export: Export) -> Iterator[list[str]]:
        out, line = self.writer(export), self.line
        for chunk in claim_records(export.claims, labels_by=export.labels_by, attach=_rows):
            yield [
                line(LabelRecord._make(row), record, out) for record in chunk for row in record.labels or ()
            ]

    def line(self, label: LabelRecord, claim: ClaimRecord, out: CsvLines) -> str:
        return out.line(
            [
                str(label.claim_id),
                str(claim.article_id),
                out.text(label.reviewer),
                label.value,
                out.text(label.note),
                time_text(label.created_at),
                time_text(label.updated_at),
                claim.resolved_label,
                claim.label_status,
            ]
        )


def _rows(labels: QuerySet, evidence: QuerySet) -> tuple[dict, dict]:
    """A chunk's labels by claim, each claim's by reviewer: one query (no evidence)."""
    rows = labels.order_by("claim_id", "reviewer__username").values_list(
        "claim_id", "reviewer__username", "value", "note", as_text("created_at"), as_text("updated_at")
    )
    return streaming.grouped(rows), {}


def _labels(export: Export):
    labels = Label.objects.filter(claim__in=export.claims.values("pk"))
    if export.labels_by is not None:
        labels = labels.filter(reviewer=export.labels_by)
    return labels
