"""docs/security.md names a test for every case; each test it names exists, so the list stays true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DOC = ROOT / "docs" / "security.md"
# `file.py::test_name` or `::test_name` (in the file named last before it), in the cases' tables.
REFERENCE = re.compile(r"`((?:[\w/]+\.py)?)::(test_\w+)`|`([\w/]+\.py)`")


def named_tests() -> list[tuple[str, str]]:
    tests, current = [], ""
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| "):
            continue
        for file, test, whole_file in REFERENCE.findall(line):
            if whole_file:
                current = whole_file
                continue
            current = file or current
            tests.append((current, test))
    return tests


def test_every_test_the_security_doc_names_exists():
    named = named_tests()
    missing = [
        f"{file}::{test}"
        for file, test in named
        if not (ROOT / "tests" / file).is_file()
        or not re.search(rf"^def {test}\(", (ROOT / "tests" / file).read_text(encoding="utf-8"), re.M)
    ]
    assert len(named) > 60
    assert missing == []


def test_every_security_test_module_is_named_in_the_doc():
    doc = DOC.read_text(encoding="utf-8")
    modules = sorted(p.name for p in (ROOT / "tests" / "security").glob("test_*.py"))
    unnamed = [m for m in modules if m not in doc and m != Path(__file__).name]
    assert unnamed == []
