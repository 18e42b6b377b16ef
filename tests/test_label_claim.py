"""Labelling a claim: htmx and plain paths, no-op repeats, conflicts (409) and who may label."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.urls import reverse

from claims.models import Label, LabelEvent
from tests.conftest import client_for
from tests.desk_helpers import csrf_token, form_post, htmx_post


def _url(claim):
    return reverse("label_claim", args=[claim.pk])


def test_the_htmx_path_saves_the_label_and_returns_only_the_row(reviewer, reviewer_client, claim):
    response = htmx_post(reviewer_client, _url(claim), {"label": "fact", "version": "0"})
    assert response.content.decode().lstrip().startswith(f'<li id="claim-{claim.pk}"')
    assert Label.objects.get(claim=claim, reviewer=reviewer).value == "fact"


def test_the_htmx_path_triggers_the_progress_update(reviewer_client, claim):
    response = htmx_post(reviewer_client, _url(claim), {"label": "fact", "version": "0"})
    assert "claimLabelled" in response["HX-Trigger"]
    assert 'data-label="fact"' in response.content.decode()


def test_the_plain_path_redirects_back_to_the_claim(reviewer, reviewer_client, claim):
    response = form_post(reviewer_client, _url(claim), {"label": "opinion", "version": "0"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#claim-{claim.pk}")


def test_repeating_the_same_label_writes_no_second_history_event(reviewer, reviewer_client, claim):
    htmx_post(reviewer_client, _url(claim), {"label": "fact", "version": "0"})
    response = htmx_post(reviewer_client, _url(claim), {"label": "fact", "version": "0"})
    assert response.status_code == 200
    assert LabelEvent.objects.filter(claim=claim).count() == 1


def test_changing_the_label_bumps_the_version_and_writes_history(reviewer, reviewer_client, claim):
    htmx_post(reviewer_client, _url(claim), {"label": "fact", "version": "0"})
    htmx_post(reviewer_client, _url(claim), {"label": "opinion", "version": "1"})
    assert Label.objects.get(claim=claim).version == 2
    assert list(LabelEvent.objects.values_list("old_value", "new_value")) == [
        ("", "fact"),
        ("fact", "opinion"),
    ]


def test_a_stale_version_is_a_conflict_that_shows_the_current_value(reviewer, reviewer_client, claim):
    claim.set_label(reviewer=reviewer, value="unverifiable", expected_version=0)
    response = htmx_post(reviewer_client, _url(claim), {"label": "fact", "version": "0"})
    assert response.status_code == 409
    assert "Sie lautet jetzt: Nicht überprüfbar." in response.content.decode()


def test_a_conflict_on_the_plain_path_says_so_after_the_redirect(reviewer, reviewer_client, claim):
    claim.set_label(reviewer=reviewer, value="unverifiable", expected_version=0)
    response = form_post(reviewer_client, _url(claim), {"label": "fact", "version": "0"})
    page = reviewer_client.get(response["Location"]).content.decode()
    assert "Sie lautet jetzt: Nicht überprüfbar." in page
    assert Label.objects.get(claim=claim).value == "unverifiable"


def test_an_outsider_cannot_label(outsider, claim):
    response = htmx_post(client_for(outsider), _url(claim), {"label": "fact", "version": "0"})
    assert response.status_code == 403
    assert not Label.objects.exists()


def test_a_post_without_a_csrf_token_is_refused(reviewer_client, claim):
    response = reviewer_client.post(
        _url(claim), {"label": "fact", "version": "0"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 403
    assert not Label.objects.exists()


def test_labels_cannot_be_set_by_get(reviewer_client, claim):
    assert reviewer_client.get(_url(claim), {"label": "fact"}).status_code == 405


def test_an_unknown_label_is_refused(reviewer_client, claim):
    response = htmx_post(reviewer_client, _url(claim), {"label": "true", "version": "0"})
    assert response.status_code == 400


def test_an_expired_session_gets_401_from_htmx(reviewer_client, claim):
    token = csrf_token(reviewer_client)
    Session.objects.all().delete()  # the session expired on the server; the browser still sends its cookie
    response = reviewer_client.post(
        _url(claim), {"label": "fact", "version": "0"}, headers={"HX-Request": "true", "X-CSRFToken": token}
    )
    assert response.status_code == 401
    assert response["HX-Trigger"] == "sessionExpired"


def test_a_swapped_in_row_relies_on_the_csrf_header_and_still_posts(reviewer, claim):
    # Rows that htmx swaps in carry no hidden CSRF field (htmx sends the header); the next htmx POST
    # from that row, and a note, must still pass the CSRF check.
    client = client_for(reviewer)  # enforces CSRF checks
    row = htmx_post(client, _url(claim), {"label": "fact", "version": "0"}).content.decode()
    assert "csrfmiddlewaretoken" not in row
    changed = htmx_post(client, _url(claim), {"label": "opinion", "version": "1"})
    assert changed.status_code == 200
    note = htmx_post(
        client, reverse("save_note", args=[claim.pk]), {"note": "Quelle: Destatis", "version": 2}
    )
    assert note.status_code == 200
    assert Label.objects.get(claim=claim, reviewer=reviewer).note == "Quelle: Destatis"
    plain = client.get(reverse("article_detail", args=[claim.article_id])).content.decode()
    assert "csrfmiddlewaretoken" in plain  # without JavaScript the forms carry the field
