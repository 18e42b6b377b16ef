"""How far reviewers agree, for leads: the whole desk, reviewer pairs, a confusion matrix of two chosen
reviewers, each reviewer's own figures, outlets and recent articles. Six queries whatever the desk's size
(claims.agreement.scopes, claims.agreement.reviewers)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from claims import roles
from claims.agreement import (
    ConfusionMatrix,
    Figure,
    FleissKappa,
    Ratings,
    confusion_matrix,
    fleiss_kappa,
    krippendorff_alpha,
    observed_agreement,
    rater_pairs,
)
from claims.agreement.reviewers import ReviewerFigures, labelling_activity, reviewer_figures, settled_labels
from claims.agreement.scopes import (
    CATEGORIES,
    DeskLabels,
    name_order,
    newest_claims_from,
    recent_labelled_articles,
    reviewer_names,
)
from claims.agreement.wording import kappa_text, rate_text, share_text
from claims.models import Label
from claims.views.htmx import wants_region

ARTICLES_SHOWN = 20
# The page reads the labels of this many of the newest labelled claims (a million claims' labels take half
# a minute to read and count); `manage.py agreement` reads every label.
CLAIMS_READ = 2_000
SHADES = 4  # confusion matrix cells: shade-0 (no claim) to shade-4 (the matrix's largest count)


@dataclass(frozen=True)
class Scale:
    """A kappa or alpha on the scale from -1 to 1, drawn as an SVG bar from 0: x and width in the
    viewBox's units (0 to 200, 0 at 100), as strings, so no locale writes them with a decimal comma."""

    x: str
    width: str
    negative: bool

    @classmethod
    def of(cls, value: float) -> Scale:
        value = max(-1.0, min(1.0, value))
        start, end = sorted((100.0, 100.0 + 100.0 * value))
        return cls(x=f"{start:.1f}", width=f"{end - start:.1f}", negative=value < 0)


@dataclass(frozen=True)
class Shown:
    """One figure as a cell shows it: its text (a number in the page's language, or why there is none),
    a bar for kappa and alpha, and the claims it rests on."""

    text: str
    computable: bool
    claims: int
    scale: Scale | None = None
    labels_per_claim: int | None = None  # Fleiss' kappa only

    @classmethod
    def share(cls, figure: Figure) -> Shown:
        return cls(share_text(figure), figure.computable, figure.items)

    @classmethod
    def kappa(cls, figure: Figure) -> Shown:
        scale = Scale.of(figure.value) if figure.value is not None else None
        per_claim = figure.labels_per_item if isinstance(figure, FleissKappa) else None
        return cls(kappa_text(figure), figure.computable, figure.items, scale, per_claim)


@dataclass(frozen=True)
class ScopeRow:
    """A row of the outlet or article table, or the whole desk."""

    claims: int
    labels: int
    observed: Shown
    fleiss: Shown
    alpha: Shown
    name: str = ""
    article_id: int | None = None
    language: str = ""

    @classmethod
    def of(cls, ratings: Ratings, **where) -> ScopeRow:
        return cls(
            claims=ratings.items,
            labels=ratings.labels,
            observed=Shown.share(observed_agreement(ratings)),
            fleiss=Shown.kappa(fleiss_kappa(ratings)),
            alpha=Shown.kappa(krippendorff_alpha(ratings)),
            **where,
        )


@dataclass(frozen=True)
class PairRow:
    first: int
    first_name: str
    second: int
    second_name: str
    claims: int
    observed: Shown
    kappa: Shown


@dataclass(frozen=True)
class Cell:
    count: int
    shade: int
    agree: bool


@dataclass(frozen=True)
class MatrixRow:
    category: Label.Value
    cells: list[Cell]
    total: int


@dataclass(frozen=True)
class Matrix:
    """Two reviewers' labels on the claims both labelled: rows the first's, columns the second's."""

    first_name: str
    second_name: str
    categories: list[Label.Value]
    rows: list[MatrixRow]
    column_totals: list[int]
    claims: int
    observed: Shown
    kappa: Shown

    @classmethod
    def of(cls, matrix: ConfusionMatrix, names: dict[int, str]) -> Matrix:
        largest = max((n for row in matrix.counts for n in row), default=0)
        categories = [Label.Value(c) for c in matrix.categories]
        rows = [
            MatrixRow(
                category,
                [
                    Cell(n, math.ceil(SHADES * n / largest) if n else 0, agree=i == j)
                    for j, n in enumerate(counts)
                ],
                sum(counts),
            )
            for i, (category, counts) in enumerate(zip(categories, matrix.counts, strict=True))
        ]
        return cls(
            first_name=names.get(matrix.first, ""),
            second_name=names.get(matrix.second, ""),
            categories=categories,
            rows=rows,
            column_totals=[sum(column) for column in zip(*matrix.counts, strict=True)],
            claims=matrix.items,
            observed=Shown.share(matrix.observed),
            kappa=Shown.kappa(matrix.kappa),
        )


@dataclass(frozen=True)
class ShareCell:
    """One label's share of a reviewer's labels: its text and its segment of a bar 0 to 100 wide."""

    category: Label.Value
    text: str
    x: str
    width: str


@dataclass(frozen=True)
class ReviewerRow:
    """A reviewer's figures (claims.agreement.reviewers) as a row of the reviewers' table shows them."""

    name: str
    labels: int
    per_hour: Shown  # `claims` here: the labels set
    hours: float  # active hours, in quarter hours
    shares: list[ShareCell]
    settled: Shown

    @classmethod
    def of(cls, figures: ReviewerFigures, name: str) -> ReviewerRow:
        shares, x = [], 0.0
        for category, figure in figures.shares:
            width = 100.0 * (figure.value or 0.0)
            shares.append(ShareCell(Label.Value(category), share_text(figure), f"{x:.1f}", f"{width:.1f}"))
            x += width
        per_hour = figures.per_hour
        return cls(
            name=name,
            labels=figures.labels,
            per_hour=Shown(rate_text(per_hour), per_hour.computable, per_hour.items),
            hours=float(figures.activity.hours),
            shares=shares,
            settled=Shown.share(figures.settled),
        )


def _reviewer_rows(overall: Ratings, names: dict[int, str], claims_from: int | None) -> list[ReviewerRow]:
    settled = settled_labels(claims_from=claims_from)
    figures = reviewer_figures(overall, settled, labelling_activity(claims_from=claims_from), CATEGORIES)
    rows = [ReviewerRow.of(f, names.get(f.reviewer, "")) for f in figures]
    return sorted(rows, key=lambda row: row.name.casefold())


def _chosen(query: QueryDict, names: dict[int, str], pairs: list[PairRow]) -> tuple[int | None, int | None]:
    """The two reviewers the form asks for, or else the pair who labelled the most claims in common."""
    try:
        first, second = int(query.get("first", "")), int(query.get("second", ""))
    except ValueError:
        first = second = None
    if first in names and second in names:
        return first, second
    if pairs:
        busiest = max(pairs, key=lambda pair: pair.claims)
        return busiest.first, busiest.second
    ids = sorted(names, key=lambda pk: names[pk].casefold())
    return (ids[0], ids[1]) if len(ids) >= 2 else (None, None)


@require_GET
def agreement_page(request: HttpRequest) -> HttpResponse:
    if not roles.is_lead(request.user):
        raise PermissionDenied(_("Only leads and admins see how far reviewers agree."))
    claims_from = newest_claims_from(CLAIMS_READ)
    desk = DeskLabels.read(claims_from=claims_from)
    articles = list(recent_labelled_articles(ARTICLES_SHOWN).only("pk", "title", "outlet", "language"))
    overall = desk.overall()
    names = reviewer_names(overall.raters)
    pairs = [
        PairRow(
            pair.first,
            names.get(pair.first, ""),
            pair.second,
            names.get(pair.second, ""),
            pair.items,
            Shown.share(pair.observed),
            Shown.kappa(pair.kappa),
        )
        for pair in name_order(rater_pairs(overall, CATEGORIES), names)
    ]
    first, second = _chosen(request.GET, names, pairs)
    matrix = None
    if first is not None:
        matrix = Matrix.of(confusion_matrix(overall, first, second, CATEGORIES), names)
    context = {
        "desk": ScopeRow.of(overall),
        "reviewers": sorted(names.items(), key=lambda item: item[1].casefold()),
        "pairs": pairs,
        "first": first,
        "second": second,
        "same_reviewer": first is not None and first == second,
        "matrix": matrix,
        "outlets": [ScopeRow.of(desk.outlet(outlet), name=outlet) for outlet in desk.outlets()],
        "articles": [
            ScopeRow.of(desk.article(a.pk), name=a.title, article_id=a.pk, language=a.language)
            for a in articles
        ],
        "articles_shown": ARTICLES_SHOWN,
        "reviewer_rows": _reviewer_rows(overall, names, claims_from),
        "newest_only": claims_from is not None,
        "claims_read": CLAIMS_READ,
        "label_values": list(Label.Value),
    }
    template = "claims/agreement.html#confusion" if wants_region(request) else "claims/agreement.html"
    return render(request, template, context)
