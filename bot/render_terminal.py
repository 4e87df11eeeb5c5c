"""Terminal rendering of an ``Answer`` (rich), and the one-line form for batch output."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.answer import Answer, Snippet
from retrieval.figures.model import FigureGroup


def source_line(snippet: Snippet) -> str:
    parts = [snippet.title]
    if snippet.publisher:
        parts.append(snippet.publisher)
    if snippet.url:
        parts.append(snippet.url)
    return " · ".join(parts)


# Source names in the figures table are cut to this many characters.
SOURCE_WIDTH = 28


def _short(title: str) -> str:
    return title if len(title) <= SOURCE_WIDTH else title[: SOURCE_WIDTH - 1].rstrip() + "…"


def figures_table(groups: list[FigureGroup]) -> Table:
    """One row per value: measure (with agree/differ), value, its sources, as of."""
    table = Table(show_header=True, header_style="bold", expand=False, show_lines=False)
    table.add_column("measure")
    table.add_column("value")
    table.add_column("sources", no_wrap=True, overflow="ellipsis")
    table.add_column("as of")
    for n, group in enumerate(groups):
        if n:
            table.add_section()
        for i, claim in enumerate(group.claims):
            measure = f"{group.measure} ({group.status})" if i == 0 else ""
            sources = "\n".join(_short(s) for s in claim.sources)
            table.add_row(
                escape(measure), escape(claim.label), escape(sources), escape(claim.as_of or "")
            )
    return table


def figures_notes(groups: list[FigureGroup]) -> Text:
    """Under the table, one line per group whose values need a word: the time order of an
    earlier and a later estimate, or which report says what."""
    text = Text()
    for group in groups:
        if group.note and len(group.claims) > 1:
            if text:
                text.append("\n")
            text.append(f"{group.measure}: ", style="bold")
            text.append(group.note, style="italic")
    return text


def render(answer: Answer) -> RenderableType:
    parts: list[RenderableType] = [Text(answer.summary or "", style="bold")]
    if not answer.answered:
        return Group(*parts)
    if answer.figures:
        parts.append(figures_table(answer.figures))
        notes = figures_notes(answer.figures)
        if notes:
            parts.append(notes)
    for snippet in answer.snippets:
        parts.append(
            Panel(
                Text(snippet.quote),
                title=escape(source_line(snippet)),
                title_align="left",
                subtitle=f"{snippet.doc_id} · score {snippet.score:.2f}",
                subtitle_align="right",
            )
        )
    return Group(*parts)


def print_answer(answer: Answer, console: Console) -> None:
    console.print(render(answer))


def one_line(answer: Answer) -> str:
    """A single line for batch output: the summary and the best quote with its source."""
    if not answer.answered or not answer.snippets:
        return f"{answer.question}\t{answer.summary}"
    best = answer.snippets[0]
    quote = " ".join(best.quote.split())
    return f"{answer.question}\t{answer.summary}\t\u201c{quote}\u201d ({best.title}; {best.doc_id})"
