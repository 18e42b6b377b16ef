"""Per-reviewer figures for leads: labels per active hour (quarter hours of the clock), the share of each
label, and agreement with the settled labels, on hand-checked tables, from the database and on the page."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from claims.agreement.figures import NotComputable, Ratings
from claims.agreement.reviewers import Activity, labelling_activity, reviewer_figures, settled_labels
from claims.models import Claim, LabelEvent
from tests.conftest import client_for
from tests.exporting import make_article

CATEGORIES = ("fact", "opinion", "unverifiable")
BERLIN = ZoneInfo("Europe/Berlin")


def figures_of(triples, settled=None, activity=None):
    return {
        f.reviewer: f for f in reviewer_figures(Ratings(triples), settled or {}, activity or {}, CATEGORIES)
    }


def test_the_shares_are_of_the_reviewers_own_labels():
    rita = figures_of([(1, "rita", "fact"), (2, "rita", "fact"), (3, "rita", "opinion"), (1, "sven", "x")])
    shares = {category: (figure.value, figure.items) for category, figure in rita["rita"].shares}
    assert shares == {"fact": (2 / 3, 3), "opinion": (1 / 3, 3), "unverifiable": (0.0, 3)}


def test_agreement_with_the_settled_labels_counts_only_adjudicated_claims_they_labelled():
    triples = [(1, "rita", "fact"), (2, "rita", "opinion"), (3, "rita", "fact"), (1, "sven", "opinion")]
    found = figures_of(triples, settled={1: "fact", 2: "fact", 9: "fact"})
    assert (found["rita"].settled.value, found["rita"].settled.items) == (0.5, 2)
    assert (found["sven"].settled.value, found["sven"].settled.items) == (0.0, 1)


def test_without_a_settled_claim_the_agreement_says_why():
    settled = figures_of([(1, "rita", "fact")])["rita"].settled
    assert (settled.value, settled.not_computable) == (None, NotComputable.NO_SETTLED_CLAIMS)
    assert str(settled) == "nicht berechenbar: keine entschiedene Behauptung eingestuft"


def test_labels_per_hour_divide_the_labels_set_by_the_active_quarter_hours():
    rita = figures_of([(1, "rita", "fact")], activity={"rita": Activity(labels_set=10, quarter_hours=2)})[
        "rita"
    ]
    assert (rita.per_hour.value, rita.per_hour.items, rita.activity.hours) == (20.0, 10, 0.5)


def test_a_reviewer_without_label_times_has_no_rate():
    per_hour = figures_of([(1, "rita", "fact")])["rita"].per_hour
    assert (per_hour.value, per_hour.not_computable) == (None, NotComputable.NO_LABELLING_TIME)


def _at(claim: Claim, reviewer, when: datetime, new_value: str = "fact", old_value: str = "") -> None:
    event = LabelEvent.objects.create(
        claim=claim, reviewer=reviewer, old_value=old_value, new_value=new_value
    )
    LabelEvent.objects.filter(pk=event.pk).update(at=when)


def test_activity_counts_labels_set_and_the_quarter_hours_they_fall_in(db, reviewer, second_reviewer):
    claim = make_article(["Ein Satz."]).claims.get()
    day = datetime(2026, 11, 22, 10, 0, tzinfo=BERLIN)
    for minutes in (1, 14):  # one quarter hour
        _at(claim, reviewer, day + timedelta(minutes=minutes))
    _at(claim, reviewer, day + timedelta(minutes=16), "opinion", "fact")  # a change counts, the next quarter
    _at(claim, reviewer, day + timedelta(hours=2, minutes=59))
    _at(claim, reviewer, day + timedelta(hours=3), "", "fact")  # a removal is not a label set
    _at(claim, second_reviewer, day + timedelta(minutes=5))
    activity = labelling_activity()
    assert activity[reviewer.pk] == Activity(labels_set=4, quarter_hours=3)
    assert activity[second_reviewer.pk] == Activity(labels_set=1, quarter_hours=1)


def test_settled_labels_are_the_decisions_of_adjudicated_claims_only(db, reviewer, second_reviewer, lead):
    settled, reopened, heading = make_article(["A.", "B.", "C"]).claims.order_by("position")
    for claim in (settled, reopened, heading):
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
        claim.decide(by=lead, value="opinion", expected=0)
    reopened.set_label(reviewer=second_reviewer, value="fact", expected_version=0)
    Claim.objects.filter(pk=heading.pk).update(kind=Claim.Kind.HEADING)
    assert settled_labels() == {settled.pk: "opinion"}


@pytest.fixture
def desk(db, reviewer, second_reviewer, lead):
    """rita and sven disagree on two of three claims, labelled within one quarter hour; the lead settled both
    as rita said."""
    claims = list(make_article(["Eins.", "Zwei.", "Drei."]).claims.order_by("position"))
    values = [("fact", "fact"), ("fact", "opinion"), ("opinion", "fact")]
    for claim, (ritas, svens) in zip(claims, values, strict=True):
        claim.set_label(reviewer=reviewer, value=ritas, expected_version=0)
        claim.set_label(reviewer=second_reviewer, value=svens, expected_version=0)
    LabelEvent.objects.update(at=datetime(2026, 11, 22, 10, 5, tzinfo=BERLIN))
    claims[1].decide(by=lead, value="fact", expected=0)
    claims[2].decide(by=lead, value="opinion", expected=0)
    return claims


def test_the_agreement_page_shows_each_reviewers_figures(desk, lead):
    response = client_for(lead).get(reverse("agreement"))
    rows = {row.name: row for row in response.context["reviewer_rows"]}
    assert [s.text for s in rows["rita"].shares] == ["67 %", "33 %", "0 %"]
    assert (rows["rita"].settled.text, rows["rita"].settled.claims) == ("100 %", 2)
    assert (rows["sven"].settled.text, rows["sven"].settled.claims) == ("0 %", 2)
    # Three labels in one quarter hour: twelve an hour.
    assert (rows["rita"].per_hour.text, rows["rita"].hours) == ("12,0", 0.25)


def test_the_page_says_when_a_figure_cannot_be_computed(db, reviewer, lead):
    make_article(["Eins."]).claims.get().set_label(reviewer=reviewer, value="fact", expected_version=0)
    html = client_for(lead).get(reverse("agreement")).content.decode()
    assert "nicht berechenbar: keine entschiedene Behauptung eingestuft" in html
    assert "in 0,25 aktiven Stunden" in html
