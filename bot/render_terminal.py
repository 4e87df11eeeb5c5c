"""Terminal rendering of an ``Answer`` (rich), and the one-line form for batch output."""

from __future__ import annotations

import textwrap

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from bot.answer import Answer
from bot.present import GroupView, Limits, QuoteView, present

# A terminal scrolls: every group and value is shown.
LIMITS = Limits()


def source_line(quote: QuoteView) -> str:
    """ "title · p. 3 · publisher · date · url"."""
    return " · ".join([quote.title, *quote.credit, *([quote.url] if quote.url else [])])


# Source names in the figures table are cut to this many characters.
SOURCE_WIDTH = 28


def _short(title: str) -> str:
    return title if len(title) <= SOURCE_WIDTH else title[: SOURCE_WIDTH - 1].rstrip() + "…"


class FiguresTable:
    """The figure groups as a table: one row per value (measure with agree/differ, value, its
    sources, as of), a rule between groups, fitted to the terminal's width.

    Drawn line by line rather than with rich's ``Table``, which measures every cell of every
    row: with a few groups of many values that cost more than answering the question.
    """

    headers = ("measure", "value", "sources", "as of")
    # The widest each column grows before its text wraps (sources are cut instead).
    caps = (24, 18, SOURCE_WIDTH, 18)
    smallest = 6

    def __init__(self, groups: list[GroupView]) -> None:
        self.sections: list[list[tuple[str, str, list[str], str]]] = [
            [
                (
                    f"{group.measure} ({group.status_words})" if i == 0 else "",
                    value.label,
                    [_short(source.title) for source in value.sources],
                    value.as_of,
                )
                for i, value in enumerate(group.values)
            ]
            for group in groups
        ]

    def _widths(self, room: int) -> list[int]:
        widths = [cell_len(h) for h in self.headers]
        for row in self._rows():
            cells = (row[0], row[1], max(row[2], key=cell_len, default=""), row[3])
            for n, cell in enumerate(cells):
                widths[n] = max(widths[n], min(cell_len(cell), self.caps[n]))
        # A value is not broken inside a word ("1,250,000") while other columns can give way.
        longest_word = max(
            (cell_len(w) for r in self._rows() for w in r[1].split()), default=self.smallest
        )
        floors = [self.smallest, min(max(longest_word, self.smallest), self.caps[1])]
        floors += [self.smallest, self.smallest]
        room -= 3 * len(widths) + 1  # "│ " before each column, " │" after the last
        while sum(widths) > room:
            shrinkable = [n for n in range(len(widths)) if widths[n] > floors[n]]
            if not shrinkable:
                break
            widths[max(shrinkable, key=lambda n: widths[n])] -= 1
        return widths

    def _rows(self) -> list[tuple[str, str, list[str], str]]:
        return [row for section in self.sections for row in section]

    def _cells(self, row: tuple[str, str, list[str], str], widths: list[int]) -> list[list[str]]:
        measure, value, sources, as_of = row
        return [
            _wrap(measure, widths[0]),
            _wrap(value, widths[1]),
            [_cut(s, widths[2]) for s in sources] or [""],
            _wrap(as_of, widths[3]),
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths(options.max_width)

        def rule(left: str, fill: str, cross: str, right: str) -> str:
            return left + cross.join(fill * (w + 2) for w in widths) + right

        text = Text(no_wrap=True, overflow="crop")
        text.append(rule("┏", "━", "┳", "┓") + "\n")
        for n, header in enumerate(self.headers):
            text.append("┃ ")
            text.append(set_cell_size(header, widths[n]), style="bold")
            text.append(" ")
        text.append("┃\n" + rule("┡", "━", "╇", "┩") + "\n")
        for s, section in enumerate(self.sections):
            if s:
                text.append(rule("├", "─", "┼", "┤") + "\n")
            for row in section:
                cells = self._cells(row, widths)
                for line in range(max(len(c) for c in cells)):
                    for n, cell in enumerate(cells):
                        piece = cell[line] if line < len(cell) else ""
                        text.append("│ " + set_cell_size(piece, widths[n]) + " ")
                    text.append("│\n")
        text.append(rule("└", "─", "┴", "┘"))
        yield text


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def _cut(text: str, width: int) -> str:
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"


def figures_table(groups: list[GroupView]) -> FiguresTable:
    return FiguresTable(groups)


def figures_notes(groups: list[GroupView]) -> Text:
    """Under the table, one line per group whose values need a word: the time order of an
    earlier and a later estimate, or which report says what."""
    text = Text()
    for group in groups:
        if group.note:
            if text:
                text.append("\n")
            text.append(f"{group.measure}: ", style="bold")
            text.append(group.note, style="italic")
    return text


def render(answer: Answer) -> RenderableType:
    view = present(answer, LIMITS)
    parts: list[RenderableType] = [Text(view.summary, style="bold")]
    if view.groups:
        parts.append(figures_table(view.groups))
        notes = figures_notes(view.groups)
        if notes:
            parts.append(notes)
    for quote in view.quotes:
        parts.append(
            Panel(
                Text(quote.text),
                title=escape(source_line(quote)),
                title_align="left",
                subtitle=f"{quote.doc_id} · score {quote.score:.2f}",
                subtitle_align="right",
            )
        )
    more = view.not_shown()
    if more:
        parts.append(Text(more, style="dim"))
    return Group(*parts)


def print_answer(answer: Answer, console: Console) -> None:
    console.print(render(answer))


def one_line(answer: Answer) -> str:
    """A single line for batch output: the summary and the best quote with its source."""
    view = present(answer, LIMITS)
    if not view.quotes:
        return f"{answer.question}\t{view.summary}"
    best = view.quotes[0]
    quote = " ".join(best.text.split())
    return f"{answer.question}\t{view.summary}\t\u201c{quote}\u201d ({best.title}; {best.doc_id})"
