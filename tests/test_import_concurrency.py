"""Two imports of one article at the same moment: exactly one article, and both callers get it."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from claims import importing
from claims.models import Article

TEXT = "Gleichzeitiger Import\n\nZwei Redakteure importieren denselben Artikel. Nur einer gewinnt."


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_imports_store_one_article():
    parsed = importing.parse(TEXT)
    barrier = threading.Barrier(2)
    results: list[importing.ImportResult] = []
    errors: list[BaseException] = []

    def import_once() -> None:
        try:
            barrier.wait()
            results.append(importing.store(parsed))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=import_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(r.created for r in results) == [False, True]
    assert Article.objects.count() == 1
