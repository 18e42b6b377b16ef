"""What a person chooses for themselves: the interface language (the switch in every page's header)."""

from __future__ import annotations

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
