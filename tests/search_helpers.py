"""Articles with the claims a search test needs, without segmenting."""

from __future__ import annotations

import hashlib

from claims import segmentation
from claims.models import Article


def article_with(*sentences: str, title: str = "Nachrichten aus der Stadt") -> Article:
    """An article whose claims are `sentences`, stored the way an import stores them (Article.add_units)."""
    text = " ".join(sentences)
    digest = hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()
    article = Article.objects.create(title=title, text=text, content_hash=digest)
    units, at = [], 0
    for sentence in sentences:
        start = text.index(sentence, at)
        at = start + len(sentence)
        units.append(segmentation.Unit(start, at, sentence, segmentation.CLAIM))
    article.add_units(units)
    return article
