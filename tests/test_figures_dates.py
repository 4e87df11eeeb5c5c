"""Dates in their context: relative dates read against the report's publication date, dates of
a later event kept apart from the first one's, and disagreeing dates of one event shown so."""

from __future__ import annotations

from typing import Any

import pytest

from retrieval.figures import analyze
from retrieval.figures.dates import (
    describe,
    find_dates,
    published_date,
    relative_key,
    resolve,
)
from retrieval.figures.extract import OTHER, passage_mentions
from retrieval.figures.lexicon import lemma
from retrieval.figures.stored import decode, encode
from retrieval.figures.tokens import tokenize
from retrieval.types import DocumentMeta, Passage

try:
    from tests.conftest import dated_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import dated_hits as _hits  # type: ignore[no-redef]


def _resolved(phrase: str, published: str | None) -> str | None:
    (span,) = find_dates(tokenize(phrase))
    days = resolve(span, published_date(published))
    return describe(*days) if days else None


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("shipped last fall", "2025-04-30", "fall 2024"),
        # a month named relative to the report: the one before or after its own
        ("exploded last October", "2026-03-17", "October 2025"),
        ("exploded last February", "2026-03-17", "February 2026"),
        ("resumes next March", "2026-03-17", "March 2027"),
        ("shipped in the previous fall", "2025-12-15", "fall 2025"),
        ("opened this spring", "2025-06-01", "spring 2025"),
        ("opens next spring", "2025-02-01", "spring 2025"),
        ("failed last year", "2025", "2024"),
        ("rose on Wednesday", "2025-03-07", "5 March 2025"),
        ("rose on Friday", "2025-03-07", "7 March 2025"),
        ("fell last Friday", "2025-03-07", "28 February 2025"),
        ("spotted it two weeks ago today", "2026-05-05", "21 April 2026"),
        ("closed three days ago", "2026-05-05", "2 May 2026"),
        ("opened a fortnight ago", "2026-05-05", "21 April 2026"),
        ("moved two months ago", "2025-06-01", "April 2025"),
        ("sold a year ago", "2025-06-01", "2024"),
        ("closed this past Monday", "April 30, 2025", "28 April 2025"),
        ("voted earlier this month", "2025-04-20", "1 April – 20 April 2025"),
        ("voted last month", "2025-01-10", "December 2024"),
        ("rose last week", "2025-03-07", "24 February – 2 March 2025"),
        ("announced today", "2025-09-09", "9 September 2025"),
        ("said yesterday", "2025-09-09", "8 September 2025"),
        ("resume tomorrow", "2025-12-31", "1 January 2026"),
        # A possessive day or period dates what follows it.
        ("Tuesday's blackout", "2026-07-23", "21 July 2026"),
        ("since last Tuesday's blackout", "2026-07-27", "21 July 2026"),
        ("yesterday's vote", "2025-09-09", "8 September 2025"),
        ("last year's fire", "2025", "2024"),
        ("last summer's drought", "2026-03-01", "summer 2025"),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(
    phrase: str, published: str, expected: str
) -> None:
    assert _resolved(phrase, published) == expected


@pytest.mark.parametrize(
    ("phrase", "published"),
    [
        ("rose on Wednesday", None),
        ("rose on Wednesday", "2025-03"),
        ("shipped last fall", ""),
        ("closed two weeks ago", "2025-03"),
    ],
)
def test_relative_dates_stay_unresolved_without_a_date_to_read_them_by(
    phrase: str, published: str | None
) -> None:
    assert _resolved(phrase, published) is None


def test_two_phrasings_of_one_relative_date_mean_the_same() -> None:
    keys = {relative_key(find_dates(tokenize(p))[0]) for p in ("last fall", "the previous fall")}
    assert keys == {"before:fall"}


def test_a_bad_publication_date_is_ignored() -> None:
    assert published_date("2025-13-45") is None
    assert published_date("sometime") is None
    assert published_date("March 3, 2025") is not None


FIRST_AND_LATER = (
    ("The company shipped 5,000 scanners to Chile last fall.", None),
    ("Initial reports said the company shipped 5,000 scanners in the previous fall.", None),
    ("Another 2,000 additional scanners were shipped in early 2025.", None),
)


def test_a_later_event_is_kept_apart_from_the_first_one() -> None:
    report = analyze("When did the company ship scanners to Chile?", _hits(*FIRST_AND_LATER))
    first = report.groups[0]
    assert first.kind == "date"
    assert {v.text for v in first.values} == {"last fall", "the previous fall"}
    # one date in two phrasings, from two reports, neither resolved: one claim
    assert len(first.claims) == 1 and len(first.claims[0].doc_ids) == 2
    later = next(g for g in report.groups if "early 2025" in {v.text for v in g.values})
    assert later is not first and "last fall" not in {v.text for v in later.values}
    assert report.summary is not None and "early 2025" not in report.summary.split(";")[0]


def test_a_question_about_the_later_event_leads_with_it() -> None:
    report = analyze("When were additional scanners shipped?", _hits(*FIRST_AND_LATER))
    assert {v.text for v in report.groups[0].values} == {"early 2025"}


def test_relative_dates_of_known_reports_are_compared_as_dates() -> None:
    report = analyze(
        "When did the bridge close?",
        _hits(
            ("The bridge closed on Wednesday, officials said.", "2025-03-07"),
            ("The bridge closed on 5 March 2025.", None),
            ("The bridge closed on 9 March 2025, the council said.", "2025-03-10"),
        ),
    )
    bridge = report.groups[0]
    assert bridge.status == "differ"
    labels = {c.label for c in bridge.claims}
    assert "9 March 2025" in labels
    # "on Wednesday" in a report of Friday 7 March is 5 March: the same claim as "5 March 2025"
    five = next(c for c in bridge.claims if "5 March 2025" in c.label)
    assert {m.text for m in five.mentions} == {"Wednesday", "5 March 2025"}
    assert next(m for m in five.mentions if m.text == "Wednesday").resolved == "5 March 2025"
    # neither date alone is the answer
    assert report.summary is not None
    assert "5 March 2025" in report.summary and "9 March 2025" in report.summary


def test_an_unresolved_relative_date_is_shown_but_not_compared() -> None:
    report = analyze(
        "When did the bridge close?",
        _hits(
            ("The bridge closed last fall, officials said.", None),
            ("The bridge closed in March 2024.", None),
        ),
    )
    bridge = report.groups[0]
    assert {v.text for v in bridge.values} == {"last fall", "March 2024"}
    assert bridge.status == "agree"


def test_relative_dates_survive_the_stored_record() -> None:
    (hit,) = _hits(FIRST_AND_LATER[0])
    mentions = passage_mentions(hit.passage, hit.document)
    relative = [m for m in mentions if m.relative]
    assert relative and relative[0].value.low is None
    assert decode(encode(mentions), hit.document) == mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The house was built about 1835, and later enlarged.", "1835"),
        ("School opened in the fall of 1963, a year late.", "fall 1963"),
        ("The mill was rebuilt in 1810-11 by its owner.", "1810–1811"),
        ("He died 3 Nov. 1913 in Paris.", "3 November 1913"),
        ("Born ( 1992-04-24 ) in Osaka.", "24 April 1992"),
        ("The route opened on 4 May 2011 after delays.", "4 May 2011"),
        # A weekday before the day it names is one date, not two.
        ("The plant closed on Tuesday, July 21, 2026, at noon.", "21 July 2026"),
        ("It shut on Friday 3 April 2026 after a fire.", "3 April 2026"),
    ],
)
def test_more_ways_of_writing_a_date(text: str, expected: str) -> None:
    spans = [s for s in find_dates(tokenize(text)) if s.low is not None and s.high is not None]
    assert [describe(s.low or 0, s.high or 0) for s in spans] == [expected]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The ferry ran aground late on Saturday 14 June, officials said.", "Saturday 14 June"),
        (
            "It ran onto the reef last Saturday night, and the town is in shock.",
            "last Saturday night",
        ),
        ("Talks resume on Monday morning.", "Monday morning"),
        ("Power failed across the region yesterday afternoon.", "yesterday afternoon"),
    ],
)
def test_a_weekday_takes_its_day_and_its_part_of_the_day(text: str, words: str) -> None:
    tokens = tokenize(text)
    (span,) = find_dates(tokens)
    assert " ".join(t.text for t in tokens[span.i : span.j]) == words


@pytest.mark.parametrize(
    "text", ["About 2000 people were evacuated.", "The toll rose to about 2000.", "2,000-12,000"]
)
def test_counts_near_a_year_stay_counts(text: str) -> None:
    assert find_dates(tokenize(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Some 4 may be late.",
        "Crews said 12 may return by noon.",
        "Some 4 May be late.",
        "Up To 30 May Be Hurt In Pile-Up",
    ],
)
def test_a_number_before_the_verb_may_is_no_date(text: str) -> None:
    assert find_dates(tokenize(text)) == []


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        ("The depot flooded on the tenth of February.", "tenth of February", 210),
        ("Voting closes on the twenty-first of May.", "twenty-first of May", 521),
        ("The bridge shut on the 3rd of March.", "3rd of March", 303),
        ("The pier reopened on the thirtieth of June 2025.", "thirtieth of June 2025", 630),
    ],
)
def test_a_day_of_a_month_as_an_ordinal(text: str, words: str, day: int) -> None:
    tokens = tokenize(text)
    (span,) = find_dates(tokens)
    said = "".join(("" if t.glued else " ") + t.text for t in tokens[span.i : span.j])
    assert said.strip() == words
    assert (span.day_low or int(span.low or 0) % 10000) == day


@pytest.mark.parametrize(
    "text",
    [
        "A fifth of March's rain fell in one day.",
        "The second of the two votes was lost.",
        "He cited the twenty-odd of March storms.",
    ],
)
def test_an_ordinal_that_is_no_day_leaves_the_month_alone(text: str) -> None:
    spans = find_dates(tokenize(text))
    assert all(span.day_low != span.day_high and span.low is None for span in spans)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The regatta was cancelled on 3 May because of gales.", "3 May"),
        ("Officers detained two men on 14 May after the brawl.", "14 May"),
        ("The board said on 5 May that the pier would stay shut.", "5 May"),
    ],
)
def test_a_capital_may_after_a_day_and_before_a_word_is_the_month(text: str, words: str) -> None:
    tokens = tokenize(text)
    (span,) = find_dates(tokens)
    assert " ".join(t.text for t in tokens[span.i : span.j]) == words


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The mill was built by the Hale family in 1822 on a site bought from the town.", "built"),
        ("In 1891 the bridge opened.", "opened"),
        # The noun right before the date ends the verb's object, not a subject and its verb.
        ("Volunteers built the chapel of local granite in 1874.", "built"),
        ("She was first elected to a rural ward in 1998 and served two terms.", "elected"),
        ("The crew erected the tower on the northern headland in 1911.", "built"),
        # A subject and its verb stay the date's measure.
        ("The dam burst on 3 March.", "dam burst"),
        # A date that opens its sentence dates the sentence's event, however far after it.
        (
            "At 06:10 on 2 May 2026 the ferry Alda and the trawler Brisk collided in thick fog "
            "off the harbour wall.",
            "collided",
        ),
        # Also when a comma closes the opening date.
        (
            "At 07:47 on Thursday 6 March 2025, the 07:05 Northvale Rail service from Wendmoor "
            "derailed on the approach to the junction.",
            "derailed",
        ),
        # Also after a time and another name of the same day, and past a name's appositive.
        (
            "At 21:15 on Monday 16 March, Jory Pell, a 24-year-old face worker, became the "
            "last survivor to be brought out.",
            "survived",
        ),
        (
            "Shortly after 9 am, Tuesday 3 June, the bridge, which opened in spring, collapsed.",
            "collapsed",
        ),
        # Also when it opens a clause after a colon or semicolon.
        (
            "As for the rest of us: on the evening of 8 October, smoke poured from the depot "
            "and the warehouse collapsed.",
            "collapsed",
        ),
        (
            "Talks with the board went nowhere again; on 2 May, the drivers went on strike.",
            "on strike",
        ),
        # A date that modifies an event noun dates that event.
        ("Regulators began an inquiry into the 14 June outage at the plant.", "outage"),
        ("The 1998 crash of the two trains is still studied.", "collided"),
        # So does a possessive day: "Monday's crash", "last Tuesday's blackout".
        ("Monday's crash closed the line for a week.", "collided"),
        ("Crews worked through the night after last Tuesday's blackout.", "outage"),
        # After its preposition as well: the noun is what the day is of.
        ("Turnout was 52% among voters who took part in Sunday's election.", "elected"),
    ],
)
def test_what_a_date_dates(text: str, measure: str) -> None:
    (mention,) = [m for m in passage_mentions(*_passage(text)) if m.kind == "date"]
    assert mention.measure.name == measure


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The present clubhouse was completed in 2009.", "completion"),
        ("The society's formation in 1952 was the teachers' doing.", "founding"),
        ("The choir's inception was in 1986.", "founding"),
    ],
)
def test_completion_formation_and_inception_are_events(text: str, event: str) -> None:
    (mention,) = [m for m in passage_mentions(*_passage(text)) if m.kind == "date"]
    assert event in mention.measure.events


def test_a_completed_building_answers_when_it_was_built() -> None:
    hits = _hits(
        ("The town hall was built in 1866 on Market Street.", None),
        ("The present town hall was completed in 2004 after a long debate.", None),
    )
    (group,) = analyze("When was the town hall built?", hits).groups[:1]
    assert {v.text for v in group.values} >= {"1866"}
    shown = {
        v.text for g in analyze("When was the town hall built?", hits).groups for v in g.values
    }
    assert "2004" in shown


def test_dates_of_events_not_asked_are_shown_among_other_dates() -> None:
    """A date whose event is read but not asked ("elected") is listed with the dates whose
    event is not read, after the asked one, not dropped."""
    hits = _hits(
        ("The town hall was built in 1866 on Market Street.", None),
        ("Its first mayor, Ann Reyes, was elected in 1871 by a narrow margin.", None),
    )
    report = analyze("When was the town hall built?", hits)
    assert [(g.measure, [v.text for v in g.values]) for g in report.groups] == [
        ("hall built", ["1866"]),
        ("other dates", ["1871"]),
    ]


def test_other_dates_are_in_time_order_whatever_order_the_passages_came_in() -> None:
    """The catch-all's order does not follow the search's, which two vector stores may break
    ties in differently."""
    texts = [
        ("The town hall was built in 1866 on Market Street.", None),
        ("Its first mayor, Ann Reyes, was elected in 1871 by a narrow margin.", None),
        ("A second wing was added to the library in 1902.", None),
        ("The station was rebuilt in 1889 after a fire.", None),
    ]
    orders = []
    for docs in (texts, list(reversed(texts))):
        report = analyze("When was the town hall built?", _hits(*docs))
        others = [g for g in report.groups if g.measure == "other dates"]
        orders.append([c.label for g in others for c in g.claims])
    assert orders[0] == orders[1] and orders[0] == sorted(orders[0])


def _passage(text: str) -> tuple[Passage, DocumentMeta]:
    (hit,) = _hits((text, None))
    return hit.passage, hit.document


@pytest.mark.parametrize(
    "text",
    [
        "It is the worst flood in the valley since 1998.",
        "Turnout was the highest in a presidential vote since 2008.",
    ],
)
def test_since_after_a_superlative_dates_no_event(text: str) -> None:
    (mention,) = [m for m in passage_mentions(*_passage(text)) if m.kind == "date"]
    assert mention.measure.key == ("date", OTHER)


def test_a_date_that_opens_its_sentence_takes_the_clause_after_it() -> None:
    from retrieval.figures.clauses import clause

    sentence = "In 2009, the island council opened the first ferry route."
    assert clause(sentence, "2009") == "In the island council opened the first ferry route."
    assert clause("By June 2011, crews had left.", "June 2011") == "By crews had left."
    assert clause("The vote took place in 2020.", "2020") == "The vote took place in ."


def test_each_report_dates_the_asked_event_in_its_own_words(real_embedder: Any) -> None:
    """ "launched on", "In 2009, … opened", "first crossed … in": one event, three dates side
    by side; the later event ("an additional ferry") stays apart."""
    hits = _hits(
        ("The ferry service between the two islands was launched on 4 May 2011.", None),
        ("In 2009, the island council opened the first ferry route to the mainland.", None),
        ("Passengers first crossed on the new ferry in June 2011, the harbour office said.", None),
        ("The harbour office added a second, additional ferry in 2016.", None),
    )
    report = analyze("When did the ferry service start?", hits, embed=real_embedder.encode)
    lead = report.groups[0]
    assert lead.status == "differ"
    assert sorted((v.doc_id, v.text) for v in lead.values) == [
        ("doc0", "4 May 2011"),
        ("doc1", "2009"),
        ("doc2", "June 2011"),
    ]
    assert any(v.text == "2016" for g in report.groups[1:] for v in g.values)


def test_a_planned_date_does_not_join_the_date_it_happened(real_embedder: Any) -> None:
    """ "will be put to the council on 26 February" is when the vote was planned, not when it
    took place."""
    hits = _hits(
        ("The budget councillors passed on 4 March 2026 is worth £1.86bn.", None),
        ("Full council approved the 2026/27 budget on 4 March 2026.", None),
        ("The budget will be put to a meeting of the full council on Thursday 26 February.", None),
    )
    report = analyze(
        "What day did the councillors finally vote the budget through?",
        hits,
        embed=real_embedder.encode,
    )
    assert {v.text for v in report.groups[0].values} == {"4 March 2026"}
    assert report.groups[0].status == "agree"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The budget will be put to a meeting of the full council on 26 February.", True),
        ("The vote, originally due on 26 February, was put back.", True),
        ("Verrin today announced that it will build a plant.", False),
        ("The plant closed on 3 March, and the council said it will reopen.", False),
    ],
)
def test_a_date_given_as_planned(text: str, expected: bool) -> None:
    from retrieval.figures.when import planned

    (mention,) = [m for m in passage_mentions(*_passage(text)) if m.kind == "date"]
    assert planned(mention) is expected


def test_a_figure_dated_years_before_its_report_is_of_an_earlier_event() -> None:
    """ "its last major earthquake, in 1987, killed 112": not this quake's toll, nor an earlier
    estimate of it; asked about 1987, it leads. A count that runs since a year is current."""
    hits = _hits(
        ("The earthquake killed 41 people, officials said.", "2025-11-15"),
        (
            "The death toll rose to 43 on Monday. The region's last major earthquake, in 1987, "
            "killed 112 people. Since 2019, 30 people have died in smaller quakes.",
            "2025-11-17",
        ),
    )
    now = analyze("How many people died in the earthquake?", hits).groups
    assert sorted(v.text for v in now[0].values) == ["30", "41", "43"]
    assert [(g.measure, [v.text for v in g.values]) for g in now[1:]] == [
        ("deaths in 1987", ["112"])
    ]
    then = analyze("How many people died in the 1987 quake?", hits).groups
    assert [v.text for v in then[0].values] == ["112"]
    # a sum dated years before is an earlier value of the same measure, not another event's
    (budget,) = _hits(("The bridge was approved in 2021 with a budget of £1.4 billion.", "2024"))
    (sum_,) = [m for m in passage_mentions(budget.passage, budget.document) if m.kind == "count"]
    assert sum_.measure.key[0] != "past"
    # without a publication date, nothing is years before it
    undated = _hits(("The last major earthquake, in 1987, killed 112 people.", None))
    assert analyze("How many died?", undated).groups[0].measure == "deaths"


@pytest.mark.parametrize(
    ("text", "published", "past"),
    [
        # months before the report: another event's toll
        ("Last year's explosion killed 16 miners in October 2025.", "2026-03-17", True),
        ("The gas explosion last October killed 16 miners.", "2026-03-17", True),
        # a follow-up weeks later still counts the event it follows
        ("The fire on 8 October killed 12 people.", "2025-11-18", False),
        ("The fire killed 12 people last month.", "2025-11-18", False),
        # a report known by its year only: years before, as ever
        ("The fire killed 12 people in October 2025.", "2026", False),
    ],
)
def test_a_count_dated_months_before_its_report_is_of_an_earlier_event(
    text: str, published: str, past: bool
) -> None:
    (hit,) = _hits((text, published))
    (count,) = [m for m in passage_mentions(hit.passage, hit.document) if m.kind == "count"]
    assert (count.measure.key[0] == "past") is past


@pytest.mark.parametrize(
    "text",
    [
        "In the last invasion the swarms damaged 9,500 hectares on 14 May 2019.",
        "The 2019 storm destroyed about 40,000 tonnes of grain in March 2019.",
    ],
)
def test_a_size_of_what_an_earlier_event_did_is_that_event_s(text: str) -> None:
    (hit,) = _hits((text, "2027-04-08"))
    (size,) = [m for m in passage_mentions(hit.passage, hit.document) if m.kind == "count"]
    assert size.measure.key[0] == "past"


def test_the_date_of_the_event_that_places_the_asked_one_stays_apart(
    real_embedder: Any,
) -> None:
    """ "When did visitors get back in after the break-in?": the break-in's date is not it."""
    hits = _hits(
        ("The gallery said yesterday's break-in was the worst in its history.", "2026-03-04"),
        ("Visitors were let back in on 28 March, almost four weeks after the raid.", "2026-04-02"),
    )
    report = analyze(
        "When did visitors get back into the gallery after the break-in?",
        hits,
        embed=real_embedder.encode,
    )
    assert [v.text for v in report.groups[0].values] == ["28 March"]
    asked = analyze("When was the break-in?", hits, embed=real_embedder.encode)
    assert [v.text for v in asked.groups[0].values] == ["yesterday's"]


def test_a_date_of_another_event_the_question_names_does_not_join(real_embedder: Any) -> None:
    hits = _hits(
        ("The painter was born in Lyon on 3 March 1822.", None),
        ("The painter died in Paris in 1890, aged 68.", None),
    )
    report = analyze("When was the painter born?", hits, embed=real_embedder.encode)
    assert [v.text for v in report.groups[0].values] == ["3 March 1822"]


def test_a_report_adds_one_date_only(real_embedder: Any) -> None:
    """A report with no date in the leading group adds its closest date, not all of them."""
    hits = _hits(
        ("The bridge over the river was opened to traffic on 12 June 1931.", None),
        (
            "In 1930, the first cars crossed the new bridge; its towers were repainted in 1975.",
            None,
        ),
    )
    report = analyze("When was the bridge opened?", hits, embed=real_embedder.encode)
    lead = report.groups[0]
    assert sorted((v.doc_id, v.text) for v in lead.values) == [
        ("doc0", "12 June 1931"),
        ("doc1", "1930"),
    ]


def _joined(question: str, near: dict[str, float], *texts: str) -> list[tuple[str, str]]:
    """The leading group after ``join_reports``: the first report's date leads, and a clause
    is as near the question as ``near`` says by a word it holds (0.1 otherwise)."""
    from retrieval.figures.measures import question_measure
    from retrieval.figures.when import join_reports

    by_key: dict[tuple[str, ...], list[Any]] = {}
    for hit in _hits(*((t, None) for t in texts)):
        for m in passage_mentions(hit.passage, hit.document):
            if m.kind == "date":
                by_key.setdefault(m.measure.key, []).append(m)
    lead_key = next(k for k, ms in by_key.items() if any(m.value.doc_id == "doc0" for m in ms))

    def similarities(clauses: list[str]) -> list[float]:
        return [max([v for w, v in near.items() if w in c] or [0.1]) for c in clauses]

    asked = question_measure(tokenize(question))
    join_reports(lead_key, by_key, asked, similarities)
    return sorted((m.value.doc_id, m.value.text) for m in by_key[lead_key])


def test_a_date_whose_clause_names_another_event_does_not_join() -> None:
    """ "opened an inquiry" dates the inquiry, not the widening, however near its clause;
    "was extended to" names no other event and joins."""
    question = "When was the parking ban widened?"
    lead = "The council widened its parking ban on 3 October 2025."
    near = {"widened": 0.45, "inquiry": 0.7, "extended": 0.6}
    other = "Inspectors opened an inquiry into the timing of the ban in August 2025."
    assert _joined(question, near, lead, other) == [("doc0", "3 October 2025")]
    same = "The ban was extended to Mill Road on 6 October 2025."
    assert _joined(question, near, lead, same) == [
        ("doc0", "3 October 2025"),
        ("doc1", "6 October 2025"),
    ]


def test_a_report_offers_its_date_of_the_asked_word() -> None:
    """Of "announced the ban on … and widened it on …", the widening date joins, though the
    announcement's clause is nearer the question: "ban" is in more dated clauses than
    "widen", so "widen" is what tells the asked date."""
    question = "When was the parking ban widened?"
    lead = "The council widened its parking ban on 3 October 2025."
    both = "Officials announced the ban on 1 September 2025 and widened it on 6 October 2025."
    fined = "Drivers were first fined under the ban in July 2025."
    near = {"widened": 0.55, "announced": 0.7}
    assert _joined(question, near, lead, both, fined) == [
        ("doc0", "3 October 2025"),
        ("doc1", "6 October 2025"),
    ]


def test_today_and_yesterday_are_the_report_s_own_days() -> None:
    report = analyze(
        "When was the recall announced?",
        _hits(
            ("The carmaker announced the recall today.", "2025-09-09"),
            ("The carmaker announced the recall yesterday, a regulator said.", "2025-09-10"),
            ("The carmaker announced the recall on 9 September 2025.", None),
        ),
    )
    recall = report.groups[0]
    assert recall.status == "agree"
    assert {v.text for v in recall.values} == {"today", "yesterday", "9 September 2025"}
    assert len(recall.claims) == 1
    assert {v.resolved for v in recall.values if v.text != "9 September 2025"} == {
        "9 September 2025"
    }


@pytest.mark.parametrize("phrase", ["two weeks ago", "two weeks ago today", "a fortnight ago"])
def test_a_span_back_from_the_report_is_one_date_not_a_count(phrase: str) -> None:
    (span,) = find_dates(tokenize(f"The firm found the fault {phrase}."))
    assert span.relative == "ago"
    ((hit,),) = [_hits((f"The firm found the fault {phrase}.", "2026-05-05"))]
    mentions = passage_mentions(hit.passage, hit.document)
    assert [(m.kind, m.value.low) for m in mentions] == [("date", m.value.high) for m in mentions]
    assert [m.kind for m in mentions] == ["date"]


def test_a_question_of_an_event_no_word_list_knows_leads_with_its_closest_clause(
    real_embedder: Any,
) -> None:
    """ "realise it had been hacked": no class knows the report's word for the event
    ("traced"), so the date whose own clause the model finds closest leads, in a group of
    its own named by its words ("hospital traced the intrusion"), not among "other dates"; a
    date of another event in the same report stays out."""
    hits = _hits(
        (
            "The hospital traced the intrusion on 21 April and reported it to the regulator "
            "on 24 April.",
            None,
        ),
        ("The hospital's new wing was opened by the mayor on 2 February.", None),
        ("Its annual report was printed on 9 January.", None),
    )
    question = "On what day did the hospital realise it had been hacked?"
    report = analyze(question, hits, embed=real_embedder.encode)
    lead = report.groups[0]
    assert [v.text for v in lead.values] == ["21 April"]
    assert lead.measure == "hospital traced the intrusion"
    assert report.summary is not None and report.summary.startswith(
        "Hospital traced the intrusion 21 April"
    )


def test_without_a_model_the_unread_dates_stay_together() -> None:
    hits = _hits(("The hospital traced the intrusion on 21 April.", None))
    report = analyze("On what day did the hospital realise it had been hacked?", hits)
    assert report.groups[0].measure == "other dates"


@pytest.mark.parametrize(
    ("question", "wrong"),
    [
        ("When was the final miner rescued?", "12 March"),
        ("When was the last person rescued?", "12 March"),
    ],
)
def test_the_other_end_of_a_series_does_not_answer(question: str, wrong: str) -> None:
    hits = _hits(
        ("Thirty men have been brought out since the first rescues on 12 March.", "2026-03-17"),
        ("The last of the men reached the surface at 21:15 on Monday 16 March.", "2026-03-17"),
    )
    report = analyze(question, hits)
    assert report.groups and wrong not in {v.text for v in report.groups[0].values}
    # the end the question names still answers it
    first = analyze(question.replace("final", "first").replace("last", "first"), hits)
    assert "12 March" in {v.text for v in first.groups[0].values}


def test_the_date_of_an_announcement_answers_when_it_was_made_known() -> None:
    hits = _hits(
        ("Kestrel announced the recall on September 9, 2025.", "2025-09-10"),
        ("The recall was widened on Monday 22 September to cover 2024 models.", "2025-09-23"),
        ("Kestrel Motors today disclosed the recall of 41,000 cars.", "2025-09-09"),
    )
    for question in (
        "When did Kestrel announce the recall?",
        "When was the recall made public?",
    ):
        lead = analyze(question, hits).groups[0]
        assert lead.measure == "announced", question
        assert {v.text for v in lead.values} == {"September 9, 2025", "today"}
    # warnings and notices issued are made known too
    (warned,) = _hits(("Residents were warned on 2 September not to drink tap water.", None))
    (date_,) = [m for m in passage_mentions(warned.passage, warned.document) if m.kind == "date"]
    assert date_.measure.events == {"announcement"}
    # a verb of saying before a count says who counts, not what is counted
    (deaths,) = _hits(("The ministry announced 40 deaths on Monday.", "2025-09-10"))
    (count,) = [m for m in passage_mentions(deaths.passage, deaths.document) if m.kind == "count"]
    assert count.measure.events == {"death"}


def test_a_clause_opener_is_no_part_of_its_subject_s_name() -> None:
    (hit,) = _hits(("When Brenmoor announced the results on 9 September, shares rose.", None))
    (date_,) = [m for m in passage_mentions(hit.passage, hit.document) if m.kind == "date"]
    assert date_.value.claimed_by == "Brenmoor"


def test_a_nearby_passage_gives_the_dates_of_the_asked_event_in_its_own_words() -> None:
    hits = _hits(("The strike entered its third week on Monday 23 February 2026.", None))
    nearby = _hits(
        ("Talks between the company and the union collapsed on Thursday 19 February 2026.", None),
        ("The union balloted its members on 2 February 2026.", None),
    )
    report = analyze("When did the negotiations break down?", hits, nearby=nearby)
    texts = {v.text for g in report.groups for v in g.values}
    # the collapse's date, in other words than the question's; not another event's
    assert any("19 February" in t for t in texts)
    assert not any("2 February" in t for t in texts)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("The organisers scrapped the closing night on Sunday 2 August.", "cancellation"),
        ("She was sold for scrap in 1937.", "sale"),  # the reason for a sale, not a cancelling
        ("He was jailed for murder in 1990.", "arrest"),
    ],
)
def test_a_date_after_the_reason_for_a_verb_dates_the_verb(sentence: str, event: str) -> None:
    (date,) = [m for m in passage_mentions(*_one(sentence)) if m.kind == "date"]
    assert date.measure.events == {event}


def _one(text: str) -> tuple[Passage, DocumentMeta]:
    (hit,) = _hits((text, None))
    return hit.passage, hit.document


def test_a_nearby_date_of_another_word_of_the_question_is_not_taken() -> None:
    hits = _hits(("The festival drew 40,000 people on Saturday 15 August 2025.", None))
    nearby = _hits(
        ("The organisers cancelled the closing night on Sunday 16 August 2025.", None),
        ("The site closed for the season on Friday 28 August 2025.", None),
    )
    report = analyze("On what day did the organisers scrap the closing night?", hits, nearby=nearby)
    texts = {v.text for g in report.groups for v in g.values}
    assert any("16 August" in t for t in texts)
    assert not any("28 August" in t for t in texts)  # a closing, not the asked cancelling


def test_a_verb_of_its_own_before_a_date_dates_its_event_not_the_next() -> None:
    hits = _hits(
        ("He was convicted on 24 July after a trial that began on 17 March 2026.", None),
        ("The trial got under way at the High Court on 16 March 2026.", None),
    )
    report = analyze("When did the trial begin?", hits)
    assert report.groups
    texts = {v.text for v in report.groups[0].values}
    assert "24 July" not in texts
    assert {"17 March 2026", "16 March 2026"} <= texts


@pytest.mark.parametrize(
    "sentence",
    [
        "The ruling is expected on 5 May 2026 after the trial began.",
        "The ministry said on 5 May 2026 that the trial began.",
    ],
)
def test_a_plan_or_a_saying_before_a_date_is_no_event_of_its_own(sentence: str) -> None:
    (hit,) = _hits((sentence, None))
    dated = [m for m in passage_mentions(hit.passage, hit.document) if m.kind == "date"]
    assert dated and dated[0].measure.key[1] not in {lemma("expected"), lemma("said")}


@pytest.mark.parametrize(
    "question",
    ["When did the coroner decide that the hoard was treasure?", "When was it declared treasure?"],
)
def test_a_decision_is_dated_by_its_own_words(question: str) -> None:
    hits = _hits(
        (
            "The hoard was discovered on 6 September 2025 and declared treasure at an inquest"
            " on 14 January 2026.",
            None,
        ),
        ("Experts date the coins to around AD 970.", None),
    )
    report = analyze(question, hits)
    assert report.groups
    assert [v.text for v in report.groups[0].values] == ["14 January 2026"]
