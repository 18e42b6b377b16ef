"""The interface language: the reviewer's own choice, else the browser's, else settings.LANGUAGE_CODE.

The choice is saved on the account (Profile.language) and carried in the session, where it is read for
free on every request: the session is loaded anyway to know who is asking. Logging in copies the saved
choice into the new session; logging out ends it, so a shared newsroom PC greets the next person in their
browser's language.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SESSION_KEY = "newsdesk_language"


def supported(language: str) -> bool:
    return language in dict(settings.LANGUAGES)


def choose(request: HttpRequest, language: str) -> None:
    """Speak `language` to this session from now on, and save it on the account of a signed-in user."""
    from claims.models import Profile

    request.session[SESSION_KEY] = language
    if request.user.is_authenticated:
        Profile.objects.update_or_create(user=request.user, defaults={"language": language})


@receiver(user_logged_in, dispatch_uid="newsdesk-language-on-login")
def _restore_choice(sender, request: HttpRequest | None, user, **kwargs) -> None:
    from claims.models import Profile

    if request is None:
        return
    language = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    if language and supported(language):
        request.session[SESSION_KEY] = language


def speaks_desk_language(handle):
    """For a management command's handle(): a command line has no browser to ask, so it speaks the desk's
    language, settings.LANGUAGE_CODE (read when the command runs)."""

    @functools.wraps(handle)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return handle(*args, **kwargs)

    return wrapper


class ChosenLanguageMiddleware:
    """After LocaleMiddleware (the browser's language) and authentication: the session's choice wins."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.session.get(SESSION_KEY)
        if language and supported(language):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
