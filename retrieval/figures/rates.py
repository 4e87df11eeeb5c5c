"""Rates: a count, an amount or a sum per period or per thing ("92 trains a day", "earn
£185,000 a week", "$41 a share"), told apart from the count or sum it is of, and the period
or thing a question asks a rate by ("each day", "per share")."""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.figures import lexicon as lx
from retrieval.figures.measures import Measure, noun_phrase
from retrieval.figures.numbers import Quantity
from retrieval.figures.tokens import Token

# Periods a sum is paid or earned by: "£190,000 a week", "£22m per year".
_PERIODS = frozenset({"hour", "day", "week", "month", "year", "annum"})


def sum_rate(tokens: list[Token], q: Quantity) -> Measure | None:
    """The measure of a sum that nothing else names but the period it is per: "he earns
    £190,000 a week", "he is on £200k a week" → `per week`."""
    k = q.j
    if q.dimension != "money" or k + 1 >= len(tokens):
        return None
    if tokens[k].lower not in {"a", "an", "per", "each", "every"}:
        return None
    period = tokens[k + 1].lower
    after = tokens[k + 2].lower if k + 2 < len(tokens) else ""
    if period not in _PERIODS or after in lx.TEMPORAL_RELATIONS:
        return None  # "from $1.77 billion a year earlier": a time, not a rate
    return Measure(("attr", f"per {period}", "money"), f"per {period}", words=(lx.lemma(period),))


# Periods a count or an amount is per: "92 trains a day", "310 megalitres per day", "11,000
# passengers on a typical weekday", "3,000 visitors a year", "daily".
_COUNT_PERIODS = {
    "day": "day",
    "weekday": "day",
    "night": "night",
    "week": "week",
    "month": "month",
    "year": "year",
    "annum": "year",
}
_PERIOD_ADVERBS = {"daily": "day", "nightly": "night", "weekly": "week", "annually": "year"}
_RATE_DIMENSIONS = frozenset({"count", "volume", "weight", "money"})
# Words between "on" and a period: "on a typical weekday", "on an average day".
_PERIOD_FILLERS = frozenset({"a", "an", "typical", "average", "normal", "busy", "usual"})


def count_period(tokens: list[Token], q: Quantity) -> str | None:
    """The period a count or an amount is per, right after its noun phrase: "92 trains a
    day", "around 11,000 passengers on a typical weekday", "310 megalitres a day"; not "a
    year earlier" (a time), nor a share."""
    if q.dimension not in _RATE_DIMENSIONS or q.is_share:
        return None
    np_words, k = noun_phrase(tokens, q.j)
    if np_words and np_words[-1].lower in _PERIOD_ADVERBS:
        return _PERIOD_ADVERBS[np_words[-1].lower]  # "45,000 vehicles daily"
    words = [t.lower for t in tokens[k : k + 4]]
    if not words:
        return None
    if words[0] in _PERIOD_ADVERBS:
        return _PERIOD_ADVERBS[words[0]]
    if words[0] in {"a", "an", "per", "each", "every"} and len(words) > 1:
        after = words[2] if len(words) > 2 else ""
        if after in lx.TEMPORAL_RELATIONS:
            return None  # "a year earlier"
        if words[1] in _COUNT_PERIODS:
            return _COUNT_PERIODS[words[1]]
        if q.dimension != "money":
            return None
        # "£5,000 per displaced household"; after "a", one word: "$41 a share", not "…
        # includes a new reservoir"; "per family stands": the unit, not the verb after it
        unit_words, _ = noun_phrase(tokens, k + 1)
        if words[0] in {"a", "an"} and len(unit_words) != 1:
            return None
        nouns = [t for t in unit_words if not lx.is_participle(t.text)]
        return _unit(nouns[0]) if nouns else None
    if words[0] == "on":
        rest = [w for w in words[1:] if w not in _PERIOD_FILLERS]
        return _COUNT_PERIODS.get(rest[0]) if rest else None
    return _every_period(tokens, k) or _typical_before(tokens, q.i) or _each_unit(tokens, q)


# "each" or "every" of a thing in a sum's clause, at most so many tokens from it.
_EACH_REACH = 8
_SUBJECT_REACH = 12  # "Every runner who did not finish will receive a £30 refund"
_CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "(", ")", "—", "–"})


def _each_unit(tokens: list[Token], q: Quantity) -> str | None:
    """The thing a sum is paid or charged per when its clause says "each" or "every" of it,
    after the sum ("£85 for each colony lost", "£120,000 to the family of each employee who
    died") or before it ("Each installation cost £2,800"); not a period ("every year")."""
    if q.dimension != "money" or q.is_share:
        return None
    after = range(q.j, min(len(tokens), q.j + _EACH_REACH))
    before = range(q.i - 1, max(-1, q.i - 1 - _SUBJECT_REACH), -1)
    for span, subject in ((after, False), (before, True)):
        for n in span:
            if tokens[n].text in _CLAUSE_BREAKS:
                break
            if _distributive(tokens, n):
                # the subject's verb ends it: "Each installation cost £2,800"
                return _each_head(tokens, n + 1, verb_after=subject)
    return None


def _distributive(tokens: Sequence[Token], n: int) -> bool:
    """Whether the word at ``n`` gives a sum to each of a thing: "each"; "every" only after
    "to" or "for" ("£85 for every dead colony"; not "the cost of bringing every road up to
    standard", a total)."""
    word = tokens[n].lower
    if word == "each":
        return True
    return word == "every" and n >= 1 and tokens[n - 1].lower in {"to", "for"}


def _each_head(tokens: list[Token], k: int, verb_after: bool = False) -> str | None:
    """The thing after "each" or "every" ("colony", "of its employees"), in the singular;
    None for a period or no noun. Where a verb may follow the thing (``verb_after``: a
    subject, or in a question) it is no part of it: "How much did each family get?"."""
    if k < len(tokens) and tokens[k].lower == "of":
        k += 1  # "each of its employees"
    while k < len(tokens) and (tokens[k].lower in lx.DETERMINERS or tokens[k].lower in _OWNERS):
        k += 1
    words, _ = noun_phrase(tokens, k)
    nouns = [t for t in words if not lx.is_participle(t.text)]
    while verb_after and len(nouns) > 1 and nouns[-1].lower in _ASKING_VERBS:
        nouns.pop()
    if not nouns or nouns[-1].lower in _COUNT_PERIODS or nouns[-1].lower in _PERIODS:
        return None
    unit = _unit(nouns[-1])
    return singular(unit) if unit is not None else None


_OWNERS = frozenset({"its", "their", "his", "her", "our", "your", "my"})
# Verbs a question asks a sum per thing by, right after the thing: "did each family get?".
_ASKING_VERBS = frozenset(
    """get gets receive receives pay pays cost costs have has need needs earn earns make
    makes take takes give gives owe owes lose loses spend spends keep keeps want wants
    contribute contributes put puts""".split()
)


_SAME_IN_PLURAL = frozenset({"species", "series", "news", "premises", "means", "sheep"})


def is_period(unit: str) -> bool:
    """Whether what a rate is per is a period ("day", "year"), not a thing ("share")."""
    return unit in _COUNT_PERIODS or unit in _PERIODS


def singular(word: str) -> str:
    """A unit noun in the singular, so "per employee" and "each of its employees" are one
    unit ("families" → "family")."""
    if word in _SAME_IN_PLURAL or word.endswith(("ss", "us", "is")):
        return word  # "species", "series", "bus", "crisis"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


_TYPICAL_REACH = 8  # tokens back from a figure to an "on a good week" of its clause


def _typical_before(tokens: list[Token], i: int) -> str | None:
    """The period of an "on a good week" / "in a typical year" before a figure in its clause:
    "on a good week we're seeing nearer 7,000 real shoppers"."""
    start = max(0, i - _TYPICAL_REACH)
    for n in range(i - 4, start - 1, -1):
        if any(t.text in {",", ";", ":", "."} for t in tokens[n + 4 : i]):
            return None
        if (period := _typical_period([t.lower for t in tokens[n : n + 4]])) is not None:
            return period
    return None


# Words a count's own verb may take before "every day": "115 books came back every day".
_VERB_GAP = 4
_CLAUSE_JOINS = frozenset({"and", "but", "or", "while", "when", "as", "after", "before"})


def _every_period(tokens: list[Token], k: int) -> str | None:
    """A period after the verb of the noun phrase ending at ``k``, when it says "every" or
    "each" ("115 books coming back every day", "40 people were evacuated each night") or
    "daily": unlike "a day", these never date an event ("died a day later")."""
    for n, t in enumerate(tokens[k : k + _VERB_GAP + 2]):
        if t.kind != "word" or n > _VERB_GAP or t.lower in _CLAUSE_JOINS:
            return None
        if t.lower in _PERIOD_ADVERBS:
            return _PERIOD_ADVERBS[t.lower]
        nxt = tokens[k + n + 1].lower if k + n + 1 < len(tokens) else ""
        if t.lower in {"every", "each"} and nxt in _COUNT_PERIODS:
            return _COUNT_PERIODS[nxt]
        if (period := _typical_period([x.lower for x in tokens[k + n : k + n + 4]])) is not None:
            return period
    return None


# Words that make "in a week" one of many: "in a typical week", "on an average day" ("in a
# week" alone is a span: "300 people fell ill in a week").
_TYPICAL = frozenset({"typical", "average", "normal", "usual", "ordinary", "busy", "good"})


def _typical_period(words: Sequence[str]) -> str | None:
    """The period of "in a typical week" / "on an average day" opening ``words``, else None."""
    if len(words) == 4 and words[0] in {"in", "on"} and words[1] in {"a", "an"}:
        return _COUNT_PERIODS.get(words[3]) if words[2] in _TYPICAL else None
    return None


def _unit(t: Token) -> str | None:
    """The thing a sum is per, after "a", "per" or "each": "$41 a share", "£4.20 a crossing",
    "£30 a head"; no name, nor a word of grammar."""
    if t.kind != "word" or t.is_capitalized or t.lower in lx.FUNCTION_WORDS:
        return None
    return t.lower


def asked_unit(tokens: Sequence[Token]) -> str | None:
    """The thing a question asks a sum per: "What price per share …?", "How much did each
    family get?"."""
    words = [t for t in tokens if t.kind == "word"]
    for n, t in enumerate(words[:-1]):
        per = t.lower == "per" or _distributive(words, n)
        if per and words[n + 1].lower not in _COUNT_PERIODS:
            # "per dead hive", "each of the chain-free moorings": the noun, in the singular
            at = next(k for k, x in enumerate(tokens) if x is words[n + 1])
            return _each_head(list(tokens), at, verb_after=True)
    return None


# Words after "a year", "a month" that make it a time before or after another, not a rate.
_BACK_FROM = frozenset({"before", "earlier", "ago", "later", "after", "previously"})


def _back_from(words: list[str], k: int) -> bool:
    return k < len(words) and words[k] in _BACK_FROM


def asked_period(tokens: Sequence[Token]) -> str | None:
    """The period a question asks a rate by: "how many trains run each day?", "how much
    water a day", "daily traffic", "on a typical weekday"."""
    words = [t.lower for t in tokens if t.kind == "word"]
    for n, w in enumerate(words):
        if (w in {"a", "an"} and _back_from(words, n + 2)) or (
            w == "on" and _back_from(words, n + 3)
        ):
            continue  # "a year before", "on a year earlier": a time to compare with, no rate
        if w in _PERIOD_ADVERBS:
            return _PERIOD_ADVERBS[w]
        after = words[n - 1] if n else ""  # "within a week", "in a day": a span, no rate
        if (
            w in {"a", "an", "per", "each", "every"}
            and n + 1 < len(words)
            and (w not in {"a", "an"} or after not in lx.PREPOSITIONS)
            and (period := _COUNT_PERIODS.get(words[n + 1])) is not None
        ):
            return period
        if (period := _typical_period(words[n : n + 4])) is not None:
            return period  # "in a typical year"
        if w == "on":
            rest = [x for x in words[n + 1 : n + 4] if x not in _PERIOD_FILLERS]
            if rest and rest[0] in _COUNT_PERIODS and words[n + 1] in {"a", "an"}:
                return _COUNT_PERIODS[rest[0]]
    return None


def per_thing_asked(tokens: Sequence[Token]) -> str | None:
    """The thing other than a period a question asks a rate per by "per", in all its words:
    "What price per megawatt-hour …?" → "megawatt-hour", "per head" → "head"; None for "per
    cent", "per capita" and periods (``asked_period``)."""
    for n, t in enumerate(tokens[:-1]):
        nxt = tokens[n + 1]
        if t.lower != "per" or nxt.kind != "word":
            continue
        if nxt.lower in _COUNT_PERIODS or nxt.lower in _NOT_UNITS:
            return None
        words, k = [nxt.lower], n + 2
        while (
            k + 1 < len(tokens)
            and tokens[k].text in {"-", "‑"}
            and tokens[k].glued
            and tokens[k + 1].kind == "word"
        ):
            words.append(tokens[k + 1].lower)  # "megawatt-hour"
            k += 2
        return "-".join(words)
    return None


# Words after "per" that name no thing a rate is per.
_NOT_UNITS = frozenset({"cent", "centum", "capita", "se", "annum"})


def rate_of(measure: Measure) -> str | None:
    """The period or thing a measure is per ("trains per day", a wage's "per week", a price's
    "per share"), or None."""
    _, per, period = f" {measure.name}".rpartition(" per ")
    return period if per and period else None


# Where a measure's key names what it counts, by the key's kind: ("entity", "trains", ""),
# ("event", "~produc", "eggs", "", "count"), ("attr", "rate", "count").
_COUNTED_AT = {"entity": 1, "event": 2, "attr": 1}


def per_period(m: Measure, period: str) -> Measure:
    """``m`` per ``period``: a rate, apart from the count or amount it is of ("trains per
    day"); a measure of another kind (a harm, a size) as it is."""
    at = _COUNTED_AT.get(m.key[0])
    if at is None or len(m.key) <= at:
        return m
    key = (*m.key[:at], f"{m.key[at]} per {period}", *m.key[at + 1 :])
    return Measure(key, f"{m.name} per {period}", m.events, m.entity, (*m.words, lx.lemma(period)))
