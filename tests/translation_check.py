"""Pseudo-localisation: catalogues whose every translation is wrapped in ⟦…⟧, and a checker that finds text
a page shows outside such markers.

With the marked catalogue in LOCALE_PATHS (merged last, so it wins over every other), each string that went
through gettext and has a translation shows as "⟦Artikel⟧" (German) or "⟦Articles⟧" (English). Whatever
a page shows with letters outside the markers was not marked in the code, has no German translation, or
is user content that the template does not mark as such (dir="auto", lang, <bdi>).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings
from django.utils.translation import to_locale
from selectolax.lexbor import LexborHTMLParser, LexborNode

OPEN, CLOSE = "⟦", "⟧"
# Every interface language; English is the language of the msgids, every other one has a catalogue of ours.
SOURCE_LANGUAGE = "en"
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
TRANSLATED = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"  # German and English alike


def project_catalogue(language: str) -> Path:
    return Path(settings.BASE_DIR) / "locale" / to_locale(language) / "LC_MESSAGES" / "django.po"


PROJECT_CATALOGUE = project_catalogue("de")

# What a page may show unmarked although it has letters: names that are the same in every language. Keep
# it short; formats and standards (CSV, UTF-8, CheckThat!) are inside translated sentences, which mark them.
PROPER_NOUNS = (
    "Newsdesk",  # the product's name: the brand link, every page's title, the admin's site title
    "https://",  # the placeholder of the evidence link field: the scheme the desk accepts, not a word
)
_PROPER_NOUN = re.compile(
    "|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(PROPER_NOUNS, key=len, reverse=True))
)
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\w+")
_KEY_FOLLOWER = re.compile(r"[)+]|\s+\(")

# Never read as interface text: scripts and styles, inert templates, keys (<kbd>), code, and user content
# isolated in <bdi>. Elements with dir="auto" or a lang attribute hold user content or a language's own name.
SKIPPED_TAGS = frozenset({"script", "style", "template", "kbd", "code", "bdi"})
TEXT_ATTRIBUTES = ("aria-label", "aria-description", "title", "placeholder", "alt")
BUTTON_INPUTS = frozenset({"submit", "button", "reset"})

# Alt texts that Django's admin writes untranslated in Django itself, so the project cannot mark them: the
# Python value of its boolean icons (admin_list._boolean_icon) and the search button (search_form.html).
DJANGO_UNTRANSLATED = frozenset({("alt", "True"), ("alt", "False"), ("alt", "None"), ("alt", "Search")})
# Text that Django shows in English whatever the language: AdminPasswordChangeForm joins its lazy help text
# to a plain str when django.contrib.auth.forms is imported, and the warning it adds is not marked.
DJANGO_UNTRANSLATED_TEXT = frozenset(
    {
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still "
        "be able to authenticate using other backends, such as Single Sign-On or LDAP.",
        "If disabled, the current password for this user will be lost.",
    }
)


# The marked catalogues.


def catalogue_files(language: str) -> list[Path]:
    """The catalogues Django merges for `language` before LOCALE_PATHS, lowest priority first, as
    trans_real.DjangoTranslation does: Django's own, then the installed apps, the first listed winning."""
    locale_dirs = [Path(django.__file__).parent / "conf" / "locale"]
    locale_dirs += [Path(app.path) / "locale" for app in reversed(list(apps.get_app_configs()))]
    found = []
    for locale_dir in locale_dirs:
        base = locale_dir / to_locale(language) / "LC_MESSAGES"
        # Django loads the .mo; the .po has the same entries and, for English, the msgids without msgstr.
        for name in ("django.po", "django.mo"):
            if (base / name).is_file():
                found.append(base / name)
                break
    return found


def _read(path: Path) -> polib._BaseFile:
    return polib.pofile(str(path)) if path.suffix == ".po" else polib.mofile(str(path))


def entries(path: Path) -> Iterator[polib.POEntry]:
    return (entry for entry in _read(path) if entry.msgid and not entry.obsolete)


def _wrapped(entry: polib.POEntry, msgstr: str = "", msgstr_plural: dict | None = None) -> polib.POEntry:
    return polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgid_plural=entry.msgid_plural,
        msgstr=msgstr,
        msgstr_plural=msgstr_plural or {},
    )


def mark(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


def marked_entries(language: str) -> dict[tuple[str | None, str], polib.POEntry]:
    """A translated language (German): every translated, non-fuzzy entry with its translation marked;
    untranslated and fuzzy entries are left out, so gettext falls back to the English msgid, unmarked.
    English: every msgid marked."""
    marked: dict[tuple[str | None, str], polib.POEntry] = {}
    if language == SOURCE_LANGUAGE:
        # Every string some catalogue knows is marked in its code; English shows the msgid itself.
        project = [project_catalogue(code) for code in TRANSLATED if project_catalogue(code).is_file()]
        django_catalogues = [path for code in LANGUAGES for path in catalogue_files(code)]
        for path in [*django_catalogues, *project]:
            for entry in entries(path):
                plural = {0: mark(entry.msgid), 1: mark(entry.msgid_plural)} if entry.msgid_plural else None
                marked[(entry.msgctxt, entry.msgid)] = _wrapped(entry, mark(entry.msgid), plural)
        return marked
    project = [project_catalogue(language)] if project_catalogue(language).is_file() else []
    for path in [*catalogue_files(language), *project]:
        for entry in entries(path):
            if not entry.translated():
                continue
            if entry.msgid_plural:
                plural = {n: mark(text) for n, text in entry.msgstr_plural.items()}
                marked[(entry.msgctxt, entry.msgid)] = _wrapped(entry, msgstr_plural=plural)
            else:
                marked[(entry.msgctxt, entry.msgid)] = _wrapped(entry, mark(entry.msgstr))
    return marked


def write_marked_catalogue(language: str, locale_dir: Path) -> Path:
    """Write locale_dir/<language>/LC_MESSAGES/django.mo; put locale_dir (and only it) in LOCALE_PATHS."""
    catalogue = polib.POFile()
    catalogue.metadata = {
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": language,
        "Plural-Forms": PLURAL_FORMS,
    }
    catalogue.extend(marked_entries(language).values())
    path = locale_dir / to_locale(language) / "LC_MESSAGES" / "django.mo"
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save_as_mofile(str(path))
    return path


# The checker.


@dataclass(frozen=True)
class Unmarked:
    """Text a page shows outside the markers. `data`: each word of it is a word of the database's rows."""

    where: str
    text: str
    data: bool = False

    def __str__(self) -> str:
        hint = '  (user content? give its element dir="auto" or wrap it in <bdi>)' if self.data else ""
        return f"{self.where} {self.text!r}{hint}"


def _is_key(text: str, index: int, standalone: bool) -> bool:
    """Whether the ⟦ at `index` is a key, not a marker. The desk's keys are the first letter of a translated
    word (claims/shortcuts.py), so under these catalogues a key is a ⟦ of its own: "(Umschalt+⟦)", "Press ⟦
    (Shift+⟦)", or a whole string. A marker is followed by its translation, which may begin with a space
    (" By %(filter_title)s ") but not with ")", "+" or " (", and in the text stream it may end a text node
    ("⟦<bdi>rita</bdi> abmelden⟧"). A wrong guess leaves a ⟦ or a ⟧ unmatched, which is reported."""
    following = text[index + 1 :]
    return bool(_KEY_FOLLOWER.match(following)) or (standalone and not following)


def _runs(text: str, depth: int = 0, *, standalone: bool = True) -> tuple[list[str], int, bool]:
    """The pieces of `text` outside markers, the marker depth after it, and whether a ⟧ closed nothing."""
    runs, current, stray = [], [], False
    for index, char in enumerate(text):
        if char == OPEN and _is_key(text, index, standalone):
            continue
        if char == OPEN:
            if depth == 0:
                runs.append("".join(current))
                current = []
            depth += 1
        elif char == CLOSE:
            if depth == 0:
                stray = True
            else:
                depth -= 1
        elif depth == 0:
            current.append(char)
    runs.append("".join(current))
    return runs, depth, stray


def _unmarked_words(runs: Iterable[str]) -> list[str]:
    """The words with letters in `runs`, once the proper nouns are taken out."""
    words = []
    for run in runs:
        words += [word for word in _WORD.findall(_PROPER_NOUN.sub(" ", run)) if _LETTER.search(word)]
    return words


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _is_data(words: list[str], data_words: Collection[str]) -> bool:
    """Every word is a database word; the last may be cut short ("1#2: Bekannt ist, dass … in der verg")."""
    if not data_words:
        return False
    *whole, last = words
    return all(word in data_words for word in whole) and (
        last in data_words or any(word.startswith(last) for word in data_words)
    )


def _finding(where: str, text: str, words: list[str], data_words: Collection[str]) -> Unmarked:
    return Unmarked(where, _squeeze(text), data=_is_data(words, data_words))


def unmarked_in_string(where: str, text: str, data_words: Collection[str] = ()) -> list[Unmarked]:
    """A string shown on its own (an attribute, a JSON value, a plain-text answer): letters only inside
    balanced markers."""
    runs, depth, stray = _runs(text)
    if depth or stray:
        return [Unmarked(f"{where} (unbalanced markers)", _squeeze(text))]
    words = _unmarked_words(runs)
    return [_finding(where, text, words, data_words)] if words else []


def _user_content(node: LexborNode) -> bool:
    attributes = node.attributes
    return attributes.get("dir") == "auto" or "lang" in attributes


def _attributes(node: LexborNode, data_words: Collection[str]) -> list[Unmarked]:
    found = []
    attributes = node.attributes
    shown = [(name, attributes.get(name)) for name in TEXT_ATTRIBUTES]
    if node.tag == "input" and (attributes.get("type") or "").lower() in BUTTON_INPUTS:
        shown.append(("value", attributes.get("value")))
    for name, value in shown:
        if value and (name, value) not in DJANGO_UNTRANSLATED:
            found += unmarked_in_string(f"<{node.tag} {name}>", value, data_words)
    return found


def _json_values(value, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _json_values(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_values(item, f"{path}[{index}]")


def _script_data(node: LexborNode) -> list[Unmarked]:
    """The strings a page hands its scripts through json_script are shown by them: each must be marked."""
    name = f"<script id={node.attributes.get('id') or '?'}>"
    found = []
    for path, value in _json_values(json.loads(node.text(deep=True) or "null"), name):
        found += unmarked_in_string(path, value)
    return found


def _walk(
    node: LexborNode,
    texts: list[str],
    found: list[Unmarked],
    data_words: Collection[str],
    data_selects: Collection[str],
) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            texts.append(child.text_content or "")
            continue
        if tag.startswith("-"):  # comments, the doctype
            continue
        if tag == "script" and (child.attributes.get("type") or "").lower() == "application/json":
            found += _script_data(child)
        if tag in SKIPPED_TAGS:
            continue
        found += _attributes(child, data_words)
        if _user_content(child):
            continue
        if tag == "select" and child.attributes.get("name") in data_selects:
            continue
        if tag == "title":
            # The browser's tab: no element can mark user content there, so database words pass.
            found += [
                finding
                for finding in unmarked_in_string("<title>", child.text(deep=True), data_words)
                if not finding.data
            ]
            continue
        _walk(child, texts, found, data_words, data_selects)


def unmarked_in_html(
    html: str, *, data_words: Collection[str] = (), data_selects: Collection[str] = ()
) -> list[Unmarked]:
    """Visible text and the attributes people read (aria-label, title, placeholder, alt, button values),
    outside user content; and the strings of json_script catalogues.

    Text is read as one stream in document order, because a translation may hold markup: "⟦Abmelden
    <bdi>rita</bdi>⟧" opens its marker in one text node and closes it in another. `data_words` are the words
    of the database's rows: findings made only of them are flagged `data`. `data_selects` names <select>s
    whose options are database rows.
    """
    tree = LexborHTMLParser(html)
    texts: list[str] = []
    found: list[Unmarked] = []
    _walk(tree.root, texts, found, data_words, data_selects)
    depth, opened_in = 0, ""
    for text in texts:
        before = depth
        runs, depth, stray = _runs(text, depth, standalone=False)
        if stray:
            found.append(Unmarked("text (a ⟧ closes no ⟦)", _squeeze(text)))
        if (words := _unmarked_words(runs)) and _squeeze(text) not in DJANGO_UNTRANSLATED_TEXT:
            found.append(_finding("text", text, words, data_words))
        if before == 0 and depth:
            opened_in = text
    if depth:
        # Everything after it would pass as marked, so the page fails.
        found.append(Unmarked("text (a ⟦ that is never closed, opened in)", _squeeze(opened_in)))
    return list(dict.fromkeys(found))


def unmarked_in_response(
    response, *, data_words: Collection[str] = (), data_selects: Collection[str] = ()
) -> list[Unmarked]:
    content_type = response.get("Content-Type", "")
    body = response.content.decode(response.charset or "utf-8")
    if content_type.startswith("text/plain"):
        return unmarked_in_string("plain text", body, data_words)
    assert content_type.startswith("text/html"), f"no check for {content_type!r}"
    return unmarked_in_html(body, data_words=data_words, data_selects=data_selects)


def data_words(values: Iterable[str]) -> frozenset[str]:
    return frozenset(word for value in values for word in _WORD.findall(value) if _LETTER.search(word))
