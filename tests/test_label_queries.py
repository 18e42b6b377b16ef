"""The label POST is the hottest path; its queries are pinned. On PostgreSQL: the session, the
user, the user's groups (roles), the claim and its labels with their reviewers (ClaimQuerySet.with_labels),
then one statement for the label and its history event. SQLite writes label and event as two statements
between BEGIN IMMEDIATE and COMMIT, which Django logs as queries too.

A changed label (and a lead's label) reads no evidence: nothing the evidence section shows has changed, so
the answer tells htmx to keep the section on the page. A reviewer's first label on a claim costs one query
more, the claim's evidence: labelling reveals the other reviewers' evidence (blind until labelled), which
the page did not show, so the answer brings the whole section. A reviewer labels a claim once and may
change it often, so the hot path of changes stays where it was."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from tests.conftest import client_for
from tests.desk_helpers import csrf_token

LABEL_POST_QUERIES = 6 if connection.vendor == "postgresql" else 9
FIRST_LABEL_QUERIES = LABEL_POST_QUERIES + 1  # the evidence it reveals

# Outside a test transaction, as in production: inside one the write would add a savepoint.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_exist")]


def _label(client, token, claim, value, version):
    return client.post(
        reverse("label_claim", args=[claim.pk]),
        {"label": value, "version": version},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )


def test_a_first_label_reads_the_evidence_it_reveals(reviewer, claim, django_assert_num_queries):
    client = client_for(reviewer)
    token = csrf_token(client)
    with django_assert_num_queries(FIRST_LABEL_QUERIES):
        response = _label(client, token, claim, "fact", "0")
    assert response.status_code == 200


def test_a_changed_label_reads_no_evidence(reviewer, claim, django_assert_num_queries):
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    client = client_for(reviewer)
    token = csrf_token(client)
    with django_assert_num_queries(LABEL_POST_QUERIES):
        response = _label(client, token, claim, "opinion", "1")
    assert response.status_code == 200


def test_a_leads_first_label_reads_no_evidence_as_the_lead_saw_it_all_already(
    lead, claim, django_assert_num_queries
):
    client = client_for(lead)
    token = csrf_token(client)
    with django_assert_num_queries(LABEL_POST_QUERIES):
        response = _label(client, token, claim, "fact", "0")
    assert response.status_code == 200


def test_the_answer_to_a_first_label_brings_the_others_evidence(reviewer, second_reviewer, claim):
    claim.evidence.create(url="https://example.org/a", stance="supports", added_by=second_reviewer)
    client = client_for(reviewer)
    html = _label(client, csrf_token(client), claim, "fact", "0").content.decode()
    assert "hx-preserve" not in html
    assert "example.org" in html


def test_the_answer_to_a_changed_label_keeps_the_evidence_on_the_page_without_reading_it(
    reviewer, second_reviewer, claim, django_assert_num_queries
):
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    claim.evidence.create(url="https://example.org/a", stance="supports", added_by=second_reviewer)
    client = client_for(reviewer)
    token = csrf_token(client)
    with django_assert_num_queries(LABEL_POST_QUERIES):
        html = _label(client, token, claim, "opinion", "1").content.decode()
    assert f'<section class="evidence" id="evidence-{claim.pk}" hx-preserve></section>' in html
    assert "example.org" not in html
