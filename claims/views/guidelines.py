"""The desk's guidelines: every reviewer reads them (the current text, any saved version, what a version
changed); leads and admins edit them. Each save is a new version (claims.models.GuidelineVersion)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from claims import roles
from claims.forms import GuidelinesForm
from claims.guidelines import STARTER, STARTER_LANGUAGE
from claims.guidelines.changes import Changes, changes
from claims.guidelines.render import render_markdown
from claims.models import GuidelinesChanged, GuidelineVersion

READ_GUIDELINES = gettext_lazy("Only reviewers, leads and admins read the guidelines.")
EDIT_GUIDELINES = gettext_lazy("Only leads and admins edit the guidelines.")


@dataclass(frozen=True)
class Shown:
    """One text of the guidelines as a page shows it: rendered, with the language it is written in.

    `version` None is the starter text, shown until a lead saves the desk's own. A saved text is in the
    desk's language (LANGUAGE_CODE); the starter is German."""

    version: GuidelineVersion | None
    html: SafeString
    language: str

    @classmethod
    def of(cls, version: GuidelineVersion | None) -> Shown:
        if version is None:
            return cls(None, render_markdown(STARTER), STARTER_LANGUAGE)
        return cls(version, render_markdown(version.text), settings.LANGUAGE_CODE)

    @classmethod
    def draft(cls, text: str) -> Shown:
        """A lead's text before it is saved: the edit page's preview."""
        return cls(None, render_markdown(text), settings.LANGUAGE_CODE)


def _text(version: GuidelineVersion | None) -> str:
    return version.text if version else STARTER


def _number(version: GuidelineVersion | None) -> int:
    return version.number if version else 0


@require_GET
def guidelines(request: HttpRequest) -> HttpResponse:
    roles.require_reviewer(request.user, READ_GUIDELINES)
    shown = Shown.of(GuidelineVersion.objects.current())
    context = {"shown": shown, "current": True, "can_edit": roles.is_lead(request.user)}
    return render(request, "claims/guidelines.html", context)


@require_http_methods(["GET", "POST"])
def edit_guidelines(request: HttpRequest) -> HttpResponse:
    if not roles.is_lead(request.user):
        raise PermissionDenied(str(EDIT_GUIDELINES))
    current = GuidelineVersion.objects.current()
    if request.method == "GET":
        form = GuidelinesForm(initial={"text": _text(current), "base": _number(current)}, current=current)
        return render(request, "claims/guidelines_edit.html", {"form": form, "current": current})
    form = GuidelinesForm(request.POST, current=current)
    if not form.is_valid():
        return render(request, "claims/guidelines_edit.html", {"form": form, "current": current}, status=422)
    text = form.cleaned_data["text"]
    if "preview" in request.POST:
        context = {"form": form, "current": current, "preview": Shown.draft(text)}
        return render(request, "claims/guidelines_edit.html", context)
    try:
        saved = GuidelineVersion.objects.save_next(
            text=text, note=form.cleaned_data["note"], by=request.user, base=form.cleaned_data["base"]
        )
    except GuidelinesChanged as changed:
        return _edit_conflict(request, changed.current, text)
    messages.success(request, _("The guidelines are saved as version %(number)s.") % {"number": saved.number})
    return redirect("guidelines")


def _edit_conflict(request: HttpRequest, current: GuidelineVersion | None, text: str) -> HttpResponse:
    """Another lead saved while this one was editing: nothing is saved, the lead's text stays in the form,
    and the page shows what the version saved in the meantime has that the lead's text has not. The form now
    starts from that version, so saving again (after a look at the changes) puts the lead's text on top."""
    data = request.POST.copy()
    data["base"] = str(_number(current))
    form = GuidelinesForm(data, current=current)
    context = {
        "form": form,
        "current": current,
        "conflict": changes(_text(current), text),
        "language": settings.LANGUAGE_CODE,
    }
    return render(request, "claims/guidelines_edit.html", context, status=409)


@require_GET
def guideline_versions(request: HttpRequest) -> HttpResponse:
    roles.require_reviewer(request.user, READ_GUIDELINES)
    # Every version, newest first, with its editor; the texts are not needed for the list.
    versions = GuidelineVersion.objects.select_related("edited_by").defer("text").order_by("-number")
    return render(request, "claims/guideline_versions.html", {"versions": versions})


@require_GET
def guideline_version(request: HttpRequest, number: int) -> HttpResponse:
    roles.require_reviewer(request.user, READ_GUIDELINES)
    version = get_object_or_404(GuidelineVersion.objects.select_related("edited_by"), number=number)
    current = GuidelineVersion.objects.current()
    context = {
        "shown": Shown.of(version),
        "current": version.number == _number(current),
        "current_number": _number(current),
        "can_edit": roles.is_lead(request.user),
    }
    return render(request, "claims/guidelines.html", context)


@dataclass(frozen=True)
class VersionChanges:
    version: GuidelineVersion
    previous: GuidelineVersion | None
    changes: Changes | None  # None: version 1, which has nothing before it
    language: str


@require_GET
def guideline_changes(request: HttpRequest, number: int) -> HttpResponse:
    roles.require_reviewer(request.user, READ_GUIDELINES)
    version = get_object_or_404(GuidelineVersion.objects.select_related("edited_by"), number=number)
    previous = version.previous()
    compared = changes(previous.text, version.text) if previous else None
    shown = VersionChanges(version, previous, compared, settings.LANGUAGE_CODE)
    return render(request, "claims/guideline_changes.html", {"shown": shown})
