"""Leads assign articles to reviewers: the plans (every reviewer, an even spread), the page, unassigning."""

from __future__ import annotations

from collections import Counter

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from claims import assigning, importing, roles
from claims.models import Article, Assignment, Label
from tests.conftest import SEEDS, client_for, make_user
from tests.desk_helpers import form_post

PAGE = reverse("assign")

# The plans.


@given(
    n_articles=st.integers(0, 30),
    n_reviewers=st.integers(1, 8),
    data=st.data(),
)
def test_a_spread_gives_each_article_k_reviewers_and_loads_differ_by_at_most_one(
    n_articles, n_reviewers, data
):
    overlap = data.draw(st.integers(1, n_reviewers))
    pairs = assigning.spread(range(n_articles), range(100, 100 + n_reviewers), overlap)
    per_article = Counter(article for article, _ in pairs)
    loads = Counter(reviewer for _, reviewer in pairs)
    assert len(set(pairs)) == len(pairs)
    assert all(per_article[a] == overlap for a in range(n_articles))
    assert max(loads.values(), default=0) - min(loads[r] for r in range(100, 100 + n_reviewers)) <= 1


def test_a_spread_goes_round_robin_in_the_reviewers_order():
    assert assigning.spread([1, 2, 3], [10, 20], 1) == [(1, 10), (2, 20), (3, 10)]


def test_a_reviewer_who_has_an_article_counts_towards_its_overlap():
    assert assigning.spread([1], [10, 20, 30], 2, existing={(1, 30)}) == [(1, 10)]


def test_an_overlap_larger_than_the_reviewers_is_refused():
    with pytest.raises(ValueError, match="overlap must be between 1 and 1"):
        assigning.spread([1], [10], 2)


def test_each_to_every_leaves_out_what_is_there():
    assert assigning.to_every([1, 2], [10, 20], existing={(1, 10)}) == [(1, 20), (2, 10), (2, 20)]


# The page.


@pytest.fixture
def articles(seed_article):
    others = [
        importing.store(importing.parse_file(path.name, path.read_bytes())).article
        for path in sorted(SEEDS.glob("00[01]_*.txt"))
    ]
    return [seed_article, *others]


@pytest.fixture
def lead_client(lead):
    return client_for(lead)


def _assign(client, articles, reviewers, **data):
    payload = {
        "articles": [a.pk for a in articles],
        "reviewers": [r.pk for r in reviewers],
        "action": "assign",
        **data,
    }
    return form_post(client, PAGE, payload, page=PAGE)


def _pairs() -> set[tuple[int, int]]:
    return set(Assignment.objects.values_list("article_id", "reviewer_id"))


def test_a_lead_assigns_each_article_to_every_chosen_reviewer(
    lead, lead_client, reviewer, second_reviewer, articles
):
    response = _assign(lead_client, articles[:2], [reviewer, second_reviewer], mode="every")
    assert response.status_code == 302
    assert _pairs() == {(a.pk, r.pk) for a in articles[:2] for r in (reviewer, second_reviewer)}
    assert set(Assignment.objects.values_list("assigned_by", flat=True)) == {lead.pk}


def test_the_page_then_shows_who_got_what(lead_client, reviewer, second_reviewer, articles):
    response = _assign(lead_client, articles[:1], [reviewer, second_reviewer], mode="every")
    html = lead_client.get(response["Location"]).content.decode()
    outcome = html[html.index('class="assign-outcome"') : html.index("</section>")]
    assert outcome.count(f"<bdi>{articles[0].title}</bdi>") == 2
    assert "<bdi>rita</bdi>" in outcome
    assert "<bdi>sven</bdi>" in outcome


def test_the_outcome_is_shown_once(lead_client, reviewer, articles):
    response = _assign(lead_client, articles[:1], [reviewer], mode="every")
    lead_client.get(response["Location"])
    assert "assign-outcome" not in lead_client.get(PAGE).content.decode()


def test_a_spread_with_overlap_one_shares_the_articles_out(lead_client, reviewer, second_reviewer, articles):
    _assign(lead_client, articles, [reviewer, second_reviewer], mode="spread", overlap=1)
    loads = Counter(Assignment.objects.values_list("reviewer_id", flat=True))
    assert Assignment.objects.count() == 3
    assert sorted(loads.values()) == [1, 2]


def test_a_spread_one_article_at_a_time_goes_round_the_desk(lead_client, reviewer, second_reviewer, articles):
    for article in articles[:2]:
        _assign(lead_client, [article], [reviewer, second_reviewer], mode="spread", overlap=1)
    assert Counter(Assignment.objects.values_list("reviewer_id", flat=True)) == {
        reviewer.pk: 1,
        second_reviewer.pk: 1,
    }


def test_assigning_again_adds_nothing_and_says_so(lead_client, reviewer, second_reviewer, articles):
    _assign(lead_client, articles[:2], [reviewer, second_reviewer], mode="spread", overlap=1)
    before = _pairs()
    response = _assign(lead_client, articles[:2], [reviewer, second_reviewer], mode="spread", overlap=1)
    html = lead_client.get(response["Location"]).content.decode()
    assert _pairs() == before
    assert "Schon zugewiesen" in html


def test_the_lead_sets_the_labels_each_claim_needs(lead_client, reviewer, articles):
    _assign(lead_client, articles[:2], [reviewer], mode="every", labels_needed=3)
    needed = dict(Article.objects.values_list("pk", "labels_needed"))
    assert [needed[a.pk] for a in articles] == [3, 3, 2]


def test_left_empty_each_article_keeps_its_labels_needed(lead_client, reviewer, articles):
    Article.objects.filter(pk=articles[0].pk).update(labels_needed=4)
    _assign(lead_client, articles[:2], [reviewer], mode="every", labels_needed="")
    needed = dict(Article.objects.values_list("pk", "labels_needed"))
    assert (needed[articles[0].pk], needed[articles[1].pk]) == (4, 2)


def test_new_articles_need_the_labels_the_settings_say(settings, db):
    settings.LABELS_NEEDED_DEFAULT = 3
    path = next(SEEDS.glob("002_*.txt"))
    article = importing.store(importing.parse_file(path.name, path.read_bytes())).article
    assert article.labels_needed == 3


def test_unassigning_takes_the_articles_away_and_keeps_the_labels(
    lead_client, reviewer, second_reviewer, articles
):
    _assign(lead_client, articles[:2], [reviewer, second_reviewer], mode="every")
    claim = articles[0].claims.labelled_kinds().first()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    response = _assign(lead_client, articles[:1], [reviewer], action="unassign")
    html = lead_client.get(response["Location"]).content.decode()
    assert (articles[0].pk, reviewer.pk) not in _pairs()
    assert len(_pairs()) == 3
    assert Label.objects.filter(reviewer=reviewer).count() == 1
    assert "Nicht mehr zugewiesen" in html


def test_one_assignment_is_removed_with_its_button(lead_client, reviewer, second_reviewer, articles):
    _assign(lead_client, articles[:1], [reviewer, second_reviewer], mode="every")
    assignment = Assignment.objects.get(reviewer=reviewer)
    page = lead_client.get(PAGE).content.decode()
    remove_url = reverse("remove_assignment", args=[assignment.pk])
    assert f'<form id="remove-{assignment.pk}" method="post" action="{remove_url}" hidden>' in page
    assert f'form="remove-{assignment.pk}"' in page
    response = form_post(lead_client, remove_url + "?q=x&evil=1", {}, page=PAGE)
    assert response["Location"] == PAGE + "?q=x"
    assert _pairs() == {(articles[0].pk, second_reviewer.pk)}


def test_an_overlap_larger_than_the_chosen_reviewers_is_refused(lead_client, reviewer, articles):
    response = _assign(lead_client, articles[:1], [reviewer], mode="spread", overlap=2)
    assert response.status_code == 422
    assert "Höchstens so viele, wie Prüfer:innen gewählt sind (1)." in response.content.decode()
    assert not _pairs()


def test_the_form_keeps_what_was_chosen_when_it_is_refused(lead_client, reviewer, articles):
    html = _assign(lead_client, articles[:1], [], mode="every").content.decode()
    assert "Wählen Sie mindestens eine Person aus." in html
    assert f'value="{articles[0].pk}" id="article-{articles[0].pk}" checked' in html


def test_only_people_on_the_desk_can_be_assigned(lead_client, outsider, articles):
    assert _assign(lead_client, articles[:1], [outsider], mode="every").status_code == 422
    assert not _pairs()


def test_the_page_offers_the_desks_reviewers_with_their_load(
    lead_client, reviewer, second_reviewer, articles
):
    Assignment.objects.assign([(articles[0].pk, reviewer.pk), (articles[1].pk, reviewer.pk)], by=None)
    make_user("inactive", roles.REVIEWERS, is_active=False)
    html = lead_client.get(PAGE).content.decode()
    assert '<bdi>rita</bdi> <span class="muted">(2 Artikel zugewiesen)</span>' in html
    assert "<bdi>sven</bdi>" in html
    assert "inactive" not in html


@pytest.mark.parametrize("persona", ["reviewer", "outsider"])
def test_only_leads_and_admins_assign(request, persona, articles):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get(PAGE).status_code == 403
    assert _assign(client, articles[:1], [user], mode="every").status_code == 403
    assert not _pairs()


def test_a_reviewer_cannot_remove_an_assignment(reviewer, reviewer_client, articles):
    Assignment.objects.assign([(articles[0].pk, reviewer.pk)], by=None)
    assignment = Assignment.objects.get()
    assert (
        form_post(reviewer_client, reverse("remove_assignment", args=[assignment.pk]), {}).status_code == 403
    )
    assert Assignment.objects.exists()


def test_an_admin_assigns_too(admin_user, reviewer, articles):
    assert _assign(client_for(admin_user), articles[:1], [reviewer], mode="every").status_code == 302


def test_a_post_without_the_csrf_token_is_refused(lead_client, reviewer, articles):
    response = lead_client.post(PAGE, {"articles": [articles[0].pk], "reviewers": [reviewer.pk]})
    assert response.status_code == 403


def test_the_lists_filters_survive_the_redirect(lead_client, reviewer, articles):
    response = form_post(
        lead_client,
        PAGE + "?q=Maduro&unassigned=1&next=https://evil.example",
        {"articles": [articles[0].pk], "reviewers": [reviewer.pk], "action": "assign", "mode": "every"},
        page=PAGE,
    )
    assert response["Location"] == PAGE + "?q=Maduro&unassigned=1"


def test_assigned_to_nobody_lists_only_unassigned_articles(lead_client, reviewer, articles):
    Assignment.objects.assign([(articles[0].pk, reviewer.pk)], by=None)
    html = lead_client.get(PAGE, {"unassigned": "1"}).content.decode()
    assert f'id="article-{articles[0].pk}"' not in html
    assert f'id="article-{articles[1].pk}"' in html


@pytest.mark.parametrize("assigned", [1, 3])
def test_the_page_needs_the_same_queries_for_any_number_of_articles(
    lead_client, reviewer, second_reviewer, articles, django_assert_num_queries, assigned
):
    pairs = [(a.pk, r.pk) for a in articles[:assigned] for r in (reviewer, second_reviewer)]
    Assignment.objects.assign(pairs, by=None)
    lead_client.get(PAGE)  # the session's first read
    # session, user, groups; the articles' count and page, their assignments with reviewers; reviewers with
    # their load; outlets
    with django_assert_num_queries(8):
        assert lead_client.get(PAGE).status_code == 200
