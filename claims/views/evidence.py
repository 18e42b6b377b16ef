"""Evidence links on a claim: anyone on the desk adds them; the author or a lead edits or removes them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from claims import roles
from claims.forms import EvidenceForm
from claims.models import Claim, Evidence
from claims.views.claim_row import load_row, render_row


def _editable_evidence(request: HttpRequest, evidence_id: int) -> Evidence:
    roles.require_reviewer(request.user)
    evidence = get_object_or_404(Evidence.objects.select_related("claim"), pk=evidence_id)
    if not (evidence.added_by_id == request.user.pk or roles.is_lead(request.user)):
        raise PermissionDenied(_("Only the reviewer who added this evidence, or a lead, may change it."))
    return evidence


@require_http_methods(["GET", "POST"])
def add_evidence(request: HttpRequest, claim_id: int) -> HttpResponse:
    roles.require_reviewer(request.user)
    claim = get_object_or_404(Claim, pk=claim_id)
    if request.method == "GET":
        # The row loads this form when it is opened, so the page does not render one per claim.
        template = "claims/evidence_form.html#evidence-form" if request.htmx else "claims/evidence_form.html"
        return render(request, template, {"form": EvidenceForm(claim=claim), "claim": claim})
    form = EvidenceForm(request.POST, claim=claim)
    if form.is_valid():
        form.instance.claim = claim
        form.instance.added_by = request.user
        form.save()
        if not request.htmx:
            return redirect(claim)
        return render_row(request, load_row(claim.pk, request.user))
    if request.htmx:
        row = load_row(claim.pk, request.user, evidence_form=form)
        return render_row(request, row, status=422, message=_("The evidence was not saved; see the form."))
    return render(request, "claims/evidence_form.html", {"form": form, "claim": claim}, status=422)


@require_http_methods(["GET", "POST"])
def edit_evidence(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = _editable_evidence(request, evidence_id)
    form = EvidenceForm(request.POST or None, instance=evidence)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect(evidence.claim)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "claims/evidence_form.html",
        {"form": form, "claim": evidence.claim, "evidence": evidence},
        status=status,
    )


@require_POST
def delete_evidence(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = _editable_evidence(request, evidence_id)
    evidence.delete()
    if not request.htmx:
        return redirect(evidence.claim)
    return render_row(request, load_row(evidence.claim_id, request.user))
