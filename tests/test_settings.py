"""Settings come from the environment; production settings pass Django's deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsdesk.settings import env_bool

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py in a fresh process, without the secret `make test` sets or the one `make run` wrote."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "HTTPS_ONLY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean["SECRET_KEY_FILE"] = "/nonexistent/secret_key"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def secret_key_of(**env: str) -> str:
    result = manage(
        "shell", "--no-imports", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_env_bool_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG", False)


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "Yes")
    assert env_bool("SOME_FLAG", False) is True


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_labels_needed_default_comes_from_the_environment():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.LABELS_NEEDED_DEFAULT)",
        SECRET_KEY="x",
        LABELS_NEEDED_DEFAULT="3",
    )
    assert result.stdout.strip() == "3"


@pytest.mark.parametrize("value", ["0", "21", "two"])
def test_labels_needed_default_refuses_nonsense(value):
    result = manage("check", SECRET_KEY="x", LABELS_NEEDED_DEFAULT=value)
    assert result.returncode != 0
    assert "LABELS_NEEDED_DEFAULT must be a whole number from 1 to 20" in result.stderr


def test_commands_typed_after_make_run_read_the_secret_it_wrote(tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("written-by-make-run-" + "x" * 40 + "\n")
    assert secret_key_of(SECRET_KEY_FILE=str(secret)) == "written-by-make-run-" + "x" * 40


def test_the_environment_wins_over_the_secret_file(tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("from-the-file-" + "x" * 40)
    assert (
        secret_key_of(SECRET_KEY_FILE=str(secret), SECRET_KEY="from-the-environment")
        == "from-the-environment"
    )


def test_an_empty_secret_file_is_refused(tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("\n")
    result = manage("check", SECRET_KEY_FILE=str(secret))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY="x" * 60 + "-production-like")
    assert result.returncode == 0, result.stderr


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-eval" not in policy
    assert "unsafe-inline" not in policy
    assert client.get("/no-such-page/")["Content-Security-Policy"] == policy


def test_pages_cannot_be_framed_or_sniffed(client):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
