"""An export as an HTTP download: the Export page's and the admin action's response."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import StreamingHttpResponse

from claims.exports.export import Export


def streamed_download(export: Export) -> StreamingHttpResponse:
    """The file, streamed as it is written. An error after the first byte propagates out of the response's
    iterator, so the server drops the connection before the last chunk and the client reports a failed
    download instead of keeping a short file."""
    return download(export.stream(), filename=export.filename(), content_type=export.content_type)


def download(
    chunks: Iterable[bytes], *, filename: str, content_type: str, size: int | None = None
) -> StreamingHttpResponse:
    """A file sent as it is read, kept by no cache. `filename` is ASCII made by Export.filename()."""
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if size is not None:
        response["Content-Length"] = str(size)
    response["Cache-Control"] = "no-store"
    return response
