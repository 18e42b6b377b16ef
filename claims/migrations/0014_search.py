"""Full-text search over claim texts and article titles (claims/search.py), in each database's own way.

PostgreSQL: a stored generated tsvector column on claims and on articles, with a GIN index each. The database
keeps it current on every write (imports' bulk_create, corrections' split and merge, undo, the admin), so no
code path can forget it, and ranking reads it instead of parsing every matching text again.
SQLite: FTS5 tables without content of their own, kept current by triggers for the same reason.

Both index the text twice: as written, and with ß → ss and ä/ö/ü → ae/oe/ue (the spelling without those
letters), so "Strasse", "Mueller" and "Buerger" find "Straße", "Müller" and "Bürger" and the other way
round, and PostgreSQL's German stemmer still sees the umlauts it needs ("Häuser" finds "Haus"). The folding
is plain replace() calls, written out here (a migration does not follow later code); claims/search.py
folds queries the same way (tests/test_search.py checks both agree). Not `unaccent`: an extension that not
every PostgreSQL server has or lets the desk create, and it folds ä to a, not ae.
"""

from django.db import migrations

# (letter, spelling without it): the capitals too, since lower() folds only ASCII in the C locale.
FOLDS = [
    ("ß", "ss"),
    ("ẞ", "ss"),
    ("ä", "ae"),
    ("Ä", "Ae"),
    ("ö", "oe"),
    ("Ö", "Oe"),
    ("ü", "ue"),
    ("Ü", "Ue"),
]


def folded(column: str) -> str:
    for letter, spelling in FOLDS:
        column = f"replace({column}, '{letter}', '{spelling}')"
    return column


def vector(column: str) -> str:
    german = "'pg_catalog.german'::regconfig"
    return f"to_tsvector({german}, {column}) || to_tsvector({german}, {folded(column)})"


# The SQL below is built from the constants in this file only.
POSTGRESQL = [
    "ALTER TABLE claims_claim ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({vector('text')}) STORED",
    # The search page's claims: search_vector @@ query, ranked by ts_rank (claims/search.py).
    "CREATE INDEX claim_search ON claims_claim USING gin (search_vector)",
    f"ALTER TABLE claims_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({vector('title')}) "
    "STORED",
    # The search page's article titles: search_vector @@ query (claims/search.py).
    "CREATE INDEX article_search ON claims_article USING gin (search_vector)",
]
POSTGRESQL_REVERSE = [
    "ALTER TABLE claims_article DROP COLUMN search_vector",
    "ALTER TABLE claims_claim DROP COLUMN search_vector",
]


def _fts5(table: str, column: str) -> list[str]:
    """An FTS5 table `<table>_search` over the folded `column`, rowid = the row's id, kept by triggers.
    Without content (content=''): it stores only the index; deleting needs the values indexed, which the
    triggers fold again from the old row."""
    fts = f"{table}_search"
    new, old = folded(f"new.{column}"), folded(f"old.{column}")
    insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, {new});"  # noqa: S608 (constants)
    delete = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, {old});"  # noqa: S608
    return [
        # unicode61 folds case and, with remove_diacritics 2, the accents of é, ç, ñ.
        f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"INSERT INTO {fts}(rowid, {column}) SELECT id, {folded(column)} FROM {table}",  # noqa: S608
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF id, {column} ON {table} BEGIN {delete} {insert} END",
    ]


SQLITE = _fts5("claims_claim", "text") + _fts5("claims_article", "title")


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def _sqlite_reverse() -> list[str]:
    statements = []
    for table in ("claims_claim", "claims_article"):
        statements += [f"DROP TRIGGER {table}_search_{event}" for event in ("insert", "delete", "update")]
        statements.append(f"DROP TABLE {table}_search")
    return statements


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0013_evidence_version"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": _sqlite_reverse()}),
        ),
    ]
