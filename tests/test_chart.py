"""The chart of figures side by side: what is drawn (rows, shapes, order) and the PNG itself."""

from __future__ import annotations

import io
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
