"""The disputes queue: leads see the claims whose labels differ and the reopened ones, the longest-waiting
first, each with its article context and every reviewer's label, note and evidence; everyone else gets 403."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from claims.models import Label
from claims.shortcuts import HELP, MOVE_DOWN, MOVE_UP, dispute_keys
from claims.views import disputes
from tests.conftest import client_for
from tests.exporting import evidence, make_article

URL = reverse("disputes")


@pytest.fixture
def queue(db, reviewer, second_reviewer, lead):
    """Five claims of one article: agreed, disputed, settled, reopened, disputed; each disputed pair labelled
    later than the one before, so the queue is oldest first in reading order."""
    texts = ["Vorher.", "Erster Streit.", "Entschieden.", "Wieder offen.", "Zweiter Streit."]
    article = make_article(texts, title="Streitartikel")
    agreed, first, settled, reopened, second = article.claims.order_by("position")
    for user in (reviewer, second_reviewer):
        agreed.set_label(reviewer=user, value="fact", expected_version=0)
    for claim in (first, settled, reopened, second):
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
        claim.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    Label.objects.filter(claim=first, reviewer=reviewer).update(note="Zahl stimmt laut Amt")
    evidence(first, second_reviewer, "https://amt.example/zahl", "refutes", note="Andere Zahl")
    settled.decide(by=lead, value="fact", expected=0)
    decided = reopened.decide(by=lead, value="fact", reason="Amtliche Zahl", expected=0)
    reopened.set_label(reviewer=second_reviewer, value="unverifiable", expected_version=1)
    times = {first: 10, reopened: 20, second: 30}  # minutes after the decisions
    for claim, minutes in times.items():
        Label.objects.filter(claim=claim).update(updated_at=decided.decided_at + timedelta(minutes=minutes))
    return {"agreed": agreed, "first": first, "settled": settled, "reopened": reopened, "second": second}


@pytest.fixture
def lead_client(lead):
    return client_for(lead)


def test_a_reviewer_may_not_see_the_disputes(queue, reviewer):
    assert client_for(reviewer).get(URL).status_code == 403


def test_an_outsider_may_not_either(outsider):
    assert client_for(outsider).get(URL).status_code == 403


def test_an_admin_may(admin_user, queue):
    assert client_for(admin_user).get(URL).status_code == 200


def test_the_menu_links_it_for_leads_only(queue, reviewer, lead_client):
    assert f'href="{URL}"' in lead_client.get("/").content.decode()
    assert f'href="{URL}"' not in client_for(reviewer).get("/").content.decode()


def test_the_queue_holds_the_disputed_and_reopened_claims_longest_waiting_first(queue, lead_client):
    shown = [d.claim for d in lead_client.get(URL).context["disputes"]]
    assert shown == [queue["first"], queue["reopened"], queue["second"]]


def test_a_claim_whose_labels_changed_lately_waits_less(queue, lead_client):
    Label.objects.filter(claim=queue["first"]).update(updated_at=timezone.now() + timedelta(days=1))
    shown = [d.claim for d in lead_client.get(URL).context["disputes"]]
    assert shown == [queue["reopened"], queue["second"], queue["first"]]


def test_each_dispute_shows_its_context_and_every_reviewers_label_note_and_evidence(queue, lead_client):
    html = lead_client.get(URL).content.decode()
    first = html[
        html.index(f'id="dispute-{queue["first"].pk}"') : html.index(f'id="dispute-{queue["reopened"].pk}"')
    ]
    assert '<p class="context" dir="auto"><bdi>Vorher.</bdi></p>' in first
    assert '<p class="claim-text" dir="auto"><bdi>Erster Streit.</bdi></p>' in first
    assert '<p class="context" dir="auto"><bdi>Entschieden.</bdi></p>' in first
    assert '<bdi class="reviewer">rita</bdi>: <strong class="label-badge">Fakt</strong>' in first
    assert '<span class="note" dir="auto">Zahl stimmt laut Amt</span>' in first
    assert '<bdi class="reviewer">sven</bdi>: <strong class="label-badge">Meinung</strong>' in first
    assert "https://amt.example/zahl" in first
    assert "von <bdi>sven</bdi>" in first


def test_a_reopened_dispute_shows_the_decision_and_the_label_that_reopened_it(queue, lead_client):
    dispute = next(d for d in lead_client.get(URL).context["disputes"] if d.claim == queue["reopened"])
    assert (dispute.status, dispute.decision.reason) == ("reopened", "Amtliche Zahl")
    assert [(item.label.reviewer.username, item.reopens) for item in dispute.labels] == [
        ("rita", False),
        ("sven", True),
    ]


def test_the_page_links_each_claim_in_its_article(queue, lead_client):
    html = lead_client.get(URL).content.decode()
    first = queue["first"]
    assert f'href="/articles/{first.article_id}/?claim={first.pk}#claim-{first.pk}"' in html


def test_the_queue_is_bounded_a_page_at_a_time(queue, lead_client, monkeypatch):
    monkeypatch.setattr(disputes, "DISPUTES_PER_PAGE", 2)
    first_page = lead_client.get(URL)
    second_page = lead_client.get(URL, {"page": 2})
    assert [d.claim for d in first_page.context["disputes"]] == [queue["first"], queue["reopened"]]
    assert [d.claim for d in second_page.context["disputes"]] == [queue["second"]]
    assert "3 Streitfälle warten auf eine Leitung." in first_page.content.decode()


def test_htmx_asks_only_for_the_count(queue, lead_client):
    response = lead_client.get(URL, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.startswith('<p id="dispute-count"')
    assert "3 Streitfälle warten auf eine Leitung." in html


def test_an_empty_queue_says_so(db, lead_client):
    html = lead_client.get(URL).content.decode()
    assert "Keine Streitfälle" in html


def test_the_page_costs_the_same_queries_for_any_number_of_disputes(
    queue, lead, reviewer, second_reviewer, django_assert_num_queries
):
    client = client_for(lead)
    client.get(URL)
    more = make_article(["Noch einer.", "Und noch einer."], title="Mehr")
    for claim in more.claims.all():
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
        claim.set_label(reviewer=second_reviewer, value="unverifiable", expected_version=0)
    jit = 2 if connection.vendor == "postgresql" else 0  # SET jit = off, RESET jit
    # session, user, groups; count, claims, labels, evidence, decisions
    with django_assert_num_queries(3 + 5 + jit):
        response = client.get(URL)
    assert len(response.context["disputes"]) == 5


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_keys_are_distinct_and_the_reason_key_is_its_words_first_letter(language):
    with translation.override(language):
        keys = dispute_keys()
        word = translation.pgettext("the disputes page's reason key stands for this word", "Reason")
    assert len(set(keys.all())) == len(keys.all())
    assert keys.reason == word[0].lower()
    assert {MOVE_DOWN, MOVE_UP, HELP} <= set(keys.all())


def test_the_page_shows_the_keys_on_the_buttons_and_the_reason_field(queue, lead_client):
    html = lead_client.get(URL).content.decode()
    assert 'aria-keyshortcuts="b"></textarea>' in html
    assert (
        'aria-keyshortcuts="m" aria-pressed="false">Meinung <kbd aria-hidden="true">m</kbd></button>' in html
    )


def test_a_claim_reopened_by_labels_that_now_agree_with_each_other_is_in_the_queue(
    db, reviewer, second_reviewer, lead, lead_client
):
    claim = make_article(["Beide umgeschwenkt."]).claims.get()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    claim.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    claim.decide(by=lead, value="unverifiable", expected=0)
    claim.set_label(reviewer=reviewer, value="opinion", expected_version=1)
    [dispute] = lead_client.get(URL).context["disputes"]
    assert (dispute.claim, dispute.status) == (claim, "reopened")


def test_the_count_stops_at_its_bound_and_says_more(queue, lead_client, monkeypatch):
    monkeypatch.setattr("claims.views.disputes.DISPUTES_COUNTED", 2)
    html = lead_client.get(URL, headers={"HX-Request": "true"}).content.decode()
    assert "Mehr als 2 Streitfälle warten auf eine Leitung." in html


def test_the_queue_pages_without_counting_every_dispute(queue, lead_client, monkeypatch):
    monkeypatch.setattr("claims.views.disputes.DISPUTES_PER_PAGE", 2)
    first = lead_client.get(URL).content.decode()
    second = lead_client.get(URL, {"page": "2"}).content.decode()
    assert 'rel="next" href="?page=2"' in first
    assert "Seite 2" in second
