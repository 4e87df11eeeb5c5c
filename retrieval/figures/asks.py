"""Whether a question asks for a number or a date at all, read from its form.

"How many died?", "What is the death toll?", "What share …?", "When …?", "In what year …?"
ask for figures; "Where are they fighting?", "Who reported it?", "Why did the levee fail?",
"How were residents evacuated?" ask for none, and their answer is quotes without a table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.figures import lexicon as lx
from retrieval.figures.tokens import Token, tokenize

_WH_WORDS = frozenset("what which when where whereabouts who whom whose why how".split())
_NON_NUMERIC_WH = frozenset({"where", "whereabouts", "who", "whom", "whose", "why"})
# "how" followed by one of these asks a degree or an amount: "how many", "how big".
_HOW_AMOUNT = frozenset(
    """many much long big large far old often high tall deep wide heavy fast expensive costly
    severe serious bad small short low few great quickly soon strong powerful hot cold
    warm""".split()
)
# Nouns that ask for an amount when a question asks "what …" of them.
_QUANTITY_NOUNS = frozenset(
    """number numbers amount amounts share shares percentage percent proportion fraction size
    total totals toll tolls cost costs rate count figure figures sum tally bill price level
    estimate estimates quantity majority minority year years date dates deadline deadlines day
    month decade
    century increase increases rise hike hikes reduction reductions decrease decreases fee fees
    fine fines payout payouts compensation discount deficit surplus shortfall overspend
    overrun penalty penalties salary salaries wage wages ransom reward bounty subsidy
    subsidies""".split()
)


# Parts of a day or a week right after "what" or "which" ask a date: "On which night …?"; not
# "What happened that night?".
TIMES_OF_DAY = frozenset({"night", "evening", "morning", "afternoon", "week", "weekend"})

# Verbs of paying, earning or costing: "What is Marchetti being paid per week?", "What did the
# club pay for him?", "What did the job end up costing?" ask a sum; "What was the money spent
# on?" (the verb's preposition ends the question) asks what.
_MONEY_VERBS = frozenset(
    """paid pay pays paying earn earns earned earning earnings owe owes owed spend spends
    spent costing""".split()
)

# "What was the longest anyone waited?": a superlative of length or time asks its figure.
EXTREME_WORDS = frozenset({"longest", "shortest"})
# "What was the highest load the grid carried?", "the peak demand": an extreme of an amount.
_PEAK_WORDS = frozenset(
    """highest lowest largest biggest greatest smallest fewest maximum minimum peak hottest
    coldest warmest heaviest fastest deepest tallest furthest farthest""".split()
)
# "What is the most people the hall may hold?": "most" of a counted noun, not "most likely".
_MOST_WORDS = frozenset({"most", "least"})

# "What made the roof give way?", "What set off the crush?": "what" as the subject of a verb of
# causing asks for a cause, whatever amount word follows ("… climb so fast", "… the 40% drop").
_CAUSE_VERBS = frozenset(
    """made make makes caused cause causes led leads triggered triggers sparked sparks prompted
    prompts drove drives forced forces started starts""".split()
)
_CAUSE_PARTICLES = {"set": "off", "sets": "off", "brought": "about", "brings": "about"}

_CONTRACTED = re.compile(r"['\u2019]s$")
# "What recycling level did …", "What rate is …": a level reached or aimed at, no count.
_LEVEL_NOUNS = frozenset({"level", "rate"})


def level_asked(words: list[str]) -> bool:
    """Whether a question (its words, lower case) opens "What (recycling) level / rate did
    …": a level reached, whoever reached it ("the homes taking part"), not a count of them."""
    if words[:1] not in (["what"], ["which"]):
        return False
    return any(
        words[n] in _LEVEL_NOUNS and words[n + 1] in lx.AUXILIARIES
        for n in range(1, min(4, len(words) - 1))
    )


def change_size_asked(words: list[str]) -> bool:
    """Whether a question's share word asks the size of a change, not a share (its words,
    lower case): "By what percentage did shoots go up?", "the percentage rise in fares", "By
    how much did sales grow, in percent?"."""
    named = any(
        w in lx.SHARE_WORDS
        and (
            words[n - 2 : n] == ["by", "what"]
            or (n + 1 < len(words) and words[n + 1] in lx.CHANGE_NOUNS)
        )
        for n, w in enumerate(words)
    )
    return named or (_in_percent(words) and _changing(words))


def _in_percent(words: list[str]) -> bool:
    """Whether the question asks its figure "in percent", "as a percentage"."""
    return any(
        w in lx.SHARE_WORDS and n >= 1 and words[n - 1] in {"in", "a"} for n, w in enumerate(words)
    )


def _changing(words: list[str]) -> bool:
    """Whether the question asks how much a thing changed: "by how much", "grow", "fall"."""
    pairs = list(zip(words, words[1:], words[2:], strict=False))
    changes = lx.RISE_WORDS | lx.FALL_WORDS | lx.CHANGE_VERBS
    return ("by", "how", "much") in pairs or any(w in changes for w in words)


def in_the_end(words: Sequence[Token], n: int) -> bool:
    """Whether the word at ``n`` is the "end" of "in the end" (finally), not of "the end of":
    "How much did the fundraiser bring in in the end?", "But in the end we logged 214 dives"."""
    return (
        0 <= n < len(words)
        and words[n].lower == "end"
        and n >= 2
        and [w.lower for w in words[n - 2 : n]] == ["in", "the"]
        and not (n + 1 < len(words) and words[n + 1].lower == "of")
    )


def question_words(question: str) -> list[str]:
    """The question's words, lower case, without a contracted "is" ("What's" → "what")."""
    return [_CONTRACTED.sub("", t.lower) for t in tokenize(question) if t.kind == "word"]


def _amount_word(word: str) -> bool:
    if (
        word in _QUANTITY_NOUNS
        or word in EXTREME_WORDS
        or word in lx.DIMENSION_WORDS  # "the height of the tower", "its volume"
        or lx.attribute_class(word) is not None
    ):
        return True
    events = lx.event_class(word)
    return events is not None and events <= lx.HARM_EVENTS  # "what are the casualties?"


def asks_for_figures(question: str) -> bool:
    """True when the question asks for a count, an amount, a share or a date."""
    words = question_words(question)
    if not words:
        return False
    wh = next((i for i, w in enumerate(words) if w in _WH_WORDS), None)
    if wh is None and words[0] in lx.AUXILIARIES:
        return False  # "Did the bank raise rates?": yes or no
    if (
        wh is not None
        and wh > 3
        and words[wh] == "how"
        and words[wh + 1 : wh + 2] in (["many"], ["much"])
    ):
        return True  # "Apart from the troops, how many …?"
    if wh is None or wh > 3:
        # "Number of troops sent?", "Did the bank raise rates?", "Name the capital."
        return any(_amount_word(w) for w in words)
    first = words[wh]
    rest = words[wh + 1 :]
    if first == "when":
        return True
    if first in _NON_NUMERIC_WH:
        return False
    if first == "how":
        return bool(rest) and rest[0] in _HOW_AMOUNT
    if _asks_cause(rest):
        return False
    if rest and rest[0] in TIMES_OF_DAY:
        return True  # "On which night …?", "What evening …?": a date
    # what / which: an amount's noun, or an extreme of one
    extreme = any(
        w in _PEAK_WORDS or (w in _MOST_WORDS and _counted_after(rest[n + 1 : n + 2]))
        for n, w in enumerate(rest)
    )
    extreme = extreme or bool(most_anyone(rest))
    return extreme or any(_amount_word(w) for w in rest) or _asks_sum(rest)


def level_named(question: str) -> str | None:
    """The noun right after an opening "what" that a verb follows, lower case:
    "What gross margin did they make?" → "margin"; None otherwise. Whether it asks a figure
    depends on whether the reports give a level of that name (``analyze``)."""
    words = question_words(question)
    wh = next((i for i, w in enumerate(words) if w in _WH_WORDS), None)
    if wh is None or wh > 3 or words[wh] != "what":
        return None  # "Which club did …?" asks which one
    rest = words[wh + 1 : wh + 1 + _NAMED_WORDS]
    verb = next((n for n, w in enumerate(rest) if w in lx.AUXILIARIES), None)
    if not verb or rest[verb - 1] in lx.FUNCTION_WORDS:
        return None  # "What did they …?", "What is the …?"
    return rest[verb - 1]


_NAMED_WORDS = 4  # the most words of the noun phrase after "what" that ``level_named`` reads


def _asks_sum(rest: list[str]) -> bool:
    """Whether the words after "what" hold a verb of paying or earning that does not end the
    question with its preposition ("spent on?")."""
    for n, w in enumerate(rest):
        if w in _MONEY_VERBS:
            tail = rest[n + 1 :]
            return not (len(tail) == 1 and tail[0] in lx.PREPOSITIONS)
    return False


def _asks_cause(rest: list[str]) -> bool:
    """Whether the words after "what" start with a verb of causing ("made", "set off")."""
    if not rest or rest[1:2] == ["up"]:
        return False  # "What made up most of the losses?": what they consisted of
    return rest[0] in _CAUSE_VERBS or rest[1:2] == [_CAUSE_PARTICLES.get(rest[0])]


# Who may do something, right after "the most" or "the least": "What's the least I can
# invest?", "What is the most anyone has paid?" ask an amount ("the least popular" does not).
_SOMEONE = frozenset(
    "i i'm i’m i've i’ve you we they he she it anyone anybody someone somebody one".split()
)


def most_anyone(words: list[str]) -> str | None:
    """ "maximum" or "minimum" when the words ask the most or the least someone may do ("the
    least I'm allowed to invest"), else None."""
    for n, w in enumerate(words[1:-1], start=1):
        if w in _MOST_WORDS and words[n - 1] == "the" and words[n + 1] in _SOMEONE:
            return "maximum" if w == "most" else "minimum"
    return None


def _counted_after(words: list[str]) -> bool:
    """Whether the word after "most" is a counted noun ("people", "homes", "votes")."""
    return bool(words) and (
        lx.entity_class(words[0]) in lx.ENTITY_CLASSES or lx.event_class(words[0]) is not None
    )
