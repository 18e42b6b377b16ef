"""Property: the export cell writers take any Unicode without an exception; a claims or labels CSV cell
reads back exactly (csv.reader, then unguard) and no cell is one a spreadsheet would evaluate; a CheckThat!
TSV field is one line, reads back exactly as written, and writing it again changes nothing.
"""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.exports.checkthat import cell as tsv_cell
from claims.exports.checkthat import one_line
from claims.exports.csv_lines import CsvLines
from claims.exports.spreadsheet import FORMULA_STARTS, GUARD, guard, needs_guard, unguard

# Formula starts, blanks, apostrophes, quotes, delimiters and every kind of line break, drawn often.
SPECIAL = "=+-@|%'\"\t\r\n;, \u00a0\u3000\uff1d\uff0b\u2028\u2029\x85\x0b\x0c\x00\ufeff"
texts = st.text(st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL)), max_size=40)


def read_back(line: str, delimiter: str) -> list[str]:
    return next(csv.reader(io.StringIO(line, newline=""), delimiter=delimiter))


@settings(max_examples=500, deadline=None)
@given(texts, st.sampled_from([",", ";"]))
def test_a_csv_cell_reads_back_exactly_and_is_never_a_formula(text, delimiter):
    out = CsvLines(delimiter, "\r\n")
    line = out.line([out.text(text), "7", out.text(text)])
    first, number, last = read_back(line, delimiter)
    assert (unguard(first), number, unguard(last)) == (text, "7", text)
    assert not needs_guard(first)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_guarding_is_undone_exactly_and_only_where_it_was_done(text):
    guarded = guard(text)
    assert unguard(guarded) == text
    assert guarded in (text, GUARD + text)
    assert not guarded or guarded[0] not in FORMULA_STARTS


@settings(max_examples=500, deadline=None)
@given(texts)
def test_a_tsv_field_is_one_line_and_reads_back_as_written(text):
    field = tsv_cell(text)
    line = "1\t" + field + "\tOBJ\n"
    assert len(line.splitlines()) == 1
    assert read_back(line, "\t") == ["1", one_line(text), "OBJ"]
    assert tsv_cell(one_line(text)) == field
    if one_line(text) == text:
        assert read_back(line, "\t")[1] == text
