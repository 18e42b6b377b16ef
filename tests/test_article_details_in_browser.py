"""A news page imported and its details corrected in Chromium: the desk's head shows the publication and
update dates the page gave (the author is in the details, so the head keeps to one line beside the progress),
and a correction saves without a reload and shows in the history."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claims import importing
from claims.models import ArticleEdit
from tests.browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]

PAGE = Path(__file__).resolve().parent / "data" / "news_page_de.html"


def test_a_reviewer_corrects_the_author_without_a_reload(reviewer, live_server, page):
    article = importing.store(importing.parse_file(PAGE.name, PAGE.read_bytes())).article
    log_in(page, live_server, "rita", f"/articles/{article.pk}/")
    head = page.locator(".desk-head .meta")
    assert "7. Mai 2026 (aktualisiert 8. Mai 2026)" in head.inner_text()
    page.get_by_role("link", name="Angaben", exact=True).click()
    assert page.get_by_label("Autor:in").input_value() == "Martina Beispiel"
    page.get_by_label("Autor:in").fill("Martina Beispiel und Max Muster")
    page.get_by_role("button", name="Angaben speichern").click()
    page.get_by_text("Angaben gespeichert.").wait_for()
    history = page.locator(".details-history").inner_text()
    assert "rita" in history
    assert "Autor:in Martina Beispiel → Martina Beispiel und Max Muster" in history
    assert ArticleEdit.objects.filter(article=article).count() == 1
    if folder := os.environ.get("SCREENSHOTS"):
        page.locator("#article-details").screenshot(path=str(Path(folder) / "article-details.png"))
