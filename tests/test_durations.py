"""How long: spans of time read without a measure, the asked one found by its clause."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.embedding import Embedder
from retrieval.figures import analyze
from retrieval.figures.asks import asks_for_figures
from retrieval.figures.clauses import clause
from retrieval.figures.durations import asks_duration
from retrieval.figures.extract import read_mentions
from retrieval.figures.numbers import find_quantities
from retrieval.figures.tokens import tokenize
from retrieval.types import DocumentMeta, Hit, Passage

try:
    from tests.conftest import corpus_hits, made_up_hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import corpus_hits, made_up_hits  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("How long did it take the police to turn up once the alarm went off?", "span"),
        ("How long after the advertised time did fans get let in?", "span"),
        ("For how many days did people have to boil their water?", "span"),
        ("How much time did the crew spend at sea?", "span"),
        ("How quickly did the ambulance arrive?", "span"),
        ("What was the duration of the outage?", "span"),
        ("How long has the road been closed?", "span"),
        ("How long was the motorway shut for in the end?", "span"),
        ("How long were the climbers stranded on the ledge?", "span"),
        ("How long is the Vellach Ridge?", "either"),
        ("How long is the section of the M47 that was shut?", "either"),
        # "how long" with "be" may ask a length: the passages decide
        ("How long were the raiders in the building?", "either"),
        ("How long was the Calloway Star?", "either"),
        ("What was the longest anyone was left without electricity?", "either"),
        ("How long a stretch of shoreline was polluted?", None),
        ("How long a prison term was the founder handed?", "span"),
        ("How long a ban did the rider get?", "span"),
        ("How long a delay did passengers face?", "span"),
        ("How many days of work were lost?", None),
        ("How many people died?", None),
        ("When did the strike begin?", None),
    ],
)
def test_which_questions_ask_how_long(question: str, asked: str | None) -> None:
    assert asks_duration(question) == asked


def test_the_longest_and_how_quickly_ask_for_a_figure() -> None:
    assert asks_for_figures("What was the longest anyone was left without electricity?")
    assert asks_for_figures("How quickly did the ambulance arrive?")


def _quantities(sentence: str) -> list[tuple[str, str | None]]:
    tokens = tokenize(sentence)
    return [
        (" ".join(t.text for t in tokens[q.i : q.j]), q.relation) for q in find_quantities(tokens)
    ]


def test_a_span_before_after_is_how_long_between_two_events() -> None:
    assert _quantities("Officers were at the scene 19 minutes after the alarm was raised.") == [
        ("19 minutes", "after")
    ]
    assert _quantities("They were inside for less than seven minutes before leaving.") == [
        ("less than seven minutes", "before")
    ]
    # a time, not a span
    assert _quantities("The bridge collapsed three years ago.") == []


def test_a_span_written_as_an_adjective_is_a_span() -> None:
    assert _quantities("He signed a five-year contract with the club.") == [("five - year", None)]
    assert _quantities("The vote ended a 12-week strike.") == [("12 - week", None)]
    # an age stays an age, however its number is written
    assert _quantities("A 34-year-old man and a thirty-one-year-old were hurt.") == []
    assert _quantities("Her two-year-old son was unhurt.") == []


def test_a_relation_stays_in_the_clause_of_its_span() -> None:
    sentence = "Officers were at the scene 19 minutes after the alarm was raised, he said."
    assert clause(sentence, "19 minutes", relation=True) == (
        "Officers were at the scene after the alarm was raised"
    )
    assert clause(sentence, "19 minutes") == "Officers were at the scene"


def test_spans_are_durations_compared_in_hours() -> None:
    text = "The notice lasted 19 days. For nearly three weeks we could not provide it."
    meta = DocumentMeta(doc_id="d", path="d.txt", title="D")
    mentions = read_mentions(Passage("d", 0, len(text), text), meta)
    assert [(m.kind, m.value.text, m.value.unit) for m in mentions] == [
        ("duration", "19 days", "days"),
        ("duration", "nearly three weeks", "weeks"),
    ]
    days, weeks = mentions
    assert days.tol_low <= 19 * 24 <= days.tol_high
    assert weeks.tol_low < 20 * 24 < weeks.tol_high  # "nearly three weeks" holds 20 days
    # a date beside a span bounds it; it does not date an estimate
    dated = "The notice lasted 19 days, from 2 September until 21 September."
    (m,) = [
        m for m in read_mentions(Passage("d", 0, len(dated), dated), meta) if m.kind == "duration"
    ]
    assert m.value.as_of is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The median age in the city was 42.7 years.", "count"),  # an age, as before
        ("Some households had gone 58 hours without electricity.", "duration"),
        ("The outage had a duration of three hours.", "duration"),
    ],
)
def test_a_span_an_attribute_names_stays_that_attribute(text: str, kind: str) -> None:
    meta = DocumentMeta(doc_id="d", path="d.txt", title="D")
    (m,) = read_mentions(Passage("d", 0, len(text), text), meta)
    assert m.kind == kind


HITS = made_up_hits(
    "Officers were at the scene 19 minutes after the alarm was raised. The thieves were "
    "inside the building for less than seven minutes.",
    "Police were on site 26 minutes after the first alarm. The intruders were inside for "
    "about 11 minutes, the review found. It is the third alert in two years.",
)


def _lead(question: str, embedder: Embedder, hits: list[Hit] = HITS) -> dict[str, list[str]]:
    report = analyze(question, hits, embed=embedder.encode)
    assert report.groups, question
    return {c.label: c.doc_ids for c in report.groups[0].claims}


def test_each_report_gives_its_span_of_the_asked_event(real_embedder: Embedder) -> None:
    police = _lead(
        "How long did it take the police to turn up once the alarm went off?", real_embedder
    )
    assert police == {"19 minutes": ["doc0"], "26 minutes": ["doc1"]}
    inside = _lead("How long were the raiders actually in the building?", real_embedder)
    assert inside == {"up to 7 minutes": ["doc0"], "about 11 minutes": ["doc1"]}


def test_the_lead_names_the_span_and_its_sources(real_embedder: Embedder) -> None:
    report = analyze(
        "How long did it take the police to turn up once the alarm went off?",
        HITS,
        embed=real_embedder.encode,
    )
    lead, *others = report.groups
    assert lead.status == "differ"
    assert "…" in lead.measure and "alarm" in lead.measure
    assert report.summary is not None and "19 minutes" in report.summary
    assert "26 minutes" in report.summary
    # the passages' other spans are shown apart, not dropped
    assert others and others[0].measure == "other durations"
    assert {c.label for c in others[0].claims} >= {"2 years"}


def test_a_span_disputed_in_one_sentence_gives_both(real_embedder: Embedder) -> None:
    hits = made_up_hits(
        "The gates were opened at 7.38 pm, 68 minutes after the advertised time, and not "
        "35 minutes late as the promoter stated.",
        "Gates were opened about 75 minutes late, fans said. The band played for about "
        "forty minutes.",
    )
    lead = _lead("How long after the advertised time did fans get let in?", real_embedder, hits)
    assert set(lead) == {"68 minutes", "35 minutes", "about 75 minutes"}


def test_how_long_keeps_a_length_when_the_passages_give_one(real_embedder: Embedder) -> None:
    hits = made_up_hits(
        "The Calloway Star was 142 metres long and sailed for 12 days before it sank.",
        "The register lists the ship at 139 metres.",
    )
    report = analyze("How long was the Calloway Star?", hits, embed=real_embedder.encode)
    assert report.groups[0].claims[0].unit == "metres"


def test_a_question_of_time_gets_no_span_of_another_event(real_embedder: Embedder) -> None:
    hits = made_up_hits("The museum opened in 1911 and the alert was the third in two years.")
    report = analyze(
        "How long should sourdough dough rise before it goes in the oven?",
        hits,
        embed=real_embedder.encode,
    )
    assert report.groups == []


def test_a_span_written_as_an_adjective_answers_how_long(real_embedder: Embedder) -> None:
    hits = made_up_hits(
        "Okafor, a 27-year-old, has signed a five-year contract with the club.",
        "Okafor agreed a six-year contract on Monday, two days after the fee was settled.",
    )
    question = "How many years has Okafor committed himself to the club for?"
    report = analyze(question, hits, embed=real_embedder.encode)
    assert report.groups and report.groups[0].claims[0].label == "5 years"
    shown = {c.label for g in report.groups for c in g.claims}
    assert "6 years" in shown and "27 years" not in shown


def test_a_span_that_describes_yields_to_the_span_its_sentence_tells(
    real_embedder: Embedder,
) -> None:
    hits = made_up_hits(
        "The helicopter, based a 25-minute flight from the mountain, was grounded for about "
        "nine hours.",
        "Fog kept the helicopter on the ground for eight hours.",
    )
    question = "For how many hours was the helicopter unable to fly?"
    report = analyze(question, hits, embed=real_embedder.encode)
    assert {c.label for c in report.groups[0].claims} == {"about 9 hours", "8 hours"}


def test_the_water_notice_in_a_held_out_corpus(real_embedder: Embedder) -> None:
    hits = corpus_hits(ROOT / "tests" / "corpora" / "heldout8_water")
    lead = _lead("For how many days did people have to boil their water?", real_embedder, hits)
    assert lead.get("19 days") and lead.get("26 days")
    assert "48 hours" not in lead and "2 days" not in lead


def test_how_long_has_it_been_is_answered_by_the_date_it_began(
    real_embedder: Embedder,
) -> None:
    hits = made_up_hits(
        "Mexico has been a federal republic since 1824, when its first constitution was adopted.",
        "The country has had a federal republic since 1999.",
    )
    report = analyze(
        "How long has Mexico had a federal republic?", hits, embed=real_embedder.encode
    )
    assert report.groups and report.groups[0].kind == "date"
    assert {c.label for c in report.groups[0].claims} == {"1824", "1999"}
    assert report.groups[0].status == "differ"
    # A span the passages give still answers first.
    spans = made_up_hits("The republic has lasted 200 years.", "It has stood for 25 years.")
    lead = analyze("How long has the republic lasted?", spans, embed=real_embedder.encode)
    assert lead.groups and lead.groups[0].claims[0].unit == "years"
