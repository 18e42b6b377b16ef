"""An article's details on its page, ready-made: the form with what the import read (title, outlet, author,
date, language), what the page said about itself, and reviewers' corrections in their history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from claims.forms import ArticleDetailsForm
from claims.models import Article, ArticleEdit


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class DetailsEdit:
    """One saved correction in the article's history, each changed detail in words."""

    edit: ArticleEdit
    changes: list[Change]

    @classmethod
    def build(cls, edit: ArticleEdit) -> DetailsEdit:
        changes = [
            Change(str(Article._meta.get_field(name).verbose_name), _shown(old), _shown(new))
            for name, (old, new) in edit.changes.items()
        ]
        return cls(edit, changes)


def _shown(value: str) -> str:
    """A stored value as the page shows it: a date in DATE_FORMAT, an empty value as a dash."""
    moment = parse_datetime(value) if value[:4].isdigit() and "T" in value else None
    if isinstance(moment, datetime):
        return date_format(timezone.localtime(moment), "DATE_FORMAT")
    return value or "–"


# What the page or the text said about itself (Article.page_metadata), in the order and words shown.
PAGE_SAID = {
    "headline": _("Headline"),
    "title": _("Headline"),
    "kicker": _("Kicker"),
    "byline": _("Byline"),
    "author": _("Author"),
    "published": _("Published"),
    "updated": _("Updated"),
    "site_name": _("Site name"),
    "canonical_url": _("Canonical URL"),
    "language": _("Language"),
    "description": _("Description"),
}


def details_context(article: Article, form: ArticleDetailsForm | None = None) -> dict:
    """What the details region of the article page shows: the form, the page's own account, the history."""
    said = article.page_metadata
    edits = ArticleEdit.objects.filter(article=article).select_related("by").order_by("-at", "-pk")
    return {
        "details_form": form or ArticleDetailsForm(article=article),
        "page_said": [(label, _shown(str(said[key]))) for key, label in PAGE_SAID.items() if said.get(key)],
        "details_history": [DetailsEdit.build(edit) for edit in edits],
    }
