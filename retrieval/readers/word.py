"""Word (.docx): paragraphs and tables in document order (python-docx); the core properties
give the title and the author.

A table row becomes one line: with a header row, each cell is named by its column
("Measure: Killed; Figure: about 600; As of: January."), so a row of figures reads as the
sentence it stands for; without one, the cells are joined by semicolons.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from retrieval.errors import UnreadableFileError
from retrieval.readers import Extracted, clean_text


def extract(path: Path) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        raise UnreadableFileError("is not a Word document (a .docx file is a zip archive)")
    try:
        document = docx.Document(str(path))
        lines = list(_lines(document))
        props = document.core_properties
        title, author = props.title, props.author
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFileError(f"is a damaged Word document ({exc})") from exc
    except Exception as exc:  # lxml raises its own kinds on damaged XML parts
        raise UnreadableFileError(f"is a damaged Word document ({type(exc).__name__})") from exc
    if not any(line.strip() for line in lines):
        raise UnreadableFileError("is a Word document without text")
    return Extracted(
        text="\n".join(lines) + "\n",
        title=clean_text(title),
        author=clean_text(author),
    )


def _lines(document: Any) -> list[str]:
    """The body's paragraphs and table rows, in the order they appear."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = " ".join(block.text.split())
            out.append(f"- {text}" if text and _is_list_item(block) else text)
        elif isinstance(block, Table):
            out.extend(_table_lines(block))
    return out


def _is_list_item(paragraph: Any) -> bool:
    style = getattr(paragraph.style, "name", "") or ""
    properties = paragraph._p.pPr
    numbered = properties is not None and properties.numPr is not None
    return style.lower().startswith("list") or numbered


def _table_lines(table: Any) -> list[str]:
    rows = [[" ".join(cell.text.split()) for cell in _unique_cells(row)] for row in table.rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    header = rows[0]
    named = len(rows) > 1 and all(header) and not any(any(c.isdigit() for c in h) for h in header)
    lines: list[str] = []
    if named:
        lines.append("; ".join(header))
        for row in rows[1:]:
            cells = [f"{h}: {c}" for h, c in zip(header, row, strict=False) if c]
            lines.append(_sentence("; ".join(cells)))
    else:
        lines.extend(_sentence("; ".join(c for c in row if c)) for row in rows)
    return lines


def _unique_cells(row: Any) -> list[Any]:
    """A row's cells, a merged cell once."""
    seen: list[Any] = []
    for cell in row.cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return seen


def _sentence(text: str) -> str:
    return text if not text or text.endswith((".", "!", "?")) else text + "."
