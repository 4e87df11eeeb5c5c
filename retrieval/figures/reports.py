"""Each report's own figure for the measure that leads, however it words it.

Reports word one fact their own way: "the operation cost €1.2m" in one, "the bill came to
€1.4m" in another, "€1.3m was spent" in a third. Read apart, these are three measures, and
only the first leads. A report states the fact the question asks once, so a report with no
figure in the leading measure gives its own in the measure, among its figures, that the
question ranks next to the lead: of the same kind (a sum in the same currency, a count of
the same things, a share), close in size, and ranked nearly as high as the lead.
"""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.figures import lexicon as lx
from retrieval.figures.aims import TARGET
from retrieval.figures.extract import OTHER, Mention
from retrieval.figures.measures import LIMIT_KEY, Measure
from retrieval.figures.peaks import at_peak
from retrieval.figures.rates import rate_of

# How far below the lead's score another report's measure may rank and still give its figure.
JOIN_MARGIN = 1.0
# How far apart in size two reports' figures of one fact may be (one estimate three times
# another is a dispute; thirty times is another measure).
JOIN_RATIO = 3.0


def join_report_figures(
    lead: int,
    keys: Sequence[tuple[str, ...]],
    measures: Sequence[Measure],
    scores: Sequence[float],
    by_key: dict[tuple[str, ...], list[Mention]],
) -> set[tuple[str, ...]]:
    """Moves into the leading measure (``keys[lead]``) the figures of each report that has
    none there, from its best-ranked measure of the same kind within ``JOIN_MARGIN`` of the
    lead; returns the keys left without figures."""
    lead_key = keys[lead]
    if lead_key[-1] == OTHER or not by_key[lead_key]:
        return set()
    lead_mentions = by_key[lead_key]
    reported = {m.value.doc_id for m in lead_mentions}
    sizes = [v for m in lead_mentions for v in _sizes(m)]
    bar = scores[lead] - JOIN_MARGIN
    chosen: dict[str, tuple[float, tuple[str, ...]]] = {}
    for i, key in enumerate(keys):
        if i == lead or key[-1] == OTHER or scores[i] < bar:
            continue
        if not _same_kind(measures[lead], measures[i], lead_mentions, by_key[key]):
            continue
        for m in by_key[key]:
            doc = m.value.doc_id
            if doc in reported or not _close(sizes, _sizes(m)):
                continue
            if doc not in chosen or chosen[doc][0] < scores[i]:
                chosen[doc] = (scores[i], key)
    emptied: set[tuple[str, ...]] = set()
    for doc, (_, key) in chosen.items():
        moving = [m for m in by_key[key] if m.value.doc_id == doc and _close(sizes, _sizes(m))]
        by_key[key] = [m for m in by_key[key] if all(m is not x for x in moving)]
        lead_mentions.extend(moving)
        if not by_key[key]:
            emptied.add(key)
    return emptied


def close_in_size(a: Mention, b: Mention) -> bool:
    """Whether two figures are within ``JOIN_RATIO`` of each other."""
    return _close(_sizes(a), _sizes(b))


def _sizes(m: Mention) -> list[float]:
    return [v for v in (m.value.low, m.value.high) if v is not None and v > 0]


def _close(sizes: Sequence[float], other: Sequence[float]) -> bool:
    """Whether two sets of figures are within ``JOIN_RATIO`` of each other."""
    if not sizes or not other:
        return False
    low, high = min(min(sizes), min(other)), max(max(sizes), max(other))
    return high <= low * JOIN_RATIO


def _same_kind(
    lead: Measure, other: Measure, lead_mentions: Sequence[Mention], mentions: Sequence[Mention]
) -> bool:
    """Whether two measures give figures of one kind: the same unit (a currency, "percent",
    people, or things), of the same things when both name them, neither of a kind that stands
    apart (``_APART``), of one fact (``_one_fact``), both per the same period or neither."""
    if _marks_of(lead, other) or _marks_of(other, lead):
        return rate_of(lead) == rate_of(other)  # "2,400 signatures", "2,500 people signed"
    units = {m.value.unit for m in lead_mentions}
    if len(units) != 1 or {m.value.unit for m in mentions} != units:
        return False
    if _bare_dimension(other, lead) or _bare_dimension(lead, other):
        return rate_of(lead) == rate_of(other)  # "an area of 0.6 hectares", "the enclosure"
    if {lead.key[0], other.key[0]} & _APART:
        return False
    if _aimed(lead) != _aimed(other):
        return False  # "hopes to raise £8,000" is no report of what was raised
    if not _one_fact(lead, other, not units <= {None, "people"}):
        return False
    if rate_of(lead) != rate_of(other):
        return False  # "£2m a year" is not "£2m"
    if units == {None}:  # things: the same things, by name or class
        return lead.entity is not None and (
            lead.entity == other.entity or lx.entity_class(lead.entity) == _class(other.entity)
        )
    return lead.entity is None or other.entity is None or lead.entity == other.entity


def _aimed(measure: Measure) -> bool:
    """Whether a measure is of a figure aimed at (``retrieval.figures.aims``)."""
    return measure.key[:2] == ("attr", TARGET)


def _bare_dimension(bare: Measure, named: Measure) -> bool:
    """Whether ``bare`` gives a size by its dimension alone ("an area of 0.6 hectares") and
    ``named`` a size of that dimension of something: a report that names nothing else of the
    kind gives its figure for the thing asked."""
    return (
        bare.key[0] == "dim" and named.key[0] in {"size", "attr"} and named.key[-1] == bare.key[1]
    )


def _marks_of(marks: Measure, people: Measure) -> bool:
    """Whether ``marks`` counts what the people ``people`` counts left by its verb: signatures
    of people who signed, votes of people who voted."""
    verb = lx.mark_verb(marks.entity)
    return (
        verb is not None
        and (marks.key[0] == "entity" or marks.key[1].startswith("~"))
        and people.key[0] == "event"
        and people.key[1] in {f"~{verb}", *(lx.event_class(verb) or ())}
        and people.key[2] in lx.PERSON_CLASSES | {"people"}
    )


# Kinds of measure that join no other: parts, shares (each of its own whole), limits, an
# earlier event's figures ("the last major quake, in 1987, killed 112"), and sizes, which
# are named by what they measure ("length of pipes", "length of pipework").
_APART = frozenset({"part", "share", "size", "past", LIMIT_KEY})
# The mark of a later or additional event's measure ("aftershock magnitude", "additional
# troops sent"): it joins only another such measure.
_LATER = "+"


# Dimensions of size: two measures of one of these by the same name are one fact.
_SIZES = frozenset({"length", "area", "volume", "weight", "height", "width", "depth"})


def _one_fact(lead: Measure, other: Measure, amount: bool) -> bool:
    """Whether two measures may name one fact: the same or related events, or, with no event
    on one side, a count of the same things ("stewards" and "stewards rostered"). An amount
    (a sum, a share) needs events or a name in common: many sums stand side by side in one
    report."""
    if (_LATER in lead.key) != (_LATER in other.key) or at_peak(lead) != at_peak(other):
        return False  # an additional event's count, or one at a peak ("the busiest night")
    two_verbs = lead.key[0] == other.key[0] == "event" and lead.key[1] != other.key[1]
    if two_verbs and not (lead.events and other.events):
        return False  # "homes judged unsafe" and "homes rented": two verbs no class knows
    ours, theirs = _events(lead), _events(other)
    if ours and theirs:
        related = {r for e in ours for r in lx.RELATED_EVENTS.get(e, ())}
        return bool(ours & theirs or related & theirs)
    if not amount:
        return True
    if lead.name == other.name and lead.key[-1] == other.key[-1] in _SIZES:
        return True  # "which is 320m long" and "running for nearly 400 metres": its length
    # An amount by name: the same head word and a word besides ("average rents rise", "rents
    # rise"), not a neighbour named by the same thing ("council tax" beside "council tax
    # rise") nor another of the same kind ("growth rate" beside "interest rate").
    head = _head(lead)
    if _rate_of_name(lead, other) or _rate_of_name(other, lead):
        return True  # "the recycling rate … rose to 51 per cent", "recycling … reached 53"
    return head == _head(other) and bool(_name_words(lead) & _name_words(other) - {head})


# Heads that a report may leave out: "recycling had reached 53 per cent" is its rate.
_RATE_HEADS = frozenset({"rate", "level"})


def _rate_of_name(rate: Measure, bare: Measure) -> bool:
    """Whether ``rate`` is named "<bare's name> rate" or "… level": one figure of one thing."""
    words = rate.name.split()
    return len(words) > 1 and words[-1] in _RATE_HEADS and words[:-1] == bare.name.split()


def _events(m: Measure) -> frozenset[str]:
    """A measure's events, with those of what a cost is the cost of ("a full repair will
    cost £2.4m" is of the repair, as "£2.6m for repairs" is)."""
    if m.key[:2] == ("event", "cost") and len(m.key) > _COST_SUBJECT:
        return m.events | (lx.event_class(m.key[_COST_SUBJECT]) or frozenset())
    if m.key[0] == "attr" and m.key[-1] == "money" and _head(m) in _COST_NAMES:
        return frozenset({"cost"})  # "the final bill is expected to be £57,900": its cost
    return m.events


# Names of a sum that say what something costs: "the bill", "put the price at £48,500".
_COST_NAMES = frozenset(lx.lemma(w) for w in ("bill", "price"))
# Where a cost's key names what costs it: ("event", "cost", "pounds", "", "money", "repair").
_COST_SUBJECT = 5


def _head(m: Measure) -> str:
    words = m.name.partition(" per ")[0].split()
    return lx.lemma(words[-1]) if words else ""


def _name_words(m: Measure) -> set[str]:
    return {
        lx.lemma(w)
        for w in m.name.partition(" per ")[0].split()
        if w not in lx.FUNCTION_WORDS and w not in lx.CURRENCY_WORDS and w not in _GENERIC
    }


# Words of a measure's name that say what kind of figure, not of what.
_GENERIC = frozenset({"people", "share", "of", "per", "additional", "maximum", "value"})


def _class(entity: str | None) -> str | None:
    return None if entity is None else lx.entity_class(entity)
