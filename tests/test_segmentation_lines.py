"""How an article's lines become units and what kind each is: line structure, headings, boilerplate, lists.

The articles are short German texts made up for the rule.
"""

from __future__ import annotations

import textwrap

import pytest

from claims.segmentation import BOILERPLATE, CLAIM, HEADING, LIST_ITEM, segment
from tests.segmentation_helpers import kinds, texts

_ARTICLE = """
Der Gemeinderat hat am Dienstag den Haushalt für das kommende Jahr beschlossen. Die Ausgaben steigen
um 3,5 Prozent auf 48 Millionen Euro, vor allem wegen höherer Kosten für Kitas und Schulen. Die
Opposition stimmte dagegen.

Bürgermeisterin Petra Sommer (54) sprach von einem „soliden Haushalt“. Kritiker verweisen dagegen auf
die Schulden der Stadt, die seit dem Jahr 2019 um ein Drittel gestiegen sind. „Wir leben über unsere
Verhältnisse“, sagte der Fraktionschef der Opposition.

Der Kämmerer rechnet für das nächste Jahr mit Einnahmen von rund 45 Millionen Euro. Ob das reicht,
hängt nach seinen Worten vor allem von der Gewerbesteuer ab, die im vergangenen Jahr überraschend
stark eingebrochen war.
"""
# Three paragraphs, each on one line.
ARTICLE = [" ".join(paragraph.split()) for paragraph in _ARTICLE.strip().split("\n\n")]


def squeezed(units: list[str]) -> list[str]:
    return [" ".join(unit.split()) for unit in units]


# ---- line structure ------------------------------------------------------------------------------


def test_a_line_break_ends_a_unit_in_unwrapped_text():
    assert texts("Der Rat tagte.\nEr beschloss nichts.") == ["Der Rat tagte.", "Er beschloss nichts."]
    assert texts("Der Rat tagte am Dienstag\nEr beschloss nichts.") == [
        "Der Rat tagte am Dienstag",
        "Er beschloss nichts.",
    ]


def test_text_hard_wrapped_at_72_columns_gives_the_units_of_the_unwrapped_text():
    unwrapped = texts("\n\n".join(ARTICLE))
    wrapped = "\n\n".join(textwrap.fill(paragraph, 72) for paragraph in ARTICLE)
    assert max(len(line) for line in wrapped.split("\n")) <= 72
    assert squeezed(texts(wrapped)) == unwrapped


def test_hard_wrapped_paragraphs_separated_by_single_newlines_keep_their_units():
    wrapped = "\n".join(textwrap.fill(paragraph, 72) for paragraph in ARTICLE)
    assert squeezed(texts(wrapped)) == texts("\n".join(ARTICLE))
    assert len(texts(wrapped)) == 8


def test_a_dash_the_wrapper_moved_to_the_start_of_a_line_is_no_bullet():
    paragraph = (
        "Gleichzeitig gilt Moskau als Schutzmacht lateinamerikanischer Diktatoren – von Havanna bis "
        "Caracas. Maduro drohte jüngst, mit 5000 Raketen aus russischen Beständen Angriffe abzuwehren."
    )
    wrapped = textwrap.fill(paragraph, 72)
    assert "\n– von Havanna" in wrapped
    assert [kind for _, kind in kinds(wrapped + "\n\n" + textwrap.fill(ARTICLE[0], 72))] == [CLAIM] * 5


def test_a_word_hyphenated_across_a_line_break_stays_in_one_unit():
    text = "Die Invasion dauerte zwei Wochen, um Noriega auf-\n\nzuspüren und zu fassen. Dann kam Bush."
    assert texts(text)[0] == "Die Invasion dauerte zwei Wochen, um Noriega auf-\n\nzuspüren und zu fassen."
    assert len(texts(text)) == 2


def test_a_lowercase_continuation_line_stays_in_the_unit():
    assert texts("Der Rat hat am Dienstag nach langer Debatte\nbeschlossen, nichts zu tun.") == [
        "Der Rat hat am Dienstag nach langer Debatte\nbeschlossen, nichts zu tun."
    ]
    assert len(texts("Der Rat tagte.\nbeschlossen wurde nichts.")) == 2  # a full stop ends the line's unit


def test_a_line_ending_in_an_article_conjunction_or_preposition_continues():
    assert len(texts("Die Bürgermeisterin sprach mit der\nPresse über das Projekt.")) == 1
    assert len(texts("Die Stadt baut Kitas und\nSchulen für 48 Millionen Euro.")) == 1


def test_a_heading_ending_in_a_verb_particle_does_not_swallow_the_next_line():
    assert kinds("Die Stadt greift durch\nDer Bürgermeister ließ die Promenade sperren.")[0] == (
        "Die Stadt greift durch",
        HEADING,
    )
    assert kinds("Pegel steigt weiter an\nDer Rat tagt.")[0] == ("Pegel steigt weiter an", HEADING)


def test_a_heading_after_a_full_line_of_wrapped_text_stays_a_heading():
    wrapped = textwrap.fill(ARTICLE[0], 72) + "\nWie es weitergeht\n" + textwrap.fill(ARTICLE[2], 72)
    assert ("Wie es weitergeht", HEADING) in kinds(wrapped)
    assert len(texts(wrapped)) == 6


def test_blank_line_and_single_newline_paragraphs_give_the_same_units():
    assert texts("\n\n".join(ARTICLE)) == texts("\n".join(ARTICLE))
    assert len(texts("\n".join(ARTICLE))) == 8


def test_crlf_text_converted_to_lf_segments_like_lf_text():
    lf = "Überschrift\n\n" + "\n".join(ARTICLE) + "\n\nFoto: dpa\n"
    crlf = lf.replace("\n", "\r\n")
    assert segment(crlf.replace("\r\n", "\n")) == segment(lf)
    assert texts(crlf) == texts(lf)


# ---- headings ------------------------------------------------------------------------------------


def test_a_short_line_without_final_punctuation_is_one_heading_even_with_an_inner_question_mark():
    text = "Diplomatie oder Dilemma? Friedensverhandlungen auf dem Tisch\n\nTrump will verhandeln."
    assert kinds(text)[0] == ("Diplomatie oder Dilemma? Friedensverhandlungen auf dem Tisch", HEADING)
    assert kinds(text)[1] == ("Trump will verhandeln.", CLAIM)


def test_a_line_ending_in_a_colon_is_a_claim():
    assert kinds("Die Quellen konkretisieren:\n„Von 80 Milliarden bringt die Ukraine 20 auf.“")[0] == (
        "Die Quellen konkretisieren:",
        CLAIM,
    )
    assert kinds("Europa steht vor einem Dilemma:")[0][1] == CLAIM


def test_a_title_question_is_a_heading_but_a_question_in_the_body_is_a_claim():
    assert kinds("Putins Gambit: Warum jetzt?") == [("Putins Gambit: Warum jetzt?", HEADING)]
    assert kinds("Hat Trump den Verstand verloren?") == [("Hat Trump den Verstand verloren?", CLAIM)]


# ---- boilerplate ---------------------------------------------------------------------------------


def test_url_lines_are_boilerplate_with_or_without_angle_brackets():
    assert kinds("<https://example.org/news/2026/01/07/a/>\n\nText.")[0][1] == BOILERPLATE
    assert kinds("https://example.org/b\nText.")[0] == ("https://example.org/b", BOILERPLATE)


def test_date_and_byline_lines_are_boilerplate():
    assert kinds("7. Januar 2026 | Martin Jay\nText.")[0] == ("7. Januar 2026 | Martin Jay", BOILERPLATE)
    assert kinds("Von Pepe Escobar\nText.")[0] == ("Von Pepe Escobar", BOILERPLATE)


def test_bylines_with_a_comment_label_or_two_authors_are_boilerplate():
    assert kinds("Ein Kommentar von Martin Jay\nText.")[0] == ("Ein Kommentar von Martin Jay", BOILERPLATE)
    assert kinds("Von Anna Berger und Jens Kühn\nText.")[0][1] == BOILERPLATE


def test_a_short_line_with_a_weekday_and_date_is_boilerplate_but_a_dated_sentence_is_not():
    assert kinds("Montag, 7. Januar 2026\nText.")[0] == ("Montag, 7. Januar 2026", BOILERPLATE)
    assert kinds("Am 7. Januar 2026 trat das Gesetz in Kraft.")[0][1] == CLAIM


def test_update_lines_and_agency_notes_are_boilerplate():
    assert kinds("Aktualisiert am 14. September 2025, 18:40 Uhr\nText.")[0][1] == BOILERPLATE
    assert kinds("Text.\nMit Material von dpa und AFP")[-1] == ("Mit Material von dpa und AFP", BOILERPLATE)


def test_a_byline_split_over_two_lines_is_one_boilerplate_unit():
    assert kinds("Von\nThomas Schmidt\n4 Minuten Lesezeit\n\nText.")[:2] == [
        ("Von\nThomas Schmidt", BOILERPLATE),
        ("4 Minuten Lesezeit", BOILERPLATE),
    ]
    assert kinds("Von\n\nThomas Schmidt\n\nText.")[1] == ("Thomas Schmidt", BOILERPLATE)


def test_photo_credits_are_boilerplate():
    assert kinds("Text.\n\nFoto: Marco Bello/REUTERS")[-1] == ("Foto: Marco Bello/REUTERS", BOILERPLATE)
    assert kinds("Text.\n\n© picture alliance")[-1][1] == BOILERPLATE


def test_the_block_before_a_credit_is_a_caption_and_so_are_its_copies():
    caption = "Putin schüttelt Maduro am 7. Mai 2025 die Hand"
    units = segment(f"Er kam.\n\n{caption}\n\n{caption}\n\nFoto: Reuters\n\nEr ging.")
    assert [(u.kind, u.duplicate) for u in units if u.text == caption] == [
        (BOILERPLATE, False),
        (BOILERPLATE, True),
    ]
    assert [u.kind for u in units if u.text in ("Er kam.", "Er ging.")] == [CLAIM, CLAIM]


def test_navigation_lines_are_boilerplate():
    assert kinds("Text.\n\nMehr zum Thema\n\nWeiter.")[1] == ("Mehr zum Thema", BOILERPLATE)
    assert kinds("Lesen Sie auch: Warum Vereine Mitglieder verlieren")[0][1] == BOILERPLATE


def test_everything_after_an_end_of_article_marker_is_boilerplate():
    units = segment(
        "Der Rat tagte.\n\nDas könnte Sie auch interessieren\n\nDer Kreis spart. Die Stadt nicht."
    )
    assert [u.kind for u in units] == [CLAIM, BOILERPLATE, BOILERPLATE, BOILERPLATE]
    assert units[-1].text == "Die Stadt nicht."


# ---- list markup ---------------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["- ", "• ", "* ", "1. ", "▶︎ ", "*** ", "  2) "])
def test_list_markers_stay_outside_the_unit(marker):
    assert kinds(f"{marker}Neutralität der Ukraine") == [("Neutralität der Ukraine", LIST_ITEM)]
    assert segment(f"{marker}Neutralität der Ukraine")[0].start == len(marker)


def test_a_date_at_the_start_of_a_line_is_not_a_list_item():
    assert kinds("7. Mai 2025: Putin empfängt Maduro in Moskau.") == [
        ("7. Mai 2025: Putin empfängt Maduro in Moskau.", CLAIM)
    ]
    assert kinds("12. März öffentlich vorgestellt.")[0][0].startswith("12.")


def test_bold_markup_around_a_teaser_stays_outside_the_units():
    teaser = (
        "Sind diese beiden Staatschefs wirklich Freunde, die jetzt in der Ukraine-Frage zusammenarbeiten?"
    )
    units = segment(f"***Wurde Putin von Trump ausgetrickst? {teaser}***")
    assert [u.text for u in units] == ["Wurde Putin von Trump ausgetrickst?", teaser]
    assert units[0].start == 3


def test_a_line_of_markup_or_punctuation_only_is_a_boilerplate_unit_of_its_own():
    # Nothing is dropped: "---" and "***" are kept, as boilerplate (nothing to label).
    assert kinds("Ende.\n---\n\nBack to Top") == [
        ("Ende.", CLAIM),
        ("---", BOILERPLATE),
        ("Back to Top", BOILERPLATE),
    ]
    assert kinds("***") == [("***", BOILERPLATE)]
