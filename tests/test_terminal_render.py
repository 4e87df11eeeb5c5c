"""The terminal's figures table: every value, its sources and time, fitted to the width."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.console import Console

from bot.present import group_view
from bot.render_terminal import figures_table
from retrieval.figures.model import Claim, FigureGroup, FigureValue


def _claim(label: str, titles: list[str], as_of: str | None = None) -> Claim:
    mentions = [
        FigureValue(
            text=label, low=1.0, high=1.0, unit="people", doc_id=f"d{n}", quote=".", title=t
        )
        for n, t in enumerate(titles)
    ]
    return Claim(label, 1.0, 1.0, "people", as_of, mentions)


GROUPS = [
    FigureGroup(
        "people killed in the collapse of the northern grain silo",
        "differ",
        [
            _claim("about 300", ["A report with a rather long headline about it"], "in January"),
            _claim("more than 1,250,000", ["Short", "東京の報告書はとても長いタイトルです"]),
        ],
    ),
    FigureGroup("injured", "agree", [_claim("12", ["Short"], "as of mid-March last year")]),
]


def _lines(width: int) -> list[str]:
    console = Console(record=True, width=width, force_terminal=False)
    console.print(figures_table([group_view(g) for g in GROUPS]))
    return console.export_text().rstrip("\n").split("\n")


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_the_table_fits_the_terminal_and_keeps_every_value(width: int) -> None:
    lines = _lines(width)
    assert len({cell_len(line) for line in lines}) == 1  # a closed box, every row as wide
    assert all(cell_len(line) <= width for line in lines)
    text = "\n".join(lines)
    for value in ("300", "1,250,000", "12"):  # values are never broken inside a word
        assert value in text
    if width >= 60:
        for word in ("measure", "value", "sources", "as of", "injured"):
            assert word in text
        # The status words of every renderer, wrapped with the measure.
        measures = " ".join(line.split("│")[1].strip() for line in lines if line.startswith("│"))
        assert "(reports differ)" in " ".join(measures.split())
        assert "injured (reports agree)" in measures


def test_rows_wrap_long_measures_and_cut_long_sources() -> None:
    lines = _lines(80)
    body = [line for line in lines if line.startswith("│")]
    measure_column = " ".join(line.split("│")[1].strip() for line in body).split()
    assert " ".join(measure_column).startswith("people killed in the collapse of the")
    assert any("…" in line.split("│")[3] for line in body)  # the long title is cut
    # one rule between the two groups
    assert sum(line.startswith("├") for line in lines) == 1
    assert lines[0].startswith("┏") and lines[-1].startswith("└")
