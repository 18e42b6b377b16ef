"""The guidelines as reviewers read them: the current text (or the starter text before a lead saves one),
reached from the menu, the desk's key bar and the ? overlay; every saved version and what each changed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from selectolax.lexbor import LexborHTMLParser

from claims.guidelines import STARTER
from claims.models import GuidelineVersion
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/guidelines/"


def save(lead, *texts: str) -> list[GuidelineVersion]:
    """Save each text as the next version, as the edit page does."""
    saved = []
    for text in texts:
        base = GuidelineVersion.objects.count()
        saved.append(
            GuidelineVersion.objects.save_next(text=text, note=f"Fassung {base + 1}", by=lead, base=base)
        )
    return saved


def html(response) -> LexborHTMLParser:
    return LexborHTMLParser(response.content.decode())


def test_a_reviewer_reads_the_starter_text_before_any_lead_saved(reviewer_client):
    response = reviewer_client.get(URL)
    text = html(response).css_first(".guidelines-text")
    assert response.status_code == 200
    assert text.css_first("h2").text() == STARTER.splitlines()[0].removeprefix("# ")
    assert "Startfassung" in response.content.decode()


def test_the_starter_text_says_what_counts_as_fact_opinion_and_unverifiable(reviewer_client):
    headings = [h.text() for h in html(reviewer_client.get(URL)).css(".guidelines-text h3")]
    assert {"Fakt", "Meinung", "Nicht überprüfbar"} <= set(headings)


def test_the_text_carries_its_language_and_direction(reviewer_client):
    text = html(reviewer_client.get(URL)).css_first(".guidelines-text")
    assert (text.attributes["lang"], text.attributes["dir"]) == ("de", "auto")


def test_a_reviewer_reads_the_latest_version(reviewer_client, lead):
    save(lead, "# Alt\n\nerste Fassung", "# Neu\n\n**Fakt** ist, was sich prüfen lässt.")
    response = reviewer_client.get(URL)
    assert html(response).css_first(".guidelines-text strong").text() == "Fakt"
    assert "erste Fassung" not in response.content.decode()


def test_the_page_says_who_saved_the_version_and_why(reviewer_client, lead):
    save(lead, "# Eins")
    meta = html(reviewer_client.get(URL)).css_first(".meta").text()
    assert "lena" in meta
    assert "Fassung 1" in meta


def test_hostile_markdown_reaches_the_page_as_text(reviewer_client, lead):
    save(lead, '<script>alert(1)</script>\n\n[klick](javascript:alert(1))\n\n<img src=x onerror="alert(1)">')
    page = html(reviewer_client.get(URL))
    text = page.css_first(".guidelines-text")
    assert text.css("script, img, a") == []
    assert "<script>alert(1)</script>" in text.text()


def test_an_outsider_may_not_read_them(outsider):
    assert client_for(outsider).get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_the_menu_links_them_for_everyone_on_the_desk(reviewer_client):
    assert html(reviewer_client.get("/")).css_first(f'header nav a[href="{URL}"]') is not None


def test_the_article_pages_key_bar_and_shortcuts_overlay_link_them(reviewer_client, seed_article):
    page = html(reviewer_client.get(reverse("article_detail", args=[seed_article.pk])))
    assert page.css_first(f'.desk-keys a[href="{URL}"]') is not None
    assert page.css_first(f'dialog#shortcuts a[href="{URL}"]') is not None


def test_only_leads_see_the_edit_link(reviewer_client, lead):
    edit = f'a[href="{reverse("edit_guidelines")}"]'
    assert html(reviewer_client.get(URL)).css_first(edit) is None
    assert html(client_for(lead).get(URL)).css_first(edit) is not None


# Every version and what it changed.


def test_the_versions_are_listed_newest_first_with_who_when_and_note(reviewer_client, lead, second_reviewer):
    save(lead, "eins", "zwei", "drei")
    rows = html(reviewer_client.get(reverse("guideline_versions"))).css("table.versions tbody tr")
    assert [row.css_first("td").text().split()[0] for row in rows] == ["3", "2", "1"]
    assert [row.css("td")[3].text() for row in rows] == ["Fassung 3", "Fassung 2", "Fassung 1"]
    assert all(row.css_first("time") and "lena" in row.text() for row in rows)


def test_the_list_says_when_no_version_is_saved_yet(reviewer_client):
    response = reviewer_client.get(reverse("guideline_versions"))
    assert html(response).css_first("table.versions") is None
    assert html(response).css_first(".empty") is not None


def test_the_list_is_one_query_after_the_session(reviewer, lead, django_assert_num_queries):
    save(lead, "eins", "zwei", "drei")
    client = client_for(reviewer)
    with django_assert_num_queries(3 + 1):  # session, user, groups; the versions with their editors
        client.get(reverse("guideline_versions"))


def test_an_old_version_is_readable_and_says_it_is_old(reviewer_client, lead):
    save(lead, "**alt**", "**neu**")
    page = html(reviewer_client.get(reverse("guideline_version", args=[1])))
    assert page.css_first(".guidelines-text strong").text() == "alt"
    assert page.css_first(f'.notice a[href="{URL}"]') is not None


def test_an_unknown_version_is_404(reviewer_client):
    assert reviewer_client.get(reverse("guideline_version", args=[7])).status_code == 404


def test_the_changes_show_removed_and_added_lines(reviewer_client, lead):
    save(lead, "# Fakt\n\nprüfbar\n\nEnde", "# Fakt\n\nprüfbar mit Quelle\n\nEnde")
    page = html(reviewer_client.get(reverse("guideline_changes", args=[2])))
    assert [row.text() for row in page.css("tr.removed td.line")] == ["prüfbar"]
    assert [row.text() for row in page.css("tr.added td.line")] == ["prüfbar mit Quelle"]


def test_the_changes_are_escaped_text(reviewer_client, lead):
    save(lead, "harmlos", "<script>alert(1)</script>\n<b onmouseover=alert(1)>x</b>")
    response = reviewer_client.get(reverse("guideline_changes", args=[2]))
    page = html(response)
    assert page.css("main script, main b") == []
    assert page.css_first("tr.added ins").text() == "<script>alert(1)</script>"


def test_the_first_version_has_nothing_to_compare_with(reviewer_client, lead):
    save(lead, "eins")
    response = reviewer_client.get(reverse("guideline_changes", args=[1]))
    assert response.status_code == 200
    assert html(response).css("table.changes") == []


def test_an_outsider_may_not_read_versions_or_changes(outsider, lead):
    save(lead, "eins", "zwei")
    client = client_for(outsider)
    for url in (reverse("guideline_versions"), reverse("guideline_version", args=[1])):
        assert client.get(url).status_code == 403
    assert client.get(reverse("guideline_changes", args=[2])).status_code == 403
