"""A claim's row on the reviewer's desk, built in one place for every view that renders it.

The article page renders one per unit; the answers to a label, a note and evidence added or removed render
one (`claims/article_detail.html#claim-row`). Rows read what ClaimQuerySet.for_desk() prefetched, so a row
costs no query of its own.

Blind until labelled: until the viewer has labelled the claim, the row shows neither the other reviewers'
values and notes nor their evidence (links, stances, notes), only that others labelled it and how many;
leads see everything, with names, always. So the answer to a reviewer's first label on a claim brings the
whole evidence section (with_evidence_of_others); the answer to a changed label, which changes no evidence
and no visibility, is built from ClaimQuerySet.with_labels() alone, and its evidence section tells htmx to
keep the one on the page (hx-preserve).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from claims import roles
from claims.forms import EvidenceForm
from claims.models import Claim, Evidence, Label, desk_evidence
from claims.shortcuts import desk_keys

ROW_TEMPLATE = "claims/article_detail.html#claim-row"
TOOLS_TEMPLATE = "claims/article_detail.html#claim-tools"


@dataclass(frozen=True, slots=True)
class LabelButton:
    """One label button: the form posts `value` (the language-independent code); the button shows its
    word (`value.label`) and the key that presses it (`value.key`)."""

    value: Label.Value
    pressed: bool


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    evidence: Evidence
    editable: bool


@dataclass(frozen=True, slots=True)
class OtherLabel:
    """Another reviewer's label, shown once the viewer may see it (reveal)."""

    reviewer: str
    value: Label.Value
    note: str


@dataclass(frozen=True, slots=True)
class ClaimRow:
    claim: Claim
    mine: Label | None
    buttons: tuple[LabelButton, ...]
    # Other reviewers' labels: how many, and (value, count) per value once they may be revealed.
    n_others: int
    others: tuple[tuple[Label.Value, int], ...]
    # Each of the others' labels with who set it and their note, once they may be revealed.
    others_labels: tuple[OtherLabel, ...]
    reveal: bool
    # None: unchanged, the page keeps the evidence it shows (the answer to a changed label). Until the
    # viewer labels the claim (reveal), only their own evidence.
    evidence: tuple[EvidenceItem, ...] | None
    # (stance, count) for the stances the claim has evidence for, in vocabulary order.
    evidence_summary: tuple[tuple[Evidence.Stance, int], ...]
    # The claim has the labels its article needs, without the viewer's: it is left out of their queue.
    has_enough_labels: bool
    can_correct: bool
    # The article's language (Article.language): the claim's text carries it as `lang`.
    language: str
    evidence_form: EvidenceForm | None = None
    # Whether the row brings its tools (status, evidence, note, history, corrections): the article page
    # brings them for the claim it opens at only, and desk.js fetches them for the claim the reviewer moves
    # to (claim_tools), so a long article is ready to label sooner.
    tools: bool = True

    @property
    def my_value(self) -> str:
        return self.mine.value if self.mine else ""

    @property
    def my_word(self) -> str:
        return Label.Value(self.mine.value).label if self.mine else ""

    @property
    def my_version(self) -> int:
        return self.mine.version if self.mine else 0

    @property
    def my_note(self) -> str:
        return self.mine.note if self.mine else ""


def build_row(
    claim: Claim,
    viewer,
    mine: Label | None,
    *,
    is_lead: bool,
    evidence_form: EvidenceForm | None = None,
    with_evidence: bool = True,
) -> ClaimRow:
    """The row of a claim from ClaimQuerySet.for_desk(), or from with_labels() `with_evidence=False`, with
    `mine` as the viewer's label (the label POST passes the label as it saved it)."""
    others = [label for label in claim.labels.all() if label.reviewer_id != viewer.pk]
    counts = Counter(label.value for label in others)
    reveal = is_lead or mine is not None
    evidence = None
    if with_evidence:
        evidence = tuple(
            EvidenceItem(ev, is_lead or ev.added_by_id == viewer.pk)
            for ev in claim.evidence.all()
            if reveal or ev.added_by_id == viewer.pk
        )
    stances = Counter(item.evidence.stance for item in evidence or ())
    return ClaimRow(
        claim=claim,
        mine=mine,
        buttons=tuple(LabelButton(value, mine is not None and mine.value == value) for value in Label.Value),
        n_others=sum(counts.values()),
        others=tuple((value, counts[value]) for value in Label.Value if counts[value]) if reveal else (),
        others_labels=_others_labels(others) if reveal else (),
        reveal=reveal,
        evidence=evidence,
        evidence_summary=tuple((stance, stances[stance]) for stance in Evidence.Stance if stances[stance]),
        has_enough_labels=len(claim.labels.all()) >= claim.article_labels_needed,
        can_correct=is_lead,
        language=claim.article_language,
        evidence_form=evidence_form,
    )


def _others_labels(labels: list[Label]) -> tuple[OtherLabel, ...]:
    ordered = sorted(labels, key=lambda label: label.reviewer.get_username().casefold())
    return tuple(
        OtherLabel(label.reviewer.get_username(), Label.Value(label.value), label.note) for label in ordered
    )


def with_evidence_of_others(claim: Claim) -> Claim:
    """Read the claim's evidence as ClaimQuerySet.for_desk() does (one query): for the answer to a
    reviewer's first label, which reveals the others' evidence."""
    prefetch_related_objects([claim], desk_evidence())
    return claim


def article_rows(claims: Iterable[Claim], viewer, *, opened: int | None = None) -> list[ClaimRow]:
    """The rows of an article page: `claims` from ClaimQuerySet.for_desk(), in reading order. Only the row
    the page opens at brings its tools: claim `opened` if it is among them, else the first claim left for
    the viewer, else the first."""
    is_lead = roles.is_lead(viewer)
    rows = [build_row(claim, viewer, claim.label_by(viewer), is_lead=is_lead) for claim in claims]
    labelled = [row for row in rows if row.claim.is_labelled_kind]
    start = next((row for row in labelled if row.claim.pk == opened), None)
    start = start or next((row for row in labelled if not row.mine and not row.has_enough_labels), None)
    start = start or next(iter(labelled), None)
    return [row if row is start else replace(row, tools=False) for row in rows]


def load_row(claim_id: int, viewer, **extra) -> ClaimRow:
    """One claim's row, read afresh (after a note, or evidence added or removed)."""
    claim = get_object_or_404(Claim.objects.for_desk(), pk=claim_id)
    return build_row(claim, viewer, claim.label_by(viewer), is_lead=roles.is_lead(viewer), **extra)


def render_row(
    request: HttpRequest,
    row: ClaimRow,
    *,
    status: int = 200,
    message: str = "",
    template: str = ROW_TEMPLATE,
) -> HttpResponse:
    # `swapped`: htmx swaps this row into the page and sends the CSRF token in a header (see the template).
    context = {
        "row": row,
        "row_message": message,
        "swapped": bool(request.htmx),
        "kinds": Claim.Kind.choices,
        "keys": desk_keys(),
    }
    return render(request, template, context, status=status)
