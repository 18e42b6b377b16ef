"""Each committed catalogue (German today) is complete, compiled, and holds exactly what the code marks.

The pages test (test_every_page_translated.py) sees only the pages it visits; this one sees every string
the code marks, also on paths no test reaches (management commands, rare errors).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.conf import settings

from tests.translation_check import (
    LANGUAGES,
    PLURAL_FORMS,
    TRANSLATED,
    catalogue_files,
    entries,
    project_catalogue,
)

pytestmark = pytest.mark.parametrize("language", TRANSLATED)

# Not read for strings: the repository's history and tools, data the desk imports (seeds/ holds .txt and
# .html articles, which makemessages would read as templates), and tests, documentation and benchmarks,
# which no reviewer sees.
NOT_CODE = (
    ".*",
    "venv",
    "var",
    "staticfiles",
    "node_modules",
    "__pycache__",
    "seeds",
    "tests",
    "docs",
    "bench",
)

Key = tuple[str, str, str]  # msgctxt, msgid, msgid_plural


def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def describe(keys: set[Key]) -> str:
    return "\n".join(
        f"  {f'[{ctxt}] ' if ctxt else ''}{msgid!r}{f' / {plural!r}' if plural else ''}"
        for ctxt, msgid, plural in sorted(keys)
    )


def committed_catalogue(language: str) -> polib.POFile:
    path = project_catalogue(language)
    if not path.is_file():
        pytest.fail(f"there is no catalogue for {language} at {path.relative_to(settings.BASE_DIR)}")
    return polib.pofile(str(path))


def marked_in_code() -> frozenset[Key]:
    if shutil.which("xgettext") is None:
        pytest.fail("install GNU gettext (apt-get install gettext) to check the catalogue")
    return _extract()


@cache
def _extract() -> frozenset[Key]:
    """What `manage.py makemessages` extracts, run once on a copy of the repository (the tree stays as it
    is): the .pot it keeps holds every marked string, with its context and plural."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-extract-") as workdir:
        copy = Path(workdir) / "newsdesk"
        shutil.copytree(settings.BASE_DIR, copy, ignore=shutil.ignore_patterns(*NOT_CODE), symlinks=True)
        command = [sys.executable, "manage.py", "makemessages", "--locale=de", "--no-obsolete", "--keep-pot"]
        env = {**os.environ, "SECRET_KEY": os.environ.get("SECRET_KEY") or "catalogue-check-only"}
        result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
        pot = copy / "locale" / "django.pot"
        return frozenset(key(entry) for entry in polib.pofile(str(pot)) if entry.msgid)


def test_every_entry_is_translated_and_none_is_fuzzy_or_obsolete(language):
    catalogue = committed_catalogue(language)
    untranslated = {key(e) for e in catalogue.untranslated_entries() if not e.obsolete}
    fuzzy = {key(e) for e in catalogue.fuzzy_entries()}
    obsolete = {key(e) for e in catalogue.obsolete_entries()}
    assert not untranslated, f"{len(untranslated)} entries without a translation:\n{describe(untranslated)}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries (check them, then drop the flag):\n{describe(fuzzy)}"
    assert not obsolete, f"{len(obsolete)} obsolete entries (#~):\n{describe(obsolete)}"


def test_the_catalogue_says_how_german_forms_plurals(language):
    assert committed_catalogue(language).metadata.get("Plural-Forms") == PLURAL_FORMS


def test_the_compiled_catalogue_is_the_po_compiled(language):
    """Django loads the .mo: its entries (not its bytes, which depend on msgfmt) must be the .po's."""
    catalogue = committed_catalogue(language)
    compiled_catalogue = project_catalogue(language).with_suffix(".mo")
    assert compiled_catalogue.is_file(), "compile the catalogue: make messages"

    def translations(found) -> dict[Key, object]:
        return {
            key(e): tuple(sorted(e.msgstr_plural.items())) if e.msgid_plural else e.msgstr
            for e in found
            if e.msgid
        }

    compiled = translations(polib.mofile(str(compiled_catalogue)))
    source = translations(catalogue.translated_entries())
    stale = {k for k in source.keys() | compiled.keys() if source.get(k) != compiled.get(k)}
    assert not stale, f"django.mo differs from django.po (run compilemessages) in:\n{describe(stale)}"


def test_the_catalogue_holds_every_string_the_code_marks(language):
    held = {key(entry) for entry in committed_catalogue(language) if not entry.obsolete}
    missing = marked_in_code() - held
    assert not missing, (
        f"{len(missing)} marked strings are not in django.po (makemessages):\n{describe(missing)}"
    )


def test_the_catalogue_holds_only_strings_the_code_or_django_marks(language):
    """Beyond what the code marks, the catalogue may only translate strings of Django or an installed app
    whose own catalogue lacks them (LOCALE_PATHS wins over every app's catalogue)."""
    held = {key(entry) for entry in committed_catalogue(language) if not entry.obsolete}
    known = {key(entry) for code in LANGUAGES for path in catalogue_files(code) for entry in entries(path)}
    stale = {k for k in held - marked_in_code() - known if not in_installed_code(k[1])}
    assert not stale, f"{len(stale)} entries that nothing marks any more:\n{describe(stale)}"


def in_installed_code(msgid: str) -> bool:
    """Whether Django or an installed app (not ours) spells `msgid` in its code: a string newer than its
    own catalogues, which the project may translate for it."""
    return any(msgid in text for text in _installed_code())


@cache
def _installed_code() -> tuple[str, ...]:
    ours = Path(settings.BASE_DIR).resolve()
    roots = {Path(django.__file__).parent} | {Path(app.path) for app in apps.get_app_configs()}
    files = [
        path
        for root in roots
        if not root.resolve().is_relative_to(ours)
        for pattern in ("*.py", "*.html")
        for path in root.rglob(pattern)
    ]
    return tuple(path.read_text(encoding="utf-8", errors="replace") for path in sorted(set(files)))
