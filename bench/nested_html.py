"""Seconds to import deeply nested HTML: the pen test's 1.1 MB upload of 100,000 nested `<div>`.

Run: python bench/nested_html.py [--depth 100000] [--tag div] [--runs 1]
Times `importing.parse_file()`, the import boundary without the database (decode, HTML to text,
normalise, segment), for `<tag>` nested `--depth` deep around one sentence, and for a flat document of the
same size as a yardstick. Prints seconds per file and the peak resident memory; the last line is one JSON
object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "Die Regierung hat am Montag neue Maßnahmen beschlossen."


def nested(tag: str, depth: int) -> bytes:
    return (f"<{tag}>" * depth + SENTENCE + f"</{tag}>" * depth).encode()


def flat(size: int) -> bytes:
    paragraph = f"<p>{SENTENCE}</p>\n"
    return (paragraph * (size // len(paragraph) + 1)).encode()[:size]


def seconds(name: str, data: bytes, runs: int) -> tuple[float, str]:
    from claims import importing

    best, outcome = float("inf"), ""
    for _ in range(runs):
        started = time.perf_counter()
        try:
            parsed = importing.parse_file(name, data)
            outcome = f"imported, {len(parsed.units)} unit(s)"
        except importing.ImportRejected as exc:
            outcome = f"rejected: {exc}"
        best = min(best, time.perf_counter() - started)
    return best, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=int, default=100_000)
    parser.add_argument("--tag", default="div")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    import django

    django.setup()
    from claims.segmentation import pipeline

    pipeline()  # built before timing
    deep = nested(args.tag, args.depth)
    deep_seconds, deep_outcome = seconds("nested.html", deep, args.runs)
    flat_seconds, flat_outcome = seconds("flat.html", flat(len(deep)), args.runs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.depth:,} nested <{args.tag}> ({len(deep):,} bytes): {deep_seconds:.3f} s, {deep_outcome}")
    print(f"flat <p> of the same size: {flat_seconds:.3f} s, {flat_outcome}")
    print(f"peak memory {peak_mb:.0f} MB, python {platform.python_version()}")
    figures = {
        "depth": args.depth,
        "tag": args.tag,
        "bytes": len(deep),
        "nested_seconds": round(deep_seconds, 3),
        "nested_outcome": deep_outcome,
        "flat_seconds": round(flat_seconds, 3),
        "peak_mb": round(peak_mb),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
