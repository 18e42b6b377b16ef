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
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claims.segmentation import segment
from claims.segmentation.lines import BULLETS, VARIATION_SELECTORS

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
    claim_f1: float = 0.0


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


def _emphasis(tokens: list[str]) -> bool:
    return all(all(c in "*_" for c in token) for token in tokens)


def _list_marker(token: str) -> bool:
    """ "-", "•", "***", "▶︎", "1.", "12)": a list marker as `lines.list_marker_length` reads one."""
    bare = token.rstrip(VARIATION_SELECTORS)
    if bare and bare[0] in BULLETS:
        return bare == bare[0] * len(bare)
    return 1 <= len(token) - 1 <= 3 and token[:-1].isdigit() and token[-1] in ".)"


def _only_markup(gap: str) -> bool:
    """Whether the text between two gold units holds no text: whitespace, a list marker before the next unit
    and emphasis (`**`, `__`) touching a unit only. A line with neither unit on it must be blank, so a
    forgotten "[…]" or "---" line shows up."""
    first, *middle, last = gap.split("\n") if "\n" in gap else (gap, "")
    if any(line.strip() for line in middle) or not _emphasis(first.split()):
        return False
    tokens = last.split()
    if tokens and _list_marker(tokens[0]):
        tokens = tokens[1:]
    return _emphasis(tokens)


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
    """Boundary precision/recall/F1 over exact (start, end) spans; kind accuracy over matched spans; claim F1
    over the spans that are claims in each (a claim found with the right boundaries and the right kind)."""
    gold_kinds = {(start, end): kind for start, end, kind in gold}
    predicted_kinds = {(start, end): kind for start, end, kind in predicted}
    matched = gold_kinds.keys() & predicted_kinds.keys()
    kinds_right = sum(1 for span in matched if gold_kinds[span] == predicted_kinds[span])
    precision = len(matched) / len(predicted_kinds) if predicted_kinds else 0.0
    recall = len(matched) / len(gold_kinds) if gold_kinds else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    gold_claims = {span for span, kind in gold_kinds.items() if kind == "claim"}
    predicted_claims = {span for span, kind in predicted_kinds.items() if kind == "claim"}
    both = len(gold_claims & predicted_claims)
    claim_f1 = (
        2 * both / (len(gold_claims) + len(predicted_claims)) if gold_claims or predicted_claims else 1.0
    )
    return Scores(
        precision,
        recall,
        f1,
        kinds_right / len(matched) if matched else 0.0,
        len(gold_kinds),
        len(predicted_kinds),
        len(matched),
        kinds_right,
        claim_f1,
    )


WRAP_WIDTH = 72


def wrapped(text: str, spans: list[Span], width: int = WRAP_WIDTH) -> tuple[str, list[Span]]:
    """The text hard-wrapped at `width` columns and its gold units mapped over.

    Each line longer than `width` is wrapped by `textwrap` as a mail client or `fmt` does: at spaces only,
    a word longer than the line (a URL) left whole on a line of its own. The whitespace where a line was
    broken becomes one line break. A unit keeps its words: its expected text is the gold text with the line
    breaks in it read as spaces, so only where it starts and ends moves.
    """
    wrapper = textwrap.TextWrapper(
        width=width,
        break_long_words=False,
        break_on_hyphens=False,
        expand_tabs=False,
        replace_whitespace=False,
    )
    out: list[str] = []
    new_index = [0] * (len(text) + 1)  # position in the wrapped text of each position in `text`
    length = 0
    offset = 0
    for number, line in enumerate(text.split("\n")):
        if number:
            new_index[offset - 1] = length
            out.append("\n")
            length += 1
        pieces = wrapper.wrap(line) if len(line) > width else [line]
        pos = 0
        for i, piece in enumerate(pieces):
            found = line.find(piece, pos)
            assert found >= 0, (line, piece)
            if i:
                # the whitespace the wrapper dropped (or none, after a hyphen) becomes one line break
                for j in range(pos, found):
                    new_index[offset + j] = length
                out.append("\n")
                length += 1
            else:
                for j in range(pos, found):
                    new_index[offset + j] = length + j - pos
                out.append(line[pos:found])
                length += found - pos
            for j in range(found, found + len(piece)):
                new_index[offset + j] = length + j - found
            out.append(piece)
            length += len(piece)
            pos = found + len(piece)
        for j in range(pos, len(line)):  # trailing whitespace the wrapper dropped
            new_index[offset + j] = length
        offset += len(line) + 1
    new_index[len(text)] = length
    result = "".join(out)
    mapped = [(new_index[start], new_index[end - 1] + 1, kind) for start, end, kind in spans]
    for (start, end, _), (new_start, new_end, _) in zip(spans, mapped, strict=True):
        assert "".join(text[start:end].split()) == "".join(result[new_start:new_end].split())
    return result, mapped


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
