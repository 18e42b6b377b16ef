"""The dependency audit (`make audit`): every package installed in .venv against a vulnerability database.

Run: python tools/audit.py [--pip-audit PATH] [--path SITE_PACKAGES] [--service pypi|osv]
pip-audit looks each installed distribution up in a vulnerability service over the network. Where it
cannot (the service is unreachable, or it does not know the package), pip-audit skips the package and
still says "No known vulnerabilities found" with exit 0: an audit that checked nothing looked like a clean
one. This script says plainly what was checked:

- every package checked, none vulnerable: "checked N packages ...: no known vulnerabilities", exit 0;
- a known vulnerability: each one with its fixed versions, exit 1;
- nothing checked (pip-audit failed, the service was unreachable, every package skipped):
  "audit did not run: <why>", exit 2;
- some packages skipped: the vulnerabilities found, then "audit incomplete: ..." naming them, exit 2.
Not part of `make test`: the machines that run the suite cannot reach a vulnerability service.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAN, VULNERABLE, NOT_CHECKED = 0, 1, 2


@dataclass(frozen=True)
class Verdict:
    status: int
    lines: list[str]


def verdict(report_text: str, returncode: int, stderr: str, *, service: str) -> Verdict:
    """What a pip-audit run (its JSON report, exit code and error output) proves."""
    why = _last_line(stderr)
    try:
        report = json.loads(report_text)
        dependencies = report["dependencies"]
    except (ValueError, KeyError, TypeError):
        return Verdict(
            NOT_CHECKED, [f"audit did not run: pip-audit exited {returncode}: {why or 'no report'}"]
        )
    if returncode not in (0, 1):
        return Verdict(NOT_CHECKED, [f"audit did not run: pip-audit exited {returncode}: {why}"])
    if not dependencies:
        return Verdict(NOT_CHECKED, ["audit did not run: no installed packages were found to check"])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    checked = [d for d in dependencies if not d.get("skip_reason")]
    if not checked:
        reason = skipped[0]["skip_reason"]
        return Verdict(
            NOT_CHECKED,
            [
                f"audit did not run: none of the {len(skipped)} packages could be checked against the "
                f"{service} vulnerability service (is it reachable from here?); the first said: {reason}"
            ],
        )
    lines = []
    for dependency in checked:
        for vuln in dependency.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "none yet"
            lines.append(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in: {fixed})")
    vulnerable = len(lines)
    if vulnerable:
        lines.insert(0, f"{vulnerable} known vulnerabilities in the {len(checked)} packages checked:")
    if skipped:
        names = ", ".join(f"{d['name']} ({d['skip_reason']})" for d in skipped)
        lines.append(
            f"audit incomplete: {len(skipped)} of {len(dependencies)} packages could not be checked: {names}"
        )
        return Verdict(NOT_CHECKED, lines)
    if vulnerable:
        return Verdict(VULNERABLE, lines)
    return Verdict(
        CLEAN, [f"checked {len(checked)} packages against the {service} service: no known vulnerabilities"]
    )


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pip-audit", default=str(ROOT / ".venv-audit" / "bin" / "pip-audit"))
    default_path = ROOT / ".venv" / "lib" / f"python{sysconfig.get_python_version()}" / "site-packages"
    parser.add_argument("--path", default=str(default_path), help="the site-packages folder to audit")
    parser.add_argument("--service", default="pypi", choices=["pypi", "osv"])
    parser.add_argument("--timeout", default="30")
    args = parser.parse_args(argv)
    if not Path(args.path).is_dir():
        print(f"audit did not run: no installed packages at {args.path} (run make test or make run first)")
        return NOT_CHECKED
    command = [
        args.pip_audit,
        "--path",
        args.path,
        "--format",
        "json",
        "--vulnerability-service",
        args.service,
        "--progress-spinner",
        "off",
        "--timeout",
        args.timeout,
    ]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"audit did not run: {exc}")
        return NOT_CHECKED
    result = verdict(run.stdout, run.returncode, run.stderr, service=args.service)
    for line in result.lines:
        print(line)
    return result.status


if __name__ == "__main__":
    sys.exit(main())
