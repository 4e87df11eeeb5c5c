"""Ingestion keeps a figure after its label, as fact sheets give them, even when its words
occur nowhere else in the document: it is data, not a stray headline."""

from __future__ import annotations

from pathlib import Path

import pytest

try:
    from tests.conftest import quoted_text
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import quoted_text  # type: ignore[no-redef]

FACT_SHEET = """Amnesty results for the borough's lending service
Published 3 June 2025

The borough said the two-week amnesty had been a success.

- Total items handed back: 5,120
- Of which paperbacks and hardbacks: 4,812
- Of which DVDs, audiobooks, CDs and other media: 308
- Late charges written off: £41,200 in total
- Weather outlook brightens for coastal towns

The scheme will be reviewed in the autumn, the borough said.
"""


def _quoted(tmp_path: Path, text: str) -> str:
    return quoted_text(tmp_path, "sheet.md", text)


@pytest.mark.parametrize(
    "line",
    [
        "- Of which DVDs, audiobooks, CDs and other media: 308",
        "- Late charges written off: £41,200 in total",
        "- Of which paperbacks and hardbacks: 4,812",
    ],
)
def test_a_figure_after_its_label_is_quoted(tmp_path: Path, line: str) -> None:
    assert line.lstrip("- ") in _quoted(tmp_path, FACT_SHEET)


def test_an_unrelated_headline_among_the_figures_is_still_left_out(tmp_path: Path) -> None:
    quoted = _quoted(tmp_path, FACT_SHEET)
    assert "Weather outlook" not in quoted
    assert "lending service" not in quoted  # the headline is the title


@pytest.mark.parametrize(
    "headline",
    [
        "- Watch: 10 things to see in the capital before the summer ends",
        "- Related: Storm closes seaside schools",
    ],
)
def test_a_headline_with_a_colon_is_not_a_label(tmp_path: Path, headline: str) -> None:
    quoted = _quoted(
        tmp_path, FACT_SHEET.replace("- Weather outlook brightens for coastal towns", headline)
    )
    assert headline[2:] not in quoted
