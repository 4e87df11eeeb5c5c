"""What is left of a stock ("only 40 places remain"), weight lost said as "9 kg lighter",
nautical miles and kilos as units, a count placed "at the time of" an event, kinds counted as
species, a cost asked of reports whose only sums were raised, plans "provisionally
programmed", and "before the end of this year" no date of an end. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from retrieval.embedding import Embedder
from retrieval.figures import analyze
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import count_keys as _keys
    from tests.conftest import lead_texts as _lead
    from tests.conftest import made_up_hits as _made_up
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import count_keys as _keys  # type: ignore[no-redef]
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import made_up_hits as _made_up  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The trust says only 40 unbooked pitches remain for August.", "40"),
        ("By Friday just 40 pitches remained.", "40"),
        ("Only 40 pitches are left for August.", "40"),
        ("There are 40 spare pitches on the lower field.", "40"),
    ],
)
def test_what_is_left_is_a_part_of_its_own(sentence: str, text: str) -> None:
    assert _keys(sentence)[text][-1] == "left"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("About 2,300 households were left without heating overnight.", "About 2,300"),
        ("Some 70 families left the estate last year.", "Some 70"),
        ("Forty patients remain in hospital.", "Forty"),
        ("The site will have 160 pitches.", "160"),
    ],
)
def test_what_befell_or_went_is_not_what_is_left(sentence: str, text: str) -> None:
    assert _keys(sentence)[text][-1] != "left"


_CAMPSITE = (
    "The campsite will have 160 pitches once the new field opens.",
    "The owners say only 40 unbooked pitches remain for August.",
)


def _lead_with(embedder: Embedder, question: str, *texts: str) -> list[str]:
    report = analyze(question, _made_up(*texts), embedder.encode)
    assert report.groups
    return [m.text for c in report.groups[0].claims for m in c.mentions]


def test_a_question_of_what_is_left_leads_with_it(real_embedder: Embedder) -> None:
    lead = _lead_with(real_embedder, "How many pitches are still available?", *_CAMPSITE)
    assert lead == ["40"]


def test_a_question_of_the_whole_is_not_led_by_what_is_left(real_embedder: Embedder) -> None:
    lead = _lead_with(real_embedder, "How many pitches will the campsite have?", *_CAMPSITE)
    assert lead == ["160"]


def test_weight_said_lighter_is_weight_lost() -> None:
    keys = _keys(
        "He came home 6 kg lighter, by his own scales.",
        "The team's doctor said he had lost 4 kg on the trek.",
    )
    assert keys["6 kg"] == keys["4 kg"]


def test_a_question_of_kilos_lighter_is_answered_with_weight_lost() -> None:
    lead = _lead(
        "How many kilos lighter was he after the trek?",
        "He came home 6 kg lighter, by his own scales.",
        "The team's doctor said he had lost 4 kg on the trek, and his pack weighed 21 kg.",
    )
    assert sorted(lead) == ["4 kg", "6 kg"]


def test_a_question_in_kilograms_is_about_reports_in_kg() -> None:
    from retrieval.topic import uncovered

    assert not uncovered("How many kilograms did he lose?", ["He had lost 4 kg on the trek."])
    assert uncovered("How many tonnes of grain did the farm sell?", ["The farm sold 40 cows."])


def test_nautical_miles_are_a_length_of_their_own() -> None:
    [mention] = _mentions("The tracker gives a track distance of 2,104 nautical miles.").values()
    assert mention.value.unit == "nautical miles"
    assert mention.measure.key[-1] == "length"


def test_a_question_in_nautical_miles_leads_with_them() -> None:
    lead = _lead(
        "How far did the yacht sail, in nautical miles?",
        "The yacht, 12 metres long, sailed 2,104 nautical miles in 19 days.",
    )
    assert lead == ["2,104 nautical miles"]


def test_a_count_at_the_time_of_an_event_is_not_of_the_event() -> None:
    measure = question_measure(
        tokenize("How many beds were free at the time of the council vote in March?")
    )
    assert measure is not None and "vote" not in measure.events


def test_a_count_placed_by_an_event_alone_keeps_its_event() -> None:
    measure = question_measure(tokenize("How many homes were damaged in the storm?"))
    assert measure is not None and "damage" in measure.events


def test_kinds_and_species_are_one_class() -> None:
    from retrieval.figures import lexicon as lx

    assert lx.entity_class("kinds") == lx.entity_class("species") == "species"
    assert lx.entity_class("varieties") == "species"


def _declined(question: str, *texts: str) -> str | None:
    return analyze(question, _made_up(*texts)).unmeasured


def test_a_cost_is_not_answered_from_money_raised() -> None:
    texts = (
        "By the time she set off she had raised £14,000 for the hospice.",
        "Her fundraising target is £40,000.",
    )
    assert _declined("How much did it cost her to buy the bike?", *texts) == "cost"


@pytest.mark.parametrize(
    "texts",
    [
        ("She has raised £14,000 so far.", "The new bike cost her £3,200."),
        ("She has raised £14,000 so far.", "Damage to the hall is put at £90,000."),
        ("She has raised £14,000 so far.", "The £3,200 bike arrived on Monday."),
    ],
)
def test_a_cost_is_answered_when_any_sum_may_be_one(texts: tuple[str, ...]) -> None:
    assert _declined("How much did it cost?", *texts) is None


def test_a_start_provisionally_programmed_is_set_apart_when_the_start_is_asked() -> None:
    report = analyze(
        "When did the work actually start?",
        _made_up(
            "Works are provisionally programmed to begin on 4 May 2026.",
            "Contractors began work on the site on 15 June 2026.",
        ),
    )
    assert report.groups
    lead = [m.text for c in report.groups[0].claims for m in c.mentions]
    assert lead == ["15 June 2026"]


def test_the_end_of_a_year_is_no_date_of_an_end() -> None:
    from retrieval.figures.extract import extract

    hits = _made_up("The town expects to run out of room before the end of this year.")
    dates = [m for m in extract(hits) if m.kind == "date"]
    assert dates and all(m.measure.key[1] != "end" for m in dates)


@pytest.mark.parametrize(
    ("question", "things"),
    [
        ("How much will a pint cost at the Anchor once it reopens?", {"pint"}),
        ("How much does it cost to book the function room for a party?", {"book", "room"}),
        ("How much will it cost me to park for an hour?", {"park"}),
        ("How much does a single bus ticket to Ashby cost?", {"ticket"}),
        ("How much is a day pass?", {"pass"}),
        ("How much did it cost to build the new stand?", set()),
        ("How much did the outage cost the town?", set()),
        ("How much will the repair cost?", set()),
        ("How much does it cost?", set()),
    ],
)
def test_the_thing_a_price_is_asked_of(question: str, things: set[str]) -> None:
    from retrieval.figures.lexicon import lemma
    from retrieval.topic import priced_things

    assert priced_things(question) == {lemma(t) for t in things}


_PUB = (
    "The society bought the pub for £310,000 and has raised £212,000 from shares.",
    "The refurbishment is expected to cost about £85,000.",
)


def test_a_price_no_sum_is_said_of_is_not_answered() -> None:
    assert _declined("How much will a pint cost at the pub?", *_PUB) == "price"


@pytest.mark.parametrize(
    "price",
    [
        "A pint of the house bitter will cost £4.20.",
        "Pints will be £4.20 at the bar.",
    ],
)
def test_a_price_said_of_the_thing_is_answered(price: str) -> None:
    assert _declined("How much will a pint cost at the pub?", *_PUB, price) is None


def test_a_measure_named_by_the_thing_priced_ranks_higher() -> None:
    from retrieval.figures import PRICE_NAMED, _price_named
    from retrieval.figures.measures import Measure

    parking = Measure(("attr", "parking", "money"), "parking", words=("park",))
    running = Measure(("event", "cost", "pounds", "", "money", "operating"), "operating cost")
    asked = frozenset({"park"})
    assert _price_named(asked, [8.0, 8.5], [parking, running]) == [8.0 + PRICE_NAMED, 8.5]
    assert _price_named(frozenset(), [8.0, 8.5], [parking, running]) == [8.0, 8.5]
    assert _price_named(asked, [8.0, 8.5], [parking, parking]) == [8.0, 8.5]
