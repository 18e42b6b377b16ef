"""Labelled claims leave Newsdesk as files: the filters, the row builders and the streamed writers.

One code path for the Export page, `manage.py export_claims` and the admin action. Files are written
chunk by chunk from a server-side cursor (labels and evidence fetched per chunk of claims, one query each;
see _records()), so memory does not grow with the export. A file holds the header and the rows, nothing
else, so it opens as data. An error after the first byte is raised out of stream(), so a download is
aborted (the server drops the connection before the last chunk, and the browser reports a failed
download) and `export_claims` fails without leaving a file. The rows are built in claims/export_rows.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import CharField, Q, TextChoices
from django.db.models.functions import Cast
from django.utils import timezone

from claims import export_rows, roles, streaming
from claims.export_rows import CsvLines
from claims.models import Article, Claim, ClaimQuerySet, Evidence, Label

# Claims per query: 5,000 rather than 2,000 made the claim CSV a tenth faster (fewer queries per claim).
CHUNK_SIZE = 5000
LINES_PER_PIECE = 500
BOM = "\ufeff"

CLAIM_COLUMNS = [
    "claim_id",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "position",
    "claim_text",
    "kind",
    "label",
    "label_status",
    "n_labels",
    "labels",
    "evidence",
    "notes",
    "labelled_at",
    "subjectivity",
    "checkable",
    "reference_label",
    "source_id",
]
LABEL_COLUMNS = ["claim_id", "article_id", "reviewer", "label", "note", "created_at", "updated_at"]
CHECKTHAT_COLUMNS = ["sentence_id", "sentence", "label"]


class Format(TextChoices):
    CSV = "csv", "Claims, one row per claim (CSV)"
    LABELS_CSV = "labels-csv", "Labels, one row per claim and reviewer (CSV)"
    JSONL = "jsonl", "Claims with nested labels and evidence (JSON Lines)"
    CHECKTHAT = "checkthat", "CLEF CheckThat! subjectivity (TSV: sentence_id, sentence, OBJ/SUBJ)"


_FILES = {
    Format.CSV: ("newsdesk-claims", "csv", "text/csv; charset=utf-8"),
    Format.LABELS_CSV: ("newsdesk-labels", "csv", "text/csv; charset=utf-8"),
    Format.JSONL: ("newsdesk-claims", "jsonl", "application/x-ndjson; charset=utf-8"),
    Format.CHECKTHAT: ("newsdesk-checkthat", "tsv", "text/tab-separated-values; charset=utf-8"),
}


class ExportForm(forms.Form):
    """The filters of the Export page; `manage.py export_claims` fills the same form from its arguments."""

    format = forms.ChoiceField(choices=Format.choices, required=False)
    articles = forms.ModelMultipleChoiceField(
        queryset=Article.objects.none(), required=False, help_text="None selected: all articles."
    )
    outlet = forms.ChoiceField(required=False)
    imported_from = forms.DateField(
        label="Imported from", required=False, widget=forms.DateInput({"type": "date"})
    )
    imported_to = forms.DateField(
        label="Imported until", required=False, widget=forms.DateInput({"type": "date"})
    )
    status = forms.ChoiceField(
        label="Label status", choices=[("", "Any"), *Claim.Status.choices], required=False
    )
    label = forms.ChoiceField(choices=[("", "Any"), *Label.Value.choices], required=False)
    reviewer = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="All reviewers",
        help_text="Only this reviewer's labels, notes and evidence, on the claims they labelled.",
    )
    delimiter = forms.ChoiceField(
        choices=[(",", "Comma"), (";", "Semicolon (German spreadsheet default)")], required=False
    )
    bom = forms.ChoiceField(
        label="Encoding",
        choices=[("yes", "UTF-8 with BOM (Excel shows umlauts)"), ("no", "UTF-8 without BOM")],
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        """`user=None` is the command line: everything. A reviewer may only pick themselves."""
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["articles"].queryset = Article.objects.only("pk", "title").order_by("-imported_at", "-pk")
        self.fields["outlet"].choices = [("", "All outlets"), *((o, o) for o in Article.objects.outlets())]
        users = get_user_model().objects.order_by("username")
        if user is not None and not roles.is_lead(user):
            users = users.filter(pk=user.pk)
            self.fields["reviewer"].empty_label = "Me"
        else:
            users = users.filter(
                Q(groups__name__in=[roles.REVIEWERS, roles.LEADS]) | Q(is_staff=True)
            ).distinct()
        self.fields["reviewer"].queryset = users

    FILE_FIELDS = ("format", "delimiter", "bom")

    @property
    def user_is_lead(self) -> bool:
        return self.user is None or roles.is_lead(self.user)

    def claim_fields(self) -> list:
        return [bound for bound in self if bound.name not in self.FILE_FIELDS]

    def file_fields(self) -> list:
        return [bound for bound in self if bound.name in self.FILE_FIELDS]

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("imported_from"), cleaned.get("imported_to")
        if start and end and start > end:
            self.add_error("imported_to", "The end of the date range is before its start.")
        return cleaned

    def export(self) -> Export:
        data = self.cleaned_data
        labels_by = data["reviewer"]
        if labels_by is None and not self.user_is_lead:
            labels_by = self.user
        claims = select_claims(
            articles=data["articles"],
            outlet=data["outlet"],
            imported_from=data["imported_from"],
            imported_to=data["imported_to"],
            status=data["status"],
            label=data["label"],
            labels_by=labels_by,
            only_labelled_by=data["reviewer"],
        )
        return Export(
            format=Format(data["format"] or Format.CSV),
            claims=claims,
            labels_by=labels_by,
            delimiter=data["delimiter"] or ",",
            bom=data["bom"] != "no",
        )


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
    if articles:
        claims = claims.filter(article__in=articles)
    if outlet:
        claims = claims.filter(article__outlet=outlet)
    if imported_from:
        claims = claims.filter(article__imported_at__date__gte=imported_from)
    if imported_to:
        claims = claims.filter(article__imported_at__date__lte=imported_to)
    if status:
        claims = claims.filter(label_status=status)
    if label:
        claims = claims.filter(resolved_label=label)
    if only_labelled_by is not None:
        claims = claims.filter(pk__in=Label.objects.filter(reviewer=only_labelled_by).values("claim_id"))
    return claims


@dataclass
class Export:
    format: Format
    claims: ClaimQuerySet
    labels_by: object = None
    delimiter: str = ","
    bom: bool = True
    # Set once the last row is written: the rows of a complete file.
    rows_written: int | None = field(default=None, init=False)

    def count(self) -> int:
        """The number of rows the file will have (without the header)."""
        if self.format == Format.LABELS_CSV:
            return self._labels().count()
        if self.format == Format.CHECKTHAT:
            return self._checkthat_claims().count()
        return self.claims.count()

    def filename(self, now: datetime | None = None) -> str:
        stem, suffix, _ = _FILES[self.format]
        return f"{stem}-{timezone.localtime(now or timezone.now()):%Y%m%d-%H%M}.{suffix}"

    @property
    def content_type(self) -> str:
        return _FILES[self.format][2]

    def stream(self) -> Iterator[bytes]:
        """The file as UTF-8 chunks; an error while writing it is raised from here, never written into it."""
        if self.format == Format.JSONL:
            return self._jsonl()
        if self.format == Format.CHECKTHAT:
            out = CsvLines("\t", "\n")
            lines = self._lines(self._checkthat_claims(), export_rows.checkthat_line, out)
            return self._csv(CHECKTHAT_COLUMNS, lines, out, bom=False)
        out = CsvLines(self.delimiter, "\r\n")
        if self.format == Format.LABELS_CSV:
            return self._csv(LABEL_COLUMNS, self._label_lines(out), out, bom=self.bom)
        return self._csv(
            CLAIM_COLUMNS, self._lines(self.claims, export_rows.claim_csv_line, out), out, bom=self.bom
        )

    # Writers ---------------------------------------------------------------------------------------------

    def _csv(self, header: list[str], chunks: Iterable[list[str]], out: CsvLines, *, bom: bool):
        """The header at once (so the download starts), then the lines in pieces."""
        yield ((BOM if bom else "") + out.header(header)).encode()  # the download starts at once
        n = 0
        for lines in chunks:
            n += len(lines)
            yield from _pieces(lines)
        self.rows_written = n

    def _lines(self, claims: ClaimQuerySet, line, out: CsvLines) -> Iterator[list[str]]:
        for chunk in self._records(claims):
            yield [line(record, out) for record in chunk]

    def _jsonl(self) -> Iterator[bytes]:
        n = 0
        for chunk in self._records(self.claims):
            lines = [json.dumps(export_rows.claim_object(r), ensure_ascii=False) + "\n" for r in chunk]
            n += len(lines)
            yield from _pieces(lines)
        self.rows_written = n

    # Rows ------------------------------------------------------------------------------------------------

    _CLAIM_FIELDS = (
        "pk",
        "article_id",
        "article__title",
        "article__source_url",
        "article__outlet",
        "position",
        "text",
        "kind",
        "label_summary",  # n_labels|label_status|resolved_label, one subquery instead of three
        "reference_label",
        "source_id",
    )

    def _records(self, claims: ClaimQuerySet) -> Iterator[list[tuple]]:
        """Chunks of (claim fields, labels, evidence), made by two threads on PostgreSQL (streaming.py).

        One reads the claims from a cursor, the other queries each chunk's labels and evidence (one query
        each), so the database works on both while Python writes the rows. For CSV the database joins a
        claim's labels and evidence into the cells (export_rows.label_cells and evidence_cells); JSON Lines
        gets the rows, (claim_id, reviewer, value, note, updated_at) and (claim_id, url, title, stance, note,
        added_by, added_at). CheckThat! needs neither.
        """
        claims = claims.order_by("article_id", "position", "pk").values_list(*self._CLAIM_FIELDS)
        chunks = streaming.read_ahead(lambda: streaming.chunks(claims, CHUNK_SIZE))
        if self.format == Format.CHECKTHAT:
            return ([(row, None, None) for row in chunk] for chunk in chunks)
        return streaming.read_ahead(lambda: (self._with_labels_and_evidence(chunk) for chunk in chunks))

    def _with_labels_and_evidence(self, chunk: list[tuple]) -> list[tuple]:
        ids = [row[0] for row in chunk]
        labels = streaming.of_claims(Label.objects, ids)
        evidence = streaming.of_claims(Evidence.objects, ids)
        if self.labels_by is not None:
            labels = labels.filter(reviewer=self.labels_by)
            evidence = evidence.filter(added_by=self.labels_by)
        if self.format == Format.JSONL:
            labels = labels.order_by("claim_id", "reviewer__username").values_list(
                "claim_id", "reviewer__username", "value", "note", _as_text("updated_at")
            )
            evidence = evidence.order_by("claim_id", "added_at", "pk").values_list(
                "claim_id", "url", "title", "stance", "note", "added_by__username", _as_text("added_at")
            )
            labels_of, evidence_of = streaming.grouped(labels), streaming.grouped(evidence)
        else:
            labels_of = streaming.by_first(export_rows.label_cells(labels))
            evidence_of = streaming.by_first(export_rows.evidence_cells(evidence))
        return [(row, labels_of.get(row[0], ()), evidence_of.get(row[0], ())) for row in chunk]

    def _labels(self):
        labels = Label.objects.filter(claim__in=self.claims.values("pk"))
        if self.labels_by is not None:
            labels = labels.filter(reviewer=self.labels_by)
        return labels

    def _label_lines(self, out: CsvLines) -> Iterator[list[str]]:
        with streaming.without_jit():
            rows = (
                self._labels()
                .order_by("claim__article_id", "claim__position", "claim_id", "reviewer__username")
                .values_list(
                    "claim_id",
                    "claim__article_id",
                    "reviewer__username",
                    "value",
                    "note",
                    _as_text("created_at"),
                    _as_text("updated_at"),
                )
                .iterator(chunk_size=CHUNK_SIZE)
            )
            while chunk := list(islice(rows, CHUNK_SIZE)):
                yield [export_rows.label_line(row, out) for row in chunk]

    def _checkthat_claims(self) -> ClaimQuerySet:
        """Claims with a label the task knows: a reference label nobody relabelled, or a resolved one."""
        kept_reference = Q(n_labels=0) & ~Q(reference_label="")
        return self.claims.filter(kept_reference | ~Q(resolved_label=""))


def _as_text(field: str) -> Cast:
    """A timestamp as the database prints it in UTC, which export_rows.time_text() reformats fast."""
    return Cast(field, output_field=CharField())


def _pieces(lines: list[str]) -> Iterator[bytes]:
    """A chunk's lines as bytes, LINES_PER_PIECE at a time (~150 KB of claims CSV)."""
    for start in range(0, len(lines), LINES_PER_PIECE):
        yield "".join(lines[start : start + LINES_PER_PIECE]).encode()
