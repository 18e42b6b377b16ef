"""Segmentation throughput on a German corpus of at least 5 MB built from seeds/.

Run: python bench/segment.py [--megabytes 5] [--seed 1]
The corpus is the seed articles' paragraphs, shuffled and regrouped into articles of about 10 KB, so
that every article still mixes headings, captions, lists and body text. Prints characters per second
(one core, pipeline built before timing) and the process's peak resident memory; the last line is one
JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_SIZE = 10_000


def build_corpus(megabytes: float, seed: int) -> list[str]:
    paragraphs = [
        paragraph.strip()
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for paragraph in path.read_text(encoding="utf-8").split("\n\n")
        if paragraph.strip()
    ]
    rng = random.Random(seed)
    articles: list[str] = []
    total = 0
    while total < megabytes * 1_000_000:
        rng.shuffle(paragraphs)
        current: list[str] = []
        size = 0
        for paragraph in paragraphs:
            current.append(paragraph)
            size += len(paragraph) + 2
            if size >= ARTICLE_SIZE:
                articles.append("\n\n".join(current))
                total += size
                current, size = [], 0
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere
    from claims.segmentation import pipeline, segment

    articles = build_corpus(args.megabytes, args.seed)
    characters = sum(len(article) for article in articles)
    pipeline()
    segment(articles[0])  # warm up caches outside the timing

    started = time.perf_counter()
    units = sum(len(segment(article)) for article in articles)
    seconds = time.perf_counter() - started

    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    figures = {
        "articles": len(articles),
        "characters": characters,
        "megabytes": round(len(("".join(articles)).encode()) / 1_000_000, 2),
        "units": units,
        "seconds": round(seconds, 3),
        "chars_per_second": round(characters / seconds),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "python": platform.python_version(),
    }
    print(f"{len(articles)} articles, {characters:,} characters, {units:,} units in {seconds:.2f} s")
    print(f"{figures['chars_per_second']:,} characters per second, peak memory {peak_rss_mb:.0f} MB")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
