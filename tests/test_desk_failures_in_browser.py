"""Failures are visible in the browser, and a row never shows a label the server did not save."""

from __future__ import annotations

import pytest

from claims.models import Label
from tests.browser import import_seed, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]


@pytest.fixture
def first_claim(reviewer):
    article = import_seed("003")
    return article.claims.labelled_kinds().order_by("position").first()


def _open(page, live_server, claim):
    log_in(page, live_server, "rita", f"/articles/{claim.article_id}/")
    page.wait_for_selector(f"#claim-{claim.pk}[aria-current=true]")


def test_a_label_changed_in_another_tab_shows_the_current_value(reviewer, live_server, page, first_claim):
    _open(page, live_server, first_claim)
    first_claim.set_label(reviewer=reviewer, value="opinion", expected_version=0)  # the other tab
    page.keyboard.press("f")
    page.wait_for_selector(f"#claim-{first_claim.pk} .row-message:not([hidden])")
    assert "Sie lautet jetzt: Meinung." in page.inner_text(f"#claim-{first_claim.pk} .row-message")
    assert page.get_attribute(f"#claim-{first_claim.pk}", "data-label") == "opinion"


def test_a_csrf_failure_shows_a_message_and_no_label(live_server, page, first_claim):
    _open(page, live_server, first_claim)
    page.context.clear_cookies(name="csrftoken")  # as after the cookie expired or was rotated elsewhere
    page.keyboard.press("f")
    page.wait_for_selector(f"#claim-{first_claim.pk} .row-message:not([hidden])")
    assert page.inner_text(f"#claim-{first_claim.pk} .row-message").startswith(
        "Nicht gespeichert: Das Sicherheits-Token der Seite ist abgelaufen"
    )
    assert page.get_attribute(f"#claim-{first_claim.pk}", "data-label") is None
    assert not Label.objects.exists()


def test_a_cut_database_connection_shows_the_servers_words(live_server, page, first_claim):
    # The answer claims/views/errors.py gives (tests/security/test_cut_database_connection.py), here
    # given by the browser's network layer, since the live server's connection cannot be cut mid-request.
    words = "Die Verbindung zur Datenbank ist abgebrochen: Versuchen Sie es gleich noch einmal."
    _open(page, live_server, first_claim)
    page.route(
        "**/label/",
        lambda route: route.fulfill(status=503, content_type="text/plain; charset=utf-8", body=words),
    )
    page.keyboard.press("f")
    page.wait_for_selector(f"#claim-{first_claim.pk} .row-message:not([hidden])")
    assert page.inner_text(f"#claim-{first_claim.pk} .row-message") == words
