"""Counts whose measure no word class names: the text's own verb or act, counted things by
class, and people in general beside a class of people. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze
from retrieval.figures.extract import extract
from retrieval.figures.model import FigureGroup

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _texts(group: FigureGroup) -> set[str]:
    return {v.text for v in group.values}


def test_a_verb_no_class_knows_keeps_its_figures_apart_from_other_counts_of_people() -> None:
    hits = _hits(
        "About 2,500 people have signed the petition, its organisers said.",
        "Roughly 40,000 people live in the valley.",
    )
    report = analyze("How many people signed the petition?", hits)
    assert _texts(report.groups[0]) == {"About 2,500"}


def test_a_verb_before_another_clause_is_not_read_as_that_clause_s_harm() -> None:
    hits = _hits("Four people have died, and 58 had been admitted to hospital by Friday.")
    died = analyze("How many people died?", hits)
    assert _texts(died.groups[0]) == {"Four"}
    admitted = analyze("How many people were admitted to hospital?", hits)
    assert _texts(admitted.groups[0]) == {"58"}


def test_a_predicate_after_and_is_not_the_verb_of_the_figure_before_it() -> None:
    # "… and had opened a third": another predicate of the sentence's subject
    hits = _hits(
        "The council had handed out 400 food parcels by Friday evening and had opened a "
        "third centre."
    )
    (m,) = [m for m in extract(hits) if m.kind == "count"]
    assert "open" not in m.measure.name
    # a subject with "and" before its verb keeps the verb
    (m,) = extract(_hits("Some 300 people and their animals were evacuated."))
    assert m.measure.name == "people evacuated"


def test_the_event_named_by_a_verb_s_object_or_complement() -> None:
    hits = _hits(
        "On Monday 1,900 employees joined the walkout.",
        "The union said 3,300 people are on strike.",
        "The company has 9,000 employees.",
    )
    report = analyze("How many employees are on strike?", hits)
    lead = report.groups[0]
    assert _texts(lead) == {"1,900", "3,300"}
    assert lead.status == "differ"


def test_a_count_noun_without_a_verb_names_the_measure() -> None:
    hits = _hits(
        "The carmaker announced a recall of 212,000 vehicles on Tuesday.",
        "It is a recall of about 230,000 cars, a regulator said.",
        "The carmaker sold 1.1 million vehicles last year.",
    )
    report = analyze("How big was the recall?", hits)
    lead = report.groups[0]
    assert _texts(lead) == {"212,000", "about 230,000"}
    assert "1.1 million" not in {v.text for g in report.groups[:1] for v in g.values}


def test_counted_things_are_compared_by_class() -> None:
    hits = _hits(
        "Some 212 ships were stranded in the canal.",
        "The authority said 187 vessels were stranded.",
    )
    lead = analyze("How many ships were stranded?", hits).groups[0]
    assert _texts(lead) == {"Some 212", "187"}
    assert lead.status == "differ"


def test_falling_ill_is_one_measure_in_other_words() -> None:
    hits = _hits(
        "More than 600 people have fallen ill since June.",
        "Some 640 people fell sick last week.",
        "About 90,000 people have received the vaccine.",
    )
    lead = analyze("How many people got sick?", hits).groups[0]
    assert _texts(lead) == {"More than 600", "Some 640"}


def test_an_attribute_of_a_phrase_is_read_under_the_attribute_not_the_phrase() -> None:
    hits = _hits(
        "As of 2010 its total population is 8,120.",
        "The population of the two parishes was 8,400 at the 2011 census.",
        "The town covers 12 square miles.",
    )
    report = analyze("What is the population of Dunmere?", hits)
    lead = report.groups[0]
    assert lead.measure == "population"
    assert _texts(lead) == {"8,120", "8,400"}  # not "two", which counts parishes


def test_counted_things_without_an_event_are_not_joined_by_class() -> None:
    hits = _hits(
        "The harbour garage holds 300 cars on its three floors.",
        "The city has 90,000 vehicles on its register.",
    )
    lead = analyze("How many cars does the harbour garage hold?", hits).groups[0]
    assert _texts(lead) == {"300"}


def test_a_part_of_a_count_of_things_does_not_take_the_thing_from_the_clause() -> None:
    hits = _hits("The fleet counts 4,000 vessels, 900 of them in the northern ports.")
    values = {
        v.text for g in analyze("How many vessels are in the fleet?", hits).groups for v in g.values
    }
    assert "900" not in values


def test_the_verb_a_count_is_the_object_of_keys_it() -> None:
    hits = _hits(
        "Mechanics have so far repaired about 9,000 cars, a bulletin said.",
        "Dealers repaired 11,000 vehicles by the end of the month, the carmaker said.",
        "The recall covers 250,000 vehicles in eleven countries.",
    )
    lead = analyze("How many vehicles have been repaired?", hits).groups[0]
    assert _texts(lead) == {"about 9,000", "11,000"}
    assert lead.status == "differ"
    covered = analyze("How many vehicles does the recall cover?", hits).groups[0]
    assert _texts(covered) == {"250,000"}


def test_a_verb_that_disputes_a_figure_does_not_name_what_it_counts() -> None:
    hits = _hits(
        "The operator's count of 12 fires was disputed by the inspectors.",
        "The defect has been linked to 19 fires, the inspectors said.",
    )
    lead = analyze("How many fires have there been?", hits).groups[0]
    assert _texts(lead) == {"12", "19"}
    assert lead.status == "differ"


def test_a_hyphenated_word_is_one_word_of_what_is_counted() -> None:
    hits = _hits(
        "Regulators ordered a recall of 12,000 plug-in heaters on Monday.",
        "The maker later widened it to a recall of 14,500 heaters.",
    )
    lead = analyze("How many heaters are being recalled?", hits).groups[0]
    assert _texts(lead) == {"12,000", "14,500"}


def test_a_count_of_an_act_that_names_nothing_counted_joins_the_one_that_does() -> None:
    hits = _hits(
        "Regulators ordered a recall of 12,000 heaters on Monday.",
        "The maker set aside $9 million for the recall of 14,500 Vantor and Orlo heaters.",
    )
    lead = analyze("How many heaters are being recalled?", hits).groups[0]
    assert _texts(lead) == {"12,000", "14,500"}
    assert lead.status == "differ"


def test_a_part_of_a_count_takes_what_befell_it_and_the_whole_keeps_its_noun() -> None:
    hits = _hits(
        "Twelve of the 40 passengers died in the crash.",
        "Officials later said 14 people had died.",
    )
    died = analyze("How many people died in the crash?", hits)
    assert _texts(died.groups[0]) == {"Twelve", "14"}
    assert "40" not in _texts(died.groups[0])
    whole = next(m for m in extract(hits) if m.value.text == "40")
    assert whole.measure.name == "passengers" and not whole.measure.events


def test_a_part_of_a_possessed_count_is_read_past_the_possessive() -> None:
    hits = _hits("About 4.1 million of the country's 6.8 million voters cast a ballot.")
    report = analyze("How many people voted?", hits)
    assert _texts(report.groups[0]) == {"About 4.1 million"}


def test_jobs_lost_or_cut_are_people_laid_off() -> None:
    """ "could lose their jobs" and "will cut 850 jobs" name one event, as "lost their lives"
    names deaths; "hired" another."""
    hits = _hits(
        "The carmaker said it would cut 850 jobs at its two plants.",
        "Up to 1,200 workers could lose their jobs, the union warned.",
        "The carmaker hired 11,500 people last year.",
    )
    report = analyze("How many people will lose their jobs?", hits)
    lead = report.groups[0]
    assert lead.measure.endswith("laid off")
    assert _texts(lead) and _texts(lead) <= {"850", "Up to 1,200"}


def test_laid_off_is_the_same_event_as_jobs_cut() -> None:
    """ "were laid off", "laid off 300 workers" and "cut 850 jobs" are one event, asked for
    by "how many … laid off?"."""
    hits = _hits(
        "The carmaker said it would cut 850 jobs at its two plants.",
        "The carmaker laid off 300 workers in May.",
        "About 120 more staff were laid off in June.",
        "The carmaker hired 11,500 people last year.",
    )
    report = analyze("How many workers were laid off?", hits)
    laid_off = {v.text for g in report.groups if g.measure.endswith("laid off") for v in g.values}
    assert {"300", "About 120"} <= laid_off
    assert report.groups[0].measure.endswith("laid off")


def test_how_many_counts_the_noun_right_after_it_not_the_last_one() -> None:
    from retrieval.figures.measures import question_measure
    from retrieval.figures.tokens import tokenize

    asked = question_measure(tokenize("How many people helped look for the animals?"))
    assert asked is not None and asked.entity == "people"
    hits = _hits(
        "The park keeps around 1,400 animals.",
        "Some 150 people joined the hunt for the animals.",
    )
    report = analyze("How many people helped look for the animals?", hits)
    # a count of animals is not one of people: it is not shown beside them
    assert [g.measure for g in report.groups] == ["people joined"]
    assert [g.measure for g in analyze("How many animals does the park keep?", hits).groups] == [
        "animals"
    ]


def test_how_many_staff_counts_staff_though_the_stemmer_takes_it_for_a_past_form() -> None:
    from retrieval.figures.measures import question_measure
    from retrieval.figures.tokens import tokenize

    asked = question_measure(tokenize("How many staff were working on the ship?"))
    assert asked is not None and asked.entity == "workers"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Northvale runs 92 trains a day on the route.", "trains per day"),
        ("The route carries around 11,000 passengers on a typical weekday.", "passengers per day"),
        ("The network was supplying 310 megalitres a day at the peak.", "megalitres per day"),
        ("The park gets 3,000 visitors a year.", "visitors per year"),
        ("The bridge was designed to carry 45,000 vehicles daily.", "vehicles per day"),
    ],
)
def test_a_count_per_period_is_a_rate_of_its_own(sentence: str, name: str) -> None:
    (mention,) = [m for m in extract(_hits(sentence)) if m.kind == "count"]
    assert mention.measure.name == name


def test_a_question_that_asks_no_rate_leads_with_the_count_not_the_rate() -> None:
    hits = _hits(
        "The line carries around 11,000 passengers on a typical weekday.",
        "About 240 passengers were on board the train when it derailed.",
    )
    on_board = analyze("How many passengers were on the train when it derailed?", hits)
    assert on_board.groups[0].values[0].text == "About 240"
    daily = analyze("How many passengers use the line each day?", hits)
    assert daily.groups[0].values[0].text == "around 11,000"
