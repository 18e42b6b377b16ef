"""The disputes queue for leads: the claims whose labels differ, and settled claims a later label reopened,
the longest-waiting first. A lead settles each with the final label and an optional reason, from the
keyboard like the desk (static/js/disputes.js); without JavaScript each dispute is a plain form."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Left
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from claims import roles
from claims.exports.streaming import without_jit
from claims.forms import DecisionForm
from claims.models import Claim, ClaimQuerySet, Decision, DecisionConflict, Evidence, Label
from claims.shortcuts import dispute_keys
from claims.views.claim_row import LabelButton
from claims.views.paging import BoundedPage, page_number

DISPUTES_PER_PAGE = 20
# The queue counts the disputes up to this many ("more than 100 disputes wait"): finding each costs a
# claim's label status, so an exact count would cost as much as the whole desk.
DISPUTES_COUNTED = 100
PAGES_MAX = DISPUTES_COUNTED // DISPUTES_PER_PAGE
# How much of the units before and after a claim a dispute shows as its context.
CONTEXT_CHARS = 300
DISPUTE_TEMPLATE = "claims/disputes.html#dispute"


@dataclass(frozen=True, slots=True)
class ReviewerLabel:
    label: Label
    # Set after the claim's decision, and different from it: what reopened the claim.
    reopens: bool


@dataclass(frozen=True, slots=True)
class Dispute:
    """One claim of the queue as the page shows it."""

    claim: Claim
    status: Claim.Status
    before: str  # the text of the unit before the claim, and after it (clipped), "" at either end
    after: str
    labels: tuple[ReviewerLabel, ...]
    evidence: tuple[Evidence, ...]
    # The claim's latest decision: the one a reopened claim contests, or the one just made.
    decision: Decision | None
    buttons: tuple[LabelButton, ...]

    @property
    def settled(self) -> bool:
        return self.status == Claim.Status.ADJUDICATED

    @property
    def seen(self) -> int:
        """The decision the lead sees, sent back with their own (Claim.decide's `expected`)."""
        return self.decision.pk if self.decision else 0


def _neighbour(step: int) -> Subquery:
    units = Claim.objects.filter(article_id=OuterRef("article_id"), position=OuterRef("position") + step)
    return Subquery(units.values(clipped=Left("text", CONTEXT_CHARS))[:1])


def with_dispute_details(claims: ClaimQuerySet) -> ClaimQuerySet:
    """`claims` (annotated by with_label_status()) with what a dispute shows: the article (without its
    text), the neighbouring units, every label with its reviewer, the evidence with who added it, and the
    decisions with who made them. Four queries for any number of claims."""
    labels = Label.objects.select_related("reviewer").order_by("reviewer__username")
    decisions = Decision.objects.select_related("decided_by").order_by("-decided_at", "-pk")
    return (
        claims.select_related("article")
        .defer("article__text")
        .annotate(before=_neighbour(-1), after=_neighbour(1))
        .prefetch_related(
            Prefetch("labels", labels),
            Prefetch("evidence", Evidence.objects.select_related("added_by")),
            Prefetch("decisions", decisions),
        )
    )


def waiting_claim_ids(start: int, stop: int) -> list[int]:
    """The ids of the disputes from `start` to `stop`, the longest-waiting first: by their latest label (the
    one that made or reopened the dispute, unless a later one joined it), then by id.

    Walked from the labels in the order of the (updated_at, claim) index, each claim at its latest label,
    and stopped at `stop`: a claim's exact status is computed only for claims whose labels differ or that
    have a decision, and only until the page is full, never for every claim of the desk."""
    later = Label.objects.filter(claim=OuterRef("claim_id")).filter(
        Q(updated_at__gt=OuterRef("updated_at")) | Q(updated_at=OuterRef("updated_at"), pk__gt=OuterRef("pk"))
    )
    differing = Label.objects.filter(claim=OuterRef("claim_id")).exclude(value=OuterRef("value"))
    # The first decision's id, not EXISTS, which PostgreSQL would answer from a hash of every decision.
    decided = Subquery(Decision.objects.filter(claim=OuterRef("claim_id")).values("pk")[:1])
    # A scalar subquery, not EXISTS: PostgreSQL would turn an EXISTS into a join with every claim's status.
    disputed = Claim.objects.filter(pk=OuterRef("claim_id")).disputes()
    latest = (
        Label.objects.filter(~Exists(later))
        .alias(decided=decided)
        .filter(Q(Exists(differing)) | Q(decided__isnull=False))
        .alias(disputed=Subquery(disputed.values("pk")[:1]))
        .filter(disputed__isnull=False)
        .order_by("updated_at", "claim_id")
    )
    return list(latest.values_list("claim_id", flat=True)[start:stop])


def _disputes(ids: list[int]) -> list[Claim]:
    """The claims of `ids` as disputes show them, in that order."""
    claims = with_dispute_details(Claim.objects.with_label_status().filter(pk__in=ids)).in_bulk()
    return [claims[pk] for pk in ids if pk in claims]


def build_dispute(claim: Claim) -> Dispute:
    """A dispute from a claim of with_dispute_details()."""
    decisions = list(claim.decisions.all())
    decision = decisions[0] if decisions else None
    status = Claim.Status(claim.label_status)
    reopened = status == Claim.Status.REOPENED

    def reopens(label: Label) -> bool:
        return reopened and label.updated_at > decision.decided_at and label.value != decision.value

    settled_value = decision.value if status == Claim.Status.ADJUDICATED else ""
    return Dispute(
        claim=claim,
        status=status,
        before=claim.before or "",
        after=claim.after or "",
        labels=tuple(ReviewerLabel(label, reopens(label)) for label in claim.labels.all()),
        evidence=tuple(claim.evidence.all()),
        decision=decision,
        buttons=tuple(LabelButton(value, value == settled_value) for value in Label.Value),
    )


def _require_lead(request: HttpRequest) -> None:
    if not roles.is_lead(request.user):
        raise PermissionDenied(_("Only leads and admins settle disputes."))


@dataclass(frozen=True)
class QueuePage(BoundedPage):
    """A page of the queue; no count of every dispute (DISPUTES_COUNTED)."""


@require_GET
def disputes_page(request: HttpRequest) -> HttpResponse:
    """The queue, a page at a time; htmx asks for the count again after each decision. One walk finds the
    first DISPUTES_COUNTED + 1 disputes: their number is the count ("more than" beyond it), and the page
    is a slice of them."""
    _require_lead(request)
    # The status subqueries make PostgreSQL's estimate large enough for its JIT, which then spends seconds
    # compiling a query that runs in a fraction of that (as for the exports).
    with without_jit():
        ids = waiting_claim_ids(0, DISPUTES_COUNTED + 1)
        waiting, more = min(len(ids), DISPUTES_COUNTED), len(ids) > DISPUTES_COUNTED
        if request.htmx:
            return render(request, "claims/disputes.html#count", {"waiting": waiting, "more": more})
        number = min(page_number(request.GET.get("page")), PAGES_MAX)
        start = (number - 1) * DISPUTES_PER_PAGE
        ids = ids[start : start + DISPUTES_PER_PAGE + 1]
        disputes = [build_dispute(claim) for claim in _disputes(ids[:DISPUTES_PER_PAGE])]
    page = QueuePage(number, has_next=len(ids) > DISPUTES_PER_PAGE and number < PAGES_MAX)
    context = {
        "page": page,
        "waiting": waiting,
        "more": more,
        "disputes": disputes,
        "page_number": page.number,
        "keys": dispute_keys(),
    }
    return render(request, "claims/disputes.html", context)


@require_POST
def decide_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Settle a claim with the lead's label; the answer to htmx is the dispute as it stands now."""
    _require_lead(request)
    claim = get_object_or_404(Claim, pk=claim_id)
    if not claim.is_labelled_kind:
        raise Http404("This unit is not labelled.")
    page = page_number(request.POST.get("page"))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, page)
    value = form.cleaned_data["value"]
    try:
        claim.decide(
            by=request.user,
            value=value,
            reason=form.cleaned_data["reason"].strip(),
            expected=form.cleaned_data["seen"] or 0,
        )
    except DecisionConflict as conflict:
        return _decision_conflict(request, claim, conflict, page)
    if not request.htmx:
        messages.success(request, _("Settled as “%(label)s”.") % {"label": Label.Value(value).label})
        return redirect(_queue_url(page))
    response = render_dispute(request, claim.pk, page)
    return trigger_client_event(response, "claimDecided", {"claim": claim.pk, "label": value})


def _queue_url(page_number: int) -> str:
    url = reverse("disputes")
    return f"{url}?page={page_number}" if page_number > 1 else url


def _refused(request: HttpRequest, form: DecisionForm, page_number: int) -> HttpResponse:
    if "value" in form.errors:
        message = _("Unknown label.")
    else:
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)
    if not request.htmx:
        messages.error(request, _("Not saved: %(reason)s") % {"reason": message})
        return redirect(_queue_url(page_number))
    return HttpResponse(message, status=400, content_type="text/plain")


def _decision_conflict(
    request: HttpRequest, claim: Claim, conflict: DecisionConflict, page_number: int
) -> HttpResponse:
    current = conflict.current
    if current is None:
        message = _("Not saved: the claim changed in the meantime. Decide it again.")
    else:
        message = _(
            "Not saved: %(lead)s decided this claim in the meantime, as “%(label)s”. Decide it again to "
            "replace that decision."
        ) % {"lead": current.decided_by.get_username(), "label": current.get_value_display()}
    if not request.htmx:
        messages.error(request, message)
        return redirect(_queue_url(page_number))
    return render_dispute(request, claim.pk, page_number, status=409, message=message)


def render_dispute(
    request: HttpRequest, claim_id: int, page_number: int, *, status: int = 200, message: str = ""
) -> HttpResponse:
    claims = with_dispute_details(Claim.objects.with_label_status().filter(pk=claim_id))
    context = {
        "dispute": build_dispute(get_object_or_404(claims)),
        "page_number": page_number,
        "keys": dispute_keys(),
        "row_message": message,
        "swapped": bool(request.htmx),
    }
    return render(request, DISPUTE_TEMPLATE, context, status=status)
