"""Leads give articles to reviewers: several at once, to every chosen reviewer or spread evenly, with how
many labels each claim needs. The page shows who got what after every change (POST, redirect, GET)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from claims import assigning, roles
from claims.forms import ArticleFilterForm, AssignForm
from claims.models import Article, Assignment
from claims.shortcuts import desk_keys

ARTICLES_PER_PAGE = 50
# The outcome of the last change, kept in the session for the page the change redirects to.
OUTCOME_KEY = "newsdesk_assignment_outcome"
# The list's filters, which the page's forms carry in their URL so the list stays as it was.
LIST_FILTERS = ("q", "outlet", "unassigned", "page")


@dataclass(frozen=True)
class ReviewerOutcome:
    reviewer: str
    assigned: list[Article]  # newly assigned
    kept: list[Article]  # chosen, and theirs already
    removed: list[Article]


@dataclass(frozen=True)
class Outcome:
    action: str
    reviewers: list[ReviewerOutcome]
    labels_needed: int | None


@require_http_methods(["GET", "POST"])
def assign_page(request: HttpRequest) -> HttpResponse:
    roles.require_lead(request.user, roles.ASSIGN_ARTICLES)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session[OUTCOME_KEY] = _apply(form.cleaned_data, by=request.user)
        return redirect(_back(request))
    status = 422 if request.method == "POST" else 200 if ArticleFilterForm(request.GET).is_valid() else 400
    return render(request, "claims/assign.html", _context(request, form), status=status)


@require_POST
def remove_assignment(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """Take one article from one reviewer (the button beside their name on the assignment page)."""
    roles.require_lead(request.user, roles.ASSIGN_ARTICLES)
    assignment = get_object_or_404(Assignment, pk=assignment_id)
    assignment.delete()
    request.session[OUTCOME_KEY] = {
        "action": AssignForm.UNASSIGN,
        "labels_needed": None,
        "rows": [[assignment.reviewer_id, [], [], [assignment.article_id]]],
    }
    return redirect(_back(request))


def _list_query(request: HttpRequest) -> str:
    """The list's own filters from the URL, for the page's forms to carry and the redirect to keep."""
    query = request.GET.copy()
    for name in list(query):
        if name not in LIST_FILTERS:
            del query[name]
    return query.urlencode()


def _back(request: HttpRequest) -> str:
    """The assignment page with the list as it was."""
    query = _list_query(request)
    return reverse("assign") + (f"?{query}" if query else "")


def _apply(data: dict, *, by) -> dict:
    """Carry out the form; returns what changed, per reviewer, as the session keeps it (ids only)."""
    articles = list(data["articles"])
    reviewers = list(data["reviewers"])
    article_ids = [a.pk for a in articles]
    reviewer_ids = [r.pk for r in reviewers]
    assigned: set[tuple[int, int]] = set()
    removed: set[tuple[int, int]] = set()
    with transaction.atomic():
        existing = set(
            Assignment.objects.filter(article__in=article_ids, reviewer__in=reviewer_ids).values_list(
                "article_id", "reviewer_id"
            )
        )
        if data["action"] == AssignForm.UNASSIGN:
            removed = Assignment.objects.unassign(article_ids, reviewer_ids)
        else:
            if data["mode"] == AssignForm.SPREAD:
                plan = assigning.spread(
                    article_ids, _least_busy_first(reviewer_ids), data["overlap"], existing
                )
            else:
                plan = assigning.to_every(article_ids, reviewer_ids, existing)
            assigned = Assignment.objects.assign(plan, by=by)
            if data["labels_needed"]:
                Article.objects.filter(pk__in=article_ids).update(labels_needed=data["labels_needed"])
    kept = existing - removed
    rows = []
    for reviewer_id in reviewer_ids:

        def of(pairs, reviewer_id=reviewer_id):
            return [a for a in article_ids if (a, reviewer_id) in pairs]

        rows.append([reviewer_id, of(assigned), of(kept), of(removed)])
    return {
        "action": data["action"],
        "labels_needed": data["labels_needed"] if data["action"] == AssignForm.ASSIGN else None,
        "rows": rows,
    }


def _least_busy_first(reviewer_ids: list[int]) -> list[int]:
    """The reviewers by how many articles they have been assigned, fewest first, then by username: spreading
    one article at a time then goes round the desk instead of always to the same person."""
    users = get_user_model()
    busy = users.objects.filter(pk__in=reviewer_ids).annotate(n=Count("assignments"))
    return list(busy.order_by("n", users.USERNAME_FIELD).values_list("pk", flat=True))


def _outcome(request: HttpRequest) -> Outcome | None:
    """The outcome the last change left in the session, read once: two queries."""
    saved = request.session.pop(OUTCOME_KEY, None)
    if not saved:
        return None
    rows = saved["rows"]
    users = get_user_model()
    names = dict(
        users.objects.filter(pk__in=[row[0] for row in rows]).values_list("pk", users.USERNAME_FIELD)
    )
    article_ids = {pk for row in rows for ids in row[1:] for pk in ids}
    articles = Article.objects.only("title", "language").in_bulk(article_ids)

    def shown(ids):
        return [articles[pk] for pk in ids if pk in articles]

    reviewers = [
        ReviewerOutcome(names.get(reviewer_id, "?"), shown(new), shown(kept), shown(removed))
        for reviewer_id, new, kept, removed in rows
        if reviewer_id in names
    ]
    return Outcome(saved["action"], reviewers, saved["labels_needed"])


def _context(request: HttpRequest, form: AssignForm) -> dict:
    """The list of articles to choose from, with who has each; the reviewers with how many they have."""
    filters = ArticleFilterForm(request.GET).filters()
    assignments = Assignment.objects.select_related("reviewer").order_by("reviewer__username")
    # Not the texts: a page of 50 articles of up to 2 MB each.
    articles = (
        Article.objects.defer("text")
        .order_by("-imported_at", "-pk")
        .prefetch_related(Prefetch("assignments", queryset=assignments))
    )
    if filters["q"]:
        articles = articles.filter(title__icontains=filters["q"])
    if filters["outlet"]:
        articles = articles.filter(outlet=filters["outlet"])
    if filters["unassigned"]:
        articles = articles.filter(assignments__isnull=True)
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    reviewers = roles.desk_members().annotate(n_assigned=Count("assignments"))
    query = request.GET.copy()
    query.pop("page", None)
    chosen = {
        "articles": set(form["articles"].value() or []) if form.is_bound else set(),
        "reviewers": set(form["reviewers"].value() or []) if form.is_bound else set(),
    }
    return {
        "form": form,
        "page": page,
        "filters": filters,
        "outlets": Article.objects.outlets(),
        "reviewers": reviewers,
        "chosen": {name: {str(pk) for pk in pks} for name, pks in chosen.items()},
        "query": query.urlencode(),
        "back": _back(request),
        "list_query": _list_query(request),
        "outcome": _outcome(request),
        "keys": desk_keys(),
    }
