from __future__ import annotations

import pytest

from tests.conftest import client_for


@pytest.mark.django_db
def test_the_home_page_lists_articles_with_their_claim_counts(reviewer, seed_article):
    response = client_for(reviewer).get("/")
    article = response.context["articles"][0]
    assert article.claim_count == seed_article.claims.labelled_kinds().count()
    assert seed_article.title in response.content.decode()


@pytest.mark.django_db
def test_an_empty_desk_says_how_to_import(reviewer):
    assert "No articles yet" in client_for(reviewer).get("/").content.decode()


def test_the_login_page_is_served_without_a_session(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b"Log in" in response.content


@pytest.mark.django_db
def test_logging_in_through_the_form_reaches_the_articles(client, reviewer):
    response = client.post("/accounts/login/", {"username": "rita", "password": "correct horse battery"})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_a_next_url_off_site_is_ignored(client, reviewer):
    data = {"username": "rita", "password": "correct horse battery", "next": "https://evil.example/"}
    response = client.post("/accounts/login/", data)
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_the_account(client, reviewer):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "rita", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "rita", "password": "correct horse battery"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
