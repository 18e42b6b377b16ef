"""A German news page as a desk saves it from the browser (tests/data/news_page_de.html: navigation, a cookie
banner, JSON-LD, a kicker, a byline, share buttons, a "Lesen Sie auch" box, teasers, a footer, and a <title>
of "x"): the article's own text becomes the units, and what the page says about itself is kept."""

from __future__ import annotations

import socket
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bench.import_throughput import news_page
from claims import importing
from claims.segmentation import CLAIM, HEADING
from tests.conftest import SEEDS

PAGE = Path(__file__).resolve().parent / "data" / "news_page_de.html"
BERLIN = ZoneInfo("Europe/Berlin")
CANONICAL = "https://www.rheinische-rundschau.de/koeln/stadtrat-haushalt-2027-a-1234.html"


@pytest.fixture(scope="module")
def parsed() -> importing.ParsedArticle:
    return importing.parse_file(PAGE.name, PAGE.read_bytes())


def test_the_title_is_the_headline_not_the_title_tag(parsed):
    assert parsed.title == "Stadtrat beschließt Haushalt mit Kürzungen bei Bädern"


def test_author_and_outlet_are_what_the_page_says(parsed):
    assert (parsed.author, parsed.outlet) == ("Martina Beispiel", "Rheinische Rundschau")


def test_publication_and_update_dates_are_read_with_their_time(parsed):
    assert parsed.published_at == datetime(2026, 5, 7, 14, 5, tzinfo=BERLIN)
    assert parsed.source_updated_at == datetime(2026, 5, 8, 9, 10, tzinfo=BERLIN)


def test_the_canonical_url_is_the_source_and_the_language_is_the_pages(parsed):
    assert (parsed.canonical_url, parsed.source_url) == (CANONICAL, CANONICAL)
    assert parsed.language == "de-DE"


def test_the_page_metadata_keeps_what_the_page_said(parsed):
    said = parsed.page_metadata
    assert said["from"] == "html"
    assert said["site_name"] == "Rheinische Rundschau"
    assert said["published"] == "2026-05-07T14:05:00+02:00"
    assert said["description"].startswith("Der Stadtrat hat den Haushalt")


def test_the_units_are_the_articles_own_paragraphs(parsed):
    units = [(u.kind, u.text) for u in parsed.units]
    assert units[0] == (HEADING, "Stadtrat beschließt Haushalt mit Kürzungen bei Bädern")
    assert (HEADING, "Zwei Hallenbäder sollen schließen") in units
    claims = [text for kind, text in units if kind == CLAIM]
    assert (
        claims[0]
        == "Der Kölner Stadtrat hat am Donnerstagabend den Haushalt für das Jahr 2027 verabschiedet."
    )
    assert claims[-1] == "Ein Bürgerbegehren gegen die Schließungen ist bereits angekündigt."
    assert len(claims) == 10


@pytest.mark.parametrize(
    "debris",
    [
        "Cookies",  # the cookie banner
        "Alle akzeptieren",
        "Startseite",  # navigation and breadcrumb
        "Lesen Sie auch",
        "Bäderbetriebe melden Rekordverlust",  # the "Lesen Sie auch" box
        "Teilen",  # share buttons
        "Per E-Mail senden",
        "KVB erhöht die Preise",  # teasers of other articles
        "Impressum",  # the footer
        "dataLayer",  # a script
        "Kommunalpolitik",  # the kicker
        "Martina Beispiel",  # the byline is metadata, not a claim
    ],
)
def test_page_debris_does_not_become_text(parsed, debris):
    assert debris not in parsed.text


def test_nothing_is_fetched(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    parsed = importing.parse(PAGE.read_text(encoding="utf-8"), suffix=".html", source_url=CANONICAL)
    assert parsed.published_at is not None
    assert attempts == []


def test_a_canonical_url_that_is_not_http_is_not_used():
    page = PAGE.read_text(encoding="utf-8").replace(CANONICAL, "javascript:alert(1)")
    parsed = importing.parse(page, suffix=".html")
    assert (parsed.canonical_url, parsed.source_url) == ("", "")


def test_a_pasted_source_url_wins_over_the_canonical_one():
    parsed = importing.parse(
        PAGE.read_text(encoding="utf-8"), suffix=".html", source_url="https://example.org/a"
    )
    assert (parsed.source_url, parsed.canonical_url) == ("https://example.org/a", CANONICAL)


@pytest.mark.django_db
def test_the_article_keeps_the_metadata(parsed):
    article = importing.store(parsed).article
    article.refresh_from_db()
    assert (article.title, article.author, article.outlet) == (
        "Stadtrat beschließt Haushalt mit Kürzungen bei Bädern",
        "Martina Beispiel",
        "Rheinische Rundschau",
    )
    assert article.published_at == datetime(2026, 5, 7, 14, 5, tzinfo=BERLIN)
    assert article.page_metadata["canonical_url"] == CANONICAL


@pytest.mark.django_db
def test_control_characters_in_the_pages_metadata_do_not_reach_the_database():
    page = (
        PAGE.read_text(encoding="utf-8")
        .replace('"headline": "Stadtrat', '"headline": "\\u0000\\u001bStadtrat')
        .replace('"name": "Martina Beispiel"', '"name": "Martina\\u0000 Beispiel"')
    )
    article = importing.store(importing.parse(page, suffix=".html")).article
    article.refresh_from_db()
    assert article.title == "Stadtrat beschließt Haushalt mit Kürzungen bei Bädern"
    assert "\x00" not in str(article.page_metadata)


@pytest.mark.django_db
def test_the_desk_shows_the_publication_date_in_german(reviewer_client, parsed):
    article = importing.store(parsed).article
    page = reviewer_client.get(f"/articles/{article.pk}/").content.decode()
    assert '<time datetime="2026-05-07T14:05:00+02:00">7. Mai 2026</time>' in page
    assert 'value="Martina Beispiel"' in page


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.stem[:3])
def test_every_line_of_a_seed_survives_its_news_page(seed):
    # The throughput benchmark's page: the seed's lines as paragraphs amid a news site's chrome.
    text = seed.read_text(encoding="utf-8")
    parsed = importing.parse_file("seite.html", news_page(text, 1).encode())
    imported = " ".join(parsed.text.split())
    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip() and not line.startswith("<")]
    lost = [line for line in lines if line not in imported and line != "Mehr zum Thema"]
    assert lost == []
    assert "Akzeptieren" not in imported
    assert "Impressum" not in imported
