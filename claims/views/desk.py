"""The reviewer's desk: one article in reading order, labelled claim by claim without a page reload."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from claims import roles
from claims.forms import ArticleDetailsForm, DeskWindowForm, NoteForm
from claims.models import (
    Article,
    Claim,
    Conflict,
    Decision,
    Label,
    LabelEvent,
    SegmentationEvent,
)
from claims.shortcuts import desk_keys
from claims.views.article_details import details_context
from claims.views.claim_row import (
    TOOLS_TEMPLATE,
    build_row,
    load_row,
    render_row,
    with_evidence_of_others,
)
from claims.views.corrections import CorrectionEntry
from claims.views.desk_window import desk_window


def _with_progress(request: HttpRequest, article_id: int) -> Article:
    return get_object_or_404(Article.objects.with_progress(request.user), pk=article_id)


@require_GET
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    roles.require_reviewer(request.user)
    return _article_page(request, article_id)


def _article_page(
    request: HttpRequest,
    article_id: int,
    *,
    details_form: ArticleDetailsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The article page, with a window of its units (desk_window); with htmx and `after` or `before`, the
    units that continue the window the page shows."""
    asked = DeskWindowForm(request.GET).window()
    if request.htmx and (asked["after"] is not None or asked["before"] is not None):
        article = get_object_or_404(Article, pk=article_id)
        window = desk_window(article, request.user, **asked)
        # Only the far end gets a link: the page holds what is on the near side already.
        window = replace(window, after=None) if asked["before"] is not None else replace(window, before=None)
        context = {"article": article, "window": window, "keys": desk_keys(), "kinds": Claim.Kind.choices}
        return render(request, "claims/article_detail.html#units", context)
    article = _with_progress(request, article_id)
    context = {
        "article": article,
        "window": desk_window(article, request.user, **asked),
        "keys": desk_keys(),
        "kinds": Claim.Kind.choices,
        **details_context(article, details_form),
    }
    return render(request, "claims/article_detail.html", context, status=status)


@require_POST
def edit_article_details(request: HttpRequest, article_id: int) -> HttpResponse:
    """A reviewer corrects title, outlet, author, publication date or language; a form loaded before
    another reviewer's correction is refused (409) and shows the current details."""
    roles.require_reviewer(request.user, roles.EDIT_ARTICLES)
    article = get_object_or_404(Article, pk=article_id)
    form = ArticleDetailsForm(request.POST, article=article)
    if not form.is_valid():
        message = _("Not saved: please correct the marked fields.")
        if not request.htmx:
            messages.error(request, message)
            return _article_page(request, article.pk, details_form=form, status=422)
        return _details_region(request, article, form, status=422, message=message)
    try:
        changes = article.edit_details(
            by=request.user, expected_version=form.cleaned_data["version"], **form.details()
        )
    except Conflict as conflict:
        if conflict.current is None:
            raise Http404("The article was deleted in the meantime.") from None
        message = _("Not saved: someone changed these details in the meantime. They are now as shown.")
        if not request.htmx:
            messages.error(request, message)
            return _article_page(request, article.pk, status=409)
        return _details_region(request, conflict.current, None, status=409, message=message)
    message = _("Details saved.") if changes else _("Nothing changed.")
    if not request.htmx:
        messages.success(request, message)
        return redirect("article_detail", article.pk)
    return _details_region(request, article, None, message=message)


def _details_region(
    request: HttpRequest, article: Article, form, *, status: int = 200, message: str = ""
) -> HttpResponse:
    context = {"article": article, "details_message": message, **details_context(article, form)}
    return render(request, "claims/article_detail.html#article-details", context, status=status)


@require_GET
def claim_tools(request: HttpRequest, claim_id: int) -> HttpResponse:
    """A claim's tools (status, evidence, note, history), which desk.js fetches for the claim the reviewer
    moves to; without htmx, the article page opened at the claim, with its tools."""
    roles.require_reviewer(request.user)
    if not request.htmx:
        return redirect(get_object_or_404(Claim, pk=claim_id))
    return render_row(request, load_row(claim_id, request.user), template=TOOLS_TEMPLATE)


@require_GET
def article_progress(request: HttpRequest, article_id: int) -> HttpResponse:
    roles.require_reviewer(request.user)
    article = _with_progress(request, article_id)
    return render(request, "claims/article_detail.html#progress", {"article": article})


@require_POST
def label_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    roles.require_reviewer(request.user, roles.LABEL_CLAIMS)
    claim = get_object_or_404(Claim.objects.with_labels(), pk=claim_id)
    if not claim.is_labelled_kind:
        raise Http404("This unit is not labelled.")
    value = request.POST.get("label", "")
    try:
        expected = int(request.POST.get("version", "0"))
    except ValueError:
        expected = -1
    if value not in Label.Value.values or expected < 0:
        return HttpResponse(_("Unknown label or version."), status=400, content_type="text/plain")
    current = claim.label_by(request.user)
    try:
        label = claim.set_label(
            reviewer=request.user, value=value, expected_version=expected, current=current
        )
    except Conflict as conflict:
        return _label_conflict(request, claim, conflict, before=current)
    if not request.htmx:
        return redirect(claim)
    response = _labelled_row(request, claim, label, before=current)
    return trigger_client_event(response, "claimLabelled", {"claim": claim.pk, "label": value})


def _label_conflict(
    request: HttpRequest, claim: Claim, conflict: Conflict, *, before: Label | None
) -> HttpResponse:
    current = conflict.current
    now = Label.Value(current.value).label if current else _("no label")
    message = _("Not saved: this label was changed in another tab or window. It is now: %(label)s.") % {
        "label": now
    }
    if not request.htmx:
        messages.error(request, message)
        return redirect(claim)
    return _labelled_row(request, claim, current, before=before, status=409, message=message)


def _labelled_row(
    request: HttpRequest,
    claim: Claim,
    mine: Label | None,
    *,
    before: Label | None,
    status: int = 200,
    message: str = "",
) -> HttpResponse:
    """The row of a claim read by the label POST, showing `mine` as the reviewer's label (`before`: the one
    the POST found). A reviewer's first label reveals the others' evidence: that answer reads the evidence
    and brings the whole section. Otherwise nothing the section shows has changed, and the page keeps it."""
    is_lead = roles.is_lead(request.user)
    revealed = not is_lead and before is None and mine is not None
    if revealed:
        with_evidence_of_others(claim)
    row = build_row(claim, request.user, mine, is_lead=is_lead, with_evidence=revealed)
    return render_row(request, row, status=status, message=message)


@require_POST
def save_note(request: HttpRequest, claim_id: int) -> HttpResponse:
    roles.require_reviewer(request.user)
    claim = get_object_or_404(Claim, pk=claim_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        return HttpResponse(" ".join(errors), status=400, content_type="text/plain")
    try:
        note, version = form.cleaned_data["note"], form.cleaned_data["version"]
        claim.set_note(reviewer=request.user, note=note, expected_version=version)
    except Label.DoesNotExist:
        return HttpResponse(_("Label the claim before adding a note."), status=400, content_type="text/plain")
    except Conflict:
        message = _("Not saved: your label or note was changed in another tab or window. It is now as shown.")
        if not request.htmx:
            messages.error(request, message)
            return redirect(claim)
        return render_row(request, load_row(claim.pk, request.user), status=409, message=message)
    if not request.htmx:
        return redirect(claim)
    return render_row(request, load_row(claim.pk, request.user))


@require_GET
def next_claim(request: HttpRequest) -> HttpResponse:
    """The next claim left for me (ClaimQuerySet.open_for): in this article first, then the articles assigned
    to me, then the others, each in the list's order (ArticleQuerySet.queue). Four queries at most, whatever
    the desk's size."""
    roles.require_reviewer(request.user)
    left = Claim.objects.open_for(request.user).order_by("position")
    try:
        article_id = int(request.GET.get("article", ""))
    except ValueError:
        article_id = None
    current = None
    if article_id is not None:
        articles = Article.objects.only("pk", "imported_at").with_assignment(request.user)
        current = articles.filter(pk=article_id).first()
    claim = left.filter(article=current).first() if current else None
    if claim is None:
        article = Article.objects.only("pk").queue(request.user, after=current).first()
        claim = left.filter(article=article).first() if article else None
    if claim is None:
        messages.success(request, _("Nothing left: every claim has your label or all the labels it needs."))
        return redirect("home")
    return redirect(claim)


@require_GET
def claim_history(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Who set which label when, leads' decisions and segmentation corrections. Others' labels and the
    decisions only once I labelled."""
    roles.require_reviewer(request.user)
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)
    reveal = roles.is_lead(request.user) or claim.labels.filter(reviewer=request.user).exists()
    events = LabelEvent.objects.filter(claim=claim).select_related("reviewer")
    decisions = Decision.objects.filter(claim=claim).select_related("decided_by")
    if not reveal:
        events = events.filter(reviewer=request.user)
        decisions = decisions.none()
    corrections = [
        CorrectionEntry.build(event, lead=roles.is_lead(request.user))
        for event in SegmentationEvent.objects.filter(claim=claim).select_related("by")
    ]
    context = {
        "claim": claim,
        "events": events,
        "decisions": decisions,
        "corrections": corrections,
        "reveal": reveal,
    }
    template = "claims/claim_history.html#history" if request.htmx else "claims/claim_history.html"
    return render(request, template, context)
