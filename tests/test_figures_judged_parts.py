"""Parts of a count named by what they were judged to be: "240 trees, 31 of which were
classed as dangerous", "Thirty-one of these have been rated dangerous", "240 in all - 31 of
them dangerous" are one measure, a part of the trees found, apart from the whole; a question
that does not narrow to the part leads with the whole. "Identified" finds as "discovered"
does. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from retrieval.figures import analyze

try:
    from tests.conftest import made_up_hits as _hits
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]

WHOLE = ("event", "discovery", "trees", "", "count")
PART = ("part", *WHOLE, "dangerous")

SURVEY = (
    "Arborists identified 240 diseased trees in Hollin Park last month, 31 of which were "
    "classed as dangerous by the council.",
    "The survey uncovered 262 diseased trees. Thirty-five of these have been assessed as "
    "dangerous.",
    "A second survey identified 275 diseased trees in all - 40 of them dangerous - in the park.",
)


@pytest.mark.parametrize(
    ("text", "whole", "part"),
    [
        (SURVEY[0], "240", "31"),
        (SURVEY[1], "262", "Thirty-five"),
        (SURVEY[2], "275", "40"),
    ],
)
def test_a_part_judged_so_is_a_part_of_the_count_before(text: str, whole: str, part: str) -> None:
    found = _mentions(text)
    assert found[whole].measure.key == WHOLE
    assert found[part].measure.key == PART
    assert found[part].measure.entity == "trees"


def test_a_part_with_a_verb_of_its_own_keeps_its_verb() -> None:
    key = _mentions("Police arrested 187 fans, 41 of whom remain in custody.")["41"].measure.key
    assert key[:2] == ("event", "~remain")


@pytest.mark.parametrize(
    ("text", "part", "key"),
    [
        # what befell a part, not what it was judged, stays as it was read
        (
            "The storm damaged 300 homes, 12 of them seriously.",
            "12",
            ("part", "event", "damage", "homes", "", "count", "seriously"),
        ),
    ],
)
def test_a_part_with_a_manner_of_its_own_is_read_as_before(
    text: str, part: str, key: tuple[str, ...]
) -> None:
    assert _mentions(text)[part].measure.key == key


def _lead(question: str, embedder: Any) -> set[str]:
    report = analyze(question, _hits(*SURVEY), embed=embedder.encode)
    return {m.text for c in report.groups[0].claims for m in c.mentions}


@pytest.mark.parametrize(
    "question",
    ["How many diseased trees were found in the park?", "How many trees did the survey identify?"],
)
def test_the_whole_leads_a_question_that_does_not_ask_the_part(
    question: str, real_embedder: Any
) -> None:
    assert _lead(question, real_embedder) == {"240", "262", "275"}


@pytest.mark.parametrize(
    "question",
    ["How many of the trees were judged dangerous?", "How many trees were classed as dangerous?"],
)
def test_the_part_leads_a_question_that_asks_it(question: str, real_embedder: Any) -> None:
    assert _lead(question, real_embedder) == {"31", "Thirty-five", "40"}
