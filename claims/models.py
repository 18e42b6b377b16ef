"""The newsroom's domain: articles, the claims they are split into, reviewers' labels and evidence."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Case, CharField, F, Func, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat
from django.db.models.lookups import Exact
from django.utils import timezone

from claims import segmentation

URL_MAX_LENGTH = 2048
NOTE_MAX_LENGTH = 10_000

http_url_validator = URLValidator(schemes=["http", "https"])


class Article(models.Model):
    title = models.CharField(max_length=500)
    source_url = models.URLField(max_length=URL_MAX_LENGTH, blank=True, validators=[http_url_validator])
    outlet = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, default="de")
    text = models.TextField(help_text="The normalised full text that claims point into.")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    def add_units(self, units: list[segmentation.Unit]) -> list[Claim]:
        """Store segmented units as this article's claims; repeated units point at their first copy."""
        claims = Claim.objects.bulk_create(
            Claim(article=self, position=i, start=u.start, end=u.end, text=u.text, kind=u.kind)
            for i, u in enumerate(units)
        )
        first_by_text: dict[str, Claim] = {}
        duplicates = []
        for claim, unit in zip(claims, units, strict=True):
            if unit.duplicate and claim.text in first_by_text:
                claim.duplicate_of = first_by_text[claim.text]
                duplicates.append(claim)
            first_by_text.setdefault(claim.text, claim)
        Claim.objects.bulk_update(duplicates, ["duplicate_of"])
        return claims


class ClaimQuerySet(models.QuerySet):
    def labelled_kinds(self) -> ClaimQuerySet:
        """Claims a reviewer labels: claims and list items, not headings, boilerplate or repeated units."""
        return self.filter(kind__in=segmentation.LABELLED_KINDS, duplicate_of=None)

    def with_label_status(self, *, reviewer=None) -> ClaimQuerySet:
        """Annotate n_labels, label_status and resolved_label: the one definition every page and export uses.

        label_status is unlabelled (no label), agreed (every label has the same value) or disputed;
        resolved_label is the agreed value, else "". A lead's decision (a later issue) extends this method.
        Correlated subqueries, not joins, so the annotation composes with any other annotation or filter.
        Each is a subquery of plain aggregates without GROUP BY (MIN = MAX, not COUNT(DISTINCT)), and
        PostgreSQL runs one per column selected, so label_summary, "n_labels|label_status|resolved_label"
        from the same expressions, gives all three for the price of one (the export reads that). With
        `reviewer`, only that reviewer's labels count: what a reviewer's own export may show.
        """
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
            When(agreed, then=Value(Claim.Status.AGREED)),
            default=Value(Claim.Status.DISPUTED),
            output_field=CharField(),
        )
        resolved = Case(When(agreed, then=lowest), default=Value(""), output_field=CharField())
        distinct_values = aggregate("COUNT", template="%(function)s(DISTINCT %(expressions)s)")
        return self.annotate(
            n_labels=over_labels(count),
            n_values=over_labels(distinct_values),
            label_status=over_labels(status),
            resolved_label=over_labels(resolved),
            label_summary=over_labels(
                Concat(
                    Cast(count, CharField()),
                    Value("|"),
                    status,
                    Value("|"),
                    resolved,
                    output_field=CharField(),
                )
            ),
        )


class Claim(models.Model):
    class Status(models.TextChoices):
        UNLABELLED = "unlabelled", "Unlabelled"
        AGREED = "agreed", "Agreed"
        DISPUTED = "disputed", "Disputed"
        ADJUDICATED = "adjudicated", "Adjudicated"

    class Kind(models.TextChoices):
        CLAIM = segmentation.CLAIM, "Claim"
        HEADING = segmentation.HEADING, "Heading"
        BOILERPLATE = segmentation.BOILERPLATE, "Boilerplate"
        LIST_ITEM = segmentation.LIST_ITEM, "List item"

    class ReferenceLabel(models.TextChoices):
        """A label that came with imported data (CLEF CheckThat! subjectivity), kept as it was."""

        OBJ = "OBJ", "Objective"
        SUBJ = "SUBJ", "Subjective"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    position = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CLAIM)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    source_id = models.CharField(max_length=200, blank=True, help_text="The unit's id in imported data.")
    reference_label = models.CharField(max_length=8, choices=ReferenceLabel.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ClaimQuerySet.as_manager()

    LABELLED_KINDS = segmentation.LABELLED_KINDS

    class Meta:
        ordering = ["article", "position"]
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

    @property
    def is_labelled_kind(self) -> bool:
        return self.kind in self.LABELLED_KINDS and self.duplicate_of_id is None


class Label(models.Model):
    """One reviewer's judgement of one claim; every change is also written to LabelEvent."""

    class Value(models.TextChoices):
        FACT = "fact", "Fact"
        OPINION = "opinion", "Opinion"
        UNVERIFIABLE = "unverifiable", "Unverifiable"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="labels")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="labels")
    value = models.CharField(max_length=16, choices=Value.choices)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim", "reviewer"], name="label_one_per_reviewer_and_claim"),
            models.CheckConstraint(
                condition=Q(value__in=["fact", "opinion", "unverifiable"]), name="label_value_valid"
            ),
        ]
        indexes = [
            # "Not finished by me" and the reviewer's queue: a reviewer's labels, newest first.
            models.Index(fields=["reviewer", "-updated_at"], name="label_reviewer_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.value} on claim {self.claim_id}"


class LabelEvent(models.Model):
    """Append-only history: one row per label change, never updated or deleted by the app."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="label_events")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="label_events"
    )
    old_value = models.CharField(max_length=16, choices=Label.Value.choices, blank=True)
    new_value = models.CharField(max_length=16, choices=Label.Value.choices, blank=True)
    at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["claim", "at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(old_value=F("new_value")), name="label_event_is_a_change"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.old_value or '–'} → {self.new_value or '–'} on claim {self.claim_id}"


class Evidence(models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        CONTEXT = "context", "Context"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=URL_MAX_LENGTH, validators=[http_url_validator])
    title = models.CharField(max_length=500, blank=True)
    stance = models.CharField(max_length=16, choices=Stance.choices)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence")
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["claim", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "url"], name="evidence_url_unique_per_claim"),
            models.CheckConstraint(
                condition=Q(stance__in=["supports", "refutes", "context"]), name="evidence_stance_valid"
            ),
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="evidence_url_http_or_https",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stance}: {self.url}"
