"""The desk's keys in every interface language (claims.shortcuts): no two alike, each label key the first
letter of the word its button shows, and the same keys on the buttons, in the ? overlay and in the catalogue
that static/js/desk.js reads."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from claims.shortcuts import HELP, MOVE_DOWN, MOVE_UP, desk_keys

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# The keys the desk's users are told about; a new language adds its line here.
EXPECTED = {
    "de": {
        "labels": {"fact": "f", "opinion": "m", "unverifiable": "n"},
        "evidence": "b",
        "note": "a",
        "next": "N",
    },
    "en": {
        "labels": {"fact": "f", "opinion": "o", "unverifiable": "u"},
        "evidence": "e",
        "note": "n",
        "next": "N",
    },
}

LABEL_BUTTON = re.compile(
    r'<button name="label" value="(?P<value>\w+)" class="label-button \w+"'
    r' aria-keyshortcuts="(?P<shortcut>[^"]*)" aria-pressed="(?:true|false)">'
    r'(?P<word>[^<]+) <kbd aria-hidden="true">(?P<kbd>[^<]*)</kbd></button>'
)


def _keys(language: str):
    with translation.override(language):
        return desk_keys()


def _article_page(client, article, language: str) -> str:
    response = client.get(reverse("article_detail", args=[article.pk]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    return html


def test_every_language_of_the_desk_is_checked_here():
    assert set(EXPECTED) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_two_keys_are_equal(language):
    keys = _keys(language).all()
    assert len(keys) == len(set(keys)), keys
    assert {MOVE_DOWN, MOVE_UP, HELP} <= set(keys)
    assert all(len(key) == 1 for key in keys), keys


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_label_key_is_the_first_letter_of_its_word(language):
    with translation.override(language):
        labels = [(value, key, str(value.label), value.key) for value, key in desk_keys().labels]
    for value, key, word, value_key in labels:
        assert key == word[0].lower(), (value, word)
        assert key == value_key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_keys_are_the_ones_the_desk_promises(language):
    keys, expected = _keys(language), EXPECTED[language]
    assert {str(value): key for value, key in keys.labels} == expected["labels"]
    assert (keys.evidence, keys.note, keys.next_claim) == (
        expected["evidence"],
        expected["note"],
        expected["next"],
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_buttons_show_the_key_they_answer_to(reviewer_client, seed_article, language):
    html = _article_page(reviewer_client, seed_article, language)
    buttons = LABEL_BUTTON.findall(html)
    n_claims = seed_article.claims.labelled_kinds().count()
    keys = dict(_keys(language).labels)
    assert len(buttons) == n_claims * len(keys)
    for value, shortcut, word, kbd in buttons:
        assert shortcut == kbd == keys[value], (value, shortcut, kbd)
        assert unescape(word)[0].lower() == kbd, (word, kbd)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_evidence_and_note_keys_stand_next_to_their_word(
    reviewer, reviewer_client, seed_article, language
):
    claim = seed_article.claims.labelled_kinds().first()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    html = _article_page(reviewer_client, seed_article, language)
    keys = _keys(language)
    row = html[html.index(f'id="claim-{claim.pk}"') :]
    for css_class, key in (("add-evidence", keys.evidence), ("note", keys.note)):
        summary = re.search(
            rf'<details class="{css_class}"[^>]*>\s*<summary>(.*?)</summary>', row, re.S
        ).group(1)
        words, kbd = re.match(r'([^<]*)<kbd aria-hidden="true">([^<]*)</kbd>', summary).groups()
        assert kbd == key
        assert any(word[0].lower() == key for word in unescape(words).split()), (words, key)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_overlay_lists_every_key(reviewer_client, seed_article, language):
    html = _article_page(reviewer_client, seed_article, language)
    overlay = html[html.index('<dialog id="shortcuts"') :]
    overlay = overlay[: overlay.index("</dialog>")]
    for key in _keys(language).all():
        assert f"<kbd>{key}</kbd>" in overlay, key
    with translation.override(language):
        for value, key in desk_keys().labels:
            assert f"<kbd>{key}</kbd></th><td>" in overlay
            assert str(value.label) in overlay


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_script_reads_the_same_keys_from_the_page(reviewer_client, seed_article, language):
    html = _article_page(reviewer_client, seed_article, language)
    found = re.search(r'<script id="desk-catalogue" type="application/json">(.*?)</script>', html, re.S)
    catalogue = json.loads(found.group(1))
    keys = _keys(language)
    assert catalogue["keys"] == {"evidence": keys.evidence, "note": keys.note, "next": keys.next_claim}
    assert f"{keys.next_claim} (" in catalogue["text"]["lastClaim"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_article_list_shows_the_next_claim_key(reviewer_client, language):
    html = reviewer_client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert re.search(
        rf'data-next-claim>[^<]+ <kbd aria-hidden="true">{_keys(language).next_claim}</kbd>', html
    )
