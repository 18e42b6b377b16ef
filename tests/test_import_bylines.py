"""A pasted or plain-text article: its title is the headline under a kicker, and its byline gives the author
and the publication date (German formats), which the desk then shows instead of the import date."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from claims import bylines, importing

BERLIN = ZoneInfo("Europe/Berlin")
BODY = "Der Stadtrat hat den Haushalt beschlossen. Die Opposition stimmte dagegen."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("7. Mai 2026", datetime(2026, 5, 7)),
        ("07.05.2026", datetime(2026, 5, 7)),
        ("Stand: 07.05.2026, 14:05 Uhr", datetime(2026, 5, 7, 14, 5)),
        ("Aktualisiert am 14. September 2025, 18:40 Uhr", datetime(2025, 9, 14, 18, 40)),
        ("Montag, 7. Januar 2026", datetime(2026, 1, 7)),
        ("3. Okt. 2025 um 9.30 Uhr", datetime(2025, 10, 3, 9, 30)),
        ("31.02.2026", None),
        ("1. Januar 0001", None),
        ("Ohne Datum", None),
    ],
)
def test_german_dates_are_read(line, expected):
    assert bylines.german_date(line) == expected


def test_the_title_is_the_headline_under_a_kicker():
    parsed = importing.parse(f"Ukraine-Krieg\n\nPutin droht mit einer neuen Offensive im Osten\n\n{BODY}")
    assert parsed.title == "Putin droht mit einer neuen Offensive im Osten"
    assert parsed.page_metadata["kicker"] == "Ukraine-Krieg"


def test_a_heading_and_its_subheading_are_not_a_kicker():
    text = (
        f"Trump trifft Putin in Alaska – Signal für eine neue Weltordnung?\n\nAlaskas Inszenierung\n\n{BODY}"
    )
    assert importing.parse(text).title == "Trump trifft Putin in Alaska – Signal für eine neue Weltordnung?"


def test_a_markdown_headline_wins_over_the_kicker_above_it():
    parsed = importing.parse(f"Exklusiv\n\n# Putin droht mit einer neuen Offensive\n\n{BODY}", suffix=".md")
    assert parsed.title == "Putin droht mit einer neuen Offensive"


def test_the_byline_gives_author_and_publication_date():
    parsed = importing.parse(f"Haushalt beschlossen\n\nVon Martina Beispiel\n\n7. Mai 2026\n\n{BODY}")
    assert parsed.author == "Martina Beispiel"
    assert parsed.published_at == datetime(2026, 5, 7, tzinfo=BERLIN)


def test_a_date_and_a_name_on_one_line_are_read_apart():
    parsed = importing.parse(f"Haushalt beschlossen\n\n7. Januar 2026 | Martin Jay\n\n{BODY}")
    assert (parsed.author, parsed.published_at) == ("Martin Jay", datetime(2026, 1, 7, tzinfo=BERLIN))


def test_stand_gives_the_time_and_aktualisiert_the_update():
    lines = "Stand: 07.05.2026, 14:05 Uhr\n\nAktualisiert am 08.05.2026, 09:10 Uhr"
    text = f"Haushalt beschlossen\n\n{lines}\n\n{BODY}"
    parsed = importing.parse(text)
    assert parsed.published_at == datetime(2026, 5, 7, 14, 5, tzinfo=BERLIN)
    assert parsed.source_updated_at == datetime(2026, 5, 8, 9, 10, tzinfo=BERLIN)


def test_a_date_in_the_text_is_not_the_publication_date():
    parsed = importing.parse(
        f"Haushalt beschlossen\n\nAm 15. August 2025 kamen beide in Alaska zusammen.\n\n{BODY}"
    )
    assert parsed.published_at is None


def test_the_byline_is_kept_as_the_text_said_it():
    parsed = importing.parse(f"Haushalt beschlossen\n\nVon\nThomas Schmidt\n\n{BODY}")
    assert parsed.author == "Thomas Schmidt"
    assert parsed.page_metadata["byline"] == "Von\nThomas Schmidt"


def test_a_first_line_url_still_gives_the_outlet():
    parsed = importing.parse(f"<https://www.tagesschau.de/inland/x.html>\n\nHaushalt beschlossen\n\n{BODY}")
    assert (parsed.outlet, parsed.title) == ("tagesschau.de", "Haushalt beschlossen")


@pytest.mark.django_db
def test_the_list_shows_the_publication_date_not_the_import_date(reviewer_client):
    importing.store(importing.parse(f"Haushalt beschlossen\n\nVon Martina Beispiel | 7. Mai 2026\n\n{BODY}"))
    page = reviewer_client.get("/").content.decode()
    assert '<time datetime="2026-05-07T00:00:00+02:00">7. Mai 2026</time>' in page
