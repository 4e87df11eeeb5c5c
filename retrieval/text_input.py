"""The one rule for text that comes from outside: questions from any source, corpus files.

Such text is made valid Unicode before anything else sees it. Bytes are decoded as UTF-8;
a byte that is not UTF-8, and a lone surrogate (what Python makes of an undecodable
command-line argument or terminal line, and what JSON from a chat may carry), becomes the
replacement character U+FFFD, so no later step (a tokenizer, a JSON writer, a terminal) can
fail on it. A byte-order mark at the start is not text and is dropped. Where replacing is
wrong (a corpus file, whose quotes must be exact), ``strict`` refuses instead, with a
``NotUtf8Error`` that says where.
"""

from __future__ import annotations

import re

from retrieval.errors import BadInputError

REPLACEMENT = "\ufffd"
BOM = "\ufeff"
_SURROGATE = re.compile("[\ud800-\udfff]")


class NotUtf8Error(BadInputError):
    """Text from outside that is not valid UTF-8 (only raised when asked to be strict)."""


def external_text(value: str | bytes, *, strict: bool = False) -> str:
    """``value`` as valid Unicode text that any later step can encode; never raises unless
    ``strict``, which refuses bad bytes or lone surrogates instead of replacing them."""
    if isinstance(value, bytes | bytearray):
        try:
            text = bytes(value).decode("utf-8")
        except UnicodeDecodeError as exc:
            if strict:
                raise NotUtf8Error(f"is not UTF-8 (bad byte at offset {exc.start})") from exc
            text = bytes(value).decode("utf-8", "replace")
    else:
        text = str(value)
        bad = _SURROGATE.search(text)
        if bad is not None:
            if strict:
                raise NotUtf8Error(f"is not UTF-8 (bad character at offset {bad.start()})")
            text = _SURROGATE.sub(REPLACEMENT, text)
    return text[1:] if text.startswith(BOM) else text
