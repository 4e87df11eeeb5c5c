"""A person's age beside their name ("Jory Pell, 24, the last to be brought up") is no figure
of what the report counts; a count in the same place is. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures.extract import extract

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _texts(*texts: str) -> list[str]:
    return [m.value.text for m in extract(_hits(*texts)) if m.kind == "count"]


@pytest.mark.parametrize(
    "sentence",
    [
        "For the 35 men who came out alive, recovery has only begun. Jory Pell, 24, the last"
        " of them to be brought up, said from his bed that he had survived.",
        "For the 35 men who came out alive, recovery has only begun. Anna Holm (67), whose"
        " son was among them, said the wait had been unbearable.",
    ],
)
def test_an_age_after_a_name_is_no_figure(sentence: str) -> None:
    assert _texts(sentence) == ["35"]


@pytest.mark.parametrize(
    "sentence",
    [
        "In Kursk, 40 soldiers died.",
        "By Friday, 35 men had been brought up.",
        "Rescuers said that by Tuesday, 35 men had been brought up.",
    ],
)
def test_a_count_after_a_capitalised_word_stays_a_figure(sentence: str) -> None:
    assert len(_texts(sentence)) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 150 deaths are linked to the heat, most of them among people aged over 75.",
        "More than 150 deaths are linked to the heat; councils should call those over 75 who"
        " live alone.",
        # the bounds of an estimate's uncertainty are not figures of it
        "More than 150 excess deaths were counted (95% confidence interval 120 to 190).",
    ],
)
def test_an_age_bound_or_an_interval_is_no_figure(sentence: str) -> None:
    assert _texts(sentence) == ["More than 150"]


def test_a_count_with_its_noun_after_over_stays_a_figure() -> None:
    assert _texts("Over 75 people died.") == ["Over 75"]
