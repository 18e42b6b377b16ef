"""Reviewers correct an article's details (title, outlet, author, publication date, language) on its page:
each correction is kept in the history, a form loaded before another correction is refused (409), bad
input is refused with a message."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from claims.models import Article, ArticleEdit
from tests.conftest import client_for
from tests.desk_helpers import form_post, htmx_post

BERLIN = ZoneInfo("Europe/Berlin")


def _url(article: Article) -> str:
    return reverse("edit_article_details", args=[article.pk])


def _form(article: Article, **changes) -> dict:
    values = {
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": "",
        "language": article.language,
        "version": article.version,
    }
    return {**values, **changes}


def test_a_reviewer_corrects_the_details(reviewer, reviewer_client, seed_article):
    data = _form(
        seed_article, title="Maduro sucht Asyl", outlet="Bild", author="Max Muster", published="2025-12-02"
    )
    response = form_post(reviewer_client, _url(seed_article), data)
    assert response.status_code == 302
    seed_article.refresh_from_db()
    assert (seed_article.title, seed_article.outlet, seed_article.author) == (
        "Maduro sucht Asyl",
        "Bild",
        "Max Muster",
    )
    assert seed_article.published_at == datetime(2025, 12, 2, tzinfo=BERLIN)


def test_each_correction_is_kept_with_old_and_new(reviewer, reviewer_client, seed_article):
    old_title = seed_article.title
    form_post(reviewer_client, _url(seed_article), _form(seed_article, title="Neuer Titel"))
    edit = ArticleEdit.objects.get(article=seed_article)
    assert (edit.by, edit.version, edit.changes) == (reviewer, 2, {"title": [old_title, "Neuer Titel"]})


def test_the_history_shows_on_the_article_page(reviewer_client, seed_article):
    form_post(reviewer_client, _url(seed_article), _form(seed_article, published="2026-05-07"))
    page = reviewer_client.get(reverse("article_detail", args=[seed_article.pk])).content.decode()
    assert "Korrekturen der Angaben" in page
    assert 'veröffentlicht <q dir="auto">–</q> → <q dir="auto">7. Mai 2026</q>' in page


def test_a_stale_form_is_refused_with_the_current_details(reviewer, second_reviewer, seed_article):
    stale = _form(seed_article)
    form_post(client_for(second_reviewer), _url(seed_article), _form(seed_article, author="Erste Fassung"))
    response = htmx_post(client_for(reviewer), _url(seed_article), {**stale, "author": "Zweite"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "inzwischen geändert" in html
    assert 'value="Erste Fassung"' in html


def test_a_second_tab_posting_the_same_correction_is_no_conflict(reviewer, second_reviewer, seed_article):
    same = _form(seed_article, author="Erste Fassung")
    form_post(client_for(second_reviewer), _url(seed_article), same)
    response = htmx_post(client_for(reviewer), _url(seed_article), same)
    assert response.status_code == 200
    assert ArticleEdit.objects.filter(article=seed_article).count() == 1


def test_the_htmx_answer_is_the_details_region(reviewer_client, seed_article):
    response = htmx_post(reviewer_client, _url(seed_article), _form(seed_article, author="Max Muster"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<details id="article-details"')
    assert "Angaben gespeichert." in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("language", "<script>", "Sprachkürzel"),
        ("published", "32.13.2026", "gültiges Datum"),
        ("published", "0001-01-01", "zwischen den Jahren 1800 und 2200"),
        ("title", "", "Dieses Feld ist zwingend erforderlich."),
        ("title", "x" * 501, "höchstens 500 Zeichen"),
        ("author", "Max\x00Muster", "Nullzeichen"),
    ],
)
def test_bad_input_is_refused_with_a_message(reviewer_client, seed_article, field, value, message):
    response = htmx_post(reviewer_client, _url(seed_article), _form(seed_article, **{field: value}))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not ArticleEdit.objects.exists()


def test_without_javascript_bad_input_shows_the_article_page_with_the_form(reviewer_client, seed_article):
    response = form_post(reviewer_client, _url(seed_article), _form(seed_article, language="deutsch!"))
    assert response.status_code == 422
    assert "Nicht gespeichert: Bitte korrigieren Sie die markierten Felder." in response.content.decode()


def test_a_version_that_is_not_a_number_is_refused(reviewer_client, seed_article):
    response = htmx_post(reviewer_client, _url(seed_article), _form(seed_article, version="x"))
    assert response.status_code == 422


def test_an_unchanged_form_writes_no_history(reviewer_client, seed_article):
    form_post(reviewer_client, _url(seed_article), _form(seed_article))
    assert not ArticleEdit.objects.exists()


def test_someone_without_a_role_cannot_edit(outsider, seed_article):
    response = form_post(client_for(outsider), _url(seed_article), _form(seed_article, title="Gekapert"))
    assert response.status_code == 403
    seed_article.refresh_from_db()
    assert seed_article.title != "Gekapert"


def test_a_get_changes_nothing(reviewer_client, seed_article):
    assert reviewer_client.get(_url(seed_article)).status_code == 405


def test_the_publication_time_is_kept_when_the_date_is_not_changed(reviewer_client, seed_article):
    published = datetime(2026, 5, 7, 14, 5, tzinfo=BERLIN)
    Article.objects.filter(pk=seed_article.pk).update(published_at=published)
    seed_article.refresh_from_db()
    form_post(
        reviewer_client, _url(seed_article), _form(seed_article, published="2026-05-07", author="Max Muster")
    )
    seed_article.refresh_from_db()
    assert seed_article.published_at == published
