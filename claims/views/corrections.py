"""Segmentation corrections by leads: merge a claim with the next, split it, change a unit's kind."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims import roles
from claims.models import Claim, CorrectionRefused, MergeNeedsDecision


def _claim_for_lead(request: HttpRequest, claim_id: int) -> Claim:
    if not roles.is_lead(request.user):
        raise PermissionDenied(_("Only leads correct the segmentation."))
    return get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)


def _done(request: HttpRequest, claim: Claim) -> HttpResponse:
    # Positions change for the whole article, so the page is reloaded rather than one row swapped.
    url = claim.get_absolute_url()
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@require_POST
def merge_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim_for_lead(request, claim_id)
    keep = request.POST.get("keep", "")
    try:
        claim.merge_with_next(by=request.user, keep=keep)
    except MergeNeedsDecision as exc:
        following = claim.article.claims.filter(position__gt=claim.position).order_by("position").first()
        context = {"claim": claim, "following": following, "reviewers": exc.reviewers}
        return render(request, "claims/merge_confirm.html", context, status=409)
    except CorrectionRefused as exc:
        messages.error(request, str(exc))
        return _done(request, claim)
    messages.success(request, _("Merged with the next unit."))
    return _done(request, claim)


@require_POST
def split_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim_for_lead(request, claim_id)
    try:
        claim.split_at(int(request.POST.get("offset", "")), by=request.user)
    except ValueError:
        messages.error(request, _("Give the split position as a number of characters."))
    except CorrectionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Split into two claims; their labels were cleared for relabelling."))
    return _done(request, claim)


@require_POST
def change_kind(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim_for_lead(request, claim_id)
    try:
        claim.change_kind(request.POST.get("kind", ""), by=request.user)
    except CorrectionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The unit is now: %(kind)s.") % {"kind": claim.get_kind_display()})
    return _done(request, claim)
