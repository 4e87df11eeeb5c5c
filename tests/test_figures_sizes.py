"""Sizes named by what they measure. A length, an area, a volume, a weight or a speed used to
be read as the bare dimension ("length"), so every length of a corpus (a climber's fall, the
mountain's height, a distance from a village) landed in one group and the question could not
pick one. Now a size is named by the thing it is of ("the 96-metre vessel", "38 km of
coast", "the tower is 31 metres tall"), by the verb it is the extent of ("fell 15 metres")
or by where it is measured from ("11 km from the park"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze
from retrieval.figures.extract import extract

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _sizes(sentence: str) -> dict[str, str]:
    """Each figure's text and its measure's name."""
    return {m.value.text: m.measure.name for m in extract(_hits(sentence)) if m.kind == "count"}


NAMED = [
    # by the thing it is of
    ("The trawler, a 38-metre vessel, sank.", "38-metre", "length of vessel"),
    ("Oil now coats 21 km of shoreline.", "21 km", "length of shoreline"),
    ("The 4,500-hectare forest burned.", "4,500-hectare", "area of forest"),
    ("The barrier is 8 metres high.", "8 metres", "height of barrier"),
    ("Divers found a crack, 3 metres long, in the dam wall.", "3 metres", "length of crack"),
    ("Crews pumped 2.6 million litres of seawater.", "2.6 million litres", "volume of seawater"),
    ("Gusts of up to 90 mph hit the coast.", "up to 90 mph", "speed of gusts"),
    ("The bridge has a main span of 450 metres.", "450 metres", "length of span"),
    ("Winds hit 70 mph overnight.", "70 mph", "speed"),  # a time names nothing
    # by the verb it is the extent of, or the subject of
    ("Only 2,500 barrels leaked, the operator said.", "2,500 barrels", "volume leaked"),
    ("The hiker fell about 20 metres into a gully.", "about 20 metres", "length fell"),
    ("The pipeline will stretch 340 kilometres.", "340 kilometres", "length stretch"),
    ("The summit rises to 2,310 metres.", "2,310 metres", "length rises"),
    # by the verb or the noun of the subject a linking verb ties it to
    ("The furthest distance drifted by any buoy was 30 km.", "30 km", "length drifted"),
    ("The mast is 60 metres.", "60 metres", "length of mast"),
    # by where it is measured from
    ("The boat was found 6 km from the harbour.", "6 km", "distance from harbour"),
    ("Homes within 2 km of the plant were cleared.", "2 km", "radius around plant"),
]


@pytest.mark.parametrize(("sentence", "text", "name"), NAMED)
def test_a_size_is_named_by_what_it_measures(sentence: str, text: str, name: str) -> None:
    assert _sizes(sentence).get(text) == name


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The river crested at 7.2 metres.", "7.2 metres"),  # nothing says of what
        ("The crew covered 9 kilometres of rough and icy ground.", "9 kilometres"),
        ("Twelve miners were trapped about 600 metres below ground.", "about 600 metres"),
    ],
)
def test_a_size_whose_sentence_does_not_say_what_it_is_of_stays_bare(
    sentence: str, text: str
) -> None:
    # "of rough and icy ground": the noun phrase is cut at "and", so its verb names it;
    # "trapped … below": a verb that places, then a word that says which way.
    name = _sizes(sentence).get(text)
    assert name is not None
    assert not name.startswith(("length of rough", "length trapped", "length of ground"))
    if text == "7.2 metres":
        assert name == "length"


def test_one_things_size_named_two_ways_is_one_measure() -> None:
    hits = _hits(
        "Visitors climb the 52-metre spire every summer.",
        "The spire is 49 metres tall, the guide says.",
    )
    report = analyze("How tall is the spire?", hits)
    first = report.groups[0]
    assert {v.text for v in first.values} == {"52-metre", "49 metres"}
    assert first.status == "differ"


def test_the_question_picks_its_size_among_others_of_one_dimension() -> None:
    hits = _hits(
        "The climber fell 15 metres from the ridge, which rises to 1,200 metres.",
        "She fell about 12 metres and was found 3 km from the hut.",
    )
    report = analyze("How far did the climber fall?", hits)
    first = report.groups[0]
    assert {v.text for v in first.values} == {"15 metres", "about 12 metres"}
    assert first.status == "differ"
    report = analyze("How far from the hut was she found?", hits)
    assert {v.text for v in report.groups[0].values} == {"3 km"}


def test_a_size_said_by_its_verb_or_its_subject_is_one_measure() -> None:
    hits = _hits(
        "The furthest any of the buoys drifted was about 30 km.",
        "Some buoys drifted up to 41 km, the coastguard said.",
    )
    first = analyze("How far did the buoys drift?", hits).groups[0]
    assert {v.text for v in first.values} == {"about 30 km", "up to 41 km"}


def test_an_attribute_noun_still_names_its_size() -> None:
    assert _sizes("The depth was 640 metres.") == {"640 metres": "depth"}


def test_a_size_is_not_shown_for_a_question_that_asks_how_many_or_what_it_cost() -> None:
    # The size's name shares the question's word ("bridge"), not what it asks.
    hits = _hits("Some 30,000 people came on opening day.", "The bridge is 2.1 km long.")
    shown = [g.measure for g in analyze("How many people walked across the bridge?", hits).groups]
    assert shown and "length of bridge" not in shown
    hits = _hits("The bridge is 2.1 km long.", "The project ran £40 million over.")
    shown = [g.measure for g in analyze("How much did the bridge cost?", hits).groups]
    assert shown and "length of bridge" not in shown
    # "how much water": a volume may be what is asked
    hits = _hits("Crews handed out 1.4 million litres of bottled water.")
    assert analyze("How much water was given out?", hits).groups[0].measure == "volume of water"


def test_how_strong_asks_a_magnitude_first_then_a_speed() -> None:
    winds = _hits(
        "Rescuers battled gusts of 70 mph on the ridge.",
        "About 40 climbers were on the hill.",
        "A station recorded gusts of up to 85 mph.",
    )
    first = analyze("How strong did the wind get on the mountain?", winds).groups[0]
    assert {v.text for v in first.values} == {"70 mph", "up to 85 mph"}
    quake = _hits("The quake measured magnitude 6.1.", "Gusts of 40 mph were recorded.")
    assert analyze("How strong was the earthquake?", quake).groups[0].measure == "magnitude"
    cold = _hits("Climbers faced temperatures of -9C on the summit.")
    assert [v.text for v in analyze("How cold did it get?", cold).groups[0].values] == ["-9C"]


def test_how_many_of_a_unit_asks_that_dimension() -> None:
    hits = _hits(
        "Only 2,500 barrels leaked, the operator said.",
        "About 40 workers joined the clean-up.",
    )
    first = analyze("How many barrels leaked from the tanker?", hits).groups[0]
    assert first.measure == "volume leaked"


def test_a_weight_weighed_and_a_weight_stated_are_one_measure() -> None:
    hits = _hits(
        "The block weighed 8.6 kilograms when it arrived at the laboratory.",
        "Weight as lifted: 8.4 kg.",
        "With the soil removed, the coins together weigh 7.9 kg.",
        "More than 2,000 coins were found.",
    )
    report = analyze("What was the weight of the treasure on the scales?", hits)
    assert report.groups
    lead = report.groups[0]
    assert lead.measure == "weight"
    assert {v.text for v in lead.values} == {"8.6 kilograms", "8.4 kg", "7.9 kg"}
