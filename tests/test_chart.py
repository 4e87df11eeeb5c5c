"""The chart of figures side by side: what is drawn (rows, shapes, order) and the PNG itself."""

from __future__ import annotations

import io
import itertools
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from bot import chart
from bot.answer import Answer
from retrieval.figures.model import Claim, FigureGroup, FigureValue

ROOT = Path(__file__).resolve().parent.parent


def said(doc: str, publisher: str | None = None, title: str = "") -> FigureValue:
    return FigureValue(
        text="x",
        low=None,
        high=None,
        unit="people",
        doc_id=doc,
        quote="q",
        publisher=publisher,
        title=title,
    )


def deaths() -> FigureGroup:
    return FigureGroup(
        "deaths",
        "differ",
        [
            Claim(
                "about 600",
                540,
                660,
                "people",
                "in April",
                [said("a", "Wire"), said("b", "Daily")],
                qualifier="approx",
                time_key=4,
            ),
            Claim("300", 300, 300, "people", "in January", [said("c", "Ministry")], time_key=1),
        ],
    )


def casualties() -> FigureGroup:
    return FigureGroup(
        "killed or wounded",
        "differ",
        [
            Claim(
                "more than 4,000",
                4000,
                None,
                "people",
                None,
                [said("d", "Agency")],
                qualifier="lower",
            ),
            Claim("up to 350", None, 350, "people", None, [said("e", "Aid")], qualifier="atmost"),
            Claim("10,000–12,000", 10000, 12000, "people", None, [said("f", title="UN report")]),
        ],
    )


def breach_dates() -> FigureGroup:
    return FigureGroup(
        "levee breach",
        "differ",
        [
            Claim("March 2024", 20240301, 20240331, "date", None, [said("a", "Wire")]),
            Claim("3 March 2024", 20240303, 20240303, "date", None, [said("b", "Daily")]),
        ],
        kind="date",
    )


def single() -> FigureGroup:
    return FigureGroup(
        "evacuated", "agree", [Claim("4,000", 4000, 4000, "people", None, [said("a")])]
    )


def answer(*groups: FigureGroup) -> Answer:
    return Answer("how many died?", True, figures=list(groups), summary="s")


def decoded_height(png: bytes) -> int:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image.load()
        assert image.format == "PNG"
        return image.size[1]


def test_one_row_per_value_with_its_shape_source_and_time() -> None:
    [first, second] = chart.chart_data(answer(deaths(), single(), casualties()))
    # The question's measure first; a group with one value has nothing to compare.
    assert [p.measure for p in (first, second)] == ["deaths", "killed or wounded"]
    # Time order where the times are known: January before April.
    assert [r.label for r in first.rows] == ["300", "about 600"]
    assert [r.shape for r in first.rows] == ["point", "about"]
    assert first.rows[1].caption == "about 600 · in April\nWire, Daily"
    assert [r.shape for r in second.rows] == ["lower", "upper", "range"]
    assert second.rows[2].sources == "UN report"


def test_the_png_decodes_and_has_a_row_per_value() -> None:
    drawn = chart.draw(answer(deaths(), casualties(), breach_dates(), deaths()))
    assert drawn is not None
    assert len(drawn.panels) == chart.MAX_GROUPS  # at most three groups
    assert drawn.drawn_rows == tuple(len(p.rows) for p in drawn.panels) == (2, 3, 2)
    small = chart.draw(answer(deaths()))
    assert small is not None and small.drawn_rows == (2,)
    # More rows make a taller picture: the rows are really drawn.
    assert decoded_height(drawn.png) > decoded_height(small.png)


def ink_bands(png: bytes) -> list[tuple[int, int]]:
    """The runs of pixel rows with dark ink in the strip left of the panels (the captions)."""
    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        grey = np.asarray(image.convert("L"))
    inked = (grey[:, : int(grey.shape[1] * 0.28)] < 128).any(axis=1)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], inked.astype(int), [0]])))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def rows_read_back(png: bytes) -> int:
    """Captions counted on the picture: each is two lines a few pixels apart, and the next
    caption starts a row's height further down."""
    bands = ink_bands(png)
    return 1 + sum(b[0] - a[1] >= 9 for a, b in itertools.pairwise(bands))


def test_every_caption_is_on_the_picture() -> None:
    drawn = chart.draw(answer(deaths(), casualties(), breach_dates()))
    assert drawn is not None
    # Two lines per caption (value and when, then who says it), one caption per row.
    assert len(ink_bands(drawn.png)) == 2 * 7
    assert rows_read_back(drawn.png) == sum(drawn.drawn_rows) == 7


def test_panels_are_spaced_alike_however_many_rows_they_hold() -> None:
    def rows(n: int) -> FigureGroup:
        claims = [Claim(str(v), v, v, "people", None, [said(f"d{v}")]) for v in range(n)]
        return FigureGroup(f"{n} values", "differ", claims)

    def widest_gap(png: bytes) -> int:
        bands = ink_bands(png)
        return max(b[0] - a[1] for a, b in itertools.pairwise(bands))

    short = chart.draw(answer(rows(2), rows(2)))
    tall = chart.draw(answer(rows(12), rows(12), rows(12)))
    assert short is not None and tall is not None
    assert rows_read_back(tall.png) == sum(tall.drawn_rows) == 36
    # The space between two panels holds an axis and a title, not a share of the rows.
    assert abs(widest_gap(tall.png) - widest_gap(short.png)) <= 4
    # Each row as high in both: the picture grows by the rows and the panel added, no more.
    panel = chart.ROW_INCHES * (12 + 0.4) + chart.GAP_INCHES
    grown = chart.ROW_INCHES * 2 * (12 - 2)
    height = decoded_height(tall.png) - decoded_height(short.png)
    assert abs(height - 100 * (panel + grown)) <= 2


def test_a_caption_with_a_line_break_in_a_name_still_takes_two_lines() -> None:
    group = deaths()
    group.claims[1].mentions = [said("c", "Ministry\nof Health")]
    drawn = chart.draw(answer(group))
    assert drawn is not None and drawn.drawn_rows == (2,)
    assert len(ink_bands(drawn.png)) == 2 * 2


def test_the_value_axis_reads_in_round_steps() -> None:
    assert [label for _x, label in chart._ticks("count", 0, 14_900)] == [
        f"{v:,}" for v in range(0, 14_001, 2000)
    ]
    from datetime import date

    march = chart._ticks("date", date(2024, 3, 1).toordinal(), date(2024, 3, 31).toordinal())
    days = [label for _x, label in march]
    assert len(days) >= 3 and days == sorted(days)
    assert all(label.startswith("2024-03-") for label in days)
    years = chart._ticks("date", date(2001, 1, 1).toordinal(), date(2024, 1, 1).toordinal())
    assert all(len(label) == 4 for _x, label in years)


def test_dates_are_drawn_on_a_timeline() -> None:
    [panel] = chart.chart_data(answer(breach_dates()))
    month, day = panel.rows
    assert (month.shape, day.shape) == ("range", "point")
    from datetime import date

    assert month.low == date(2024, 3, 1).toordinal()
    assert month.high == date(2024, 3, 31).toordinal()
    drawn = chart.render([panel])
    assert drawn.drawn_rows == (2,)


def test_a_date_without_a_year_stays_on_month_and_day() -> None:
    group = FigureGroup(
        "festival",
        "differ",
        [
            Claim("2 March", 302, 302, "date", None, [said("a")]),
            Claim("29 February", 229, 229, "date", None, [said("b")]),
        ],
        kind="date",
    )
    [panel] = chart.chart_data(answer(group))
    assert [r.label for r in panel.rows] == ["29 February", "2 March"]
    assert chart.render([panel]).drawn_rows == (2,)


def test_nothing_to_compare_draws_nothing() -> None:
    assert chart.draw(answer(single())) is None
    assert chart.draw(Answer("q", False)) is None
    with pytest.raises(ValueError):
        chart.render([])


def test_a_failure_to_draw_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(panels: object, dpi: int) -> chart.Chart:
        raise RuntimeError("no fonts")

    monkeypatch.setattr(chart, "_render", broken)
    with caplog.at_level(logging.ERROR, logger="bot.chart"):
        assert chart.draw(answer(deaths())) is None
    assert "no fonts" in caplog.text


def test_matplotlib_is_imported_only_when_a_chart_is_drawn() -> None:
    probe = (
        "import sys\n"
        "import bot.chart, bot.slack_app, bot.discord_app, bot.cli\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def _spans(*claims: tuple[str, float, str]) -> FigureGroup:
    return FigureGroup(
        "how long (the notice lasted …)",
        "differ",
        [
            Claim(label, value, value, unit, None, [said(f"d{n}")])
            for n, (label, value, unit) in enumerate(claims)
        ],
    )


def test_spans_of_time_in_different_units_share_one_axis_in_hours() -> None:
    panel = chart.panel_of(_spans(("19 days", 19, "days"), ("nearly 4 weeks", 4, "weeks")))
    assert panel is not None and panel.unit == "hours"
    assert sorted((r.label, r.low) for r in panel.rows) == [
        ("19 days", 456.0),
        ("nearly 4 weeks", 672.0),
    ]


def test_values_in_units_that_do_not_convert_are_not_drawn_on_one_axis() -> None:
    assert chart.panel_of(_spans(("2.1 km", 2.1, "km"), ("640 metres", 640, "metres"))) is None
