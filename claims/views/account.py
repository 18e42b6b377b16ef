"""What a person does for themselves: choose the interface language (the switch in every page's header) and
log out."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from claims import languages


@login_not_required  # the login page offers the switch too, for a shared PC whose browser speaks another
@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    if not languages.supported(language):
        return HttpResponseBadRequest(gettext("This language is not available."), content_type="text/plain")
    languages.choose(request, language)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = "/"
    return redirect(back)


_logout = auth_views.LogoutView.as_view()


def logout(request: HttpRequest) -> HttpResponse:
    """Django's logout, which also asks the browser to drop what it cached for this site: on a shared
    newsroom PC the next person must not find the desk in the back button (every page is no-store too)."""
    response = _logout(request)
    response["Clear-Site-Data"] = '"cache"'
    return response
