"""The desk's keyboard shortcuts, in the interface language.

A letter key is the first letter of the word its button shows: f for "Fact", m for "Meinung". So the keys
follow the words a translator chooses, and a translation must pick words whose first letters collide with
no other key of the desk (tests/test_shortcuts.py checks every language). j/k (move) and ? (help) do not
stand for words and are the same in every language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import pgettext

from claims.models import Label

MOVE_DOWN = "j"
MOVE_UP = "k"
HELP = "?"


def _first_letter(word: str) -> str:
    return word.strip()[:1].lower()


@dataclass(frozen=True, slots=True)
class DeskKeys:
    labels: tuple[tuple[Label.Value, str], ...]
    evidence: str
    note: str
    next_claim: str

    def all(self) -> list[str]:
        """Every key the desk answers to, for the collision check."""
        keys = [key for _, key in self.labels]
        return [*keys, self.evidence, self.note, self.next_claim, MOVE_DOWN, MOVE_UP, HELP]


@dataclass(frozen=True, slots=True)
class DisputeKeys:
    """The disputes page's keys: a label's key settles the focused dispute with that label (the desk's label
    keys), and one key goes to the reason field; j/k and ? as on the desk."""

    labels: tuple[tuple[Label.Value, str], ...]
    reason: str

    def all(self) -> list[str]:
        """Every key the disputes page answers to, for the collision check."""
        return [*(key for _, key in self.labels), self.reason, MOVE_DOWN, MOVE_UP, HELP]


def desk_keys() -> DeskKeys:
    """The keys in the active language. The words are the ones the desk shows next to each key."""
    return DeskKeys(
        labels=tuple((value, value.key) for value in Label.Value),
        evidence=_first_letter(pgettext("the desk's evidence key stands for this word", "Evidence")),
        note=_first_letter(pgettext("the desk's note key stands for this word", "Note")),
        # Shift and the first letter of the word for "next".
        next_claim=_first_letter(pgettext("the desk's next-claim key stands for this word", "Next")).upper(),
    )


def dispute_keys() -> DisputeKeys:
    """The disputes page's keys in the active language."""
    reason = pgettext("the disputes page's reason key stands for this word", "Reason")
    labels = tuple((value, value.key) for value in Label.Value)
    return DisputeKeys(labels=labels, reason=_first_letter(reason))
