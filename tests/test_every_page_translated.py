"""Every page a reviewer, a lead and an admin uses shows only translated text, in German and in English.

The pages are rendered with a pseudo-localised catalogue (tests/translation_check.py): each translated
string shows as ⟦…⟧. Any letters outside the markers are a string that is not marked for translation, has
no German translation, or is user content that the template does not mark as such (dir="auto", lang or
<bdi>). A failure lists them as "page [language]: where 'text'".
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest
from axes.models import AccessFailureLog
from django.conf import settings as django_settings
from django.contrib import admin
from django.db.models import CharField, TextField
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info

from claims import importing
from claims.models import Article, Assignment, Claim, Evidence, Label, SegmentationEvent
from tests.translated_pages import ALL_PAGES, Newsroom, visit
from tests.translation_check import (
    LANGUAGES,
    data_words,
    unmarked_in_html,
    unmarked_in_response,
    write_marked_catalogue,
)

# <select>s of the admin whose options are database rows, not interface: permission names are stored in
# English when migrations create them, and Django shows them as stored.
ADMIN_DATA_SELECTS = frozenset({"user_permissions", "permissions"})


@pytest.fixture(scope="session")
def marked_locale(tmp_path_factory) -> dict[str, str]:
    """One LOCALE_PATHS directory per language, each holding only that language's marked catalogue: with
    German alone in it, a string missing from German cannot fall back to a marked English one."""
    root = tmp_path_factory.mktemp("marked-locale")
    for language in LANGUAGES:
        write_marked_catalogue(language, root / language)
    return {language: str(root / language) for language in LANGUAGES}


@pytest.fixture
def speak(settings, marked_locale) -> Callable[[str], None]:
    # Changing LOCALE_PATHS sends setting_changed, whose receiver (django.test.signals.language_changed)
    # empties trans_real._translations: the marked catalogue is loaded afresh, and dropped again after.
    def speak(language: str) -> None:
        settings.LOCALE_PATHS = [marked_locale[language]]

    return speak


@pytest.fixture
def i18n_on(settings):
    """Translation on whatever the settings say, for the checks of the harness itself. Django binds gettext
    to trans_real or trans_null on first use (django.utils.translation.Trans), so the binding is dropped on
    the way in and out."""
    settings.USE_I18N = True
    translation._trans.__dict__.clear()
    yield
    translation._trans.__dict__.clear()


# The newsroom the pages show.


@pytest.fixture
def newsroom(seed_article, reviewer, second_reviewer, lead, admin_user, outsider, monkeypatch) -> Newsroom:
    Article.objects.filter(pk=seed_article.pk).update(outlet="Kieler Rundschau", author="Jana Quast")
    article = Article.objects.get(pk=seed_article.pk)
    claims = list(Claim.objects.labelled_kinds().filter(article=article).order_by("position"))
    claim, following = next((a, b) for a, b in pairwise(claims) if b.position == a.position + 1)
    others_only = next(c for c in claims if c not in (claim, following))
    claim.set_label(reviewer=reviewer, value=Label.Value.FACT, expected_version=0)
    claim.set_note(reviewer=reviewer, note="Quelle prüfen", expected_version=1)
    claim.set_label(reviewer=second_reviewer, value=Label.Value.OPINION, expected_version=0)
    claim.set_note(reviewer=second_reviewer, note="Eher Meinung", expected_version=1)
    following.set_label(reviewer=reviewer, value=Label.Value.OPINION, expected_version=0)
    others_only.set_label(reviewer=second_reviewer, value=Label.Value.FACT, expected_version=0)
    # A lead settled `claim`, and sven's later label reopened it; `following` is a plain dispute.
    claim.decide(by=lead, value=Label.Value.FACT, reason="Pressemitteilung bestätigt", expected=0)
    claim.set_label(reviewer=second_reviewer, value=Label.Value.UNVERIFIABLE, expected_version=2)
    following.set_label(reviewer=second_reviewer, value=Label.Value.FACT, expected_version=0)
    SegmentationEvent.objects.create(
        article=article, claim=claim, by=lead, action=SegmentationEvent.Action.KIND, detail="Überschrift"
    )
    evidence = Evidence.objects.create(
        claim=claim,
        url="https://example.org/kreml",
        stance=Evidence.Stance.REFUTES,
        title="Mitteilung des Kremls",
        note="Dementi vom Montag",
        added_by=reviewer,
    )
    others_evidence = Evidence.objects.create(
        claim=claim,
        url="https://example.org/bericht",
        stance=Evidence.Stance.SUPPORTS,
        added_by=second_reviewer,
    )
    Assignment.objects.assign([(article.pk, reviewer.pk), (article.pk, second_reviewer.pk)], by=lead)
    other = importing.store(
        importing.parse(
            "Der Hafen von Kiel wird ausgebaut. Die Stadt zahlt zwei Millionen Euro.", title="Hafen"
        ),
        by=reviewer,
    ).article
    # Rows for the admin's pages of django-axes: a failed login, one that succeeded, and a failure log
    # (which axes writes only with AXES_ENABLE_ACCESS_FAILURE_LOG, but its admin lists anyway).
    anonymous = Client()
    anonymous.post(reverse("login"), {"username": "sven", "password": "wrong"})
    anonymous.post(reverse("login"), {"username": "lena", "password": "correct horse battery"})
    AccessFailureLog.objects.create(username="sven", ip_address="127.0.0.1", path_info=reverse("login"))
    return Newsroom(
        article=article,
        claim=claim,
        following=following,
        others_only=others_only,
        evidence=evidence,
        others_evidence=others_evidence,
        other_article=other,
        users={
            "anonymous": None,
            "outsider": outsider,
            "reviewer": reviewer,
            "lead": lead,
            "admin": admin_user,
        },
        monkeypatch=monkeypatch,
    )


def database_words() -> frozenset[str]:
    """The words of every row the admin can show: these are data, not interface. With them the languages'
    names in their own language, which the admin's language menu shows and no template can mark there."""
    values = [str(get_language_info(code)["name_local"]) for code, _ in django_settings.LANGUAGES]
    for model in admin.site._registry:
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, CharField | TextField) and not field.choices and field.name != "password"
        ]
        if fields:
            values += [value for row in model._default_manager.values_list(*fields) for value in row]
    return data_words(values)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ALL_PAGES, ids=str)
def test_the_page_shows_only_translated_text(page, language, newsroom, speak):
    speak(language)
    response = visit(page, newsroom, language)
    assert response.status_code == page.status, f"{page} answered {response.status_code}, not {page.status}"
    where = f"{page} [{language}]"
    problems = []
    if response.get("Content-Language") != language:
        problems.append(f"{where}: answered in {response.get('Content-Language')!r}, not {language!r}")
    if "⟦" not in response.content.decode():
        problems.append(f"{where}: shows no translated text at all (is translation on?)")
    data_selects = ADMIN_DATA_SELECTS if page.admin else ()
    for finding in unmarked_in_response(response, data_words=database_words(), data_selects=data_selects):
        if not (page.admin and finding.data):
            problems.append(f"{where}: {finding}")
    if problems:
        pytest.fail(f"{len(problems)} untranslated on {where}:\n" + "\n".join(problems), pytrace=False)


# The harness itself.


def test_the_marked_catalogues_are_loaded(i18n_on, speak, settings):
    template = Template('{% load i18n %}{% translate "Log in" %} {% translate "Not in any catalogue" %}')
    speak("de")
    with translation.override("de"):
        german = template.render(Context())
        hours = translation.ngettext("%(num)d hour", "%(num)d hours", 2)
    speak("en")
    with translation.override("en"):
        english = template.render(Context())
    assert (german, hours) == ("⟦Anmelden⟧ Not in any catalogue", "⟦%(num)d Stunden⟧")
    assert english == "⟦Log in⟧ Not in any catalogue"


def test_changing_locale_paths_drops_the_loaded_catalogues(i18n_on, speak, settings):
    speak("de")
    with translation.override("de"):
        translation.gettext("Log in")
    settings.LOCALE_PATHS = []
    with translation.override("de"):
        assert translation.gettext("Log in") == "Anmelden"


def test_the_checker_finds_text_outside_the_markers():
    found = unmarked_in_html("<p>Hello</p><p>⟦Hallo⟧ 3</p><p><bdi>Text</bdi></p><p dir=auto>Text</p>")
    assert [(f.where, f.text) for f in found] == [("text", "Hello")]


def test_the_checker_reads_attributes_scripts_and_markup_inside_translations():
    html = (
        '<nav aria-label="Main"><button>⟦Abmelden <bdi>rita</bdi>⟧</button>'
        '<input type="submit" value="Save"><input type="text" value="rita"><abbr title="⟦Anzahl⟧">#</abbr>'
        '<script type="application/json" id="desk-catalogue">{"text": {"a": "⟦Gut⟧", "b": "Oops"}}</script>'
        "<kbd>f</kbd> Newsdesk</nav>"
    )
    found = unmarked_in_html(html)
    assert [(f.where, f.text) for f in found] == [
        ("<nav aria-label>", "Main"),
        ("<input value>", "Save"),
        ("<script id=desk-catalogue>.text.b", "Oops"),
    ]


def test_the_checker_flags_database_words_and_reports_unbalanced_markers():
    found = unmarked_in_html("<h1>Maduro</h1><p>⟦Hallo</p><p>Hello</p>", data_words={"Maduro"})
    assert [(f.text, f.data) for f in found] == [("Maduro", True), ("⟦Hallo", False)]
    assert found[1].where == "text (a ⟦ that is never closed, opened in)"


def test_the_checker_tells_the_desks_keys_from_markers():
    # A key is the first letter of a translated word, so here a lone ⟦; " By %(filter_title)s " starts
    # with a space and is still a marker.
    html = (
        "<p>⟦ Nach ⟦Aktiv⟧ ⟧</p><td><kbd>⟦</kbd> (⟦Umschalt⟧+⟦)</td>"
        '<script type="application/json">{"keys": {"note": "⟦"}, "text": "⟦Drücke ⟦ (Umschalt+⟦)⟧"}</script>'
    )
    assert unmarked_in_html(html) == []
