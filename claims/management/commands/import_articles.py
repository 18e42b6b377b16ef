from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims import importing
from claims.languages import speaks_desk_language


class Command(BaseCommand):
    help = (
        f"Import articles from files ({importing.ARTICLE_SUFFIX_LIST}) and folders; each article in one "
        "transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="files or folders to import")

    @speaks_desk_language
    def handle(self, *args, paths: list[Path], **options) -> None:
        counts = {"imported": 0, "already": 0, "rejected": 0}
        for path in self._files(paths, counts):
            try:
                result = importing.store(importing.parse_file(path.name, importing.read_capped(path)))
            except importing.ImportRejected as exc:
                counts["rejected"] += 1
                self._say(path, _("rejected: %(reason)s") % {"reason": exc})
                continue
            except OSError as exc:
                counts["rejected"] += 1
                self._say(path, _("rejected: cannot read the file (%(reason)s)") % {"reason": exc.strerror})
                continue
            if result.created:
                counts["imported"] += 1
                n = result.claim_count
                self._say(
                    path, ngettext("imported with %(n)s claim", "imported with %(n)s claims", n) % {"n": n}
                )
            else:
                counts["already"] += 1
                self._say(path, _("already imported (article %(id)s)") % {"id": result.article.pk})
        total = sum(counts.values())
        summary = ngettext(
            "%(total)s file: %(imported)s imported, %(already)s already imported, %(rejected)s rejected",
            "%(total)s files: %(imported)s imported, %(already)s already imported, %(rejected)s rejected",
            total,
        ) % {"total": total, **counts}
        if counts["rejected"]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))

    def _say(self, path: Path, message: str) -> None:
        self.stdout.write(f"{path}: {message}")

    def _files(self, paths: list[Path], counts: dict[str, int]):
        """The article files named, and those in the folders named, walked without following symbolic
        links: a link in a folder (to var/secret_key, to /etc/passwd, to a folder elsewhere) is reported as
        rejected and not read. A path named on the command line is taken as the person typed it."""
        for path in paths:
            if path.is_dir():
                found = []
                for folder, folders, files in os.walk(path):
                    here = Path(folder)
                    visible = [name for name in [*folders, *files] if not name.startswith(".")]
                    links = {name for name in visible if (here / name).is_symlink()}
                    folders[:] = [name for name in folders if name in visible and name not in links]
                    for name in visible:
                        if name in links and (_is_article(name) or (here / name).is_dir()):
                            found.append((here / name, True))
                        elif name not in links and _is_article(name) and (here / name).is_file():
                            found.append((here / name, False))
                if not found:
                    formats = importing.ARTICLE_SUFFIX_LIST
                    self._say(path, _("no article files (%(types)s) in this folder") % {"types": formats})
                for file, is_link in sorted(found):
                    if is_link:
                        counts["rejected"] += 1
                        self._say(file, _("rejected: a symbolic link; links in a folder are not followed"))
                    else:
                        yield file
            elif path.is_file():
                yield path
            elif path.exists():
                counts["rejected"] += 1
                self._say(path, _("rejected: not a regular file"))
            else:
                counts["rejected"] += 1
                self._say(path, _("rejected: no such file or folder"))


def _is_article(name: str) -> bool:
    return Path(name).suffix.lower() in importing.ARTICLE_SUFFIXES
