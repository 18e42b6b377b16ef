"""The agreement page: leads and admins see the library's figures for the desk, reviewer pairs, a chosen
confusion matrix, outlets and recent articles; everyone else gets 403."""

from __future__ import annotations

import re

import pytest

from claims.agreement import (
    Ratings,
    confusion_matrix,
    fleiss_kappa,
    krippendorff_alpha,
    observed_agreement,
)
from claims.agreement.scopes import CATEGORIES
from claims.agreement.wording import kappa_text, share_text
from claims.models import Label
from tests.agreement_helpers import label_desk
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/agreement/"


@pytest.fixture
def desk(reviewer, second_reviewer, lead):
    return label_desk(reviewer, second_reviewer, lead)


@pytest.fixture
def lead_client(lead):
    return client_for(lead)


def test_a_reviewer_may_not_see_it(desk, reviewer):
    assert client_for(reviewer).get(URL).status_code == 403


def test_an_outsider_may_not_see_it(outsider):
    assert client_for(outsider).get(URL).status_code == 403


def test_an_admin_may(admin_user, desk):
    assert client_for(admin_user).get(URL).status_code == 200


def test_the_menu_shows_it_to_leads_only(desk, reviewer, lead_client):
    assert f'href="{URL}"' in lead_client.get("/").content.decode()
    assert f'href="{URL}"' not in client_for(reviewer).get("/").content.decode()


def test_the_desk_figures_are_the_librarys_in_german(desk, lead_client):
    response = lead_client.get(URL)
    alpha = krippendorff_alpha(desk.ratings())
    shown = response.context["desk"]
    assert (shown.alpha.text, shown.alpha.claims) == (kappa_text(alpha), alpha.items)
    assert f"{alpha.value:.2f}".replace(".", ",") in response.content.decode()


def test_each_pair_shows_its_cohens_kappa(desk, lead_client, reviewer, second_reviewer):
    pairs = lead_client.get(URL).context["pairs"]
    rita_sven = next(p for p in pairs if (p.first_name, p.second_name) == ("rita", "sven"))
    expected = confusion_matrix(desk.ratings(), reviewer.pk, second_reviewer.pk)
    assert (rita_sven.kappa.text, rita_sven.claims) == (kappa_text(expected.kappa), 5)
    assert [(p.first_name, p.second_name) for p in pairs] == [
        ("lena", "rita"),
        ("lena", "sven"),
        ("rita", "sven"),
    ]


def test_the_chosen_pairs_confusion_matrix_is_shaded_by_class(desk, lead_client, reviewer, second_reviewer):
    response = lead_client.get(URL, {"first": second_reviewer.pk, "second": reviewer.pk})
    matrix = response.context["matrix"]
    expected = confusion_matrix(desk.ratings(), second_reviewer.pk, reviewer.pk, CATEGORIES)
    assert [[cell.count for cell in row.cells] for row in matrix.rows] == [list(r) for r in expected.counts]
    assert '<td class="num shade-4 agree">2</td>' in response.content.decode()


def test_without_a_choice_it_shows_the_pair_with_most_claims_in_common(desk, lead_client):
    matrix = lead_client.get(URL).context["matrix"]
    assert (matrix.first_name, matrix.second_name, matrix.claims) == ("rita", "sven", 5)


def test_htmx_gets_only_the_confusion_matrix(desk, lead_client, reviewer, lead):
    response = lead_client.get(URL, {"first": lead.pk, "second": reviewer.pk}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="confusion"')
    assert "<html" not in html


def test_the_back_button_gets_the_whole_page_htmx_did_not_keep(desk, lead_client, reviewer, lead):
    # The pair's form pushes its URL; htmx keeps no pages (historyCacheSize 0) and asks for it again.
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = lead_client.get(URL, {"first": lead.pk, "second": reviewer.pk}, headers=headers)
    assert "<html" in response.content.decode()


def test_the_same_reviewer_twice_is_refused_in_words(desk, lead_client, reviewer):
    response = lead_client.get(URL, {"first": reviewer.pk, "second": reviewer.pk})
    assert "Wählen Sie zwei verschiedene Prüfer:innen." in response.content.decode()


def test_a_figure_that_cannot_be_computed_says_why(desk, lead_client):
    Label.objects.filter(claim__article=desk.second).update(value="fact")
    outlet = next(row for row in lead_client.get(URL).context["outlets"] if row.name == "example.org")
    assert outlet.alpha.text == "nicht berechenbar: nur eine Kategorie"
    assert outlet.alpha.scale is None


def test_outlets_and_articles_each_have_their_figures(desk, lead_client):
    context = lead_client.get(URL).context
    outlets = {row.name: row for row in context["outlets"]}
    first = Ratings(desk.labels["first"])
    assert outlets["tagesschau.de"].fleiss.text == kappa_text(fleiss_kappa(first))
    assert [row.article_id for row in context["articles"]] == [desk.second.pk, desk.first.pk]
    assert context["articles"][1].observed.text == share_text(observed_agreement(first))


def test_the_article_table_is_bounded(desk, lead_client, monkeypatch):
    monkeypatch.setattr("claims.views.agreement.ARTICLES_SHOWN", 1)
    assert [row.article_id for row in lead_client.get(URL).context["articles"]] == [desk.second.pk]


def test_kappa_bars_are_svg_attributes_not_inline_styles(desk, lead_client):
    html = lead_client.get(URL).content.decode()
    assert re.search(r'<rect class="bar" x="100\.0" y="3" width="\d+\.\d"', html)
    assert " style=" not in html


def test_usernames_and_outlets_are_isolated_as_user_content(desk, lead_client):
    html = lead_client.get(URL).content.decode()
    assert "<bdi>rita</bdi> – <bdi>sven</bdi>" in html
    assert "<bdi>example.org</bdi>" in html


def test_an_empty_desk_explains_itself(lead_client):
    html = lead_client.get(URL).content.decode()
    assert "nicht berechenbar: weniger als zwei Einstufungen je Behauptung" in html


def test_the_page_is_five_queries_after_the_session(desk, lead, django_assert_num_queries):
    client = client_for(lead)
    client.get(URL)  # the session's own queries settle
    # session, user, groups; labels, articles, reviewers; settled labels, labelling activity
    with django_assert_num_queries(3 + 3 + 2):
        client.get(URL)
