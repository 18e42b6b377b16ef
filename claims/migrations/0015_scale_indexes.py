from django.conf import settings
from django.db import migrations, models

# Two indexes of the article list that only PostgreSQL has; SQLite, at the sizes it serves, reads the table.
POSTGRESQL_ONLY = (
    # The list by publication date, newest first, undated last (ArticleQuerySet.by_publication): SQLite
    # has no NULLS LAST in an index.
    "CREATE INDEX IF NOT EXISTS article_published_newest"
    " ON claims_article (published_at DESC NULLS LAST, id DESC)",
    # The list's title search (title__icontains, which PostgreSQL runs as UPPER(title) LIKE UPPER('%q%')):
    # trigrams find the matching titles without reading every article.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS article_title_trigrams"
    " ON claims_article USING gin (UPPER(title) gin_trgm_ops)",
)


def add_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_ONLY:
            schema_editor.execute(statement)


def drop_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_title_trigrams")
        schema_editor.execute("DROP INDEX IF EXISTS article_published_newest")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0014_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(add_postgresql_indexes, drop_postgresql_indexes, elidable=False),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["imported_at", "id"], name="article_imported"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["outlet", "imported_at", "id"], name="article_outlet_imported"),
        ),
        migrations.AddIndex(
            model_name="label",
            index=models.Index(fields=["updated_at", "claim"], include=["value", "id"], name="label_waiting"),
        ),
    ]
