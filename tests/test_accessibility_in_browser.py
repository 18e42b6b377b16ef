"""Accessibility in Chromium, in both interface languages: every control has an accessible name (as the
browser computes it for screen readers), and the focus ring stands out 3:1 from what surrounds it."""

from __future__ import annotations

import re

import pytest

from claims.models import Evidence, GuidelineVersion
from tests.browser import import_seed, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_exist"),
]

# Roles a person operates; each needs a name a screen reader can say.
CONTROL_ROLES = {
    "button",
    "link",
    "textbox",
    "searchbox",
    "combobox",
    "listbox",
    "checkbox",
    "radio",
    "spinbutton",
    "progressbar",
    "DisclosureTriangle",
}
LOCALES = {"de": "de-DE", "en": "en-GB"}


@pytest.fixture(params=sorted(LOCALES))
def language_page(request, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=LOCALES[request.param])
    page = context.new_page()
    yield request.param, page
    context.close()


def _unnamed_controls(page) -> list[str]:
    """Controls in Chromium's accessibility tree without a name, as "role (html id or text)"."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    unnamed = []
    for node in nodes:
        role = node.get("role", {}).get("value")
        if node.get("ignored") or role not in CONTROL_ROLES:
            continue
        if not str(node.get("name", {}).get("value", "")).strip():
            unnamed.append(f"{role} (backend node {node.get('backendDOMNodeId')})")
    return unnamed


def _pages(live_server, article, claim) -> list[str]:
    return [
        f"{live_server.url}/",
        f"{live_server.url}/articles/{article.pk}/",
        f"{live_server.url}/import/",
        f"{live_server.url}/export/",
        f"{live_server.url}/claims/{claim.pk}/evidence/",
        f"{live_server.url}/claims/{claim.pk}/history/",
        f"{live_server.url}/agreement/",
        f"{live_server.url}/guidelines/",
        f"{live_server.url}/guidelines/edit/",
        f"{live_server.url}/guidelines/versions/",
        f"{live_server.url}/guidelines/versions/1/",
        f"{live_server.url}/guidelines/versions/2/changes/",
        f"{live_server.url}/claims/{claim.pk}/split/",
        f"{live_server.url}/claims/{claim.pk}/merge/",
        f"{live_server.url}/disputes/",
    ]


def test_every_control_has_an_accessible_name_in_each_language(lead, reviewer, live_server, language_page):
    language, page = language_page
    article = import_seed("003")
    claim = article.claims.labelled_kinds().order_by("position").first()
    claim.set_label(reviewer=lead, value="fact", expected_version=0)
    # The agreement page's menus, and a dispute for the disputes page.
    claim.set_label(reviewer=reviewer, value="opinion", expected_version=0)
    Evidence.objects.create(claim=claim, url="https://example.org/a", stance="refutes", added_by=lead)
    GuidelineVersion.objects.save_next(
        text="# Fakt\n\n[Quelle](https://example.org/)", note="", by=lead, base=0
    )
    GuidelineVersion.objects.save_next(text="# Fakt\n\nPrüfbar.", note="gekürzt", by=lead, base=1)
    log_in(page, live_server, "lena")  # a lead: the correction forms are on the page too
    assert page.get_attribute("html", "lang") == language
    for url in _pages(live_server, article, claim):
        page.goto(url)
        page.wait_for_load_state("domcontentloaded")
        # Open every <details> so the controls inside are in the tree too.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert _unnamed_controls(page) == [], url


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(css: str) -> tuple[int, int, int]:
    r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
    return r, g, b


# The ring is drawn outside the element (outline-offset), so it is seen against the background behind it.
RING = """el => {
  const style = getComputedStyle(el);
  let behind = el.parentElement, background = "rgb(255, 255, 255)";
  while (behind) {
    const bg = getComputedStyle(behind).backgroundColor;
    if (bg && bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") { background = bg; break; }
    behind = behind.parentElement;
  }
  return {width: parseFloat(style.outlineWidth), style: style.outlineStyle, colour: style.outlineColor,
          background: background, tag: el.tagName + "." + el.className};
}"""


def test_the_keyboard_focus_ring_has_three_to_one_contrast_wherever_it_lands(reviewer, live_server, page):
    article = import_seed("003")
    log_in(page, live_server, "rita")
    seen = set()
    # The article list (header, filters, the table's links), then the desk (its claims' controls).
    for path in ("/", f"/articles/{article.pk}/"):
        page.goto(live_server.url + path)
        page.wait_for_selector("html[data-desk-ready]")
        for _ in range(30):
            page.keyboard.press("Tab")
            ring = page.evaluate(f"({RING})(document.activeElement)")
            if ring["tag"].startswith("BODY"):  # past the last control: focus is in the browser's own UI
                continue
            seen.add(ring["tag"])
            assert ring["style"] != "none", ring
            assert ring["width"] >= 2, ring
            assert _contrast(_rgb(ring["colour"]), _rgb(ring["background"])) >= 3, ring
    assert len(seen) > 8, seen  # the walk reached many kinds of control, not one element again and again
    # The claim being worked on is marked with the same ring, on its highlighted background.
    current = page.evaluate(f"({RING})(document.querySelector('.claim[aria-current=true]'))")
    claim_background = page.evaluate(
        "getComputedStyle(document.querySelector('.claim[aria-current=true]')).backgroundColor"
    )
    assert _contrast(_rgb(current["colour"]), _rgb(claim_background)) >= 3
    assert _contrast(_rgb(current["colour"]), _rgb(current["background"])) >= 3
