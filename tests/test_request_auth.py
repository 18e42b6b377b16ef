"""claims.auth: Django's database sessions and ModelBackend, read together with one lean query, must behave
exactly like Django's own: the same user with the same field values and types, expiry, inactive users, and
the logout after a password change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.test import Client
from django.utils import timezone

from claims.auth import ModelBackend, SessionStore
from claims.models import Session
from tests.browser import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_user_loaded_by_the_backend_equals_the_orms_field_by_field(reviewer):
    reviewer.last_login = timezone.now()
    reviewer.save()
    ours = ModelBackend().get_user(reviewer.pk)
    djangos = DjangoModelBackend().get_user(reviewer.pk)
    for field in get_user_model()._meta.concrete_fields:
        mine, theirs = getattr(ours, field.attname), getattr(djangos, field.attname)
        assert (mine, type(mine)) == (theirs, type(theirs)), field.name
    assert ours.last_login.tzinfo is not None  # SQLite hands back text: converted like the ORM converts it
    assert ours.groups.filter(name="Reviewers").exists()


def test_the_backend_refuses_inactive_unknown_and_malformed_ids(reviewer):
    backend = ModelBackend()
    assert backend.get_user(str(reviewer.pk)) == reviewer  # the session stores the id as text
    assert backend.get_user(reviewer.pk + 1000) is None
    assert backend.get_user("not-a-number") is None
    reviewer.is_active = False
    reviewer.save()
    assert backend.get_user(reviewer.pk) is None


def test_a_live_session_loads_and_an_expired_one_is_empty():
    live = SessionStore()
    live["note"] = "kept"
    live.create()
    assert SessionStore(live.session_key)["note"] == "kept"

    Session.objects.filter(session_key=live.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(live.session_key)
    assert dict(expired.items()) == {}
    assert expired.session_key is None  # a new key on the next save, as with Django's own store


def test_an_unknown_session_key_is_empty():
    store = SessionStore("x" * 32)
    assert dict(store.items()) == {}


def _logged_in_client(user):
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_login_names_the_user_on_the_session_row_and_later_requests_see_them(reviewer):
    client = _logged_in_client(reviewer)
    session = Session.objects.get(session_key=client.cookies["sessionid"].value)
    assert session.user_id == reviewer.pk
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["user"] == reviewer


@pytest.mark.parametrize("change", ["password", "deactivated"])
def test_a_password_change_or_deactivation_ends_the_session(reviewer, change):
    client = _logged_in_client(reviewer)
    if change == "password":
        reviewer.set_password("another horse battery")
    else:
        reviewer.is_active = False
    reviewer.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_deleting_a_user_deletes_their_sessions(reviewer, second_reviewer):
    _logged_in_client(reviewer), _logged_in_client(second_reviewer)
    reviewer.delete()
    assert list(Session.objects.values_list("user_id", flat=True)) == [second_reviewer.pk]
