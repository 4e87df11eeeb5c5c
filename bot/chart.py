"""A PNG of an answer's figures side by side: one row per value, its interval as a bar.

``chart_data(answer)`` says what is drawn (pure data: panels and rows); ``render(panels)``
draws it, imported only then: the marks, frames and grid with matplotlib's Agg backend, the
words with Pillow in the same font (matplotlib renders text glyph by glyph, which made the
words most of a chart's cost). A lower bound ("more than 4,000") is an arrow open to the
right, an upper bound ("up to 300") one open to the left, "about" a point with its
tolerance, a range a bar; dates are drawn on a timeline.
"""

from __future__ import annotations

import calendar
import functools
import io
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from bot.answer import Answer
from bot.messages import NOT_COMPARED, STATUS_WORDS
from retrieval.figures import lexicon as lx
from retrieval.figures.model import Claim, FigureGroup

if TYPE_CHECKING:
    from PIL import Image
    from PIL.ImageFont import FreeTypeFont

log = logging.getLogger(__name__)

MAX_GROUPS = 3
MAX_ROWS = 12  # per group: the values stated by most reports are kept
FILE_NAME = "figures.png"
# A panel's title says whether its reports agree; a catch-all's values are not compared.
VERDICTS = {**STATUS_WORDS, "mixed": NOT_COMPARED}
LABEL_CHARS = 38
LABEL_POINTS = 8
ROW_INCHES = 0.36
GAP_INCHES = 0.7  # between panels: an axis's tick labels, then the next title
MARGIN_INCHES = 0.35
TITLE_PAD = 6  # points above a panel, as matplotlib's titles
TICK_POINTS = (3.5, 3.5)  # a tick's length and its label's gap, as matplotlib's
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


def _in_hours(claim: Claim) -> Claim:
    hours = lx.HOURS.get(claim.unit or "", 1.0)
    return replace(
        claim,
        low=None if claim.low is None else claim.low * hours,
        high=None if claim.high is None else claim.high * hours,
    )


def panel_of(group: FigureGroup) -> Panel | None:
    """The group as a panel, or None when fewer than two of its values can be drawn."""
    claims = sorted(group.claims, key=lambda c: -len(c.doc_ids))[:MAX_ROWS]
    units = {c.unit for c in claims if c.unit}
    if len(units) > 1 and units <= lx.DURATION_UNITS:
        # "19 days" and "nearly three weeks" on one axis: both in hours.
        claims = [_in_hours(c) for c in claims]
        units = {"hours"}
    elif len(units) > 1 and group.kind != "date":
        return None  # "2.1 km" and "640 metres" on one axis would mislead
    make = _date_row if group.kind == "date" else _count_row
    rows = [r for c in _ordered(claims, group.kind) if (r := make(c)) is not None]
    if len(rows) < 2:
        return None
    unit = units.pop() if len(units) == 1 else None
    status = group.status if group.compared else "mixed"  # a catch-all: not compared
    return Panel(group.measure, group.kind, status, tuple(rows), unit)


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
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    # A fixed layout in inches: room on the left for the labels, above each panel for its
    # title and below it for its axis; each row as high whatever the number of rows.
    heights = [ROW_INCHES * (len(p.rows) + 0.4) for p in panels]  # a panel's y span
    inches = sum(heights) + GAP_INCHES * (len(panels) - 1) + 2 * MARGIN_INCHES
    figure = Figure(figsize=(9, inches), dpi=dpi)
    canvas = FigureCanvasAgg(figure)
    margin = MARGIN_INCHES / inches
    figure.subplots_adjust(left=0.3, right=0.97, top=1 - margin, bottom=margin)
    spacing = {"height_ratios": heights, "hspace": GAP_INCHES * len(heights) / sum(heights)}
    axes = figure.subplots(len(panels), 1, squeeze=False, gridspec_kw=spacing)[:, 0]
    ticks = [_draw_panel(ax, panel) for ax, panel in zip(axes, panels, strict=True)]
    canvas.draw()
    width, height = canvas.get_width_height()
    rgba = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    image = rgba.convert("RGB")
    drawn = tuple(
        _write(image, ax, panel, at, dpi) for ax, panel, at in zip(axes, panels, ticks, strict=True)
    )
    buffer = io.BytesIO()
    # Flat colours compress well even at the fastest level; the default level costs more
    # time than drawing a small chart.
    image.save(buffer, format="PNG", compress_level=1)
    return Chart(buffer.getvalue(), panels, drawn)


def _span(panel: Panel) -> tuple[float, float]:
    values = [v for r in panel.rows for v in (r.low, r.high) if v is not None]
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
    if panel.kind == "count" and low >= 0:
        return max(0.0, low - pad * 3), high + pad * 3
    return low - pad, high + pad


Ticks = tuple[tuple[float, str], ...]  # where on the value axis, and what it reads


def _draw_panel(ax: object, panel: Panel) -> Ticks:
    """The panel's marks, frame and grid; its words are written by ``_write``. Returns the
    value axis's ticks."""
    from matplotlib.axes import Axes
    from matplotlib.collections import PolyCollection
    from matplotlib.markers import TICKDOWN

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
        boxes = [
            [(x, y - t / 2), (x + w, y - t / 2), (x + w, y + t / 2), (x, y + t / 2)]
            for y, x, w, t in bars
        ]
        ax.add_collection(PolyCollection(boxes, facecolors=colour, edgecolors="none"))
    for kind, (xs, ys_) in marks.items():
        if xs:
            size = 16 if kind == "|" else 9
            ax.plot(xs, ys_, kind, color=colour, markersize=size, mew=3, clip_on=False)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlim(left, right)
    # matplotlib's own axes are left out (their ticks and labels cost more than the chart);
    # the frame stays, and the ticks and grid are drawn from its locator.
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    ticks = _ticks(panel.kind, left, right)
    at = [x for x, _label in ticks]
    along = ax.get_xaxis_transform()  # x on the values, y across the panel
    ax.vlines(at, 0, 1, transform=along, colors="#b0b0b0", alpha=0.3, linewidth=0.8, zorder=0.5)
    ax.plot(
        at,
        [0] * len(at),
        ls="none",
        marker=TICKDOWN,
        markersize=TICK_POINTS[0],
        mew=0.8,
        color="black",
        transform=along,
        clip_on=False,
    )
    return ticks


def _ticks(kind: str, left: float, right: float) -> Ticks:
    from matplotlib.ticker import MaxNLocator

    if kind == "date":
        locator = MaxNLocator(6, integer=True)
        fmt = _date_format(left, right)
    else:
        locator = MaxNLocator(9, steps=[1, 2, 2.5, 5, 10])  # matplotlib's own default

        def fmt(value: float) -> str:
            return f"{value:,.0f}"

    slack = (right - left) * 1e-9
    return tuple(
        (float(x), fmt(float(x)))
        for x in locator.tick_values(left, right)
        if left - slack <= x <= right + slack
    )


def _date_format(left: float, right: float) -> Callable[[float], str]:
    placeholder = date.fromordinal(max(1, int(left))).year == PLACEHOLDER_YEAR and (
        date.fromordinal(max(1, int(right))).year == PLACEHOLDER_YEAR
    )

    def fmt(value: float) -> str:
        day = date.fromordinal(max(1, round(value)))
        if placeholder:
            return day.strftime("%b %d")
        return day.strftime("%Y-%m-%d") if right - left < 3 * 365 else str(day.year)

    return fmt


@functools.lru_cache(maxsize=8)
def _font(pixels: float) -> FreeTypeFont:
    """matplotlib's default sans (the font of the frame's own text) at ``pixels``, loaded once."""
    from matplotlib.font_manager import FontProperties, findfont
    from PIL import ImageFont

    return ImageFont.truetype(findfont(FontProperties()), size=pixels)


def _write(image: Image.Image, ax: object, panel: Panel, ticks: Ticks, dpi: int) -> int:
    """The panel's words written straight into its pixels: the title above, the tick labels
    below, each row's caption left of its row. (matplotlib renders text glyph by glyph;
    drawn by it, the words cost most of a large chart.) Returns how many row captions
    landed whole on the picture."""
    from matplotlib import rcParams
    from matplotlib.axes import Axes
    from PIL import ImageDraw

    assert isinstance(ax, Axes)
    pen = ImageDraw.Draw(image)
    ink = rcParams["text.color"]
    point = dpi / 72

    def pixel(transform: Any, x: float, y: float) -> tuple[float, float]:
        across, up = transform.transform((x, y))
        return float(across), image.height - float(up)

    left, top = pixel(ax.transAxes, 0, 1)
    verdict = VERDICTS.get(panel.status, STATUS_WORDS["agree"])
    unit = f" ({panel.unit})" if panel.unit and panel.unit not in {"date"} else ""
    title = _clip(f"{panel.measure}{unit}: {verdict}", 90)
    pen.text((left, top - TITLE_PAD * point), title, font=_font(10 * point), fill=ink, anchor="ls")

    tick_font = _font(10 * point)
    drop = sum(TICK_POINTS) * point
    along = ax.get_xaxis_transform()
    for x, label in ticks:
        where, bottom = pixel(along, x, 0)
        pen.text((where, bottom + drop), label, font=tick_font, fill=ink, anchor="mt")

    font = _font(LABEL_POINTS * point)
    ascent, descent = font.getmetrics()
    beside = ax.get_yaxis_transform()
    drawn = 0
    for y, row in zip(range(len(panel.rows) - 1, -1, -1), panel.rows, strict=True):
        right, middle = pixel(beside, -0.01, y)
        first, *rest = row.caption.split("\n")
        second = " ".join(rest)
        # The value above the row's middle line, who says it below.
        pen.text((right, middle), first, font=font, fill=ink, anchor="rd")
        pen.text((right, middle), second, font=font, fill=ink, anchor="ra")
        drawn += ascent + descent <= middle <= image.height - ascent - descent
    return drawn


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
