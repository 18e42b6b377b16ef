# Newsdesk: `make run` serves the app, `make test` runs every check CI runs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Where settings.py finds the secret when SECRET_KEY is unset, so commands typed by hand read it too.
SECRET_FILE := $(or $(SECRET_KEY_FILE),var/secret_key)

.PHONY: run dev test lint format messages audit clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(VENV)/bin/python requirements.txt
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

$(SECRET_FILE):
	mkdir -p $(dir $@)
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# make run: production-like (DEBUG off, gunicorn) on http://$(HOST):$(PORT); plain HTTP, so no HTTPS redirect.
# A background worker (manage.py worker: imports of many files) runs beside gunicorn; Ctrl-C stops both.
# HOST=0.0.0.0 serves the local network (then list the name people type in ALLOWED_HOSTS).
RUN_ENV = HTTPS_ONLY=0
run: $(VENV)/.runtime $(SECRET_FILE)
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(PY) manage.py import_articles seeds/
	$(RUN_ENV) $(PY) manage.py ensure_admin
	@echo "Newsdesk on http://$(HOST):$(PORT)/$(if $(filter 0.0.0.0,$(HOST)), (all addresses; ALLOWED_HOSTS must list the name people type))"
	$(RUN_ENV) $(PY) manage.py worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; trap 'exit 130' INT TERM; \
	$(RUN_ENV) $(VENV)/bin/gunicorn newsdesk.wsgi --bind $(HOST):$(PORT) --access-logfile -

dev: $(VENV)/.dev
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# make test: lint, format check, migrations check and the whole suite, on DATABASE_URL if set, else SQLite.
test: export SECRET_KEY = make-test-only-not-a-secret
test: export HTTPS_ONLY = 0
test: export DEBUG = 0
test: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

# make audit: every package installed in .venv against PyPI's vulnerability data (pip-audit, tools/audit.py).
# Needs the network, so it is not part of make test; it exits non-zero with "audit did not run: ..." when it
# could not check the packages, never "no known vulnerabilities".
AUDIT_VENV := .venv-audit
$(AUDIT_VENV)/.installed: requirements-audit.txt
	$(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/python -m pip install --quiet -r requirements-audit.txt
	touch $@

audit: $(VENV)/.dev $(AUDIT_VENV)/.installed
	$(PY) tools/audit.py --pip-audit $(AUDIT_VENV)/bin/pip-audit

lint: $(VENV)/.dev
	$(PY) -m ruff check .

format: $(VENV)/.dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# make messages: after marking or changing interface strings, update locale/*/django.po from the code and
# templates, translate what is new (docs/glossary.md), then run it again to compile the .mo files that ship.
# Needs GNU gettext (apt-get install gettext); running the app does not.
MESSAGES_IGNORE := -i ".venv/*" -i "tests/*" -i "bench/*" -i "docs/*" -i "staticfiles/*" -i "var/*"
messages: $(VENV)/.dev
	DEBUG=1 $(PY) manage.py makemessages --all --no-location --no-obsolete $(MESSAGES_IGNORE)
	DEBUG=1 $(PY) manage.py compilemessages $(MESSAGES_IGNORE)

clean:
	rm -rf $(VENV) $(AUDIT_VENV) staticfiles .pytest_cache .ruff_cache
