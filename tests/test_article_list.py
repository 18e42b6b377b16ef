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
    assert "Seite 2 von 2" in html


def test_an_outsider_sees_no_articles(outsider, seed_article):
    html = client_for(outsider).get("/").content.decode()
    assert seed_article.title[:20] not in html
