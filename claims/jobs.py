"""Background imports on django-tasks' database backend: one task per uploaded file, and the recovery that
puts back the files of a worker that died.

django-tasks-db marks a task RUNNING when a worker takes it and never looks at it again: a worker killed
mid-task (SIGKILL, out of memory, a machine gone) leaves it RUNNING for ever. So the state that matters is
ours (claims.models.ImportFile): `manage.py worker` runs recover_stalled_imports when it starts and then
every minute, and each file whose worker is gone is queued again as a new task. A retry cannot duplicate an
article: the article and the file's "done" are written in one transaction (a killed worker wrote neither),
and importing.store finds an article by its content hash (the database's unique constraint decides a race).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import task

from claims import importing
from claims.models import ImportBatch, ImportFile
from claims.models.batches import this_worker

logger = logging.getLogger(__name__)


class _TakenBack(Exception):
    """The file was given to another worker while this one imported it: roll this attempt back."""


def enqueue_batch(uploads: Iterable[UploadedFile], *, by) -> ImportBatch:
    """Keep the uploaded files in the database and queue one task per file, all in one transaction: a worker
    sees the batch whole or not at all."""
    with transaction.atomic():
        batch = ImportBatch.objects.create(requested_by=by, language=translation.get_language() or "")
        files = ImportFile.objects.bulk_create(
            ImportFile(
                batch=batch,
                position=position,
                name=(PurePath(upload.name or "").name or gettext("upload"))[:200],
                # One byte more than the limit, so that parse_file can say the file is too large.
                data=upload.read(settings.IMPORT_MAX_BYTES + 1),
            )
            for position, upload in enumerate(uploads)
        )
        for file in files:
            import_file.enqueue(file.pk)
    return batch


@task()
def import_file(file_id: int) -> str:
    """Import one file of a batch, unless it is no longer waiting (done, or another worker has it)."""
    file = ImportFile.objects.claim(file_id, worker=this_worker())
    if file is None:
        return "skipped"
    with translation.override(file.batch.language or settings.LANGUAGE_CODE):
        try:
            parsed = importing.parse_file(file.name, bytes(file.data))
            with transaction.atomic():
                result = importing.store(parsed, by=file.batch.requested_by)
                state = ImportFile.State.IMPORTED if result.created else ImportFile.State.EXISTING
                if not file.finish(state, article=result.article, claim_count=result.claim_count):
                    raise _TakenBack
        except importing.ImportRejected as exc:
            file.finish(ImportFile.State.REJECTED, reason=str(exc))
            return ImportFile.State.REJECTED
        except _TakenBack:
            return "taken back"
        except Exception:
            # Said on the page at once, rather than after IMPORT_JOB_TIMEOUT; the worker logs the error.
            file.give_up(gettext("an error on the server stopped the import"))
            raise
    return state


def recover_stalled_imports() -> int:
    """Queue again each file whose worker is gone; a file that has stopped a worker IMPORT_JOB_MAX_ATTEMPTS
    times fails instead of being retried for ever. Returns how many files were queued again."""
    requeued = 0
    for file in ImportFile.objects.stalled():
        with transaction.atomic():
            if file.attempts >= settings.IMPORT_JOB_MAX_ATTEMPTS:
                file.give_up(gettext("the import stopped %(n)s times") % {"n": file.attempts})
            elif file.requeue():
                import_file.enqueue(file.pk)
                requeued += 1
    if requeued:
        logger.warning("queued %s import file(s) again whose worker was gone", requeued)
    return requeued
