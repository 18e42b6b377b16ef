"""Segmentation against the hand-made gold units (tests/gold/), per file, before and after a change.

Run from the repository folder:
    .venv/bin/python bench/segment_gold.py                  # the working tree's segmenter
    .venv/bin/python bench/segment_gold.py --before main    # and the segmenter of a git revision beside it
    .venv/bin/python bench/segment_gold.py --floors         # record the figures as tests/gold/floors.json

Every gold file is scored twice: as it is, and hard-wrapped at 72 columns (`wrapped` in
tests/segmentation_helpers.py: textwrap at spaces and after hyphens, long words such as URLs left whole,
the gold units mapped over). Figures per file: boundary F1 (exact start and end), claim F1 (spans that are
claims in the gold and in the output) and kind accuracy (over the spans found). With --before, the
revision's `claims/segmentation/` is taken out of git into a temporary folder and run in a subprocess on
the same texts, scored against the same (current) gold. With --floors, the working tree's figures per
file become the floors that tests/test_segmentation_gold.py holds every file to: no file may get worse.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Span = tuple[int, int, str]

_RUN_OLD = """
import json, sys
from claims.segmentation import segment
texts = json.load(sys.stdin)
json.dump([[[u.start, u.end, u.kind] for u in segment(text)] for text in texts], sys.stdout)
"""


def _segment_at(revision: str, texts: list[str]) -> list[list[Span]]:
    """Units of each text by the segmenter of a git revision (its claims/segmentation/ only)."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "archive", revision, "claims/__init__.py", "claims/segmentation"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        done = subprocess.run(
            [sys.executable, "-c", _RUN_OLD],
            cwd=folder,
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": folder, "PATH": "/usr/bin:/bin"},
        )
    return [[(s, e, k) for s, e, k in units] for units in json.loads(done.stdout)]


def _pooled(pairs: list[tuple[list[Span], list[Span]]]):
    from tests.segmentation_helpers import score

    gold: list[Span] = []
    predicted: list[Span] = []
    for index, (g, p) in enumerate(pairs):
        offset = index * 10_000_000
        gold += [(offset + s, offset + e, k) for s, e, k in g]
        predicted += [(offset + s, offset + e, k) for s, e, k in p]
    return score(gold, predicted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REV", help="also score the segmenter of this git revision")
    parser.add_argument("--floors", action="store_true", help="write the figures to tests/gold/floors.json")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from claims.segmentation import segment
    from tests.segmentation_helpers import gold_names, gold_spans, score, wrapped

    cases: list[tuple[str, str, list[Span]]] = []
    for name in gold_names():
        text, gold = gold_spans(name)
        cases.append((name, text, gold))
        wrapped_text, wrapped_gold = wrapped(text, gold)
        cases.append((f"{name} @72", wrapped_text, wrapped_gold))
    after = [[(u.start, u.end, u.kind) for u in segment(text)] for _, text, _ in cases]
    before = _segment_at(args.before, [text for _, text, _ in cases]) if args.before else None

    figures: dict[str, dict[str, dict[str, float]]] = {}
    header = f"{'gold file':<26}{'units':>6}  {'boundary F1':>13}  {'claim F1':>13}  {'kind accuracy':>13}"
    if before is not None:
        header += "   (before → after)"
    print(header)

    def row(label: str, scores_after, scores_before) -> None:
        cells = []
        entry: dict[str, dict[str, float]] = {}
        for field in ("f1", "claim_f1", "kind_accuracy"):
            value = getattr(scores_after, field)
            entry.setdefault("after", {})[field] = round(value, 3)
            if scores_before is None:
                cells.append(f"{value:>13.3f}")
            else:
                old = getattr(scores_before, field)
                entry.setdefault("before", {})[field] = round(old, 3)
                mark = "+" if value > old + 5e-4 else ("-" if value < old - 5e-4 else " ")
                cells.append(f"{old:.3f} → {value:.3f}{mark}")
        figures[label] = entry
        print(f"{label:<26}{scores_after.gold:>6}  " + "  ".join(cells))

    groups = {"original": [], "wrapped @72": []}
    for index, (name, _, gold) in enumerate(cases):
        old = score(gold, before[index]) if before is not None else None
        row(name, score(gold, after[index]), old)
        groups["wrapped @72" if name.endswith("@72") else "original"].append(index)
    for label, indexes in [*groups.items(), ("all", list(range(len(cases))))]:
        new = _pooled([(cases[i][2], after[i]) for i in indexes])
        old = _pooled([(cases[i][2], before[i]) for i in indexes]) if before is not None else None
        row(f"overall, {label}", new, old)
    if args.floors:
        floors = {name: entry["after"] for name, entry in figures.items() if not name.startswith("overall")}
        (ROOT / "tests" / "gold" / "floors.json").write_text(
            json.dumps(floors, indent=1, sort_keys=True) + "\n"
        )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
