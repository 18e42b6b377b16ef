"""HTML goes through a real HTML5 parser: text only, scripts, styles and comments dropped, entities never
expanded, nothing fetched. tests/test_import_news_pages.py has a real-shaped news page."""

from __future__ import annotations

import pytest

from claims import importing

HOSTILE = """<!doctype html><html><head><title>Ein Titel &amp; mehr</title>
<style>p { color: red }</style><script>alert("x")</script></head>
<body><!-- a comment with <p>markup</p> -->
<h1>Große Überschrift</h1>
<p>Der erste Absatz <b>mit Fettdruck</b> nennt 15.000 Soldaten.<img src=x onerror="alert(1)"></p>
<p>Zweiter Absatz&nbsp;mit &lt;script&gt; als Text.</p>
<ul><li>Ein Punkt</li><li><p>Ein verschachtelter Punkt</p></li></ul>
<noscript>Bitte JavaScript aktivieren</noscript>
</body></html>"""


@pytest.fixture(scope="module")
def parsed() -> importing.ParsedArticle:
    return importing.parse(HOSTILE, suffix=".html")


def test_scripts_styles_and_comments_are_dropped(parsed):
    assert "alert" not in parsed.text
    assert "color: red" not in parsed.text
    assert "comment" not in parsed.text
    assert "JavaScript aktivieren" not in parsed.text


def test_each_block_becomes_its_own_paragraph(parsed):
    assert parsed.text.split("\n\n")[:2] == [
        "Große Überschrift",
        "Der erste Absatz mit Fettdruck nennt 15.000 Soldaten.",
    ]


def test_entities_are_decoded_to_plain_text(parsed):
    assert "Zweiter Absatz mit <script> als Text." in parsed.text


def test_the_headline_titles_the_page_not_its_title_tag(parsed):
    assert parsed.title == "Große Überschrift"


def test_a_nested_block_is_taken_once(parsed):
    assert parsed.text.count("Ein verschachtelter Punkt") == 1


def test_html_without_visible_text_is_rejected():
    with pytest.raises(importing.ImportRejected, match="keinen Text"):
        importing.parse("<html><script>x()</script></html>", suffix=".html")


BOMB = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY ext SYSTEM "file:///etc/passwd">]>
<html><body><h1>Eine Überschrift</h1><p>Ein Satz mit &lol3; und &ext; darin.</p></body></html>"""


def test_an_entity_bomb_is_not_expanded():
    parsed = importing.parse(BOMB, suffix=".html")
    assert "lollol" not in parsed.text
    assert "root:" not in parsed.text
    assert "Ein Satz mit &lol3; und &ext; darin." in parsed.text


def test_an_oversized_page_is_rejected_before_it_is_parsed(settings):
    settings.IMPORT_MAX_BYTES = 1000
    page = "<html><body>" + "<p>Ein Satz.</p>" * 100 + "</body></html>"
    with pytest.raises(importing.ImportRejected, match="größer als"):
        importing.parse_file("seite.html", page.encode())


def test_a_page_nested_too_deep_is_refused_and_one_just_under_the_limit_gives_its_text():
    # Nesting beyond IMPORT_MAX_HTML_DEPTH (256) is refused before any parser sees it (tests/security).
    def page(depth: int) -> str:
        return "<html><body>" + "<div>" * depth + "<p>Ganz unten steht ein Satz.</p>" + "</div>" * depth

    with pytest.raises(importing.ImportRejected):
        importing.parse(page(300), suffix=".html")
    assert importing.parse(page(250), suffix=".html").text == "Ganz unten steht ein Satz."
