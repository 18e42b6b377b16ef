"""In Chromium, in German: a lead assigns a seed article to two reviewers on the assignment page; the first
adds evidence, labels and writes a note; the second, blind until labelling, sees none of it, labels with the
keyboard, and then sees the first reviewer's evidence, stance and note."""

from __future__ import annotations

import pytest

from claims.models import Assignment, Evidence, Label
from tests.browser import LOCALE, import_seed, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]

RITAS_LINK = "https://www.tagesschau.de/faktenfinder/"
RITAS_EVIDENCE_NOTE = "Dementi der Regierung"
RITAS_NOTE = "Zitat nachgeprüft"


@pytest.fixture
def second_page(browser):
    """A second browser context: another person at another PC."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=LOCALE)
    yield context.new_page()
    context.close()


@pytest.fixture
def third_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=LOCALE)
    yield context.new_page()
    context.close()


def test_a_lead_assigns_and_the_second_reviewer_sees_the_firsts_work_only_after_labelling(
    lead, reviewer, second_reviewer, live_server, page, second_page, third_page
):
    import_seed("001")
    article = import_seed("003")
    first = article.claims.labelled_kinds().order_by("position").first()

    # The lead assigns the article to rita and sven, with two labels needed per claim.
    log_in(page, live_server, "lena", "/")
    page.click("nav >> text=Zuweisungen")
    page.check(f"#article-{article.pk}")
    page.check(f"#reviewer-{reviewer.pk}")
    page.check(f"#reviewer-{second_reviewer.pk}")
    page.check("text=Jeden Artikel allen gewählten Prüfer:innen zuweisen")
    page.fill("#id_labels_needed", "2")
    page.click("button[name=action][value=assign]")
    outcome = page.inner_text(".assign-outcome")
    assert "rita" in outcome
    assert "sven" in outcome
    assert outcome.count(article.title) == 2
    assert set(Assignment.objects.values_list("reviewer__username", flat=True)) == {"rita", "sven"}

    # rita: her assigned article is first in her list; N takes her to its first claim.
    rita = second_page
    log_in(rita, live_server, "rita", "/")
    rita.wait_for_selector("html[data-desk-ready]")
    assert "mir zugewiesen" in rita.inner_text("table.articles tbody tr:first-child")
    rita.keyboard.press("Shift+N")
    rita.wait_for_selector(f"#claim-{first.pk}[aria-current=true]")
    rita.keyboard.press("b")  # Beleg
    rita.wait_for_selector(f"#ev-url-{first.pk}:focus")
    rita.keyboard.type(RITAS_LINK)
    rita.check(f"#claim-{first.pk} input[name=stance][value=refutes]")
    rita.fill(f"#claim-{first.pk} textarea[name=note]", RITAS_EVIDENCE_NOTE)
    rita.keyboard.press("Control+Enter")
    rita.wait_for_selector(f"#claim-{first.pk} .evidence-summary")
    rita.click(f"#claim-{first.pk} .claim-text")
    rita.keyboard.press("f")
    rita.wait_for_selector(f"#claim-{first.pk}[data-label=fact]")
    rita.click(f"#claim-{first.pk} .claim-text")
    rita.keyboard.press("a")  # Anmerkung
    rita.wait_for_selector(f"#note-{first.pk}:focus")
    rita.keyboard.type(RITAS_NOTE)
    rita.keyboard.press("Control+Enter")
    rita.wait_for_selector(f"#claim-{first.pk} .note-preview")
    assert Evidence.objects.get(claim=first).added_by == reviewer
    assert Label.objects.get(claim=first, reviewer=reviewer).note == RITAS_NOTE

    # sven, before labelling: that someone labelled, nothing of what or why.
    sven = third_page
    log_in(sven, live_server, "sven", f"/articles/{article.pk}/")
    sven.wait_for_selector("html[data-desk-ready]")
    row = f"#claim-{first.pk}"
    before = sven.text_content(row)
    assert "1 weitere Person · Einstufungen verborgen" in before
    for hidden in ("tagesschau.de", "widerlegt 1", RITAS_EVIDENCE_NOTE, RITAS_NOTE, "rita"):
        assert hidden not in before, hidden
    assert sven.locator(f"{row} .evidence-list").count() == 0

    # sven labels with the keyboard; the answer reveals rita's evidence, its stance and her note.
    assert sven.get_attribute(row, "aria-current") == "true"
    sven.keyboard.press("m")
    sven.wait_for_selector(f"{row}[data-label=opinion]")
    # The focus moved on to the next claim; back to this one, whose tools show for the claim worked on.
    sven.wait_for_selector(f"{row} .evidence-list", state="attached")
    sven.click(f"{row} .claim-text")
    sven.wait_for_selector(f"{row} .evidence-list")
    assert sven.inner_text(f"{row} .evidence-summary") == "Belege: widerlegt 1"
    evidence = sven.inner_text(f"{row} .evidence-list")
    assert "tagesschau.de" in evidence
    assert RITAS_EVIDENCE_NOTE in evidence
    assert "rita" in evidence
    assert sven.inner_text(f"{row} .others") == "1 weitere Person: 1 Fakt"
    sven.click(f"{row} .others-labels summary")
    assert sven.inner_text(f"{row} .others-labels ul") == f"rita: Fakt · {RITAS_NOTE}"
