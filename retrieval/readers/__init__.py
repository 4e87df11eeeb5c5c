"""Text and metadata from the corpus's document formats other than plain text.

One module per format; ``extract`` picks it by the file's extension. A reader returns the
document's extracted text, which is what gets split into passages and quoted (``quote ==
text[start:end]``), with the metadata the file itself states. A file a reader cannot use
raises ``UnreadableFileError`` with the reason, in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib import import_module
from pathlib import Path
from typing import Protocol

from retrieval.errors import UnreadableFileError
from retrieval.types import DocumentMeta

# Extension → the module (in this package) that reads it.
READERS = {".html": "web", ".htm": "web", ".pdf": "pdf", ".docx": "word"}
SUFFIXES = tuple(READERS)


@dataclass
class Extracted:
    """A document's text as extracted, and what its own metadata says about it."""

    text: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when the file states one
    publisher: str | None = None
    url: str | None = None
    author: str | None = None
    page_starts: list[int] = field(default_factory=list)  # offset of each page's text (PDF)


class _Reader(Protocol):
    def extract(self, path: Path) -> Extracted: ...


def handles(path: Path) -> bool:
    return path.suffix.lower() in READERS


def extract(path: Path) -> Extracted:
    """The text and metadata of ``path``; ``UnreadableFileError`` when it cannot be used."""
    reader: _Reader = import_module(f"{__name__}.{READERS[path.suffix.lower()]}")  # type: ignore[assignment]
    try:
        return reader.extract(path)
    except UnreadableFileError:
        raise
    except RecursionError as exc:
        raise UnreadableFileError("is nested too deeply to read") from exc
    except Exception as exc:  # a parser's own failure on a malformed file: skip the file
        raise UnreadableFileError(f"cannot be read ({type(exc).__name__}: {exc})") from exc


def clean_text(value: object) -> str | None:
    """A metadata value as one line of text; None when it is empty."""
    text = " ".join(str(value).split()) if value else ""
    return text or None


def with_metadata(meta: DocumentMeta, found: Extracted) -> DocumentMeta:
    """``meta`` (read from the text) with what the file's own metadata states put first."""
    return replace(
        meta,
        title=found.title or meta.title,
        published=found.published or meta.published,
        publisher=found.publisher or meta.publisher,
        url=found.url or meta.url,
        author=found.author or meta.author,
        page_starts=tuple(found.page_starts),
    )


def size_error(path: Path, max_bytes: int | None) -> str | None:
    """Why ``path`` is too large to read (None when it is not, or there is no limit)."""
    if not max_bytes:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None  # reading it says why
    if size <= max_bytes:
        return None
    return (
        f"is too large ({size / 2**20:.0f} MB; the limit is {max_bytes / 2**20:g} MB, "
        "CORPUSBOT_MAX_FILE_MB)"
    )
