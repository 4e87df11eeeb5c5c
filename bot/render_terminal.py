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


def figures_table(groups: list[FigureGroup]) -> Table:
    table = Table(show_header=True, header_style="bold", expand=False, show_lines=False)
    table.add_column("measure")
    table.add_column("value")
    table.add_column("sources")
    table.add_column("as of")
    for group in groups:
        status = "agree" if group.status == "agree" else "differ"
        first = True
        for claim in group.claims:
            measure = f"{group.measure} ({status})" if first else ""
            table.add_row(
                escape(measure),
                escape(claim.label),
                escape(", ".join(claim.sources)),
                escape(claim.as_of or ""),
            )
            first = False
        if group.note:
            table.add_row("", Text(group.note, style="italic"), "", "")
    return table


def render(answer: Answer) -> RenderableType:
    parts: list[RenderableType] = [Text(answer.summary or "", style="bold")]
    if not answer.answered:
        return Group(*parts)
    if answer.figures:
        parts.append(figures_table(answer.figures))
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
