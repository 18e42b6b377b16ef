"""The reviewer's desk: one article in reading order, labelled claim by claim without a page reload."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import cache

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import get_script_prefix, reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from claims import roles, rows
from claims.models import Article, Claim, Conflict, Evidence, Label, LabelEvent, SegmentationEvent

ROW = "claims/article_detail.html#claim-row"
# What every claim row needs besides the claim: the kinds a lead can choose.
ROW_CONTEXT = {"kinds": Claim.Kind.choices}
STANCES = Evidence.Stance.values


def claim_url(claim: Claim) -> str:
    return reverse("article_detail", args=[claim.article_id]) + f"#claim-{claim.pk}"


# The words a row shows for label values ("fact" -> "Fact"); a dict lookup, since rows are rendered per label.
LABEL_WORDS = dict(Label.Value.choices)


def decorate(claims: list[Claim], user, *, is_lead: bool) -> list[Claim]:
    """Attach what a row shows: my label, the others' labels (values only once I labelled, or for leads),
    the evidence summary, and which actions this user may take. Labels and evidence must be prefetched."""
    for claim in claims:
        labels = claim.labels.all()
        mine = next((lb for lb in labels if lb.reviewer_id == user.pk), None)
        others = Counter(lb.value for lb in labels if lb.reviewer_id != user.pk)
        show_row(claim, mine, others, list(claim.evidence.all()), user, is_lead=is_lead)
    return claims


def show_row(
    claim: Claim,
    mine: Label | None,
    others: Mapping[str, int],
    evidence: list[Evidence],
    user,
    *,
    is_lead: bool,
) -> None:
    """Attach everything a row shows (see the row template)."""
    show_labels(claim, mine, others, is_lead=is_lead)
    show_evidence(claim, evidence, user, is_lead=is_lead)
    show_urls(claim)


def show_labels(claim: Claim, mine: Label | None, others: Mapping[str, int], *, is_lead: bool) -> None:
    """My label and how many other reviewers chose which value, as the row shows them."""
    claim.my_value = mine.value if mine else ""
    claim.my_word = LABEL_WORDS[mine.value] if mine else ""
    claim.my_version = mine.version if mine else 0
    claim.my_note = mine.note if mine else ""
    claim.reveal = is_lead or mine is not None
    claim.n_others = sum(others.values())
    claim.others_summary = (
        ", ".join(f"{others[value]} {word}" for value, word in LABEL_WORDS.items() if others.get(value))
        if claim.reveal
        else ""
    )
    claim.is_lead = is_lead


def show_evidence(claim: Claim, evidence: list[Evidence], user, *, is_lead: bool) -> None:
    claim.evidence_list = evidence
    stances = Counter(ev.stance for ev in evidence)
    claim.evidence_summary = [(stance, stances[stance]) for stance in STANCES if stances[stance]]
    for ev in evidence:
        ev.editable = is_lead or ev.added_by_id == user.pk
    claim.evidence_form = getattr(claim, "evidence_form", None)  # see the row template's comment


# The row's own URLs, by the attribute the row template reads them from.
ROW_URLS = {
    "label_url": "label_claim",
    "note_url": "save_note",
    "history_url": "claim_history",
    "evidence_url": "add_evidence",
}
_STAND_IN_ID = "2147483647"


@cache
def _row_paths() -> dict[str, tuple[str, str]]:
    """Each row URL as the text before and after the claim's id, without the script prefix."""
    prefix = get_script_prefix()
    return {
        attr: tuple(reverse(name, args=[_STAND_IN_ID]).removeprefix(prefix).split(_STAND_IN_ID))
        for attr, name in ROW_URLS.items()
    }


def show_urls(claim: Claim) -> None:
    """The row's URLs, as reverse() gives them: reversed once per process with a stand-in id, since four
    {% url %} tags cost a third of a row's rendering, and the article page renders a row per claim."""
    prefix, pk = get_script_prefix(), str(claim.pk)
    for attr, (before, after) in _row_paths().items():
        setattr(claim, attr, f"{prefix}{before}{pk}{after}")


def claims_for_desk_qs():
    """Claims with what a row shows: labels, and evidence with who added it."""
    return Claim.objects.prefetch_related(
        "labels", Prefetch("evidence", queryset=Evidence.objects.select_related("added_by"))
    )


def render_row(
    request: HttpRequest, claim: Claim, *, status: int = 200, message: str = "", is_lead: bool | None = None
) -> HttpResponse:
    """The claim's row; `claim` comes with its labels and evidence prefetched (claims_for_desk_qs)."""
    if is_lead is None:
        is_lead = roles.is_lead(request.user)
    decorate([claim], request.user, is_lead=is_lead)
    return _row(request, claim, status=status, message=message)


def _row(request: HttpRequest, claim: Claim, *, status: int = 200, message: str = "") -> HttpResponse:
    # `swapped`: htmx swaps this row into the page, and sends the CSRF token in a header (see the template).
    context = {**ROW_CONTEXT, "claim": claim, "row_message": message, "swapped": bool(request.htmx)}
    return render(request, ROW, context, status=status)


@require_GET
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    roles.require_reviewer(request.user)
    article = get_object_or_404(Article.objects.with_progress(request.user), pk=article_id)
    claims = claims_for_desk_qs().filter(article=article).order_by("position")
    claims = decorate(list(claims), request.user, is_lead=roles.is_lead(request.user))
    return render(
        request,
        "claims/article_detail.html",
        {**ROW_CONTEXT, "article": article, "claims": claims},
    )


@require_GET
def article_progress(request: HttpRequest, article_id: int) -> HttpResponse:
    roles.require_reviewer(request.user)
    article = get_object_or_404(Article.objects.with_progress(request.user), pk=article_id)
    return render(request, "claims/article_detail.html#progress", {"article": article})


# Portable SQL (PostgreSQL, and SQLite since 3.30 for FILTER); every value is a parameter.
CLAIM_FOR_LABELLING = """
SELECT {claim_columns},
  mine.id AS mine_id, mine.value AS mine_value, mine.version AS mine_version, mine.note AS mine_note,
  others.others_fact, others.others_opinion, others.others_unverifiable,
  (SELECT COUNT(*) FROM claims_evidence e WHERE e.claim_id = c.id) AS n_evidence,
  roles.in_reviewers, roles.in_leads
FROM claims_claim c
LEFT JOIN claims_label mine ON mine.claim_id = c.id AND mine.reviewer_id = %(user)s
CROSS JOIN (
  SELECT COUNT(*) FILTER (WHERE o.value = 'fact') AS others_fact,
         COUNT(*) FILTER (WHERE o.value = 'opinion') AS others_opinion,
         COUNT(*) FILTER (WHERE o.value = 'unverifiable') AS others_unverifiable
  FROM claims_label o WHERE o.claim_id = %(claim)s AND o.reviewer_id <> %(user)s
) others
CROSS JOIN (
  SELECT COUNT(*) FILTER (WHERE g.name = %(reviewers)s) AS in_reviewers,
         COUNT(*) FILTER (WHERE g.name = %(leads)s) AS in_leads
  FROM auth_user_groups ug JOIN auth_group g ON g.id = ug.group_id WHERE ug.user_id = %(user)s
) roles
WHERE c.id = %(claim)s
"""
CLAIM_FOR_LABELLING_EXTRA = (
    "mine_id",
    "mine_value",
    "mine_version",
    "mine_note",
    "others_fact",
    "others_opinion",
    "others_unverifiable",
    "n_evidence",
    "in_reviewers",
    "in_leads",
)


@cache
def _claim_for_labelling_sql() -> str:
    return CLAIM_FOR_LABELLING.format(claim_columns=rows.columns(Claim, "c"))


def _claim_for_labelling(claim_id: int, user) -> Claim | None:
    """The claim with everything a label POST needs, in one SELECT: my label's fields, the other reviewers'
    label counts per value, how much evidence it has, and whether I am a reviewer or a lead (see roles.py).

    This is the hottest endpoint (bench/label_latency.py). Building the same query with the ORM's
    annotations costs more CPU than running it, so it is written once, as plain portable SQL.
    """
    params = {"user": user.pk, "claim": claim_id, "reviewers": roles.REVIEWERS, "leads": roles.LEADS}
    claim = rows.fetch_one(Claim, _claim_for_labelling_sql(), params, extra=CLAIM_FOR_LABELLING_EXTRA)
    if claim is not None:
        roles.know_groups(user, reviewer=bool(claim.in_reviewers), lead=bool(claim.in_leads))
        evidence = Evidence.objects.filter(claim=claim).select_related("added_by") if claim.n_evidence else []
        claim.evidence_rows = list(evidence)
    return claim


def _my_label(claim: Claim, user) -> Label | None:
    """My label, from the claim query's columns."""
    if claim.mine_id is None:
        return None
    return Label(
        pk=claim.mine_id,
        claim=claim,
        reviewer_id=user.pk,
        value=claim.mine_value,
        version=claim.mine_version,
        note=claim.mine_note,
    )


@require_POST
def label_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    # The hottest endpoint: role checks and my label ride on the one query that loads the claim.
    claim = _claim_for_labelling(claim_id, request.user)
    if claim is None:
        raise Http404("No such claim.")
    roles.require_reviewer(request.user, "label claims")
    if not claim.is_labelled_kind:
        raise Http404("This unit is not labelled.")
    value = request.POST.get("label", "")
    try:
        expected = int(request.POST.get("version", "0"))
    except ValueError:
        expected = -1
    if value not in LABEL_WORDS or expected < 0:
        return HttpResponse("Unknown label or version.", status=400, content_type="text/plain")
    mine = _my_label(claim, request.user)
    try:
        label = claim.set_label(reviewer=request.user, value=value, expected_version=expected, current=mine)
    except Conflict as conflict:
        return _label_conflict(request, claim, conflict)
    if not request.htmx:
        return redirect(claim_url(claim))
    response = _labelled_row(request, claim, label)
    return trigger_client_event(response, "claimLabelled", {"claim": claim.pk, "label": value})


def _label_conflict(request: HttpRequest, claim: Claim, conflict: Conflict) -> HttpResponse:
    current = conflict.current
    now = LABEL_WORDS[current.value] if current else "no label"
    message = f"Not saved: this label was changed in another tab or window. It is now: {now}."
    if not request.htmx:
        messages.error(request, message)
        return redirect(claim_url(claim))
    return _labelled_row(request, claim, current, status=409, message=message)


def _labelled_row(
    request: HttpRequest, claim: Claim, mine: Label | None, *, status: int = 200, message: str = ""
) -> HttpResponse:
    """The row of a claim from _claim_for_labelling(), showing `mine` as my label."""
    others = {value: getattr(claim, f"others_{value}") for value in LABEL_WORDS}
    show_row(claim, mine, others, claim.evidence_rows, request.user, is_lead=roles.is_lead(request.user))
    return _row(request, claim, status=status, message=message)


@require_POST
def save_note(request: HttpRequest, claim_id: int) -> HttpResponse:
    roles.require_reviewer(request.user)
    claim = get_object_or_404(claims_for_desk_qs(), pk=claim_id)
    note = request.POST.get("note", "")
    if len(note) > 10_000:
        return HttpResponse("The note is longer than 10,000 characters.", status=400)
    try:
        claim.set_note(reviewer=request.user, note=note.strip())
    except Label.DoesNotExist:
        return HttpResponse("Label the claim before adding a note.", status=400, content_type="text/plain")
    if not request.htmx:
        return redirect(claim_url(claim))
    return render_row(request, get_object_or_404(claims_for_desk_qs(), pk=claim_id))


@require_GET
def next_claim(request: HttpRequest) -> HttpResponse:
    """The next claim I have not labelled: in this article first, then article by article down the list."""
    roles.require_reviewer(request.user)
    todo = Claim.objects.labelled_kinds().exclude(labels__reviewer=request.user)
    try:
        article_id = int(request.GET.get("article", ""))
    except ValueError:
        article_id = None
    claim = None
    if article_id is not None:
        claim = todo.filter(article_id=article_id).order_by("position").first()
    if claim is None:
        articles = list(Article.objects.values_list("pk", flat=True))
        if article_id in articles:
            # Start after the current article and wrap around, so the backlog is walked in list order.
            i = articles.index(article_id)
            articles = articles[i + 1 :] + articles[:i]
        pending = set(todo.filter(article_id__in=articles).values_list("article_id", flat=True).distinct())
        for pk in articles:
            if pk in pending:
                claim = todo.filter(article_id=pk).order_by("position").first()
                break
    if claim is None:
        messages.success(request, "Nothing left: you have labelled every claim.")
        return redirect("home")
    return redirect(claim_url(claim))


@require_GET
def claim_history(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Who set which label when, and segmentation corrections. Others' labels only once I labelled."""
    roles.require_reviewer(request.user)
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)
    reveal = roles.is_lead(request.user) or claim.labels.filter(reviewer=request.user).exists()
    events = LabelEvent.objects.filter(claim=claim).select_related("reviewer")
    if not reveal:
        events = events.filter(reviewer=request.user)
    corrections = SegmentationEvent.objects.filter(claim=claim).select_related("by")
    context = {"claim": claim, "events": events, "corrections": corrections, "reveal": reveal}
    template = "claims/claim_history.html#history" if request.htmx else "claims/claim_history.html"
    return render(request, template, context)
