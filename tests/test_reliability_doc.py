"""docs/reliability.md names, for each promise, tests that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_test_the_reliability_page_names_exists() -> None:
    text = (ROOT / "docs" / "reliability.md").read_text("utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", text)
    assert len(named) >= 10
    for path, test in named:
        source = (ROOT / path).read_text("utf-8")
        if test:
            assert re.search(rf"^(async )?def {test}\(", source, re.M), f"{path}::{test}"
