"""Boundary F1 of off-the-shelf sentence splitters (pysbd, syntok, SoMaJo) against tests/gold.

They are not project dependencies; install them into a throwaway virtualenv and run from the repository:
    python -m venv /tmp/cmp && /tmp/cmp/bin/pip install pysbd syntok somajo
    /tmp/cmp/bin/python bench/compare_splitters.py
A splitter that is not installed is skipped. They classify nothing, so only boundaries are scored.
The last line is one JSON object: splitter -> {gold file -> F1, "overall" -> F1}.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Span = tuple[int, int, str]


def _stripped(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    if not piece.strip():
        return None
    start += len(piece) - len(piece.lstrip())
    return (start, start + len(piece.strip()), "claim")


def pysbd_spans(text: str) -> list[Span]:
    import pysbd

    segmenter = pysbd.Segmenter(language="de", clean=False, char_span=True)
    spans = (_stripped(text, s.start, s.end) for s in segmenter.segment(text))
    return [span for span in spans if span]


def syntok_spans(text: str) -> list[Span]:
    from syntok import segmenter

    spans = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            first, last = sentence[0], sentence[-1]
            span = _stripped(text, first.offset, last.offset + len(last.value))
            if span:
                spans.append(span)
    return spans


def somajo_spans(text: str) -> list[Span]:
    from somajo import SoMaJo

    tokenizer = SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)
    spans = []
    offset = 0
    paragraphs = text.split("\n\n")
    starts = []
    for paragraph in paragraphs:
        starts.append(offset)
        offset += len(paragraph) + 2
    for start, sentence in zip(starts, _by_paragraph(tokenizer, paragraphs), strict=True):
        for tokens in sentence:
            if not tokens:
                continue
            span = _stripped(
                text, start + tokens[0].character_offset[0], start + tokens[-1].character_offset[1]
            )
            if span:
                spans.append(span)
    return spans


def _by_paragraph(tokenizer, paragraphs: list[str]):
    # One call per paragraph keeps each sentence's offsets relative to its own paragraph.
    for paragraph in paragraphs:
        yield list(tokenizer.tokenize_text([paragraph]))


SPLITTERS: dict[str, Callable[[str], list[Span]]] = {
    "pysbd": pysbd_spans,
    "syntok": syntok_spans,
    "somajo": somajo_spans,
}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.segmentation_helpers import gold_names, gold_spans, score

    figures: dict[str, dict[str, float]] = {}
    for name, splitter in SPLITTERS.items():
        pooled_gold: list[Span] = []
        pooled: list[Span] = []
        try:
            per_file = {}
            for index, gold_name in enumerate(gold_names()):
                text, gold = gold_spans(gold_name)
                predicted = splitter(text)
                per_file[gold_name] = round(score(gold, predicted).f1, 3)
                offset = index * 10_000_000
                pooled_gold += [(offset + s, offset + e, k) for s, e, k in gold]
                pooled += [(offset + s, offset + e, k) for s, e, k in predicted]
        except ImportError:
            print(f"{name}: not installed, skipped")
            continue
        per_file["overall"] = round(score(pooled_gold, pooled).f1, 3)
        figures[name] = per_file
        print(f"{name:8}" + " ".join(f"{k}={v}" for k, v in per_file.items()))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
