"""The article page sends a window of the article's units and the rest as the reviewer moves (desk_window)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from claims import importing
from claims.models import Article, Claim
from claims.views.desk_window import CONTEXT_BEFORE, UNITS_PER_WINDOW
from tests.conftest import client_for

HTMX = {"HX-Request": "true"}


def long_article(n: int) -> Article:
    """An article of n one-sentence paragraphs, all claims, through the real import path."""
    text = "Ein langer Bericht\n\n" + "\n\n".join(
        f"Im Jahr {1900 + i} zählte die Stadt genau {1000 + i} Einwohner." for i in range(n)
    )
    return importing.store(importing.parse(text)).article


def _ids_on(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li id="claim-(\d+)" data-claim-id', html)]


def _claims(article: Article) -> list[Claim]:
    return list(article.claims.labelled_kinds().order_by("position"))


def _url(article: Article) -> str:
    return reverse("article_detail", args=[article.pk])


@pytest.fixture
def article(db) -> Article:
    return long_article(UNITS_PER_WINDOW * 2 + 10)


def test_a_long_article_opens_with_one_window_and_a_link_to_the_rest(reviewer_client, article):
    html = reviewer_client.get(_url(article)).content.decode()
    claims = _claims(article)
    assert _ids_on(html) == [claim.pk for claim in claims[: UNITS_PER_WINDOW - 1]]  # the title is a unit
    assert f'href="{_url(article)}?after={claims[UNITS_PER_WINDOW - 2].position}"' in html
    assert 'data-more="earlier"' not in html


def test_the_units_after_the_window_come_without_the_page_and_with_the_next_link(reviewer_client, article):
    claims = _claims(article)
    last = claims[UNITS_PER_WINDOW - 2]
    html = reviewer_client.get(_url(article), {"after": last.position}, headers=HTMX).content.decode()
    assert _ids_on(html) == [claim.pk for claim in claims[UNITS_PER_WINDOW - 1 : 2 * UNITS_PER_WINDOW - 1]]
    assert "<html" not in html
    assert 'data-more="earlier"' not in html
    assert f"?after={claims[2 * UNITS_PER_WINDOW - 2].position}" in html


def test_the_last_units_come_with_no_link_after_them(reviewer_client, article):
    claims = _claims(article)
    html = reviewer_client.get(_url(article), {"after": claims[-5].position}, headers=HTMX).content.decode()
    assert _ids_on(html) == [claim.pk for claim in claims[-4:]]
    assert "data-more" not in html


def test_the_page_opens_at_the_first_claim_left_for_me_with_some_context(reviewer, reviewer_client, article):
    claims = _claims(article)
    for claim in claims[:60]:
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    html = reviewer_client.get(_url(article)).content.decode()
    ids = _ids_on(html)
    assert ids[: CONTEXT_BEFORE + 1] == [claim.pk for claim in claims[60 - CONTEXT_BEFORE : 61]]
    assert 'data-more="earlier"' in html
    assert f'data-tools="{reverse("claim_tools", args=[claims[60].pk])}">' in html


def test_a_claims_link_opens_the_page_at_it(reviewer_client, article):
    claim = _claims(article)[70]
    html = reviewer_client.get(claim.get_absolute_url()).content.decode()
    assert claim.pk in _ids_on(html)
    assert f'<div class="claim-tools" data-tools="{reverse("claim_tools", args=[claim.pk])}">' in html


def test_the_units_before_a_window_come_up_to_a_window_at_a_time(reviewer_client, article):
    claims = _claims(article)
    end = claims[85]
    html = reviewer_client.get(_url(article), {"before": end.position}, headers=HTMX).content.decode()
    assert _ids_on(html) == [claim.pk for claim in claims[85 - UNITS_PER_WINDOW : 85]]
    assert f"?before={claims[85 - UNITS_PER_WINDOW].position}" in html
    assert 'data-more="later"' not in html


def test_without_javascript_the_links_open_the_page_at_the_next_window(reviewer_client, article):
    claims = _claims(article)
    html = reviewer_client.get(_url(article), {"after": claims[40].position}).content.decode()
    assert _ids_on(html)[0] == claims[41].pk
    assert 'data-more="earlier"' in html
    assert 'data-more="later"' in html


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "1\x00"])
def test_a_position_that_is_not_one_opens_the_page_as_without_it(reviewer_client, article, value):
    response = reviewer_client.get(_url(article), {"after": value, "claim": value})
    assert response.status_code == 200
    assert _ids_on(response.content.decode())[0] == _claims(article)[0].pk


def test_the_window_is_the_same_size_whatever_the_articles_length(reviewer_client, db):
    article = long_article(600)
    html = reviewer_client.get(_url(article)).content.decode()
    assert len(_ids_on(html)) == UNITS_PER_WINDOW - 1


def test_an_outsider_gets_no_units(outsider, article):
    response = client_for(outsider).get(_url(article), {"after": 0}, headers=HTMX)
    assert response.status_code == 403
