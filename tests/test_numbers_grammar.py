"""The number and date grammar: every form the figures engine reads, and the traps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.figures.dates import find_dates
from retrieval.figures.numbers import find_quantities, parse_number, parse_quantity
from retrieval.figures.tokens import sentence_spans, tokenize

# (text, value, low, high, unit, qualifier)
QUANTITIES = [
    ("600", 600, 600, 600, None, None),
    ("4,700", 4700, 4700, 4700, None, None),
    ("1.2 million", 1_200_000, 1_200_000, 1_200_000, None, None),
    ("$25 million", 25_000_000, 25_000_000, 25_000_000, "dollars", None),
    ("25 million dollars", 25_000_000, 25_000_000, 25_000_000, "dollars", None),
    ("fourteen", 14, 14, 14, None, None),
    ("a dozen", 12, 12, 12, None, None),
    # half of a scale or a unit is an amount, not a share
    ("half a million", 500_000, 500_000, 500_000, None, None),
    ("half a tonne", 0.5, 0.5, 0.5, "tonne", None),
    ("up to half a mile", 0.5, None, 0.5, "miles", "atmost"),
    ("twenty-one", 21, 21, 21, None, None),
    ("Four thousand people", 4000, 4000, 4000, None, None),
    ("a 7.1 magnitude quake", 7.1, 7.1, 7.1, "magnitude", None),
    ("30%", 30, 30, 30, "percent", None),
    ("10,000-12,000", 10_000, 10_000, 12_000, None, None),
    ("between 900 and 1,100", 900, 900, 1100, None, None),
    ("3,000 to 4,000", 3000, 3000, 4000, None, None),
    ("more than 4,000", 4000, 4000, None, None, "lower"),
    ("over 4,000", 4000, 4000, None, None, "lower"),
    ("at least 12", 12, 12, None, None, "atleast"),
    ("has exceeded 4,000", 4000, 4000, None, None, "lower"),
    ("nearly 600", 600, 540, 600, None, "upper"),
    ("almost 600", 600, 540, 600, None, "upper"),
    ("up to 90", 90, None, 90, None, "atmost"),
    ("under 90", 90, None, 90, None, "atmost"),
    ("about 600", 600, 540, 660, None, "approx"),
    ("approximately 600", 600, 540, 660, None, "approx"),
    ("around 600", 600, 540, 660, None, "approx"),
    ("some 600", 600, 540, 660, None, "approx"),
    ("roughly 600", 600, 540, 660, None, "approx"),
    ("an estimated 600", 600, 540, 660, None, "approx"),
    ("closer to 600", 600, 540, 660, None, "approx"),
    ("nearer 600", 600, 540, 660, None, "approx"),
    ("more like 600", 600, 540, 660, None, "approx"),
    ("the best part of 600", 600, 540, 600, None, "upper"),
    ("north of 600", 600, 600, None, None, "lower"),
    # temperatures: a scale glued to the number, after a degree sign, or named
    ("34C", 34, 34, 34, "°C", None),
    ("31.5C", 31.5, 31.5, 31.5, "°C", None),
    ("34°C", 34, 34, 34, "°C", None),
    ("95F", 95, 95, 95, "°F", None),
    ("35 degrees Celsius", 35, 35, 35, "°C", None),
    ("-9C", -9, -9, -9, "°C", None),
    ("minus 12 degrees", -12, -12, -12, "degrees", None),
]


@pytest.mark.parametrize(("text", "value", "low", "high", "unit", "qualifier"), QUANTITIES)
def test_quantity_forms(
    text: str,
    value: float,
    low: float | None,
    high: float | None,
    unit: str | None,
    qualifier: str | None,
) -> None:
    q = parse_quantity(text)
    assert q is not None, text
    assert q.value == pytest.approx(value)
    assert (q.low is None) == (low is None) and (q.high is None) == (high is None)
    if low is not None:
        assert q.low == pytest.approx(low)
    if high is not None:
        assert q.high == pytest.approx(high)
    assert q.unit == unit
    assert q.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "percent", "qualifier"),
    [
        ("nearly half of the 300 workers", 50, "upper"),
        ("one-third of the 11,000 troops", 100 / 3, None),
        ("nearly a quarter of the 11,000 soldiers", 25, "upper"),
        ("two-thirds of voters", 200 / 3, None),
    ],
)
def test_shares_keep_their_base(text: str, percent: float, qualifier: str | None) -> None:
    tokens = tokenize(text)
    found = find_quantities(tokens)
    share = found[0]
    assert share.is_share and share.unit == "percent"
    assert share.value == pytest.approx(percent)
    assert share.qualifier == qualifier
    if any(ch.isdigit() for ch in text):
        assert share.base_index is not None
        base = found[share.base_index]
        assert base.value == float(text.split("the ")[1].split()[0].replace(",", ""))


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("roughly three in four patients", 75),
        ("1 in 10 voters", 10),
        ("two out of every three homes", 200 / 3),
        ("one in 250 people", 0.4),
    ],
)
def test_one_in_n_is_a_share_not_two_counts(text: str, percent: float) -> None:
    (q,) = find_quantities(tokenize(text))
    assert q.unit == "percent" and q.value == pytest.approx(percent)


def _quantities(text: str) -> list[str]:
    """The counts and amounts of ``text``: spans of time are durations (tests/test_durations.py)."""
    tokens = tokenize(text)
    taken = {x for d in find_dates(tokens) for x in range(d.i, d.j)}
    return [
        text[tokens[q.i].start : tokens[q.j - 1].end]
        for q in find_quantities(tokens, taken)
        if q.dimension != "duration"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("under the landmark 2024 defense treaty", []),  # a year
        ("The levee broke at 3:17 a.m. on Monday.", []),  # a clock time
        ("a 67-year-old farmer", []),  # an age
        ("Rescuers pulled an 8-year-old boy from a car", []),
        ("for the first time", []),  # an ordinal
        ("on the 21st floor", []),
        ("Chilling 6-word message sent to investors", []),  # a hyphenated adjective
        ("the Route 66 bridge", []),  # a label
        ("two days after the flood", []),  # a span between two events, a duration
        ("On 13 January 1891 some 300 people left", ["some 300"]),
        ("In 2023, 2,000 troops were sent", ["2,000"]),
        ("The 1990s saw 40 floods", ["40"]),
        ("As of the 2010 census, 3,171 people lived there", ["3,171"]),  # a year, a noun in -s
        ("The 2000 buses were sold", ["2000"]),  # a plural: counted
        ("Class 4C won, and 3 C-grade pupils", ["3"]),  # a letter is no scale but glued
    ],
)
def test_traps_are_not_counts(text: str, expected: list[str]) -> None:
    assert _quantities(text) == expected


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("on 13 January 1891", 18910113, 18910113),
        ("on January 13, 1891", 18910113, 18910113),
        ("in late 1914", 19140901, 19141231),
        ("in early 2023", 20230101, 20230431),
        ("in March 2020", 20200301, 20200331),
        ("in the 1990s", 19900101, 19991231),
        ("in 1972", 19720101, 19721231),
    ],
)
def test_dates_are_intervals(text: str, low: float, high: float) -> None:
    spans = [d for d in find_dates(tokenize(text)) if d.has_year]
    assert len(spans) == 1
    assert (spans[0].low, spans[0].high) == (low, high)


def test_time_phrases_without_a_year_order_by_month() -> None:
    tokens = tokenize("about 3,000 in January, more than 4,000 as of mid-March")
    spans = find_dates(tokens)
    assert [tokens[s.lead].lower for s in spans] == ["in", "as"]
    keys = [s.order_key for s in spans]
    assert keys[0] is not None and keys[1] is not None and keys[0] < keys[1]
    assert not any(s.has_year for s in spans)


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates(tokenize("The casualties may encompass senior officers.")) == []


def test_headlines_end_sentences() -> None:
    text = "Flood toll rises to 19\nThe death toll rose to 19 on Wednesday."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Flood toll rises to 19",
        "The death toll rose to 19 on Wednesday.",
    ]


# --- properties ------------------------------------------------------------------------------

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _words_below_1000(n: int) -> str:
    parts = []
    if n >= 100:
        parts.append(f"{_UNITS[n // 100]} hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(_TENS[n // 10 - 2] + (f"-{_UNITS[n % 10]}" if n % 10 else ""))
    elif n or not parts:
        parts.append(_UNITS[n])
    return " ".join(parts)


def in_words(n: int) -> str:
    if n < 1000:
        return _words_below_1000(n)
    thousands, rest = divmod(n, 1000)
    text = f"{_words_below_1000(thousands)} thousand"
    if rest:
        text += (" and " if rest < 100 else " ") + _words_below_1000(rest)
    return text


@given(st.integers(min_value=0, max_value=999_999_999))
def test_digits_with_separators_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=999_999))
def test_numbers_in_words_round_trip(n: int) -> None:
    assert parse_number(in_words(n)) == n, in_words(n)


@given(
    st.integers(min_value=1, max_value=99_999),
    st.integers(min_value=1, max_value=99_999),
    st.sampled_from(["{a}-{b}", "{a} to {b}", "between {a} and {b}"]),
)
def test_ranges_keep_both_ends(a: int, b: int, form: str) -> None:
    low, high = min(a, b), max(a, b)
    if low == high:
        high += 1
    text = "sent " + form.format(a=f"{low:,}", b=f"{high:,}") + " workers"
    q = parse_quantity(text)
    assert q is not None
    assert (q.low, q.high) == (low, high)


@given(st.integers(min_value=1, max_value=999).map(lambda x: x / 10))
def test_decimal_millions(x: float) -> None:
    q = parse_quantity(f"${x:g} million")
    assert q is not None and q.unit == "dollars"
    assert q.value == pytest.approx(x * 1_000_000)
