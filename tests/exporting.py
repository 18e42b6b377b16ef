"""Builders and readers shared by the export tests (tests/test_export_*.py)."""

from __future__ import annotations

import csv
import hashlib
import io
import json

from claims.models import Article, Claim, Evidence, Label

# Texts a spreadsheet or a CSV reader gets wrong, and cells a spreadsheet would run as formulas.
TRICKY_TEXTS = [
    'Komma, "Zitat" und Semikolon; hier',
    "Zeile eins\nZeile zwei\r\nZeile drei",
    "Umlaute: Größe, Übermaß, Straße",
    '=HYPERLINK("http://evil.example","klick")',
    "+49 30 1234567",
    "-5 Grad im Januar",
    "@SUMME(A1:A2)",
    "\tTabulator vorne",
    "＝1+1 in voller Breite",
    "|cmd /c calc",
    "%0A",
    "  =mit Leerzeichen davor",
    "Normaler Satz ohne Besonderheiten.",
]
FORMULA_TEXTS = [t for t in TRICKY_TEXTS if t[:1] in "=+-@\t＝|%" or t.lstrip().startswith("=")]


def make_article(texts: list[str], *, title: str = "Testartikel", outlet: str = "example.org") -> Article:
    text = "\n".join(texts)
    article = Article.objects.create(
        title=title,
        text=text,
        outlet=outlet,
        source_url=f"https://{outlet}/a",
        content_hash=hashlib.sha256(f"{title}{text}".encode()).hexdigest(),
    )
    Claim.objects.bulk_create(
        Claim(article=article, position=i, start=i, end=i + 1, text=t) for i, t in enumerate(texts)
    )
    return article


def label(claim: Claim, reviewer, value: str, note: str = "") -> Label:
    return Label.objects.create(claim=claim, reviewer=reviewer, value=value, note=note)


def evidence(claim: Claim, by, url: str, stance: str = "supports", note: str = "") -> Evidence:
    return Evidence.objects.create(claim=claim, url=url, stance=stance, note=note, added_by=by)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def read_csv(data: bytes, delimiter: str = ",") -> list[dict]:
    """The rows as dicts, each with every column of the header; the BOM is removed like Excel does."""
    header, *records = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter)
    return [dict(zip(header, r, strict=True)) for r in records]


def read_jsonl(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode().splitlines()]


def received_until_error(response) -> tuple[bytes, Exception | None]:
    """What a client receives of a streamed download, and the error that cut it short."""
    received = []
    try:
        for chunk in response.streaming_content:
            received.append(chunk)
    except Exception as exc:
        return b"".join(received), exc
    return b"".join(received), None
