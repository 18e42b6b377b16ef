"""The classes of text that segmentation used to get wrong (issue 13), each on short German texts made up
for the rule; tests/gold/ has longer articles of each class.
"""

from __future__ import annotations

import textwrap

from claims.segmentation import BOILERPLATE, CLAIM, HEADING, LIST_ITEM, segment
from tests.segmentation_helpers import kinds, texts

PARAGRAPHS = [
    "Der Kreistag hat am Mittwoch den Nahverkehrsplan bis 2030 beschlossen. Busse sollen in den Dörfern "
    "künftig mindestens jede Stunde fahren, abends und am Wochenende alle zwei Stunden. Die Grünen stimmten "
    "dagegen, weil ihnen der Plan nicht weit genug geht.",
    "Landrat Peter Imhof (CDU) sprach von einem großen Schritt für den ländlichen Raum. Finanziert wird der "
    "dichtere Takt zu einem Drittel vom Land, den Rest tragen Kreis und Gemeinden gemeinsam.",
]
URL = "https://www.kreis-beispiel.de/buergerservice/mobilitaet/nahverkehrsplan-2030-beschluss-des-kreistags"


def wrap(paragraph: str) -> str:
    return textwrap.fill(paragraph, 72, break_long_words=False, break_on_hyphens=False)


def squeezed(units: list[str]) -> list[str]:
    return [" ".join(unit.split()) for unit in units]


# ---- hard-wrapped text --------------------------------------------------------------------------


def test_wrapped_text_whose_longest_line_is_a_url_is_still_read_as_wrapped():
    unwrapped = "\n\n".join([PARAGRAPHS[0], URL, PARAGRAPHS[1]])
    text = "\n\n".join([wrap(PARAGRAPHS[0]), URL, wrap(PARAGRAPHS[1])])
    assert len(URL) > 72
    assert squeezed(texts(text)) == texts(unwrapped)
    assert (URL, BOILERPLATE) in kinds(text)


def test_a_url_inside_a_wrapped_paragraph_stays_in_its_sentence():
    paragraph = f"Den vollständigen Plan hat der Kreis unter {URL} veröffentlicht. Er umfasst 212 Seiten."
    units = squeezed(texts(wrap(PARAGRAPHS[0]) + "\n\n" + wrap(paragraph)))
    assert units[-2:] == [
        f"Den vollständigen Plan hat der Kreis unter {URL} veröffentlicht.",
        "Er umfasst 212 Seiten.",
    ]


def test_a_heading_that_fills_a_line_of_wrapped_text_is_not_joined_to_the_paragraph():
    heading = "Busse sollen in den Dörfern des Landkreises künftig jede Stunde fahren"
    text = wrap(PARAGRAPHS[1]) + "\n" + heading + "\n" + wrap("Die Kosten " + PARAGRAPHS[0][4:])
    assert len(heading) + len(" Die") > 72 >= len(heading)
    assert (heading, HEADING) in kinds(text)


def test_a_lead_in_that_fills_a_line_of_wrapped_text_is_not_joined_to_the_quotation():
    lead_in = "Der Fahrgastverband äußerte sich nach der Sitzung am Mittwoch kritisch:"
    text = (
        wrap(PARAGRAPHS[0])
        + "\n"
        + lead_in
        + "\n"
        + "„Ein Bus pro Stunde ist kein Angebot.“ Mehr sagte er nicht."
    )
    assert len(lead_in) <= 72 < len(lead_in) + len(" „Ein")
    assert (lead_in, CLAIM) in kinds(text)
    assert ("„Ein Bus pro Stunde ist kein Angebot.“", CLAIM) in kinds(text)


def test_a_full_line_ending_in_a_noun_before_a_name_or_noun_still_goes_on():
    paragraph = (
        "Nach Angaben der Verwaltung profitieren vor allem die Gemeinden im Norden des Landkreises Kassel "
        "Ahnatal und Fuldatal von dem neuen Takt. Die Umstellung beginnt im Dezember."
    )
    text = wrap(PARAGRAPHS[0]) + "\n" + wrap(paragraph)
    assert squeezed(texts(text)) == texts(PARAGRAPHS[0] + "\n" + paragraph)


# ---- nothing dropped ----------------------------------------------------------------------------


def test_an_omission_on_a_line_of_its_own_inside_a_quotation_is_kept():
    text = "Im Bericht heißt es:\n„Die Mittel reichen aus.\n[…]\nEine Erhöhung ist nicht geboten.“"
    assert kinds(text) == [
        ("Im Bericht heißt es:", CLAIM),
        ("„Die Mittel reichen aus.", CLAIM),
        ("[…]", BOILERPLATE),
        ("Eine Erhöhung ist nicht geboten.“", CLAIM),
    ]


def test_an_omission_after_a_sentence_end_opens_the_next_sentence():
    assert texts("„Wir prüfen das. [...] Ergebnisse gibt es im Mai.“") == [
        "„Wir prüfen das.",
        "[...] Ergebnisse gibt es im Mai.“",
    ]


def test_a_lone_asterisk_is_text_but_paired_emphasis_is_markup():
    assert texts("*Name von der Redaktion geändert") == ["*Name von der Redaktion geändert"]
    assert texts("__Der Rat tagt.__") == ["Der Rat tagt."]


# ---- dates --------------------------------------------------------------------------------------


def test_a_list_item_or_sub_head_ending_in_a_date_is_no_byline():
    assert kinds("Termine:\n- Anhörung im Landtag am 3. März 2026\n- Abstimmung am 12.03.2026") == [
        ("Termine:", CLAIM),
        ("Anhörung im Landtag am 3. März 2026", LIST_ITEM),
        ("Abstimmung am 12.03.2026", LIST_ITEM),
    ]
    assert kinds("Abstimmung am 12. März 2026\nDer Landtag entscheidet.")[0] == (
        "Abstimmung am 12. März 2026",
        HEADING,
    )


def test_a_date_line_with_a_place_weekday_or_time_is_still_a_byline():
    for line in ["Kassel, 3. März 2026", "Dienstag, 3. März 2026, 18:15 Uhr", "Stand: 18:15 Uhr"]:
        assert kinds(f"{line}\nDer Landtag entscheidet.")[0] == (line, BOILERPLATE)


# ---- sub-heads ----------------------------------------------------------------------------------


def test_questions_between_paragraphs_of_a_questions_and_answers_piece_are_sub_heads():
    text = "\n\n".join(
        [
            "Nahverkehr: Was der neue Plan bringt",
            PARAGRAPHS[0],
            "Wann fahren die ersten Busse im neuen Takt?",
            "Der neue Fahrplan gilt ab Dezember. Einige Linien starten schon im Herbst.",
            "Wer bezahlt den dichteren Takt im Landkreis?",
            PARAGRAPHS[1],
        ]
    )
    assert [unit for unit, kind in kinds(text) if kind == HEADING] == [
        "Nahverkehr: Was der neue Plan bringt",
        "Wann fahren die ersten Busse im neuen Takt?",
        "Wer bezahlt den dichteren Takt im Landkreis?",
    ]


def test_a_lone_or_short_question_in_a_commentary_stays_a_claim():
    text = "\n\n".join(
        [PARAGRAPHS[0], "Reicht das?", PARAGRAPHS[1], "Wer soll das bezahlen?", "Der Kreis nicht."]
    )
    assert ("Reicht das?", CLAIM) in kinds(text)
    assert ("Wer soll das bezahlen?", CLAIM) in kinds(text)
    text = "\n\n".join([PARAGRAPHS[0], "Was wird aus den Schulbussen am Nachmittag?", PARAGRAPHS[1]])
    assert ("Was wird aus den Schulbussen am Nachmittag?", CLAIM) in kinds(text)


def test_a_run_in_sub_head_is_split_off_its_paragraph():
    assert kinds("**Die Kosten** Das Land zahlt ein Drittel.") == [
        ("Die Kosten", HEADING),
        ("Das Land zahlt ein Drittel.", CLAIM),
    ]
    assert kinds("Die KostenDas Land zahlt ein Drittel.") == [
        ("Die Kosten", HEADING),
        ("Das Land zahlt ein Drittel.", CLAIM),
    ]
    assert kinds("Wer zahlt?Das Land und der Kreis.") == [
        ("Wer zahlt?", HEADING),
        ("Das Land und der Kreis.", CLAIM),
    ]


def test_brand_names_and_colon_lead_ins_are_no_run_in_sub_heads():
    for sentence in [
        "McDonald's eröffnet eine Filiale am Bahnhof.",
        "Die BahnCard 50 wird teurer.",
        "Das Ergebnis: Die Busse fahren öfter.",
    ]:
        assert kinds(sentence) == [(sentence, CLAIM)]


# ---- service lines and browser debris -----------------------------------------------------------


def test_service_lines_are_boilerplate_but_a_claim_citing_a_website_is_not():
    for line in [
        "Tickets gibt es unter www.kulturhaus-beispiel.de und an der Abendkasse.",
        "Der Nahverkehrsplan als PDF",
        "Anmeldung unter buergerbus@kreis-beispiel.de.",
        "Hier geht es zur Fahrplanauskunft.",
        "Karten: 9 Euro, ermäßigt 6 Euro",
    ]:
        assert kinds(f"{PARAGRAPHS[1]}\n{line}")[-1] == (line, BOILERPLATE), line
    claim = "Laut www.destatis.de stieg die Zahl der Fahrgäste um 12 Prozent."
    assert kinds(claim) == [(claim, CLAIM)]
    assert kinds("Sie sagte am Telefonat-Tag nichts. Die Karten liegen auf dem Tisch.")[1][1] == CLAIM


def test_a_lead_in_to_a_url_on_the_next_line_is_boilerplate():
    units = kinds(f"{PARAGRAPHS[1]} Den Plan finden Sie hier:\n{URL}")
    assert units[-2:] == [("Den Plan finden Sie hier:", BOILERPLATE), (URL, BOILERPLATE)]


def test_the_debris_of_a_copy_from_a_news_site_is_boilerplate():
    debris = [
        "Anzeige",
        "ANZEIGE",
        "Teilen",
        "Link kopieren",
        "Merken",
        "Lesezeit: 4 Min.",
        "Startseite > Nachrichten > Hessen",
        "Bild: picture alliance/dpa | Uwe Zucchi",
        "picture alliance / dpa / Uwe Zucchi",
        "IMAGO/Hartenfelser",
        "dpa/lhe",
        "AFP/dpa/ck",
        "(epd)",
        "Stand: 03.03.2026 18:15 Uhr",
        "Mehr zum Thema",
    ]
    text = PARAGRAPHS[0] + "\n" + "\n".join(debris) + "\n" + PARAGRAPHS[1]
    found = kinds(text)
    assert [kind for unit, kind in found if unit in debris] == [BOILERPLATE] * len(debris)
    assert [unit for unit, kind in found if kind == CLAIM][-1].endswith("gemeinsam.")


def test_headlines_under_a_teaser_label_are_boilerplate_until_the_text_goes_on():
    text = (
        "Mehr zum Thema\nBahnstreik: Was Pendler jetzt wissen müssen\nNeue Buslinie im Westkreis\n"
        + PARAGRAPHS[1]
    )
    assert [kind for _, kind in kinds(text)] == [BOILERPLATE, BOILERPLATE, BOILERPLATE, CLAIM, CLAIM]


def test_a_caption_above_a_credit_without_label_is_boilerplate():
    units = segment(f"{PARAGRAPHS[1]}\n\nBusse am Bahnhof in Wolfhagen\n\npicture alliance/dpa/Uwe Zucchi")
    assert [u.kind for u in units][-2:] == [BOILERPLATE, BOILERPLATE]


def test_sentences_that_only_mention_tickets_or_information_stay_claims():
    for sentence in [
        "Tickets für die Heimspiele sind im Schnitt 14 Prozent teurer geworden.",
        "Weitere Informationen zum Projekt will das Ministerium im Herbst vorlegen.",
        "Karten für das Konzert waren nach zehn Minuten ausverkauft.",
    ]:
        assert kinds(sentence) == [(sentence, CLAIM)]


def test_a_teaser_headline_does_not_make_a_lone_question_a_sub_head():
    text = "\n\n".join(
        [
            PARAGRAPHS[0],
            "Mehr zum Thema",
            "Neue Buslinie im Westkreis",
            "Was wird aus den Schulbussen am Nachmittag?",
            PARAGRAPHS[1],
        ]
    )
    assert ("Was wird aus den Schulbussen am Nachmittag?", CLAIM) in kinds(text)
