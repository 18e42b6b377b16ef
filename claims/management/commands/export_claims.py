from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims.exports.export import Export
from claims.exports.form import ExportForm
from claims.exports.formats import DEFAULT, FORMATS
from claims.languages import speaks_desk_language
from claims.models import Claim, Label


class Command(BaseCommand):
    help = (
        f"Export labelled claims as the Export page does: --format {'|'.join(FORMATS)}, the page's filters, "
        "-o FILE. The file holds the header and the rows only, and appears only when complete (written to a "
        "temporary file, then renamed); a failed export exits non-zero and leaves no file (with -o -, what "
        "was written is incomplete)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=list(FORMATS), default=DEFAULT)
        parser.add_argument("-o", "--output", required=True, help="the file to write, or - for stdout")
        parser.add_argument("--article", type=int, action="append", default=[], help="article id; repeatable")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--imported-from", default="", help="YYYY-MM-DD")
        parser.add_argument("--imported-to", default="", help="YYYY-MM-DD")
        parser.add_argument(
            "--status",
            default="",
            choices=["", *Claim.Status.values],
            help=(
                "single: one label; agreed, disputed: two or more labels, the same or not; adjudicated: "
                "settled by a lead; reopened: a later label differs from the lead's decision"
            ),
        )
        parser.add_argument("--label", default="", choices=["", *Label.Value.values], help="resolved label")
        parser.add_argument("--reviewer", default="", help="username: only this reviewer's labels")
        parser.add_argument("--semicolon", action="store_true", help='";" as the CSV separator')
        parser.add_argument("--no-bom", action="store_true", help="UTF-8 without a byte order mark")

    @speaks_desk_language
    def handle(self, *args, **options) -> None:
        export = self._export(options)
        output = options["output"]
        try:
            if output == "-":
                rows = self._write(export, sys.stdout.buffer)
            else:
                rows = self._write_file(export, Path(output))
        except Exception as exc:
            if output == "-":
                outcome = _("the output is incomplete")
            else:
                outcome = _("no file was written to %(path)s") % {"path": output}
            raise CommandError(
                _("the export failed, %(outcome)s: %(error)s") % {"outcome": outcome, "error": exc}
            ) from exc
        self.stderr.write(
            ngettext("%(n)s row written to %(path)s", "%(n)s rows written to %(path)s", rows)
            % {"n": rows, "path": output}
        )

    def _export(self, options) -> Export:
        reviewer = ""
        if options["reviewer"]:
            user = get_user_model().objects.filter(username=options["reviewer"]).first()
            if user is None:
                raise CommandError(_("no user %(name)r") % {"name": options["reviewer"]})
            reviewer = str(user.pk)
        data = {
            "format": options["format"],
            "articles": [str(pk) for pk in options["article"]],
            "outlet": options["outlet"],
            "imported_from": options["imported_from"],
            "imported_to": options["imported_to"],
            "status": options["status"],
            "label": options["label"],
            "reviewer": reviewer,
            "delimiter": ";" if options["semicolon"] else ",",
            "bom": "no" if options["no_bom"] else "yes",
        }
        form = ExportForm(data)
        if not form.is_valid():
            errors = "; ".join(f"{name}: {' '.join(errs)}" for name, errs in form.errors.items())
            raise CommandError(errors)
        return form.export()

    def _write(self, export: Export, out) -> int:
        for chunk in export.stream():
            out.write(chunk)
        return export.rows_written

    def _write_file(self, export: Export, path: Path) -> int:
        fd, tmp = tempfile.mkstemp(prefix=".export-", dir=path.parent if str(path.parent) else ".")
        try:
            with os.fdopen(fd, "wb") as out:
                rows = self._write(export, out)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        return rows
