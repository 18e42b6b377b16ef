"""A claim's row on the reviewer's desk, built in one place for every view that renders it.

The article page renders one per unit; the answers to a label, a note and evidence added or removed render
one (`claims/article_detail.html#claim-row`). Rows read what ClaimQuerySet.for_desk() prefetched, so a row
costs no query of its own. The answer to a label, which changes no evidence, is built from
ClaimQuerySet.with_labels() alone: its evidence section tells htmx to keep the one on the page (hx-preserve).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from claims import roles
from claims.forms import EvidenceForm
from claims.models import Claim, ClaimQuerySet, Evidence, Label
from claims.shortcuts import desk_keys

ROW_TEMPLATE = "claims/article_detail.html#claim-row"


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
class ClaimRow:
    claim: Claim
    mine: Label | None
    buttons: tuple[LabelButton, ...]
    # Other reviewers' labels: how many, and (value, count) per value once they may be revealed.
    n_others: int
    others: tuple[tuple[Label.Value, int], ...]
    reveal: bool
    # None: unchanged, the page keeps the evidence it shows (the answer to a label).
    evidence: tuple[EvidenceItem, ...] | None
    # (stance, count) for the stances the claim has evidence for, in vocabulary order.
    evidence_summary: tuple[tuple[Evidence.Stance, int], ...]
    # The claim has the labels its article needs, without the viewer's: it is left out of their queue.
    has_enough_labels: bool
    can_correct: bool
    # The article's language (Article.language): the claim's text carries it as `lang`.
    language: str
    evidence_form: EvidenceForm | None = None

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
    counts = Counter(label.value for label in claim.labels.all() if label.reviewer_id != viewer.pk)
    reveal = is_lead or mine is not None
    evidence = None
    if with_evidence:
        evidence = tuple(
            EvidenceItem(ev, is_lead or ev.added_by_id == viewer.pk) for ev in claim.evidence.all()
        )
    stances = Counter(item.evidence.stance for item in evidence or ())
    return ClaimRow(
        claim=claim,
        mine=mine,
        buttons=tuple(LabelButton(value, mine is not None and mine.value == value) for value in Label.Value),
        n_others=sum(counts.values()),
        others=tuple((value, counts[value]) for value in Label.Value if counts[value]) if reveal else (),
        reveal=reveal,
        evidence=evidence,
        evidence_summary=tuple((stance, stances[stance]) for stance in Evidence.Stance if stances[stance]),
        has_enough_labels=len(claim.labels.all()) >= claim.article_labels_needed,
        can_correct=is_lead,
        language=claim.article_language,
        evidence_form=evidence_form,
    )


def article_rows(claims: ClaimQuerySet, viewer) -> list[ClaimRow]:
    """The rows of an article page: `claims` in reading order."""
    is_lead = roles.is_lead(viewer)
    return [build_row(claim, viewer, claim.label_by(viewer), is_lead=is_lead) for claim in claims.for_desk()]


def load_row(claim_id: int, viewer, **extra) -> ClaimRow:
    """One claim's row, read afresh (after a note, or evidence added or removed)."""
    claim = get_object_or_404(Claim.objects.for_desk(), pk=claim_id)
    return build_row(claim, viewer, claim.label_by(viewer), is_lead=roles.is_lead(viewer), **extra)


def render_row(request: HttpRequest, row: ClaimRow, *, status: int = 200, message: str = "") -> HttpResponse:
    # `swapped`: htmx swaps this row into the page and sends the CSRF token in a header (see the template).
    context = {
        "row": row,
        "row_message": message,
        "swapped": bool(request.htmx),
        "kinds": Claim.Kind.choices,
        "keys": desk_keys(),
    }
    return render(request, ROW_TEMPLATE, context, status=status)
