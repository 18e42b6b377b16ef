"""The search page: claims and article titles that contain the words a reviewer types (claims/search.py)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims import roles, search
from claims.forms import SearchForm
from claims.views.htmx import HtmxHttpRequest, wants_region


@require_GET
def search_page(request: HtmxHttpRequest) -> HttpResponse:
    """Matching claims, best first, each linking to its place in its article, with the reviewer's own
    label only (blind labelling), and on the first page the matching article titles."""
    roles.require_reviewer(request.user, roles.SEARCH_CLAIMS)
    form = SearchForm(request.GET)
    results, unsearchable = None, False
    if form.is_valid() and form.cleaned_data["q"].strip():
        page = form.cleaned_data["page"] or 1
        try:
            results = search.search(form.cleaned_data["q"], reviewer=request.user, page=page)
        except search.Unsearchable:
            unsearchable = True
    context = {
        "form": form,
        "results": results,
        "unsearchable": unsearchable,
        "unsearchable_message": search.UNSEARCHABLE,
        "first_number": ((results.page - 1) * search.CLAIMS_PER_PAGE + 1) if results else 1,
        "claims_shown": search.CLAIMS_PER_PAGE * search.MAX_PAGES,
        "candidates": search.CANDIDATES,
        "full_syntax": search.has_full_syntax(),
    }
    partial = wants_region(request)
    template = "claims/search.html#search-results" if partial else "claims/search.html"
    # A refused query is 400; to htmx 422, which the desk's script swaps in with its message (a 400 it
    # reports as a failed request instead).
    status = 200 if form.is_valid() else (422 if partial else 400)
    return render(request, template, context, status=status)
