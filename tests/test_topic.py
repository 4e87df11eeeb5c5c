"""A passage that shares only a name with the question does not make the bot answer."""

from __future__ import annotations

from bot.core import is_relevant
from retrieval.topic import names_only, subject_words, uncovered
from retrieval.types import DocumentMeta, Hit, Passage

FLOOD = "Some 4,000 residents were evacuated from Harlow by boat on Monday."


def _hit(text: str, dense: float, keyword: float) -> Hit:
    meta = DocumentMeta(doc_id="d", path="d.txt", title="D")
    return Hit(Passage("d", 0, len(text), text), meta, 1.0, dense, keyword)


def test_subject_words_leave_out_names_and_question_words() -> None:
    assert subject_words("What is the population of Harlow?") == {"population"}
    assert subject_words("Harlow?") == {"harlow"}  # the first word is not taken for a name


def test_a_shared_name_alone_is_not_a_shared_subject() -> None:
    assert names_only("What is the population of Harlow?", FLOOD)
    assert not names_only("How many residents left Harlow?", FLOOD)
    assert not names_only("Harlow", FLOOD)  # a name is all it asks


def test_a_keyword_hit_on_a_name_only_needs_the_dense_margin() -> None:
    close = _hit(FLOOD, 0.35, 1.0)
    assert is_relevant(close, 0.3)  # without the question: the keyword counts
    assert is_relevant(close, 0.3, "How many residents were evacuated?")
    assert not is_relevant(close, 0.3, "What is the population of Harlow?")
    assert is_relevant(_hit(FLOOD, 0.55, 1.0), 0.3, "What is the population of Harlow?")


def test_a_counted_thing_or_event_no_passage_names_is_not_covered() -> None:
    texts = ["About 3,000 workers went on strike at the plant.", "Pay talks broke down."]
    assert uncovered("How many nurses went on strike?", texts)
    assert uncovered("How many people died in the mine collapse?", texts)
    assert uncovered("How many people were hurt in the stampeding?", texts)
    assert not uncovered("How many employees went on strike?", texts)  # a class of workers
    assert not uncovered("How many people took part in the strike?", texts)
    assert not uncovered("How many North Korean workers went on strike?", texts)
    assert not uncovered("How many workers at Elsbridge went on strike?", texts)  # a name
    # A verb after a name is no counted noun: "went" need not be in the texts.
    walked = ["About 3,000 Norwegian workers walked out on strike."]
    assert not uncovered("How many Norwegians went on strike?", walked)
    # A class of things the lexicon knows needs no word of its own: properties are homes.
    supply = ["Supply to 1.6 million homes and businesses was disconnected."]
    assert not uncovered("How many properties were cut off from the power supply?", supply)
    # People named by their part in the event: the event says what is counted.
    arrests = ["Police said three men had been arrested after the raid."]
    assert not uncovered("How many suspects have the police detained over the raid?", arrests)
    rescued = ["Rescuers brought 12 miners out alive on Sunday."]
    assert not uncovered("How many survivors were brought out?", rescued)
    # Kinds of place or organisation: reports name them by what they are.
    zone = ["Movement restrictions now cover 34 other poultry farms in the zone."]
    assert not uncovered("How many other poultry businesses are under restrictions?", zone)


def test_a_counted_class_of_things_is_covered_by_any_word_of_its_class() -> None:
    # "visitors", "hens", "dwellings": a class, but not of people any report may call
    # "people": one of its words must be in the texts.
    gallery = ["The gallery reopened to the public on 28 March, its director said."]
    assert uncovered("How many visitors does the gallery get in a typical year?", gallery)
    assert not uncovered(
        "How many visitors does the gallery get?", ["About 40,000 tourists came last year."]
    )
    farm = ["About 180,000 hens are being culled at the farm."]
    assert not uncovered("How many birds were culled?", farm)
    assert uncovered("How many cows were culled?", farm)
    flood = ["Some 300 homes were flooded."]
    assert not uncovered("How many dwellings were inundated?", flood)


def test_a_counted_noun_without_a_plural_s_is_still_the_counted_thing() -> None:
    # "lynx", "crew": no -s, but the auxiliary after them shows they are the counted noun
    texts = ["The park keeps around 1,400 animals of 180 species, among them wolves."]
    assert uncovered("How many lynx does the park keep?", texts)
    assert not uncovered("How many wolves does the park keep?", texts)
    assert not uncovered("How many crew were on board?", ["The crew of 26 were rescued."])
    assert not uncovered("How many foreign workers were hurt?", ["Nine workers were hurt."])


def test_a_population_no_passage_names_is_not_covered() -> None:
    strike = ["About 3,000 workers at the Elsbridge plant went on strike.", "Pay talks failed."]
    for question in (
        "How many people live in Elsbridge?",
        "What is the population of Elsbridge?",
        "How many residents live in Elsbridge?",
    ):
        assert uncovered(question, strike)
    # Inhabitants counted, not a population asked: the passages need not name one.
    moved = ["About 3,000 people were moved out of Elsbridge."]
    assert not uncovered("How many inhabitants were taken out of Elsbridge?", moved)
    for named in (
        ["Elsbridge, a town of 5,601 inhabitants, lies on the river."],
        ["The population of Elsbridge was 5,601 at the last census."],
        ["About 5,600 people live in Elsbridge."],
    ):
        assert not uncovered("How many people live in Elsbridge?", named)
        assert not uncovered("What is the population of Elsbridge?", named)


def test_a_firm_s_takings_pay_or_debt_no_passage_names_is_not_covered() -> None:
    fire = [
        "The cladding was fitted by Velstone Facades in 2018.",
        "Residents who lived on the upper floors were rescued by ladder.",
    ]
    for question in (
        "What was Velstone Facades' turnover last year?",
        "What is the site manager's annual salary?",
        "How much does Velstone owe its lenders?",
    ):
        assert uncovered(question, fire)
    # any word of the attribute's class names it: sales for turnover, wages for salary
    assert not uncovered(
        "What was Velstone's turnover last year?", ["Velstone's sales fell to £40m."]
    )
    assert not uncovered("What is the site manager's salary?", ["He is on wages of £900 a week."])
    # a firm's "ticket income" is its revenue
    lost = ["Analysts put the lost ticket revenue at between Kr 55m and Kr 60m."]
    assert not uncovered("By how much did the grounding dent Halcyra's ticket income?", lost)


def test_by_how_much_an_income_suffers_asks_a_change_its_loss_may_name() -> None:
    loss = ["The escape could cost local angling tourism as much as Mk 9m."]
    assert not uncovered("By how much will visitor income from sport fishing suffer?", loss)
    assert uncovered("What is the visitor income from sport fishing?", loss)


def test_people_in_general_is_not_a_shared_subject() -> None:
    text = "Some 4,000 people were evacuated from Harlow by boat on Monday."
    assert names_only("How many people live in Harlow?", text)
    assert not names_only("How many people were evacuated from Harlow?", text)
    assert not subject_words("How many people live in Harlow?") & {"people", "person"}


def test_places_counted_by_no_more_than_being_places_need_no_word_of_their_own() -> None:
    searched = ["Detectives searched seven premises across the county on Tuesday."]
    assert not uncovered("At how many locations did detectives carry out searches?", searched)
    assert not uncovered("How many addresses did the police search?", searched)
    # a kind of place that says more is still asked by its own word
    assert uncovered("How many warehouses did the police search?", searched)


def test_a_priced_thing_no_passage_names_is_not_covered() -> None:
    texts = [
        "The new footbridge will cost £2.1m, the council said.",
        "The council spent £300,000 on repairs to the old bridge last year.",
    ]
    assert uncovered("How much does a day ticket for the park-and-ride cost?", texts)
    assert uncovered("What does an annual pass for the car park cost?", texts)
    assert uncovered("How much did the council spend on its new cycle lanes?", texts)
    assert uncovered("How much did the council spend on fixing potholes last year?", texts)
    assert not uncovered("How much will the new footbridge cost?", texts)
    assert not uncovered("How much did the council spend on the repairs last year?", texts)
    # The priced thing comes after a verb of its own: no noun phrase before "cost" to check.
    assert not uncovered("What did the council first reckon its new footbridge would cost?", texts)
    assert not uncovered("How much did it cost to mend the old bridge?", texts)


def test_where_a_priced_act_is_done_must_be_named() -> None:
    texts = ["Parking in the town-centre car parks will cost £1.50 an hour from 1 May."]
    assert uncovered("How much does it cost to park at Kelbrook hospital?", texts)
    assert not uncovered("How much does it cost to park in the town centre?", texts)
    assert not uncovered("How much will it cost to park in Kelbrook?", texts)  # a name


def test_what_is_charged_or_paid_for_must_be_named() -> None:
    texts = ["Households will pay £52 a year for a weekly food waste collection."]
    assert uncovered("How much does the council charge for a garden waste bin permit?", texts)
    assert not uncovered("How much will households pay for a food waste collection?", texts)
