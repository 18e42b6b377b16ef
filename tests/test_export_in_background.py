"""An export of more than a page of claims can be written in the background and downloaded when it is ready:
the same file the streamed download gives, kept in the database, for who asked for it and for leads only."""

from __future__ import annotations

import socket

import pytest
from django.urls import reverse

from claims.models import ExportChunk, ExportJob
from tests.conftest import client_for
from tests.desk_helpers import csrf_token
from tests.exporting import body, label, make_article
from tests.jobs_helpers import run_queued_jobs

FILTERS = {"format": "csv", "delimiter": ";"}


@pytest.fixture
def many_claims(db, lead, settings):
    settings.EXPORT_INLINE_MAX = 2
    claims = make_article([f"Satz Nummer {i}." for i in range(5)]).claims.order_by("position")
    for claim in claims:
        label(claim, lead, "fact")
    return claims


def queue(client, filters=FILTERS):
    token = csrf_token(client, reverse("export"))
    return client.post(reverse("queue_export"), {**filters, "csrfmiddlewaretoken": token})


def test_the_page_offers_the_background_over_a_page_of_claims(reviewer, many_claims):
    html = client_for(reviewer).get(reverse("export"), FILTERS).content.decode()
    assert "Datei im Hintergrund schreiben" in html
    assert '<input type="hidden" name="delimiter" value=";">' in html


def test_the_htmx_count_brings_the_offer_along(reviewer, many_claims):
    response = client_for(reviewer).get(reverse("export"), FILTERS, headers={"HX-Request": "true"})
    assert '<section id="export-background" hx-swap-oob="true">' in response.content.decode()


def test_a_small_export_is_not_offered_the_background(reviewer, many_claims, settings):
    settings.EXPORT_INLINE_MAX = 100
    html = client_for(reviewer).get(reverse("export")).content.decode()
    assert "Datei im Hintergrund schreiben" not in html


def test_a_queued_export_is_written_by_the_worker_as_the_download_would_be(lead, many_claims):
    client = client_for(lead)
    response = queue(client)
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("export_job", args=[job.pk])
    run_queued_jobs()
    page = client.get(reverse("export_job", args=[job.pk])).content.decode()
    assert "Fertig: 5 Zeilen" in page
    download = client.get(reverse("download_export_job", args=[job.pk]))
    assert body(download) == body(client.get(reverse("export-download"), FILTERS))


def test_a_large_file_is_kept_in_chunks_and_sent_whole(lead, many_claims, monkeypatch):
    monkeypatch.setattr("claims.models.export_jobs.CHUNK_BYTES", 64)
    client = client_for(lead)
    queue(client)
    run_queued_jobs()
    job = ExportJob.objects.get()
    assert ExportChunk.objects.filter(job=job).count() > 1
    assert body(client.get(reverse("download_export_job", args=[job.pk]))) == body(
        client.get(reverse("export-download"), FILTERS)
    )


def test_the_page_polls_until_the_file_is_ready(lead, many_claims):
    client = client_for(lead)
    queue(client)
    url = reverse("export_job", args=[ExportJob.objects.get().pk])
    assert 'hx-trigger="every 1s"' in client.get(url).content.decode()
    run_queued_jobs()
    assert "hx-trigger" not in client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_only_who_asked_and_the_leads_may_download_it(reviewer, second_reviewer, lead, many_claims):
    queue(client_for(reviewer))
    run_queued_jobs()
    url = reverse("download_export_job", args=[ExportJob.objects.get().pk])
    assert client_for(second_reviewer).get(url).status_code == 404
    assert client_for(lead).get(url).status_code == 200


def test_a_file_not_yet_written_cannot_be_downloaded(lead, many_claims):
    client = client_for(lead)
    queue(client)
    assert client.get(reverse("download_export_job", args=[ExportJob.objects.get().pk])).status_code == 404


def test_an_export_whose_worker_died_is_written_again_and_only_the_new_file_is_sent(lead, many_claims):
    client = client_for(lead)
    queue(client)
    job = ExportJob.objects.get()
    dead = f"{socket.gethostname()}:999999999:gone"
    job = ExportJob.objects.claim(job.pk, worker=dead)
    job.write([b"half a file"])  # what the dead worker had written
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (ExportJob.State.DONE, 2)
    download = body(client.get(reverse("download_export_job", args=[job.pk])))
    assert download == body(client.get(reverse("export-download"), FILTERS))


def test_an_outsider_cannot_queue_an_export(outsider, many_claims):
    assert queue(client_for(outsider)).status_code == 403
