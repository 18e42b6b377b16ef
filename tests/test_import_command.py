"""`manage.py import_articles`: one line per file, a summary, and a non-zero exit after importing the rest.

It speaks settings.LANGUAGE_CODE, German, as every management command does (tests/test_languages.py)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims import importing
from claims.management.commands.import_articles import Command
from claims.models import Article, Claim

pytestmark = pytest.mark.django_db

ARTICLE = (
    "<https://example.org/news/1>\n\n"
    "Regierung beschließt neues Gesetz\n\n"
    "Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen. Es tritt im Mai in Kraft.\n"
)


def run(*paths: Path) -> tuple[str, str | None]:
    out = StringIO()
    try:
        call_command("import_articles", *map(str, paths), stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), None


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_it_imports_a_file_and_reports_its_claims(tmp_path):
    out, error = run(write(tmp_path, "a.txt", ARTICLE))
    assert f"a.txt: mit {Claim.objects.labelled_kinds().count()} Behauptungen importiert" in out
    assert error is None


def test_the_metadata_line_becomes_the_source_url_and_no_claim(tmp_path):
    run(write(tmp_path, "a.txt", ARTICLE))
    article = Article.objects.get()
    assert article.source_url == "https://example.org/news/1"
    assert not article.claims.filter(text__contains="example.org").exists()


def test_the_title_is_the_first_heading(tmp_path):
    run(write(tmp_path, "a.txt", ARTICLE))
    assert Article.objects.get().title == "Regierung beschließt neues Gesetz"


def test_importing_the_same_file_again_is_a_no_op(tmp_path):
    path = write(tmp_path, "a.txt", ARTICLE)
    run(path)
    out, _ = run(path)
    assert "a.txt: schon importiert (Artikel " in out
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE.replace("\n", "\r\n"),
        ARTICLE.replace(".\n", ".   \n").replace("\n\n", "\n  \n"),
        "\ufeff" + ARTICLE + "\n\n\n",
        ARTICLE.replace("Gesetz beschlossen", "Gesetz\u200b beschlossen"),
    ],
    ids=["crlf", "trailing-spaces", "bom-and-blank-lines", "zero-width-space"],
)
def test_a_variant_of_an_imported_article_is_already_imported(tmp_path, variant):
    run(write(tmp_path, "a.txt", ARTICLE))
    out, _ = run(write(tmp_path, "b.txt", variant))
    assert "b.txt: schon importiert (Artikel " in out
    assert Article.objects.count() == 1


def test_the_stored_text_is_normalised(tmp_path):
    nfd = "Mu\u0308nchen"  # "München" with a combining diaeresis
    run(write(tmp_path, "a.txt", f"Titel\r\n\r\n{nfd} liegt\x0b in Bayern.\x07 Das ist bekannt.\r\n"))
    text = Article.objects.get().text
    assert text == "Titel\n\nMünchen liegt in Bayern. Das ist bekannt."
    assert all(c.text == text[c.start : c.end] for c in Claim.objects.all())


def test_rejected_files_are_reported_beside_imported_ones(tmp_path):
    good = write(tmp_path, "good.txt", ARTICLE)
    png = write(tmp_path, "picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = write(tmp_path, "empty.md", "  \n\n ")
    out, error = run(png, good, empty)
    assert "picture.txt: abgelehnt: das ist eine Binärdatei, kein Text" in out
    assert "empty.md: abgelehnt: die Datei ist leer" in out
    assert "good.txt: mit 2 Behauptungen importiert" in out
    assert error == "3 Dateien: 1 importiert, 0 schon importiert, 2 abgelehnt"


def test_a_missing_path_is_rejected_and_the_command_fails(tmp_path):
    out, error = run(tmp_path / "nope.txt")
    assert "nope.txt: abgelehnt: Datei oder Ordner gibt es nicht" in out
    assert error is not None


def test_a_folder_imports_its_article_files_and_skips_others(tmp_path):
    write(tmp_path, "one.txt", ARTICLE)
    write(tmp_path, "two.md", "# Zweiter Artikel\n\nDas ist ein anderer Text über Berlin.\n")
    write(tmp_path, "notes.csv", "a,b\n")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "three.txt", "Versteckt. Nicht importieren.")
    out, error = run(tmp_path)
    assert Article.objects.count() == 2
    assert error is None
    assert "2 Dateien: 2 importiert, 0 schon importiert, 0 abgelehnt" in out


def test_a_folder_imports_checkthat_tsv_files(tmp_path):
    write(tmp_path, "dev.tsv", "sentence_id\tsentence\tlabel\n1\tDer Satz stimmt.\tOBJ\n")
    out, error = run(tmp_path)
    assert "dev.tsv: mit 1 Behauptung importiert" in out
    assert error is None


def test_a_folder_without_article_files_names_every_format_it_would_import(tmp_path):
    write(tmp_path, "notes.csv", "a,b\n")
    out, _ = run(tmp_path)
    assert "keine Artikeldateien (.txt, .md, .markdown, .html, .htm, .tsv) in diesem Ordner" in out


def test_the_help_lists_every_format_the_importer_reads():
    assert all(suffix in Command.help for suffix in importing.ARTICLE_SUFFIXES)


def test_a_markdown_heading_loses_its_hashes(tmp_path):
    run(write(tmp_path, "a.md", "# Zweiter Artikel\n\nDas ist ein anderer Text über Berlin.\n"))
    assert Article.objects.get().title == "Zweiter Artikel"


def test_a_cp1252_file_is_decoded(tmp_path):
    run(write(tmp_path, "a.txt", "Überschrift\n\nDie Straße in Köln ist gesperrt.".encode("cp1252")))
    assert "Straße in Köln" in Article.objects.get().text


def test_a_utf16_file_with_bom_is_decoded(tmp_path):
    run(write(tmp_path, "a.txt", "Überschrift\n\nDie Straße in Köln ist gesperrt.".encode("utf-16")))
    assert "Straße in Köln" in Article.objects.get().text


def test_the_seed_folder_imports_five_articles_and_then_nothing(settings):
    seeds = Path(settings.BASE_DIR) / "seeds"
    run(seeds)
    out, error = run(seeds)
    assert Article.objects.count() == 5
    assert out.count(": schon importiert (Artikel ") == 5
    assert error is None
