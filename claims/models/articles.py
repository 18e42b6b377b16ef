"""Articles and the progress reviewers make on them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims import segmentation
from claims.models.assignments import Assignment
from claims.models.claims import Claim
from claims.models.labels import URL_MAX_LENGTH, Label, http_url_validator
from claims.models.versioned import Versioned

# How many labels a claim may need at most: more reviewers than a desk has.
LABELS_NEEDED_MAX = 20
# A BCP 47 language tag as pages and people write it: de, de-AT, en-GB.
language_tag_validator = RegexValidator(
    r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}\Z", _("Enter a language tag such as de, en or de-AT.")
)
# What a reviewer may correct about an article (Article.edit_details), in the order the form shows them.
EDITABLE_DETAILS = ("title", "outlet", "author", "published_at", "language")


def default_labels_needed() -> int:
    """How many independent labels a new article's claims need (settings.LABELS_NEEDED_DEFAULT)."""
    return settings.LABELS_NEEDED_DEFAULT


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


def _assigned_to(reviewer) -> Exists:
    return Exists(Assignment.objects.filter(article=OuterRef("pk"), reviewer=reviewer))


class ArticleQuerySet(models.QuerySet):
    def with_assignment(self, reviewer) -> ArticleQuerySet:
        """Annotate assigned_to_me: whether the article is assigned to `reviewer`."""
        return self.annotate(assigned_to_me=_assigned_to(reviewer))

    def with_progress(self, reviewer) -> ArticleQuerySet:
        """Annotate n_claims (labelled kinds), n_mine (labelled by `reviewer`), n_any, n_open (left for
        `reviewer`: ClaimQuerySet.open_for) and assigned_to_me.

        Correlated subqueries, one per figure, so the list stays one query whatever the filters.
        """
        claims = Claim.objects.labelled_kinds().filter(article=OuterRef("pk")).order_by().values("article")

        def count(qs):
            return Coalesce(Subquery(qs.annotate(n=Count("pk", distinct=True)).values("n")), 0)

        open_claims = claims.open_for(reviewer, labels_needed=OuterRef("labels_needed"))
        return self.annotate(
            n_claims=count(claims),
            n_mine=count(claims.filter(labels__reviewer=reviewer)),
            n_any=count(claims.filter(labels__isnull=False)),
            n_open=count(open_claims),
        ).with_assignment(reviewer)

    def with_dispute_mark(self, reviewer, *, sees_every_label: bool = False) -> ArticleQuerySet:
        """Annotate is_disputed, the list's mark: disputed as with_label_status() defines it, so the list
        and the exports always agree (a claim that waits for a lead, disputed or reopened, not one a lead
        has settled). A reviewer who may not see every label (not a lead) sees the mark only on claims they
        labelled themselves, as the desk shows others' labels only then. The desk's own page leaves it
        out: building its expression costs more than the rest of the page's query."""
        disputed = Claim.objects.filter(article=OuterRef("pk")).disputes()
        if not sees_every_label:
            disputed = disputed.filter(Exists(Label.objects.filter(claim=OuterRef("pk"), reviewer=reviewer)))
        return self.annotate(is_disputed=Exists(disputed))

    def assigned_first(self) -> ArticleQuerySet:
        """The list's order: articles assigned to the reviewer of with_progress() first, then newest first."""
        return self.order_by(F("assigned_to_me").desc(), "-imported_at", "-pk")

    def published_between(self, start: date | None, end: date | None) -> ArticleQuerySet:
        """Articles published on `start` or after and on `end` or before (days in the desk's time zone); an
        article without a publication date matches no range. Bounds as instants, so the index serves."""
        if start is not None:
            self = self.filter(published_at__gte=_start_of(start))
        if end is not None:
            self = self.filter(published_at__lt=_start_of(end + timedelta(days=1)))
        return self

    def by_publication(self, *, newest_first: bool = True) -> ArticleQuerySet:
        """Sorted by publication date; articles without one last."""
        published = (
            F("published_at").desc(nulls_last=True)
            if newest_first
            else F("published_at").asc(nulls_last=True)
        )
        return self.order_by(published, "-pk" if newest_first else "pk")

    def assigned_to(self, reviewer) -> ArticleQuerySet:
        return self.filter(pk__in=Assignment.objects.filter(reviewer=reviewer).values("article"))

    def queue(self, reviewer, *, after: Article | None = None) -> ArticleQuerySet:
        """The articles with claims left for `reviewer`, in the order the queue (next_claim) walks them:
        the ones assigned to them first, then the others, each group in the list's order (newest first).
        `after` (from with_assignment()): start after this article within its group and wrap around to its
        group's beginning, so the queue moves on from where the reviewer is without skipping assigned work."""
        assigned = _assigned_to(reviewer)
        left = Claim.objects.open_for(reviewer, labels_needed=OuterRef("labels_needed"))
        articles = self.alias(assigned=assigned).filter(Exists(left.filter(article=OuterRef("pk"))))
        wrapped = Value(0)
        if after is not None:
            articles = articles.exclude(pk=after.pk)
            later = Q(imported_at__lt=after.imported_at) | Q(imported_at=after.imported_at, pk__lt=after.pk)
            same_group = Q(assigned=True) if after.assigned_to_me else Q(assigned=False)
            wrapped = Case(When(same_group & ~later, then=Value(1)), default=Value(0))
        return articles.order_by(F("assigned").desc(), wrapped, "-imported_at", "-pk")

    def outlets(self) -> list[str]:
        """The outlets articles came from, for filter menus."""
        return list(self.exclude(outlet="").order_by("outlet").values_list("outlet", flat=True).distinct())


class Article(Versioned):
    title = models.CharField(_("title"), max_length=500)
    source_url = models.URLField(
        _("source URL"), max_length=URL_MAX_LENGTH, blank=True, validators=[http_url_validator]
    )
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    source_updated_at = models.DateTimeField(
        _("updated by the outlet"),
        null=True,
        blank=True,
        help_text=_("When the page says it was last updated."),
    )
    canonical_url = models.URLField(
        _("canonical URL"), max_length=URL_MAX_LENGTH, blank=True, validators=[http_url_validator]
    )
    # What the page (or the text's first lines) said about itself when it was imported, as it said it:
    # title, author, dates, site name, canonical URL, language, kicker, byline. Never edited; the fields
    # above are what the desk made of it, and reviewers correct those (ArticleEdit keeps each change).
    page_metadata = models.JSONField(_("metadata of the page"), default=dict, blank=True, editable=False)
    # Raised by every edit of the details above, so two reviewers never overwrite each other unseen
    # (Versioned; not a field of the admin's form).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The language the article is written in (a BCP 47 tag): its text carries it as `lang` on the page,
    # so screen readers read it with the right voice whatever the interface language.
    language = models.CharField(
        _("language"),
        max_length=16,
        default="de",
        validators=[language_tag_validator],
        help_text=_("The language of the text, e.g. de or en."),
    )
    text = models.TextField(_("text"), help_text=_("The normalised full text that claims point into."))
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now, editable=False)
    # A claim leaves every reviewer's queue once it has this many labels (anyone's); leads set it when
    # they assign the article.
    labels_needed = models.PositiveSmallIntegerField(
        _("labels needed"),
        default=default_labels_needed,
        validators=[MinValueValidator(1), MaxValueValidator(LABELS_NEEDED_MAX)],
        help_text=_("How many independent labels each claim of the article needs."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-imported_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
            models.CheckConstraint(
                condition=Q(labels_needed__gte=1, labels_needed__lte=LABELS_NEEDED_MAX),
                name="article_labels_needed_in_range",
            ),
        ]
        indexes = [
            # The article list sorted by publication date and filtered from/to a date.
            models.Index(fields=["published_at", "id"], name="article_published"),
        ]

    def __str__(self) -> str:
        return self.title

    def edit_details(self, *, by, expected_version: int, **values) -> dict[str, tuple]:
        """Change the details in `values` (EDITABLE_DETAILS) if the article is still at `expected_version`,
        with an ArticleEdit of what changed, old and new. Returns the changes ({} if nothing changed, or
        another edit made the same change first). Raises Conflict (with the current details) if another
        edit came first, as every editable record does (Versioned)."""
        changes = {
            name: (getattr(self, name), value)
            for name, value in values.items()
            if name in EDITABLE_DETAILS and getattr(self, name) != value
        }
        if not changes:
            return {}  # as saved already: a repeat, or another tab made the same change first
        with transaction.atomic():
            if not self.update_from(expected_version, **{name: new for name, (_old, new) in changes.items()}):
                return {}
            ArticleEdit.objects.create(
                article=self,
                by=by,
                version=self.version,
                changes={name: [_json(old), _json(new)] for name, (old, new) in changes.items()},
            )
        return changes

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


def _json(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


class ArticleEdit(models.Model):
    """Append-only history of reviewers' corrections to an article's details: one row per saved form,
    with {field: [old, new]} for each detail it changed (dates in ISO 8601). Never updated or deleted by
    the app."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="edits", verbose_name=_("article")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    # The article's version this edit made.
    version = models.PositiveIntegerField(_("version"), editable=False)
    changes = models.JSONField(_("changes"), editable=False)

    class Meta:
        verbose_name = _("change of an article's details")
        verbose_name_plural = _("changes of articles' details")
        ordering = ["article_id", "at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "version"], name="article_edit_one_per_version"),
        ]

    def __str__(self) -> str:
        return gettext("%(by)s changed %(fields)s of article %(article)s") % {
            "by": self.by,
            "fields": ", ".join(self.changes),
            "article": self.article_id,
        }
