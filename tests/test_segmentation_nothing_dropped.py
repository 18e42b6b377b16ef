"""Nothing is dropped: every non-space character of an imported text lies inside a unit or is markup.

What the segmenter may leave between units, exactly:

- a list marker: at the start of a line (after spaces), where `lines.list_marker_length` reads one (one
  bullet of `lines.BULLETS` repeated, variation selectors allowed, or one to three digits and "." or ")";
  then a space, a tab or a no-break space; not a date such as "7. Januar"), and only when a unit begins
  right after it;
- emphasis: a run of "*" or "_" touching a unit, right before its first or right after its last character
  ("***Teaser***", "**Der Zeitplan** Die Bauarbeiten …").

Space is what `str.isspace()` calls whitespace, and the zero-width characters U+200B–U+200D, U+2060 and
U+FEFF. Everything else, a "[…]" or "---" on a line of its own included, is in a unit.
"""

from __future__ import annotations

import textwrap
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.importing import normalise
from claims.segmentation import KINDS, Unit, lines, rules, segment
from tests.segmentation_helpers import gold_names, gold_spans, wrapped

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def is_space(c: str) -> bool:
    return c.isspace() or c in ZERO_WIDTH


def dropped(text: str, units: list[Unit]) -> list[tuple[int, str]]:
    """(offset, character) of each non-space character that is neither in a unit nor markup."""
    covered = bytearray(len(text))
    starts = set()
    for unit in units:
        covered[unit.start : unit.end] = b"\x01" * (unit.end - unit.start)
        starts.add(unit.start)
        i = unit.start
        while i > 0 and text[i - 1] in "*_":
            i -= 1
            covered[i] = 1
        j = unit.end
        while j < len(text) and text[j] in "*_":
            covered[j] = 1
            j += 1
    offset = 0
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip(rules.SPACE))
        marker = lines.list_marker_length(line[lead:])
        if marker:
            after = offset + lead + marker
            while after < len(text) and after not in starts and text[after] in rules.SPACE + "*_":
                after += 1
            if after in starts and "\n" not in text[offset + lead + marker : after]:
                covered[offset + lead : offset + lead + marker] = b"\x01" * marker
        offset += len(line) + 1
    return [(i, c) for i, c in enumerate(text) if not covered[i] and not is_space(c)]


def assert_nothing_dropped(text: str) -> None:
    units = segment(text)
    assert dropped(text, units) == []
    assert all(text[u.start : u.end] == u.text and u.kind in KINDS for u in units)
    assert all(not is_space(u.text[0]) and not is_space(u.text[-1]) for u in units)
    assert all(a.end <= b.start for a, b in pairwise(units))


# ---- generated text -----------------------------------------------------------------------------

_WORDS_TEXT = (
    "der die das und Rat Stadt Bürgermeisterin Haushalt beschloss sagte Prozent Millionen Euro am Dienstag "
    "nach vor mit über Gemeinderat Kita Schule Ukraine-Krieg US-Präsident GmbH & Co. KG z. B. Dr. Prof. "
    "bzw. u. a. ca. Nr. 7 Art. 5 Abs. 2 usw. etc. 1989 15.000 3,5 120. 7. Mai 2025 14:32 Uhr (63) dpa/lby "
    "Foto: Bild: picture alliance Anzeige Teilen Stand: Quellen als PDF Tickets www.example.de "
    "https://example.org/news/2025/a-b?c=d&e=f info@example.de McDonald BahnCard iPhone"
)
WORDS = _WORDS_TEXT.split()
PUNCTUATION = [".", "!", "?", "…", ":", ";", ",", "...", "?!", ""]
ODD = ["\t", "\xa0", "\u2009", "\u202f", "\u200b", "\ufeff", "\u3000", "\u2028", "\r", "\r\n", "\x00", "\x1b"]
ODD += ["\x7f", "\x85", "\x0c", "\u00ad", "  ", " \n", "\n \n", "\n\n\n"]
MARKUP = ["- ", "• ", "* ", "*** ", "1. ", "12) ", "▶︎ ", "– ", "→ ", "-", "**", "__", "***", "_", "*"]
LINES_OF_THEIR_OWN = [
    "[…]",
    "[...]",
    "(…)",
    "…",
    "---",
    "***",
    "* * *",
    "===",
    "•",
    "-",
    "„",
    "“",
    "?!",
    "]",
    "👉",
    "©",
]
QUOTES = [("„", "“"), ("»", "«"), ("«", "»"), ('"', '"'), ("(", ")"), ("[", "]"), ("‚", "‘")]

word = st.one_of(
    st.sampled_from(WORDS),
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ0123456789-",
        min_size=1,
        max_size=12,
    ),
)


@st.composite
def sentence(draw) -> str:
    words = draw(st.lists(word, min_size=1, max_size=14))
    text = " ".join(words)
    if draw(st.booleans()):
        text = text[:1].upper() + text[1:]
    if draw(st.integers(0, 4)) == 0:
        opener, closer = draw(st.sampled_from(QUOTES))
        text = opener + text + closer
    return text + draw(st.sampled_from(PUNCTUATION))


@st.composite
def line(draw) -> str:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.sampled_from(LINES_OF_THEIR_OWN))
    if kind == 1:
        return draw(st.sampled_from(MARKUP)) + draw(sentence())
    if kind == 2:
        mark = draw(st.sampled_from(["**", "__", "*", "***"]))
        return mark + draw(sentence()) + mark + draw(st.sampled_from(["", " ", " Der Rat tagte."]))
    if kind == 3:
        return draw(st.text(max_size=40))  # anything at all
    if kind == 4:
        return draw(st.sampled_from(["Mehr zum Thema", "Anzeige", "Von Anna Berger", "dpa/lby", "Quellen:"]))
    parts = draw(st.lists(sentence(), min_size=1, max_size=6))
    glue = draw(st.sampled_from([" ", " ", " ", "", "  ", "\xa0"]))
    return glue.join(parts)


@st.composite
def article(draw) -> str:
    lines = draw(st.lists(line(), min_size=1, max_size=25))
    separators = draw(
        st.lists(st.sampled_from(["\n", "\n\n", "\n", *ODD]), min_size=len(lines), max_size=len(lines))
    )
    text = "".join(piece + separator for piece, separator in zip(lines, separators, strict=True))
    if draw(st.booleans()):
        # hard-wrapped, as a mail client or `fmt` would
        width = draw(st.integers(30, 90))
        text = "\n".join(
            textwrap.fill(paragraph, width, break_long_words=False, break_on_hyphens=False) or paragraph
            for paragraph in text.split("\n")
        )
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_no_character_of_a_generated_article_is_dropped(text):
    assert_nothing_dropped(normalise(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_no_character_is_dropped_even_before_normalising(text):
    # segment() is only ever given normalised text, but it must not lose any of other text either
    assert_nothing_dropped(text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.stem)
def test_no_character_of_a_seed_is_dropped(path):
    text = normalise(path.read_text(encoding="utf-8"))
    assert_nothing_dropped(text)
    assert_nothing_dropped(textwrap.fill(text, 72))


@pytest.mark.parametrize("name", gold_names())
def test_no_character_of_a_gold_text_or_its_wrapped_variant_is_dropped(name):
    text, gold = gold_spans(name)
    assert_nothing_dropped(text)
    assert_nothing_dropped(wrapped(text, gold)[0])


def test_the_markup_left_outside_is_list_markers_and_emphasis_only():
    text = "- Erstens\n**Der Zeitplan** Die Arbeiten beginnen.\n[…]\n---\n*Name geändert"
    units = segment(text)
    assert [u.text for u in units] == [
        "Erstens",
        "Der Zeitplan",
        "Die Arbeiten beginnen.",
        "[…]",
        "---",
        "*Name geändert",
    ]
    assert dropped(text, units) == []
    assert dropped(text, units[1:]) == [(0, "-"), *((i, c) for i, c in enumerate("Erstens", 2))]
