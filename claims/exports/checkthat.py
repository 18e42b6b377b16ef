"""CLEF CheckThat! subjectivity TSV, a research format: `sentence_id`, `sentence`, OBJ or SUBJ.

Sentences are written exactly as stored, with no formula guard (researchers read this file with
csv.reader or pandas, not a spreadsheet), and quoted the csv module's way where they hold a tab, a quote,
CR or LF, so `csv.reader(delimiter="\\t")` gives them back byte for byte and no text can break a row. No BOM
(the task's tools read the header literally) and LF line ends, like the lab's own files.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from claims.exports.csv_lines import CsvLines
from claims.exports.export import Export, FileFormat
from claims.exports.records import ClaimRecord, claim_records
from claims.models import ClaimQuerySet

_TSV = CsvLines("\t", "\n")


class CheckThatTsv(FileFormat):
    name = "checkthat"
    label = _("CLEF CheckThat! subjectivity (TSV: sentence_id, sentence, OBJ/SUBJ)")
    stem = "newsdesk-checkthat"
    suffix = "tsv"
    content_type = "text/tab-separated-values; charset=utf-8"
    columns = ["sentence_id", "sentence", "label"]

    def count(self, export: Export) -> int:
        return _labelled(export.claims).count()

    def header(self, export: Export) -> str:
        return _TSV.header(self.columns)

    def lines(self, export: Export) -> Iterator[list[str]]:
        line = self.line
        for chunk in claim_records(_labelled(export.claims)):
            yield [line(record) for record in chunk]

    def line(self, record: ClaimRecord) -> str:
        """The id imported with the sentence, else the claim's; the subjectivity of the resolved label (a
        lead's decision too), else the imported label if no reviewer labelled the claim."""
        kept_reference = record.reference_label and not record.n_labels and not record.resolved_label
        label = record.reference_label if kept_reference else record.subjectivity
        sentence_id = record.source_id or str(record.claim_id)
        return _TSV.line([_TSV.quoted(sentence_id), _TSV.quoted(record.text), label])


def _labelled(claims: ClaimQuerySet) -> ClaimQuerySet:
    """Claims with a label the task knows: a resolved one (a lead may decide a claim nobody labelled), or
    a reference label nobody relabelled."""
    kept_reference = Q(n_labels=0) & ~Q(reference_label="")
    return claims.filter(kept_reference | ~Q(resolved_label=""))
