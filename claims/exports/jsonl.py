"""JSON Lines: one object per claim, every line a claim, with its labels and evidence nested exactly."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from claims.exports import streaming
from claims.exports.export import Export, FileFormat
from claims.exports.records import NO_DECISION, ClaimRecord, DecisionRow, as_text, claim_records, time_text


class LabelRow(NamedTuple):
    claim_id: int
    reviewer: str
    value: str
    note: str
    updated_at: str


class EvidenceRow(NamedTuple):
    claim_id: int
    url: str
    title: str
    stance: str
    note: str
    added_by: str
    added_at: str


class JsonLines(FileFormat):
    name = "jsonl"
    label = _("Claims with nested labels and evidence (JSON Lines)")
    stem = "newsdesk-claims"
    suffix = "jsonl"
    content_type = "application/x-ndjson; charset=utf-8"

    def lines(self, export: Export) -> Iterator[list[str]]:
        to_object = self.object
        for chunk in claim_records(export.claims, labels_by=export.labels_by, attach=_rows):
            yield [json.dumps(to_object(record), ensure_ascii=False) + "\n" for record in chunk]

    def object(self, record: ClaimRecord) -> dict:
        """The claims CSV's columns, with `labels`, `evidence` and `notes` as lists of objects."""
        labels = [LabelRow._make(row) for row in record.labels or ()]
        evidence = [EvidenceRow._make(row) for row in record.evidence or ()]
        decision = DecisionRow._make(record.decision) if record.decision else NO_DECISION
        return {
            "claim_id": record.claim_id,
            "article_id": record.article_id,
            "article_title": record.article_title,
            "article_url": record.article_url,
            "outlet": record.outlet,
            "position": record.position,
            "claim_text": record.text,
            "kind": record.kind,
            "label": record.resolved_label,
            "label_status": record.label_status,
            "n_labels": record.n_labels,
            "labels": [
                {
                    "reviewer": label.reviewer,
                    "label": label.value,
                    "note": label.note,
                    "updated_at": time_text(label.updated_at),
                }
                for label in labels
            ],
            "evidence": [
                {
                    "url": item.url,
                    "title": item.title,
                    "stance": item.stance,
                    "note": item.note,
                    "added_by": item.added_by,
                    "added_at": time_text(item.added_at),
                }
                for item in evidence
            ],
            "notes": [{"reviewer": label.reviewer, "note": label.note} for label in labels if label.note],
            "labelled_at": time_text(max(label.updated_at for label in labels)) if labels else "",
            "subjectivity": record.subjectivity,
            "checkable": record.checkable,
            "reference_label": record.reference_label,
            "source_id": record.source_id,
            "decided_by": decision.decided_by,
            "decided_at": time_text(decision.decided_at),
            "decision_reason": decision.reason,
        }


def _rows(labels: QuerySet, evidence: QuerySet) -> tuple[dict, dict]:
    """A chunk's labels (by reviewer) and evidence (in the order added), a query each, grouped by claim."""
    labels = labels.order_by("claim_id", "reviewer__username").values_list(
        "claim_id", "reviewer__username", "value", "note", as_text("updated_at")
    )
    evidence = evidence.order_by("claim_id", "added_at", "pk").values_list(
        "claim_id", "url", "title", "stance", "note", "added_by__username", as_text("added_at")
    )
    return streaming.grouped(labels), streaming.grouped(evidence)
