"""An export as an HTTP download: the Export page's and the admin action's response."""

from __future__ import annotations

from django.http import StreamingHttpResponse

from claims.exports.export import Export


def streamed_download(export: Export) -> StreamingHttpResponse:
    """The file, streamed as it is written. An error after the first byte propagates out of the response's
    iterator, so the server drops the connection before the last chunk and the client reports a failed
    download instead of keeping a short file."""
    response = StreamingHttpResponse(export.stream(), content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename()}"'
    response["Cache-Control"] = "no-store"
    return response
