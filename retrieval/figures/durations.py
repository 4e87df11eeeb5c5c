"""How long: the spans of time the passages give, the asked one found by its clause.

Reports say how long in words of their own ("the notice lasted 19 days", "it stayed in force
for 26 days", "officers were at the scene 19 minutes after the alarm was raised", "gates
opened about 75 minutes late"): a verb, a preposition, a relation to another event. No word
list tells what such a span is of, so a duration that no attribute names ("a median age of
42.7 years" stays the age) is read without a measure, and a question that asks how long
("How long did it take the police to turn up?", "For how many days …?") is answered by the
durations whose own clause (the figure masked, a relation's other event kept) comes closest
to it: each report's closest, side by side, when it is about as close as the closest of
all. The rest are shown apart, as other durations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from retrieval.figures import lexicon as lx
from retrieval.figures.asks import EXTREME_WORDS, question_words
from retrieval.figures.clauses import clause
from retrieval.figures.extract import Mention
from retrieval.figures.tokens import tokenize

# A clause must come this close to the question (cosine) to answer it, and a report's
# closest may be this much further than the closest of all.
FLOOR = 0.3
MARGIN = 0.15
# Taken from the closeness of a span dated years before its report ("the 2019 dredge took six
# weeks") when the question names no such year: another time's span, ranked after this one's.
EARLIER_PENALTY = 0.2
# Durations compared, at most.
MAX_DURATIONS = 40
# The most words of a group's name, taken from its closest clause.
NAME_WORDS = 8  # on each side of the span, at most
GAP = "…"
MAX_CHARS = 300  # of a sentence compared
OTHERS_NAME = "other durations"

# After "how long", words that make it a span of time, not a length: "How long did it
# take …?", "How long after the alarm …?", "How long has the road been closed?". Without
# one ("How long was the strike?", "How long is the bridge?") either may be asked.
_TIME_WORDS = frozenset(
    """did does do has have had take takes took taken taking last lasts lasted lasting after
    before until till since wait waited waiting spend spent stay stayed remain remained""".split()
)
_SOON_WORDS = frozenset({"quickly", "soon"})
_RELATIVES = frozenset({"that", "which", "who", "where"})
# Pronouns that, after a noun, start a clause about it ("the reef they found").
_CLAUSE_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she"})
_ARTICLES = frozenset({"the", "a", "an"})
_SPAN_NOUNS = lx.DURATION_UNITS | {"time"}
# Nouns of a stretch of time: "how long a sentence", "how long a delay".
_SPAN_HEADS = frozenset(
    """term sentence spell stint period wait delay ban suspension stay break pause interval
    lease contract tenure sabbatical holiday leave""".split()
)

Similarities = Callable[[list[str]], list[float]]


def asks_duration(question: str) -> str | None:
    """ "span" when the question asks how long in time, "either" when "how long" may ask a
    length too ("How long was the strike?"), None when it asks neither."""
    words = question_words(question)
    for n, w in enumerate(words[:-1]):
        after = words[n + 1]
        rest = words[n + 2 :]
        if w != "how":
            continue
        if after in _SOON_WORDS or after == "old":
            return "span"  # "How quickly did the police arrive?", "How old is the reef?"
        if after == "long":
            if rest[:1] in (["a"], ["an"]):
                # "How long a stretch of coast …?": a length; "How long a prison term …?",
                # "How long a ban …?": a span, by the noun (past one adjective at most)
                return "span" if _SPAN_HEADS & set(rest[1:3]) else None
            # "the tunnel that takes the brook", "the ridge they mapped last year": a verb
            # of a clause about the thing asks no time
            main = _before_clause(rest)
            if _TIME_WORDS & set(main) or _in_a_state(rest):
                return "span"
            return "either"
        if after in {"many", "much"} and rest[:1] and rest[0] in _SPAN_NOUNS:
            # "For how many days …?", "How much time …?"; "how many days of work were
            # lost?" counts days, an amount
            return None if rest[1:2] == ["of"] else "span"
    if "duration" in words:
        return "span"
    return "either" if EXTREME_WORDS & set(words) else None  # "the longest anyone waited"


def asks_since(question: str) -> bool:
    """ "How long has Mexico had a federal republic?": a span up to now, which a report may
    give as the date it began ("since 1824")."""
    words = question_words(question)
    return any(
        words[n : n + 2] == ["how", "long"] and words[n + 2 : n + 3] in (["has"], ["have"])
        for n in range(len(words))
    )


# What a thing is out of while it does not work: "out of action", "out of service".
_OUT_OF = [[w] for w in "action service use operation commission order business".split()]


def _before_clause(words: list[str]) -> list[str]:
    """The words before a clause about a thing the question names opens."""
    for n, w in enumerate(words):
        if w in _RELATIVES or (n >= 2 and _opens_clause(w, words[n - 1])):
            return words[:n]
    return words


def _opens_clause(word: str, before: str) -> bool:
    """Whether ``word`` after a noun opens a clause about it that no "that" starts: "the reef
    they found", "the ridge the surveyors mapped"."""
    return word in _CLAUSE_SUBJECTS or (word in _ARTICLES and before not in lx.FUNCTION_WORDS)


def _in_a_state(rest: list[str]) -> bool:
    """ "How long was the M47 shut for?", "How long were the climbers stranded?": after
    "how long" and its "be", a participle or a closing "for" says how long a state lasted; a
    length's question names the thing alone ("How long is the Vellach Ridge?")."""
    if not rest or rest[0] not in lx.AUXILIARIES:
        return False
    # "How long is the section that was shut?", "How long is the reef they found?": the verb
    # of a clause about the thing says no state of it
    after = _before_clause(rest[1:])
    if any(
        after[n : n + 2] == ["out", "of"] and after[n + 2 : n + 3] in _OUT_OF
        for n in range(1, len(after))
    ):
        return True  # "out of action", "out of service": a state
    return "for" in after[-3:] or any(lx.is_participle(w) for w in after[1:])


def duration_clause(m: Mention) -> str:
    return clause(m.value.quote, m.value.text, relation=True)


def _masked(m: Mention) -> str:
    """The duration's sentence without it: the clause alone may lack what the span is of
    ("ending a notice that for some of them lasted almost four weeks")."""
    return " ".join(m.value.quote.replace(m.value.text, " ", 1).split())[:MAX_CHARS]


def _closeness(mentions: Sequence[Mention], similarities: Similarities) -> list[float]:
    """Each duration's closeness to the question: its clause's and its sentence's, averaged."""
    clauses = [duration_clause(m) for m in mentions]
    sentences = [_masked(m) for m in mentions]
    unique = list(dict.fromkeys([*clauses, *sentences]))
    near = dict(zip(unique, similarities(unique), strict=True))
    return [(near[c] + near[s]) / 2 for c, s in zip(clauses, sentences, strict=True)]


# "a five-year contract", "a 25-minute flight": a span that describes a thing. In a sentence
# that also says how long something lasted ("a 25-minute flight away, … was grounded for
# about nine hours"), it is the description, not the answer.
_ADJECTIVE = re.compile(r"[-‑](?:second|minute|hour|day|week|month|year)s?$", re.IGNORECASE)


def _adjective(m: Mention) -> bool:
    return _ADJECTIVE.search(m.value.text) is not None


def _described(mentions: Sequence[Mention]) -> list[bool]:
    """Which spans are adjectives in a sentence that gives a span of its own, or say how
    often ("collected every three weeks"): none says how long something took."""
    told = {(m.value.doc_id, m.value.start) for m in mentions if not _adjective(m)}
    return [
        (_adjective(m) and (m.value.doc_id, m.value.start) in told) or _frequency(m)
        for m in mentions
    ]


_EVERY = frozenset({"every", "each"})


def _frequency(m: Mention) -> bool:
    """Whether a span says how often: "emptied every two weeks", "once each month"."""
    quote, text = m.value.quote, m.value.text
    at = quote.find(text)
    before = [t.lower for t in tokenize(quote[:at]) if t.kind == "word"] if at >= 0 else []
    return bool(before) and before[-1] in _EVERY


def pick(
    mentions: Sequence[Mention],
    similarities: Similarities,
    years: frozenset[str] = frozenset(),
    unit: str | None = None,
) -> tuple[list[Mention], list[Mention], str]:
    """The durations that answer the question (each report's closest, with the spans of the
    same unit its sentence sets beside it: "26 minutes after the first alarm, although 19
    minutes after they were called"), the others, and the answer's name; no answer when no
    duration comes close enough. A span of an earlier year ("the 2019 dredge took six weeks")
    answers only a question that names that year (``years``); one in another unit than the
    question asks in (``unit``: "how many weeks") only when none is in it."""
    mentions = list(mentions)[:MAX_DURATIONS]
    if not mentions:
        return [], [], ""
    closeness = _closeness(mentions, similarities)
    described = _described(mentions)
    if unit is not None and any(_unit(m) == unit for m in mentions):
        # "How many weeks …?": spans in weeks answer it, not "nineteen years" beside them
        described = [d or _unit(m) != unit for d, m in zip(described, mentions, strict=True)]
    closeness = [-1.0 if d else c for c, d in zip(closeness, described, strict=True)]
    closeness = [
        c - EARLIER_PENALTY if _earlier(m, years) else c
        for c, m in zip(closeness, mentions, strict=True)
    ]
    best = max(range(len(mentions)), key=lambda i: closeness[i])
    if closeness[best] < FLOOR:
        return [], mentions, ""
    bar = max(FLOOR, closeness[best] - MARGIN)
    by_doc: dict[str, int] = {}
    for i in sorted(range(len(mentions)), key=lambda i: -closeness[i]):
        by_doc.setdefault(mentions[i].value.doc_id, i)
    chosen: set[int] = set()
    for i in by_doc.values():
        if closeness[i] < bar:
            continue
        at = mentions[i].value
        chosen |= {
            k
            for k, m in enumerate(mentions)
            if (m.value.doc_id, m.value.start, m.value.unit) == (at.doc_id, at.start, at.unit)
            and not described[k]
        }
    lead = [m for k, m in enumerate(mentions) if k in chosen]
    rest = [m for k, m in enumerate(mentions) if k not in chosen]
    return lead, rest, _name(mentions[best])


def span_unit(question: str) -> str | None:
    """The unit of time a question counts in: "How many weeks will …?" → "week"."""
    words = question_words(question)
    for n, w in enumerate(words[:-2]):
        if (w, words[n + 1]) == ("how", "many") and words[n + 2] in lx.DURATION_UNITS:
            return words[n + 2].removesuffix("s")
    return None


def _unit(m: Mention) -> str:
    return (m.value.unit or "").removesuffix("s")


def _earlier(m: Mention, years: frozenset[str]) -> bool:
    """Whether a span is dated years before its report, in a year the question does not name."""
    key = m.measure.key
    return key[0] == "past" and key[1] not in years


def _name(m: Mention) -> str:
    """What a span is of, in its clause's words, the span left out: "how long (the
    boil-water notice lasted …)", "how long (police were on site … after the first alarm)"."""
    text = clause(m.value.quote, m.value.text, relation=True, mark=GAP)
    before, _, after = text.partition(GAP)
    left = [t for t in tokenize(before) if t.kind == "word"][-NAME_WORDS:]
    right = [t for t in tokenize(after) if t.kind == "word"][:NAME_WORDS]
    asked = "how long"
    if right and right[0].lower == "old":  # "the oldest material is 4,300 years old"
        asked, after = "how old", after[right[0].end :]
        right = [t for t in tokenize(after) if t.kind == "word"][:NAME_WORDS]
    while right and right[-1].lower in lx.FUNCTION_WORDS:
        right = right[:-1]
    head = before[left[0].start :].strip() if left else ""
    tail = after[: right[-1].end].strip() if right else ""
    words = " ".join(w for w in (head, GAP, tail) if w)
    return f"{asked} ({words[:1].lower() + words[1:]})" if head or tail else asked
