"""The label POST is the hottest path; its queries are pinned. On PostgreSQL: the session, the
user, the user's groups (roles), the claim and its labels (ClaimQuerySet.with_labels), then one
statement for the label and its history event. The evidence is not read: the answer tells htmx to keep the
evidence the page shows. SQLite writes label and event as two statements between BEGIN IMMEDIATE and
COMMIT, which Django logs as queries too."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from tests.conftest import client_for
from tests.desk_helpers import csrf_token

LABEL_POST_QUERIES = 6 if connection.vendor == "postgresql" else 9

# Outside a test transaction, as in production: inside one the write would add a savepoint.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_exist")]


@pytest.fixture
def claim(seed_article):
    return seed_article.claims.labelled_kinds().order_by("position").first()


def _label(client, token, claim, value, version):
    return client.post(
        reverse("label_claim", args=[claim.pk]),
        {"label": value, "version": version},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )


@pytest.mark.parametrize(("before", "value", "version"), [(None, "fact", "0"), ("fact", "opinion", "1")])
def test_a_label_post_needs_the_same_queries_for_a_first_and_a_changed_label(
    reviewer, claim, django_assert_num_queries, before, value, version
):
    if before:
        claim.set_label(reviewer=reviewer, value=before, expected_version=0)
    client = client_for(reviewer)
    token = csrf_token(client)
    with django_assert_num_queries(LABEL_POST_QUERIES):
        response = _label(client, token, claim, value, version)
    assert response.status_code == 200


def test_the_answer_keeps_the_evidence_on_the_page_without_reading_it(
    reviewer, second_reviewer, claim, django_assert_num_queries
):
    claim.evidence.create(url="https://example.org/a", stance="supports", added_by=second_reviewer)
    client = client_for(reviewer)
    token = csrf_token(client)
    with django_assert_num_queries(LABEL_POST_QUERIES):
        html = _label(client, token, claim, "fact", "0").content.decode()
    assert f'<section class="evidence" id="evidence-{claim.pk}" hx-preserve></section>' in html
    assert "example.org" not in html
