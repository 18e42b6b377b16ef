"""The desk's background jobs on django-tasks' database backend: one task per uploaded file, one per large
export, and the recovery that queues again what a dead worker left (claims.models.jobs says why it is ours).

A retried import cannot duplicate an article: the article and the file's "done" are written in one
transaction (a killed worker wrote neither), and importing.store finds an article by its content hash (the
database's unique constraint decides a race). A retried export writes its file again under its new attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import task

from claims import importing
from claims.exports.form import ExportForm
from claims.models import ExportJob, ImportBatch, ImportFile
from claims.models.jobs import this_worker

logger = logging.getLogger(__name__)


class _TakenBack(Exception):
    """The job was given to another worker while this one did it: roll this attempt back."""


def enqueue_batch(uploads: Iterable[UploadedFile], *, by) -> ImportBatch:
    """Keep the uploaded files in the database and queue one task per file, all in one transaction: a worker
    sees the batch whole or not at all."""
    with transaction.atomic():
        batch = ImportBatch.objects.create(requested_by=by, language=translation.get_language() or "")
        # One file in memory at a time (20 files of 2 MB would be 40 MB at once).
        for position, upload in enumerate(uploads):
            file = ImportFile.objects.create(
                batch=batch,
                position=position,
                # Shown only, never a path; without control characters (PostgreSQL refuses NUL).
                name=(importing.normalise(PurePath(upload.name or "").name) or gettext("upload"))[:200],
                # One byte more than the limit, so that parse_file can say the file is too large.
                data=upload.read(settings.IMPORT_MAX_BYTES + 1),
            )
            import_file.enqueue(file.pk)
    return batch


@task()
def import_file(file_id: int) -> str:
    """Import one file of a batch, unless it is no longer waiting (done, or another worker has it)."""
    # With its batch and who asked for it, which the import reads (its language, the article's importer).
    file = ImportFile.objects.select_related("batch__requested_by").claim(file_id, worker=this_worker())
    if file is None:
        return "skipped"
    with translation.override(file.batch.language or settings.LANGUAGE_CODE):
        try:
            parsed = importing.parse_file(file.name, bytes(file.data))
            with transaction.atomic():
                result = importing.store(parsed, by=file.batch.requested_by)
                state = ImportFile.State.IMPORTED if result.created else ImportFile.State.EXISTING
                if not file.done(state, article=result.article, claim_count=result.claim_count):
                    raise _TakenBack
        except importing.ImportRejected as exc:
            file.done(ImportFile.State.REJECTED, reason=str(exc))
            return ImportFile.State.REJECTED
        except _TakenBack:
            return "taken back"
        except Exception:
            # Said on the page at once, rather than after JOB_TIMEOUT; the worker logs the error.
            file.give_up(gettext("an error on the server stopped the import"))
            raise
    return state


def enqueue_export(query: QueryDict, *, by) -> ExportJob:
    """Queue an export of the Export page's filters (already checked by ExportForm)."""
    fields = {name: values for name, values in query.lists() if name in ExportForm.base_fields}
    with transaction.atomic():
        language = translation.get_language() or ""
        job = ExportJob.objects.create(requested_by=by, language=language, query=fields)
        write_export.enqueue(job.pk)
    return job


@task()
def write_export(job_id: int) -> str:
    """Write an export's file into the database, unless it is no longer waiting."""
    job = ExportJob.objects.select_related("requested_by").claim(job_id, worker=this_worker())
    if job is None:
        return "skipped"
    with translation.override(job.language or settings.LANGUAGE_CODE):
        query = QueryDict(mutable=True)
        for name, values in job.query.items():
            query.setlist(name, values)
        form = ExportForm(query, user=job.requested_by)
        if not form.is_valid():
            job.give_up(gettext("the filters are no longer valid (an article may have been deleted)"))
            return ExportJob.State.FAILED
        export = form.export()
        try:
            size = job.write(export.stream())
            job.finish(
                ExportJob.State.DONE,
                rows=export.rows_written,
                size=size,
                filename=export.filename(),
                content_type=export.content_type,
            )
        except Exception:
            job.give_up(gettext("an error on the server stopped the export"))
            raise
    return ExportJob.State.DONE


def recover_stalled_jobs() -> int:
    """Queue again each import file and export whose worker is gone; one that has stopped a worker
    JOB_MAX_ATTEMPTS times fails instead of being retried for ever. Returns how many were queued."""
    requeued = 0
    for model, job_task in ((ImportFile, import_file), (ExportJob, write_export)):
        for job in model.objects.stalled():
            with transaction.atomic():
                if job.attempts >= settings.JOB_MAX_ATTEMPTS:
                    job.give_up(gettext("it stopped %(n)s times") % {"n": job.attempts})
                elif job.requeue():
                    job_task.enqueue(job.pk)
                    requeued += 1
    if requeued:
        logger.warning("queued %s job(s) again whose worker was gone", requeued)
    return requeued


def prune_expired_exports() -> int:
    return ExportJob.objects.expired().delete()[0]
