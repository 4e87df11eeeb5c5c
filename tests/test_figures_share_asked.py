"""A question that asks what share ("What proportion of the bill did the grant pay?") is
answered by a share, not by the sums or counts its words name. Sentences written for these
tests."""

from __future__ import annotations

import pytest

try:
    from tests.conftest import lead_texts as _lead
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import lead_texts as _lead  # type: ignore[no-redef]


@pytest.mark.parametrize(
    "question",
    [
        "What proportion of the refurbishment bill did the lottery grant pay for?",
        "Roughly what percentage of the cost was met by the lottery grant?",
        "What share of the works was funded by the lottery grant?",
    ],
)
def test_a_share_question_leads_with_the_share(question: str) -> None:
    grant = "The theatre received a lottery grant of £2.4 million for its refurbishment."
    share = "The grant covered about 40 per cent of the refurbishment bill."
    assert _lead(question, grant, share) == ["about 40 per cent"]


def test_a_question_about_the_sum_still_leads_with_the_sum() -> None:
    grant = "The theatre received a lottery grant of £2.4 million for its refurbishment."
    share = "The grant covered about 40 per cent of the refurbishment bill."
    assert _lead("How big was the lottery grant?", grant, share) == ["£2.4 million"]
