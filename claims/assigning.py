"""How a batch of articles is shared out among reviewers: the plans a lead chooses on the assignment page.

Pure functions of ids, so the rule is tested without a database. A plan leaves out what is already there:
assigning the same batch again adds nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence

Pair = tuple[int, int]  # (article id, reviewer id)


def to_every(
    articles: Iterable[int], reviewers: Iterable[int], existing: Collection[Pair] = ()
) -> list[Pair]:
    """Each article to every reviewer."""
    reviewers = list(reviewers)
    return [(a, r) for a in articles for r in reviewers if (a, r) not in existing]


def spread(
    articles: Sequence[int],
    reviewers: Sequence[int],
    overlap: int,
    existing: Collection[Pair] = (),
) -> list[Pair]:
    """Each article to `overlap` of the reviewers, round-robin: an article goes to the reviewers with the
    fewest articles of this batch so far (ties: `reviewers`' order, so pass the least busy first).

    Loads differ by at most one in the end: picking the k least loaded of loads that differ by at most one
    keeps them so. A reviewer who already has an article counts towards its `overlap` and is not given it
    again (then, and only then, the batch's loads may differ by more).
    """
    if not 1 <= overlap <= len(reviewers):
        raise ValueError(f"overlap must be between 1 and {len(reviewers)}, not {overlap}")
    rank = {reviewer: i for i, reviewer in enumerate(reviewers)}
    load: Counter[int] = Counter()
    pairs = []
    for article in articles:
        has = {r for r in reviewers if (article, r) in existing}
        candidates = sorted((r for r in reviewers if r not in has), key=lambda r: (load[r], rank[r]))
        for reviewer in candidates[: max(overlap - len(has), 0)]:
            pairs.append((article, reviewer))
            load[reviewer] += 1
    return pairs
