"""Case: a folder holding a symbolic link to a file outside it (pen test finding 1).

A folder handed to `import_articles` is walked, and whatever a link in it points to must not become an
article that every reviewer can read: not the desk's own secret key, not /etc/passwd, not a folder
elsewhere.
"""

from __future__ import annotations

import os

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article

ARTICLE = "Die Regierung hat am Montag neue Maßnahmen beschlossen.\n"
SECRET = "geheimer-schluessel-der-redaktion-0123456789"


@pytest.fixture
def outside(tmp_path):
    """A file and a folder outside the imported folder: the secret key, and a folder of articles."""
    secret = tmp_path / "var" / "secret_key"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "fremd.txt").write_text("Ein Artikel aus einem anderen Ordner.\n")
    return tmp_path


def run(*paths) -> tuple[str, bool]:
    out = []

    class Out:
        def write(self, text):
            out.append(text)

        def flush(self):
            pass

    failed = False
    try:
        call_command("import_articles", *map(str, paths), stdout=Out())
    except CommandError:
        failed = True
    return "".join(out), failed


@pytest.mark.django_db
def test_a_symbolic_link_in_a_folder_is_reported_and_not_followed(outside):
    folder = outside / "upload"
    folder.mkdir()
    (folder / "artikel.txt").write_text(ARTICLE)
    os.symlink(outside / "var" / "secret_key", folder / "leak.txt")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    output, failed = run(folder)
    assert [a.text for a in Article.objects.all()] == [ARTICLE.strip()]
    assert not Article.objects.filter(text__contains=SECRET).exists()
    assert failed
    assert "leak.txt: abgelehnt: eine symbolische Verknüpfung" in output


@pytest.mark.django_db
def test_a_symbolic_link_to_a_folder_is_not_walked(outside):
    folder = outside / "upload"
    folder.mkdir()
    os.symlink(outside / "elsewhere", folder / "mehr")
    output, failed = run(folder)
    assert not Article.objects.exists()
    assert failed
    assert "mehr: abgelehnt: eine symbolische Verknüpfung" in output
