"""News pages as a desk saves them from the browser: the article's main text, and what the page says about
itself (headline, author, publication and update dates, site name, canonical URL, language).

trafilatura, with htmldate for the dates, is made for news pages: it finds the article among navigation,
cookie banners, teasers ("Lesen Sie auch") and share buttons, and reads the page's metadata (meta tags,
JSON-LD, bylines). Our own normaliser and segmentation still decide the units.

The page reaches those libraries only through the import boundary's HTML5 parser: lexbor parses the
adversary's markup and drops scripts (all but JSON-LD, which is metadata and only ever read as JSON),
styles and frames; its serialisation, well-formed by construction, is what lxml reads, with network access
off and its size limits on (no entity from a DTD survives lexbor, so none can be expanded). Both libraries
get a parsed tree, never a URL, so nothing is ever fetched.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

import lxml.html
from django.utils import timezone
from htmldate import find_date
from lxml import etree
from selectolax.lexbor import LexborHTMLParser
from trafilatura import bare_extraction

logger = logging.getLogger(__name__)

_DROPPED = ["style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas", "video"]
_HTML_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, figcaption, pre, td, th, dt, dd, caption"
# trafilatura's output tree: headings (head), paragraphs, list items, quotes, table cells, code.
_TEXT_BLOCKS = ("head", "p", "item", "quote", "cell", "code")
_WHITESPACE_RUN = re.compile(r"\s+")
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8}){0,3}")
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_PARSER = lxml.html.HTMLParser(
    remove_comments=True, remove_pis=True, collect_ids=False, no_network=True, huge_tree=False
)


@dataclass(frozen=True)
class PageMetadata:
    """What the page says about itself; every value as the page gave it (clipped), or empty."""

    title: str = ""
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    site_name: str = ""
    canonical_url: str = ""
    language: str = ""
    description: str = ""

    def as_json(self) -> dict:
        """The values that are set, dates in ISO 8601: what Article.page_metadata keeps."""
        values = {
            "title": self.title,
            "author": self.author,
            "published": self.published.isoformat() if self.published else "",
            "updated": self.updated.isoformat() if self.updated else "",
            "site_name": self.site_name,
            "canonical_url": self.canonical_url,
            "language": self.language,
            "description": self.description,
        }
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class NewsPage:
    blocks: list[str] = field(default_factory=list)
    metadata: PageMetadata = field(default_factory=PageMetadata)


def read_page(markup: str, *, url: str = "") -> NewsPage:
    """The article's text blocks (headline first) and metadata of an HTML page."""
    page = LexborHTMLParser(markup)
    page.strip_tags(_DROPPED)
    for script in page.css("script"):
        if (script.attributes.get("type") or "").strip().lower() != "application/ld+json":
            script.decompose()
    language = _language(page)
    extracted = _extract(page.html or "", url=url)
    if extracted is None:
        return NewsPage(blocks=_all_blocks(page), metadata=PageMetadata(language=language))
    blocks, metadata = extracted
    metadata = PageMetadata(**{**metadata.__dict__, "language": language})
    if not blocks:
        blocks = _all_blocks(page)
    if metadata.title and (not blocks or blocks[0] != metadata.title):
        blocks.insert(0, metadata.title)
    return NewsPage(blocks=blocks, metadata=metadata)


def _extract(markup: str, *, url: str) -> tuple[list[str], PageMetadata] | None:
    """trafilatura's main text and metadata; None if lxml or trafilatura cannot read the page (then the
    page's visible text is taken whole: better boilerplate to mark than an article lost)."""
    try:
        tree = lxml.html.fromstring(markup, parser=_PARSER)
        today = timezone.localdate().isoformat()
        updated = find_date(
            tree, original_date=False, extensive_search=False, outputformat=_DATE_FORMAT, max_date=today
        )
        document = bare_extraction(
            tree,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=True,
            date_extraction_params={
                "original_date": True,
                "extensive_search": True,
                "outputformat": _DATE_FORMAT,
                "max_date": today,
            },
        )
    except (etree.LxmlError, ValueError, RecursionError) as exc:
        logger.warning("trafilatura could not read a page: %r", exc)
        return None
    if document is None:
        return None
    published = _datetime(document.date)
    updated_at = _datetime(updated)
    metadata = PageMetadata(
        title=_clean(document.title, 500),
        author=_clean(document.author, 300),
        published=published,
        updated=updated_at if updated_at and updated_at != published else None,
        site_name=_clean(document.sitename, 200),
        canonical_url=(document.url or "").strip()[:2048],
        description=_clean(document.description, 1000),
    )
    body = document.body
    blocks = [] if body is None else [text for node in body.iter(*_TEXT_BLOCKS) if (text := _block(node))]
    return blocks, metadata


def _block(node) -> str:
    """The text of a block that holds no other block (a paragraph in a quote is taken once, as itself)."""
    if any(True for child in node.iterdescendants(*_TEXT_BLOCKS)):
        return ""
    return _WHITESPACE_RUN.sub(" ", "".join(node.itertext())).strip()


def _all_blocks(page: LexborHTMLParser) -> list[str]:
    """Every visible block of the page, one per paragraph, when there is no article to find in it."""
    root = page.body or page.root
    if root is None:
        return []
    blocks = []
    for node in _innermost_blocks(root.css(_HTML_BLOCKS)):
        if block := _WHITESPACE_RUN.sub(" ", node.text(deep=True, separator=" ")).strip():
            blocks.append(block)
    if not blocks:
        blocks = [line.strip() for line in root.text(separator="\n").split("\n") if line.strip()]
    return blocks


def _language(page: LexborHTMLParser) -> str:
    """The page's language as a BCP 47 tag: <html lang>, else Content-Language, else og:locale."""
    candidates = []
    if (html := page.css_first("html")) is not None:
        candidates.append(html.attributes.get("lang") or "")
    for selector in ('meta[http-equiv="content-language" i]', 'meta[property="og:locale"]'):
        if (meta := page.css_first(selector)) is not None:
            candidates.append(meta.attributes.get("content") or "")
    for candidate in candidates:
        tag = candidate.strip().replace("_", "-").lower()
        if _LANGUAGE_TAG.fullmatch(tag) and len(tag) <= 16:
            # BCP 47's usual casing: de-DE, zh-Hant.
            primary, *rest = tag.split("-")
            cased = [
                part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part for part in rest
            ]
            return "-".join([primary, *cased])
    return ""


def _datetime(value: str | None) -> datetime | None:
    """htmldate's answer as an aware datetime; a date without a time zone is a date in the desk's zone."""
    if not value:
        return None
    try:
        parsed = datetime.strptime(value, _DATE_FORMAT)
    except ValueError:
        try:
            parsed = datetime.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")
        except ValueError:
            return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _clean(value: str | None, limit: int) -> str:
    value = _WHITESPACE_RUN.sub(" ", value or "").strip()
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _innermost_blocks(blocks: list) -> list:
    """The blocks (in document order) that hold no other block: nested blocks (a <p> inside an <li>) are
    taken once, by the innermost one. Each block marks its nearest block ancestor as holding one, and every
    node on the way up is remembered, so each node is read once, however deep the nesting."""
    block_ids = {node.mem_id for node in blocks}
    nearest_block: dict[int, int | None] = {}  # a node that is not a block -> its nearest block ancestor
    holders = set()
    for node in blocks:
        passed, found, parent = [], None, node.parent
        while parent is not None:
            key = parent.mem_id
            if key in block_ids:
                found = key
                break
            if key in nearest_block:
                found = nearest_block[key]
                break
            passed.append(key)
            parent = parent.parent
        nearest_block.update(dict.fromkeys(passed, found))
        if found is not None:
            holders.add(found)
    return [node for node in blocks if node.mem_id not in holders]
