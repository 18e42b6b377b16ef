"""What changed between two texts of the guidelines, line by line (difflib), for the changes page. The
template escapes every line like any other text; nothing here is HTML."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

CONTEXT_LINES = 3


@dataclass(frozen=True)
class Line:
    kind: Literal["same", "removed", "added"]
    old_number: int | None  # its line number in the older text, if it is there
    new_number: int | None
    text: str


@dataclass(frozen=True)
class Hunk:
    """A run of changed lines with up to CONTEXT_LINES unchanged lines around it."""

    lines: list[Line]


@dataclass(frozen=True)
class Changes:
    hunks: list[Hunk]
    added: int
    removed: int

    @property
    def none(self) -> bool:
        return not self.hunks


def lines_of(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if text else []


def changes(old: str, new: str) -> Changes:
    a, b = lines_of(old), lines_of(new)
    hunks, added, removed = [], 0, 0
    # autojunk off: in texts of 200 lines or more it would skip lines that recur (blank lines) when pairing.
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        lines = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [
                    Line("same", i + 1, j + 1, a[i])
                    for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                ]
                continue
            lines += [Line("removed", i + 1, None, a[i]) for i in range(i1, i2)]
            lines += [Line("added", None, j + 1, b[j]) for j in range(j1, j2)]
            removed += i2 - i1
            added += j2 - j1
        hunks.append(Hunk(lines))
    return Changes(hunks, added, removed)
