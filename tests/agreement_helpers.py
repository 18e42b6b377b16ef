"""A small desk with labels for the agreement page and command: two outlets, three reviewers, and labels on
a heading and on a repeated unit that no figure may count."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import User

from claims.agreement import Ratings
from claims.models import Article, Claim, Label


def make_article(title: str, outlet: str, sentences: list[str], **extra) -> tuple[Article, list[Claim]]:
    text = "\n".join(sentences)
    article = Article.objects.create(
        title=title,
        outlet=outlet,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        **extra,
    )
    claims, start = [], 0
    for position, sentence in enumerate(sentences):
        claims.append(
            Claim.objects.create(
                article=article, position=position, start=start, end=start + len(sentence), text=sentence
            )
        )
        start += len(sentence) + 1
    return article, claims


@dataclass
class LabelledDesk:
    first: Article  # tagesschau.de
    second: Article  # example.org
    labels: dict[str, list[tuple[int, int, str]]]  # by article: (claim id, reviewer id, value) that count

    def ratings(self, *articles: str) -> Ratings:
        return Ratings(t for name in articles or self.labels for t in self.labels[name])


def label_desk(rita: User, sven: User, lena: User) -> LabelledDesk:
    """rita and sven disagree once on the first article; lena labels a few claims of both."""
    first, (heading, *claims, repeated) = make_article(
        "Regierung beschließt Gesetz",
        "tagesschau.de",
        ["Ein Gesetz", "Satz eins.", "Satz zwei.", "Satz drei.", "Satz vier.", "Satz eins."],
    )
    heading.kind = Claim.Kind.HEADING
    heading.save(update_fields=["kind"])
    repeated.duplicate_of = claims[0]
    repeated.save(update_fields=["duplicate_of"])
    second, more = make_article("Ein Kommentar", "example.org", ["Satz fünf.", "Satz sechs."])
    c1, c2, c3, c4 = claims
    c5, c6 = more
    counted = {
        "first": [
            (c1, rita, "fact"),
            (c2, rita, "fact"),
            (c3, rita, "opinion"),
            (c4, rita, "unverifiable"),
            (c1, sven, "fact"),
            (c2, sven, "opinion"),
            (c3, sven, "opinion"),
            (c4, sven, "unverifiable"),
            (c1, lena, "fact"),
            (c3, lena, "opinion"),
        ],
        "second": [(c5, rita, "fact"), (c6, rita, "opinion"), (c5, sven, "fact"), (c6, lena, "opinion")],
    }
    ignored = [(heading, rita, "opinion"), (heading, sven, "fact"), (repeated, rita, "opinion")]
    Label.objects.bulk_create(
        Label(claim=claim, reviewer=reviewer, value=value)
        for claim, reviewer, value in [*ignored, *counted["first"], *counted["second"]]
    )
    labels = {
        name: [(claim.pk, reviewer.pk, value) for claim, reviewer, value in triples]
        for name, triples in counted.items()
    }
    return LabelledDesk(first, second, labels)
