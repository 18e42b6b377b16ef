import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from claims import importing
from claims.exports.checkthat import one_line
from claims.exports.form import ExportForm
from claims.models import Claim
from tests.exporting import label, make_article

SAMPLE = Path(__file__).resolve().parent / "data" / "checkthat_sample.tsv"


def sample_rows() -> list[list[str]]:
    """The fixture's rows split on tabs: enough for their ids and labels."""
    return [line.split("\t") for line in SAMPLE.read_text(encoding="utf-8").splitlines()[1:]]


def export_tsv(**filters) -> str:
    form = ExportForm({"format": "checkthat", **filters})
    assert form.is_valid(), form.errors
    return b"".join(form.export().stream()).decode("utf-8")


@pytest.fixture
def imported(db) -> importing.ImportResult:
    return importing.store(importing.parse_file(SAMPLE.name, SAMPLE.read_bytes()))


def test_a_checkthat_tsv_becomes_one_article_with_a_claim_per_sentence(imported):
    claims = list(imported.article.claims.order_by("position"))
    assert [c.source_id for c in claims] == ["ct-1", "ct-2", "ct-3", "ct-4", "ct-5"]
    assert [c.reference_label for c in claims] == ["OBJ", "SUBJ", "OBJ", "SUBJ", "SUBJ"]


def test_quoted_fields_are_unquoted_and_stray_quotes_kept(imported):
    texts = list(imported.article.claims.order_by("position").values_list("text", flat=True))
    assert texts[1] == 'Das ist ein "Skandal", sagt der Sprecher; alle schweigen.'
    assert texts[3] == '"Jeder will reich sein, aber keiner weiß, wie es geht.'


def test_claim_offsets_point_exactly_into_the_article_text(imported):
    article = imported.article
    assert all(article.text[c.start : c.end] == c.text for c in article.claims.all())
    assert article.text.count("\n") == 4


def test_reference_labels_are_exported_back_unchanged(imported):
    rows = list(csv.reader(io.StringIO(export_tsv()), delimiter="\t"))
    assert rows[0] == ["sentence_id", "sentence", "label"]
    assert [(r[0], r[2]) for r in rows[1:]] == [(r[0], r[2]) for r in sample_rows()]


def test_the_tsv_round_trips_through_the_import(imported):
    exported = export_tsv().encode()
    Claim.objects.all().delete()
    imported.article.delete()
    again = importing.store(importing.parse_file("export.tsv", exported)).article
    fields = ("text", "source_id", "reference_label")
    assert list(again.claims.order_by("position").values_list(*fields)) == EXPECTED
    assert again.text == imported.article.text


EXPECTED = [
    ("Die Regierung hat am Montag neue Maßnahmen beschlossen.", "ct-1", "OBJ"),
    ('Das ist ein "Skandal", sagt der Sprecher; alle schweigen.', "ct-2", "SUBJ"),
    ("Über 40 Prozent der Befragten, so die Studie, stimmten zu.", "ct-3", "OBJ"),
    ('"Jeder will reich sein, aber keiner weiß, wie es geht.', "ct-4", "SUBJ"),
    ("| Wenn man Politik und Medien glaubt, ist alles gut.", "ct-5", "SUBJ"),
]


# Sentences a TSV writer gets wrong: tabs and every kind of line break inside, quotes, formula starts.
NASTY = [
    "Tab\tin der Mitte",
    "\tTab vorne",
    "Ein einsames\rCR",
    "Windows\r\nZeilenende",
    "Unix\nZeilenende",
    'Er sagte "ja", dann "nein".',
    '"Zitat am Anfang',
    "=1+1",
    "+49 30 1234567",
    "@SUMME(A1:A2)",
    "'=schon mit Apostroph",
]


@pytest.fixture
def nasty(db, reviewer):
    article = make_article(NASTY)
    for claim in article.claims.all():
        label(claim, reviewer, "opinion")
    return article


def test_sentences_round_trip_through_the_csv_module_with_line_breaks_as_spaces(nasty):
    rows = list(csv.reader(io.StringIO(export_tsv(), newline=""), delimiter="\t"))
    assert [r[1] for r in rows[1:]] == [one_line(text) for text in NASTY]
    assert all(len(r) == 3 for r in rows)


def test_a_formula_sentence_is_written_as_it_is(imported):
    assert "\tSUBJ\nct-5\t| Wenn man" in export_tsv()


def test_an_export_with_line_breaks_and_tabs_is_read_back_by_the_import(nasty):
    again = importing.parse_checkthat(export_tsv())
    assert [unit.text for unit in again.units] == [
        " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip() for text in NASTY
    ]
    assert {label for _, label in again.sources} == {"SUBJ"}


def test_the_file_is_the_header_and_one_line_per_sentence_without_a_bom(imported):
    tsv = export_tsv()
    assert tsv.startswith("sentence_id\tsentence\tlabel\n")
    assert tsv.count("\n") == 1 + 5


def test_a_reviewer_label_replaces_the_reference_label_by_its_subjectivity(imported, reviewer):
    claim = imported.article.claims.get(source_id="ct-1")
    label(claim, reviewer, "opinion")
    assert "ct-1\tDie Regierung hat am Montag neue Maßnahmen beschlossen.\tSUBJ\n" in export_tsv()
    assert Claim.objects.get(pk=claim.pk).reference_label == "OBJ"


def test_claims_without_an_id_use_their_pk_and_unlabelled_ones_are_skipped(db, reviewer):
    labelled, _unlabelled = make_article(["Eine Tatsache.", "Ohne Label."]).claims.order_by("position")
    label(labelled, reviewer, "unverifiable")
    rows = export_tsv().splitlines()
    assert rows[1:] == [f"{labelled.pk}\tEine Tatsache.\tOBJ"]


def test_the_count_matches_the_rows_written(imported, reviewer):
    form = ExportForm({"format": "checkthat"})
    assert form.is_valid()
    assert form.export().count() == 5


def test_a_tsv_without_the_checkthat_header_is_rejected(db):
    with pytest.raises(importing.ImportRejected, match="CheckThat!-Kopfzeile sentence_id, sentence, label"):
        importing.parse_file("x.tsv", b"id\ttext\n1\tHallo\n")


def test_an_unknown_label_is_rejected(db):
    with pytest.raises(importing.ImportRejected, match="die Spalte label muss OBJ oder SUBJ enthalten"):
        importing.parse_file("x.tsv", b"sentence_id\tsentence\tlabel\n1\tEin Satz.\tFACT\n")


def test_the_import_command_takes_tsv_files_and_folders(db, tmp_path):
    (tmp_path / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    out = io.StringIO()
    call_command("import_articles", str(tmp_path), stdout=out)
    assert "mit 5 Behauptungen importiert" in out.getvalue()
    assert Claim.objects.exclude(source_id="").count() == 5


def test_the_browser_import_form_accepts_tsv_uploads(reviewer_client):
    upload = SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes(), content_type="text/tab-separated-values")
    page = reviewer_client.get("/import/")
    assert b".tsv" in page.content
    csrf = reviewer_client.cookies["csrftoken"].value
    response = reviewer_client.post("/import/", {"files": upload, "csrfmiddlewaretoken": csrf})
    assert response.status_code == 302
    assert Claim.objects.filter(reference_label="SUBJ").count() == 3
