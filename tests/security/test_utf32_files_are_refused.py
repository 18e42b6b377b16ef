"""Case: UTF-32 files (pen test finding 8).

UTF-32's little-endian byte order mark starts like UTF-16's (FF FE), so such files were read as UTF-16 and
stored garbled, although the README says anything but UTF-8, UTF-16 with BOM and Windows-1252 is refused.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims import importing
from claims.models import Article
from tests.desk_helpers import csrf_token

TEXT = "Die Regierung hat am Montag neue Maßnahmen beschlossen.\n"


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf32_file_is_refused_with_a_reason(db, encoding):
    data = TEXT.encode(encoding)
    if not data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        data = ("\ufeff" + TEXT).encode(encoding)
    with pytest.raises(importing.ImportRejected, match="UTF-32"):
        importing.parse_file("artikel.txt", data)


def test_an_uploaded_utf32_file_stores_nothing(reviewer_client):
    upload = SimpleUploadedFile("artikel.txt", ("\ufeff" + TEXT).encode("utf-32-le"))
    response = reviewer_client.post(
        reverse("import"), {"files": [upload], "csrfmiddlewaretoken": csrf_token(reviewer_client)}
    )
    assert "UTF-32" in response.content.decode()
    assert not Article.objects.exists()


def test_utf16_with_a_bom_is_still_read(db):
    parsed = importing.parse_file("artikel.txt", ("\ufeff" + TEXT).encode("utf-16-le"))
    assert parsed.text == TEXT.strip()
