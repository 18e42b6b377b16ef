"""Gold files for the segmentation tests, the boundary scores computed against them, and the short-hands
the rule tests share.

A gold file `tests/gold/NAME.jsonl` holds one unit per line, in reading order, written by hand:
`{"kind": "claim", "text": "Das ist nun geschafft."}` or, for long units,
`{"kind": "claim", "from": "Analysten werden nun", "to": "unter die Lupe nehmen."}`.
Each is located in the article after the previous unit; a space in the gold matches any run of whitespace
in the article, so hard-wrapped texts need no line breaks in the gold. Between two units there may be
whitespace and markup only, which catches a unit left out by mistake.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claims.segmentation import segment

GOLD = Path(__file__).parent / "gold"
ROOT = Path(__file__).parent.parent

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    kind_accuracy: float
    gold: int
    predicted: int
    matched: int
    kinds_right: int


def texts(text: str) -> list[str]:
    return [unit.text for unit in segment(text)]


def kinds(text: str) -> list[tuple[str, str]]:
    return [(unit.text, unit.kind) for unit in segment(text)]


def _pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(word) for word in phrase.split()))


def _find(pattern: re.Pattern[str], text: str, pos: int, what: str, name: str) -> re.Match[str]:
    match = pattern.search(text, pos)
    if match is None:
        raise AssertionError(f"{name}: gold phrase not found after offset {pos}: {what!r}")
    return match


def _only_markup(gap: str) -> bool:
    """Whitespace, bullets and list numbers ("1.") only."""
    return all(
        not any(c.isalnum() for c in token) or (token[:-1].isdigit() and token[-1] in ".)")
        for token in gap.split()
    )


def article_text(name: str) -> str:
    source = json.loads((GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()[0])["source"]
    return (ROOT / source).read_text(encoding="utf-8")


def gold_spans(name: str) -> tuple[str, list[Span]]:
    """The article's text and its hand-made units as (start, end, kind)."""
    lines = (GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    text = article_text(name)
    spans: list[Span] = []
    pos = 0
    for line in lines[1:]:
        if not line.strip():
            continue
        entry = json.loads(line)
        if "text" in entry:
            match = _find(_pattern(entry["text"]), text, pos, entry["text"], name)
            start, end = match.start(), match.end()
        else:
            start = _find(_pattern(entry["from"]), text, pos, entry["from"], name).start()
            end = _find(_pattern(entry["to"]), text, start, entry["to"], name).end()
        gap = text[pos:start]
        if not _only_markup(gap):
            raise AssertionError(f"{name}: text between gold units: {gap.strip()[:80]!r}")
        spans.append((start, end, entry["kind"]))
        pos = end
    tail = text[pos:]
    if not _only_markup(tail):
        raise AssertionError(f"{name}: text after the last gold unit: {tail.strip()[:80]!r}")
    return text, spans


def gold_names() -> list[str]:
    return sorted(path.stem for path in GOLD.glob("*.jsonl"))


def score(gold: list[Span], predicted: list[Span]) -> Scores:
    """Boundary precision/recall/F1 over exact (start, end) spans; kind accuracy over matched spans."""
    gold_kinds = {(start, end): kind for start, end, kind in gold}
    predicted_kinds = {(start, end): kind for start, end, kind in predicted}
    matched = gold_kinds.keys() & predicted_kinds.keys()
    kinds_right = sum(1 for span in matched if gold_kinds[span] == predicted_kinds[span])
    precision = len(matched) / len(predicted_kinds) if predicted_kinds else 0.0
    recall = len(matched) / len(gold_kinds) if gold_kinds else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        precision,
        recall,
        f1,
        kinds_right / len(matched) if matched else 0.0,
        len(gold_kinds),
        len(predicted_kinds),
        len(matched),
        kinds_right,
    )


@cache
def _sentencizer():
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def sentencizer_spans(text: str) -> list[Span]:
    """Baseline: spaCy's rule-based sentencizer on blank("de") over the whole text, every unit a claim."""
    spans = []
    for sent in _sentencizer()(text).sents:
        stripped = sent.text.strip()
        if stripped:
            start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
            spans.append((start, start + len(stripped), "claim"))
    return spans
