"""Real worker processes on one batch: a worker killed in the middle of a file (SIGKILL) and started again
finishes the batch with no article twice, and two workers share a batch without importing a file twice."""

from __future__ import annotations

import os
import signal

import pytest
from django.db.models import Count

from claims.jobs import enqueue_batch
from claims.models import Article, ImportFile
from tests.jobs_helpers import article_files, finished_files, start_worker, stop, wait_for, wait_until_started

pytestmark = pytest.mark.django_db(transaction=True)
FILES = 20


def no_article_twice() -> bool:
    return not Article.objects.values("content_hash").annotate(n=Count("pk")).filter(n__gt=1).exists()


def test_a_worker_killed_mid_file_is_retried_and_no_article_is_duplicated(reviewer):
    enqueue_batch(article_files(FILES), by=reviewer)
    worker = start_worker(slow=0.3)
    try:
        wait_for(
            lambda: (
                finished_files() >= 3 and ImportFile.objects.filter(state=ImportFile.State.RUNNING).exists()
            ),
            timeout=120,
            what="the worker to be in the middle of the batch",
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        stop(worker)
    killed_in = ImportFile.objects.get(state=ImportFile.State.RUNNING)
    # The killed file's article was not committed: there are as many articles as files done.
    assert Article.objects.count() == finished_files() < FILES

    again = start_worker(batch=True)
    try:
        again.wait(timeout=180)
    finally:
        stop(again)
    killed_in.refresh_from_db()
    assert (killed_in.state, killed_in.attempts) == (ImportFile.State.IMPORTED, 2)
    assert set(ImportFile.objects.values_list("state", flat=True)) == {ImportFile.State.IMPORTED}
    assert Article.objects.count() == FILES
    assert no_article_twice()


def test_two_workers_share_one_batch_without_importing_a_file_twice(reviewer):
    workers = [start_worker(slow=0.2), start_worker(slow=0.2)]
    try:
        for worker in workers:
            wait_until_started(worker)
        enqueue_batch(article_files(FILES), by=reviewer)
        wait_for(lambda: finished_files() == FILES, timeout=180, what="the batch to finish")
    finally:
        for worker in workers:
            stop(worker)
    files = ImportFile.objects.all()
    assert {f.attempts for f in files} == {1}
    assert len({f.worker for f in files}) == 2
    assert Article.objects.count() == FILES
    assert no_article_twice()
