"""Line structure and German sentence rules, on plain strings (no spaCy, no Django).

`claims.segmentation.units` applies these to each chunk of an article; `claims.segmentation.kinds` says
what each logical line is. No regular expression here nests quantifiers, so no input can make one
backtrack badly; the per-character work is done by str methods and `re` scans in C.
"""

from __future__ import annotations

import re

MAX_UNIT = 2000
SPACE = " \t\n\r\xa0\u2009\u202f"
SENTENCE_END = ".!?…"
# German closes with “ (and « in »...« style, » in Swiss «...»); ’ ) ] and straight quotes close too.
CLOSERS = "“”«»‹›’\"')]"
# „ and » (Swiss: «) open a quotation and belong to the sentence that follows. Right after a sentence's
# punctuation a guillemet closes; after a space it opens.
OPENERS = "„»«‚›‹\"'(["

_END_RUN = re.compile(r"[.!?…]+")
_MONTHS = (
    "Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    "|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez"
)
STARTS_WITH_MONTH = re.compile(rf"(?:{_MONTHS})\b")
DATE_LINE = re.compile(rf"\d{{1,2}}\. ?(?:{_MONTHS})\.? \d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}")

# A period after these never ends a sentence (lower-cased, without the period). "usw." and "etc." are
# missing on purpose: they end a sentence when a capital follows.
_ABBREVIATIONS_TEXT = """
dr prof bzw ca vgl sog ggf evtl inkl exkl bspw zzgl insb einschl bzgl gem lt mind rd tsd urspr vorm
zt zzt mio mrd jh jhd chr geb gest hr fr frl dipl ing med phil jur rer nat hl st str tel mr mrs
ms vs ua uä oä usf allg akad ehem stv abt dt engl frz gr lat röm gegr verh verw bes jan feb mär
apr jun jul aug sep sept okt nov dez co
"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())
# These only count as abbreviations before a number: "Art. 5", "Abs. 2", "Nr. 7", "S. 12".
_NUMBER_ABBREVIATIONS_TEXT = """
art abs nr nrn s ss bd kap ziff abb tab lit anm no
"""
NUMBER_ABBREVIATIONS = frozenset(_NUMBER_ABBREVIATIONS_TEXT.split())

# "am 7. Mai", "der 2. Weltkrieg", "zum 3. Mal": a number after these words is an ordinal.
_ORDINAL_CONTEXT_TEXT = """
am im vom zum beim der die das dem den des ein eine einem einen einer eines ihr ihre ihrem ihren sein seine
seinem seinen seiner unser unsere jeder jede jedes jedem jeden dieser diese dieses diesem diesen ab bis seit
"""
ORDINAL_CONTEXT = frozenset(_ORDINAL_CONTEXT_TEXT.split())
# "stieg auf 120. Die meisten ...": a number followed by one of these words ends the sentence.
_SENTENCE_OPENERS_TEXT = """
der die das den dem des ein eine er sie es wir ihr ich man dies diese dieser dieses damit dabei danach dann
doch aber auch so da nun jetzt heute gestern morgen zudem außerdem allerdings trotzdem deshalb daher bis
im in am an auf aus bei mit nach von vor seit für wie was wer wo wann warum ob als wenn weil zuvor zuletzt
insgesamt laut zum zur
"""
SENTENCE_OPENERS = frozenset(_SENTENCE_OPENERS_TEXT.split())

# A line ending in one of these words continues on the next line. Prepositions that double as verb
# particles ("an", "auf", "durch", "mit") are left out: "Die Stadt greift durch" is a whole heading.
_CONTINUING_WORDS_TEXT = """
der die das den dem des eine einen einem einer eines und oder sondern dass weil wenn ob sowie als
bzw. in im am beim vom zum zur von für zwischen gegen ohne seit trotz wegen während
"""
CONTINUING_WORDS = frozenset(_CONTINUING_WORDS_TEXT.split())

BULLETS = "-•*·▪‣◦►▶➤→–"
VARIATION_SELECTORS = "\ufe0e\ufe0f"

# ---- line structure -------------------------------------------------------------------------------


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

    A text counts as wrapped when its longest line is at most 120 characters, most lines that are
    followed by another line end within 15 columns of that width, and some of those next lines start in
    lower case (mid-sentence; a list of short headlines has none). Then a line break is soft when the
    next line's first word would not have fitted on the line: the wrapper moved it there.
    """
    lengths = [len(line.rstrip(SPACE)) for line in lines]
    width = max(lengths, default=0)
    if width == 0 or width > 120:
        return None
    inner = [i for i in range(len(lines) - 1) if lengths[i] and lengths[i + 1]]
    if len(inner) < 3:
        return None
    full = sum(1 for i in inner if lengths[i] >= width - 15)
    lower = sum(1 for i in inner if lines[i + 1].lstrip(SPACE)[0].islower())
    return width if full >= 0.6 * len(inner) and lower >= 0.2 * len(inner) else None


def line_continues(previous: str, following: str, blank_between: bool, width: int | None) -> bool:
    """Whether the line break between two non-blank lines lies inside a unit."""
    prev = previous.rstrip(SPACE)
    nxt = following.lstrip(SPACE)
    starts_lower = nxt[0].islower()
    # "auf-\n\nzuspüren": a word hyphenated across the break, even across a blank line.
    if prev.endswith("-") and len(prev) >= 2 and prev[-2].isalpha() and starts_lower:
        return True
    if blank_between:
        return False
    # A wrapper may move a dash to the start of a line; then it is no bullet.
    moved_dash = width is not None and nxt[0] in "-–" and len(prev) + 2 > width
    if list_marker_length(nxt) and not moved_dash:
        return False
    if width is not None and len(prev) + 1 + len(_first_word(nxt)) > width:
        # A full line may still end a paragraph: a sentence end followed by a capital is a hard break.
        return not _ends_sentence(prev, nxt)
    last = prev.rstrip(CLOSERS)[-1:] if prev.rstrip(CLOSERS) else ""
    if starts_lower and last not in ".!?:;…":
        return True
    last_word = prev.rsplit(None, 1)[-1].lower() if prev.split() else ""
    return last_word in CONTINUING_WORDS


def _ends_sentence(line: str, following: str) -> bool:
    tail = line.rstrip(CLOSERS)
    first = following.lstrip(OPENERS)[:1]
    if not tail or tail[-1] not in SENTENCE_END or not (first.isupper() or first.isdigit()):
        return False
    if tail.rstrip(SENTENCE_END)[-1:] in ("(", "["):
        return False  # "(…)" marks an omission
    if tail[-1] != ".":
        return True
    word = _word_before(tail, 0, len(tail) - 1)
    if word.isdigit():
        return len(word) > 3
    return not _is_abbreviation(word, first)


def blocks(text: str) -> list[tuple[int, int]]:
    """Spans of logical lines: physical lines joined where a line break is soft, without outer spaces."""
    lines = text.split("\n")
    width = wrap_width(lines)
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    previous_line = ""
    blank_between = False
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
        if current is not None and line_continues(previous_line, line, blank_between, width):
            current = (current[0], last)
        else:
            if current is not None:
                spans.append(current)
            current = (first, last)
        previous_line = line
        blank_between = False
    if current is not None:
        spans.append(current)
    return spans


def strip_markup(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """The block's content span without list markers or **emphasis**, and whether it is a list item."""
    is_item = False
    marker = list_marker_length(text[start:end])
    if marker:
        is_item = True
        start += marker
    while start < end and text[start] in "*_":
        start += 1
    while end > start and text[end - 1] in "*_":
        end -= 1
    while start < end and text[start] in SPACE:
        start += 1
    while end > start and text[end - 1] in SPACE:
        end -= 1
    return start, end, is_item


def has_content(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])


# ---- sentences ------------------------------------------------------------------------------------


def _word_before(text: str, start: int, stop: int) -> str:
    """The word ending at `stop` (exclusive), without opening brackets or quotes."""
    i = stop
    while i > start and text[i - 1] not in SPACE:
        i -= 1
    return text[i:stop].lstrip(OPENERS)


def _word_after(text: str, start: int) -> str:
    end = start
    while end < len(text) and end - start < 30 and (text[end].isalnum() or text[end] == "-"):
        end += 1
    return text[start:end]


def _is_ordinal(text: str, block_start: int, number_start: int, next_start: int) -> bool:
    """Whether the number before a period is an ordinal ("am 7. Mai") rather than a sentence's last word.

    German writes ordinals as digits and a period, so "120." ends a sentence only when the words around
    it say so: no ordinal context before it ("am", "der", "zum") and a typical sentence opener after it.
    """
    following = _word_after(text, next_start)
    if STARTS_WITH_MONTH.match(following):
        return True
    before = number_start
    while before > block_start and text[before - 1] in SPACE:
        before -= 1
    if _word_before(text, block_start, before).lower() in ORDINAL_CONTEXT:
        return True
    return following.lower() not in SENTENCE_OPENERS


def _is_abbreviation(word: str, next_char: str) -> bool:
    last = word.rsplit(".", 1)[-1].lower()
    if len(last) == 1 and last.isalpha():
        return True  # initials and z. B., u. a., d. h.
    if last in ABBREVIATIONS:
        return True
    return last in NUMBER_ABBREVIATIONS and next_char.isdigit()


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences in text[start:end], each without outer spaces."""
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _END_RUN.finditer(text, start, end):
        close = match.end()
        while close < end and text[close] in CLOSERS:
            close += 1
        if close >= end or text[close] not in SPACE:
            continue
        nxt = close
        while nxt < end and text[nxt] in SPACE:
            nxt += 1
        first = nxt
        while first < end and text[first] in OPENERS:
            first += 1
        if first >= end or not (text[first].isupper() or text[first].isdigit()):
            continue
        if match.start() > start and text[match.start() - 1] in "([":
            continue  # "(…)" marks an omission inside a quotation
        if match.group() == ".":
            word = _word_before(text, start, match.start())
            if word.isdigit():
                # A year or 15.000 ends a sentence; "7." and "120." depend on the words around them.
                if len(word) <= 3 and _is_ordinal(text, start, match.start() - len(word), first):
                    continue
            elif _is_abbreviation(word, text[first]):
                continue
        spans.append((begin, close))
        begin = nxt
    spans.append((begin, end))
    return [piece for span in spans for piece in capped(text, *span)]


def capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a span longer than MAX_UNIT at the last space before the limit (or at the limit)."""
    pieces = []
    while end - start > MAX_UNIT:
        cut = start + MAX_UNIT
        space = max(text.rfind(c, start + MAX_UNIT // 2, cut + 1) for c in " \n\t")
        if space > start:
            cut = space
        piece_end = cut
        while piece_end > start and text[piece_end - 1] in SPACE:
            piece_end -= 1
        pieces.append((start, piece_end))
        start = cut
        while start < end and text[start] in SPACE:
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces
