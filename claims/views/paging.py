"""Pages of a long list without a count of every row: the article list and the disputes queue read one row
past the page to know whether another follows. (Django's Paginator counts every row that matches, which at
a million claims costs more than the page.)"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BoundedPage:
    """The page `number` and whether one follows: what the templates' Previous/Next links read."""

    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_number(value: str | None) -> int:
    """The page a request asks for: 1 unless it is a whole number above 1."""
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1
