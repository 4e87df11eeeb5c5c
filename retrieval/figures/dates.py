"""Dates and time phrases: "13 January 1891", "late 1914", "mid-March", "last fall".

A date with a year is an interval of days written as YYYYMMDD numbers (ordered, comparable,
readable): "late 1914" is 19140901–19141231. A time phrase without a year ("in January",
"mid-March", "on Wednesday") still dates a figure (``as_of``) and, when it names a month,
orders it within a report.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from retrieval.figures import lexicon as lx
from retrieval.figures.tokens import Token

MIN_YEAR, MAX_YEAR = 1000, 2100
_MONTH_ABBR = frozenset(w for w in lx.MONTHS if len(w) <= 4 and w not in {"may", "june", "july"})
# Prepositions that attach a time phrase to a figure: "as of mid-March", "in January".
_LEADS = (
    ("as", "of"),
    ("earlier", "in"),
    ("later", "in"),
    ("in",),
    ("on",),
    ("by",),
    ("since",),
    ("until",),
    ("as", "early", "as"),
    ("from",),
    ("at",),
    ("during",),
    ("between",),
)


@dataclass
class TimeSpan:
    """A time expression over tokens [i, j); ``lead`` is where its preposition starts."""

    i: int
    j: int
    lead: int
    low: float | None = None  # YYYYMMDD when the year is known
    high: float | None = None
    month_key: float | None = None  # month (with a part: mid-March → 3.5) when no year
    relative: str | None = None  # "last", "previous", "this" …: relative to the report
    day_low: float | None = None  # MMDD bounds of a day or month named without a year
    day_high: float | None = None
    period: str | None = None  # of a relative span: "fall", "year", "wednesday" …
    part: str | None = None  # "earlier" or "later" ("earlier this month")
    amount: int | None = None  # of a span back from the report: "two weeks ago" → 2
    days_on: int = 0  # days past the day it names: "a week tomorrow" → 7
    nth: tuple[int, int] | None = None  # which weekday of its month: "the first Saturday in July"
    # Of "between 9 March and 28 May": the two days it runs between, each a span of its own.
    ends: tuple[TimeSpan, TimeSpan] | None = None

    @property
    def has_year(self) -> bool:
        return self.low is not None

    @property
    def order_key(self) -> float | None:
        """A key that orders times within one corpus: the day, else the month."""
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.month_key


def _ymd(y: int, m: int, d: int) -> float:
    return float(y * 10000 + m * 100 + d)


def year_value(t: Token) -> int | None:
    """The year a four-digit number names ("1891"), or None."""
    if t.kind != "num" or not t.text.isdigit() or len(t.text) != 4:
        return None
    y = int(t.text)
    return y if MIN_YEAR <= y <= MAX_YEAR else None


def _part(tokens: list[Token], k: int) -> tuple[str, int] | None:
    """A part word ending right before token ``k`` ("late", "mid-", "early"): (part, start)."""
    if k >= 2 and tokens[k - 1].text in {"-", "‑"} and tokens[k - 2].lower == "mid":
        return "mid", k - 2
    if k >= 1 and tokens[k - 1].lower in lx.PARTS:
        return tokens[k - 1].lower, k - 1
    if (
        k >= 3
        and tokens[k - 1].lower == "of"
        and tokens[k - 2].lower in lx.PARTS
        and tokens[k - 3].lower == "the"
    ):
        return tokens[k - 2].lower, k - 3  # "the end of 2023"
    return None


def _month_span(part: str | None) -> tuple[int, int]:
    if part is None:
        return 1, 12
    f0, f1 = lx.PARTS[part]
    return 1 + math.floor(f0 * 12 + 1e-9), max(1, math.ceil(f1 * 12 - 1e-9))


def _day_span(part: str | None) -> tuple[int, int]:
    if part is None:
        return 1, 31
    f0, f1 = lx.PARTS[part]
    return 1 + math.floor(f0 * 30 + 1e-9), max(1, min(31, math.ceil(f1 * 31)))


def _day_at(tokens: list[Token], k: int) -> int | None:
    if k < len(tokens) and tokens[k].kind == "num" and tokens[k].text.isdigit():
        d = int(tokens[k].text)
        if 1 <= d <= 31 and len(tokens[k].text) <= 2:
            return d
    return None


# Days written as ordinal words: "on the tenth of February", "the twenty-first of May".
_ORDINAL_DAYS = {
    w: n
    for n, w in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
        thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth
        twentieth""".split(),
        start=1,
    )
} | {"thirtieth": 30}


def _word_day_at(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """A day in words after "the" and before "of", with the index of its "of": "the tenth
    of", "the twenty-first of" ("a fifth of March's rain" is a share, not a day)."""
    n = len(tokens)
    if k == 0 or tokens[k - 1].lower != "the":
        return None
    w, day, j = tokens[k].lower, None, k + 1
    if w in {"twenty", "thirty"} and k + 2 < n and tokens[k + 1].text == "-":
        unit = _ORDINAL_DAYS.get(tokens[k + 2].lower, 0)
        day, j = ((20 if w == "twenty" else 30) + unit if 1 <= unit <= 9 else None), k + 3
    elif w in _ORDINAL_DAYS:
        day = _ORDINAL_DAYS[w]
    if day is None or day > 31 or j >= n or tokens[j].lower != "of":
        return None
    return day, j


def _after_ordinal(tokens: list[Token], k: int) -> int:
    """Skip a glued ordinal suffix: "13th" → past "th"."""
    if k < len(tokens) and tokens[k].glued and tokens[k].lower in {"st", "nd", "rd", "th"}:
        return k + 1
    return k


def _bare(t: Token) -> str:
    """A word without its possessive ending: "Tuesday's blackout", "last year's fire" and
    "yesterday's vote" are dated by the day or period."""
    return t.lower.removesuffix("'s")


def _span_at(tokens: list[Token], k: int) -> TimeSpan | None:
    """The time expression that starts (in its core) at token ``k``."""
    t = tokens[k]
    w = _bare(t)
    day_month = _day_month_at(tokens, k)
    if day_month is not None:
        return day_month
    if w in lx.MONTHS and (t.is_capitalized or t.text.isupper()):
        return _month_at(tokens, k)
    if w in lx.SEASONS:
        return _season_at(tokens, k)
    if (quarter := _quarter_at(tokens, k)) is not None:
        return quarter
    if w in lx.WEEKDAYS and t.is_capitalized:
        return _weekday_at(tokens, k)
    if w in lx.RELATIVE_PERIODS and k >= 1 and tokens[k - 1].lower in lx.RELATIVE_WORDS:
        return _relative_period_at(tokens, k)
    if w in _DAY_WORDS:  # "Kestrel Motors today announced", "said yesterday afternoon"
        return TimeSpan(k, _past_part(tokens, k), k, relative=_DAY_WORDS[w], period="day")
    on = _weeks_on_at(tokens, k)
    if on is not None:
        return on
    ago = _ago_at(tokens, k)
    if ago is not None:
        return ago
    return _year_at(tokens, k)


# "two weeks ago", "a month ago", "three days ago today": back from the report's day.
_AGO_UNITS = {w + s: w for w in ("day", "week", "fortnight", "month", "year") for s in ("", "s")}
_AMOUNT_WORDS = {"a": 1, "an": 1, **lx.UNITS}


def _ago_at(tokens: list[Token], k: int) -> TimeSpan | None:
    """ "two weeks ago" (and "… ago today", the same day): a span back from the report;
    "three weeks today", "a fortnight today": as far on from it."""
    if k + 2 >= len(tokens) or tokens[k + 2].lower not in {"ago", "today"}:
        return None
    w = tokens[k].lower
    amount = _AMOUNT_WORDS.get(w) or (int(w) if w.isdigit() and len(w) <= 3 else None)
    unit = _AGO_UNITS.get(tokens[k + 1].lower)
    if not amount or unit is None:
        return None
    if tokens[k + 2].lower == "today":
        if _since_today(tokens, k):
            return TimeSpan(k, k + 3, k, relative="ago", period=unit, amount=amount)
        return TimeSpan(k, k + 3, k, relative="hence", period=unit, amount=amount)
    j = k + 3
    if j < len(tokens) and tokens[j].lower == "today":
        j += 1
    return TimeSpan(k, j, k, relative="ago", period=unit, amount=amount)


def _weeks_on_at(tokens: list[Token], k: int) -> TimeSpan | None:
    """ "a week tomorrow", "a week on Monday", "a fortnight on Friday": as many weeks after
    the day named (tomorrow; the coming Monday)."""
    if k + 2 >= len(tokens):
        return None
    amount = _AMOUNT_WORDS.get(tokens[k].lower)
    unit = _AGO_UNITS.get(tokens[k + 1].lower)
    if not amount or unit not in _WEEK_DAYS:
        return None
    days = amount * _WEEK_DAYS[unit]
    after = tokens[k + 2]
    if after.lower == "tomorrow":
        return TimeSpan(k, k + 3, k, relative="next", period="day", days_on=days)
    day = _bare(tokens[k + 3]) if k + 3 < len(tokens) else ""
    if after.lower == "on" and day in lx.WEEKDAYS and tokens[k + 3].is_capitalized:
        return TimeSpan(k, k + 4, k, relative="next", period=day, days_on=days)
    return None


_WEEK_DAYS = {"week": 7, "fortnight": 14}


def _since_today(tokens: list[Token], k: int) -> bool:
    """Whether "… today" counts back ("it is two years today since the fire", "it has been
    a week today"), not on ("it will close three weeks today")."""
    after = tokens[k + 3].lower if k + 3 < len(tokens) else ""
    before = tokens[k - 1].lower if k >= 1 else ""
    return after in {"since", "that"} or before in {"been", "is", "was", "it's", "it’s"}


# Days named relative to the report's own: read against its publication date.
_DAY_WORDS = {"today": "this", "yesterday": "previous", "tomorrow": "next"}


# Words between the first and last day of a range in one month: "on 12 and 13 July",
# "12-13 July", "from 3 to 5 March 2025".
_DAY_RANGE_WORDS = frozenset({"and", "to", "&", "-", "–"})


def _day_range_end(tokens: list[Token], k: int, day: int) -> tuple[int, int] | None:
    """The last day of a range that opens with ``day`` at ``k`` and a month ends, with its
    index ("12 and 13 July": 13)."""
    at = _after_ordinal(tokens, k + 1)
    if at + 1 >= len(tokens) or tokens[at].lower not in _DAY_RANGE_WORDS:
        return None
    last = _day_at(tokens, at + 1)
    month_at = _after_ordinal(tokens, at + 2)
    if last is None or last <= day or month_at >= len(tokens):
        return None
    return (at + 1, last) if tokens[month_at].lower in lx.MONTHS else None


def _day_month_at(tokens: list[Token], k: int) -> TimeSpan | None:
    """Day Month [Year]: "13 January 1891"; a range of days in one month too ("12 and 13
    July": the 12th to the 13th)."""
    n = len(tokens)
    day, m_at, last_day = _day_at(tokens, k), k + 1, None
    if day is None and (in_words := _word_day_at(tokens, k)) is not None:
        day, m_at = in_words[0], in_words[1] + 1  # "the tenth of February"
    elif day is not None:
        if (ranged := _day_range_end(tokens, k, day)) is not None:
            m_at, last_day = ranged[0] + 1, ranged[1]  # the month follows the range's last day
        suffixed = _after_ordinal(tokens, m_at)
        if suffixed > m_at and suffixed + 1 < n and tokens[suffixed].lower == "of":
            suffixed += 1  # "the 3rd of March"
        m_at = suffixed
    if day is not None:
        start, last_day = k, last_day or day
        if m_at < n and tokens[m_at].lower in lx.MONTHS and _month_not_modal(tokens, m_at):
            month = lx.MONTHS[tokens[m_at].lower]
            after = m_at + 1
            if after < n and tokens[after].text == "." and tokens[after].glued:
                after += 1  # "3 Nov. 1913"
            y_at = after + (1 if after < n and tokens[after].text == "," else 0)
            year = year_value(tokens[y_at]) if y_at < n else None
            if year is not None:
                low, high = _ymd(year, month, day), _ymd(year, month, last_day)
                return TimeSpan(start, y_at + 1, start, low, high)
            return TimeSpan(
                start,
                m_at + 1,
                start,
                month_key=month + day / 31,
                day_low=month * 100 + day,
                day_high=month * 100 + last_day,
            )
    return None


# Words after a day and "May" that make it the verb, as in a sentence where "May" is
# capitalised only by a typo: "Some 4 May be late".
_AFTER_MODAL = frozenset({"be", "have", "not", "well"})


def _month_not_modal(tokens: list[Token], k: int) -> bool:
    """ "4 May 2011", "4 May", "cancelled on 3 May because …": the month; "4 may be" and a
    title-case "Up To 30 May Be Hurt": the verb. A capital "May" after a day is the month
    unless the next word is capitalised too or one that follows a modal verb."""
    if tokens[k].lower != "may":
        return True
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    return tokens[k].text == "May" and (
        after is None
        or after.kind != "word"
        or year_value(after) is not None
        or (after.text[:1].islower() and after.lower not in _AFTER_MODAL)
    )


def _month_at(tokens: list[Token], k: int) -> TimeSpan | None:
    """Month [Day][, Year], or a part of a month: "January 13, 1891", "early March 2024"."""
    n = len(tokens)
    w = _bare(tokens[k])
    if w == "may" and not (k + 1 < n and (_day_at(tokens, k + 1) or year_value(tokens[k + 1]))):
        return None  # the modal verb
    month = lx.MONTHS[w]
    j = k + 1
    if j < n and tokens[j].text == "." and tokens[j].glued and w in _MONTH_ABBR:
        j += 1  # "Jan."
    part = _part(tokens, k)
    start = part[1] if part else k
    day = _day_at(tokens, j)
    if day is not None:
        j = _after_ordinal(tokens, j + 1)
        y_at = j + 1 if j < n and tokens[j].text == "," else j
        year = year_value(tokens[y_at]) if y_at < n else None
        if year is not None:
            return TimeSpan(start, y_at + 1, start, _ymd(year, month, day), _ymd(year, month, day))
        return TimeSpan(
            start,
            j,
            start,
            month_key=month + day / 31,
            day_low=month * 100 + day,
            day_high=month * 100 + day,
        )
    year = year_value(tokens[j]) if j < n else None
    d0, d1 = _day_span(part[0] if part else None)
    if year is not None:
        return TimeSpan(start, j + 1, start, _ymd(year, month, d0), _ymd(year, month, d1))
    if not part and k >= 1 and tokens[k - 1].lower in lx.RELATIVE_WORDS:
        # "last October", "next March": the one before or after the report's month
        return TimeSpan(k - 1, j, k - 1, relative=tokens[k - 1].lower, period=w)
    return TimeSpan(
        start,
        j,
        start,
        month_key=month + (d0 + d1) / 62,
        day_low=month * 100 + d0,
        day_high=month * 100 + d1,
    )


_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}


def _quarter_at(tokens: list[Token], k: int) -> TimeSpan | None:
    """A quarter of a named year: "Q2 2025", "the second quarter of 2025" (its three months)."""
    n = len(tokens)
    if tokens[k].text in {"Q", "q"} and k + 2 < n and tokens[k + 1].glued:
        number, at, start = tokens[k + 1].text, k + 2, k
        quarter = int(number) if number in {"1", "2", "3", "4"} else None
    elif _bare(tokens[k]) in _QUARTERS and k + 3 < n and tokens[k + 1].lower == "quarter":
        quarter = _QUARTERS[_bare(tokens[k])]
        at, start = (k + 3 if tokens[k + 2].lower == "of" else k + 2), k
        if start >= 1 and tokens[start - 1].lower == "the":
            start -= 1
    else:
        return None
    year = year_value(tokens[at]) if quarter is not None and at < n else None
    if quarter is None or year is None:
        return None
    return TimeSpan(
        start, at + 1, start, _ymd(year, 3 * quarter - 2, 1), _ymd(year, 3 * quarter, 31)
    )


def _season_at(tokens: list[Token], k: int) -> TimeSpan | None:
    """A season with its year or a relative word: "the fall of 1963", "last fall"."""
    n = len(tokens)
    w = _bare(tokens[k])
    first, last = lx.SEASONS[w]
    rel = tokens[k - 1].lower if k >= 1 and tokens[k - 1].lower in lx.RELATIVE_WORDS else None
    start = k - 1 if rel else k
    if start >= 1 and tokens[start - 1].lower == "the" and rel:
        start -= 1
    at = k + 2 if k + 1 < n and tokens[k + 1].lower == "of" else k + 1
    if at < n and (year := year_value(tokens[at])) is not None:
        if at == k + 2 and start >= 1 and tokens[start - 1].lower == "the":
            start -= 1  # "the fall of 1963"
        years = _short_range(tokens, at, year)
        if years is not None:  # "the winter of 2024-25": from its first year into the second
            return TimeSpan(start, years.j, start, _ymd(year, first, 1), years.high)
        return TimeSpan(start, at + 1, start, _ymd(year, first, 1), _ymd(year, last, 31))
    if rel:
        return TimeSpan(start, k + 1, start, relative=rel, period=w)
    return None


def _weekday_at(tokens: list[Token], k: int) -> TimeSpan:
    """A weekday, relative to the report's week: "on Wednesday", "last Friday", "Saturday
    night"; with the day it names when one follows: "Saturday 14 June", "Tuesday, July 21"."""
    w = _bare(tokens[k])
    start = k
    rel = "on"  # "on Wednesday": the one of the report's week
    if k >= 1 and tokens[k - 1].lower in lx.RELATIVE_WORDS:
        start = k - 1
        rel = tokens[start].lower
        if start >= 1 and tokens[start - 1].lower == "this":
            start -= 1
    day = _named_day(tokens, k) if w == tokens[k].lower else None
    if day is not None:
        day.i = day.lead = start
        return day
    if rel == "on" and _future_before(tokens, k):
        rel = "coming"  # "We'll reopen the gates on Monday": the Monday after the report
    return _nth_weekday_at(tokens, k, w) or TimeSpan(
        start, _past_part(tokens, k), start, relative=rel, period=w
    )


def _future_before(tokens: list[Token], k: int) -> bool:
    """Whether the clause before ``tokens[k]`` speaks of what is to come: "will", "'ll",
    "shall", "is due to", "is set to", "is going to"."""
    for m in range(k - 1, max(-1, k - 1 - _FUTURE_WINDOW), -1):
        w = tokens[m].lower.replace("’", "'")
        if w in _CLAUSE_ENDS:
            return False
        if w in _FUTURE_WORDS or w.endswith("'ll"):
            return True
        if w in _FUTURE_BEFORE_TO and m + 1 < k and tokens[m + 1].lower == "to":
            return True  # "is due to decide on Friday", not "set a record on Monday"
    return False


_FUTURE_WINDOW = 8
_FUTURE_WORDS = frozenset({"will", "shall", "won't"})
_FUTURE_BEFORE_TO = frozenset({"due", "going", "set"})
_CLAUSE_ENDS = frozenset({".", ";", ":", "!", "?", ",", "but", "and", "after", "since"})


# Which of a month's weekdays: "the first Saturday in July", "the last Friday of March".
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}


def _nth_weekday_at(tokens: list[Token], k: int, weekday: str) -> TimeSpan | None:
    """ "the first Saturday in July": that weekday of the month, in the report's year."""
    if k < 2 or k + 2 >= len(tokens) or tokens[k - 2].lower != "the":
        return None
    nth = _NTH.get(tokens[k - 1].lower)
    month = tokens[k + 2]
    if nth is None or tokens[k + 1].lower not in {"in", "of"} or month.lower not in lx.MONTHS:
        return None
    return TimeSpan(
        k - 2,
        k + 3,
        k - 2,
        relative="this",
        period=month.lower,
        nth=(nth, _WEEKDAY_NUMBER[weekday]),
    )


_DAY_PARTS = frozenset("morning afternoon evening night".split())


def _past_part(tokens: list[Token], k: int) -> int:
    """Where a day named at ``k`` ends: after its part of the day when one follows ("late on
    Saturday night", "yesterday afternoon", "Sunday morning's meeting")."""
    j = k + 1
    if not tokens[k].lower.endswith("'s") and j < len(tokens) and _bare(tokens[j]) in _DAY_PARTS:
        return j + 1
    return j


def _named_day(tokens: list[Token], k: int) -> TimeSpan | None:
    """The day a weekday at ``k`` goes with: "Saturday 14 June", "Tuesday, July 21, 2026"."""
    at = k + 1
    if at < len(tokens) and tokens[at].text == ",":
        at += 1
    if at >= len(tokens):
        return None
    if tokens[at].lower == "the" and at + 1 < len(tokens):
        at += 1  # "Monday the twentieth of April"
    t = tokens[at]
    span = _day_month_at(tokens, at)
    if span is None and t.lower in lx.MONTHS and t.is_capitalized:
        span = _month_at(tokens, at)
    one_day = span is not None and (
        (span.day_low is not None and span.day_low == span.day_high)
        or (span.low is not None and span.low == span.high)
    )
    return span if one_day else None


def _relative_period_at(tokens: list[Token], k: int) -> TimeSpan:
    """A period relative to the report: "last month", "earlier this year"."""
    w = _bare(tokens[k])
    start = k - 1
    when = tokens[k - 2].lower if k >= 2 else ""
    if when in {"earlier", "later"}:
        start = k - 2  # "earlier this month"
    return TimeSpan(
        start,
        k + 1,
        start,
        relative=tokens[k - 1].lower,
        period=w,
        part=when if start == k - 2 else None,
    )


def _year_at(tokens: list[Token], k: int) -> TimeSpan | None:
    """A year, a decade, an ISO day or a short range of years: "2024", "the 1990s"."""
    n = len(tokens)
    t = tokens[k]
    year = year_value(t)
    if year is not None and (iso := _iso_day(tokens, k, year)) is not None:
        return iso
    if year is not None and (years := _short_range(tokens, k, year)) is not None:
        return years
    if year is not None and (_is_year_here(tokens, k) or _approximate_year(tokens, k)):
        j = k + 1
        if j < n and tokens[j].glued and tokens[j].lower == "s":  # "the 1990s"
            return TimeSpan(k, j + 1, k, _ymd(year, 1, 1), _ymd(year + 9, 12, 31))
        part = _part(tokens, k)
        m0, m1 = _month_span(part[0] if part else None)
        start = part[1] if part else k
        return TimeSpan(start, j, start, _ymd(year, m0, 1), _ymd(year, m1, 31))
    return None


def _glued(tokens: list[Token], k: int, texts: set[str]) -> bool:
    return k < len(tokens) and tokens[k].glued and tokens[k].text in texts


def _two_digits(tokens: list[Token], k: int) -> int | None:
    if k < len(tokens) and tokens[k].glued and tokens[k].kind == "num":
        text = tokens[k].text
        if text.isdigit() and len(text) == 2:
            return int(text)
    return None


def _iso_day(tokens: list[Token], k: int, year: int) -> TimeSpan | None:
    """ "1992-04-24": one day."""
    if not (_glued(tokens, k + 1, {"-"}) and _glued(tokens, k + 3, {"-"})):
        return None
    month, day = _two_digits(tokens, k + 2), _two_digits(tokens, k + 4)
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return TimeSpan(k, k + 5, k, _ymd(year, month, day), _ymd(year, month, day))


def _short_range(tokens: list[Token], k: int, year: int) -> TimeSpan | None:
    """ "1810-11", "1990–91 season", "from 1983-86": the years from the first to the second."""
    if not _glued(tokens, k + 1, {"-", "–"}):
        return None
    end = _two_digits(tokens, k + 2)
    if end is None or (k + 3 < len(tokens) and _glued(tokens, k + 3, {"-", "–"})):
        return None
    last = year // 100 * 100 + end
    if last <= year:
        return None
    return TimeSpan(k, k + 3, k, _ymd(year, 1, 1), _ymd(last, 12, 31))


_APPROXIMATELY = frozenset({"about", "around", "approximately", "circa"})
# Words after which "about 1835" is when something happened, not how many.
_YEAR_CONTEXT = frozenset({"in", "since", "from", "until", "by", "to", "between"})


def _approximate_year(tokens: list[Token], k: int) -> bool:
    """ "built about 1835, and …", "began operations around 1984.": a year, not a count
    ("about 2000 people" counts, so does "rose to about 2000")."""
    if k < 2 or tokens[k - 1].lower not in _APPROXIMATELY:
        return False
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if nxt is not None and nxt.kind == "word" and nxt.lower not in lx.FUNCTION_WORDS:
        return False
    before = tokens[k - 2]
    if before.lower == "to":
        return False
    return before.lower in _YEAR_CONTEXT or lx.is_participle(before.text)


def _is_year_here(tokens: list[Token], k: int) -> bool:
    """A four-digit number is a year unless it counts something: "2,000 troops" has a comma,
    "2000 troops" a plural noun after it, "about 2000" a qualifier before it ("the 2010
    census" is a year: its noun only ends in s)."""
    n = len(tokens)
    prev = tokens[k - 1].lower if k >= 1 else ""
    if prev in {"$", "€", "£", "about", "around", "approximately", "some", "nearly", "over"}:
        return False
    if k + 1 < n:
        nxt = tokens[k + 1]
        if nxt.glued and nxt.lower == "s":
            return True
        if nxt.text in {"%", "-"} and nxt.glued:
            return False
        if (
            nxt.kind == "word"
            and nxt.lower.endswith("s")
            and nxt.lower not in lx.FUNCTION_WORDS
            and lx.lemma(nxt.lower) != nxt.lower  # a plural: "2000 troops", not "2010 census"
        ):
            return nxt.lower in lx.ERA_AD or nxt.lower in lx.ERA_BC
        if nxt.lower in lx.SCALES or nxt.lower in {"percent", "per"}:
            return False
    return True


def find_dates(tokens: list[Token]) -> list[TimeSpan]:
    """Every time expression among ``tokens``, in order, with its leading preposition."""
    out: list[TimeSpan] = []
    k = 0
    n = len(tokens)
    while k < n:
        span = _span_at(tokens, k)
        if span is None or (out and span.i < out[-1].j):
            k += 1
            continue
        span.lead = _lead(tokens, span.i)
        if (
            out
            and span.i == out[-1].j + 1
            and tokens[out[-1].j].lower in {"and", "to", "-", "–"}
            and out[-1].lead < out[-1].i
            and tokens[out[-1].lead].lower in {"between", "from"}
        ):
            _join(out[-1], span)
        else:
            out.append(span)
        k = span.j
    return out


def _is_day(span: TimeSpan) -> bool:
    return (span.low is not None and span.low == span.high) or (
        span.day_low is not None and span.day_low == span.day_high
    )


def _join(first: TimeSpan, span: TimeSpan) -> None:
    """Make ``first`` run to the end of ``span``, as in "between January and March"; a first
    day without a year takes the second's ("between 9 March and 28 May 2026"), the year
    before when its month and day come later ("from 1 November to 31 January 2026")."""
    if _is_day(first) and _is_day(span):
        first.ends = (replace(first), span)
    if first.low is None and first.day_low is not None and span.low is not None:
        year = int(span.low) // 10000
        day = first.day_low
        if day > span.low % 10000:
            year -= 1
        first.low = first.high = year * 10000 + day
        first.day_low = first.day_high = None
        if first.ends is not None:
            first.ends = (replace(first, ends=None), span)
    first.j = span.j
    if first.low is not None and span.high is not None:
        first.high = span.high
    elif span.month_key is not None:
        first.month_key = span.month_key
    if first.day_low is not None and span.day_high is not None:
        first.day_high = span.day_high


def _lead(tokens: list[Token], i: int) -> int:
    for words in _LEADS:
        start = i - len(words)
        if start >= 0 and tuple(t.lower for t in tokens[start:i]) == words:
            return start
    if i >= 2 and tokens[i - 1].lower == "the" and tokens[i - 2].lower in {"in", "during", "by"}:
        return i - 2
    return i


# --- dates relative to the report: "last fall", "on Wednesday", "earlier this month" -------------

_BEFORE = frozenset({"last", "past", "previous"})
_AFTER = frozenset({"next", "following", "coming"})
_WEEKDAY_NUMBER = {
    d: n for n, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}


@dataclass(frozen=True)
class Published:
    """A report's publication date, as far as it is known."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


def published_date(text: str | None) -> Published | None:
    """ "2025-03-03", "2025-03", "2025", "3 March 2025", "March 3, 2025" → what it says."""
    text = (text or "").strip()
    iso = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:$|[T\s])", text)
    if iso:
        y, m, d = (int(g) if g else None for g in iso.groups())
        try:
            if y is not None and m is not None:
                date(y, m, d or 1)
        except ValueError:
            return None
        return Published(y, m, d) if y is not None and MIN_YEAR <= y <= MAX_YEAR else None
    numeric = NUMERIC_DAY.match(text)
    if numeric:
        first, second, year = (int(g) for g in numeric.groups())
        return numeric_day(first, second, year)
    from retrieval.figures.tokens import tokenize

    spans = [s for s in find_dates(tokenize(text)) if s.low is not None and s.high is not None]
    if len(spans) != 1:
        return None
    low, high = int(spans[0].low or 0), int(spans[0].high or 0)
    y, m, d = low // 10000, low // 100 % 100, low % 100
    if low == high:
        return Published(y, m, d)
    return Published(y, m) if low // 100 == high // 100 else Published(y)


# A day written in numbers alone: "14/03/2026", "3.4.2026".
NUMERIC_DAY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def numeric_day(first: int, second: int, year: int, month_first: bool = False) -> Published | None:
    """ "14/03/2026" (day first) or "03/14/2026" (month first), whichever the numbers allow;
    when both are possible ("10/02/2026"), the day first unless ``month_first`` (a document
    that writes "March 14")."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    readings = []
    order = (
        ((second, first), (first, second)) if month_first else ((first, second), (second, first))
    )
    for d, m in order:
        try:
            readings.append(date(year, m, d))
        except ValueError:
            continue
    return Published(year, readings[0].month, readings[0].day) if readings else None


def relative_key(span: TimeSpan) -> str | None:
    """What a relative span means, whatever its words: "last fall" and "the previous fall"
    are both ``before:fall``; None for a span that is not relative."""
    if span.relative is None or span.period is None:
        return None
    rel = span.relative
    side = "before" if rel in _BEFORE else "after" if rel in _AFTER else "this"
    if rel in {"on", "ago", "hence"}:
        side = rel
    amount = str(span.amount) if span.amount is not None else None
    on = f"+{span.days_on}d" if span.days_on else None
    nth = f"#{span.nth[0]}.{span.nth[1]}" if span.nth else None
    return ":".join(x for x in (side, span.period, span.part, amount, on, nth) if x)


def _nth_of_month(year: int, month: int, nth: int, weekday: int) -> tuple[float, float]:
    """The day (twice, as a span) of the ``nth`` ``weekday`` of a month (-1: its last)."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    if nth < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        day = last - timedelta(days=(last.weekday() - weekday) % 7)
    return _ymd_of(day), _ymd_of(day)


def _ymd_of(day: date) -> float:
    return _ymd(day.year, day.month, day.day)


def _month_bounds(year: int, month: int) -> tuple[float, float]:
    return _ymd(year, month, 1), _ymd(year, month, 31)


def resolve(span: TimeSpan, published: Published | None) -> tuple[float, float] | None:
    """The days (YYYYMMDD) a relative span means in a report published then; None when the
    report's date does not say enough ("on Wednesday" needs the day)."""
    days = _resolve(span, published)
    if days is not None and span.nth is not None:
        return _nth_of_month(int(days[0]) // 10000, int(days[0]) // 100 % 100, *span.nth)
    if days is None or not span.days_on or days[0] != days[1]:
        return days
    on = date(int(days[0]) // 10000, int(days[0]) // 100 % 100, int(days[0]) % 100)
    return _ymd_of(on + timedelta(days=span.days_on)), _ymd_of(on + timedelta(days=span.days_on))


def _resolve(span: TimeSpan, published: Published | None) -> tuple[float, float] | None:
    key = relative_key(span)
    if key is None or published is None or span.period is None:
        return None
    side, period = key.split(":")[:2]
    y, m, today = published.year, published.month, published.date
    if side in {"ago", "hence"}:
        amount = span.amount or 1
        return _back(period, amount if side == "ago" else -amount, published)
    if period in lx.SEASONS:
        first, last = lx.SEASONS[period]
        if side == "before":
            year = y if m is not None and m > last else y - 1
        elif side == "after":
            year = y if m is not None and m < first else y + 1
        else:
            year = y
        return _ymd(year, first, 1), _ymd(year, last, 31)
    if period in lx.MONTHS and m is not None:
        month = lx.MONTHS[period]
        if side == "before":
            year = y if month < m else y - 1
        elif side == "after":
            year = y if month > m else y + 1
        else:
            year = y
        return _month_bounds(year, month)
    if period == "year":
        year = y - 1 if side == "before" else y + 1 if side == "after" else y
        if side == "this" and span.part == "earlier" and today is not None:
            return _ymd(year, 1, 1), _ymd_of(today)
        return _ymd(year, 1, 1), _ymd(year, 12, 31)
    if period == "month" and m is not None:
        shift = -1 if side == "before" else 1 if side == "after" else 0
        year, month = divmod(y * 12 + (m - 1) + shift, 12)
        low, high = _month_bounds(year, month + 1)
        if side == "this" and span.part == "earlier" and today is not None:
            high = _ymd_of(today)
        return low, high
    if today is None:
        return None
    if period == "week":
        monday = today - timedelta(days=today.weekday())
        monday += timedelta(days=-7 if side == "before" else 7 if side == "after" else 0)
        return _ymd_of(monday), _ymd_of(monday + timedelta(days=6))
    if period == "day":
        day = today + timedelta(days=-1 if side == "before" else 1 if side == "after" else 0)
        return _ymd_of(day), _ymd_of(day)
    if period in _WEEKDAY_NUMBER:
        back = (today.weekday() - _WEEKDAY_NUMBER[period]) % 7
        if side == "after":
            day = today + timedelta(days=(7 - back) % 7 or 7)
        else:
            # "last Wednesday" lies before the report's day; "on Wednesday" may be that day
            day = today - timedelta(days=back or (7 if side == "before" else 0))
        return _ymd_of(day), _ymd_of(day)
    return None


def _back(period: str, amount: int, published: Published) -> tuple[float, float] | None:
    """The day (or month, or year) ``amount`` periods before the report's own."""
    y, m, today = published.year, published.month, published.date
    if period == "year":
        return _ymd(y - amount, 1, 1), _ymd(y - amount, 12, 31)
    if period == "month" and m is not None:
        year, month = divmod(y * 12 + (m - 1) - amount, 12)
        return _month_bounds(year, month + 1)
    if today is None:
        return None
    days = {"day": 1, "week": 7, "fortnight": 14}.get(period)
    if days is None:
        return None
    day = today - timedelta(days=days * amount)
    return _ymd_of(day), _ymd_of(day)


def describe(low: float, high: float) -> str:
    """Days as a reader says them: "3 March 2025", "March 2025", "fall 2024", "2024"."""
    y0, m0, d0 = int(low) // 10000, int(low) // 100 % 100, int(low) % 100
    y1, m1, d1 = int(high) // 10000, int(high) // 100 % 100, int(high) % 100
    names: dict[int, str] = {}
    for name, n in lx.MONTHS.items():
        if len(name) > len(names.get(n, "")):
            names[n] = name.capitalize()  # the full name, not "Sept"
    if (y0, m0, d0) == (y1, m1, d1):
        return f"{d0} {names[m0]} {y0}"
    if (m0, d0, m1, d1) == (1, 1, 12, 31):
        return str(y0) if y0 == y1 else f"{y0}–{y1}"
    if y0 == y1 and d0 == 1 and d1 == 31:
        if m0 == m1:
            return f"{names[m0]} {y0}"
        season = next((s for s, b in lx.SEASONS.items() if b == (m0, m1) and s != "autumn"), None)
        if season is not None:
            return f"{season} {y0}"
        return f"{names[m0]}–{names[m1]} {y0}"
    if y0 == y1:
        return f"{d0} {names[m0]} – {d1} {names[m1]} {y0}"
    return f"{d0} {names[m0]} {y0} – {d1} {names[m1]} {y1}"
