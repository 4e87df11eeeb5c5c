"""Whether the passages price what a question prices.

"How much did it cost her to buy and refit the boat?" of reports whose only sums are money
raised and a fundraising target has no answer there: a sum raised is a neighbouring measure,
not a cost. Any other sum (a loss, damage, a bare "£310,000") may be a cost, so the question
is answered whenever one stands among the passages' figures.

"How much will a pint cost?" of reports of a pub's purchase, its shares and its
refurbishment has no answer either: a price is said of the thing priced, and no sum is said
in a sentence naming a pint.
"""

from __future__ import annotations

from collections.abc import Iterable

from retrieval.figures import lexicon as lx
from retrieval.figures.extract import Mention
from retrieval.figures.measures import Measure
from retrieval.figures.tokens import tokenize

COST = "cost"
PRICE = "price"
# Sums that are no price of anything: money raised or pledged, a goal, takings.
_UNPRICED_EVENTS = frozenset({"raise", "pledge"})
_UNPRICED_ATTRIBUTES = frozenset({"target", "revenue", "income"})
_UNPRICED_WORDS = frozenset(lx.lemma(w) for w in "tally target goal aim donation".split())


def uncosted(wanted: Measure | None, mentions: Iterable[Mention]) -> bool:
    """Whether a question asks what something cost and every sum of the passages is money
    raised, pledged or aimed at: none is a price or a cost, nor may be one."""
    if wanted is None or COST not in wanted.events:
        return False
    sums = [m.measure for m in mentions if "money" in m.measure.key]
    return bool(sums) and all(_unpriced(m) for m in sums)


def _unpriced(measure: Measure) -> bool:
    """Whether a sum's measure is money raised, pledged or aimed at ("£31,000 raised", "a
    target of £75,000", "the charity's own tally")."""
    if measure.events:
        return measure.events <= _UNPRICED_EVENTS
    if measure.key[0] != "attr":
        return False
    aimed = lx.attribute_class(measure.key[1]) in _UNPRICED_ATTRIBUTES
    return aimed or bool(set(measure.words) & _UNPRICED_WORDS)


def unpriced_thing(asked: frozenset[str], mentions: Iterable[Mention]) -> bool:
    """Whether a question asks the price of a thing (``asked``: lemmas naming it, from
    ``retrieval.topic.priced_things``) and no sum of the passages that may be a price is said
    in a sentence naming it ("How much will a pint cost?" of a refurbishment's cost and
    shares sold, none said of a pint): none prices the thing asked."""
    if not asked:
        return False
    sums = [m for m in mentions if "money" in m.measure.key and not _unpriced(m.measure)]
    if not sums:
        return False
    classes = {lx.entity_class(w) for w in asked} | set(asked)
    for m in sums:
        said = {t.lemma for t in tokenize(m.value.quote) if t.kind == "word"}
        if classes & (said | {lx.entity_class(w) for w in said}):
            return False  # a sum said of the thing asked may be its price
    return True
