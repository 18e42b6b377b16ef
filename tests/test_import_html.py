"""HTML goes through a real HTML5 parser: text only, scripts, styles and comments dropped."""

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
    assert parsed.title == "Ein Titel & mehr"


def test_a_nested_block_is_taken_once(parsed):
    assert parsed.text.count("Ein verschachtelter Punkt") == 1


def test_html_without_visible_text_is_rejected():
    with pytest.raises(importing.ImportRejected, match="keinen Text"):
        importing.parse("<html><script>x()</script></html>", suffix=".html")
