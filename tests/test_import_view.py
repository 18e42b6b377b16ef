"""Import in the browser: paste or upload, the same rules as the command, and clear form errors."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from claims.models import Article
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

TEXT = "Regierung beschließt Gesetz\n\nDie Bundesregierung hat am Mittwoch ein Gesetz beschlossen."


def visible_text(response) -> str:
    return re.sub(r"<[^>]+>", "", response.content.decode())


def post(client: Client, **data):
    page = client.get("/import/")
    data["csrfmiddlewaretoken"] = page.context["csrf_token"]
    return client.post("/import/", data)


def test_a_reviewer_imports_a_pasted_article(reviewer_client, reviewer):
    response = post(reviewer_client, text=TEXT, source_url="https://example.org/gesetz")
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.imported_by == reviewer
    assert (article.title, article.source_url) == (
        "Regierung beschließt Gesetz",
        "https://example.org/gesetz",
    )


def test_the_page_says_which_file_formats_it_takes(reviewer_client):
    page = visible_text(reviewer_client.get("/import/"))
    assert "HTML oder CLEF-CheckThat!-TSV (.txt, .md, .markdown, .html, .htm, .tsv)" in page


def test_a_given_title_wins_over_the_first_heading(reviewer_client):
    post(reviewer_client, text=TEXT, title="Mein Titel")
    assert Article.objects.get().title == "Mein Titel"


def test_the_home_page_confirms_the_import(reviewer_client):
    response = post(reviewer_client, text=TEXT)
    page = reviewer_client.get(response["Location"])
    assert "Eingefügter Text: mit 1 Behauptung importiert" in page.content.decode()


def test_an_empty_form_asks_for_text_or_files(reviewer_client):
    response = post(reviewer_client, text="   \n ")
    assert response.status_code == 200
    assert "Fügen Sie den Text eines Artikels ein oder wählen Sie mindestens eine Datei." in (
        response.content.decode()
    )


def test_a_javascript_source_url_is_refused(reviewer_client):
    response = post(reviewer_client, text=TEXT, source_url="javascript:alert(1)")
    assert "Bitte eine gültige Adresse eingeben." in response.content.decode()
    assert not Article.objects.exists()


def test_an_oversized_paste_is_refused(reviewer_client, settings):
    settings.IMPORT_MAX_BYTES = 1024
    response = post(reviewer_client, text="Ein Satz. " * 200)
    assert "Der Text ist länger als 1 KB; bitte als Datei hochladen." in response.content.decode()
    assert not Article.objects.exists()


def test_uploaded_files_are_imported_and_a_binary_one_is_reported(reviewer_client):
    files = [
        SimpleUploadedFile("gut.txt", TEXT.encode()),
        SimpleUploadedFile("../../etc/bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
    ]
    content = visible_text(post(reviewer_client, files=files))
    assert "gut.txt: mit 1 Behauptung importiert" in content
    assert "bild.txt: abgelehnt: das ist eine Binärdatei, kein Text" in content
    assert Article.objects.count() == 1


def test_an_article_imported_before_is_reported_not_duplicated(reviewer_client):
    post(reviewer_client, text=TEXT)
    post(reviewer_client, files=[SimpleUploadedFile("again.txt", TEXT.replace("\n", "\r\n").encode())])
    assert Article.objects.count() == 1


def test_pasting_and_uploading_at_once_is_refused(reviewer_client):
    response = post(reviewer_client, text=TEXT, files=[SimpleUploadedFile("a.txt", b"Noch ein Text.")])
    html = response.content.decode()
    assert "Entweder Text einfügen oder Dateien hochladen, nicht beides zugleich." in html


def test_an_outsider_cannot_import(outsider):
    client = client_for(outsider)
    assert client.get("/import/").status_code == 403


def test_a_post_without_a_csrf_token_is_refused(reviewer_client):
    response = reviewer_client.post("/import/", {"text": TEXT})
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_claim_text_is_escaped_on_the_home_page(reviewer_client):
    post(reviewer_client, text="<script>alert(1)</script> {{ 7*7 }}\n\nEin Satz.")
    content = reviewer_client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in content
