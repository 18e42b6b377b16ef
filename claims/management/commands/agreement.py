from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims.agreement import Agreement, ConfusionMatrix, Figure, FleissKappa, ObservedAgreement
from claims.agreement.scopes import agreement_for, name_order, reviewer_names
from claims.agreement.wording import count_text, kappa_text, share_text
from claims.models import Article


class Command(BaseCommand):
    help = (
        "How far reviewers agree: observed agreement, Fleiss' kappa and Krippendorff's alpha for the whole "
        "desk, one article or one outlet, and Cohen's kappa for each pair of reviewers, with the number of "
        "claims each figure rests on. --format json adds each pair's confusion matrix."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--article", type=int, help="article id")
        scope.add_argument("--outlet", help="outlet, as the article list shows it")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **options) -> None:
        # The desk's language (settings.LANGUAGE_CODE): a command line has no browser to ask. Read when the
        # command runs, not when it is imported, so a changed setting is heard.
        with translation.override(settings.LANGUAGE_CODE):
            self._report(options["article"], options["outlet"], options["format"])

    def _report(self, article: int | None, outlet: str | None, output_format: str) -> None:
        scope, title = self._scope(article, outlet)
        figures = agreement_for(article_id=article, outlet=outlet)
        names = reviewer_names(figures.raters)
        if output_format == "json":
            document = {"scope": scope, **_as_json(figures, names)}
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(_as_table(title, figures, names)))

    def _scope(self, article_id: int | None, outlet: str | None) -> tuple[dict, str]:
        """The scope as JSON says it, and as the table's title says it."""
        if article_id is not None:
            article = Article.objects.filter(pk=article_id).only("title").first()
            if article is None:
                raise CommandError(_("There is no article %(id)s.") % {"id": article_id})
            title = _("Agreement on article %(id)s, “%(title)s”") % {"id": article_id, "title": article.title}
            return {"kind": "article", "article": article_id, "title": article.title}, title
        if outlet is not None:
            if not Article.objects.filter(outlet=outlet).exists():
                raise CommandError(_("No article comes from the outlet “%(outlet)s”.") % {"outlet": outlet})
            return {"kind": "outlet", "outlet": outlet}, _("Agreement on the articles from %(outlet)s") % {
                "outlet": outlet
            }
        return {"kind": "desk"}, _("Agreement on the whole desk")


# JSON: English codes as keys, full-precision values; a figure without a value says why, as a code and in
# words.


def _figure_json(figure: Figure, **extra) -> dict:
    document = {"value": figure.value, "claims": figure.items, **extra}
    if figure.value is None:
        document["not_computable"] = figure.not_computable.value
        document["reason"] = str(figure.not_computable.label)
    return document


def _pair_json(pair: ConfusionMatrix, names: dict[int, str]) -> dict:
    return {
        "reviewers": [names.get(pair.first, ""), names.get(pair.second, "")],
        "claims": pair.items,
        "observed_agreement": _figure_json(pair.observed),
        "cohen_kappa": _figure_json(pair.kappa),
        "confusion_matrix": {
            "categories": list(pair.categories),
            "rows": [list(row) for row in pair.counts],
        },
    }


def _as_json(figures: Agreement, names: dict[int, str]) -> dict:
    return {
        "claims": figures.items,
        "labels": figures.labels,
        "reviewers": sorted((names.get(r, "") for r in figures.raters), key=str.casefold),
        "observed_agreement": _figure_json(figures.observed, pairs=figures.observed.pairs),
        "fleiss_kappa": _figure_json(figures.fleiss, labels_per_claim=figures.fleiss.labels_per_item),
        "krippendorff_alpha": _figure_json(figures.alpha),
        "pairs": [_pair_json(pair, names) for pair in name_order(figures.pairs, names)],
    }


# The table: aligned columns for a terminal, in the desk's language.


def _columns(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]


def _observed_claims(figure: ObservedAgreement) -> str:
    if figure.value is None:
        return count_text(figure.items)
    pairs = ngettext("%(claims)s (%(pairs)s pair)", "%(claims)s (%(pairs)s pairs)", figure.pairs)
    return pairs % {"claims": count_text(figure.items), "pairs": count_text(figure.pairs)}


def _fleiss_claims(figure: FleissKappa) -> str:
    if figure.labels_per_item is None:
        return count_text(figure.items)
    return _("%(claims)s with %(labels)s labels each") % {
        "claims": count_text(figure.items),
        "labels": count_text(figure.labels_per_item),
    }


def _as_table(title: str, figures: Agreement, names: dict[int, str]) -> list[str]:
    lines = [
        title,
        _("Claims with labels: %(claims)s · labels: %(labels)s · reviewers: %(reviewers)s")
        % {
            "claims": count_text(figures.items),
            "labels": count_text(figures.labels),
            "reviewers": count_text(len(figures.raters)),
        },
        "",
    ]
    lines += _columns(
        [
            [_("Figure"), _("Value"), _("Claims")],
            [_("Observed agreement"), share_text(figures.observed), _observed_claims(figures.observed)],
            [_("Fleiss' kappa"), kappa_text(figures.fleiss), _fleiss_claims(figures.fleiss)],
            [_("Krippendorff's alpha"), kappa_text(figures.alpha), count_text(figures.alpha.items)],
        ]
    )
    lines.append("")
    if not figures.pairs:
        lines.append(_("No two reviewers have labelled the same claim yet."))
        return lines
    rows = [[_("Reviewers"), _("Cohen's kappa"), _("Observed agreement"), _("Claims")]]
    for pair in name_order(figures.pairs, names):
        reviewers = f"{names.get(pair.first, '')} – {names.get(pair.second, '')}"
        rows.append([reviewers, kappa_text(pair.kappa), share_text(pair.observed), count_text(pair.items)])
    lines += _columns(rows)
    lines += ["", _("Each pair's confusion matrix: --format json.")]
    return lines
