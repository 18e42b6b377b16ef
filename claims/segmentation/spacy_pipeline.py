"""The spaCy side of segmentation: the `newsdesk_units` component on `spacy.blank("de")` and tokenising.

Kept apart from the rest of `claims.segmentation` so that importing the package (the models do, for the
kind names) does not import spaCy; this module is imported when text is first segmented.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from claims.segmentation.units import CHUNK_SIZE, article_units

# spaCy's tokenizer takes quadratic time on a long run of punctuation ("=====…": 4,000 characters take
# seconds), so a chunk with such a run is split at whitespace only.
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{64}")
_WORD_OR_SPACE = re.compile(r"\S+|\s+")


if not Doc.has_extension("units"):
    Doc.set_extension("units", default=None)
    Doc.set_extension("article_ended", default=False)


@Language.component("newsdesk_units")
def newsdesk_units(doc: Doc) -> Doc:
    """Store the units on `doc._.units` and make each unit start a sentence start."""
    spans, doc._.article_ended = article_units(doc.text, doc._.article_ended)
    doc._.units = spans
    if len(doc):
        token_starts = doc.to_array(IDX).astype(np.int64)
        unit_starts = np.fromiter((start for start, _, _ in spans), dtype=np.int64, count=len(spans))
        sent_start = np.full(len(doc), -1, dtype=np.int64)
        sent_start[0] = 1
        # A unit may start inside a token ("-Punkt"); then its token starts the sentence.
        sent_start[np.searchsorted(token_starts, unit_starts, side="right") - 1] = 1
        doc.from_array([SENT_START], sent_start.astype(np.uint64).reshape(-1, 1))
    return doc


@cache
def pipeline() -> Language:
    nlp = spacy.blank("de")
    nlp.max_length = CHUNK_SIZE * 2
    nlp.add_pipe("newsdesk_units")
    return nlp


def _whitespace_doc(nlp: Language, text: str) -> Doc:
    words: list[str] = []
    spaces: list[bool] = []
    for match in _WORD_OR_SPACE.finditer(text):
        piece = match.group()
        if piece[0] == " " and words and not words[-1].isspace():
            spaces[-1] = True  # a word's one trailing space belongs to the word, as in spaCy's tokenizer
            piece = piece[1:]
        if piece:
            words.append(piece)
            spaces.append(False)
    return Doc(nlp.vocab, words=words, spaces=spaces)


def make_doc(nlp: Language, text: str) -> Doc:
    """The tokenised text: spaCy's German tokenizer unless a run of punctuation would make it crawl."""
    if _PUNCTUATION_RUN.search(text) is None:
        return nlp.make_doc(text)
    return _whitespace_doc(nlp, text)
