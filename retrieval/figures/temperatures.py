"""What a temperature is a reading of.

Reports give one day's heat many ways ("the temperature in the city centre reached 34C", "an
air temperature of 36C", "recorded 35 degrees"): one measure, whatever verb carries it. Set
apart are the readings of something else ("indoor temperature", "water temperature"), the
ones planned or forecast ("a forecast of 29C", "the 29C the organisers had planned for"), and
differences ("five degrees higher than"), which are no reading at all.
"""

from __future__ import annotations

from retrieval.figures import lexicon as lx
from retrieval.figures.measures import Measure
from retrieval.figures.numbers import Quantity
from retrieval.figures.tokens import Token

DIMENSION = "temperature"
TEMPERATURE = Measure(("dim", DIMENSION), DIMENSION, words=(DIMENSION,))
FORECAST = "forecast temperature"
DIFFERENCE = "temperature difference"

# Words after a number of degrees that make it a difference: "five degrees higher than".
_COMPARATIVES = frozenset(
    """higher lower warmer cooler hotter colder more less above below up down""".split()
)
# Words before a temperature in its clause that make it a plan or a forecast.
_FORECAST_WORDS = frozenset(
    lx.lemma(w)
    for w in """forecast forecasts forecasted predicted prediction predictions expected
    planned plan plans projected""".split()
)
# Words before "temperature" that name no other reading: "the air temperature", "a top
# temperature of 36C" are the day's temperature.
_SAME_READING = frozenset(
    """air top maximum max peak highest high outdoor outside shade daytime day's recorded
    official""".split()
)
# A reading of before: "the previous record of 37.8C".
EARLIER = "earlier temperature"
_EARLIER_WORDS = frozenset("previous former old earlier".split())
# Readings of another kind than the day's highest, said without "temperature": "the overnight
# minimum did not fall below 20C", "a mean of 24C".
_KINDS = {
    "overnight": "minimum",
    "night": "minimum",
    "nights": "minimum",
    "minimum": "minimum",
    "minimums": "minimum",
    "low": "minimum",
    "lows": "minimum",
    "mean": "mean",
    "average": "mean",
}
# Where a temperature's clause ends, reading back from it.
_CLAUSE_ENDS = frozenset({".", ";", ":", "which", "while", "but", "whereas"})
_BACK_WORDS = 20


# The words of a question that ask for a plan or forecast, or for a difference: without
# them, those are not what is asked ("how hot did it get?").
ASKS_FOR = {
    FORECAST: _FORECAST_WORDS,
    DIFFERENCE: frozenset(lx.lemma(w) for w in _COMPARATIVES | {"difference", "than"}),
    EARLIER: frozenset(lx.lemma(w) for w in _EARLIER_WORDS | {"before"}),
    f"minimum {DIMENSION}": frozenset(
        lx.lemma(w) for w in "minimum overnight night low lowest coldest coolest".split()
    ),
    f"mean {DIMENSION}": frozenset(lx.lemma(w) for w in ("mean", "average")),
}


def asked_for(name: str) -> frozenset[str] | None:
    """The words a question must have for a reading set apart (a forecast, "indoor
    temperature") to be what it asks; None for the day's own temperature and other
    measures."""
    if name in ASKS_FOR:
        return ASKS_FOR[name]
    if name.endswith(f" {DIMENSION}"):
        return frozenset({lx.lemma(name.split()[0])})  # "indoor temperature": "indoor"
    return None


def temperature_measure(tokens: list[Token], q: Quantity) -> Measure:
    """The measure of the temperature ``q`` in its sentence ``tokens``."""
    after = tokens[q.j].lower if q.j < len(tokens) else ""
    if after in _COMPARATIVES and not (q.i >= 1 and tokens[q.i - 1].lower in {"above", "below"}):
        return _named(DIFFERENCE)  # "five degrees higher than the 29C planned for"
    back = _clause_before(tokens, q.i)
    if any(t.lemma in _FORECAST_WORDS for t in back):
        return _named(FORECAST)
    if any(t.lower in _EARLIER_WORDS for t in back):
        return _named(EARLIER)  # "the previous regional record of 37.8C"
    if (reading := _reading_of(back)) is not None:
        return _named(f"{reading} {DIMENSION}")
    around = back + tokens[q.j : q.j + 3]  # "had not fallen below 24C overnight"
    if (kind := next((_KINDS[t.lower] for t in around if t.lower in _KINDS), None)) is not None:
        return _named(f"{kind} {DIMENSION}")
    if _planned_after(tokens, q.j):
        return _named(FORECAST)  # "the 29C the organisers had planned for"
    return TEMPERATURE


def _named(name: str) -> Measure:
    return Measure(("size", name, DIMENSION), name, words=tuple(lx.lemma(w) for w in name.split()))


def _clause_before(tokens: list[Token], i: int) -> list[Token]:
    words: list[Token] = []
    for t in reversed(tokens[max(0, i - _BACK_WORDS) : i]):
        if t.lower in _CLAUSE_ENDS:
            break
        words.append(t)
    return words[::-1]


def _reading_of(back: list[Token]) -> str | None:
    """What the nearest "temperature" before the figure is a reading of, from the word
    before it ("indoor temperature loggers … showed 38C"); None for the day's own."""
    for n in range(len(back) - 1, 0, -1):
        if lx.lemma(back[n].text) != lx.lemma(DIMENSION):
            continue
        mod = back[n - 1]
        if (
            mod.kind != "word"
            or mod.lower in lx.FUNCTION_WORDS
            or (mod.is_capitalized and n > 1)  # a name; "Indoor temperature …" opens it
            or mod.lower in _SAME_READING
        ):
            return None
        return mod.lower
    return None


def _planned_after(tokens: list[Token], j: int) -> bool:
    """A plan said in a relative clause after the figure: "the 29C the organisers had
    planned for", "29C as forecast"."""
    for t in tokens[j : j + 6]:
        if t.lower in _CLAUSE_ENDS or t.text == ",":
            return False
        if t.lemma in _FORECAST_WORDS:
            return True
    return False
