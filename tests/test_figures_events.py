"""Events reports name in their own words: a breach found out, animals escaped or culled, a
barrier that burst or gave way, a place reopened, a ship aground, a train derailed, a service
cancelled; counted things by their class ("hens" are birds, "travellers" passengers); and the
event a question places its own by ("after the break-in"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze
from retrieval.figures.extract import extract
from retrieval.figures.measures import question_measure
from retrieval.figures.model import FigureGroup
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _texts(group: FigureGroup) -> set[str]:
    return {v.text for v in group.values}


def _measure(sentence: str, kind: str):  # type: ignore[no-untyped-def]
    (mention,) = [m for m in extract(_hits(sentence)) if m.kind == kind]
    return mention.measure


@pytest.mark.parametrize(
    ("sentence", "kind", "event"),
    [
        ("Vesterline discovered the attack on 21 April.", "date", "discovery"),
        ("The intrusion was detected on 21 April.", "date", "discovery"),
        ("The dam gave way on 3 March 2025.", "date", "burst"),
        ("The levee burst in early March 2025.", "date", "burst"),
        ("The roof caved in on 9 March.", "date", "collapse"),
        ("The gallery reopened to the public on 28 March 2026.", "date", "reopening"),
        ("The ferry ran aground on 14 June.", "date", "grounding"),
        # a fire or a war that broke out started
        ("The fire broke out on Sunday 2 August.", "date", "start"),
        ("Fighting broke out in 2014.", "date", "start"),
        # but animals or prisoners that broke out escaped
        ("Seven wolves broke out of the park last week.", "count", "escape"),
        # on the roll is not voting, nor is a ballot set aside
        ("The country has 6.8 million registered voters.", "count", "registration"),
        ("Some 96,480 ballots were declared invalid.", "count", "invalid"),
        # not found is missing
        ("Fourteen miners had still not been found on Friday.", "count", "missing"),
        # signed up is enrolled
        ("More than 2,000 volunteers signed up for the scheme.", "count", "registration"),
        ("The trial enrolled 1,840 adults.", "count", "registration"),
        ("Some 34 flats were wrecked by the fire.", "count", "destruction"),
        ("The wolves broke out on 3 October.", "date", "escape"),
        ("Six wolves escaped from the park.", "count", "escape"),
        ("About 180,000 hens are being culled.", "count", "cull"),
        ("Four carriages derailed near the junction.", "count", "derailment"),
        ("Some 40 flights were cancelled.", "count", "cancellation"),
        # a verb and its object name the event before the verb alone: jobs lost are a layoff
        ("The firm lost 450 jobs.", "count", "layoff"),
        ("The fire claimed 12 lives.", "count", "death"),
        # out of supply, in the words of a water or power cut
        ("About 4,000 homes were left without water.", "count", "outage"),
        ("Some 5,000 homes were cut off from mains water.", "count", "outage"),
        ("Around 3,200 homes lost their supply.", "count", "outage"),
        ("Some 1.4 million customers lost power.", "count", "outage"),
    ],
)
def test_an_event_in_the_words_reports_use(sentence: str, kind: str, event: str) -> None:
    assert event in _measure(sentence, kind).events


def test_a_gauge_that_registered_a_level_registered_no_one() -> None:
    assert "registration" not in _measure("The gauge registered 7.2 metres.", "count").events


@pytest.mark.parametrize(
    ("sentence", "entity"),
    [
        ("About 180,000 hens are being culled.", "birds"),
        ("Some 176,000 birds were culled.", "birds"),
        ("Some 208 travellers were on the train.", "passengers"),
        ("About 40,000 tourists were turned away.", "visitors"),
        ("The 24 crew were rescued.", "workers"),
        ("About 300 dwellings were flooded.", "homes"),
        ("Four carriages left the rails at the junction.", "vehicles"),
        ("The savings include the deletion of 320 posts.", "jobs"),
        # members of a class of people are of that class
        ("The ship carried 26 crew members.", "workers"),
        ("Some 30 staff members were hurt.", "workers"),
        ("The club has 4,000 members.", "members"),
    ],
)
def test_a_counted_thing_by_its_class(sentence: str, entity: str) -> None:
    assert _measure(sentence, "count").entity == entity


def test_hens_and_birds_culled_are_one_measure() -> None:
    hits = _hits(
        "About 180,000 hens are being culled at the farm, officials said.",
        "The company said 176,000 birds had been culled by Friday.",
        "The farm employs 62 people.",
    )
    report = analyze("How many chickens were slaughtered?", hits)
    lead = report.groups[0]
    assert _texts(lead) == {"About 180,000", "176,000"}


def test_travellers_and_passengers_are_one_count() -> None:
    hits = _hits(
        "The train was carrying 214 passengers, the operator said.",
        "Investigators said 208 travellers were on board.",
        "The line carries 11,000 commuters on a weekday.",
    )
    report = analyze("How many passengers were on the train?", hits)
    assert {"214", "208"} <= _texts(report.groups[0])


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("When did the flood barrier give way?", "burst"),
        ("On what day did the fire near the village break out?", "start"),
        ("How many wolves broke out of the park?", "escape"),
        ("How many people were registered to vote?", "registration"),
        ("How many ballots were thrown out as invalid?", "invalid"),
        ("How many miners had still not been found?", "missing"),
        ("How many people signed up for the trial?", "registration"),
        ("On what day did Vesterline realise it had been hacked?", "discovery"),
        ("When did the gallery reopen?", "reopening"),
        ("How many wolves escaped from the park?", "escape"),
        # the asked event, not the one that places it in time
        ("How many chickens were put down because of the virus?", "cull"),
        ("On what day did the mine cave in?", "collapse"),
        ("When does the new rule take effect?", "start"),
        ("When did the negotiations break down?", "collapse"),
        ("How many of the train's cars jumped the rails?", "derailment"),
        ("After the collapse, how many miners were rescued?", "rescue"),
        ("How many were evacuated before the levee burst?", "evacuation"),
    ],
)
def test_the_question_s_own_event(question: str, event: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None and event in measure.events


def test_the_event_that_places_the_asked_one_is_not_asked() -> None:
    collapse = question_measure(tokenize("After the collapse, how many miners were rescued?"))
    assert collapse is not None and "collapse" not in collapse.events
    burst = question_measure(tokenize("How many were evacuated before the levee burst?"))
    assert burst is not None and "burst" not in burst.events
    # alone, it is the asked event
    alone = question_measure(tokenize("When did the levee burst?"))
    assert alone is not None and "burst" in alone.events
    # nor are its words matched: "break-in" does not ask for the break-in's date
    back = question_measure(
        tokenize("When did visitors get back into the gallery after the break-in?")
    )
    assert back is not None and "break" not in back.words and "gallery" in back.words


@pytest.mark.parametrize(
    ("question", "event", "cause"),
    [
        ("How many workers are being made redundant by the closure?", "layoff", "closure"),
        ("How many flights were cancelled because of the strike?", "cancellation", "strike"),
        ("How many miners ended up trapped due to the collapse?", "trapped", "collapse"),
    ],
)
def test_the_event_named_as_a_cause_is_not_asked(question: str, event: str, cause: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None and event in measure.events and cause not in measure.events
    # alone, it is the asked event
    alone = question_measure(tokenize(f"How many were hit by the {cause}?"))
    assert alone is not None and cause in alone.events


def test_made_redundant_is_laid_off() -> None:
    assert "layoff" in _measure("About 450 workers will be made redundant.", "count").events


@pytest.mark.parametrize(
    "question",
    [
        "How many men ended up stuck below ground?",
        "How many houses ended up under water?",
        "How far below the ground did the quake begin?",
    ],
)
def test_ending_up_below_ground_names_no_event(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None and not measure.events & {"end", "grounding"}
    # the ship that ran aground, or was grounded, still did
    assert "grounding" in question_measure(tokenize("When did the ship run aground?")).events  # type: ignore[union-attr]


def test_what_how_many_or_how_much_counts_is_the_only_counted_thing() -> None:
    # not the tanker the barrels came from, nor the crews who scooped the oil up
    barrels = question_measure(tokenize("How many barrels poured out of the damaged tanker?"))
    assert barrels is not None and barrels.entity != "vessels"
    oil = question_measure(tokenize("How much oil have the clean-up crews scooped up?"))
    assert oil is not None and oil.entity != "workers"


def test_a_discovery_date_leads_for_a_question_in_other_words() -> None:
    hits = _hits(
        "Vesterline discovered the attack on 21 April, the company said.",
        "The attackers first got into the network on 3 March.",
        "The retailer told customers about the breach on 30 April.",
    )
    report = analyze("On what day did Vesterline realise it had been hacked?", hits)
    assert report.groups[0].values[0].text == "21 April"


def test_a_linking_verb_of_the_question_is_no_act_to_match() -> None:
    # "came away with injuries": the injured, not a count of whatever "came"
    hits = _hits(
        "Some 17 passengers were injured in the crash.",
        "About 40 vehicles came to the scene within the hour.",
    )
    report = analyze("How many people came away from the crash with injuries?", hits)
    assert _texts(report.groups[0]) == {"Some 17"}


def test_a_question_of_homes_cut_off_asks_the_outage() -> None:
    for question in (
        "How many homes were cut off from mains water?",
        "How many properties were cut off from the power supply?",
    ):
        assert "outage" in question_measure(tokenize(question)).events  # type: ignore[union-attr]
    # jobs cut are still jobs lost
    assert "layoff" in _measure("The firm will cut 850 jobs.", "count").events


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("What date did the motorway open again?", "reopening"),
        ("When did the acquisition actually go through?", "completion"),
    ],
)
def test_an_event_a_question_names_by_a_verb_and_its_particle(question: str, event: str) -> None:
    assert question_measure(tokenize(question)).events == {event}  # type: ignore[union-attr]


def test_a_date_a_place_opened_again_answers_when_it_reopened() -> None:
    report = analyze(
        "What date did the motorway open again?",
        _hits(
            "The motorway was closed on 13 January 2026.",
            "The motorway opened again on 15 January 2026.",
        ),
    )
    assert _texts(report.groups[0]) == {"15 January 2026"}


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The storm left 8,000 homes without power.", "outage"),
        ("About 3,000 homes were left without water.", "outage"),
        ("Some 40 families were left without a home.", "displacement"),
        ("The fire left 40 families without a home.", "displacement"),
        ("About 5,000 people left their homes.", "displacement"),
    ],
)
def test_left_without_is_read_by_what_they_were_left_without(text: str, event: str) -> None:
    assert _measure(text, "count").events == {event}


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("How many homes were left without power?", "outage"),
        ("How many families were left without a home?", "displacement"),
        ("How many people were left without a roof over their heads?", "displacement"),
    ],
)
def test_a_question_of_being_left_without_asks_what_was_lacked(question: str, event: str) -> None:
    assert question_measure(tokenize(question)).events == {event}  # type: ignore[union-attr]


def test_a_grid_that_went_down_is_out() -> None:
    question = question_measure(tokenize("On what date did the grid go down?"))
    assert question is not None and question.events == {"outage"}
    assert _measure("The network went down on Tuesday 21 July.", "date").events == {"outage"}
    # a figure that went down fell: a change, not an outage
    fall = _measure("Sales went down 12% in the quarter.", "count")
    assert "outage" not in fall.events and "fall" in fall.name


def test_talks_that_broke_down_collapsed() -> None:
    assert _measure("Talks broke down on Thursday 19 February.", "date").events == {"collapse"}


def test_a_negated_verb_of_the_question_asks_its_opposite() -> None:
    hits = _hits(
        "Rescuers said two men were found in a side roadway on Monday.",
        "Nine men are still missing, the ministry said.",
    )
    report = analyze("How many miners had still not been found?", hits)
    assert [v.text for v in report.groups[0].values] == ["Nine"]
    found = analyze("How many men were found?", hits)
    assert [v.text for v in found.groups[0].values] == ["two"]


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        # the relative clause names the event, in a passive in its own word too
        ("The 35 men who came out alive are recovering.", "survival"),
        ("Of the 1,812 patients who were randomised, 1,377 completed treatment.", "~randomis"),
        ("The paper counted at least 14 businesses that had closed their doors.", "closure"),
        # it names none: the sentence's own verb after it does
        ("Seventeen of the men who got out were injured, most with cuts.", "injury"),
    ],
)
def test_a_relative_clause_on_a_count_names_its_event(sentence: str, event: str) -> None:
    measure = next(m for m in extract(_hits(sentence)) if m.kind == "count").measure
    assert event in measure.events or event in measure.key


@pytest.mark.parametrize(
    "sentence",
    [
        # the sentence's own verb is negated: those counted did not finish
        "A total of 4,370 runners who started did not finish.",
        # a verb of no class names nothing: the clause may be another noun's ("a trip between
        # the two towns that took up to 50 minutes")
        "The 2,000 visitors who queued for hours left happy.",
    ],
)
def test_a_relative_clause_that_is_not_what_is_counted_names_no_event(sentence: str) -> None:
    measure = next(m for m in extract(_hits(sentence)) if m.kind == "count").measure
    assert measure.key[0] == "entity", measure


@pytest.mark.parametrize(
    ("sentence", "part", "event"),
    [
        # a part "of whom" is read by its own verb, not the whole's
        (
            "The ministry says 187 people were arrested, 41 of whom remain in custody.",
            "41",
            "~remain",
        ),
        ("About 300 people were evacuated, 120 of whom have returned home.", "120", "return"),
    ],
)
def test_a_part_of_whom_is_counted_by_its_own_verb(sentence: str, part: str, event: str) -> None:
    read = {m.value.text: m.measure for m in extract(_hits(sentence)) if m.kind == "count"}
    assert event in read[part].key and "arrest" not in read[part].key


@pytest.mark.parametrize(
    "question",
    [
        "How many people were working on the rescue?",
        "How many people took part in the rescue?",
        "How many people helped with the rescue?",
    ],
)
def test_a_question_of_those_taking_part_does_not_ask_what_befell_others(question: str) -> None:
    hits = _hits(
        "Rescuers brought out 35 miners alive on Friday.",
        "About 250 people were working on the operation, many of them volunteers.",
    )
    assert "rescue" not in question_measure(tokenize(question)).events  # type: ignore[union-attr]
    report = analyze(question, hits)
    assert [v.text for v in report.groups[0].values] != ["35"]


def test_the_verb_after_a_phrase_of_where_from_is_the_first_counts() -> None:
    sentence = "On 7 August, 720 firefighters from 23 fire and rescue services were deployed."
    read = {m.value.text: m.measure for m in extract(_hits(sentence)) if m.kind == "count"}
    assert "send" in read["720"].events
    assert "send" not in read["23"].events


@pytest.mark.parametrize(
    "question",
    ["How old is Helen Strand, who runs the park?", "How many stations does Fire and Rescue run?"],
)
def test_a_name_in_the_question_names_no_event(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is None or not measure.events & {"trapped", "rescue"}


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Recapture crews caught a total of 9,460 escapees.", "capture"),
        ("Our own crews have recaptured more than 600 fish.", "capture"),
        ("At least 31 vehicles caught fire in the garage.", "fire"),
        ("More than 50,000 farmed salmon swam free on Sunday.", "escape"),
    ],
)
def test_caught_again_is_a_capture_and_caught_fire_is_none(sentence: str, event: str) -> None:
    (mention,) = [m for m in extract(_hits(sentence)) if m.kind == "count"]
    assert mention.measure.events == {event}


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("Give me the number of escapees that were caught again.", "capture"),
        ("How many salmon swam free when the net failed?", "escape"),
        ("How many fish got loose?", "escape"),
        ("How many vehicles got caught up in the closure?", "trapped"),
        ("How many people have caught cholera so far?", "infection"),
    ],
)
def test_what_a_question_says_was_caught_or_got_free(question: str, event: str) -> None:
    asked = question_measure(tokenize(question))
    assert asked is not None and event in asked.events


def test_salmon_and_fish_are_one_class_of_thing_counted() -> None:
    hits = _hits(
        "More than 50,000 farmed salmon escaped into the fjord on Sunday.",
        "We estimate that 54,300 fish escaped.",
    )
    report = analyze("How many salmon swam free when the net failed?", hits)
    assert _texts(report.groups[0]) == {"More than 50,000", "54,300"}


@pytest.mark.parametrize(
    ("sentence", "whole", "part"),
    [
        ("Crews caught a total of 9,460 escapees, 311 of them in rivers.", "9,460", "311"),
        ("Some 83 people were injured, 58 of them seriously.", "Some 83", "58"),
        ("Police arrested 187 people, 41 of them outside the stadium.", "187", "41"),
    ],
)
def test_a_part_narrowed_by_a_phrase_is_not_its_whole(sentence: str, whole: str, part: str) -> None:
    read = {m.value.text: m.measure for m in extract(_hits(sentence)) if m.kind == "count"}
    assert read[part].key != read[whole].key
    assert read[part].key[0] == "part"


def test_a_part_with_a_verb_of_its_own_is_read_by_it() -> None:
    read = {
        m.value.text: m.measure.key[0]
        for m in extract(_hits("Seven blocks were inspected and three of them carry the panels."))
        if m.kind == "count"
    }
    assert read.get("three") != "part"


@pytest.mark.parametrize(
    "question",
    ["How many voting papers were thrown out as spoilt?", "How many ballots were spoilt?"],
)
def test_ballots_thrown_out_or_spoilt_are_set_aside(question: str) -> None:
    asked = question_measure(tokenize(question))
    assert asked is not None and "invalid" in asked.events


@pytest.mark.parametrize(
    ("sentence", "margin"),
    [
        ("Ms Brannagh had beaten the mayor, Amadeo Ferrucci-Lind, by just over 200 votes.", True),
        ("The result gave Lucia Brannagh a margin of 214 votes over her rival.", True),
        ("His party says its tally shows a margin of only 58 votes.", True),
        ("The board declared the result, confirming her victory by 93 votes.", True),
        ("The motion was defeated by 37 votes to 30.", False),  # a tally
        ("Prices rose by 200 a month.", False),
    ],
)
def test_by_how_much_a_contest_was_won_is_its_margin(sentence: str, margin: bool) -> None:
    read = [m for m in extract(_hits(sentence)) if m.kind == "count"]
    assert any(m.measure.key == ("attr", "margin", "count") for m in read) is margin


def test_a_question_of_how_many_votes_a_win_was_by_leads_with_the_margin() -> None:
    hits = _hits(
        "Some 312,000 ballots were cast in the mayoral election.",
        "Ms Brannagh had beaten the mayor by just over 200 votes.",
        "The court cut her winning margin to 87 votes.",
    )
    report = analyze("By how many votes did Brannagh beat the sitting mayor?", hits)
    assert _texts(report.groups[0]) == {"just over 200", "87"}


def test_wiped_out_is_destroyed() -> None:
    asked = question_measure(tokenize("How much farmland did the locusts wipe out?"))
    assert asked is not None and "destruction" in asked.events


def test_a_unit_the_question_names_asks_its_dimension() -> None:
    hits = _hits(
        "Close to half of the national wheat crop comes from the province.",
        "The union estimates that around 60,000 tonnes of wheat have been lost.",
    )
    report = analyze("By how much, in tonnes, did the plague cut the wheat crop?", hits)
    assert _texts(report.groups[0]) == {"around 60,000 tonnes"}


@pytest.mark.parametrize(
    ("question", "event", "not_event"),
    [
        # "wound up" ends, and "to catch" says what the effort was for
        ("When was the special effort to catch the runaway salmon wound up?", "end", "capture"),
        # a particle far from the verb makes no phrase with it
        ("When was the effort to catch the salmon wound up?", "end", "trapped"),
    ],
)
def test_a_purpose_and_a_far_particle_name_no_asked_event(
    question: str, event: str, not_event: str
) -> None:
    asked = question_measure(tokenize(question))
    assert asked is not None and event in asked.events and not_event not in asked.events


def test_a_purpose_verb_is_the_asked_event_when_no_other_is() -> None:
    asked = question_measure(tokenize("How many jobs does the company plan to cut?"))
    assert asked is not None and "layoff" in asked.events


def test_the_number_of_a_thing_counts_it() -> None:
    asked = question_measure(
        tokenize("Give me the number of specimens the agency took from the riders.")
    )
    assert asked is not None and asked.entity == "specimens"
    hits = _hits(
        "The agency collected 212 samples from the team's riders.",
        "The race had 176 riders at the start.",
    )
    report = analyze("Give me the number of specimens the agency took from the riders.", hits)
    assert _texts(report.groups[0]) == {"212"}


def test_gone_up_in_flames_is_a_fire() -> None:
    asked = question_measure(tokenize("How many times have these batteries gone up in flames?"))
    assert asked is not None and "fire" in asked.events


@pytest.mark.parametrize(
    ("question", "margin"),
    [
        ("By how many votes did Brannagh beat the sitting mayor?", True),
        ("What was her winning margin?", True),
        ("What was the margin of victory?", True),
        ("What is the company's operating margin?", False),
        ("By how much did turnout rise?", False),
    ],
)
def test_a_question_of_a_contest_s_margin(question: str, margin: bool) -> None:
    from retrieval.figures.measures import MARGIN, margin_asked

    asked = margin_asked(tokenize(question), question_measure(tokenize(question)))
    assert (asked == MARGIN) is margin


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        # past a list of names, to the verb: "fallen ill" is an infection
        (
            "Between 900 and 1,400 people in Thornwick, Elsby and Pennock are likely to have "
            "fallen ill with cryptosporidiosis.",
            "infection",
        ),
        ("About 150 people are thought to have died.", "death"),
    ],
)
def test_a_hedged_verb_past_a_list_of_names_names_the_event(sentence: str, event: str) -> None:
    (mention,) = [m for m in extract(_hits(sentence)) if m.kind == "count"]
    assert event in mention.measure.events
