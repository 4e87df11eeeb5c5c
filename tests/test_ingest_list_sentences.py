"""A list item that is a sentence of the text is quoted, however few of its words the rest of
the text shares: a statement's "What happens next" list is the statement's own. A short line
with no full stop whose words the text does not share is still taken for a stray headline.
Text written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

try:
    from tests.conftest import quoted_text
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import quoted_text  # type: ignore[no-redef]

STATEMENT = """Statement: Harbour wall repairs at Kelmouth

Issued Thursday 4 June 2026

Divers inspected the harbour wall at Kelmouth on 1 June and found that two sections had
moved since the spring storms. The harbour is closed to visiting yachts.

What happens next

- Engineers will drill test cores along the seaward face.
- Our aim is to reopen the moorings by 14 August 2026.
- A free water taxi will run between Pell Quay and Saltings every half hour from Monday 8 June.
- Cheap flights to the sun this summer

Questions can be sent to the harbour office.
"""


def _quoted(tmp_path: Path) -> str:
    return quoted_text(tmp_path, "statement.md", STATEMENT)


@pytest.mark.parametrize(
    "line",
    [
        "Our aim is to reopen the moorings by 14 August 2026.",
        "A free water taxi will run between Pell Quay and Saltings every half hour from Monday",
        "Engineers will drill test cores along the seaward face.",
    ],
)
def test_a_list_item_that_is_a_sentence_is_quoted(tmp_path: Path, line: str) -> None:
    assert line in _quoted(tmp_path)


def test_a_stray_headline_in_the_list_is_still_left_out(tmp_path: Path) -> None:
    assert "Cheap flights" not in _quoted(tmp_path)
