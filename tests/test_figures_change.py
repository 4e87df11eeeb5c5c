"""A figure by which something went up or down is a change of its subject, not a level of it
and not a figure of nothing: "council tax will rise by 4.99%", "a 5% rise in fares", "cut
spending by 10%". The same change in other words is one measure; a rise and a fall, or a
change and a level, are two. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures.extract import extract

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _read(*texts: str) -> dict[str, tuple[str, ...]]:
    """Each count-kind figure's text → its measure's key."""
    return {m.value.text: m.measure.key for m in extract(_hits(*texts)) if m.kind == "count"}


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("Council tax will rise by 4.99 per cent from April.", "4.99 per cent"),
        ("Council tax is expected to rise sharply by 4.99 per cent.", "4.99 per cent"),
        ("The proposals include a council tax rise of 4.99 per cent.", "4.99 per cent"),
        ("Councillors backed a 4.99% council tax rise on Tuesday.", "4.99%"),
        ("The vote confirmed a 4.99% rise in council tax.", "4.99%"),
    ],
)
def test_a_change_worded_five_ways_is_one_measure(sentence: str, figure: str) -> None:
    reference = _read("Council tax will rise by 4.99 per cent from April.")["4.99 per cent"]
    assert reference[-1] == "percent" and "tax" in reference[1]
    assert _read(sentence)[figure] == reference


def test_changes_of_a_subject_read_when_nothing_else_names_them() -> None:
    read = _read(
        "Prices increased by 12% last year.",
        "Bills will go up by 4.99 per cent in April.",
        "The council will cut spending by 10%.",
    )
    assert {k[1].split()[-1] for k in read.values()} == {"rise", "fall"}
    assert read["10%"] != read["12%"]  # spending fell; prices rose
    assert all(k[-1] == "percent" for k in read.values())


def test_a_rise_and_a_fall_are_two_measures() -> None:
    read = _read("Exports rose 4% in the spring.", "Exports fell 2% in June.")
    assert read["4%"] != read["2%"]
    assert read["4%"][1].replace("rise", "") == read["2%"][1].replace("fall", "")


def test_the_change_and_the_level_it_reached_are_two_figures() -> None:
    read = _read("Unemployment fell by 2,000 to 41,000.")
    assert set(read) == {"2,000", "41,000"}  # no range "2,000 to 41,000"
    assert read["2,000"] != read["41,000"]
    assert read["2,000"][1].endswith("fall")


def test_from_and_to_of_a_change_are_two_levels_of_its_subject() -> None:
    read = _read("Turnout rose from 58% to 61%.", "Revenue fell from £1.2 billion to £900 million.")
    assert read["58%"] == read["61%"] == ("attr", "turnout", "percent")
    assert read["£1.2 billion"] == read["£900 million"]


@pytest.mark.parametrize(
    "sentence",
    [
        # A fraction in words: the share of patients leads these, as before.
        "52% of patients had seen their migraine days fall by at least half.",
        # A subject lost in a relative clause: no change of "halved".
        "The share of patients whose days were halved slipped from 52% to 49.6%.",
    ],
)
def test_no_change_read_where_its_subject_is_unclear(sentence: str) -> None:
    assert not any(k[1].endswith((" rise", " fall")) for k in _read(sentence).values())


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # "down" or "up" after the verb "be", and a comparison after the figure
        ("Summer bookings on the route are down 18 per cent.", "18 per cent", "booking fall"),
        ("Visitor numbers were down 35% on last year.", "35%", "visitor number fall"),
        ("Prices are up 3 per cent since March.", "3 per cent", "pric rise"),
        (
            "Passenger numbers in the first week after reopening were 19 per cent lower.",
            "19 per cent",
            "passenger number fall",
        ),
        ("Turnout was 5% higher than in 2019.", "5%", "turnout rise"),
        # a subject with phrases after it is named by its own noun, not theirs
        ("Sales at the Leeds store on the high street fell 12%.", "12%", "revenu fall"),
    ],
)
def test_a_change_said_after_its_verb_or_figure(sentence: str, figure: str, name: str) -> None:
    key = _read(sentence)[figure]
    assert key[-1] == "percent"
    assert key[1].endswith(name), key


def test_a_share_is_not_read_as_a_change() -> None:
    read = _read(
        "About 40 per cent of homes are up to date.", "The vote was 52 per cent in favour."
    )
    assert not any(k[1].endswith((" rise", " fall")) for k in read.values())
