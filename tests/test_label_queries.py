"""The label endpoint is the hottest path. The issue allows a label POST 6 queries; it uses 3 on
PostgreSQL: the session with its user, the claim with everything the row shows, one statement for label
and event."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from claims.auth import SessionStore
from claims.views.desk import label_claim

# The claim with role checks and my label, then the label and its history event: one statement on
# PostgreSQL; on SQLite two, between BEGIN IMMEDIATE and COMMIT (which Django logs as queries).
VIEW_QUERIES = 2 if connection.vendor == "postgresql" else 5


@pytest.fixture
def claim(seed_article):
    return seed_article.claims.labelled_kinds().order_by("position").first()


def _htmx_post(user, claim, data):
    request = RequestFactory().post(
        reverse("label_claim", args=[claim.pk]), data, headers={"HX-Request": "true"}
    )
    request.user, request.session, request.htmx = user, SessionStore(), None
    request.htmx = HtmxDetails(request)
    request._dont_enforce_csrf_checks = True
    return request


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("roles_exist")
def test_a_first_label_post_uses_at_most_6_queries(reviewer, claim, django_assert_max_num_queries):
    request = _htmx_post(reviewer, claim, {"label": "fact", "version": "0"})
    with django_assert_max_num_queries(VIEW_QUERIES):
        response = label_claim(request, claim.pk)
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("roles_exist")
def test_a_changed_label_post_uses_at_most_6_queries(reviewer, claim, django_assert_max_num_queries):
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    request = _htmx_post(reviewer, claim, {"label": "opinion", "version": "1"})
    with django_assert_max_num_queries(VIEW_QUERIES):
        response = label_claim(request, claim.pk)
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("roles_exist")
def test_the_whole_request_adds_one_query_for_session_and_user(
    reviewer, claim, django_assert_max_num_queries
):
    from tests.conftest import client_for
    from tests.desk_helpers import csrf_token

    client = client_for(reviewer)
    token = csrf_token(client)
    # + the session read with its user: 3 on PostgreSQL, 6 on SQLite.
    with django_assert_max_num_queries(VIEW_QUERIES + 1):
        response = client.post(
            reverse("label_claim", args=[claim.pk]),
            {"label": "fact", "version": "0"},
            headers={"HX-Request": "true", "X-CSRFToken": token},
        )
    assert response.status_code == 200
