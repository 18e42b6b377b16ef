"""Property: the import normaliser takes any Unicode without an exception, and normalising twice is
normalising once (the content hash and the claims' offsets rest on it). Any bytes are decoded or refused
with a reason, never an exception of another kind.
"""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from claims import importing

# Any code point, lone surrogates and every control character included, with the characters the
# normaliser treats specially drawn often.
SPECIAL = "\r\n\t\x00\x0b\x0c\x1c\x85\u2028\u2029\ufeff\ufffe\u200b \u00a0\u3000e\u0301\u0308\u1100\u1161"
texts = st.text(st.one_of(st.characters(codec=None), st.sampled_from(SPECIAL)), max_size=80)


@settings(max_examples=500, deadline=None)
@given(texts)
@example("\ufeff\ufeffZwei Byte-Order-Marks")  # the first was stripped, the second stayed
@example("\n\ufeffText")
def test_normalising_any_text_twice_is_normalising_it_once(text):
    once = importing.normalise(text)
    assert importing.normalise(once) == once


@settings(max_examples=500, deadline=None)
@given(texts)
def test_a_normalised_text_has_no_control_character_no_cr_and_is_nfc(text):
    once = importing.normalise(text)
    assert not importing._CONTROL.search(once)
    assert "\r" not in once
    assert unicodedata.is_normalized("NFC", once)
    assert all(line == line.rstrip() for line in once.split("\n"))
    once.encode("utf-8")  # PostgreSQL takes it: no lone surrogate, no NUL


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_content_hash_of_a_normalised_text_is_its_own(text):
    assert importing.content_hash(importing.normalise(text)) == importing.content_hash(text)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_decoded_or_refused_with_a_reason(data):
    outcome = decoded_or_reason(data)
    assert isinstance(outcome, str)
    assert outcome != "rejected: "


def decoded_or_reason(data: bytes) -> str:
    try:
        return importing.decode(data)
    except importing.ImportRejected as exc:  # anything else fails the test
        return f"rejected: {exc}"
