"""Every file format of the exports, by the name the Export page and `export_claims --format` use.

A new format is a FileFormat subclass in a module of its own (see claims_csv.py), listed here.
"""

from __future__ import annotations

from claims.exports.checkthat import CheckThatTsv
from claims.exports.claims_csv import ClaimsCsv
from claims.exports.export import FileFormat
from claims.exports.jsonl import JsonLines
from claims.exports.labels_csv import LabelsCsv

FORMATS: dict[str, FileFormat] = {
    file_format.name: file_format for file_format in (ClaimsCsv(), LabelsCsv(), JsonLines(), CheckThatTsv())
}
DEFAULT = ClaimsCsv.name
