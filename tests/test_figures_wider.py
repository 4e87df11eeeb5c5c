"""A count of the asked event together with another one is a neighbouring measure: it does
not lead, however near its words are to the question's."""

from __future__ import annotations

from typing import Any

import pytest

from retrieval.figures import analyze

try:
    from tests.conftest import made_up_hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits  # type: ignore[no-redef]


def test_the_asked_harm_leads_over_a_wider_count(real_embedder: Any) -> None:
    """ "how many … soldiers died?": the deaths lead, though "soldiers killed or wounded" is
    nearer the question's words; the wider count is shown after them."""
    hits = made_up_hits(
        "An estimated 4,700 Ruritanian soldiers have been killed or wounded since the autumn.",
        "The fighting has cost the Ruritanian units heavily, including approximately 600 deaths.",
        "Officials put the number of Ruritanian soldiers killed or wounded at about 4,000.",
    )
    report = analyze("how many ruritanian soldiers died?", hits, embed=real_embedder.encode)
    assert [v.text for v in report.groups[0].values] == ["approximately 600"]
    assert report.groups[1].measure == "killed or wounded"


def test_a_question_about_both_harms_still_leads_with_the_wider_count(
    real_embedder: Any,
) -> None:
    hits = made_up_hits(
        "An estimated 4,700 Ruritanian soldiers have been killed or wounded since the autumn.",
        "The fighting has cost the Ruritanian units heavily, including approximately 600 deaths.",
    )
    report = analyze(
        "how many ruritanian soldiers were killed or wounded?", hits, embed=real_embedder.encode
    )
    assert report.groups[0].measure == "killed or wounded"


REPORTS = (
    "About 11,000 Ruritanian troops were sent to the front in the autumn.",
    "Nearly a quarter of the Ruritanian troops sent there have been killed or wounded.",
    "An additional 3,000 Ruritanian troops were sent to the front in February.",
)


def test_a_count_question_leads_with_the_first_count_not_a_share_or_a_later_one(
    real_embedder: Any,
) -> None:
    """ "the size of the initial deployment" asks for a number of the first event: neither
    "nearly a quarter" (a share) nor "an additional 3,000" (a later event) answers it."""
    report = analyze(
        "What was the size of the initial Ruritanian deployment?",
        made_up_hits(*REPORTS),
        embed=real_embedder.encode,
    )
    assert [v.text for v in report.groups[0].values] == ["About 11,000"]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("How many additional Ruritanian troops were sent?", "3,000"),
        ("How big was the second wave of Ruritanian troops?", "3,000"),
        ("What share of the Ruritanian troops have been killed or wounded?", "Nearly a quarter"),
    ],
)
def test_a_question_that_asks_for_the_later_count_or_a_share_still_gets_it(
    real_embedder: Any, question: str, lead: str
) -> None:
    report = analyze(question, made_up_hits(*REPORTS), embed=real_embedder.encode)
    assert [v.text for v in report.groups[0].values] == [lead]
