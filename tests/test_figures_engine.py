"""The figures engine on whole corpora: measures, groups, agree / differ, time order, summary.

Every passage of every document is handed to ``analyze`` (no retrieval), so these tests pin
what the engine reads, on the seeds and on a second corpus of another topic.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from retrieval.figures import FigureReport, analyze, is_when_question
from retrieval.figures import lexicon as lx
from retrieval.figures.extract import read_mentions
from retrieval.figures.model import FigureGroup
from retrieval.ingest import load_corpus
from retrieval.types import DocumentMeta, Hit, Passage

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FLOOD = ROOT / "tests" / "corpora" / "flood"


@cache
def _corpus(folder: Path) -> tuple[list[Hit], dict[str, str]]:
    documents, _ = load_corpus(folder)
    hits = [Hit(p, d.meta, 1.0, 0.5) for d in documents for p in d.passages]
    return hits, {d.doc_id: d.text for d in documents}


def ask(folder: Path, question: str) -> FigureReport:
    hits, texts = _corpus(folder)
    report = analyze(question, hits)
    for group in report.groups:  # every quote is verbatim, where it says it is
        for v in group.values:
            assert v.start is not None and v.end is not None
            assert texts[v.doc_id][v.start : v.end] == v.quote
            assert v.text in v.quote
    return report


def labels(group: FigureGroup) -> dict[str, int]:
    """Each claim's label with how many documents state it."""
    return {c.label: len(c.doc_ids) for c in group.claims}


def group_named(report: FigureReport, measure: str) -> FigureGroup:
    return next(g for g in report.groups if g.measure == measure)


# --- the seeds ---------------------------------------------------------------------------------


def test_deaths_come_first_and_differ_in_time() -> None:
    report = ask(SEEDS, "how many died?")
    deaths = report.groups[0]
    assert deaths.measure == "deaths"
    assert deaths.status == "differ"
    assert labels(deaths) == {"about 600": 3, "about 300": 1}
    earlier = next(c for c in deaths.claims if c.label == "about 300")
    assert earlier.as_of == "in January"
    # the earlier estimate comes first, the later one after it
    assert [c.label for c in deaths.claims] == ["about 300", "about 600"]
    assert "about 300 (in January) → about 600" in deaths.note
    # one sentence: the latest figure with its reports, then the earlier estimate
    assert report.summary is not None
    assert report.summary.startswith("About 600 deaths, according to three reports")
    assert report.summary.endswith("; one report gives about 300 as the January estimate.")


def test_killed_or_wounded_is_never_mixed_into_deaths() -> None:
    report = ask(SEEDS, "how many died?")
    deaths = group_named(report, "deaths")
    assert all(v.low is not None and v.low < 1000 for v in deaths.values)
    both = group_named(report, "killed or wounded")
    found = labels(both)
    assert found["about 4,700"] == 3
    assert found["more than 4,000"] >= 2
    assert all(v.low is not None and v.low >= 2000 for v in both.values)


def test_troops_sent_agree_within_the_range() -> None:
    report = ask(SEEDS, "How many troops did North Korea send?")
    troops = report.groups[0]
    assert troops.measure == "troops sent"
    assert troops.status == "agree"
    assert set(labels(troops)) == {"11,000", "10,000–12,000"}
    assert report.summary is not None and report.summary.endswith("which agrees.")
    assert "troops sent, according to two reports" in report.summary


def test_reinforcements_agree_and_stay_apart_from_the_first_deployment() -> None:
    report = ask(SEEDS, "How many additional troops were sent?")
    extra = report.groups[0]
    assert extra.measure == "additional troops sent"
    assert extra.status == "agree"
    assert labels(extra) == {"3,000–4,000": 2, "about 3,000": 1}
    assert {"11,000", "10,000–12,000"}.isdisjoint(labels(extra))


def test_laborers_agree() -> None:
    report = ask(SEEDS, "How many laborers were sent to Russia?")
    workers = report.groups[0]
    assert workers.status == "agree"
    assert labels(workers) == {"about 15,000": 2}


def test_shares_keep_their_base() -> None:
    report = ask(SEEDS, "What share of the troops sent became casualties?")
    shares = group_named(report, "share of troops sent")
    by_label = {v.text: v for v in shares.values}
    assert by_label["nearly a quarter"].base == "the 11,000 soldiers"
    assert by_label["nearly one-third"].base == "the 11,000 troops"
    assert {v.unit for v in shares.values} == {"percent"}


def test_claimants_and_times_are_read_from_the_sentence() -> None:
    report = ask(SEEDS, "how many were killed or injured?")
    both = report.groups[0]
    assert both.measure == "killed or wounded"
    claimed = {v.claimed_by for v in both.values}
    assert "the South Korean intelligence service" in claimed or "The NIS" in claimed
    as_of = {v.as_of for v in both.values}
    assert "In January" in as_of


def test_json_shape() -> None:
    report = ask(SEEDS, "how many died?")
    data = report.groups[0].to_dict()
    assert data["measure"] == "deaths" and data["status"] == "differ"
    value = data["values"][0]
    for key in ("text", "low", "high", "unit", "doc_id", "quote", "as_of", "claimed_by"):
        assert key in value
    assert value["unit"] == "people"


# --- a second corpus: a flood --------------------------------------------------------------------


def test_flood_deaths_disagree_and_injuries_stay_apart() -> None:
    report = ask(FLOOD, "How many people died in the flood?")
    deaths = report.groups[0]
    assert deaths.measure == "deaths"
    assert deaths.status == "differ"
    found = labels(deaths)
    assert found["19"] == 3
    assert {"at least 12", "21"} <= set(found)
    assert all(v.low is not None and v.low < 30 for v in deaths.values)
    injured = group_named(report, "injured")
    assert set(labels(injured)) >= {"34", "52"}


def test_flood_money_in_symbols_and_words_is_one_claim() -> None:
    report = ask(FLOOD, "How much aid did the government pledge?")
    aid = report.groups[0]
    assert aid.status == "agree"
    assert labels(aid) == {"$25 million": 2}
    assert {v.text for v in aid.values} == {"$25 million", "25 million dollars"}
    assert {v.unit for v in aid.values} == {"dollars"}


def test_flood_evacuations_in_words_and_digits_agree() -> None:
    report = ask(FLOOD, "How many people were evacuated?")
    evacuated = report.groups[0]
    assert evacuated.measure.endswith("evacuated")
    assert evacuated.status == "agree"
    texts = {v.text for g in report.groups if g.measure.endswith("evacuated") for v in g.values}
    assert "Four thousand" in texts


def test_flood_homes_range_and_round_figure_agree_and_the_demolished_are_apart() -> None:
    report = ask(FLOOD, "How many homes were flooded?")
    homes = report.groups[0]
    found = labels(homes)
    assert "900–1,100" in found and "about 1,000" in found


# --- grouping rules on small made-up reports -----------------------------------------------------


def test_same_time_disagreement_names_who_says_what() -> None:
    report = analyze(
        "How many people were injured?",
        _hits(
            "The ministry said 120 people were injured on Friday.",
            "On Friday, 300 people were injured, according to the Red Cross.",
        ),
    )
    group = report.groups[0]
    assert group.measure == "injured" and group.status == "differ"
    assert group.note.startswith("reports disagree: ")
    assert "Report 0 says 120" in group.note and "Report 1 says 300" in group.note
    claimed = {v.doc_id: v.claimed_by for v in group.values}
    assert claimed == {"doc0": "The ministry", "doc1": "the Red Cross"}


def test_nearby_passages_give_only_figures_of_the_asked_measure() -> None:
    relevant = _hits("The ministry said 12 people died in the storm.")
    text = "Roads were closed for two days. Some 14 deaths were recorded and 300 homes flooded."
    meta = DocumentMeta(doc_id="far", path="far.txt", title="Another report")
    nearby = [Hit(Passage("far", 0, len(text), text), meta, 0.3, 0.0)]
    report = analyze("How many people died?", relevant, nearby=nearby)
    assert [g.measure for g in report.groups] == ["deaths"]
    assert {v.doc_id for v in report.groups[0].values} == {"doc0", "far"}
    without = analyze("How many people died?", relevant)
    assert {v.doc_id for v in without.groups[0].values} == {"doc0"}


def test_rounding_and_qualifiers_decide_agreement() -> None:
    agree = analyze(
        "How many buildings collapsed?",
        _hits("About 200 buildings collapsed.", "Some 210 buildings collapsed in the quake."),
    )
    assert agree.groups[0].status == "agree"
    differ = analyze(
        "How many buildings collapsed?",
        _hits("Nearly 200 buildings collapsed.", "More than 250 buildings collapsed."),
    )
    assert differ.groups[0].status == "differ"


def test_magnitudes_group_by_their_unit() -> None:
    report = analyze(
        "What was the magnitude of the quake?",
        _hits("A magnitude 7.1 earthquake struck.", "The 7.3 magnitude quake hit at dawn."),
    )
    group = report.groups[0]
    assert group.measure == "magnitude"
    assert {v.unit for v in group.values} == {"magnitude"}
    assert group.status == "differ"


def test_an_aftershock_s_magnitude_is_not_the_quake_s() -> None:
    hits = _hits(
        "A magnitude 6.4 earthquake struck the highlands early on Friday.",
        "The strongest aftershock, of magnitude 5.1, struck on Saturday night.",
        "The 6.3-magnitude tremor flattened more than 1,100 houses.",
    )
    main = analyze("How powerful was the main tremor?", hits).groups[0]
    assert sorted(v.text for v in main.values) == ["6.3-magnitude", "6.4"]
    after = analyze("How strong was the biggest aftershock?", hits).groups[0]
    assert [v.text for v in after.values] == ["5.1"]


def test_when_questions_compare_dates() -> None:
    assert is_when_question("When was the bridge opened?")
    assert is_when_question("In what year did the strike begin?")
    assert not is_when_question("How many people died?")
    report = analyze(
        "When was the bridge opened?",
        _hits("The bridge was opened on 13 January 1891.", "The bridge opened in late 1914."),
    )
    group = report.groups[0]
    assert group.kind == "date" and group.status == "differ"
    assert {(v.low, v.high) for v in group.values} == {
        (18910113, 18910113),
        (19140901, 19141231),
    }


def test_embedding_similarity_breaks_ties_between_measures() -> None:
    hits = _hits("Some 40 schools closed.", "About 300 workers were hired.")

    def embed(texts: list[str]) -> np.ndarray:
        # the question is closest to whatever mentions schools
        return np.array(
            [[1.0, 0.0] if "school" in t or t.startswith("How") else [0.0, 1.0] for t in texts]
        )

    report = analyze("How many were there?", hits, embed=embed)
    assert report.groups and report.groups[0].claims[0].label == "about 40"


@pytest.mark.parametrize("question", ["Why did the levee fail?", "Who is the minister?"])
def test_no_figure_groups_without_a_measure_match(question: str) -> None:
    report = analyze(question, _hits("The ministry said 120 people were injured on Friday."))
    assert all(g.measure != "deaths" for g in report.groups)


def test_flood_dates_of_the_levee_breach_differ() -> None:
    report = ask(FLOOD, "When did the levee break?")
    levee = report.groups[0]
    assert levee.kind == "date"
    assert levee.status == "differ"
    assert {v.text for v in levee.values} == {"3 March 2025", "2 March 2025", "early March 2025"}
    assert report.summary is not None
    assert report.summary.startswith("Reports differ on the date (levee ")
    # none of the three is the answer: all are named, each with how many reports give it
    assert all(v in report.summary for v in ("3 March 2025", "2 March 2025", "early March"))


def test_life_spans_give_birth_and_death_dates() -> None:
    report = analyze(
        "When was Richard Roe born?",
        _hits(
            "Richard Roe (3 July 1750 – 28 February 1825) was an English politician.",
            "Roe was born on 12 December 1750 in Westminster.",
        ),
    )
    born = report.groups[0]
    assert born.measure == "born" and born.status == "differ"
    assert {v.text for v in born.values} == {"3 July 1750", "12 December 1750"}
    assert all(g.measure != "born" or len(g.values) == 2 for g in report.groups)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When was the bridge opened?", True),
        ("What year did the strike begin?", True),
        ("The division was formed in which year?", True),
        ("What is the release date of the album?", True),
        ("By when do people have to claim their money back?", True),
        ("Until when is the road closed?", True),
        ("How many people died?", False),
        ("By how much did the price rise?", False),
        ("How many years did the strike last?", False),
        ("What is the population of the town?", False),
    ],
)
def test_when_questions(question: str, expected: bool) -> None:
    assert is_when_question(question) is expected


def test_linking_verbs_and_attribute_nouns_name_the_measure() -> None:
    report = analyze(
        "What is the population of Keyes?",
        _hits(
            "The population was 5,601 at the 2010 census.",
            "Keyes had a population of 5,200 people in 2020.",
        ),
    )
    population = report.groups[0]
    assert population.measure == "population"
    assert {v.text for v in population.values} == {"5,601", "5,200"}
    length = analyze("How long is the river?", _hits("The river is 98 km long.")).groups[0]
    # a size is named by what it is of (tests/test_figures_sizes.py)
    assert length.measure == "length of river" and length.values[0].unit == "km"


def test_an_attribute_noun_right_before_its_value_names_it() -> None:
    """No verb between: "With the population about 4,300, …", an infobox's "Population 880"."""
    report = analyze(
        "What is the population of Arnside?",
        _hits(
            "With the population about 4,300, it is the largest parish in the valley.",
            "Population 880 (2011 census). Elevation 40 m.",
            "Arnside Parish Population 2021 4,410 (estimate).",
            "Quick facts. Population (2001) • Total: 3,900.",
            # "Total" can be a verb ("the losses total 4,000"); after a field mark it is none,
            # and a capitalized word after the number before the next mark is the next field
            "Elevation 21 m. Population ( 2011 ) • Total 12,345 Languages • Official English",
        ),
    )
    population = report.groups[0]
    assert population.measure == "population"
    assert {v.text for v in population.values} == {
        "about 4,300",
        "880",
        "4,410",
        "3,900",
        "12,345",
    }


@pytest.mark.parametrize(
    "sentence",
    ["The league is made up of 16 Clubs which serve the city.", "There are 16 Clubs in the city."],
)
def test_a_plural_noun_in_title_case_after_a_number_is_what_it_counts(sentence: str) -> None:
    group = analyze("How many clubs are there in the city?", _hits(sentence)).groups[0]
    assert [v.text for v in group.values] == ["16"]
    assert group.measure in {"clubs", lx.entity_class("clubs")}  # by the noun or its class


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("It is a motorcycle with a 996 cc V-twin engine and an upright seat.", "cc"),
        ("The farm covers 40 hectares of pasture.", "hectares"),
    ],
)
def test_size_asks_for_the_dimension_the_thing_is_measured_in(sentence: str, unit: str) -> None:
    question = "What is the engine size?" if unit == "cc" else "What is the size of the farm?"
    group = analyze(question, _hits(sentence)).groups[0]
    assert group.values[0].unit == unit


def test_cc_and_ml_are_volumes() -> None:
    (group,) = analyze(
        "What is the volume of the tank?", _hits("The tank holds 750 ml of fuel.")
    ).groups
    assert group.values[0].unit == "ml"
    assert group.measure == "volume of fuel"


def test_an_amount_in_a_unit_is_told_apart_by_what_happened_to_it() -> None:
    report = analyze(
        "How much oil has been recovered?",
        _hits(
            "The tanker was carrying 410,000 barrels of crude oil when it ran aground.",
            "Response vessels recovered about 3,300 barrels of oil from the sea surface.",
            "The company says its contractors have recovered 4,100 barrels of oil in all.",
        ),
    )
    lead = report.groups[0]
    assert lead.measure == "oil recovered"
    assert {c.label for c in lead.claims} == {"about 3,300 barrels", "4,100 barrels"}
    # A percentage is no unit of an amount: "votes" read by it count people, as before.
    hit = _hits(
        "The Alliance still puts turnout at under 40%, while Fair Vote Orsenia, the "
        "independent monitors, stand by their estimate of 49.3%."
    )[0]
    names = [m.measure.name for m in read_mentions(hit.passage, hit.document)]
    assert names and not any(n.startswith("percent") for n in names)
    # A length that nothing happened to is named by the verb it is the extent of.
    (group,) = analyze(
        "How long is the bridge?", _hits("The bridge will stretch 2.1 kilometres.")
    ).groups
    assert group.measure == "length stretch"


def test_dates_without_a_read_event_come_after_the_read_ones() -> None:
    report = analyze(
        "When was the museum established?",
        _hits(
            "The museum was established in 1980.",
            "The museum building, a school until 1979, is in the old town.",
        ),
    )
    assert [g.measure for g in report.groups] == ["museum established", "other dates"]


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("According to the NIS, 600 soldiers died.", "the NIS"),
        ("The ministry said 120 people died.", "The ministry"),
        ("Local farmers say 40 cattle died.", "Local farmers"),
        ("As disclosed by lawmaker Lee Kim who attended, 600 soldiers died.", "lawmaker Lee Kim"),
        (
            "Officials from the U.S., South Korea, and Ukraine have reported that 300 people died.",
            "Officials from the U.S., South Korea, and Ukraine",
        ),
        ("The state pledged $5 million for the town, Minister Dana Roe said.", "Minister Dana Roe"),
        ("An estimated 600 people died.", None),  # "estimated" is no one's claim
        ("The high casualty count shows 600 people died.", None),
    ],
)
def test_who_claims_a_figure(sentence: str, claimant: str | None) -> None:
    report = analyze("How many died? How much was pledged?", _hits(sentence))
    values = [v for g in report.groups for v in g.values]
    assert values, sentence
    assert values[0].claimed_by == claimant


def test_injuries_read_from_the_reason_of_a_verb() -> None:
    report = analyze(
        "How many were injured?",
        _hits("A total of 61 people were treated for injuries.", "Another 34 people were injured."),
    )
    assert report.groups[0].measure == "injured"
    assert {v.text for v in report.groups[0].values} == {"61", "34"}


def test_lost_their_lives_counts_deaths() -> None:
    report = analyze(
        "How many miners died?",
        _hits("About 40 miners lost their lives in the blast.", "Some 45 miners were killed."),
    )
    deaths = report.groups[0]
    assert deaths.measure == "deaths" and deaths.status == "agree"
    assert [c.label for c in deaths.claims] in (["about 40", "about 45"], ["about 45", "about 40"])


def test_differing_figures_at_different_times_are_ordered_by_time() -> None:
    report = analyze(
        "How many workers went on strike?",
        _hits(
            "In 2021, 4,500 workers went on strike, the union said.",
            "In 2019, 1,200 workers went on strike.",
        ),
    )
    group = report.groups[0]
    assert group.status == "differ"
    assert [c.label for c in group.claims] == ["1,200", "4,500"]
    assert group.note == "1,200 (In 2019) → 4,500 (In 2021)"


def test_times_on_different_scales_are_not_ordered() -> None:
    report = analyze(
        "How many workers went on strike?",
        _hits(
            "In 2021, 4,500 workers went on strike.", "In January, 1,200 workers went on strike."
        ),
    )
    assert report.groups[0].note.startswith("reports disagree: ")


def test_flood_shares_parts_and_people() -> None:
    share = ask(FLOOD, "What share of the farmland was under water?").groups[0]
    assert share.measure == "share of farmland"
    assert [v.text for v in share.values] == ["About 40%"]
    homes = ask(FLOOD, "How many homes were flooded?")
    assert homes.groups[0].status == "agree"
    assert "about 200" not in labels(homes.groups[0])  # "200 of them will be demolished"
    evacuated = ask(FLOOD, "How many people were evacuated?").groups[0]
    assert evacuated.status == "agree"
    assert {v.doc_id[:2] for v in evacuated.values} == {"01", "02", "03"}


def test_dates_modifying_a_noun_join_the_event_of_that_noun() -> None:
    report = ask(SEEDS, "When was the defense treaty between North Korea and Russia signed?")
    treaty = report.groups[0]
    assert treaty.kind == "date" and treaty.status == "agree"
    assert labels(treaty) == {"2024": 3}


def test_a_passage_is_read_once_and_its_figures_are_the_same_each_time() -> None:
    from retrieval.figures.extract import passage_mentions

    hits = _hits("The ministry said 12 people died in the storm on Monday.")
    first = analyze("How many people died?", hits)
    before = passage_mentions.cache_info()
    second = analyze("How many died in the storm?", hits)
    after = passage_mentions.cache_info()
    assert after.hits == before.hits + 1 and after.misses == before.misses
    assert first.groups[0].to_dict() == second.groups[0].to_dict()


def test_a_population_is_a_count_of_people() -> None:
    report = analyze(
        "What is the population of Millbrook?",
        _hits(
            "As of the census of 2010, there were 3,559 people, 1,575 households, and 909 "
            "families residing in the town.",
            "Millbrook is a town of about 3,600 residents on the river.",
        ),
    )
    first = report.groups[0]
    assert first.measure in {"people", "residents"}
    assert {c.label for g in report.groups[:2] for c in g.claims} >= {"3,559", "about 3,600"}
    assert all("1,575" not in c.label for c in first.claims)  # households are not people


def test_a_related_event_answers_when_the_asked_one_is_not_stated() -> None:
    report = analyze(
        "When was Hillside High School established?",
        _hits(
            "Hillside High School opened in September 2010 with 400 students.",
            "The district was formed in 1952, and the school won a state title in 2015.",
        ),
    )
    first = report.groups[0]
    assert first.measure == "opened"
    assert [c.label for c in first.claims] == ["September 2010"]


def test_the_group_a_part_is_counted_of_does_not_name_the_measure() -> None:
    """ "How many of the injured …?" asks what happened to some of them, not how many were
    injured."""
    report = analyze(
        "How many of the injured had to go to hospital?",
        _hits(
            "At least 27 people were injured in the crush.",
            "Counting later cases, 83 people were injured, of whom 21 attended hospital.",
        ),
    )
    assert [v.text for v in report.groups[0].values] == ["21"]


# --- one fact worded with other verbs ----------------------------------------------------------


def _groups(question: str, *texts: str) -> list[dict[str, int]]:
    return [labels(g) for g in analyze(question, _hits(*texts)).groups]


def test_counts_of_the_same_things_close_in_value_are_one_group() -> None:
    groups = _groups(
        "How many homes went without water?",
        "About 4,000 homes were left without water on Tuesday.",
        "Around 3,200 homes lost their supply, the utility said.",
    )
    assert groups[0] == {"about 3,200": 1, "about 4,000": 1}


@pytest.mark.parametrize(
    "texts",
    [
        # two events the lexicon tells apart: destroyed is not damaged
        ("About 300 homes were destroyed.", "Some 350 homes were damaged."),
        # far apart in value: another measure of the same things
        ("About 4,000 homes were left without water.", "Some 186 homes were flooded."),
        # small counts agree by chance
        ("Six carriages were left on their side.", "Five carriages tipped over."),
        # people in general: what happened to them tells measures apart
        ("About 4,000 people were left without water.", "Some 3,500 people fled."),
        # sums of money of different events: a budget and a cost are close and apart
        ("The budget was £1.9 billion.", "The bridge has cost £2.4 billion."),
    ],
)
def test_neighbouring_measures_are_not_joined(texts: tuple[str, str]) -> None:
    groups = _groups("How many were there?", *texts)
    assert all(len(g) == 1 for g in groups), groups
