"""Disputes in Chromium, the issue's whole flow: two reviewers label a seed article with the keyboard and
disagree; the second sees nothing of the first's evidence, note or labels before labelling a claim, and all
of it afterwards; the agreement page and the agreement command's JSON give the kappa and alpha of the
reference packages; a lead settles the disputes with the keyboard alone; the claims CSV from the Export page
then gives the settled labels with status adjudicated.

The browser asks for German (the `page` fixture): on the desk f Fakt, m Meinung, n Nicht überprüfbar,
b Beleg, a Anmerkung; on Streitfälle the same label keys, and b Begründung."""

from __future__ import annotations

import json
from io import StringIO

import krippendorff
import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from sklearn.metrics import cohen_kappa_score

from claims.models import Decision
from tests.browser import import_seed, log_in
from tests.exporting import read_csv

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]

KEYS = {"f": "fact", "m": "opinion", "n": "unverifiable"}
RITAS_KEYS, SVENS_KEYS = "fmfnf", "fmmfn"  # the first two claims agree, the other three are disputed
RITAS_LINK = "https://www.destatis.de/pressemitteilung"
RITAS_EVIDENCE_NOTE = "Zahlen des Statistikamts"
RITAS_NOTE = "Zitat nachgeprüft"


def _open_the_desk(page, live_server, username: str, article) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, username, f"/articles/{article.pk}/")
    page.wait_for_selector("html[data-desk-ready]")


def _label_with_keys(page, ids: list[int], keys: str) -> None:
    """Label the claims one key each, from the focused first one on; the focus moves on by itself."""
    for claim_id, key in zip(ids, keys, strict=True):
        assert page.get_attribute(f"#claim-{claim_id}", "aria-current") == "true"
        page.keyboard.press(key)
        page.wait_for_selector(f"#claim-{claim_id}[data-label={KEYS[key]}]")


def _add_evidence_and_a_note(page, claim_id: int) -> None:
    row = f"#claim-{claim_id}"
    page.click(f"{row} .claim-text")
    page.keyboard.press("b")  # Beleg
    page.wait_for_selector(f"#ev-url-{claim_id}:focus")
    page.keyboard.type(RITAS_LINK)
    page.check(f"#ev-stance-refutes-{claim_id}")
    page.fill(f"#ev-note-{claim_id}", RITAS_EVIDENCE_NOTE)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"{row} .evidence-summary")
    page.click(f"{row} .claim-text")
    page.keyboard.press("a")  # Anmerkung
    page.wait_for_selector(f"#note-{claim_id}:focus")
    page.keyboard.type(RITAS_NOTE)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"{row} .note-preview")


def _table_row(page, heading: str, row_name: str) -> dict[str, str]:
    """The row `row_name` of the agreement page's table under `heading`, as column heading → cell text."""
    section = page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))
    table = section.locator("table")
    row = table.locator("tbody tr", has=page.get_by_role("rowheader", name=row_name, exact=True))
    cells = [row.locator("th").inner_text(), *row.locator("td").all_inner_texts()]
    return dict(zip(table.locator("thead th").all_inner_texts(), cells, strict=True))


def _agreement_shown(page, article) -> dict[str, str]:
    """Cohen's kappa of rita and sven, and Krippendorff's alpha of the article, as the agreement page shows
    them."""
    return {
        "Cohens Kappa": _table_row(page, "Paare von Prüfer:innen", "rita – sven")["Cohens Kappa"],
        "Krippendorffs Alpha": _table_row(page, "Neueste Artikel", article.title)["Krippendorffs Alpha"],
    }


def _settle(page, claim_id: int, key: str) -> None:
    assert page.get_attribute(f"#dispute-{claim_id}", "aria-current") == "true"
    page.keyboard.press(key)
    page.wait_for_selector(f"#dispute-{claim_id} .status-adjudicated")


def test_two_reviewers_label_blind_the_figures_match_the_reference_and_a_lead_settles_with_the_keyboard(
    reviewer, second_reviewer, lead, live_server, page
):
    article = import_seed("003")
    ids = list(article.claims.labelled_kinds().order_by("position").values_list("pk", flat=True))[:5]
    disputed = ids[2:5]  # f/m, n/f, f/n
    evidenced = disputed[0]

    # rita labels with the keyboard, then adds refuting evidence and a note to one claim.
    _open_the_desk(page, live_server, "rita", article)
    _label_with_keys(page, ids, RITAS_KEYS)
    _add_evidence_and_a_note(page, evidenced)

    # sven, before labelling: that someone labelled, nothing of what, why or with which evidence.
    _open_the_desk(page, live_server, "sven", article)
    row = f"#claim-{evidenced}"
    page.click(f"{row} .claim-text")  # its tools come when he moves to it
    hidden_values = "1 weitere Person · Einstufungen verborgen, bis Sie eingestuft haben"
    assert page.inner_text(f"{row} .others") == hidden_values
    html = page.content()
    for hidden in ("destatis.de", RITAS_EVIDENCE_NOTE, RITAS_NOTE, "rita", "widerlegt"):
        assert hidden not in html, hidden
    others = set(page.locator(".claim .others").all_inner_texts())
    assert others <= {hidden_values, "Keine anderen Einstufungen"}  # no "1 Fakt" in the tools he opened
    assert page.locator(".others-labels, .evidence-list").count() == 0

    # sven labels the same claims; back on the evidenced one, he sees rita's evidence, label and note.
    page.click(f"#claim-{ids[0]} .claim-text")
    _label_with_keys(page, ids, SVENS_KEYS)
    page.click(f"{row} .claim-text")
    page.wait_for_selector(f"{row} .evidence-list")
    assert page.inner_text(f"{row} .evidence-summary") == "Belege: widerlegt 1"
    evidence = page.inner_text(f"{row} .evidence-list")
    assert "destatis.de" in evidence
    assert RITAS_EVIDENCE_NOTE in evidence
    assert page.inner_text(f"{row} .others") == "1 weitere Person: 1 Fakt"
    page.click(f"{row} .others-labels summary")
    assert page.inner_text(f"{row} .others-labels ul") == f"rita: Fakt · {RITAS_NOTE}"

    # The lead reads the agreement: the reference packages' kappa and alpha of the labels just set, on the
    # page with two decimals and a decimal comma, and in the JSON in full.
    ritas, svens = [KEYS[k] for k in RITAS_KEYS], [KEYS[k] for k in SVENS_KEYS]
    kappa = cohen_kappa_score(ritas, svens)
    codes = list(KEYS.values())
    alpha = krippendorff.alpha(
        reliability_data=[[codes.index(v) for v in ritas], [codes.index(v) for v in svens]],
        level_of_measurement="nominal",
    )
    page.context.clear_cookies()
    log_in(page, live_server, "lena", "/agreement/")
    shown = _agreement_shown(page, article)
    assert shown == {
        "Cohens Kappa": f"{kappa:.2f}".replace(".", ","),
        "Krippendorffs Alpha": f"{alpha:.2f}".replace(".", ","),
    }
    out = StringIO()
    call_command("agreement", "--article", str(article.pk), "--format", "json", stdout=out)
    document = json.loads(out.getvalue())
    (pair,) = document["pairs"]
    assert pair["reviewers"] == ["rita", "sven"]
    assert pair["cohen_kappa"]["value"] == pytest.approx(kappa)
    assert document["krippendorff_alpha"]["value"] == pytest.approx(alpha)

    # The lead settles the three disputes with the keyboard, one with a reason.
    page.goto(f"{live_server.url}/disputes/")
    page.wait_for_selector("html[data-disputes-ready]")
    page.evaluate("window.notReloaded = true")
    assert page.inner_text("#dispute-count") == "3 Streitfälle warten auf eine Leitung."
    shown_disputes = page.eval_on_selector_all(
        "#disputes [data-claim-id]", "items => items.map(i => +i.dataset.claimId)"
    )
    assert shown_disputes == disputed  # sven labelled them in this order: the longest-waiting first
    page.keyboard.press("j")
    page.keyboard.press("k")
    _settle(page, disputed[0], "m")
    page.keyboard.press("b")  # Begründung
    page.wait_for_selector(f"#reason-{disputed[1]}:focus")
    page.keyboard.type("Laut Statistikamt belegt")
    page.keyboard.press("Escape")
    _settle(page, disputed[1], "f")
    _settle(page, disputed[2], "n")
    page.wait_for_selector("#queue-done:not([hidden])")
    page.wait_for_selector('#dispute-count:text("0 Streitfälle warten auf eine Leitung.")')
    assert page.evaluate("window.notReloaded") is True
    decided = list(Decision.objects.order_by("claim__position").values_list("claim_id", "value", "reason"))
    assert decided == [
        (disputed[0], "opinion", ""),
        (disputed[1], "fact", "Laut Statistikamt belegt"),
        (disputed[2], "unverifiable", ""),
    ]
    assert page.get_attribute(f"#dispute-{disputed[2]}", "data-decided") == "unverifiable"

    # Agreement is between the reviewers' labels: settling the disputes leaves it as it was.
    page.goto(f"{live_server.url}/agreement/")
    assert _agreement_shown(page, article) == shown

    page.goto(f"{live_server.url}/export/")
    page.get_by_role("button", name="Herunterladen").focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    with open(download.value.path(), "rb") as file:
        rows = {int(row["claim_id"]): row for row in read_csv(file.read())}
    settled = [(rows[pk]["label"], rows[pk]["label_status"], rows[pk]["decided_by"]) for pk in disputed]
    assert settled == [
        ("opinion", "adjudicated", "lena"),
        ("fact", "adjudicated", "lena"),
        ("unverifiable", "adjudicated", "lena"),
    ]
    assert rows[disputed[1]]["decision_reason"] == "Laut Statistikamt belegt"
    assert [(rows[pk]["label"], rows[pk]["label_status"]) for pk in ids[:2]] == [
        ("fact", "agreed"),
        ("opinion", "agreed"),
    ]


def test_an_expired_session_shows_on_the_dispute_and_decides_nothing(
    reviewer, second_reviewer, lead, live_server, page
):
    article = import_seed("003")
    claim = article.claims.labelled_kinds().order_by("position").first()
    claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
    claim.set_label(reviewer=second_reviewer, value="opinion", expected_version=0)
    log_in(page, live_server, "lena", "/disputes/")
    page.wait_for_selector("html[data-disputes-ready]")
    Session.objects.all().delete()
    page.keyboard.press("f")
    page.wait_for_selector(f"#dispute-{claim.pk} .row-message:not([hidden])")
    assert page.inner_text(f"#dispute-{claim.pk} .row-message").startswith("Ihre Sitzung ist abgelaufen.")
    assert page.get_attribute(f"#dispute-{claim.pk}", "data-decided") is None
    assert not Decision.objects.exists()
