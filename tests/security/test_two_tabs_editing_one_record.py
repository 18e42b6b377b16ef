"""Case: two tabs editing one piece of evidence, or one note (pen test finding 3).

Evidence edits overwrote each other silently (labels answered 409, evidence did not). Every record people
edit now has a version and one mechanism (claims.models.versioned): the change names the version its page
showed, and a change from a stale page is refused with 409 and the record as it is now. Labels' own values
keep their tests (tests/test_label_writes.py, tests/test_label_claim.py).
"""

from __future__ import annotations

from django.urls import reverse

from claims.models import ArticleEdit, Evidence, Label
from tests.conftest import client_for
from tests.desk_helpers import form_post, htmx_post

EDIT = {"url": "https://example.org/a", "stance": "supports", "title": "", "note": ""}


def edit(client, evidence, **changes):
    return form_post(client, reverse("edit_evidence", args=[evidence.pk]), {**EDIT, **changes})


def test_the_second_tab_editing_one_piece_of_evidence_gets_409_and_the_first_edit_stays(
    reviewer_client, evidence
):
    first = edit(reviewer_client, evidence, note="aus Tab eins", version=1)
    second = edit(reviewer_client, evidence, note="aus Tab zwei", version=1)
    assert (first.status_code, second.status_code) == (302, 409)
    assert Evidence.objects.get().note == "aus Tab eins"
    assert "aus Tab eins" in second.content.decode()


def test_a_leads_stale_form_does_not_overwrite_the_authors_edit(reviewer_client, lead, evidence):
    edit(reviewer_client, evidence, title="Vom Autor", version=1)
    response = edit(client_for(lead), evidence, title="Von der Leitung", version=1)
    assert response.status_code == 409
    assert Evidence.objects.get().title == "Vom Autor"


def test_saving_again_after_the_conflict_replaces_it_knowingly(reviewer_client, evidence):
    edit(reviewer_client, evidence, note="eins", version=1)
    conflict = edit(reviewer_client, evidence, note="zwei", version=1)
    assert 'name="version" value="2"' in conflict.content.decode()
    assert edit(reviewer_client, evidence, note="zwei", version=2).status_code == 302
    assert Evidence.objects.get().note == "zwei"


def test_a_double_submit_of_one_edit_is_not_a_conflict(reviewer_client, evidence):
    assert edit(reviewer_client, evidence, note="einmal", version=1).status_code == 302
    assert edit(reviewer_client, evidence, note="einmal", version=1).status_code == 302


def test_removing_evidence_changed_in_another_tab_is_refused(reviewer_client, evidence):
    edit(reviewer_client, evidence, note="geändert", version=1)
    response = htmx_post(reviewer_client, reverse("delete_evidence", args=[evidence.pk]), {"version": 1})
    assert response.status_code == 409
    assert Evidence.objects.get().note == "geändert"


def test_the_second_tab_saving_a_note_gets_409_and_the_first_note_stays(reviewer, reviewer_client, claim):
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    url = reverse("save_note", args=[claim.pk])
    first = htmx_post(reviewer_client, url, {"note": "Tab eins", "version": 1})
    second = htmx_post(reviewer_client, url, {"note": "Tab zwei", "version": 1})
    assert (first.status_code, second.status_code) == (200, 409)
    assert Label.objects.get().note == "Tab eins"
    assert "Tab eins" in second.content.decode()


def test_two_tabs_making_the_same_correction_of_an_articles_details_write_one_history_entry(
    reviewer, second_reviewer, seed_article
):
    version = seed_article.version
    details = {"title": seed_article.title, "outlet": "Beispiel-Zeitung", "author": seed_article.author}
    details |= {"published_at": seed_article.published_at, "language": seed_article.language}
    first = seed_article.edit_details(by=reviewer, expected_version=version, **details)
    stale = type(seed_article).objects.get(pk=seed_article.pk)
    stale.outlet = ""  # the second tab still shows the old outlet
    second = stale.edit_details(by=second_reviewer, expected_version=version, **details)
    assert (list(first), second) == (["outlet"], {})
    assert ArticleEdit.objects.count() == 1
