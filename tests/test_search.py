"""The search page: German words in claims and titles, ranked, marked, blind, on both databases."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.urls import reverse

from claims import search
from claims.models import Article, Claim, Label, corrections
from tests.conftest import client_for
from tests.search_helpers import article_with

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only (German stemming, phrases, the planner); FTS5 matches words as prefixes",
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5's prefix matching")


def found(client, query: str, **params) -> str:
    response = client.get(reverse("search"), {"q": query, **params})
    assert response.status_code == 200, response.content.decode()[:500]
    return response.content.decode()


def results(html: str) -> str:
    return html[html.index('<section id="search-results"') : html.index("</section>")]


def links(html: str, claim: Claim) -> bool:
    return claim.get_absolute_url().replace("&", "&amp;") in html


def claim_saying(words: str) -> Claim:
    return Claim.objects.get(text__contains=words)


@pytest.fixture
def tram(db) -> Article:
    return article_with(
        "Die Straßenbahn fährt wieder nach Plan.",
        "Herr Müller ist neuer Bürgermeister der Stadt.",
        "Die Bürger wählen am Sonntag.",
        "Der Bus fällt aus.",
    )


@pytest.mark.parametrize("query", ["Straßenbahn", "Strassenbahn", "STRASSENBAHN"])
def test_strasse_with_and_without_sharp_s_finds_the_tram(reviewer_client, tram, query):
    html = found(reviewer_client, query)
    assert links(html, claim_saying("Straßenbahn"))
    assert not links(html, claim_saying("Bus"))


def test_the_sharp_s_spelling_finds_a_text_written_with_ss(reviewer_client, db):
    article_with("Die Strassenbahn in Zürich fährt pünktlich.")
    assert links(found(reviewer_client, "Straßenbahn"), claim_saying("Strassenbahn"))


@pytest.mark.parametrize("query", ["Müller", "Mueller", "MÜLLER"])
def test_mueller_finds_mueller_with_an_umlaut(reviewer_client, tram, query):
    assert links(found(reviewer_client, query), claim_saying("Müller"))


def test_an_umlaut_finds_the_spelling_with_ue_in_a_text(reviewer_client, db):
    article_with("Die Buerger von Kiel und Herr Mueller protestieren.")
    html = found(reviewer_client, "Bürger Müller")
    assert links(html, claim_saying("Buerger"))
    assert "<mark>Buerger</mark>" in html


def test_buerger_finds_buerger_and_marks_the_word_as_written(reviewer_client, tram):
    html = found(reviewer_client, "Buerger")
    assert links(html, claim_saying("wählen"))
    assert "<mark>Bürger</mark>" in html


def test_a_shorter_form_finds_the_longer_one_on_both_databases(reviewer_client, db):
    article_with("Zwei Straßenbahnen stießen zusammen.")
    assert links(found(reviewer_client, "Straßenbahn"), claim_saying("Straßenbahnen"))


@on_postgresql
def test_german_stemming_finds_the_plural_from_the_singular_and_back(reviewer_client, tram):
    article_with("Zwei Häuser brannten ab.", title="Feuer")
    assert links(found(reviewer_client, "Straßenbahnen"), claim_saying("Straßenbahn fährt"))
    assert links(found(reviewer_client, "Haus"), claim_saying("Häuser"))


@on_postgresql
def test_a_phrase_in_quotes_needs_its_words_in_that_order(reviewer_client, db):
    article_with("Die Bahn der Stadt ist neu.", "Die Stadt baut eine Bahn.")
    html = found(reviewer_client, '"Stadt baut"')
    assert links(html, claim_saying("baut"))
    assert not links(html, claim_saying("ist neu"))


def test_more_occurrences_rank_first(reviewer_client, db):
    article_with(
        "Die Straßenbahn kommt heute später als sonst, meldet der Betreiber der Linie.",
        "Straßenbahn um Straßenbahn: die Straßenbahn kommt nie.",
    )
    html = found(reviewer_client, "Straßenbahn")
    often, once = claim_saying("um Straßenbahn"), claim_saying("heute")
    assert html.index(f"claim-{often.pk}") < html.index(f"claim-{once.pk}")


def test_a_word_left_out_with_a_minus_is_left_out(reviewer_client, tram):
    html = found(reviewer_client, "Stadt -Müller")
    assert not links(html, claim_saying("Müller"))
    assert "Keine Behauptung passt." in html


def test_a_claim_with_markup_shows_it_as_text(reviewer_client, db):
    article_with('Die Straßenbahn <script>alert("x")</script> hält <b onmouseover="x">hier</b>.')
    html = found(reviewer_client, "Straßenbahn")
    assert "<mark>Straßenbahn</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert "<b onmouseover" not in html


def test_a_title_with_markup_is_found_and_shown_as_text(reviewer_client, db):
    article_with("Ein Satz.", title="<img src=x onerror=alert(1)> Straßenbahn-Chaos")
    html = found(reviewer_client, "Strassenbahn")
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>Straßenbahn</mark>-<mark>Chaos</mark>" in html or (
        "&lt;img src=x onerror=alert(1)&gt; <mark>Straßenbahn</mark>-Chaos" in html
    )
    assert "<img src=x" not in html


def test_matching_titles_are_listed_with_their_article(reviewer_client, tram):
    other = article_with("Nichts dazu.", title="Der Fahrplan der Straßenbahn")
    html = found(reviewer_client, "Fahrplan")
    assert reverse("article_detail", args=[other.pk]) in html
    assert "<mark>Fahrplan</mark>" in html


def test_an_edited_title_is_found_by_its_new_words(reviewer, reviewer_client, tram):
    tram.edit_details(by=reviewer, expected_version=tram.version, title="Kiel bekommt eine Seilbahn")
    assert reverse("article_detail", args=[tram.pk]) in found(reviewer_client, "Seilbahn")
    assert "Keine Behauptung passt." in found(reviewer_client, "Lokales")


def test_each_claim_links_to_its_place_in_the_article_with_its_title(reviewer_client, tram):
    html = found(reviewer_client, "Bus")
    assert links(html, claim_saying("Bus"))
    assert "Nachrichten aus der Stadt" in html


def test_the_second_part_of_a_split_claim_is_found(lead, reviewer_client, tram):
    claim = claim_saying("Bürgermeister")
    second = corrections.split_at(claim, claim.text.index(" neuer"), by=lead)
    html = found(reviewer_client, "Bürgermeister")
    assert links(html, second)
    assert not links(html, claim)


def test_a_merged_claim_is_found_by_the_words_of_both_parts(lead, reviewer_client, tram):
    first, following = claim_saying("Bürgermeister"), claim_saying("wählen")
    merged = corrections.merge_with_next(first, by=lead)
    html = found(reviewer_client, "Sonntag")
    assert links(html, merged)
    assert f"claim-{following.pk}" not in html


def test_an_undone_split_is_found_as_before(lead, reviewer_client, tram):
    claim = claim_saying("Bürgermeister")
    second = corrections.split_at(claim, claim.text.index(" neuer"), by=lead)
    corrections.undo(claim.segmentation_events.latest("pk"), by=lead)
    html = found(reviewer_client, "Bürgermeister")
    assert links(html, claim)
    assert f"claim-{second.pk}" not in html


def test_a_reviewer_sees_their_own_label_and_not_anothers(reviewer, second_reviewer, reviewer_client, tram):
    mine, theirs = claim_saying("Straßenbahn"), claim_saying("Bürgermeister")
    mine.set_label(reviewer=reviewer, value=Label.Value.OPINION, expected_version=0)
    theirs.set_label(reviewer=second_reviewer, value=Label.Value.UNVERIFIABLE, expected_version=0)
    html = found(reviewer_client, "Straßenbahn") + found(reviewer_client, "Bürgermeister")
    assert "meine Einstufung: Meinung" in html
    assert "Nicht überprüfbar" not in html
    assert "sven" not in html


def test_a_lead_sees_only_their_own_label_too(lead, second_reviewer, tram):
    claim_saying("Bus").set_label(reviewer=second_reviewer, value=Label.Value.FACT, expected_version=0)
    html = found(client_for(lead), "Bus")
    assert links(html, claim_saying("Bus"))
    assert "meine Einstufung" not in html


def test_an_outsider_is_refused(outsider, tram):
    response = client_for(outsider).get(reverse("search"), {"q": "Bus"})
    assert response.status_code == 403
    assert "Der Bus fällt aus." not in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(tram):
    response = client_for(None).get(reverse("search"), {"q": "Bus"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_htmx_gets_the_results_alone(reviewer_client, tram):
    response = reviewer_client.get(reverse("search"), {"q": "Bus"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="search-results"')
    assert links(html, claim_saying("Bus"))
    assert "<html" not in html


def test_the_plain_page_has_the_form_and_the_results(reviewer_client, tram):
    html = found(reviewer_client, "Bus")
    assert '<form method="get" action="/search/"' in html
    assert 'value="Bus"' in html
    assert '<section id="search-results"' in html


def test_an_empty_search_shows_the_form_only(reviewer_client, tram):
    html = found(reviewer_client, "")
    assert 'name="q"' in html
    assert "Keine Behauptung passt." not in html


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "!!! & | <-> :* ( )",
        "' OR 1=1 --",
        "Bus:* & !",
        "\\",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ‮Bus",
        "a" * 200,
    ],
)
def test_operators_and_odd_signs_answer_without_failing(reviewer_client, tram, query):
    response = reviewer_client.get(reverse("search"), {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["und oder", "-Bus", "!!!", "„“"])
def test_a_query_with_nothing_to_find_says_so(reviewer_client, tram, query):
    if connection.vendor == "sqlite" and query == "und oder":
        pytest.skip("SQLite has no stop words: und finds und")
    html = found(reviewer_client, query)
    assert "Es gibt hier nichts zu suchen" in html


def test_a_nul_in_the_query_is_refused_with_a_message(reviewer_client, tram):
    response = reviewer_client.get(reverse("search"), {"q": "Bus\x00"})
    assert response.status_code == 400
    assert "Nullzeichen" in response.content.decode()


def test_a_ten_kilobyte_query_is_refused_with_a_message(reviewer_client, tram):
    response = reviewer_client.get(reverse("search"), {"q": "Straßenbahn " * 900})
    assert response.status_code == 400
    assert "höchstens 200 Zeichen" in response.content.decode()


def test_a_refused_query_comes_to_htmx_as_a_result_to_swap_in(reviewer_client, tram):
    response = reviewer_client.get(reverse("search"), {"q": "x" * 201}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "höchstens 200 Zeichen" in response.content.decode()


def test_results_come_in_pages(monkeypatch, reviewer_client, db):
    monkeypatch.setattr(search, "CLAIMS_PER_PAGE", 2)
    article_with(*(f"Die Straßenbahn Nummer {n} fährt." for n in range(5)))
    first, third = found(reviewer_client, "Straßenbahn"), found(reviewer_client, "Straßenbahn", page=3)
    assert first.count("<mark>Straßenbahn</mark>") == 2
    assert 'rel="next"' in first
    assert third.count("<mark>Straßenbahn</mark>") == 1
    assert 'rel="next"' not in third


def test_pages_stop_at_the_bound_and_say_so(monkeypatch, reviewer_client, db):
    monkeypatch.setattr(search, "CLAIMS_PER_PAGE", 1)
    monkeypatch.setattr(search, "MAX_PAGES", 2)
    article_with(*(f"Die Straßenbahn Nummer {n} fährt." for n in range(4)))
    html = found(reviewer_client, "Straßenbahn", page=2)
    assert 'rel="next"' not in html
    assert "Nur die besten" in html


def test_a_page_beyond_the_bound_is_refused_with_a_message(reviewer_client, tram):
    response = reviewer_client.get(reverse("search"), {"q": "Bus", "page": search.MAX_PAGES + 1})
    assert response.status_code == 400
    assert "Seiten" in response.content.decode()


def test_a_long_claim_shows_a_window_around_its_match(reviewer_client, db):
    article_with(
        "Am Anfang " + "steht viel Text ohne Bezug, " * 30 + "dann die Straßenbahn und noch mehr Text " * 5
    )
    html = found(reviewer_client, "Straßenbahn")
    assert "…" in html
    assert "<mark>Straßenbahn</mark>" in html
    assert "Am Anfang" not in html


def test_the_page_takes_the_same_queries_whatever_it_finds(django_assert_num_queries, reviewer, tram):
    article_with(*(f"Meldung Nummer {n}." for n in range(20)), title="Kurzmeldungen")  # Bus: 1 claim in 24
    client = client_for(reviewer)
    client.get(reverse("search"))  # the session and the user's groups
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # on PostgreSQL the search asks the planner how common the words are
    # session, user, groups; then the query's lexemes and the planner's estimate (PostgreSQL only),
    # claims, their articles' titles, the matching titles and their articles, the words to mark
    # (PostgreSQL only), my labels.
    expected = 10 if connection.vendor == "postgresql" else 7
    with django_assert_num_queries(expected):
        client.get(reverse("search"), {"q": "Bus"})


def test_the_query_is_folded_as_the_database_folds_texts():
    migration = importlib.import_module("claims.migrations.0014_search")
    assert dict(migration.FOLDS) == search.FOLDS


@on_sqlite
def test_the_search_triggers_survive_every_migration_on_sqlite(db):
    # A later migration that rebuilds claims_claim (SQLite's way to alter a column) drops its triggers.
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_search_%'")
        names = {row[0] for row in cursor.fetchall()}
    assert names == {
        f"{table}_search_{event}"
        for table in ("claims_claim", "claims_article")
        for event in ("insert", "delete", "update")
    }


def test_the_page_says_how_many_claims_match(reviewer_client, tram):
    assert "1 Behauptung passt." in found(reviewer_client, "Bus")


def test_beyond_the_candidates_the_page_says_it_ranked_the_first_found(monkeypatch, reviewer_client, db):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    article_with(*(f"Die Straßenbahn Nummer {n} fährt." for n in range(5)))
    html = found(reviewer_client, "Straßenbahn")
    assert "Mehr als 3 Behauptungen passen" in html
    assert html.count("<mark>Straßenbahn</mark>") == 3


@on_postgresql
def test_a_word_in_most_claims_is_read_from_the_table_with_the_same_results(monkeypatch, reviewer_client, db):
    article_with(*(f"Die Straßenbahn Nummer {n} fährt{' oft' * n}." for n in range(6)), "Der Bus.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")  # the share is of the claims the statistics count
    through_the_index = results(found(reviewer_client, "Straßenbahn oft"))
    monkeypatch.setattr(search, "COMMON_SHARE", 0.0)
    assert results(found(reviewer_client, "Straßenbahn oft")) == through_the_index


@on_postgresql
def test_reading_from_the_table_leaves_the_settings_as_they_were(monkeypatch, reviewer, db):
    article_with("Die Straßenbahn fährt.", "Der Bus.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    monkeypatch.setattr(search, "COMMON_SHARE", 0.0)
    search.search("Straßenbahn", reviewer=reviewer)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_bitmapscan'), current_setting('synchronize_seqscans')")
        assert cursor.fetchone() == ("on", "on")


def test_the_back_button_gets_the_whole_page_from_htmx(reviewer_client, tram):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = reviewer_client.get(reverse("search"), {"q": "Bus"}, headers=headers).content.decode()
    assert "<html" in html
    assert links(html, claim_saying("Bus"))
