"""What a pasted or plain-text article says about itself: its headline under a kicker, and the byline's
author and dates.

A newsroom copies an article from the browser, so its first lines are what the page showed above the text:
a kicker (Dachzeile, "Ukraine-Krieg") above the headline, a byline ("Von Martina Beispiel"), a date line
("7. Mai 2026", "07.05.2026", "Stand: 07.05.2026, 14:05 Uhr", "7. Januar 2026 | Martin Jay"). Segmentation
already marks these lines (headings, boilerplate); this module reads them. Plain strings, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from claims.segmentation import BOILERPLATE, HEADING
from claims.segmentation.kinds import NAME_PARTICLES, is_byline

MONTHS = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "februar": 2,
    "feber": 2,
    "feb": 2,
    "märz": 3,
    "mär": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# "7. Mai 2026", "07.05.2026", "7.5.26", "2026-05-07"; then an optional time "14:05" or "14.05 Uhr".
_DATE = re.compile(
    rf"(?P<day>\d{{1,2}})\.\s?(?P<month_name>{_MONTH_NAMES})\.?\s(?P<year>\d{{4}})"
    r"|(?P<nday>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<nyear>\d{4}|\d{2})(?!\d)"
    r"|(?P<iyear>\d{4})-(?P<imonth>\d{2})-(?P<iday>\d{2})",
    re.IGNORECASE,
)
_TIME = re.compile(r"[,\s]*(?:um\s)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s?Uhr)?", re.IGNORECASE)
_UPDATED = ("aktualisiert", "zuletzt aktualisiert", "update:", "geändert")
# Longest first, so "ein kommentar von" is not read as "von".
_BYLINE_WORDS = (
    "ein kommentar von",
    "eine analyse von",
    "gastbeitrag von",
    "autorin:",
    "autor:",
    "text:",
    "von",
)
_VON_ALONE = re.compile(r"^(von)[ \t]*\n", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*\|\s*|\s[·•–—/]\s|\n")
# A year outside these is no publication date (and year 1 would overflow time-zone arithmetic).
EARLIEST_YEAR, LATEST_YEAR = 1800, 2200
# A kicker: a few words above the headline, never a sentence.
KICKER_MAX_WORDS = 5
KICKER_MAX_LENGTH = 50
# Bylines and date lines stand above the text, among the first units.
LEADING_UNITS = 8


@dataclass(frozen=True)
class Byline:
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    lines: tuple[str, ...] = ()


def german_date(text: str) -> datetime | None:
    """The first date in `text` in a German format, with its time if one follows ("14:05 Uhr"); naive."""
    match = _DATE.search(text)
    if match is None:
        return None
    groups = match.groupdict()
    try:
        if groups["month_name"]:
            day = date(int(groups["year"]), MONTHS[groups["month_name"].lower()], int(groups["day"]))
        elif groups["nmonth"]:
            year = int(groups["nyear"])
            day = date(year + 2000 if year < 100 else year, int(groups["nmonth"]), int(groups["nday"]))
        else:
            day = date(int(groups["iyear"]), int(groups["imonth"]), int(groups["iday"]))
    except ValueError:  # 31.02.2026
        return None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return None
    clock = time()
    if found := _TIME.match(text, match.end()):
        hour, minute = int(found["hour"]), int(found["minute"])
        if hour < 24 and minute < 60:
            clock = time(hour, minute)
    return datetime.combine(day, clock)


def read_byline(lines: list[str]) -> Byline:
    """Author and dates from the byline and date lines among an article's first lines (in reading order).

    "Aktualisiert …" is the update date; any other date ("Stand: …", "Veröffentlicht am …", a bare date)
    the publication date, the first one found. A name stands after "Von", "Text:", "Autor:" …, or beside a
    date ("7. Januar 2026 | Martin Jay")."""
    author, published, updated, used = "", None, None, []
    for line in lines:
        parts = [p.strip() for p in _SEPARATORS.split(_VON_ALONE.sub(r"\1 ", line)) if p.strip()]
        dates = [(part, german_date(part)) for part in parts]
        for part, when in dates:
            if when is not None and part.lower().startswith(_UPDATED):
                updated = updated or when
            elif when is not None:
                published = published or when
        has_date = any(when is not None for _, when in dates)
        names = [_author(part, bare=has_date) for part, when in dates if when is None]
        if not author and any(names):
            author = next(name for name in names if name)
        if has_date or any(names):
            used.append(line)
    return Byline(author=author, published=published, updated=updated, lines=tuple(used))


def _author(part: str, *, bare: bool = False) -> str:
    """The name in "Von Martina Beispiel", "Autor: Max Muster"; with `bare`, a name alone as well."""
    lowered = part.lower()
    name = part if bare else ""
    for word in _BYLINE_WORDS:
        if lowered.startswith(word) and (word.endswith(":") or lowered[len(word) : len(word) + 1] == " "):
            name = part[len(word) :].strip()
            break
    words = name.split()
    is_name = 1 <= len(words) <= 6 and all(w[0].isupper() or w in NAME_PARTICLES for w in words)
    return name if is_name and not any(ch.isdigit() for ch in name) else ""


def headline_and_kicker(units) -> tuple[str, str]:
    """(headline, kicker) from the article's first units: the first heading, unless it is a short line
    right above a longer heading, the headline under its kicker."""
    for i, unit in enumerate(units[:LEADING_UNITS]):
        if unit.kind != HEADING:
            continue
        following = units[i + 1] if i + 1 < len(units) else None
        if (
            following is not None
            and following.kind == HEADING
            and len(unit.text) <= KICKER_MAX_LENGTH
            and len(unit.text.split()) <= KICKER_MAX_WORDS
            and len(following.text) > len(unit.text)
        ):
            return following.text, unit.text
        return unit.text, ""
    return "", ""


def leading_bylines(units) -> list[str]:
    """The boilerplate lines among the first units that read as a byline or a date line."""
    return [u.text for u in units[:LEADING_UNITS] if u.kind == BOILERPLATE and is_byline(u.text)]
