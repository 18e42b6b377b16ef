"""The one import boundary: bytes from a file, a paste or a folder become articles with claims.

Every article text is written by an adversary (the desk imports disinformation on purpose), so everything
is decoded strictly, normalised, capped and parsed with a real HTML5 parser before it reaches the ORM.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext

from claims import bylines, html_depth, news_pages, segmentation
from claims.models import URL_MAX_LENGTH, Article, Claim, http_url_validator

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
CHECKTHAT_SUFFIXES = (".tsv",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + CHECKTHAT_SUFFIXES
ARTICLE_SUFFIX_LIST = ", ".join(ARTICLE_SUFFIXES)  # every message that lists the formats says this
CHECKTHAT_HEADER = ["sentence_id", "sentence", "label"]

# C0 and C1 control characters except tab and newline, DEL, the Unicode non-characters U+FFFE/U+FFFF,
# lone surrogates (which no encoder writes) and the BOM, which anywhere but first is stray.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\ufeff]")
# Line breaks other than LF: CRLF, CR and Unicode's line and paragraph separators. (NEL, U+0085, is a C1
# control character and removed, as before: it is almost always a byte of another encoding.)
_LINE_BREAK = re.compile("\r\n|[\r\u2028\u2029]")
# Zero-width characters and the BOM: invisible, so two texts differing only in them are the same article.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_WHITESPACE_RUN = re.compile(r"\s+")
_METADATA_LINE = re.compile(r"<(https?://[^\s<>]{1,2040})>")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_MARKDOWN_HEADLINE = re.compile(r"^#[ \t]+(\S[^\n]*)", re.MULTILINE)
_BINARY_SIGNATURES = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b")


class ImportRejected(Exception):
    """A file or paste that cannot become an article; the message is shown to the person importing, in the
    language active when it is raised."""


def _number(n: int) -> str:
    return number_format(n, force_grouping=True)


@dataclass
class ParsedArticle:
    text: str
    title: str = ""
    source_url: str = ""
    author: str = ""
    outlet: str = ""
    language: str = "de"
    published_at: datetime | None = None
    source_updated_at: datetime | None = None
    canonical_url: str = ""
    # What the page or the article's first lines said about themselves (Article.page_metadata).
    page_metadata: dict = field(default_factory=dict)
    units: list[segmentation.Unit] = field(default_factory=list)
    # Imported data's own id and label per unit (CheckThat! TSV), aligned with `units`; empty otherwise.
    sources: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ImportResult:
    article: Article
    created: bool

    @property
    def claim_count(self) -> int:
        return self.article.claims.labelled_kinds().count()


def decode(data: bytes) -> str:
    """Strict UTF-8 (with or without BOM), UTF-16 with BOM, then cp1252, the usual legacy German encoding.
    UTF-32 and binary files are refused."""
    if not data.strip():
        raise ImportRejected(gettext("the file is empty"))
    # UTF-32's byte order marks begin like UTF-16's (FF FE), so they are looked for first.
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise ImportRejected(gettext("UTF-32 files are not supported; save the file as UTF-8"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportRejected(gettext("the file claims to be UTF-16 but is not valid UTF-16")) from exc
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise ImportRejected(
            gettext("this is a binary file, not text (expected %(types)s)") % {"types": ARTICLE_SUFFIX_LIST}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ImportRejected(gettext("the text could not be decoded as UTF-8 or Windows-1252")) from exc
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > len(text) / 100:
        raise ImportRejected(gettext("this looks like a binary file, not text"))
    return text


def normalise_line_ends(text: str) -> str:
    """No BOM, LF line ends: the text `manage.py segment` reports offsets into."""
    return _LINE_BREAK.sub("\n", text.removeprefix("\ufeff"))


def normalise(text: str) -> str:
    """The text claims point into: LF line ends, NFC, no control characters (nor a stray BOM), no trailing
    spaces. Idempotent for any text (tests/security/test_import_normaliser.py)."""
    text = normalise_line_ends(text)
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def content_hash(text: str) -> str:
    """Hash of a canonical form that ignores line ends, whitespace runs and invisible characters."""
    canonical = _WHITESPACE_RUN.sub(" ", _INVISIBLE.sub("", normalise(text))).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse(text: str, *, suffix: str = ".txt", title: str = "", source_url: str = "") -> ParsedArticle:
    """Normalise decoded text and read what it says about itself: an HTML page's metadata (news_pages), or
    a text's first line `<https://...>`, headline (under a kicker) and byline (bylines)."""
    suffix = suffix.lower()
    page = None
    markdown_headline = ""
    if suffix in HTML_SUFFIXES:
        # Before any parser sees it: a parser's time grows with nesting depth times tags.
        if html_depth.nesting_depth(text, stop_above=settings.IMPORT_MAX_HTML_DEPTH) > (
            settings.IMPORT_MAX_HTML_DEPTH
        ):
            raise ImportRejected(
                gettext("the HTML is nested more than %(limit)s elements deep")
                % {"limit": _number(settings.IMPORT_MAX_HTML_DEPTH)}
            )
        page = news_pages.read_page(text, url=_checked_url(source_url))
        text = "\n\n".join(page.blocks)
    elif suffix in (".md", ".markdown"):
        if match := _MARKDOWN_HEADLINE.search(text):
            markdown_headline = match.group(1).strip().rstrip("#").strip()
        text = _MARKDOWN_HEADING.sub("", text)
    text = normalise(text)
    first_line, _, rest = text.partition("\n")
    if match := _METADATA_LINE.fullmatch(first_line.strip()):
        source_url = source_url or match.group(1)
        text = rest.strip("\n")
    if not text.strip():
        raise ImportRejected(gettext("there is no text to import"))
    units = segmentation.segment(text)
    if len(units) > settings.IMPORT_MAX_CLAIMS:
        raise ImportRejected(
            gettext("the article has %(n)s units; at most %(limit)s")
            % {"n": _number(len(units)), "limit": _number(settings.IMPORT_MAX_CLAIMS)}
        )
    if page is not None:
        parsed = _from_page(page.metadata, source_url)
    else:
        parsed = _from_text(units, source_url, headline=normalise(markdown_headline))
    parsed.text, parsed.units = text, units
    parsed.title = _clip(title.strip() or parsed.title or _first_line(text), 500)
    return parsed


def _from_page(page: news_pages.PageMetadata, source_url: str) -> ParsedArticle:
    """An HTML page's own account: its headline, author, dates, site name and canonical address. A
    canonical address that is not http(s) is kept only in page_metadata, as what the page said."""
    canonical = _valid_url(page.canonical_url)
    source_url = _checked_url(source_url) or canonical
    return ParsedArticle(
        text="",
        title=normalise(page.title),
        source_url=source_url,
        canonical_url=canonical,
        author=_clip(normalise(page.author), 300),
        outlet=_clip(normalise(page.site_name), 200) or _outlet(source_url),
        language=page.language or "de",
        published_at=page.published,
        source_updated_at=page.updated,
        # As the page said it, less what PostgreSQL refuses (NUL from a JSON-LD "\u0000") and other controls;
        # trafilatura drops them today, this keeps it so whatever it does.
        page_metadata={"from": "html", **{key: normalise(value) for key, value in page.as_json().items()}},
    )


def _from_text(units: list[segmentation.Unit], source_url: str, *, headline: str) -> ParsedArticle:
    """A text's own account: the headline (a Markdown `#` heading, else the first heading that is not a
    kicker), and the author and dates of its byline and date lines."""
    first_heading, kicker = bylines.headline_and_kicker(units)
    byline = bylines.read_byline(bylines.leading_bylines(units))
    published, updated = _aware(byline.published), _aware(byline.updated)
    said = {
        "from": "text",
        "headline": headline or first_heading,
        "kicker": kicker if not headline else "",
        "byline": "\n".join(byline.lines),
        "author": byline.author,
        "published": published.isoformat() if published else "",
        "updated": updated.isoformat() if updated else "",
    }
    return ParsedArticle(
        text="",
        title=headline or first_heading,
        source_url=_checked_url(source_url),
        outlet=_outlet(source_url),
        author=_clip(byline.author, 300),
        published_at=published,
        source_updated_at=updated,
        page_metadata={key: value for key, value in said.items() if value},
    )


def parse_file(name: str, data: bytes) -> ParsedArticle:
    suffix = PurePath(name).suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise ImportRejected(
            gettext("unsupported file type %(suffix)s; use %(types)s")
            % {"suffix": suffix or gettext("(none)"), "types": ARTICLE_SUFFIX_LIST}
        )
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportRejected(
            gettext("the file is larger than %(limit)s KB")
            % {"limit": _number(settings.IMPORT_MAX_BYTES // 1024)}
        )
    if suffix in CHECKTHAT_SUFFIXES:
        title = gettext("CheckThat! sentences: %(name)s") % {"name": PurePath(name).name}
        return parse_checkthat(decode(data), title=title)
    return parse(decode(data), suffix=suffix)


def read_capped(path: Path) -> bytes:
    """A file's bytes, reading no more than one byte past the size limit (parse_file refuses it then):
    a huge file is never read whole into memory."""
    with path.open("rb") as file:
        return file.read(settings.IMPORT_MAX_BYTES + 1)


def parse_checkthat(text: str, *, title: str = "") -> ParsedArticle:
    """A CLEF CheckThat! subjectivity TSV as one collection: its sentences joined by newlines, one claim each.

    Each sentence keeps its sentence_id (Claim.source_id) and its OBJ/SUBJ label (Claim.reference_label).
    Fields are read as they are: a research file carries no spreadsheet guard. A line break inside a
    sentence becomes a space, since the claims of the article are its lines.
    """
    title = title or gettext("CheckThat! sentences")
    # Not normalise(): its stripping of trailing whitespace would take an empty last column's tab with it.
    text = unicodedata.normalize("NFC", _CONTROL.sub("", normalise_line_ends(text))).strip("\n")
    header = [name.strip() for name in text.split("\n", 1)[0].split("\t")]
    if header[:2] != CHECKTHAT_HEADER[:2] or header[2:] not in ([], ["label"]):
        raise ImportRejected(
            gettext("a .tsv file must start with the CheckThat! header sentence_id, sentence, label")
        )
    sentences: list[str] = []
    sources: list[tuple[str, str]] = []
    for number, fields in _tsv_records(text, len(header)):
        sentence = normalise(fields[1]).replace("\n", " ").strip()
        label = fields[2].strip() if len(fields) > 2 else ""
        if not fields[0].strip() or not sentence:
            raise ImportRejected(
                gettext("line %(line)s: a row needs a sentence_id and a sentence") % {"line": number}
            )
        if label not in ("", *Claim.ReferenceLabel.values):
            raise ImportRejected(
                gettext("line %(line)s: the label must be OBJ or SUBJ, not %(label)r")
                % {"line": number, "label": label[:20]}
            )
        sentences.append(sentence)
        sources.append((_clip(fields[0].strip(), 200), label))
    if not sentences:
        raise ImportRejected(gettext("the file has a header but no sentences"))
    if len(sentences) > settings.IMPORT_MAX_CLAIMS:
        raise ImportRejected(
            gettext("the file has %(n)s sentences; at most %(limit)s")
            % {"n": _number(len(sentences)), "limit": _number(settings.IMPORT_MAX_CLAIMS)}
        )
    units, offset = [], 0
    for sentence in sentences:
        units.append(segmentation.Unit(offset, offset + len(sentence), sentence, segmentation.CLAIM))
        offset += len(sentence) + 1
    return ParsedArticle(text="\n".join(sentences), title=_clip(title, 500), units=units, sources=sources)


def _tsv_records(text: str, width: int) -> list[tuple[int, list[str]]]:
    """(line number, fields) of each record after the header.

    A file that is strict CSV throughout, every record `width` fields, is read as CSV: a Newsdesk export,
    whose quoted fields may hold tabs and line breaks. The lab's files quote some fields CSV-style
    (`"… ""x""."`) and leave stray quotes in others, so otherwise every line is one record: parsed strictly
    as CSV if it can be, else split on tabs as it is.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True)
    try:
        records = [(reader.line_num, fields) for fields in reader if fields]
    except csv.Error:
        records = []
    if records and all(len(fields) == width for _, fields in records):
        return records[1:]
    lines = text.split("\n")
    return [(n, _tsv_fields(line, width, n)) for n, line in enumerate(lines[1:], start=2) if line.strip()]


def _tsv_fields(line: str, width: int, number: int) -> list[str]:
    try:
        fields = next(csv.reader([line], delimiter="\t", strict=True))
    except csv.Error:
        fields = []
    if len(fields) == width:
        return fields
    # Not valid CSV (a stray quote): the raw tab-separated fields, a tab inside the sentence kept.
    raw = line.split("\t")
    if len(raw) < width:
        raise ImportRejected(
            gettext("line %(line)s: %(n)s fields where the header has %(width)s")
            % {"line": number, "n": len(raw), "width": width}
        )
    tail = len(raw) - (width - 2)
    return [raw[0], "\t".join(raw[1:tail]), *raw[tail:]]


def store(parsed: ParsedArticle, *, by=None) -> ImportResult:
    """Save one article and its claims in one transaction; an article seen before is left as it is."""
    digest = content_hash(parsed.text)
    if existing := Article.objects.filter(content_hash=digest).first():
        return ImportResult(existing, created=False)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=parsed.title,
                source_url=parsed.source_url,
                outlet=parsed.outlet,
                author=parsed.author,
                language=parsed.language,
                published_at=parsed.published_at,
                source_updated_at=parsed.source_updated_at,
                canonical_url=parsed.canonical_url,
                page_metadata=parsed.page_metadata,
                text=parsed.text,
                content_hash=digest,
                imported_by=by,
            )
            claims = article.add_units(parsed.units)
            if parsed.sources:
                for claim, (source_id, reference_label) in zip(claims, parsed.sources, strict=True):
                    claim.source_id, claim.reference_label = source_id, reference_label
                Claim.objects.bulk_update(claims, ["source_id", "reference_label"], batch_size=2000)
    except IntegrityError:
        # Somebody imported the same article at the same moment; theirs won.
        if existing := Article.objects.filter(content_hash=digest).first():
            return ImportResult(existing, created=False)
        raise
    return ImportResult(article, created=True)


def _aware(moment: datetime | None) -> datetime | None:
    """A byline's date and time are the desk's local time (settings.TIME_ZONE)."""
    return timezone.make_aware(moment) if moment is not None else None


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= 120 else line[:119].rsplit(" ", 1)[0] + "…"


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _checked_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    if len(url) > URL_MAX_LENGTH:
        raise ImportRejected(
            gettext("the source URL is longer than %(limit)s characters") % {"limit": _number(URL_MAX_LENGTH)}
        )
    try:
        http_url_validator(url)
    except ValidationError as exc:
        raise ImportRejected(gettext("the source URL must be an http or https address")) from exc
    return url


def _valid_url(url: str) -> str:
    try:
        return _checked_url(url)
    except ImportRejected:
        return ""


def _outlet(url: str) -> str:
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.")
