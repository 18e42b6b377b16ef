"""Line structure, on plain strings (no spaCy, no Django): which line breaks lie inside a unit, whether the
text was hard-wrapped, list markers and emphasis, and sub-heads run into their paragraph.

`claims.segmentation.units` cuts each chunk of an article into logical lines with `blocks`; the German
sentence rules and the word lists are in `claims.segmentation.rules`. As there, no regular expression
nests quantifiers, so no input can make one backtrack badly.
"""

from __future__ import annotations

import re

from claims.segmentation.rules import (
    CLOSERS,
    DATE_LINE,
    OPENERS,
    SENTENCE_END,
    SENTENCE_OPENERS,
    SPACE,
    STARTS_WITH_MONTH,
    is_abbreviation,
    word_before,
)

# A sentence end inside a line: punctuation, closing quotes, a space and a capital or a digit.
_INNER_SENTENCE_END = re.compile(r"[.!?…][“”«»‹›’\"')\]]* +[„»«‚›‹\"'(\[]?[A-ZÄÖÜ0-9]")
URL_STARTS = ("http://", "https://", "www.")
# Credits and agency notes that begin in lower case and yet start a line of their own.
LOWER_CASE_CREDITS = re.compile(
    r"(?:picture[ -]alliance|imago|dpa|afp|epd|kna|getty images)\b", re.IGNORECASE
)
# A line beginning with one of these labels is a line of its own (a credit, a source, a time stamp).
LINE_LABELS = (
    "foto:",
    "fotos:",
    "bild:",
    "bilder:",
    "grafik:",
    "video:",
    "audio:",
    "quelle:",
    "quellen:",
    "stand:",
)

# A line ending in one of these words continues on the next line. Prepositions that double as verb
# particles ("an", "auf", "durch", "mit") are left out: "Die Stadt greift durch" is a whole heading.
_CONTINUING_WORDS_TEXT = """
der die das den dem des eine einen einem einer eines und oder sondern dass weil wenn ob sowie als
bzw. in im am beim vom zum zur von für zwischen gegen ohne seit trotz wegen während
"""
CONTINUING_WORDS = frozenset(_CONTINUING_WORDS_TEXT.split())
# A full line of wrapped text ending in one of these words is no heading: the sentence goes on.
_FUNCTION_WORDS_TEXT = """
an auf aus bei bis durch mit nach über unter vor zu um ab gegenüber hinter neben statt außer seit samt
sich nicht auch noch nur schon sehr mehr so wie als dann doch aber denn also zwar erst etwa rund fast
ein einem sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer dessen deren diese dieser diesen diesem
dieses jene jener welche welcher welches alle allen aller kein keine keinen keinem keiner man es er sie wir
ist sind war waren hat haben hatte hatten wird werden wurde wurden kann können soll sollen muss müssen will
wollen darf dürfen mag
"""
FUNCTION_WORDS = CONTINUING_WORDS | frozenset(_FUNCTION_WORDS_TEXT.split())
# Words that, capitalised, begin a sentence rather than go on one (nouns and names may do either).
_SENTENCE_STARTS_TEXT = """
bisher seither seitdem dort hier damals inzwischen mittlerweile zunächst zuerst später künftig bislang
deren dessen denn sonst stattdessen immerhin jedoch ebenfalls vielmehr zugleich gleichzeitig ebenso
wer wie was wo wann warum weshalb wieso welche welcher welches viele einige manche mehrere alle beide
nein ja unter über durch gegen ohne um ab einer eines einem einen kein keine nicht
"""
SENTENCE_STARTS = SENTENCE_OPENERS | frozenset(_SENTENCE_STARTS_TEXT.split())

BULLETS = "-•*·▪‣◦►▶➤→–"
VARIATION_SELECTORS = "\ufe0e\ufe0f"


def _first_word(line: str) -> str:
    stripped = line.lstrip(SPACE)
    for i, c in enumerate(stripped):
        if c in SPACE:
            return stripped[:i]
    return stripped


def list_marker_length(line: str) -> int:
    """Length of a list marker ("- ", "• ", "1. ", "▶︎ ", "*** ") at the start of `line`, else 0."""
    if not line:
        return 0
    first = line[0]
    if first in BULLETS:
        i = 1
        while i < len(line) and (line[i] == first or line[i] in VARIATION_SELECTORS):
            i += 1
        if i < len(line) and line[i] in " \t\xa0":
            return i + 1
        return 0
    if first.isdigit():
        i = 1
        while i < len(line) and i < 3 and line[i].isdigit():
            i += 1
        if i < len(line) - 1 and line[i] in ".)" and line[i + 1] in " \t\xa0":
            rest = line[i + 2 :].lstrip()
            # "7. Januar 2026" is a date, not item 7.
            if not STARTS_WITH_MONTH.match(rest):
                return i + 2
    return 0


def wrap_width(lines: list[str]) -> int | None:
    """The column the text was hard-wrapped at, or None.

    A text counts as wrapped when its longest line of more than one word is at most 120 characters and
    either most lines that are followed by another line end within 15 columns of that width and some of
    those next lines start in lower case (mid-sentence; a list of short headlines has none), or, in a text
    of many short lines (lists, navigation, bylines), at least three lines within 15 columns of the width
    stop mid-sentence and at least four in five of those are tight: the next line's first word would not
    have fitted. A line of one
    word (a URL) may be longer: a wrapper cannot break it. Then a line break is soft when the next line's
    first word would not have fitted on the line: the wrapper moved it there.
    """
    lengths = [len(line.rstrip(SPACE)) for line in lines]
    width = max(
        (length for line, length in zip(lines, lengths, strict=True) if _has_inner_space(line)), default=0
    )
    if width == 0 or width > 120:
        return None
    inner = [i for i in range(len(lines) - 1) if lengths[i] and lengths[i + 1]]
    if len(inner) < 3:
        return None
    long = [i for i in inner if lengths[i] >= width - 15]
    lower = sum(1 for i in inner if lines[i + 1].lstrip(SPACE)[0].islower())
    if len(long) >= 0.6 * len(inner) and lower >= 0.2 * len(inner):
        return width
    # Many short lines (lists, bylines, navigation) between wrapped paragraphs: look at the long lines that
    # stop mid-sentence. A wrapper broke each of them because the next word did not fit; lines that a
    # person ended (headlines) stop anywhere.
    open_ended = [
        i for i in long if lines[i].rstrip(SPACE)[-1:].isalnum() or lines[i].rstrip(SPACE)[-1:] == ","
    ]
    tight = sum(1 for i in open_ended if lengths[i] + 1 + len(_first_word(lines[i + 1])) > width)
    return width if tight >= 3 and tight >= 0.8 * len(open_ended) else None


def _has_inner_space(line: str) -> bool:
    stripped = line.strip(SPACE)
    return any(c in SPACE for c in stripped)


def line_continues(
    previous: str, following: str, blank_between: bool, width: int | None, block_start: bool = False
) -> bool:
    """Whether the line break between two non-blank lines lies inside a unit.

    `block_start` says `previous` begins its logical line (the break before it was hard).
    """
    prev = previous.rstrip(SPACE)
    nxt = following.lstrip(SPACE)
    starts_lower = nxt[0].islower()
    # "auf-\n\nzuspüren": a word hyphenated across the break, even across a blank line.
    if prev.endswith("-") and len(prev) >= 2 and prev[-2].isalpha() and starts_lower:
        return True
    if blank_between:
        return False
    if not any(c.isalnum() for c in nxt) or not any(c.isalnum() for c in prev):
        return False  # a line of punctuation only ("[…]", "---") stands alone
    if nxt.startswith(URL_STARTS) and (prev[-1] in ".!?" or (prev[-1] == ":" and not _has_inner_space(prev))):
        return False  # "Quellen:" and a list of URLs; a sentence and a URL
    lowered = nxt.lower()
    if lowered.startswith(LINE_LABELS) or nxt[0] == "©":
        return False  # "Foto: …", "Stand: 14:32 Uhr" under a heading or a caption
    if LOWER_CASE_CREDITS.match(nxt) and len(nxt) <= 80 and nxt[-1] not in SENTENCE_END:
        return False  # "picture alliance/dpa | …", "dpa/lby": a credit or an agency, though in lower case
    full = width is not None and len(prev) <= width and len(prev) + 1 + len(_first_word(nxt)) > width
    # A wrapper may move a dash to the start of a line; then it is no bullet. After a colon it is one.
    moved_dash = full and nxt[0] in "-–" and len(prev) + 2 > width and not prev.endswith(":")
    if list_marker_length(nxt) and not moved_dash:
        return False
    if full:
        # A full line may still end a paragraph: a sentence end followed by a capital is a hard break, and so
        # is a heading or a lead-in ending in ":" that fills a line of its own.
        return not _ends_sentence(prev, nxt) and not (block_start and _stands_alone(prev, nxt))
    if nxt.startswith(URL_STARTS):
        return False  # a URL on a line of its own (in wrapped text, a long one follows a full line)
    last = prev.rstrip(CLOSERS)[-1:] if prev.rstrip(CLOSERS) else ""
    if starts_lower and last not in ".!?:;…":
        return True
    last_word = prev.rsplit(None, 1)[-1].lower() if prev.split() else ""
    return last_word in CONTINUING_WORDS


def _stands_alone(line: str, following: str) -> bool:
    """Whether a full first line of wrapped text is a heading or a lead-in rather than a paragraph's start.

    The next line must be a date line or begin a sentence with a capitalised word that only starts one
    ("Die", "Deren", "Bisher"; a noun or a name may go on the sentence: "der Rolle\nIsraels"), or, after a
    lead-in ending in ":", with an opening quote. A heading ends without punctuation and not in a function
    word ("nach", "die"), and holds no sentence end of its own.
    """
    first_word = _first_word(following)
    starts = first_word[:1].isupper() and first_word.lower().rstrip(",:") in SENTENCE_STARTS
    starts = starts or _opens_with_date(following)
    if line.endswith(":"):
        return starts or following[0] in OPENERS  # a quotation after a lead-in
    if not starts:
        return False
    tail = line.rstrip(CLOSERS)
    if (
        not tail
        or not tail[-1].isalnum()
        or not (line[0].isupper() or line[0].isdigit() or line[0] in OPENERS)
    ):
        return False
    if tail.rsplit(None, 1)[-1].lstrip(OPENERS).lower() in FUNCTION_WORDS:
        return False
    return _INNER_SENTENCE_END.search(line) is None


def _opens_with_date(line: str) -> bool:
    """ "7. Januar 2026 | …", "Düsseldorf, 3. Juli 2025": a date, or a place and a date."""
    if DATE_LINE.match(line):
        return True
    comma = line.find(", ", 0, 40)
    return comma > 0 and line[0].isupper() and DATE_LINE.match(line, comma + 2) is not None


def _ends_sentence(line: str, following: str) -> bool:
    tail = line.rstrip(CLOSERS)
    first = following.lstrip(OPENERS)[:1]
    if not tail or tail[-1] not in SENTENCE_END or not (first.isupper() or first.isdigit()):
        return False
    if tail.rstrip(SENTENCE_END)[-1:] in ("(", "["):
        return False  # "(…)" marks an omission
    if tail[-1] != ".":
        return True
    word = word_before(tail, 0, len(tail) - 1)
    if word.isdigit():
        return len(word) > 3
    return not is_abbreviation(word, first)


def blocks(text: str) -> list[tuple[int, int]]:
    """Spans of logical lines: physical lines joined where a line break is soft, without outer spaces."""
    lines = text.split("\n")
    width = wrap_width(lines)
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    previous_line = ""
    blank_between = False
    block_start = False  # the previous line began the current logical line
    offset = 0
    for line in lines:
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip(SPACE)
        if not stripped:
            blank_between = True
            continue
        first = start + len(line) - len(line.lstrip(SPACE))
        last = end - (len(line) - len(line.rstrip(SPACE)))
        if current is not None and line_continues(previous_line, line, blank_between, width, block_start):
            current = (current[0], last)
            block_start = False
        else:
            if current is not None:
                spans.append(current)
            current = (first, last)
            block_start = True
        previous_line = line
        blank_between = False
    if current is not None:
        spans.append(current)
    return spans


# A sub-head glued to its paragraph: a lower-case letter (or "?", "!") right before a capitalised word.
_GLUED = re.compile(r"[a-zäöüß?!](?=[A-ZÄÖÜ][a-zäöüß]+ )")


def run_in_head(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """A sub-head run into its paragraph, as (head start, head end, paragraph start), or None.

    Two forms: bold ("**Der Zeitplan** Die Bauarbeiten …"; the asterisks belong to neither) and glued by a
    copy that lost the line break ("Der WiderstandNicht alle …", "Wer profitiert?Vor allem …"). The head is
    at most ten words and no sentence; glued after a letter, the paragraph must open with a word that
    begins sentences ("Die", "Nicht"), so that "McDonald" or "BahnCard" stay whole.
    """
    limit = min(end, start + 120)
    if text.startswith(("**", "__"), start):
        mark = text[start : start + 2]
        close = text.find(mark, start + 2, limit)
        if close > start + 2 and close + 2 < end and text[close + 2] in SPACE:
            head_start, head_end = start + 2, close
            rest = close + 2
            while rest < end and text[rest] in SPACE:
                rest += 1
            head = text[head_start:head_end]
            if head.strip() == head and 1 <= len(head.split()) <= 10 and not _INNER_SENTENCE_END.search(head):
                return head_start, head_end, rest
        return None
    match = _GLUED.search(text, start, limit)
    if match is None:
        return None
    head_end = match.end()
    head = text[start:head_end]
    word = _first_word(text[head_end:limit])
    glued_to_mark = head[-1] in "?!"
    if not (2 <= len(head.split()) <= 10) or not head[0].isupper() or any(c in '/@.:;,„“»«"' for c in head):
        return None
    if not glued_to_mark and (word.lower() not in SENTENCE_STARTS or any(c in "?!" for c in head)):
        return None
    return start, head_end, head_end


def headline_breaks(text: str, start: int, end: int) -> list[int]:
    """The line breaks in text[start:end] after which a new headline begins: the line before ends in a
    letter or digit but not in a function word, and the next line begins with a capital."""
    cuts = []
    newline = text.find("\n", start, end)
    while newline >= 0:
        line_start = text.rfind("\n", start, newline) + 1 or start
        line = text[max(line_start, start) : newline].rstrip(SPACE)
        following = text[newline + 1 : end].lstrip(SPACE)
        words = line.split()
        if (
            words
            and line[-1].isalnum()
            and words[-1].lower() not in FUNCTION_WORDS
            and following[:1].isupper()
        ):
            cuts.append(newline)
        newline = text.find("\n", newline + 1, end)
    return cuts


def trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in SPACE:
        end -= 1
    return end


def trim_start(text: str, start: int, end: int) -> int:
    while start < end and text[start] in SPACE:
        start += 1
    return start


def strip_markup(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """The block's content span without its list marker or the **emphasis** around it, and whether it is a
    list item. Emphasis is a run of "*" or "_" at the start matched by a run of the same at the end; a lone
    "*" ("*Name geändert") is text. Markup only ("***") is left whole: it becomes a unit of its own."""
    is_item = False
    block_start = start
    marker = list_marker_length(text[start:end])
    if marker:
        is_item = True
        start += marker
    inner_start, inner_end = start, end
    while inner_start < inner_end and text[inner_start] in SPACE:
        inner_start += 1
    mark = text[inner_start] if inner_start < inner_end else ""
    if mark in ("*", "_") and text[inner_end - 1] == mark:
        # emphasis touches its words on both sides ("**Text**"); "* Text *" is no emphasis
        open_end, close_start = inner_start, inner_end
        while open_end < close_start and text[open_end] == mark:
            open_end += 1
        while close_start > open_end and text[close_start - 1] == mark:
            close_start -= 1
        if open_end < close_start and text[open_end] not in SPACE and text[close_start - 1] not in SPACE:
            inner_start, inner_end = open_end, close_start
    if inner_start >= inner_end or not any(c.isalnum() for c in text[inner_start:inner_end]):
        return block_start, end, False  # "* * *", "- ---", "**": markup only, one unit of its own
    return inner_start, inner_end, is_item


def has_content(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])
