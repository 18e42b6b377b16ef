"""The scopes agreement is read for: the whole desk, an outlet, an article. Each reads the Label rows of
labelled claims (Claim.objects.labelled_kinds(): no headings, boilerplate or repeated units) in one query,
as plain tuples, and hands them to the pure functions in claims.agreement.figures; nothing is queried per
claim or per reviewer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet

from claims.agreement.figures import Agreement, ConfusionMatrix, Ratings, Triple, agreement
from claims.models import Article, Claim, Label

# The rows and columns of every confusion matrix, in the vocabulary's order.
CATEGORIES = tuple(Label.Value.values)


def newest_claims_from(n: int) -> int | None:
    """The id from which the `n` newest labelled claims run (claims are numbered as they are imported), or
    None if the desk has no more than `n`: the agreement page reads the labels of these claims only. One
    query, backwards along the primary key."""
    ids = Claim.objects.labelled_kinds().order_by("-pk").values_list("pk", flat=True)
    nth_and_next = list(ids[n - 1 : n + 1])
    return nth_and_next[0] if len(nth_and_next) == 2 else None


def _labels(
    *, article_id: int | None = None, outlet: str | None = None, claims_from: int | None = None
) -> QuerySet:
    claims = Claim.objects.labelled_kinds()
    if claims_from is not None:
        claims = claims.filter(pk__gte=claims_from)
    if article_id is not None:
        claims = claims.filter(article_id=article_id)
    if outlet is not None:
        claims = claims.filter(article__outlet=outlet)
    labels = Label.objects.filter(claim__in=claims).order_by()
    # The same bound on the label's own column, so that PostgreSQL reads the labels by their claim index.
    return labels.filter(claim_id__gte=claims_from) if claims_from is not None else labels


def label_triples(*, article_id: int | None = None, outlet: str | None = None) -> QuerySet:
    """(claim id, reviewer id, value) of every label on a labelled claim, of one article, one outlet or
    the whole desk: one query."""
    return _labels(article_id=article_id, outlet=outlet).values_list("claim_id", "reviewer_id", "value")


def agreement_for(*, article_id: int | None = None, outlet: str | None = None) -> Agreement:
    """Every figure for one scope (the whole desk when neither is given), from one query."""
    triples = label_triples(article_id=article_id, outlet=outlet).iterator(chunk_size=10_000)
    return agreement(Ratings(triples), CATEGORIES)


def reviewer_names(reviewer_ids: Iterable[int]) -> dict[int, str]:
    """Usernames by id: one query for the reviewers a scope's labels name."""
    users = get_user_model().objects.filter(pk__in=list(reviewer_ids))
    return dict(users.values_list("pk", get_user_model().USERNAME_FIELD))


@dataclass
class DeskLabels:
    """Every label on a labelled claim, from one query, grouped by article; the desk, each outlet and
    each article are read from it without asking the database again."""

    by_article: dict[int, list[Triple]] = field(default_factory=lambda: defaultdict(list))
    outlet_of: dict[int, str] = field(default_factory=dict)

    @classmethod
    def read(cls, *, claims_from: int | None = None) -> DeskLabels:
        """`claims_from`: only the labels of claims from this id on (newest_claims_from)."""
        desk = cls()
        rows = _labels(claims_from=claims_from).values_list(
            "claim_id", "reviewer_id", "value", "claim__article_id", "claim__article__outlet"
        )
        for claim_id, reviewer_id, value, article_id, outlet in rows.iterator(chunk_size=10_000):
            desk.by_article[article_id].append((claim_id, reviewer_id, value))
            desk.outlet_of[article_id] = outlet
        return desk

    def _triples(self, article_ids: Iterable[int]) -> Iterator[Triple]:
        return chain.from_iterable(self.by_article.get(article_id, ()) for article_id in article_ids)

    def overall(self) -> Ratings:
        return Ratings(self._triples(self.by_article))

    def outlets(self) -> list[str]:
        """The outlets of the labelled articles, in alphabetical order ("" for articles without one)."""
        return sorted(set(self.outlet_of.values()), key=str.casefold)

    def outlet(self, outlet: str) -> Ratings:
        return Ratings(self._triples(a for a, name in self.outlet_of.items() if name == outlet))

    def article(self, article_id: int) -> Ratings:
        return Ratings(self._triples([article_id]))


def recent_labelled_articles(limit: int) -> QuerySet:
    """The `limit` most recently imported articles with at least one label on a labelled claim: one query."""
    labelled = Claim.objects.labelled_kinds().filter(article=OuterRef("pk"), labels__isnull=False)
    return Article.objects.filter(Exists(labelled)).order_by("-imported_at", "-pk")[:limit]


def name_order(pairs: Iterable[ConfusionMatrix], names: dict[int, str]) -> list[ConfusionMatrix]:
    """Reviewer pairs by their usernames, each pair's first reviewer the one whose name sorts first (the
    rows of its confusion matrix)."""

    def key(name_id: int) -> tuple[str, int]:
        return names.get(name_id, "").casefold(), name_id

    ordered = [pair if key(pair.first) <= key(pair.second) else pair.transposed() for pair in pairs]
    return sorted(ordered, key=lambda pair: (key(pair.first), key(pair.second)))
