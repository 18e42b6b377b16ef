"""Case: the dependency audit cannot reach its vulnerability service (pen test finding 9).

pip-audit skipped every package and still said "No known vulnerabilities found", exit 0. `make audit`
(tools/audit.py) says "audit did not run: ..." and exits non-zero whenever it could not check, and names
the packages it could not check when it checked only some. These tests feed it pip-audit's answers; the
real service is not reachable from the machines that run the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tools.audit import CLEAN, NOT_CHECKED, VULNERABLE, verdict

ROOT = Path(__file__).resolve().parent.parent.parent
DJANGO = {"name": "django", "version": "5.2.19", "vulns": []}
SKIPPED = {"name": "spacy", "skip_reason": "Dependency not found on PyPI and could not be audited: spacy"}


def judged(*dependencies, returncode=0, stderr=""):
    return verdict(json.dumps({"dependencies": list(dependencies)}), returncode, stderr, service="pypi")


def test_an_audit_that_skipped_every_package_did_not_run():
    result = judged(SKIPPED, {**SKIPPED, "name": "numpy"})
    assert result.status == NOT_CHECKED
    assert result.lines[0].startswith("audit did not run: none of the 2 packages could be checked")


def test_an_unreachable_service_is_an_audit_that_did_not_run():
    error = "requests.exceptions.ConnectionError: Failed to resolve 'api.osv.dev'"
    result = verdict("", 1, "Traceback ...\n" + error, service="osv")
    assert result.status == NOT_CHECKED
    assert result.lines == [f"audit did not run: pip-audit exited 1: {error}"]


def test_an_audit_that_skipped_some_packages_is_incomplete_and_names_them():
    result = judged(DJANGO, SKIPPED)
    assert result.status == NOT_CHECKED
    assert result.lines[-1].startswith("audit incomplete: 1 of 2 packages could not be checked: spacy")


def test_a_known_vulnerability_fails_with_its_fix():
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["5.2.20"]}
    result = judged({**DJANGO, "vulns": [vuln]}, returncode=1)
    assert result.status == VULNERABLE
    assert "django 5.2.19: PYSEC-2099-1 (fixed in: 5.2.20)" in result.lines


def test_only_an_audit_that_checked_every_package_says_no_known_vulnerabilities():
    result = judged(DJANGO, {**DJANGO, "name": "nh3", "version": "0.3.8"})
    assert result.status == CLEAN
    assert result.lines == ["checked 2 packages against the pypi service: no known vulnerabilities"]


@pytest.fixture
def fake_pip_audit(tmp_path):
    """A pip-audit that skips every package, as the real one did without its service."""
    script = tmp_path / "pip-audit"
    report = json.dumps({"dependencies": [SKIPPED]})
    script.write_text(
        f"#!{sys.executable}\nimport sys\nprint({report!r})\n"
        "print('No known vulnerabilities found', file=sys.stderr)\n"
    )
    script.chmod(0o755)
    return script


def test_make_audits_script_exits_non_zero_when_nothing_was_checked(fake_pip_audit, tmp_path):
    run = subprocess.run(
        [sys.executable, "tools/audit.py", "--pip-audit", str(fake_pip_audit), "--path", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == NOT_CHECKED
    assert run.stdout.startswith("audit did not run:")
    assert "no known vulnerabilities" not in run.stdout.lower()
