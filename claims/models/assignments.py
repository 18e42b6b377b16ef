"""Which reviewer a lead gave which article to: assigned work comes first in a reviewer's list and queue."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AssignmentQuerySet(models.QuerySet):
    def assign(self, pairs: Iterable[tuple[int, int]], *, by) -> set[tuple[int, int]]:
        """Assign each (article id, reviewer id) pair; returns the pairs that were not assigned before.

        Assigning twice is a no-op, so a form sent again (a reload, a double click) changes nothing. The
        pairs already there are read first, then the rest inserted with ignore_conflicts, so an assignment
        made by another lead in between is kept and reported as theirs.
        """
        pairs = set(pairs)
        if not pairs:
            return set()
        article_ids = {article_id for article_id, _ in pairs}
        reviewer_ids = {reviewer_id for _, reviewer_id in pairs}
        with transaction.atomic():
            existing = set(
                self.filter(article_id__in=article_ids, reviewer_id__in=reviewer_ids).values_list(
                    "article_id", "reviewer_id"
                )
            )
            new = pairs - existing
            now = timezone.now()
            self.bulk_create(
                [
                    Assignment(article_id=a, reviewer_id=r, assigned_by=by, assigned_at=now)
                    for a, r in sorted(new)
                ],
                ignore_conflicts=True,
            )
        return new

    def unassign(self, article_ids: Iterable[int], reviewer_ids: Iterable[int]) -> set[tuple[int, int]]:
        """Take the articles from the reviewers; returns the (article id, reviewer id) pairs removed. Their
        labels stay: an assignment says what to do next, not whose work counts."""
        chosen = self.filter(article_id__in=list(article_ids), reviewer_id__in=list(reviewer_ids))
        with transaction.atomic():
            removed = set(chosen.values_list("article_id", "reviewer_id"))
            chosen.delete()
        return removed


class Assignment(models.Model):
    article = models.ForeignKey(
        "claims.Article",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("article"),
        db_index=False,  # the unique (article, reviewer) constraint's index serves it
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("reviewer"),
        db_index=False,  # the (reviewer, article) index below serves it
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now, editable=False)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["article_id", "reviewer_id"]
        constraints = [
            # Also the index of "is this article assigned to me?" (the article list's order and mark, the
            # queue's order) and of the assignment page's reviewers per article and "assigned to nobody".
            models.UniqueConstraint(
                fields=["article", "reviewer"], name="assignment_one_per_article_and_reviewer"
            ),
        ]
        indexes = [
            # A reviewer's assigned articles: the queue (next_claim) and the list's "Assigned to me" filter.
            models.Index(fields=["reviewer", "article"], name="assignment_reviewer_article"),
        ]

    def __str__(self) -> str:
        return gettext("%(reviewer)s: article %(article)s") % {
            "reviewer": self.reviewer,
            "article": self.article_id,
        }
