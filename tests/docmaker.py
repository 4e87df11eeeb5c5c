"""Documents made by the tests: a plain-text article written out as HTML, PDF or Word."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

# fpdf2 writes a creation date; this one (before PDF existed) stands for "none".
NO_DATE = datetime(1969, 12, 31, 19, 0, 0, tzinfo=UTC)


def split_article(text: str) -> tuple[str | None, list[str]]:
    """The headline (None when the article opens with its lead paragraph) and the
    paragraphs, one per line, of a plain-text article."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines[0]) > 150 or lines[0].endswith("."):
        return None, lines
    return lines[0], lines[1:]


def to_html(text: str, path: Path, *, published: str | None = None) -> Path:
    """A saved news page: the article inside navigation, an ad, related links and comments."""
    title, paragraphs = split_article(text)
    body: list[str] = []
    items: list[str] = []
    for line in [*paragraphs, ""]:
        if line.startswith("- "):
            items.append(f"<li>{html.escape(line[2:])}</li>")
            continue
        if items:
            body.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if line:
            body.append(f"<p>{html.escape(line)}</p>")
    head = html.escape(title or paragraphs[0][:60])
    h1 = f"<h1>{html.escape(title)}</h1>" if title else ""
    date = f'<meta property="article:published_time" content="{published}">' if published else ""
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{head} | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">{date}
<link rel="canonical" href="https://daily.example/{path.stem}"></head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies or manage settings.</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="advertisement ad-banner">Lowest mortgage rates in town, apply online today!</div>
<main><article>{h1}
{chr(10).join(body)}
</article>
<aside class="related-links"><h2>Related</h2><ul>
<li><a href="/x">Celebrity chef opens a seaside bakery</a></li>
<li><a href="/y">Ten gardening tips for a rainy spring</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Great article, I shared it with my whole book club yesterday.</p></div></section>
</main><footer><p>© 2025 The Daily Example. All rights reserved.</p></footer></body></html>
"""
    path.write_text(page, "utf-8")
    return path


def to_pdf(
    text: str,
    path: Path,
    *,
    pages: int = 2,
    header: str = "The Daily Example - Special report",
    title_metadata: bool = True,
) -> Path:
    """The article over ``pages`` pages, with a running header and page numbers."""
    from fpdf import FPDF

    title, paragraphs = split_article(text)
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(NO_DATE)
    if title_metadata and title:
        pdf.set_title(title)
    pdf.set_auto_page_break(False)
    per_page = -(-len(paragraphs) // pages)
    for n in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(10, 8)
        pdf.cell(0, 4, header)
        pdf.set_xy(10, 287)
        pdf.cell(0, 4, f"Page {n + 1} of {pages}", align="C")
        pdf.set_xy(10, 25)
        if n == 0 and title:
            pdf.set_font("Helvetica", style="B", size=16)
            pdf.multi_cell(0, 8, title)
            pdf.ln(4)
        pdf.set_font("Helvetica", size=10)
        for line in paragraphs[n * per_page : (n + 1) * per_page]:
            pdf.set_x(10)
            pdf.multi_cell(0, 4.6, line)
            pdf.ln(3)
    pdf.output(str(path))
    return path


def to_docx(text: str, path: Path) -> Path:
    """The article as a Word document, its headline also the document's title."""
    import docx

    title, paragraphs = split_article(text)
    document = docx.Document()
    document.core_properties.author = "A. Reporter"
    if title:
        document.core_properties.title = title
        document.add_heading(title, level=1)
    for line in paragraphs:
        if line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path
