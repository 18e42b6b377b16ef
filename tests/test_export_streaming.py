"""Streaming: constant queries per chunk, a read-ahead thread on PostgreSQL, errors raised to the reader."""

import threading

import pytest
from django.db import connection

from claims.exports import records, streaming
from claims.exports.export import Export
from claims.exports.form import ExportForm
from tests.exporting import label, make_article, read_csv


def stream(**filters) -> Export:
    form = ExportForm(filters)
    assert form.is_valid(), form.errors
    return form.export()


def test_each_chunk_costs_two_queries_not_two_per_claim(db, reviewer, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(records, "CHUNK_SIZE", 3)
    for claim in make_article([f"Satz {i}." for i in range(7)]).claims.all():
        label(claim, reviewer, "fact")
    export = stream()
    jit = 2 if connection.vendor == "postgresql" else 0  # SET jit = off, RESET jit
    with django_assert_num_queries(1 + 2 * 3 + jit):
        rows = read_csv(b"".join(export.stream()))
    assert len(rows) == 7


def test_the_checkthat_file_needs_no_query_per_chunk(db, reviewer, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(records, "CHUNK_SIZE", 3)
    for claim in make_article([f"Satz {i}." for i in range(7)]).claims.all():
        label(claim, reviewer, "fact")
    export = stream(format="checkthat")
    jit = 2 if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(1 + jit):  # the claims, whose label status is all the file needs
        data = b"".join(export.stream())
    assert data.count(b"\tOBJ\n") == 7


@pytest.mark.django_db(transaction=True)
def test_a_committed_export_is_complete_when_read_ahead(reviewer, monkeypatch):
    monkeypatch.setattr(records, "CHUNK_SIZE", 2)
    for claim in make_article([f"Satz {i}." for i in range(5)]).claims.all():
        label(claim, reviewer, "opinion")
    export = stream()
    rows = read_csv(b"".join(export.stream()))
    assert [r["claim_text"] for r in rows] == [f"Satz {i}." for i in range(5)]
    assert export.rows_written == 5


@pytest.mark.django_db(transaction=True)
def test_an_error_while_reading_ahead_reaches_the_reader(monkeypatch):
    monkeypatch.setattr(records, "CHUNK_SIZE", 2)
    make_article([f"Satz {i}." for i in range(5)])
    calls = []
    real = streaming.of_claims

    def fails_on_the_second_chunk(manager, ids):
        calls.append(ids)
        if len(calls) > 2:  # labels and evidence of chunk one, then the labels of chunk two
            raise RuntimeError("connection lost")
        return real(manager, ids)

    monkeypatch.setattr(streaming, "of_claims", fails_on_the_second_chunk)
    export, received = stream(), []
    with pytest.raises(RuntimeError, match="connection lost"):
        received.extend(export.stream())
    assert len(read_csv(b"".join(received))) == 2  # the first chunk's claims, then the error
    assert export.rows_written is None


@pytest.mark.django_db(transaction=True)
def test_a_closed_download_stops_the_read_ahead(monkeypatch):
    monkeypatch.setattr(records, "CHUNK_SIZE", 2)
    make_article([f"Satz {i}." for i in range(20)])
    chunks = stream().stream()
    next(chunks)
    next(chunks)
    chunks.close()
    assert not [t for t in threading.enumerate() if t.name == "export-read-ahead"]
