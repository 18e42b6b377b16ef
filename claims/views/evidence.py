"""Evidence links on a claim: anyone on the desk adds them; the author or a lead edits or removes them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from claims import roles
from claims.forms import EvidenceForm
from claims.models import Claim, Conflict, Evidence
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
    form = EvidenceForm(request.POST, claim=claim, added_by=request.user)
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
    """Edit from the version the page showed: if the evidence changed since (another tab, a lead), nothing
    is saved; the page answers 409 with the evidence as saved now and the editor's own values in the
    form, at the new version, so saving again is a choice made knowing the other change."""
    evidence = _editable_evidence(request, evidence_id)
    form = EvidenceForm(request.POST or None, instance=evidence)
    context = {"form": form, "claim": evidence.claim, "evidence": evidence}
    if request.method == "GET":
        return render(request, "claims/evidence_form.html", context)
    if not form.is_valid():
        return render(request, "claims/evidence_form.html", context, status=422)
    changes = {name: form.cleaned_data[name] for name in EvidenceForm.Meta.fields}
    try:
        evidence.update_from(form.cleaned_data["version"], **changes)
    except Conflict as conflict:
        return _evidence_conflict(request, conflict.current, evidence)
    return redirect(evidence.claim)


def _evidence_conflict(request: HttpRequest, current: Evidence | None, evidence: Evidence) -> HttpResponse:
    if current is None:
        messages.error(request, _("Not saved: this evidence was removed in the meantime."))
        return redirect(evidence.claim)
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = EvidenceForm(data, instance=current)  # shows the editor's values; not validated, not saved
    context = {
        "form": form,
        "claim": current.claim,
        "evidence": current,
        "current": current,
        "conflict": _(
            "Not saved: this evidence was changed in another tab or by someone else. It is now as shown "
            "below; save again to replace it with your version."
        ),
    }
    return render(request, "claims/evidence_form.html", context, status=409)


@require_POST
def delete_evidence(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = _editable_evidence(request, evidence_id)
    try:
        expected = int(request.POST.get("version", ""))
    except ValueError:
        return HttpResponse(_("Unknown version."), status=400, content_type="text/plain")
    try:
        evidence.delete_from(expected)
    except Conflict:
        message = _("Not removed: this evidence was changed in the meantime. It is now as shown.")
        if not request.htmx:
            messages.error(request, message)
            return redirect(evidence.claim)
        return render_row(request, load_row(evidence.claim_id, request.user), status=409, message=message)
    if not request.htmx:
        return redirect(evidence.claim)
    return render_row(request, load_row(evidence.claim_id, request.user))
