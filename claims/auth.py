"""Who is asking: the session and the user behind every request, each loaded with one lean query.

Django's database sessions and ModelBackend, unchanged in what they store and check (expiry, the session
hash that logs a user out after a password change, `is_active`). Only the loading differs: every request of
a logged-in reviewer reads the session row and the user row, and building those two queries with the ORM
cost about 0.7 ms of CPU per request, a seventh of a whole label POST (bench/label_latency.py).

settings.SESSION_ENGINE = "claims.auth" and AUTHENTICATION_BACKENDS name `claims.auth.ModelBackend`.
"""

from __future__ import annotations

from functools import cache

from django.contrib.auth import backends, get_user_model
from django.contrib.sessions.backends import db
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.utils import timezone


@cache
def _select_sql(model: type[models.Model], where: str) -> str:
    opts = model._meta
    quote = connections[router.db_for_read(model)].ops.quote_name
    columns = ", ".join(quote(field.column) for field in opts.concrete_fields)
    return f"SELECT {columns} FROM {quote(opts.db_table)} WHERE {where}"  # noqa: S608 (names, not data)


def fetch_one(model: type[models.Model], where: str, params: list):
    """The one row of `model` matching `where` (SQL with %s parameters) as a model instance, or None.
    Column values are converted the way the ORM converts them (SQLite's datetimes and booleans)."""
    using = router.db_for_read(model)
    fields = model._meta.concrete_fields
    with connections[using].cursor() as cursor:
        cursor.execute(_select_sql(model, where), params)
        row = cursor.fetchone()
    if row is None:
        return None
    compiler = model._base_manager.using(using).query.get_compiler(using)
    converters = compiler.get_converters([field.get_col(model._meta.db_table) for field in fields])
    if converters:
        row = next(compiler.apply_converters([row], converters))
    return model.from_db(using, [field.attname for field in fields], row)


_SESSION_DATA = "SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > %s"


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        using = router.db_for_read(self.model)
        connection = connections[using]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_SESSION_DATA, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        # load() reads only the data; the key and expiry are what the query matched.
        return self.model(session_key=self.session_key, session_data=row[0])


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            pk = user_model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = fetch_one(user_model, f"{user_model._meta.pk.column} = %s", [pk])
        return user if user is not None and self.user_can_authenticate(user) else None
