from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import importing, segmentation


class Command(BaseCommand):
    help = (
        "Print the units of each file as JSON lines {file, start, end, text, kind}, with offsets into the "
        "file's text after BOM removal and CRLF to LF. Needs no database."
    )
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files: list[Path], **options) -> None:
        failed = []
        for path in files:
            try:
                text = importing.decode(path.read_bytes())
            except (OSError, importing.ImportRejected) as exc:
                failed.append(f"{path}: {getattr(exc, 'strerror', None) or exc}")
                continue
            text = importing.normalise_line_ends(text)
            for unit in segmentation.segment(text):
                record = {"file": str(path), "start": unit.start, "end": unit.end, "text": unit.text}
                record["kind"] = unit.kind
                if unit.duplicate:
                    record["duplicate"] = True
                self.stdout.write(json.dumps(record, ensure_ascii=False))
        if failed:
            raise CommandError("could not read " + "; ".join(failed))
