"""PDF: the text layer page by page (pdfminer.six), reflowed into paragraphs.

Layout analysis groups each page's lines into text boxes in reading order (columns one after
the other). Lines at the top and bottom of the pages that repeat on most pages (running
headers and footers, "Page 3 of 9") and bare page numbers are dropped; a word hyphenated
across a line break is joined; the lines of a paragraph become one line. Pages are joined
with a newline, and ``page_starts`` records where each page's text begins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retrieval.errors import UnreadableFileError
from retrieval.readers import Extracted

# "3", "- 3 -", "Page 3", "page 3 of 9", "3 / 9", "iv"
PAGE_NUMBER = re.compile(
    r"^\W*(?:page\s+)?(?:\d{1,4}|[ivx]{1,5})(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.IGNORECASE
)
BULLET = re.compile(r"^\s*(?:[-*•·▪–—]|\d{1,2}[.)])\s+")
TERMINAL = (".", "!", "?", ":", '"', "”", "’", ")")
EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be a running header


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    box: int  # the text box (paragraph candidate) it belongs to, numbered per page


def extract(path: Path) -> Extracted:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException

    _check_complete(path)
    pages: list[list[_Line]] = []
    try:
        with path.open("rb") as fh:
            document = PDFDocument(PDFParser(fh))
            if not document.is_extractable:
                raise UnreadableFileError("is a PDF whose text its owner does not allow copying")
            manager = PDFResourceManager()
            device = PDFPageAggregator(manager, laparams=LAParams(line_margin=1.0, char_margin=3.0))
            interpreter = PDFPageInterpreter(manager, device)
            for page in PDFPage.create_pages(document):
                interpreter.process_page(page)
                pages.append(_page_lines(device.get_result()))
            info = _info(document)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableFileError("is an encrypted PDF (it needs a password)") from exc
    except UnreadableFileError:
        raise
    except (PSException, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise UnreadableFileError(f"is a damaged PDF ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise UnreadableFileError("is a PDF with no pages")
    drop = _running_lines(pages)
    texts = [_page_text(lines, drop) for lines in pages]
    if not any(t.strip() for t in texts):
        raise UnreadableFileError("is a PDF without a text layer (scanned images only?)")
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 1
    return Extracted(
        text="\n".join(parts),
        title=info.get("title"),
        author=info.get("author"),
        published=_pdf_date(info.get("creationdate")),
        page_starts=starts,
    )


def _check_complete(path: Path) -> None:
    """A PDF ends with an end-of-file marker; a file cut short does not."""
    try:
        with path.open("rb") as fh:
            head = fh.read(5)
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 2048))
            tail = fh.read()
    except OSError as exc:
        raise UnreadableFileError(f"cannot be read ({exc.strerror or exc})") from exc
    if head != b"%PDF-":
        raise UnreadableFileError("is not a PDF (it does not start with %PDF-)")
    if b"%%EOF" not in tail:
        raise UnreadableFileError("is a truncated PDF (no end-of-file marker)")


def _page_lines(layout: Any) -> list[_Line]:
    from pdfminer.layout import LTTextBox, LTTextLine

    lines: list[_Line] = []
    box = 0
    for element in layout:
        if not isinstance(element, LTTextBox):
            continue
        box += 1
        for item in element:
            if not isinstance(item, LTTextLine):
                continue
            text = " ".join(item.get_text().split())
            if text:
                lines.append(_Line(text, item.x0, item.x1, item.y1, item.height, box))
    return lines


def _edge(lines: list[_Line]) -> list[_Line]:
    """The topmost and bottommost lines of a page that stand apart from the body text (in a
    text box of their own, not the first or last line of a paragraph)."""
    per_box = Counter(line.box for line in lines)
    ordered = sorted(lines, key=lambda line: -line.top)
    edge = ordered[:EDGE_LINES] + ordered[-EDGE_LINES:]
    return [line for line in edge if per_box[line.box] <= EDGE_LINES]


def _shape(text: str) -> str:
    """A line with its numbers blanked: "Page 3 of 9" and "Page 4 of 9" look the same."""
    return re.sub(r"\d+", "#", text.lower())


def _running_lines(pages: list[list[_Line]]) -> set[str]:
    """Shapes of lines repeated at the top or bottom of most pages (at least two)."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_shape(line.text) for line in _edge(lines)})
    need = max(2, (len(pages) + 1) // 2)
    return {shape for shape, n in seen.items() if n >= need}


def _page_text(lines: list[_Line], running: set[str]) -> str:
    edge = {id(line) for line in _edge(lines)}
    kept = [
        line
        for line in lines
        if not (id(line) in edge and (_shape(line.text) in running or PAGE_NUMBER.match(line.text)))
    ]
    paragraphs: list[str] = []
    previous: _Line | None = None
    widths: dict[int, float] = {}
    lefts: dict[int, float] = {}
    for line in kept:
        widths[line.box] = max(widths.get(line.box, 0.0), line.x1 - line.x0)
        lefts[line.box] = min(lefts.get(line.box, line.x0), line.x0)
    for line in kept:
        if previous is not None and _continues(previous, line, widths, lefts):
            paragraphs[-1] = _join(paragraphs[-1], line.text)
        else:
            paragraphs.append(line.text)
        previous = line
    return "\n".join(paragraphs)


def _continues(
    previous: _Line, line: _Line, widths: dict[int, float], lefts: dict[int, float]
) -> bool:
    """Whether ``line`` goes on with the paragraph ``previous`` is part of."""
    if line.box != previous.box or BULLET.match(line.text):
        return False
    if abs(line.size - previous.size) > 0.15 * max(line.size, previous.size):
        return False  # a heading above body text, or a footnote below it
    if line.x0 - lefts[line.box] > 0.5 * line.size:
        return False  # an indented first line
    ended = previous.text.endswith(TERMINAL)
    short = previous.x1 - previous.x0 < 0.8 * widths[line.box]
    return not (ended and short)


def _join(text: str, line: str) -> str:
    """``line`` appended to ``text``; a word hyphenated across the break is made whole."""
    if re.search(r"[A-Za-z]-$", text) and line[:1].islower():
        return text[:-1] + line
    return f"{text} {line}"


def _info(document: Any) -> dict[str, str]:
    """The document information dictionary's text fields, keys lower-cased."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    out: dict[str, str] = {}
    for info in document.info or []:
        for key, value in (resolve1(info) or {}).items():
            value = resolve1(value)
            if isinstance(value, bytes):
                value = decode_text(value)
            elif isinstance(value, PSLiteral):
                value = str(value.name)
            if isinstance(value, str) and value.strip():
                out[str(key).lower()] = " ".join(value.split())
    return out


def _pdf_date(value: str | None) -> str | None:
    """ "D:20250314093000+01'00'" → "2025-03-14"."""
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", value or "")
    if not match:
        return None
    year, month, day = match.groups()
    if not (
        "1993" <= year <= "2100"  # PDF came out in 1993: earlier dates are placeholders
        and (month is None or "01" <= month <= "12")
        and (day is None or "01" <= day <= "31")
    ):
        return None
    return "-".join(part for part in (year, month, month and day) if part)
