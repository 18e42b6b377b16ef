"""Full-text search over claim texts and article titles, ranked, with the matching words marked.

PostgreSQL: the German configuration (stemming and stop words) over a stored tsvector with a GIN index
(migration 0014_search), which indexes each text twice, as written and folded (ß → ss, ä → ae, ö → oe,
ü → ue), and the query is asked both ways too, so either spelling finds the other. The query is read by
websearch_to_tsquery, which never fails on what a person types: "quoted phrases", `or`, `-word`.

SQLite: FTS5 tables over the folded text, kept by triggers. No German stemmer exists there, so each word
is matched as a prefix ("Straßenbahn" finds "Straßenbahnen", not the other way round); all words must
appear, `-word` leaves a word out, and quotes and `or` are read as words.

Matches are marked in Python, never by ts_headline or FTS5's highlight(): those return the text with
markup inside, which would have to be trusted as HTML. Here the text comes out as fragments the template
escapes like any other text (claims/search.html).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from claims.models import Article, Claim, Label

CLAIMS_PER_PAGE = 20
# Pages beyond this are not offered: ranking sorts every match, and nobody reads the 201st hit of a search
# that needs narrowing, so the work per page stays bounded whatever the table's size.
MAX_PAGES = 10
TITLES_SHOWN = 10
# Ranking reads the vector of every claim it orders. A word in one claim of ten would have it order
# 100,000 at a million claims (about 150 ms); so the claims found first, at most this many, are ranked,
# and the page says when there were more (bench/search.py).
CANDIDATES = 2000
# A word in more than this share of the claims is read by scanning the table until CANDIDATES matches
# are met (about 1 µs a claim read) rather than through the GIN index, whose bitmap of every match costs
# about 0.2 µs a match before the first is read: with "Trump" in 18 % of a million claims, the index
# took 42 ms and the scan of 11,000 claims about 8 ms (bench/search.py).
COMMON_SHARE = 0.1
QUERY_MAX_LENGTH = 200
# A claim longer than this shows a window around its first match.
SNIPPET_LENGTH = 320

# As in migration 0014_search, which folds the stored texts with the same pairs.
FOLDS = {"ß": "ss", "ẞ": "ss", "ä": "ae", "Ä": "Ae", "ö": "oe", "Ö": "Oe", "ü": "ue", "Ü": "Ue"}
_FOLD_TABLE = str.maketrans(FOLDS)
# A word as both databases' parsers see one, near enough for marking it: letters and digits.
WORD = re.compile(r"[^\W_]+")


def has_full_syntax() -> bool:
    """Whether phrases and `or` work (PostgreSQL), for the page's help."""
    return connection.vendor == "postgresql"


def fold(text: str) -> str:
    """The spelling without ß and umlauts: "Straße" → "Strasse", "Müller" → "Mueller"."""
    return text.translate(_FOLD_TABLE)


class Unsearchable(ValueError):
    """The query holds nothing a search can look for (only stop words, signs, or words to leave out)."""


@dataclass(frozen=True)
class Fragment:
    text: str
    marked: bool


@dataclass(frozen=True)
class ClaimHit:
    claim: Claim
    fragments: list[Fragment]
    # The searching reviewer's own label's display value, or "": never anyone else's (blind labelling).
    my_label: str


@dataclass(frozen=True)
class ArticleHit:
    article: Article
    fragments: list[Fragment]


@dataclass(frozen=True)
class Results:
    claims: list[ClaimHit]
    articles: list[ArticleHit]
    page: int
    has_next: bool
    # More matches exist than the pages offer (MAX_PAGES).
    truncated: bool
    # How many claims match, counted up to CANDIDATES; 0 on a page past the last.
    matches: int
    # More than CANDIDATES match: the page shows the best of the first CANDIDATES found.
    too_many: bool


def search(query: str, *, reviewer, page: int = 1) -> Results:
    """The claims matching `query`, best first, page `page` (1 to MAX_PAGES), and on the first page the
    best matching article titles. Raises Unsearchable."""
    engine = _Postgres(query) if connection.vendor == "postgresql" else _SQLite(query)
    offset = (page - 1) * CLAIMS_PER_PAGE
    ids, matches = engine.claim_ids(limit=CLAIMS_PER_PAGE + 1, offset=offset)
    more = len(ids) > CLAIMS_PER_PAGE
    ids = ids[:CLAIMS_PER_PAGE]
    claims = (
        Claim.objects.filter(pk__in=ids)
        .select_related("article")
        .only("text", "article__title", "article__language")
    )
    by_id = {claim.pk: claim for claim in claims}
    ordered = [by_id[pk] for pk in ids if pk in by_id]
    articles = []
    if page == 1:
        article_ids = engine.article_ids(limit=TITLES_SHOWN)
        found = Article.objects.filter(pk__in=article_ids).only("title", "language", "outlet").in_bulk()
        articles = [found[pk] for pk in article_ids if pk in found]
    is_match = engine.matcher([c.text for c in ordered] + [a.title for a in articles])
    labels = {
        label.claim_id: label.get_value_display()
        for label in Label.objects.filter(reviewer=reviewer, claim_id__in=ids).only("claim_id", "value")
    }
    return Results(
        claims=[
            ClaimHit(claim, snippet(fragments(claim.text, is_match)), labels.get(claim.pk, ""))
            for claim in ordered
        ],
        articles=[ArticleHit(article, fragments(article.title, is_match)) for article in articles],
        page=page,
        has_next=more and page < MAX_PAGES,
        truncated=more and page >= MAX_PAGES,
        matches=matches,
        too_many=matches >= CANDIDATES,
    )


def fragments(text: str, is_match: Callable[[str], bool]) -> list[Fragment]:
    """`text` cut into plain and marked fragments, each matching word marked."""
    pieces, plain_from = [], 0
    for word in WORD.finditer(text):
        if is_match(word.group()):
            if word.start() > plain_from:
                pieces.append(Fragment(text[plain_from : word.start()], False))
            pieces.append(Fragment(word.group(), True))
            plain_from = word.end()
    if plain_from < len(text):
        pieces.append(Fragment(text[plain_from:], False))
    return pieces


def snippet(pieces: list[Fragment], length: int = SNIPPET_LENGTH) -> list[Fragment]:
    """At most about `length` characters of the fragments, from a little before the first mark, with an
    ellipsis where the text goes on."""
    total = sum(len(p.text) for p in pieces)
    if total <= length:
        return pieces
    first_mark = 0
    for piece in pieces:
        if piece.marked:
            break
        first_mark += len(piece.text)
    start = max(0, min(first_mark - length // 4, total - length))
    end = start + length
    out, at = [], 0
    for piece in pieces:
        lo, hi = max(start, at), min(end, at + len(piece.text))
        if lo < hi:
            out.append(Fragment(piece.text[lo - at : hi - at], piece.marked))
        at += len(piece.text)
    if start > 0:
        out.insert(0, Fragment("…", False))
    if end < total:
        out.append(Fragment("…", False))
    return out


def _words(texts: Iterable[str]) -> list[str]:
    return sorted({word for text in texts for word in WORD.findall(text)})


# The query as typed OR its folded spelling, each read by websearch_to_tsquery (never a syntax error).
# `matches` is planned on its own, as if every match were read: the GIN index for all but the commonest
# words (with the LIMIT in view, PostgreSQL scans the table hoping to meet enough matches early, which
# for a rare word means the whole table). It is read lazily, so the LIMIT still stops it at CANDIDATES
# rows: ranking and counting never read more.
_CLAIMS_SQL = """
WITH matches AS MATERIALIZED (
    SELECT c.id, c.search_vector FROM claims_claim c
    WHERE c.search_vector @@ (websearch_to_tsquery('pg_catalog.german', %(query)s)
        || websearch_to_tsquery('pg_catalog.german', %(folded)s))
    AND c.duplicate_of_id IS NULL
), candidates AS (
    SELECT id, ts_rank(search_vector, websearch_to_tsquery('pg_catalog.german', %(query)s)
        || websearch_to_tsquery('pg_catalog.german', %(folded)s)) AS rank
    FROM matches LIMIT %(candidates)s
)
SELECT id, count(*) OVER () FROM candidates ORDER BY rank DESC, id LIMIT %(limit)s OFFSET %(offset)s
"""
_ARTICLES_SQL = """
WITH matches AS MATERIALIZED (
    SELECT a.id, a.search_vector FROM claims_article a
    WHERE a.search_vector @@ (websearch_to_tsquery('pg_catalog.german', %(query)s)
        || websearch_to_tsquery('pg_catalog.german', %(folded)s))
), candidates AS (
    SELECT id, ts_rank(search_vector, websearch_to_tsquery('pg_catalog.german', %(query)s)
        || websearch_to_tsquery('pg_catalog.german', %(folded)s)) AS rank
    FROM matches LIMIT %(candidates)s
)
SELECT id FROM candidates ORDER BY rank DESC, id DESC LIMIT %(limit)s
"""
# querytree: the part of the query an index can serve, without the words to leave out.
_LEXEMES_SQL = """
SELECT querytree(websearch_to_tsquery('pg_catalog.german', %(query)s)
    || websearch_to_tsquery('pg_catalog.german', %(folded)s))::text,
    (SELECT reltuples FROM pg_class WHERE oid = 'claims_claim'::regclass)
"""
# The planner's estimate of the matches, from its statistics of the most common words.
_ESTIMATE_SQL = """
EXPLAIN (FORMAT JSON) SELECT 1 FROM claims_claim c
WHERE c.search_vector @@ (websearch_to_tsquery('pg_catalog.german', %(query)s)
    || websearch_to_tsquery('pg_catalog.german', %(folded)s))
"""
# From the table's first page (a synchronised scan would start where another one is), in one process.
_SCAN_THE_TABLE_SQL = """
SELECT current_setting('enable_bitmapscan'), current_setting('max_parallel_workers_per_gather'),
    current_setting('synchronize_seqscans'),
    set_config('enable_bitmapscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true),
    set_config('synchronize_seqscans', 'off', true)
"""
_RESTORE_SQL = """
SELECT set_config('enable_bitmapscan', %s, true), set_config('max_parallel_workers_per_gather', %s, true),
    set_config('synchronize_seqscans', %s, true)
"""
# The words, as written or folded, whose lexemes are among the query's.
_MATCHING_WORDS_SQL = """
SELECT w FROM unnest(%(words)s::text[], %(folded)s::text[]) AS t(w, f)
WHERE tsvector_to_array(to_tsvector('pg_catalog.german', w) || to_tsvector('pg_catalog.german', f))
    && %(lexemes)s::text[]
"""


@contextmanager
def reading_the_table() -> Iterator[None]:
    """No GIN bitmap, one process, from the table's first page, for the queries inside. set_config(...,
    true) holds to the end of the transaction, so the settings are put back after."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_SCAN_THE_TABLE_SQL)
        before = cursor.fetchone()[:3]
        try:
            yield
        finally:
            cursor.execute(_RESTORE_SQL, list(before))


def _rows(sql: str, params: dict) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _ranked(sql: str, params: dict) -> tuple[list[int], int]:
    """The ids of a page of (id, count of candidates) rows, and that count."""
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "candidates": CANDIDATES})
        rows = cursor.fetchall()
    return [row[0] for row in rows], rows[0][1] if rows else 0


class _Postgres:
    """The German configuration against the stored vectors (migration 0014_search)."""

    def __init__(self, query: str) -> None:
        self.params = {"query": query, "folded": fold(query)}
        with connection.cursor() as cursor:
            cursor.execute(_LEXEMES_SQL, self.params)
            tree, self.claims_in_table = cursor.fetchone()
        self.lexemes = sorted({m.replace("''", "'") for m in re.findall(r"'((?:[^']|'')*)'", tree)})
        if not self.lexemes:
            raise Unsearchable(tree)

    def claim_ids(self, *, limit: int, offset: int) -> tuple[list[int], int]:
        params = {**self.params, "limit": limit, "offset": offset}
        if not self.is_common():
            return _ranked(_CLAIMS_SQL, params)
        with reading_the_table():
            return _ranked(_CLAIMS_SQL, params)

    def is_common(self) -> bool:
        """Whether the planner expects more than COMMON_SHARE of the claims to match."""
        if self.claims_in_table <= 0:  # never analysed
            return False
        with connection.cursor() as cursor:
            cursor.execute(_ESTIMATE_SQL, self.params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return plan[0]["Plan"]["Plan Rows"] > COMMON_SHARE * self.claims_in_table

    def article_ids(self, *, limit: int) -> list[int]:
        return _rows(_ARTICLES_SQL, {**self.params, "limit": limit, "candidates": CANDIDATES})

    def matcher(self, texts: list[str]) -> Callable[[str], bool]:
        """Whether a word is one the query found: its lexemes, as written or folded, meet the query's."""
        words = _words(texts)
        params = {"words": words, "folded": [fold(w) for w in words], "lexemes": self.lexemes}
        matched = set(_rows(_MATCHING_WORDS_SQL, params)) if words else set()
        return matched.__contains__


_FTS_CLAIMS_SQL = """
SELECT id, count(*) OVER () FROM (
    SELECT c.id, bm25(claims_claim_search) AS rank
    FROM claims_claim_search JOIN claims_claim c ON c.id = claims_claim_search.rowid
    WHERE claims_claim_search MATCH %(match)s AND c.duplicate_of_id IS NULL
    LIMIT %(candidates)s
)
ORDER BY rank, id LIMIT %(limit)s OFFSET %(offset)s
"""
_FTS_ARTICLES_SQL = """
SELECT rowid FROM claims_article_search WHERE claims_article_search MATCH %(match)s
ORDER BY bm25(claims_article_search), rowid DESC LIMIT %(limit)s
"""


def _sqlite_key(word: str) -> str:
    """A word as FTS5's unicode61 tokenizer with remove_diacritics 2 indexes the folded text."""
    decomposed = unicodedata.normalize("NFD", fold(word).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _SQLite:
    """FTS5 MATCH of every word as a prefix, bm25 for the rank."""

    def __init__(self, query: str) -> None:
        wanted, unwanted = [], []
        for token in query.split():
            keys = [_sqlite_key(word) for word in WORD.findall(token)]
            (unwanted if token.startswith("-") else wanted).extend(keys)
        if not wanted:
            raise Unsearchable(query)
        self.prefixes = tuple(dict.fromkeys(wanted))
        self.match = " AND ".join(f'"{key}"*' for key in self.prefixes)
        if unwanted:
            left_out = " OR ".join(f'"{key}"' for key in unwanted)
            self.match = f"({self.match}) NOT ({left_out})"

    def claim_ids(self, *, limit: int, offset: int) -> tuple[list[int], int]:
        return _ranked(_FTS_CLAIMS_SQL, {"match": self.match, "limit": limit, "offset": offset})

    def article_ids(self, *, limit: int) -> list[int]:
        return _rows(_FTS_ARTICLES_SQL, {"match": self.match, "limit": limit})

    def matcher(self, texts: list[str]) -> Callable[[str], bool]:
        return lambda word: _sqlite_key(word).startswith(self.prefixes)


UNSEARCHABLE = _(
    "There is nothing to search for in this: only common words such as “der” or “und”, signs, or words to "
    "leave out. Add a word the claims should contain."
)
