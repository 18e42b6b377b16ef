"""German sentence rules and the characters and word lists they share, on plain strings (no spaCy, no
Django).

`claims.segmentation.units` applies these to each chunk of an article; `claims.segmentation.lines` reads
its line structure and `claims.segmentation.kinds` says what each logical line is. No regular expression
here nests quantifiers, so no input can make one backtrack badly; the per-character work is done by str
methods and `re` scans in C.
"""

from __future__ import annotations

import re

MAX_UNIT = 2000
# Every character `str.isspace()` calls whitespace, and the zero-width ones: a unit never starts or ends in
# one, and a line of them only is blank.
SPACE = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff"
)
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


# ---- sentences ------------------------------------------------------------------------------------


def word_before(text: str, start: int, stop: int) -> str:
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
    if word_before(text, block_start, before).lower() in ORDINAL_CONTEXT:
        return True
    return following.lower() not in SENTENCE_OPENERS


def is_abbreviation(word: str, next_char: str) -> bool:
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
        first = _after_omission(text, nxt, end)
        if first >= end or not (text[first].isupper() or text[first].isdigit()):
            continue
        if match.start() > start and text[match.start() - 1] in "([":
            continue  # "(…)" marks an omission inside a quotation
        if match.group() == ".":
            word = word_before(text, start, match.start())
            if word.isdigit():
                # A year or 15.000 ends a sentence; "7." and "120." depend on the words around them.
                if len(word) <= 3 and _is_ordinal(text, start, match.start() - len(word), first):
                    continue
            elif is_abbreviation(word, text[first]):
                continue
        spans.append((begin, close))
        begin = nxt
    spans.append((begin, end))
    return [piece for span in spans for piece in capped(text, *span)]


def _after_omission(text: str, start: int, end: int) -> int:
    """Where the words of the sentence beginning at `start` begin: after opening quotes and brackets, and
    after an omission mark ("[…] Seit Jahren …", "(...) Die"), which belongs to the sentence it opens."""
    first = start
    while first < end and text[first] in OPENERS:
        first += 1
    if first < end and first > start and text[first] in "….":
        close = first
        while close < end and text[close] in "….":
            close += 1
        if close < end and text[close] in ")]":
            close += 1
            while close < end and text[close] in SPACE:
                close += 1
            while close < end and text[close] in OPENERS:
                close += 1
            return close
    return first


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
