"""Split an article's text into ordered units (claims, headings, boilerplate, list items).

Placeholder: one unit per sentence of spaCy's default sentencizer, within each line.
Issue 3 replaces this with rules a fact-checker can trust; the interface stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import spacy

CLAIM = "claim"
HEADING = "heading"
BOILERPLATE = "boilerplate"
LIST_ITEM = "list-item"
KINDS = (CLAIM, HEADING, BOILERPLATE, LIST_ITEM)
LABELLED_KINDS = (CLAIM, LIST_ITEM)


@dataclass(frozen=True, slots=True)
class Unit:
    start: int
    end: int
    text: str
    kind: str
    duplicate: bool = False


@cache
def pipeline() -> spacy.language.Language:
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


_LINE = re.compile(r"[^\n]+")


def segment(text: str) -> list[Unit]:
    """Units of `text` in reading order; `unit.text == text[unit.start:unit.end]`."""
    nlp = pipeline()
    units: list[Unit] = []
    seen: set[str] = set()
    for line in _LINE.finditer(text):
        doc = nlp(line.group())
        for sent in doc.sents:
            stripped = sent.text.strip()
            if not stripped:
                continue
            start = line.start() + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            end = start + len(stripped)
            units.append(Unit(start, end, stripped, CLAIM, duplicate=stripped in seen))
            seen.add(stripped)
    return units
