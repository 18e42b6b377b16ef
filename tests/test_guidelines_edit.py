"""Leads and admins edit the guidelines; each save is a new version, never a change to an old one. Editing
from a version that is no longer current answers 409, keeps the lead's text and shows what changed."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse
from selectolax.lexbor import LexborHTMLParser

from claims.guidelines import STARTER
from claims.models import GuidelinesChanged, GuidelineVersion
from claims.models.guidelines import GuidelineVersionQuerySet
from tests.conftest import client_for
from tests.desk_helpers import form_post

pytestmark = pytest.mark.django_db
URL = "/guidelines/edit/"


@pytest.fixture
def lead_client(lead):
    return client_for(lead)


def edit(client, text: str, base: int, note: str = "", **extra):
    return form_post(client, URL, {"text": text, "note": note, "base": base, **extra}, page=URL)


def html(response) -> LexborHTMLParser:
    return LexborHTMLParser(response.content.decode())


def test_the_form_starts_from_the_starter_text(lead_client):
    page = html(lead_client.get(URL))
    assert page.css_first("textarea[name=text]").text().strip() == STARTER.strip()
    assert page.css_first("input[name=base]").attributes["value"] == "0"


def test_a_lead_saves_version_1_and_reads_it(lead_client, lead):
    response = edit(lead_client, "# Unser Leitfaden\r\n\r\nFakt ist prüfbar.", 0, note="Erste eigene Fassung")
    version = GuidelineVersion.objects.get()
    assert response["Location"] == reverse("guidelines")
    assert (version.number, version.edited_by, version.note) == (1, lead, "Erste eigene Fassung")
    assert version.text == "# Unser Leitfaden\n\nFakt ist prüfbar."  # line ends as LF


def test_the_next_save_adds_version_2_and_leaves_version_1_alone(lead_client):
    edit(lead_client, "eins", 0)
    edit(lead_client, "zwei", 1)
    assert list(GuidelineVersion.objects.order_by("number").values_list("number", "text")) == [
        (1, "eins"),
        (2, "zwei"),
    ]


def test_the_form_starts_from_the_current_version(lead_client):
    edit(lead_client, "eins", 0)
    page = html(lead_client.get(URL))
    assert page.css_first("textarea[name=text]").text().strip() == "eins"
    assert page.css_first("input[name=base]").attributes["value"] == "1"


def test_an_admin_may_edit(admin_user):
    assert edit(client_for(admin_user), "eins", 0).status_code == 302


def test_a_reviewer_may_not_edit(reviewer_client):
    assert reviewer_client.get(URL).status_code == 403
    assert edit(reviewer_client, "eins", 0).status_code == 403
    assert not GuidelineVersion.objects.exists()


def test_an_outsider_may_not_edit(outsider):
    assert edit(client_for(outsider), "eins", 0).status_code == 403


def test_a_post_without_the_csrf_token_is_refused(lead_client):
    response = lead_client.post(URL, {"text": "eins", "base": 0})
    assert response.status_code == 403
    assert not GuidelineVersion.objects.exists()


# Two leads at once.


def test_saving_from_a_stale_version_answers_409_and_saves_nothing(lead_client, admin_user):
    GuidelineVersion.objects.save_next(text="# Fakt\n\nvon Ada", note="", by=admin_user, base=0)
    response = edit(lead_client, "# Fakt\n\nvon Lena", 0, note="meine Änderung")
    assert response.status_code == 409
    assert list(GuidelineVersion.objects.values_list("text", flat=True)) == ["# Fakt\n\nvon Ada"]


def test_the_409_keeps_the_leads_text_and_says_who_saved_in_between(lead_client, admin_user):
    GuidelineVersion.objects.save_next(text="# Fakt\n\nvon Ada", note="", by=admin_user, base=0)
    page = html(edit(lead_client, "# Fakt\n\nvon Lena", 0, note="meine Änderung"))
    assert page.css_first("textarea[name=text]").text().strip() == "# Fakt\n\nvon Lena"
    assert page.css_first("input[name=note]").attributes["value"] == "meine Änderung"
    assert "ada" in page.css_first("[role=alert]").text()


def test_the_409_shows_what_the_other_version_has_and_the_leads_text_has_not(lead_client, admin_user):
    GuidelineVersion.objects.save_next(text="# Fakt\n\nvon Ada", note="", by=admin_user, base=0)
    page = html(edit(lead_client, "# Fakt\n\nvon Lena", 0))
    assert [td.text() for td in page.css("table.changes tr.removed td.line")] == ["von Ada"]
    assert [td.text() for td in page.css("table.changes tr.added td.line")] == ["von Lena"]


def test_after_the_409_saving_again_puts_the_leads_text_on_top(lead_client, admin_user):
    GuidelineVersion.objects.save_next(text="von Ada", note="", by=admin_user, base=0)
    page = html(edit(lead_client, "von Lena", 0))
    base = int(page.css_first("input[name=base]").attributes["value"])
    assert edit(lead_client, "von Lena", base).status_code == 302
    assert GuidelineVersion.objects.current().text == "von Lena"


def test_two_saves_from_one_version_cannot_both_win(lead, admin_user, monkeypatch):
    """The race the version check cannot see: both leads read version 0 as current, then both insert. The
    unique number lets the first in and turns the second into GuidelinesChanged."""
    GuidelineVersion.objects.save_next(text="von Ada", note="", by=admin_user, base=0)
    monkeypatch.setattr(GuidelineVersionQuerySet, "current", lambda self: None, raising=True)
    with pytest.raises(GuidelinesChanged):
        GuidelineVersion.objects.save_next(text="von Lena", note="", by=lead, base=0)
    monkeypatch.undo()
    assert list(GuidelineVersion.objects.values_list("text", flat=True)) == ["von Ada"]


def test_the_database_refuses_a_second_version_with_the_same_number(lead):
    GuidelineVersion.objects.create(number=1, text="eins", edited_by=lead)
    with pytest.raises(IntegrityError):
        GuidelineVersion.objects.create(number=1, text="auch eins", edited_by=lead)


# What the form refuses, and the preview.


@pytest.mark.parametrize("text", ["", "   \r\n\t "])
def test_empty_guidelines_are_refused(lead_client, text):
    response = edit(lead_client, text, 0)
    assert response.status_code == 422
    assert not GuidelineVersion.objects.exists()


def test_saving_the_current_text_unchanged_is_refused(lead_client):
    edit(lead_client, "eins", 0)
    response = edit(lead_client, "eins", 1)
    assert response.status_code == 422
    assert GuidelineVersion.objects.count() == 1


def test_the_starter_text_may_be_saved_unchanged_as_the_desks_own(lead_client):
    assert edit(lead_client, STARTER, 0).status_code == 302
    assert GuidelineVersion.objects.get().text == STARTER


def test_a_text_over_the_limit_is_refused(lead_client):
    assert edit(lead_client, "x" * 100_001, 0).status_code == 422


def test_a_nul_character_is_refused_before_the_database(lead_client):
    assert edit(lead_client, "Fakt\x00", 0).status_code == 422


def test_the_preview_renders_the_text_and_saves_nothing(lead_client):
    response = edit(lead_client, "**Fakt** <script>alert(1)</script>", 0, preview="1")
    preview = html(response).css_first(".preview .guidelines-text")
    assert response.status_code == 200
    assert preview.css_first("strong").text() == "Fakt"
    assert preview.css("script") == []
    assert not GuidelineVersion.objects.exists()
