"""Assigned work comes first, in the article list and in the queue (next_claim, key N); a claim leaves every
queue once it has the labels its article needs, and the list's figures and filters agree with the queue."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims import importing, roles
from claims.models import Article, Assignment, Claim
from tests.conftest import SEEDS, client_for, make_user

NEXT = reverse("next_claim")


@pytest.fixture
def desk(seed_article):
    """Three articles: `newest`, `middle` and `oldest` (the seed), in the list's order."""
    newer = [
        importing.store(importing.parse_file(path.name, path.read_bytes())).article
        for path in sorted(SEEDS.glob("00[01]_*.txt"))
    ]
    middle, newest = newer
    return {"oldest": seed_article, "middle": middle, "newest": newest}


def _first_claim(article: Article) -> Claim:
    return article.claims.labelled_kinds().order_by("position").first()


def _label_all(article: Article, reviewer, value: str = "fact") -> None:
    for claim in article.claims.labelled_kinds():
        claim.set_label(reviewer=reviewer, value=value, expected_version=0)


def _lands_on(response) -> str:
    return response["Location"]


def test_the_queue_starts_with_my_assigned_article_not_the_newest(reviewer, reviewer_client, desk):
    Assignment.objects.assign([(desk["oldest"].pk, reviewer.pk)], by=None)
    assert _lands_on(reviewer_client.get(NEXT)) == _first_claim(desk["oldest"]).get_absolute_url()


def test_without_assignments_the_queue_walks_the_list_newest_first(reviewer_client, desk):
    assert _lands_on(reviewer_client.get(NEXT)) == _first_claim(desk["newest"]).get_absolute_url()


def test_after_an_unassigned_article_the_queue_goes_back_to_my_assigned_work(reviewer, reviewer_client, desk):
    Assignment.objects.assign([(desk["oldest"].pk, reviewer.pk)], by=None)
    _label_all(desk["newest"], reviewer)
    response = reviewer_client.get(NEXT, {"article": desk["newest"].pk})
    assert _lands_on(response) == _first_claim(desk["oldest"]).get_absolute_url()


def test_the_queue_finishes_the_article_i_am_in_first(reviewer, reviewer_client, desk):
    Assignment.objects.assign([(desk["oldest"].pk, reviewer.pk)], by=None)
    first = _first_claim(desk["middle"])
    first.set_label(reviewer=reviewer, value="fact", expected_version=0)
    response = reviewer_client.get(NEXT, {"article": desk["middle"].pk})
    second = desk["middle"].claims.labelled_kinds().order_by("position")[1]
    assert _lands_on(response) == second.get_absolute_url()


def test_after_my_assigned_work_come_the_others_articles_in_list_order(reviewer, reviewer_client, desk):
    Assignment.objects.assign([(desk["oldest"].pk, reviewer.pk)], by=None)
    _label_all(desk["oldest"], reviewer)
    response = reviewer_client.get(NEXT, {"article": desk["oldest"].pk})
    assert _lands_on(response) == _first_claim(desk["newest"]).get_absolute_url()


def test_among_assigned_articles_the_queue_moves_on_and_wraps_around(reviewer, reviewer_client, desk):
    pairs = [(desk[name].pk, reviewer.pk) for name in ("newest", "oldest")]
    Assignment.objects.assign(pairs, by=None)
    _label_all(desk["oldest"], reviewer)
    # From the last assigned article: around to the first assigned one, not on to the unassigned middle.
    response = reviewer_client.get(NEXT, {"article": desk["oldest"].pk})
    assert _lands_on(response) == _first_claim(desk["newest"]).get_absolute_url()


def test_a_claim_with_the_labels_it_needs_leaves_my_queue(reviewer, second_reviewer, reviewer_client, desk):
    Assignment.objects.assign([(desk["oldest"].pk, reviewer.pk)], by=None)
    claims = list(desk["oldest"].claims.labelled_kinds().order_by("position"))
    third = make_user("tara", roles.REVIEWERS)
    for other in (second_reviewer, third):
        claims[0].set_label(reviewer=other, value="opinion", expected_version=0)
    assert _lands_on(reviewer_client.get(NEXT)) == claims[1].get_absolute_url()


def test_one_label_is_enough_where_the_article_needs_one(reviewer, second_reviewer, reviewer_client, desk):
    article = desk["oldest"]
    Article.objects.filter(pk=article.pk).update(labels_needed=1)
    Assignment.objects.assign([(article.pk, reviewer.pk)], by=None)
    _label_all(article, second_reviewer)
    response = reviewer_client.get(NEXT, {"article": article.pk})
    assert _lands_on(response) == _first_claim(desk["newest"]).get_absolute_url()


def test_nothing_left_when_every_claim_is_mine_or_has_its_labels(reviewer, second_reviewer, desk):
    Article.objects.update(labels_needed=1)
    for article in desk.values():
        _label_all(article, second_reviewer)
    response = client_for(reviewer).get(NEXT, follow=True)
    assert "Nichts mehr offen" in response.content.decode()


def test_the_queue_needs_at_most_four_queries_whatever_the_desk(
    reviewer, reviewer_client, desk, django_assert_num_queries
):
    Assignment.objects.assign([(desk["oldest"].pk, reviewer.pk)], by=None)
    _label_all(desk["middle"], reviewer)
    reviewer_client.get(NEXT)
    # session, user, groups; the current article, its next claim, the next article in the queue, its claim
    with django_assert_num_queries(3 + 4):
        reviewer_client.get(NEXT, {"article": desk["middle"].pk})


# The article list agrees.


def test_the_list_shows_my_assigned_articles_first_and_marks_them(reviewer, reviewer_client, desk):
    Assignment.objects.assign([(desk["oldest"].pk, reviewer.pk)], by=None)
    html = reviewer_client.get("/").content.decode()
    urls = [reverse("article_detail", args=[desk[n].pk]) for n in ("oldest", "newest", "middle")]
    positions = [html.index(f'href="{u}"') for u in urls]
    assert positions == sorted(positions)
    assert html.count('<span class="tag assigned">mir zugewiesen</span>') == 1


def test_assigned_to_me_filters_the_list(reviewer, second_reviewer, reviewer_client, desk):
    Assignment.objects.assign(
        [(desk["oldest"].pk, reviewer.pk), (desk["newest"].pk, second_reviewer.pk)], by=None
    )
    html = reviewer_client.get("/", {"assigned": "1"}).content.decode()
    assert reverse("article_detail", args=[desk["oldest"].pk]) in html
    assert reverse("article_detail", args=[desk["newest"].pk]) not in html


def test_not_finished_by_me_leaves_out_articles_whose_claims_have_their_labels(
    reviewer, second_reviewer, reviewer_client, desk
):
    Article.objects.filter(pk=desk["oldest"].pk).update(labels_needed=1)
    _label_all(desk["oldest"], second_reviewer)
    html = reviewer_client.get("/", {"todo": "1"}).content.decode()
    assert reverse("article_detail", args=[desk["oldest"].pk]) not in html
    assert reverse("article_detail", args=[desk["newest"].pk]) in html


def test_the_progress_counts_the_claims_left_for_me(reviewer, second_reviewer, reviewer_client, desk):
    article = desk["oldest"]
    claims = list(article.claims.labelled_kinds().order_by("position"))
    Article.objects.filter(pk=article.pk).update(labels_needed=1)
    claims[0].set_label(reviewer=reviewer, value="fact", expected_version=0)
    claims[1].set_label(reviewer=second_reviewer, value="fact", expected_version=0)
    partial = reviewer_client.get(
        reverse("article_progress", args=[article.pk]), headers={"HX-Request": "true"}
    )
    assert f'<span data-count="open">{len(claims) - 2}</span> für Sie offen' in (partial.content.decode())


def test_the_desk_says_how_many_labels_a_claim_needs_and_marks_claims_that_have_them(
    reviewer, second_reviewer, reviewer_client, desk
):
    article = desk["oldest"]
    Article.objects.filter(pk=article.pk).update(labels_needed=1)
    claim = _first_claim(article)
    claim.set_label(reviewer=second_reviewer, value="fact", expected_version=0)
    html = reviewer_client.get(reverse("article_detail", args=[article.pk])).content.decode()
    assert "1 Einstufung je Behauptung benötigt" in html
    assert (
        f'id="claim-{claim.pk}" data-claim-id="{claim.pk}" class="claim" tabindex="-1" data-enough-labels>'
        in html
    )
    assert html.count("data-enough-labels") == 1


@pytest.mark.parametrize("n_articles", [1, 3])
def test_the_list_needs_the_same_queries_for_any_number_of_articles(
    reviewer, second_reviewer, reviewer_client, desk, n_articles, django_assert_num_queries
):
    for article in list(desk.values())[:n_articles]:
        Assignment.objects.assign([(article.pk, reviewer.pk)], by=None)
        _first_claim(article).set_label(reviewer=second_reviewer, value="fact", expected_version=0)
    reviewer_client.get("/")
    # session, user, groups; the page's assigned articles, then the others (each up to the page's end: no
    # count of every article); the page's rows with every figure; outlets
    with django_assert_num_queries(7):
        html = reviewer_client.get("/", {"todo": "1", "assigned": "1"}).content.decode()
    assert html.count('<span class="tag assigned">') == n_articles


def test_each_page_of_the_list_continues_where_the_one_before_ended(reviewer, desk):
    Assignment.objects.assign([(desk["oldest"].pk, reviewer.pk)], by=None)
    pages = [Article.objects.assigned_first_ids(reviewer, start, start + 1) for start in range(4)]
    order = [desk[name].pk for name in ("oldest", "newest", "middle")]
    assert pages == [[order[0]], [order[1]], [order[2]], []]
