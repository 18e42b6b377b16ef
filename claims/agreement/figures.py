"""How far reviewers agree: pure functions over labels given as (item, rater, category) triples.

Every figure is computed in exact integer and rational arithmetic and rounded to a float once, at the end,
so "one category only" is an exact test and not a comparison of floats near 1. A figure that cannot be
computed is a Figure whose value is None and whose `not_computable` says why in words; no NaN, no infinity
and no exception ever reaches a page or a command.

The reference packages are test-only (requirements-dev.txt; tests/test_agreement.py checks every figure
against them on random tables): scikit-learn and statsmodels bring scipy and pandas, tens of megabytes, for
three formulas of a few lines each. The krippendorff package is small and needs only numpy, but it would
save about ten lines: each case where it raises or returns NaN is one this module must recognise and explain
itself anyway, and a second, independent implementation is what makes the comparison a check rather than a
tautology.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from itertools import combinations

from django.db import models
from django.utils.translation import gettext_lazy as _

Triple = tuple[Hashable, Hashable, Hashable]


class NotComputable(models.TextChoices):
    """Why a figure has no value; the code is what JSON says, the label what people read."""

    TOO_FEW_LABELS = "too_few_labels", _("n/a: fewer than two labels per claim")
    NO_SHARED_CLAIMS = "no_shared_claims", _("n/a: no claim labelled by both")
    ONE_CATEGORY = "one_category", _("n/a: one category only")
    # The per-reviewer figures (claims.agreement.reviewers).
    NO_SETTLED_CLAIMS = "no_settled_claims", _("n/a: no settled claim labelled")
    NO_LABELLING_TIME = "no_labelling_time", _("n/a: no label with a time")


@dataclass(frozen=True)
class Figure:
    """An agreement figure and the number of items (claims) it rests on. `value` is None exactly when the
    figure cannot be computed, and then `not_computable` says why."""

    value: float | None
    items: int
    not_computable: NotComputable | None = None

    def __post_init__(self) -> None:
        if (self.value is None) == (self.not_computable is None):
            raise ValueError("a figure has either a value or a reason why not")

    @property
    def computable(self) -> bool:
        return self.value is not None

    def __str__(self) -> str:
        return str(self.not_computable.label) if self.value is None else f"{self.value:.3f}"


@dataclass(frozen=True)
class ObservedAgreement(Figure):
    """The share of agreeing rater pairs, pooled over the items with two or more labels: an item labelled
    by three raters counts three pairs, one labelled by two counts one. `pairs` is the number of pairs."""

    pairs: int = 0


@dataclass(frozen=True)
class FleissKappa(Figure):
    """Fleiss' kappa needs the same number of labels on every item: it is computed on the items with the
    most common number of labels (two or more; on a tie, the larger number), `labels_per_item`, and
    `items` says how many there are. Items with another number of labels are left out of this figure
    only; Krippendorff's alpha takes every item with two or more labels."""

    labels_per_item: int | None = None


def _figure(cls, ratio: Fraction, items: int, **extra) -> Figure:
    return cls(float(ratio), items, **extra)


def _not_computable(cls, why: NotComputable, items: int = 0, **extra) -> Figure:
    return cls(None, items, why, **extra)


def _sorted(values: Iterable[Hashable]) -> list:
    # Raters and categories are usually all ints or all strings; anything else still gets a stable order.
    values = list(values)
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=repr)


class Ratings:
    """Labels as item → {rater: category}, built once per scope and read by every figure.

    One label per rater and item: a second one is a mistake of the caller (the database allows one per
    reviewer and claim), so it raises ValueError rather than silently counting twice.
    """

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.by_item: dict[Hashable, dict[Hashable, Hashable]] = {}
        for item, rater, category in triples:
            labels = self.by_item.setdefault(item, {})
            if rater in labels:
                raise ValueError(f"rater {rater!r} labelled item {item!r} twice")
            labels[rater] = category

    @property
    def items(self) -> int:
        """Items with at least one label."""
        return len(self.by_item)

    @cached_property
    def labels(self) -> int:
        return sum(len(labels) for labels in self.by_item.values())

    @cached_property
    def raters(self) -> list:
        return _sorted({rater for labels in self.by_item.values() for rater in labels})

    @cached_property
    def categories(self) -> list:
        return _sorted({category for labels in self.by_item.values() for category in labels.values()})

    def _category_order(self, categories: Sequence[Hashable] | None) -> tuple:
        """The given order first, then any category the labels use that it does not name: never drop one."""
        given = list(categories or [])
        return (*given, *(c for c in self.categories if c not in given))


def observed_agreement(ratings: Ratings) -> ObservedAgreement:
    pairs = agreeing = items = 0
    for labels in ratings.by_item.values():
        m = len(labels)
        if m < 2:
            continue
        items += 1
        pairs += m * (m - 1) // 2
        agreeing += sum(n * (n - 1) // 2 for n in Counter(labels.values()).values())
    if not items:
        return _not_computable(ObservedAgreement, NotComputable.TOO_FEW_LABELS)
    return _figure(ObservedAgreement, Fraction(agreeing, pairs), items, pairs=pairs)


def fleiss_kappa(ratings: Ratings) -> FleissKappa:
    """Fleiss (1971) on the items with the most common number m of labels (see FleissKappa):
    kappa = (P - Pe) / (1 - Pe), P the mean share of agreeing pairs per item, Pe the sum of the squared
    shares of each category. In integers, with D = items × m, S = Σ n_ic² and Q = Σ_c (Σ_i n_ic)²:
    kappa = ((S - D)·D - Q·(m - 1)) / ((m - 1)·(D² - Q))."""
    sizes = Counter(len(labels) for labels in ratings.by_item.values() if len(labels) >= 2)
    if not sizes:
        return _not_computable(FleissKappa, NotComputable.TOO_FEW_LABELS)
    m = max(sizes, key=lambda size: (sizes[size], size))
    rows = [Counter(labels.values()) for labels in ratings.by_item.values() if len(labels) == m]
    d = len(rows) * m
    s = sum(n * n for row in rows for n in row.values())
    totals: Counter = Counter()
    for row in rows:
        totals.update(row)
    q = sum(t * t for t in totals.values())
    if q == d * d:
        return _not_computable(FleissKappa, NotComputable.ONE_CATEGORY, len(rows), labels_per_item=m)
    kappa = Fraction((s - d) * d - q * (m - 1), (m - 1) * (d * d - q))
    return _figure(FleissKappa, kappa, len(rows), labels_per_item=m)


def krippendorff_alpha(ratings: Ratings) -> Figure:
    """Krippendorff's alpha for nominal data, missing labels allowed: 1 - (n - 1)·Σ_{c≠k} o_ck / Σ_{c≠k}
    n_c·n_k, over the items with two or more labels (the pairable values). o_ck, the coincidences of
    categories c and k, sums n_uc·n_uk / (m_u - 1) over the items u with m_u labels; n_c = Σ_k o_ck is the
    number of pairable labels of category c, an integer."""
    totals: Counter = Counter()
    differing_by_size: defaultdict[int, int] = defaultdict(int)
    items = 0
    for labels in ratings.by_item.values():
        m = len(labels)
        if m < 2:
            continue
        items += 1
        counts = Counter(labels.values())
        totals.update(counts)
        differing_by_size[m] += m * m - sum(n * n for n in counts.values())
    if not items:
        return _not_computable(Figure, NotComputable.TOO_FEW_LABELS)
    n = sum(totals.values())
    expected = n * n - sum(t * t for t in totals.values())
    if expected == 0:
        return _not_computable(Figure, NotComputable.ONE_CATEGORY, items)
    observed = sum(Fraction(differing, m - 1) for m, differing in differing_by_size.items())
    return _figure(Figure, 1 - (n - 1) * observed / expected, items)


@dataclass(frozen=True)
class ConfusionMatrix:
    """How two raters labelled the items both labelled: counts[i][j] items that `first` put in
    categories[i] and `second` in categories[j]."""

    first: Hashable
    second: Hashable
    categories: tuple
    counts: tuple[tuple[int, ...], ...]

    @classmethod
    def from_pairs(cls, first, second, pairs: Counter, categories: Sequence) -> ConfusionMatrix:
        """`pairs` counts (first's category, second's category) over the items both labelled."""
        counts = tuple(tuple(pairs[(a, b)] for b in categories) for a in categories)
        return cls(first, second, tuple(categories), counts)

    def transposed(self) -> ConfusionMatrix:
        """The same matrix with the raters swapped (rows become columns)."""
        return ConfusionMatrix(
            self.second, self.first, self.categories, tuple(zip(*self.counts, strict=True))
        )

    @property
    def items(self) -> int:
        return sum(map(sum, self.counts))

    @property
    def agreeing(self) -> int:
        return sum(self.counts[i][i] for i in range(len(self.categories)))

    @property
    def observed(self) -> Figure:
        """The share of the items both labelled on which they agree."""
        if not self.items:
            return _not_computable(Figure, NotComputable.NO_SHARED_CLAIMS)
        return _figure(Figure, Fraction(self.agreeing, self.items), self.items)

    @property
    def kappa(self) -> Figure:
        """Cohen's kappa, (po - pe) / (1 - pe); in integers, with n items, a agreeing and chance =
        Σ_c (first's count of c)·(second's count of c): (n·a - chance) / (n² - chance)."""
        n = self.items
        if not n:
            return _not_computable(Figure, NotComputable.NO_SHARED_CLAIMS)
        size = len(self.categories)
        firsts = [sum(self.counts[i]) for i in range(size)]
        seconds = [sum(row[j] for row in self.counts) for j in range(size)]
        chance = sum(a * b for a, b in zip(firsts, seconds, strict=True))
        if chance == n * n:
            return _not_computable(Figure, NotComputable.ONE_CATEGORY, n)
        return _figure(Figure, Fraction(n * self.agreeing - chance, n * n - chance), n)


def confusion_matrix(
    ratings: Ratings, first: Hashable, second: Hashable, categories: Sequence[Hashable] | None = None
) -> ConfusionMatrix:
    """Any two raters, in the order given; `categories` orders the rows and columns (every category the
    labels use appears, named or not)."""
    pairs = Counter(
        (labels[first], labels[second])
        for labels in ratings.by_item.values()
        if first in labels and second in labels
    )
    return ConfusionMatrix.from_pairs(first, second, pairs, ratings._category_order(categories))


def cohen_kappa(ratings: Ratings, first: Hashable, second: Hashable) -> Figure:
    return confusion_matrix(ratings, first, second).kappa


def rater_pairs(ratings: Ratings, categories: Sequence[Hashable] | None = None) -> list[ConfusionMatrix]:
    """The confusion matrix of every pair of raters who labelled at least one item in common, in one pass
    over the items; each pair in the raters' sorted order."""
    pairs: defaultdict[tuple, Counter] = defaultdict(Counter)
    rank = {rater: i for i, rater in enumerate(ratings.raters)}
    for labels in ratings.by_item.values():
        if len(labels) < 2:
            continue
        for a, b in combinations(sorted(labels, key=rank.__getitem__), 2):
            pairs[(a, b)][(labels[a], labels[b])] += 1
    order = ratings._category_order(categories)
    return [
        ConfusionMatrix.from_pairs(a, b, pairs[(a, b)], order)
        for a, b in sorted(pairs, key=lambda pair: (rank[pair[0]], rank[pair[1]]))
    ]


@dataclass(frozen=True)
class Agreement:
    """Every figure for one scope (an article, an outlet, the whole desk)."""

    items: int  # items with at least one label
    labels: int
    raters: tuple
    observed: ObservedAgreement
    fleiss: FleissKappa
    alpha: Figure
    pairs: tuple[ConfusionMatrix, ...]  # raters who labelled at least one item in common


def agreement(ratings: Ratings, categories: Sequence[Hashable] | None = None) -> Agreement:
    return Agreement(
        items=ratings.items,
        labels=ratings.labels,
        raters=tuple(ratings.raters),
        observed=observed_agreement(ratings),
        fleiss=fleiss_kappa(ratings),
        alpha=krippendorff_alpha(ratings),
        pairs=tuple(rater_pairs(ratings, categories)),
    )
