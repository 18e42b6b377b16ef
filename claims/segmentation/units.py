"""Where an article's units begin and end and what kind each is, on plain strings (no spaCy, no Django).

`article_units` cuts the text into logical lines (`rules.blocks`), says what each is (`kinds`), marks
bylines split over two lines and the captions above photo credits, and splits claims and list items into
sentences. The spaCy component in `spacy_pipeline.py` runs it on each chunk of an article.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.segmentation import kinds, rules
from claims.segmentation.kinds import BOILERPLATE, CLAIM, HEADING, LIST_ITEM

# Longer texts are segmented in chunks cut at paragraph breaks; spaCy refuses docs over nlp.max_length.
CHUNK_SIZE = 200_000


@dataclass(slots=True)
class _Block:
    start: int
    end: int
    kind: str
    whole: bool  # one unit, never split into sentences
    credit: bool = False


Span = tuple[int, int, str]


def _classify(text: str, ended: bool) -> tuple[list[_Block], bool]:
    found: list[_Block] = []
    for block_start, block_end in rules.blocks(text):
        start, end, is_item = rules.strip_markup(text, block_start, block_end)
        if start >= end or not rules.has_content(text, start, end):
            continue  # "---", "***": markup only
        body = text[start:end]
        if ended:
            found.append(_Block(start, end, BOILERPLATE, whole=False))
        elif kinds.is_end_marker(body):
            ended = True
            found.append(_Block(start, end, BOILERPLATE, whole=True))
        elif kinds.is_credit(body):
            found.append(_Block(start, end, BOILERPLATE, whole=True, credit=True))
        elif (
            kinds.is_url(body)
            or kinds.is_byline(body)
            or kinds.is_navigation(body)
            or kinds.is_source_note(body)
        ):
            found.append(_Block(start, end, BOILERPLATE, whole=True))
        elif is_item:
            found.append(_Block(start, end, LIST_ITEM, whole=False))
        elif kinds.is_heading(body):
            found.append(_Block(start, end, HEADING, whole=True))
        else:
            found.append(_Block(start, end, CLAIM, whole=False))
    return found, ended


def _single_sentence(text: str, block: _Block, limit: int) -> bool:
    return block.end - block.start <= limit and len(rules.sentence_spans(text, block.start, block.end)) == 1


def _mark_bylines_and_captions(text: str, found: list[_Block]) -> None:
    captions: set[str] = set()
    for i, block in enumerate(found):
        body = text[block.start : block.end]
        # "Von" on its own line, the author's name on the next
        if body in ("Von", "von") and i + 1 < len(found):
            following = found[i + 1]
            if kinds.is_byline("Von " + text[following.start : following.end]):
                block.kind = following.kind = BOILERPLATE
                block.whole = following.whole = True
        if not block.credit:
            continue
        # The caption is the line right before the credit; a caption title line may precede it.
        if i >= 1 and found[i - 1].kind in (CLAIM, HEADING) and _single_sentence(text, found[i - 1], 300):
            captions.add(text[found[i - 1].start : found[i - 1].end])
            title = found[i - 2] if i >= 2 else None
            if (
                title is not None
                and title.kind == CLAIM
                and _single_sentence(text, title, 250)
                and not kinds.ends_like_a_sentence(text[title.start : title.end])
            ):
                captions.add(text[title.start : title.end])
    if captions:
        for block in found:
            if text[block.start : block.end] in captions and block.kind in (CLAIM, HEADING):
                block.kind, block.whole = BOILERPLATE, True


def article_units(text: str, ended: bool = False) -> tuple[list[Span], bool]:
    """(start, end, kind) of each unit of `text`, and whether an end-of-article marker was seen.

    `ended` says the text continues an article whose end marker came earlier: all of it is boilerplate.
    """
    found, ended = _classify(text, ended)
    _mark_bylines_and_captions(text, found)
    spans: list[Span] = []
    for block in found:
        if block.whole:
            pieces = rules.capped(text, block.start, block.end)
        else:
            pieces = rules.sentence_spans(text, block.start, block.end)
        spans.extend((start, end, block.kind) for start, end in pieces)
    return spans, ended


def chunks(text: str) -> list[tuple[int, int]]:
    """Cut text into pieces of at most CHUNK_SIZE, at a blank line, else a line break, else a space."""
    pieces = []
    start = 0
    while len(text) - start > CHUNK_SIZE:
        limit = start + CHUNK_SIZE
        cut = -1
        for separator in ("\n\n", "\n", " "):
            cut = text.rfind(separator, start + CHUNK_SIZE // 2, limit)
            if cut > start:
                break
        if cut <= start:
            cut = limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces
