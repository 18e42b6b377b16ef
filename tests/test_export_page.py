import pytest
from django.db import connection
from django.urls import reverse

from claims.exports import records
from claims.exports.claims_csv import ClaimsCsv
from claims.exports.jsonl import JsonLines
from tests.conftest import client_for
from tests.exporting import body, evidence, label, make_article, read_csv, received_until_error

PAGE = reverse("export")
DOWNLOAD = reverse("export-download")


@pytest.fixture
def two_reviewers_labelled(db, reviewer, second_reviewer):
    first, second = make_article(["Erster Satz.", "Zweiter Satz."]).claims.order_by("position")
    label(first, reviewer, "fact", note="Ritas Notiz")
    label(first, second_reviewer, "opinion", note="Svens Notiz")
    label(second, second_reviewer, "opinion")
    evidence(first, second_reviewer, "https://sven.example/beleg")
    return first, second


def test_an_anonymous_visitor_is_sent_to_the_login_page(db):
    for url in (PAGE, DOWNLOAD):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_an_outsider_may_not_export(outsider):
    assert client_for(outsider).get(PAGE).status_code == 403
    assert client_for(outsider).get(DOWNLOAD).status_code == 403


def test_the_page_shows_how_many_rows_will_be_written(lead, two_reviewers_labelled):
    response = client_for(lead).get(PAGE)
    assert response.status_code == 200
    assert "<strong>2</strong> Zeilen werden geschrieben." in response.content.decode()


def test_the_plain_form_counts_with_the_filters_applied(lead, two_reviewers_labelled):
    response = client_for(lead).get(PAGE, {"status": "disputed"})
    assert "<strong>1</strong> Zeile wird geschrieben." in response.content.decode()
    assert b"<h1>" in response.content


def test_the_status_filter_offers_the_statuses_of_with_label_status(lead):
    html = client_for(lead).get(PAGE).content.decode()
    assert '<option value="single">Eine Einstufung</option>' in html
    assert '<option value="adjudicated">Entschieden</option>' in html
    assert '<option value="reopened">Wieder offen</option>' in html


def test_htmx_gets_only_the_count(lead, two_reviewers_labelled):
    response = client_for(lead).get(PAGE, {"status": "single"}, headers={"HX-Request": "true"})
    assert response.content.decode().strip().startswith('<p id="export-count"')
    assert "<strong>1</strong> Zeile wird geschrieben." in response.content.decode()


def test_htmx_shows_invalid_filters_in_the_count(lead):
    params = {"imported_from": "2026-02-01", "imported_to": "2026-01-01"}
    response = client_for(lead).get(PAGE, params, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Prüfen Sie die oben markierten Filter." in response.content.decode()


def test_invalid_filters_on_the_plain_page_are_a_400(lead):
    response = client_for(lead).get(PAGE, {"status": "nonsense"})
    assert response.status_code == 400
    assert "Bitte eine gültige Auswahl treffen." in response.content.decode()


def test_the_download_is_an_attachment_with_a_fixed_name(lead, two_reviewers_labelled):
    response = client_for(lead).get(DOWNLOAD, {"format": "jsonl"})
    assert response.headers["Content-Type"].startswith("application/x-ndjson")
    assert response.headers["Content-Disposition"].startswith('attachment; filename="newsdesk-claims-')


def test_a_lead_exports_every_reviewers_labels(lead, two_reviewers_labelled):
    rows = read_csv(body(client_for(lead).get(DOWNLOAD)))
    assert rows[0]["labels"] == "rita=fact; sven=opinion"
    assert rows[0]["label_status"] == "disputed"


def test_a_reviewer_exports_only_their_own_labels_notes_and_evidence(reviewer, two_reviewers_labelled):
    rows = read_csv(body(client_for(reviewer).get(DOWNLOAD)))
    assert [(r["labels"], r["notes"], r["evidence"]) for r in rows] == [
        ("rita=fact", "rita: Ritas Notiz", ""),
        ("", "", ""),
    ]
    assert [(r["label"], r["label_status"], r["n_labels"]) for r in rows] == [
        ("fact", "single", "1"),
        ("", "unlabelled", "0"),
    ]


def test_a_reviewer_cannot_export_another_reviewers_labels(reviewer, second_reviewer, two_reviewers_labelled):
    response = client_for(reviewer).get(DOWNLOAD, {"reviewer": second_reviewer.pk})
    assert response.status_code == 400
    assert b"sven=opinion" not in response.content


def test_a_reviewers_labels_csv_has_only_their_rows(reviewer, two_reviewers_labelled):
    rows = read_csv(body(client_for(reviewer).get(DOWNLOAD, {"format": "labels-csv"})))
    assert [r["reviewer"] for r in rows] == ["rita"]


def test_a_lead_can_pick_one_reviewer(lead, second_reviewer, two_reviewers_labelled):
    rows = read_csv(body(client_for(lead).get(DOWNLOAD, {"reviewer": second_reviewer.pk})))
    assert [r["labels"] for r in rows] == ["sven=opinion", "sven=opinion"]


def test_an_error_mid_stream_is_raised_to_the_server_after_the_header(
    lead, two_reviewers_labelled, monkeypatch
):
    def broken(self, record, out):
        raise RuntimeError("database gone")

    monkeypatch.setattr(ClaimsCsv, "line", broken)
    received, error = received_until_error(client_for(lead).get(DOWNLOAD))
    assert isinstance(error, RuntimeError)
    assert received == b"\xef\xbb\xbf" + ",".join(ClaimsCsv.columns).encode() + b"\r\n"


def test_an_error_after_some_chunks_is_raised_to_the_server_too(lead, db, monkeypatch):
    make_article([f"Satz {i}." for i in range(5)])
    monkeypatch.setattr(records, "CHUNK_SIZE", 2)
    calls = []

    def fails_on_the_third_chunk(self, record):
        calls.append(record)
        if len(calls) > 4:
            raise RuntimeError("connection lost")
        return {"claim_id": record.claim_id}

    monkeypatch.setattr(JsonLines, "object", fails_on_the_third_chunk)
    received, error = received_until_error(client_for(lead).get(DOWNLOAD, {"format": "jsonl"}))
    assert isinstance(error, RuntimeError)
    assert received.count(b"\n") == 4


def test_the_article_menu_offers_the_newest_articles_and_those_chosen(lead, monkeypatch):
    monkeypatch.setattr("claims.exports.form.ARTICLES_OFFERED", 1)
    older = make_article(["Alt."], title="Älterer")
    make_article(["Neu."], title="Neuerer")
    plain = client_for(lead).get(PAGE).content.decode()
    chosen = client_for(lead).get(PAGE, {"articles": [older.pk]}).content.decode()
    assert "Neuerer" in plain
    assert "Älterer" not in plain
    assert f'<option value="{older.pk}" selected>Älterer</option>' in chosen


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite counts exactly")
def test_a_large_desk_gets_a_count_that_says_it_is_estimated(lead, monkeypatch, two_reviewers_labelled):
    monkeypatch.setattr("claims.exports.export.COUNTED_ARTICLES", 1)
    make_article(["Noch ein Satz."], title="Zweiter Artikel")
    html = client_for(lead).get(PAGE).content.decode()
    assert "Etwa <strong>" in html
    assert "geschätzt aus den 1 neuesten Artikeln" in html
