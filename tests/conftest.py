"""Personas and shared fixtures. The spaCy pipeline is built once per session by segmentation.pipeline()."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import translation

from claims import importing, roles
from claims.models import Article, Claim, Evidence

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Playwright's sync API runs an event loop in this thread; the browser tests' ORM calls stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests do not run collectstatic, so the manifest that production storage reads does not exist.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_language_left_over():
    """Each test starts and ends in settings.LANGUAGE_CODE, as a fresh process does. A request activates its
    interface language (LocaleMiddleware, claims.languages) in the thread that served it and leaves it
    active; without this, a test that asked for English would make the gettext calls of the next one (an
    import rejection, a management command's words) English too."""
    translation.deactivate()
    yield
    translation.deactivate()


def make_user(username: str, *groups: str, **extra) -> User:
    user = User.objects.create_user(username=username, password="correct horse battery", **extra)
    if groups:
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def reviewer(db) -> User:
    return make_user("rita", roles.REVIEWERS)


@pytest.fixture
def second_reviewer(db) -> User:
    return make_user("sven", roles.REVIEWERS)


@pytest.fixture
def lead(db) -> User:
    return make_user("lena", roles.LEADS)


@pytest.fixture
def outsider(db) -> User:
    """Logged in, but in no group: may read nothing that needs a role."""
    return make_user("otto")


@pytest.fixture
def admin_user(db) -> User:
    return make_user("ada", is_staff=True, is_superuser=True)


def client_for(user: User | None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    return client_for(reviewer)


@pytest.fixture
def seed_article(db) -> Article:
    """The shortest seed article (003), imported through the real import path."""
    path = SEEDS / "003_c3161a89b730dfe0.txt"
    return importing.store(importing.parse_file(path.name, path.read_bytes())).article


@pytest.fixture
def claim(seed_article) -> Claim:
    """The first claim of the seed article."""
    return seed_article.claims.labelled_kinds().order_by("position").first()


@pytest.fixture
def evidence(claim, reviewer) -> Evidence:
    """rita's refuting link on that claim."""
    return Evidence.objects.create(
        claim=claim, url="https://example.org/a", stance="refutes", added_by=reviewer
    )


# Browser tests: Debian's Chromium through Playwright (Playwright's own browser download cannot work here).


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_ENV

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=CHROMIUM_ENV)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context at 1280×800, the desk's desktop size, whose browser asks for German
    (Accept-Language de-DE), the desk's default language."""
    from tests.browser import LOCALE

    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=LOCALE)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def roles_exist(transactional_db):
    """Transactional tests flush the database, and with it the groups the roles migration created."""
    for name in (roles.REVIEWERS, roles.LEADS):
        Group.objects.get_or_create(name=name)
