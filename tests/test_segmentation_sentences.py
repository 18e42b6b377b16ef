"""How a unit splits into sentences by German rules, and what holds for any text: offsets, limits, pipeline.

The articles are short German texts made up for the rule.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claims import segmentation
from claims.segmentation import BOILERPLATE, pipeline, segment
from tests.segmentation_helpers import texts

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


# ---- sentences -----------------------------------------------------------------------------------


def test_a_sentence_ends_only_before_a_capital_or_a_digit():
    assert texts("Er kam. 2024 waren es mehr. Sie ging.") == ["Er kam.", "2024 waren es mehr.", "Sie ging."]
    assert len(texts("Die Zahl stieg auf 5 Prozent. und dann sank sie.")) == 1


def test_the_opening_quote_starts_the_next_sentence_and_the_closing_quote_stays():
    assert texts(
        "„Ich würde nicht sagen, dass es gut lief“, sagte er. „Es war ein Telefonat.“ Dann ging er."
    ) == [
        "„Ich würde nicht sagen, dass es gut lief“, sagte er.",
        "„Es war ein Telefonat.“",
        "Dann ging er.",
    ]
    assert texts("Sie sagte: »Wir bleiben.« »Ganz sicher!«") == [
        "Sie sagte: »Wir bleiben.«",
        "»Ganz sicher!«",
    ]


def test_swiss_guillemets_open_and_close_like_german_quotes():
    assert texts("«Wir nehmen das ernst», sagte er. «Niemand soll in Gefahr sein.» Dann ging er.") == [
        "«Wir nehmen das ernst», sagte er.",
        "«Niemand soll in Gefahr sein.»",
        "Dann ging er.",
    ]
    assert len(texts("«Wann?», fragte sie.")) == 1


def test_an_exclamation_inside_a_quote_before_a_comma_does_not_split():
    assert texts("„Wir kommen!“, sagte er.") == ["„Wir kommen!“, sagte er."]
    assert texts("»Wann?«, fragte sie.") == ["»Wann?«, fragte sie."]


def test_ordinal_dates_do_not_end_a_sentence():
    assert len(texts("Putin traf Maduro am 7. Mai 2025 in Moskau.")) == 1
    assert len(texts("Seit dem 2. Weltkrieg gab es das nicht.")) == 1


def test_a_number_ends_a_sentence_when_a_sentence_opener_follows():
    assert texts("Die Zahl der Helfer stieg auf 120. Die meisten kamen vom THW.") == [
        "Die Zahl der Helfer stieg auf 120.",
        "Die meisten kamen vom THW.",
    ]
    assert texts("Zum 3. Mal rief der Kreis den Notstand aus. Die Behörden warnten.")[0].startswith(
        "Zum 3. Mal"
    )


def test_a_year_ends_a_sentence():
    assert texts("Das war im Jahr 1989. Damals fiel die Mauer.") == [
        "Das war im Jahr 1989.",
        "Damals fiel die Mauer.",
    ]
    assert len(texts("Die Zahl lag bei 15.000. Damit war der Rekord gebrochen.")) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Kleine Länder, z. B. Österreich, sind betroffen.",
        "Dr. Miriam Weiß und Prof. Jens Kühn widersprechen.",
        "Das gilt für Vereine bzw. Verbände.",
        "Betroffen sind u. a. Chöre, d. h. Musikvereine.",
        "Es kamen ca. 300 Menschen.",
        "Das steht in Art. 5 Abs. 2 des Gesetzes.",
        "Der Antrag Nr. 7 wurde abgelehnt.",
        "Fotos, Videos etc. sind ausgenommen.",
        "Formulare, Listen usw. müssen bleiben.",
        "Die Nordwind GmbH & Co. KG bestreitet das.",
    ],
)
def test_german_abbreviations_do_not_end_a_sentence(sentence):
    assert texts(sentence) == [sentence]
    assert texts(f"{sentence} Der Rat tagt.") == [sentence, "Der Rat tagt."]


def test_usw_ends_a_sentence_before_a_capital():
    assert texts("Das kostet Zeit, Geld usw. Manche geben auf.") == [
        "Das kostet Zeit, Geld usw.",
        "Manche geben auf.",
    ]
    assert len(texts("Das kostet Zeit, Geld usw. und Nerven.")) == 1


def test_numbers_dashes_and_ages_do_not_split():
    sentence = "Maduro (63) – der Diktator – hat 15.000 Soldaten, 3,5 Prozent mehr als 5 000 im Vorjahr."
    assert texts(sentence) == [sentence]
    assert texts("Trump (79) sagte das. Maduro (63)! Jetzt nicht.") == [
        "Trump (79) sagte das.",
        "Maduro (63)!",
        "Jetzt nicht.",
    ]


def test_an_ellipsis_splits_before_a_capital_but_not_inside_brackets_or_before_lowercase():
    assert texts("Er zögerte... Dann ging er.") == ["Er zögerte...", "Dann ging er."]
    assert texts("„Er hat das dargelegt (…) Wichtig ist das.“ Er zögerte … und ging.") == [
        "„Er hat das dargelegt (…) Wichtig ist das.“",
        "Er zögerte … und ging.",
    ]


# ---- input and limits ----------------------------------------------------------------------------


# The two pathological inputs below once took minutes (quadratic work); no timed assertion here (a busy
# machine must not fail the suite), but a regression makes this module run for minutes.


def test_a_200000_character_line_without_punctuation_is_capped():
    line = " ".join(["Wort"] * 40_000)
    units = segment(line)
    assert max(len(u.text) for u in units) <= 2000
    assert "".join(u.text for u in units).count("Wort") == 40_000


def test_a_text_longer_than_a_chunk_keeps_exact_offsets_and_the_end_marker():
    text = "\n\n".join(["Der Rat tagte am Dienstag. Er beschloss nichts."] * 5000)
    text += "\n\nDas könnte Sie auch interessieren\n\n" + "\n\n".join(["Der Kreis spart."] * 15_000)
    units = segment(text)
    assert len(text) > 2 * segmentation.CHUNK_SIZE
    assert all(text[u.start : u.end] == u.text for u in units)
    assert {u.kind for u in units[10_001:]} == {BOILERPLATE}


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.stem)
def test_units_match_their_offsets_and_have_no_outer_whitespace(path):
    text = path.read_text(encoding="utf-8")
    units = segment(text)
    assert all(
        text[u.start : u.end] == u.text == u.text.strip() and u.kind in segmentation.KINDS for u in units
    )
    assert [u.start for u in units] == sorted(u.start for u in units)


def test_exact_copies_are_marked_duplicate_after_the_first():
    units = segment("Der Rat tagte.\n\nDer Rat tagte.\n\nDer Rat tagte.")
    assert [u.duplicate for u in units] == [False, True, True]
    assert len({u.start for u in units}) == 3


def test_blank_text_gives_no_units():
    assert segment("") == []
    assert segment(" \n\n\t\n") == []


# ---- pipeline ------------------------------------------------------------------------------------


def test_the_pipeline_is_built_once_on_blank_german_with_our_component():
    assert pipeline() is pipeline()
    assert (pipeline().lang, pipeline().pipe_names) == ("de", ["newsdesk_units"])


def test_the_pipeline_marks_each_unit_start_as_a_sentence_start():
    doc = pipeline()("Der Rat tagte. „Es war gut.“ Dann ging er.")
    assert [sent.text.strip() for sent in doc.sents] == ["Der Rat tagte.", "„Es war gut.“", "Dann ging er."]
    assert [start for start, _, _ in doc._.units] == [0, 15, 29]


def test_the_segmentation_modules_do_not_import_django():
    for module in Path(segmentation.__file__).parent.glob("*.py"):
        assert "django" not in module.read_text(encoding="utf-8")


def test_importing_the_package_for_its_names_does_not_import_spacy():
    # The models import claims.segmentation for the kind names; spaCy belongs to the first segmented text.
    check = "import sys, claims.segmentation; sys.exit('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", check], cwd=Path(__file__).parent.parent, check=False)
    assert done.returncode == 0


def test_a_long_run_of_punctuation_does_not_stall_the_tokenizer():
    text = "Der Rat tagte.\n" + "=" * 100_000 + "\n" + "(" * 50_000 + "Er ging."
    units = segment(text)
    assert units[0].text == "Der Rat tagte."
