"""The progress of a background import (claims.jobs): a bar and each file's outcome, polled by htmx until
every file is done; without JavaScript, reloading the page shows the same."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from claims import roles
from claims.models import ImportBatch, ImportFile


@dataclass(frozen=True)
class FileRow:
    name: str
    message: str
    css: str  # ok, error or waiting
    article_url: str = ""


@require_GET
def import_batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    roles.require_reviewer(request.user, roles.IMPORT_ARTICLES)
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user), pk=batch_id)
    files = batch.files.select_related("article").only(
        "name", "state", "claim_count", "reason", "article__title", "batch_id", "position"
    )
    context = {"batch": batch, "progress": batch.progress(), "rows": [file_row(f) for f in files]}
    template = "claims/import_batch.html#batch-progress" if request.htmx else "claims/import_batch.html"
    return render(request, template, context)


def file_row(file: ImportFile) -> FileRow:
    State = ImportFile.State
    if file.state == State.IMPORTED:
        n = file.claim_count
        message = ngettext("imported with %(n)s claim", "imported with %(n)s claims", n) % {"n": intcomma(n)}
    elif file.state == State.EXISTING and file.article is not None:
        message = _("already imported as “%(title)s”") % {"title": file.article.title}
    elif file.state == State.REJECTED:
        message = _("rejected: %(reason)s") % {"reason": file.reason}
    elif file.state == State.FAILED:
        message = _("failed: %(reason)s") % {"reason": file.reason}
    else:
        message = file.get_state_display()
    css = {State.QUEUED: "waiting", State.RUNNING: "waiting", State.REJECTED: "error", State.FAILED: "error"}
    url = reverse("article_detail", args=[file.article.pk]) if file.article is not None else ""
    return FileRow(file.name, message, css.get(file.state, "ok"), url)
