"""The interface language: a reviewer's saved choice, else the browser's Accept-Language, else German.

Dates and numbers follow the interface language; an article's own text keeps the article's language, and
what the desk writes into files and what a management command says do not depend on who asked last.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from claims import roles
from claims.exports.export import RowCount
from claims.models import Article, Claim, Profile
from tests.conftest import client_for, make_user
from tests.desk_helpers import form_post, htmx_post

LOGIN = reverse("login")
LOGOUT = reverse("logout")
CHOOSE = reverse("choose_language")
PASSWORD = "correct horse battery"


def page_language(response) -> str:
    """The language the page says it is in: <html lang>, which must match the Content-Language header."""
    html = response.content.decode()
    found = re.search(r'<html lang="([^"]*)"', html)
    assert found, html[:200]
    assert response["Content-Language"] == found.group(1)
    return found.group(1)


def log_in(client: Client, username: str = "rita", **headers):
    """Through the login form, as a person does: the saved choice is restored by the login signal."""
    response = client.post(LOGIN, {"username": username, "password": PASSWORD}, **headers)
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def _article_url(article) -> str:
    return reverse("article_detail", args=[article.pk])


# Which language, and from where.


def test_german_when_the_browser_asks_for_nothing(db):
    response = Client().get(LOGIN)
    assert page_language(response) == "de"
    assert "<h1>Anmelden</h1>" in response.content.decode()


def test_english_when_the_browser_asks_for_it_on_the_login_page(db):
    response = Client().get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert page_language(response) == "en"
    assert "<h1>Log in</h1>" in html
    assert "Accounts are created by an administrator; there is no sign-up." in html
    assert "Accept-Language" in response["Vary"]


def test_a_language_the_desk_does_not_speak_gets_german(db):
    response = Client().get(LOGIN, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert page_language(response) == "de"


@pytest.mark.parametrize(("saved", "browser", "heading"), [("en", "de", "Articles"), ("de", "en", "Artikel")])
def test_a_reviewers_saved_choice_wins_over_the_browser(reviewer, saved, browser, heading):
    Profile.objects.create(user=reviewer, language=saved)
    client = Client()
    log_in(client, HTTP_ACCEPT_LANGUAGE=browser)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=browser)
    assert page_language(response) == saved
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_without_a_saved_choice_a_reviewer_gets_the_browsers_language(reviewer):
    client = Client()
    log_in(client)
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "en"
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="de")) == "de"
    assert page_language(client.get("/")) == "de"


# The switch: POST /accounts/language/.


def test_choosing_a_language_saves_it_on_the_account_and_goes_back(reviewer, reviewer_client):
    response = form_post(reviewer_client, CHOOSE, {"language": "en", "next": "/export/?format=jsonl"})
    assert response.status_code == 302
    assert response["Location"] == "/export/?format=jsonl"
    assert Profile.objects.get(user=reviewer).language == "en"
    assert page_language(reviewer_client.get("/export/", HTTP_ACCEPT_LANGUAGE="de")) == "en"

    form_post(reviewer_client, CHOOSE, {"language": "de", "next": "/"})
    assert Profile.objects.get(user=reviewer).language == "de"
    assert page_language(reviewer_client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "de"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", ""],
)
def test_an_off_site_or_missing_next_goes_home(reviewer, reviewer_client, next_url):
    response = form_post(reviewer_client, CHOOSE, {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert Profile.objects.get(user=reviewer).language == "en"


@pytest.mark.parametrize("language", ["fr", "", "EN", "de-DE", "x" * 100])
def test_an_unknown_language_is_a_400_with_a_message(reviewer, reviewer_client, language):
    response = form_post(reviewer_client, CHOOSE, {"language": language, "next": "/"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == "Diese Sprache ist nicht verfügbar."
    assert not Profile.objects.filter(user=reviewer).exists()


def test_the_refusal_speaks_the_language_of_the_page(reviewer_client):
    csrf = reviewer_client.get("/").cookies["csrftoken"].value
    data = {"language": "fr", "next": "/", "csrfmiddlewaretoken": csrf}
    response = reviewer_client.post(CHOOSE, data, HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.content.decode()) == (400, "This language is not available.")


def test_the_switch_takes_only_a_post_with_a_csrf_token(reviewer, reviewer_client):
    assert reviewer_client.get(CHOOSE, {"language": "en"}).status_code == 405
    assert reviewer_client.post(CHOOSE, {"language": "en", "next": "/"}).status_code == 403
    assert not Profile.objects.exists()


def test_every_page_offers_the_switch_and_marks_the_current_language(reviewer_client, seed_article):
    pages = [(reviewer_client, url) for url in ("/", _article_url(seed_article), "/import/", "/export/")]
    for client, url in [*pages, (Client(), LOGIN)]:
        for language in ("de", "en"):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, url
            html = response.content.decode()
            switch = html[html.index(f'action="{CHOOSE}"') :]
            switch = switch[: switch.index("</form>")]
            # The buttons name each language in itself, and the current one is marked.
            assert 'value="de" class="link" lang="de"' in switch
            assert 'value="en" class="link" lang="en"' in switch
            assert re.findall(r'value="(\w+)"[^>]*aria-current="true">', switch) == [language], url


def test_anonymously_the_switch_changes_only_the_session(db):
    client = client_for(None)
    next_url = f"{LOGIN}?next=/import/"
    response = form_post(client, CHOOSE, {"language": "en", "next": next_url}, page=LOGIN)
    assert response["Location"] == next_url
    assert page_language(client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="de")) == "en"
    assert not Profile.objects.exists()


def test_at_login_a_saved_choice_wins_over_one_made_on_the_login_page(reviewer):
    Profile.objects.create(user=reviewer, language="de")
    client = client_for(None)
    form_post(client, CHOOSE, {"language": "en", "next": LOGIN}, page=LOGIN)
    assert page_language(client.get(LOGIN)) == "en"
    client.post(
        LOGIN,
        {"username": "rita", "password": PASSWORD, "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
    )
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "de"


# The choice lasts as long as the account has it, and the session ends with logging out.


def test_logging_in_again_in_a_fresh_client_restores_the_saved_language(reviewer):
    first = Client()
    log_in(first)
    first.post(CHOOSE, {"language": "en", "next": "/"})
    fresh = Client()
    assert page_language(fresh.get(LOGIN)) == "de"  # not logged in yet: the browser's (no) language
    log_in(fresh)
    response = fresh.get("/")
    assert page_language(response) == "en"
    assert "<h1>Articles</h1>" in response.content.decode()


def test_logging_out_ends_the_choice_and_the_login_page_follows_the_browser_again(reviewer):
    Profile.objects.create(user=reviewer, language="en")
    client = Client()
    log_in(client, HTTP_ACCEPT_LANGUAGE="de")
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="de")) == "en"
    client.post(LOGOUT)
    assert page_language(client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="de")) == "de"
    assert page_language(client.get(LOGIN)) == "de"
    assert page_language(client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en")) == "en"
    assert Profile.objects.get(user=reviewer).language == "en"  # kept for the next login


# What the page says it is in, and what keeps its own language.


@pytest.mark.parametrize("language", ["de", "en"])
def test_html_lang_follows_the_interface_language(reviewer, reviewer_client, seed_article, language):
    claim = seed_article.claims.labelled_kinds().first()
    urls = [
        "/",
        _article_url(seed_article),
        "/import/",
        "/export/",
        reverse("claim_history", args=[claim.pk]),
    ]
    for url in urls:
        assert page_language(reviewer_client.get(url, HTTP_ACCEPT_LANGUAGE=language)) == language, url


def test_the_claim_text_carries_the_language_of_the_article(reviewer, reviewer_client, seed_article):
    Article.objects.filter(pk=seed_article.pk).update(language="en")
    heading, boilerplate, *claims = seed_article.claims.labelled_kinds().order_by("position")
    Claim.objects.filter(pk=heading.pk).update(kind="heading")
    Claim.objects.filter(pk=boilerplate.pk).update(kind="boilerplate")
    response = reviewer_client.get(_article_url(seed_article))
    html = response.content.decode()
    assert page_language(response) == "de"
    assert html.count('<p class="claim-text" dir="auto" lang="en">') == len(claims)
    assert '<p class="claim-text" dir="auto" lang="de">' not in html
    assert '<h1 dir="auto" lang="en">' in html
    assert f'<h2 dir="auto" lang="en"><bdi>{escape(heading.text)}</bdi></h2>' in html
    assert f'<p dir="auto" lang="en"><bdi>{escape(boilerplate.text)}</bdi></p>' in html
    # The row htmx swaps in after labelling keeps it too, and the claim's history page.
    row = htmx_post(
        reviewer_client, reverse("label_claim", args=[claims[0].pk]), {"label": "fact", "version": "0"}
    )
    assert '<p class="claim-text" dir="auto" lang="en">' in row.content.decode()
    assert 'lang="de"' not in row.content.decode()
    history = reviewer_client.get(reverse("claim_history", args=[claims[0].pk])).content.decode()
    assert '<p dir="auto" lang="en">' in history


def test_the_article_list_marks_each_title_with_its_articles_language(reviewer_client, seed_article):
    Article.objects.filter(pk=seed_article.pk).update(language="en")
    html = reviewer_client.get("/").content.decode()
    assert f'<a href="{_article_url(seed_article)}" lang="en">' in html


# Dates, numbers and plurals in the interface language.


@pytest.mark.parametrize(("language", "shown"), [("de", "7. Mai 2026"), ("en", "May 7, 2026")])
def test_dates_are_written_the_way_the_language_writes_them(reviewer_client, seed_article, language, shown):
    Article.objects.filter(pk=seed_article.pk).update(published_at=datetime(2026, 5, 7, 10, 0, tzinfo=UTC))
    html = reviewer_client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<time datetime="2026-05-07T12:00:00+02:00">{shown}</time>' in html


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("de", "<strong>25.000</strong> Zeilen werden geschrieben."),
        ("en", "<strong>25,000</strong> rows will be written."),
    ],
)
def test_the_export_count_is_grouped_by_thousands(language, said):
    with translation.override(language):
        html = render_to_string("claims/export.html#count", {"count": RowCount(25_000, exact=True)})
    assert said in html


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("de", "Etwa <strong>820.000</strong> Zeilen werden geschrieben (geschätzt aus den 100 neuesten"),
        ("en", "About <strong>820,000</strong> rows will be written (estimated from the 100 newest"),
    ],
)
def test_an_estimated_export_count_says_so_in_each_language(language, said):
    with translation.override(language):
        count = RowCount(820_000, exact=False, counted=100)
        html = render_to_string("claims/export.html#count", {"count": count})
    assert said in html


@pytest.mark.parametrize(
    ("language", "said", "left"),
    [
        (
            "de",
            '<span data-count="mine">1.234</span> von mir · <span data-count="any">25.000</span>'
            ' insgesamt · <span data-count="total">25.001</span> Behauptungen',
            '<span data-count="open">20.000</span> für Sie offen',
        ),
        (
            "en",
            '<span data-count="mine">1,234</span> by me · <span data-count="any">25,000</span> by anyone'
            ' · <span data-count="total">25,001</span> claims',
            '<span data-count="open">20,000</span> claims left for you',
        ),
    ],
)
def test_the_progress_figures_are_grouped_by_thousands(language, said, left):
    article = SimpleNamespace(n_mine=1_234, n_any=25_000, n_claims=25_001, n_open=20_000)
    with translation.override(language):
        html = render_to_string("claims/progress.html", {"article": article})
    assert said in html
    assert left in html


def test_one_other_reviewer_and_two_other_reviewers(reviewer_client, seed_article):
    first, second = seed_article.claims.labelled_kinds().order_by("position")[:2]
    ana, ben = make_user("ana", roles.REVIEWERS), make_user("ben", roles.REVIEWERS)
    first.set_label(reviewer=ana, value="fact", expected_version=0)
    second.set_label(reviewer=ana, value="fact", expected_version=0)
    second.set_label(reviewer=ben, value="opinion", expected_version=0)
    for claim, german_words, english_words in [
        (first, "1 weitere Person", "1 other reviewer"),
        (second, "2 weitere Personen", "2 other reviewers"),
    ]:
        german = reviewer_client.get(claim.get_absolute_url()).content.decode()
        english = reviewer_client.get(claim.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert f'<p class="others">{german_words} · ' in german
        assert f'<p class="others">{english_words} · ' in english


# What does not depend on the language of whoever asked last.


def test_a_command_speaks_the_desks_language_even_after_an_english_request(db, reviewer, tmp_path):
    Client().get(LOGIN, HTTP_ACCEPT_LANGUAGE="en")  # leaves English active in this thread
    (tmp_path / "a.txt").write_text("Titel\n\nEin Satz über Berlin.\n", encoding="utf-8")
    out = StringIO()
    call_command("import_articles", str(tmp_path / "a.txt"), stdout=out)
    assert "a.txt: mit 1 Behauptung importiert" in out.getvalue()
    assert "1 Datei: 1 importiert, 0 schon importiert, 0 abgelehnt" in out.getvalue()


def test_the_exported_files_are_the_same_in_every_language(lead, reviewer, seed_article):
    seed_article.claims.labelled_kinds().first().set_label(
        reviewer=reviewer, value="fact", expected_version=0
    )
    client = client_for(lead)
    for file_format in ("csv", "jsonl", "labels-csv", "checkthat"):
        files = {
            language: b"".join(
                client.get(reverse("export-download"), {"format": file_format}, HTTP_ACCEPT_LANGUAGE=language)
            )
            for language in ("de", "en")
        }
        assert files["de"] == files["en"], file_format
        assert b"fact" in files["de"] or file_format == "checkthat"
