"""The guidelines' Markdown is rendered safely: whatever a lead types, nothing executable reaches a page.

Each hostile text is checked on the output's parsed tree (selectolax, a real HTML5 parser, as a browser
reads it), not by searching strings: no script-capable element, no event handler or style attribute, and
every link http(s) or relative, with rel="noopener noreferrer nofollow"."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from claims.guidelines.render import LINK_REL, is_safe_link, render_markdown

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "rel"}, "ol": {"start"}}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)

HOSTILE = {
    "script tag": "<script>alert(1)</script>",
    "script tag split over lines": "<scr\nipt>alert(1)</script>",
    "HTML block": '<div onclick="alert(1)">\n\n**klick**\n\n</div>',
    "inline HTML in a paragraph": 'Text <span onmouseover="alert(1)">hier</span> weiter',
    "image with onerror": '<img src="x" onerror="alert(1)">',
    "svg with onload": '<svg onload="alert(1)"><circle r="1"/></svg>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "style element": "<style>body { display: none }</style>",
    "comment hiding a script": "<!-- --><script>alert(1)</script><!-- -->",
    "htmx attributes": '<div hx-get="/export/download/" hx-trigger="load">x</div>',
    "javascript link": "[klick](javascript:alert(1))",
    "javascript link in capitals": "[klick](JaVaScRiPt:alert(1))",
    "javascript link with a tab": "[klick](<java\tscript:alert(1)>)",
    "javascript link with an entity tab": "[klick](java&#x09;script:alert(1))",
    "javascript link with an entity colon": "[klick](javascript&#58;alert(1))",
    "javascript link with an entity letter": "[klick](&#106;avascript:alert(1))",
    "javascript link, percent-encoded newline": "[klick](java%0ascript:alert(1))",
    "javascript link with leading spaces": "[klick]( \x01javascript:alert(1))",
    "javascript autolink": "<javascript:alert(1)>",
    "javascript reference link": "[klick][1]\n\n[1]: javascript:alert(1)",
    "vbscript link": "[klick](vbscript:msgbox(1))",
    "file link": "[klick](file:///etc/passwd)",
    "data link": "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data image": "![bild](data:image/png;base64,iVBORw0KGgo=)",
    "data svg image": "![bild](data:image/svg+xml,<svg onload=alert(1)>)",
    "remote image": "![bild](https://tracker.example/pixel.png)",
    "title breaking out of its attribute": '[klick](https://example.org "a\\" onmouseover=\\"alert(1)")',
    "code fence language breaking out": '```js" onmouseover="alert(1)\nx\n```',
    "table alignment (an inline style)": "| a |\n|:-:|\n| b |",
    "template expression": "{{ 7*7 }} {% debug %}",
}


def tree(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(f"<body>{html}</body>")


def problems(html: str) -> list[str]:
    """Everything in the rendered HTML that a sanitised page must not have."""
    found = []
    for node in tree(html).body.traverse():
        if node.tag in ("-text", "body"):
            continue
        if node.tag not in ALLOWED_TAGS:
            found.append(f"<{node.tag}>")
        for name, value in node.attributes.items():
            if name not in ALLOWED_ATTRIBUTES.get(node.tag, set()):
                found.append(f"<{node.tag} {name}>")
            if name == "href" and not _is_http_or_relative(value or ""):
                found.append(f"href={value!r}")
        if node.tag == "a" and node.attributes.get("rel") != LINK_REL:
            found.append(f"<a> without rel={LINK_REL!r}")
    return found


def _is_http_or_relative(href: str) -> bool:
    # As a browser reads it: tabs, newlines and other controls are dropped before the scheme is parsed.
    squeezed = re.sub(r"[\x00-\x20]", "", href)
    scheme = _SCHEME.match(squeezed)
    return scheme is None or scheme.group(1).lower() in {"http", "https"}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_nothing_executable_reaches_the_html(text):
    assert problems(render_markdown(text)) == []


@pytest.mark.parametrize(
    "text",
    [HOSTILE["script tag"], HOSTILE["image with onerror"], HOSTILE["HTML block"]],
    ids=["script", "img", "div"],
)
def test_raw_html_is_shown_as_text(text):
    html = render_markdown(text)
    assert "&lt;" in html
    assert tree(html).css("script, img, div") == []


@pytest.mark.parametrize(
    "name",
    [name for name in HOSTILE if "link" in name and "title" not in name],
)
def test_a_link_with_another_scheme_stays_plain_text(name):
    assert tree(render_markdown(HOSTILE[name])).css("a") == []


def test_images_become_links_to_http_urls_and_no_image_is_loaded():
    html = render_markdown(HOSTILE["remote image"])
    assert tree(html).css("img") == []
    assert tree(html).css_first("a").attributes["href"] == "https://tracker.example/pixel.png"


def test_a_data_image_is_neither_an_image_nor_a_link():
    assert tree(render_markdown(HOSTILE["data image"])).css("img, a") == []


def test_http_and_relative_links_work_and_open_nothing_they_should_not():
    html = render_markdown(
        "[Faktenfinder](https://www.tagesschau.de/faktenfinder/) · [Artikel 3](/articles/3/) · [oben](#fakt)"
    )
    links = tree(html).css("a")
    assert [a.attributes["href"] for a in links] == [
        "https://www.tagesschau.de/faktenfinder/",
        "/articles/3/",
        "#fakt",
    ]
    assert {a.attributes["rel"] for a in links} == {"noopener noreferrer nofollow"}


def test_a_title_stays_inside_its_attribute():
    link = tree(render_markdown(HOSTILE["title breaking out of its attribute"])).css_first("a")
    assert set(link.attributes) == {"href", "title", "rel"}
    assert "onmouseover" in link.attributes["title"]


def test_tables_lose_their_inline_alignment_styles():
    cells = tree(render_markdown(HOSTILE["table alignment (an inline style)"])).css("th, td")
    assert [cell.attributes for cell in cells] == [{}, {}]


def test_headings_sit_below_the_pages_own_title():
    html = render_markdown("# Fakt\n\n## Beispiele\n\n###### ganz unten")
    assert [node.tag for node in tree(html).css("h1, h2, h3, h6")] == ["h2", "h3", "h6"]


def test_the_codebooks_markdown_comes_through():
    html = render_markdown("**Fakt**: *prüfbar*\n\n- eins\n- zwei\n\n> Zitat\n\n`code` ~~alt~~")
    tags = {node.tag for node in tree(html).body.traverse()}
    assert {"strong", "em", "ul", "li", "blockquote", "code", "s"} <= tags


def test_a_template_expression_is_text():
    assert "{{ 7*7 }}" in tree(render_markdown(HOSTILE["template expression"])).text()


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a", True),
        ("HTTP://example.org/", True),
        ("/guidelines/", True),
        ("?page=2", True),
        ("#meinung", True),
        ("//example.org/", True),
        ("javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("java%09script:alert(1)", False),
        (" \x00javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("mailto:desk@example.org", False),
        ("java&#58;script", True),  # no scheme: a path on this site, "java&#58;script"
    ],
)
def test_only_http_and_relative_urls_are_links(url, safe):
    assert is_safe_link(url) is safe


# Pieces of Markdown and HTML that, stuck together in any order, try to smuggle something through.
FRAGMENTS = [
    *HOSTILE.values(),
    "[", "]", "(", ")", "<", ">", '"', "'", "`", "\n", "\n\n", "    ", "&#", "#x09;", "&amp;", "\\", "*",
    "javascript:", "data:", "https://example.org/", "onerror=", "<a href=", "<img", "|", "- ", "> ", "1. ",
]  # fmt: skip


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join))
def test_no_combination_of_hostile_pieces_gets_through(text):
    assert problems(render_markdown(text)) == []
