"""Many files, or a large one, are imported in the background: the upload returns at once with a batch whose
progress page fills as the worker imports each file."""

from __future__ import annotations

import os
import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from claims import jobs
from claims.models import Article, ImportBatch, ImportFile
from tests.conftest import client_for
from tests.desk_helpers import csrf_token
from tests.jobs_helpers import article_files, run_queued_jobs

pytestmark = pytest.mark.django_db


def upload(client, files):
    return client.post("/import/", {"files": files, "csrfmiddlewaretoken": csrf_token(client, "/import/")})


def test_a_20_file_upload_returns_at_once_with_20_files_queued(reviewer_client):
    response = upload(reviewer_client, article_files(20))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/import/batches/{batch.pk}/"
    assert list(batch.files.values_list("state", flat=True)) == [ImportFile.State.QUEUED] * 20
    assert DBTaskResult.objects.ready().count() == 20
    assert Article.objects.count() == 0


def test_the_worker_imports_every_file_of_the_batch(reviewer_client):
    upload(reviewer_client, article_files(20))
    run_queued_jobs()
    assert set(ImportFile.objects.values_list("state", flat=True)) == {ImportFile.State.IMPORTED}
    assert Article.objects.count() == 20


def test_the_progress_page_shows_a_bar_that_polls_until_done(reviewer_client):
    upload(reviewer_client, article_files(3))
    batch = ImportBatch.objects.get()
    html = reviewer_client.get(f"/import/batches/{batch.pk}/").content.decode()
    assert '<progress id="batch-bar" max="3" value="0">' in html
    assert 'hx-trigger="every 1s"' in html


def test_the_polled_partial_stops_polling_when_every_file_is_done(reviewer_client):
    upload(reviewer_client, article_files(3))
    run_queued_jobs()
    batch = ImportBatch.objects.get()
    html = reviewer_client.get(
        f"/import/batches/{batch.pk}/", headers={"HX-Request": "true"}
    ).content.decode()
    assert html.lstrip().startswith('<section id="batch-progress"')
    assert '<progress id="batch-bar" max="3" value="3">' in html
    assert "hx-trigger" not in html


def test_each_file_has_its_outcome_in_german(reviewer_client):
    files = [*article_files(2), SimpleUploadedFile("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00")]
    upload(reviewer_client, files)
    run_queued_jobs()
    html = reviewer_client.get(f"/import/batches/{ImportBatch.objects.get().pk}/").content.decode()
    assert "mit 2 Behauptungen importiert" in html
    assert "abgelehnt: das ist eine Binärdatei, kein Text" in html


def test_an_article_already_on_the_desk_is_reported_not_duplicated(reviewer_client):
    upload(reviewer_client, article_files(3))
    run_queued_jobs()
    upload(reviewer_client, article_files(3))
    run_queued_jobs()
    assert Article.objects.count() == 3
    assert ImportFile.objects.filter(state=ImportFile.State.EXISTING).count() == 3


def test_one_small_file_is_still_imported_at_once(reviewer_client):
    upload(reviewer_client, article_files(1))
    assert Article.objects.count() == 1
    assert not ImportBatch.objects.exists()


def test_a_large_file_goes_to_the_worker(reviewer_client, settings):
    settings.IMPORT_INLINE_MAX_BYTES = 10
    upload(reviewer_client, article_files(1))
    assert ImportFile.objects.get().state == ImportFile.State.QUEUED


def test_a_file_queued_twice_is_imported_once(reviewer_client):
    upload(reviewer_client, article_files(3))
    first = ImportFile.objects.first()
    jobs.import_file.enqueue(first.pk)
    run_queued_jobs()
    first.refresh_from_db()
    assert first.attempts == 1
    assert Article.objects.count() == 3


def test_a_file_whose_worker_died_is_queued_again_and_imported_once(reviewer_client):
    upload(reviewer_client, article_files(3))
    first = ImportFile.objects.first()
    # What a worker killed mid-file leaves: the file taken, by a process that no longer exists.
    ImportFile.objects.claim(first.pk, worker=f"{socket.gethostname()}:999999999:gone")
    run_queued_jobs()
    first.refresh_from_db()
    assert (first.state, first.attempts) == (ImportFile.State.IMPORTED, 2)
    assert Article.objects.count() == 3


def test_a_worker_restarted_with_the_same_process_id_takes_back_its_predecessors_file(reviewer_client):
    upload(reviewer_client, article_files(3))
    first = ImportFile.objects.first()
    # A container restarted in place: the new worker has the dead one's host and process id.
    ImportFile.objects.claim(first.pk, worker=f"{socket.gethostname()}:{os.getpid()}:earlier")
    assert jobs.recover_stalled_jobs() == 1


def test_a_file_that_stopped_its_worker_three_times_fails(reviewer_client, settings):
    upload(reviewer_client, article_files(3))
    first = ImportFile.objects.first()
    ImportFile.objects.filter(pk=first.pk).update(attempts=settings.JOB_MAX_ATTEMPTS - 1)
    ImportFile.objects.claim(first.pk, worker="elsewhere:1")
    ImportFile.objects.filter(pk=first.pk).update(alive_at="2000-01-01T00:00:00Z")
    run_queued_jobs()
    first.refresh_from_db()
    assert first.state == ImportFile.State.FAILED
    assert Article.objects.count() == 2


def test_a_worker_on_another_host_keeps_its_file_until_the_timeout(reviewer_client):
    upload(reviewer_client, article_files(1 + 2))
    first = ImportFile.objects.first()
    ImportFile.objects.claim(first.pk, worker="elsewhere:1")
    assert jobs.recover_stalled_jobs() == 0


def test_a_batch_is_private_to_who_uploaded_it_and_the_leads(reviewer_client, second_reviewer, lead):
    upload(reviewer_client, article_files(3))
    url = f"/import/batches/{ImportBatch.objects.get().pk}/"
    assert client_for(second_reviewer).get(url).status_code == 404
    assert client_for(lead).get(url).status_code == 200


def test_an_outsider_cannot_see_a_batch(reviewer_client, outsider):
    upload(reviewer_client, article_files(3))
    url = f"/import/batches/{ImportBatch.objects.get().pk}/"
    assert client_for(outsider).get(url).status_code == 403


def test_a_file_over_the_size_limit_is_rejected_by_the_worker(reviewer_client, settings):
    settings.IMPORT_MAX_BYTES = 60
    upload(reviewer_client, article_files(3))
    run_queued_jobs()
    html = reviewer_client.get(f"/import/batches/{ImportBatch.objects.get().pk}/").content.decode()
    assert "abgelehnt: die Datei ist größer als 0 KB" in html


def test_a_file_name_with_a_path_and_a_nul_is_kept_as_a_plain_name(reviewer_client):
    files = [*article_files(2), SimpleUploadedFile("../../etc/pass\x00wd.txt", b"Ein Satz.")]
    upload(reviewer_client, files)
    assert list(ImportFile.objects.values_list("name", flat=True))[2] == "passwd.txt"
