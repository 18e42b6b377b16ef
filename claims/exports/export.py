"""An export: which claims, in which file format, with whose labels; and what every file format provides.

A file is written chunk by chunk from the database, so memory does not grow with the export, and holds the
header and the rows, nothing else, so it opens as data. An error after the first byte is raised out of
Export.stream(): a download is then aborted (the server drops the connection before the last chunk, and the
browser reports a failed download) and `export_claims` fails without leaving a file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connections
from django.db.models import Model, QuerySet
from django.utils import timezone

from claims.exports.csv_lines import BOM, CsvLines
from claims.models import Article, Claim, ClaimQuerySet, Label

# Lines sent at a time: about 150 KB of claims CSV.
LINES_PER_PIECE = 500
# The Export page counts the rows of at most this many articles, the newest the filters choose, and
# estimates the rest from them (RowCount): a label status is computed claim by claim, so an exact count
# of a million claims takes as long as the export.
COUNTED_ARTICLES = 100


class FileFormat:
    """A file format. A new one is a subclass in a module of its own, registered in formats.py."""

    name: str  # on the Export page and for `export_claims --format`
    label: str  # the choice on the Export page
    stem: str  # the file name, before its time stamp
    suffix: str
    content_type: str

    def count(self, export: Export) -> int:
        """How many rows the file will have (without the header)."""
        return export.claims.count()

    def header(self, export: Export) -> str:
        return ""

    def lines(self, export: Export) -> Iterator[list[str]]:
        """The rows as lines of text, a chunk at a time."""
        raise NotImplementedError


class SpreadsheetCsv(FileFormat):
    """A CSV that spreadsheets open: the chosen delimiter, CRLF line ends (RFC 4180), a BOM unless declined,
    and every cell of user text guarded against formulas (CsvLines.text)."""

    suffix = "csv"
    content_type = "text/csv; charset=utf-8"
    columns: list[str]

    def writer(self, export: Export) -> CsvLines:
        return CsvLines(export.delimiter, "\r\n")

    def header(self, export: Export) -> str:
        return (BOM if export.bom else "") + self.writer(export).header(self.columns)


@dataclass
class Export:
    format: FileFormat
    claims: ClaimQuerySet
    labels_by: Model | None = None  # only this reviewer's labels, notes and evidence
    delimiter: str = ","
    bom: bool = True
    # Set once the last row is written: the rows of a complete file.
    rows_written: int | None = field(default=None, init=False)

    def count(self) -> int:
        return self.format.count(self)

    def filename(self, now: datetime | None = None) -> str:
        local = timezone.localtime(now or timezone.now())
        return f"{self.format.stem}-{local:%Y%m%d-%H%M}.{self.format.suffix}"

    @property
    def content_type(self) -> str:
        return self.format.content_type

    def stream(self) -> Iterator[bytes]:
        """The file as UTF-8 pieces: the header at once, so the download starts, then the rows."""
        if header := self.format.header(self):
            yield header.encode()
        n = 0
        for lines in self.format.lines(self):
            n += len(lines)
            for start in range(0, len(lines), LINES_PER_PIECE):
                yield "".join(lines[start : start + LINES_PER_PIECE]).encode()
        self.rows_written = n


@dataclass(frozen=True)
class RowCount:
    """How many rows a file will have: exact, or estimated from the newest `counted` articles."""

    rows: int
    exact: bool
    counted: int = 0


def count_rows(export: Export, articles: QuerySet) -> RowCount:
    """The Export page's count. `articles` are the articles the filters choose (select_articles()). If they
    are more than COUNTED_ARTICLES, the rows of the newest COUNTED_ARTICLES are counted and scaled by
    PostgreSQL's estimate of how many articles there are (the planner's, from the table's statistics):
    the page says "about". The file itself always holds every row."""
    connection = connections[articles.db]
    newest = list(
        articles.order_by("-imported_at", "-pk").values_list("pk", flat=True)[: COUNTED_ARTICLES + 1]
    )
    if len(newest) <= COUNTED_ARTICLES or connection.vendor != "postgresql":
        return RowCount(export.count(), exact=True)
    newest = newest[:COUNTED_ARTICLES]
    sample = Export(export.format, export.claims.filter(article_id__in=newest), labels_by=export.labels_by)
    in_sample = sample.count()
    sql, params = articles.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    total = max(int(plan[0]["Plan"]["Plan Rows"]), COUNTED_ARTICLES)
    estimate = round(in_sample * total / COUNTED_ARTICLES)
    # Two significant digits: more would claim a precision the estimate does not have (measured against the
    # exact counts of a million claims: within 15 %).
    estimate = round(estimate, 2 - len(str(estimate))) if estimate >= 100 else estimate
    return RowCount(estimate, exact=False, counted=COUNTED_ARTICLES)


def select_articles(*, articles=(), outlet: str = "", imported_from=None, imported_to=None) -> QuerySet:
    """The articles whose claims an export writes, as select_claims() chooses them by article."""
    lookups = {
        "pk__in": [article.pk for article in articles],
        "outlet": outlet,
        "imported_at__date__gte": imported_from,
        "imported_at__date__lte": imported_to,
    }
    return Article.objects.filter(**{lookup: value for lookup, value in lookups.items() if value})


def select_claims(
    *,
    articles=(),
    outlet: str = "",
    imported_from=None,
    imported_to=None,
    status: str = "",
    label: str = "",
    labels_by=None,
    only_labelled_by=None,
    claims: ClaimQuerySet | None = None,
) -> ClaimQuerySet:
    """The claims an export writes, annotated by with_label_status() (over `labels_by`'s labels if given)."""
    if claims is None:
        claims = Claim.objects.labelled_kinds()
    claims = claims.with_label_status(reviewer=labels_by)
    lookups = {
        "article__in": articles,
        "article__outlet": outlet,
        "article__imported_at__date__gte": imported_from,
        "article__imported_at__date__lte": imported_to,
        "label_status": status,
        "resolved_label": label,
    }
    claims = claims.filter(**{lookup: value for lookup, value in lookups.items() if value})
    if only_labelled_by is not None:
        claims = claims.filter(pk__in=Label.objects.filter(reviewer=only_labelled_by).values("claim_id"))
    return claims
