from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from claims import importing, jobs, roles
from claims.forms import ArticleFilterForm, ImportForm, PublicationFilterForm
from claims.models import Article
from claims.shortcuts import desk_keys
from claims.views.paging import BoundedPage, page_number

ARTICLES_PER_PAGE = 25
# How far back the list pages (each page further costs a little more); older articles by the filters.
LIST_PAGES_MAX = 200


@dataclass(frozen=True)
class ListPage(BoundedPage):
    """A page of the article list: its rows, and whether there are pages before and after it (BoundedPage)."""

    object_list: list[Article]
    # The list goes back this many pages (LIST_PAGES_MAX); the filters reach older articles.
    at_the_end_of_the_list: bool = False


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The article list with my progress, the articles assigned to me first (or sorted by publication
    date); filters: assigned to me, not finished by me (claims left for me, as the queue has them), disputed,
    outlet, title search, published from/to. The progress is computed for the page's articles only."""
    is_reviewer = roles.is_reviewer(request.user)
    form = ArticleFilterForm(request.GET)
    filters = form.filters()
    dates = PublicationFilterForm(request.GET)
    dated = dates.cleaned_data if dates.is_valid() else {}
    number = min(page_number(request.GET.get("page")), LIST_PAGES_MAX)
    page = ListPage(number, has_next=False, object_list=[])
    if is_reviewer:
        sees_every_label = roles.is_lead(request.user)
        articles = Article.objects.all()
        if filters["q"]:
            articles = articles.filter(title__icontains=filters["q"])
        if filters["outlet"]:
            articles = articles.filter(outlet=filters["outlet"])
        if filters["assigned"]:
            articles = articles.assigned_to(request.user)
        if filters["todo"]:
            articles = articles.left_for(request.user)
        if filters["disputed"]:
            articles = articles.disputed_for(request.user, sees_every_label=sees_every_label)
        if dated:
            articles = articles.published_between(dated["published_from"], dated["published_to"])
        start = (number - 1) * ARTICLES_PER_PAGE
        stop = start + ARTICLES_PER_PAGE + 1
        if dated.get("sort"):
            ordered = articles.by_publication(newest_first=dated["sort"] == "published")
            ids = list(ordered.values_list("pk", flat=True)[start:stop])
        else:
            ids = articles.assigned_first_ids(request.user, start, stop)
        shown = ids[:ARTICLES_PER_PAGE]
        rows = {}
        if shown:
            rows = Article.objects.filter(pk__in=shown).with_progress(request.user)
            rows = rows.with_dispute_mark(request.user, sees_every_label=sees_every_label).in_bulk()
        has_next = len(ids) > ARTICLES_PER_PAGE
        page = ListPage(
            number,
            object_list=[rows[pk] for pk in shown],
            has_next=has_next and number < LIST_PAGES_MAX,
            at_the_end_of_the_list=has_next and number == LIST_PAGES_MAX,
        )
    outlets = Article.objects.outlets() if is_reviewer else []
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "dates": dates,
        "outlets": outlets,
        "query": query.urlencode(),
        "can_import": is_reviewer,
        "is_reviewer": is_reviewer,
        "keys": desk_keys(),
        "pages_max": LIST_PAGES_MAX,
    }
    template = "claims/home.html#article-list" if request.htmx else "claims/home.html"
    return render(request, template, context, status=200 if form.is_valid() else 400)


@dataclass(frozen=True)
class FileOutcome:
    name: str
    message: str
    ok: bool
    article: Article | None = None


@require_http_methods(["GET", "POST"])
def import_articles(request: HttpRequest) -> HttpResponse:
    roles.require_reviewer(request.user, roles.IMPORT_ARTICLES)
    form = ImportForm(request.POST or None, request.FILES or None)
    outcomes: list[FileOutcome] = []
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["files"]
        if _too_much_to_wait_for(uploads):
            batch = jobs.enqueue_batch(uploads, by=request.user)
            return redirect("import_batch", batch_id=batch.pk)
        if form.cleaned_data["text"].strip():
            outcomes.append(_import_paste(request, form))
        for upload in uploads:
            outcomes.append(_import_upload(request, upload))
        if all(o.ok for o in outcomes):
            for outcome in outcomes:
                messages.success(
                    request, _("%(name)s: %(outcome)s") % {"name": outcome.name, "outcome": outcome.message}
                )
            return redirect("home")
    context = {
        "form": form,
        "outcomes": outcomes,
        "inline_files": settings.IMPORT_INLINE_MAX_FILES,
        "inline_kb": intcomma(settings.IMPORT_INLINE_MAX_BYTES // 1024),
    }
    return render(request, "claims/import.html", context)


def _too_much_to_wait_for(uploads: list) -> bool:
    """Many files, or a large one, are imported by the worker (claims.jobs) while a page shows progress."""
    return len(uploads) > settings.IMPORT_INLINE_MAX_FILES or any(
        upload.size > settings.IMPORT_INLINE_MAX_BYTES for upload in uploads
    )


def _import_paste(request: HttpRequest, form: ImportForm) -> FileOutcome:
    name = form.cleaned_data["title"] or _("Pasted text")
    try:
        parsed = importing.parse(
            form.cleaned_data["text"],
            title=form.cleaned_data["title"],
            source_url=form.cleaned_data["source_url"],
        )
    except importing.ImportRejected as exc:
        return _rejected(name, exc)
    return _outcome(name, importing.store(parsed, by=request.user))


def _import_upload(request: HttpRequest, upload) -> FileOutcome:
    # The uploaded name is only ever displayed, never used as a path.
    name = (upload.name or _("upload"))[:200]
    try:
        data = upload.read(settings.IMPORT_MAX_BYTES + 1)
        parsed = importing.parse_file(name, data)
    except importing.ImportRejected as exc:
        return _rejected(name, exc)
    return _outcome(name, importing.store(parsed, by=request.user))


def _rejected(name: str, reason: importing.ImportRejected) -> FileOutcome:
    return FileOutcome(name, _("rejected: %(reason)s") % {"reason": reason}, ok=False)


def _outcome(name: str, result: importing.ImportResult) -> FileOutcome:
    if result.created:
        n = result.claim_count
        message = ngettext("imported with %(n)s claim", "imported with %(n)s claims", n) % {"n": intcomma(n)}
        return FileOutcome(name, message, ok=True, article=result.article)
    message = _("already imported as “%(title)s”") % {"title": result.article.title}
    return FileOutcome(name, message, ok=True, article=result.article)
