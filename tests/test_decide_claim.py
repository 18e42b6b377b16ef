"""A lead settles a dispute: with htmx the dispute is answered in place, without JavaScript the form redirects
back to the queue; the decision is in the claim's history. Reviewers and outsiders get 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims import roles
from claims.models import Claim, Decision
from tests.conftest import client_for, make_user
from tests.desk_helpers import csrf_token, form_post, htmx_post
from tests.exporting import make_article

QUEUE = reverse("disputes")


@pytest.fixture
def disputed(db, reviewer, second_reviewer) -> Claim:
    first, _second = make_article(["Die Linie 7 fährt wieder.", "Das ist gut so."]).claims.order_by(
        "position"
    )
    first.set_label(reviewer=reviewer, value="fact", expected_version=0)
    first.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    return first


@pytest.fixture
def lead_client(lead):
    return client_for(lead)


def decide(client, claim: Claim, value: str = "fact", *, htmx: bool = True, **extra):
    data = {"value": value, "reason": "", "seen": 0, **extra}
    post = htmx_post if htmx else form_post
    return post(client, reverse("decide_claim", args=[claim.pk]), data, page=QUEUE)


def test_with_htmx_the_dispute_is_answered_settled_in_place(disputed, lead_client):
    response = decide(lead_client, disputed, "opinion", reason="Eine Bewertung, keine Tatsache")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<li id="dispute-{disputed.pk}"')
    assert 'data-decided="opinion"' in html
    assert '<span class="tag status-adjudicated">Entschieden</span>' in html


def test_the_decision_is_saved_with_its_reason_and_the_lead(disputed, lead_client, lead):
    decide(lead_client, disputed, "opinion", reason="  Eine Bewertung  ")
    decision = Decision.objects.get()
    assert (decision.claim, decision.value, decision.reason, decision.decided_by) == (
        disputed,
        "opinion",
        "Eine Bewertung",
        lead,
    )


def test_the_answer_tells_the_page_a_claim_was_decided(disputed, lead_client):
    response = decide(lead_client, disputed)
    assert '"claimDecided"' in response["HX-Trigger"]


def test_the_answer_carries_the_new_decision_to_decide_again(disputed, lead_client):
    html = decide(lead_client, disputed).content.decode()
    assert f'name="seen" value="{Decision.objects.get().pk}"' in html
    assert 'name="csrfmiddlewaretoken"' not in html  # htmx sends the token in a header


def test_without_javascript_the_form_redirects_back_to_the_queue_page(disputed, lead_client):
    response = decide(lead_client, disputed, "fact", htmx=False, page="2")
    assert (response.status_code, response["Location"]) == (302, f"{QUEUE}?page=2")


def test_after_the_redirect_the_claim_has_left_the_queue_and_a_message_says_so(disputed, lead_client):
    decide(lead_client, disputed, "fact", htmx=False)
    response = lead_client.get(QUEUE)
    assert "Entschieden als „Fakt“." in response.content.decode()
    assert response.context["disputes"] == []


def test_a_reviewer_may_not_decide(disputed, reviewer):
    client = client_for(reviewer)
    assert decide(client, disputed).status_code == 403
    assert decide(client, disputed, htmx=False).status_code == 403
    assert not Decision.objects.exists()


def test_an_outsider_may_not_decide(disputed, outsider):
    assert decide(client_for(outsider), disputed).status_code == 403


def test_deciding_needs_a_post_and_a_csrf_token(disputed, lead_client):
    url = reverse("decide_claim", args=[disputed.pk])
    assert lead_client.get(url).status_code == 405
    assert lead_client.post(url, {"value": "fact", "seen": 0}).status_code == 403
    assert not Decision.objects.exists()


def test_an_unknown_label_is_refused_in_words(disputed, lead_client):
    response = decide(lead_client, disputed, "maybe")
    assert (response.status_code, response.content.decode()) == (400, "Unbekannte Einstufung.")


def test_an_unknown_label_without_javascript_says_so_on_the_queue(disputed, lead_client):
    response = decide(lead_client, disputed, "maybe", htmx=False)
    assert response.status_code == 302
    assert "Nicht gespeichert: Unbekannte Einstufung." in lead_client.get(QUEUE).content.decode()


def test_a_reason_too_long_or_with_nul_is_refused_before_the_database(disputed, lead_client):
    assert decide(lead_client, disputed, reason="x" * 10_001).status_code == 400
    assert decide(lead_client, disputed, reason="mit\x00Null").status_code == 400
    assert not Decision.objects.exists()


def test_a_heading_cannot_be_decided(db, lead_client):
    claim = make_article(["Überschrift"]).claims.get()
    Claim.objects.filter(pk=claim.pk).update(kind=Claim.Kind.HEADING)
    assert decide(lead_client, claim).status_code == 404


def test_a_second_lead_on_an_old_page_gets_a_conflict_and_the_current_decision(
    disputed, lead_client, admin_user
):
    decide(client_for(admin_user), disputed, "opinion")
    response = decide(lead_client, disputed, "fact")
    html = response.content.decode()
    assert response.status_code == 409
    assert "Nicht gespeichert: ada hat diese Behauptung inzwischen entschieden, als „Meinung“." in html
    assert list(Decision.objects.values_list("value", flat=True)) == ["opinion"]


def test_after_a_conflict_deciding_again_replaces_the_decision(disputed, lead_client, admin_user):
    decide(client_for(admin_user), disputed, "opinion")
    decide(lead_client, disputed, "fact")
    response = decide(lead_client, disputed, "fact", seen=Decision.objects.get().pk)
    assert response.status_code == 200
    assert Claim.objects.with_label_status().get(pk=disputed.pk).resolved_label == "fact"


def test_a_double_submit_is_one_decision(disputed, lead_client):
    decide(lead_client, disputed, "fact", reason="Amt")
    assert decide(lead_client, disputed, "fact", reason="Amt").status_code == 200
    assert Decision.objects.count() == 1


def test_a_reopened_claim_returns_to_the_queue_and_is_settled_again(disputed, lead_client, second_reviewer):
    decide(lead_client, disputed, "fact")
    disputed.set_label(reviewer=second_reviewer, value="unverifiable", expected_version=1)
    [dispute] = lead_client.get(QUEUE).context["disputes"]
    assert (dispute.claim, dispute.status) == (disputed, "reopened")
    decide(lead_client, disputed, "fact", seen=dispute.seen, reason="Bleibt Fakt")
    assert lead_client.get(QUEUE).context["disputes"] == []


def test_the_history_shows_the_decision_and_its_reason(disputed, lead_client, reviewer):
    decide(lead_client, disputed, "opinion", reason="Wertung")
    for client in (lead_client, client_for(reviewer)):
        html = client.get(reverse("claim_history", args=[disputed.pk]), headers={"HX-Request": "true"})
        text = html.content.decode()
        assert (
            '<bdi>lena</bdi>: Entscheidung: „Meinung“ · Begründung: <span dir="auto">Wertung</span>' in text
        )


def test_the_history_hides_the_decision_from_a_reviewer_who_has_not_labelled(disputed, lead_client):
    decide(lead_client, disputed, "opinion", reason="Wertung")
    newcomer = make_user("nora", roles.REVIEWERS)
    html = client_for(newcomer).get(reverse("claim_history", args=[disputed.pk])).content.decode()
    assert "Wertung" not in html
    assert "lena" not in html


def test_the_csrf_token_of_the_queue_page_is_the_one_htmx_sends(disputed, lead_client):
    token = csrf_token(lead_client, QUEUE)
    url = reverse("decide_claim", args=[disputed.pk])
    headers = {"HX-Request": "true", "X-CSRFToken": token}
    assert lead_client.post(url, {"value": "fact", "seen": 0}, headers=headers).status_code == 200
