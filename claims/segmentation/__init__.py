"""Split an article's text into ordered units (claims, headings, boilerplate, list items).

The work happens in one spaCy component, `newsdesk_units` on `spacy.blank("de")`, in `spacy_pipeline.py`;
that module is imported only when text is first segmented, so the models import this package for the
kind names without importing spaCy. The component runs `units.article_units`, which reads the article's
line structure (`lines.py`), says what each logical line is (`kinds.py`) and splits claims and list
items into sentences by the German rules in `rules.py`; it stores the units on `doc._.units` and writes
the matching sentence starts in one array operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.segmentation.kinds import BOILERPLATE, CLAIM, HEADING, KINDS, LABELLED_KINDS, LIST_ITEM
from claims.segmentation.units import CHUNK_SIZE, chunks

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "BOILERPLATE",
    "CHUNK_SIZE",
    "CLAIM",
    "HEADING",
    "KINDS",
    "LABELLED_KINDS",
    "LIST_ITEM",
    "Unit",
    "pipeline",
    "segment",
]


@dataclass(frozen=True, slots=True)
class Unit:
    start: int
    end: int
    text: str
    kind: str
    duplicate: bool = False


def pipeline() -> Language:
    """The spaCy pipeline (built once). spaCy is imported here, not at start-up: the web app and most
    commands load this package for its names and only an import segments text."""
    from claims.segmentation.spacy_pipeline import pipeline as build

    return build()


def segment(text: str) -> list[Unit]:
    """Units of `text` in reading order; `unit.text == text[unit.start:unit.end]`."""
    from claims.segmentation.spacy_pipeline import make_doc

    nlp = pipeline()
    units: list[Unit] = []
    seen: set[str] = set()
    ended = False
    for chunk_start, chunk_end in chunks(text):
        doc = make_doc(nlp, text[chunk_start:chunk_end])
        doc._.article_ended = ended  # an end marker in an earlier chunk makes this one boilerplate
        doc = nlp(doc)
        ended = doc._.article_ended
        for start, end, kind in doc._.units:
            piece = text[chunk_start + start : chunk_start + end]
            units.append(Unit(chunk_start + start, chunk_start + end, piece, kind, duplicate=piece in seen))
            seen.add(piece)
    return units
