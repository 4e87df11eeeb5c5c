"""What the question asks decides what is shown: no figures table for where / who / why / how
questions, and the asked measure first whatever words the question uses for it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.embedding import Embedder
from retrieval.figures import analyze, is_when_question
from retrieval.figures.asks import asks_for_figures
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize

ROOT = Path(__file__).resolve().parent.parent

try:
    from tests.conftest import corpus_hits
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import corpus_hits  # type: ignore[no-redef]
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("question", "numeric"),
    [
        ("How many died?", True),
        ("How big was the second wave of troops?", True),
        ("How expensive was the repair?", True),
        ("What is the death toll?", True),
        ("What are the total casualties?", True),
        ("What fraction of the fields was flooded?", True),
        ("When did the levee break?", True),
        ("In what year was the treaty signed?", True),
        ("On what date did the plant close?", True),
        ("Number of workers laid off?", True),
        ("What is the population of the town?", True),
        ("Where are the soldiers fighting?", False),
        ("In which region are the troops deployed?", False),
        ("Who reported the figures?", False),
        ("Why did the levee fail?", False),
        ("How were the residents evacuated?", False),
        ("How are the workers treated?", False),
        ("What happened to the school?", False),
        ("What has the company given in return?", False),
        ("Did the bank raise interest rates?", False),
        # A contracted "is" leaves the question word as it is.
        ("What's the death toll?", True),
        ("When's the vote?", True),
        ("Where's the front line?", False),
        ("Who's leading?", False),
        ("Apart from the troops sent in the autumn, how many went?", True),
        # An extreme of an amount asks for its figure; "most" of a counted noun too.
        ("What was the highest load the grid had to carry?", True),
        ("What was the peak demand?", True),
        ("What is the most people the hall may hold?", True),
        ("What is the most likely way the infection got in?", False),
        # A change, a charge or a gap of money is an amount: "what pay increase …?"
        ("What pay increase did the union want?", True),
        ("What fine did the regulator impose?", True),
        ("What shortfall does the pension scheme have?", True),
        ("What led to the increase in prices?", False),
        # A verb of paying asks a sum, unless it ends the question with its preposition.
        ("What is Marchetti being paid per week?", True),
        ("What did the club pay for the striker?", True),
        ("What was the money spent on?", False),
        ("Which body is in charge of the relief work?", False),
        # "What" as the subject of a verb of causing asks a cause, whatever amount follows.
        ("What made the flames climb the tower so fast?", False),
        ("What caused the 40% drop in sales?", False),
        ("What set off the crush near the stage?", False),
        ("What brought about the price rise?", False),
        ("What made up the largest share of the bill?", True),
        ("What share of the vote did they take?", True),
    ],
)
def test_whether_a_question_asks_for_figures(question: str, numeric: bool) -> None:
    assert asks_for_figures(question) is numeric


REPORTS = (
    "More than 4,000 soldiers have been killed or injured, the ministry said, "
    "including about 600 deaths.",
    "Some 11,000 troops were sent to the front in the autumn.",
)


@pytest.mark.parametrize(
    "question",
    [
        "What's the date of the defence treaty?",
        "What\u2019s the date of the defence treaty?",
        "When's the vote?",
        "Which day's the vote?",
    ],
)
def test_a_contracted_date_question_asks_for_dates(question: str) -> None:
    assert is_when_question(question)


def test_a_question_that_asks_for_no_number_gets_no_figures_table() -> None:
    hits = _hits(*REPORTS)
    assert analyze("Where are the soldiers fighting?", hits).groups == []
    assert analyze("Who counted the dead?", hits).groups == []
    assert analyze("How many soldiers died?", hits).groups  # the same passages, asked for a count


@pytest.mark.parametrize(
    "question",
    [
        "How many Ruritanian soldiers died?",
        "How many of the Ruritanian soldiers have lost their lives?",
        "How many Ruritanian lives were lost?",
        "What is the death toll among Ruritanian troops?",
        "How many fatalities have the Ruritanian forces suffered?",
    ],
)
def test_deaths_lead_however_the_question_words_them(question: str) -> None:
    # The soldiers named in the question and in the killed-or-injured sentence do not pull
    # that measure ahead of deaths.
    report = analyze(question, _hits(*REPORTS))
    assert report.groups[0].measure == "deaths", [g.measure for g in report.groups]


def test_lives_lost_in_either_order_is_a_death() -> None:
    for question in ("How many lives were lost?", "How many people lost their lives?"):
        measure = question_measure(tokenize(question))
        assert measure is not None and measure.events == {"death"}, question


def test_names_are_not_measure_words_and_share_words_ask_for_a_share() -> None:
    measure = question_measure(tokenize("What percentage of the North Korean troops died?"))
    assert measure is not None
    assert "north" not in measure.words and "korean" not in measure.words
    assert "share" in measure.words


def test_reinforcements_ask_for_additional_troops() -> None:
    hits = _hits(
        "The army sent 11,000 troops in the autumn.",
        "In February it sent an additional 3,000 soldiers, the ministry said.",
        "Around 15,000 laborers have been dispatched as well.",
    )
    report = analyze("How many reinforcements did the army dispatch?", hits)
    assert report.groups[0].measure == "additional troops sent"


@pytest.mark.parametrize(
    "question",
    [
        "Besides soldiers, how many Ruritanians were sent abroad?",
        "Apart from the troops, how many Ruritanians were sent abroad?",
        "How many Ruritanians other than soldiers were sent abroad?",
    ],
)
def test_a_class_the_question_sets_aside_does_not_lead(question: str) -> None:
    hits = _hits(
        "Ruritania sent 11,000 soldiers abroad in the autumn.",
        "Around 15,000 workers were sent abroad as well, the ministry said.",
    )
    assert analyze(question, hits).groups[0].measure == "workers sent"
    asked = analyze("How many Ruritanian soldiers were sent abroad?", hits)
    assert asked.groups[0].measure == "troops sent"


def test_how_much_asks_for_an_amount_not_a_count() -> None:
    hits = _hits(
        "The budget keeps two police stations open in the evenings.",
        "The policing budget was raised to £215 million at the last minute.",
    )

    def embed(texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 2))  # a model that finds every clause as close

    report = analyze("How much is the city putting towards the police?", hits, embed=embed)
    assert report.groups[0].claims[0].unit == "pounds", [g.measure for g in report.groups]
    report = analyze("How many police stations stay open?", hits, embed=embed)
    assert report.groups[0].claims[0].unit == "people"
    # A unit counted is an amount: working days lost answer "how much time".
    hits = _hits("Some 140 workers were sent home.", "About 1,400 working days were lost.")
    report = analyze("How much working time did the dispute cost?", hits, embed=embed)
    assert report.groups[0].measure == "days lost"


def test_a_share_question_leads_with_the_share() -> None:
    hits = _hits(
        "About 3,000 casualties accounted for nearly a quarter of the 11,000 soldiers sent.",
    )
    report = analyze("What percentage of the soldiers became casualties?", hits)
    assert report.groups[0].measure.startswith("share of")


def test_a_money_question_leads_with_a_sum_of_money() -> None:
    hits = _hits(
        "Roughly 1,000 homes were destroyed in the storm.",
        "The government pledged $25 million in aid.",
    )
    report = analyze("How much money did the government promise?", hits)
    assert report.groups[0].claims[0].unit == "dollars"
    report = analyze("How expensive was the destruction?", hits)
    assert report.groups[0].claims[0].unit == "dollars"


def test_leaving_home_is_displacement_and_evacuations_answer_for_it() -> None:
    hits = _hits(
        "Roughly 1,000 homes were flooded.",
        "Some 4,000 residents were evacuated, the emergency service said.",
        "At least 12 people died.",
    )
    for question in (
        "How many people had to leave their homes?",
        "How many people were displaced by the flood?",
    ):
        report = analyze(question, hits)
        assert report.groups[0].measure == "people evacuated", (question, report.groups)


def test_the_clause_of_a_figure_tells_apart_two_sums_of_the_same_kind() -> None:
    from retrieval.figures.clauses import clause

    sentence = (
        "An estimated 4,700 soldiers have suffered casualties, including approximately 600 deaths."
    )
    assert clause(sentence, "An estimated 4,700") == "soldiers have suffered casualties"
    assert clause(sentence, "approximately 600") == "including deaths."
    hits = _hits(
        "The council voted to rebuild the bridge at a cost of $18 million.",
        "The government pledged $25 million in emergency aid for the valley.",
    )

    def embed(texts: list[str]) -> np.ndarray:
        # a model for which only the aid clause is near the question
        return np.array([[1.0, 0.0] if "aid" in t else [0.0, 1.0] for t in texts])

    report = analyze("What is the amount of emergency aid?", hits, embed=embed)
    assert report.groups[0].claims[0].label == "$25 million"
    report = analyze("What is the amount of emergency aid?", hits)  # without a model: a tie
    assert {g.claims[0].label for g in report.groups} == {"$25 million", "$18 million"}


def test_one_measure_in_many_phrasings_is_one_group() -> None:
    hits = _hits(
        "Some 40 people were hospitalised after the blast.",
        "At least 45 people suffered injuries, police said.",
        "The hospital said 52 were wounded.",
        "A total of 61 people were treated for injuries.",
    )
    report = analyze("How many people were hurt?", hits)
    assert [g.measure for g in report.groups] == ["injured"]
    assert {v.doc_id for v in report.groups[0].values} == {"doc0", "doc1", "doc2", "doc3"}


def test_a_dimension_question_leads_with_figures_of_that_dimension() -> None:
    hits = _hits(
        "Some 300 people were evacuated from the riverside.",
        "The gauge registered 7.2 metres on Tuesday.",
        "A reading of 7.1 metres was taken at noon.",
    )
    group = analyze("How high was the water level?", hits).groups[0]
    assert {c.label for c in group.claims} == {"7.2 metres", "7.1 metres"}


def test_people_sent_are_not_the_engines_sent(real_embedder: Embedder) -> None:
    hits = _hits(
        "The fire service sent 25 fire engines to the tower.",
        "About 150 firefighters were sent to the tower.",
    )
    question = "How many fire service personnel were sent to fight the blaze?"
    report = analyze(question, hits, embed=real_embedder.encode)
    assert [v.text for v in report.groups[0].values] == ["About 150"]
    # and the engines, for a question about them
    engines = analyze("How many fire engines were sent?", hits, embed=real_embedder.encode)
    assert [v.text for v in engines.groups[0].values] == ["25"]


def test_personnel_sent_in_a_corpus_are_not_its_engines(real_embedder: Embedder) -> None:
    hits = corpus_hits(ROOT / "tests" / "corpora" / "heldout15_towerfire")
    question = "How many fire service personnel were sent to fight the blaze?"
    report = analyze(question, hits, embed=real_embedder.encode)
    assert "25" not in {v.text for v in report.groups[0].values}  # the fire engines
