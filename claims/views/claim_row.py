"""A claim's row on the reviewer's desk, built in one place for every view that renders it.

The article page renders one per unit; the answers to a label, a note and evidence added or removed render
one (`claims/article_detail.html#claim-row`). The row reads everything from ClaimQuerySet.for_desk(), so a
row costs no query of its own; evidence comes prefetched or is passed in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from claims import roles
from claims.forms import EvidenceForm
from claims.models import Claim, ClaimQuerySet, Evidence, Label

ROW_TEMPLATE = "claims/article_detail.html#claim-row"
_AS_READ = object()


@dataclass(frozen=True, slots=True)
class LabelButton:
    """One label button: `value` is what the form posts (the language-independent code), `key` the key
    that presses it, as the button shows it."""

    value: str
    word: str
    key: str
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
    # Other reviewers' labels: how many, and (value, word, count) per value once they may be revealed.
    n_others: int
    others: tuple[tuple[str, str, int], ...]
    reveal: bool
    evidence: tuple[EvidenceItem, ...]
    # (stance, word, count) for the stances the claim has evidence for, in vocabulary order.
    evidence_summary: tuple[tuple[str, str, int], ...]
    can_correct: bool
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

    @property
    def label_url(self) -> str:
        return reverse("label_claim", args=[self.claim.pk])

    @property
    def note_url(self) -> str:
        return reverse("save_note", args=[self.claim.pk])

    @property
    def evidence_url(self) -> str:
        return reverse("add_evidence", args=[self.claim.pk])

    @property
    def history_url(self) -> str:
        return reverse("claim_history", args=[self.claim.pk])


def build_row(
    claim: Claim,
    viewer,
    *,
    is_lead: bool,
    evidence: Iterable[Evidence],
    mine: Label | object | None = _AS_READ,
    evidence_form: EvidenceForm | None = None,
) -> ClaimRow:
    """The row of a claim from ClaimQuerySet.for_desk(viewer). `mine`, if given, replaces the viewer's label
    as read with the claim (the label POST passes the label as it saved it, or None)."""
    if mine is _AS_READ:
        mine = claim.my_label(viewer)
    counts = claim.others_counts()
    reveal = is_lead or mine is not None
    evidence = tuple(EvidenceItem(ev, is_lead or ev.added_by_id == viewer.pk) for ev in evidence)
    stances = Counter(item.evidence.stance for item in evidence)
    return ClaimRow(
        claim=claim,
        mine=mine,
        buttons=tuple(
            LabelButton(value, value.label, value.key, mine is not None and mine.value == value)
            for value in Label.Value
        ),
        n_others=sum(counts.values()),
        others=tuple((v, v.label, counts[v]) for v in Label.Value if counts[v]) if reveal else (),
        reveal=reveal,
        evidence=evidence,
        evidence_summary=tuple((s, s.label, stances[s]) for s in Evidence.Stance if stances[s]),
        can_correct=is_lead,
        evidence_form=evidence_form,
    )


def with_evidence(claims: ClaimQuerySet) -> ClaimQuerySet:
    """Prefetch what a row shows of evidence: the links and who added them."""
    return claims.prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("added_by")))


def article_rows(claims: ClaimQuerySet, viewer) -> list[ClaimRow]:
    """The rows of an article page: `claims` in reading order."""
    is_lead = roles.is_lead(viewer)
    claims = with_evidence(claims.for_desk(viewer))
    return [build_row(c, viewer, is_lead=is_lead, evidence=c.evidence.all()) for c in claims]


def load_row(claim_id: int, viewer, **extra) -> ClaimRow:
    """One claim's row, read afresh (after a note, or evidence added or removed)."""
    claim = get_object_or_404(with_evidence(Claim.objects.for_desk(viewer)), pk=claim_id)
    return build_row(claim, viewer, is_lead=roles.is_lead(viewer), evidence=claim.evidence.all(), **extra)


def render_row(request: HttpRequest, row: ClaimRow, *, status: int = 200, message: str = "") -> HttpResponse:
    # `swapped`: htmx swaps this row into the page and sends the CSRF token in a header (see the template).
    context = {"row": row, "row_message": message, "swapped": bool(request.htmx), "kinds": Claim.Kind.choices}
    return render(request, ROW_TEMPLATE, context, status=status)
