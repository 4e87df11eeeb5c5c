"""A PNG of an answer's figures side by side: one row per value, its interval as a bar.

``chart_data(answer)`` says what is drawn (pure data: panels and rows); ``render(panels)``
draws it with matplotlib's Agg backend, imported only then. A lower bound ("more than
4,000") is an arrow open to the right, an upper bound ("up to 300") one open to the left,
"about" a point with its tolerance, a range a bar; dates are drawn on a timeline.
"""

from __future__ import annotations

import calendar
import io
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.answer import Answer
from retrieval.figures.model import Claim, FigureGroup

log = logging.getLogger(__name__)

MAX_GROUPS = 3
MAX_ROWS = 12  # per group: the values stated by most reports are kept
FILE_NAME = "figures.png"
LABEL_CHARS = 38
# The year of dates stated without one (a leap year, for 29 February): shown as day and month.
PLACEHOLDER_YEAR = 4

Shape = Literal["point", "range", "about", "lower", "upper"]


@dataclass(frozen=True)
class Row:
    """One value: what it reads, who says it and when, and where it lies."""

    label: str  # "about 600"
    sources: str  # "Reuters, BBC News"
    as_of: str | None
    shape: Shape
    low: float | None  # on the panel's axis: a number, or a date's ordinal day
    high: float | None

    @property
    def caption(self) -> str:
        """Two lines: the value and when, then who says it."""
        when = f" · {self.as_of}" if self.as_of else ""
        return f"{_clip(self.label + when, LABEL_CHARS)}\n{_clip(self.sources, LABEL_CHARS)}"


@dataclass(frozen=True)
class Panel:
    """One figure group: its rows in time order where the times are known."""

    measure: str
    kind: Literal["count", "date"]
    status: str
    rows: tuple[Row, ...]
    unit: str | None = None


@dataclass(frozen=True)
class Chart:
    png: bytes
    panels: tuple[Panel, ...]
    drawn_rows: tuple[int, ...]  # rows drawn in each panel, counted on the figure itself


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sources(claim: Claim) -> str:
    names: dict[str, str] = {}
    for m in claim.mentions:
        names.setdefault(m.doc_id, m.publisher or m.title or m.doc_id)
    return ", ".join(dict.fromkeys(names.values())) or "unknown source"


def _day(key: float, *, end: bool) -> date | None:
    """A YYYYMMDD (or MMDD, year unknown) key as a day; a month's "31" is its last day."""
    number = int(key)
    year, month, day = number // 10000, number // 100 % 100, number % 100
    year = year or PLACEHOLDER_YEAR
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    day = min(max(day, 1), last) if day else (last if end else 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _count_row(claim: Claim) -> Row | None:
    low, high = claim.low, claim.high
    if low is None and high is None:
        return None
    shape: Shape
    if high is None:
        shape = "lower"
    elif low is None:
        shape = "upper"
    elif claim.qualifier == "approx":
        shape = "about"
    elif claim.qualifier in {"lower", "atleast"}:
        shape, high = "lower", None
    elif claim.qualifier in {"upper", "atmost"}:
        shape, low = "upper", None
    else:
        shape = "point" if low == high else "range"
    return Row(claim.label, _sources(claim), claim.as_of, shape, low, high)


def _date_row(claim: Claim) -> Row | None:
    if claim.low is None or claim.high is None:
        return None
    first, last = _day(claim.low, end=False), _day(claim.high, end=True)
    if first is None or last is None:
        return None
    shape: Shape = "point" if first == last else "range"
    return Row(
        claim.label,
        _sources(claim),
        claim.as_of,
        shape,
        float(first.toordinal()),
        float(last.toordinal()),
    )


def _ordered(claims: Sequence[Claim], kind: str) -> list[Claim]:
    """Dates along their timeline; values in time order when their times can be compared
    (all of one kind: days of a year, or months), the undated one last; else as given."""
    if kind == "date":
        return sorted(claims, key=lambda c: (c.low is None, c.low or 0.0))
    keys = [c.time_key for c in claims if c.time_key is not None]
    undated = len(claims) - len(keys)
    comparable = len({k >= 10000 for k in keys}) == 1 and len(set(keys)) == len(keys)
    if keys and undated <= 1 and comparable:
        return sorted(claims, key=lambda c: (c.time_key is None, c.time_key or 0.0))
    return list(claims)


def panel_of(group: FigureGroup) -> Panel | None:
    """The group as a panel, or None when fewer than two of its values can be drawn."""
    claims = sorted(group.claims, key=lambda c: -len(c.doc_ids))[:MAX_ROWS]
    make = _date_row if group.kind == "date" else _count_row
    rows = [r for c in _ordered(claims, group.kind) if (r := make(c)) is not None]
    if len(rows) < 2:
        return None
    units = {c.unit for c in claims if c.unit}
    unit = units.pop() if len(units) == 1 else None
    return Panel(group.measure, group.kind, group.status, tuple(rows), unit)


def chart_data(answer: Answer, max_groups: int = MAX_GROUPS) -> list[Panel]:
    """What a chart of ``answer`` shows: the groups with two values or more, the question's
    measure first (the answer's own order), at most ``max_groups``."""
    if not answer.answered:
        return []
    panels: list[Panel] = []
    for group in answer.figures:
        panel = panel_of(group)
        if panel is not None:
            panels.append(panel)
        if len(panels) == max_groups:
            break
    return panels


# matplotlib's pyplot state is global; figures are made without it, but the font cache and
# the first import are shared: one drawing at a time.
_DRAW_LOCK = threading.Lock()


def render(panels: Sequence[Panel], *, dpi: int = 100) -> Chart:
    """``panels`` as a PNG, one panel per group stacked top to bottom."""
    if not panels:
        raise ValueError("nothing to draw: no group has two values")
    with _DRAW_LOCK:
        return _render(tuple(panels), dpi)


def _render(panels: tuple[Panel, ...], dpi: int) -> Chart:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    heights = [len(p.rows) + 1.2 for p in panels]
    inches = 0.45 * sum(heights) + 0.6
    figure = Figure(figsize=(9, inches), dpi=dpi)
    # A fixed layout: room on the left for the labels, below each panel for its axis.
    figure.subplots_adjust(left=0.3, right=0.97, top=1 - 0.35 / inches, bottom=0.35 / inches)
    axes = figure.subplots(
        len(panels), 1, squeeze=False, gridspec_kw={"height_ratios": heights, "hspace": 0.6}
    )[:, 0]
    drawn: list[int] = []
    for ax, panel in zip(axes, panels, strict=True):
        drawn.append(_draw_panel(ax, panel))
    buffer = io.BytesIO()
    # Flat colours compress well even at the fastest level; the default level costs more
    # time than drawing a small chart.
    figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return Chart(buffer.getvalue(), panels, tuple(drawn))


def _span(panel: Panel) -> tuple[float, float]:
    values = [v for r in panel.rows for v in (r.low, r.high) if v is not None]
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
    if panel.kind == "count" and low >= 0:
        return max(0.0, low - pad * 3), high + pad * 3
    return low - pad, high + pad


def _draw_panel(ax: object, panel: Panel) -> int:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    left, right = _span(panel)
    colour = "#c0392b" if panel.status == "differ" else "#2e86c1"
    n = len(panel.rows)
    ys = list(range(n - 1, -1, -1))  # first row on top
    # Each kind of mark is drawn with one call for all rows (one artist, not one per row).
    bars: list[tuple[float, float, float, float]] = []  # y, start, width, thickness
    marks: dict[str, tuple[list[float], list[float]]] = {m: ([], []) for m in "o|><"}

    def mark(kind: str, x: float, y: float) -> None:
        marks[kind][0].append(x)
        marks[kind][1].append(y)

    for y, row in zip(ys, panel.rows, strict=True):
        low, high = row.low, row.high
        if row.shape == "point" and low is not None:
            mark("o", low, y)
        elif row.shape == "range" and low is not None and high is not None:
            bars.append((y, low, high - low or (right - left) / 200, 0.45))
        elif row.shape == "about" and low is not None and high is not None:
            # The value with its tolerance: a thin bar between two caps.
            bars.append((y, low, high - low, 0.08))
            mark("o", (low + high) / 2, y)
            mark("|", low, y)
            mark("|", high, y)
        elif row.shape == "lower" and low is not None:
            bars.append((y, low, right - low, 0.12))  # open to the right
            mark("|", low, y)
            mark(">", right, y)
        elif row.shape == "upper" and high is not None:
            bars.append((y, left, high - left, 0.12))  # open to the left
            mark("|", high, y)
            mark("<", left, y)
    if bars:
        y_, start, width, thick = zip(*bars, strict=True)
        ax.barh(y_, width, left=start, height=thick, color=colour)
    for kind, (xs, ys_) in marks.items():
        if xs:
            size = 16 if kind == "|" else 9
            ax.plot(xs, ys_, kind, color=colour, markersize=size, mew=3, clip_on=False)
    # Row labels as plain text beside the axis: far cheaper to draw than tick labels.
    ax.set_yticks([])
    labels = ax.get_yaxis_transform()
    for y, row in zip(ys, panel.rows, strict=True):
        ax.text(
            -0.01, y, row.caption, transform=labels, ha="right", va="center", fontsize=8, gid="row"
        )
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlim(left, right)
    verdict = "reports differ" if panel.status == "differ" else "reports agree"
    unit = f" ({panel.unit})" if panel.unit and panel.unit not in {"date"} else ""
    ax.set_title(_clip(f"{panel.measure}{unit}: {verdict}", 90), fontsize=10, loc="left")
    ax.grid(axis="x", alpha=0.3)
    if panel.kind == "date":
        _date_axis(ax, left, right)
    else:
        from matplotlib.ticker import StrMethodFormatter

        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    return sum(t.get_gid() == "row" for t in ax.texts)


def _date_axis(ax: object, left: float, right: float) -> None:
    from matplotlib.axes import Axes
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    assert isinstance(ax, Axes)
    placeholder = date.fromordinal(max(1, int(left))).year == PLACEHOLDER_YEAR and (
        date.fromordinal(max(1, int(right))).year == PLACEHOLDER_YEAR
    )

    def fmt(value: float, _pos: int) -> str:
        day = date.fromordinal(max(1, round(value)))
        if placeholder:
            return day.strftime("%b %d")
        return day.strftime("%Y-%m-%d") if right - left < 3 * 365 else str(day.year)

    ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(fmt))


def draw(answer: Answer) -> Chart | None:
    """The chart of ``answer``, or None when it has nothing to compare or drawing failed
    (a failure is logged: the text answer never depends on the chart)."""
    panels = chart_data(answer)
    if not panels:
        return None
    try:
        return render(panels)
    except Exception:
        log.exception("drawing the chart of %r failed", answer.question[:200])
        return None
