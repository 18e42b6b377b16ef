"""The part of an article the desk sends at once: a window of units around the claim the page opens at.

A seed article has about a hundred units, a research corpus imported as one document thousands. The page
sends UNITS_PER_WINDOW of them and fetches the next ones as the reviewer scrolls or moves towards them
(desk.js, the same view with `after` or `before`), so it is as soon ready to label whatever the article's
length. Each end of the window is a link to the page there, which is also the way without JavaScript.
Every query is bounded by the window, on the index over (article, position).
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.models import Article, Claim
from claims.views.claim_row import ClaimRow, article_rows

UNITS_PER_WINDOW = 40
# Units the page shows above the claim it opens at, so the reviewer reads it in its context.
CONTEXT_BEFORE = 3


@dataclass(frozen=True, slots=True)
class DeskWindow:
    rows: list[ClaimRow]
    # The positions to fetch from: earlier units come `before` the first row, later ones `after` the last
    # row; None where the article has no more units on that side.
    before: int | None
    after: int | None


def desk_window(
    article: Article,
    viewer,
    *,
    claim: int | None = None,
    after: int | None = None,
    before: int | None = None,
) -> DeskWindow:
    """The units before position `before`, or those after position `after`, or else the window the
    article page opens with: at `claim`, else at the first claim left for the viewer, with a few units of
    context above it, else at the start. At most five queries, whatever the article's length."""
    units = Claim.objects.filter(article=article).order_by("position")
    has_earlier = has_later = False
    if before is not None:
        first, has_earlier = _reach_back(units, before, UNITS_PER_WINDOW)
        window = units.filter(position__gte=first, position__lt=before)
        # What follows is on the page already, or, without JavaScript, the target of the link.
        has_later = units.filter(position__gte=before).exists()
    elif after is not None:
        window = units.filter(position__gt=after)
        has_earlier = True
    else:
        start = _opening_position(units, viewer, claim)
        if start is not None:
            first, has_earlier = _reach_back(units, start, CONTEXT_BEFORE)
            window = units.filter(position__gte=first)
        else:
            window = units
    claims = list(window.for_desk()[: UNITS_PER_WINDOW + 1])
    shown = claims[:UNITS_PER_WINDOW]
    if not shown:
        return DeskWindow([], before=None, after=None)
    has_later = has_later or len(claims) > UNITS_PER_WINDOW
    return DeskWindow(
        article_rows(shown, viewer, opened=claim),
        before=shown[0].position if has_earlier else None,
        after=shown[-1].position if has_later else None,
    )


def _opening_position(units, viewer, claim: int | None) -> int | None:
    """Where the page opens: claim `claim` if it is one of this article's, else the first claim left for
    the viewer; None (the start) when none is left."""
    if claim is not None:
        opened = units.filter(pk=claim).values_list("position", flat=True).first()
        if opened is not None:
            return opened
    return units.open_for(viewer).values_list("position", flat=True).first()


def _reach_back(units, position: int, n: int) -> tuple[int, bool]:
    """The position n units before `position` (or of the first unit, if fewer precede it), and whether
    more units precede that one."""
    earlier = list(units.filter(position__lt=position).reverse().values_list("position", flat=True)[: n + 1])
    return (earlier[:n][-1] if earlier else position), len(earlier) > n
