"""Where an article's units begin and end and what kind each is, on plain strings (no spaCy, no Django).

`article_units` cuts the text into logical lines (`lines.blocks`), says what each is (`kinds`), marks
bylines split over two lines and the captions above photo credits, and splits claims and list items into
sentences. The spaCy component in `spacy_pipeline.py` runs it on each chunk of an article.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.segmentation import kinds, lines, rules
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
    url: bool = False


Span = tuple[int, int, str]


def _classify(text: str, ended: bool) -> tuple[list[_Block], bool]:
    found: list[_Block] = []
    for block_start, block_end in lines.blocks(text):
        start, end, is_item = lines.strip_markup(text, block_start, block_end)
        body = text[start:end]
        if not lines.has_content(text, start, end):
            # "---", "***", "[…]" on a line of its own: nothing to label, but no text is ever dropped
            found.append(_Block(start, end, BOILERPLATE, whole=True))
        elif ended:
            found.append(_Block(start, end, BOILERPLATE, whole=False))
        elif kinds.is_end_marker(body):
            ended = True
            found.append(_Block(start, end, BOILERPLATE, whole=True))
        elif kinds.is_credit(body):
            found.append(_Block(start, end, BOILERPLATE, whole=True, credit=True))
        elif kinds.is_url(body):
            found.append(_Block(start, end, BOILERPLATE, whole=True, url=True))
        elif is_item and not (kinds.is_navigation(body) or kinds.is_service(body)):
            # an item may end in a date ("Wahltag am 14. September 2025"): it is still an item, no byline
            found.append(_Block(start, end, LIST_ITEM, whole=False))
        elif (
            kinds.is_byline(body)
            or kinds.is_navigation(body)
            or kinds.is_source_note(body)
            or kinds.is_agency_note(body)
            or (kinds.is_service(body) and len(rules.sentence_spans(text, start, end)) == 1)
        ):
            found.append(_Block(start, end, BOILERPLATE, whole=True))
        elif kinds.is_heading(body):
            found.append(_Block(start, end, HEADING, whole=True))
        else:
            head = lines.run_in_head(text, start, end)
            if head is not None:
                # "**Der Zeitplan** Die Bauarbeiten …", "Wer profitiert?Vor allem …": a sub-head run into its
                # paragraph
                head_start, head_end, start = head
                found.append(_Block(head_start, head_end, HEADING, whole=True))
            found.append(_Block(start, end, CLAIM, whole=False))
    return found, ended


def _mark_question_subheads(text: str, found: list[_Block]) -> None:
    """Questions standing alone between paragraphs are sub-heads in an article that has sub-heads: when it
    has another sub-head after its first paragraph, or two such questions (a questions-and-answers piece).
    A short or anaphoric question ("Ist das gerecht?", "Wem nützt das?") stays a claim."""
    first_claim = next((i for i, block in enumerate(found) if block.kind == CLAIM), None)
    if first_claim is None:
        return
    candidates = [
        i
        for i in range(first_claim + 1, len(found) - 1)
        if found[i].kind == CLAIM
        and found[i + 1].kind in (CLAIM, LIST_ITEM)
        and not text[found[i - 1].start : found[i - 1].end].endswith(":")
        and kinds.is_question_heading(text[found[i].start : found[i].end])
    ]
    if not candidates:
        return
    subheads = any(block.kind == HEADING for block in found[first_claim + 1 :])
    if subheads or len(candidates) >= 2:
        for i in candidates:
            found[i].kind, found[i].whole = HEADING, True


def _mark_teasers(text: str, found: list[_Block]) -> list[_Block]:
    """Headlines listed under "Mehr zum Thema" link to other articles: boilerplate, one unit per headline.

    In wrapped text two such headlines may have been joined as one wrapped line; under the label a line
    break is a headline's end unless the line plainly goes on (a function word before it, lower case after).
    """
    marked: list[_Block] = []
    teasers = False
    for block in found:
        if block.kind == BOILERPLATE and kinds.is_teaser_label(text[block.start : block.end]):
            teasers = True
        elif teasers and block.kind == HEADING:
            start = block.start
            for cut in lines.headline_breaks(text, block.start, block.end):
                marked.append(_Block(start, lines.trim_end(text, start, cut), BOILERPLATE, whole=True))
                start = lines.trim_start(text, cut, block.end)
            marked.append(_Block(start, block.end, BOILERPLATE, whole=True))
            continue
        else:
            teasers = False
        marked.append(block)
    return marked


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
    found = _mark_teasers(text, found)  # first: a teaser headline is no sub-head of this article
    _mark_question_subheads(text, found)
    spans: list[Span] = []
    for i, block in enumerate(found):
        if block.whole:
            spans.extend(
                (start, end, block.kind) for start, end in rules.capped(text, block.start, block.end)
            )
            continue
        pieces = rules.sentence_spans(text, block.start, block.end)
        if block.kind != CLAIM:
            spans.extend((start, end, block.kind) for start, end in pieces)
            continue
        # A service line inside a paragraph ("Tickets gibt es unter www…"), and a lead-in that points to the
        # URL on the next line ("Die Stellungnahme ist hier abrufbar:"), are boilerplate; a claim that ends
        # in ":" before a URL ("Das Ministerium kündigte an, die Lage zu prüfen:") stays a claim.
        before_url = i + 1 < len(found) and found[i + 1].url
        for number, (start, end) in enumerate(pieces):
            piece = text[start:end]
            lead_in = (
                before_url and number == len(pieces) - 1 and piece.endswith(":") and kinds.points_to(piece)
            )
            spans.append((start, end, BOILERPLATE if lead_in or kinds.is_service(piece) else CLAIM))
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
