"""Newsdesk settings, read from the environment (the README's configuration table lists every variable)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), not {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# The environment wins; else the file `make run` generates, so that manage.py commands typed by hand find
# the same secret. Settings never write it: every process imports them, and their secrets would race.
SECRET_KEY_FILE = BASE_DIR / os.environ.get("SECRET_KEY_FILE", "var/secret_key")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and SECRET_KEY_FILE.is_file():
    SECRET_KEY = SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be set when DEBUG is off, in the environment or in {SECRET_KEY_FILE} "
            "(make run generates that file)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Everything after whitenoise (every page, partial, download and error) is never cached.
    "claims.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The browser's language (Accept-Language), until the reviewer's own choice below overrides it.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "claims.languages.ChosenLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "claims.middleware.HtmxLoginRedirectMiddleware",
    # Last, so a failed login raises before any view sees the request.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsdesk.wsgi.application"

# Database: PostgreSQL in production (DATABASE_URL), SQLite in var/ as the embedded default.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "newsdesk.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait (busy timeout)
                # instead of failing with "database is locked" when they upgrade a read transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
            # Tests use a WAL file like production: an in-memory shared-cache database takes table locks
            # that ignore the busy timeout, so concurrent writers would fail there and nowhere else.
            "TEST": {"NAME": VAR_DIR / "test-newsdesk.sqlite3"},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # gunicorn's sync workers serve one request at a time, so each keeps one persistent connection (a
    # psycopg pool, which hands it out and back on every request, cost about 1 ms of CPU per label:
    # bench/label_latency.py). Health checks test a kept connection before its first query in each
    # request (one `SELECT 1` round trip) and open a new one if the database restarted or a proxy dropped
    # it, so no request fails for it (tests/security/test_cut_database_connection.py); a request that loses
    # its connection midway still fails, visibly.
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "600"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Parameters bound by the server, and a statement run 5 times on a connection is prepared: PostgreSQL
    # then skips parsing and planning, which for the label POST's claim query took longer than running it.
    # (A pooler in front of PostgreSQL must then support prepared statements: PgBouncer 1.21 or later.)
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
    # No JIT: the label-status subqueries make PostgreSQL's cost estimates large on a large desk, and it then
    # compiles for longer than the query runs (the article list's "Disputed" at a million claims: 0.8 s of
    # JIT for a 30 ms query, bench/pages.py).
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out reviewer can try again after 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Lockouts are kept and enforced, but not shown in the admin, whose axes pages are in English only:
# `manage.py axes_list_attempts` lists them and `manage.py axes_reset_username NAME` lifts one.
AXES_ENABLE_ADMIN = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Shared newsroom PCs: a session ends with the browser, and 8 hours (one shift) after logging in at the
# latest. Not renewed on every request: that would write the session row on every label.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# The interface speaks German first and English on request: a reviewer's choice (saved on their account,
# claims.languages), else the browser's Accept-Language, else LANGUAGE_CODE. docs/glossary.md keeps the words
# consistent; the README says how to add a language.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "de")
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"LANGUAGE_CODE must be one of {', '.join(dict(LANGUAGES))}, not {LANGUAGE_CODE!r}"
    )
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Berlin")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Import limits: one article file or paste, and how many files one upload form takes.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(2 * 1024 * 1024)))
IMPORT_MAX_FILES = 20
IMPORT_MAX_CLAIMS = 20_000
# HTML nested deeper than this is refused before it is parsed (claims.html_depth): a tree builder's time
# grows with depth times tags. Browsers stop at 512; real articles stay far below 100.
IMPORT_MAX_HTML_DEPTH = 256
# How many independent labels each claim of a new article needs before it leaves the reviewers' queues;
# leads change it per article when they assign it (claims.models.Article.labels_needed).
_labels_needed = os.environ.get("LABELS_NEEDED_DEFAULT", "").strip() or "2"
if not (_labels_needed.isdigit() and 1 <= int(_labels_needed) <= 20):
    raise ImproperlyConfigured(
        f"LABELS_NEEDED_DEFAULT must be a whole number from 1 to 20, not {_labels_needed!r}"
    )
LABELS_NEEDED_DEFAULT = int(_labels_needed)
# Background jobs (claims.jobs): django-tasks' database backend, so the queue is the database the desk already
# has (SQLite or PostgreSQL) and `manage.py worker` runs it. An upload of more files than
# IMPORT_INLINE_MAX_FILES, or of a file larger than IMPORT_INLINE_MAX_BYTES, is imported by the worker while
# the page shows its progress. A job whose worker has shown no sign of life for JOB_TIMEOUT seconds (far
# longer than any file takes to import) is taken back and queued again, at most JOB_MAX_ATTEMPTS times.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMPORT_INLINE_MAX_FILES = 2
IMPORT_INLINE_MAX_BYTES = 256 * 1024
JOB_TIMEOUT = int(os.environ.get("JOB_TIMEOUT", "600"))
JOB_MAX_ATTEMPTS = 3
# An export of more rows than this can be written in the background and downloaded when ready (kept
# EXPORT_KEEP_DAYS days); smaller ones are only streamed.
EXPORT_INLINE_MAX = int(os.environ.get("EXPORT_INLINE_MAX", "10000"))
EXPORT_KEEP_DAYS = 7
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 64 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 64 * 1024

# Security headers. HTTPS-only settings are on when DEBUG is off; SECURE_SSL_REDIRECT and HSTS can be
# switched off for a plain-HTTP intranet with HTTPS_ONLY=0 (make run does so for 127.0.0.1).
HTTPS_ONLY = env_bool("HTTPS_ONLY", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS_ONLY
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"claims": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
