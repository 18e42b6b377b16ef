"""Who is asking: the session and the user behind every request, read together with one lean query.

Django's database sessions, AuthenticationMiddleware and ModelBackend, unchanged in what they store and check
(expiry, the session hash that logs a user out after a password change, `is_active`). Only the loading
differs. Every request of a logged-in reviewer needs the session row and the user row: built with the ORM,
those two queries cost a seventh of the CPU of a whole label POST (bench/label_latency.py), and as two
round trips to the database they cost another. Here the session row names its user (claims.models.Session),
so one hand-written query reads both, and ModelBackend takes the user from it.

settings: SESSION_ENGINE = "claims.auth", `claims.auth.AuthenticationMiddleware` in MIDDLEWARE and
`claims.auth.ModelBackend` in AUTHENTICATION_BACKENDS.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache

from django.contrib import auth
from django.contrib.auth import SESSION_KEY, backends, get_user_model
from django.contrib.auth import middleware as auth_middleware
from django.contrib.sessions.backends import db
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.utils import timezone

from claims.models import Session
from claims.rows import columns, fetch_one, from_row, table

# The session store whose user Django's auth.get_user() is looking up, for ModelBackend.get_user().
_READING: ContextVar[SessionStore | None] = ContextVar("session being read", default=None)


def _user_pk(value):
    try:
        return get_user_model()._meta.pk.to_python(value)
    except ValidationError:
        return None


@cache
def _session_sql(user_model) -> str:
    (session, key), (users, pk) = table(Session), table(user_model)
    select = f"SELECT s.session_data, {columns(user_model, 'u')} FROM {session} s"  # noqa: S608 (names)
    return f"{select} LEFT JOIN {users} u ON u.{pk} = s.user_id WHERE s.{key} = %s AND s.expire_date > %s"


@cache
def _user_sql(user_model) -> str:
    users, pk = table(user_model)
    return f"SELECT {columns(user_model)} FROM {users} WHERE {pk} = %s"  # noqa: S608 (names, not data)


class SessionStore(db.SessionStore):
    # The user named by the session row, read with it; None before loading or if it names none.
    loaded_user = None

    @classmethod
    def get_model_class(cls):
        return Session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        session.user_id = _user_pk(data.get(SESSION_KEY))
        return session

    def _get_session_from_db(self):
        connection = connections[router.db_for_read(self.model)]
        user_model = get_user_model()
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_session_sql(user_model), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        if row[1] is not None:  # the user's primary key
            self.loaded_user = from_row(user_model, connection, row[1:])
        # load() reads only the data; the key and expiry are what the query matched.
        return self.model(session_key=self.session_key, session_data=row[0])


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, but the user is loaded at once rather than behind a lazy object: LoginRequiredMiddleware
    asks for it on every request anyway, and each attribute read through the lazy wrapper cost a dozen
    Python calls (6 % of a label POST, bench/label_latency.py). Django's checks run unchanged, with
    ModelBackend told which session they are reading."""

    def process_request(self, request):
        super().process_request(request)
        reading = _READING.set(request.session)
        try:
            request.user = auth.get_user(request)
        finally:
            _READING.reset(reading)


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        pk = _user_pk(user_id)
        if pk is None:
            return None
        user = getattr(_READING.get(), "loaded_user", None)
        if user is None or user.pk != pk:
            user_model = get_user_model()
            user = fetch_one(user_model, _user_sql(user_model), [pk])
        return user if user is not None and self.user_can_authenticate(user) else None
