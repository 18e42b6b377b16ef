"""Model instances from hand-written SQL.

For the few queries that run on every request or every label, where building the query with the ORM costs
more CPU than PostgreSQL spends running it (bench/label_latency.py). Values are converted exactly as the ORM
converts them (SQLite's datetimes and booleans, for instance), so the instances are ordinary instances.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql.compiler import SQLCompiler


def _quote(model: type[models.Model]):
    return connections[router.db_for_read(model)].ops.quote_name


@cache
def columns(model: type[models.Model], alias: str = "") -> str:
    """The model's columns, quoted, in the order fetch_one() expects them."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + _quote(model)(field.column) for field in model._meta.concrete_fields)


@cache
def table(model: type[models.Model]) -> tuple[str, str]:
    """The model's table and primary key column, quoted."""
    quote = _quote(model)
    return quote(model._meta.db_table), quote(model._meta.pk.column)


def fetch_one(
    model: type[models.Model], sql: str, params: Sequence | Mapping, *, extra: Sequence[str] = ()
) -> models.Model | None:
    """Run `sql`, which selects columns(model) and then one column per name in `extra`; return the first
    row as an instance with the extras as attributes, or None."""
    connection = connections[router.db_for_read(model)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    width = len(model._meta.concrete_fields)
    instance = from_row(model, connection, row[:width])
    for name, value in zip(extra, row[width:], strict=True):
        setattr(instance, name, value)
    return instance


def from_row(model: type[models.Model], connection: BaseDatabaseWrapper, values: Sequence) -> models.Model:
    """An instance from the values of columns(model), as the database returned them."""
    compiler, converters = _converters(connection, model)
    if converters:
        values = next(compiler.apply_converters([values], converters))
    return model.from_db(connection.alias, _attnames(model), values)


@cache
def _attnames(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(field.attname for field in model._meta.concrete_fields)


def _converters(connection: BaseDatabaseWrapper, model: type[models.Model]) -> tuple[SQLCompiler, dict]:
    """The ORM's compiler and converters for the model's columns, asked for once per connection: asking on
    every call cost 5 % of a label POST. They are kept on the connection object (one per thread) rather than
    in a global cache, since converters can be the connection's bound methods and would keep it alive."""
    known = vars(connection).setdefault("_newsdesk_row_converters", {})
    if model not in known:
        compiler = model._base_manager.using(connection.alias).query.get_compiler(connection=connection)
        columns = [field.get_col(model._meta.db_table) for field in model._meta.concrete_fields]
        known[model] = compiler, compiler.get_converters(columns)
    return known[model]
