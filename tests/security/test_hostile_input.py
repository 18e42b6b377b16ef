"""Cases from docs/security.md that no other test held: whitespace-only input, an entity bomb, bidi
overrides in a claim, a POST from a foreign Origin, a note of 100 KB, a file name with NUL and `../`."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims import importing
from claims.models import Article, Claim, Label
from tests.desk_helpers import csrf_token, htmx_post
from tests.exporting import make_article


@pytest.mark.parametrize("text", ["   ", "\n\t \n", "\u00a0\u3000", "\ufeff  \r\n"])
def test_whitespace_only_input_is_refused(text):
    with pytest.raises(importing.ImportRejected):
        importing.parse_file("leer.txt", text.encode())


def test_a_whitespace_only_paste_imports_nothing(reviewer_client):
    response = reviewer_client.post(
        reverse("import"), {"text": " \n\t ", "csrfmiddlewaretoken": csrf_token(reviewer_client)}
    )
    assert response.status_code == 200
    assert not Article.objects.exists()


def test_an_entity_bomb_is_not_expanded():
    bomb = (
        '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><p>Ein Satz &c;&c;&c;.</p>'
    )
    text = importing.parse(bomb, suffix=".html").text
    assert len(text) < 200
    assert "aaaa" not in text


def test_a_claim_with_bidi_overrides_is_isolated_on_the_desk(reviewer_client, db):
    article = make_article(["Preis: \u202e€ 001\u202c laut Quelle.", "Zweiter Satz."])
    html = reviewer_client.get(reverse("article_detail", args=[article.pk])).content.decode()
    claim = Claim.objects.get(article=article, position=0)
    assert f"<bdi>{claim.text}</bdi>" in html
    assert 'dir="auto"' in html


def test_a_post_from_a_foreign_origin_is_refused(reviewer_client):
    token = csrf_token(reviewer_client)
    response = reviewer_client.post(
        reverse("import"),
        {"text": "Ein Satz von anderswo.", "csrfmiddlewaretoken": token},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_a_note_of_100_kb_is_refused(reviewer, reviewer_client, seed_article):
    claim = seed_article.claims.labelled_kinds().order_by("position").first()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    response = htmx_post(
        reviewer_client, reverse("save_note", args=[claim.pk]), {"note": "x" * 100_000, "version": 1}
    )
    assert response.status_code == 400
    assert Label.objects.get().note == ""


def test_a_file_name_with_nul_and_dot_dot_is_only_shown(reviewer_client):
    upload = SimpleUploadedFile("../../var/a\x00b.txt", b"Ein Satz aus einer Datei.\n")
    response = reviewer_client.post(
        reverse("import"),
        {"files": [upload], "csrfmiddlewaretoken": csrf_token(reviewer_client)},
        follow=True,
    )
    assert response.status_code == 200
    assert Article.objects.get().text == "Ein Satz aus einer Datei."
