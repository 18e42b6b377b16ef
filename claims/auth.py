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
    A raw query still converts column values the way the ORM does (SQLite datetimes, booleans)."""
    return next(iter(model.objects.raw(_select_sql(model, where), params)), None)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        ops = connections[router.db_for_read(self.model)].ops
        now = ops.adapt_datetimefield_value(timezone.now())
        session = fetch_one(self.model, "session_key = %s AND expire_date > %s", [self.session_key, now])
        if session is None:
            self._session_key = None
        return session


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            pk = user_model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = fetch_one(user_model, f"{user_model._meta.pk.column} = %s", [pk])
        return user if user is not None and self.user_can_authenticate(user) else None
