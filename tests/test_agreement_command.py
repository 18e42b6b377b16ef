"""`manage.py agreement`: the library's figures for the desk, an outlet or an article, as JSON or a table in
the desk's language."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.agreement import agreement, confusion_matrix
from claims.agreement.scopes import CATEGORIES, agreement_for
from claims.models import Label
from tests.agreement_helpers import label_desk

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(reviewer, second_reviewer, lead):
    return label_desk(reviewer, second_reviewer, lead)


def run(*args: str) -> str:
    out = StringIO()
    call_command("agreement", *args, stdout=out)
    return out.getvalue()


def as_json(*args: str) -> dict:
    return json.loads(run("--format", "json", *args))


def test_the_json_gives_the_librarys_figures_for_the_whole_desk(desk):
    expected = agreement(desk.ratings(), CATEGORIES)
    document = as_json()
    assert document["krippendorff_alpha"] == {"value": expected.alpha.value, "claims": expected.alpha.items}
    assert document["fleiss_kappa"]["value"] == expected.fleiss.value
    assert document["observed_agreement"]["value"] == expected.observed.value


def test_labels_on_headings_and_repeated_units_do_not_count(desk):
    document = as_json()
    assert (document["scope"], document["claims"], document["labels"]) == ({"kind": "desk"}, 6, 14)


def test_each_pair_has_its_kappa_and_confusion_matrix(desk, reviewer, second_reviewer):
    pair = next(p for p in as_json()["pairs"] if p["reviewers"] == ["rita", "sven"])
    expected = confusion_matrix(desk.ratings(), reviewer.pk, second_reviewer.pk, CATEGORIES)
    assert pair["confusion_matrix"] == {
        "categories": list(CATEGORIES),
        "rows": [[2, 1, 0], [0, 1, 0], [0, 0, 1]],
    }
    assert (pair["cohen_kappa"]["value"], pair["claims"]) == (expected.kappa.value, 5)


def test_pairs_are_named_in_alphabetical_order(desk):
    assert [p["reviewers"] for p in as_json()["pairs"]] == [
        ["lena", "rita"],
        ["lena", "sven"],
        ["rita", "sven"],
    ]


def test_an_article_is_its_own_scope(desk):
    expected = agreement(desk.ratings("first"), CATEGORIES)
    document = as_json("--article", str(desk.first.pk))
    assert document["scope"] == {"kind": "article", "article": desk.first.pk, "title": desk.first.title}
    assert document["krippendorff_alpha"]["value"] == expected.alpha.value


def test_an_outlet_is_its_own_scope(desk):
    expected = agreement(desk.ratings("second"), CATEGORIES)
    document = as_json("--outlet", "example.org")
    assert (document["claims"], document["labels"]) == (2, 4)
    assert document["observed_agreement"]["value"] == expected.observed.value


def test_a_figure_without_a_value_says_why_in_the_desks_language(reviewer, second_reviewer, desk):
    Label.objects.filter(claim__article=desk.second).update(value="fact")
    alpha = as_json("--outlet", "example.org")["krippendorff_alpha"]
    assert alpha["value"] is None
    assert (alpha["not_computable"], alpha["reason"]) == (
        "one_category",
        "nicht berechenbar: nur eine Kategorie",
    )


def test_the_table_speaks_german_by_default(desk):
    table = run("--article", str(desk.first.pk))
    alpha = agreement(desk.ratings("first")).alpha.value
    assert "Krippendorffs Alpha" in table
    assert f"{alpha:.2f}".replace(".", ",") in table


def test_the_table_speaks_the_desks_language(desk, settings):
    settings.LANGUAGE_CODE = "en"
    table = run()
    assert "Krippendorff's alpha" in table
    assert f"{agreement(desk.ratings()).alpha.value:.2f}" in table


def test_an_unknown_article_is_refused(db):
    with pytest.raises(CommandError, match="999"):
        run("--article", "999")


def test_a_scope_is_read_in_one_query(desk, django_assert_num_queries):
    with django_assert_num_queries(1):
        agreement_for(outlet="tagesschau.de")
