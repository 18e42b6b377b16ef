"""The claim record every file format writes, read from the database chunk by chunk in constant memory.

The claims come from one server-side cursor, CHUNK_SIZE at a time. A format that shows labels or evidence
passes `attach`, which queries one chunk's labels and evidence (one query each); on PostgreSQL reading the
claims and attaching run ahead of the writer in two threads, each with its own connection
(streaming.read_ahead), so the database works while Python writes.

A chunk's records are made as the writer reads them, each dropped once its row is written, and what
`attach` found stays plain tuples until a format reads it through its own named type. A named tuple is
never untracked by the garbage collector, as a plain tuple of strings and numbers is, so a chunk of them
kept alive survives collections and makes them slow: a list of 5,000 records per chunk, with named label
cells, cost the claims CSV about a third more CPU than plain tuples did (measured in-process on PostgreSQL,
a million claims); made as they are read, records cost about as much as plain tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast

from claims.exports import streaming
from claims.models import Claim, ClaimQuerySet, Decision, Evidence, Label

# Claims per query: 5,000 rather than 2,000 made the claims CSV a tenth faster (fewer queries per claim).
CHUNK_SIZE = 5000

# The research columns, derived from the label vocabulary: CLEF CheckThat! subjectivity and checkability.
SUBJECTIVITY = {value.value: value.subjectivity for value in Label.Value}
CHECKABLE = {value.value: "yes" if value.checkable else "no" for value in Label.Value}


class ClaimRecord(NamedTuple):
    """One claim as the files show it, its label status from ClaimQuerySet.with_label_status().

    `labels` and `evidence` are what the format's `attach` found for the claim, as plain tuples or text
    (None if nothing, or the format attaches nothing); the format names them where it reads them.
    `decision` is the lead's current decision as a DecisionRow tuple, for an adjudicated or reopened claim
    when the format asks for decisions (None otherwise)."""

    claim_id: int
    article_id: int
    article_title: str
    article_url: str
    outlet: str
    position: int
    text: str
    kind: str
    n_labels: int
    label_status: str
    resolved_label: str
    reference_label: str
    source_id: str
    labels: Any = None
    evidence: Any = None
    decision: Any = None

    @property
    def subjectivity(self) -> str:
        """OBJ or SUBJ for the resolved label; "" without one."""
        return SUBJECTIVITY.get(self.resolved_label, "")

    @property
    def checkable(self) -> str:
        """yes or no for the resolved label; "" without one."""
        return CHECKABLE.get(self.resolved_label, "")


# The columns read for a record, in its order; label_summary is n_labels|label_status|resolved_label from
# one subquery instead of three (see with_label_status).
_COLUMNS = (
    "pk",
    "article_id",
    "article__title",
    "article__source_url",
    "article__outlet",
    "position",
    "text",
    "kind",
    "label_summary",
    "reference_label",
    "source_id",
)

# (a chunk's labels, its evidence), already limited to the claims of the chunk and to the reviewer whose
# labels the export shows → what the format will read of them, by claim id: (labels, evidence).
Attach = Callable[[QuerySet, QuerySet], tuple[dict, dict]]


class DecisionRow(NamedTuple):
    """A claim's current decision as the files show it."""

    claim_id: int
    value: str
    decided_by: str
    decided_at: str
    reason: str


NO_DECISION = DecisionRow(0, "", "", "", "")

# The statuses of a claim with a current decision (ClaimQuerySet.with_label_status()).
_DECIDED = frozenset({Claim.Status.ADJUDICATED, Claim.Status.REOPENED})


def claim_records(
    claims: ClaimQuerySet, *, labels_by=None, attach: Attach | None = None
) -> Iterator[Iterator[ClaimRecord]]:
    """The records of `claims` (annotated by with_label_status()) in file order, a chunk at a time; a format
    that attaches labels and evidence gets the claims' decisions too (unless the export shows one
    reviewer's labels, whose status knows no decisions)."""
    rows = claims.order_by("article_id", "position", "pk").values_list(*_COLUMNS)
    chunks = streaming.read_ahead(lambda: streaming.chunks(rows, CHUNK_SIZE))
    if attach is None:
        return (_records(chunk, {}, {}, {}) for chunk in chunks)

    def attached(chunk: list[tuple]) -> tuple[list[tuple], dict, dict, dict]:
        ids = [row[0] for row in chunk]
        labels = streaming.of_claims(Label.objects, ids)
        evidence = streaming.of_claims(Evidence.objects, ids)
        if labels_by is not None:
            labels, evidence = labels.filter(reviewer=labels_by), evidence.filter(added_by=labels_by)
            return (chunk, *attach(labels, evidence), {})
        return (chunk, *attach(labels, evidence), _decisions(chunk))

    ahead = streaming.read_ahead(lambda: (attached(chunk) for chunk in chunks))
    return (_records(*attached_chunk) for attached_chunk in ahead)


def _decisions(chunk: list[tuple]) -> dict:
    """The current decision of each decided claim in the chunk: one query, and none for a chunk without
    decisions (most chunks, as decisions are few). For an adjudicated or reopened claim the current
    decision is its latest (a merge or split after a decision leaves the claim neither)."""
    decided = [row[0] for row in chunk if row[8].split("|")[1] in _DECIDED]
    if not decided:
        return {}
    rows = (
        Decision.objects.filter(claim_id__in=decided)
        .order_by("claim_id", "decided_at", "pk")
        .values_list("claim_id", "value", "decided_by__username", as_text("decided_at"), "reason")
    )
    return streaming.by_first(rows)  # ordered by time, so the latest wins


def _records(chunk: list[tuple], labels_of: dict, evidence_of: dict, decided: dict) -> Iterator[ClaimRecord]:
    for pk, article_id, title, url, outlet, position, text, kind, summary, reference, source_id in chunk:
        n, status, resolved = summary.split("|")
        yield ClaimRecord(pk, article_id, title, url, outlet, position, text, kind, int(n), status, resolved,
                          reference, source_id, labels_of.get(pk), evidence_of.get(pk),
                          decided.get(pk))  # fmt: skip


def as_text(field: str) -> Cast:
    """A timestamp as the database prints it in UTC, which time_text() reformats fast."""
    return Cast(field, output_field=CharField())


def time_text(value: datetime | str | None) -> str:
    """ISO 8601 in UTC with a Z, from a datetime or from `YYYY-MM-DD HH:MM:SS[.ffffff][+00]` text."""
    if not value:
        return ""
    if isinstance(value, str):
        return f"{value[:10]}T{value[11:19]}Z"
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
