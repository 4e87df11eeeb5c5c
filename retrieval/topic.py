"""Whether a passage shares a word of the question's subject, not only a name.

"What is the population of Harlow?" shares "Harlow" with every report of a flood there, and
nothing else: a shared name alone does not make a passage about the question. Names are the
capitalized words after the question's first; question words and function words never count.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrieval.figures.tokens import Token

_QUESTION_WORDS = frozenset("how many much what which when who whom whose why where".split())
# Counted nouns that say no more than "how many" does: they need no word of their own. People
# named by their part in what happened ("suspects", "victims") say no more either: the event
# does ("how many suspects were detained" of "three men were arrested").
GENERAL_COUNTED = frozenset(
    """people residents times life lives person suspect suspects victim victims survivor
    survivors detainee detainees""".split()
    # Kinds of place or organisation any report may name by what they are ("farms",
    # "shops", "plants"): "how many businesses …" of reports that count farms.
    + """business businesses firm firms company companies premises site sites facility
    facilities organisation organisations organization organizations establishment
    establishments operator operators""".split()
    # Places by no more than that they are places: "at how many locations …" of reports
    # that count premises, homes or addresses.
    + """location locations place places address addresses property properties building
    buildings""".split()
)
# Words any passage about anyone shares: "how many people live in Pyongyang?" shares no more
# than a name and "people" with reports of soldiers sent from there.
_ANYONE = frozenset({"people", "person"})
# Classes of people a report may count under another name than the question's ("the
# soldiers" of "how many troops", "residents" of "how many people"): no passage's words tell
# whether it names them. Other classes are named by one of their words: "visitors" by
# "visitors" or "tourists", "hens" by "birds".
_ANY_ROLE = frozenset(
    {"people", "troops", "workers", "residents", "children", "members", "patients"}
)


@lru_cache(maxsize=1024)
def subject_words(question: str) -> frozenset[str]:
    """The lemmas of the question's own words, its names and function words aside."""
    from retrieval.figures import lexicon as lx
    from retrieval.figures.tokens import tokenize

    tokens = [t for t in tokenize(question) if t.kind == "word"]
    return frozenset(
        t.lemma
        for n, t in enumerate(tokens)
        if not (n > 0 and t.is_capitalized)
        and t.lower not in lx.FUNCTION_WORDS
        and t.lower not in _QUESTION_WORDS
        and t.lower not in _ANYONE
    )


def names_only(question: str, text: str) -> bool:
    """True when ``text`` shares none of the question's subject words (maybe some names)."""
    from retrieval.figures.tokens import tokenize

    words = subject_words(question)
    if not words:
        return False  # a question of names only: the names are its subject
    return not any(t.lemma in words for t in tokenize(text) if t.kind == "word")


# "in the ferry sinking", "during the strike": the event a question places its count in.
_EVENT_PREPOSITIONS = frozenset({"in", "during"})


def _event_head(words: list[Token], start: int) -> Token | None:
    """The event a phrase after "in the" names ("the ferry sinking"), not a place: its last
    word that is not a name, when that word is an event noun."""
    from retrieval.figures import lexicon as lx

    head = None
    for t in words[start:]:
        if t.kind != "word" or t.lower in lx.FUNCTION_WORDS or t.lower in _QUESTION_WORDS:
            break
        if not t.is_capitalized:
            head = t
    if head is not None and (lx.event_class(head.text) or head.lower.endswith("ing")):
        return head
    return None


def _classes(t: Token) -> set[str]:
    """The entity classes a noun may be of, read as written and without a plural -s (the
    stemmer reads "dwellings" and "dwelling" apart)."""
    from retrieval.figures import lexicon as lx

    named = {lx.entity_class(t.text), lx.entity_class(t.lower[:-1])}
    return {c for c in named if lx.is_entity_class(c)}


# Words between "how many" and the counted noun that say how many more, not of what.
_NOT_COUNTED = frozenset({"more", "additional", "extra", "further", "other", "new"})


# Words that count kinds of a thing, which reports name in their own words ("species",
# "types", "varieties").
_KINDS = frozenset("kinds types sorts varieties species".split())


def _counted_head(words: list[Token], start: int) -> Token | None:
    """The thing "how many" counts when no class knows it ("how many teachers went …");
    None for people in general, a class ("houses", "soldiers") or an event ("fatalities")."""
    from retrieval.figures import lexicon as lx

    for n, t in enumerate(words[start : start + 4], start):
        if t.lower == "and" and _joins_modifiers(words, n, start):
            continue  # "how many anchor and mooring scars": scars
        if t.kind != "word" or t.lower in lx.FUNCTION_WORDS:
            return None
        if t.is_capitalized:
            continue
        after = words[n + 1].lower if n + 1 < len(words) else ""
        noun_next = (
            after.endswith("s") and after not in lx.FUNCTION_WORDS | lx.AUXILIARIES
        ) or after in GENERAL_COUNTED  # "how many separate people"
        if t.lower in _NOT_COUNTED or (
            not t.lower.endswith("s")
            and (noun_next or (lx.lemma(t.text) == t.lower and after not in lx.AUXILIARIES))
        ):
            continue  # "how many foreign workers", "website accounts": a modifier; not "lynx"
        if lx.is_participle(t.text):
            return None  # "how many North Koreans went …": a verb, the count's noun was a name
        if t.lemma in GENERAL_COUNTED or t.lower in GENERAL_COUNTED:
            return None  # "how many poultry businesses": farms are businesses too
        if t.lower in _KINDS and words[n + 1 : n + 2] and words[n + 1].lower == "of":
            return None  # "how many kinds of creatures": "species of invertebrate" answers
        known = {lx.entity_class(t.text), lx.entity_class(t.lower[:-1])}
        if known & lx.ENTITY_CLASSES.keys() - _ANY_ROLE:
            return t  # "how many visitors": any word of its class covers it ("tourists")
        if (
            known & (lx.ENTITY_CLASSES.keys() | GENERAL_COUNTED)
            or lx.event_class(t.text)
            or lx.attribute_class(t.text)
            or t.lemma in GENERAL_COUNTED
            or t.lower in GENERAL_COUNTED
        ):
            return None
        return t
    return None


def _joins_modifiers(words: list[Token], n: int, start: int) -> bool:
    """Whether the "and" at ``n`` joins two modifiers of one noun after "how many": a singular
    before it, a singular and a plural after ("anchor and mooring scars")."""
    return (
        start < n
        and n + 2 < len(words)
        and not words[n - 1].lower.endswith("s")
        and not words[n + 1].lower.endswith("s")
        and words[n + 2].lower.endswith("s")
    )


def counted_noun(question: str) -> Token | None:
    """The thing "how many" counts, when the question names it in a word of its own ("how
    many lynx", "how many visitors"): not people in general, nor a class of people a report
    may call "people", nor an event ("how many deaths")."""
    from retrieval.figures.tokens import tokenize

    words = [t for t in tokenize(question) if t.kind == "word"]
    for n, t in enumerate(words[:-1]):
        if t.lower == "how" and words[n + 1].lower == "many":
            head = _counted_head(words, n + 2)
            return None if head is None or _amount_unit(head) else head
    return None


def _amount_unit(head: Token) -> bool:
    """Whether a counted noun is an amount's unit ("how many barrels", "how many pounds")."""
    from retrieval.figures import lexicon as lx

    return head.lower in lx.MEASURE_UNITS or head.lower in lx.MONEY_WORDS


def _currency_word(head: Token) -> bool:
    """Whether a counted noun names money ("how many pounds"), which reports may write as a
    sign ("£1.1m"): a passage need not name it."""
    from retrieval.figures import lexicon as lx

    return head.lower in lx.CURRENCY_WORDS or head.lower in lx.CURRENCY_SYMBOLS.values()


def counts_noun(noun: Token, entity: str | None, words: Sequence[str]) -> bool:
    """Whether a figure counts ``noun``: one of its words (``words``, lemmas) is the noun or
    of its class, or its counted thing (``entity``) is that class ("3,200 households" counts
    homes)."""
    from retrieval.figures import lexicon as lx

    classes = _classes(noun)
    return noun.lemma in words or bool(classes & ({entity} | {lx.entity_class(w) for w in words}))


def _subject_heads(question: str) -> list[Token]:
    """The counted noun ("how many teachers") and the event the count is placed in ("in the
    ferry sinking"), when the question names them in words of its own."""
    from retrieval.figures.asks import in_the_end
    from retrieval.figures.tokens import tokenize

    words = [t for t in tokenize(question) if t.kind == "word"]
    heads: list[Token] = []
    for n, t in enumerate(words[:-1]):
        nxt = words[n + 1]
        head = None
        if t.lower == "how" and nxt.lower == "many":
            head = _counted_head(words, n + 2)
            head = None if head is None or _currency_word(head) else head
        elif t.lower in _EVENT_PREPOSITIONS and nxt.lower == "the" and not in_the_end(words, n + 2):
            head = _event_head(words, n + 2)
        elif t.lower in _PRICED_AUXILIARIES and n >= 1 and words[n - 1].lower in _PRICE_ASKS:
            head = _costed_head(words, n + 1)  # "how much does a bus ticket … cost?"
        elif t.lower in _CHARGING and nxt.lower == "for":
            head = _np_head(words, n + 2)  # "charge for a garden waste bin collection"
        elif t.lemma in _SPENDING and nxt.lower == "on":
            head = _np_head(words, n + 2)  # "spend on its new cycle lanes"
        elif t.lower == _COST_WORD and nxt.lower == "to":
            head = _where_done(words, n + 2)  # "cost to park at Kelbrook hospital"
        if head is not None:
            heads.append(head)
    return heads


# "How much does a bus ticket cost?", "What did the pass cost?": the thing priced is named
# between the auxiliary and "cost"; "spend on the cycle lanes": after "on".
_PRICE_ASKS = frozenset({"much", "what"})
_PRICED_AUXILIARIES = frozenset({"does", "did", "do", "will", "would"})
_COST_WORD = "cost"
_SPENDING = frozenset({"spend", "spent"})
_CHARGING = frozenset({"charge", "charges", "charged", "pay", "pays", "paid"})
_PLACE_OR_PART = frozenset({"from", "for", "to", "at", "in", "on", "of", "between"})


def _np_head(words: list[Token], start: int) -> Token | None:
    """The last word of the noun phrase at ``start`` that is not a name, before a function
    word ("its new cycle lanes" → "lanes", "a single bus ticket from …" → "ticket"); a
    gerund opening it is skipped ("fixing potholes" → "potholes"); None for a pronoun."""
    from retrieval.figures import lexicon as lx

    heads: list[Token] = []
    for n, t in enumerate(words[start:]):
        if t.lower in lx.DETERMINERS and n == 0:
            continue
        if t.lower in lx.FUNCTION_WORDS | lx.RELATIVE_WORDS or t.lower in _QUESTION_WORDS:
            break  # "potholes last year": the year says when
        if (
            not t.is_capitalized
            and t.lower not in lx.PARTICLES
            and not (n == 0 and t.lower.endswith("ing"))
        ):
            heads.append(t)  # not "up" of "the clean-up"
    # "the whole defibrillator project": a word for any undertaking says no more than "the
    # job" does, and reports name it by another ("programme", "scheme"): its thing is asked.
    while heads and heads[-1].lower in _UNDERTAKINGS:
        heads.pop()
    return heads[-1] if heads else None


# Words for an undertaking of any kind, which reports name by one another.
_UNDERTAKINGS = frozenset(
    """project projects scheme schemes programme programmes program programs plan plans job
    jobs work works initiative rollout campaign venture undertaking""".split()
)


# "cost to park at the hospital", "cost to swim in the lido": where the priced act is done.
_WHERE_DONE = frozenset({"at", "in"})


def _where_done(words: list[Token], start: int) -> Token | None:
    """The place "cost to <verb> at/in <place>" names, as the head of its noun phrase; None
    without one right after the verb."""
    if start + 1 < len(words) and words[start + 1].lower in _WHERE_DONE:
        return _np_head(words, start + 2)
    return None


def _costed_head(words: list[Token], start: int) -> Token | None:
    """The thing "how much does … cost?" prices, when "cost" ends its noun phrase's clause."""
    ends = [n for n, t in enumerate(words) if n > start and t.lower == _COST_WORD]
    if not ends:
        return None
    head = _np_head(words[: ends[0]], start)
    if head is None:
        return None
    after = next(n for n, t in enumerate(words) if t is head) + 1
    while after < ends[0] and words[after].lower in _UNDERTAKINGS:
        after += 1  # "the whole lighthouse project cost"
    # The phrase must end there, at "cost" or a preposition: not "what did the park authority
    # originally reckon its response would cost?", whose priced thing comes later.
    return head if after == ends[0] or words[after].lower in _PLACE_OR_PART else None


# Verbs of using a thing one pays for each time: "cost to park", "to book the hall"; not of
# making or buying one ("cost to build the hospital"), whose cost any report may give.
_USES = frozenset(
    """book hire rent park ride enter visit use join travel watch swim play stay camp moor
    charge""".split()
)
# A price asked as it stands or will stand ("How much does a pint cost?", "will a ticket
# cost"); "How much did the outage cost?" asks what a thing came to, which reports name as
# they please.
_PRICE_NOW = frozenset({"does", "do", "will", "would"})
# Words between "cost" and "to" of the one who pays: "cost me to park", "cost us to hire".
_PAYERS = frozenset({"me", "us", "you", "them", "him", "her", "people", "residents"})


def priced_things(question: str) -> frozenset[str]:
    """Lemmas of what a question asks the price of, by the words that name it: "How much
    does a pint cost?" → pint; "How much does it cost to book the main hall?" → book, hall;
    "How much is a single ticket?" → ticket. Empty when it names none."""
    from retrieval.figures import lexicon as lx
    from retrieval.figures.tokens import tokenize

    words = [t for t in tokenize(question) if t.kind == "word"]
    found: set[str] = set()
    for n, t in enumerate(words[:-1]):
        nxt = words[n + 1]
        if t.lower in _PRICE_NOW and n >= 1 and words[n - 1].lower in _PRICE_ASKS:
            head = _costed_head(words, n + 1)
            if head is not None and head.lower != "it" and lx.event_class(head.text) is None:
                found.add(head.lemma)  # "How much will a pint cost?", not "the repair"
        elif t.lower == "is" and n >= 1 and words[n - 1].lower == "much":
            if nxt.lower in {"a", "an", "one"} and (head := _np_head(words, n + 2)) is not None:
                found.add(head.lemma)  # "How much is a single ticket?"
        elif t.lower == _COST_WORD:
            k = n + 1 + (nxt.lower in _PAYERS)
            if k + 1 < len(words) and words[k].lower == "to" and words[k + 1].lower in _USES:
                found.add(words[k + 1].lemma)  # "cost to park", "cost me to book the hall"
                if (head := _np_head(words, k + 2)) is not None:
                    found.add(head.lemma)
    return frozenset(found)


def uncovered(question: str, texts: Sequence[str]) -> bool:
    """True when the question counts a thing, or places its count in an event, that none of
    ``texts`` names ("how many teachers" of a corpus of factory workers, "in the ferry
    sinking" of one about an outbreak)."""
    from retrieval.figures import lexicon as lx
    from retrieval.figures.lexicon import attribute_class
    from retrieval.figures.tokens import tokenize

    heads = _subject_heads(question)
    if (kind := _kind_asked(question)) is not None:
        heads.append(kind)
    asked = _asked_attributes(question)
    specific = _named_events(question)
    sums = _named_sums(question)
    if not heads and not asked and not specific and not sums:
        return False
    words = [t for text in texts for t in tokenize(text) if t.kind == "word"]
    if specific and not specific & {e for t in words for e in lx.event_class(t.text) or ()}:
        return True  # "How large a fine was the firm ordered to pay?" of reports of no fine
    lemmas = {t.lemma for t in words}
    if any(not names & lemmas for names in sums):
        return True  # "What is the director's annual salary?" of reports that name no pay
    # a unit is named by any of its spellings: "how many kilograms" of "lost 9 kg"
    units = {lx.unit_spelled(t.lower) for t in words if t.lower in lx.MEASURE_UNITS}
    missing = [
        h
        for h in heads
        if h.lemma not in lemmas
        and not (h.lower in lx.MEASURE_UNITS and lx.unit_spelled(h.lower) in units)
    ]
    if missing:
        classes = {c for t in words for c in _classes(t)}  # only when a word is missing
        if any(not _classes(h) & classes for h in missing):
            return True
    if not asked:
        return False
    named = {attribute_class(t.text) for t in words}
    return any(
        a not in named and not _KIN.get(a, set()) & named and not (cues & lemmas)
        for a, cues in asked.items()
    )


# Events a report names in so many words when it reports one at all: a fine is "fined", "a
# penalty", never only implied, so reports that name none answer no question about one.
_NAMED_EVENTS = frozenset({"penalty"})


def _named_events(question: str) -> frozenset[str]:
    """The events of ``_NAMED_EVENTS`` the question asks about ("How much was X fined?")."""
    from retrieval.figures.measures import question_measure
    from retrieval.figures.tokens import tokenize

    wanted = question_measure(tokenize(question))
    return frozenset(wanted.events & _NAMED_EVENTS) if wanted is not None else frozenset()


# Sums a report names in so many words when it gives one at all: each by the words a
# question asks it by, then the further words a passage may name it by ("paid … a year" is a
# salary; "pay" or "paid" in a question asks any payment, "rental scooters" no rent, "the
# payout the finder stands to pocket" no compensation). A salary is never only implied by
# "income" or a fee; rent, compensation, a prize or a sponsorship likewise. Reports that name
# none answer no question about one.
_NAMED_SUMS = (
    ("salary salaries wage wages remuneration", "earn earns earning pay paid"),
    ("rent rents", "rental lease"),
    ("compensation compensate compensated", "payout payouts damages"),
    ("prize prizes winnings purse", ""),
    ("sponsorship sponsor sponsors sponsored", ""),
)


def _named_sums(question: str) -> list[frozenset[str]]:
    """For each sum of ``_NAMED_SUMS`` the question asks ("How much rent …?"), the lemmas a
    passage may name it by."""
    from retrieval.figures.lexicon import lemma
    from retrieval.figures.tokens import tokenize

    lemmas = {t.lemma for t in tokenize(question) if t.kind == "word"}
    found = []
    for asked, also in _NAMED_SUMS:
        asking = {lemma(w) for w in asked.split()}
        if lemmas & asking:
            found.append(frozenset(asking | {lemma(w) for w in also.split()}))
    return found


# Nouns after "which" that name no kind of thing ("which body is in charge?", "which member
# of staff?", "which part of the route?"), or a place, which reports name by its name ("which
# settlement suffered most?" of "Ardmore was buried"): any passage may answer them.
_ANY_KIND = frozenset(
    """body bodies member members part parts one ones thing things kind sort type way side
    group groups place places area areas settlement settlements town towns village villages
    city cities district districts region regions country countries county counties street
    streets road roads""".split()
)


def _kind_asked(question: str) -> Token | None:
    """The kind of thing a "which" question asks one of, when it asks no figure: "Which
    manufacturer makes …?" → manufacturer, "Which insurance company …?" → insurance (a firm
    is named by its trade); None for a kind any passage may name ("which firm", "which body").
    A report names what it answers by its name and often by its kind too."""
    from retrieval.figures import lexicon as lx
    from retrieval.figures.asks import asks_for_figures
    from retrieval.figures.tokens import tokenize

    words = [t for t in tokenize(question) if t.kind == "word"]
    if len(words) < 3 or words[0].lower != "which" or asks_for_figures(question):
        return None
    first, second = words[1], words[2]
    if first.is_capitalized or first.lower in lx.FUNCTION_WORDS | lx.AUXILIARIES:
        return None
    if second.lower in GENERAL_COUNTED and not second.is_capitalized:
        return first  # "which insurance company": the trade names the kind
    if first.lower in GENERAL_COUNTED or first.lower in _ANY_KIND:
        return None
    return first


# "How many people live in …?" asks for a population as surely as "What is the population
# of …?"; the passages may name it by the verb too.
_LIVE_WORD = "live"


def _asked_attributes(question: str) -> dict[str, frozenset[str]]:
    """The attributes a question asks the value of ("the population of Harlow", "how many
    people live in Harlow"), each with the words besides its class's that name it too
    ("5,600 people live there")."""
    from retrieval.figures.lexicon import attribute_class, lemma
    from retrieval.figures.tokens import tokenize

    words = [t for t in tokenize(question) if t.kind == "word"]
    lowered = " ".join(t.lower for t in words)
    if f" {' '.join(_BY_HOW_MUCH)} " in f" {lowered} ":
        # "By how much will visitor income suffer?" asks a change, which reports may name by
        # what was lost ("the loss to angling tourism"), not by the attribute.
        return {}
    live = frozenset({lemma(_LIVE_WORD)})
    asked: dict[str, frozenset[str]] = {}
    for n, t in enumerate(words):
        if n > 0 and t.is_capitalized:
            continue
        counted = n >= 1 and words[n - 1].lower == "many"  # "how many inhabitants were moved"
        if (a := attribute_class(t.text)) in _NAMED_ATTRIBUTES and not counted:
            asked[a] = live if a == "population" else frozenset()
        elif t.lemma in live and n >= 2 and words[n - 1].lower in _ANYONE | {"residents"}:
            asked["population"] = live  # "how many people live in …"
    return asked


_BY_HOW_MUCH = ("by", "how", "much")  # words, in order
# Attributes a passage must name (by a word of their class) to answer a question asking
# their value: a report that names a town answers no question about its population.
_NAMED_ATTRIBUTES = frozenset({"population", "revenue", "income", "debt"})
# Attributes that name one another's figure: a firm's "ticket income" is its revenue, and a
# person's "revenue" their income.
_KIN = {"income": {"revenue"}, "revenue": {"income"}}
