"""Claims: the units an article is split into, with the verbs reviewers and leads apply to them."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from claims import segmentation
from claims.models.decisions import Decision, DecisionConflict
from claims.models.labels import Evidence, Label, SegmentationEvent
from claims.models.versioned import Conflict

_UNKNOWN = object()


def desk_evidence() -> Prefetch:
    """A claim's evidence as a desk row shows it: with who added it."""
    return Prefetch("evidence", queryset=Evidence.objects.select_related("added_by"))


class ClaimQuerySet(models.QuerySet):
    def labelled_kinds(self) -> ClaimQuerySet:
        """Claims a reviewer labels: claims and list items, not headings, boilerplate or repeated units."""
        return self.filter(kind__in=segmentation.LABELLED_KINDS, duplicate_of=None)

    def open_for(self, reviewer, *, labels_needed=None) -> ClaimQuerySet:
        """The claims left for `reviewer`: labelled kinds they have not labelled that have fewer labels (of
        anyone) than their article needs. A claim with enough labels leaves every queue; a reviewer may still
        label it. `labels_needed`: the expression for the article's figure, OuterRef("labels_needed") inside
        a subquery of articles (else a join to the article)."""
        if labels_needed is None:
            labels_needed = F("article__labels_needed")
        mine = Label.objects.filter(claim=OuterRef("pk"), reviewer=reviewer)
        return (
            self.labelled_kinds()
            .filter(~Exists(mine))
            .alias(n_labels_now=_label_count())
            .filter(n_labels_now__lt=labels_needed)
        )

    def with_labels(self) -> ClaimQuerySet:
        """Claims with every label and its reviewer prefetched, and their article's language
        (`article_language`) and labels_needed (`article_labels_needed`): what a desk row shows of labels
        (the label POST's query)."""
        labels = Label.objects.select_related("reviewer")
        return self.annotate(
            article_language=F("article__language"), article_labels_needed=F("article__labels_needed")
        ).prefetch_related(Prefetch("labels", queryset=labels))

    def for_desk(self) -> ClaimQuerySet:
        """Claims with everything a desk row shows: every label, and the evidence with who added it. Three
        plain queries for any number of claims."""
        return self.with_labels().prefetch_related(desk_evidence())

    def with_label_status(self, *, reviewer=None) -> ClaimQuerySet:
        """Annotate n_labels, label_status and resolved_label: the one definition every page and export uses.

        Without a lead's decision, label_status is unlabelled (no label), single (one label: nobody has
        checked it yet), agreed (two or more labels, all with the same value) or disputed (two or more that
        differ), and resolved_label is the value all labels share, so a single label's value too (a
        one-reviewer desk still exports its labels), else "".
        A claim with a decision (Decision, the latest one) is adjudicated and resolved_label is the
        decision's value, whatever the labels say, unless a label set after the decision differs from it:
        then it is reopened, with no resolved label, until the lead decides again. A label that was already
        there when the lead decided never reopens the claim; nor does one set later that agrees.
        Correlated subqueries, not joins, so the annotation composes with any other annotation or filter.
        Each is a subquery of plain aggregates without GROUP BY (MIN = MAX, not COUNT(DISTINCT)), and
        PostgreSQL runs one per column selected, so label_summary, "n_labels|label_status|resolved_label"
        from the same expressions, gives all three for the price of one (the export reads that); the
        latest decision is looked up inside it, once per claim. With `reviewer`, only that reviewer's labels
        count and decisions do not: what a reviewer's own export may show.
        """
        return self.annotate(**_label_status(reviewer))

    def disputes(self) -> ClaimQuerySet:
        """The claims that wait for a lead: disputed, or reopened by a label set after a decision. Only the
        status, as an alias: resolving the other figures of with_label_status() cost most of the article
        list's dispute mark in Python (bench/pages.py)."""
        status = _label_status(None, ("label_status",))["label_status"]
        return (
            self.labelled_kinds()
            .alias(label_status=status)
            .filter(label_status__in=[Claim.Status.DISPUTED, Claim.Status.REOPENED])
        )


def _label_status(reviewer, names: tuple[str, ...] | None = None) -> dict:
    """The subqueries of ClaimQuerySet.with_label_status() by annotation name (only `names` if given: each
    costs a few milliseconds of Python to build)."""
    labels = Label.objects.filter(claim=OuterRef("pk")).order_by()
    if reviewer is not None:
        labels = labels.filter(reviewer=reviewer)

    def over_labels(expression):
        # A Func, not an Aggregate, so Django adds no GROUP BY: a claim without labels gives one row.
        return Subquery(labels.annotate(x=expression).values("x"), output_field=expression.output_field)

    def aggregate(function, field="value", template="%(function)s(%(expressions)s)"):
        output = IntegerField() if function == "COUNT" else CharField()
        return Func(F(field), function=function, template=template, output_field=output)

    count, lowest, highest = aggregate("COUNT", "claim"), aggregate("MIN"), aggregate("MAX")
    agreed = Exact(lowest, highest)  # NULL, so not agreed, when there is no label
    status = Case(
        When(Exact(count, 0), then=Value(Claim.Status.UNLABELLED)),
        When(Exact(count, 1), then=Value(Claim.Status.SINGLE)),
        When(agreed, then=Value(Claim.Status.AGREED)),
        default=Value(Claim.Status.DISPUTED),
        output_field=CharField(),
    )
    resolved = Case(When(agreed, then=lowest), default=Value(""), output_field=CharField())
    summary = Concat(status, Value("|"), resolved, output_field=CharField())
    if reviewer is None:
        # Inside the subquery over labels, the claim is the outer query's outer query.
        decided = _latest_decision(OuterRef(OuterRef("pk")))
        settled = Subquery(decided.values("status"), output_field=CharField())
        status = Coalesce(settled, status)
        resolved = Case(
            When(Exact(settled, Value(Claim.Status.ADJUDICATED)), then=Subquery(decided.values("value"))),
            When(Exact(settled, Value(Claim.Status.REOPENED)), then=Value("")),
            default=resolved,
            output_field=CharField(),
        )
        summary = Coalesce(Subquery(decided.values("summary"), output_field=CharField()), summary)
    distinct_values = aggregate("COUNT", template="%(function)s(DISTINCT %(expressions)s)")
    expressions = {
        "n_labels": count,
        "n_values": distinct_values,
        "label_status": status,
        "resolved_label": resolved,
        "label_summary": Concat(Cast(count, CharField()), Value("|"), summary, output_field=CharField()),
    }
    return {name: over_labels(e) for name, e in expressions.items() if names is None or name in names}


def _latest_decision(claim) -> QuerySet:
    """The claim's current decision (a one-row subquery), annotated with its `status`, adjudicated or
    reopened (a label set after it differs from it), and `summary`, the status|resolved_label part of
    label_summary.

    The current decision is the latest one, unless the claim was merged or split after it: the lead decided
    on another sentence, so the decision stays in the history and the labels speak again. Undoing that
    merge or split gives the sentence back, and the decision with it."""
    contradicting = Label.objects.filter(
        claim=OuterRef("claim_id"), updated_at__gt=OuterRef("decided_at")
    ).exclude(value=OuterRef("value"))
    reopened = Exists(contradicting)
    recut = SegmentationEvent.objects.filter(
        claim=OuterRef("claim_id"),
        action__in=[SegmentationEvent.Action.MERGE, SegmentationEvent.Action.SPLIT],
        at__gt=OuterRef("decided_at"),
        undone_by=None,
    )
    return (
        Decision.objects.filter(claim=claim)
        .exclude(Exists(recut))
        .order_by("-decided_at", "-pk")
        .annotate(
            status=Case(
                When(reopened, then=Value(Claim.Status.REOPENED)),
                default=Value(Claim.Status.ADJUDICATED),
                output_field=CharField(),
            ),
            summary=Case(
                When(reopened, then=Value(f"{Claim.Status.REOPENED}|")),
                default=Concat(Value(f"{Claim.Status.ADJUDICATED}|"), "value", output_field=CharField()),
                output_field=CharField(),
            ),
        )[:1]
    )


class Claim(models.Model):
    class Status(models.TextChoices):
        UNLABELLED = "unlabelled", _("Unlabelled")
        SINGLE = "single", _("One label")
        AGREED = "agreed", _("Agreed")
        DISPUTED = "disputed", _("Disputed")
        ADJUDICATED = "adjudicated", _("Adjudicated")
        REOPENED = "reopened", _("Reopened")

    class Kind(models.TextChoices):
        CLAIM = segmentation.CLAIM, pgettext_lazy("kind of unit", "Claim")
        HEADING = segmentation.HEADING, _("Heading")
        BOILERPLATE = segmentation.BOILERPLATE, _("Boilerplate")
        LIST_ITEM = segmentation.LIST_ITEM, _("List item")

    class ReferenceLabel(models.TextChoices):
        """A label that came with imported data (CLEF CheckThat! subjectivity), kept as it was."""

        OBJ = "OBJ", _("Objective")
        SUBJ = "SUBJ", _("Subjective")

    article = models.ForeignKey(
        "claims.Article", on_delete=models.CASCADE, related_name="claims", verbose_name=_("article")
    )
    position = models.PositiveIntegerField(_("position"))
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CLAIM)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        verbose_name=_("repeats"),
    )
    source_id = models.CharField(
        _("source id"), max_length=200, blank=True, help_text=_("The unit's id in imported data.")
    )
    reference_label = models.CharField(
        _("reference label"), max_length=8, choices=ReferenceLabel.choices, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("kind of unit", "claim")
        verbose_name_plural = _("claims")
        ordering = ["article_id", "position"]  # the id: "article" would join to sort by Article.Meta.ordering
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="claim_position_unique_per_article"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_start_before_end"),
            models.CheckConstraint(condition=Q(kind__in=segmentation.KINDS), name="claim_kind_valid"),
            models.CheckConstraint(
                condition=Q(reference_label__in=["", "OBJ", "SUBJ"]), name="claim_reference_label_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}#{self.position}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        """The article page opened at the claim, with its tools."""
        return reverse("article_detail", args=[self.article_id]) + f"?claim={self.pk}#claim-{self.pk}"

    @property
    def is_labelled_kind(self) -> bool:
        return self.kind in segmentation.LABELLED_KINDS and self.duplicate_of_id is None

    def label_by(self, reviewer) -> Label | None:
        """The reviewer's label, from the labels ClaimQuerySet.with_labels() prefetched."""
        return next((label for label in self.labels.all() if label.reviewer_id == reviewer.pk), None)

    def set_label(
        self, *, reviewer, value: str, expected_version: int, current: Label | object | None = _UNKNOWN
    ) -> Label:
        """Save `reviewer`'s label; `expected_version` is the version the page showed (0: no label yet).

        Repeating the saved value is a no-op (double clicks, retries). Otherwise the write is conditional on
        the version, so two tabs never overwrite each other silently: the loser gets Conflict with the
        current label. `current` may be passed when the caller already loaded the reviewer's label.
        """
        if value not in Label.Value.values:
            raise ValueError(f"unknown label {value!r}")
        if current is _UNKNOWN:
            current = Label.objects.filter(claim=self, reviewer=reviewer).first()
        if current is not None and current.value == value:
            return current
        now = timezone.now()
        if current is None:
            if expected_version != 0:
                raise Conflict(None)
            pk = Label.objects.create_with_event(
                claim_id=self.pk, reviewer_id=reviewer.pk, value=value, at=now
            )
            if pk is None:
                # The same reviewer's other tab created it a moment ago.
                raise Conflict(Label.objects.filter(claim=self, reviewer=reviewer).first())
            return Label(
                pk=pk, claim=self, reviewer=reviewer, value=value, version=1, created_at=now, updated_at=now
            )
        if current.version != expected_version:
            raise Conflict(current)
        changed = Label.objects.change_with_event(
            pk=current.pk, expected_version=expected_version, old_value=current.value, value=value, at=now
        )
        if not changed:
            raise Conflict(Label.objects.filter(pk=current.pk).first())
        current.value, current.version, current.updated_at = value, expected_version + 1, now
        return current

    def set_note(self, *, reviewer, note: str, expected_version: int) -> Label:
        """A note belongs to the reviewer's label, so a claim gets a note once it is labelled. Written only
        if the label is still at `expected_version`, the version the page showed (else Conflict)."""
        label = Label.objects.get(claim=self, reviewer=reviewer)
        label.update_from(expected_version, note=note)
        return label

    def latest_decision(self) -> Decision | None:
        return self.decisions.select_related("decided_by").order_by("-decided_at", "-pk").first()

    def decide(self, *, by, value: str, reason: str = "", expected: int) -> Decision:
        """A lead settles the claim with `value`; `expected` is the id of the latest decision the lead saw
        (0: none). The decision is appended; earlier ones stay as the claim's history.

        Repeating the decision just made is a no-op (a double submit, a retry). Otherwise, if another
        decision came in since the lead looked (another lead, another tab), nothing is written and
        DecisionConflict says what the claim's decision is now. Deciding again with the same value, as
        expected, is a new decision: that is how a lead settles a reopened claim as before.
        """
        if value not in Label.Value.values:
            raise ValueError(f"unknown label {value!r}")
        with transaction.atomic():
            # The claim's row serialises two leads deciding it at once (SQLite's transactions already do).
            Claim.objects.select_for_update().filter(pk=self.pk).exists()
            current = self.latest_decision()
            seen = current.pk if current else 0
            if seen != expected:
                asked = (value, reason, by.pk)
                if current and (current.value, current.reason, current.decided_by_id) == asked:
                    return current  # this lead's double submit
                raise DecisionConflict(current)
            return Decision.objects.create(claim=self, value=value, reason=reason, decided_by=by)


def _label_count() -> Subquery:
    """How many labels the claim has, as a subquery of one plain aggregate (no GROUP BY), served by the
    unique (claim, reviewer) index."""
    labels = Label.objects.filter(claim=OuterRef("pk")).order_by()
    count = Func(F("claim"), function="COUNT", output_field=IntegerField())
    return Subquery(labels.annotate(n=count).values("n"), output_field=IntegerField())
