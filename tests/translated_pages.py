"""The pages test_every_page_translated.py checks: every page a reviewer, a lead and an admin uses, each
with who asks, the status it must answer, and how to reach it. The admin's pages come from
admin.site._registry, so a model registered later is checked too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import NoReverseMatch, reverse

from claims.models import (
    Article,
    Assignment,
    Claim,
    Evidence,
    GuidelineVersion,
    Label,
    SegmentationEvent,
    corrections,
)
from tests.conftest import SEEDS, client_for
from tests.desk_helpers import csrf_token


@dataclass
class Newsroom:
    article: Article  # seed 003: headings, claims, boilerplate, a repeated caption; disputed
    claim: Claim  # rita: fact, with a note and a history; sven: opinion; evidence by both
    following: Claim  # the next unit, rita: opinion, so merging `claim` needs a decision
    others_only: Claim  # labelled by sven alone: rita sees that, not what
    evidence: Evidence  # rita's
    others_evidence: Evidence  # sven's
    other_article: Article
    users: dict[str, User | None]
    monkeypatch: pytest.MonkeyPatch


# The pages. Each visit returns the response to check; `follow=True` where a redirect shows a message.

Visit = Callable[[Newsroom, Client], HttpResponse]


@dataclass(frozen=True)
class Page:
    name: str
    persona: str
    status: int
    visit: Visit
    admin: bool = False

    def __str__(self) -> str:
        return f"{self.persona}: {self.name}"


def htmx(client: Client, method: str, url: str, data: dict | None = None, **extra) -> HttpResponse:
    headers = {"HX-Request": "true"}
    if method == "post":
        headers["X-CSRFToken"] = csrf_token(client)
    return getattr(client, method)(url, data or {}, headers=headers, **extra)


def post(client: Client, url: str, data: dict | None = None, **extra) -> HttpResponse:
    """A form's POST, with the CSRF token a page of the desk (or, signed out, the login page) hands out."""
    page = "/" if "_auth_user_id" in client.session else reverse("login")
    return client.post(url, {**(data or {}), "csrfmiddlewaretoken": csrf_token(client, page)}, **extra)


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def label(value: str, version: int) -> dict:
    return {"label": value, "version": version}


def _locked_out(room: Newsroom, client: Client) -> HttpResponse:
    for _ in range(5):
        post(client, url("login"), {"username": "rita", "password": "wrong"})
    return post(client, url("login"), {"username": "rita", "password": "correct horse battery"})


def _server_error(room: Newsroom, client: Client) -> HttpResponse:
    def fail(*args, **kwargs):
        raise RuntimeError("a failure the 500 page reports")

    room.monkeypatch.setattr("claims.views.articles.Paginator", fail)
    client.raise_request_exception = False
    return client.get(url("home"))


def _paginated(page: int) -> Visit:
    def visit(room: Newsroom, client: Client) -> HttpResponse:
        room.monkeypatch.setattr("claims.views.articles.ARTICLES_PER_PAGE", 1)
        return client.get(url("home"), {"page": page})

    return visit


def _nothing_left(room: Newsroom, client: Client) -> HttpResponse:
    reviewer = room.users["reviewer"]
    for claim in Claim.objects.labelled_kinds().exclude(labels__reviewer=reviewer):
        Label.objects.create(claim=claim, reviewer=reviewer, value=Label.Value.FACT)
    return client.get(url("next_claim"), follow=True)


def _imported(room: Newsroom, client: Client) -> HttpResponse:
    seed = SEEDS / "003_c3161a89b730dfe0.txt"
    files = [
        ("Elbe.txt", "Die Elbe ist 1094 Kilometer lang. Sie mündet bei Cuxhaven.".encode()),
        (seed.name, seed.read_bytes()),  # imported before: "already imported as …"
    ]
    uploads = [_upload(name, data) for name, data in files]
    return post(client, url("import"), {"files": uploads}, follow=True)


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _language_refused(room: Newsroom, client: Client) -> HttpResponse:
    try:
        choose = url("choose_language")
    except NoReverseMatch:
        pytest.skip("no language switch (choose_language) on this branch")
    return post(client, choose, {"language": "xx"})


def _split_at_a_space(room: Newsroom, client: Client) -> HttpResponse:
    offset = room.claim.text.index(" ", len(room.claim.text) // 2)
    return post(client, url("split_claim", room.claim.pk), {"offset": offset}, follow=True)


def _split(room: Newsroom) -> SegmentationEvent:
    """The split of `claim` after its first word, by the lead: the correction an undo takes back."""
    corrections.split_at(room.claim, room.claim.text.index(" "), by=room.users["lead"])
    return SegmentationEvent.objects.filter(claim=room.claim, action="split").latest("pk")


def _history_after_a_split(room: Newsroom, client: Client) -> HttpResponse:
    _split(room)
    return client.get(url("claim_history", room.claim.pk))


def _undo(*, after_a_change: bool) -> Visit:
    def visit(room: Newsroom, client: Client) -> HttpResponse:
        event = _split(room)
        if after_a_change:  # a reviewer labelled the new second part: the undo is refused
            second = Claim.objects.get(article=room.article, position=room.claim.position + 1)
            second.set_label(reviewer=room.users["reviewer"], value="fact", expected_version=0)
        return post(client, url("undo_correction", event.pk), follow=True)

    return visit


def _decision(value: str, seen: int = 0, reason: str = "") -> dict:
    return {"value": value, "seen": seen, "reason": reason}


def _disputes_paginated(room: Newsroom, client: Client) -> HttpResponse:
    room.monkeypatch.setattr("claims.views.disputes.DISPUTES_PER_PAGE", 1)
    return client.get(url("disputes"), {"page": 2})


def _no_disputes(room: Newsroom, client: Client) -> HttpResponse:
    lead = room.users["lead"]
    for claim in Claim.objects.disputes():
        latest = claim.latest_decision()
        claim.decide(by=lead, value=Label.Value.OPINION, expected=latest.pk if latest else 0)
    return client.get(url("disputes"))


def _last_unit(room: Newsroom) -> Claim:
    return Claim.objects.filter(article=room.article).order_by("position").last()


def _guidelines_saved_twice(room: Newsroom) -> None:
    """Two versions by the lead, the second changing a line of the first, with a change note each."""
    lead = room.users["lead"]
    first = "# Fakt\n\nPrüfbar.\n\n## Meinung\n\nEin Urteil."
    GuidelineVersion.objects.save_next(text=first, note="Erste Fassung", by=lead, base=0)
    second = first.replace("Prüfbar.", "Prüfbar, mit Quelle.")
    GuidelineVersion.objects.save_next(text=second, note="Quelle ergänzt", by=lead, base=1)


def _after_two_versions(visit: Visit) -> Visit:
    def after(room: Newsroom, client: Client) -> HttpResponse:
        _guidelines_saved_twice(room)
        return visit(room, client)

    return after


def _guidelines_edited(data: dict, **extra) -> Visit:
    def visit(room: Newsroom, client: Client) -> HttpResponse:
        return post(client, url("edit_guidelines"), {"note": "", "base": 0, **data}, **extra)

    return visit


def _assigned(data: dict) -> Visit:
    """The assignment form sent for the newsroom's two articles and both reviewers, then the page it
    redirects to, which shows who got what."""

    def visit(room: Newsroom, client: Client) -> HttpResponse:
        reviewers = [room.users["reviewer"].pk, User.objects.get(username="sven").pk]
        articles = [room.article.pk, room.other_article.pk]
        return post(
            client, url("assign"), {"articles": articles, "reviewers": reviewers, **data}, follow=True
        )

    return visit


def _guidelines_edit_conflict(room: Newsroom, client: Client) -> HttpResponse:
    _guidelines_saved_twice(room)
    return post(client, url("edit_guidelines"), {"text": "# Fakt\n\nMeine Fassung", "note": "", "base": 1})


def _assignment_removed(room: Newsroom, client: Client) -> HttpResponse:
    assignment = Assignment.objects.filter(article=room.article).first()
    return post(client, url("remove_assignment", assignment.pk), follow=True)


def _nobody_to_assign(room: Newsroom, client: Client) -> HttpResponse:
    room.monkeypatch.setattr("claims.roles.desk_members", lambda: User.objects.none())
    return client.get(url("assign"))


def _assign_page_2(room: Newsroom, client: Client) -> HttpResponse:
    room.monkeypatch.setattr("claims.views.assignments.ARTICLES_PER_PAGE", 1)
    return client.get(url("assign"), {"page": 2})


INVALID_EXPORT = {"imported_from": "2026-12-31", "imported_to": "2026-01-01", "label": "bogus"}
EVIDENCE = {"url": "https://example.org/neu", "stance": "context", "title": "Neue Quelle", "note": "Dazu"}

PAGES = [
    # Anyone.
    Page("login page", "anonymous", 200, lambda room, c: c.get(url("login"))),
    Page(
        "login page after a wrong password",
        "anonymous",
        200,
        lambda room, c: post(c, url("login"), {"username": "rita", "password": "wrong"}),
    ),
    Page("locked-out page", "anonymous", 429, _locked_out),
    Page(
        "expired session answer to htmx",
        "anonymous",
        401,
        lambda room, c: htmx(c, "get", url("claim_history", room.claim.pk)),
    ),
    Page(
        "400 page (unknown host)",
        "anonymous",
        400,
        lambda room, c: c.get("/", headers={"Host": "evil.example"}),
    ),
    Page("language switch refusal", "anonymous", 400, _language_refused),
    # Someone without a role.
    Page("article list", "outsider", 200, lambda room, c: c.get(url("home"))),
    Page(
        "403 page: article",
        "outsider",
        403,
        lambda room, c: c.get(url("article_detail", room.article.pk)),
    ),
    Page("403 page: import", "outsider", 403, lambda room, c: c.get(url("import"))),
    Page("403 page: export", "outsider", 403, lambda room, c: c.get(url("export"))),
    Page("403 page: guidelines", "outsider", 403, lambda room, c: c.get(url("guidelines"))),
    Page(
        "403 answer: label (htmx)",
        "outsider",
        403,
        lambda room, c: htmx(c, "post", url("label_claim", room.claim.pk), label("fact", 0)),
    ),
    # A reviewer.
    Page("article list", "reviewer", 200, lambda room, c: c.get(url("home"))),
    Page(
        "article list with every filter",
        "reviewer",
        200,
        lambda room, c: c.get(
            url("home"), {"q": "Maduro", "outlet": "Kieler Rundschau", "todo": 1, "disputed": 1}
        ),
    ),
    Page("article list matching nothing", "reviewer", 200, lambda room, c: c.get(url("home"), {"q": "zzzz"})),
    Page("search page", "reviewer", 200, lambda room, c: c.get(url("search"))),
    Page("search results", "reviewer", 200, lambda room, c: c.get(url("search"), {"q": room.claim.text})),
    Page("search matching nothing", "reviewer", 200, lambda room, c: c.get(url("search"), {"q": "zzzz"})),
    Page("search with nothing to find", "reviewer", 200, lambda room, c: c.get(url("search"), {"q": "-und"})),
    Page("search refused", "reviewer", 400, lambda room, c: c.get(url("search"), {"q": "x" * 201})),
    Page(
        "search, a page too far",
        "reviewer",
        400,
        lambda room, c: c.get(url("search"), {"q": "a", "page": 99}),
    ),
    Page("403 page: search", "outsider", 403, lambda room, c: c.get(url("search"), {"q": "Bus"})),
    Page(
        "article list, assigned to me", "reviewer", 200, lambda room, c: c.get(url("home"), {"assigned": 1})
    ),
    Page("article list, page 1 of 2", "reviewer", 200, _paginated(1)),
    Page("article list, page 2 of 2", "reviewer", 200, _paginated(2)),
    Page(
        "article list (htmx)", "reviewer", 200, lambda room, c: htmx(c, "get", url("home"), {"disputed": 1})
    ),
    Page(
        "article page",
        "reviewer",
        200,
        lambda room, c: c.get(url("article_detail", room.article.pk)),
    ),
    Page(
        "progress (htmx)",
        "reviewer",
        200,
        lambda room, c: htmx(c, "get", url("article_progress", room.article.pk)),
    ),
    Page(
        "label answer (htmx)",
        "reviewer",
        200,
        lambda room, c: htmx(c, "post", url("label_claim", room.claim.pk), label("unverifiable", 2)),
    ),
    Page(
        "label answer on a new claim (htmx)",
        "reviewer",
        200,
        lambda room, c: htmx(c, "post", url("label_claim", room.others_only.pk), label("opinion", 0)),
    ),
    Page(
        "label conflict answer (htmx)",
        "reviewer",
        409,
        lambda room, c: htmx(c, "post", url("label_claim", room.claim.pk), label("opinion", 0)),
    ),
    Page(
        "label conflict, after the redirect",
        "reviewer",
        200,
        lambda room, c: post(
            c, url("label_claim", room.claim.pk), {"label": "opinion", "version": 0}, follow=True
        ),
    ),
    Page(
        "unknown label answer (htmx)",
        "reviewer",
        400,
        lambda room, c: htmx(c, "post", url("label_claim", room.claim.pk), {"label": "maybe", "version": 1}),
    ),
    Page(
        "note answer (htmx)",
        "reviewer",
        200,
        lambda room, c: htmx(
            c, "post", url("save_note", room.claim.pk), {"note": "Zweite Quelle fehlt", "version": 2}
        ),
    ),
    Page(
        "note without a label answer (htmx)",
        "reviewer",
        400,
        lambda room, c: htmx(
            c, "post", url("save_note", room.others_only.pk), {"note": "Zweite Quelle fehlt", "version": 1}
        ),
    ),
    Page(
        "note too long answer (htmx)",
        "reviewer",
        400,
        lambda room, c: htmx(
            c, "post", url("save_note", room.claim.pk), {"note": "x" * 10_001, "version": 1}
        ),
    ),
    Page(
        "claim history (htmx)",
        "reviewer",
        200,
        lambda room, c: htmx(c, "get", url("claim_history", room.claim.pk)),
    ),
    Page(
        "claim history before labelling (htmx)",
        "reviewer",
        200,
        lambda room, c: htmx(c, "get", url("claim_history", room.others_only.pk)),
    ),
    Page("claim history page", "reviewer", 200, lambda room, c: c.get(url("claim_history", room.claim.pk))),
    Page(
        "evidence form (htmx)",
        "reviewer",
        200,
        lambda room, c: htmx(c, "get", url("add_evidence", room.claim.pk)),
    ),
    Page("evidence form page", "reviewer", 200, lambda room, c: c.get(url("add_evidence", room.claim.pk))),
    Page(
        "evidence added answer (htmx)",
        "reviewer",
        200,
        lambda room, c: htmx(c, "post", url("add_evidence", room.claim.pk), EVIDENCE),
    ),
    Page(
        "evidence with errors answer (htmx)",
        "reviewer",
        422,
        lambda room, c: htmx(c, "post", url("add_evidence", room.claim.pk), {"url": room.evidence.url}),
    ),
    Page(
        "evidence with errors page",
        "reviewer",
        422,
        lambda room, c: post(
            c, url("add_evidence", room.claim.pk), {"url": "javascript:alert(1)", "stance": "x"}
        ),
    ),
    Page(
        "edit evidence page", "reviewer", 200, lambda room, c: c.get(url("edit_evidence", room.evidence.pk))
    ),
    Page(
        "edit evidence with errors page",
        "reviewer",
        422,
        lambda room, c: post(c, url("edit_evidence", room.evidence.pk), {"url": "ftp://example.org/x"}),
    ),
    Page(
        "evidence removed answer (htmx)",
        "reviewer",
        200,
        lambda room, c: htmx(c, "post", url("delete_evidence", room.evidence.pk), {"version": 1}),
    ),
    Page(
        "403 page: someone else's evidence",
        "reviewer",
        403,
        lambda room, c: c.get(url("edit_evidence", room.others_evidence.pk)),
    ),
    Page(
        "403 page: a correction",
        "reviewer",
        403,
        lambda room, c: post(c, url("merge_claim", room.claim.pk)),
    ),
    Page(
        "403 page: expired form (CSRF)",
        "reviewer",
        403,
        lambda room, c: c.post(url("label_claim", room.claim.pk), {"label": "fact", "version": 1}),
    ),
    Page("404 page", "reviewer", 404, lambda room, c: c.get(url("article_detail", 999_999))),
    Page("500 page", "reviewer", 500, _server_error),
    Page("nothing left to label, after the redirect", "reviewer", 200, _nothing_left),
    Page("import page", "reviewer", 200, lambda room, c: c.get(url("import"))),
    Page(
        "import with nothing to import",
        "reviewer",
        200,
        lambda room, c: post(c, url("import"), {"text": " "}),
    ),
    Page(
        "import with a rejected file",
        "reviewer",
        200,
        lambda room, c: post(c, url("import"), {"files": [_upload("scan.pdf", b"%PDF-1.7")]}),
    ),
    Page("import done, after the redirect", "reviewer", 200, _imported),
    Page("export page", "reviewer", 200, lambda room, c: c.get(url("export"))),
    Page(
        "export page with invalid filters",
        "reviewer",
        400,
        lambda room, c: c.get(url("export"), INVALID_EXPORT),
    ),
    Page(
        "export count (htmx)",
        "reviewer",
        200,
        lambda room, c: htmx(c, "get", url("export"), {"label": "fact"}),
    ),
    Page(
        "export count with invalid filters (htmx)",
        "reviewer",
        200,
        lambda room, c: htmx(c, "get", url("export"), INVALID_EXPORT),
    ),
    Page(
        "export download with invalid filters",
        "reviewer",
        400,
        lambda room, c: c.get(url("export-download"), INVALID_EXPORT),
    ),
    Page("guidelines, the starter text", "reviewer", 200, lambda room, c: c.get(url("guidelines"))),
    Page(
        "guidelines, a saved version",
        "reviewer",
        200,
        _after_two_versions(lambda r, c: c.get(url("guidelines"))),
    ),
    Page(
        "guidelines versions, none saved", "reviewer", 200, lambda room, c: c.get(url("guideline_versions"))
    ),
    Page(
        "guidelines versions",
        "reviewer",
        200,
        _after_two_versions(lambda room, c: c.get(url("guideline_versions"))),
    ),
    Page(
        "guidelines, an older version",
        "reviewer",
        200,
        _after_two_versions(lambda room, c: c.get(url("guideline_version", 1))),
    ),
    Page(
        "guidelines, what a version changed",
        "reviewer",
        200,
        _after_two_versions(lambda room, c: c.get(url("guideline_changes", 2))),
    ),
    Page(
        "guidelines, the first version's changes",
        "reviewer",
        200,
        _after_two_versions(lambda room, c: c.get(url("guideline_changes", 1))),
    ),
    Page("403 page: edit the guidelines", "reviewer", 403, lambda room, c: c.get(url("edit_guidelines"))),
    # A lead.
    Page("article list", "lead", 200, lambda room, c: c.get(url("home"))),
    Page("article page", "lead", 200, lambda room, c: c.get(url("article_detail", room.article.pk))),
    Page("claim history page", "lead", 200, lambda room, c: c.get(url("claim_history", room.claim.pk))),
    Page("export page", "lead", 200, lambda room, c: c.get(url("export"))),
    Page("agreement page", "lead", 200, lambda room, c: c.get(url("agreement"))),
    Page(
        "agreement: confusion matrix (htmx)",
        "lead",
        200,
        lambda room, c: htmx(c, "get", url("agreement")),
    ),
    Page("agreement page refused", "reviewer", 403, lambda room, c: c.get(url("agreement"))),
    Page(
        "edit the guidelines, from the starter text",
        "lead",
        200,
        lambda room, c: c.get(url("edit_guidelines")),
    ),
    Page(
        "edit the guidelines, from a version",
        "lead",
        200,
        _after_two_versions(lambda room, c: c.get(url("edit_guidelines"))),
    ),
    Page(
        "guidelines saved, after the redirect",
        "lead",
        200,
        _guidelines_edited({"text": "# Fakt\n\nPrüfbar.", "note": "Erste Fassung"}, follow=True),
    ),
    Page(
        "guidelines preview", "lead", 200, _guidelines_edited({"text": "# Fakt\n\nPrüfbar.", "preview": "1"})
    ),
    Page("guidelines with errors", "lead", 422, _guidelines_edited({"text": " ", "note": "x" * 501})),
    Page(
        "guidelines unchanged",
        "lead",
        422,
        _after_two_versions(
            lambda room, c: post(
                c,
                url("edit_guidelines"),
                {"text": GuidelineVersion.objects.current().text, "note": "", "base": 2},
            )
        ),
    ),
    Page("guidelines edit conflict", "lead", 409, _guidelines_edit_conflict),
    Page("disputes page", "lead", 200, lambda room, c: c.get(url("disputes"))),
    Page("disputes page, page 2 of 2", "lead", 200, _disputes_paginated),
    Page("disputes page with nothing waiting", "lead", 200, _no_disputes),
    Page("disputes count (htmx)", "lead", 200, lambda room, c: htmx(c, "get", url("disputes"))),
    Page(
        "decision answer (htmx)",
        "lead",
        200,
        lambda room, c: htmx(
            c, "post", url("decide_claim", room.following.pk), _decision("opinion", 0, "Wertung")
        ),
    ),
    Page(
        "decision conflict answer (htmx)",
        "lead",
        409,
        lambda room, c: htmx(c, "post", url("decide_claim", room.claim.pk), _decision("opinion")),
    ),
    Page(
        "unknown decision answer (htmx)",
        "lead",
        400,
        lambda room, c: htmx(c, "post", url("decide_claim", room.following.pk), _decision("maybe")),
    ),
    Page(
        "decision with a reason too long (htmx)",
        "lead",
        400,
        lambda room, c: htmx(
            c, "post", url("decide_claim", room.following.pk), _decision("fact", reason="x" * 10_001)
        ),
    ),
    Page(
        "decision done, after the redirect",
        "lead",
        200,
        lambda room, c: post(c, url("decide_claim", room.following.pk), _decision("fact"), follow=True),
    ),
    Page(
        "decision conflict, after the redirect",
        "lead",
        200,
        lambda room, c: post(c, url("decide_claim", room.claim.pk), _decision("opinion"), follow=True),
    ),
    Page(
        "unknown decision, after the redirect",
        "lead",
        200,
        lambda room, c: post(c, url("decide_claim", room.claim.pk), _decision("maybe"), follow=True),
    ),
    Page(
        "claim history (htmx)",
        "lead",
        200,
        lambda room, c: htmx(c, "get", url("claim_history", room.claim.pk)),
    ),
    Page("disputes page refused", "reviewer", 403, lambda room, c: c.get(url("disputes"))),
    Page(
        "403 answer: decision (htmx)",
        "reviewer",
        403,
        lambda room, c: htmx(c, "post", url("decide_claim", room.claim.pk), _decision("fact")),
    ),
    Page("assignment page", "lead", 200, lambda room, c: c.get(url("assign"))),
    Page(
        "assignment page, filtered",
        "lead",
        200,
        lambda room, c: c.get(url("assign"), {"q": "zzzz", "outlet": "Kieler Rundschau", "unassigned": 1}),
    ),
    Page("assignment page, page 2 of 2", "lead", 200, _assign_page_2),
    Page("assignment page with nobody to assign to", "lead", 200, _nobody_to_assign),
    Page(
        "assigned to every reviewer, after the redirect",
        "lead",
        200,
        _assigned({"action": "assign", "mode": "every", "labels_needed": 3}),
    ),
    Page(
        "spread over the reviewers, after the redirect",
        "lead",
        200,
        _assigned({"action": "assign", "mode": "spread", "overlap": 1}),
    ),
    Page("unassigned, after the redirect", "lead", 200, _assigned({"action": "unassign"})),
    Page("one assignment removed, after the redirect", "lead", 200, _assignment_removed),
    Page(
        "assignment with errors",
        "lead",
        422,
        lambda room, c: post(c, url("assign"), {"action": "assign", "mode": "spread", "overlap": 5}),
    ),
    Page(
        "assignment with too large an overlap",
        "lead",
        422,
        _assigned({"action": "assign", "mode": "spread", "overlap": 3, "labels_needed": 0}),
    ),
    Page("assignment page refused", "reviewer", 403, lambda room, c: c.get(url("assign"))),
    Page("merge needs a decision", "lead", 409, lambda room, c: post(c, url("merge_claim", room.claim.pk))),
    Page(
        "merge done, after the redirect",
        "lead",
        200,
        lambda room, c: post(c, url("merge_claim", room.claim.pk), {"keep": "first"}, follow=True),
    ),
    Page(
        "merge refused, after the redirect",
        "lead",
        200,
        lambda room, c: post(c, url("merge_claim", _last_unit(room).pk), follow=True),
    ),
    Page("split done, after the redirect", "lead", 200, _split_at_a_space),
    Page("split page", "lead", 200, lambda room, c: c.get(url("split_claim", room.claim.pk))),
    Page(
        "split without a position",
        "lead",
        400,
        lambda room, c: post(c, url("split_claim", room.claim.pk), {"offset": "middle"}),
    ),
    Page(
        "split inside a word",
        "lead",
        400,
        lambda room, c: post(c, url("split_claim", room.claim.pk), {"offset": 2}),
    ),
    Page("merge preview", "lead", 200, lambda room, c: c.get(url("merge_claim", room.claim.pk))),
    Page("history with a correction to undo", "lead", 200, _history_after_a_split),
    Page("undo done, after the redirect", "lead", 200, _undo(after_a_change=False)),
    Page("undo refused, after the redirect", "lead", 200, _undo(after_a_change=True)),
    Page(
        "403 page: an undo",
        "reviewer",
        403,
        lambda room, c: post(c, url("undo_correction", _split(room).pk)),
    ),
    Page(
        "kind changed, after the redirect",
        "lead",
        200,
        lambda room, c: post(c, url("change_kind", room.claim.pk), {"kind": "heading"}, follow=True),
    ),
    Page(
        "unknown kind, after the redirect",
        "lead",
        200,
        lambda room, c: post(c, url("change_kind", room.claim.pk), {"kind": "poem"}, follow=True),
    ),
    # An admin, on the desk.
    Page("article list", "admin", 200, lambda room, c: c.get(url("home"))),
]


def _admin_view(name: str, *args) -> Visit:
    return lambda room, client: client.get(url(f"admin:{name}", *args))


def _admin_change_form(model) -> Visit:
    def visit(room: Newsroom, client: Client) -> HttpResponse:
        row = model._default_manager.order_by("pk").first()
        assert row is not None, f"the newsroom has no {model._meta.label} for the admin to show"
        return client.get(url(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", row.pk))

    return visit


def _admin_pages() -> list[Page]:
    """The admin's login page, index and password form, each app's index, and for every registered model
    (admin.site._registry) its list, its add form where the admin offers one, and its first row's form."""
    pages = {
        "admin login page": Page("admin login page", "anonymous", 200, _admin_view("login"), admin=True),
        "site index": Page("site index", "admin", 200, _admin_view("index"), admin=True),
        "user password form": Page(
            "user password form",
            "admin",
            200,
            lambda room, c: c.get(url("admin:auth_user_password_change", room.users["reviewer"].pk)),
            admin=True,
        ),
    }
    # has_add_permission asks only the user's permissions, and a superuser has them all.
    superuser = SimpleNamespace(user=SimpleNamespace(has_perm=lambda *args, **kwargs: True))
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        app, prefix = model._meta.app_label, f"{model._meta.app_label}_{model._meta.model_name}"
        views = {
            f"app {app}": _admin_view("app_list", app),
            f"{model._meta.label} list": _admin_view(f"{prefix}_changelist"),
            f"{model._meta.label} change": _admin_change_form(model),
        }
        if model_admin.has_add_permission(superuser):
            views[f"{model._meta.label} add"] = _admin_view(f"{prefix}_add")
        for name, view in views.items():
            pages[name] = Page(name, "admin", 200, view, admin=True)
    return list(pages.values())


ALL_PAGES = PAGES + _admin_pages()


def visit(page: Page, room: Newsroom, language: str) -> HttpResponse:
    client = client_for(room.users[page.persona])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return page.visit(room, client)
