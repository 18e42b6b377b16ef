"""The import boundary's rules below the command and the form: decoding, normalisation, hash, database."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from claims import importing, segmentation
from claims.models import Article, Claim


def test_nul_and_control_characters_are_removed_before_the_database():
    text = importing.normalise("Ein\x00 Satz\x1b mit\x85 Steuerzeichen.\tTab bleibt.")
    assert text == "Ein Satz mit Steuerzeichen.\tTab bleibt."


def test_text_is_stored_in_nfc():
    assert importing.normalise("Mu\u0308nchen") == "München"


def test_a_lone_carriage_return_becomes_a_line_feed():
    assert importing.normalise("a\rb\r\nc") == "a\nb\nc"


def test_undecodable_bytes_are_rejected_with_a_reason():
    # 0x81 is undefined in cp1252 and not valid UTF-8 either.
    with pytest.raises(importing.ImportRejected, match="weder als UTF-8 noch als Windows-1252"):
        importing.decode(b"Stra\x81e")


def test_a_file_with_nul_bytes_is_binary():
    with pytest.raises(importing.ImportRejected, match="Binärdatei"):
        importing.decode(b"text\x00with nul")


def test_an_unsupported_suffix_is_rejected():
    with pytest.raises(importing.ImportRejected, match=r"Dateityp \.pdf wird nicht unterstützt"):
        importing.parse_file("report.pdf", b"%PDF-1.7")


def test_an_oversized_file_is_rejected(settings):
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(importing.ImportRejected, match="größer als"):
        importing.parse_file("big.txt", b"Ein Satz. " * 20)


def test_a_metadata_line_that_is_not_http_is_kept_as_text():
    parsed = importing.parse("<javascript:alert(1)>\n\nEin Satz.")
    assert parsed.source_url == ""
    assert parsed.text.startswith("<javascript:alert(1)>")


def test_a_pasted_source_url_must_be_http():
    with pytest.raises(importing.ImportRejected, match="http- oder https-Adresse"):
        importing.parse("Ein Satz.", source_url="ftp://example.org/x")


def test_the_outlet_is_the_source_host():
    assert importing.parse("<https://www.bild.de/politik/x>\n\nEin Satz.").outlet == "bild.de"


def test_too_many_units_are_rejected(settings):
    settings.IMPORT_MAX_CLAIMS = 3
    with pytest.raises(importing.ImportRejected, match="höchstens 3"):
        importing.parse("Eins.\n\nZwei.\n\nDrei.\n\nVier.\n\nFünf.")


@pytest.mark.django_db
def test_every_claim_points_into_the_article_text():
    result = importing.store(
        importing.parse("Titel\n\nErster Satz hier. Zweiter Satz dort.\n\nDritter Satz.")
    )
    text = result.article.text
    assert all(c.text == text[c.start : c.end] for c in result.article.claims.all())


@pytest.mark.django_db
def test_a_failure_halfway_through_an_article_leaves_nothing_behind():
    parsed = importing.parse("Titel\n\nErster Satz hier. Zweiter Satz dort.")
    # A unit the database refuses (start == end) after valid ones: the claims insert fails midway.
    parsed.units.append(segmentation.Unit(5, 5, "", segmentation.CLAIM))
    with pytest.raises(IntegrityError):
        importing.store(parsed)
    assert Article.objects.count() == 0
    assert Claim.objects.count() == 0


@pytest.mark.django_db
def test_a_repeated_unit_points_at_its_first_copy():
    text = "Foto unten\n\nBildunterschrift zum Foto\n\nEin Satz.\n\nBildunterschrift zum Foto"
    article = importing.store(importing.parse(text)).article
    first, repeat = article.claims.filter(text="Bildunterschrift zum Foto").order_by("position")
    assert repeat.duplicate_of == first
    assert first.duplicate_of is None


@pytest.mark.django_db
def test_a_checkthat_file_without_labels_imports():
    # Unlabelled test data: every row ends in a tab and an empty label column.
    data = "sentence_id\tsentence\tlabel\nid-1\tDer Satz stimmt.\t\nid-2\tDas finde ich schlimm.\t\n"
    article = importing.store(importing.parse_file("test_de.tsv", data.encode())).article
    claims = article.claims.order_by("position")
    assert [(c.source_id, c.text, c.reference_label) for c in claims] == [
        ("id-1", "Der Satz stimmt.", ""),
        ("id-2", "Das finde ich schlimm.", ""),
    ]
