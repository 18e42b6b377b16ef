import io

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from claims.exports.claims_csv import ClaimsCsv
from claims.exports.form import ExportForm
from tests.exporting import label, make_article, read_csv, read_jsonl


@pytest.fixture
def labelled(db, reviewer, second_reviewer):
    first, second = make_article(["Erster Satz.", "=Zweiter Satz"]).claims.order_by("position")
    label(first, reviewer, "fact")
    label(second, second_reviewer, "opinion")
    return first, second


def test_it_writes_the_same_file_as_the_page(labelled, tmp_path):
    target = tmp_path / "claims.csv"
    call_command("export_claims", "--format", "csv", "-o", str(target), stderr=io.StringIO())
    form = ExportForm({})
    assert form.is_valid()
    assert target.read_bytes() == b"".join(form.export().stream())


def test_it_takes_the_page_filters(labelled, tmp_path):
    target = tmp_path / "claims.csv"
    args = ["--reviewer", "sven", "--semicolon", "--no-bom", "-o", str(target)]
    call_command("export_claims", *args, stderr=io.StringIO())
    rows = read_csv(target.read_bytes(), delimiter=";")
    assert [(r["claim_text"], r["labels"]) for r in rows] == [("'=Zweiter Satz", "sven=opinion")]
    assert not target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_it_writes_jsonl_and_reports_the_rows(labelled, tmp_path):
    target, err = tmp_path / "claims.jsonl", io.StringIO()
    call_command("export_claims", "--format", "jsonl", "--status", "single", "-o", str(target), stderr=err)
    objects = read_jsonl(target.read_bytes())
    assert [o["label_status"] for o in objects] == ["single", "single"]
    assert f"2 Zeilen nach {target} geschrieben" in err.getvalue()


def test_it_rejects_an_unknown_reviewer(labelled, tmp_path):
    with pytest.raises(CommandError, match="kein Konto 'nobody'"):
        call_command("export_claims", "--reviewer", "nobody", "-o", str(tmp_path / "x.csv"))


def test_a_failed_export_exits_non_zero_and_leaves_no_file_behind(labelled, tmp_path, monkeypatch, capsys):
    def broken(self, record, out):
        raise RuntimeError("connection lost")

    monkeypatch.setattr(ClaimsCsv, "line", broken)
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "export_claims", "-o", str(tmp_path / "x.csv")])
    assert (exited.value.code, "der Export ist gescheitert" in capsys.readouterr().err) == (1, True)
    assert list(tmp_path.iterdir()) == []
