"""Articles and the progress reviewers make on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claims import segmentation
from claims.models.claims import Claim
from claims.models.labels import URL_MAX_LENGTH, http_url_validator


class ArticleQuerySet(models.QuerySet):
    def with_progress(self, reviewer) -> ArticleQuerySet:
        """Annotate n_claims (labelled kinds), n_mine (labelled by `reviewer`), n_any and is_disputed.

        Correlated subqueries, one per figure, so the list stays one query whatever the filters.
        """
        claims = Claim.objects.labelled_kinds().filter(article=OuterRef("pk")).order_by().values("article")

        def count(qs):
            return Coalesce(Subquery(qs.annotate(n=Count("pk", distinct=True)).values("n")), 0)

        # Disputed as with_label_status() defines it, so the list and the exports always agree: a claim
        # that waits for a lead (disputed or reopened), not one a lead has settled.
        disputed = Claim.objects.filter(article=OuterRef("pk")).disputes()
        return self.annotate(
            n_claims=count(claims),
            n_mine=count(claims.filter(labels__reviewer=reviewer)),
            n_any=count(claims.filter(labels__isnull=False)),
            is_disputed=Exists(disputed),
        )

    def outlets(self) -> list[str]:
        """The outlets articles came from, for filter menus."""
        return list(self.exclude(outlet="").order_by("outlet").values_list("outlet", flat=True).distinct())


class Article(models.Model):
    title = models.CharField(_("title"), max_length=500)
    source_url = models.URLField(
        _("source URL"), max_length=URL_MAX_LENGTH, blank=True, validators=[http_url_validator]
    )
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The language the article is written in (a BCP 47 tag): its text carries it as `lang` on the page,
    # so screen readers read it with the right voice whatever the interface language.
    language = models.CharField(
        _("language"), max_length=16, default="de", help_text=_("The language of the text, e.g. de or en.")
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

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
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
