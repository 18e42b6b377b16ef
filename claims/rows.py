"""Model instances from hand-written SQL.

For the few queries that run on every request or every label, where building the query with the ORM costs
more CPU than PostgreSQL spends running it (bench/label_latency.py). Values are converted exactly as the ORM
converts them (SQLite's datetimes and booleans, for instance), so the instances are ordinary instances.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from django.db import connections, models, router


@cache
def columns(model: type[models.Model], alias: str = "") -> str:
    """The model's columns, quoted, in the order fetch_one() expects them."""
    quote = connections[router.db_for_read(model)].ops.quote_name
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + quote(field.column) for field in model._meta.concrete_fields)


def fetch_one(
    model: type[models.Model], sql: str, params: Sequence | Mapping, *, extra: Sequence[str] = ()
) -> models.Model | None:
    """Run `sql`, which selects columns(model) and then one column per name in `extra`; return the first
    row as an instance with the extras as attributes, or None."""
    using = router.db_for_read(model)
    fields = model._meta.concrete_fields
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = row[: len(fields)]
    compiler = model._base_manager.using(using).query.get_compiler(using)
    converters = compiler.get_converters([field.get_col(model._meta.db_table) for field in fields])
    if converters:
        values = next(compiler.apply_converters([values], converters))
    instance = model.from_db(using, [field.attname for field in fields], values)
    for name, value in zip(extra, row[len(fields) :], strict=True):
        setattr(instance, name, value)
    return instance
