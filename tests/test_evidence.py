"""Evidence on a claim: http(s) links only, shown with their host, changed only by the author or a lead."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse

from claims.models import Evidence
from tests.conftest import client_for
from tests.desk_helpers import form_post, htmx_post


def _add(claim):
    return reverse("add_evidence", args=[claim.pk])


GOOD = {"url": "https://www.tagesschau.de/faktenfinder", "stance": "supports", "title": "", "note": ""}


def test_the_htmx_path_adds_evidence_and_returns_the_row(reviewer_client, claim):
    response = htmx_post(reviewer_client, _add(claim), GOOD)
    assert "Belege: stützt 1" in response.content.decode()
    assert Evidence.objects.get().stance == "supports"


def test_the_plain_path_adds_evidence_and_redirects(reviewer_client, claim):
    response = form_post(reviewer_client, _add(claim), GOOD)
    assert response.status_code == 302
    assert Evidence.objects.count() == 1


def test_the_form_is_served_for_the_row_and_as_a_page(reviewer_client, claim):
    partial = reviewer_client.get(_add(claim), headers={"HX-Request": "true"}).content.decode()
    page = reviewer_client.get(_add(claim)).content.decode()
    assert partial.lstrip().startswith('<form class="evidence-form"')
    assert "<h1>Beleg hinzufügen</h1>" in page


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
    ],
)
def test_it_rejects_links_that_are_not_http(reviewer_client, claim, url):
    response = htmx_post(reviewer_client, _add(claim), {**GOOD, "url": url})
    assert response.status_code == 422
    assert not Evidence.objects.exists()


def test_it_rejects_a_link_longer_than_2048_characters(reviewer_client, claim):
    response = htmx_post(reviewer_client, _add(claim), {**GOOD, "url": "https://example.org/" + "a" * 2100})
    assert response.status_code == 422


def test_an_outsider_cannot_add_evidence(outsider, claim):
    response = htmx_post(client_for(outsider), _add(claim), GOOD)
    assert response.status_code == 403


def test_another_reviewer_cannot_edit_or_remove_my_evidence(second_reviewer, evidence):
    client = client_for(second_reviewer)
    edit = form_post(client, reverse("edit_evidence", args=[evidence.pk]), {**GOOD, "version": 1})
    delete = htmx_post(client, reverse("delete_evidence", args=[evidence.pk]), {"version": 1})
    assert (edit.status_code, delete.status_code) == (403, 403)
    assert Evidence.objects.get().url == "https://example.org/a"


def test_the_author_edits_their_evidence(reviewer_client, evidence):
    response = form_post(
        reviewer_client, reverse("edit_evidence", args=[evidence.pk]), {**GOOD, "version": 1}
    )
    assert response.status_code == 302
    assert Evidence.objects.get().stance == "supports"


def test_a_lead_may_edit_anyones_evidence(lead, evidence):
    page = client_for(lead).get(reverse("edit_evidence", args=[evidence.pk]))
    response = form_post(
        client_for(lead), reverse("edit_evidence", args=[evidence.pk]), {**GOOD, "version": 1}
    )
    assert page.status_code == 200
    assert response.status_code == 302


def test_the_author_removes_evidence_through_htmx(reviewer_client, evidence):
    response = htmx_post(reviewer_client, reverse("delete_evidence", args=[evidence.pk]), {"version": 1})
    assert response.status_code == 200
    assert not Evidence.objects.exists()


def test_a_removal_without_javascript_redirects(reviewer_client, evidence):
    response = form_post(reviewer_client, reverse("delete_evidence", args=[evidence.pk]), {"version": 1})
    assert response.status_code == 302


def test_a_reviewer_adds_a_link_only_once_to_a_claim(reviewer_client, claim, evidence):
    response = htmx_post(reviewer_client, _add(claim), {**GOOD, "url": evidence.url})
    assert response.status_code == 422
    assert Evidence.objects.count() == 1


def test_two_reviewers_each_keep_their_own_evidence_for_the_same_link(second_reviewer, claim, evidence):
    response = htmx_post(client_for(second_reviewer), _add(claim), {**GOOD, "url": evidence.url})
    assert response.status_code == 200
    assert sorted(Evidence.objects.values_list("added_by__username", "stance")) == [
        ("rita", "refutes"),
        ("sven", "supports"),
    ]


def test_a_leads_edit_is_checked_against_the_authors_evidence_not_the_leads(lead, claim, evidence):
    Evidence.objects.create(claim=claim, url=GOOD["url"], stance="context", added_by=lead)
    edit = reverse("edit_evidence", args=[evidence.pk])
    response = form_post(client_for(lead), edit, {**GOOD, "version": 1})
    assert response.status_code == 302
    assert Evidence.objects.filter(url=GOOD["url"]).count() == 2


def test_the_page_shows_the_host_in_punycode_and_the_stance_in_words(reviewer, reviewer_client, claim):
    Evidence.objects.create(claim=claim, url="https://раураl.com/login", stance="refutes", added_by=reviewer)
    html = reviewer_client.get(reverse("article_detail", args=[claim.article_id])).content.decode()
    assert "xn--l-7sba6dbr.com" in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_the_render_filter_prints_anything_but_http_as_plain_text():
    template = Template(
        '{% load desk %}{% with h=u|http_url %}{% if h %}<a href="{{ h }}">{% endif %}{{ u }}{% endwith %}'
    )
    assert template.render(Context({"u": "javascript:alert(1)"})) == "javascript:alert(1)"
    assert template.render(Context({"u": "https://a.de/"})).startswith('<a href="https://a.de/">')
