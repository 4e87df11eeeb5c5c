"""Figures planned or estimated beforehand, against what came about: "budgeted at £46,500"
and "came in at £51,200", "the 1,864 originally approved" and "1,712 lamps would now be
switched off", "was due to start on 1 June" and "started on 15 June".

Both are values of one measure, and a question that asks neither is answered with both side
by side. A question that asks what came about ("What did it end up costing?", "How many were
actually cut down?") is led by the values no plan words mark, the planned ones shown apart;
one that asks the plan ("What was the work originally expected to cost?") the other way
round. Read at question time from each figure's sentence: a figure's words say it was
planned, the question's words which side it asks.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from retrieval.figures.extract import Mention
from retrieval.figures.tokens import Token, tokenize

# Words before a figure, in its clause, that make it one planned or estimated beforehand:
# "is budgeted at £46,500", "a forecast of 620 tonnes", "was originally due on 1 June",
# "provisionally programmed to begin on 1 June".
_PLAN_BEFORE = frozenset(
    """budget budgeted budgeting forecast forecasts forecasted projected projection predicted
    prediction planned originally initially expected anticipated scheduled quoted quotation
    quote earmarked programmed provisionally tentatively pencilled penciled slated""".split()
)
# "was due on 1 June", "due to open on 1 June" (not "closed due to fog on 3 March").
_DUE = "due"
_DUE_VERBS = frozenset(
    "be open start begin finish close complete reopen end take cost launch arrive".split()
)
# Words before a plan word that make it a comparison with the plan, which says nothing of the
# figure: "higher than expected at 620", "£3,000 over budget at £51,200".
_AGAINST = frozenset({"than", "over", "under", "within", "on", "above", "below"})
# Words just after a figure that say it was planned: "the £46,500 budgeted in March", "the
# 1,864 originally approved", "the €16.2m the finance department estimated".
_PLAN_AFTER = frozenset(
    """budgeted planned forecast projected expected originally initially proposed estimated
    predicted""".split()
)
# "estimated at £85,000", "an estimate of £85,000", "estimated to cost": an estimate made
# beforehand; "an estimated 4,700" says only that the figure is rough.
_ESTIMATES = frozenset({"estimate", "estimated", "estimates", "reckoned"})
_ESTIMATE_LINKS = frozenset({"at", "of", "to"})
_COST_VERBS = frozenset({"cost", "costs"})
# A future or a conditional before the figure's verb: "will save", "would cost", "'ll need".
_WOULD = frozenset({"would", "will", "ll", "could", "should", "shall"})
_BEFORE_REACH = 8  # words back from the figure, in its clause
# Words after the figure: "the £16.2m the finance department estimated in March".
_AFTER_REACH = 4
_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–", ".", "but", "while", "whereas"})

# Words of a question that asks an estimate made beforehand: "What did the authority
# originally reckon it would cost?", "How much traffic was the bridge predicted to get?",
# "What was the budget for it?". Not "planned", "expected" or "due", which ask what is to
# come as much as a plan ("How many gigs are planned for the tour?" of "will give 12
# concerts" and "now includes 15"), nor "originally" alone ("How many soldiers went
# originally?" asks the first value).
_PLAN_ASKED = frozenset(
    """budget budgeted forecast forecasts forecasted projected projection predicted
    prediction quoted quotation estimate estimated estimates reckon reckoned""".split()
)


def planned(mention: Mention) -> bool:
    """Whether a figure's own words mark it as planned or estimated beforehand."""
    quote, text = mention.value.quote, mention.value.text
    at = quote.find(text)
    if at < 0:
        return False
    before, after = tokenize(quote[:at]), tokenize(quote[at + len(text) :])
    return _planned_before(before) or _planned_after(after)


def _planned_before(tokens: Sequence[Token]) -> bool:
    last = [t.lower for t in tokens if t.kind == "word"][-3:]
    if _WOULD & set(last[:-1]) or (last[-2:-1] == ["to"] and last[-1] in _COST_VERBS):
        return True  # "was told the job would cost £96,000", "it will save £180,000 a year"
    at = bool(last) and last[-1] == "at"  # "estimated the cost of its response at £90,000"
    words = 0
    for n in range(len(tokens) - 1, -1, -1):
        t = tokens[n]
        if t.lower in _BREAKS or words >= _BEFORE_REACH:
            return False
        if t.kind != "word":
            continue
        words += 1
        previous = tokens[n - 1].lower if n >= 1 else ""
        following = [x.lower for x in tokens[n + 1 : n + 3]]
        if previous in _AGAINST:
            continue
        if t.lower in _PLAN_BEFORE:
            return True
        if t.lower in _ESTIMATES and following[:1] and following[0] in _ESTIMATE_LINKS:
            return True
        if at and t.lower in _ESTIMATES:
            return True  # "has estimated the cost of its immediate response at 90,000 pounds"
        to_verb = len(following) == 2 and following[1] in _DUE_VERBS  # "due to open on"
        if t.lower == _DUE and (following[:1] != ["to"] or to_verb):
            return True
    return False


def _planned_after(tokens: Sequence[Token]) -> bool:
    words = list(itertools.takewhile(lambda t: t.lower not in _BREAKS, tokens))
    return any(t.lower in _PLAN_AFTER for t in words[:_AFTER_REACH] if t.kind == "word")


def plan_asked(tokens: Sequence[Token]) -> bool:
    """Whether a question asks a figure planned or estimated beforehand."""
    return any(t.kind == "word" and t.lower in _PLAN_ASKED for t in tokens)


def set_apart(
    mentions: Sequence[Mention], outturn: bool, plan: bool
) -> tuple[list[Mention], list[Mention]]:
    """The mentions that answer, and those set apart: planned ones when the question asks
    what came about (``outturn``), the others when it asks the plan; none set apart when it
    asks both or neither, or when that would leave no answer."""
    if outturn == plan:
        return list(mentions), []
    marks = [planned(m) for m in mentions]
    kept = [m for m, p in zip(mentions, marks, strict=True) if p == plan]
    aside = [m for m, p in zip(mentions, marks, strict=True) if p != plan]
    if not kept or not aside:
        return list(mentions), []
    return kept, aside
