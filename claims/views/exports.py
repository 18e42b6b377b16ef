from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from claims import roles
from claims.exports.download import streamed_download
from claims.exports.form import ExportForm
from claims.exports.streaming import without_jit


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def export_page(request: HtmxHttpRequest) -> HttpResponse:
    """The filters and how many rows they give; htmx refreshes only the count as the filters change."""
    roles.require_reviewer(request.user, roles.EXPORT_LABELS)
    form = ExportForm(request.GET, user=request.user)
    valid = form.is_valid()
    export = form.export() if valid else None
    count = None
    if export is not None:
        with without_jit():
            count = form.count_rows(export)
    context = {"form": form, "export": export, "count": count}
    template = "claims/export.html#count" if request.htmx else "claims/export.html"
    # An htmx swap needs a 200; the count region itself says that the filters need fixing.
    return render(request, template, context, status=200 if valid or request.htmx else 400)


@require_GET
def download_export(request: HttpRequest) -> HttpResponse:
    """The file, streamed; a reviewer's file holds only their own labels, notes and evidence."""
    roles.require_reviewer(request.user, roles.EXPORT_LABELS)
    form = ExportForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "claims/export.html", {"form": form}, status=400)
    return streamed_download(form.export())
