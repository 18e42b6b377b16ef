"""Segmentation corrections by leads: merge a claim with the next, split it at a word boundary, change a
unit's kind, and undo any of them from the claim's history. Merge and split show first what they do to the
reviewers' labels, notes and evidence (claims.models.corrections has the rules)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from claims import roles
from claims.models import Claim, CorrectionRefused, MergeNeedsDecision, SegmentationEvent, corrections


def _require_lead(request: HttpRequest) -> None:
    if not roles.is_lead(request.user):
        raise PermissionDenied(_("Only leads correct the segmentation."))


def _claim_for_lead(request: HttpRequest, claim_id: int) -> Claim:
    _require_lead(request)
    return get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)


def _done(request: HttpRequest, claim: Claim) -> HttpResponse:
    # Positions change for the whole article, so the page is reloaded rather than one row swapped.
    url = claim.get_absolute_url()
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _keep_decisions(request: HttpRequest, plan: corrections.Plan) -> dict[int, str]:
    """The lead's choice for each reviewer whose labels differ: keep-<reviewer id>, or one `keep` for all."""
    every = request.POST.get("keep", "")
    return {row.reviewer.pk: request.POST.get(f"keep-{row.reviewer.pk}", every) for row in plan.differing}


@require_http_methods(["GET", "POST"])
def merge_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    """GET: what the merge does to each label, note and piece of evidence, and a form to confirm (with a
    choice per reviewer whose labels differ). POST: merge."""
    claim = _claim_for_lead(request, claim_id)
    try:
        plan = corrections.plan_merge(claim)
    except CorrectionRefused as exc:
        messages.error(request, str(exc))
        return _done(request, claim)
    context = {"claim": claim, "plan": plan, "back": claim.get_absolute_url(), "error": ""}
    if request.method == "GET":
        return render(request, "claims/merge_confirm.html", context)
    decisions = _keep_decisions(request, plan)
    try:
        corrections.merge_with_next(claim, by=request.user, keep=decisions)
    except MergeNeedsDecision as exc:
        context["error"] = _("Choose which label to keep for: %(reviewers)s.") % {
            "reviewers": ", ".join(exc.reviewers)
        }
        return render(request, "claims/merge_confirm.html", context, status=409)
    except CorrectionRefused as exc:
        messages.error(request, str(exc))
        return _done(request, claim)
    messages.success(request, _("Merged with the next unit; every label and piece of evidence was kept."))
    return _done(request, claim)


@dataclass(frozen=True)
class SplitPoint:
    """A word of the claim and, unless it is the last, the place after it where the claim may be split."""

    word: str
    offset: int | None


def _split_points(text: str) -> list[SplitPoint]:
    boundaries = corrections.word_boundaries(text)
    last = text.split()[-1] if text.split() else ""
    return [SplitPoint(word, offset) for offset, word in boundaries] + [SplitPoint(last, None)]


@require_http_methods(["GET", "POST"])
def split_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    """GET: the claim's words with a place to split between each two (radio buttons: the mouse or the arrow
    keys; static/js/split.js adds Enter and Esc and shows the two parts), and what happens to the labels.
    POST: split at `offset`, which must fall between two words; anything else is a 400 that says so."""
    claim = _claim_for_lead(request, claim_id)
    context = {
        "claim": claim,
        "plan": corrections.plan_split(claim),
        "points": _split_points(claim.text),
        "back": claim.get_absolute_url(),
        "error": "",
    }
    if request.method == "GET":
        return render(request, "claims/split_claim.html", context)
    try:
        offset = int(request.POST.get("offset", ""))
        second = corrections.split_at(claim, offset, by=request.user)
    except (ValueError, CorrectionRefused) as exc:
        refused = isinstance(exc, CorrectionRefused)
        context["error"] = str(exc) if refused else _("Choose a place between two words of the claim.")
        return render(request, "claims/split_claim.html", context, status=400)
    messages.success(
        request,
        _("Split into two claims. The labels stayed on the first part; the second part is new to label."),
    )
    return _done(request, second)


@require_POST
def change_kind(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim_for_lead(request, claim_id)
    try:
        corrections.change_kind(claim, request.POST.get("kind", ""), by=request.user)
    except CorrectionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The unit is now: %(kind)s.") % {"kind": claim.get_kind_display()})
    return _done(request, claim)


@require_POST
def undo_correction(request: HttpRequest, event_id: int) -> HttpResponse:
    """Undo a merge, split or change of kind from a claim's history, labels and evidence included."""
    _require_lead(request)
    event = get_object_or_404(SegmentationEvent, pk=event_id)
    try:
        done = corrections.undo(event, by=request.user)
    except CorrectionRefused as exc:
        messages.error(request, str(exc))
        back = event.claim_id and reverse("claim_history", args=[event.claim_id])
        return redirect(back or reverse("article_detail", args=[event.article_id]))
    messages.success(request, _("The correction was undone; the labels and evidence are back as they were."))
    return redirect("claim_history", done.claim_id)


@dataclass(frozen=True)
class CorrectionEntry:
    """A correction in a claim's history: the event, whether it was undone, and for a lead the undo form's
    address while it can still be undone."""

    event: SegmentationEvent
    undone: bool
    undo_url: str

    @classmethod
    def build(cls, event: SegmentationEvent, *, lead: bool) -> CorrectionEntry:
        target = corrections.undoable(event)
        undone = target is None and bool(event.snapshot) and event.action != SegmentationEvent.Action.UNDO
        url = reverse("undo_correction", args=[event.pk]) if lead and target is not None else ""
        return cls(event, undone, url)
