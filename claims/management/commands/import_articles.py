from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import importing


class Command(BaseCommand):
    help = (
        f"Import articles from files ({importing.ARTICLE_SUFFIX_LIST}) and folders; each article in one "
        "transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="files or folders to import")

    def handle(self, *args, paths: list[Path], **options) -> None:
        counts = {"imported": 0, "already imported": 0, "rejected": 0}
        for path in self._files(paths, counts):
            try:
                result = importing.store(importing.parse_file(path.name, path.read_bytes()))
            except importing.ImportRejected as exc:
                counts["rejected"] += 1
                self.stdout.write(f"{path}: rejected: {exc}")
                continue
            except OSError as exc:
                counts["rejected"] += 1
                self.stdout.write(f"{path}: rejected: cannot read the file ({exc.strerror})")
                continue
            if result.created:
                counts["imported"] += 1
                self.stdout.write(f"{path}: imported with {result.claim_count} claims")
            else:
                counts["already imported"] += 1
                self.stdout.write(f"{path}: already imported (article {result.article.pk})")
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        if counts["rejected"]:
            raise CommandError(f"{sum(counts.values())} files: {summary}")
        self.stdout.write(self.style.SUCCESS(f"{sum(counts.values())} files: {summary}"))

    def _files(self, paths: list[Path], counts: dict[str, int]):
        for path in paths:
            if path.is_dir():
                found = sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in importing.ARTICLE_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
                if not found:
                    formats = importing.ARTICLE_SUFFIX_LIST
                    self.stdout.write(f"{path}: no article files ({formats}) in this folder")
                yield from found
            elif path.exists():
                yield path
            else:
                counts["rejected"] += 1
                self.stdout.write(f"{path}: rejected: no such file or folder")
