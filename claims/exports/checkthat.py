"""CLEF CheckThat! subjectivity TSV, a research format: `sentence_id`, `sentence`, OBJ or SUBJ.

Like the lab's own files, the format is one record per line, and the lab's tools (and line-based ones such
as `wc -l`, `cut` or a spreadsheet's text import) read it line by line: so every line break inside a
sentence (CR, LF, CRLF and the other characters `str.splitlines()` breaks at) is written as a space, as the
import reads a sentence with a line break, and no text can start a row of its own (`one_line`). Otherwise
sentences are written as stored, with no formula guard (researchers read this file with csv.reader or
pandas, not a spreadsheet), and quoted the csv module's way where they hold a tab or a quote, so
`csv.reader(delimiter="\\t")` gives back every sentence without a line break byte for byte. No BOM (the
task's tools read the header literally) and LF line ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from claims.exports.csv_lines import CsvLines
from claims.exports.export import Export, FileFormat
from claims.exports.records import ClaimRecord, claim_records
from claims.models import ClaimQuerySet

_TSV = CsvLines("\t", "\n")
# What str.splitlines() breaks a line at.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """The text with each line break a space: one field of a one-record-per-line file."""
    return _LINE_BREAK.sub(" ", text)


def cell(text: str) -> str:
    """A field of the TSV as written: on one line, quoted where it holds a tab or a quote."""
    return _TSV.quoted(one_line(text))


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
        return _TSV.line([cell(sentence_id), cell(record.text), label])


def _labelled(claims: ClaimQuerySet) -> ClaimQuerySet:
    """Claims with a label the task knows: a resolved one (a lead may decide a claim nobody labelled), or
    a reference label nobody relabelled."""
    kept_reference = Q(n_labels=0) & ~Q(reference_label="")
    return claims.filter(kept_reference | ~Q(resolved_label=""))
