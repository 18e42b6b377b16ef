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
from django.db import connections, router
from django.utils import timezone

from claims.rows import columns, fetch_one

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


@cache
def _user_sql(user_model) -> str:
    table, pk = (
        connections[router.db_for_read(user_model)].ops.quote_name(name)
        for name in (user_model._meta.db_table, user_model._meta.pk.column)
    )
    return f"SELECT {columns(user_model)} FROM {table} WHERE {pk} = %s"  # noqa: S608 (names, not data)


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            pk = user_model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = fetch_one(user_model, _user_sql(user_model), [pk])
        return user if user is not None and self.user_can_authenticate(user) else None
