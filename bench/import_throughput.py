"""Import throughput end to end (decode, parse, segment, store) for plain text and for HTML pages.

Run: python bench/import_throughput.py [--rounds 3] [--copies 4] [--code PATH] [--postgres NAME]
Each round imports the seed articles (seeds/, `--copies` variants of each so no import is "already
imported") twice into a fresh SQLite database (with --postgres, the PostgreSQL database NAME on
127.0.0.1, dropped and created): once as the plain-text files they are, once wrapped into
the kind of page a newsroom saves from a browser (navigation, a cookie banner, JSON-LD, a "Lesen Sie
auch" teaser, share buttons, a footer). Both are counted in characters of the article text, so the two
figures compare the same work; the HTML page's own size is reported as well. `--code` runs the same
measurement on another checkout (e.g. main's, to compare before and after). The last line is one JSON
object with the best round of each and the ratio plain/HTML (the HTML path should stay below 2).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"

NAVIGATION = ["Startseite", "Politik", "Wirtschaft", "Ausland", "Kultur", "Sport", "Meinung", "Podcasts"]


def news_page(text: str, number: int) -> str:
    """A German news page around `text` (the seed's paragraphs): what a desk saves with Ctrl+S."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if paragraphs and paragraphs[0].startswith("<http"):
        paragraphs = paragraphs[1:]
    headline = paragraphs[0] if paragraphs else "Ohne Titel"
    body = paragraphs[1:]
    middle = len(body) // 2
    esc = html.escape
    json_ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": headline,
            "datePublished": "2026-05-07T14:05:00+02:00",
            "dateModified": "2026-05-07T16:30:00+02:00",
            "author": {"@type": "Person", "name": "Martina Beispiel"},
            "publisher": {"@type": "Organization", "name": "Beispiel-Zeitung"},
        },
        ensure_ascii=False,
    ).replace("</", "<\\/")
    nav = "".join(f'<li><a href="/{esc(item.lower())}/">{esc(item)}</a></li>' for item in NAVIGATION)
    teaser = (
        '<aside class="teaser"><h2>Lesen Sie auch</h2><ul>'
        '<li><a href="/politik/a-1.html">Regierung plant neue Haushaltsregeln für 2027</a></li>'
        '<li><a href="/ausland/a-2.html">Gipfel in Brüssel endet ohne Einigung</a></li></ul></aside>'
    )
    paragraphs_html = [f"<p>{esc(p)}</p>" for p in body]
    paragraphs_html.insert(middle, teaser)
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>{esc(headline)} | Beispiel-Zeitung</title>
<meta property="og:site_name" content="Beispiel-Zeitung">
<meta property="og:title" content="{esc(headline)}">
<link rel="canonical" href="https://www.beispiel-zeitung.de/politik/artikel-{number}.html">
<script type="application/ld+json">{json_ld}</script>
<script>window.dataLayer = [{{"page": "artikel"}}];</script>
<style>body {{ font-family: serif }}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis
zu bieten. Mit „Akzeptieren“ stimmen Sie der Verwendung zu.</p><button>Akzeptieren</button>
<button>Einstellungen</button></div>
<header class="site-header"><a class="logo" href="/">Beispiel-Zeitung</a><nav><ul>{nav}</ul></nav></header>
<main><article>
<header><p class="kicker">Politik</p><h1>{esc(headline)}</h1>
<p class="byline">Von <span class="author">Martina Beispiel</span> ·
<time datetime="2026-05-07T14:05:00+02:00">7. Mai 2026, 14:05 Uhr</time></p></header>
<div class="article-body">{"".join(paragraphs_html)}</div>
<div class="share"><a href="https://www.facebook.com/sharer">Teilen</a> <a href="#">Drucken</a>
<a href="mailto:?subject=x">Per E-Mail senden</a></div>
</article></main>
<footer><nav><ul><li><a href="/impressum">Impressum</a></li><li><a href="/datenschutz">Datenschutz</a></li>
<li><a href="/kontakt">Kontakt</a></li></ul></nav><p>© 2026 Beispiel-Zeitung GmbH</p></footer>
</body></html>"""


def articles(copies: int) -> list[tuple[str, str]]:
    """(name, text) of every seed, `copies` times, each copy's headline numbered so each is new."""
    seeds = sorted(SEEDS.glob("*.txt"))
    out = []
    for copy in range(copies):
        for path in seeds:
            first, _, rest = path.read_text(encoding="utf-8").strip().partition("\n\n")
            if first.startswith("<http"):  # the source line; the headline follows
                headline, _, rest = rest.partition("\n\n")
                first = f"{first}\n\n{headline}"
            out.append((f"{path.stem}-{copy}", f"{first} (Fassung {copy})\n\n{rest}\n"))
    return out


def setup_django(code: Path, database_url: str) -> None:
    from live_desk import desk_env  # bench/, beside this script (lazily: tests import this module)

    os.environ.update(desk_env(database_url))
    sys.path.insert(0, str(code))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def run(items: list[tuple[str, bytes]], characters: int) -> dict:
    from claims import importing
    from claims.models import Article

    Article.objects.all().delete()
    started = time.perf_counter()
    claims = 0
    for name, data in items:
        result = importing.store(importing.parse_file(name, data))
        assert result.created, name
        claims += result.article.claims.count()
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 3),
        "articles_per_second": round(len(items) / seconds, 1),
        "chars_per_second": round(characters / seconds),
        "units": claims,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose code is measured")
    parser.add_argument("--postgres", metavar="NAME", help="measure on this PostgreSQL database instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        if args.postgres:
            from label_latency import recreate_database  # bench/, beside this script

            recreate_database(PG_SERVER, args.postgres)
            database_url = f"{PG_SERVER}/{args.postgres}"
        setup_django(args.code.resolve(), database_url)
        from claims.segmentation import pipeline, segment

        texts = articles(args.copies)
        characters = sum(len(text) for _, text in texts)
        plain = [(f"{name}.txt", text.encode()) for name, text in texts]
        pages = [(f"{name}.html", news_page(text, i).encode()) for i, (name, text) in enumerate(texts)]
        page_bytes = sum(len(data) for _, data in pages)
        pipeline()
        segment(texts[0][1])  # warm up outside the timing
        rounds = []
        for number in range(args.rounds):
            text_run, html_run = run(plain, characters), run(pages, characters)
            rounds.append({"text": text_run, "html": html_run})
            print(
                f"round {number + 1}: text {text_run['articles_per_second']} articles/s, "
                f"{text_run['chars_per_second']:,} chars/s "
                f"({text_run['units']} units), html {html_run['chars_per_second']:,} chars/s "
                f"({html_run['units']} units)"
            )
    best_text = max(r["text"]["chars_per_second"] for r in rounds)
    best_html = max(r["html"]["chars_per_second"] for r in rounds)
    figures = {
        "code": str(args.code.resolve()),
        "database": "postgresql" if args.postgres else "sqlite",
        "text_articles_per_second": max(r["text"]["articles_per_second"] for r in rounds),
        "html_articles_per_second": max(r["html"]["articles_per_second"] for r in rounds),
        "articles": len(texts),
        "characters": characters,
        "html_page_bytes": page_bytes,
        "text_chars_per_second": best_text,
        "html_chars_per_second": best_html,
        "html_slowdown": round(best_text / best_html, 2),
        "units_text": rounds[-1]["text"]["units"],
        "units_html": rounds[-1]["html"]["units"],
        "python": platform.python_version(),
    }
    print(
        f"{figures['database']}: {len(texts)} articles, {characters:,} characters: "
        f"text {figures['text_articles_per_second']} articles/s, {best_text:,} chars/s, "
        f"HTML {best_html:,} chars/s, HTML takes {figures['html_slowdown']}x as long"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
