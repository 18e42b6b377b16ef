"""Figures per reviewer, for leads: how fast each labels, how they use the labels, and how often their labels
match the labels leads settled.

- Labels per hour: the labels a reviewer set (a first label and each change count; LabelEvent) per active
  hour. Active time is counted in quarter hours of the clock: each quarter hour (10:00-10:15, 10:15-10:30,
  ...) in which they set at least one label counts 15 minutes, whatever they did in it. So breaks do not
  lower the rate, and an hour of work spread over a day counts as that hour; a single label in a quarter
  hour counts the whole quarter, so short bursts read a little slow.
- Share of each label: of the reviewer's labels on labelled claims now (what the agreement figures count).
- Agreement with the settled labels: of the reviewer's labels on the claims that are adjudicated now, the
  share equal to the lead's decision, with the number of those claims. A label on a reopened claim does not
  count (its decision is contested), nor does a decision on a claim the reviewer never labelled.

A figure that cannot be computed is a Figure without a value that says why, like the agreement figures.
The pure part (reviewer_figures) reads label triples, settled labels and activity; two queries read the
last two (settled_labels, labelling_activity).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, IntegerField
from django.db.models.functions import Cast, ExtractMinute, TruncHour

from claims.agreement.figures import Figure, NotComputable, Ratings
from claims.models import Claim, Decision, LabelEvent

QUARTERS_PER_HOUR = 4


@dataclass(frozen=True)
class Activity:
    """How much a reviewer labelled: labels set (first labels and changes), in how many quarter hours."""

    labels_set: int = 0
    quarter_hours: int = 0

    @property
    def hours(self) -> Fraction:
        return Fraction(self.quarter_hours, QUARTERS_PER_HOUR)


@dataclass(frozen=True)
class ReviewerFigures:
    reviewer: Hashable
    labels: int  # on labelled claims now
    shares: tuple[tuple[Hashable, Figure], ...]  # (category, its share of the labels), in category order
    activity: Activity
    per_hour: Figure  # labels set per active hour; `items` is the labels set
    settled: Figure  # agreement with the settled labels; `items` is the adjudicated claims labelled


def reviewer_figures(
    ratings: Ratings,
    settled: dict[Hashable, Hashable],
    activity: dict[Hashable, Activity],
    categories: Sequence[Hashable],
) -> list[ReviewerFigures]:
    """Figures for every rater of `ratings`, in the raters' order; `settled` is item → settled category,
    `activity` rater → Activity (a rater without any has no labels per hour)."""
    used: defaultdict[Hashable, Counter] = defaultdict(Counter)
    on_settled: defaultdict[Hashable, Counter] = defaultdict(Counter)  # rater → {agrees: n}
    for item, labels in ratings.by_item.items():
        decided = settled.get(item)
        for rater, category in labels.items():
            used[rater][category] += 1
            if decided is not None:
                on_settled[rater][category == decided] += 1
    return [
        _figures(rater, used[rater], on_settled[rater], activity.get(rater, Activity()), categories)
        for rater in ratings.raters
    ]


def _figures(rater, used: Counter, on_settled: Counter, activity: Activity, categories) -> ReviewerFigures:
    labels = sum(used.values())
    order = [*categories, *(c for c in sorted(used, key=repr) if c not in categories)]
    shares = tuple((category, Figure(float(Fraction(used[category], labels)), labels)) for category in order)
    if activity.quarter_hours:
        per_hour = Figure(float(activity.labels_set / activity.hours), activity.labels_set)
    else:
        per_hour = Figure(None, 0, NotComputable.NO_LABELLING_TIME)
    claims = on_settled[True] + on_settled[False]
    if claims:
        agreement = Figure(float(Fraction(on_settled[True], claims)), claims)
    else:
        agreement = Figure(None, 0, NotComputable.NO_SETTLED_CLAIMS)
    return ReviewerFigures(rater, labels, shares, activity, per_hour, agreement)


def settled_labels(*, claims_from: int | None = None) -> dict[int, str]:
    """claim id → the decision's label, for the labelled claims that are adjudicated now: one query, which
    looks up the status of the claims with decisions only. `claims_from`: of the claims from this id on."""
    decisions = Decision.objects.all()
    if claims_from is not None:
        decisions = decisions.filter(claim_id__gte=claims_from)
    decided = Claim.objects.labelled_kinds().filter(pk__in=decisions.values("claim_id"))
    adjudicated = decided.with_label_status().filter(label_status=Claim.Status.ADJUDICATED)
    return dict(adjudicated.values_list("pk", "resolved_label"))


def labelling_activity(*, claims_from: int | None = None) -> dict[int, Activity]:
    """reviewer id → Activity, from the label history: one query, grouped by the database into one row per
    reviewer and quarter hour. `claims_from`: from the history of the claims from this id on."""
    events = LabelEvent.objects.all()
    if claims_from is not None:
        events = events.filter(claim_id__gte=claims_from)
    slots = (
        events.exclude(new_value="")
        # An integer division on either database (PostgreSQL's EXTRACT gives a numeric).
        .annotate(hour=TruncHour("at"), quarter=Cast(ExtractMinute("at"), IntegerField()) / 15)
        .values("reviewer_id", "hour", "quarter")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("reviewer_id", "n")
    )
    labels_set: Counter = Counter()
    quarter_hours: Counter = Counter()
    for reviewer_id, n in slots.iterator(chunk_size=10_000):
        labels_set[reviewer_id] += n
        quarter_hours[reviewer_id] += 1
    return {pk: Activity(labels_set[pk], quarter_hours[pk]) for pk in labels_set}
