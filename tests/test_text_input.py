"""The one rule for text from outside: valid Unicode out, whatever comes in, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.text_input import NotUtf8Error, external_text

# Every code point, lone surrogates included (Python makes them of undecodable bytes).
ANY_CHARACTER = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())


@given(st.binary(max_size=200))
def test_any_bytes_become_valid_text(data: bytes) -> None:
    text = external_text(data)
    assert text.encode("utf-8").decode("utf-8") == text  # encodable everywhere
    expected = data.decode("utf-8", "replace")
    assert text == expected.removeprefix("\ufeff")


@given(st.text(ANY_CHARACTER, max_size=200))
def test_any_string_becomes_valid_text(value: str) -> None:
    text = external_text(value)
    text.encode("utf-8")  # no lone surrogate is left
    assert len(text) == len(value) - value.startswith("\ufeff")
    kept = [c for c in value.removeprefix("\ufeff") if not 0xD800 <= ord(c) <= 0xDFFF]
    assert [c for c in text if c != "\ufffd"] == [c for c in kept if c != "\ufffd"]


def test_a_byte_order_mark_is_not_text() -> None:
    assert external_text(b"\xef\xbb\xbfTitle") == "Title"
    assert external_text("\ufeffTitle") == "Title"


@pytest.mark.parametrize("value", [b"caf\xe9", "caf\udce9", "x\ud800"])
def test_strict_refuses_and_says_where(value: str | bytes) -> None:
    with pytest.raises(NotUtf8Error, match=r"offset [13]\)"):
        external_text(value, strict=True)
