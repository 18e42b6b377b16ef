"""Cells a spreadsheet opens as text, never as a formula: the guard against CSV (formula) injection.

An article, a note or a title is written by anyone; a cell starting with `=` would run in Excel or
LibreOffice when a reviewer opens the claims CSV. The research TSV is not guarded (see checkthat.py).
"""

from __future__ import annotations

import unicodedata

# A cell starting with one of these (after blanks, after NFKC) is a formula or a DDE payload in some program.
FORMULA_STARTS = frozenset("=+-@|%\t\r\n\0")
GUARD = "'"
# Blanks a spreadsheet skips before it looks for "=": spaces and what NFKC turns into a space.
_BLANKS = " \u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

# First characters that settle it at once: printable ASCII other than a formula start, a space or the guard.
SAFE_FIRST = frozenset(chr(c) for c in range(0x21, 0x7F)) - FORMULA_STARTS - {GUARD}


def needs_guard(cell: str) -> bool:
    if not cell:
        return False
    first = cell[0]
    if first in FORMULA_STARTS:
        return True
    if first.isascii() and first != " ":
        return False  # the common case, decided without normalising
    rest = cell.lstrip(_BLANKS)
    if not rest:
        return False
    return rest[0] in FORMULA_STARTS or unicodedata.normalize("NFKC", rest[0])[:1] in FORMULA_STARTS


def _guarded_form(cell: str) -> bool:
    """A formula after any number of apostrophes (`=1`, `'=1`, `''=1`): guard() adds one apostrophe to each,
    so unguard() can take exactly that one away again, and a text that starts with `'=` comes back whole."""
    return needs_guard(cell.lstrip(GUARD))


def guard(cell: str) -> str:
    """`'=1+1` for `=1+1`: the apostrophe makes the spreadsheet show the text instead of evaluating it."""
    if not cell or cell[0] in SAFE_FIRST:
        return cell
    return GUARD + cell if _guarded_form(cell) else cell


def unguard(cell: str) -> str:
    """Undo guard(): drop the apostrophe exactly where guard() would have added it."""
    if cell.startswith(GUARD) and _guarded_form(cell):
        return cell[1:]
    return cell
