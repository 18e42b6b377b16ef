"""The article page: reading order, the row contract, hidden values and a constant number of queries."""

from __future__ import annotations

import re

import pytest
from django.test.utils import override_script_prefix
from django.urls import reverse

from claims import roles
from claims.models import Claim, Label
from tests.conftest import client_for, make_user
from tests.desk_helpers import htmx_post


def _url(article):
    return reverse("article_detail", args=[article.pk])


def test_it_shows_every_claim_as_a_row_in_reading_order(reviewer_client, seed_article):
    claims = list(seed_article.claims.labelled_kinds().order_by("position"))
    html = reviewer_client.get(_url(seed_article)).content.decode()
    positions = [html.index(f'id="claim-{c.pk}" data-claim-id="{c.pk}"') for c in claims]
    assert positions == sorted(positions)
    assert html.count('<button name="label" value="fact"') == len(claims)


def test_it_marks_the_claims_i_labelled(reviewer, reviewer_client, seed_article):
    claim = seed_article.claims.labelled_kinds().first()
    claim.set_label(reviewer=reviewer, value="opinion", expected_version=0)
    html = reviewer_client.get(_url(seed_article)).content.decode()
    assert (
        f'id="claim-{claim.pk}" data-claim-id="{claim.pk}" class="claim" tabindex="-1" data-label="opinion"'
        in html
    )
    assert html.count("data-label=") == 1


def test_it_hides_other_reviewers_values_until_i_label(reviewer, second_reviewer, seed_article):
    claim = seed_article.claims.labelled_kinds().first()
    claim.set_label(reviewer=second_reviewer, value="unverifiable", expected_version=0)
    before = client_for(reviewer).get(_url(seed_article)).content.decode()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    after = client_for(reviewer).get(claim.get_absolute_url()).content.decode()
    assert "1 weitere Person · Einstufungen verborgen, bis Sie eingestuft haben" in before
    assert "1 weitere Person: 1 Nicht überprüfbar" in after


def test_the_others_are_counted_per_value_on_the_page_and_after_labelling(reviewer, seed_article):
    claim = seed_article.claims.labelled_kinds().first()
    for name, value in [("ana", "fact"), ("ben", "opinion"), ("cem", "fact")]:
        claim.set_label(reviewer=make_user(name, roles.REVIEWERS), value=value, expected_version=0)
    client = client_for(reviewer)
    before = client.get(claim.get_absolute_url()).content.decode()
    label_url = reverse("label_claim", args=[claim.pk])
    row = htmx_post(client, label_url, {"label": "unverifiable", "version": "0"}).content.decode()
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "3 weitere Personen · Einstufungen verborgen, bis Sie eingestuft haben" in before
    for html in (row, page):
        assert "3 weitere Personen: 2 Fakt, 1 Meinung" in html
        assert '<strong class="label-badge unverifiable">Nicht überprüfbar</strong>' in html


def test_leads_always_see_the_values(lead, second_reviewer, seed_article):
    claim = seed_article.claims.labelled_kinds().first()
    claim.set_label(reviewer=second_reviewer, value="unverifiable", expected_version=0)
    html = client_for(lead).get(_url(seed_article)).content.decode()
    assert "1 weitere Person: 1 Nicht überprüfbar" in html


@pytest.mark.parametrize("prefix", ["/", "/desk/"])
def test_the_rows_urls_are_the_ones_reverse_gives_under_any_script_prefix(
    reviewer, reviewer_client, seed_article, prefix
):
    claim = seed_article.claims.labelled_kinds().first()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)  # for the note's form
    page = f"{_url(seed_article)}?claim={claim.pk}"  # opened at the claim, with its tools
    with override_script_prefix(prefix):  # as a server mounted under /desk/ sets it (SCRIPT_NAME)
        html = reviewer_client.get(page).content.decode()
        row_urls = ["label_claim", "save_note", "claim_history", "add_evidence", "claim_tools"]
        urls = {name: reverse(name, args=[claim.pk]) for name in row_urls}
        opened_at = claim.get_absolute_url()
    assert urls["label_claim"].startswith(prefix)
    assert opened_at == f"{prefix}articles/{seed_article.pk}/?claim={claim.pk}#claim-{claim.pk}"
    assert f'data-tools="{urls["claim_tools"]}"' in html
    assert f'hx-post="{urls["label_claim"]}"' in html
    assert f'hx-post="{urls["save_note"]}"' in html
    assert f'hx-get="{urls["claim_history"]}"' in html
    assert f'hx-get="{urls["add_evidence"]}"' in html


def test_an_outsider_cannot_open_the_desk(outsider, seed_article):
    assert client_for(outsider).get(_url(seed_article)).status_code == 403


def test_headings_look_like_headings_and_boilerplate_is_collapsed(reviewer_client, seed_article):
    first, second = seed_article.claims.order_by("position")[:2]
    Claim.objects.filter(pk=first.pk).update(kind="heading")
    Claim.objects.filter(pk=second.pk).update(kind="boilerplate")
    html = reviewer_client.get(_url(seed_article)).content.decode()
    assert f'<li class="unit heading" id="unit-{first.pk}">' in html
    assert f'id="claim-{second.pk}"' not in html


@pytest.mark.parametrize("extra_claims", [0, 20])
def test_the_page_needs_the_same_number_of_queries_for_any_length(
    reviewer, second_reviewer, reviewer_client, seed_article, django_assert_num_queries, extra_claims
):
    claims = list(seed_article.claims.labelled_kinds())
    for claim in claims[:extra_claims]:
        claim.set_label(reviewer=second_reviewer, value="fact", expected_version=0)
        claim.evidence.create(url="https://example.org/a", stance="supports", added_by=second_reviewer)
    # session, user, groups (kept for is_lead), article with progress, the claim the page opens at, the
    # units before it, the window's claims, their labels, their evidence, the corrections of the details
    with django_assert_num_queries(10):
        assert reviewer_client.get(_url(seed_article)).status_code == 200


def test_the_progress_partial_counts_my_labels(reviewer, reviewer_client, seed_article):
    seed_article.claims.labelled_kinds().first().set_label(
        reviewer=reviewer, value="fact", expected_version=0
    )
    url = reverse("article_progress", args=[seed_article.pk])
    partial = reviewer_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert '<span data-count="mine">1</span>' in partial
    assert "<html" not in partial


def test_an_outsider_gets_no_progress(outsider, seed_article):
    response = client_for(outsider).get(reverse("article_progress", args=[seed_article.pk]))
    assert response.status_code == 403


def test_the_label_buttons_are_exactly_the_label_values(reviewer, reviewer_client, seed_article):
    # The buttons derive from Label.Value: its codes, words and keys, in its order, in the interface language.
    claim = seed_article.claims.labelled_kinds().first()
    claim.set_label(reviewer=reviewer, value="unverifiable", expected_version=0)
    html = reviewer_client.get(_url(seed_article)).content.decode()
    row = html[html.index(f'id="claim-{claim.pk}"') :]
    row = row[: row.index("</form>")]
    buttons = re.findall(
        r'<button name="label" value="(\w+)" class="label-button \1" aria-keyshortcuts="(\w)"'
        r' aria-pressed="(true|false)">([^<]+) <kbd aria-hidden="true">\2</kbd></button>',
        row,
    )
    assert buttons == [
        (value, value.key, "true" if value == "unverifiable" else "false", value.label)
        for value in Label.Value
    ]
    assert [(key, word) for _, key, _, word in buttons] == [
        ("f", "Fakt"),
        ("m", "Meinung"),
        ("n", "Nicht überprüfbar"),
    ]


def test_the_shortcuts_overlay_lists_every_label_key(reviewer_client, seed_article):
    html = reviewer_client.get(_url(seed_article)).content.decode()
    overlay = html[html.index('<dialog id="shortcuts"') :]
    for value in Label.Value:
        assert f"<kbd>{value.key}</kbd></th><td>Als „{value.label}“ einstufen," in overlay
