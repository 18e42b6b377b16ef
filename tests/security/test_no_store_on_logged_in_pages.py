"""Case: a page viewed after logout on a shared newsroom PC (pen test finding 7).

Logged-in pages carried no Cache-Control, so after logout the browser's back button and history showed
articles, notes and evidence from its cache. Every response the app renders now says `no-store`
(claims.middleware.NoStoreMiddleware); static files, served by whitenoise before it, stay cacheable.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Evidence, ExportJob, ImportBatch
from tests.conftest import client_for
from tests.security.walk import app_urls


@pytest.fixture
def ids(seed_article, lead):
    claim = seed_article.claims.labelled_kinds().order_by("position").first()
    claim.set_label(reviewer=lead, value="fact", expected_version=0)
    evidence = Evidence.objects.create(claim=claim, url="https://a.example/", stance="refutes", added_by=lead)
    return {
        "article_id": seed_article.pk,
        "claim_id": claim.pk,
        "evidence_id": evidence.pk,
        "assignment_id": 1,
        "event_id": 1,
        "number": 1,
        "batch_id": ImportBatch.objects.create(requested_by=lead).pk,
        "job_id": ExportJob.objects.create(requested_by=lead).pk,
    }


def test_every_page_a_logged_in_user_gets_says_no_store(ids, lead):
    client = client_for(lead)
    for url in app_urls(ids):
        if url == reverse("logout"):
            continue
        response = client.get(url)
        assert "no-store" in response.get("Cache-Control", ""), (url, response.status_code)


def test_the_article_page_and_a_download_are_not_stored(ids, reviewer_client, seed_article):
    page = reviewer_client.get(reverse("article_detail", args=[seed_article.pk]))
    download = reviewer_client.get(reverse("export-download"), {"format": "csv"})
    assert "no-store" in page["Cache-Control"]
    assert "no-store" in download["Cache-Control"]


def test_logging_out_says_no_store_and_clears_the_cache(reviewer_client):
    response = reviewer_client.post(reverse("logout"), {"csrfmiddlewaretoken": _token(reviewer_client)})
    assert "no-store" in response["Cache-Control"]
    assert response["Clear-Site-Data"] == '"cache"'


def _token(client) -> str:
    client.get(reverse("home"))
    return client.cookies["csrftoken"].value
