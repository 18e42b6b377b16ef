"""A 20-file upload in Chromium: the page returns at once, and its progress bar fills without a reload as a
real worker process imports the files, until it says done."""

from __future__ import annotations

import pytest

from claims.models import Article
from tests.browser import log_in
from tests.jobs_helpers import article_files, start_worker, stop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]


def test_the_progress_bar_of_a_20_file_upload_reaches_done(reviewer, live_server, page):
    log_in(page, live_server, "rita", "/import/")
    files = [{"name": f.name, "mimeType": "text/plain", "buffer": f.read()} for f in article_files(20)]
    page.set_input_files("#id_files", files=files)
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_role("heading", name="Import läuft").wait_for()
    bar = page.locator("#batch-bar")
    assert bar.get_attribute("value") == "0"
    page.evaluate("window.stillTheSamePage = true")
    worker = start_worker(slow=0.05)
    try:
        page.get_by_text("Fertig.").wait_for(timeout=120_000)
    finally:
        stop(worker)
    assert (bar.get_attribute("value"), bar.get_attribute("max")) == ("20", "20")
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.locator(".outcomes li.ok").count() == Article.objects.count() == 20
