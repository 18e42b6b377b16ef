from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from claims import importing, roles
from claims.forms import ImportForm
from claims.models import Article, Claim


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.annotate(
        claim_count=Count(
            "claims", filter=Q(claims__kind__in=Claim.LABELLED_KINDS, claims__duplicate_of=None)
        )
    ).order_by("-imported_at", "-pk")
    return render(
        request, "claims/home.html", {"articles": articles, "can_import": roles.is_reviewer(request.user)}
    )


@dataclass(frozen=True)
class FileOutcome:
    name: str
    message: str
    ok: bool
    article: Article | None = None


@require_http_methods(["GET", "POST"])
def import_articles(request: HttpRequest) -> HttpResponse:
    if not roles.is_reviewer(request.user):
        raise PermissionDenied("Only reviewers, leads and admins import articles.")
    form = ImportForm(request.POST or None, request.FILES or None)
    outcomes: list[FileOutcome] = []
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["text"].strip():
            outcomes.append(_import_paste(request, form))
        for upload in form.cleaned_data["files"]:
            outcomes.append(_import_upload(request, upload))
        if all(o.ok for o in outcomes):
            for outcome in outcomes:
                messages.success(request, f"{outcome.name}: {outcome.message}")
            return redirect("home")
    return render(request, "claims/import.html", {"form": form, "outcomes": outcomes})


def _import_paste(request: HttpRequest, form: ImportForm) -> FileOutcome:
    name = form.cleaned_data["title"] or "Pasted text"
    try:
        parsed = importing.parse(
            form.cleaned_data["text"],
            title=form.cleaned_data["title"],
            source_url=form.cleaned_data["source_url"],
        )
    except importing.ImportRejected as exc:
        return FileOutcome(name, f"rejected: {exc}", ok=False)
    return _outcome(name, importing.store(parsed, by=request.user))


def _import_upload(request: HttpRequest, upload) -> FileOutcome:
    # The uploaded name is only ever displayed, never used as a path.
    name = (upload.name or "upload")[:200]
    try:
        data = upload.read(settings.IMPORT_MAX_BYTES + 1)
        parsed = importing.parse_file(name, data)
    except importing.ImportRejected as exc:
        return FileOutcome(name, f"rejected: {exc}", ok=False)
    return _outcome(name, importing.store(parsed, by=request.user))


def _outcome(name: str, result: importing.ImportResult) -> FileOutcome:
    if result.created:
        return FileOutcome(
            name, f"imported with {result.claim_count} claims", ok=True, article=result.article
        )
    return FileOutcome(name, f"already imported as “{result.article.title}”", ok=True, article=result.article)
