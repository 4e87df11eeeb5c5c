"""The number grammar: counts, money, percentages, shares and ranges, with their qualifiers.

Works on tokens (``tokens.tokenize``) so that every figure keeps exact offsets. Dates, clock
times, ages, ordinals, identifiers ("Route 66", "F-16") and hyphenated adjectives
("6-word message") are not figures; dates are found first (``dates.find_dates``) and their
tokens are passed in as taken.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

from retrieval.figures import lexicon as lx
from retrieval.figures.tokens import Token, tokenize

_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_HYPHENS = frozenset({"-", "–", "—", "‑"})
_RANGE_DASHES = frozenset({"-", "–", "‑"})
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "gmt", "utc", "o'clock", "hrs", "h"})
_SPOKEN_CLOCK = frozenset({"o'clock", "o’clock"})
# Words before a number that make it a label, not an amount ("Route 66", "No. 5", "page 12").
_LABEL_WORDS = frozenset(
    """no nos number numbers code page pp p vol volume chapter section article route flight room
    level grade episode season version track line platform gate district ward zone
    highway interstate row table fig exhibit unit apartment suite box item lot rank
    ranked model type class phase stage channel bus""".split()
)
# Adjective compounds that still state an amount: "a 7.1-magnitude quake", "3,000-strong".
_COUNT_COMPOUNDS = frozenset({"strong", "member", "members"})
# Compounds that say how many a place holds: "the 2,100-seat venue", "a 40-bed ward".
CAPACITY_COMPOUNDS = frozenset({"seat", "seater", "bed", "berth", "cot"})
# Units whose hyphenated compound ("the 34-metre tower") gives a size; a span of time ("a
# five-year contract") gives a duration.
_HYPHEN_DIMENSIONS = frozenset({"length", "area", "volume", "weight", "speed"})


@dataclass
class Quantity:
    """A number found in text, with what bounds it; spans are token indices [i, j)."""

    i: int
    j: int
    value: float
    low: float | None
    high: float | None
    qualifier: str | None = None  # "lower", "upper", "approx", "atleast", "atmost"
    unit: str | None = None  # "dollars", "percent", "magnitude", "km" …
    dimension: str = "count"  # "count", "money", "percent", "magnitude", "length" …
    is_range: bool = False
    is_share: bool = False  # a fraction or percentage "of" something
    precision: float = 0.0  # half the rounding step of a round number: 600 → 50
    core: tuple[int, int] = (0, 0)  # token span of the number itself, without qualifier
    value_high: float | None = None  # the upper end of a range
    number_text: str = ""
    change_from: bool = False  # "rose from X to Y": X is the earlier value
    # "rose to Y from X": for X, the index of Y in its sentence, whose measure X's is
    level_of: int | None = None
    base_index: int | None = None  # for shares: index of the base quantity in the sentence
    relation: str | None = None  # a span of time before "after" / "later": "19 minutes after"
    notes: list[str] = field(default_factory=list)


# --- number cores ----------------------------------------------------------------------------------


def digits_value(text: str) -> float | None:
    """The value of a digit token ("4,700", "7.1", "600"), or None when it is not a number."""
    if _THOUSANDS.match(text):
        return float(text.replace(",", ""))
    if _PLAIN.match(text):
        return float(text)
    return None


def rounding_step(text: str) -> float:
    """Half the step a figure was rounded to: "600" → 50, "4,000" → 500, "4,700" → 50,
    "7.1" → 0; used as tolerance only for round numbers."""
    digits = text.replace(",", "")
    if "." in digits or not digits.isdigit():
        return 0.0
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros < 2 or digits.strip("0") == "":
        return 0.0
    return 10**zeros / 2


def _word_number(tokens: list[Token], k: int, *, one: bool = False) -> tuple[float, int] | None:
    """A number in words starting at ``k``: "fourteen", "twenty-one", "one hundred and five",
    "two thousand three hundred". With ``one`` the word before ``k`` was "a" and counts as
    one: "a hundred and ninety-one thousand" from "hundred". Returns (value, end index)."""
    total = 0.0
    current = 1.0 if one else 0.0
    seen = one
    j = k
    n = len(tokens)
    while j < n:
        t = tokens[j]
        w = t.lower
        if w in lx.UNITS:
            if seen and current % 100 >= 20 and current % 10 == 0 and lx.UNITS[w] < 10:
                current += lx.UNITS[w]
            elif seen and current % 100 != 0:
                break
            else:
                current += lx.UNITS[w]
        elif w in lx.TENS:
            if seen and current % 100 != 0:
                break
            current += lx.TENS[w]
        elif w == "hundred" and seen:
            current = max(current, 1) * 100
        elif w in lx.SCALES and seen:
            total += max(current, 1) * lx.SCALES[w]
            current = 0
        elif w in {"-", "‑"} and seen and j + 1 < n and tokens[j + 1].lower in lx.UNITS and t.glued:
            j += 1
            continue
        elif (
            w == "and"
            and seen
            and j + 1 < n
            and (tokens[j + 1].lower in lx.UNITS or tokens[j + 1].lower in lx.TENS)
        ):
            if total + current < 100:
                break
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def _scale_after(tokens: list[Token], j: int) -> tuple[float, int]:
    """A scale word or glued abbreviation after a number: "million", "m" in "25m"."""
    if j < len(tokens):
        t = tokens[j]
        if t.lower in lx.SCALES:
            return float(lx.SCALES[t.lower]), j + 1
        if t.glued and t.lower in lx.SCALE_ABBREVIATIONS and not _metres_long(tokens, j):
            # "25m" is millions, but "25 m" (metres) is not glued and stays a unit.
            return float(lx.SCALE_ABBREVIATIONS[t.lower]), j + 1
        if t.lower == "dozen":
            return 12.0, j + 1
    return 1.0, j


def _metres_long(tokens: list[Token], j: int) -> bool:
    """Whether the glued "m" at ``j`` is metres by the word of extent after it ("320m long",
    "6m across"; not millions), with no currency before its number ("£320m long-term loans"
    are millions)."""
    if (
        tokens[j].lower != "m"
        or j + 1 >= len(tokens)
        or tokens[j + 1].lower not in lx.SIZE_ADJECTIVES
    ):
        return False
    priced = j >= 2 and tokens[j - 2].text in lx.CURRENCY_SYMBOLS
    compound = j + 2 < len(tokens) and tokens[j + 2].text in {"-", "‑"}  # "long-term"
    return not priced and not compound


def number_core(tokens: list[Token], k: int) -> tuple[float, int, float] | None:
    """A number starting at token ``k``: digits or words, with a scale. Returns
    (value, end, rounding tolerance) or None."""
    if k >= len(tokens):
        return None
    t = tokens[k]
    w = t.lower
    if t.is_num:
        value = digits_value(t.text)
        if value is None:
            return None
        scale, j = _scale_after(tokens, k + 1)
        step = rounding_step(t.text) if scale == 1 else _decimal_step(t.text) * scale
        if j < len(tokens) and scale > 1 and tokens[j].lower in lx.SCALES:
            scale *= lx.SCALES[tokens[j].lower]  # "1.2 thousand million" (rare but valid)
            j += 1
        return value * scale, j, step
    if w in {"a", "an"} and k + 1 < len(tokens):
        nxt = tokens[k + 1].lower
        if nxt == "dozen":
            return 12.0, k + 2, 0.0
        if nxt in {"hundred", "thousand", "million", "billion", "trillion"}:
            # "a hundred and ninety-one thousand" is 191,000, not 100 then 91,000
            whole = _word_number(tokens, k + 1, one=True)
            assert whole is not None  # the scale word after "a" is always read
            base, j = whole
            scale, j = _scale_after(tokens, j)
            return base * scale, j, 0.0
        return None
    if w == "half" and k + 2 < len(tokens) and tokens[k + 1].lower in {"a", "an"}:
        nxt = tokens[k + 2].lower
        if nxt in lx.SCALES:
            return lx.SCALES[nxt] / 2, k + 3, 0.0
        if nxt == "dozen":
            return 6.0, k + 3, 0.0
        if nxt in lx.MEASURE_UNITS and len(nxt) > 2:
            return 0.5, k + 2, 0.0  # "half a tonne", "half a mile": the unit follows
        return None
    if w == "dozen":
        return 12.0, k + 1, 0.0
    if w in lx.UNITS or w in lx.TENS:
        parsed = _word_number(tokens, k)
        if parsed is None:
            return None
        value, j = parsed
        if j < len(tokens) and tokens[j].lower == "dozen":
            return value * 12, j + 1, 0.0
        if (half := _and_a_half(tokens, j)) is not None:
            # "eleven and a half thousand" (11,500), "the four-and-a-half-acre site" (4.5)
            scale, j = _scale_after(tokens, half)
            return (value + 0.5) * scale, j, 0.0
        if (spoken := _spoken_decimal(tokens, value, j)) is not None:
            value, j = spoken  # "six point two million pounds", as a speaker says 6.2m
            scale, j = _scale_after(tokens, j)
            return value * scale, j, 0.0
        return value, j, 0.0
    return None


def _spoken_decimal(tokens: list[Token], whole: float, j: int) -> tuple[float, int] | None:
    """A whole number in words followed by "point" and digits in words ("fourteen point two",
    "three point oh five"): (value, end index), or None."""
    if j + 1 >= len(tokens) or tokens[j].lower != _POINT or whole != int(whole):
        return None
    digits = ""
    k = j + 1
    while k < len(tokens) and (d := _DIGIT_WORDS.get(tokens[k].lower)) is not None:
        digits += d
        k += 1
    if not digits:
        return None
    return float(f"{int(whole)}.{digits}"), k


_POINT = "point"
_DIGIT_WORDS = {w: str(v) for w, v in lx.UNITS.items() if v < 10} | {"oh": "0", "nought": "0"}


_AND_A_HALF = ("and", "a", "half")


def _and_a_half(tokens: list[Token], j: int) -> int | None:
    """The end of "and a half" starting at token ``j`` (hyphens between its words allowed,
    as in "four-and-a-half-acre"), or None."""
    at = j
    for word in _AND_A_HALF:
        if at < len(tokens) and tokens[at].text in {"-", "‑"} and tokens[at].glued:
            at += 1
        if at >= len(tokens) or tokens[at].lower != word:
            return None
        at += 1
    return at


def _decimal_step(text: str) -> float:
    """Half the last digit's step of a number that gets a scale: "1.2" (million) → 0.05."""
    digits = text.replace(",", "")
    if "." in digits:
        return 0.5 * 10 ** -len(digits.split(".")[1])
    return 0.5 if len(digits) <= 2 else 0.0


# --- fractions -----------------------------------------------------------------------------------


def fraction_core(tokens: list[Token], k: int) -> tuple[float, int] | None:
    """A fraction starting at ``k`` as a percentage: "one-third" → 33.3, "a quarter" → 25,
    "two thirds" → 66.7, "half" → 50 (when "of" or a qualifier makes it a share)."""
    n = len(tokens)
    w = tokens[k].lower
    if w == "half":
        return 50.0, k + 1
    numerator: float | None = None
    j = k
    if w in {"a", "an", "one"}:
        numerator, j = 1.0, k + 1
    elif w in lx.UNITS and lx.UNITS[w] > 1:
        numerator, j = float(lx.UNITS[w]), k + 1
    elif tokens[k].is_num and digits_value(tokens[k].text) is not None and tokens[k].text.isdigit():
        numerator, j = float(tokens[k].text), k + 1
    if numerator is None:
        return None
    ratio = _in_ratio(tokens, j, numerator)
    if ratio is not None:
        return ratio
    if j < n and tokens[j].lower in _HYPHENS:
        j += 1
    if j >= n:
        return None
    den_word = tokens[j].lower
    if den_word not in lx.FRACTIONS or den_word.startswith("half"):
        return None
    plural = den_word.endswith("s")
    if numerator > 1 and not plural:
        return None
    if numerator == 1 and plural:
        return None
    if numerator >= lx.FRACTIONS[den_word]:
        return None
    return 100.0 * numerator / lx.FRACTIONS[den_word], j + 1


# "three in four", "1 in 10", "one out of every five": the largest denominator read so.
MAX_RATIO_DENOMINATOR = 1000


def _in_ratio(tokens: list[Token], j: int, numerator: float) -> tuple[float, int] | None:
    """ "N in M" (or "N out of (every) M") after the numerator ending at ``j``, as a
    percentage and where it ends: "three in four" → 75.0."""
    n = len(tokens)
    if j + 1 >= n:
        return None
    k = j
    if tokens[k].lower == "in":
        k += 1
    elif tokens[k].lower == "out" and k + 2 < n and tokens[k + 1].lower == "of":
        k += 2
    else:
        return None
    if k < n and tokens[k].lower == "every":
        k += 1
    if k >= n:
        return None
    word = tokens[k].lower
    den = float(lx.UNITS[word]) if word in lx.UNITS else None
    if den is None and tokens[k].is_num and tokens[k].text.replace(",", "").isdigit():
        den = float(tokens[k].text.replace(",", ""))
    if den is None or not numerator < den <= MAX_RATIO_DENOMINATOR:
        return None
    return 100.0 * numerator / den, k + 1


# --- scanning a sentence -------------------------------------------------------------------------


def _qualifier_before(tokens: list[Token], i: int, floor: int) -> tuple[str, int] | None:
    """The qualifier that ends right before token ``i``: ("lower", start index)."""
    for size in range(lx.QUALIFIER_MAX_WORDS, 0, -1):
        start = i - size
        if start < floor:
            continue
        words = tuple(t.lower for t in tokens[start:i])
        kind = lx.QUALIFIERS.get(words)
        if kind and not (
            words[0] == "up" and start >= 1 and tokens[start - 1].lower in lx.GO_FORMS
        ):
            return kind, start  # not "will go up to £1.50": where it goes, not a most
    return None


def _unit_after(tokens: list[Token], j: int) -> tuple[str | None, str, int]:
    """A unit right after a number: (unit, dimension, end)."""
    n = len(tokens)
    if j >= n:
        return None, "count", j
    t = tokens[j]
    w = t.lower
    if w == "%":
        return "percent", "percent", j + 1
    if w in {"percent", "pct"} or (w == "pc" and t.glued):  # "fell 3pc": a press style
        if j + 1 < n and tokens[j + 1].lower == "points":
            return "percentage points", "percent", j + 2
        return "percent", "percent", j + 1
    if w == "per" and j + 1 < n and tokens[j + 1].lower == "cent":
        return "percent", "percent", j + 2
    if w == "percentage" and j + 1 < n and tokens[j + 1].lower == "points":
        return "percentage points", "percent", j + 2
    if w in lx.CURRENCY_WORDS and not (w == "won" and not t.glued):
        return lx.CURRENCY_WORDS[w], "money", j + 1
    if w in lx.CURRENCY_CODES:
        return lx.CURRENCY_CODES[w], "money", j + 1
    if w == "nautical" and j + 1 < n and tokens[j + 1].lower in {"mile", "miles"}:
        return "nautical miles", "length", j + 2  # "3,070 nautical miles": a sea mile
    if w in {"square", "sq"} and j + 1 < n and tokens[j + 1].lower in lx.MEASURE_UNITS:
        return f"square {tokens[j + 1].lower}", "area", j + 2
    if w.endswith("³") and lx.MEASURE_UNITS.get(w[:-1]) == "length":
        return w, "volume", j + 1  # "3.2 million m³"
    if w == "cubic" and j + 1 < n and lx.MEASURE_UNITS.get(tokens[j + 1].lower) == "length":
        return f"cubic {tokens[j + 1].lower}", "volume", j + 2  # "500,000 cubic metres"
    if (scale := _temperature_after(tokens, j)) is not None:
        return scale
    if w in lx.MEASURE_UNITS:
        dim = lx.MEASURE_UNITS[w]
        if w in {"m", "g"} and not (t.glued or (j + 1 < n and not tokens[j + 1].is_word)):
            return None, "count", j  # a lone "m" or "g" word is rarely a unit
        if dim == "magnitude":
            return "magnitude", "magnitude", j + 1
        if dim == "area" and w in {"square"}:
            return None, "count", j
        unit = w.replace("kilometres", "km").replace("kilometers", "km")
        if j + 1 < n and tokens[j + 1].text in {"²", "2"} and tokens[j + 1].glued:
            return f"{unit}²", "area", j + 2
        if (
            dim == "length"
            and j + 1 < n
            and tokens[j + 1].text in {"³", "3"}
            and tokens[j + 1].glued
        ):
            return f"{unit}³", "volume", j + 2  # "3.2 million m³"
        if dim == "length":
            unit = LENGTH_NAMES.get(unit, unit)  # "6.5m" and "six and a half metres" alike
        if dim == "length" and (per := _per_time(tokens, j + 1)) is not None:
            return f"{unit}/{per[0]}", "speed", per[1]  # "19 kilometres per second", "km/h"
        if dim == "power" and (hours := _hours_after(tokens, j + 1)) is not None:
            return f"{unit}-hours", "energy", hours  # "3,100 megawatt-hours", "megawatt hours"
        return unit, dim, j + 1
    return None, "count", j


# Units of time a length is per in a speed: "kilometres per second", "miles an hour", "km/h".
_SPEED_TIMES = {
    "second": "s",
    "sec": "s",
    "s": "s",
    "minute": "min",
    "min": "min",
    "hour": "h",
    "hr": "h",
    "h": "h",
}


def _hours_after(tokens: list[Token], k: int) -> int | None:
    """Where "hours" after a unit of power ends ("megawatt-hours", "megawatt hours"), else
    None: together they are a unit of energy."""
    if k < len(tokens) and tokens[k].text == "-":
        k += 1
    if k < len(tokens) and tokens[k].lower in {"hour", "hours"}:
        return k + 1
    return None


def _per_time(tokens: list[Token], k: int) -> tuple[str, int] | None:
    """The unit of time after a length that makes it a speed ("per second", "an hour", "/h"),
    with the end of its words; not "a day" (a distance covered daily, "12 km a day")."""
    if k + 1 >= len(tokens):
        return None
    word, time = tokens[k].lower, tokens[k + 1]
    if word == "/" and tokens[k].glued and time.glued and time.lower in _SPEED_TIMES:
        return _SPEED_TIMES[time.lower], k + 2
    spelled = len(time.lower) > 1 and time.lower in _SPEED_TIMES  # "per second", not "a s"
    if word in {"per", "an", "a", "each", "every"} and spelled:
        return _SPEED_TIMES[time.lower], k + 2
    return None


def _unit_of(tokens: list[Token], k: int, j: int) -> tuple[str | None, str, int]:
    """The unit after the number in ``tokens[k:j]`` (``_unit_after``), or a currency name that
    is also a common word after a scaled number ("thirty million marks", not "40 marks")."""
    unit, dimension, end = _unit_after(tokens, j)
    if (
        unit is None
        and j < len(tokens)
        and tokens[j].lower in lx.SCALED_CURRENCY_WORDS
        and _scaled(tokens, k, j)
    ):
        return lx.SCALED_CURRENCY_WORDS[tokens[j].lower], "money", j + 1
    return unit, dimension, end


def _scaled(tokens: list[Token], k: int, j: int) -> bool:
    """Whether the number in ``tokens[k:j]`` has a scale: "thirty million", "4.6m"."""
    return any(
        t.lower in lx.SCALES or (t.glued and t.lower in lx.SCALE_ABBREVIATIONS)
        for t in tokens[k + 1 : j]
    )


def _minus_before(tokens: list[Token], k: int) -> bool:
    """A minus sign before the number at ``k``: "-9C" (the sign glued to the number, not the
    dash of a range such as "5-9C"), "minus 12 degrees"."""
    if k < 1:
        return False
    sign = tokens[k - 1]
    if sign.lower == "minus":
        return True
    after_number = k >= 2 and tokens[k - 2].is_num and sign.glued
    return sign.text in {"-", "\u2212", "\u2013"} and tokens[k].glued and not after_number


def _temperature_after(tokens: list[Token], j: int) -> tuple[str, str, int] | None:
    """A temperature's scale right after its number: "34C", "34°C", "95F", "35 degrees
    Celsius". A letter is a scale only glued to the number ("grade C" is none)."""
    n = len(tokens)
    t = tokens[j]
    if t.text in _SCALES and t.glued:
        return _SCALES[t.text], "temperature", j + 1  # "34C"
    if t.text == "°" and j + 1 < n and tokens[j + 1].text in _SCALES and tokens[j + 1].glued:
        return _SCALES[tokens[j + 1].text], "temperature", j + 2  # "34°C"
    if t.lower == "degrees" and j + 1 < n and tokens[j + 1].lower in _SCALE_NAMES:
        return _SCALE_NAMES[tokens[j + 1].lower], "temperature", j + 2
    return None


_SCALES = {"C": "°C", "F": "°F"}
_SCALE_NAMES = {"celsius": "°C", "centigrade": "°C", "fahrenheit": "°F", "c": "°C", "f": "°F"}


# A scale after a sum's digits: "188m", "2.4bn", "1.8 million".
_SCALED = r"(?:\s?(?:m|mn|bn)\b|\s(?:million|billion)\b)"
# A sum written after a short capitalized word (up to three letters, not all capitals: "NHS"
# is a name), with a scale or grouped digits: "Mk 4.6m", "Esc 1.8 million", "Esc 650,000". No
# list holds every currency's sign, and hardly anything but money is written so.
_SUM_AFTER_SIGN = re.compile(
    r"\b([A-Z][a-z]{0,2})\.?[ \u00a0]?\d[\d.,]*"
    r"(?:\s?(?:m|mn|bn|k)\b|\s(?:million|billion|thousand)\b|,\d{3})"
)
# A sign of two small letters before a sum with a scale or grouped digits: "fl 12m", "kr
# 64m", "fl 250,000". Words of two letters that are no sign are in ``_NOT_SIGNS`` and
# ``_NOT_SMALL_SIGNS`` ("vs 10,000", "ca 12,000").
_SUM_AFTER_SMALL_SIGN = re.compile(
    r"(?<![\w.])([a-z]{2})\.?[ \u00a0]\d[\d.,]*" rf"(?:{_SCALED}|,\d{{3}}\b)"
)
# A code of capitals before a sum in millions or billions: "DLN 188m", "XQT 2.4bn" (a code
# no list holds); with no scale ("NHS 2,000 beds") capitals are a name.
_SUM_AFTER_CODE = re.compile(r"\b([A-Z]{2,4})[ \u00a0]?\d[\d.,]*" + _SCALED)
# Capitals before a grouped sum that no noun follows: "raised LRN 640,000 from the public",
# "a fine of XQT 250,000." A count has its noun after it ("The NHS 2,000 beds"), a sum not.
_SUM_AFTER_CODE_ALONE = re.compile(
    r"\b([A-Z]{2,4})[ \u00a0]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)(?P<rest>\W{0,3}[\w'-]*)"
)
# Short capitalized words before a number that are no currency: "Some 62,000", "Only 4,400",
# "June 2,000", "Mw 6.1", "No 10".
_NOT_SIGNS = (
    lx.FUNCTION_WORDS
    | lx.ADVERB_FILLERS
    | frozenset(w for phrase in lx.QUALIFIERS for w in phrase)
    | frozenset(lx.MONTHS)
    | frozenset("mon tue tues wed thu thur thurs fri sat sun".split())
    | frozenset(lx.MEASURE_UNITS)
    | frozenset(lx.SCALES)
    | frozenset(lx.UNITS)
    | frozenset(lx.TENS)
    | _LABEL_WORDS
    | frozenset("mr mrs ms dr st mt prof gen col lt sgt rev sir act art sec para ch pt".split())
)


_NOT_SMALL_SIGNS = frozenset(
    "go oh ok ex vs eg ie pm am re uh hi ca cf pp nr op id pg fy yr mo wk hr ch pt ad".split()
)


def currency_signs(text: str) -> frozenset[str]:
    """The currency signs ``text`` writes as short words before its sums ("Mk", "Esc", "Kr"):
    once a text writes a sum so, its other sums after that word are money too ("Mk 500")."""
    found = [*_SUM_AFTER_SIGN.finditer(text), *_SUM_AFTER_CODE.finditer(text)]
    found += [m for m in _SUM_AFTER_SMALL_SIGN.finditer(text) if m.group(1) not in _NOT_SMALL_SIGNS]
    found += [m for m in _SUM_AFTER_CODE_ALONE.finditer(text) if _no_noun_after(m.group("rest"))]
    return frozenset(
        m.group(1) for m in found if m.group(1).isalpha() and m.group(1).lower() not in _NOT_SIGNS
    )


def _no_noun_after(rest: str) -> bool:
    """Whether what follows a number (up to its next word) is no noun it counts: the end, a
    stop, a comma, or a function word ("from", "in", "and")."""
    word = rest.strip()
    if not word or not word[0].isalnum():
        return True
    return word.lower() in lx.FUNCTION_WORDS or word.lower() in lx.AUXILIARIES


def _currency_before(
    tokens: list[Token], i: int, signs: frozenset[str] = frozenset()
) -> tuple[str, int] | None:
    if i <= 0:
        return None
    t = tokens[i - 1]
    if t.text in signs and t.lower not in lx.CURRENCY_CODES:
        return lx.CURRENCY_SIGNS.get(t.lower, t.text), i - 1
    if t.text in lx.CURRENCY_SYMBOLS:
        start = i - 1
        if start > 0 and tokens[start - 1].lower in {"us", "a", "c", "nz", "hk", "s"} and t.glued:
            start -= 1
        return lx.CURRENCY_SYMBOLS[t.text], start
    if t.lower in lx.CURRENCY_CODES:
        return lx.CURRENCY_CODES[t.lower], i - 1
    return None


def _is_label(tokens: list[Token], i: int, value: float, text: str) -> bool:
    """ "Route 66", "No. 5", "F-16", "[12]": a number that names something."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    if prev.text == "#" or (prev.text == "[" and i + 1 < len(tokens) and tokens[i + 1].text == "]"):
        return True
    if prev.is_word and tokens[i].glued:
        return True  # "G7", "B52"
    if prev.text in _HYPHENS and tokens[i].glued and i >= 2:
        before = tokens[i - 2]
        if before.is_word and prev.glued and (before.text.isupper() or before.is_capitalized):
            return before.lower not in lx.MONTHS and before.lower not in {"mid", "late", "early"}
    if prev.text == "." and i >= 2 and tokens[i - 2].lower in {"no", "nos", "vol", "p", "pp"}:
        return True
    if prev.lower in _LABEL_WORDS and "," not in text and value < 10_000:
        return True
    if (
        prev.lower in {"to", "and", "-", "–"}
        and i >= 3
        and tokens[i - 2].is_num
        and tokens[i - 3].lower in _LABEL_WORDS
        and "," not in text
    ):
        return True  # "outside numbers 18 to 24": the second label of a range of them
    return bool(
        prev.is_capitalized
        and value < 1000
        and "," not in text
        and prev.lower not in lx.MONTHS
        and prev.lower not in lx.FUNCTION_WORDS
        and not any(prev.lower == q[0] for q in lx.QUALIFIERS)
        and i >= 2
        and tokens[i - 2].text not in {".", "!", "?", '"', "“", "(", "-", "–", "—", ":"}
    )


def _is_clock(tokens: list[Token], i: int, j: int) -> bool:
    text = tokens[i].text
    if ":" in text:
        return True
    return bool(j < len(tokens) and tokens[j].lower in _CLOCK_WORDS)


def _is_age(tokens: list[Token], i: int, j: int) -> bool:
    n = len(tokens)
    words = [t.lower for t in tokens[j : j + 5]]
    # "6-year-old", "6 years old", "a 34-year-old man"
    if (
        words[:1] in (["-"], ["‑"])
        and len(words) >= 3
        and words[1] in {"year", "years", "month", "months", "week", "day"}
        and (words[2] == "old" or words[2:4] in (["-", "old"], ["‑", "old"]))
    ):
        return True  # not "a five-year contract": a span
    if (
        len(words) >= 2
        and words[0] in {"year", "years", "month", "months"}
        and words[1] in {"old", "-"}
    ):
        return words[1] == "old" or (len(words) >= 3 and words[2] == "old")
    if i >= 1 and tokens[i - 1].lower in {"aged", "ages"}:
        return True
    if i >= 2 and tokens[i - 1].lower in _AGE_BOUNDS:
        # "people aged over 75"; "those over 75 who live alone", with no noun after the number
        before = tokens[i - 2].lower
        bare = j >= n or not tokens[j].is_word or tokens[j].lower in lx.FUNCTION_WORDS
        if before in {"aged", "ages"} or (before in _AGE_HOLDERS and bare):
            return True
    if i >= 2 and tokens[i - 1].lower == "of" and tokens[i - 2].lower == "age" and j < n:
        return tokens[j].lower not in lx.MEASURE_UNITS
    return False


def _said_old(tokens: list[Token], i: int, j: int) -> bool:
    """Whether an age is said of a thing as how old it is ("the oldest material is around
    4,300 years old"): a span of time, which "How old is …?" asks; not a person's age as a
    label ("a 34-year-old man", "aged 6") nor of people ("those over 75")."""
    n = len(tokens)
    words = [t.lower for t in tokens[j : j + 5]]
    if words[:3] in (["-", "year", "-"], ["‑", "year", "‑"]) and words[3:4] == ["old"]:
        # "a 1,900-year-old bronze brooch": how old a thing is; "a 34-year-old man" labels
        # a person by age
        phrase = list(
            itertools.takewhile(
                lambda t: (
                    t.kind == "word"
                    and t.lower not in lx.FUNCTION_WORDS
                    and not t.lower.endswith(("ed", "ing"))
                ),
                tokens[j + 4 : j + 7],
            )
        )
        return bool(phrase) and not _aged_one([t.lower for t in phrase])
    if words[:2] not in (["years", "old"], ["year", "old"]):
        return False
    before = tokens[i - 1].lower if i >= 1 else ""
    return before not in {"aged", "ages", "-", "‑"} and not (
        j + 2 < n and tokens[j + 2].text in {"-", "‑"}
    )


def _aged_one(phrase: list[str]) -> bool:
    """Whether the noun phrase after "N-year-old" names one a person's or animal's age labels:
    "man", "lighthouse keeper", "pianist", "female" (not "silver brooch", "bridge")."""
    if any(w in _AGED_PEOPLE or lx.entity_class(w) in lx.PERSON_CLASSES for w in phrase):
        return True
    head = phrase[-1]
    return len(head) > 4 and head.endswith(("er", "or", "ist", "ian", "ers", "ors"))


# Nouns of those a "34-year-old" labels by age: people and young animals, not things.
_AGED_PEOPLE = frozenset(
    """man men woman women boy boys girl girls child children person people lad youth
    teenager teen pensioner mother father son daughter brother sister wife husband pupil
    student player rider driver male female cub pup calf foal dog cat horse""".split()
)


# Words that bound an age ("aged over 75") and people said to be of one ("those over 75").
_AGE_BOUNDS = frozenset({"over", "under", "above", "below"})
_AGE_HOLDERS = frozenset(
    "those people anyone everyone adults residents pensioners patients men women".split()
)


# Lengths by one name however written: "6.5m", "6.5 metres" and "a 6.5-metre hole" in
# metres, "20ft" and "a 20-foot boat" in feet, "a 3-mile walk" in miles.
LENGTH_NAMES = {
    **dict.fromkeys(("m", "metre", "meter", "meters"), "metres"),
    **dict.fromkeys(("ft", "foot"), "feet"),
    **dict.fromkeys(("mi", "mile"), "miles"),
}


def _compound_unit(compound: str, j: int) -> tuple[str | None, str, int, float] | None:
    """What the word of a hyphenated compound after a number makes of it (unit, dimension,
    end, scale); None for an adjective ("6-word message", "a 3-bedroom flat")."""
    if compound == "magnitude":
        return "magnitude", "magnitude", j + 2, 1.0
    if compound in {"percent", "per"}:
        return "percent", "percent", j + 2, 1.0
    if compound in lx.SCALES:
        return None, "count", j + 2, float(lx.SCALES[compound])
    if lx.MEASURE_UNITS.get(compound) in _HYPHEN_DIMENSIONS:
        # "the 34-metre tower", "a 12,400-hectare blaze": a size of what follows
        return LENGTH_NAMES.get(compound, compound), lx.MEASURE_UNITS[compound], j + 2, 1.0
    if compound in CAPACITY_COMPOUNDS:
        return None, "count", j + 2, 1.0  # "the 2,100-seat venue": how many it holds
    if compound in _COUNT_COMPOUNDS:
        return None, "count", j, 1.0  # "3,000-strong": the compound joins the noun phrase
    if lx.MEASURE_UNITS.get(compound) == "duration":
        # "a five-year contract": how long it runs, in the unit's plural as "five years" is
        unit = compound if compound.endswith("s") else compound + "s"
        return (unit if unit in lx.MEASURE_UNITS else compound), "duration", j + 2, 1.0
    return None


def _hyphen_compound(tokens: list[Token], j: int) -> str | None:
    """The word of a hyphenated compound right after a number ("6-word" → "word")."""
    if j + 1 < len(tokens) and tokens[j].text in _HYPHENS and tokens[j].glued:
        nxt = tokens[j + 1]
        if nxt.is_word and nxt.glued:
            return nxt.lower
    return None


def find_quantities(
    tokens: list[Token], taken: set[int] | None = None, signs: frozenset[str] = frozenset()
) -> list[Quantity]:
    """Every count, amount, percentage, share and range among ``tokens``, in order.
    ``signs``: the currency signs of the text they are of (``currency_signs``)."""
    taken = taken or set()
    out: list[Quantity] = []
    n = len(tokens)
    k = 0
    while k < n:
        if k in taken:
            k += 1
            continue
        q = _quantity_at(tokens, k, taken, out[-1].j if out else 0, signs)
        if q is None:
            k += 1
            continue
        out.append(q)
        k = max(q.j, k + 1)
    _link_shares(tokens, out)
    _levels_after(tokens, out, taken)
    _elided_spans(tokens, out)
    return out


# Verbs of lasting, after which a bare number is a span in the unit of one before it.
_LASTING = frozenset("take takes took taking taken last lasts lasted lasting".split())


def _elided_spans(tokens: list[Token], quantities: list[Quantity]) -> None:
    """A bare number after a verb of lasting is a span in the unit of a span before it in the
    sentence: "planned to take four weeks, ended up taking six" (six weeks)."""
    for idx, q in enumerate(quantities):
        if q.unit is not None or q.dimension != "count" or q.i < 1 or idx == 0:
            continue
        if tokens[q.i - 1].lower not in _LASTING or (q.j < len(tokens) and tokens[q.j].is_word):
            continue
        span = next((p for p in reversed(quantities[:idx]) if p.dimension == "duration"), None)
        if span is not None:
            q.unit, q.dimension = span.unit, "duration"


# The most tokens between the level a change reached and the "from" of the one it left.
_LEVEL_GAP = 3
_PER = frozenset({"a", "an", "per", "each", "every"})


def _levels_after(tokens: list[Token], quantities: list[Quantity], dates: set[int]) -> None:
    """The level a change started from, said after the one it reached: the 58% of "rose to
    61% from 58%", the 77,800 of "was revised down to 76,500, from the 77,800 reported"."""
    for n, (reached, q) in enumerate(itertools.pairwise(quantities)):
        p = q.i - 1
        if p >= 0 and tokens[p].lower == "the":
            p -= 1
        if p < 1 or tokens[p].lower != "from" or reached.i < 2:
            continue
        # A date between, with its preposition, says when the level was reached: "rose to
        # 6.1% in March from 5.8%".
        between = [
            t
            for k, t in enumerate(tokens[reached.j : p], reached.j)
            if k not in dates and not (k + 1 in dates and t.lower in lx.PREPOSITIONS)
        ]
        if len(between) > _LEVEL_GAP or any(
            t.lower != ","
            and t.lower not in _PER
            and (t.kind != "word" or t.lower in lx.FUNCTION_WORDS)
            for t in between
        ):
            continue  # a comma, the counted noun or a period between: "to 3,400 units, from",
            # "to 80,000 a day, from"
        if tokens[reached.i - 1].lower == "to" and change_verb_before(tokens, reached.i - 2):
            q.change_from, q.level_of = True, n


def _quantity_at(
    tokens: list[Token], k: int, taken: set[int], floor: int, signs: frozenset[str] = frozenset()
) -> Quantity | None:
    n = len(tokens)
    t = tokens[k]
    # An ordinal ("21st", "the third time") or a glued word part ("F16") is never a figure.
    if t.is_num and k + 1 < n and tokens[k + 1].glued and tokens[k + 1].lower in _ORDINAL_SUFFIXES:
        return None
    fraction = fraction_core(tokens, k) if t.is_word or t.is_num else None
    core = number_core(tokens, k)
    # "half a million", "half a tonne": an amount, not a share
    if fraction is not None and not (t.lower == "half" and core is not None):
        return _share_quantity(tokens, k, fraction, taken, floor)
    if core is None:
        return None
    value, j, step = core
    if any(x in taken for x in range(k, j)):
        return None
    text = t.text
    if t.is_num and (_is_clock(tokens, k, j) or "/" in text or text.count(".") > 1):
        return None
    if j < n and tokens[j].lower in _SPOKEN_CLOCK:
        return None  # "at about four o'clock": a time of day, no count
    spoken = j < n and tokens[j].lower in _SPOKEN_CURRENCIES  # "one pound fifty"
    if t.lower == "one" and j == k + 1 and not _one_is_count(tokens, j) and not spoken:
        return None
    unit, dimension, end = _unit_of(tokens, k, j)
    if (cents := _hundredths_after(tokens, end, dimension)) is not None:
        value, end = value + cents[0], cents[1]  # "two pounds fifty": 2.50
    if unit is None and _to_one(tokens, j) and not (k and tokens[k - 1].lower == "from"):
        return None  # "backed it more than three to one": odds, no count
    signed = k > 0 and tokens[k - 1].text in signs  # "a Mk 500 bounty" is no label
    if t.is_num and dimension != "percent" and not signed and _is_label(tokens, k, value, text):
        return None  # "Route 66", but not "gives President Dovan 51.5%"
    if _is_age(tokens, k, j) and not _said_old(tokens, k, j):
        return None
    compound = _hyphen_compound(tokens, j)
    if compound is not None and unit is None:
        read = _compound_unit(compound, j)
        if read is None:
            return None  # "6-word message": an adjective, not a figure
        unit, dimension, end, scale = read
        value *= scale
    relation = None
    if unit in lx.DURATION_UNITS and end < n and tokens[end].lower in lx.TEMPORAL_RELATIONS:
        if tokens[end].lower in lx.POINT_RELATIONS:
            return None  # "two days ago", "in the three years since": a time, not a span
        relation = tokens[end].lower  # "19 minutes after the alarm": how long between two
    start = k
    currency = _currency_before(tokens, k, signs)
    if currency is not None and (unit is None or dimension == "money"):
        unit, dimension = currency[0], "money"
        start = currency[1]
    if dimension == "temperature" and _minus_before(tokens, k):
        value, start = -value, k - 1  # "-9C", "minus 12 degrees"
    if unit is None and _magnitude_named(tokens, k, end):
        unit, dimension = "magnitude", "magnitude"
    q = Quantity(
        i=start,
        j=end,
        value=value,
        low=value,
        high=value,
        unit=unit,
        dimension=dimension,
        precision=step,
        core=(k, j),
        number_text=t.text,
        relation=relation,
    )
    _extend_range(tokens, q, taken, signs)
    _apply_qualifier(tokens, q, floor)
    return q


def _hundredths_after(tokens: list[Token], end: int, dimension: str) -> tuple[float, int] | None:
    """The hundredths spoken after a currency's name ("two pounds fifty", "one dollar
    twenty-five"), with where they end: a number in words under 100 and no unit of its own."""
    if dimension != "money" or end < 1 or tokens[end - 1].lower not in _SPOKEN_CURRENCIES:
        return None
    if end >= len(tokens) or not tokens[end].is_word:
        return None
    core = number_core(tokens, end)
    if core is None or not 1 <= core[0] < 100 or core[0] != int(core[0]):
        return None
    after = tokens[core[1]].lower if core[1] < len(tokens) else ""
    if after in lx.CURRENCY_WORDS or after in lx.MEASURE_UNITS or after in lx.DURATION_UNITS:
        return None  # "two pounds, fifty pounds", "pounds five years ago"
    return core[0] / 100, core[1]


# Currencies whose hundredths a speaker names after them: "two pounds fifty".
_SPOKEN_CURRENCIES = frozenset({"pound", "pounds", "dollar", "dollars", "euro", "euros"})


def _magnitude_named(tokens: list[Token], k: int, end: int) -> bool:
    """Whether "magnitude 7.1", "a magnitude of 7.1", "M7.1" or "… on the Richter scale" names
    the scale of the number at ``k`` (ending at ``end``)."""
    before = [x.lower for x in tokens[max(0, k - 3) : k]]
    return (
        "magnitude" in before[-2:]
        or before[-3:-1] == ["magnitude", "of"]
        or before[-1:] == ["magnitude-"]
        or (
            end + 3 < len(tokens)
            and tokens[end].lower == "on"
            and tokens[end + 1].lower == "the"
            and tokens[end + 2].lower == "richter"
        )
    )


def _to_one(tokens: list[Token], j: int) -> bool:
    """Whether "to one" ends a clause at ``j``: "more than three to one", "by two to 1."."""
    if j + 1 >= len(tokens) or tokens[j].lower != "to" or tokens[j + 1].lower not in {"one", "1"}:
        return False
    return j + 2 >= len(tokens) or tokens[j + 2].kind not in {"word", "num"}


def _one_is_count(tokens: list[Token], j: int) -> bool:
    """ "one person died" counts; "one of the", "one day", "no one" do not."""
    if j >= len(tokens) or not tokens[j].is_word:
        return False
    w = tokens[j].lower
    return lx.entity_class(w) in lx.ENTITY_CLASSES and not w.endswith("s")


def _extend_range(
    tokens: list[Token], q: Quantity, taken: set[int], signs: frozenset[str] = frozenset()
) -> None:
    """ "10,000-12,000", "3,000 to 4,000", "between 900 and 1,100", "from 20 to 30 percent"."""
    n = len(tokens)
    j = q.core[1] if q.unit is None or q.j == q.core[1] else q.j
    k0 = q.core[0]
    opener = tokens[q.i - 1].lower if q.i > 0 else ""
    if j >= n:
        return
    link = tokens[j].lower
    ok = (
        (link in _RANGE_DASHES)
        or (link == "to" and opener not in {"up"})
        or (link == "and" and opener == "between")
    )
    if not ok or j + 1 >= n or (j + 1) in taken:
        return
    if link == "to" and q.i >= 1 and _is_change_verb(tokens[q.i - 1 - (opener == "by")]):
        # "rose 9% to $2.31 billion", "rose by 200 to 600": by how much, then to what
        return
    second_start = j + 1
    currency = (
        _currency_before(tokens, second_start + 1, signs)
        if tokens[second_start].text in lx.CURRENCY_SYMBOLS
        or tokens[second_start].lower in lx.CURRENCY_CODES
        or tokens[second_start].text in signs
        else None
    )
    if currency is not None:
        second_start += 1
    core = number_core(tokens, second_start)
    if core is None:
        return
    value2, j2, _step2 = core
    if any(x in taken for x in range(second_start, j2)):
        return
    if tokens[second_start].is_num and (
        ":" in tokens[second_start].text or _is_clock(tokens, second_start, j2)
    ):
        return
    unit2, dim2, end2 = _unit_after(tokens, j2)
    if (currency is not None and q.unit == "percent") or (
        q.unit is not None and unit2 is not None and unit2 != q.unit
    ):
        return  # "5% to $40.60", "3 km to 40%": two kinds of figure are no range
    first_value = q.value
    # "10-12 million": the scale written once applies to both ends.
    if value2 > 999 and first_value < 1000 and tokens[k0].is_num and q.number_text.isdigit():
        second = digits_value(tokens[second_start].text) if tokens[second_start].is_num else None
        scale = value2 / second if second else 1.0
        if scale > 1 and first_value * scale < value2:
            first_value *= scale
    if link == "to" and (at := _from_at(tokens, q.i)) is not None and _changed_from(tokens, at - 1):
        # "rose from 212 to 340", "cut the grant from £3.2m to £2.1m": two values at two
        # times, not a range; the first is the level before the change.
        q.change_from = True
        return
    if value2 <= first_value:
        return  # "3-1" is a score, not a range
    if unit2 is not None:
        q.unit, q.dimension = unit2, dim2
    q.value = first_value
    q.low = first_value
    q.high = value2
    q.value_high = value2
    q.is_range = True
    q.j = end2
    q.precision = 0.0
    if opener in {"between", "from"} and q.i > 0:
        q.i -= 1


def _from_at(tokens: list[Token], i: int) -> int | None:
    """Where the "from" that opens a figure at ``i`` is: right before it, or before a
    determiner and at most one word ("rose from the planned £30,000 to £34,000")."""
    for at in range(i - 1, max(-1, i - 4), -1):
        t = tokens[at]
        if t.lower == "from":
            return at if at == i - 1 or tokens[at + 1].lower in lx.DETERMINERS else None
        if t.kind != "word" or t.is_capitalized or at < i - 2:
            return None
    return None


def _is_change_verb(t: Token) -> bool:
    return t.lower in lx.CHANGE_VERBS


# The most words of a phrase of time or agent between a change verb and its "from": "was
# increased in December from €18 million to €25 million".
_CHANGE_GAP = 4


def _changed_from(tokens: list[Token], k: int) -> bool:
    """Whether a change ends at ``k``, before "from": a change verb ("rose from", "was
    increased in December from") or one with its object ("revised the death toll from",
    "reduced its annual grant from")."""
    if change_verb_before(tokens, k) is not None:
        return True
    for m in range(k - 1, max(-1, k - _CHANGED_OBJECT_WORDS - 1), -1):
        t = tokens[m]
        if t.kind != "word" or t.lower in _OBJECT_BREAKS:
            return False
        if _is_change_verb(t) or t.lower in lx.RISE_WORDS or t.lower in lx.FALL_WORDS:
            return True
    return False


# The most words of a changed object between its verb and "from": "cut the council's annual
# grant from". A clause's break or a preposition ends the object.
_CHANGED_OBJECT_WORDS = 6
_OBJECT_BREAKS = frozenset({"which", "who", "whereas", "while", "but", "and", "or", "from", "to"})


def change_verb_before(tokens: list[Token], k: int) -> int | None:
    """Where the change verb that ends at ``k`` is ("rose" of "rose from"), also past a
    short phrase of time or agent that opens with a preposition ("increased in December
    from"); None without one."""
    if k >= 0 and _is_change_verb(tokens[k]):
        return k
    for m in range(k, max(-1, k - _CHANGE_GAP - 1), -1):
        t = tokens[m]
        if t.kind != "word":
            return None
        if t.lower in lx.TIME_OR_AGENT_PREPOSITIONS:
            return m - 1 if m >= 1 and _is_change_verb(tokens[m - 1]) else None
    return None


def _apply_qualifier(tokens: list[Token], q: Quantity, floor: int) -> None:
    found = _qualifier_before(tokens, q.i, floor)
    if found is None and q.i > 0 and tokens[q.i - 1].lower in {"additional", "another", "extra"}:
        found = _qualifier_before(tokens, q.i - 1, floor)  # "an estimated additional 3,000"
        if found is not None and found[0] != "approx":
            found = None
    if found is None:
        # "600 or more", "4,000 or so", "600-plus"
        j = q.j
        tail = [t.lower for t in tokens[j : j + 2]]
        if tail[:2] in (["or", "more"], ["and", "more"]) or tail[:2] == ["or", "above"]:
            q.qualifier, q.low, q.high = "atleast", q.low, None
            q.j = j + 2
        elif tail[:2] == ["or", "so"]:
            _set_interval(q, "approx")
            q.j = j + 2
        elif tail[:2] in (["or", "less"], ["or", "fewer"]):
            q.qualifier, q.low, q.high = "atmost", None, q.high
            q.j = j + 2
        return
    kind, start = found
    # "over" and "under" are prepositions too: "over 4,000 soldiers" qualifies, "over the
    # weekend 4,000" would not reach here because the words must touch the number.
    _set_interval(q, kind)
    q.i = start


def _set_interval(q: Quantity, kind: str) -> None:
    low = q.value
    high = q.value_high if q.is_range and q.value_high is not None else q.value
    q.qualifier = kind
    if kind == "lower" or kind == "atleast":
        q.low, q.high = low, None
    elif kind == "upper":
        q.low, q.high = high * 0.9, high
    elif kind == "atmost":
        q.low, q.high = None, high
    elif kind == "approx":
        q.low, q.high = low * 0.9, high * 1.1


def _share_quantity(
    tokens: list[Token], k: int, fraction: tuple[float, int], taken: set[int], floor: int
) -> Quantity | None:
    value, j = fraction
    n = len(tokens)
    is_half = tokens[k].lower == "half"
    q = Quantity(
        i=k,
        j=j,
        value=value,
        low=value,
        high=value,
        unit="percent",
        dimension="percent",
        is_share=True,
        core=(k, j),
        number_text=" ".join(t.text for t in tokens[k:j]),
    )
    _apply_qualifier(tokens, q, floor)
    followed_by_of = j < n and tokens[j].lower == "of"
    if not followed_by_of and _changed_by(tokens, q.i):
        q.is_share = False  # "waste fell by about a quarter": a change of 25 per cent
        return None if any(x in taken for x in range(k, j)) else q
    if is_half and not (followed_by_of or q.qualifier):
        return None  # "half" alone: "the second half", "half an hour"
    if not followed_by_of and tokens[k].lower in {"a", "an"} and not q.qualifier:
        # "a quarter" of what? Without "of" it is usually time ("a quarter past").
        return None
    if any(x in taken for x in range(k, j)):
        return None
    return q


def _changed_by(tokens: list[Token], i: int) -> bool:
    """Whether a fraction starting at ``i`` is what a change verb changed "by" ("fell by a
    quarter", "cut by half"); not after a percentage, whose things it says changed so much
    ("52% of patients saw their migraine days fall by at least half")."""
    if any(t.text == "%" or t.lower in {"percent", "cent"} for t in tokens[:i]):
        return False
    return i >= 2 and tokens[i - 1].lower == "by" and change_verb_before(tokens, i - 2) is not None


def _link_shares(tokens: list[Token], quantities: list[Quantity]) -> None:
    """A share or percentage followed by "of [the] N …" takes N as its base."""
    for idx, q in enumerate(quantities):
        if q.dimension != "percent":
            continue
        j = q.j
        if j >= len(tokens) or tokens[j].lower != "of":
            continue
        q.is_share = True
        k = j + 1
        while k < len(tokens) and tokens[k].lower in lx.DETERMINERS:
            k += 1
        for other_idx in range(idx + 1, len(quantities)):
            other = quantities[other_idx]
            if other.i == k or (other.i <= k < other.j):
                q.base_index = other_idx
                break
            if other.i > k:
                break


# --- public helpers ----------------------------------------------------------------------------------


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in ``text`` ("about 600", "$25 million", "one-third"), or None."""
    from retrieval.figures.dates import find_dates

    tokens = tokenize(text)
    taken = {x for d in find_dates(tokens) for x in range(d.i, d.j)}
    found = find_quantities(tokens, taken, currency_signs(text))
    return found[0] if found else None


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words ("4,700", "1.2 million",
    "twenty-one", "a dozen"), or None."""
    tokens = tokenize(text)
    if not tokens:
        return None
    k = 1 if tokens[0].text in lx.CURRENCY_SYMBOLS else 0
    core = number_core(tokens, k)
    if core is None:
        return None
    return core[0]


def format_number(value: float) -> str:
    """A number as a report would print it: 4700 → "4,700", 1200000 → "1.2 million"."""
    if math.isnan(value) or math.isinf(value):
        return str(value)
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale and (value / scale) * 10 == int((value / scale) * 10):
            return f"{value / scale:g} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
