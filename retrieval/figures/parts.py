"""Parts of a count, named by what they were judged to be: "identified 16 cracks …, three of
which were classed as critical", "Three of these have been assessed as critical", "21 cracks
in total - four of them critical". The part counts the whole's things by the whole's event,
narrowed by the judgement ("cracks discovered, critical"): one measure however the judging is
worded, and apart from the whole.
"""

from __future__ import annotations

from dataclasses import replace

from retrieval.figures import lexicon as lx
from retrieval.figures.measures import (
    PART_PRONOUNS,
    RELATIVE_WHOLES,
    Measure,
    is_verbish,
    noun_phrase,
    part_measure,
)
from retrieval.figures.numbers import Quantity
from retrieval.figures.tokens import Token

# "three of which", "four of them", "Three of these": the whole, by a pronoun.
_WHOLE_PRONOUNS = PART_PRONOUNS | RELATIVE_WHOLES
# "classed as critical": the judgement follows "as" within so many words of the pronoun.
_JUDGED_AS = "as"
_REACH = 8
# Adverbs, -ing forms and participles say how or what befell a part, not what it was judged.
_NOT_JUDGEMENTS = ("ly", "ing", "ed")
# After the judgement its clause ends, or a phrase of who judged or when begins.
_CLAUSE_GOES_ON = frozenset({"by", "after", "in", "on", "at", "during", "following"})


def whole_pronoun(tokens: list[Token], q: Quantity) -> str | None:
    """The pronoun of "N of which …", "N of these …" right after ``q``, lower-cased."""
    k = q.j
    if k + 2 < len(tokens) and tokens[k].lower == "of" and tokens[k + 1].lower in _WHOLE_PRONOUNS:
        return tokens[k + 1].lower
    return None


def judged_part(tokens: list[Token], q: Quantity, whole: Measure | None) -> Measure | None:
    """The part ``q`` counts of ``whole`` (an event's count) when the words after "of which"
    or "of these" say what it was judged to be; None otherwise."""
    if whole is None or whole.key[0] != "event" or q.dimension != "count" or q.is_share:
        return None
    if whole_pronoun(tokens, q) is None:
        return None
    word = _judgement(tokens, q.j + 2)
    if word is None:
        return None
    return part_measure(whole, word.lower, (word.lemma,))


def _judgement(tokens: list[Token], k: int) -> Token | None:
    """The word a part is judged to be: after "as" in its clause ("have been assessed as
    critical"), or alone before its clause ends ("four of them critical -")."""
    if _complement(tokens, k) and (k + 1 == len(tokens) or tokens[k + 1].kind == "punct"):
        return tokens[k]
    for n in range(k, min(len(tokens) - 1, k + _REACH)):
        t = tokens[n]
        if t.kind != "word":
            return None  # the clause ended without a judgement
        if t.lower == _JUDGED_AS:
            return tokens[n + 1] if _complement(tokens, n + 1) else None
    return None


def _complement(tokens: list[Token], k: int) -> bool:
    """Whether the word at ``k`` is one that ends its clause and names no act or manner:
    "critical", not "seriously" or "injured" (a part narrowed so is read as such)."""
    t = tokens[k]
    if t.kind != "word" or t.lower in lx.FUNCTION_WORDS | lx.AUXILIARIES or is_verbish(t):
        return False
    if t.lower.endswith(_NOT_JUDGEMENTS) or lx.is_participle(t.text):
        return False
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    return after is None or after.kind == "punct" or after.lower in _CLAUSE_GOES_ON


# Words that give a count as one party's own share of a whole: "collected nearly three
# hundred signatures on his own", "raised £5,000 single-handedly", "by herself".
_OWN_POSSESSIVES = frozenset("his her their its my our your".split())
_REFLEXIVES = frozenset("himself herself themselves itself myself ourselves yourself".split())
_ALONE = frozenset({"single-handedly", "singlehandedly"})


def _single_handed(tokens: list[Token], k: int) -> bool:
    """Whether "single-handedly" (one token or three) starts at ``k``."""
    return "".join(t.lower for t in tokens[k : k + 3]).startswith(tuple(_ALONE))


def own_part(tokens: list[Token], q: Quantity, measure: Measure | None) -> Measure | None:
    """``measure`` as one party's part when the words right after ``q``'s noun say it did so
    alone ("nearly three hundred signatures on his own"): less than the whole of what is
    counted, a measure of its own. Other measures as they are."""
    if measure is None or measure.key[0] == "part" or q.is_share:
        return measure
    _, k = noun_phrase(tokens, q.j)
    # "raised £5,000 single-handedly", "sold 90 tickets single-handedly": the noun phrase
    # may have taken it in
    k = next((n for n in range(q.j, k + 1) if _single_handed(tokens, n)), k)
    words = [t.lower for t in tokens[k : k + 3]]
    if _single_handed(tokens, k):
        phrase = "single-handedly"
    elif (
        words[:1] == ["on"] and words[1:2] and words[1] in _OWN_POSSESSIVES and words[2:] == ["own"]
    ):
        phrase = " ".join(words)
    elif words[:1] == ["by"] and words[1:2] and words[1] in _REFLEXIVES:
        phrase = " ".join(words[:2])
    else:
        return measure
    return part_measure(measure, phrase)


# What a part of the count before did, after "Of them, 29 …": its verb, past auxiliaries.
_PART_AUXILIARIES = lx.AUXILIARIES | {"since", "now", "already", "also", "still"}


def verb_part(tokens: list[Token], q: Quantity, before: Measure | None) -> Measure | None:
    """A part of the sentence before's count that its own verb narrows: "Of them, 29 have been
    admitted to hospital" after "52 people have been treated for injuries" counts the injured
    admitted, less than the whole; None when no "of them" opens it or no participle follows."""
    if before is None or q.dimension != "count" or before.key[0] == "part":
        return None
    opener = [t.lower for t in tokens[: q.i] if t.kind == "word"]
    if len(opener) != 2 or opener[0] != "of" or opener[1] not in _WHOLE_PRONOUNS:
        return None
    k = q.j
    while k < len(tokens) and tokens[k].lower in _PART_AUXILIARIES:
        k += 1
    if k >= len(tokens) or not lx.is_participle(tokens[k].text) or is_verbish(tokens[q.i]):
        return None
    verb = tokens[k]
    return part_measure(before, verb.lower, (verb.lemma,), key=verb.lemma)


# The losing side of a vote, after the winning one: "carried nine votes to three", "by 312
# votes to 290", "voted 7-2"; or named so: "3 against", "290 votes against".
_TALLY_JOINS = frozenset({"to", "-", "–"})
_VOTE = lx.lemma("vote")
_AGAINST = "against"


def vote_side(tokens: list[Token], q: Quantity, measure: Measure | None) -> Measure | None:
    """``measure`` (a vote's count) as the votes against when ``q`` is the second number of a
    tally or is followed by "against": not the votes that carried it. Others as they are."""
    if measure is None or "vote" not in measure.events or measure.key[0] == "part":
        return measure
    if q.dimension != "count" or q.is_share:
        return measure
    after = [t.lower for t in tokens[q.j : q.j + 2]]
    tally = (
        q.i >= 2
        and tokens[q.i - 1].lower in _TALLY_JOINS
        and (
            tokens[q.i - 2].lemma == _VOTE
            or tokens[q.i - 2].kind == "num"
            or tokens[q.i - 2].lower in lx.UNITS  # "voted six to three"
        )
    )
    if tally or _AGAINST in after:
        part = part_measure(measure, _AGAINST, (_AGAINST,), key=_AGAINST)
        return replace(part, name="votes against")
    return measure


# Verbs a sum comes "from" its source by: "£30,000 would come from Section 106 money", "the
# remaining £18,500 would be met from general reserves", "paid from the council's reserves".
_FROM_VERBS = frozenset("come comes came coming met paid funded drawn".split())
_FROM_REACH = 4  # words between the sum and its verb: "would", "have to", "be"


def source_part(tokens: list[Token], q: Quantity, measure: Measure | None) -> Measure | None:
    """``measure`` (a sum's) as the part that comes from a named source, when a verb of coming
    or paying from follows the sum: two sources' sums are two parts, not one figure that
    reports dispute; one source's sums are one part however the verb is worded ("met from",
    "came from"). Others as they are."""
    if measure is None or q.dimension != "money" or measure.key[0] == "part":
        return measure
    for k in range(q.j, min(len(tokens) - 1, q.j + _FROM_REACH + 1)):
        t = tokens[k]
        if t.kind != "word":
            return measure
        if t.lower in _FROM_VERBS and tokens[k + 1].lower == "from":
            phrase = _source_phrase(tokens, k + 2)
            heads = [w for w in phrase if w.kind == "word"]
            if not heads:
                return measure
            head = heads[-1].lemma
            return Measure(
                ("part", _FROM, "money", head),
                f"{_FROM} {' '.join(w.text if w.is_capitalized else w.lower for w in phrase)}",
                measure.events,
                None,
                (*measure.words, head),
            )
    return measure


_FROM = "from"
_SOURCE_WORDS = 5


def _source_phrase(tokens: list[Token], k: int) -> list[Token]:
    """The words naming a source after "from" at ``k``, past determiners and up to a verb,
    a participle or a break: "Section 106 developer contributions arising from …"."""
    while k < len(tokens) and tokens[k].lower in lx.DETERMINERS:
        k += 1
    out: list[Token] = []
    for t in tokens[k : k + _SOURCE_WORDS]:
        if t.kind not in {"word", "num"} or t.lower in lx.FUNCTION_WORDS:
            break
        if t.kind == "word" and (t.lower.endswith("ing") or lx.is_participle(t.text)):
            break
        out.append(t)
    return out
