"""`manage.py segment` prints every unit as one JSON object per line, offsets into the file's own text."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def segment(*paths: Path) -> list[dict]:
    out = StringIO()
    call_command("segment", *map(str, paths), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_each_line_has_the_file_offsets_text_and_kind(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Überschrift\n\nEin Satz. Noch ein Satz.\n", encoding="utf-8")
    units = segment(path)
    assert {tuple(sorted(u)) for u in units} == {("end", "file", "kind", "start", "text")}
    assert [u["file"] for u in units] == [str(path)] * len(units)


def test_offsets_point_into_the_text_after_bom_and_crlf(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffÜberschrift\r\n\r\nEin Satz. Noch ein Satz.\r\n".encode())
    text = "Überschrift\n\nEin Satz. Noch ein Satz.\n"
    units = segment(path)
    assert [text[u["start"] : u["end"]] for u in units] == [u["text"] for u in units]
    assert units[-1]["text"].endswith("Noch ein Satz.")


def test_it_reads_several_files_in_order(tmp_path):
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    first.write_text("Eins.", encoding="utf-8")
    second.write_text("Zwei.", encoding="utf-8")
    assert [u["text"] for u in segment(first, second)] == ["Eins.", "Zwei."]


def test_an_unreadable_file_fails_with_its_name(tmp_path):
    with pytest.raises(CommandError, match=r"nope\.txt"):
        segment(tmp_path / "nope.txt")
