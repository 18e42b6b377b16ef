"""Logging in: the form, off-site `next=` ignored, and a lockout after repeated wrong passwords."""

from __future__ import annotations

import pytest


def test_the_login_page_is_served_without_a_session(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "<h1>Anmelden</h1>" in response.content.decode()


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
    assert "Zu viele fehlgeschlagene Anmeldungen" in response.content.decode()
