"""Notes on my label, the history of a claim, and the queue of claims I have not labelled."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Label
from tests.conftest import SEEDS, client_for
from tests.desk_helpers import form_post, htmx_post


@pytest.fixture
def claims(seed_article):
    return list(seed_article.claims.labelled_kinds().order_by("position"))


def test_a_note_is_saved_on_my_label_through_htmx(reviewer, reviewer_client, claims):
    claims[0].set_label(reviewer=reviewer, value="fact", expected_version=0)
    response = htmx_post(
        reviewer_client, reverse("save_note", args=[claims[0].pk]), {"note": "Quelle: dpa", "version": 1}
    )
    assert "Quelle: dpa" in response.content.decode()
    assert Label.objects.get().note == "Quelle: dpa"


def test_a_note_without_javascript_redirects(reviewer, reviewer_client, claims):
    claims[0].set_label(reviewer=reviewer, value="fact", expected_version=0)
    response = form_post(
        reviewer_client, reverse("save_note", args=[claims[0].pk]), {"note": "x", "version": 1}
    )
    assert response.status_code == 302


def test_a_note_needs_a_label_first(reviewer_client, claims):
    response = htmx_post(
        reviewer_client, reverse("save_note", args=[claims[0].pk]), {"note": "x", "version": 1}
    )
    assert response.status_code == 400


def test_an_outsider_cannot_write_notes_or_read_history(outsider, claims):
    client = client_for(outsider)
    assert (
        htmx_post(client, reverse("save_note", args=[claims[0].pk]), {"note": "x", "version": 1}).status_code
        == 403
    )
    assert client.get(reverse("claim_history", args=[claims[0].pk])).status_code == 403


def test_the_history_shows_who_set_which_label(reviewer, reviewer_client, claims):
    claims[0].set_label(reviewer=reviewer, value="fact", expected_version=0)
    claims[0].set_label(reviewer=reviewer, value="opinion", expected_version=1)
    html = reviewer_client.get(reverse("claim_history", args=[claims[0].pk]), headers={"HX-Request": "true"})
    assert "<bdi>rita</bdi>: Fakt → Meinung" in html.content.decode()
    assert "<html" not in html.content.decode()


def test_the_history_hides_others_labels_until_i_labelled(second_reviewer, reviewer_client, claims):
    claims[0].set_label(reviewer=second_reviewer, value="fact", expected_version=0)
    html = reviewer_client.get(reverse("claim_history", args=[claims[0].pk])).content.decode()
    assert "sven" not in html
    assert "anderer Prüfer:innen sehen Sie, sobald Sie diese Behauptung eingestuft haben." in html


def test_next_claim_goes_to_my_first_unlabelled_claim(reviewer, reviewer_client, claims):
    claims[0].set_label(reviewer=reviewer, value="fact", expected_version=0)
    response = reviewer_client.get(reverse("next_claim"), {"article": claims[0].article_id})
    assert response["Location"].endswith(f"#claim-{claims[1].pk}")


def test_next_claim_moves_on_to_the_next_article(reviewer, reviewer_client, claims):
    from claims import importing

    path = SEEDS / "000_e08304d965e09de4.txt"
    other = importing.store(importing.parse_file(path.name, path.read_bytes())).article
    for claim in claims:
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    response = reviewer_client.get(reverse("next_claim"), {"article": claims[0].article_id})
    assert response["Location"].startswith(reverse("article_detail", args=[other.pk]))


def test_next_claim_says_when_everything_is_done(reviewer, reviewer_client, claims):
    for claim in claims:
        claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    response = reviewer_client.get(reverse("next_claim"), follow=True)
    assert (
        "Nichts mehr offen: Jede Behauptung hat Ihre Einstufung oder schon alle Einstufungen"
        in response.content.decode()
    )
