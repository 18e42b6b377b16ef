"""Boundary F1, claim F1 and kind accuracy of the segmenter against hand-made gold units (tests/gold/), on
each gold text and on its 72-column hard-wrapped variant; no file may fall below the figures recorded in
tests/gold/floors.json (`bench/segment_gold.py` prints them, before and after a change)."""

from __future__ import annotations

import json
import textwrap
from collections import Counter

import pytest

from claims.segmentation import segment
from tests.segmentation_helpers import (
    GOLD,
    ROOT,
    Scores,
    gold_names,
    gold_spans,
    score,
    sentencizer_spans,
    wrapped,
)

MIN_F1 = 0.97
MIN_KIND_ACCURACY = 0.95
CAPTION = "Der russische Präsident Wladimir Putin schüttelt"


def _results(variant: bool) -> dict[str, tuple[Scores, Scores]]:
    per_file = {}
    pooled_gold, pooled_ours, pooled_baseline = [], [], []
    for name in gold_names():
        text, gold = gold_spans(name)
        if variant:
            text, gold = wrapped(text, gold)
        ours = [(u.start, u.end, u.kind) for u in segment(text)]
        baseline = sentencizer_spans(text)
        per_file[name] = (score(gold, ours), score(gold, baseline))
        # Offsets made unique per file so that the pooled score counts each file's units separately.
        offset = len(per_file) * 10_000_000
        pooled_gold += [(offset + s, offset + e, k) for s, e, k in gold]
        pooled_ours += [(offset + s, offset + e, k) for s, e, k in ours]
        pooled_baseline += [(offset + s, offset + e, k) for s, e, k in baseline]
    per_file["overall"] = (score(pooled_gold, pooled_ours), score(pooled_gold, pooled_baseline))
    return per_file


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[Scores, Scores]]:
    """Per gold file: (segmenter scores, plain-sentencizer baseline scores); key "overall" pools all units."""
    return _results(variant=False)


@pytest.fixture(scope="module")
def wrapped_results() -> dict[str, tuple[Scores, Scores]]:
    """The same for each gold text hard-wrapped at 72 columns (`segmentation_helpers.wrapped`)."""
    return _results(variant=True)


def _table(results: dict[str, tuple[Scores, Scores]]) -> str:
    rows = [
        f"{'gold file':<22}{'units':>6}{'found':>6}{'P':>7}{'R':>7}{'F1':>7}{'claimF1':>8}{'kinds':>7}"
        f"{'baseline F1':>13}",
    ]
    for name, (ours, baseline) in results.items():
        rows.append(
            f"{name:<22}{ours.gold:>6}{ours.predicted:>6}{ours.precision:>7.3f}{ours.recall:>7.3f}"
            f"{ours.f1:>7.3f}{ours.claim_f1:>8.3f}{ours.kind_accuracy:>7.3f}{baseline.f1:>13.3f}"
        )
    return "\n".join(rows)


def test_it_prints_the_figures_per_gold_file(results, wrapped_results, capsys):
    with capsys.disabled():
        print("\n\nSegmentation against tests/gold (baseline: spaCy sentencizer on blank('de'))")
        print(_table(results))
        print("\nThe same texts hard-wrapped at 72 columns")
        print(_table(wrapped_results))
    assert len(results) >= 18
    assert "overall" in results


def test_boundary_f1_overall_is_at_least_097(results, wrapped_results):
    for figures in (results, wrapped_results):
        ours, _ = figures["overall"]
        assert ours.f1 >= MIN_F1
        assert ours.recall >= MIN_F1


def test_no_gold_file_scores_below_its_recorded_floor(results, wrapped_results):
    floors = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))
    assert set(floors) == {*gold_names(), *(f"{name} @72" for name in gold_names())}
    below = []
    for name, floor in floors.items():
        base, _, variant = name.partition(" @")
        ours, _ = (wrapped_results if variant else results)[base]
        for field, value in floor.items():
            if getattr(ours, field) < value - 5e-4:
                below.append((name, field, round(getattr(ours, field), 3), value))
    assert below == []


def test_kind_accuracy_overall_is_at_least_095(results, wrapped_results):
    for figures in (results, wrapped_results):
        ours, _ = figures["overall"]
        assert ours.kind_accuracy >= MIN_KIND_ACCURACY
        assert ours.matched > 600


def test_it_beats_the_plain_sentencizer_on_every_file(results):
    assert all(ours.f1 > baseline.f1 for ours, baseline in results.values())
    assert results["overall"][1].f1 < 0.9


@pytest.fixture(scope="module")
def seed_003():
    return segment((ROOT / "seeds" / "003_c3161a89b730dfe0.txt").read_text(encoding="utf-8"))


def test_seed_003_keeps_captions_credits_and_teasers_out_of_the_claims(seed_003):
    kinds = {u.text: u.kind for u in seed_003}
    assert {kinds["Foto: Marco Bello/REUTERS"], kinds["Foto: Reuters"], kinds["Mehr zum Thema"]} == {
        "boilerplate"
    }
    assert {u.kind for u in seed_003 if u.text.startswith(CAPTION)} == {"boilerplate"}


def test_seed_003_shows_subheads_as_headings_and_the_quote_as_its_own_claim(seed_003):
    units = seed_003
    headings = [u.text for u in units if u.kind == "heading"]
    assert headings == [
        "Russland als Schutzmacht von Latino-Despoten",
        "25 Prozent aller US-Kriegsschiffe in der Karibik",
        "Schwierigkeiten für Trump",
    ]
    assert [u.kind for u in units if u.text == "„Es war ein Telefonat.“"] == ["claim"]


def test_a_repeated_caption_is_marked_duplicate_once(seed_003):
    copies = [u for u in seed_003 if u.text.startswith(CAPTION)]
    assert [u.duplicate for u in copies] == [False, True]


@pytest.mark.parametrize("name", gold_names())
def test_each_gold_file_accounts_for_its_whole_text(name):
    text, gold = gold_spans(name)
    assert gold
    assert all(text[start:end].strip() == text[start:end] for start, end, _ in gold)


def _squeezed_units(text: str) -> Counter[tuple[str, str]]:
    # Compare across wrapping: whitespace runs become one space and a wrapper's "-\n" break disappears.
    return Counter((" ".join(u.text.split()).replace("- ", "-"), u.kind) for u in segment(text))


@pytest.mark.parametrize(
    ("separator", "minimum"), [("\n\n", 0.97), ("\n", 0.95)], ids=["blank-lines", "newlines"]
)
def test_hard_wrapping_the_seeds_at_72_columns_keeps_their_units(separator, minimum, capsys):
    kept = total = 0
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paragraphs = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        unwrapped = _squeezed_units(separator.join(paragraphs))
        wrapped = _squeezed_units(separator.join(textwrap.fill(p, 72) for p in paragraphs))
        kept += sum((unwrapped & wrapped).values())
        total += sum(unwrapped.values())
    with capsys.disabled():
        print(f"\nseeds wrapped at 72 columns, paragraphs {separator!r}: {kept}/{total} units kept")
    assert total > 300
    assert kept / total >= minimum
