"""The labels CSV: one row per claim and reviewer, for agreement studies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from claims.exports import streaming
from claims.exports.csv_lines import CsvLines
from claims.exports.export import Export, SpreadsheetCsv
from claims.exports.records import CHUNK_SIZE, as_text, time_text
from claims.models import Label


class LabelRecord(NamedTuple):
    claim_id: int
    article_id: int
    reviewer: str
    value: str
    note: str
    created_at: str
    updated_at: str


class LabelsCsv(SpreadsheetCsv):
    name = "labels-csv"
    label = _("Labels, one row per claim and reviewer (CSV)")
    stem = "newsdesk-labels"
    columns = ["claim_id", "article_id", "reviewer", "label", "note", "created_at", "updated_at"]

    def count(self, export: Export) -> int:
        return _labels(export).count()

    def lines(self, export: Export) -> Iterator[list[str]]:
        rows = (
            _labels(export)
            .order_by("claim__article_id", "claim__position", "claim_id", "reviewer__username")
            .values_list(
                "claim_id",
                "claim__article_id",
                "reviewer__username",
                "value",
                "note",
                as_text("created_at"),
                as_text("updated_at"),
            )
        )
        out, line = self.writer(export), self.line
        for chunk in streaming.read_ahead(lambda: streaming.chunks(rows, CHUNK_SIZE)):
            yield [line(LabelRecord._make(row), out) for row in chunk]

    def line(self, label: LabelRecord, out: CsvLines) -> str:
        return out.line(
            [
                str(label.claim_id),
                str(label.article_id),
                out.text(label.reviewer),
                label.value,
                out.text(label.note),
                time_text(label.created_at),
                time_text(label.updated_at),
            ]
        )


def _labels(export: Export):
    labels = Label.objects.filter(claim__in=export.claims.values("pk"))
    if export.labels_by is not None:
        labels = labels.filter(reviewer=export.labels_by)
    return labels
