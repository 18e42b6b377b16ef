"""A claim's tools (status, evidence, note, history) come with the claim the article page opens at, and for
any other claim when the reviewer moves to it (desk.js fetches /claims/ID/tools/), blind until labelled as
the page is. So a long article sends a row of text and label buttons per claim and little else."""

from __future__ import annotations

from django.urls import reverse

from claims.models import Evidence
from tests.conftest import client_for

TOOLS = '<div class="claim-tools" data-tools='
DEFERRED = '<div class="claim-tools deferred" data-tools='


def _tools_of(html: str) -> list[str]:
    """The ids of the claims whose tools the page brings."""
    ids = []
    for part in html.split('<li id="claim-')[1:]:
        if TOOLS in part.split("</li>")[0]:
            ids.append(part.split('"')[0])
    return ids


def _claims(article):
    return list(article.claims.labelled_kinds().order_by("position"))


def test_the_page_brings_the_tools_of_the_first_claim_left_for_me_only(
    reviewer, reviewer_client, seed_article
):
    first, second, *rest = _claims(seed_article)
    html = reviewer_client.get(reverse("article_detail", args=[seed_article.pk])).content.decode()
    assert _tools_of(html) == [str(first.pk)]
    assert html.count(DEFERRED) == 1 + len(rest)
    first.set_label(reviewer=reviewer, value="fact", expected_version=0)
    html = reviewer_client.get(reverse("article_detail", args=[seed_article.pk])).content.decode()
    assert _tools_of(html) == [str(second.pk)]


def test_a_claims_link_opens_the_page_at_it_with_its_tools(reviewer_client, seed_article):
    third = _claims(seed_article)[2]
    assert third.get_absolute_url() == f"/articles/{seed_article.pk}/?claim={third.pk}#claim-{third.pk}"
    html = reviewer_client.get(third.get_absolute_url()).content.decode()
    assert _tools_of(html) == [str(third.pk)]


def test_a_claim_that_is_not_there_opens_the_page_as_usual(reviewer_client, seed_article):
    first = _claims(seed_article)[0]
    for value in ("abc", "999999", ""):
        response = reviewer_client.get(reverse("article_detail", args=[seed_article.pk]), {"claim": value})
        assert response.status_code == 200
        assert _tools_of(response.content.decode()) == [str(first.pk)]


def test_the_tools_of_a_claim_come_blind_until_i_label_it(
    reviewer, second_reviewer, reviewer_client, seed_article
):
    claim = _claims(seed_article)[3]
    claim.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    Evidence.objects.create(
        claim=claim, url="https://sven.example/quelle", stance="refutes", added_by=second_reviewer
    )
    url = reverse("claim_tools", args=[claim.pk])
    before = reviewer_client.get(url, headers={"HX-Request": "true"}).content.decode()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    after = reviewer_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert before.startswith(TOOLS)
    assert "1 weitere Person · Einstufungen verborgen, bis Sie eingestuft haben" in before
    assert "sven.example" not in before
    assert "1 weitere Person: 1 Meinung" in after
    assert "sven.example" in after


def test_without_htmx_the_tools_are_the_page_opened_at_the_claim(reviewer_client, seed_article):
    claim = _claims(seed_article)[1]
    response = reviewer_client.get(reverse("claim_tools", args=[claim.pk]))
    assert (response.status_code, response["Location"]) == (302, claim.get_absolute_url())


def test_an_outsider_gets_no_tools(outsider, seed_article):
    claim = _claims(seed_article)[0]
    url = reverse("claim_tools", args=[claim.pk])
    assert client_for(outsider).get(url, headers={"HX-Request": "true"}).status_code == 403
