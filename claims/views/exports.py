from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from claims import jobs, roles
from claims.exports.download import download, streamed_download
from claims.exports.form import ExportForm
from claims.exports.streaming import without_jit
from claims.models import ExportJob
from claims.views.htmx import HtmxHttpRequest


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
    context = {
        "form": form,
        "export": export,
        "count": count,
        # More than a page of claims: the file can be written in the background, with these filters.
        "background": count is not None and count.rows > settings.EXPORT_INLINE_MAX,
        "filters": [(name, value) for name, values in request.GET.lists() for value in values],
    }
    if request.htmx:
        # The count, and the offer to write the file in the background, which sits outside the form; an
        # htmx swap needs a 200: the count region itself says that the filters need fixing.
        html = render_to_string("claims/export.html#count", context, request)
        html += render_to_string("claims/export.html#background", {**context, "oob": True}, request)
        return HttpResponse(html)
    return render(request, "claims/export.html", context, status=200 if valid else 400)


@require_GET
def download_export(request: HttpRequest) -> HttpResponse:
    """The file, streamed; a reviewer's file holds only their own labels, notes and evidence."""
    roles.require_reviewer(request.user, roles.EXPORT_LABELS)
    form = ExportForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "claims/export.html", {"form": form}, status=400)
    return streamed_download(form.export())


@require_POST
def queue_export(request: HttpRequest) -> HttpResponse:
    """Write the file in the background; its page says when it is ready to download."""
    roles.require_reviewer(request.user, roles.EXPORT_LABELS)
    form = ExportForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "claims/export.html", {"form": form}, status=400)
    job = jobs.enqueue_export(request.POST, by=request.user)
    return redirect("export_job", job_id=job.pk)


@require_GET
def export_job(request: HtmxHttpRequest, job_id: int) -> HttpResponse:
    """A background export's state, polled by htmx until the file is ready (or a reload shows it)."""
    roles.require_reviewer(request.user, roles.EXPORT_LABELS)
    job = get_object_or_404(ExportJob.objects.visible_to(request.user).defer("query"), pk=job_id)
    template = "claims/export_job.html#job-state" if request.htmx else "claims/export_job.html"
    finished = job.state in (ExportJob.State.DONE, ExportJob.State.FAILED)
    context = {"job": job, "finished": finished, "keep_days": settings.EXPORT_KEEP_DAYS}
    return render(request, template, context)


@require_GET
def download_export_job(request: HttpRequest, job_id: int) -> StreamingHttpResponse:
    """The file a background export wrote, for who asked for it and for leads, a chunk at a time."""
    roles.require_reviewer(request.user, roles.EXPORT_LABELS)
    job = get_object_or_404(ExportJob.objects.visible_to(request.user), pk=job_id)
    if job.state != ExportJob.State.DONE:
        raise Http404
    return download(job.file(), filename=job.filename, content_type=job.content_type, size=job.size)
