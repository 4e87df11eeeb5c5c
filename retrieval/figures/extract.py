"""Figures out of passages: each number or date with its measure, time, claimant and sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from retrieval.figures import lexicon as lx
from retrieval.figures.aims import aim_of
from retrieval.figures.dates import (
    Published,
    TimeSpan,
    describe,
    find_dates,
    published_date,
    relative_key,
    resolve,
)
from retrieval.figures.labels import label_measure, named_part
from retrieval.figures.measures import (
    MARGIN,
    Measure,
    asides,
    cost_of,
    is_verbish,
    level_change,
    limit_of,
    linked_to_figure,
    margin_of,
    measure_of,
    narrowed_part,
    noun_phrase,
    raised_by,
    share_key,
    time_point_before,
)
from retrieval.figures.model import FigureValue
from retrieval.figures.numbers import Quantity, currency_signs, find_quantities, format_number
from retrieval.figures.parts import (
    judged_part,
    own_part,
    source_part,
    verb_part,
    vote_side,
    whole_pronoun,
)
from retrieval.figures.peaks import earlier_record, peak_of
from retrieval.figures.rates import count_period, per_period, rate_of, sum_rate
from retrieval.figures.remains import left_part
from retrieval.figures.temperatures import DIMENSION as TEMPERATURE
from retrieval.figures.temperatures import temperature_measure
from retrieval.figures.tokens import Token, sentence_spans, tokenize
from retrieval.text.sentences import SPEAKER
from retrieval.types import DocumentMeta, Hit, Passage

if TYPE_CHECKING:
    from retrieval.figures.stored import StoredFigures

# The key of dates whose event could not be read.
OTHER = "*other"
OTHER_NAME = "other dates"
# The name of a group of dates found by their clause when no words before the date name it.
DATES_NAME = "dates"
# Spans of time ("lasted 19 days", "19 minutes after the alarm"): no words say what of, so
# one catch-all; a question that asks how long finds its own by their clauses.
DURATIONS = Measure(("duration", OTHER), "durations")
# How far before a span of time (in tokens) an attribute ("age") makes it that attribute's.
SPAN_ATTRIBUTE_REACH = 8
# Entity classes that are people: their counts are in people.
_PERSONS = lx.PERSON_CLASSES

# How far (in tokens) a time phrase may sit from the figure it dates.
AS_OF_REACH = 12
_TITLES = frozenset("rep sen gov gen dr mr mrs ms prof lt col capt sgt st".split())
_CLAUSE_ENDS = frozenset({";", ":", "—", "–"})
_CLAIM_STOPS = frozenset({",", ".", ";", ":", "(", ")", "that", "—", "–", '"', "“", "”"})


@dataclass
class Mention:
    """One figure as extracted, with what grouping needs beyond ``FigureValue``."""

    value: FigureValue
    measure: Measure
    kind: str  # "count", "date" or "duration"
    qualifier: str | None
    bare: tuple[float, ...]  # the number(s) as written, without qualifier: merge key
    tol_low: float  # the interval with rounding tolerance, for agree / differ
    tol_high: float
    time_key: float | None  # orders figures in time (month or YYYYMMDD), None when undated
    earlier: bool = False  # the sentence marks it as an earlier estimate
    # A date relative to an unknown publication date: what it means ("before:fall"); it
    # merges with the same phrase in other words and is compared with no other date.
    relative: str | None = None


def _text(sentence: str, offset: int, tokens: list[Token], i: int, j: int) -> str:
    return sentence[tokens[i].start - offset : tokens[j - 1].end - offset]


def _as_of(tokens: list[Token], times: list[TimeSpan], i: int, j: int) -> TimeSpan | None:
    """The time phrase nearest the figure at [i, j), within reach and the same clause."""
    best: tuple[int, TimeSpan] | None = None
    skipped = asides(tokens, max(0, i - 2 * AS_OF_REACH), i)
    for span in times:
        if span.j <= i:
            if any(a < span.i and span.j <= b for a, b in skipped):
                continue  # "The company, founded in 2013, said revenue reached £38.6m"
            gap = i - span.j
            between = tokens[span.j : i]
        elif span.lead >= j:
            gap = span.lead - j
            between = tokens[j : span.lead]
            if _compared_after(between):
                continue  # "58 scars, against 91 last year": the later figure's time
        else:
            continue
        if gap > AS_OF_REACH or any(t.text in {";", "—"} for t in between):
            continue
        if span.lead >= 1 and tokens[span.lead - 1].lower == "than":
            continue  # "146 more than in February": the time of what it is compared with
        # A later figure in between takes the phrase: "300 … and 2,700 … in January".
        if best is None or gap < best[0]:
            best = (gap, span)
    return best[1] if best else None


def _compared_after(between: list[Token]) -> bool:
    """Whether the words between a figure and a later time phrase hold another figure set
    against it ("58 scars in the meadows, against 91 last year", "12 this year, down from
    19 in 2025"): the time is the other figure's. Not one joined by "and" ("killed 16 miners
    and injured 25 in October 2025": both then)."""
    num = next((n for n, t in enumerate(between) if t.is_num), None)
    return num is not None and any(t.text == "," or t.lower in _SET_AGAINST for t in between[:num])


_SET_AGAINST = frozenset({"against", "versus", "vs", "from", "than", "compared"})


def _phrase_after(tokens: list[Token], k: int, limit: int) -> tuple[int, int] | None:
    end = k
    while end < len(tokens) and end - k < limit:
        t = tokens[end]
        title_dot = t.text == "." and end > k and tokens[end - 1].lower in _TITLES
        if (t.text in _CLAIM_STOPS or t.lower in lx.RELATIVE_PRONOUNS) and not title_dot:
            break
        end += 1
    return (k, end) if end > k else None


def _subject_before(tokens: list[Token], stop: int) -> tuple[int, int] | None:
    """The name-like subject ending at ``stop``: "The NIS", "the ministry", "Kim",
    "The National Intelligence Service (NIS) of South Korea"."""
    start = stop
    while start > 0 and stop - start < 12:
        t = tokens[start - 1]
        nxt = tokens[start] if start < stop else None
        named = nxt is not None and (nxt.is_capitalized or nxt.kind == "abbr")
        # a list of names ("the U.S., South Korea, and Ukraine") or "officials from …"
        joins = (t.lower == "," and (named or (nxt is not None and nxt.lower == "and"))) or (
            t.lower in {"and", "from"} and (named or (nxt is not None and nxt.lower == "the"))
        )
        ok = (
            t.is_capitalized
            or t.kind == "abbr"
            or t.lower in {"the", "of", "(", ")", "'", "’", "s"}
            or joins
            or (
                t.kind == "word"
                and t.lower not in lx.FUNCTION_WORDS
                and not t.lower.endswith("ly")
                and not lx.is_participle(t.text)
            )
        )
        if not ok:
            break
        start -= 1
    commas = [m for m in range(start, stop) if tokens[m].text == ","]
    if commas and not any(tokens[m].lower == "and" for m in range(start, stop)):
        start = commas[-1] + 1  # "for the valley, Minister Royce said": no list, a new phrase
    while start < stop and (
        tokens[start].lower in {"of", ")", "'", "’", "s", ",", "and", "from"}
        or tokens[start].lower in _SUBORDINATORS  # "When Brenmoor announced …": Brenmoor
    ):
        start += 1
    words = tokens[start:stop]
    if not words or words[-1].lower in lx.FIGURE_NOUNS or words[-1].lower in lx.DETERMINERS:
        return None
    if (
        not any(t.is_capitalized or t.kind == "abbr" for t in words)
        and words[0].lower != "the"
        and not _bare_party(tokens, start, stop)
    ):
        return None
    if len(words) == 1 and start == 0 and words[0].lower in lx.FUNCTION_WORDS:
        return None
    return start, stop


# Words that open a clause before its subject: "When Brenmoor announced the results, …".
_SUBORDINATORS = frozenset(
    "when while after before as if because since although though once until unless".split()
)
# Parties a report names without an article or a capital: "organisers said", "local
# officials put it at", "police said": people named by what they do, or these.
_COLLECTIVE_PARTIES = frozenset(
    """police staff management officials sources authorities experts services analysts
    campaigners locals medics""".split()
)
BARE_PARTY_WORDS = 3


def _bare_party(tokens: list[Token], start: int, stop: int) -> bool:
    """Whether ``tokens[start:stop]`` name a party in the plural, with no article: a few
    words ending in people named by their part, not the thing a number before them counts
    ("300 residents said")."""
    words = tokens[start:stop]
    head = words[-1].lower
    counted = start > 0 and (
        tokens[start - 1].kind == "num"
        or tokens[start - 1].lower in lx.UNITS
        or tokens[start - 1].lower in lx.TENS
    )
    return (
        0 < len(words) <= BARE_PARTY_WORDS
        and not counted
        and all(t.kind == "word" for t in words)
        and (head in _COLLECTIVE_PARTIES or head.endswith(lx.AGENT_ENDINGS))
    )


Claim = tuple[int, str | None]  # where the sentence says it (a token index), and who


def _claims(sentence: str, offset: int, tokens: list[Token]) -> list[Claim]:
    """Who the sentence says claims figures, each where it says so: "according to the NIS",
    "the ministry said", "the ministry's 40", "the union, which counted 75"."""
    n = len(tokens)
    spans: list[tuple[int, tuple[int, int] | None]] = []
    for k in range(n - 1):
        if tokens[k].lower == "according" and tokens[k + 1].lower == "to":
            spans.append((k, _phrase_after(tokens, k + 2, 9)))
    for k in range(1, n - 1):
        if tokens[k].lower == "by" and tokens[k - 1].lower in lx.REPORTING_VERBS | {"disclosed"}:
            spans.append((k, _phrase_after(tokens, k + 1, 7)))
    for k in range(n - 1):
        # "The ministry's 40", "the ministry's count of 40": a figure of its own
        if tokens[k].lower.endswith(("'s", "’s")) and any(
            t.kind == "num" for t in tokens[k + 1 : k + 4]
        ):
            span = _subject_before(tokens, k + 1)
            if span is not None:
                spans.append((k, span))
    for k in range(1, n):
        t = tokens[k]
        if t.kind != "word" or t.lower not in lx.REPORTING_VERBS:
            continue
        if k + 1 < n and tokens[k + 1].lower in lx.REPORTING_VERBS:
            continue  # "estimates suggested": the first is a noun
        stop = k
        while stop > 0 and tokens[stop - 1].lower in lx.AUXILIARIES | lx.ADVERB_FILLERS:
            stop -= 1
        before = tokens[stop - 1].lower if stop > 0 else ""
        if before in {"which", "who"} and stop >= 2 and tokens[stop - 2].text == ",":
            spans.append((k, _subject_before(tokens, stop - 2)))  # "the union, which counted"
            continue
        bare = not t.lower.endswith(("s", "ed")) and t.lower not in {"said", "told", "put"}
        if bare and stop == k and not before.endswith("s") and before not in {"they", "we", "i"}:
            continue  # "the casualty count", "a report": a noun, not a verb of saying
        if before in lx.DETERMINERS | lx.PREPOSITIONS or before.endswith(("'s", "’s")):
            continue  # "an estimated 4,700", "the alleged casualties", "Korea's claim": nouns
        if (
            stop == k
            and t.lower.endswith("ed")
            and k + 1 < n
            and tokens[k + 1].lower in {"at", "in", "on", "by", "during"}
        ):
            continue  # "the highest level recorded at the gauge": not a claim
        # "the grant was confirmed at £680,000": said of it, not by it; "officials were
        # quoted as saying …" still by them
        passive = t.lower.endswith("ed") and any(w.lower in _BE for w in tokens[stop:k])
        if passive and not (k + 1 < n and tokens[k + 1].lower == "as"):
            continue
        span = _subject_before(tokens, stop)
        if span is not None and span[0] >= 1 and tokens[span[0] - 1].lower in _ASKING:
            continue  # "to examine whether the company reported …": asked, not said
        spans.append((k, span))
    out: list[Claim] = []
    for k, span in spans:
        text = _text(sentence, offset, tokens, *span) if span is not None else None
        if text is not None and text.endswith(("'s", "’s")):
            text = text[:-2]
        out.append((k, text))
    return out


# Forms of "be" that make a verb of saying passive: what is said of the subject, not by it.
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# Words that make a clause a question: "whether the company reported", "if police knew".
_ASKING = frozenset({"whether", "if"})
# "two people familiar with the matter", "three sources close to the talks": who told, not
# a figure of the report. At most this many: a count of sources is small.
_SOURCE_AFTER = (("familiar", "with"), ("close", "to"), ("briefed", "on"), ("with", "knowledge"))
MAX_SOURCES = 12


def _statistical(tokens: list[Token], q: Quantity) -> bool:
    """Whether ``q`` bounds an estimate's uncertainty, not the estimate: "(95% confidence
    interval 168 to 259)", "a margin of error of 3 points"."""
    before = [t.lower for t in tokens[max(0, q.i - 3) : q.i]]
    return "interval" in before or "ci" in before or before[-2:] == ["error", "of"]


def _sources(tokens: list[Token], q: Quantity) -> bool:
    """Whether ``q`` counts the anonymous sources of a claim: "according to two people
    familiar with the matter", "three officials close to the talks said"."""
    if q.unit is not None or q.value > MAX_SOURCES or q.is_share:
        return False
    cited = q.i >= 2 and (tokens[q.i - 2].lower, tokens[q.i - 1].lower) == ("according", "to")
    k = q.j
    while k < len(tokens) and tokens[k].kind == "word" and k - q.j < 3:
        pair = (tokens[k].lower, tokens[k + 1].lower if k + 1 < len(tokens) else "")
        if pair in _SOURCE_AFTER:
            said = any(t.lower in lx.REPORTING_VERBS for t in tokens[k + 2 : k + 10])
            return cited or said
        k += 1
    return False


def _speakers(tokens: list[Token], q: Quantity, measure: Measure) -> bool:
    """Whether ``q`` counts the people who said something, and nothing befell them: "One
    resident, who asked not to be named, told the Gazette …", "Two shopkeepers said …". A
    count of sources, as "two people familiar with the matter" is."""
    if q.unit is not None or q.is_share or q.value > MAX_SOURCES or measure.events:
        return False
    entity = measure.entity or ""
    if entity not in _PERSONS and not entity.endswith(lx.AGENT_ENDINGS):
        return False
    k = q.j
    while k < len(tokens) and tokens[k].kind == "word" and k - q.j < 3:
        if tokens[k].lower in _SAYING | lx.AUXILIARIES:
            break
        k += 1  # the counted noun: "resident", "local shopkeepers"
    if k < len(tokens) and tokens[k].text == ",":  # ", who asked not to be named,"
        k = next((n + 1 for n in range(k + 1, len(tokens)) if tokens[n].text == ","), k)
    while k < len(tokens) and tokens[k].lower in lx.AUXILIARIES | lx.ADVERB_FILLERS:
        k += 1
    return k < len(tokens) and tokens[k].lower in _SAYING


# Verbs by which the people counted before them said something: "two residents told …".
_SAYING = frozenset("said says told tell tells wrote writes warned claimed complained".split())


# A person's age as news writes it after the name: "Jory Pell, 24, the last to be brought up".
MAX_AGE = 120


def _age(tokens: list[Token], q: Quantity) -> bool:
    """Whether ``q`` is the age of the person named right before it: "Pell, 24," or
    "Pell (24)"; a count in such a place would name what it counts."""
    if q.unit is not None or q.is_share or q.qualifier or q.is_range or q.value > MAX_AGE:
        return False
    if q.j - q.i != 1 or q.i < 2 or q.j >= len(tokens) or not tokens[q.i].is_num:
        return False
    opens, closes = tokens[q.i - 1].text, tokens[q.j].text
    name = tokens[q.i - 2]
    named = name.is_capitalized and name.kind == "word"
    named = named and name.lower not in lx.MONTHS and name.lower not in lx.WEEKDAYS
    return named and (opens, closes) in {(",", ","), ("(", ")")}


def _claimed_by(claims: Sequence[Claim]) -> str | None:
    """The sentence's claimant: the first it names."""
    return next((text for _, text in claims if text is not None), None)


# Where one party's statement ends and another's may begin within a sentence.
_TURNS = frozenset({";", "but", "while", "whereas", "which", "who"})


def _claimant_of(claims: Sequence[Claim], tokens: list[Token], i: int) -> str | None:
    """Who claims the figure at token ``i``: the nearest claim in its part of the sentence
    ("the ministry said 40 …, but the union said 75"), else the sentence's claimant."""
    part = [0] * len(tokens)
    for k in range(1, len(tokens)):
        part[k] = part[k - 1] + (tokens[k].lower in _TURNS)
    near = [(abs(k - i), text) for k, text in claims if part[k] == part[i]]
    if near:
        return min(near, key=lambda x: x[0])[1]
    return _claimed_by(claims)


def _value(hit: Hit, start: int, sentence: str, **fields: Any) -> FigureValue:
    doc = hit.document
    return FigureValue(
        doc_id=doc.doc_id,
        quote=sentence,
        title=doc.title,
        publisher=doc.publisher,
        url=doc.url,
        start=start,
        end=start + len(sentence),
        page=doc.page_at(start),
        **fields,
    )


def _spans_without_unit(
    tokens: list[Token], quantities: list[Quantity], unit: str | None
) -> str | None:
    """Reads a bare number after "took" or "lasted" (or "ran for") that ends its clause as a
    span in the unit of the span said just before it, in its sentence or the one before ("a
    promise that it would take twelve weeks. It took 21.", "planned to last six weeks, ran
    for nine"); returns the unit of the sentence's last span, for the next sentence."""
    for q in quantities:
        if q.dimension == "duration" and q.unit:
            unit = q.unit
            continue
        if unit is None or q.unit is not None or q.dimension != "count" or q.is_share:
            continue
        if q.j < len(tokens) and tokens[q.j].kind == "word":
            continue  # "took 40 people": a count of its own
        k = q.i - 1
        while k >= 0 and tokens[k].lower in _SPAN_FILLERS:
            k -= 1
        before = tokens[k].lower if k >= 0 else ""
        after_for = before == "for" and k >= 1 and tokens[k - 1].lower in _SPAN_VERBS
        if before in _TOOK or after_for:
            q.unit, q.dimension = unit, "duration"
    return unit


# Verbs a bare span follows ("it took 21"), those a "for" does ("ran for nine"), and words
# between them and the number ("took just 21", "lasted nearly nine").
_TOOK = frozenset({"took", "takes", "lasted", "lasts"})
_SPAN_VERBS = frozenset("ran run lasted continued stayed remained closed shut went carried".split())
_SPAN_FILLERS = frozenset(
    "just only nearly almost about around roughly some over under barely fully".split()
)


def _is_span(tokens: list[Token], q: Quantity, measure: Measure | None) -> bool:
    """A span of time, read as a duration: not the value of an attribute that is not one,
    named shortly before it ("the median age in the city was 42.7 years"); "some households
    had gone 58 hours" and "a duration of 3 hours" are."""
    if q.dimension != "duration":
        return False
    if measure is None or measure.key[0] != "attr":
        return True
    named = {lx.attribute_class(t.text) for t in tokens[max(0, q.i - SPAN_ATTRIBUTE_REACH) : q.i]}
    return not named - {None, "duration"}


def _interval(q: Quantity) -> tuple[float, float]:
    """The figure's interval with rounding tolerance: "600" is 550–650, "about 600" 540–660."""
    low = q.low if q.low is not None else float("-inf")
    high = q.high if q.high is not None else float("inf")
    step = q.precision
    if q.qualifier in {"lower", "atleast"}:
        return low, high
    if q.qualifier in {"upper", "atmost"}:
        return low - step, high
    if q.qualifier == "approx":
        # "about 600" is already 540–660; rounding widens it only where it is wider.
        return min(low, q.value - step), max(high, (q.value_high or q.value) + step)
    return low - step, high + step


def _figures_said(
    tokens: list[Token], signs: frozenset[str], spoken: int, label: str
) -> tuple[list[TimeSpan], list[Quantity], int]:
    """The dates and quantities of a sentence, and the index of its first token an answer
    says: with a speaker's ``label`` (empty for none), only those from the first token at or
    after offset ``spoken`` on, for a question's own figures ("… Riverside Park next
    year?") are asked, not given (a share's base index renumbered)."""
    times = find_dates(tokens)
    taken = {x for d in times for x in range(d.i, d.j)}
    quantities = find_quantities(tokens, taken, signs)
    if not label:
        return times, quantities, 0
    answer = next((k for k, t in enumerate(tokens) if t.start >= spoken), len(tokens))
    kept = [n for n, q in enumerate(quantities) if q.i >= answer]
    at = {old: new for new, old in enumerate(kept)}
    given = []
    for n in kept:
        q = quantities[n]
        base = q.base_index
        given.append(q if base is None else replace(q, base_index=at.get(base)))
    return [d for d in times if d.i >= answer], given, answer


def _answer_claims(claims: list[Claim], label: str, answer: int) -> list[Claim]:
    """An answer's claims: who answers (``label``, a speaker's) claims its figures from token
    ``answer`` on, not the question's claimants; ``claims`` as they are without a label."""
    if not label:
        return claims
    return [(answer, _speaker_name(label)), *((k, c) for k, c in claims if k >= answer)]


def _speaker_name(label: str) -> str:
    """The name of a transcript's speaker label: "**PRIYA SANDHU (host):** " → "Priya
    Sandhu"."""
    name = re.sub(r"\s*\([^)]*\)", "", label).strip().strip("*_:").strip()
    return name.title() if name.isupper() else name


def _sentences(passage: Passage) -> Iterable[tuple[int, str, bool, tuple[int, int]]]:
    """Each sentence of the passage: (absolute start, text, follows another in the passage,
    the absolute span of a speaker's name to pass over). A question a speaker asks and the
    first sentence of the answer on the next line are one ("What did the array cost?" /
    "MARIT HALVORSEN: About eighty-four million pounds, …"): the answer's figure is of what
    was asked, read with the answerer's name passed over."""
    spans = sentence_spans(passage.text)
    text = passage.text
    n = 0
    while n < len(spans):
        s, e = spans[n]
        label = (0, 0)
        first = n == 0
        if n + 1 < len(spans) and text[s:e].endswith("?"):
            nxt_s, nxt_e = spans[n + 1]
            speaker = SPEAKER.match(text, nxt_s)
            if speaker is not None and "\n" in text[e:nxt_s]:
                label = (passage.start + nxt_s, passage.start + speaker.end())
                e = nxt_e
                n += 1
        yield passage.start + s, text[s:e], not first, label
        n += 1


# Passages whose figures are remembered: reading them is most of the cost of an answer, and a
# passage's figures depend on it and its document alone, not on the question.
PASSAGES_REMEMBERED = 50_000


def extract(hits: Sequence[Hit], stored: StoredFigures | None = None) -> list[Mention]:
    """Every count and date in the passages of ``hits``, each with its measure.

    ``stored``: the figures the index's build read from its passages (``hit.row`` is the
    passage's row there). Mentions are shared between answers: treat them as read-only.
    """
    out: list[Mention] = []
    seen: set[tuple[Passage, DocumentMeta]] = set()
    for hit in hits:
        key = (hit.passage, hit.document)
        if key in seen:
            continue
        seen.add(key)
        if stored is not None and hit.row >= 0:
            out.extend(stored.mentions(hit.row, hit.document))
        else:
            out.extend(passage_mentions(hit.passage, hit.document))
    return out


def read_mentions(passage: Passage, document: DocumentMeta) -> tuple[Mention, ...]:
    """The figures of one passage, read now and not remembered (a build reads each once)."""
    return tuple(_read(Hit(passage, document, 0.0, 0.0)))


@lru_cache(maxsize=PASSAGES_REMEMBERED)
def passage_mentions(passage: Passage, document: DocumentMeta) -> tuple[Mention, ...]:
    """The figures of one passage (read once per process, then remembered)."""
    return read_mentions(passage, document)


def _read(hit: Hit) -> list[Mention]:
    """The figures of one passage, sentence by sentence."""
    out: list[Mention] = []
    last_measure: Measure | None = None
    published = published_date(hit.document.published)  # read once for the passage
    signs = currency_signs(hit.passage.text)  # "Mk 4.6m": its "Mk 500" is money too
    span_unit: str | None = None  # the unit of the last span of time read, for "It took 21."
    for start, sentence, continues, (named, spoken) in _sentences(hit.passage):
        if not continues:
            last_measure = span_unit = None
        tokens = [t for t in tokenize(sentence, start) if not named <= t.start < spoken]
        label = sentence[named - start : spoken - start] if spoken > named else ""
        times, quantities, answer = _figures_said(tokens, signs, spoken, label)
        span_unit = _spans_without_unit(tokens, quantities, span_unit)
        claims = _answer_claims(
            _claims(sentence, start, tokens) if (quantities or times) else [], label, answer
        )
        claimed = _claimed_by(claims)
        earlier = any(t.lower in lx.EARLIER_WORDS and t.lower != "first" for t in tokens)
        measures = _measures(tokens, quantities, last_measure)
        _level_before_as_after(tokens, quantities, measures)
        for idx, q in enumerate(quantities):
            duration = _is_span(tokens, q, measures[idx])
            m = DURATIONS if duration else measures[idx] or sum_rate(tokens, q)
            if m is None or _sources(tokens, q) or _speakers(tokens, q, m):
                continue
            if _age(tokens, q) or _statistical(tokens, q):
                continue
            if (
                not duration
                and rate_of(m) is None
                and (period := _period(tokens, quantities, idx, m))
            ):
                m = per_period(m, period)  # "92 trains a day", "11,000 passengers on a weekday"
            # A date by a span of time bounds the span ("19 days, from 2 September"): it does
            # not date a report's estimate.
            span = _as_of(tokens, times, q.i, q.j)
            m = _dated_measure(tokens, span, q, m, duration, published)
            span = None if duration else span
            lo, hi = _interval(q)
            if duration:  # compared in hours: "nearly three weeks" against "19 days"
                hours = lx.HOURS.get(q.unit or "", 1.0)
                lo, hi = lo * hours, hi * hours
            text = _text(sentence, start, tokens, q.i, q.j)
            base_text = _base_text(sentence, start, tokens, q, quantities)
            # "600 deaths", "4,000 evacuees", "4,000 residents": people, unless a thing is counted
            people = m.entity in _PERSONS or (m.entity is None and bool(m.events))
            value = _value(
                hit,
                start,
                sentence,
                text=text,
                low=q.low,
                high=q.high,
                unit=q.unit or ("people" if people and q.dimension == "count" else None),
                as_of=_text(sentence, start, tokens, span.lead, span.j) if span else None,
                claimed_by=_claimant_of(claims, tokens, q.i),
                measure=m.name,
                base=base_text,
                before_change=q.change_from,
            )
            bare = (q.value,) if q.value_high is None else (q.value, q.value_high)
            out.append(
                Mention(
                    value,
                    m,
                    "duration" if duration else "count",
                    q.qualifier,
                    bare,
                    lo,
                    hi,
                    span.order_key if span else None,
                    earlier,
                )
            )
        if measures and any(m is not None for m in measures.values()):
            last_measure = next(m for m in measures.values() if m is not None)
        out.extend(_date_mentions(hit, start, sentence, tokens, times, claimed, published))
    return out


def _base_text(
    sentence: str, start: int, tokens: list[Token], q: Quantity, quantities: Sequence[Quantity]
) -> str | None:
    """The base a share is of, with its noun: "the 11,000 soldiers" of "nearly a quarter of
    the 11,000 soldiers"; None for a figure that is no share of another."""
    if q.base_index is None:
        return None
    b = quantities[q.base_index]
    return _text(sentence, start, tokens, q.j + 1, noun_phrase(tokens, b.j)[1])


def _level_before_as_after(
    tokens: list[Token], quantities: Sequence[Quantity], measures: dict[int, Measure | None]
) -> None:
    """The level a change started from, when words stand between it and its "from", is of the
    measure of the level it reached: "the town council's own contribution rose from the
    planned £30,000 to £34,000" gives both the contribution's, not "planned" its own."""
    for idx, q in enumerate(quantities):
        partner = q.level_of if q.level_of is not None else idx + 1
        if (
            q.change_from
            and q.i >= 1
            and tokens[q.i - 1].lower != "from"
            and partner < len(quantities)
            and measures.get(partner) is not None
        ):
            measures[idx] = measures[partner]


# Adjectives of an event's measure that make it per a period: "the annual saving at £560,000"
# is saved each year, as "will save £640,000 a year" is.
_YEARLY = {
    lx.lemma(w): p for w, p in (("annual", "year"), ("yearly", "year"), ("monthly", "month"))
}


def _period(
    tokens: list[Token], quantities: Sequence[Quantity], idx: int, m: Measure
) -> str | None:
    """The period a count is per ("92 trains a day"); for the level a change started from,
    the period of the level it reached ("cut from £1.4m to £0.9m a year": both a year); else
    an event's by its adjective ("the annual saving")."""
    q = quantities[idx]
    period = count_period(tokens, q)
    if period is None and q.change_from:
        partner = q.level_of if q.level_of is not None else idx + 1
        period = count_period(tokens, quantities[partner]) if partner < len(quantities) else None
    if period is None and m.key[0] == "event":
        period = next((_YEARLY[w] for w in m.words if w in _YEARLY), None)
        # "puts its annual saving at £79,500", "the annual cost of the scheme is £5,000": the
        # adjective by the noun of the measure's event
        period = period or next(
            (
                _YEARLY[tokens[n - 1].lemma]
                for n in range(1, len(tokens))
                if tokens[n - 1].lemma in _YEARLY
                and (lx.event_class(tokens[n].text) or frozenset()) & m.events
            ),
            None,
        )
    return period


# How long before its report a figure's own date must end for the figure to be of an
# earlier event ("its last major earthquake, in 1987, killed 112 people", "the explosion last
# October killed 16 miners" in a March report), not an earlier estimate of this one: in days
# when the report's day is known, in years when only its year is. A follow-up weeks later
# still counts the event it follows.
PAST_DAYS = 120
PAST_YEARS = 2
# Leads that make a figure run up to the report ("since 2019, 4,000 have died"): not past.
_RUNNING_LEADS = frozenset({"since", "from", "by", "until"})


def _told_when(tokens: list[Token], span: TimeSpan, at: int) -> bool:
    """Whether the figure at ``at`` is in a "when" clause after the date that tells what
    happened then: "its worst disruption since 14 August 2023, when an outage forced it to
    cancel 90 flights" dates the 90 to that day, not to a run of time since ("Since March
    2019, when the road closed, 400 drivers have been fined" does not)."""
    k = span.j + (1 if span.j < len(tokens) and tokens[span.j].text == "," else 0)
    if k >= min(at, len(tokens)) or tokens[k].lower != "when":
        return False
    return all(t.text not in {",", ";", ".", ":"} for t in tokens[k:at])


def _past_year(
    tokens: list[Token], span: TimeSpan, published: Published | None, at: int
) -> int | None:
    """The year of a figure's date when it ends long enough before its report; ``at`` is
    where the figure is."""
    if published is None:
        return None
    if (
        span.lead < span.i
        and tokens[span.lead].lower in _RUNNING_LEADS
        and not _told_when(tokens, span, at)
    ):
        return None
    if published.date is None:
        if span.low is None or span.high is None:
            return None
        year = int(span.high // 10000)
        return year if year <= published.year - PAST_YEARS else None
    interval = _date_interval(span, published)
    if interval is None or interval[1] < 10000:
        return None
    high = int(interval[1])
    year, month, day = (
        high // 10000,
        min(max(high // 100 % 100, 1), 12),
        min(max(high % 100, 1), 28),
    )
    return year if (published.date - date(year, month, day)).days >= PAST_DAYS else None


def _dated_measure(
    tokens: list[Token],
    span: TimeSpan | None,
    q: Quantity,
    measure: Measure,
    duration: bool,
    published: Published | None,
) -> Measure:
    """The measure of an earlier event when the figure's date ends long enough before its
    report: "the 1987 quake killed 112" is not this one's toll, "the 2019 dredge took six
    weeks" not how long this one takes. A span is of another time only years before ("a
    17-day freeze in January" in a June report is this winter's), and not when it runs up to
    an event ("over the eleven days before the collapse")."""
    if span is None or not (
        (duration and q.relation is None)
        or _befell(measure)
        or _cost_then(tokens, span, q.i, measure)
    ):
        return measure
    by = Published(published.year) if duration and published is not None else published
    year = _past_year(tokens, span, by, q.i)
    return measure if year is None else past_measure(measure, year)


# What an event did, counted or measured: people, homes, hectares, tonnes.
_BEFALLEN = frozenset({"count", "area", "weight", "volume", "length"})


def _befell(measure: Measure) -> bool:
    """A count or a size of what an event did (deaths, homes destroyed, hectares damaged): one
    dated years earlier is another event's, as is a fine. Another sum or a standing figure ("a
    budget of £1.4 billion approved in 2021", a population) dated earlier is an earlier value
    of the same measure."""
    kind = measure.key[0]
    return (
        kind == "harm"
        or (kind == "event" and measure.key[-1] in _BEFALLEN)  # "9,500 hectares damaged"
        or (kind == "size" and measure.key[-1] in _MOVED)  # "22,000 cubic metres of silt"
        or measure.key == MARGIN.key  # an earlier contest's margin is another contest's
        or bool(measure.events & _ONE_OFF_SUMS)  # "fined Mk 900,000" for an escape in 2022
    )


def _cost_then(tokens: list[Token], span: TimeSpan, q_start: int, measure: Measure) -> bool:
    """Whether a cost is dated by the building, fitting or buying it paid for, right before it
    ("the ramps were installed in 2009 at a cost of £14,500", "bought in 2001 at a cost of
    £2m"): one years earlier paid for another job."""
    if measure.key[:2] != ("event", "cost") or span.lead < 1 or q_start < span.j:
        return False
    if not {t.lower for t in tokens[span.j : q_start]} <= _AT_A_COST:
        return False  # "… cost £2.63m, part of the refurbishment completed in 2019": that job's
    verb = tokens[span.lead - 1]
    return verb.lemma in _PAID_WORKS or bool(
        lx.is_participle(verb.text) and (lx.event_class(verb.text) or frozenset()) & _PAID_EVENTS
    )


_PAID_WORKS = frozenset(lx.lemma(w) for w in ("installed", "fitted", "laid"))
_AT_A_COST = frozenset({"at", "a", "an", "the", "total", "cost", "price", "of", "for", ","})
_PAID_EVENTS = frozenset({"construction", "purchase", "completion", "repair"})


# Sums paid for one incident: one dated years earlier is another incident's.
_ONE_OFF_SUMS = frozenset({"penalty"})


# Sizes of stuff, which an event moves: a volume or a weight dated years earlier is what an
# earlier dredge, spill or harvest moved ("in 2019, when 22,000 cubic metres of material was
# removed"); an area or a length dated earlier is the same thing's earlier size.
_MOVED = frozenset({"volume", "weight"})


def past_measure(measure: Measure, year: int) -> Measure:
    """The measure of an earlier event the figure is dated by: "deaths in 1987", kept apart
    from this one's, with the same events and words."""
    return Measure(
        ("past", str(year), *measure.key),
        f"{measure.name} in {year}",
        measure.events,
        measure.entity,
        measure.words,
    )


def _measures(
    tokens: list[Token], quantities: Sequence[Quantity], last_measure: Measure | None
) -> dict[int, Measure | None]:
    """The measure of each quantity of a sentence, by index; ``last_measure`` is the one the
    sentence before said, for "these figures" of this one."""
    measures: dict[int, Measure | None] = {}
    # Bases first, so that a share can name the measure of its base.
    order = sorted(range(len(quantities)), key=lambda x: quantities[x].is_share)
    parts = _partitives(tokens, quantities)
    for idx in order:
        q = quantities[idx]
        base = measures.get(q.base_index) if q.base_index is not None else None
        # "- Potholes repaired: 11,250": a fact sheet's label says what its figure counts
        m = label_measure(tokens, q, last_measure) if q.dimension != TEMPERATURE else None
        if m is None:
            m = (
                temperature_measure(tokens, q)
                if q.dimension == TEMPERATURE
                else raised_by(tokens, q, cost_of(tokens, q, measure_of(tokens, q, base)))
            )
        relative = _relative_after(tokens, quantities[parts[idx]]) if idx in parts else None
        if idx in parts.values():  # "the 40 passengers" of "12 of the 40 passengers died"
            # "the 15 macaques that broke out" keep what their own clause says befell them
            own = _relative_after(tokens, q)
            m = _whole(m) if own is None else measure_of(tokens[: own[1]], q) or _whole(m)
        elif relative is not None:  # "Thirteen of the 15 … that broke out have been caught"
            m = measure_of(tokens[: relative[0]] + tokens[relative[1] :], quantities[parts[idx]])
        elif idx in parts:  # "12" of it: what the clause says befell them
            m = measure_of(tokens, quantities[parts[idx]])
        if m is None and q.dimension == "percent" and not q.is_share:
            m = _share_of_named(tokens, q)  # "we rang pharmacies, and 55 per cent said …"
        if m is None and q.dimension == "count" and _further(tokens, q.i):
            # "Fourteen eco-moorings were laid … and a further two in October": more of the
            # sentence's count before, not of the sentence before's
            before = next((measures[w] for w in range(idx - 1, -1, -1) if measures.get(w)), None)
            m = _additional(before) if before is not None else None
        # "these figures … increasing from approximately 3,000": the sentence before
        # said what is counted.
        if (
            m is None
            and last_measure is not None
            and not q.is_share
            and q.dimension == "count"
            and any(t.lower in lx.FIGURE_NOUNS or t.lower in lx.ANAPHORS for t in tokens)
        ):
            m = named_part(tokens, q, last_measure) or last_measure  # "Of those, 93 were books"
        if m is not None and m.key == getattr(last_measure, "key", None):
            # "Of them, 29 have been admitted to hospital": fewer than the injured before
            m = verb_part(tokens, q, last_measure) or m
        if whole_pronoun(tokens, q) is not None:
            # "three of which were classed as critical": a part of the count before
            counted = next((measures[w] for w in range(idx - 1, -1, -1) if measures.get(w)), None)
            m = judged_part(tokens, q, counted or last_measure) or m
        m = vote_side(tokens, q, own_part(tokens, q, narrowed_part(tokens, q, m)))
        m = source_part(tokens, q, m)  # "£18,500 would come from the council's reserves"
        m = left_part(tokens, q, earlier_record(tokens, q, aim_of(tokens, q, m)))  # aim, left
        measures[idx] = peak_of(
            tokens, quantities, idx, margin_of(tokens, q, limit_of(tokens, q, m))
        )
    for idx, q in enumerate(quantities):
        # "the selling club put the fee at £64m, while the buyers said it was £60m": "it"
        # restates the figure before, of the same kind, as another party's.
        before = measures.get(idx - 1) if idx else last_measure
        contrasted = idx > 0 and before is not None and before.key[0] != "share"
        if (_restated(tokens, q) or (contrasted and _contrasted(tokens, q))) and (
            before is not None and _same_kind(before, q)
        ):
            measures[idx] = before
    for part, whole in parts.items():
        whole_m, part_m = measures.get(whole), measures.get(part)
        if whole_m is not None and part_m is not None and whole_m.key == part_m.key:
            # "27 of the country's 40 health regions were reporting problems": both read as
            # regions, but the 40 is the whole the 27 are part of, not another count of them
            measures[whole] = None
    for idx, q in enumerate(quantities):
        if q.level_of is not None and measures.get(q.level_of) is not None:
            measures[idx] = measures[q.level_of]  # "rose to 61% from 58%": turnout both
        elif measures.get(idx) is None and idx:
            measures[idx] = level_change(tokens, q, measures.get(idx - 1))  # "£38.6m, up 14%"
    return measures


# What sets a figure against the one before it, as another value of the same measure: "14
# officers were injured, not 11 as first stated", "not the eleven reported by the force",
# "cost €2.35 million, well above the €1.6 million estimated", "458 flights were cancelled,
# against the 437 the airline gave at the time"; for a count also "64 people are
# now known to have been injured, up from the 27 reported", "16,690 colonies perished …,
# compared with 16,250 in its release of 2 June" (a sum "up from" one is mostly
# another year's: "£1.84 billion next year, up from £1.79 billion").
_CONTRASTS = frozenset({("not",), ("instead", "of"), ("rather", "than")})
_COUNT_CONTRASTS = frozenset(
    {("up", "from"), ("down", "from"), ("compared", "with"), ("compared", "to")}
)
_CONTRASTS_NAMED = frozenset({"above", "below", "beyond", "against", "versus"})


def _contrasted(tokens: list[Token], q: Quantity) -> bool:
    """Whether ``q`` is another value for the figure before it in its sentence, set against
    it ("not 11", "well above the €1.6 million", "above the police figure of 38,500"), and
    names nothing it counts of its own."""
    words = noun_phrase(tokens, q.j)[0]
    if words and not (len(words) == 1 and lx.is_participle(words[0].text)):
        return False  # "up from the 122 deaths": its own noun says what it counts
    if q.i >= 3 and tokens[q.i - 1].lower == "of" and tokens[q.i - 2].lower in lx.RESTATING_NOUNS:
        # "the police figure of 38,500": whose figure, not what it counts; "a total of" opens
        # a figure of its own
        return tokens[q.i - 3].lower not in {"a", "an"}
    k = q.i - 1
    named = k >= 0 and tokens[k].lower == "the"
    if named:
        k -= 1
    if k < 0:
        return False
    if named and tokens[k].lower in _CONTRASTS_NAMED:
        return True
    pair = (tokens[k - 1].lower, tokens[k].lower) if k else ("", "")
    counted = q.dimension == "count" and pair in _COUNT_CONTRASTS
    contrast = (tokens[k].lower,) in _CONTRASTS or pair in _CONTRASTS or counted
    return contrast or _claimed_against(tokens, k, q.j)


# A clause set against the one before ("…, while the organisers claimed 20,000"): its claim,
# naming nothing counted, is another value for the figure before.
_AGAINST = frozenset({"while", "whereas", "but"})
_AGAINST_REACH = 6  # words from the comma to the claiming verb


def _claimed_against(tokens: list[Token], k: int, j: int) -> bool:
    """Whether the word at ``k``, right before a figure that ends its clause at ``j``, is a
    verb of claiming in a clause that opens with a comma and "while", "whereas" or "but"
    ("… said 300 were treated" says what its figure counts)."""
    if tokens[k].lower not in lx.REPORTING_VERBS or (j < len(tokens) and tokens[j].is_word):
        return False
    return any(
        tokens[m].text == "," and tokens[m + 1].lower in _AGAINST
        for m in range(max(0, k - _AGAINST_REACH), k - 1)
    )


# A pronoun that stands for the figure before and a verb that gives it a value: "said it was
# £60m", "put it at 75".
_RESTATING = frozenset({"was", "is", "were", "be", "stood", "at"})


def _restated(tokens: list[Token], q: Quantity) -> bool:
    """Whether ``q`` gives another value to the figure before: "said it was £60m", "put the
    figure at 75", "put the number nearer 60", "the real figure will be barely £30m"."""
    if linked_to_figure(tokens, q):
        return True
    k = q.i - 1
    if k >= 1 and tokens[k].lower in _RESTATING and tokens[k - 1].lower == "it":
        return True
    if k >= 0 and tokens[k].lower in _RESTATING:
        k -= 1
    return (
        k >= 1
        and tokens[k].lower in lx.RESTATING_NOUNS
        and tokens[k - 1].lower in {"the", "that", "this", "its", "their"}
    )


def _same_kind(measure: Measure, q: Quantity) -> bool:
    """Whether a measure can be of quantity ``q``: a sum of money of money, a count of a count,
    a volume of a volume ("totalled 248,000 litres, not the 262,400 litres announced")."""
    money = "money" in measure.key
    return money == (q.dimension == "money") and (
        money or q.dimension == "count" or measure.key[-1] == q.dimension
    )


def _partitives(tokens: list[Token], quantities: Sequence[Quantity]) -> dict[int, int]:
    """Counts that are part of the count right after them: "Twelve of the 40 passengers
    died", "about 300 of the company's 1,200 workers were laid off" → {part: whole}."""
    out: dict[int, int] = {}
    for a, q in enumerate(quantities):
        if q.dimension != "count" or q.is_share or q.j >= len(tokens) or tokens[q.j].lower != "of":
            continue
        k = q.j + 1
        while k < len(tokens) and (
            tokens[k].lower in lx.DETERMINERS or tokens[k].lower.endswith(("'s", "’s"))
        ):
            k += 1
        whole = next((b for b, r in enumerate(quantities) if r.i == k), None)
        if whole is not None and quantities[whole].dimension == "count" and whole != a:
            out[a] = whole
    return out


_SHARE_REACH = 16  # words back to the things a bare percentage is a share of


def _share_of_named(tokens: list[Token], q: Quantity) -> Measure | None:
    """A percentage that opens a clause with no "of" and names nothing ("When we rang round
    pharmacies this week, 55 per cent said they had none"): a share of the things its
    sentence named last before it; None when its next word is no verb or none are named."""
    after = tokens[q.j] if q.j < len(tokens) else None
    if after is None or after.kind != "word":
        return None
    if not (is_verbish(after) or after.lower in lx.AUXILIARIES | lx.REPORTING_VERBS):
        return _share_of_verb(tokens, q)
    for t in reversed(tokens[max(0, q.i - _SHARE_REACH) : q.i]):
        if t.kind != "word" or t.is_capitalized or t.lower in lx.FUNCTION_WORDS:
            continue
        if t.lower in lx.DURATION_UNITS or lx.lemma(t.text) == t.lower or is_verbish(t):
            continue
        if t.lower.endswith("s") and not lx.event_class(t.text):
            return Measure(("share", share_key(t)), f"share of {t.lower}", words=("share", t.lemma))
    return None


# Words after a verb of the present: "live in", "want to", "think that", "own a".
_VERB_AFTER = lx.PREPOSITIONS | lx.DETERMINERS | {"to", "that", "outside", "inside", "abroad"}


def _share_of_verb(tokens: list[Token], q: Quantity) -> Measure | None:
    """A percentage that opens its sentence, followed by a verb of the present ("Fifty-eight
    per cent live in the parish"): a share of those who do what the verb says, keyed by the
    verb ("share of live")."""
    after, then = tokens[q.j], tokens[q.j + 1] if q.j + 1 < len(tokens) else None
    if (
        q.i != 0
        or after.lower in lx.FUNCTION_WORDS
        or then is None
        or then.lower not in _VERB_AFTER
    ):
        return None
    return Measure(("share", after.lemma), f"share of {after.lower}", words=("share", after.lemma))


# Relative pronouns that open a clause saying what befell a whole ("the 15 macaques that
# broke out"), and the auxiliaries that open the main clause after it ("have been caught").
_RELATIVES = frozenset({"that", "who", "which"})
_MAIN_AUXILIARIES = frozenset({"have", "has", "had", "are", "were", "was", "is", "will"})
_NOUN_REACH = 4  # words of a whole's noun before its relative pronoun ("Barbary macaques")
_CLAUSE_REACH = 20  # words of a relative clause before the main clause's auxiliary


def _relative_after(tokens: list[Token], whole: Quantity) -> tuple[int, int] | None:
    """Where the relative clause right after a whole's noun starts and ends: "the 15 Barbary
    macaques [that broke out of the park last Saturday] have now been caught"; None when the
    noun has none, or no auxiliary opens a main clause after it."""
    end = min(len(tokens), whole.j + _NOUN_REACH + 1)
    start = next((k for k in range(whole.j, end) if tokens[k].lower in _RELATIVES), None)
    if start is None or any(t.kind not in {"word", "num"} for t in tokens[whole.j : start]):
        return None
    said = False  # a word of the clause's own besides its auxiliaries
    for k in range(start + 1, min(len(tokens), start + _CLAUSE_REACH)):
        t = tokens[k]
        if t.kind not in {"word", "num"}:
            if t.text in {",", ";", ":", ".", "?", "!"}:
                return None
        elif t.lower in lx.REPORTING_VERBS:
            return None  # "… who survived said the crew had helped": "said" is the main verb
        elif said and t.lower in _MAIN_AUXILIARIES:
            return start, k
        elif t.lower not in lx.AUXILIARIES:
            said = True
    return None


def _further(tokens: list[Token], i: int) -> bool:
    """Whether "a further", "another" or "an additional" stands right before the figure at
    ``i`` ("a further two in October")."""
    return i >= 1 and tokens[i - 1].lower in _FURTHER


_FURTHER = frozenset({"further", "another", "additional", "extra"})


def _additional(m: Measure) -> Measure:
    """``m`` as more of it: "additional eco-moorings laid" (keyed "+", as "a further 40
    homes" is)."""
    key = m.key
    if key[0] == "event" and len(key) >= 4 and key[3] == "":
        key = (*key[:3], "+", *key[4:])
    elif key[0] == "entity" and len(key) == 3 and key[2] == "":
        key = (*key[:2], "+")
    else:
        return m
    return Measure(key, f"additional {m.name}", m.events, m.entity, m.words)


def _whole(m: Measure | None) -> Measure | None:
    """The measure of a whole that a part is counted of: what it counts, not what befell the
    part ("40 passengers", not "40 deaths")."""
    if m is None or m.entity is None:
        return None
    return Measure(("entity", m.entity, ""), m.entity, entity=m.entity, words=(m.entity,))


def _year_before(
    tokens: list[Token],
    span: TimeSpan,
    interval: tuple[float, float, str | None] | None,
    published: Published | None,
) -> tuple[float, float, str | None] | None:
    """A day without a year that falls after its report, said of what is done: the year
    before the report's ("It is four months since the cameras were switched on on 3
    November", in a March report, was last November)."""
    if (
        interval is None
        or published is None
        or published.date is None
        or span.low is not None
        or span.relative is not None
        or span.day_low is None
        or interval[0] < 10000
    ):
        return interval
    start = int(interval[0])
    pub = published.date
    if (start // 100 % 100, start % 100) <= (pub.month, pub.day) or not _done_before(tokens, span):
        return interval
    return interval[0] - 10000, interval[1] - 10000, interval[2]


def _done_before(tokens: list[Token], span: TimeSpan) -> bool:
    """Whether a verb just before a date's phrase is in the past ("were switched on on",
    "began issuing penalties on"), with no word of what is to come in its clause ("will be
    switched on on", "is expected to reopen on")."""
    clause = []
    for t in reversed(tokens[max(0, span.lead - _DATE_CLAUSE_REACH) : span.lead]):
        if t.kind != "word":
            break
        clause.append(t.lower.replace("’", "'"))
    if any(w in _FUTURE_MARKS or w in _PLANNED or w.endswith("'ll") for w in clause):
        return False
    verbs = [w for w in clause if w not in lx.PARTICLES and w not in {"on", "in"}]
    return any(lx.is_participle(w) or w in _WAS for w in verbs[:_PAST_REACH])


# Words that make a date one to come ("will open on", "is expected on", "due to close on").
_FUTURE_MARKS = frozenset({"will", "shall", "would", "won't", "to", "from", "until"})
_PLANNED = frozenset(
    "expected scheduled planned timetabled proposed intended pencilled penciled due set".split()
)
_WAS = frozenset({"was", "were"})
_DATE_CLAUSE_REACH = 8  # words back from a date's phrase, within its clause
_PAST_REACH = 3  # words back to a verb in the past: "began issuing penalties on"


def _date_interval(
    span: TimeSpan, published: Published | None
) -> tuple[float, float, str | None] | None:
    """The span's days as YYYYMMDD, and how a relative span reads once resolved ("fall
    2024"). A day or month without a year takes the report's year when it has one, else
    stays MMDD (compared with other dates on month and day only); a span relative to the
    report ("last fall", "on Wednesday") is read against its publication date."""
    if span.low is not None and span.high is not None:
        return span.low, span.high, None
    if span.relative is not None:
        days = resolve(span, published)
        return None if days is None else (*days, describe(*days))
    if span.day_low is None or span.day_high is None:
        return None
    base = float(published.year * 10000) if published else 0.0
    return base + span.day_low, base + span.day_high, None


# Superlatives that make "since 1998" a point of comparison, not the date of an event:
# "the worst flood in the valley since 1998", "the highest turnout since 2008"; so does
# "first" ("the first strike at the firm since 2004": the one before was then).
_SUPERLATIVES = frozenset(
    """worst best most least highest lowest largest biggest greatest smallest fewest strongest
    weakest deadliest heaviest wettest driest hottest coldest warmest longest shortest busiest
    costliest severest fastest slowest first""".split()
)


def _verb_phrase(
    tokens: list[Token], k: int
) -> tuple[Token, str, frozenset[str] | None, int, bool]:
    """The verb ending at ``k`` before a date, as it is said, its event class, where its
    subject is, and whether it says only that something happened ("took place",
    "happened", "was held"): such a verb has its subject's class ("the walkout took place
    on …" dates a strike), and after a comma its noun's ("yesterday's race, held on …")."""
    verb = tokens[k]
    cls = lx.date_event_class(verb.text)
    m = k - 1
    said = verb.lower
    light = verb.lemma in lx.HAPPENING_VERBS
    if cls is None and (pair := lx.verb_object_class(tokens[m].text, verb.text)):
        said = f"{tokens[m].lower} {verb.lower}"  # "the dam gave way on …"
        cls, verb, m = frozenset({pair}), tokens[m], m - 1
    elif tokens[m].lemma == _TAKE and verb.lower == "place":
        said = f"{tokens[m].lower} {verb.lower}"  # "the march took place on …"
        verb, m, light = tokens[m], m - 1, True
    while m >= 0 and (
        tokens[m].lower in lx.AUXILIARIES | _SUBJECT_SKIPS or (light and tokens[m].lower == "to")
    ):
        m -= 1  # "expects the 2027 race to be held on …", "it will now close"
    if light and m >= 1 and tokens[m].text == "," and verb.lower == verb.text:
        m -= 1  # "the race, held on …"
    m = _topic_head(tokens, m)
    if light and cls is None and m >= 0 and tokens[m].kind == "word":
        cls = lx.date_event_class(tokens[m].text)
    return verb, said, cls, m, light


_TAKE = lx.lemma("take")
# Adverbs between a subject and its verb: "the offer will now close on …", "the blocks
# finally closed on 15 June".
_SUBJECT_SKIPS = frozenset(
    """now also still already just then finally eventually officially formally actually
    initially originally temporarily permanently""".split()
)


def _compared_since(tokens: list[Token], span: TimeSpan) -> bool:
    if span.lead == span.i or tokens[span.lead].lower != "since":
        return False
    return any(t.lower in _SUPERLATIVES for t in tokens[max(0, span.lead - 8) : span.lead])


def _date_measure(tokens: list[Token], span: TimeSpan, lifespan: int | None) -> Measure | None:
    """What a date dates: an event word near it ("was born on …", "opened in 1891"), the two
    ends of a life span "(3 July 1750 – 28 February 1825)", else the subject of the verb
    before it ("The levee broke on 3 March")."""
    if _compared_since(tokens, span):
        return None  # "the worst flood in the valley since 1998": a point of comparison
    if time_point_before(tokens, span.lead):
        return None  # "before the end of this year": a time, not the date of an end
    if lifespan is not None:
        event = "birth" if lifespan == 0 else "death"
        return _event_date(event, event)
    # A date that modifies a noun: "the landmark 2024 defense treaty"; a possessive one
    # after its preposition too: "took part in Sunday's election".
    if span.lead == span.i or tokens[span.j - 1].lower.endswith("'s"):
        words, _ = noun_phrase(tokens, span.j)
        if words and not words[-1].is_capitalized and lx.date_event_class(words[-1].text) is None:
            head = words[-1]
            return Measure(
                ("date", head.lemma),
                " ".join(t.lower for t in words),
                words=tuple(t.lemma for t in words),
            )
        named = lx.date_event_class(words[-1].text) if words else None
        if named and len(named) == 1:  # "the 21 July blackout", "the 1891 opening"
            return _event_date(next(iter(named)), words[-1].lemma)
    # The verb right before the date's phrase: "was born on …", "The levee broke on …",
    # also past a comparison: "will begin earlier than planned, on 28 June".
    k = _before_fillers(tokens, span.lead - 1)
    k = _past_comparison(tokens, k)
    k = _past_particle(tokens, k)
    governing = _governing_verb(tokens, k) if k >= 1 else None
    if governing is not None:
        # "built the fort of volcanic rock in 1867": the verb's event, not "volcanic rock";
        # "opened a formal investigation on 26 May": the event it names with its object
        governed = _until_end(tokens, span, lx.date_event_class(tokens[governing].text))
        after = [t.lemma for t in tokens[governing + 1 : k + 1]]
        if governed and (pair := lx.pair_in(tokens[governing].text, after)) is not None:
            return _event_date(pair, tokens[governing].lemma)
        if governed and len(governed) == 1:
            return _event_date(next(iter(governed)), tokens[governing].lemma)
    particle = k >= 1 and lx.verb_object_class(tokens[k - 1].text, tokens[k].text) is not None
    if (
        k >= 1
        and tokens[k].kind == "word"
        and (tokens[k].lower not in lx.FUNCTION_WORDS or particle)
    ):
        verb, said, cls, m, light = _verb_phrase(tokens, k)
        cls = _until_end(tokens, span, cls)
        subject = tokens[m] if m >= 0 else None
        common = (
            subject is not None
            and subject.kind == "word"
            and subject.lower not in lx.FUNCTION_WORDS
            and not subject.is_capitalized
        )
        if subject is not None and common and cls == {"start"} and verb.lemma == lx.lemma("broke"):
            cls = frozenset({lx.broke_out(subject.text)})  # "the wolves broke out on …"
        if subject is not None and common and not (light and cls):
            return _subject_date(tokens, m, verb, said, cls)
        if cls and len(cls) == 1:
            return _event_date(next(iter(cls)), verb.lemma)
        passive = m + 1 < k and tokens[m + 1].lower in lx.AUXILIARIES
        if cls is None and passive and _own_verb(verb) and k == span.lead - 1:
            # "He was convicted on 24 July after a trial that began on 17 March": the
            # verb right before the date dates what it says, though no class names it.
            return _verb_date(verb)
    if k >= 1 and tokens[k].lower in _OBJECT_PRONOUNS and _own_verb(tokens[k - 1]):
        return _verb_date(tokens[k - 1])  # "announced the recall and expanded it on 22 May"
    return _event_near(tokens, span)


# "at night", "every evening", "each weekend": when in the day or week, not what happened.
_HOURS = frozenset({"night", "evening", "morning", "afternoon", "day", "weekend"})
_HOURS_LEADS = frozenset({"at", "every", "each", "by"})


def _past_particle(tokens: list[Token], k: int) -> int:
    """The verb of a passive's particle that makes no event with it, before a date's
    preposition: "the overhaul was carried out in 1968" dates what "carried" says of its
    subject; not "the fire broke out on Sunday" (a start), nor "the first cabinet went up last
    Thursday" (keyed by its verb, as it was)."""
    if (
        k >= 2
        and tokens[k].lower == "out"  # "was put back from 26 February" is put off, not done
        and lx.is_participle(tokens[k - 1].text)
        and tokens[k - 2].lower in lx.AUXILIARIES  # passive: "was carried out", not "went up"
        and lx.verb_object_class(tokens[k - 1].text, tokens[k].text) is None
    ):
        return k - 1
    return k


def _hours_of_day(tokens: list[Token], k: int) -> bool:
    """Whether ``tokens[k]`` ends a phrase of the hours something holds at ("will stay
    closed at night until …", "shut every night from …")."""
    return k >= 1 and tokens[k].lower in _HOURS and tokens[k - 1].lower in _HOURS_LEADS


def _before_fillers(tokens: list[Token], k: int) -> int:
    """Where the words before a date's preposition ending at ``k`` start to say what is
    dated, past adverbs, particles and the hours it holds at ("was closed nightly until",
    "will stay closed at night until")."""
    while k >= 0 and (
        tokens[k].lower in lx.ADVERB_FILLERS
        or tokens[k].lower.endswith("ly")
        or tokens[k].lower in lx.PARTS
        or tokens[k].lower == "overnight"
        or _hours_of_day(tokens, k)
    ):
        k -= 2 if _hours_of_day(tokens, k) else 1
    return k


def _until_end(
    tokens: list[Token], span: TimeSpan, cls: frozenset[str] | None
) -> frozenset[str] | None:
    """The event a date ends when its state is kept "until" it: "remains open until Monday 2
    March" closes then, "will stay closed to visitors until 9 May" opens again then."""
    if cls is None or len(cls) != 1 or tokens[span.lead].lower not in {"until", "till"}:
        return cls
    (event,) = cls
    return frozenset({lx.UNTIL_ENDS[event]}) if event in lx.UNTIL_ENDS else cls


def _topic_head(tokens: list[Token], m: int) -> int:
    """Where the head of a subject ending at ``m`` is when a phrase of what it is about
    follows the head: "the consultation on a fenced dog area closed" dates the consultation,
    not the area ("a section of the culvert collapsed" keeps the culvert)."""
    if m < 0 or tokens[m].kind != "word" or tokens[m].lower in lx.FUNCTION_WORDS:
        return m  # no subject noun to look past
    for j in range(m - 1, max(0, m - 6), -1):
        t = tokens[j]
        if t.kind != "word" or t.lower in lx.RELATIVE_PRONOUNS | {"and", "or"}:
            return m
        if t.lower in _ABOUT:
            head = tokens[j - 1]
            common = head.kind == "word" and not head.is_capitalized
            before = tokens[j - 2].lower if j >= 2 else ""
            noun = not is_verbish(head) or before in lx.DETERMINERS or before.endswith("'s")
            if common and head.lower not in lx.FUNCTION_WORDS and noun:
                return j - 1  # "the vote on the budget", a noun by its determiner
            return m
    return m


# Prepositions that open what a thing is about: "the consultation on …", "the inquiry into …".
_ABOUT = frozenset({"on", "into", "about", "over"})
_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her"})
_EARLIER_OR_LATER = frozenset({"earlier", "later", "sooner"})


def _past_comparison(tokens: list[Token], k: int) -> int:
    """Where the verb before a comparison set off by a comma ending at ``k`` is ("begin
    earlier than planned, on 28 June", "opened ahead of schedule, in May"); else ``k``."""
    c = k - 1 if k >= 1 and tokens[k].lower in {"on", "in", "at"} else k
    if c < 4 or tokens[c].text != ",":
        return k
    if tokens[c - 2].lower == "than" and tokens[c - 3].lower in _EARLIER_OR_LATER:
        return c - 4
    if tokens[c - 1].lower == "schedule" and tokens[c - 3].lower in {"ahead", "behind"}:
        return c - 4
    return k


def _subject_date(
    tokens: list[Token], m: int, verb: Token, said: str, cls: frozenset[str] | None
) -> Measure:
    """What happened to a thing is keyed by the thing (``tokens[m]``): "the levee broke",
    "failed", "burst" are one event; "a treaty established in 2024" one with "the 2024
    treaty"."""
    subject = tokens[m]
    mod = tokens[m - 1] if m >= 1 else None
    cues = [subject.lemma, verb.lemma]
    if mod is not None and mod.kind == "word" and mod.lower not in lx.FUNCTION_WORDS:
        cues.append(mod.lemma)
    return Measure(
        ("date", subject.lemma),
        f"{subject.lower} {said}",
        frozenset(cls or ()),
        words=tuple(cues),
    )


def _verb_date(verb: Token) -> Measure:
    """The date of what a verb no class holds says: keyed apart from a noun of the same stem
    ("recalled last month" is not "the recall")."""
    return Measure(("date", f"~{verb.lemma}"), verb.lower, words=(verb.lemma,))


# Verbs before a date that date another event or its telling, not one of their own:
# "is expected on", "was scheduled for", "said on".
_NOT_OWN_DATE_VERBS = (
    lx.REPORTING_VERBS
    | lx.LINKING_VERBS
    | frozenset(
        """expected scheduled planned set due slated timetabled pencilled penciled intended
        dated updated""".split()
    )
)


def _own_verb(verb: Token) -> bool:
    """Whether ``verb`` is a past participle that names an event of its own ("convicted",
    "charged", "sentenced"), not a saying, a linking verb or a plan."""
    return (
        verb.kind == "word"
        and lx.is_participle(verb.text)
        and verb.lower not in _NOT_OWN_DATE_VERBS
        and lx.lemma(verb.text) not in lx.ANNOUNCE_WORDS
    )


def _event_near(tokens: list[Token], span: TimeSpan) -> Measure | None:
    """The event word nearest a date in its clause: "the 1891 opening", "opened … in 1891";
    before the date rather than after its phrase, when both are near."""
    best: tuple[int, str, str] | None = None
    opens = _opens(tokens, span.lead)
    for k, t in enumerate(tokens):
        if t.kind != "word" or span.lead <= k < span.j or t.lower in lx.FIGURE_NOUNS:
            continue
        between = tokens[k : span.lead] if k < span.lead else tokens[span.j : k]
        opening = k >= span.j and opens
        if opening and between and between[0].text == ",":
            between = between[1:]  # "On 6 March 2025, the 07:05 service derailed …"
        if opening:
            between = _without_appositives(between)  # "Jory Pell, a face worker, became"
        if any(x.text in {",", ";", ":", "—"} for x in between):
            continue
        # "got under way at the High Court on 16 March"; "completed a connection …": the
        # verb and its object say the event, before the verb alone
        pair = lx.pair_in(t.text, [x.lemma for x in tokens[k + 1 : k + 4]])
        cls = frozenset({pair}) if pair else lx.date_event_class(t.text)
        if cls and len(cls) == 1:
            gap = len(between)
            if gap > (OPENING_GAP if opening else 8):
                continue
            if k >= span.j and span.lead < span.i:
                gap += AFTER_PHRASE  # "in 1850" says when the verb before it happened
            if best is None or gap < best[0]:
                best = (gap, next(iter(cls)), t.lemma)
    return _event_date(best[1], best[2]) if best is not None else None


def _governing_verb(tokens: list[Token], k: int) -> int | None:
    """When the word at ``k`` ends a noun phrase rather than being a verb, the verb form the
    phrase follows: no verb form itself, and a determiner or preposition before it with only
    modifiers between, after a verb ("built the fort of volcanic rock in 1867", "elected to an
    at-large district in 1954"); "the levee broke on 3 March" has no verb before "the levee":
    None."""
    reason = k >= 1 and tokens[k - 1].lower == "for"
    if is_verbish(tokens[k]) and not reason:
        return None  # a verb; not the reason for one ("sold for scrap in 1937")
    for d in range(k - 1, max(-1, k - 1 - NOUN_PHRASE_WORDS), -1):
        t = tokens[d]
        if t.lower in lx.DETERMINERS or t.lower in lx.PREPOSITIONS:
            return _verb_before(tokens, d)
        if t.text in {"-", "‑"} and t.glued:
            continue
        if _modifier(tokens, d):
            continue  # "scrapped the closing night on …": "closing" names the night
        if t.kind != "word" or t.lower in lx.FUNCTION_WORDS or is_verbish(t):
            return None
    return None


def _modifier(tokens: list[Token], d: int) -> bool:
    """Whether the word at ``d`` is an -ing form right after a determiner, before its noun:
    "the closing night", "the opening ceremony"."""
    t = tokens[d]
    return d >= 1 and t.lower.endswith("ing") and tokens[d - 1].lower in lx.DETERMINERS


def _verb_before(tokens: list[Token], d: int) -> int | None:
    """The verb form shortly before ``d`` in the same clause, if any."""
    for n in range(d - 1, max(-1, d - 1 - NOUN_PHRASE_WORDS), -1):
        t = tokens[n]
        if t.kind == "punct" and t.text not in {"-", "‑"}:
            return None
        if is_verbish(t):
            return n
    return None


# The most words between a determiner and the noun that ends its phrase.
NOUN_PHRASE_WORDS = 4

# A date among the first few words of its sentence dates the sentence's event, however far
# after it ("At 04:41 on 3 August 2026 the tanker Maren Sol and the bulk carrier Kestrel Bay
# collided …"): the words it may open with, and how far its event word may come after it.
OPENING_WORDS = 4
OPENING_GAP = 16

# Before a date that opens its sentence, only times and other names of the same day: "At
# 21:15 yesterday, Monday 16 March, …", "In the early hours of Sunday 6 September".
_OPENING_TIME_WORDS = (
    frozenset(
        """at on in by shortly just soon early late after before around about yesterday today
    tonight last night morning afternoon evening am pm a.m. p.m. the of hours small dawn
    midnight""".split()
    )
    | lx.WEEKDAYS
)


def _opens(tokens: list[Token], lead: int) -> bool:
    """Whether the date starting at ``lead`` opens its sentence: among its first words, or
    after nothing but times and names of the same day, or right after a colon or semicolon
    ("For those who weren't here: on the night of 10 February, gas escaped …")."""
    start = max((n + 1 for n in range(lead) if tokens[n].text in {":", ";"}), default=0)
    if lead - start <= OPENING_WORDS:
        return True
    return all(
        t.kind == "num" or t.text in {",", ":", "."} or t.lower in _OPENING_TIME_WORDS
        for t in tokens[start:lead]
    )


# An appositive after a name opens with one of these: "Jory Pell, a 24-year-old face worker,".
_APPOSITIVE_OPENERS = lx.DETERMINERS | {"who", "whose", "which", "aged"}
APPOSITIVE_WORDS = 10
# Phrases set off by commas that tell where something was or what it was doing, not what
# happened: "the Saltholm Star, operating the 20:55 sailing from Port Aldane, grounded",
# "the ferry, on passage from Port Aldane with 318 passengers, grounded".
_DESCRIBING_OPENERS = frozenset({"on", "with", "from", "carrying", "bound"})
DESCRIBING_WORDS = 14


def _without_appositives(between: list[Token]) -> list[Token]:
    """``between`` without the phrases set off by commas that describe the word before them
    ("Jory Pell, a 24-year-old face worker, became …")."""
    out: list[Token] = []
    n = 0
    while n < len(between):
        t = between[n]
        reach = _parenthesis_reach(between[n + 1]) if t.text == "," and n + 1 < len(between) else 0
        if reach:
            close = next(
                (
                    m
                    for m in range(n + 1, min(len(between), n + 2 + reach))
                    if between[m].text == ","
                ),
                None,
            )
            if close is not None:
                n = close + 1
                continue
        out.append(t)
        n += 1
    return out


def _parenthesis_reach(opener: Token) -> int:
    """How many words a phrase set off by commas that opens with ``opener`` may run to, when
    it describes the word before it (0 when it does not open such a phrase)."""
    if opener.lower in _APPOSITIVE_OPENERS:
        return APPOSITIVE_WORDS
    participle = opener.lower.endswith("ing") and lx.lemma(opener.text) != opener.lower
    return DESCRIBING_WORDS if participle or opener.lower in _DESCRIBING_OPENERS else 0


# How many words further an event word after a dated phrase counts than one before it:
# "constructed by Dr. Prichard in 1850 on land purchased from …" dates the building.
AFTER_PHRASE = 5


def _event_date(event: str, word: str) -> Measure:
    name = _DATE_NAMES.get(event, lx.EVENT_NAMES[event])
    return Measure(("date", event), name, frozenset({event}), words=(word,))


_DATE_NAMES = {
    "birth": "born",
    "death": "died",
    "vote": "voted",
    "protest": "protested",
    "outage": "outage",  # "the 14 June outage", where counts of it are "homes cut off"
}


def _lifespan_index(tokens: list[Token], times: list[TimeSpan], n: int) -> int | None:
    """0 or 1 when time ``n`` is the start or end of "(DATE – DATE)"."""
    for first, second in ((n, n + 1), (n - 1, n)):
        if first < 0 or second >= len(times):
            continue
        a, b = times[first], times[second]
        if (
            a.i >= 1
            and tokens[a.i - 1].text == "("
            and b.j < len(tokens)
            and tokens[b.j].text == ")"
            and b.i == a.j + 1
            and tokens[a.j].text in {"-", "–", "—"}
        ):
            return n - first
    return None


def _date_mentions(
    hit: Hit,
    start: int,
    sentence: str,
    tokens: list[Token],
    times: list[TimeSpan],
    claimed: str | None,
    published: Published | None,
) -> list[Mention]:
    """Dates, each with what it dates; a date without a year takes the report's year
    (``published``, read from ``hit``'s document)."""
    out: list[Mention] = []
    dated = [
        (span, measure)
        for n, whole in enumerate(times)
        if not _in_dateline(tokens, whole)  # the day the report was filed, not of what it tells
        for span, measure in _run_ends(
            tokens, whole, _date_measure(tokens, whole, _lifespan_index(tokens, times, n))
        )
    ]
    for span, measure in dated:
        interval = _year_before(tokens, span, _date_interval(span, published), published)
        relative = relative_key(span) if interval is None else None
        if interval is None and relative is None:
            continue
        if measure is None:
            # Kept for a when-question whose words the sentence shares, after the others.
            words = tuple(
                t.lemma for t in tokens if t.kind == "word" and t.lower not in lx.FUNCTION_WORDS
            )
            measure = Measure(("date", OTHER), OTHER_NAME, words=words)
        elif _later_event(tokens, span, again=_REOPENING not in measure.events):
            measure = _later(measure)
        low, high, resolved = interval if interval else (None, None, None)
        value = _value(
            hit,
            start,
            sentence,
            text=_text(sentence, start, tokens, span.i, span.j),
            low=low,
            high=high,
            unit="date",
            claimed_by=claimed,
            measure=measure.name,
            resolved=resolved,
        )
        # A date is what is compared, not when it was true: no time order among dates.
        if low is None or high is None:
            inf = float("inf")
            out.append(Mention(value, measure, "date", None, (), -inf, inf, None, False, relative))
        else:
            out.append(Mention(value, measure, "date", None, (low, high), low, high, None))
    return out


def _clause_start(tokens: list[Token], k: int) -> int:
    """Where the words before ``k`` start, back to a full stop or at most a clause's reach."""
    start = k
    while start > max(0, k - _DATE_CLAUSE_REACH) and tokens[start - 1].text not in ".;:":
        start -= 1
    return start


# Verbs that move a date rather than run between two: "moved back from 2 March to 9 March".
_MOVING_VERBS = frozenset(
    lx.lemma(w)
    for w in """move moved postpone delay push pushed bring brought shift reschedule change put
    defer deferred extend extended""".split()
)


def _run_ends(
    tokens: list[Token], span: TimeSpan, measure: Measure | None
) -> list[tuple[TimeSpan, Measure | None]]:
    """A span with its measure; a run "between 9 March and 28 May" that no word names as a
    start or an end ("Felling took place between …", "the dig ran from … to …") is also its
    two ends, the start and the end. When a verb before it moves a date ("the start of works
    would move back from 2 March to 9 March"), the second end is the date of the event named
    before the verb, the first only a date."""
    if span.ends is None or (measure is not None and measure.events & lx.BOUNDARY_EVENTS):
        return [(span, measure)]
    first, last = span.ends
    moved = next(
        (
            k
            for k in range(span.lead - 1, _clause_start(tokens, span.lead) - 1, -1)
            if tokens[k].lemma in _MOVING_VERBS
        ),
        None,
    )
    if moved is not None:
        named = [
            (event, t.lower)
            for t in tokens[_clause_start(tokens, moved) : moved]
            for event in sorted(lx.date_event_class(t.text) or ())
        ]
        return [(first, None), (last, _event_date(*named[-1]))] if named else [(span, measure)]
    said = (
        t.lemma
        for t in tokens
        if t.kind == "word"
        and t.lower not in lx.FUNCTION_WORDS | lx.DURATION_UNITS
        and t.lower not in lx.MONTHS
    )
    words = (*(measure.words if measure else ()), *said)
    ends: list[tuple[TimeSpan, Measure | None]] = [
        (first, Measure(("date", "start"), "began", frozenset({"start"}), words=words)),
        (last, Measure(("date", "end"), "ended", frozenset({"end"}), words=words)),
    ]
    # A run of an event of its own ("the strike ran from 3 to 9 May") stays one date of it too.
    return [(span, measure), *ends] if measure is not None and measure.events else ends


# A wire report opens with its dateline: the place in capitals or as a name, a comma, the
# day it was filed, its agency in brackets and a dash ("PORT ALDANE, 15 June (Isles Wire) -
# A passenger ferry ran aground …", "HARLOW, 6 March — About 40% …").
_DASHES = frozenset({"-", "—", "–", "--"})
DATELINE_PLACE_WORDS = 4
AGENCY_WORDS = 6


def _in_dateline(tokens: list[Token], span: TimeSpan) -> bool:
    """Whether the date ``span`` is a dateline's, which opens its sentence."""
    place = tokens[: span.lead - 1]
    if not place or tokens[span.lead - 1].text != ",":
        return False
    words = [t for t in place if t.kind == "word"]
    if not 0 < len(words) <= DATELINE_PLACE_WORDS or not all(
        (t.kind == "word" and t.is_capitalized) or t.text in {".", "-", "'"} for t in place
    ):
        return False
    k = span.j
    if k < len(tokens) and tokens[k].text == "(":  # the agency
        ends = [
            m for m in range(k + 1, min(len(tokens), k + 2 + AGENCY_WORDS)) if tokens[m].text == ")"
        ]
        k = ends[0] + 1 if ends else len(tokens)
    return k < len(tokens) and tokens[k].text in _DASHES


# Opened again is reopened, not a second reopening: "running again before the end of August".
_REOPENING = "reopening"


def _later_event(tokens: list[Token], span: TimeSpan, again: bool = True) -> bool:
    """Whether the date's clause marks its event as a repeat or a sequel of an earlier one:
    "3,000 additional troops were dispatched in early 2023", "sent more troops", "again"
    (unless ``again`` is False: of a reopening, "again" is what makes it one)."""
    start, end = span.i, span.j
    while start > 0 and tokens[start - 1].text not in _CLAUSE_ENDS:
        start -= 1
    while end < len(tokens) and tokens[end].text not in _CLAUSE_ENDS:
        end += 1
    clause = tokens[start:end]
    for k, t in enumerate(clause):
        if t.lower == "more" and k + 1 < len(clause) and clause[k + 1].lower == "than":
            continue  # "more than 4,000": a bound, not a second event
        if t.lower == "more" and (k + 1 == len(clause) or clause[k + 1].kind != "word"):
            continue  # "once we know more": more of nothing named, no second event
        if t.lower == "again" and not again:
            continue
        if t.lower in lx.LATER_WORDS or t.lemma in lx.LATER_WORDS:
            return True
    return False


def _later(measure: Measure) -> Measure:
    """The measure of a later event of the same kind: its own group, its own name."""
    plural = measure.name.split()[0].endswith("s")  # "troops dispatched", not "sent"
    name = f"additional {measure.name}" if plural else f"{measure.name} again"
    return Measure((*measure.key, "+"), name, measure.events, measure.entity, measure.words)


def label(m: Mention) -> str:
    """How a merged value reads: "about 600", "10,000–12,000", "early 2023"."""
    if m.kind == "date":
        resolved = m.value.resolved
        return f"{m.value.text} ({resolved})" if resolved else m.value.text
    nums = "–".join(format_number(x) for x in m.bare)
    unit = m.value.unit
    if unit in {"dollars"}:
        nums = f"${nums}"
    elif unit == "percent":
        share = m.value.text if m.value.base else None
        if share:
            return share
        nums = f"{nums}%"
    elif unit not in {None, "people"}:
        nums = f"{nums} {unit}"
    if m.qualifier:
        return f"{lx.QUALIFIER_LABELS[m.qualifier]} {nums}"
    return nums
