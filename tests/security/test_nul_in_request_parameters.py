"""Case: NUL in a note, a search or a filter parameter (pen test finding 4).

PostgreSQL refuses NUL in text (a 500 for a note, plain and htmx, and for the article list's `q` and
`outlet`); SQLite stores it, and it reached the CSV cells. Every request parameter that reaches the
database goes through a form, and Django's form CharField refuses NUL. The walk at the end sends NUL in
every parameter the app reads to every URL, so a new view that reads one by hand is caught.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from claims.models import (
    Article,
    Assignment,
    Decision,
    Evidence,
    ExportJob,
    GuidelineVersion,
    ImportBatch,
    Label,
)
from tests.conftest import client_for
from tests.desk_helpers import csrf_token, form_post, htmx_post
from tests.security.walk import app_urls

NUL = "Quelle: dpa\x00=HYPERLINK(1)"


@pytest.fixture
def labelled(seed_article, reviewer):
    claim = seed_article.claims.labelled_kinds().order_by("position").first()
    label = claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    return claim, label


def test_a_note_with_nul_is_refused_through_htmx(reviewer_client, labelled):
    claim, label = labelled
    response = htmx_post(reviewer_client, reverse("save_note", args=[claim.pk]), {"note": NUL, "version": 1})
    assert response.status_code == 400
    assert Label.objects.get(pk=label.pk).note == ""
    assert not any("\x00" in text for text in stored_texts())


def test_a_note_with_nul_is_refused_without_javascript(reviewer_client, labelled):
    claim, label = labelled
    response = form_post(reviewer_client, reverse("save_note", args=[claim.pk]), {"note": NUL, "version": 1})
    assert response.status_code == 400
    assert Label.objects.get(pk=label.pk).note == ""


@pytest.mark.parametrize("parameter", ["q", "outlet"])
def test_a_search_or_filter_with_nul_lists_the_articles_with_400(reviewer_client, seed_article, parameter):
    response = reviewer_client.get(reverse("home"), {parameter: "a\x00b"})
    assert response.status_code == 400
    assert seed_article.title in response.content.decode()


@pytest.mark.parametrize("parameter", ["q", "outlet"])
def test_the_assignment_list_with_nul_in_a_filter_is_not_an_error(lead, seed_article, parameter):
    response = client_for(lead).get(reverse("assign"), {parameter: "a\x00b"})
    assert response.status_code == 400


# Every parameter name the app's views and forms read.
PARAMETERS = re.findall(
    r"\S+",
    """
q outlet page assigned todo disputed unassigned article label version note url stance title text source_url
reason value seen offset kind keep language next format articles status reviewer imported_from imported_to
delimiter bom first second reviewers mode overlap labels_needed action base preview
""",
)


@pytest.fixture
def desk(seed_article, reviewer, lead):
    """One of everything a URL can point at, for a lead (who may open every page)."""
    claim = seed_article.claims.labelled_kinds().order_by("position").first()
    claim.set_label(reviewer=lead, value="fact", expected_version=0)
    claim.set_label(reviewer=reviewer, value="opinion", expected_version=0)
    evidence = Evidence.objects.create(claim=claim, url="https://a.example/", stance="refutes", added_by=lead)
    assignment = Assignment.objects.create(article=seed_article, reviewer=reviewer, assigned_by=lead)
    GuidelineVersion.objects.create(number=1, text="# Leitfaden", edited_by=lead)
    ids = {
        "article_id": seed_article.pk,
        "claim_id": claim.pk,
        "evidence_id": evidence.pk,
        "assignment_id": assignment.pk,
        "event_id": 1,
        "number": 1,
        "batch_id": ImportBatch.objects.create(requested_by=lead).pk,
        "job_id": ExportJob.objects.create(requested_by=lead).pk,
    }
    return ids


@pytest.mark.parametrize("method", ["get", "post"])
def test_nul_in_any_parameter_of_any_url_is_never_a_server_error(desk, lead, method):
    client = client_for(lead)
    token = csrf_token(client)
    data = dict.fromkeys(PARAMETERS, "x\x00y")
    for url in app_urls(desk):
        if url == reverse("logout"):
            continue  # the walk goes on as the lead
        if method == "post":
            response = client.post(
                url, {**data, "csrfmiddlewaretoken": token}, headers={"HX-Request": "true"}
            )
        else:
            response = client.get(url, data)
        assert response.status_code < 500, url
    assert not any("\x00" in text for text in stored_texts())


def stored_texts() -> list[str]:
    """Every text a request can write (compared in Python: SQLite's LIKE stops at a NUL)."""
    return [
        *Label.objects.values_list("note", flat=True),
        *(t for row in Evidence.objects.values_list("url", "title", "note") for t in row),
        *Decision.objects.values_list("reason", flat=True),
        *(t for row in GuidelineVersion.objects.values_list("text", "note") for t in row),
        *(t for row in Article.objects.values_list("title", "text", "source_url") for t in row),
    ]
