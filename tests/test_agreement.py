"""The agreement figures: small tables checked by hand, textbook examples, and random tables against the
reference implementations (krippendorff, scikit-learn, statsmodels), which are test-only dependencies."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction
from itertools import combinations

import krippendorff
import numpy as np
import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss_kappa

from claims.agreement import (
    NotComputable,
    Ratings,
    agreement,
    cohen_kappa,
    confusion_matrix,
    fleiss_kappa,
    krippendorff_alpha,
    observed_agreement,
    rater_pairs,
)

FACT, OPINION, UNVERIFIABLE = "fact", "opinion", "unverifiable"


def table(*rows: str, raters: str = "abcdefghijklmnop") -> Ratings:
    """One string per item, one character per rater: f, o, u or "." for no label."""
    codes = {"f": FACT, "o": OPINION, "u": UNVERIFIABLE}
    return Ratings(
        (item, rater, codes[mark])
        for item, row in enumerate(rows)
        for rater, mark in zip(raters, row, strict=False)
        if mark != "."
    )


def from_counts(*rows: list[int]) -> Ratings:
    """Items given as counts per category (as Fleiss and statsmodels tabulate them); rater names are
    arbitrary, since Fleiss' kappa does not follow raters across items."""
    return Ratings(
        (item, f"r{i}", category)
        for item, counts in enumerate(rows)
        for i, category in enumerate(c for c, n in enumerate(counts) for _ in range(n))
    )


# Small tables, checked by hand.


def test_one_category_only_leaves_kappa_and_alpha_not_computable():
    ratings = table("ff", "ff", "ff")
    figures = agreement(ratings)
    assert figures.observed.value == 1.0
    assert figures.alpha.not_computable == NotComputable.ONE_CATEGORY
    assert figures.fleiss.not_computable == NotComputable.ONE_CATEGORY
    assert figures.pairs[0].kappa.not_computable == NotComputable.ONE_CATEGORY


def test_a_figure_without_a_value_says_why_in_words():
    figure = krippendorff_alpha(table("ff", "ff"))
    with translation.override("en"):
        assert str(figure) == "n/a: one category only"
    with translation.override("de"):
        assert str(figure) == "nicht berechenbar: nur eine Kategorie"


def test_missing_labels_count_where_two_or_more_labels_meet():
    # Items 0, 1, 3 and 4 have two or more labels; item 2 only one.
    ratings = table("ff.", "fo.", "o..", ".oo", "ooo")
    assert observed_agreement(ratings).value == pytest.approx(5 / 6)
    assert observed_agreement(ratings).pairs == 6
    # n_f = 3, n_o = 6 pairable labels; one disagreeing pair in a two-label item.
    assert krippendorff_alpha(ratings).value == pytest.approx(1 - 8 * 2 / 36)
    assert krippendorff_alpha(ratings).items == 4


def test_fleiss_kappa_takes_the_most_common_number_of_labels():
    ratings = table("ff.", "fo.", "o..", ".oo", "ooo")
    figure = fleiss_kappa(ratings)
    assert (figure.labels_per_item, figure.items) == (2, 3)
    assert figure.value == pytest.approx(1 / 3)  # P = 2/3, Pe = 1/2


def test_on_a_tie_fleiss_kappa_takes_the_larger_number_of_labels():
    figure = fleiss_kappa(table("ff.", "ooo"))
    assert (figure.labels_per_item, figure.items) == (3, 1)


def test_cohens_kappa_rests_on_the_claims_both_labelled():
    ratings = table("ff.", "fo.", "o..", ".oo", "ooo")
    assert cohen_kappa(ratings, "a", "b").value == pytest.approx(0.4)  # po = 2/3, pe = 4/9
    assert cohen_kappa(ratings, "a", "b").items == 3
    assert cohen_kappa(ratings, "a", "c").not_computable == NotComputable.ONE_CATEGORY


def test_two_reviewers_who_never_met_have_no_kappa():
    ratings = table("f.", ".o")
    assert cohen_kappa(ratings, "a", "b").not_computable == NotComputable.NO_SHARED_CLAIMS
    assert rater_pairs(ratings) == []


def test_one_item_with_one_label_gives_no_figure_at_all():
    figures = agreement(table("f"))
    assert {figures.observed.not_computable, figures.fleiss.not_computable, figures.alpha.not_computable} == {
        NotComputable.TOO_FEW_LABELS
    }
    assert (figures.items, figures.labels, figures.pairs) == (1, 1, ())


def test_one_item_two_differing_labels():
    figures = agreement(table("fo"))
    assert figures.observed.value == 0.0
    assert figures.alpha.value == 0.0
    assert figures.fleiss.value == -1.0
    assert figures.pairs[0].kappa.value == 0.0


def test_no_labels_at_all_gives_reasons_not_errors():
    figures = agreement(Ratings([]))
    assert figures.alpha.not_computable == NotComputable.TOO_FEW_LABELS
    assert figures.observed.items == 0


def test_perfect_agreement_is_one_everywhere():
    figures = agreement(table("fff", "ooo", "uuu", "fff"))
    assert (figures.observed.value, figures.fleiss.value, figures.alpha.value) == (1.0, 1.0, 1.0)
    assert {pair.kappa.value for pair in figures.pairs} == {1.0}


def test_agreement_at_chance_is_zero():
    assert cohen_kappa(table("ff", "fo", "of", "oo"), "a", "b").value == 0.0


def test_systematic_disagreement_is_negative():
    ratings = table("fo", "of")
    assert cohen_kappa(ratings, "a", "b").value == -1.0
    assert fleiss_kappa(ratings).value == -1.0
    assert krippendorff_alpha(ratings).value == -0.5  # 1 - (4 - 1) * 4 / 8


def test_a_second_label_by_the_same_rater_is_refused():
    with pytest.raises(ValueError, match="twice"):
        Ratings([(1, "a", FACT), (1, "a", OPINION)])


def test_the_confusion_matrix_counts_rows_for_the_first_rater():
    ratings = table("ff", "fo", "fo", "uf", "o.")
    matrix = confusion_matrix(ratings, "a", "b", categories=[FACT, OPINION, UNVERIFIABLE])
    assert matrix.counts == ((1, 2, 0), (0, 0, 0), (1, 0, 0))
    assert matrix.transposed().counts == ((1, 0, 1), (2, 0, 0), (0, 0, 0))


def test_the_confusion_matrix_never_drops_a_category_it_was_not_told():
    matrix = confusion_matrix(table("fo", "uf"), "a", "b", categories=[FACT, OPINION])
    assert matrix.categories == (FACT, OPINION, UNVERIFIABLE)
    assert matrix.items == 2


# Textbook examples with published values.


def test_cohens_kappa_of_the_textbook_fifty_applications():
    # 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: po = 0.7, pe = 0.5, kappa = 0.4 (Wikipedia, "Cohen's kappa").
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    ratings = Ratings(t for i, (a, b) in enumerate(pairs) for t in ((i, "A", a), (i, "B", b)))
    assert cohen_kappa(ratings, "A", "B").value == pytest.approx(0.4, abs=1e-12)


def test_fleiss_kappa_of_fleiss_1971():
    # Ten subjects, fourteen raters, five categories (Fleiss 1971; Wikipedia, "Fleiss' kappa"): 0.210.
    ratings = from_counts(
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    )
    figure = fleiss_kappa(ratings)
    assert round(figure.value, 3) == 0.210
    assert (figure.labels_per_item, figure.items) == (14, 10)


def test_krippendorffs_alpha_of_krippendorff_2011():
    # "Computing Krippendorff's Alpha-Reliability" (2011), four observers, twelve units, missing values;
    # nominal alpha 0.743.
    nan = None
    observers = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
    ratings = Ratings(
        (unit, observer, value)
        for observer, values in enumerate(observers)
        for unit, value in enumerate(values)
        if value is not None
    )
    figure = krippendorff_alpha(ratings)
    assert round(figure.value, 3) == 0.743
    assert figure.items == 11  # unit 12 has a single value


# Random tables against the reference implementations.


@st.composite
def tables(draw) -> list[list[int | None]]:
    """rows[item][rater]: a category 0..k-1, or None for no label."""
    raters = draw(st.integers(2, 6))
    categories = draw(st.integers(1, 3))
    cell = st.one_of(st.none(), st.integers(0, categories - 1))
    row = st.lists(cell, min_size=raters, max_size=raters)
    return draw(st.lists(row, min_size=1, max_size=25))


def ratings_of(rows: list[list[int | None]]) -> Ratings:
    return Ratings(
        (item, rater, value)
        for item, row in enumerate(rows)
        for rater, value in enumerate(row)
        if value is not None
    )


def reference(compute) -> float | None:
    """The reference's value, or None where it raises or answers NaN: a figure that cannot be computed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = float(compute())
        except ValueError:
            return None
    return None if math.isnan(value) else value


def same(ours, theirs: float | None) -> bool:
    if theirs is None:
        return ours.value is None and ours.not_computable is not None
    return ours.value is not None and abs(ours.value - theirs) <= 1e-9


EXAMPLES = settings(max_examples=200, derandomize=True, database=None, deadline=None)


@EXAMPLES
@given(tables())
def test_alpha_equals_the_krippendorff_package(rows):
    data = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float).T
    theirs = reference(lambda: krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    assert same(krippendorff_alpha(ratings_of(rows)), theirs)


@EXAMPLES
@given(tables())
def test_cohens_kappa_equals_scikit_learn_for_every_pair(rows):
    ratings = ratings_of(rows)
    met = {(pair.first, pair.second): pair for pair in rater_pairs(ratings)}
    for a, b in combinations(range(len(rows[0])), 2):
        shared = [(row[a], row[b]) for row in rows if row[a] is not None and row[b] is not None]
        if not shared:
            assert (a, b) not in met
            assert cohen_kappa(ratings, a, b).not_computable == NotComputable.NO_SHARED_CLAIMS
            continue
        first, second = zip(*shared, strict=True)
        theirs = reference(lambda first=first, second=second: cohen_kappa_score(first, second))
        assert same(met[(a, b)].kappa, theirs)
        assert met[(a, b)].kappa.items == len(shared)


@EXAMPLES
@given(tables())
def test_fleiss_kappa_equals_statsmodels_on_the_items_it_takes(rows):
    figure = fleiss_kappa(ratings_of(rows))
    labelled = [[v for v in row if v is not None] for row in rows]
    if figure.labels_per_item is None:
        assert all(len(values) < 2 for values in labelled)
        return
    taken = [values for values in labelled if len(values) == figure.labels_per_item]
    assert len(taken) == figure.items
    counts, _ = aggregate_raters(np.array(taken))
    assert same(figure, reference(lambda: statsmodels_fleiss_kappa(counts, method="fleiss")))


@EXAMPLES
@given(tables())
def test_observed_agreement_is_the_share_of_agreeing_pairs(rows):
    pairs = [a == b for row in rows for a, b in combinations([v for v in row if v is not None], 2)]
    figure = observed_agreement(ratings_of(rows))
    if not pairs:
        assert figure.not_computable == NotComputable.TOO_FEW_LABELS
    else:
        assert figure.value == float(Fraction(sum(pairs), len(pairs)))
        assert figure.pairs == len(pairs)


@EXAMPLES
@given(tables())
def test_every_figure_is_a_finite_number_or_a_reason(rows):
    figures = agreement(ratings_of(rows))
    shown = [figures.observed, figures.fleiss, figures.alpha]
    shown += [f for pair in figures.pairs for f in (pair.kappa, pair.observed)]
    for figure in shown:
        assert (figure.value is None) != (figure.not_computable is None)
        assert figure.value is None or (math.isfinite(figure.value) and -1.0 <= figure.value <= 1.0)
