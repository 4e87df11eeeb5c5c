"""HTML: the article's main text, found by trafilatura, without navigation, ads, cookie
banners, related-links lists and comments; the page's own metadata (title, publication
date, site name, canonical URL) becomes the document's title, published, publisher and url.

The title heads the text as its first line (as a plain-text article starts with its
headline), so the text reads like the page and its title is never quoted as the article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from retrieval.errors import UnreadableFileError
from retrieval.readers import Extracted, clean_text


def extract(path: Path) -> Extracted:
    import trafilatura

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise UnreadableFileError("is empty")
    try:
        found = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            include_links=False,
            include_images=False,
            deduplicate=False,
            # Only dates the page's markup states: no guessing from the text or a copyright line.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        raise UnreadableFileError(f"is HTML that cannot be parsed ({exc})") from exc
    fields: dict[str, Any] = _as_dict(found)
    body = str(fields.get("text") or "").strip()
    if not body:
        raise UnreadableFileError("is an HTML page without main text")
    title = clean_text(fields.get("title"))
    lines = [line.rstrip() for line in body.splitlines()]
    first = " ".join(lines[0].split()) if lines else ""
    # A title that is the opening words of the text (cut short) would say them twice.
    if title and not first.startswith(title.rstrip(" .…")):
        lines.insert(0, title)
    return Extracted(
        text="\n".join(lines) + "\n",
        title=title,
        published=clean_text(fields.get("date")),
        publisher=clean_text(fields.get("sitename")),
        url=clean_text(fields.get("url")),
        author=clean_text(fields.get("author")),
    )


def _as_dict(found: Any) -> dict[str, Any]:
    if found is None:
        return {}
    if isinstance(found, dict):
        return found
    as_dict = getattr(found, "as_dict", None)
    return dict(as_dict()) if callable(as_dict) else dict(vars(found))
