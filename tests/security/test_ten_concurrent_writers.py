"""Case: ten concurrent writers (on SQLite above all, whose writers queue for one lock).

Ten reviewers label the same claims at the same moment, each in their own thread and connection: every
label and its history event is written, none is lost, and nobody sees "database is locked" (SQLite runs
in WAL mode with IMMEDIATE transactions and a busy timeout; PostgreSQL locks rows).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from claims.models import Label, LabelEvent
from tests.conftest import make_user

WRITERS = 10


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_writers_lose_nothing(roles_exist, seed_article):
    reviewers = [make_user(f"prüfer{i}", "Reviewers") for i in range(WRITERS)]
    claims = list(seed_article.claims.labelled_kinds().order_by("position")[:5])
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def label_everything(reviewer) -> None:
        try:
            barrier.wait()
            for claim in claims:
                claim.set_label(reviewer=reviewer, value="fact", expected_version=0)
                claim.set_label(reviewer=reviewer, value="opinion", expected_version=1)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=label_everything, args=[r]) for r in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Label.objects.filter(value="opinion", version=2).count() == WRITERS * len(claims)
    assert LabelEvent.objects.count() == 2 * WRITERS * len(claims)
