"""Readings of a value given to a subject by a passive verb ("the jackpot has been revised down
to …"), of volumes in cubic units ("42,000 cubic metres", "900 m³"), of money given to help
under its several names (aid, relief, an allocation, a package), of a change whose verb is
parted from its "from" by a phrase of time, of people made to leave their homes, and of a
figure set off by dashes. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze

try:
    from tests.conftest import count_keys as _keys
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import count_keys as _keys  # type: ignore[no-redef]
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("sentence", "figure", "key"),
    [
        (
            "The prize fund has been revised down to €4.2 million after an audit.",
            "€4.2 million",
            ("attr", "fund", "money"),
        ),
        (
            "The reward offered by the family of the victim was doubled to $20,000.",
            "$20,000",
            ("attr", "reward", "money"),
        ),
        ("The death toll has now been raised to 31.", "31", ("harm", "death", "count")),
        (
            "The annual membership fee will be lowered to £45 next spring.",
            "£45",
            ("attr", "fee", "money"),
        ),
    ],
)
def test_a_value_a_subject_is_given_by_a_passive_verb_is_the_subjects(
    sentence: str, figure: str, key: tuple[str, ...]
) -> None:
    assert _keys(sentence)[figure] == key


def test_an_active_verb_without_an_object_gives_no_subject_a_value() -> None:
    keys = _keys("The bakery cut to 14 loaves a day when flour ran short.")
    assert all(k[0] != "attr" for k in keys.values())


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("Engineers pumped 42,000 cubic metres of water out of the mine.", "42,000 cubic metres"),
        ("The new tank holds 900 m³ of fuel.", "900 m³"),
    ],
)
def test_a_cubic_unit_is_a_volume(sentence: str, figure: str) -> None:
    assert _keys(sentence)[figure][-1] == "volume"


def test_a_question_in_cubic_units_asks_a_volume_not_a_length() -> None:
    hits = _hits(
        "The slip left a scar about 70 metres wide on the slope above the quarry.",
        "Surveyors put the volume of rock that fell at roughly 260,000 cubic metres.",
    )
    report = analyze("How much rock came down, in cubic metres?", hits)
    assert report.groups and report.groups[0].values[0].text.endswith("cubic metres")


def test_money_given_to_help_is_one_measure_by_any_name() -> None:
    keys = _keys(
        "The ministry approved an emergency allocation of $3 million for the islanders.",
        "The $3 million relief package was welcomed by the islanders' council.",
        "Islanders will receive $4.2 million in aid, a later statement said.",
        "The $3 million in emergency assistance sounds generous to some.",
    )
    assert len({keys[t] for t in ("$3 million", "$4.2 million")}) == 1
    assert len(set(keys.values())) == 1


def test_money_pledged_or_given_in_aid_is_one_measure() -> None:
    keys = _keys(
        "The cabinet pledged $3 million in emergency aid for the islanders.",
        "The cabinet this week raised its aid package to $6 million.",
        "A charity pledged a further $1 million for shelter.",
        "The $5 million set aside by the cabinet for relief was welcomed.",
    )
    assert keys["$3 million"] == keys["$6 million"]
    assert keys["$3 million"][:2] == ("event", "pledge")
    assert keys["$1 million"] != keys["$3 million"]  # "a further": an additional sum
    assert "aside" not in keys["$5 million"]  # a verb's particle counts nothing


def test_aid_asked_gathers_each_reports_name_for_it() -> None:
    hits = _hits(
        "The ministry approved an emergency allocation of $3 million for the islanders.",
        "The $3 million relief package was welcomed by the islanders' council.",
        "Islanders will receive $4.2 million in aid, a later statement said.",
    )
    report = analyze("How much emergency aid did the ministry give the islanders?", hits)
    assert report.groups
    first = report.groups[0]
    assert sorted(v.text for v in first.values) == ["$3 million", "$3 million", "$4.2 million"]
    assert first.status == "differ"


def test_a_change_parted_from_its_from_by_a_time_is_two_values_not_a_range() -> None:
    keys = _keys("The grant was increased in March from £40,000 to £55,000.")
    assert "£40,000" in keys and "£55,000" in keys
    assert keys["£40,000"] == keys["£55,000"]


def test_a_range_after_a_verb_that_changes_nothing_stays_a_range() -> None:
    keys = _keys("Tickets were sold in the town from £40 to £55 each.")
    assert "from £40 to £55" in keys or "£40 to £55" in keys


@pytest.mark.parametrize(
    "question",
    [
        "How many families were forced out of their houses by the flooding?",
        "How many residents were driven from their homes?",
    ],
)
def test_made_to_leave_home_asks_the_displaced(question: str) -> None:
    hits = _hits(
        "About 1,300 people were forced out of their homes as the river rose.",
        "Some 1,500 residents have left their homes, the council said.",
        "Nine people were injured and 40 homes were damaged.",
    )
    report = analyze(question, hits)
    assert report.groups
    first = report.groups[0]
    assert sorted(v.text for v in first.values) == ["About 1,300", "Some 1,500"]


def test_people_relocated_are_evacuated() -> None:
    keys = _keys(
        "By Tuesday 2,100 residents of the danger zone had been relocated.",
        "Police evacuated 2,300 people from the danger zone.",
    )
    assert keys["2,100"] == keys["2,300"]


def test_a_figure_set_off_by_dashes_keeps_the_verb_after_them() -> None:
    keys = _keys(
        "Of the $9 million in aid approved, just $2 million - 22 per cent - has been paid out."
    )
    assert keys["$2 million"][:2] == ("event", "payment")
    assert keys["$9 million"] != keys["$2 million"]
