"""The article list: progress per article, filters, search and pagination."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims import importing
from claims.models import Article
from tests.conftest import SEEDS, client_for


@pytest.fixture
def two_articles(seed_article):
    path = SEEDS / "000_e08304d965e09de4.txt"
    other = importing.store(importing.parse_file(path.name, path.read_bytes())).article
    return seed_article, other


def test_it_shows_my_progress_and_everyones(reviewer, second_reviewer, reviewer_client, seed_article):
    claims = list(seed_article.claims.labelled_kinds())
    claims[0].set_label(reviewer=reviewer, value="fact", expected_version=0)
    claims[1].set_label(reviewer=second_reviewer, value="fact", expected_version=0)
    html = reviewer_client.get("/").content.decode()
    assert '<span data-count="mine">1</span> von mir · <span data-count="any">2</span> insgesamt' in html
    assert f'<span data-count="total">{len(claims)}</span> Behauptungen' in html


def test_not_finished_by_me_hides_articles_i_finished(reviewer, reviewer_client, two_articles):
    done, todo = two_articles
    for claim in done.claims.labelled_kinds():
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    html = reviewer_client.get("/", {"todo": "1"}).content.decode()
    assert reverse("article_detail", args=[todo.pk]) in html
    assert reverse("article_detail", args=[done.pk]) not in html


def test_disputed_shows_only_articles_with_disagreement(
    reviewer, second_reviewer, reviewer_client, two_articles
):
    disputed, calm = two_articles
    claim = disputed.claims.labelled_kinds().first()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    claim.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    html = reviewer_client.get("/", {"disputed": "1"}).content.decode()
    assert reverse("article_detail", args=[disputed.pk]) in html
    assert reverse("article_detail", args=[calm.pk]) not in html


def test_an_article_leaves_disputed_once_a_lead_settled_it_and_returns_when_reopened(
    reviewer, second_reviewer, lead, reviewer_client, seed_article
):
    claim = seed_article.claims.labelled_kinds().first()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    claim.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    claim.decide(by=lead, value="fact", expected=0)
    link = reverse("article_detail", args=[seed_article.pk])
    assert link not in reviewer_client.get("/", {"disputed": "1"}).content.decode()
    claim.set_label(reviewer=second_reviewer, value="unverifiable", expected_version=1)
    assert link in reviewer_client.get("/", {"disputed": "1"}).content.decode()


def test_an_article_with_single_labels_is_not_disputed(
    reviewer, second_reviewer, reviewer_client, seed_article
):
    first, second = seed_article.claims.labelled_kinds()[:2]
    first.set_label(reviewer=reviewer, value="fact", expected_version=0)
    second.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    html = reviewer_client.get("/", {"disputed": "1"}).content.decode()
    assert reverse("article_detail", args=[seed_article.pk]) not in html


def test_search_by_title_and_outlet_filter(reviewer_client, two_articles):
    first, second = two_articles
    Article.objects.filter(pk=second.pk).update(outlet="bild.de")
    by_title = reviewer_client.get("/", {"q": first.title[:12]}).content.decode()
    by_outlet = reviewer_client.get(
        "/", {"outlet": "bild.de"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert reverse("article_detail", args=[first.pk]) in by_title
    assert reverse("article_detail", args=[first.pk]) not in by_outlet


def test_it_paginates(reviewer_client, seed_article, settings):
    from claims.views import articles

    articles.ARTICLES_PER_PAGE, old = 1, articles.ARTICLES_PER_PAGE
    try:
        path = SEEDS / "000_e08304d965e09de4.txt"
        importing.store(importing.parse_file(path.name, path.read_bytes()))
        html = reviewer_client.get("/", {"page": "2"}).content.decode()
    finally:
        articles.ARTICLES_PER_PAGE = old
    assert "Seite 2" in html
    assert 'rel="prev" href="?page=1"' in html


def test_the_list_goes_back_a_bounded_number_of_pages_and_says_how_to_go_further(
    reviewer_client, two_articles, monkeypatch
):
    monkeypatch.setattr("claims.views.articles.ARTICLES_PER_PAGE", 1)
    monkeypatch.setattr("claims.views.articles.LIST_PAGES_MAX", 1)
    html = reviewer_client.get("/", {"page": "9"}).content.decode()
    assert 'rel="next"' not in html
    assert "Die Liste reicht 1 Seiten zurück" in html


def test_a_page_number_that_is_not_one_shows_the_first_page(reviewer_client, seed_article):
    html = reviewer_client.get("/", {"page": "zwei"}).content.decode()
    assert reverse("article_detail", args=[seed_article.pk]) in html


def test_an_outsider_sees_no_articles(outsider, seed_article):
    html = client_for(outsider).get("/").content.decode()
    assert seed_article.title[:20] not in html


@pytest.fixture
def dated_articles(db):
    """Three articles published on 1, 7 and 20 May 2026 (Berlin), and one without a date."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    articles = {}
    for day in (1, 7, 20, None):
        text = f"Artikel vom {day or 'unbekannten'}. Mai\n\nEin Satz über den Tag {day}."
        article = importing.store(importing.parse(text)).article
        if day:
            # Late in the evening, Berlin time: the day must be the desk's day, not UTC's.
            Article.objects.filter(pk=article.pk).update(
                published_at=datetime(2026, 5, day, 23, 30, tzinfo=berlin)
            )
        articles[day] = article
    return articles


def _order(html: str, articles: dict) -> list:
    positions = {day: html.find(reverse("article_detail", args=[a.pk])) for day, a in articles.items()}
    return [day for day, at in sorted(positions.items(), key=lambda item: item[1]) if at >= 0]


def test_the_list_sorts_by_publication_date(reviewer_client, dated_articles):
    newest = reviewer_client.get("/", {"sort": "published"}).content.decode()
    oldest = reviewer_client.get("/", {"sort": "published_asc"}).content.decode()
    assert _order(newest, dated_articles) == [20, 7, 1, None]
    assert _order(oldest, dated_articles) == [1, 7, 20, None]


def test_the_list_filters_from_and_to_a_publication_date(reviewer_client, dated_articles):
    html = reviewer_client.get(
        "/", {"published_from": "2026-05-07", "published_to": "2026-05-07"}
    ).content.decode()
    assert _order(html, dated_articles) == [7]


def test_a_german_date_works_in_the_filter_too(reviewer_client, dated_articles):
    html = reviewer_client.get("/", {"published_from": "02.05.2026"}).content.decode()
    assert sorted(_order(html, dated_articles)) == [7, 20]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"published_from": "2026-13-45"}, "Bitte ein gültiges Datum eingeben."),
        (
            {"published_from": "2026-05-20", "published_to": "2026-05-01"},
            "Das erste Datum liegt nach dem zweiten.",
        ),
        ({"sort": "evil"}, "Bitte eine gültige Auswahl treffen."),
        ({"published_to": "\x00"}, "gültiges Datum"),
        ({"published_to": "9999-12-31"}, "zwischen den Jahren 1800 und 2200"),
    ],
)
def test_a_bad_filter_is_reported_not_a_server_error(reviewer_client, dated_articles, query, message):
    response = reviewer_client.get("/", query)
    assert response.status_code == 200
    assert message in response.content.decode()
