"""Markdown to HTML for the guidelines, safe to put in a page although a lead's text may be anything.

Two independent layers, so a bug in one is not an XSS:
1. markdown-it-py (CommonMark) with raw HTML off: `<script>`, `<img onerror=…>` and HTML blocks come out
   as escaped text. Images are off (an image becomes a link), and a link is kept only if it is http(s) or
   relative; any other scheme (javascript:, data:, vbscript:, file:, also hidden behind entities or control
   characters) leaves the Markdown as plain text.
2. nh3 (ammonia) then keeps only the tags and attributes Markdown itself produces, http(s) and relative
   URLs, no style or class (the CSP refuses inline styles anyway), and adds rel="noopener noreferrer
   nofollow" to every link.
"""

from __future__ import annotations

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

LINK_REL = "noopener noreferrer nofollow"
_SCHEMES = frozenset({"http", "https"})
# A browser drops ASCII tabs and newlines anywhere in a URL and spaces and controls around it, so
# "java\tscript:" is javascript:. Markdown percent-encodes them first, but the check does not rely on it.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]|%[01][0-9a-f]|%20|%7f", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_BEFORE_PATH = re.compile(r"^[^/?#]*:")

_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
_CLEANER = nh3.Cleaner(
    tags=set(_TAGS),
    clean_content_tags={"script", "style"},
    attributes={"a": {"href", "title"}, "ol": {"start"}},
    url_schemes=set(_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)


def is_safe_link(url: str) -> bool:
    """http(s), or relative to this site (a path, a query, an #anchor): nothing else may be a link."""
    squeezed = _IGNORED_BY_BROWSERS.sub("", url)
    scheme = _SCHEME.match(squeezed)
    if scheme:
        return scheme.group(1).lower() in _SCHEMES
    # No scheme: relative, unless a colon before the path still makes a browser read one ("java&#58;…").
    return not _BEFORE_PATH.match(squeezed)


def _headings_below_the_page_title(state: StateCore) -> None:
    # The page's own <h1> names the guidelines; the text's headings sit below it (# → h2, ## → h3, …).
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"]).disable("image")
    md.validateLink = is_safe_link
    md.core.ruler.push("headings_below_the_page_title", _headings_below_the_page_title)
    return md


_MARKDOWN = _parser()


def render_markdown(text: str) -> SafeString:
    """The guidelines' Markdown as HTML. The one place the guidelines' text is marked safe: the output of
    both layers above, never the lead's text itself."""
    return mark_safe(_CLEANER.clean(_MARKDOWN.render(text)))  # noqa: S308 (sanitised above, see the docstring)
