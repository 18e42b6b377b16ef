"""The Django admin is for staff only; its pages for our models work, with search and filters."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Decision, Evidence, Label, LabelEvent
from tests.conftest import client_for

MODELS = ["article", "claim", "label", "evidence", "labelevent", "decision"]


@pytest.mark.django_db
def test_a_reviewer_is_not_let_into_the_admin(reviewer):
    response = client_for(reviewer).get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_a_lead_is_not_let_into_the_admin_either(lead):
    assert client_for(lead).get("/admin/claims/label/").status_code == 302


@pytest.mark.parametrize("model", MODELS)
def test_an_admin_can_search_each_model(admin_user, seed_article, model):
    response = client_for(admin_user).get(reverse(f"admin:claims_{model}_changelist"), {"q": "Maduro"})
    assert response.status_code == 200


def test_the_article_page_shows_its_claims_inline_with_the_text_read_only(admin_user, seed_article):
    response = client_for(admin_user).get(reverse("admin:claims_article_change", args=[seed_article.pk]))
    assert response.status_code == 200
    assert b'name="text"' not in response.content
    assert b"Es war ein Telefonat." in response.content


def test_users_and_groups_are_managed_in_the_admin(admin_user):
    client = client_for(admin_user)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert b"Reviewers" in client.get(reverse("admin:auth_group_changelist")).content


def test_the_label_history_cannot_be_edited_in_the_admin(admin_user, seed_article, reviewer):
    claim = seed_article.claims.first()
    Label.objects.create(claim=claim, reviewer=reviewer, value="fact")
    event = LabelEvent.objects.create(claim=claim, reviewer=reviewer, new_value="fact")
    client = client_for(admin_user)
    response = client.post(reverse("admin:claims_labelevent_delete", args=[event.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert LabelEvent.objects.filter(pk=event.pk).exists()


def test_decisions_cannot_be_edited_or_deleted_in_the_admin(admin_user, seed_article, lead):
    decision = seed_article.claims.first().decide(by=lead, value="fact", reason="Beleg", expected=0)
    client = client_for(admin_user)
    response = client.post(reverse("admin:claims_decision_delete", args=[decision.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Decision.objects.filter(pk=decision.pk, reason="Beleg").exists()


def test_an_admin_sees_evidence_with_its_claim(admin_user, seed_article, reviewer):
    claim = seed_article.claims.first()
    Evidence.objects.create(claim=claim, url="https://example.org/a", stance="refutes", added_by=reviewer)
    response = client_for(admin_user).get(reverse("admin:claims_evidence_changelist"))
    assert b"https://example.org/a" in response.content
