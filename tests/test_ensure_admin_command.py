"""`manage.py ensure_admin`, which make run calls: creates the admin the environment names, or says how.

It speaks settings.LANGUAGE_CODE, German, as every management command does (tests/test_languages.py)."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_admin_variables(monkeypatch):
    for name in ("DJANGO_SUPERUSER_USERNAME", "DJANGO_SUPERUSER_PASSWORD", "DJANGO_SUPERUSER_EMAIL"):
        monkeypatch.delenv(name, raising=False)


def ensure_admin() -> str:
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_without_an_admin_it_says_how_to_create_one():
    assert "Noch kein Admin-Konto: .venv/bin/python manage.py createsuperuser ausführen" in ensure_admin()


def test_once_an_admin_exists_it_says_nothing(admin_user):
    assert ensure_admin() == ""


def test_it_creates_the_admin_the_environment_names_once(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "ada")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long passphrase")
    assert "Admin 'ada' angelegt." in ensure_admin()
    assert "Admin 'ada' gibt es schon." in ensure_admin()
    assert User.objects.get(username="ada").check_password("a long passphrase")


def test_a_username_without_a_password_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "ada")
    both = "Entweder DJANGO_SUPERUSER_USERNAME und DJANGO_SUPERUSER_PASSWORD setzen oder keine von beiden."
    with pytest.raises(CommandError, match=re.escape(both)):
        ensure_admin()
    assert not User.objects.exists()
