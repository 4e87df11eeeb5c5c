"""Figures side by side: every figure the passages give for the asked measure, grouped by
measure across documents, with source and time, and whether the reports agree."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from retrieval.figures import lexicon as lx
from retrieval.figures.asks import (
    TIMES_OF_DAY,
    asks_for_figures,
    change_size_asked,
    level_asked,
    level_named,
    question_words,
)
from retrieval.figures.clauses import clause
from retrieval.figures.costs import COST, PRICE, uncosted, unpriced_thing
from retrieval.figures.dates import find_dates, published_date, resolve
from retrieval.figures.durations import OTHERS_NAME as OTHER_DURATIONS
from retrieval.figures.durations import asks_duration, asks_since, pick, span_unit
from retrieval.figures.extract import DATES_NAME, OTHER, OTHER_NAME, Mention, extract
from retrieval.figures.group import build_group, summary_line
from retrieval.figures.measures import (
    COUNT_OPENERS,
    LIMIT_KEY,
    Measure,
    amount_named,
    announcement_asked,
    cause_phrase,
    margin_asked,
    occurrence_asked,
    placed_only,
    placing_phrase,
    placing_words,
    question_measure,
)
from retrieval.figures.model import Claim, FigureGroup, FigureValue
from retrieval.figures.peaks import PEAK, asks_peak, at_peak, countable, peak_asked
from retrieval.figures.plans import plan_asked, set_apart
from retrieval.figures.rates import (
    asked_period,
    asked_unit,
    is_period,
    per_period,
    per_thing_asked,
    rate_of,
    singular,
)
from retrieval.figures.remains import left_wanted
from retrieval.figures.reports import close_in_size, join_report_figures
from retrieval.figures.temperatures import asked_for
from retrieval.figures.tokens import Token, tokenize
from retrieval.figures.when import join_reports
from retrieval.text.sentences import SPEAKER
from retrieval.topic import counted_noun, counts_noun, priced_things
from retrieval.types import Hit

if TYPE_CHECKING:
    from retrieval.figures.stored import StoredFigures

__all__ = ["Claim", "FigureGroup", "FigureReport", "FigureValue", "analyze", "is_when_question"]

EmbedFn = Callable[[list[str]], np.ndarray]

# A group must score this much against the question to be shown; at most MAX_GROUPS are.
MIN_SCORE = 1.0
MAX_GROUPS = 5
# The clauses of a measure's figures compared with the question, and their weight beside the
# similarity of the measure's name.
CLAUSES_PER_MEASURE = 3
CLAUSE_WEIGHT = 1.5
# The dates of a when-question compared by their clauses, at most.
MAX_CLAUSES = 60


@dataclass
class FigureReport:
    groups: list[FigureGroup] = field(default_factory=list)  # the question's measure first
    summary: str | None = None
    # The thing the question counts ("how many lynx …?") when the passages name it but no
    # figure of theirs counts it: no other count answers the question.
    uncounted: str | None = None
    # The period a question asks a rate per ("How much … per month?") when no figure of the
    # passages is per that period: no total answers it.
    unrated: str | None = None
    # The kind of reading a question asks ("What was the water temperature?", "How much does
    # it weigh?") when no figure of the passages is one: no count or sum answers it.
    unmeasured: str | None = None


_DATE_NOUNS = frozenset({"year", "date", "day", "month", "decade", "century"}) | TIMES_OF_DAY
_BEFORE_WHEN = frozenset({"by", "until", "till", "since", "from"})
# "What was the last day for comments?": a day named as one end of a span, after "what … the".
_END_DAYS = frozenset({"last", "first", "final", "closing", "opening", "earliest", "latest"})
# "What share of this year's apples …": a year that places what is asked, not one asked.
_THIS_YEAR = frozenset({"this", "last", "next", "that", "each", "every", "a", "per", "previous"})


def is_when_question(question: str) -> bool:
    """ "When was …", "What year …", "… formed in which year?", "What is the birth date …"."""
    words = question_words(question)  # "What's the date …": "what"
    if not words:
        return False
    if words[0] == "when" or (words[0] in _BEFORE_WHEN and words[1:2] == ["when"]):
        return True  # "By when do claims have to be in?"
    if words[:2] in (["how", "many"], ["how", "much"], ["how", "long"]):
        return False
    for a, b in itertools.pairwise(words):
        if a in {"what", "which"} and b in _DATE_NOUNS:
            return True
    if words[0] == "what":
        rest = [w for w in words[1:5] if w not in {"is", "was", "will", "be", "the"}]
        if len(rest) > 1 and rest[0] in _END_DAYS and rest[1] in {"day", "date"}:
            return True  # "What was the last day for residents to comment?"
    return words[0] in {"what", "which"} and any(
        w in {"date", "dates", "deadline", "deadlines"}
        or (w == "year" and before not in _THIS_YEAR)
        for before, w in itertools.pairwise(["", *words])
    )


# A measure named by a word no class knows, when the question uses that word: more than
# the bare "how many people" it also matches.
OPEN_WORD_MATCH = 4.0
# A count of a later event ("additional troops sent") when the question asks about the first.
LATER_COUNT_PENALTY = 0.5
# A question about a later event: the text's words for one, and ordinals ("the second wave").
_LATER_ASKED = lx.LATER_WORDS | {
    "second",
    "third",
    "subsequent",
    "later",
    "aftershock",
    "aftershocks",
}
# A share ("nearly a quarter of the troops") when the question asks how many, not what share.
SHARE_NOT_ASKED = 1.0
# A change ("shoot density rise") for a question of its size: "By what percentage did … go up?"
CHANGE_ASKED = 1.0
# A count of people or things ("two police stations") when the question asks "how much".
COUNT_NOT_ASKED = 2.0
# A speed when the question asks how strong: less than a magnitude, which it asks first.
STRENGTH_AS_SPEED = 3.0
# A count of things when the question counts people, or of people when it counts things.
ENTITY_MISMATCH = 1.0
# A count of the places a how-many question counts its things in ("How many parking spots
# are there across the car parks?" is not "seven car parks").
PLACE_NOT_ASKED = 2.0
# A count of times ("at least five times") when the question asks how many times: how often
# is what it asks, whatever else its words name.
TIMES_ASKED = 3.0
# A count at a peak for a question that asks one, and any other count below it; a count at a
# peak for a question that asks none.
PEAK_ASKED = 3.0
PEAK_NOT_ASKED = 1.0
_TIMES = "times"
# Prepositions that open the phrase of where a count is taken.
_WHERE_PREPOSITIONS = frozenset({"in", "across", "at", "throughout", "around", "within"})
# A part of a count the question does not narrow to ("how many were hurt?" of "11 of them
# pedestrians") ranks below the whole.
PART_NOT_ASKED = 1.0
# A figure aimed at when the question asks one reached, or the other way round.
TARGET_MISMATCH = 1.5
_TARGET = "target"
# Votes that carried a motion, when the question asks for the votes against it.
SIDE_NOT_ASKED = 3.0
# An amount of money when the question asks how many of something that is not money.
MONEY_NOT_ASKED = 2.0
# A sum or a count when the question asks what share ("What proportion of the bill did the
# grant pay?"): the share it asks outranks the sums its words name.
SHARE_ASKED = 3.0
# A size named by what it measures ("length of bridge") when the question asks how many or
# what something cost: its name shares the question's words, not what it asks. ("How much
# water was given out?" may ask a volume.)
SIZE_NOT_ASKED = 3.0
# Words that ask a size no count answers: "what do they weigh?", "how fast", "how far"; not
# "how high" (how high a toll rose) nor "how heavy" (heavy losses).
_NEVER_COUNTED = frozenset(
    lx.lemma(w)
    for w in """weigh weight mass fast speed hot cold warm temperature far distance wide width
    deep depth tall rate level""".split()
)
# A temperature set apart (a forecast, a difference, "indoor temperature"), for a question
# that does not ask it.
READING_NOT_ASKED = 2.0
# A count per period ("92 trains a day") for a question that asks none ("how many travellers
# were on the train?"), or a plain count for one that asks a rate ("how many trains run each
# day?"): shown after the asked one, not dropped.
RATE_NOT_ASKED = 1.0
RATE_ASKED = 3.0
OTHER_UNIT = 1.5
# A most allowed ("fines of up to Mk 50m", "the licence allows no more than 40,000") answers
# a question of a limit ("What is the most people the venue is allowed to let in?"), and
# ranks after what was for any other.
LIMIT_ASKED = 3.0
LIMIT_NOT_ASKED = 1.5
# Words that ask a most allowed.
_LIMIT_CUES = frozenset(
    lx.lemma(w) for w in "maximum max cap capacity limit ceiling threshold allow permit".split()
)
_CAPACITY = lx.lemma("capacity")
_LEAST_CUES = frozenset({"least", "minimum", "lowest", "smallest"})
# The dimension of a sum in its measure's key; not always its last part ("operation cost"
# ends with what costs).
_MONEY = "money"
_COUNT_WORDS = frozenset({"many", "size", "number"})
# A measure that counts the asked event together with another one ("killed or wounded").
WIDER_MEASURE_PENALTY = 1.0
# A date no event was read for ("18% were without the liquid medicine on Wednesday": a date
# "of" the medicine) answers a question about an event ("when did the maker shut down …?")
# less than a date of that event, however many words it shares with the question.
EVENTLESS_DATE_PENALTY = 1.5
# A date of a later event ("additional troops dispatched in 2023") when the question asks
# about the first one, or the other way round: shown, after the asked event's dates.
OTHER_EVENT_PENALTY = 1.5
# A measure of the opposite event to the question's ("runners began" for "how many runners
# completed the course?", "closed" for "when did it open?"): it answers the other question.
OPPOSITE_EVENT_PENALTY = 2.0


# A figure of an earlier event (dated years before its report) when the question names its
# year: it then outranks this event's, which the question's key matches.
PAST_ASKED = 5.0


# A question that sets a class aside ("Besides soldiers, how many …?", "other than
# employees"): its counts rank this much lower.
EXCLUDED_PENALTY = 3.0
_SETTING_ASIDE = (
    ("besides",),
    ("apart", "from"),
    ("aside", "from"),
    ("other", "than"),
    ("except",),
    ("excluding",),
    ("not", "counting"),
)


def _set_aside(tokens: Sequence[Token]) -> tuple[frozenset[str], list[Token]]:
    """The classes of what a question sets aside ("Besides soldiers, how many …" → troops),
    and its tokens without the phrase that does, for reading the asked measure."""
    aside: set[str] = set()
    dropped: set[int] = set()
    for n in range(len(tokens)):
        for phrase in _SETTING_ASIDE:
            if tuple(t.lower for t in tokens[n : n + len(phrase)]) != phrase:
                continue
            k = n + len(phrase)
            while k < len(tokens) and tokens[k].lower in lx.DETERMINERS:
                k += 1
            if k < len(tokens) and tokens[k].kind == "word":
                aside.add(lx.entity_class(tokens[k].text))
                dropped.update(range(n, k + 1))
    return frozenset(aside), [t for n, t in enumerate(tokens) if n not in dropped]


def _other_event_date(measure: Measure, later: bool) -> bool:
    """A date of a later event when the question asks about the first, or the reverse."""
    return measure.key[0] == "date" and (measure.key[-1] == "+") != later


def _rank(
    score: float, measure: Measure, later: bool, aside: frozenset[str] = frozenset()
) -> float:
    if measure.entity is not None and measure.entity in aside:
        score -= EXCLUDED_PENALTY  # "Besides soldiers, …": not the troops sent
    if _other_event_date(measure, later):
        return score - OTHER_EVENT_PENALTY
    if measure.key[0] == "event" and len(measure.key) == 5 and measure.key[3] == "+" and not later:
        return score - LATER_COUNT_PENALTY  # "additional troops sent" for "how many were sent?"
    if measure.key[0] == "entity" and measure.key[-1] == "+" and not later:
        return score - LATER_COUNT_PENALTY  # "six more turbines" for "how many are there?"
    if measure.key == ("magnitude", "+") and not later:
        return score - LATER_COUNT_PENALTY  # an aftershock's for "how strong was the quake?"
    return score


# "the first rescues" and "the last survivor": which end of a series a question or a measure
# names. "last" before a span of time ("last year", "last Monday") is no end of a series.
_FIRST_WORDS = frozenset({"first", "initial", "earliest"})
_LAST_WORDS = frozenset({"last", "final", "finally", "lastly"})
_NOT_AN_END_AFTER = (
    lx.DURATION_UNITS
    | lx.WEEKDAYS
    | {
        "night",
        "weekend",
        "season",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
        "time",
        "term",
        "quarter",
    }
)


def _end_named(words: Sequence[str]) -> str | None:
    """ "first" or "last" when ``words`` (lower case) name one end of a series, else None."""
    for n, w in enumerate(words):
        if w in _FIRST_WORDS:
            return "first"
        if w in _LAST_WORDS and not (
            w == "last" and words[n + 1 : n + 2] and words[n + 1] in _NOT_AN_END_AFTER
        ):
            return "last"
    return None


def _other_end(measure: Measure, asked: str | None) -> bool:
    """Whether a measure names the other end of a series than the question ("the first
    rescues" for "when was the final survivor pulled out?")."""
    if asked is None:
        return False
    named = _end_named([t.lower for t in tokenize(measure.name) if t.kind == "word"])
    return named is not None and named != asked


def _years_named(tokens: Sequence[Token], *, decades: bool = False) -> frozenset[str]:
    """The years a question names ("the 1987 quake", "the 2018 resurfacing"); with
    ``decades``, each year of a decade it names too ("when it opened in the 1930s")."""
    years: set[str] = set()
    for n, t in enumerate(tokens):
        if t.kind != "num" or len(t.text) != 4 or not t.text.isdigit():
            continue
        after = tokens[n + 1] if n + 1 < len(tokens) else None
        if after is not None and after.glued and after.lower == "s" and t.text.endswith("0"):
            years |= {f"{t.text[:3]}{d}" for d in range(10)} if decades else set()
        else:
            years.add(t.text)
    return frozenset(years)


def _of_years_named(
    mentions: list[Mention], years: frozenset[str], hits: Sequence[Hit]
) -> list[Mention]:
    """A count's figures of the years a question names ("during the 2025 migration"), when
    one is dated in one of them: the others are of other years, by a date of their own or,
    undated, by their report's ("187 toads were found dead" in a 2026 report)."""
    published = {h.document.doc_id: h.document.published for h in hits}

    def year(m: Mention) -> str | None:
        if m.time_key is not None and m.time_key >= _A_DAY:
            return str(int(m.time_key // 10000))
        stated = published.get(m.value.doc_id)
        if m.value.as_of is not None:
            return _year_read(m.value.as_of, stated)  # "last year" in a 2026 report: 2025
        return stated[:4] if stated and stated[:4].isdigit() else None

    dated = [(m, year(m)) for m in mentions]
    if not any(y in years for _, y in dated):
        return mentions
    return [m for m, y in dated if y is None or y in years]


_A_DAY = 10_000_000  # a time key of YYYYMMDD, not of a month in an unknown year


def _year_read(phrase: str, published: str | None) -> str | None:
    """The one year a time phrase relative to its report means ("last spring" in a report of
    2026: "2025"); None when it says no year or the report's date is unknown."""
    spans = find_dates(tokenize(phrase))
    days = resolve(spans[0], published_date(published)) if len(spans) == 1 else None
    if days is None or int(days[0]) // 10000 != int(days[1]) // 10000:
        return None
    return str(int(days[0]) // 10000)


def _past_of(measure: Measure, years: frozenset[str]) -> bool:
    """Whether a figure of an earlier event is of the year the question names ("How many
    died in the 1987 quake?")."""
    return measure.key[0] == "past" and measure.key[1] in years


def _amount_asked(tokens: Sequence[Token]) -> bool:
    """Whether the question asks "how much", "the amount …", "the sum …" or a level: an
    amount, not a count of people or things (unless it also asks "how many")."""
    words = [t.lower for t in tokens if t.kind == "word"]
    if amount_named(words):
        return True
    return ("how", "many") not in set(itertools.pairwise(words)) and level_asked(words)


def _harm(measure: Measure) -> bool:
    return measure.key[0] == "harm"


def _is_count(measure: Measure) -> bool:
    """A count of people or things ("deaths", "homes destroyed", "workers"), not an amount
    ("working days lost", "tonnes shipped": a unit counted is an amount)."""
    kind = measure.key[0]
    if kind == "harm":
        return True
    counted = measure.key[1] if kind == "entity" else measure.key[2] if kind == "event" else None
    if counted is None or counted in lx.MEASURE_UNITS:
        return False
    return kind == "entity" or measure.key[-1] == "count"


def _counts_asked(tokens: Sequence[Token], question: Measure | None, change: bool) -> bool:
    """Whether the question asks how many ("how many", "the size of", "the number of") and
    not what share, nor the size of a change (``change``)."""
    asked = any(t.lower in _COUNT_WORDS for t in tokens)
    if change:
        return False  # "By what percentage did the number of shoots go up?": a percentage
    return asked and (question is None or "share" not in question.words)


@dataclass(frozen=True)
class _Asked:
    """What kind of figure a question asks for, read once from its words."""

    counting: bool = False  # "how many", "the number of", "the size of"
    amount: bool = False  # "how much"
    money: bool = False  # a sum of money ("how much did it cost?", "how many dollars?")
    things: bool = False  # how many of a thing that is not money, and not also "how much"
    sizes: frozenset[str] = frozenset()  # dimensions of size: "how far", "how long is"
    per: str | None = None  # what a rate is asked per: "each day", "daily", "per share"
    limit: bool = False  # a most allowed: "the maximum fine", "allowed to let in"
    uncountable: bool = False  # a size no count answers: "how far", "what do they weigh"
    share: bool = False  # "what proportion / percentage / share / fraction of …"
    places: frozenset[str] = frozenset()  # where a how-many counts: "across the car parks"
    times: bool = False  # "how many times": how often, which "five times" says
    peak: bool = False  # the most in one stretch: "the biggest number … in a single evening"
    # "how much" of no change nor share: "how much did the council put in?", not "how much did
    # rents go up?" nor "what recycling level did they reach?"
    sum_only: bool = False
    # the dimensions of the units a rate is per: "shoots per square metre" asks no area
    per_dimensions: frozenset[str] = frozenset()
    change_size: bool = False  # "By what percentage did … go up?": the size of a change
    total: bool = False  # "altogether", "in total", "the whole project": no sum per year


def _share_asked(tokens: Sequence[Token], change: bool) -> bool:
    """Whether the question opens by asking what share: "What proportion of …", "Roughly
    what percentage of …" (not "what is the share price", nor "By what percentage did …":
    the size of a change, ``change``)."""
    if change:
        return False
    return any(
        t.lower in {"what", "which"}
        and k + 2 < len(tokens)
        and tokens[k + 1].lower in lx.SHARE_WORDS
        and tokens[k + 2].lower in {"of", "did", "do", "does", "was", "were", "is", "are", "had"}
        for k, t in enumerate(tokens[:4])
    )


def _asked(tokens: Sequence[Token], question: Measure | None) -> _Asked:
    """ "How many councillors backed the budget?" counts councillors: a money word elsewhere
    in a how-many question does not ask a sum."""
    lower = [t.lower for t in tokens if t.kind == "word"]
    change = change_size_asked(lower)
    counting = _counts_asked(tokens, question, change)
    things = _counts_things(tokens)
    # the question's measure may be of its subject ("the payout the man … stands to pocket")
    named = any(t.lemma in _MONEY_LEMMAS for t in tokens if t.kind == "word")
    share = _share_asked(tokens, change)
    money = (named or (question is not None and _asks_money(question))) and not (things or share)
    amount = _amount_asked(tokens)
    per_dimensions = _per_dimensions(tokens)
    sizes = _sizes_asked(tokens, question, things) - per_dimensions
    per = asked_period(tokens) or (asked_unit(tokens) if money or amount else None)
    # "… since the old limit ended?" places the asked change by the limit: asks none
    start, end = placing_phrase(tokens)
    # "the generating capacity … in megawatts" asks a size by its unit, not a most allowed
    cues = _LIMIT_CUES - {_CAPACITY} if sizes else _LIMIT_CUES
    limit = any(t.lemma in cues for t in tokens if t.kind == "word" and not start <= t.start < end)
    # "the least I'm allowed to invest", "the minimum allowed": a least, which no "maximum" gives
    limit = limit and not any(t.lower in _LEAST_CUES for t in tokens)
    uncountable = any(t.lemma in _NEVER_COUNTED for t in tokens if t.kind == "word")
    places = _places_counted_in(tokens) if counting else frozenset()
    times = any(lower[n : n + 3] == ["how", "many", "times"] for n in range(len(lower)))
    return _Asked(
        counting,
        amount,
        money,
        things,
        sizes,
        per,
        limit,
        uncountable,
        share,
        places,
        times,
        asks_peak(tokens),
        amount_named(lower) and not share and not any(w in _CHANGE_WORDS for w in lower),
        per_dimensions,
        change,
        _total_asked(lower),
    )


# Words that ask a whole sum: "What did the whole project end up costing altogether?" is not
# answered by "will cost £210 a year" (a question of no such word may ask a yearly sum: "How
# much is the tax expected to raise?").
_TOTAL_WORDS = frozenset({"altogether", "total", "overall", "combined", "whole"})
_TOTAL_PAIRS = frozenset({("in", "all"), ("all", "told"), ("all", "in")})


def _total_asked(lower: Sequence[str]) -> bool:
    """Whether the question's words (lower case) ask a whole sum, not one per period ("the
    whole year" asks a year's)."""
    for n, w in enumerate(lower):
        after = lower[n + 1] if n + 1 < len(lower) else ""
        if w in _TOTAL_WORDS and not (w == "whole" and is_period(singular(after))):
            return True
        if (w, after) in _TOTAL_PAIRS:
            return True
    return False


# Words of a change, which a "how much" may ask the size of in a percentage.
_CHANGE_WORDS = lx.CHANGE_VERBS | lx.RISE_WORDS | lx.FALL_WORDS


def _places_counted_in(tokens: Sequence[Token]) -> frozenset[str]:
    """Lemmas of the nouns after "in", "across", "at" … that follow what "how many" counts:
    where the count is taken ("across the council's car parks"), not what it counts."""
    words = [t for t in tokens if t.kind == "word"]
    pairs = [
        n for n in range(len(words) - 1) if (words[n].lower, words[n + 1].lower) in COUNT_OPENERS
    ]
    if not pairs:
        return frozenset()
    rest = words[pairs[0] + 3 :]  # past "how many" and the first word of what it counts
    at = next((n for n, t in enumerate(rest) if t.lower in _WHERE_PREPOSITIONS), None)
    if at is None:
        return frozenset()
    return frozenset(t.lemma for t in rest[at + 1 :] if t.lower not in lx.FUNCTION_WORDS)


def _counts_things(tokens: Sequence[Token]) -> bool:
    """Whether "how many" or "the number of" counts a thing that is not money ("how many
    councillors", not "how many dollars"), and the question does not also ask "how much"."""
    words = [t for t in tokens if t.kind == "word"]
    pairs = set(itertools.pairwise(t.lower for t in words))
    if ("how", "much") in pairs:
        return False
    for n, t in enumerate(words[:-2]):
        if (t.lower, words[n + 1].lower) in COUNT_OPENERS:
            counted = words[n + 2]
            if _modifies(words, n + 2):
                counted = words[n + 3]  # "how many paying customers": customers
            return counted.lemma not in _MONEY_LEMMAS and counted.lower not in lx.MEASURE_UNITS
    return False


def _modifies(words: Sequence[Token], n: int) -> bool:
    """Whether the word at ``n`` is a participle before a noun ("paying customers")."""
    after = words[n + 1] if n + 1 < len(words) else None
    return (
        words[n].lower.endswith("ing")
        and after is not None
        and after.lower not in lx.FUNCTION_WORDS
        and after.lower not in lx.AUXILIARIES
    )


def _score(
    question: Measure | None,
    measure: Measure,
    similarity: float,
    spread: dict[str, int],
    acts: frozenset[str] = frozenset(),
    asked: _Asked = _Asked(),
) -> float:
    score = _match(question, measure, similarity, spread, acts, asked)
    shared = measure.key[0] == "share" or measure.key[-1] == "percent"
    if asked.counting and shared:
        score -= SHARE_NOT_ASKED  # "the size of the deployment" is not "nearly a quarter"
    if (asked.share or asked.change_size) and not shared:
        score -= SHARE_ASKED  # "what proportion of the bill did the grant pay?": no sum
    if asked.sum_only and measure.key[-1] == "percent":
        score -= SHARE_NOT_ASKED  # "how much did the council put in?" is no "60 per cent"
    if (asked.amount or (asked.money and not asked.counting)) and _is_count(measure):
        # "how much is the city putting towards the police?", "the price tag on the machines"
        score -= COUNT_NOT_ASKED
    if asked.things and _MONEY in measure.key:
        score -= MONEY_NOT_ASKED  # "how many councillors backed the budget?" is no sum
    if asked.uncountable and not asked.counting and _is_count(measure) and not _harm(measure):
        score -= SIZE_NOT_ASKED  # "what do the recovered pieces weigh?" is not how many
    unasked = asked.counting or (asked.amount and asked.money)
    if unasked and measure.key[0] == "size" and measure.key[-1] not in asked.sizes:
        score -= SIZE_NOT_ASKED  # "how many workers built the bridge?" is not its length
    rate = rate_of(measure)
    if asked.per is not None and rate is not None and singular(rate) == singular(asked.per):
        score += RATE_ASKED  # "what is he paid per week?": "£185,000 a week"
    elif (
        asked.per is not None and rate is not None and not (is_period(rate) or is_period(asked.per))
    ):
        # "How much did each family get?" of "£150,000 for each employee who died": a sum
        # per thing, named otherwise, answers it more nearly than a total
        score += OTHER_UNIT
    elif (
        asked.per is not None
        or asked.total
        or _MONEY not in measure.key
        or (rate is not None and not is_period(rate))  # "£10 million per megawatt"
    ) and rate != asked.per:
        score -= RATE_NOT_ASKED  # "how many travellers were on it?" is no "11,000 a day"
    if measure.key[0] == LIMIT_KEY:
        score += LIMIT_ASKED if asked.limit else -LIMIT_NOT_ASKED
    if (cues := asked_for(measure.name)) is not None and not (
        question is not None and cues & set(question.words)
    ):
        score -= READING_NOT_ASKED  # "how hot did it get?": not the 29C forecast
    if at_peak(measure) or (asked.peak and countable(measure)):
        # "the biggest number … in a single evening" is a peak's count, which no total answers
        score += (
            (PEAK_ASKED if at_peak(measure) else -PEAK_ASKED) if asked.peak else -PEAK_NOT_ASKED
        )
    if asked.times and measure.entity == _TIMES:
        score += TIMES_ASKED  # "how many times had people warned …?": "at least five times"
    if _place_unasked(question, measure, asked.places):
        score -= PLACE_NOT_ASKED  # "how many spots across the car parks?": not the car parks
    if _part_unasked(question, measure):
        score -= PART_NOT_ASKED  # "how many cracks were found?" is not "four of them critical"
    if question is not None and _aimed(question.words) != _aimed(measure.words):
        score -= TARGET_MISMATCH  # "what rate is it aiming to hit?" is no rate it reached
    if _other_side(question, measure):
        score -= SIDE_NOT_ASKED  # "how many voted against?" is not "carried nine votes to …"
    if measure.key[-1] == OTHER:
        # Dates whose event was not read: shown for a when-question whose relevant passages
        # hold them, after every read measure that reaches the bar (ties go to those).
        return MIN_SCORE
    return score


def _place_unasked(question: Measure | None, measure: Measure, places: frozenset[str]) -> bool:
    """Whether ``measure`` counts bare things (no event) that the question names only as where
    it counts another thing of its own."""
    if question is None or not question.entity or measure.key[0] != "entity" or not measure.entity:
        return False
    if measure.entity == question.entity or _one_class(question.entity, measure.entity):
        return False
    return lx.lemma(measure.entity) in places


# A side of a vote, a function word that still names a part: "how many voted against?".
_SIDES = frozenset({"against"})


def _aimed(words: Sequence[str]) -> bool:
    """Whether words name a target ("target", "aim", "goal"): a figure aimed at, not reached."""
    return any(lx.attribute_class(w) == _TARGET for w in words)


def _other_side(question: Measure | None, measure: Measure) -> bool:
    """Whether the question asks for the votes against and ``measure`` counts other votes."""
    asked = question is not None and bool(_SIDES & set(question.words))
    return asked and "vote" in measure.events and measure.key[-1] not in _SIDES


def _part_unasked(question: Measure | None, measure: Measure) -> bool:
    """Whether ``measure`` is a part of a count ("injured, pedestrians", "cracks discovered,
    critical") that the question names in none of the words its part is named by."""
    if question is None or measure.key[0] != "part":
        return False
    said = {
        lx.lemma(w) for w in measure.key[-1].split() if w not in lx.FUNCTION_WORDS or w in _SIDES
    }
    return bool(said) and not said & set(question.words)


def _match(
    question: Measure | None,
    measure: Measure,
    similarity: float,
    spread: dict[str, int],
    acts: frozenset[str] = frozenset(),
    asked: _Asked = _Asked(),
) -> float:
    score = 2.0 * similarity
    if question is None:
        return score
    if question.key == measure.key:
        score += 3.0
    if question.events and not measure.events and measure.key[0] == "date":
        score -= EVENTLESS_DATE_PENALTY
    if question.events and measure.events:
        union = question.events | measure.events
        score += 2.0 * len(question.events & measure.events) / len(union)
        related = {r for e in question.events for r in lx.RELATED_EVENTS.get(e, ())}
        opposite = {o for e in question.events for o in lx.OPPOSITE_EVENTS.get(e, ())}
        if not question.events & measure.events and related & measure.events:
            score += 1.0
        elif not question.events & measure.events and opposite & measure.events:
            score -= OPPOSITE_EVENT_PENALTY  # "runners began" for "how many finished?"
        elif question.events & measure.events and measure.events - question.events - related:
            # A count of more than was asked ("killed or wounded" for "how many died?") is
            # a neighbouring measure, not a partial answer.
            score -= WIDER_MEASURE_PENALTY
    if _marked(question, measure, acts) or _same_marks(question, measure):
        score += OPEN_WORD_MATCH  # "how many people signed?" and "1,150 signatures"
    elif question.entity and (
        question.entity == measure.entity
        or _one_class(question.entity, measure.entity)
        or _jobs_of_people(question, measure)
    ):
        score += 1.0  # "specimens" and "samples" count one class of thing
    elif (
        question.entity
        and measure.entity
        and _people(question.entity) != _people(measure.entity)
        # "jobs laid off" for "people … lose jobs"; not "fire engines sent" for "personnel"
        and (not question.events & measure.events or _of_things(question.entity, measure.entity))
    ):
        score -= ENTITY_MISMATCH  # "how many people helped look for the animals?": not animals
    if measure.key[0] in {"event", "size"} and _open_word(measure) in acts:
        score += OPEN_WORD_MATCH  # "how many signed …?" and "2,500 people have signed"
    overlap = set(question.words) & _vocabulary(measure)
    # A word that every measure here shares ("soldier") tells them apart less than one of its own.
    score += sum(1.0 / spread.get(w, 1) for w in overlap)
    if not measure.events and measure.entity in _counted_by(question):
        score += 3.0  # "the population of …" asks for a count of its people
    # The kind of figure asked outweighs what it is of: a count cannot answer "what
    # percentage …?", nor a number of homes "how expensive …?".
    percent = measure.key[0] == "share" or measure.key[-1] == "percent"
    if ("share" in question.words or asked.change_size) and percent:
        score += 5.0  # "what percentage of …?", "By what percentage did it go up?"
    if asked.change_size and _CHANGES & set(measure.words):
        score += CHANGE_ASKED  # "By what percentage did it go up?": a rise, not a share
    if asked.money and _MONEY in measure.key:
        score += 5.0
    # A date keyed by a word ("saying speeds are down") is no speed.
    dimensions = (
        _asked_dimensions(question, asked.things) - asked.per_dimensions
        if measure.key[0] != "date"
        else set()
    )
    if measure.key[-1] in dimensions or (
        measure.key[0] == "magnitude" and "magnitude" in dimensions
    ):
        score += 5.0  # "how high …?": a length
    elif measure.key[-1] == "speed" and "magnitude" in dimensions:
        score += STRENGTH_AS_SPEED  # "how strong did the wind get?": a wind's speed
    return score


def _jobs_of_people(question: Measure, measure: Measure) -> bool:
    """Whether one counts people and the other jobs of an event whose jobs are people: "how
    many workers are being made redundant?" and "620 jobs will go"."""
    if not question.events & measure.events & lx.JOB_EVENTS:
        return False
    entities = {question.entity, measure.entity}
    return _JOBS in entities and any(e is not None and _people(e) for e in entities)


# The direction a change measure's words end with ("shoot density rise").
_CHANGES = frozenset({"rise", "fall"})


def _one_class(a: str, b: str | None) -> bool:
    """Whether two counted things are of one class of things ("specimens", "samples")."""
    cls = lx.entity_class(a)
    return b is not None and cls is not None and cls == lx.entity_class(b)


def _acts(tokens: Sequence[Token]) -> frozenset[str]:
    """Lemmas of the question's words that can be its verb: not after a determiner or a
    preposition ("signed" in "how many signed the petition", not "flood" in "the flood"), nor
    in a phrase of its cause ("waiting" in "… damaged because they were left waiting")."""
    cause = cause_phrase(list(tokens))
    words = [t for t in tokens if t.kind == "word" and (cause is None or t.start < cause)]
    lemmas = [t.lemma for t in words]
    marking = {  # "how many put their names to the petition?": signed it
        verb
        for (act, noun), verb in lx.MARK_PHRASES.items()
        if any(w == act and noun in lemmas[n + 1 : n + 4] for n, w in enumerate(lemmas))
    }
    return frozenset(marking) | frozenset(
        t.lemma
        for n, t in enumerate(words)
        if n > 0
        and not t.is_capitalized
        and t.lower not in lx.FUNCTION_WORDS
        and t.lower not in lx.LINKING_VERBS  # "came away with injuries" is no act of coming
        and t.lower not in lx.COMPARING_VERBS  # "grow compared with a year before"
        and words[n - 1].lower not in lx.DETERMINERS | lx.PREPOSITIONS
        and not _negated(words, n)  # "how many had not been found?": not those found
    )


def _negated(words: Sequence[Token], n: int) -> bool:
    """Whether the word at ``n`` follows "not" or "never", maybe with auxiliaries between."""
    k = n - 1
    while k >= 0 and words[k].lower in lx.AUXILIARIES:
        k -= 1
    return k >= 0 and words[k].lower in lx.NEGATIONS


def _people(entity: str) -> bool:
    """Whether an entity counts people: a class of people, or people named by what they do
    ("firefighters", "volunteers")."""
    return entity in lx.PERSON_CLASSES or entity == "people" or entity.endswith(lx.AGENT_ENDINGS)


# Classes of things that are never a count of people, as jobs may be ("lost 450 jobs").
_THINGS = frozenset(lx.ENTITY_CLASSES) - lx.PERSON_CLASSES - {"jobs"}


def _of_things(*entities: str) -> bool:
    """Whether one of ``entities`` is a class of things: vehicles, homes, animals …"""
    return any(e in _THINGS for e in entities)


def _open_word(measure: Measure) -> str | None:
    """The word of a measure no class knows ("sign" of "people signed"), else None."""
    event = measure.key[1]
    return event[1:] if event.startswith("~") else None


def _asked_dimensions(question: Measure, things: bool = False) -> set[str]:
    """The dimensions a question asks by its words ("how high", "the weight of") or a unit it
    names; a question of how many things asks none by a word, only by a unit ("how many
    drivers challenged their speeding fines?" asks no speed)."""
    asked = set() if things else {_DIMENSION_OF[w] for w in question.words if w in _DIMENSION_OF}
    # A unit the question names asks its dimension: "By how much, in tonnes, …?"
    units = {_UNIT_OF[w] for w in question.words if w in _UNIT_OF}
    if _CUBIC in question.words and "length" in units:
        units = units - {"length"} | {"volume"}  # "in cubic metres": a volume
    elif _SQUARE in question.words and "length" in units:
        units = units - {"length"} | {"area"}  # "in square metres": an area
    asked |= units
    if any(w in _SIZE_LEMMAS for w in question.words) and not _asks_money(question):
        asked |= lx.SIZE_DIMENSIONS  # not "the size of the penalty": a sum
    elif (
        _BIG_LEMMAS & set(question.words) and not _asks_money(question) and not _gathered(question)
    ):
        asked |= lx.SIZE_DIMENSIONS  # "How big is the field?"
    return asked


def _gathered(question: Measure) -> bool:
    """Whether the question names a body of people or beasts (``_GATHERINGS``, a class of
    people)."""
    return any(w in _GATHERINGS or lx.entity_class(w) in lx.PERSON_CLASSES for w in question.words)


# "How big / large is …?" asks a size, unless of a body of people or beasts, which a count
# sizes ("How big was the crowd?", "How large is the herd?").
_BIG_LEMMAS = frozenset(lx.lemma(w) for w in ("big", "large"))
_GATHERINGS = frozenset(
    lx.lemma(w)
    for w in """crowd audience turnout attendance team group army herd flock colony
    population membership majority following""".split()
)


# The question's words are lemmas: "volum" of "volume", "high" of "high".
_DIMENSION_OF = {lx.lemma(w): d for w, d in lx.DIMENSION_WORDS.items()}
_SIZE_LEMMAS = frozenset(lx.lemma(w) for w in lx.SIZE_WORDS)
_CUBIC = lx.lemma("cubic")
_SQUARE = lx.lemma("square")
_NOT_UNITS_ASKED = frozenset("foot feet yard yards square sq inch inches".split())
# Units a question may name, by lemma, each with its dimension; not a short abbreviation
# ("m") nor a word of other senses ("on foot", "Trafalgar Square", "yard").
_UNIT_OF = {
    lx.lemma(w): d
    for w, d in lx.MEASURE_UNITS.items()
    if len(w) > 2 and d in lx.SIZE_DIMENSIONS | {"weight", "power"} and w not in _NOT_UNITS_ASKED
}


_MONEY_LEMMAS = frozenset(lx.lemma(w) for w in lx.MONEY_WORDS)


def _sizes_asked(
    tokens: Sequence[Token], question: Measure | None, things: bool = False
) -> frozenset[str]:
    """The dimensions of size a question asks: "how far", "the height of", "how long is the
    bridge" (a length, unless its figures turn out to be spans of time)."""
    asked = _asked_dimensions(question, things) if question is not None else set()
    words = [t.lower for t in tokens if t.kind == "word"]
    if ("how", "long") in set(itertools.pairwise(words)):
        asked.add("length")
    for a, b, unit in zip(words, words[1:], words[2:], strict=False):
        if (a, b) == ("how", "many") and unit in lx.MEASURE_UNITS:
            asked.add(lx.MEASURE_UNITS[unit])  # "how many barrels": a volume
    return frozenset(asked)


def _per_dimensions(tokens: Sequence[Token]) -> frozenset[str]:
    """The dimensions of the units a question's rates are per ("shoots per square metre" is
    per an area, "per tonne" per a weight): they ask no size of that dimension."""
    words = [t.lower for t in tokens if t.kind == "word"]
    found: set[str] = set()
    for n, w in enumerate(words[:-1]):
        if w != "per":
            continue
        after = words[n + 1 : n + 3]
        if after[0] in {"square", "cubic"} and after[1:] and after[1] in lx.MEASURE_UNITS:
            found.add("area" if after[0] == "square" else "volume")
        elif after[0] in lx.MEASURE_UNITS:
            found.add(lx.MEASURE_UNITS[after[0]])
    return frozenset(found)


def _asks_money(question: Measure) -> bool:
    return any(w in _MONEY_LEMMAS for w in question.words)


def _vocabulary(measure: Measure) -> set[str]:
    return set(measure.words) | set(measure.name.split())


def _spread(measures: Sequence[Measure]) -> dict[str, int]:
    """How many of the measures each word belongs to (the catch-all of dates aside)."""
    counts: dict[str, int] = {}
    for m in measures:
        if m.key[-1] == OTHER:
            continue
        for w in _vocabulary(m):
            counts[w] = counts.get(w, 0) + 1
    return counts


def _counted_by(question: Measure) -> frozenset[str]:
    """The entity classes whose count is an attribute the question asks for."""
    counted: set[str] = set()
    for word in question.words:
        if (attribute := lx.attribute_class(word)) is not None:
            counted |= lx.ATTRIBUTE_COUNTS.get(attribute, frozenset())
    return frozenset(counted)


def _similarities(
    question: str, names: list[str], embed: EmbedFn | None, question_vector: np.ndarray | None
) -> list[float]:
    """Cosine of each name with the question; ``question_vector``, when the search has
    embedded the question already, spares embedding it again."""
    if embed is None or not names:
        return [0.0] * len(names)
    try:
        if question_vector is None:
            vectors = np.asarray(embed([question, *names]), dtype=np.float32)
        else:
            asked = np.asarray(question_vector, dtype=np.float32).reshape(1, -1)
            vectors = np.concatenate([asked, np.asarray(embed(names), dtype=np.float32)])
    except Exception:  # the figures are still worth showing without similarity
        return [0.0] * len(names)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.maximum(norms, 1e-9)
    return [float(x) for x in vectors[1:] @ vectors[0]]


def _clause_similarities(
    question: str,
    texts: list[str],
    embed: EmbedFn | None,
    question_vector: np.ndarray | None,
    near: dict[str, float],
    unnamed: bool = False,
) -> list[float]:
    """Cosine of each clause with the question, embedding only those ``near`` lacks.

    ``unnamed``: as is or both without the names the question says, whichever is closer.
    Those names are the corpus's subject, which any clause may name or not ("its Skerrow
    Sound array generated …" beside "The array delivered first power to the grid on"):
    compared without them, clauses differ by what happened."""
    missing = [t for t in dict.fromkeys(texts) if t not in near]
    near.update(zip(missing, _similarities(question, missing, embed, question_vector), strict=True))
    sims = [near[t] for t in texts]
    named = _names_asked(question) if unnamed else frozenset()
    if not named:
        return sims
    masked = [_without_names(t, named) for t in texts]
    without = _similarities(_without_names(question, named), masked, embed, None)
    return [max(a, b) for a, b in zip(sims, without, strict=True)]


def _measure_similarities(
    question: str,
    measures: Sequence[Measure],
    mentions: Sequence[Sequence[Mention]],
    embed: EmbedFn | None,
    question_vector: np.ndarray | None = None,
    near: dict[str, float] | None = None,
) -> list[float]:
    """How close each measure is to the question: its name, and the closest of the clauses
    its figures stand in (the figure masked), in one call to the model. Each clause's
    closeness is also put in ``near``, for a later step that compares clauses."""
    names = [m.name for m in measures]
    clauses = [
        list(dict.fromkeys(clause(m.value.quote, m.value.text) for m in ms))[:CLAUSES_PER_MEASURE]
        for ms in mentions
    ]
    flat = [c for cs in clauses for c in cs]
    sims = _similarities(question, names + flat, embed, question_vector)
    if near is not None:
        near.update(zip(flat, sims[len(names) :], strict=True))
    nearest: list[float] = []
    at = len(names)
    for cs in clauses:
        nearest.append(max(sims[at : at + len(cs)], default=0.0))
        at += len(cs)
    # Relative to the others: the clauses tell measures apart, they do not make any relevant.
    mean = sum(nearest) / len(nearest) if nearest else 0.0
    return [s + CLAUSE_WEIGHT * (near - mean) for s, near in zip(sims, nearest, strict=False)]


def fold_people(
    by_key: dict[tuple[str, ...], list[Mention]],
) -> dict[tuple[str, ...], list[Mention]]:
    """Figures of people in general ("5,900 are out on strike") join the one class of people
    the same event counts ("4,100 workers joined the strike", "63 volunteers turned up"); with
    two classes ("troops sent", "workers sent") they stay apart. A count of an act in the
    text's own word that names nothing counted ("the recall of 287,000 Aria and Solano") joins
    the one count of that act that does ("a recall of 212,000 vehicles"). People laid off
    then join the jobs lost (``_fold_jobs``)."""
    folded = dict(by_key)
    for key in by_key:
        if key[0] != "event" or key[2] != "people":
            continue
        unnamed = key[1].startswith("~") and all(m.measure.entity is None for m in by_key[key])
        into = [
            k
            for k in by_key
            if k[0] == "event"
            and k[1] == key[1]
            and k[3:] == key[3:]
            and k[2] != "people"
            and (_people(k[2]) or unnamed)  # "About sixty of us turned up": the volunteers
        ]
        if len(into) == 1:
            folded[into[0]] = folded[into[0]] + folded.pop(key)
    return _fold_jobs(folded)


def _fold_jobs(
    by_key: dict[tuple[str, ...], list[Mention]],
) -> dict[tuple[str, ...], list[Mention]]:
    """People laid off or hired of one class ("450 workers will be made redundant") join the
    jobs lost or filled by the same event ("620 jobs will go"): one count in two words."""
    folded = dict(by_key)
    for key in by_key:
        if key[0] != "event" or key[1] not in lx.JOB_EVENTS or not _people(key[2]):
            continue
        people = [k for k in folded if k[:2] == key[:2] and k[3:] == key[3:] and _people(k[2])]
        jobs = (*key[:2], _JOBS, *key[3:])
        if people == [key] and jobs in folded:
            folded[jobs] = folded[jobs] + folded.pop(key)
    return folded


_JOBS = "jobs"


def fold_attributes(
    by_key: dict[tuple[str, ...], list[Mention]],
) -> dict[tuple[str, ...], list[Mention]]:
    """Figures of a bare attribute ("the population was 42,300") join the one qualified
    attribute of the same noun and kind ("a city population of 559,277"): the bare one says
    no less. With two qualified ones ("the interest rate", "the growth rate") it stays apart,
    since it may be either; so it does when one report gives both at sizes too far apart to
    be one fact (``_told_apart``). An attribute joins the one act of its noun ("an offer of
    6.5%")."""
    folded = dict(by_key)
    for key in by_key:
        if key[0] != "attr" or " " in key[1]:
            continue
        into = [k for k in by_key if k[0] == "attr" and k[2:] == key[2:] and _qualifies(k, key)]
        if len(into) == 1 and not _told_apart(by_key[key], by_key[into[0]]):
            folded[into[0]] = folded.pop(into[0]) + folded.pop(key)
    # "an offer of 6.5%" (an act that counts what follows) and "raised its offer to 7%" (the
    # value of a noun) are one measure, read two ways.
    for key in list(folded):
        if key[0] != "attr" or " " in key[1] or key not in folded:
            continue
        acts = [
            k
            for k in folded
            if k[0] == "event" and k[1] == "~" + lx.lemma(key[1]) and k[-1] == key[-1]
        ]
        if len(acts) == 1:
            folded[key] = folded[key] + folded.pop(acts[0])
            continue
        # "the Council's contribution was increased to £1,730" and "agreed to put in £1,500":
        # the noun names the one event of its class, which keeps its key (a verb asks it)
        classed = lx.event_class(key[1]) or frozenset()
        acts = [k for k in folded if k[0] == "event" and k[1] in classed and k[-1] == key[-1]]
        if len(acts) == 1:
            folded[acts[0]] = folded[acts[0]] + folded.pop(key)
    for key in list(folded):
        if key in folded and (acts := _rate_acts(key, folded)):
            folded[key] = folded[key] + [m for k in acts for m in folded.pop(k)]
    return _fold_prices(_fold_sizes(folded))


def _told_apart(bare: Sequence[Mention], qualified: Sequence[Mention]) -> bool:
    """Whether one report gives both a bare level and a qualified one at sizes too far apart
    to be one fact disputed (``reports.JOIN_RATIO``): "Revenue of £38.6m" and "annual recurring
    revenue of £151.2m" are two measures; "a city population of 559,277" and "the population
    was 1,171,991" may be one."""
    return any(
        a.value.doc_id == b.value.doc_id and not close_in_size(a, b)
        for a in bare
        for b in qualified
    )


def _fold_prices(
    by_key: dict[tuple[str, ...], list[Mention]],
) -> dict[tuple[str, ...], list[Mention]]:
    """A price ("an asking price of £475,000") joins the one sum of a sale ("agreed to sell
    the freehold for £440,000"): what a thing sells for is its price."""
    sales = [k for k in by_key if k[:2] == ("event", "sale") and k[-1] == _MONEY]
    if len(sales) != 1:
        return by_key
    folded = dict(by_key)
    for key in by_key:
        if key[0] == "attr" and key[-1] == _MONEY and key[1].split()[-1] == "price":
            folded[sales[0]] = folded[sales[0]] + folded.pop(key)
    return folded


# Extents, which a thing's parts have too: a bare "1.7 metres" may be the whole whale's length
# or the calf's, so it joins neither.
_EXTENTS = frozenset({"length", "area", "height", "width", "depth"})


def _fold_sizes(
    by_key: dict[tuple[str, ...], list[Mention]],
) -> dict[tuple[str, ...], list[Mention]]:
    """Sizes that say only their dimension ("41,500 cubic metres") join the one size of that
    dimension that names its stuff ("38,000 cubic metres of sediment"): the bare one says no
    less. With two ("of sediment", "of rock") they stay apart; so do extents (``_EXTENTS``)."""
    folded = dict(by_key)
    for key in by_key:
        if key[0] != "dim" or len(key) != 2 or key[1] in _EXTENTS:
            continue
        into = [k for k in by_key if k[0] == "size" and k[-1] == key[1]]
        if len(into) == 1:
            folded[into[0]] = folded.pop(into[0]) + folded.pop(key)
    return folded


# Bounds a sentence names alone once the thing bounded is known: "The minimum is £100" after
# "the minimum investment is £100".
_BOUND_HEADS = frozenset({"minimum", "maximum"})


def _qualifies(qualified: tuple[str, ...], bare: tuple[str, ...]) -> bool:
    """Whether an attribute's name qualifies the bare one: "city population" of "population";
    "minimum investment" of "minimum"."""
    name = qualified[1]
    head = bare[1] in _BOUND_HEADS and name.startswith(bare[1] + " ")
    return name.endswith(" " + bare[1]) or head


def _rate_acts(
    key: tuple[str, ...], by_key: dict[tuple[str, ...], list[Mention]]
) -> list[tuple[str, ...]]:
    """For the share named "<event> rate" ("a winter loss rate of 34.2 per cent"), the one
    share of that event read by its verb ("put the loss rate at 31 per cent", "people lost"):
    one measure, read two ways. Empty for any other key."""
    words = key[1].split() if key[0] == "attr" and key[-1] == "percent" else []
    if len(words) != 2 or words[1] != "rate":
        return []
    events = lx.event_class(words[0]) or frozenset()
    acts = [k for k in by_key if k[0] == "event" and k[1] in events and k[-1] == "percent"]
    return acts if len(acts) == 1 else []


def _merged(mentions: list[Mention]) -> Measure:
    """The group's measure, with the cue words of all its mentions."""
    first = mentions[0].measure
    words = tuple(dict.fromkeys(w for m in mentions for w in m.measure.words))
    return Measure(first.key, first.name, first.events, first.entity, words)


# A date's clause must come at least this close to the question to lead by its clause alone.
SEED_FLOOR = 0.5
# The key and the most words of the name of a group seeded by one date's clause.
SEEDED = ("date", "~clause")
SEED_NAME_WORDS = 4


def _put_first(
    lead: int | None, scores: list[float], ranked: list[int], count: int
) -> tuple[int | None, list[int]]:
    """``lead`` first in ``ranked``, scored at least MIN_SCORE (``scores`` grown to ``count``
    measures for a new group)."""
    if lead is None:
        return lead, ranked
    scores.extend([MIN_SCORE] * (count - len(scores)))
    scores[lead] = max(scores[lead], MIN_SCORE)
    return lead, [lead, *(i for i in ranked if i != lead)]


# How close each of some clauses comes to the question.
Closeness = Callable[[list[str]], list[float]]


def _date_lead(
    wanted: Measure | None,
    lead: int | None,
    by_key: dict[tuple[str, ...], list[Mention]],
    keys: list[tuple[str, ...]],
    measures: list[Measure],
    closeness: Closeness | None,
    later: bool,
) -> int | None:
    """The leading group of a when-question: ``lead``, unless no group leads, the catch-all
    does, or it is of an event the question's words do not ask ("when did power first reach
    the grid?" led by an announcement) and a date's own clause comes closer
    (``_seed_date``). ``closeness``: of clauses to the question; None without a model."""
    unasked = (
        lead is not None and (wanted is None or not wanted.events) and bool(measures[lead].events)
    )
    if closeness is None or not (lead is None or keys[lead][-1] == OTHER or unasked):
        return lead
    # A lead the question's words do not ask gives way only to a closer clause.
    bar = None
    if unasked and lead is not None:
        texts = [clause(m.value.quote, m.value.text) for m in by_key[keys[lead]]]
        bar = max(closeness(texts[:MAX_CLAUSES]), default=0.0)
    seeded = _seed_date(by_key, keys, measures, closeness, later, bar)
    return lead if seeded is None else seeded


def _seed_date(
    by_key: dict[tuple[str, ...], list[Mention]],
    keys: list[tuple[str, ...]],
    measures: list[Measure],
    closeness: Closeness,
    later: bool = False,
    bar: float | None = None,
) -> int | None:
    """For a when-question whose event no read measure matches ("realise it had been
    hacked": the catch-all of unread dates would lead), the group of the date whose own
    clause comes closest to the question, as the lead: the model, not the word lists, tells
    which event is asked.

    A date whose event was not read leaves the catch-all "other dates" for a group of its
    own, named by the words before it in its clause ("discovered the attack"). Returns the
    lead's index in ``keys`` (appending to ``keys`` and ``measures`` for a new group), or
    None when no clause is close enough (to SEED_FLOOR, and past ``bar`` when one is given:
    the closeness of a lead the question's words do not ask)."""
    dated = [
        (k, m)
        for k, measure in zip(keys, measures, strict=True)
        if not _other_event_date(measure, later)
        for m in by_key[k]
    ][:MAX_CLAUSES]
    texts = [clause(m.value.quote, m.value.text) for _, m in dated]
    sims = closeness(texts)
    best = max(range(len(dated)), key=lambda i: sims[i], default=None)
    if best is None or sims[best] < SEED_FLOOR or (bar is not None and sims[best] <= bar):
        return None
    key, seed = dated[best]
    if key[-1] != OTHER:
        return keys.index(key)
    by_key[key] = [m for m in by_key[key] if m is not seed]
    name = _seed_name(seed) or DATES_NAME
    measure = Measure(SEEDED, name, frozenset(), seed.measure.entity, seed.measure.words)
    by_key[SEEDED] = [replace(seed, measure=measure, value=replace(seed.value, measure=name))]
    keys.append(SEEDED)
    measures.append(measure)
    return len(keys) - 1


def _closeness(
    question: str, embed: EmbedFn, question_vector: np.ndarray | None, near: dict[str, float]
) -> Closeness:
    """The closeness of clauses to the question, as is or without the question's names,
    whichever is closer (``_clause_similarities``)."""
    return lambda texts: _clause_similarities(
        question, texts, embed, question_vector, near, unnamed=True
    )


def _names_asked(question: str) -> frozenset[str]:
    """The words of the names a question says, past its first word ("Skerrow Sound")."""
    tokens = [t for t in tokenize(question) if t.kind == "word"]
    return frozenset(t.lower for t in tokens[1:] if t.is_capitalized)


def _without_names(text: str, names: frozenset[str]) -> str:
    """``text`` less the capitalized words of ``names``."""
    kept = [t.text for t in tokenize(text) if not (t.is_capitalized and t.lower in names)]
    return " ".join(kept)


def _seed_name(seed: Mention) -> str:
    """The last few words before the date in its clause, function words at the ends aside:
    "Vesterline discovered the attack on" → "discovered the attack"."""
    before = clause(seed.value.quote, seed.value.text)
    quote = seed.value.quote
    asked = quote.rfind("?")
    if asked >= 0 and "\n" in quote[asked:] and SPEAKER.match(quote, asked + 1):
        # an answer's date, named by the question it answers
        before = quote[:asked]
    words = [t for t in tokenize(before) if t.kind == "word"]
    at = len(words)
    while at and words[at - 1].lower in lx.FUNCTION_WORDS:
        at -= 1
    kept = words[max(0, at - SEED_NAME_WORDS) : at]
    while kept and (kept[0].lower in lx.FUNCTION_WORDS or kept[0].is_capitalized):
        kept = kept[1:]
    return " ".join(t.text for t in kept)


def analyze(
    question: str,
    hits: Sequence[Hit],
    embed: EmbedFn | None = None,
    *,
    nearby: Sequence[Hit] = (),
    stored: StoredFigures | None = None,
    question_vector: np.ndarray | None = None,
) -> FigureReport:
    """The figure groups of ``hits`` that bear on ``question``, best first, and a lead line.

    ``nearby``: passages close to the question but not relevant enough to mine whole; only
    their figures of the question's own measure are taken. Reports word one fact differently
    ("how many died?" against "including approximately 600 deaths"), and such a sentence
    can sit in a passage that is mostly about something else. ``stored``: the figures the
    index's build read (``retrieval.figures.stored``), instead of reading them again.
    ``question_vector``: the question as the search embedded it; ``embed`` then embeds only
    the names of the measures found.
    """
    if not asks_for_figures(question) and not _level_given(question, hits, stored):
        return FigureReport()  # "Where …?", "Who …?", "Why …?": quotes, no figures table
    span = asks_duration(question)
    if span == "span":
        spans = _durations(question, hits, nearby, stored, embed, question_vector)
        if spans.groups or not asks_since(question):
            return spans
        # "How long has Mexico had a federal republic?": "since 1824" answers it.
        return _figures(question, hits, embed, nearby, stored, question_vector, "date")
    report = _figures(question, hits, embed, nearby, stored, question_vector)
    if span == "either" and not _answers_length(report):
        # "How long was the strike?": not a length here, so perhaps a span of time.
        durations = _durations(question, hits, nearby, stored, embed, question_vector)
        return durations if durations.groups else report
    return report


def _level_given(question: str, hits: Sequence[Hit], stored: StoredFigures | None) -> bool:
    """Whether "What <noun> …?" names a level that the passages give a figure of: "What gross
    margin did they make?" over "Gross margin of 81.4%" (no word list knows every measure a
    report may give); not "What reason did they give?"."""
    noun = level_named(question)
    if noun is None:
        return False
    return any(
        m.kind == "count" and m.measure.key[0] == "attr" and m.measure.key[1].split()[-1] == noun
        for m in extract(hits, stored)
    )


def _figures(
    question: str,
    hits: Sequence[Hit],
    embed: EmbedFn | None,
    nearby: Sequence[Hit],
    stored: StoredFigures | None,
    question_vector: np.ndarray | None,
    kind: str | None = None,
) -> FigureReport:
    """The counts or dates (``kind``; by the question's form when None) of the passages
    that bear on the question, best first."""
    kind = kind or ("date" if is_when_question(question) else "count")
    aside, tokens = _set_aside(tokenize(question))
    wanted = question_measure(tokens)
    if kind == "date":
        wanted = occurrence_asked(tokens, announcement_asked(tokens, wanted))
    elif wanted is not None and (period := asked_period(tokens)) is not None:
        wanted = per_period(wanted, period)  # "how many passengers use the line each day?"
    else:
        wanted = margin_asked(tokens, wanted)  # "By how many votes did she beat him?"
    if kind == "count":
        wanted = peak_asked(tokens, wanted)  # "the biggest number … in a single evening"
        wanted = left_wanted(tokens, wanted)  # "How many plots are still available?"
    later = any(t.lower in _LATER_ASKED or t.lemma in lx.LATER_WORDS for t in tokens)
    by_key = _by_measure(kind, wanted, hits, nearby, stored)
    if kind == "count":
        by_key = _join_same_things(by_key)
    priced = priced_things(question) if kind == "count" else frozenset()
    if kind == "count" and (declined := _declined(question, tokens, wanted, priced, by_key, hits)):
        return declined
    if not by_key:
        return FigureReport()
    keys = list(by_key)
    measures = [_merged(by_key[k]) for k in keys]
    near: dict[str, float] = {}  # clause -> closeness to the question, each embedded once
    sims = _measure_similarities(
        question, measures, [by_key[k] for k in keys], embed, question_vector, near
    )
    placed = placing_words(tokens) if kind == "date" else frozenset()
    scores = _scores(tokens, wanted, measures, sims, placed)
    if kind == "count":
        scores = _in_units_named(tokens, scores, [by_key[k] for k in keys])
        scores = _doer_named(tokens, scores, [by_key[k] for k in keys])
        scores = _price_named(priced, scores, measures)
    ranked = _ranked(tokens, keys, measures, scores, by_key, later, aside)
    lead = next((i for i in ranked if scores[i] >= MIN_SCORE), None)
    if kind == "date":
        closeness = None if embed is None else _closeness(question, embed, question_vector, near)
        new = _date_lead(wanted, lead, by_key, keys, measures, closeness, later)
        lead, ranked = _put_first(new, scores, ranked, len(keys)) if new != lead else (lead, ranked)
    emptied: set[tuple[str, ...]] = set()
    if kind == "date" and lead is not None:
        emptied = join_reports(
            keys[lead],
            by_key,
            wanted,
            lambda texts: _clause_similarities(question, texts, embed, question_vector, near),
            placed,
        )
    if kind == "count" and lead is not None:
        emptied = join_report_figures(lead, keys, measures, scores, by_key)
        years = _years_named(tokens, decades=True)
        if years and keys[lead][0] != "past":
            by_key[keys[lead]] = _of_years_named(by_key[keys[lead]], years, [*hits, *nearby])
    if kind == "date" and lead is not None and keys[lead][-1] != OTHER:
        # With the catch-all itself leading, it stays what it was: no asked event was read.
        emptied |= _unasked_to_others(keys, measures, scores, by_key, ranked)
    apart = _plans_apart(tokens, kind, lead, keys, measures, by_key)
    shown = [
        i for i in ranked if scores[i] >= MIN_SCORE and keys[i] not in emptied and by_key[keys[i]]
    ][:MAX_GROUPS]
    latest_by = _latest_by(tokens, [*hits, *nearby])
    groups = [
        build_group(measures[i].name, kind, by_key[keys[i]], keys[i][-1] != OTHER, latest_by)
        for i in shown
    ]
    if apart is not None and shown and shown[0] == lead:
        groups = [groups[0], apart, *groups[1:]][:MAX_GROUPS]
    return FigureReport(groups, summary_line(groups[0]) if groups else None)


def _declined(
    question: str,
    tokens: Sequence[Token],
    wanted: Measure | None,
    priced: frozenset[str],
    by_key: dict[tuple[str, ...], list[Mention]],
    hits: Sequence[Hit],
) -> FigureReport | None:
    """Why a count question has no answer here: a thing no passage counts, a rate or unit
    per which no figure is given, a reading none takes, a cost or a price of the thing asked
    (``priced``) none gives; None when none of these."""
    if (noun := _uncounted(question, hits, by_key)) is not None:
        return FigureReport(uncounted=noun)
    if (period := _unrated(tokens, by_key)) is not None:
        return FigureReport(unrated=period)
    if (unit := _unit_unrated(tokens, by_key)) is not None:
        return FigureReport(unrated=unit)
    if (reading := _unmeasured(tokens, by_key)) is not None:
        return FigureReport(unmeasured=reading)
    mentions = [m for ms in by_key.values() for m in ms]
    if uncosted(wanted, mentions):
        return FigureReport(unmeasured=COST)  # only sums raised or aimed at: no cost
    if unpriced_thing(priced, mentions):
        return FigureReport(unmeasured=PRICE)  # "a pint" of a refurbishment's cost
    return None


def _plans_apart(
    tokens: Sequence[Token],
    kind: str,
    lead: int | None,
    keys: Sequence[tuple[str, ...]],
    measures: Sequence[Measure],
    by_key: dict[tuple[str, ...], list[Mention]],
) -> FigureGroup | None:
    """The lead's figures planned beforehand, as a group of their own, when the question
    asks what came about ("What did it end up costing?"), or the others when it asks the
    plan (``retrieval.figures.plans``); the lead keeps the rest. None when nothing is set
    apart."""
    if lead is None or keys[lead][-1] == OTHER:
        return None
    outturn = latest_asked(tokens)
    kept, aside = set_apart(by_key[keys[lead]], outturn, plan_asked(tokens))
    if not aside:
        return None
    by_key[keys[lead]] = kept
    name = measures[lead].name + (", planned or estimated" if outturn else ", as it came about")
    return build_group(name, kind, aside)


# Words of a question that asks the value a thing came to in the end: "What has the job ended
# up costing?", "What was the final bill?", "How many weeks did it actually take?".
_LATEST_WORDS = frozenset({"final", "finally", "eventually", "ultimately", "actual", "actually"})


def latest_asked(tokens: Sequence[Token]) -> bool:
    """Whether a question asks the latest value of what it asks ("in the end", "ended up",
    "final", "actually"): then reports' values that differ are read in their reports' order
    (``build_group``)."""
    words = [t.lower for t in tokens if t.kind == "word"]
    if any(w in _LATEST_WORDS for w in words):
        return True
    ended_up = any(lx.lemma(a) == _END and b == "up" for a, b in itertools.pairwise(words))
    return ended_up or any(words[n : n + 3] == ["in", "the", "end"] for n in range(len(words)))


_END = lx.lemma("end")


def _latest_by(tokens: Sequence[Token], hits: Sequence[Hit]) -> dict[str, str | None] | None:
    """Each report's publication date (ISO, or as much of it as is known), by document, when
    the question asks the latest value (``latest_asked``); else None."""
    if not latest_asked(tokens):
        return None
    return {h.document.doc_id: h.document.published for h in hits}


def _scores(
    tokens: Sequence[Token],
    wanted: Measure | None,
    measures: Sequence[Measure],
    sims: Sequence[float],
    placed: frozenset[str],
) -> list[float]:
    """How well each measure answers the question (``_score``), with a year the question
    names and the event of its placing phrase."""
    spread = _spread(measures)
    acts = _acts(tokens)
    asked = _asked(tokens, wanted)
    if asked.peak and not any(at_peak(m) for m in measures):
        asked = replace(asked, peak=False)  # no count at a peak here: the counts as they are
    years = _years_named(tokens)
    return [
        _score(wanted, m, s, spread, acts, asked)
        + (PAST_ASKED if _past_of(m, years) else 0.0)
        - (OTHER_EVENT_PENALTY if placed_only(m, placed) else 0.0)
        for m, s in zip(measures, sims, strict=True)
    ]


# A measure given in the unit the question names ("How many miles longer …?" of "adds 3.2
# miles", beside "the 600-metre stretch").
UNIT_NAMED = 2.0


def _in_units_named(
    tokens: Sequence[Token], scores: list[float], mentions: Sequence[Sequence[Mention]]
) -> list[float]:
    """``scores``, each raised by UNIT_NAMED when a figure of its measure is in a unit of
    size the question names by a word of its own."""
    words = [t for t in tokens if t.kind == "word"]
    named = {
        lx.unit_spelled(f"{before} {t.lower}" if before in lx.UNIT_QUALIFIERS else t.lower)
        for before, t in zip(["", *(w.lower for w in words)], words, strict=False)
        if t.lemma in _UNIT_OF and t.lower not in _NOT_UNITS_ASKED | lx.UNIT_QUALIFIERS
    }
    if not named:
        return scores
    return [
        score + (UNIT_NAMED if any(lx.unit_spelled(m.value.unit) in named for m in ms) else 0.0)
        for score, ms in zip(scores, mentions, strict=True)
    ]


# A measure whose figures stand in a sentence naming who the question asks did it: "How much
# did the district council put in …?" of "The district council's £45,000 grant", not of "the
# final bill for the vehicle came to £74,200".
DOER_NAMED = 1.5
_SENTENCE_WORDS = re.compile(r"[^\W\d_]+")


def _doer_named(
    tokens: Sequence[Token], scores: list[float], mentions: Sequence[Sequence[Mention]]
) -> list[float]:
    """``scores``, each raised by up to DOER_NAMED by the share of the words of the question's
    subject (``asked_doer``) that a sentence of its figures names, unless every measure's
    sentences name as many."""
    doer = asked_doer(tokens)
    if not doer or len(mentions) < 2:
        return scores
    held: dict[str, int] = {}  # sentence -> words of the doer it names; one read each
    for m in (m for ms in mentions for m in ms if m.value.quote not in held):
        lemmas = {lx.lemma(w) for w in _SENTENCE_WORDS.findall(m.value.quote.lower())}
        held[m.value.quote] = len(doer & lemmas)
    named = [max(held[m.value.quote] for m in ms) / len(doer) for ms in mentions]
    if min(named) == max(named):
        return scores
    return [score + DOER_NAMED * n for score, n in zip(scores, named, strict=True)]


# A measure named by the thing a question asks the price of: "How much will it cost me to park
# for an hour?" of "parking" (£1.20, £1.50), before the car parks' operating cost.
PRICE_NAMED = 2.0


def _price_named(
    asked: frozenset[str], scores: list[float], measures: Sequence[Measure]
) -> list[float]:
    """``scores``, each raised by PRICE_NAMED when its measure's words or key name the thing
    the question asks the price of (``retrieval.topic.priced_things``), unless all do."""
    if not asked:
        return scores
    named = [
        bool(asked & ({*m.words} | {lx.lemma(w) for part in m.key for w in part.split()}))
        for m in measures
    ]
    if all(named) or not any(named):
        return scores
    return [s + PRICE_NAMED * n for s, n in zip(scores, named, strict=True)]


def asked_doer(tokens: Sequence[Token]) -> frozenset[str]:
    """Lemmas of who a question asks gave, paid or got a sum, the subject of its verb after
    its auxiliary: "the district council" of "How much did the district council put in …?",
    "heritage charity" of "How big a sum did the heritage charity hand over?"; none for
    another verb ("How many repairers does the group have?")."""
    words = [t for t in tokens if t.kind == "word"]
    at = next((n for n, t in enumerate(words[:_DOER_OPENING]) if t.lower in _DOING), None)
    if at is None or at == 0:
        return frozenset()
    doer: list[str] = []
    for t in words[at + 1 :]:
        if t.lower in lx.DETERMINERS and not doer:
            continue
        if t.lemma in _GIVING_VERBS:
            return frozenset(doer)
        if t.lower in lx.FUNCTION_WORDS or lx.is_participle(t.lower) or lx.event_class(t.text):
            break
        if len(doer) == _DOER_WORDS:
            break
        doer.append(t.lemma)
    return frozenset()


# Auxiliaries before a question's subject, within its first words: "How much did …".
_DOING = frozenset({"did", "does", "do", "has", "have", "had", "will", "would", "could"})
_DOER_OPENING = 6
_DOER_WORDS = 4
# Verbs of giving, paying or getting a sum, after their subject: "did the council put in",
# "did the trust hand over", "did the campaign group collect".
_GIVING_VERBS = frozenset(
    lx.lemma(w)
    for w in """put give hand pay spend get raise contribute donate find collect offer provide
    chip award grant lend receive charge""".split()
)


def _ranked(
    tokens: Sequence[Token],
    keys: Sequence[tuple[str, ...]],
    measures: Sequence[Measure],
    scores: Sequence[float],
    by_key: dict[tuple[str, ...], list[Mention]],
    later: bool,
    aside: frozenset[str],
) -> list[int]:
    """The measures' indexes, best first; one naming the other end of a series than the
    question ("the first rescues" for "when was the final survivor brought out?") after all."""
    end = _end_named([t.lower for t in tokens if t.kind == "word"])
    other_end = [_other_end(m, end) for m in measures]
    return sorted(
        range(len(keys)),
        key=lambda i: (
            not other_end[i],
            _rank(scores[i], measures[i], later, aside),
            keys[i][-1] != OTHER,
            len(by_key[keys[i]]),
            -i,
        ),
        reverse=True,
    )


def _marked(question: Measure, measure: Measure, acts: frozenset[str]) -> bool:
    """Whether the question counts people by the verb of leaving the marks ``measure`` counts
    ("how many people signed the petition?" of "1,150 signatures"), or the marks that people
    ``measure`` counts by that verb left."""
    verb = lx.mark_verb(measure.entity)
    if verb is None and measure.key[0] == "event" and not question.events:
        # "how many signatures did the petition collect?" of "2,500 people signed it"
        marks = lx.mark_verb(question.entity)
        return marks is not None and _open_word(measure) == marks and _people(measure.key[2])
    return (
        verb is not None
        and verb in acts
        and lx.entity_class(question.entity or "") in lx.PERSON_CLASSES
    )


def _same_marks(question: Measure, measure: Measure) -> bool:
    """Whether both count marks left by one verb, the measure by a verb of its own ("passed
    950 signatures" for "how many names did the petition collect?"): as much the asked thing
    as the people who left them. (A bare count of them matches the question's key.)"""
    verb = lx.mark_verb(question.entity)
    return verb is not None and measure.key[0] == "event" and verb == lx.mark_verb(measure.entity)


def _unrated(tokens: Sequence[Token], by_key: dict[tuple[str, ...], list[Mention]]) -> str | None:
    """The period a question asks a rate per ("How much do residents pay per month?", "How
    many tonnes does the pit produce in a year?") when no figure of the passages is per that
    period; else None."""
    period = asked_period(tokens)
    if period not in _PERIOD_CUES or not by_key:
        return None
    cues = _PERIOD_CUES[period]
    # A figure per that period, or one whose sentence names the period in any way ("the
    # annual fee is £120", "£48 for the month"), which the reading may not have tied to it.
    rated = any(
        rate_of(m.measure) == period or cues.search(m.value.quote)
        for ms in by_key.values()
        for m in ms
    )
    return None if rated else period


def _unit_unrated(
    tokens: Sequence[Token], by_key: dict[tuple[str, ...], list[Mention]]
) -> str | None:
    """The thing a question asks a rate per ("What price per megawatt-hour is the company
    paid?") when no figure of the passages is per that thing, nor has it after "per", "a",
    "each" or "every" in its sentence ("£5 a head"; "per megawatt" is not per megawatt-hour);
    else None."""
    unit = per_thing_asked(tokens)
    if unit is None or not by_key:
        return None
    cue = re.compile(rf"\b(?:per|a|an|each|every)\s+{re.escape(unit)}(?![\w-])", re.IGNORECASE)
    rated = any(
        rate_of(m.measure) == unit or cue.search(m.value.quote)
        for ms in by_key.values()
        for m in ms
    )
    return None if rated else unit


# Readings a question asks by a word of their own ("the water temperature", "how hot",
# "weigh") that no count or sum can answer; not by an adjective alone ("the cold months", "the
# cold store"), nor "how heavy" ("How heavy are the losses?") or "how fast" (a time may answer
# it).
_READING_WORDS = {
    "temperature": "temperature",
    "temperatures": "temperature",
    "weight": "weight",
    "weigh": "weight",
    "weighs": "weight",
    "weighed": "weight",
}
_HOW_READINGS = {"hot": "temperature", "cold": "temperature", "warm": "temperature"}


def _reading_asked(tokens: Sequence[Token]) -> str | None:
    """The reading a question asks by a word of its own, else None."""
    words = [t.lower for t in tokens if t.kind == "word"]
    asked = {_READING_WORDS[w] for w in words if w in _READING_WORDS}
    for a, b in itertools.pairwise(words):
        if a == "how" and b in _HOW_READINGS:
            asked.add(_HOW_READINGS[b])
    return next(iter(asked)) if len(asked) == 1 else None


def _unmeasured(
    tokens: Sequence[Token], by_key: dict[tuple[str, ...], list[Mention]]
) -> str | None:
    """The reading a question asks ("What was the sea water temperature?", "How much does
    the bell weigh?") when no figure of the passages is of it; else None."""
    reading = _reading_asked(tokens)
    if reading is None or not by_key:
        return None
    found = any(
        reading in m.measure.key or lx.MEASURE_UNITS.get((m.value.unit or "").lower()) == reading
        for ms in by_key.values()
        for m in ms
    )
    return None if found else reading


# The ways a sentence names a period a figure may be per, by period: "a month", "per
# month", "each month", "for the month", "monthly" (not "next month" nor "twelve months").
_PER_WORDS = r"(?:a|an|per|each|every|for\s+the)\s+(?:\w+\s+)?"
_PERIOD_CUES = {
    period: re.compile(rf"\b(?:{_PER_WORDS}(?:{nouns})|{adjectives})\b", re.IGNORECASE)
    for period, (nouns, adjectives) in {
        "day": ("day|night|weekday", "daily|nightly|per diem"),
        "night": ("night", "nightly"),
        "week": ("week", "weekly"),
        "month": ("month", "monthly"),
        "year": ("year|annum", "yearly|annual|annually"),
    }.items()
}


def _uncounted(
    question: str, hits: Sequence[Hit], by_key: dict[tuple[str, ...], list[Mention]]
) -> str | None:
    """The thing the question counts ("how many lynx …?") when the passages name it in the
    question's own word and no figure of theirs counts it, by its word or its class. A thing
    the passages do not name, or people named by what they do, may be counted under another
    name ("shoppers" as customers)."""
    noun = counted_noun(question)
    # People named by what they do ("shoppers", "councillors", "cyclists"): reports count
    # them under the role the passage gives them as often as under the question's word.
    if noun is None or noun.lower.endswith(lx.AGENT_ENDINGS):
        return None
    measures = [m.measure for ms in by_key.values() for m in ms]
    if any(counts_noun(noun, m.entity, m.words) for m in measures):
        return None
    if lx.entity_class(noun.text) in lx.PERSON_CLASSES and any(
        lx.mark_verb(m.entity) is not None for m in measures
    ):
        return None  # "how many people signed?": "1,150 signatures" counts them
    if _counted_by_modifier(question, noun, measures):
        return None
    # Named as counted: in the plural when the question counts it in the plural ("a square
    # frame" names no squares counted).
    plural = noun.lower != lx.lemma(noun.text) and noun.lower.endswith("s")
    named = any(
        t.lemma == noun.lemma and (not plural or t.lower.endswith("s"))
        for h in hits
        for t in tokenize(h.passage.text)
        if t.kind == "word"
    )
    return noun.text if named else None


def _counted_by_modifier(question: str, noun: Token, measures: Sequence[Measure]) -> bool:
    """Whether a noun that names things by no more than that they are bits or things is
    counted by a figure under a noun of its own, by the word before it: "how many
    microplastic bits …?" of "11.6 billion microplastic particles" (not "how many puffin
    chicks …?" of "puffins")."""
    if lx.entity_class(noun.text) not in lx.GENERAL_CLASSES:
        return False
    words = [t for t in tokenize(question) if t.kind == "word"]
    at = next((n for n, t in enumerate(words) if t.start == noun.start), 0)
    if at < 1 or words[at - 1].lower in lx.FUNCTION_WORDS | {"many"}:
        return False
    modifier = words[at - 1].lemma
    return any(m.entity is not None and modifier in m.words for m in measures)


# Counts of one thing that a report words with another verb ("4,000 homes were left without
# water", "3,200 homes lost their supply") are of one fact when their values are this close,
# and not small: four of one thing and three of it agree by chance as often as not.
SAME_THING_RATIO = 1.3
SAME_THING_FLOOR = 10


def _thing(key: tuple[str, ...]) -> tuple[str, str, str] | None:
    """What a count's measure counts, and in what (things or money): ("homes", "count"); None
    for a count with no event ("186 homes"), which may be of anything done to them."""
    if key[0] == "event" and len(key) >= 5:
        return key[2], key[4], key[3] if key[3] == PEAK else ""  # a peak joins no total
    return None


def _events_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two measures' events may be one: the same, or one of them a verb the lexicon
    has no class for ("were left without water" beside "lost their supply"). Related events
    are two facts, however close their counts: "well over a hundred who signed up" and "96
    took part"."""
    ea, eb = a[1], b[1]
    return ea == eb or ea.startswith("~") or eb.startswith("~")


def _values(mentions: Sequence[Mention]) -> list[float]:
    """The values of ``mentions``; none at all when one is small (``SAME_THING_FLOOR``)."""
    values = [v for m in mentions for v in (m.value.low, m.value.high) if v is not None]
    return values if values and min(values) >= SAME_THING_FLOOR else []


def _join_same_things(
    by_key: dict[tuple[str, ...], list[Mention]],
) -> dict[tuple[str, ...], list[Mention]]:
    """Counts of the same things (not people in general), with events that may be one, whose
    every value lies within ``SAME_THING_RATIO`` of another measure's, join that measure: one
    fact that reports word with other verbs. The measure most figures have takes the others.
    Sums of money join only with the same event: a budget, an estimate and a final cost are
    close and apart."""
    order = sorted(by_key, key=lambda k: len(by_key[k]), reverse=True)
    things = {k: _thing(k) for k in order}  # each read once, not once per pair
    values = {k: _values(by_key[k]) for k in order}
    joined: dict[tuple[str, ...], list[Mention]] = {}
    taken: set[tuple[str, ...]] = set()
    for key in order:
        if key in taken:
            continue
        taken.add(key)
        mentions = list(by_key[key])
        thing = things[key]
        if thing is not None and thing[0] not in {"", "people"} and values[key]:
            low = min(values[key]) / SAME_THING_RATIO
            high = max(values[key]) * SAME_THING_RATIO
            for other in order:
                theirs = values[other]
                if (
                    other not in taken
                    and things[other] == thing
                    and (_events_agree(key, other) if thing[1] != "money" else key[1] == other[1])
                    and theirs
                    and all(low <= v <= high for v in theirs)
                ):
                    taken.add(other)
                    mentions += by_key[other]
        joined[key] = mentions
    return joined


def _answers_length(report: FigureReport) -> bool:
    """Whether the report leads with a length ("142 metres" for "How long was the ship?")."""
    lead = report.groups[0] if report.groups else None
    return lead is not None and any(
        lx.MEASURE_UNITS.get(c.unit or "") == "length" for c in lead.claims
    )


def _durations(
    question: str,
    hits: Sequence[Hit],
    nearby: Sequence[Hit],
    stored: StoredFigures | None,
    embed: EmbedFn | None,
    question_vector: np.ndarray | None,
) -> FigureReport:
    """For a question that asks how long: the spans of time whose clause answers it, side by
    side, then the passages' other spans of time."""
    found = [m for m in extract(hits, stored) if m.kind == "duration"]
    close = [m for m in extract(nearby, stored) if m.kind == "duration"]
    tokens = tokenize(question)
    lead, rest, name = pick(
        [*found, *close],
        lambda texts: _clause_similarities(question, texts, embed, question_vector, {}),
        _years_named(tokens),
        span_unit(question),
    )
    if not lead:
        return FigureReport()
    relevant = {id(m) for m in found}
    rest = [m for m in rest if id(m) in relevant]  # of the relevant passages only
    groups = [build_group(name, "count", lead, latest_by=_latest_by(tokens, [*hits, *nearby]))]
    if rest:
        groups.append(build_group(OTHER_DURATIONS, "count", rest, False))
    return FigureReport(groups, summary_line(groups[0]))


_OTHERS = ("date", OTHER)


def _unasked_to_others(
    keys: list[tuple[str, ...]],
    measures: list[Measure],
    scores: list[float],
    by_key: dict[tuple[str, ...], list[Mention]],
    ranked: list[int],
) -> set[tuple[str, ...]]:
    """For a when-question led by an asked event, the dates of the relevant passages whose
    event is read but not asked ("completed in 1913" for "when was it built?", below the bar)
    join "other dates", as the dates whose event is not read do: shown after the asked ones,
    not dropped. Returns the keys left without dates (``keys``, ``measures``, ``scores`` and
    ``ranked`` gain the catch-all when it is new)."""
    unasked = [
        i for i in ranked if scores[i] < MIN_SCORE and keys[i] != _OTHERS and by_key[keys[i]]
    ]
    if not unasked:
        return set()
    if _OTHERS not in by_key or _OTHERS not in keys:
        by_key.setdefault(_OTHERS, [])
        keys.append(_OTHERS)
        measures.append(Measure(_OTHERS, OTHER_NAME))
        scores.append(MIN_SCORE)
        ranked.append(len(keys) - 1)
    others = by_key[_OTHERS]
    catch_all = measures[keys.index(_OTHERS)]
    emptied: set[tuple[str, ...]] = set()
    for i in unasked:
        key = keys[i]
        others += [
            replace(m, measure=catch_all, value=replace(m.value, measure=OTHER_NAME))
            for m in by_key[key]
        ]
        by_key[key] = []
        emptied.add(key)
    return emptied


def _of_wanted(mention: Mention, wanted: Measure) -> bool:
    """Whether a nearby passage's figure is of the question's own measure: its key, or, for a
    date, an event of the question's class ("talks … collapsed last Thursday" for "When did
    the negotiations break down?")."""
    if mention.measure.key == wanted.key:
        return True
    # the question's own event ("scrap the closing night" asks a cancelling, not a closing)
    asked = {wanted.key[1]} if wanted.key[0] == "event" else wanted.events
    return mention.kind == "date" and bool(_classed(mention.measure.events) & asked)


def _classed(events: frozenset[str]) -> frozenset[str]:
    """The events of a class, not a verb no class knows ("~randomis")."""
    return frozenset(e for e in events if not e.startswith("~"))


def _by_measure(
    kind: str,
    wanted: Measure | None,
    hits: Sequence[Hit],
    nearby: Sequence[Hit],
    stored: StoredFigures | None,
) -> dict[tuple[str, ...], list[Mention]]:
    """The passages' figures of the asked kind by measure, folded; of ``nearby`` passages
    only those of the question's own measure."""
    mentions = [m for m in extract(hits, stored) if m.kind == kind]
    if nearby and wanted is not None:
        mentions += [m for m in extract(nearby, stored) if m.kind == kind and _of_wanted(m, wanted)]
    by_key: dict[tuple[str, ...], list[Mention]] = {}
    for m in mentions:
        by_key.setdefault(m.measure.key, []).append(m)
    if kind == "date":
        by_key = _split_bounds(by_key)
    return fold_attributes(fold_people(by_key)) if by_key else by_key


def _split_bounds(
    by_key: dict[tuple[str, ...], list[Mention]],
) -> dict[tuple[str, ...], list[Mention]]:
    """Dates keyed by their thing ("the offer opened on 2 February", "the offer closes on 31
    March") part by event where the thing's dates hold both ends of its time: its opening and
    its closing are two facts, not one that the reports dispute."""
    out: dict[tuple[str, ...], list[Mention]] = {}
    for key, mentions in by_key.items():
        bounds = [_bound(m) for m in mentions]
        found = {b for b in bounds if b is not None}
        if len(key) != 2 or not any(lx.OPPOSITE_EVENTS.get(b, frozenset()) & found for b in found):
            out[key] = mentions
            continue
        for m, b in zip(mentions, bounds, strict=True):
            out.setdefault(key if b is None else (*key, b), []).append(m)
    return out


def _bound(m: Mention) -> str | None:
    events = _classed(m.measure.events) & lx.BOUNDARY_EVENTS
    return next(iter(events)) if len(events) == 1 else None
