"""What a figure counts, read from the words around it in its sentence.

A measure is built from structural cues, in order of trust: the verb group the number's noun
phrase is subject of ("4,000 soldiers have been killed or injured"), a verb right before it
("sent an additional 3,000 soldiers"), the noun the number counts ("600 deaths"), an "of"
construction ("the deaths of about 300 soldiers"), and finally the event words earlier in its
clause ("casualties … have surpassed 4,000"). Words map to general English classes (lexicon),
so "died", "deaths", "fatalities" and "death toll" are one measure on any corpus.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from retrieval.figures import lexicon as lx
from retrieval.figures.asks import change_size_asked, in_the_end, level_asked, most_anyone
from retrieval.figures.dates import year_value
from retrieval.figures.numbers import CAPACITY_COMPOUNDS, Quantity, change_verb_before
from retrieval.figures.tokens import Token

_DASHES = frozenset({"—", "–", "-", "(", "‑"})
_CLOSERS = {"(": ")"}
_PARENTHETICAL_OPENERS = frozenset({"including", "among", "of", "mostly", "most", "many"})
_CLAUSE_BREAKS = frozenset({";", ":", "which", "who", "whereas", "while", "but"})
# Entity classes that say no more than "people" about who is counted.
_GENERAL_PEOPLE = frozenset({"people", "residents"})
_QUESTION_WORDS = frozenset("how many much what which when who whom whose why where".split())


@dataclass(frozen=True)
class Measure:
    """What a figure counts: ``key`` groups figures, ``name`` shows them."""

    key: tuple[str, ...]
    name: str
    events: frozenset[str] = frozenset()
    entity: str | None = None
    words: tuple[str, ...] = field(default=())  # lemmas of the cue words, for matching


def with_entity(m: Measure, entity: str) -> Measure:
    """The event measure ``m`` of other things: "books returned" of "items returned"."""
    key = (*m.key[:2], entity, *m.key[3:])
    return Measure(key, m.name.replace(m.key[2], entity, 1), m.events, entity, m.words)


def is_verbish(t: Token) -> bool:
    """A word that can be a figure's verb: a participle or an event word ("killed", "opened")."""
    return t.kind == "word" and (lx.is_participle(t.text) or lx.event_class(t.text) is not None)


def noun_phrase(tokens: list[Token], j: int) -> tuple[list[Token], int]:
    """The words the number counts, right after it: "North Korean soldiers", "deaths"."""
    words: list[Token] = []
    k = j
    n = len(tokens)
    hyphen = False
    while k < n and len(words) < 5:
        t = tokens[k]
        if t.text in {"-", "‑"} and t.glued:
            hyphen = True
            k += 1
            continue
        if _model_number(tokens, k, words):
            hyphen = False  # "four Nordvane NV-2000 turbines", "six Boeing 737 jets"
            k += 1
            continue
        if t.kind != "word":
            break
        w = t.lower
        if not words and w == "such":
            k += 1  # "14 such deaths"
            continue
        if not words and _adverb_of_next(tokens, k):
            k += 1  # "18,420 apparently occupied burrows", "40 newly built homes"
            continue
        compound, hyphen = hyphen and t.glued, False  # "plug-in", "built-in": one word
        if compound and words and w not in _COMPASS:
            # "163 long-finned pilot whales": one modifier, neither a verb nor an event
            first = words.pop()
            words.append(Token(f"{first.text}-{t.text}", first.start, t.end, t.kind, first.glued))
            k += 1
            continue
        if w == "and" and _coordinated_modifier(tokens, k, words):
            words.append(tokens[k + 1])  # "58 anchor and mooring scars": scars, of two kinds
            k += 2
            continue
        if not compound and (
            (w in lx.FUNCTION_WORDS and w not in lx.ADDITIVE_WORDS) or w in lx.PARTICLE_VERBS
        ):
            break
        if words and (w in _PLACE_ADVERBS or w in _CLAUSE_ADVERBS):
            break  # "lost 60 containers overboard": where they went, no noun of the count
        if words and not t.is_capitalized and (lx.is_participle(w) or w.endswith("ing")):
            break  # "11,000 soldiers sent …": a reduced relative clause starts
        if _bare_past(tokens, k):
            break  # "4,141,236 cast a ballot": the verb, not a noun
        if words and k + 1 < n and tokens[k + 1].lower in _SAYING:
            break  # "the two snuffboxes police say were taken": the clause's subject starts
        if t.is_capitalized and k + 1 < n and tokens[k + 1].text in _FIELD_MARKS:
            break  # "Total 12,345 Languages • Official …": the next field's label
        if words and not words[-1].is_capitalized and t.is_capitalized:
            break  # "the 11,000 troops North Korea deployed": the clause's subject starts
        if not words and k == j and _title_plural(tokens, k):
            t = Token(t.text.lower(), t.start, t.end, t.kind, t.glued)  # "16 Clubs"
        words.append(t)
        k += 1
    return words, k


def _model_number(tokens: list[Token], k: int, words: list[Token]) -> bool:
    """Whether the number at ``k`` is part of a model's name after a name ("Boeing 737",
    "NV-2000") before the noun counted: not a count of its own."""
    t = tokens[k]
    if t.kind != "num" or not words or not words[-1].is_capitalized or k + 1 >= len(tokens):
        return False
    after = tokens[k + 1]
    return after.kind == "word" and after.lower not in lx.FUNCTION_WORDS and not after.glued


def _coordinated_modifier(tokens: list[Token], k: int, words: list[Token]) -> bool:
    """Whether the "and" at ``k`` joins a modifier to another before their shared noun: "58
    anchor and mooring scars" counts scars. Not after a plural or a known kind of thing ("400
    homes and businesses", "bus and coach drivers"), nor before a number."""
    if len(words) != 1 or words[0].is_capitalized or k + 2 >= len(tokens):
        return False
    first = words[0].lower
    if first.endswith("s") or lx.known_class(first) in lx.ENTITY_CLASSES or lx.event_class(first):
        return False
    modifier, head = tokens[k + 1], tokens[k + 2]
    return (
        modifier.kind == "word"
        and head.kind == "word"
        and modifier.lower not in lx.FUNCTION_WORDS
        and head.lower not in lx.FUNCTION_WORDS
        and not modifier.lower.endswith("s")
        and head.lower.endswith("s")
    )


# The second halves of "north-east", "south-west": a direction, not a modifier of a noun.
_COMPASS = frozenset({"east", "west", "north", "south"})
# Verbs of saying that a clause's own subject comes right before: "police say", "officials
# believe".
_SAYING = frozenset({"say", "says", "said", "believe", "believes", "think", "estimate"})


# Marks between a fact box's label and its value: "Population: 4,200", "Population • Total".
_LABEL_MARKS = frozenset({":", "•", "·"})
# Marks between its fields: those, and "|".
_FIELD_MARKS = _LABEL_MARKS | {"|"}
# Adverbs of place that may follow a counted noun and name none: "60 containers overboard",
# "300 tourists abroad", "two men ashore".
_PLACE_ADVERBS = frozenset(
    """overboard ashore aboard abroad overseas offshore inland adrift aground afloat astray
    away apart together nearby elsewhere underground underwater""".split()
)

# Adverbs that follow a counted noun and end its phrase: "17,960 burrows rather than …",
# "5,000 and 3,000 homes respectively".
_CLAUSE_ADVERBS = frozenset({"rather", "instead", "respectively", "apiece", "altogether", "once"})


def _adverb_of_next(tokens: list[Token], k: int) -> bool:
    """Whether the word at ``k`` is an adverb of the participle after it: "apparently
    occupied", "newly built". The participle and its noun say what is counted."""
    if not tokens[k].lower.endswith("ly") or k + 2 >= len(tokens):
        return False
    after = tokens[k + 1]
    return after.kind == "word" and (lx.is_participle(after.text) or after.lower.endswith("ed"))


def _title_plural(tokens: list[Token], k: int) -> bool:
    """Whether the capitalized word at ``k``, right after a number, is a plural noun written
    in title case ("16 Clubs", "24 Districts"), not a name ("Maroon 5", "3 Doors Down")."""
    t = tokens[k]
    if not t.is_capitalized or t.text.isupper() or not t.lower.endswith("s"):
        return False
    if lx.lemma(t.lower) == t.lower:
        return False
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    return after is None or not (after.kind == "word" and after.is_capitalized)


def _bare_past(tokens: list[Token], k: int) -> bool:
    """Whether the word at ``k`` is a past verb that looks like a noun ("cast a ballot"), an
    irregular one before its object ("96 took an active part"), or one whose object is "it"
    ("Fourteen made it to the first practice")."""
    after = tokens[k + 1].lower if k + 1 < len(tokens) else None
    word = tokens[k].lower
    if after == "it" and lx.is_participle(word):
        return True
    if (
        after in lx.DETERMINERS
        and not word.endswith("ed")
        and lx.is_participle(word)
        and k >= 1
        and _number_word(tokens[k - 1])
    ):
        return True  # "96 took an active part", "40 gave a statement": irregular pasts
    return word in lx.BARE_PAST_VERBS and after in lx.DETERMINERS


def _number_word(t: Token) -> bool:
    """Whether a token is a number, in digits or words ("96", "ninety-six", "forty")."""
    w = t.lower
    return t.is_num or w in lx.UNITS or w in lx.TENS or w in lx.SCALES


def _skip_parenthetical(tokens: list[Token], k: int) -> int:
    """Past "—including 600 deaths—" or ", among them 600 fatalities," when one starts at k."""
    n = len(tokens)
    if k >= n:
        return k
    t = tokens[k]
    if (t.text in _DASHES and not t.glued) or t.text in {"—", "("}:
        closer = _CLOSERS.get(t.text, t.text)
        for m in range(k + 1, min(n, k + 14)):
            if tokens[m].text == closer:
                return m + 1
        return n  # no closing mark: what follows is not this phrase's verb
    if t.text == "," and k + 1 < n and tokens[k + 1].lower in _PARENTHETICAL_OPENERS:
        for m in range(k + 2, min(n, k + 14)):
            if tokens[m].text == ",":
                return m + 1
        return n
    return k


def _verb_group(tokens: list[Token], k: int) -> tuple[set[str], list[str]]:
    """Event classes of a verb group starting at ``k`` ("have either died or been injured",
    "were transported back", "have suffered casualties")."""
    events: set[str] = set()
    words: list[str] = []
    n = len(tokens)
    last_verb: str | None = None
    linked = False  # "are on strike": a link to a complement that may name the event
    steps = 0
    while k < n and steps < 8:
        steps += 1
        t = tokens[k]
        if t.kind != "word":
            break
        w = t.lower
        cls = lx.event_class(w)
        if (pair := _object_pair(tokens, k)) is not None:
            cls = frozenset({pair})  # "lost their lives", "were left without a home"
        if (
            w in lx.AUXILIARIES
            or w in lx.ADVERB_FILLERS
            or w.endswith("ly")
            or w in {"or", "and", "to"}
        ):
            linked = linked or w in lx.AUXILIARIES
        elif cls is not None:
            events |= cls
            words.append(t.lemma)
            last_verb = t.lemma
        elif w in lx.PARTICLE_VERBS and last_verb is not None:
            events = {lx.PARTICLE_VERBS[w]}
            words.append(w)
        elif w in _PARTICLES and last_verb is not None:
            words.append(w)  # "came out alive": the complement may name the event
        elif (
            lx.is_participle(w)
            or w in lx.LIGHT_VERBS
            or w in lx.BARE_PAST_VERBS
            or (linked and last_verb is None and _progressive(w))
            or (last_verb is None and _progressive(w) and _particle_next(tokens, k))
        ):
            last_verb = t.lemma
            words.append(t.lemma)
            # "were treated for injuries": the event is the verb's reason
            if k + 2 < n and tokens[k + 1].lower in {"for", "with"}:
                events |= lx.event_class(tokens[k + 2].text) or set()
        else:
            break
        k += 1
    if not events and (last_verb is not None or linked):
        events |= _object_event(tokens, k)  # "had joined the strike", "went on strike"
    return events, words


def _particle_next(tokens: list[Token], k: int) -> bool:
    """An -ing form with "back" or "home" after it: "115 books coming back every day"."""
    return k + 1 < len(tokens) and tokens[k + 1].lower in lx.PARTICLE_VERBS


def _progressive(word: str) -> bool:
    """An -ing form after "be" ("were working underground"), not a bare noun in -ing."""
    return len(word) > 5 and word.endswith("ing") and word not in lx.FUNCTION_WORDS


def _object_event(tokens: list[Token], k: int) -> set[str]:
    """The event a verb's object or complement names, right after it: "the strike", "serious
    harm"."""
    n = len(tokens)
    while k < n and (
        tokens[k].lower in lx.DETERMINERS
        or tokens[k].lower in {"on", "in"}
        or tokens[k].lower in _SEVERITIES
    ):
        k += 1
    if k < n and tokens[k].kind == "word" and tokens[k].lower not in lx.FIGURE_NOUNS:
        return set(lx.event_class(tokens[k].text) or ())
    return set()


# Words of how bad, between a verb and the harm it names: "suffered serious harm".
_SEVERITIES = frozenset(
    """serious severe minor major significant lasting permanent critical grave slight
    moderate substantial considerable extensive avoidable""".split()
)


def open_verb(words: list[str]) -> str | None:
    """The verb of ``words`` that no class knows and that is more than a link ("contracted",
    "received"): what the figure counts, in the text's own word."""
    for w in reversed(words):
        if (
            w in lx.AUXILIARIES
            or w in lx.LIGHT_VERBS
            or w in lx.LINKING_VERBS
            or w in lx.REPORTING_VERBS
            or w in lx.COMPARING_VERBS
            or w in lx.PARTICLE_VERBS
            or lx.lemma(w) in lx.DISPUTE_VERBS
            or lx.event_class(w) is not None
            or w in _PARTICLES
        ):
            continue
        return w
    return None


# Particles a verb group may carry ("came out alive", "taken up"): never the verb itself.
_PARTICLES = frozenset({"out", "up"})


def _verb_after(tokens: list[Token], k: int) -> tuple[set[str], list[str]]:
    """The verb group whose subject ends at ``k``: a reduced relative ("soldiers sent to"),
    or the first auxiliary chain before the clause ends."""
    k = _skip_parenthetical(tokens, k)
    n = len(tokens)
    if k < n and (
        is_verbish(tokens[k]) or (_progressive(tokens[k].lower) and _particle_next(tokens, k))
    ):
        return _verb_group(tokens, k)  # "soldiers sent to", "books coming back"
    if k + 1 < n and tokens[k].lower in _RELATIVES:
        return _relative_or_main(tokens, k + 1)
    m = k
    while m < min(n, k + 5) and (tokens[m].is_capitalized or tokens[m].lower.endswith("ly")):
        m += 1  # "troops North Korea initially deployed": a relative clause with its subject
    if k < m < n and is_verbish(tokens[m]):
        return _verb_group(tokens, m)
    m, end = k, min(n, k + 14)
    while m < end:
        t = tokens[m]
        if t.lower == "from" and m + 1 < n and tokens[m + 1].kind == "num":
            # "720 firefighters from 23 fire and rescue services were deployed": past the
            # phrase of where they came from, to their own verb
            m = noun_phrase(tokens, m + 2)[1]
            end = min(n, end + 6)
            continue
        if _in_names(tokens, m):
            m += 1  # "people in Thornwick, Elsby and Pennock are likely to have fallen ill"
            continue
        if t.kind in {"punct", "num"} or t.lower in _CLAUSE_BREAKS or t.lower == "that":
            break
        if t.lower == "and" and m + 1 < n and tokens[m + 1].lower in lx.AUXILIARIES:
            break  # "handed out 400,000 litres … and had opened a third": another predicate
        if t.lower in lx.AUXILIARIES:
            return _verb_group(tokens, m)
        m += 1
    return set(), []


def _in_names(tokens: list[Token], m: int) -> bool:
    """Whether the comma at ``m`` separates two names of a list ("Thornwick, Elsby and
    Pennock"), not two clauses."""
    return (
        tokens[m].text == ","
        and 0 < m < len(tokens) - 1
        and tokens[m - 1].is_capitalized
        and tokens[m + 1].is_capitalized
    )


# Words that open a relative clause on the counted noun: "the men who got out".
_RELATIVES = frozenset({"who", "that", "which"})
# How far past a relative clause's verb its sentence's own verb may come.
_MAIN_WINDOW = 8


def _relative_or_main(tokens: list[Token], k: int) -> tuple[set[str], list[str]]:
    """The events of a relative clause starting at ``k`` on a count's noun ("the 35 men who
    came out alive"), or, when it names none of a class, of the sentence's own verb after it
    ("Seventeen of the men who got out were injured"). A negated verb after it counts the
    clause's things that did not: "4,370 runners who started did not finish" are no starters."""
    main = _main_verb(tokens, k)
    if main is not None and tokens[main + 1].lower in lx.NEGATIONS:
        return set(), []
    events, words = _verb_group(tokens[:main] if main is not None else tokens, k)
    if events:
        return events, words
    if main is not None:
        return _verb_group(tokens, main)
    # A passive names what was done to the things counted, in its own word ("1,812 patients
    # who were randomised"); an active verb may be another noun's ("a trip between the two
    # towns that took up to 50 minutes").
    return (events, words) if _passive(tokens, k) else (set(), [])


def _passive(tokens: list[Token], k: int) -> bool:
    """Whether a form of "be" at ``k`` ("were", "had been") comes before a participle."""
    if k + 1 < len(tokens) and tokens[k].lower in _HAVE and tokens[k + 1].lower == "been":
        k += 1
    return k + 1 < len(tokens) and tokens[k].lower in _BE and lx.is_participle(tokens[k + 1].text)


_BE = frozenset({"was", "were", "is", "are", "been", "being", "be"})
_HAVE = frozenset({"had", "have", "has"})


def _main_verb(tokens: list[Token], k: int) -> int | None:
    """The index of the auxiliary that opens the sentence's own verb after a relative clause
    starting at ``k`` ("who started did not finish"; not the clause's own "had been"), when
    one comes before the clause ends and a word follows it."""
    for m in range(k + 1, min(len(tokens) - 1, k + _MAIN_WINDOW)):
        t = tokens[m]
        if t.kind in {"punct", "num"} or t.lower in _CLAUSE_BREAKS or t.lower in _RELATIVES:
            return None
        before = tokens[m - 1].lower
        if t.lower in lx.AUXILIARIES and before not in lx.AUXILIARIES | lx.NEGATIONS:
            return m
    return None


def _before(tokens: list[Token], i: int) -> int:
    """Index of the word before a number, past determiners, additive words and "a total of"
    ("caught a total of 9,460 escapees" is "caught 9,460 escapees")."""
    p = i - 1
    while p >= 0:
        if tokens[p].lower in lx.DETERMINERS or tokens[p].lower in lx.ADDITIVE_WORDS:
            p -= 1
        elif p >= 2 and tokens[p].lower == "of" and tokens[p - 1].lower == _TOTAL:
            p -= 2
        else:
            break
    return p


_TOTAL = "total"


def _additive(tokens: list[Token], q: Quantity, np_words: list[Token]) -> bool:
    """Whether the count is of more besides those already there: "additional", "extra",
    "further" near it, "another 600", or "more" right after it ("six more turbines"; not
    "more than six")."""
    before = {t.lower for t in tokens[max(0, q.i - 2) : q.i]}
    if np_words and np_words[0].lower == "more" and len(np_words) > 1:
        return True  # not "£500,000 more than planned", a difference
    return bool(({t.lower for t in np_words} | before) & {"additional", "extra", "further"})


def _back_window(tokens: list[Token], i: int) -> list[Token]:
    """The clause before token ``i``, back to a clause break or the sentence start."""
    start = 0
    for m in range(i - 1, -1, -1):
        if tokens[m].lower in {";", ":"}:
            start = m + 1
            break
        if _new_clause(tokens, m):
            # "It now has over 210,000 paying subscribers, and its network … has grown to
            # 4,100": a clause of its own subject, whose count is no one's paying
            start = m + 2
            break
    if tokens[start].lower in _OPENING_SUBORDINATORS:
        # "When we closed the petition at Easter, the final count stood at 1,386 names": the
        # opening clause sets the time, its verb is not what the number counts
        start = next((m + 1 for m in range(start, i) if tokens[m].text == ","), start)
    elif [t.lower for t in tokens[start + 1 : start + 3]] in _TIME_FRAMES and (
        tokens[start].lower in {"in", "at", "by"}
    ):
        # "In the end the final invoice came to £79,870", "At the start of the season, …":
        # a time, no event of the count
        comma = next((m for m in range(start, i) if tokens[m].text == ","), None)
        after_of = start + 3 < i and tokens[start + 3].lower == "of"
        start = comma + 1 if comma is not None and after_of else start + 3
    return _without_asides(tokens, start, i)


def _without_asides(tokens: list[Token], start: int, i: int) -> list[Token]:
    """The words of tokens [start, i) without their asides (``asides``)."""
    skipped = asides(tokens, start, i)
    return [
        t
        for m, t in enumerate(tokens[start:i], start)
        if t.kind == "word" and not any(a <= m <= b for a, b in skipped)
    ]


def asides(tokens: list[Token], start: int, i: int) -> list[tuple[int, int]]:
    """The asides between commas within tokens [start, i) that open with a past participle,
    as (first comma, closing comma): "The company, founded in Bristol in 2013, told investors
    that revenue reached £38.6m" (the founding is no event of the £38.6m, 2013 not its time)."""
    out: list[tuple[int, int]] = []
    m = start
    while m < i:
        if tokens[m].text == "," and m + 1 < i and _aside_verb(tokens[m + 1]):
            close = next((k for k in range(m + 2, i) if tokens[k].text == ","), None)
            if close is not None:
                out.append((m, close))
                m = close
        m += 1
    return out


def _aside_verb(t: Token) -> bool:
    return t.kind == "word" and t.text == t.lower and lx.is_participle(t.lower)


_TIME_FRAMES = [["the", w] for w in ("end", "start", "beginning", "close", "outset")]
# A comma, a conjunction and a subject's first word open a clause of its own.
_CLAUSE_JOINS = frozenset({"and", "but", "while", "whereas"})
_SUBJECT_OPENERS = frozenset(
    "the its their his her our my your this that these those it they we he she".split()
)


def _new_clause(tokens: list[Token], m: int) -> bool:
    """Whether a comma at ``m`` opens a coordinate clause with its own subject (", and its
    network", ", but the council")."""
    return (
        tokens[m].text == ","
        and m + 2 < len(tokens)
        and tokens[m + 1].lower in _CLAUSE_JOINS
        and tokens[m + 2].lower in _SUBJECT_OPENERS
    )


# Conjunctions that open a sentence with a clause of time or condition before the main one.
_OPENING_SUBORDINATORS = frozenset({"when", "once", "while", "if", "although", "though"})


# "Members" of a class of people are of that class: "crew members", "staff members".
_MEMBERS = "members"
_ROLES = lx.PERSON_CLASSES - {_MEMBERS, "people"}


def _entity(words: list[Token], pinned: bool = True, own: bool = True) -> str | None:
    """The class of the counted noun in ``words``. People are one class whatever befalls
    them; a class of things ("cars" and "vehicles") joins counts only when an event pins
    them (``pinned``: "were recalled", "sank"). An unpinned thing is its noun as written
    when it is the count's ``own`` noun ("9,000 cars"), else nothing ("164,800 of them")."""
    for n in range(len(words) - 1, -1, -1):
        t = words[n]
        if n and t.is_capitalized and words[n - 1].is_capitalized:
            continue  # "Stennet Farm", "Orsby General Hospital": a name's word counts nothing
        if t.lower.endswith("ing") and n + 1 < len(words) and words[n + 1].lower in lx.DETERMINERS:
            continue  # "Building the reservoir cost £40m": a verb with its object, no building
        if lx.event_class(t.text) is None and t.lower not in lx.FUNCTION_WORDS:
            cls = lx.known_class(t.text)
            if cls not in lx.ENTITY_CLASSES and _modified_head(words, n):
                return t.lower if own else None  # "nine bus routes" count routes, not buses
            if cls == _MEMBERS and n and (of := lx.entity_class(words[n - 1].text)) in _ROLES:
                return of  # "26 crew members" are crew, "staff members" staff
            if cls in lx.PERSON_CLASSES or (pinned and cls in lx.ENTITY_CLASSES):
                return cls
            if cls in lx.MARK_VERBS:
                return cls  # marks left one each are one class: "1,386 names", "signatures"
            if cls in lx.ENTITY_CLASSES:
                return t.lower if own else None
    return None


def _modified_head(words: list[Token], n: int) -> bool:
    """Whether the word at ``n``, a plural no class knows, heads a compound whose first noun
    one does ("bus routes", "car keys"): what is counted is the head, not the modifier."""
    t = words[n]
    if n == 0 or t.is_capitalized or not _plural_noun(t.lower):
        return False
    before = words[n - 1]
    return (
        not before.is_capitalized
        and lx.known_class(before.text) in lx.ENTITY_CLASSES
        and not _plural_noun(before.lower)
    )


def _plain_head(t: Token) -> str | None:
    """The plural noun no class knows that "how many" counts, as written ("flights",
    "trees"), as a count's own noun is; None for any other word, and for people named by
    what they do ("cyclists", "finishers"), whom reports count as people."""
    if t.is_capitalized or lx.event_class(t.text) is not None or t.lower in lx.FUNCTION_WORDS:
        return None
    if t.lower.endswith(lx.AGENT_ENDINGS):
        return None
    return t.lower if _plural_noun(t.lower) else None


def _plural_noun(word: str) -> bool:
    """Whether a word is written as a plural ("routes"), not a singular ending in s ("bus",
    "gas", "class") nor a word of time or place ("overseas")."""
    return (
        word.endswith("s")
        and not word.endswith(_SINGULAR_ENDINGS)
        and word not in lx.RELATIVE_WORDS
        and word not in _NOT_PLURALS
    )


# Endings of singular nouns and other words that end in s: "bus", "gas", "class", "series".
_SINGULAR_ENDINGS = ("ss", "us", "as", "is", "ous")
_NOT_PLURALS = frozenset(
    {"overseas", "always", "afterwards", "towards", "perhaps", "whereas", "series", "species"}
)


_CHANGE_UNITS = frozenset({"%", "percent", "per", "cent", "points", "point", "pc"})


def _past_change(tokens: list[Token], p: int) -> int:
    """Where to read back from the number after "rose 9% to": before the change ("rose"), so
    "Revenue rose 9% to $2.31 billion" ties $2.31 billion to revenue as "rose to" would."""
    if p < 2 or tokens[p].lower != "to":
        return p
    k = p - 1
    while k >= 0 and tokens[k].lower in _CHANGE_UNITS:
        k -= 1
    if k < 1 or not tokens[k].is_num:
        return p
    k -= 1
    if tokens[k].text in lx.CURRENCY_SYMBOLS:
        k -= 1
    if k >= 1 and tokens[k].lower == "by":
        k -= 1  # "rose by 200 to 600"
    if k >= 0 and tokens[k].lower in lx.CHANGE_VERBS:
        return k  # the change verb itself, which links like "rose to"
    return p


def _linked_before(tokens: list[Token], i: int) -> int | None:
    """Where the subject of a linking verb right before the number at ``i`` ends ("the
    population was", "turnout stood at"); None without a linking verb."""
    p = _past_change(tokens, i - 1)
    while p >= 0 and tokens[p].text in _QUOTE_MARKS:
        p -= 1  # 'the crowd had been "well in excess of 45,000"'
    linked = False
    while p >= 0 and (
        (tokens[p].lower in lx.LINKING_VERBS and not _determined(tokens, p))
        or tokens[p].lower in lx.AUXILIARIES
        or tokens[p].lower in lx.ADVERB_FILLERS
        or tokens[p].lower in {"to", "at"}
        or (tokens[p].lower in {"up", "down"} and p >= 1 and tokens[p - 1].lower in lx.GO_FORMS)
        or (tokens[p].lower in _RAISING and tokens[p + 1].lower == "to")
        or _should_read(tokens, p)
    ):
        linked = linked or tokens[p].lower in lx.LINKING_VERBS - lx.AUXILIARIES
        linked = linked or _should_read(tokens, p)
        linked = linked or tokens[p].lower in {"was", "is", "were", "are", "been", "be"}
        p -= 1
    if not linked or (p >= 0 and tokens[p].text in _LABEL_MARKS):
        return _labelled_by(tokens, i)  # "Population • Total 12,345": no verb, a label
    return _past_place(tokens, p) if p >= 0 else None


def _should_read(tokens: list[Token], p: int) -> bool:
    """Whether the word at ``p`` is the "read" of a correction ("Revenue should have read
    £38.2 million", "should read 14"): a link to the right value."""
    return tokens[p].lower == "read" and p >= 1 and tokens[p - 1].lower in {"have", "should"}


def _determined(tokens: list[Token], p: int) -> bool:
    """Whether the word at ``p`` follows a determiner, a noun then, whatever verb it may also
    be ("Our estimate is now £31,400", "the total was 412")."""
    return p >= 1 and tokens[p - 1].lower in lx.DETERMINERS


# Words between a linking verb and "to be": "the final bill is expected to be £57,900".
_RAISING = frozenset(
    "expected likely set estimated thought forecast projected predicted believed".split()
)


# Words that may stand before a noun that restates a figure ("the real figure").
_RESTATING_ADJECTIVES = frozenset(
    "real true actual final official revised correct likely new latest right".split()
)


def linked_to_figure(tokens: list[Token], q: Quantity) -> bool:
    """Whether ``q`` is tied by a linking verb to a bare "the (real) figure", "the true number":
    another value of the figure the text gave before, not a measure of its own ("the death
    toll was 40" names its own)."""
    i = q.i
    while i >= 1 and (_ly(tokens[i - 1]) or (tokens[i - 1].lower,) in lx.QUALIFIERS):
        i -= 1  # "will be barely £300,000"
    p = _linked_before(tokens, i)
    if p is None or tokens[p].lower not in lx.RESTATING_NOUNS:
        return False
    if any(t.lower in lx.CHANGE_VERBS for t in tokens[p + 1 : i]):
        return False  # "that number falls to seven": a new level, not another's figure
    k = p - 1
    while k >= 0 and tokens[k].lower in _RESTATING_ADJECTIVES:
        k -= 1
    return k >= 0 and tokens[k].lower in lx.DETERMINERS


# Prepositions of a phrase between a linked subject and its verb that says where or when,
# not what: "average attendance at the stadium was 31,400", "turnout in the capital was 52%".
_PLACING_PREPOSITIONS = frozenset({"at", "in", "on", "across", "during", "among"})
_PLACE_WORDS = 4  # the most words of such a phrase
_PERIOD_NOUNS = lx.RELATIVE_PERIODS | {"period", "half", "season", "term", "months", "weeks"}


def _past_place(tokens: list[Token], p: int) -> int:
    """The subject's noun before a phrase of place or time that ends at ``p``, else ``p``."""
    p = _before_day(tokens, p)  # "Revenue for the year ended 31 March was …"
    reach = _PLACE_WORDS + (2 if tokens[p].lower in _PERIOD_NOUNS else 0)  # "October to …"
    for m in range(p - 1, max(-1, p - 1 - reach), -1):
        t = tokens[m]
        if t.kind != "word" or t.lower in lx.LINKING_VERBS or is_verbish(t):
            return p
        # "Revenue for the quarter was £38.6 million": the period it is for
        period = t.lower in {"for", "over"} and tokens[p].lower in _PERIOD_NOUNS
        if t.lower in _PLACING_PREPOSITIONS or period:
            before = tokens[m - 1] if m >= 1 else None
            if (
                before is not None
                and before.kind == "word"
                and before.lower not in lx.FUNCTION_WORDS
                and (m == 1 or not before.is_capitalized)  # a name, unless it opens
                and not lx.is_participle(before.text)
            ):
                return m - 1
            return p
    return p


_QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’"})


def _before_day(tokens: list[Token], p: int) -> int:
    """The period before a day that ends at ``p`` ("year" of "the year ended 31 March",
    "quarter" of "the third quarter of 2025"), else ``p``."""
    k = p
    while k >= 0 and (tokens[k].is_num or tokens[k].lower in lx.MONTHS):
        k -= 1
    if k < p and k >= 1 and tokens[k].lower in _ENDING | {"of"}:
        return k - 1  # the period: "year" of "the year ended 31 March", "quarter of 2025"
    return p


def _labelled_by(tokens: list[Token], i: int) -> int | None:
    """Where an attribute noun that labels the number at ``i`` without a verb stands: "With
    the population about 50,000", a fact box's "Population: 4,200", "Population (2011) •
    Total 12,345" or "Population 2011 50,000"; None when the word before is no such label."""
    p = i - 1
    year = False
    while p >= 0:
        t = tokens[p]
        if t.text in _LABEL_MARKS or t.lower in _PLAIN_MODIFIERS:
            p -= 1
        elif t.text == ")":
            opening = next(
                (k for k in range(p - 1, max(-1, p - 6), -1) if tokens[k].text == "("), None
            )
            if opening is None:
                return None
            p = opening - 1
        elif not year and year_value(t) is not None:
            year = True  # the year the figure is of
            p -= 1
        else:
            break
    if p >= 0 and tokens[p].kind == "word" and lx.attribute_class(tokens[p].text) is not None:
        return p
    return None


def _linked_subject(tokens: list[Token], i: int) -> str | None:
    """The noun a linking verb ties the number to: "the population was 5,601", "the median
    income stood at $40,000"; None without a linking verb."""
    p = _linked_before(tokens, i)
    if p is None:
        return None
    p = _of_head(tokens, p)  # "the population of the two wards was 1,234": the population
    noun = tokens[p]
    opens = not any(t.kind == "word" for t in tokens[:p])  # "Unemployment stood at 5.2%"
    if (
        noun.kind != "word"
        or noun.lower in lx.FUNCTION_WORDS
        or (noun.is_capitalized and not opens and lx.attribute_class(noun.text) is None)
    ):
        return None
    name = lx.attribute_class(noun.text) or noun.lower
    mod = tokens[p - 1] if p >= 1 else None
    if (
        mod is not None
        and mod.kind == "word"
        and not mod.is_capitalized
        and mod.lower not in (lx.FUNCTION_WORDS)
        and mod.lower not in _PLAIN_MODIFIERS
    ):
        return f"{mod.lower} {name}"
    return name


# Modifiers that do not make another measure of an attribute: "the total population".
# So do words that tell versions of one figure apart, whose disagreement is the point:
# "the first offer", "the official turnout", "the revised forecast".
_PLAIN_MODIFIERS = frozenset(
    """total overall entire whole current combined first initial original new latest revised
    final earlier previous preliminary provisional official updated""".split()
)


def _of_head(tokens: list[Token], p: int) -> int:
    """The attribute noun an "of" phrase ending at ``p`` belongs to ("the population of the
    rural part of the gmina"), else ``p``."""
    for m in range(p - 1, max(-1, p - 10), -1):
        t = tokens[m]
        if t.kind != "word" or t.lower in lx.LINKING_VERBS or is_verbish(t):
            break
        if (
            t.lower == "of"
            and m >= 1
            and lx.attribute_class(tokens[m - 1].text) is not None
            and lx.attribute_class(tokens[p].text) is None
        ):
            return m - 1
    return p


# Verbs that give their object a value: "put turnout at 61.4%", "revised its forecast down to
# 3%", "raised the offer to $41".
_VALUING_VERBS = frozenset(
    """put puts putting place placed places peg pegged pegs set sets fix fixed fixes
    estimate estimated estimates revise revised revises raise raised raises lower lowered
    lowers cut cuts trim trimmed trims lift lifted lifts reduce reduced reduces boost boosted
    boosts keep keeps kept hold holds held leave leaves left maintain maintained
    maintains increase increased increases double doubled doubles triple tripled triples
    halve halved halves confirm confirmed confirms restate restated restates placing pegging
    setting fixing estimating restating revising raising lowering cutting trimming lifting
    reducing boosting keeping holding leaving maintaining increasing doubling tripling
    halving confirming""".split()
)


def _valued_measure(tokens: list[Token], q: Quantity) -> Measure | None:
    """The measure a verb gives ``q`` to as its object's value: "The commission put turnout at
    61.4%", "revised turnout down to 60.9%", "raised its offer to $41". The object names the
    measure unless it says no more than "figure" or "rate", or names an event or people, which
    the clause's other cues read better ("put the death toll at 600")."""
    p = q.i - 1
    if p < 2 or tokens[p].lower not in {"at", "to"}:
        return None
    p = _before_period(tokens, p - 1)  # "raising its guidance for the year ending 31 March to"
    if tokens[p].lower in {"down", "up"}:
        p -= 1
    passive = tokens[p].lower in _VALUING_VERBS  # "the jackpot was cut to …": the subject's
    verb = p if passive else _valuing_verb(tokens, p)
    if verb is None:
        return None
    words = _passive_subject(tokens, p) if passive else _valued_object(tokens, verb, p)
    if not words:
        return None
    head = words[-1]
    mod = words[-2] if len(words) >= 2 else None
    events = {e for t in words for e in lx.event_class(t.text) or ()}
    harmed = bool(events) and events <= lx.HARM_EVENTS
    if tokens[verb].lower not in _PUTTING and (harmed or (events and q.dimension == "money")):
        # "raised the death toll to 50", "raised its aid package to €150 million": the
        # object's value, not a sum raised
        return _measure_named(tokens, q, words, events, None, None, [t.lemma for t in words])
    if harmed and (counted := _counted(tokens, q)[0]) and _counted_head(counted[-1]):
        # "put the death toll at roughly 16,000 colonies": deaths of colonies
        entity = _entity(counted)
        cues = [t.lemma for t in words]
        return _measure_named(tokens, q, counted, events, None, entity, cues)
    if (
        head.is_capitalized
        or head.lower in lx.FIGURE_NOUNS
        or lx.event_class(head.text) is not None
        or lx.entity_class(head.text) in lx.PERSON_CLASSES | lx.ENTITY_CLASSES.keys()
        or any(lx.event_class(t.text) is not None for t in words)
    ):
        return None
    name = lx.attribute_class(head.text) or head.lower
    if head.lower in _AMOUNT_NOUNS:
        named = mod is not None and mod.is_capitalized and mod is not tokens[0]
        if mod is None or named or mod.lower in _PLAIN_MODIFIERS:
            return None  # not "the Ofsted rate": "Gross margin is restated to …" opens
        name = f"{mod.lower} {name}"  # "the unemployment rate"
    words_key = _lemmas(name)
    return Measure(("attr", name, q.dimension), name, words=words_key)


def _counted_head(head: Token) -> bool:
    """Whether the noun after a number may be what it counts: not an event ("600 deaths"),
    nor a verb's particle ("€120 million set aside")."""
    return lx.event_class(head.text) is None and head.lower not in _PARTICLE_WORDS


_PERIOD_REACH = 10  # the most tokens of "for the full year ending 31 March 2026"


def _before_period(tokens: list[Token], p: int) -> int:
    """The word before a phrase of a period ending at ``p`` ("for the full year ending 31
    March 2026", "in the six months ended June"), else ``p``."""
    for k in range(p, max(0, p - _PERIOD_REACH), -1):
        if tokens[k].lower in _ENDING and tokens[k - 1].lower in _PERIOD_NOUNS:
            opens = [m for m in range(k - 1, max(-1, k - 5), -1) if tokens[m].lower in _FOR_PERIOD]
            return opens[0] - 1 if opens and opens[0] >= 1 else p
    return p


_FOR_PERIOD = frozenset({"for", "in", "over"})


def _valuing_verb(tokens: list[Token], p: int) -> int | None:
    """Where the verb that gives a value to the object ending at ``p`` is ("put turnout")."""
    for v in range(p - 1, max(-1, p - 9), -1):
        t = tokens[v]
        if t.text == "-" and t.glued:
            continue  # "lifting full-year revenue guidance to …"
        if t.kind != "word" or t.lower in _CLAUSE_BREAKS:
            return None
        if t.lower in _VALUING_VERBS:
            return v
    return None


def _valued_object(tokens: list[Token], verb: int, p: int) -> list[Token]:
    """The words of the object a valuing verb at ``verb`` gives a value to, up to ``p``."""
    k = verb + 1
    while k <= p and tokens[k].lower in lx.DETERMINERS:
        k += 1
    phrase, end = noun_phrase(tokens, k)
    if end + 1 < p and tokens[end].lower in {"and", "or"}:
        phrase = noun_phrase(tokens, end + 1)[0]  # "the community safety and policing budget"
    elif phrase and end <= p and tokens[end].lower.endswith("ing") and _ends_object(tokens, end, p):
        phrase = [*phrase, tokens[end]]  # "estimate the annual saving at £560,000": a noun
    words = []
    for t in phrase:
        if t.start > tokens[p].start or _adverbial(t):
            break  # "left turnout almost unchanged at 60.8%": the noun ends before "almost"
        words.append(t)
    return words


def _ends_object(tokens: list[Token], k: int, p: int) -> bool:
    """Whether the word at ``k`` ends a valued object: right before the value's "at" (at
    ``p``), or before a phrase that runs to it ("the annual saving from the new rounds at")."""
    return k == p or tokens[k + 1].lower in lx.PREPOSITIONS


def _passive_subject(tokens: list[Token], verb: int) -> list[Token]:
    """The subject a passive valuing verb at ``verb`` gives a value to: "the record jackpot"
    of "the record jackpot … has been revised down to", past what it is placed in or of;
    none without an auxiliary ("the firm cut to 500 staff")."""
    s, passive = verb - 1, False
    while s >= 0 and (tokens[s].lower in lx.AUXILIARIES or tokens[s].lower in lx.ADVERB_FILLERS):
        passive = passive or tokens[s].lower in lx.AUXILIARIES
        s -= 1
    if not passive or s < 0:
        return []
    s = _owner_of_phrase(tokens, s)
    words: list[Token] = []
    while s >= 0 and len(words) < _SUBJECT_WORDS:
        t = tokens[s]
        if t.kind != "word" or t.lower in lx.FUNCTION_WORDS or lx.is_participle(t.text):
            break
        words.insert(0, t)
        s -= 1
    return words


_SUBJECT_WORDS = 4  # the most words of a passive subject read


def _owner_of_phrase(tokens: list[Token], s: int) -> int:
    """The noun before the phrases of place, time or owner that end at ``s`` ("the jackpot"
    of "the jackpot won by a syndicate of bus workers"), else ``s``."""
    m, steps = s - 1, 0
    while m >= 1 and steps < _SUBJECT_WORDS:
        t = tokens[m]
        if t.kind != "word":
            break
        if t.lower in _OWNING_PREPOSITIONS:
            before = tokens[m - 1]
            if before.kind != "word" or before.lower in lx.FUNCTION_WORDS:
                break
            back = 2 if lx.is_participle(before.text) else 1  # "won by": the noun before
            if m - back < 0 or tokens[m - back].kind != "word":
                break
            s, m, steps = m - back, m - back - 1, 0
            continue
        m, steps = m - 1, steps + 1
    return s


_OWNING_PREPOSITIONS = frozenset({"of", "by", "in", "at", "for", "on"})


# Verbs that only state a value ("put the death toll at 600"): the clause's other words read
# it as well.
_PUTTING = frozenset("put puts putting place placed places".split())


def _adverbial(t: Token) -> bool:
    """A word that qualifies rather than names: "almost", "roughly", "unchanged"."""
    w = t.lower
    return w in lx.ADVERB_FILLERS or _ly(t) or (w,) in lx.QUALIFIERS or lx.is_participle(w)


def _counted(tokens: list[Token], q: Quantity) -> tuple[list[Token], int]:
    """The words ``q`` counts and where they end: "4,700 soldiers", also a part of a group
    the text names ("About 12,000 of the valley's residents"); none for a figure noun ("4,000
    figures": what they count is said elsewhere)."""
    n = len(tokens)
    np_words, np_end = noun_phrase(tokens, q.j)
    if not np_words and q.j + 1 < n and tokens[q.j].lower == "of" and not _of_us(tokens, q.j):
        k = _past_owner(tokens, q.j + 1)
        if k < n and tokens[k].kind == "word" and tokens[k].lower not in lx.PRONOUNS:
            np_words, np_end = noun_phrase(tokens, k)
    elif not np_words and q.j + 2 < n and _of_possessive(tokens, q.j):
        # "nearly 1,900 of our street lights": things of a known kind, as "of the"; people
        # ("of our members") are read by their verb alone
        words, end = noun_phrase(tokens, q.j + 2)
        if words and _thing_class(words[-1]):
            np_words, np_end = words, end
    if np_words and np_words[-1].lower in lx.FIGURE_NOUNS:
        return [], np_end
    if np_words and np_words[0].lower in lx.COMPARING_VERBS:
        return [], q.j  # "£7.9m compares with our estimate": a verb, nothing counted
    if _time_phrase(np_words):
        return [], q.j  # "was 31,400 last season": a time, not what is counted
    return np_words, np_end


# Periods a relative word makes a time of ("last season", "this term"), besides the calendar's.
_TIME_NOUNS = lx.RELATIVE_PERIODS | {"season", "term", "night", "time", "seasons", "years"}


def _time_phrase(words: list[Token]) -> bool:
    """Whether a noun group is a time relative to the report: "last season", "this year"."""
    return (
        len(words) == 2
        and words[0].lower in {"last", "this", "next"}
        and words[1].lower in _TIME_NOUNS
    )


def _verb_of(
    tokens: list[Token], q: Quantity, np_words: list[Token], np_end: int
) -> tuple[set[str], list[str]]:
    """The events and verb words of the clause ``q`` is the subject of."""
    n = len(tokens)
    if q.unit is not None and q.j < n and lx.is_participle(tokens[q.j].text):
        return _verb_group(tokens, q.j)  # "only 2,500 barrels leaked": no noun, a verb
    if np_words and q.i >= 1 and tokens[q.i - 1].lower == "from":
        # "from 23 services were deployed": the verb is of the count before; "from 1,500
        # polling stations chosen at random" is theirs
        k = _skip_parenthetical(tokens, np_end)
        return _verb_group(tokens, k) if k < n and is_verbish(tokens[k]) else (set(), [])
    if np_words and q.j < n and tokens[q.j].lower == "of" and _reduced_relative(tokens, np_end):
        # "Forty of the homes damaged in the storm have been repaired": the part is of what
        # the sentence's own verb says, the participle says what the whole was
        main = _main_verb(tokens, _skip_parenthetical(tokens, np_end))
        if main is not None:
            return _verb_group(tokens, main)
    if np_words and (agent := _agent_of(tokens, q.i)) is not None:
        return _verb_group(tokens, agent)  # "a petition signed by 2,000 people": they signed
    if np_words:
        return _verb_after(tokens, np_end)
    after = _skip_parenthetical(tokens, q.j)
    if after < n and tokens[after].lower in lx.AUXILIARIES:
        # "the union said 75 were hurt", "just 1.8 million - 40 per cent - has been paid"
        return _verb_after(tokens, after)
    if q.j < n and _bare_past(tokens, q.j):
        return _verb_group(tokens, q.j)  # "4,141,236 cast a ballot"
    if q.j < n and tokens[q.j].text in {"(", "—"}:
        return _verb_after(tokens, q.j)  # "731 (39%) required hospitalisation"
    if q.j + 2 < n and tokens[q.j].lower == "of" and _of_us(tokens, q.j):
        return _verb_after(tokens, q.j + 2)  # "about 200 of them will be demolished"
    if q.j + 1 < n and tokens[q.j].lower == "who":
        return _relative_or_main(tokens, q.j + 1)  # "including the six who died"
    return set(), []


# Events a count of people can do to a thing named before them ("a rally attended by 5,000
# people"); a harm ("killed by two gunmen") or a change ("rose by 200") is no such act.
_AGENT_EVENTS = frozenset({"attendance", "vote", "registration", "protest"})


def _agent_of(tokens: list[Token], i: int) -> int | None:
    """Where the participle stands whose agent the count at ``i`` is: "signed by more than
    2,000 people", "a rally attended by 5,000 people"; None otherwise."""
    k = i - 2
    if k < 1 or tokens[i - 1].lower != "by" or not lx.is_participle(tokens[k].text):
        return None
    if tokens[k].lower in lx.CHANGE_VERBS or _direction(tokens[k].text) is not None:
        return None
    cls = lx.event_class(tokens[k].text)
    return k if cls is None or cls <= _AGENT_EVENTS else None


def _reduced_relative(tokens: list[Token], k: int) -> bool:
    """Whether a participle right after a noun at ``k`` opens a clause on it ("the homes
    damaged in the storm")."""
    k = _skip_parenthetical(tokens, k)
    return k < len(tokens) and is_verbish(tokens[k]) and lx.is_participle(tokens[k].text)


def _passive_pair(verb_words: list[str], head: Token) -> str | None:
    """The event a verb names with the counted noun as its object, the noun before it:
    "lives were lost" as "lost their lives". Only for nouns that count people: "300 homes
    were lost" counts homes, not the people who lost theirs."""
    if head.lemma not in _PEOPLE_OBJECTS:
        return None
    return next((e for v in verb_words if (e := lx.verb_object_class(v, head.text))), None)


def _modal_pair(tokens: list[Token], k: int, head: Token) -> str | None:
    """The event a bare verb after a modal names with the counted noun before it, as the
    verb's object: "11 playing posts would go", "up to 200 jobs could go"."""
    if head.lemma not in _PEOPLE_OBJECTS or k >= len(tokens) or tokens[k].lower not in _MODALS:
        return None
    k += 1
    while k < len(tokens) and (tokens[k].lower in lx.ADVERB_FILLERS or tokens[k].lower == "now"):
        k += 1
    return lx.verb_object_class(tokens[k].text, head.text) if k < len(tokens) else None


_MODALS = frozenset("will would shall should may might can could must".split())


# Objects of the verb-object pairs that count the people they belong to: "600 lives".
_PEOPLE_OBJECTS = frozenset(
    lx.lemma(w) for w in ("life", "lives", "job", "post", "role", "position")
)


def _pair_before(tokens: list[Token], p: int, head: Token | None) -> str | None:
    """The event that the verb before a number names with the counted noun ("will cut 850
    jobs") or with its particle ("laid off 300 workers")."""
    pair = lx.verb_object_class(tokens[p].text, head.text) if p >= 0 and head else None
    if (
        pair is None
        and p >= 1
        and (tokens[p - 1].lemma, tokens[p].lemma) not in lx.INTRANSITIVE_PAIRS
    ):
        pair = lx.verb_object_class(tokens[p - 1].text, tokens[p].text)
    return pair


def _object_pair(tokens: list[Token], k: int) -> str | None:
    """The event the verb at ``k`` names with a word of the three after it, or with its object
    past an "out of" ("forced out of their homes"; "broke out of the park" by its particle)."""
    after = [x.lemma for x in tokens[k + 1 : k + 4]]
    if (pair := lx.pair_in(tokens[k].text, after)) is not None:
        return pair
    if (reached := _made_it_to(tokens, k)) is not None:
        return reached
    if [t.lower for t in tokens[k + 1 : k + 3]] == ["out", "of"]:
        return lx.pair_in(tokens[k].text, [x.lemma for x in tokens[k + 3 : k + 6]])
    return None


_MAKE = lx.lemma("make")


def _made_it_to(tokens: list[Token], k: int) -> str | None:
    """The event a verb "made it to" reaches, by the noun after it: "17,300 runners had made
    it to the finish" finished, "Fourteen made it to the first practice" attended a
    gathering; None for a place ("made it to the shore")."""
    if tokens[k].lemma != _MAKE or [t.lower for t in tokens[k + 1 : k + 3]] != ["it", "to"]:
        return None
    noun = next(
        (
            t
            for t in tokens[k + 3 : k + 7]
            if t.kind == "word" and t.lower not in lx.DETERMINERS and t.lower not in _ORDINALS
        ),
        None,
    )
    if noun is not None and noun.lemma in _GATHERINGS:
        return _ATTENDANCE
    cls = lx.event_class(noun.text) if noun is not None else None
    return next(iter(cls)) if cls is not None and len(cls) == 1 else None


# What people come to, so that those who "made it to" one attended it.
_GATHERINGS = frozenset(
    lx.lemma(w)
    for w in """practice meeting session rehearsal class lesson service concert match game
    workshop briefing consultation""".split()
)
_ORDINALS = frozenset("first second third fourth fifth last final opening next".split())
_ATTENDANCE = "attendance"


def _pair_around(tokens: list[Token], p: int, head: Token | None) -> str | None:
    """The event the verb before a number names with the word right after the counted noun
    ("left 8,000 homes without power", "cut 3,200 homes off"): it outweighs the verb and the
    noun alone ("left their homes")."""
    if p < 0 or head is None or tokens[p].kind != "word":
        return None
    k = next((n for n, t in enumerate(tokens) if t is head), None)
    if k is None or k + 1 >= len(tokens) or tokens[k + 1].kind != "word":
        return None
    return lx.pair_in(tokens[p].text, [t.lemma for t in tokens[k + 1 : k + 4]])


# A figure by which something went up or down: "council tax will rise by 4.99%", "prices
# increased 12%", "a 5% rise in fares", "an increase of £20m", "cut spending by 10%". It is a
# change of its subject, not a level of it, and rises and falls are told apart.
# Words between a subject and its change verb: "is expected to", "will probably".
_CHANGE_FILLERS = lx.AUXILIARIES | lx.ADVERB_FILLERS | {"to", "expected", "set", "due", "likely"}


def _direction(word: str) -> str | None:
    w = word.lower()
    return "rise" if w in lx.RISE_WORDS else "fall" if w in lx.FALL_WORDS else None


def _change_measure(tokens: list[Token], q: Quantity) -> Measure | None:
    """The change a figure is ("council tax rise"), named by its subject and direction; None
    when the figure is no change of a named subject."""
    if q.dimension == "percent" and not tokens[q.core[0]].is_num and q.is_share:
        return None  # "fall by at least half": a share of the figure, read as before
    if (level := _level_changed(tokens, q)) is not None:
        if q.dimension == "count" and any(lx.event_class(w) for w in level.split()):
            return None  # "the death toll rose from 300 to 600": deaths, read as the toll is
        words = _lemmas(level)
        return Measure(("attr", level, q.dimension), level, words=words)
    found = _change_before(tokens, q) or _change_after(tokens, q)
    if found is None:
        return None
    subject, direction = found
    words = (*(lx.lemma(w) for w in subject.split()), direction)
    # Keyed by lemmas: "a fare rise" and "fares rose" are one change.
    return Measure(("attr", " ".join(words), q.dimension), f"{subject} {direction}", words=words)


def _level_changed(tokens: list[Token], q: Quantity) -> str | None:
    """The subject of "turnout rose from 58% to 61%", for either figure: both are its
    levels, at two times."""
    p = q.i - 1
    if p >= 1 and tokens[p].lower == "to":
        # back over the first figure ("58%", "£1.2 billion") to its "from"
        # (or over its noun and time: "from 245 shoots per square metre in 2025 to 318")
        p = next(
            (
                m
                for m in range(p - 2, max(-1, p - _FROM_REACH), -1)
                if tokens[m].lower == "from"
                and not any(t.text in _PRICE_BREAKS for t in tokens[m : q.i])
            ),
            -1,
        )
        if p < 0 or not any(t.is_num for t in tokens[p : q.i]):
            return None
    if p < 1 or tokens[p].lower != "from":
        return None
    p -= 1
    if tokens[p].lower in {"up", "down"}:
        p -= 1
        if p >= 1 and tokens[p].lower in lx.GO_FORMS:
            return _change_subject(tokens, p, verb=True)  # "the fee will go up from £1.20"
    if p >= 1 and _direction(tokens[p].text) is None and (obj := _object_level(tokens, p)):
        return obj  # "reduced its annual grant from £3.2m to £2.1m": the grant's levels
    if p >= 1 and _direction(tokens[p].text) is None:
        p = change_verb_before(tokens, p) or -1  # "was increased in December from"
    if p < 1 or _direction(tokens[p].text) is None:
        return None
    return _change_subject(tokens, p, verb=True)


# How far back a "to" figure's "from" may be: "from 245 shoots per square metre in 2025 to".
_FROM_REACH = 10


def _object_level(tokens: list[Token], p: int) -> str | None:
    """The object a verb of change ends at ``p`` ("cut the budget", "reduced its annual
    grant"), named as the subject of "the budget fell" is; None without such a verb."""
    for v in range(p - 1, max(0, p - _CHANGED_OBJECT_WORDS) - 1, -1):
        t = tokens[v]
        if t.kind != "word" or t.lower in _CLAUSE_BREAKS:
            return None
        if _direction(t.text) is not None or t.lower in _VALUING_VERBS:
            return _noun_name(tokens[max(v + 1, p - 1) : p + 1], tokens)
    return None


# The most words of an object between a verb of change and its "from": "cut the council's
# annual grant from".
_CHANGED_OBJECT_WORDS = 6


def _change_before(tokens: list[Token], q: Quantity) -> tuple[str, str] | None:
    """ "prices rose (by) 12%", "went up by 4.99 per cent", "cut spending by 10%", "a council
    tax rise of 4.99 per cent"."""
    p = q.i - 1
    by = p >= 0 and tokens[p].lower == "by"
    if by:
        p -= 1
    while p >= 1 and _ly(tokens[p]):
        p -= 1  # "rose sharply by 5%"
    if p < 1:
        return None
    word = tokens[p].lower
    if word in {"up", "down"} and tokens[p - 1].lower in lx.GO_FORMS:
        direction: str | None = "rise" if word == "up" else "fall"
        p -= 1
    elif word in {"up", "down"} and tokens[p - 1].lower in lx.AUXILIARIES:
        direction = "rise" if word == "up" else "fall"  # "bookings are down 18 per cent"
    elif word in {"up", "down"} and tokens[p - 1].text == "," and q.dimension == "percent":
        # "counted 18,400 burrows this spring, down 26 percent": the count before changed
        subject = _counted_before(tokens, p - 1)
        return (subject, "rise" if word == "up" else "fall") if subject else None
    else:
        direction = _direction(word)
    if direction is not None and (by or q.dimension == "percent"):
        if tokens[p - 1].lower in lx.DETERMINERS:
            return None  # "a rise 5% above forecast": a noun, no verb
        subject = _change_subject(tokens, p, verb=True)
        return (subject, direction) if subject else None
    if word == "of" and p >= 1 and tokens[p - 1].lower in lx.CHANGE_NOUNS:
        direction = _direction(tokens[p - 1].text)
        subject = (
            _change_subject(tokens, p - 1, verb=False)
            or _in_object(tokens, q.j)
            or _restated_change(tokens, p - 1, direction)
        )
        return (subject, direction) if subject and direction else None
    if word == "of" and (change := _change_in_before(tokens, p)) is not None:
        return change  # "a fall in short-stay visits of no more than 4 per cent"
    if by:  # "cut spending by 10%": the object is what changes
        for v in range(p, max(0, p - 6), -1):
            if tokens[v].lower in lx.CHANGING_VERBS:
                subject = _noun_name(tokens[v + 1 : p + 1], tokens)
                direction = _direction(tokens[v].text)
                return (subject, direction) if subject and direction else None
            if tokens[v].kind != "word":
                return None
    return None


def _restated_change(tokens: list[Token], k: int, direction: str | None) -> str | None:
    """The subject of the change a clause before told, when "an increase of 30 per cent"
    (its change noun at ``k``) follows it after a comma and restates it: "density rose from
    245 to 318, an increase of 30 per cent" → "density"."""
    if k < 2 or tokens[k - 1].lower not in lx.DETERMINERS or tokens[k - 2].text != ",":
        return None
    for v in range(k - 3, -1, -1):
        if tokens[v].text in _CLAUSE_BREAKS or tokens[v].text in {".", ";", ":"}:
            return None
        if tokens[v].kind == "word" and _direction(tokens[v].text) == direction:
            return _change_subject(tokens, v, verb=True)
    return None


# The most words of the "in" phrase between a change noun and its "of": "a fall in
# short-stay visits of 4 per cent".
_IN_PHRASE_WORDS = 5


def _change_in_before(tokens: list[Token], p: int) -> tuple[str, str] | None:
    """The change "a fall in visits" names when its "of" at ``p`` gives its size: what is in
    its "in" phrase, and its direction; None otherwise."""
    for m in range(p - 2, max(0, p - 2 - _IN_PHRASE_WORDS), -1):
        t = tokens[m]
        if t.kind != "word" and not (t.text in {"-", "‑"} and t.glued):
            return None
        if t.lower == "in" and tokens[m - 1].lower in lx.CHANGE_NOUNS:
            direction = _direction(tokens[m - 1].text)
            subject = _in_object(tokens, m) or _noun_name(tokens[m + 1 : p], tokens)
            return (subject, direction) if subject and direction else None
    return None


def _counted_before(tokens: list[Token], comma: int) -> str | None:
    """The noun of the count the clause before ``comma`` gives: "counted about 18,400
    occupied burrows on the isle this spring," → "burrows". None when the clause names an
    event ("sold 4,000 cars, down 12 percent": the sales fell, read as the count is) or the
    count's noun is not right after it ("numbered 1.2 million")."""
    if any(lx.event_class(t.text) for t in tokens[:comma] if t.kind == "word"):
        return None
    for m in range(comma - 1, -1, -1):
        t = tokens[m]
        if t.text in _PRICE_BREAKS:
            return None
        if t.is_num:
            words, _ = noun_phrase(tokens, m + 1)
            if not words or words[0].lower in lx.SCALES or words[0].lower in lx.SCALE_ABBREVIATIONS:
                return None
            return _noun_name(words, tokens)
    return None


def level_change(tokens: list[Token], q: Quantity, level: Measure | None) -> Measure | None:
    """A percentage set after a level by a comma and "up" / "down" is that level's change:
    "Revenue of £38.6 million, up 14% on the same quarter last year" (``level``: the measure
    of the figure before); None otherwise."""
    if level is None or level.key[0] != "attr" or q.dimension != "percent" or q.i < 2:
        return None
    word, comma = tokens[q.i - 1].lower, tokens[q.i - 2].text
    if word not in {"up", "down"} or comma != "," or level.key[1].endswith(("rise", "fall")):
        return None
    words = (*level.words, "rise" if word == "up" else "fall")
    name = f"{level.name} {words[-1]}"
    return Measure(("attr", " ".join(words), q.dimension), name, words=words)


# "19 per cent lower than a year before", "35% down on last year": a change said after it.
_COMPARED = {"lower": "fall", "down": "fall", "fewer": "fall", "higher": "rise", "up": "rise"}


def _change_after(tokens: list[Token], q: Quantity) -> tuple[str, str] | None:
    """ "a 5% rise in fares", "a 4.99% council tax increase", "numbers were 19% lower"."""
    k = q.j
    if q.dimension == "percent" and k < len(tokens) and tokens[k].lower in _COMPARED:
        subject = _change_subject(tokens, q.i, verb=True)
        return (subject, _COMPARED[tokens[k].lower]) if subject else None
    for m in range(q.j, min(len(tokens), q.j + 4)):
        if tokens[m].lower in lx.CHANGE_NOUNS:
            k = m
            break
        if tokens[m].kind != "word" or tokens[m].lower in lx.FUNCTION_WORDS:
            return None
    else:
        return None
    direction = _direction(tokens[k].text)
    subject = _noun_name(tokens[q.j : k], tokens) or _in_object(tokens, k + 1)
    return (subject, direction) if subject and direction else None


def _in_object(tokens: list[Token], k: int) -> str | None:
    """The noun of "in fares" at ``k``, for "a 5% rise in fares"."""
    if k + 1 >= len(tokens) or tokens[k].lower != "in":
        return None
    words, _ = noun_phrase(tokens, k + 1)
    return _noun_name(words, tokens)


def _change_subject(tokens: list[Token], k: int, verb: bool) -> str | None:
    """The noun before the change word at ``k``: "Council tax will rise", "prices have
    increased", "the council tax rise"."""
    p = k - 1
    if verb:
        while p >= 0 and (tokens[p].lower in _CHANGE_FILLERS or _ly(tokens[p])):
            p -= 1
        if p >= 0 and (lx.is_participle(tokens[p].text) or tokens[p].lower.endswith("ed")):
            return None  # "the share of patients whose days were halved slipped": unclear
    end = p + 1
    p = _group_start(tokens, p)
    if verb:
        p, end = _before_modifiers(tokens, p, end)
    words = tokens[max(p + 1, end - 2) : end]
    if len(words) == 2 and words[0].lower in _EXPECTING:
        words = words[1:]  # "they expect footfall … to fall": footfall falls
    return _noun_name(words, tokens)


# Verbs whose object does the change after them: "expect footfall to fall".
_EXPECTING = frozenset(
    "expect expects expected predict predicts forecast forecasts want wants".split()
)


def _group_start(tokens: list[Token], p: int) -> int:
    """Back from ``p`` over the words of a noun group; the index before its first word."""
    end = p + 1
    while p >= 0 and tokens[p].kind == "word" and tokens[p].lower not in lx.FUNCTION_WORDS:
        if lx.is_participle(tokens[p].text) and p < end - 1:
            break  # "said prices rose": the subject starts after the verb
        p -= 1
    return p


# Prepositions that put a phrase after a subject's noun: "bookings on the route",
# "passenger numbers in the first week after reopening".
_AFTER_NOUN = frozenset({"on", "in", "at", "for", "after", "during", "across", "from"})


def _before_modifiers(tokens: list[Token], p: int, end: int) -> tuple[int, int]:
    """The subject's own noun group when phrases follow it ("summer bookings on the route
    are down"): back over each preposition, its determiners and its noun group."""
    for _ in range(3):
        k = p  # the word before the group
        while k >= 0 and tokens[k].lower in lx.DETERMINERS:
            k -= 1
        if k < 1 or tokens[k].lower not in _AFTER_NOUN:
            break
        start = _group_start(tokens, k - 1)
        if start == k - 1:
            break  # no noun group before the preposition
        p, end = start, k
    return p, end


def _noun_name(words: Sequence[Token], tokens: Sequence[Token]) -> str | None:
    """A subject's name from its last two words: "council tax", "prices"; None for a
    pronoun, a name alone or a word of no use ("it", "Verrin", "figure")."""
    kept = [t for t in words if t.kind == "word" and t.lower not in lx.FUNCTION_WORDS]
    while len(kept) >= 2 and kept[0].lower.endswith("'s"):
        kept = kept[1:]  # "Verrin's shares": the owner names no measure
    if not kept:
        return None
    head = kept[-1]
    alone = len(kept) == 1  # "the figure rose" names nothing; "the death toll rose" does
    if (
        head.lower in lx.PRONOUNS
        or (head.lower in lx.FIGURE_NOUNS and alone)
        or (head.is_capitalized and head is not _first_word(tokens) and alone)
        or _direction(head.text) is not None
    ):
        return None
    name = [lx.attribute_class(head.text) or head.lower]
    mod = kept[-2] if len(kept) >= 2 else None
    if mod is not None and not _adverbial(mod) and mod.lower not in _PLAIN_MODIFIERS:
        name.insert(0, mod.lower)
    return " ".join(name)


def _ly(t: Token) -> bool:
    """An adverb in -ly: "sharply", "probably"."""
    return t.lower.endswith("ly") and len(t.lower) > 4


def _first_word(tokens: Sequence[Token]) -> Token | None:
    return next((t for t in tokens if t.kind == "word"), None)


def _capacity_measure(tokens: list[Token], q: Quantity) -> Measure | None:
    """How many a place holds, by a compound of what it holds: "the 2,100-seat venue", "a
    40-bed ward" (its word a cue too: "how many seats …")."""
    if q.j >= 2 and tokens[q.j - 2].glued and tokens[q.j - 1].lower in CAPACITY_COMPOUNDS:
        return Measure(CAPACITY.key, CAPACITY.name, words=(*CAPACITY.words, tokens[q.j - 1].lemma))
    return None


def _phrased_measure(tokens: list[Token], q: Quantity, base: Measure | None) -> Measure | None:
    """A measure its phrase alone says: a change, a value given ("put turnout at 61.4%"), a
    share ("40% of the farmland") or what a place holds ("a 2,100-seat venue")."""
    return (
        _change_measure(tokens, q)
        or _valued_measure(tokens, q)
        or _stance_share(tokens, q)
        or _share_measure(tokens, q, base)
        or _capacity_measure(tokens, q)
        or _undertaking_cost(tokens, q)
        or _pot_sum(tokens, q)
        or _came_in_at(tokens, q)
        or _linked_undertaking(tokens, q)
    )


def _linked_undertaking(tokens: list[Token], q: Quantity) -> Measure | None:
    """The cost of an undertaking a sum is linked to ("the estimate for the scheme now stands
    at £112,000", "the plan is £2m"), as "the scheme will cost £112,000" reads it."""
    if q.dimension != "money":
        return None
    attribute = _linked_subject(tokens, q.i)
    what = attribute.split()[-1] if attribute else None
    return _named_cost(tokens, q, what) if what in _UNDERTAKINGS else None


def _named_cost(tokens: list[Token], q: Quantity, what: str) -> Measure | None:
    """The cost ``q`` is of ``what`` ("fit-out cost"); an undertaking's as the project's,
    called by its own word ("scheme cost"), as ``cost_of`` names it."""
    cost = _measure_named(tokens, q, [], {"cost"}, None, None, [lx.lemma(what)])
    if cost is None:
        return None
    if what in _UNDERTAKINGS:
        return _subject_cost(cost, _UNDERTAKEN, what)
    return _subject_cost(cost, what)


# "The fit-out came in at £31,400", "the project came in under budget at £2.1m": its cost.
_COME_FORMS = frozenset({"come", "comes", "came", "coming"})
_CAME_IN_FILLERS = frozenset({"under", "over", "budget", "just", "finally", "eventually"})


def _came_in_at(tokens: list[Token], q: Quantity) -> Measure | None:
    """The cost a sum after "came in at" gives what came in: "The fit-out came in at
    £31,400" reads as "the fit-out cost £31,400"; of a level ("Revenue came in at £38.6m",
    "Gross margin came in at 81.4%") it is that level."""
    k = q.i - 1
    if q.dimension not in _NAMED_OF or k < 3 or tokens[k].lower != "at":
        return None
    k -= 1
    while k >= 2 and tokens[k].lower in _CAME_IN_FILLERS:
        k -= 1
    if tokens[k].lower not in {"in", "out"} or tokens[k - 1].lower not in _COME_FORMS:
        return None
    m = k - 2
    while m >= 0 and (tokens[m].lower in lx.AUXILIARIES | lx.ADVERB_FILLERS or _ly(tokens[m])):
        m -= 1
    if m >= 2 and tokens[m].glued and tokens[m - 1].text == "-" and tokens[m - 2].kind == "word":
        what = f"{tokens[m - 2].lower}-{tokens[m].lower}"  # "the fit-out came in at …"
    elif m < 0 or tokens[m].kind != "word" or tokens[m].lower in lx.FUNCTION_WORDS:
        return None
    else:
        head = _phrase_head(tokens, m)
        what = tokens[head].lower
        if q.dimension != "money" or lx.attribute_class(what) is not None:
            level = _modified_noun(tokens, head)
            return Measure(("attr", level, q.dimension), level, words=_lemmas(level))
    return _named_cost(tokens, q, what)


def _lemmas(phrase: str) -> tuple[str, ...]:
    """The lemmas of a name's words, its key ("a fare rise" and "fares rose" alike)."""
    return tuple(lx.lemma(w) for w in phrase.split())


# Undertakings a sum before them is the cost of: "a £38.5 million plan", "the $2bn upgrade".
_UNDERTAKINGS = frozenset(
    """plan plans scheme schemes project projects programme programmes program programs
    expansion extension upgrade upgrades redevelopment refurbishment renovation overhaul
    revamp rebuild restoration restorations refit makeover facelift conversion
    reconstruction regeneration modernisation modernization""".split()
)
_UNDERTAKEN = "project"  # what the cost of any of them is named


def _undertaking_cost(tokens: list[Token], q: Quantity) -> Measure | None:
    """The cost of the undertaking a sum names right after it ("a £38.5m plan", "a £1.8m
    compensation scheme"), as "the plan will cost £38.5m" reads it: the project's cost."""
    if q.dimension != "money" or not any(t.lower in _UNDERTAKINGS for t in tokens[q.j :]):
        return None  # the counted noun comes after the sum: no undertaking, nothing to read
    np_words = _counted(tokens, q)[0]
    named = next((t for t in np_words[:1] + np_words[-1:] if t.lower in _UNDERTAKINGS), None)
    if named is None:
        return None
    cues = [*(t.lemma for t in np_words), named.lemma]
    cost = _measure_named(tokens, q, np_words, {"cost"}, None, None, cues)
    return _subject_cost(cost, _UNDERTAKEN, named.lower) if cost is not None else None


# Pots of money a sum before them is the size of: "the £40,000 hardship fund opens next
# month" is the fund's sum, as "a hardship fund of £40,000" reads it, not a sum opened.
_POTS = frozenset("fund funds pot pots kitty".split())


def _pot_sum(tokens: list[Token], q: Quantity) -> Measure | None:
    """The size of the pot a sum names right after it ("the £40,000 hardship fund")."""
    if q.dimension != "money" or not any(t.lower in _POTS for t in tokens[q.j :]):
        return None
    np_words = _counted(tokens, q)[0]  # may run on into a verb: "hardship fund opens"
    at = next((n for n, t in enumerate(np_words) if t.lower in _POTS), None)
    if at is None:
        return None
    np_words = np_words[: at + 1]
    cues = [t.lemma for t in np_words]
    return _open_measure(tokens, q, np_words, np_words[-1].lemma, None, cues)


# Words that may follow "across" when it ends a size ("six metres across after …").
_AFTER_ACROSS = frozenset("and after at but when since before in on by".split())


def _across(tokens: list[Token], q: Quantity) -> bool:
    """Whether a length is followed by "across" that ends its phrase: "six metres across", not
    "six miles across the moor"."""
    k = q.j
    if q.dimension != "length" or k >= len(tokens) or tokens[k].lower != "across":
        return False
    return (
        k + 1 == len(tokens)
        or tokens[k + 1].kind == "punct"
        or tokens[k + 1].lower in _AFTER_ACROSS
    )


# The event of a sum a cost is, whatever else its clause names ("cost £40 million to build"),
# and the one a question asks "how much did it cost to …?" by.
_COST_EVENT = "cost"


def measure_of(tokens: list[Token], q: Quantity, base: Measure | None = None) -> Measure | None:
    """The measure of quantity ``q`` in its sentence ``tokens``; None when nothing says."""
    if (first := _phrased_measure(tokens, q, base)) is not None:
        return first
    np_words, np_end = _counted(tokens, q)
    head = np_words[-1] if np_words else None
    cue_words: list[str] = [t.lemma for t in np_words]
    events, verb_words = _verb_of(tokens, q, np_words, np_end)
    if head is not None and (
        passive := _passive_pair(verb_words, head) or _modal_pair(tokens, np_end, head)
    ):
        events = {passive}  # "600 lives were lost", "450 jobs will be cut", "posts would go"
    named_in = _in_noun(tokens, q, np_words)
    if not events and named_in is not None and (cls := lx.event_class(named_in.text)):
        events, verb_words = set(cls), [named_in.lemma]  # "caused $140 million in damage"
    p = _before(tokens, q.i)
    sold = _price_of(tokens, p) if not events and q.dimension == "money" else None
    priced = sold is not None
    if sold is not None:
        events, verb_words = sold  # "sells a launch for about £7.5m": the price of a sale
    opened = None if events else _opened(tokens, p, np_words, verb_words, q.dimension)
    if opened is None and not events and named_in is not None:
        opened = _count_noun(named_in)  # "the deal includes £8m in bonuses"
    if opened is None and not events and _of_relative(tokens, q.j):
        opened = _own_verb(tokens, q.j + 2)  # "187 were arrested, 41 of whom remain in custody"
    if opened is not None:
        verb_words = [opened]
    if not events:
        events, verb_words = _events_near(tokens, p, np_words, verb_words, q.dimension)
    if events == {"start"} and head is not None and lx.lemma("broke") in verb_words:
        events = {lx.broke_out(head.text)}  # "seven wolves broke out": they escaped
    attribute: str | None = None
    if not events:
        events, named, attribute = _named_before(tokens, q, p, head, opened)
        verb_words = [*verb_words, named] if named else verb_words
        if attribute == q.dimension:  # "at a speed of 16 km/s": a speed, of nothing named
            return Measure(("dim", q.dimension), q.dimension, words=(q.dimension,))
    counts_people = head is None or lx.entity_class(head.text) in lx.ENTITY_CLASSES
    if not events and not attribute and counts_people and opened is None:
        events, clause_words = _clause_events(tokens, q)
        verb_words = [*verb_words, *clause_words]
    cue_words += verb_words
    if q.dimension == "money" and _COST_EVENT in events:
        events = {_COST_EVENT}  # "cost £40 million to build": a cost, of what was built
    moved = q.dimension in _SIZE_DIMENSIONS and _size_verb(tokens, q) is not None
    if not events and not attribute and head is None and opened is None and not moved:
        if q.dimension in _SIZE_DIMENSIONS and (size := _linked_size(tokens, q)) is not None:
            return size  # "the furthest any of the wolves travelled was around 8 km"
        attribute = _linked_subject(tokens, q.i)  # "The population was 5,601", not "fell 9 m"
    named_size = q.dimension in _SIZE_DIMENSIONS and _size_subject(tokens, q) is not None
    if not events and not attribute and head is not None and lx.attribute_class(head.text):
        # "98 km long"; "the closed section is 19 miles long" is the section's length
        attribute = None if named_size else lx.attribute_class(head.text)
    if not events and not attribute and not named_size and _across(tokens, q):
        attribute = "width"  # "about six and a half metres across", as "wide"

    entity = None
    pinned = bool(events) or opened is not None
    if head is not None and _counted_head(head) and _names_amount(np_words):
        entity = _entity(np_words, pinned) or (head.lower if not head.is_capitalized else None)
    sized = q.dimension in _SIZE_DIMENSIONS  # "14 km to the east" counts no farms
    if entity is None and head is None and not priced and not sized:  # a price counts no one
        entity = _entity(_back_window(tokens, q.i), pinned, own=False)
    if entity in _GENERAL_PEOPLE:
        entity = "people"  # "4,000 residents were evacuated" and "4,000 people were evacuated"
    if opened is not None and not events and not attribute and q.dimension in _OPEN_DIMENSIONS:
        return _open_measure(tokens, q, np_words, opened, entity, cue_words)
    if q.unit in lx.MEASURE_UNITS:
        events = set(events) - {"registration"}  # "the gauge registered 7.2 metres": a reading
    if q.dimension == "speed":
        events = set()  # "struck the atmosphere at 19 km/s": how fast it went, no event's count
    events = _harm_to_things(events, entity)
    return _measure_named(tokens, q, np_words, events, attribute, entity, cue_words, opened)


def _harm_to_things(events: set[str], entity: str | None) -> set[str]:
    """Events as read, but an injury of a thing no body is ("140 farms were hurt by the
    storm", "homes harmed") is damage."""
    if events == {"injury"} and entity in lx.INANIMATE_CLASSES:
        return {"damage"}
    return events


def _clause_events(tokens: list[Token], q: Quantity) -> tuple[set[str], list[str]]:
    """The events the words of the clause before a bare number name, and those words:
    "casualties … have surpassed 4,000", "4,700 soldiers": the clause says what."""
    events: set[str] = set()
    words: list[str] = []
    naming: tuple[set[str], list[str]] = (set(), [])  # "the hire scooters": unless no other
    window = _after_that_frame(_back_window(tokens, q.i))
    for n, t in enumerate(window):
        if t.lower in lx.REPORTING_VERBS or t.lower in lx.FIGURE_NOUNS:
            continue
        if t.is_capitalized and t is not tokens[0]:
            continue  # a name ("Fair Vote Orsenia … their estimate of 49.3%") is no event
        if t.lower in lx.EVENT_PEOPLE and q.dimension == "money":
            continue  # "the striker will earn £185,000 a week": a person, not a strike
        if _time_point(window, n):
            continue  # "by the end of the trial, recycling had reached 53 per cent"
        if _noun_purpose(window, n):
            continue  # "the petition to save the library has 4,100 signatures"
        if (cls := lx.event_class(t.text)) is not None:
            into = naming if _compound_head(window, n) else (events, words)
            into[0].update(cls)
            into[1].append(t.lemma)
    return (events, words) if events else naming


# "by the end of", "at the start of": a point in time named by an end of something.
_TIME_POINTS = frozenset({"end", "start", "beginning", "close"})
_AT_TIME = frozenset({"by", "at", "until", "till", "before", "after", "towards", "since", "from"})


def time_point_before(tokens: Sequence[Token], k: int) -> bool:
    """Whether the words just before ``k`` make a date there a point in time of its own ("by
    the end of this year", "at the start of March"): no end or start happened then."""
    lower = [t.lower for t in tokens[max(0, k - 4) : k]]
    return (
        len(lower) == 4
        and lower[0] in _AT_TIME
        and lower[1] == "the"
        and lower[2] in _TIME_POINTS
        and lower[3] == "of"
    )


def _asks_when(words: list[Token]) -> bool:
    """Whether a question's words open by asking a date ("When …?", "What date …?"): then
    "by the end of" may be what it asks the date of."""
    lower = [t.lower for t in words[:3]]
    return "when" in lower or "date" in lower or "day" in lower


_ENDING = frozenset({"ending", "ended"})


def _time_point(words: list[Token], n: int) -> bool:
    """Whether the word at ``n`` names a point in time ("by the end of the trial"), no event."""
    if in_the_end(words, n):
        return True  # "But in the end we logged 214 dives": finally, no end
    if words[n].lower in _ENDING and n >= 1 and words[n - 1].lower in _PERIOD_NOUNS:
        return True  # "for the full year ending 31 March": a period, no end
    return time_point_before(words, n + 2)  # "by the end of the trial"


def _noun_purpose(words: list[Token], n: int) -> bool:
    """Whether the word at ``n`` is the verb of a noun's purpose ("the petition to save the
    library") before the clause's own verb ("has 4,100 signatures"): what the thing is for,
    not what befell the count."""
    if n < 2 or words[n - 1].lower != "to":
        return False
    noun = words[n - 2]
    if noun.kind != "word" or noun.lower in lx.FUNCTION_WORDS or is_verbish(noun):
        return False
    return any(t.lower in lx.AUXILIARIES for t in words[n + 1 :])


# Verbs of saying in the present or past, that open a clause without "that" when a
# determiner follows ("says the rise", "said the fund").
_SAYS = frozenset({"says", "said", "claims", "claimed", "reckons", "insists", "insisted"})
# Verbs of finding out, that open a clause with "that" as reporting verbs do.
_FINDING = frozenset({"found", "find", "finds", "discovered", "learned", "learnt", "shown"})


def _after_that_frame(window: list[Token]) -> list[Token]:
    """The words after "that" when a verb of saying or finding out stands before it: "Spot
    checks found that the number deployed peaked at 550" counts what was deployed, not what
    was spotted."""
    for m in range(len(window) - 1, 0, -1):
        before = window[m - 1].lower
        if window[m].lower == "that" and (before in lx.REPORTING_VERBS or before in _FINDING):
            return window[m + 1 :]
        if before in _SAYS and window[m].lower in lx.DETERMINERS:
            return window[m:]  # "The council's press release says the rise will bring in"
    return window


# Acts whose price follows "for" after their object: "sells a Corvid-1 launch for about
# £7.5m", "sold the land to developers for £4m", "bought the striker for £30m".
_EXCHANGES = frozenset({"sale", "purchase"})
_PRICE_WINDOW = 8
_PRICE_BREAKS = frozenset({",", ";", ":", ".", "(", ")", "—", "–"})


def _price_of(tokens: list[Token], p: int) -> tuple[set[str], list[str]] | None:
    """The sale or purchase a sum after "for" (``tokens[p]``) is the price of: the verb of
    exchange before its object, in the same clause."""
    if p < 1 or tokens[p].lower != "for":
        return None
    for k in range(p - 1, max(-1, p - 1 - _PRICE_WINDOW), -1):
        t = tokens[k]
        if t.text in _PRICE_BREAKS:
            return None
        if t.kind == "word" and (cls := lx.event_class(t.text)) and cls & _EXCHANGES:
            return set(cls & _EXCHANGES), [t.lemma]
    return None


def _events_near(
    tokens: list[Token], p: int, np_words: list[Token], verb_words: list[str], dimension: str
) -> tuple[set[str], list[str]]:
    """The events the words around a number name when its own verb names none: a verb and
    the counted noun or its particle before it, an event word before it, the counted noun,
    or an adjective of it ("two missing fishermen")."""
    head = np_words[-1] if np_words else None
    pair = _pair_around(tokens, p, head)
    if pair in lx.MONEY_EVENTS and dimension != "money":
        pair = None  # "put 27 per cent less rubbish in their bins": placed, not given
    if pair is not None:
        # "left 8,000 homes without power": the verb and the word after its object
        return {pair}, [tokens[p].lemma]
    if (pair := _pair_before(tokens, p, head)) is not None:
        # "will cut 850 jobs"; "lost 450 jobs" as a layoff, not the loss "lost" alone names
        return {pair}, [tokens[p].lemma]
    if p >= 0 and tokens[p].kind == "word":
        before_cls = lx.event_class(tokens[p].text)
        if before_cls and tokens[p].lower not in lx.FIGURE_NOUNS:
            return set(before_cls), [tokens[p].lemma]
    if head is not None and (cls := lx.event_class(head.text)):
        return set(cls), verb_words
    events: set[str] = set()
    for t in np_words[:-1]:
        events |= lx.event_class(t.text) or set()
    return events, verb_words


def _opened(
    tokens: list[Token], p: int, np_words: list[Token], verb_words: list[str], dimension: str
) -> str | None:
    """The act no class knows that a count goes with, in the text's own word: its verb, the
    noun it counts for ("a recall of 212,000 vehicles", "a bid for $4.6 billion", "asking for
    9%") or the verb it is the object of ("dealers have repaired about 9,000 cars", "Castellan
    had offered $3.9 billion": an amount names nothing counted)."""
    opened = open_verb(verb_words)
    # "a capacity factor of 20 per cent" is a level the noun names (``_named_before``), as
    # "a recall of 212,000 vehicles" is not
    if not opened and p >= 1 and tokens[p].lower == "of" and dimension != "percent":
        opened = _count_noun(tokens[_owner_of(tokens, p)])
    if not opened and not np_words and p >= 1 and tokens[p].lower == "for":
        opened = _count_noun(tokens[p - 1])
    if not opened and dimension == "money" and _names_amount(np_words):
        opened = _count_noun(np_words[-1])  # "a £38 million gap", "a £30 refund"
    if not opened and (np_words or dimension == "money") and p >= 0:
        opened = _object_verb(tokens, p)
    return opened


# Prepositions of a phrase between a noun and the "of" of its amount: "a cost to the
# manufacturer of up to £9 million" is a cost.
_BETWEEN_OF = frozenset({"to", "for"})


# Kinds of figure that a noun no class knows names by "of" before it: "a gross margin of
# 81.4%", "adjusted EBITDA of £7.9 million" (a count's "of" may be a part's: "a team of 12").
_NAMED_OF = frozenset({"percent", "money"})


_ITEM_MARKS = frozenset({"-", "•", "*", "–"})


def _named_before(
    tokens: list[Token], q: Quantity, p: int, head: Token | None, opened: str | None
) -> tuple[set[str], str | None, str | None]:
    """What the word before ``q`` (at ``p``) names it by: the events of the noun of its "of"
    ("a toll of £3.50": a charge) with that noun's lemma, or the attribute it is a level of
    ("the population of", "gross margin of 81.4%", "valued at £1.2m"); nothing otherwise,
    nor when the noun is an act already read (``opened``: "a repair fund of £25,000")."""
    if p >= 1 and tokens[p].lower == "at" and _valued(tokens[p - 1]):
        return set(), None, lx.attribute_class(tokens[p - 1].text)  # "valued at", "priced at"
    if p < 1 or tokens[p].lower != "of":
        return set(), None, None
    owner = _owner_of(tokens, p)
    noun = tokens[owner]
    if (cls := lx.event_class(noun.text)) is not None:
        return set(cls), noun.lemma, None
    if (
        lx.attribute_class(noun.text) is not None
        # not "the population of the two parishes": those count parishes
        and (head is None or lx.entity_class(head.text) in lx.PERSON_CLASSES)
    ) or (
        head is None and opened is None and q.dimension in _NAMED_OF and _plain_noun(tokens, owner)
    ):
        return set(), None, _modified_noun(tokens, owner)  # "Gross margin of 81.4%"
    return set(), None, None


def _valued(t: Token) -> bool:
    """Whether a participle names the worth its "at" gives ("valued", "priced"; not "rated
    at 2 MW", a capacity)."""
    return t.lower.endswith("ed") and lx.attribute_class(t.text) in _WORTHS


_WORTHS = frozenset({"value", "price"})


def _plain_noun(tokens: list[Token], k: int) -> bool:
    """Whether the word at ``k`` is a common noun that can name a figure after it: not a
    function word, a word of time or change, nor a name in a sentence's middle (an acronym
    may be)."""
    t = tokens[k]
    if t.kind != "word" or t.lower in lx.FUNCTION_WORDS or t.lower in lx.RESTATING_NOUNS:
        return False
    if t.lower in _TIME_NOUNS or lx.is_participle(t.text) or t.lower in lx.REPORTING_VERBS:
        return False
    if _direction(t.lower) is not None:
        return False  # "a rise of 14%" of nothing named is no level (``_change_measure``)
    first = k == 0 or tokens[k - 1].text in _ITEM_MARKS  # "- Gross margin of 81.4%"
    return not t.is_capitalized or first or t.text.isupper()


def _modified_noun(tokens: list[Token], k: int) -> str:
    """The noun at ``k`` with the modifier before it when that is a plain word ("gross
    margin", "adjusted ebitda")."""
    mod = tokens[k - 1] if k >= 1 and tokens[k - 1].kind == "word" else None
    plain = lx.FUNCTION_WORDS | _PLAIN_MODIFIERS
    prefix = f"{mod.lower} " if mod is not None and mod.lower not in plain else ""
    return f"{prefix}{tokens[k].lower}"


def _owner_of(tokens: list[Token], p: int) -> int:
    """The index of the noun that the "of" at ``p`` belongs to: the word before it, or the
    noun before a "to the …" phrase ("a cost to the manufacturer of £9 million"), or before
    a short name in brackets ("Annual recurring revenue (ARR) of £151.2 million")."""
    k = p - 1
    if k >= 4 and tokens[k].text == ")" and tokens[k - 2].text == "(":
        k -= 3
    if (
        k >= 4
        and tokens[k - 1].lower in lx.DETERMINERS
        and tokens[k - 2].lower in _BETWEEN_OF
        and lx.event_class(tokens[k - 3].text) is not None
        and tokens[k - 4].lower in lx.DETERMINERS  # a noun: not "to pay for the recall of"
    ):
        return k - 3
    return k


# Words between a cost's subject and its verb: "will", "has", "is expected to", "so far".
_COST_FILLERS = lx.AUXILIARIES | lx.ADVERB_FILLERS | {"to", "expected", "likely", "set", "due"}
_COST_WINDOW = 12


def _phrase_head(tokens: list[Token], m: int) -> int:
    """The head noun of the noun phrase ending at ``m``, past the phrases after it: "the fire
    on the other side of the valley" → "fire"."""
    while m >= 0:
        s = m
        while (
            s - 1 >= 0
            and tokens[s - 1].kind == "word"
            and tokens[s - 1].lower not in lx.FUNCTION_WORDS
        ):
            s -= 1
        if s - 1 >= 0 and tokens[s - 1].lower in lx.DETERMINERS:
            s -= 1
        if s - 2 >= 0 and tokens[s - 1].lower in lx.PREPOSITIONS and tokens[s - 2].kind == "word":
            m = s - 2  # "side of the valley": the noun before "of"
            continue
        return m
    return m


def raised_by(tokens: list[Token], q: Quantity, measure: Measure | None) -> Measure | None:
    """A sum raised is named by the thing that raised it, the subject of the verb right
    before it: "the share offer raised £191,000" (`offer raised`) is not "the donations
    appeal has so far raised £398,000" (`appeal raised`). Not when a pronoun, a name or
    people raised it ("it attracted", "the trust raised", "residents raised"): those name no
    one appeal. Other measures as they are."""
    if measure is None or measure.key[:2] != ("event", "raise") or q.dimension != "money":
        return measure
    k = q.i - 1
    while k >= 0 and tokens[k].lower in _RAISE_PARTICLES:
        k -= 1
    raising = k >= 1 and (
        _RAISE_EVENT in (lx.event_class(tokens[k].text) or frozenset())
        or (tokens[k].lemma, tokens[q.i - 1].lower) in _RAISING_PAIRS
    )
    if not raising:
        return measure
    m = k - 1
    having = False
    while m >= 0 and tokens[m].lower in _COST_FILLERS:
        having = having or tokens[m].lower == _HAVING
        m -= 1
    if having:
        m = _first_subject(tokens, m)  # "the share offer closed in December having raised"
    if m < 0 or tokens[m].kind != "word":
        return measure
    at = m  # the noun right before the verb: not one a phrase after it hides ("… of October")
    subject = tokens[at]
    if (
        subject.is_capitalized
        or subject.lower in lx.FUNCTION_WORDS
        or subject.lower in lx.MONEY_WORDS  # "late fees brought in £47,500": income, no appeal
        or lx.entity_class(subject.text) in lx.PERSON_CLASSES
        or subject.lower.endswith(lx.AGENT_ENDINGS)
    ):
        return measure
    named = _modified_noun(tokens, at)
    # the sum's own unit, not the raiser's kind ("the club's share offer": no groups)
    key = (*measure.key[:2], q.unit or measure.key[2], *measure.key[3:], subject.lemma)
    return Measure(
        key,
        f"{named} raised",
        measure.events,
        None,
        (*measure.words, *(lx.lemma(w) for w in named.split())),
    )


def _first_subject(tokens: list[Token], k: int) -> int:
    """The last word of the noun phrase that opens the clause of token ``k``, before its
    verb ("The trust's community share offer closed in December having …" → "offer"); -1
    when the clause opens otherwise."""
    start = max((n + 1 for n in range(k) if tokens[n].text in {",", ";", ":"}), default=0)
    last = -1
    for n in range(start, k):
        t = tokens[n]
        if t.kind != "word" or is_verbish(t) or t.lower in lx.AUXILIARIES:
            break
        if t.lower not in lx.DETERMINERS:
            last = n
    return last


_RAISE_EVENT = "raise"
_HAVING = "having"  # "… closed in December having raised £186,000"
_RAISE_PARTICLES = frozenset({"in", "up"})
# Verbs of raising with their particle: "brought in £186,000", "chipped in".
_RAISING_PAIRS = frozenset(
    (lx.lemma(v), p) for (v, p), e in lx.VERB_OBJECT_CLASSES.items() if e == _RAISE_EVENT
)


def _gapped_subject(tokens: list[Token], i: int) -> Token | None:
    """The noun right before a sum after "and" or a comma, whose verb the clause before gave
    ("Adult tickets will cost £7.50 and concessions £5.50", "…, family tickets £20"): what
    that sum is the cost of."""
    k = i - 1
    head: Token | None = None
    while k >= 0 and i - k <= _GAP_REACH and tokens[k].kind == "word":
        t = tokens[k]
        if (
            t.lower in lx.FUNCTION_WORDS
            or t.lower in lx.ADVERB_FILLERS
            or lx.is_participle(t.text)
            or t.lower.endswith("ing")
            or lx.event_class(t.text) is not None
        ):
            break
        head = head or t
        k -= 1
    if head is None or k < 1 or tokens[k].lower not in _GAP_JOINS:
        return None
    return head if tokens[k + 1].lower not in lx.DETERMINERS else None


_GAP_REACH = 3
_GAP_JOINS = frozenset({"and", ","})


# Pronouns that stand for what someone owns: "Mine cost £15", "Theirs cost more".
_OWNED = frozenset("mine yours ours theirs hers".split())


def cost_of(tokens: list[Token], q: Quantity, measure: Measure | None) -> Measure | None:
    """A sum a verb "cost" gives is named by what costs it: "the firefighting operation has
    cost more than £15 million" (`operation cost`) is not "last year's fire cost £60
    million" (`fire cost`), nor "shipping would cost £60". Other measures as they are."""
    if measure is None or measure.key[:2] != ("event", "cost") or q.dimension != "money":
        return measure
    if measure.key[-1] == _UNDERTAKEN:
        return measure  # "the £38.5m plan, which will cost …": named already
    if (gapped := _gapped_subject(tokens, q.i)) is not None:
        return _subject_cost(measure, gapped.lower)  # "… cost £7.50 and concessions £5.50"
    k = q.i - 1
    while k >= 0 and q.i - k <= _COST_WINDOW and lx.lemma(tokens[k].text) != lx.lemma("cost"):
        if tokens[k].text in {".", ";", ":", ","}:
            return measure
        k -= 1
    if k < 1 or lx.lemma(tokens[k].text) != lx.lemma("cost"):
        return measure
    m = k - 1
    while m >= 0 and tokens[m].lower in _COST_FILLERS:
        m -= 1
    if m >= 1 and tokens[m].text == ",":  # "last year's fire, on the other side of …, cost"
        m = next(
            (n - 1 for n in range(m - 1, max(0, m - _COST_WINDOW), -1) if tokens[n].text == ","), -1
        )
    if m < 0 or tokens[m].kind != "word" or tokens[m].lower in lx.FUNCTION_WORDS:
        return measure  # "at a cost of $18 million": the noun, no subject of its own
    at = _phrase_head(tokens, m)
    subject = tokens[at]
    if subject.lower in lx.FUNCTION_WORDS or lx.event_class(subject.text) == frozenset({"cost"}):
        return measure
    if subject.lower in _OWNED and not (at and tokens[at - 1].lower in lx.DETERMINERS):
        return measure  # "Mine cost £15": the writer's own, named by no noun ("the mine")
    if subject.lower in _UNDERTAKINGS:
        return _subject_cost(measure, _UNDERTAKEN, subject.lower)
    return _subject_cost(measure, subject.lower)


def _subject_cost(measure: Measure, what: str, called: str | None = None) -> Measure:
    """A cost named by what costs it ("fire cost"); a plan's, a scheme's or a restoration's
    as one, the project's, called by its own word ("restoration cost")."""
    named = called or what
    return Measure(
        (*measure.key, what),
        f"{named} cost",
        measure.events,
        measure.entity,
        (*measure.words, *dict.fromkeys((lx.lemma(named), lx.lemma(what)))),
    )


# "Tolls are £4.20 per car": a sum named "toll" is a charge, not a death toll.
_TOLL = "toll"


def _toll_only(cue_words: list[str]) -> bool:
    """Whether the only word of harm among a figure's cue words is "toll"."""
    toll = lx.lemma(_TOLL)
    harms = [w for w in cue_words if (lx.event_class(w) or frozenset()) & lx.HARM_EVENTS]
    return bool(harms) and all(w == toll for w in harms)


def _names_amount(np_words: list[Token]) -> bool:
    """Whether the words right after an amount name it ("a £38 million gap"), not when
    ("£212 million next year")."""
    return bool(np_words) and not any(
        t.lower in lx.RELATIVE_WORDS or t.lower in lx.MONTHS or t.lower in lx.WEEKDAYS
        for t in np_words
    )  # "About 1,400 working days were lost" still counts days


def _in_noun(tokens: list[Token], q: Quantity, np_words: list[Token]) -> Token | None:
    """The noun that names a sum right after it with "in": "$140 million in damage", "£5m in
    compensation"; not a place or a time ("£5m in the first quarter", "in March")."""
    k = q.j
    if q.dimension != "money" or np_words or k + 1 >= len(tokens) or tokens[k].lower != "in":
        return None
    words, _ = noun_phrase(tokens, k + 1)
    cut = next((n for n, t in enumerate(words) if t.lower in _SEEMING_VERBS), len(words))
    words = words[:cut]  # "in emergency aid sounds generous": the noun ends before the verb
    if not words or words[0].lower in lx.DETERMINERS or words[-1].is_capitalized:
        return None
    head = words[-1]
    if head.lower in _TIME_NOUNS or head.lower in {"quarter", "quarters", "total", "cash"}:
        return None
    return head


# Verbs of seeming that a noun phrase may run into: "aid sounds generous", "costs look high".
_SEEMING_VERBS = frozenset(
    "sounds seems looks appears remains proves sound seem look appear remain prove".split()
)


def _count_noun(noun: Token) -> str | None:
    """The noun of "a recall of 212,000 vehicles": an act that counts what follows, when no
    class knows it and it is not a figure noun ("a total of") nor a counted thing."""
    w = noun.lower
    if (
        noun.kind != "word"
        or noun.is_capitalized
        or w in lx.FUNCTION_WORDS
        or w in lx.PARTICLES  # "made up of 16 clubs": no act
        or w in lx.COMPARING_VERBS  # "£7.9m compares with …": a verb, no act
        or w in lx.LINKING_VERBS  # "consists of four turbines": a link, no act
        or w in lx.FIGURE_NOUNS
        or w in _AMOUNT_NOUNS
        or lx.entity_class(w) in lx.ENTITY_CLASSES
        or lx.attribute_class(w) is not None
        or lx.event_class(w) is not None
    ):
        return None
    return noun.lemma


def _object_verb(tokens: list[Token], p: int) -> str | None:
    """The verb whose object is the count right after it (``tokens[p]`` the word before the
    count), when no class knows it and it is more than a link or a report ("reached",
    "estimated"): "have repaired about 9,000 cars", "set aside $465 million", "fined
    Vesterline £14.5m"."""
    particle = tokens[p].lower if tokens[p].lower in _OBJECT_PARTICLES and p >= 1 else ""
    if particle:
        p -= 1  # "set aside", "paid out"
    else:
        k = p
        while k >= 1 and p - k < _OBJECT_WORDS and _object_word(tokens[k]):
            k -= 1  # "fined Vesterline £14.5m", "paid them £30"
        if (
            k == p
            and p >= 2
            and tokens[p - 1].lower in lx.DETERMINERS
            and not lx.is_participle(tokens[p].text)
            and lx.is_participle(tokens[p - 2].text)
        ):
            k = p - 2  # "fined the airline Kr 12.5m": a first object with its determiner
        if k < p and tokens[k].kind == "word" and not tokens[k].is_capitalized:
            p = k
    verb = tokens[p]
    if verb.kind != "word" or verb.is_capitalized or verb.lower in lx.FUNCTION_WORDS:
        return None
    if not (particle or lx.is_participle(verb.text)):
        return None
    if not open_verb([verb.lower]):
        return None
    return f"{verb.lower} {particle}" if particle else verb.lemma


def _object_word(t: Token) -> bool:
    """A word of the first object of a verb with two ("fined Vesterline £14.5m")."""
    return t.kind == "word" and (t.is_capitalized or t.lower in _OBJECT_PRONOUNS)


# Particles between a verb and its object ("set aside"), and first objects ("paid them …"),
# at most this many words. A base form after "will" or "to" is left alone: "will receive
# £212 million", "to carry 45,000 vehicles a day" made groups of their own beside the
# same fact's noun ("savings of $300 million") and led them.
_OBJECT_PARTICLES = frozenset("aside out back away".split())
_PARTICLE_WORDS = lx.PARTICLES | _OBJECT_PARTICLES
_OBJECT_PRONOUNS = frozenset("him her them us me it".split())
_OBJECT_WORDS = 3


_OPEN_DIMENSIONS = frozenset({"count", "money", "percent"})
# Nouns that say how much, not what: "a total of", "a sum of", "an average of".
_AMOUNT_NOUNS = frozenset(
    """sum amount average maximum minimum peak high low record level rate group batch
    series handful dozen dozens hundreds thousands millions couple pair lot lots bit
    range increase decrease rise fall drop cut gain loss jump growth margin majority
    minority share fraction part portion half quarter third""".split()
)


def _open_measure(
    tokens: list[Token],
    q: Quantity,
    np_words: list[Token],
    opened: str,
    entity: str | None,
    cue_words: list[str],
) -> Measure:
    """A measure named by a verb or an act no class knows ("people have contracted cholera",
    "a recall of 212,000 vehicles"): keyed by the word itself and what is counted."""
    dim = q.dimension
    additive = _additive(tokens, q, np_words)
    # An amount is of its currency: "a £38 million gap" is "pounds gap", not "gap gap".
    what = (q.unit if dim == "money" else None) or entity or "people"
    surface = next((t.lower for t in tokens if t.lemma == opened), opened)
    key = ("event", f"~{opened}", what, "+" if additive else "", dim)
    # A share counts no one: "an offer of 6.5%" is an "offer", not "people offer".
    shown = [surface] if dim == "percent" and entity is None else [what, surface]
    name = " ".join((["additional"] if additive else []) + shown)
    return Measure(key, name, frozenset(), entity, tuple(dict.fromkeys([*cue_words, opened])))


def _share_measure(tokens: list[Token], q: Quantity, base: Measure | None) -> Measure | None:
    """A share: of the measure ``base`` counts ("40% of them"), or of a total the text names
    and does not count ("40% of the farmland")."""
    if q.is_share and base is not None:
        return Measure(
            key=("share", *base.key),
            name=f"share of {base.name}",
            events=base.events,
            entity=base.entity,
            words=base.words,
        )
    n = len(tokens)
    of_words: list[Token] = []
    if q.j + 1 < n and tokens[q.j].lower == "of":
        of_words, after = noun_phrase(tokens, _past_owner(tokens, q.j + 1))
        if q.dimension == "percent" and _turned_out(tokens, of_words, after):
            return TURNOUT  # "38.6% of registered voters took part in Sunday's election"
    if not of_words and q.dimension == "percent":
        of_words = _share_subject(tokens, q.i)  # "Dovan's share of the vote stayed at 53.8%"
    if q.dimension == "percent" and of_words:
        # "40% of the farmland": a share of a total the text does not count.
        noun = of_words[-1]
        return Measure(
            ("share", share_key(noun)),
            f"share of {noun.lower}",
            words=("share", *(t.lemma for t in of_words)),
        )
    return None


# Shares of those who took a side, whoever they are a share of: "71 per cent supported the
# proposal", "78% of responses opposed the plans", "83 per cent were against", "68% were in
# favour" (the question's "in favour" or "against" finds them by these words).
SUPPORT = Measure(
    ("attr", "support", "percent"), "share in favour", words=("share", "support", "favour")
)
OPPOSITION = Measure(
    ("attr", "opposition", "percent"), "share against", words=("share", "against", "oppos")
)
# By their forms: "money back" takes no side ("back" does before its object: "38 per cent back
# the cameras").
_FOR = frozenset(
    """support supports supported backed backs favour favours favoured favor favors favored
    approve approves approved""".split()
)
_AGAINST = frozenset(
    """oppose opposes opposed object objects objected disagree disagrees disagreed reject
    rejects rejected against""".split()
)
_FAVOUR = frozenset({"favour", "favor", "support"})
# Words between a share and the side it took: "were strongly against", "either opposed".
_SIDE_SKIPS = frozenset({"strongly", "either", "broadly", "firmly", "overwhelmingly", "all"})


def _stance_share(tokens: list[Token], q: Quantity) -> Measure | None:
    """A share of those who backed or opposed something, by the verb or the phrase after the
    share and its "of" phrase: ``SUPPORT`` or ``OPPOSITION``."""
    if q.dimension != "percent":
        return None
    k = q.j
    if k < len(tokens) and tokens[k].lower == "of":
        k = _past_owner(tokens, k + 1)
        k = k + 1 if k < len(tokens) and tokens[k].lower in _OF_PRONOUNS else k  # "of them"
    if k < len(tokens) and tokens[k].kind == "word" and not _sides(tokens[k]):
        k = noun_phrase(tokens, k)[1]  # "of consultation responses", "seven in ten residents"
    while k < len(tokens) and (tokens[k].lower in lx.AUXILIARIES or tokens[k].lower in _SIDE_SKIPS):
        k += 1
    if k >= len(tokens):
        return None
    t = tokens[k].lower
    if t in _AGAINST:
        return OPPOSITION
    after = tokens[k + 1].lower if k + 1 < len(tokens) else ""
    favour = t == "in" and after in _FAVOUR
    backing = t in {"back", "backs"} and after in lx.DETERMINERS | _OBJECTS  # "back the plan"
    return SUPPORT if t in _FOR or favour or backing else None


_OF_PRONOUNS = frozenset({"them", "those", "these", "us", "you"})
_OBJECTS = frozenset({"it", "them", "this", "that"})


def _sides(t: Token) -> bool:
    """Whether a word takes a side itself ("support", "opposed", "against") or opens "in
    favour": no noun to pass over before the side."""
    return t.lower in _FOR or t.lower in _AGAINST or t.lower == "in"


# The share of voters who voted is the turnout, as "turnout was 61.4%" names it.
TURNOUT = Measure(("attr", "turnout", "percent"), "turnout", words=("turnout",))
_VOTERS = frozenset(lx.lemma(w) for w in ("voter", "elector", "electorate"))
# What voters who voted did: "voted", "cast a ballot", "turned out", "took part".
_TURNING_OUT = {lx.lemma(v): p for v, p in (("vote", ""), ("cast", ""), ("participate", ""))}
_TURNING_OUT |= {lx.lemma("turned"): "out", lx.lemma("took"): "part"}


def _turned_out(tokens: list[Token], of_words: list[Token], after: int) -> bool:
    """Whether a share of voters ("38.6% of registered voters") is of those who voted: the
    verb after them votes, takes part or turns out ("… took part in Sunday's election")."""
    if not of_words or lx.lemma(of_words[-1].text) not in _VOTERS:
        return False
    k = after
    while k < len(tokens) and tokens[k].lower in lx.AUXILIARIES | lx.ADVERB_FILLERS:
        k += 1
    if k >= len(tokens) or tokens[k].lemma not in _TURNING_OUT:
        return False
    particle = _TURNING_OUT[tokens[k].lemma]  # "took part", not "took the view"
    return not particle or (k + 1 < len(tokens) and tokens[k + 1].lower == particle)


def share_key(noun: Token) -> str:
    """What a share is of, in its key: the class of the things when one knows them ("42% of
    pharmacies" and "half of the chemists" are shares of outlets), else the noun."""
    cls = lx.known_class(noun.text)
    return cls if cls in lx.ENTITY_CLASSES and cls not in lx.PERSON_CLASSES else noun.lemma


def _past_owner(tokens: list[Token], k: int) -> int:
    """Past the determiners, an owner and a number that open an "of" phrase at ``k``: "of the
    valley's 3,000 farms" → "farms"."""
    n = len(tokens)
    while k < n and tokens[k].lower in lx.DETERMINERS:
        k += 1
    if k + 1 < n and tokens[k].lower.endswith(("'s", "’s")):
        k += 1
        if k + 1 < n and tokens[k].kind == "num":
            k += 1
    return k


def _of_possessive(tokens: list[Token], k: int) -> bool:
    """Whether "of" and a possessive ("of our", "of their") start at ``k``."""
    return tokens[k].lower == "of" and tokens[k + 1].lower in lx.POSSESSIVE_DETERMINERS


def _thing_class(word: Token) -> bool:
    """Whether a noun names things of a known class, not people ("lamps", not "members")."""
    cls = lx.entity_class(word.text)
    return lx.is_entity_class(cls) and cls not in lx.PERSON_CLASSES and cls not in _GENERAL_PEOPLE


def _of_us(tokens: list[Token], k: int) -> bool:
    """Whether the "of" at ``k`` opens "of them", "of our members" or "of whom": a part of a
    group the speaker or the text already counted, read by its verb alone."""
    return k + 1 < len(tokens) and (
        tokens[k + 1].lower in lx.PRONOUNS | lx.POSSESSIVE_DETERMINERS or _of_relative(tokens, k)
    )


def limit_of(tokens: list[Token], q: Quantity, measure: Measure | None) -> Measure | None:
    """A most that may be reached, not one that was: "The Act allows fines of up to Mk 50m",
    "the Tribunal may increase this penalty to a maximum of Dt 500,000", "The maximum penalty
    is roughly Kr 96m". A measure of its own, "maximum …", beside what was. Other measures as
    they are."""
    if measure is None or measure.key[0] == LIMIT_KEY:
        return measure
    named = q.j < len(tokens) and tokens[q.j].lower in _LIMIT_NOUNS
    if q.dimension not in _LIMITED and not named:
        return measure  # "the maximum temperature was 30C" is a reading
    clause = _clause_before(tokens, q.i)
    words = {t.lower for t in clause} - _far_capacity(clause)
    capped = named or bool(words & _LIMIT_WORDS)
    allowed = q.qualifier == "atmost" and bool(
        words & _PERMISSION_MODALS or {t.lemma for t in clause} & _PERMITTING
    )
    if not (capped or allowed):
        return measure
    return Measure(
        (LIMIT_KEY, *measure.key),
        f"maximum {measure.name}",
        measure.events,
        measure.entity,
        (*measure.words, _MAXIMUM),
    )


def _clause_before(tokens: list[Token], i: int) -> list[Token]:
    """The words before token ``i`` of its clause, past one comma ("The maximum penalty … is 2
    per cent of annual turnover, roughly Kr 96m"), back to a clause break, another comma, a
    conjunction after a comma, or the start."""
    start, commas = 0, 0
    for m in range(i - 1, -1, -1):
        text = tokens[m].lower
        if text in {";", ":", "(", "—"} or (
            text in lx.CONJUNCTIONS and m and tokens[m - 1].text == ","
        ):
            start = m + 1
            break
        if text == ",":
            commas += 1
            if commas > 1:
                start = m + 1
                break
    return [t for t in tokens[start:i] if t.kind == "word"]


def _far_capacity(clause: list[Token]) -> set[str]:
    """{"capacity"} when that word names another figure than the one the clause ends at: "with
    an installed capacity of 8 MW, achieved an availability of 91 per cent", "a capacity factor
    of 20 per cent" (no most of anything); empty when it names this one ("a capacity of up to
    2,150", "its capacity is 40,000")."""
    at = [n for n, t in enumerate(clause) if t.lower == _CAPACITY_WORD]
    if not at:
        return set()
    n = at[-1]
    after = [t.lower for t in clause[n + 1 :]]
    near = len(after) <= _CAPACITY_REACH and not (after and after[0] in _CAPACITY_KINDS)
    return set() if near else {_CAPACITY_WORD}


_CAPACITY_WORD = "capacity"
_CAPACITY_REACH = 3  # "capacity of up to", "capacity is about"
# "capacity factor", "capacity utilisation": a share of the most, not the most
_CAPACITY_KINDS = frozenset({"factor", "factors", "utilisation", "utilization", "use"})


LIMIT_KEY = "limit"
_MAXIMUM = "maximum"
# How many a place holds: "a capacity of 2,150", "the 2,150-seat hall".
CAPACITY = Measure(
    (LIMIT_KEY, "attr", "capacity", "count"), "maximum capacity", words=("capacity", _MAXIMUM)
)
# Words that make a figure the most allowed: "the maximum penalty is …", "a cap of …".
_LIMIT_WORDS = frozenset({"maximum", "statutory", "cap", "ceiling", "capacity"})
# Nouns right after a figure that make it a bound, of any kind of figure: "just below the
# 50MW threshold", "a £2,000 cap", "the 20mph limit".
_LIMIT_NOUNS = frozenset({"threshold", "thresholds", "cap", "ceiling", "limit"})
# Words that make "up to" a most allowed, not a most estimated ("could cost up to £9m" is an
# estimate, and stays one): a permission or a capacity ("can hold up to 40,000").
_PERMISSION_MODALS = frozenset({"may", "might", "can"})
# Kinds of figure a rule or a capacity limits; a maximum of others is a reading.
_LIMITED = frozenset({"count", "money", "percent"})
# Verbs that make "up to" a most allowed: "allows fines of up to …", and what may befall one
# ("could face a fine of up to 5 million marks" is the most a court may give).
_PERMITTING = frozenset(lx.lemma(w) for w in ("allow", "permit", "face"))


def margin_of(tokens: list[Token], q: Quantity, measure: Measure | None) -> Measure | None:
    """By how much a contest was won: "had beaten the mayor by just over 200 votes", "won by a
    comfortable 6,800 votes", "confirming her victory by 93 votes", "a margin of 214 votes",
    "her winning margin"; not a tally ("defeated by 37 votes to 30"), not "an operating
    margin". Other measures as they are."""
    if measure is None or q.dimension != "count":
        return measure
    if measure.key[:2] in {("attr", "margin"), ("attr", "winning margin")}:
        return MARGIN
    k = q.i - 1
    while k >= 0 and (
        tokens[k].lower in lx.DETERMINERS
        or tokens[k].lower in lx.ADVERB_FILLERS  # "a margin of only 58 votes"
        or _adjective_before(tokens, k, q.i)
    ):
        k -= 1
    if k < 0 or tokens[k].lower not in {"by", "of"}:
        return measure
    after = tokens[q.j : q.j + 3]
    if any(
        t.lower == "to" and n + 1 < len(after) and after[n + 1].is_num for n, t in enumerate(after)
    ):
        return measure  # "by 37 votes to 30": the tally
    before = {t.lemma for t in tokens[max(0, k - _WIN_WINDOW) : k] if t.kind == "word"}
    if tokens[k].lower == "by" and before & _WINNING:
        return MARGIN
    if tokens[k].lower == "of" and k >= 1 and tokens[k - 1].lower == _MARGIN_WORD:
        return MARGIN  # "a margin of 214 votes"
    return measure


def margin_asked(tokens: list[Token], measure: Measure | None) -> Measure | None:
    """A question of by how much a contest was won: "By how many votes did Brannagh beat the
    sitting mayor?", "What was her winning margin?". Other questions keep their measure."""
    words = [t for t in tokens if t.kind == "word"]
    lemmas = {t.lemma for t in words}
    lowered = [t.lower for t in words]
    by_how = lowered[:3] in (["by", "how", "many"], ["by", "how", "much"])
    if (by_how or _MARGIN_WORD in lowered) and lemmas & _WINNING:
        return MARGIN  # not "What is the operating margin?" nor "the margin of error"
    return measure


def _adjective_before(tokens: list[Token], k: int, i: int) -> bool:
    """Whether the word at ``k``, right before a number at ``i`` after a determiner, says how
    it was ("by a comfortable 6,800 votes")."""
    return (
        k == i - 1
        and tokens[k].kind == "word"
        and tokens[k].lower not in lx.FUNCTION_WORDS
        and k >= 1
        and tokens[k - 1].lower in lx.DETERMINERS
    )


_MARGIN_WORD = "margin"
# How far before "by" the verb of winning may stand: "had beaten the incumbent mayor, Amadeo
# Ferrucci-Lind of the Civic Alliance, by just over 200 votes".
_WIN_WINDOW = 14
# Words of winning a contest, by lemma: "beat … by", "won by", "her victory by".
_WINNING = frozenset(lx.lemma(w) for w in "win won beat beaten defeat victory edge lead".split())
MARGIN = Measure(("attr", "margin", "count"), "winning margin", frozenset(), None, ("margin",))


def narrowed_part(tokens: list[Token], q: Quantity, measure: Measure | None) -> Measure | None:
    """A part of a count the text gave, narrowed by a phrase and no verb of its own: "caught
    9,460 escapees, 311 of them in rivers", "58 of them seriously", "11 of them confirmed by
    laboratory tests". It counts less than the whole: a measure of its own, named by the
    phrase. Other measures as they are."""
    k = q.j
    if (
        measure is None
        or measure.key[0] == "part"  # "40 of them dangerous": judged already
        or q.dimension != "count"  # "9% of those on the drug": a share of its base
        or q.is_share
        or k + 2 >= len(tokens)
        or tokens[k].lower != "of"
        or tokens[k + 1].lower not in PART_PRONOUNS
        or not _narrowing(tokens, k + 2)
    ):
        return measure
    words: list[Token] = []
    for t in tokens[k + 2 : k + 2 + _PART_WORDS]:
        if t.kind not in ("word", "num", "abbr"):
            break
        words.append(t)
    phrase = " ".join(t.text for t in words)
    lemmas = tuple(t.lemma for t in words if t.lower not in lx.FUNCTION_WORDS)
    return part_measure(measure, phrase, lemmas)


def part_measure(
    whole: Measure, phrase: str, words: tuple[str, ...] = (), key: str | None = None
) -> Measure:
    """A part of ``whole`` that ``phrase`` narrows ("cracks discovered, critical"): a measure
    of its own, keyed by the whole's key and ``key`` (the phrase, lower-cased, by default),
    with the whole's words and ``words``."""
    return Measure(
        ("part", *whole.key, key if key is not None else phrase.lower()),
        f"{whole.name}, {phrase}",
        whole.events,
        whole.entity,
        (*whole.words, *words),
    )


def _narrowing(tokens: list[Token], k: int) -> bool:
    """Whether the words from ``k`` narrow a part with no verb of its own: a preposition ("in
    rivers"), an adverb ("seriously"), an -ing form ("sitting in a cabinet") or a participle
    with its agent ("confirmed by laboratory tests"); not "carry ACM panels", "came to rest"."""
    t = tokens[k]
    if t.kind != "word":
        return False
    if t.lower in lx.PREPOSITIONS | _NARROWING_PLACES or t.lower.endswith(("ly", "ing")):
        return True
    if _kind_of_part(tokens, k):
        return True  # "31 people were hurt, 11 of them pedestrians"
    return lx.is_participle(t.text) and k + 1 < len(tokens) and tokens[k + 1].lower == _AGENT


def _kind_of_part(tokens: list[Token], k: int) -> bool:
    """Whether the word at ``k`` after "of them" is a kind of the whole, ending its clause:
    "11 of them pedestrians", "four of them children."; not a verb ("carry ACM panels")."""
    t = tokens[k]
    if t.lower in lx.FUNCTION_WORDS | lx.AUXILIARIES or is_verbish(t):
        return False
    if not (t.lower.endswith("s") or lx.entity_class(t.text) in lx.PERSON_CLASSES):
        return False
    return k + 1 == len(tokens) or tokens[k + 1].kind == "punct" or tokens[k + 1].lower == "and"


_AGENT = "by"
_NARROWING_PLACES = frozenset("outside inside near beyond aboard below beneath".split())
# "311 of them in rivers": the whole's pronoun, and the phrase that narrows it (at most so
# many words, to a clause break).
PART_PRONOUNS = frozenset({"them", "those", "these"})
_PART_WORDS = 4


# Relative pronouns that stand for the count before: "of whom", "of which".
RELATIVE_WHOLES = frozenset({"whom", "which"})


def _of_relative(tokens: list[Token], k: int) -> bool:
    """Whether the "of" at ``k`` opens "of whom" or "of which" after a count."""
    return (
        k + 1 < len(tokens) and tokens[k].lower == "of" and tokens[k + 1].lower in RELATIVE_WHOLES
    )


def _own_verb(tokens: list[Token], k: int) -> str | None:
    """The first word from ``k`` past auxiliaries, negations and adverbs: a part's own verb,
    in the text's word, when no class knows it ("remain")."""
    while k < len(tokens) and (
        tokens[k].lower in lx.AUXILIARIES
        or tokens[k].lower in lx.NEGATIONS
        or tokens[k].lower in lx.ADVERB_FILLERS
        or tokens[k].lower.endswith("ly")
    ):
        k += 1
    if k < len(tokens) and tokens[k].kind == "word" and tokens[k].lower not in lx.FUNCTION_WORDS:
        return tokens[k].lemma
    return None


def _share_subject(tokens: list[Token], i: int) -> list[Token]:
    """The whole a linked subject is a share of: "Dovan's share of the vote stayed at 53.8%",
    "The proportion of adults vaccinated is 71%" → the words after "of"; else none."""
    p = _linked_before(tokens, i)
    if p is None:
        return []
    for m in range(p, max(-1, p - 8), -1):
        t = tokens[m]
        if t.kind != "word" or (lx.is_participle(t.lower) and m < p):
            return []
        if t.lower == "of" and m >= 1 and tokens[m - 1].lower in lx.SHARE_WORDS:
            words = noun_phrase(tokens, _past_owner(tokens, m + 1))[0]
            return [w for w in words if w.start <= tokens[p].start]
    return []


# Shocks after (or before) the main one: their magnitudes are not the main shock's.
_OTHER_SHOCKS = frozenset(lx.lemma(w) for w in ("aftershock", "foreshock"))
# How far from a magnitude the shock it is of may be named: "the strongest aftershock, of
# magnitude 5.1", "a magnitude 5.1 aftershock".
_SHOCK_REACH = 5


def _magnitude(tokens: list[Token], q: Quantity) -> Measure:
    """A magnitude, set apart as a later shock's when an aftershock is named beside it."""
    near = tokens[max(0, q.i - _SHOCK_REACH) : q.j + 2]
    if any(t.lemma in _OTHER_SHOCKS for t in near):
        words = (lx.lemma("magnitude"), lx.lemma("aftershock"))
        return Measure(("magnitude", "+"), "aftershock magnitude", words=words)
    return Measure(("magnitude",), "magnitude", words=(lx.lemma("magnitude"),))


def _measure_named(
    tokens: list[Token],
    q: Quantity,
    np_words: list[Token],
    events: set[str],
    attribute: str | None,
    entity: str | None,
    cue_words: list[str],
    opened: str | None = None,
) -> Measure | None:
    """The measure that the words read around ``q`` name, by kind: an attribute, a
    dimension, a harm, another event, or what is counted (``opened``: the verb no class
    knows that the figure goes with)."""
    dim = q.dimension
    if dim == "duration" and not attribute:
        return None  # "two weeks", "in 27 years": spans of time, not figures of a measure
    if q.unit == "magnitude":
        return _magnitude(tokens, q)
    if attribute and dim == "length" and lx.lemma(attribute) == lx.lemma(_DEPTH):
        return DEPTH  # "at depths of 420 to 690 metres", as "690 metres down"
    if attribute:
        words = _lemmas(attribute)
        return Measure(("attr", attribute, dim), attribute, words=words)
    if dim not in {"count", "money", "percent"} and not events - lx.HARM_EVENTS:
        return _size_measure(tokens, q, np_words, opened)
    if events and events <= lx.HARM_EVENTS:
        if dim == "money" and _toll_only(cue_words):
            return Measure(("attr", _TOLL, dim), _TOLL, words=(lx.lemma(_TOLL),))
        fz = frozenset(events)
        name = lx.COMPOUND_NAMES.get(fz) or " or ".join(lx.EVENT_NAMES[e] for e in sorted(fz))
        if dim not in {"count"}:
            name = f"{name} ({q.unit})"
        return Measure(("harm", *sorted(fz), dim), name, fz, entity, tuple(cue_words))
    additive = _additive(tokens, q, np_words)
    if events:
        main = (
            sorted(events)[0] if len(events) == 1 else sorted(events - lx.HARM_EVENTS or events)[0]
        )
        modifiers = [
            lx.EVENT_NAMES[e]
            for t in np_words[:-1]
            for e in sorted(lx.event_class(t.text) or ())
            if e in lx.HARM_EVENTS and e != main
        ]
        # "2,500 barrels leaked": an amount of a unit, by what happened to it
        what = entity or (q.unit if dim not in {"count", "percent"} else None) or "people"
        parts = (["additional"] if additive else []) + modifiers[:1] + [what, lx.EVENT_NAMES[main]]
        key = ("event", main, what, "+" if additive else "", *modifiers[:1], dim)
        return Measure(key, " ".join(parts), frozenset(events), entity, tuple(cue_words))
    if entity is not None and dim in {"count"}:
        name = ("additional " if additive else "") + entity
        return Measure(
            ("entity", entity, "+" if additive else ""), name, entity=entity, words=tuple(cue_words)
        )
    return None


def _size_measure(
    tokens: list[Token], q: Quantity, np_words: list[Token], opened: str | None = None
) -> Measure:
    """A size named by what it measures, when the sentence says: the noun it is of ("the
    96-metre vessel", "38 km of coast"), the verb it is the extent of ("fell 15 metres",
    "rises to 1,187 metres") or where it is measured from ("11 km from the park"); else the
    bare dimension ("at 7.2 metres": a length)."""
    dim = q.dimension
    lighter = dim == "weight" and q.j < len(tokens) and tokens[q.j].lower in _LIGHTER
    if lighter and (lost := _measure_named(tokens, q, [], {_LOSS}, None, None, [_LOST])):
        return lost  # "came off the ocean 11 kg lighter": weight lost, as "had lost 9 kg"
    if dim in _SIZE_DIMENSIONS:
        if (sized := _size_subject(tokens, q)) is not None:
            return _size_of(sized, lx.SIZE_ADJECTIVES[tokens[q.j].lower], dim)
        if (noun := _noun_of(tokens, q) or _sized_noun(tokens, q, np_words)) is not None:
            return _size_of(noun, dim, dim)
        right_after = q.j < len(tokens) and lx.is_participle(tokens[q.j].text)
        if opened is not None and right_after:  # "only 2,500 barrels leaked"
            surface = next((t.lower for t in tokens[q.j :] if t.lemma == opened), opened)
            return _size_by_verb(opened, surface, dim)
        if dim == "length" and _downward(tokens, q.j):
            # "lies 187 metres below the entrance", "30 metres underground": a depth
            return DEPTH
        compass = dim == "length" and _past_compass(tokens, q.j) > q.j
        if not compass and (verb := _size_verb(tokens, q)) is not None:
            return _size_by_verb(verb.lemma, verb.lower, dim)
        if dim == "length" and (origin := _measured_from(tokens, q)) is not None:
            # "11 km from the park" is a distance; "within 3 km of the park" a radius
            within = q.i >= 1 and tokens[q.i - 1].lower in _DISTANCE_WORDS
            what = "radius around" if within else "distance from"
            key = ("size", f"{what} {origin.lemma}", dim)
            return Measure(key, f"{what} {origin.lower}", words=("distance", origin.lemma))
        if compass:
            # "lies 140 kilometres west of the Outer Hebrides": how far, from a place by its
            # name, whatever verb puts it there
            return Measure(("size", _DISTANCE, dim), _DISTANCE, words=(_DISTANCE,))
    return Measure(("dim", dim), dim, words=(dim,))


# A weight less than it was, said by the comparative after it: "11 kg lighter" was lost.
_LIGHTER = frozenset({"lighter"})
_LOSS = "loss"
_LOST = lx.lemma("lost")


# Verbs of where a thing lies or how far it runs, which end the noun a size is of.
_LYING_VERBS = frozenset(
    "lies lie lay stands stand sits sit runs run stretches stretch covers cover spans span".split()
)


def _comparative(word: str) -> bool:
    """Whether a word compares a size ("taller", "wider", "bigger")."""
    sizes = lx.SIZE_ADJECTIVES.keys() | lx.DIMENSION_WORDS.keys() | {"big", "large", "small"}
    return word.endswith("er") and any(word[:-k] in sizes for k in (1, 2, 3))


def _size_head(words: Sequence[Token]) -> Token | None:
    """The noun a size is of, among the words after it: the last before a word that says
    which way the size runs ("19 miles long", "640 metres below ground") or how."""
    head = None
    for n, t in enumerate(words):
        last = n + 1 == len(words) or words[n + 1].lower in _SIZE_ADVERBS
        if t.kind != "word" or t.lower in _SIZE_ADVERBS or _ly(t):
            break
        if lx.is_participle(t.text) and last:
            break  # "1.5 metres laid down", not "1.4 million litres of bottled water"
        if head is not None and (t.lower in _LYING_VERBS or _comparative(t.lower)):
            break  # "the 1.2-acre paddock lies …", "a 340-metre fence taller than I am"
        head = t
    if head is None or head.is_capitalized or head.lower in lx.FUNCTION_WORDS:
        return None
    if head.lower in lx.FIGURE_NOUNS or head.lower in _AMOUNT_NOUNS or head.lower in _WHEN_WORDS:
        return None  # nor a time: "recorded 85 mph overnight"
    if not _names_amount([head]):
        return None
    return head


def _linked_size(tokens: list[Token], q: Quantity) -> Measure | None:
    """A size a linking verb ties to its subject, named as the same size said the other way:
    by the subject's verb ("the furthest distance travelled by any wolf was 9.5 km", as
    "travelled up to 14 km") or its noun ("the spire is 49 metres", as "the 52-metre
    spire"). None when the subject is an attribute ("the depth was 640 metres": a depth)."""
    p = _linked_before(tokens, q.i)
    if p is None or tokens[p].kind != "word":
        return None
    k = p
    while k >= 0 and p - k < _SUBJECT_REACH and tokens[k].kind == "word":
        t = tokens[k]
        if t.lower in _CLAUSE_STARTS:
            break
        if not t.is_capitalized and lx.is_participle(t.text) and open_verb([t.lower]):
            return _size_by_verb(t.lemma, t.lower, q.dimension)
        k -= 1
    noun = tokens[p]
    if noun.is_capitalized or noun.lower in lx.FUNCTION_WORDS or noun.lower in lx.PRONOUNS:
        return None
    if lx.attribute_class(noun.text) is not None or noun.lower in _AMOUNT_NOUNS:
        return None
    return _size_of(noun, q.dimension, q.dimension)


# How far back a linked subject is read for its verb, and the words that start its clause.
_SUBJECT_REACH = 8
_CLAUSE_STARTS = frozenset("that which who where when and but while as because".split())


def _size_by_verb(lemma: str, surface: str, dim: str) -> Measure:
    """The extent of what a verb says ("fell 15 metres" → length fell), keyed by its lemma."""
    return Measure(("size", f"~{lemma}", dim), f"{dim} {surface}", words=(dim, lemma))


def _size_of(noun: Token, what: str, dim: str) -> Measure:
    """The size of a thing, keyed by the thing: "the 34-metre tower" and "the tower is 31
    metres tall" are one measure, whichever way each names it; "a mass of 1.9 kilograms" is a
    weight, of nothing named."""
    if lx.DIMENSION_WORDS.get(noun.lower) == dim and what == dim:
        return Measure(("dim", dim), dim, words=(dim,))
    key = ("size", f"of {noun.lemma}", dim)
    words = tuple(dict.fromkeys((lx.lemma(dim), lx.lemma(what), noun.lemma)))
    return Measure(key, f"{what} of {noun.lower}", words=words)


def _size_subject(tokens: list[Token], q: Quantity) -> Token | None:
    """What a size before "long", "high" … is of: "a slick approximately 14 kilometres long",
    "the fence, 2.4 metres high", "the closed section is 19 miles long"."""
    if q.j >= len(tokens) or tokens[q.j].lower not in lx.SIZE_ADJECTIVES:
        return None
    if tokens[q.j].lower == "across" and not _across(tokens, q):
        return None  # "six miles across the moor"
    p = _before(tokens, q.i)
    if p >= 1 and (tokens[p].text == "," or tokens[p].lower in lx.LINKING_VERBS):
        p -= 1
    if p < 0 or tokens[p].kind != "word" or tokens[p].is_capitalized:
        return None
    noun = tokens[p]
    if noun.lower in lx.FUNCTION_WORDS or noun.lower in lx.PRONOUNS or is_verbish(noun):
        return None
    return noun


def _sized_noun(tokens: list[Token], q: Quantity, np_words: list[Token]) -> Token | None:
    """ "the 96-metre vessel", "38 km of coast": the noun a size is of; None when the noun
    phrase is cut short by "and" ("6 kilometres of steep and icy ground"), or the size is a
    distance ("within 3 km of the park")."""
    if not np_words or (q.i >= 1 and tokens[q.i - 1].lower in _DISTANCE_WORDS):
        return None
    after = next((t for t in tokens if t.start > np_words[-1].start), None)
    if after is not None and after.lower in {"and", "or"}:
        return None
    return _size_head(np_words)


def _noun_of(tokens: list[Token], q: Quantity) -> Token | None:
    """ "gusts of 70 mph", "a main span of 640 metres": the noun a size is the value of; not
    an amount noun ("a total of", "a high of") nor a verb."""
    p = q.i - 1
    if p < 1 or tokens[p].lower != "of":
        return None
    noun = tokens[p - 1]
    opens = p - 1 == 0  # "Gusts of up to 90 mph …"
    if noun.kind != "word" or (noun.is_capitalized and not opens):
        return None
    if noun.lower in lx.FUNCTION_WORDS or noun.lower in _READING_NOUNS:
        return None  # "a reading of 7.1 metres" says no more than "7.1 metres"
    if noun.lower in lx.FIGURE_NOUNS or noun.lower in _AMOUNT_NOUNS or is_verbish(noun):
        return None
    return noun


def _size_verb(tokens: list[Token], q: Quantity) -> Token | None:
    """The verb a size is the extent of: "fell 15 metres", "will stretch 2.1 kilometres",
    "rises to 1,187 metres"; not a link or a report ("is 70 miles", "said 40 km")."""
    p = _before(tokens, q.i)
    if p >= 1 and tokens[p].lower == "to":
        p -= 1
    if p < 0:
        return None
    verb = tokens[p]
    if verb.kind != "word" or verb.is_capitalized or verb.lower in lx.FUNCTION_WORDS:
        return None
    moves = verb.lower in lx.CHANGE_VERBS  # "fell 15 metres": the extent of a fall
    if verb.lower in _PLACING_VERBS or not (moves or open_verb([verb.lower])):
        return None
    if verb.lemma in _DIMENSION_VERBS:
        return None  # "weighed 8.6 kilograms" says no more than "a weight of 8.6 kilograms"
    before = tokens[p - 1] if p >= 1 else None
    # "coats 38 km", "which rises to": not a plural noun ("41 miners about 640 metres below")
    finite = (
        verb.lower.endswith("s")
        and not verb.lower.endswith("ss")
        and not (before is not None and (before.kind == "num" or before.lower in lx.DETERMINERS))
    )
    modal = before is not None and before.lower in _MODALS
    if lx.is_participle(verb.text) or finite or modal:
        return verb
    return None


def _downward(tokens: list[Token], k: int) -> bool:
    """Whether the words after a length make it a depth: "187 metres below the entrance",
    "between 420 and 690 metres down," (not "2 km down the road", a way along it)."""
    if k >= len(tokens):
        return False
    if tokens[k].lower in _DOWNWARD:
        return True
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    ends = after is None or after.kind == "punct" or after.lower in _CLAUSE_STARTS
    return tokens[k].lower == "down" and ends


def _measured_from(tokens: list[Token], q: Quantity) -> Token | None:
    """Where a distance is measured from: "11 km from the park", "within 3 km of the park"."""
    n = len(tokens)
    within = q.i >= 1 and tokens[q.i - 1].lower in _DISTANCE_WORDS
    k = _past_compass(tokens, q.j)  # "140 kilometres west of the islands": from the islands
    if k + 1 >= n or tokens[k].lower not in ({"from", "of"} if within or k > q.j else {"from"}):
        return None
    words, _ = noun_phrase(tokens, _past_owner(tokens, k + 1))
    return _size_head(words)


_COMPASS = frozenset("north south east west northeast northwest southeast southwest".split())


def _past_compass(tokens: list[Token], k: int) -> int:
    """Where the words after a length go on past a compass point ("west", "north-west")."""
    n = len(tokens)
    if k < n and tokens[k].lower in _COMPASS:
        k += 1
        if k + 1 < n and tokens[k].text in {"-", "‑"} and tokens[k + 1].lower in _COMPASS:
            k += 2
    return k


# Sizes named by what they measure; the others (temperatures, magnitudes) are named by kind.
_SIZE_DIMENSIONS = frozenset({"length", "area", "volume", "weight", "speed"})
# Words after a size that say which way it runs or where, not what it is of.
# Verbs that name nothing but the size itself: "weighs 7.9 kg" is the weight.
_DIMENSION_VERBS = frozenset(lx.lemma(w) for w in ("weigh", "measure"))
_SIZE_ADVERBS = frozenset(
    """long high tall wide deep thick broad away apart below above beneath under over outside
    inside ahead behind off down up across along west east north south inland offshore
    upstream downstream further farther short""".split()
)
_DISTANCE_WORDS = frozenset({"within"})
# Words right after a length that make it a depth: "187 metres below the entrance".
_DOWNWARD = frozenset({"below", "beneath", "underground", "underwater"})
_DEPTH = "depth"
DEPTH = Measure(("size", _DEPTH, "length"), _DEPTH, words=(_DEPTH,))
_DISTANCE = "distance"
_READING_NOUNS = frozenset("reading readings measurement measurements value values".split())
_WHEN_WORDS = frozenset(
    """overnight today tonight yesterday tomorrow daily weekly yearly hourly elsewhere nearby
    ashore aboard abroad overseas""".split()
    # a clause that opens after the size: "weighed 8.6 kilograms when it arrived"
    + "when whenever while where whereas until after before once as".split()
)
# Verbs that say where something is, not how far it went: "was found 11 km from the park".
_PLACING_VERBS = frozenset(
    """found located situated based seen spotted sighted lying buried trapped stranded
    stuck held kept""".split()
)
_MODALS = frozenset("will would could can may might must should shall to".split())


def _partitive_group(tokens: list[Token]) -> list[Token]:
    """The group a question counts a part of ("how many of the injured went to hospital?":
    the injured): its words say whom the part is of, not what happened to the part. Empty
    when the question asks no part, or its verb says nothing of its own ("how many of the
    injured were there?")."""
    words = [t for t in tokens if t.kind == "word"]
    lowered = [t.lower for t in words]
    for n in range(len(words) - 2):
        if lowered[n : n + 3] != ["how", "many", "of"]:
            continue
        k = n + 3
        while k < len(words) and words[k].lower not in lx.AUXILIARIES:
            k += 1
        rest = [t for t in words[k:] if t.lower not in lx.FUNCTION_WORDS]
        return words[n + 3 : k] if rest else []
    return []


def _how_many_counts(tokens: list[Token]) -> list[Token]:
    """The noun phrase right after "how many", "how much" or "the number of", up to its verb:
    "how many people helped …" → [people], "how much oil have the crews scooped up" → [oil],
    "the number of specimens the agency took" → [specimens]; none without."""
    words = [t for t in tokens if t.kind == "word"]
    for n, t in enumerate(words[:-2]):
        if (t.lower, words[n + 1].lower) in _COUNTING_PAIRS:
            counted: list[Token] = []
            k = n + 2
            if k < len(words) and words[k].lower == "of":  # "how many of the escaped animals"
                k += 1
                while k < len(words) and words[k].lower in lx.DETERMINERS:
                    k += 1
            joined = False  # after "and" of "how many anchor and mooring scars": a modifier
            for m, w in enumerate(words[k : k + 4], start=k):
                if w.lower == "and" and _coordinated_modifier(words, m, counted):
                    joined = True
                    continue
                if joined:
                    counted.append(w)
                    joined = False
                    continue
                known = lx.entity_class(w.text) in lx.ENTITY_CLASSES  # "staff", no verb
                # "the escaped animals": a participle before its noun is no verb
                before_noun = not counted and m > n + 2 and _noun_next(words, m)
                if w.lower in lx.FUNCTION_WORDS or (
                    is_verbish(w) and not known and not before_noun
                ):
                    break
                counted.append(w)
            return counted
    return []


def _agent_asked(tokens: list[Token]) -> bool:
    """Whether "how many" (or "how many of them") is the object of the verb after it: "How
    many did police arrest?", "How many of them did people save?"."""
    lower = [t.lower for t in tokens if t.kind == "word"]
    for n in range(len(lower) - 2):
        if (lower[n], lower[n + 1]) == ("how", "many"):
            k = n + 2
            if lower[k : k + 1] == ["of"] and k + 1 < len(lower) and lower[k + 1] in _OF_US:
                k += 2
            return k < len(lower) and lower[k] in _DOING_AUXILIARIES
    return False


# Auxiliaries that open a question's own subject after its object: "How many did police arrest?"
_DOING_AUXILIARIES = frozenset("did do does have has had will would could can".split())
_OF_US = frozenset("them those these us".split())


# Money not spent, asked only with "how much" ("How much will the council save?").
_SAVING = "saving"


def amount_named(words: list[str]) -> bool:
    """Whether a question's words (lower case) ask "how much", "the amount …" or "the sum …"
    and not "how many": an amount, not a count of people or things."""
    pairs = set(itertools.pairwise(words))
    if ("how", "many") in pairs:
        return False
    # "Give me the amount that people have chipped in", "What was the sum …?"
    return ("how", "much") in pairs or any(
        w in _AMOUNT_ASKED and before in _AMOUNT_DETERMINERS for before, w in pairs
    )


# Nouns that ask an amount after a determiner: "the amount", "what sum".
_AMOUNT_ASKED = frozenset({"amount", "sum"})
_AMOUNT_DETERMINERS = frozenset({"the", "what", "which"})


def _how_much(tokens: list[Token]) -> bool:
    """Whether the question asks an amount (``amount_named``) or the most or least anyone
    may ("the least I can invest"): people it names gave it, they are not counted ("Give me
    the amount that ordinary people have chipped in")."""
    words = [t.lower for t in tokens if t.kind == "word"]
    if amount_named(words):
        return True
    return ("how", "many") not in set(itertools.pairwise(words)) and (
        most_anyone(words) is not None
    )


def _noun_next(words: list[Token], m: int) -> bool:
    """Whether the word after ``m`` is a noun of a known class ("the escaped animals")."""
    return m + 1 < len(words) and lx.entity_class(words[m + 1].text) in lx.ENTITY_CLASSES


# Words that open what a question counts: "how many councillors", "the number of specimens".
COUNT_OPENERS = frozenset({("how", "many"), ("number", "of")})
_COUNTING_PAIRS = COUNT_OPENERS | {("how", "much")}  # "how much oil"
# Words that place the asked event by another: "when did visitors return after the break-in?",
# "how many were evacuated before the levee burst?".
_PLACING_WORDS = frozenset("after before since following during".split())
# Later in a question, a clause's conjunction places the asked event by the clause's: "How many
# people replied when the council asked for views on shutting the toilets?" asks replies.
_PLACING_LATER = _PLACING_WORDS | {"when", "while"}


def placing_words(tokens: list[Token]) -> frozenset[str]:
    """Lemmas of the phrase that places the asked event by another ("after the break-in")."""
    start, end = placing_phrase(tokens)
    words = {t.lemma for t in tokens if t.kind == "word" and start <= t.start < end}
    for a, dash, b in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if start <= a.start < end and dash.text in {"-", "‑"} and dash.glued and b.glued:
            words.add(lx.lemma(f"{a.text}-{b.text}"))  # "after the break-in", as a text reads it
    return frozenset(words)


def placed_only(measure: Measure, placed: frozenset[str]) -> bool:
    """Whether a measure is read from nothing but the words of the question's placing phrase
    (``placing_words``): then it is of the event that places the asked one."""
    return bool(measure.words) and set(measure.words) <= placed


def placing_phrase(tokens: Sequence[Token]) -> tuple[int, int]:
    """The offsets of a phrase placing the asked event by another: from its first word to
    the question's end, or to the comma after one that opens the question ("After the
    collapse, how many …"); an empty span when there is none."""
    words = [t for t in tokens if t.kind == "word"]
    if words and words[0].lower in _PLACING_WORDS:
        comma = next((t for t in tokens if t.text == ","), None)
        return (words[0].start, comma.start) if comma is not None else (0, 0)
    for n, t in enumerate(words[2:], 2):
        if t.lower in _PLACING_LATER or _on_the_day(words[n : n + 4]):
            return t.start, tokens[-1].end + 1
    return 0, 0


# "on the day the skate park opened", "in the week of the flood", "at the time of the vote": a
# time placed by an event.
_PLACING_TIMES = frozenset({"day", "night", "morning", "evening", "week", "weekend", "time"})
_PLACED_BY = frozenset({"the", "that", "of", "a", "an", "its", "their", "when"})


def _on_the_day(words: Sequence[Token]) -> bool:
    """Whether ``words`` open "on the day" (or "in the week", "at the time", …) with a clause
    or an "of" after it: the asked count is of that time, the event names it only."""
    lower = [t.lower for t in words]
    return (
        len(lower) == 4
        and lower[0] in {"on", "in", "at", "by"}
        and lower[1] == "the"
        and lower[2] in _PLACING_TIMES
        and lower[3] in _PLACED_BY
    )


def _at_the_time(words: Sequence[Token]) -> bool:
    """Whether a question places its count "at the time of" (or "by the time of") an event:
    "How many plots were left at the time of the vote?" counts plots then, no votes."""
    return any(
        t.lower == "time"
        and n >= 2
        and words[n - 2].lower in {"at", "by"}
        and _on_the_day(words[n - 2 : n + 2])
        for n, t in enumerate(words)
    )


# "How much does the group have to raise?": a sum still to be raised is its target.
_RAISE_EVENT = "raise"
_TARGET_WORD = "target"
_MUST = (("have", "to"), ("has", "to"), ("need", "to"), ("needs", "to"))


_INCLUDING = frozenset({"including", "excluding"})  # not "inc": "Acme Inc" is a name
_INCLUDED = frozenset({"included", "excluded", "inclusive"})


def _inclusion_phrase(tokens: Sequence[Token]) -> tuple[int, int]:
    """The offsets of a phrase that says what a sum takes in or leaves out ("including the
    grant", ", grant and council money included"): its words qualify the sum asked, they
    name no measure of their own. An empty span when there is none."""
    for n, t in enumerate(tokens):
        if t.lower in _INCLUDING:
            end = next((x.start for x in tokens[n + 1 :] if x.text in {",", "?"}), None)
            return t.start, end if end is not None else tokens[-1].end + 1
        if t.lower in _INCLUDED and n:
            comma = next((x for x in reversed(tokens[:n]) if x.text == ","), None)
            if comma is not None:
                return comma.start, t.end
    return 0, 0


# "hoping to collect", "hoped for": a figure aimed at.
_HOPE = frozenset({"hope", "hopes", "hoping", "hoped"})


def _hoped(words: list[Token]) -> bool:
    """Whether a question asks what was hoped for ("How much were they hoping to collect?",
    "How many had the council hoped for?"): a target, as "aim" and "goal" say."""
    return any(a.lower in _HOPE and b.lower in {"to", "for"} for a, b in itertools.pairwise(words))


def _must(lower: list[str]) -> bool:
    """Whether a question asks what must still be done ("does the group have to raise", "needs
    to find"), not what had to be ("did they have to pay")."""
    if any(w in {"did", "had", "needed"} for w in lower):
        return False
    return any(tuple(lower[n : n + 2]) in _MUST for n in range(len(lower) - 1))


# Openers of a phrase that names the cause of the asked event ("made redundant by the closure",
# "put down because of the virus"): its event is the asked one only when no other is named.
# "because" opens a cause, of a noun or a clause: "because they were left waiting".
_CAUSE_OPENERS = (("because",), ("due", "to"), ("owing", "to"), ("as", "a", "result", "of"))


def cause_phrase(tokens: list[Token]) -> int | None:
    """Where a phrase naming the asked event's cause starts, to the question's end: one of
    ``_CAUSE_OPENERS``, or "by" right after a participle ("made redundant by the closure"
    has no participle before "by"; "were destroyed by the fire" has one, and the event
    before it is asked anyway)."""
    words = [t for t in tokens if t.kind == "word"]
    lower = [t.lower for t in words]
    for n in range(2, len(words)):
        if any(tuple(lower[n : n + len(o)]) == o for o in _CAUSE_OPENERS):
            return words[n].start
        if lower[n] == "by" and (
            lx.is_participle(lower[n - 1]) or (n >= 3 and lower[n - 2] in _MADE)
        ):
            return words[n].start
    return None


_MADE = frozenset({"made", "left", "rendered"})

# Verbs of taking part, with the preposition that opens what is taken part in: "working on
# the rescue", "involved in killing the flock", "took part in the search", "helped with the
# clean-up". The people counted do the work; what befell others is not asked.
_PARTAKING = frozenset(lx.lemma(w) for w in "work involve participate help assist engage".split())
_PARTAKING_PREPOSITIONS = frozenset({"on", "in", "with", "at"})


def _partaking_phrase(tokens: list[Token]) -> int | None:
    """Where the phrase after a verb of taking part starts ("on the rescue" of "working on
    the rescue"), to the question's end; None when the question has no such verb."""
    words = [t for t in tokens if t.kind == "word"]
    for n in range(1, len(words) - 1):
        lemma, nxt = words[n].lemma, words[n + 1].lower
        if lemma in _PARTAKING and nxt in _PARTAKING_PREPOSITIONS:
            return words[n + 1].start
        if lemma == _TAKE and nxt == "part" and n + 2 < len(words):
            return words[n + 2].start  # "took part in the search"
    return None


_TAKE = lx.lemma("take")
_END = lx.lemma("end")


# How many words after a verb of making known its other word may come: "make the Ostley Park
# plan public".
_PAIR_REACH = 7


def announcement_asked(tokens: list[Token], measure: Measure | None) -> Measure | None:
    """For a when-question: the question's measure, an announcement when it names no event
    of its own but a verb of making known ("When did Kestrel announce the recall?", "When
    was the takeover made public?"), a decision when it names a word of deciding ("When did
    the coroner decide that the find was treasure?"). A count question keeps its measure:
    "how many deaths were announced?" asks for deaths."""
    if measure is not None and measure.events:
        return measure
    lemmas = [t.lemma for t in tokens if t.kind == "word"]
    # "make the Ostley Park plan public": the thing made known may take a few words
    pairs = {(a, b) for n, a in enumerate(lemmas) for b in lemmas[n + 1 : n + _PAIR_REACH]}
    if set(lemmas) & lx.ANNOUNCE_WORDS or pairs & lx.ANNOUNCE_PAIRS:
        event = "announcement"
    elif any(t.lower in lx.DECISION_FORMS for t in tokens):
        event = "decision"  # "When did the coroner decide that the find was treasure?"
    else:
        return measure
    words = measure.words if measure is not None else ()
    return Measure(
        ("event", event, "people", "", "count"),
        lx.EVENT_NAMES[event],
        frozenset({event}),
        words=words,
    )


def occurrence_asked(tokens: list[Token], measure: Measure | None) -> Measure | None:
    """For a when-question: the date of the thing a verb of happening has for its subject
    when the question names no event of its own ("On what date did the crush take place?",
    "When will next year's marathon be held?"), keyed as reports date it ("the crush
    occurred on 11 July", "the 2027 marathon")."""
    if measure is not None and measure.events:
        return measure
    words = [t for t in tokens if t.kind == "word"]
    for n in range(1, len(words)):
        took_place = words[n].lower == "place" and words[n - 1].lemma == _TAKE
        if not took_place and words[n].lemma not in lx.HAPPENING_VERBS:
            continue
        m = n - 2 if took_place else n - 1  # the word before "took place" or "happened"
        while m > 0 and words[m].lower in lx.AUXILIARIES:
            m -= 1
        subject = words[m]
        if m == 0 or subject.lower in lx.FUNCTION_WORDS or is_verbish(subject):
            return measure
        cls = lx.date_event_class(subject.text)
        return Measure(
            ("date", lx.lemma(subject.lower)),
            subject.lower,
            frozenset(cls or ()),
            words=measure.words if measure is not None else (),
        )
    return measure


def _question_pairs(words: list[Token]) -> dict[str, str]:
    """The events a question's verbs name with their objects or particles, each with its verb
    (lemmas): "lives were lost" as "lost their lives", in either order; a particle by its verb."""
    present = {t.lemma for t in words}
    pairs = {
        event: verb
        for (verb, obj), event in lx.VERB_OBJECT_LEMMAS.items()
        if verb in present
        and obj in present
        and (obj not in lx.PARTICLES or _near(words, verb, obj))
    }
    for n, t in enumerate(words):
        # "left without power" is an outage though "homes" is there too; of two objects
        # after the verb, the last names the event ("left without a home")
        after = [x.lemma for x in words[n + 1 : n + 5]]
        if (chosen := lx.pair_in(t.text, after)) is not None:
            pairs = {e: v for e, v in pairs.items() if v != t.lemma or e == chosen}
            if after[:1] == ["to"]:
                pairs.setdefault(chosen, t.lemma)  # "get to work": a start, by its "to"
    if pairs.get("start") == lx.lemma("broke") and not present & lx.OUTBREAK_NOUNS:
        pairs["escape"] = pairs.pop("start")  # "How many wolves broke out?": not a start
    return pairs


def _purpose(words: list[Token], n: int) -> bool:
    """Whether the word at ``n`` is the verb of a purpose after a noun ("the special effort to
    catch the runaway salmon", "the operation to spray"), which names what that was for, not
    the event asked when the question names another ("… wound up?")."""
    if n >= 2 and _infinitive_after_verb(words, n):
        return True  # "chipped in to help the county buy the coins": what it was for
    if n < 2 or words[n - 1].lower != "to":
        return False
    noun = words[n - 2]
    return (
        noun.lower not in lx.FUNCTION_WORDS
        and noun.lower not in lx.AUXILIARIES
        and not lx.is_participle(noun.text)
        and lx.event_class(noun.text) is None
    )


# Prepositions that tie a verb's "-ing" form to the noun before it: "the petition against
# selling the land", "the campaign for reopening the line", "the row over closing the ward".
_GERUND_TIES = frozenset({"against", "for", "about", "over"})


def _gerund_of_noun(words: list[Token], n: int) -> bool:
    """Whether the word at ``n`` is an "-ing" form after a noun and one of ``_GERUND_TIES``."""
    noun = words[n - 2]
    return (
        words[n].lower.endswith("ing")
        and words[n - 1].lower in _GERUND_TIES
        and noun.lower not in lx.FUNCTION_WORDS
        and lx.event_class(noun.text) is None
        and not lx.is_participle(noun.text)
    )


# How far back from a verb the "to" of its purpose may stand: "to help the county buy".
PURPOSE_REACH = 4


def _infinitive_after_verb(words: list[Token], n: int) -> bool:
    """Whether the word at ``n`` is in an infinitive of purpose after a verb or its particle
    ("have chipped in to help the county buy", "spent £2m to rebuild"): "to" shortly before
    it, after a verb form or a particle, with no conjunction or relative between."""
    for p in range(n - 1, max(0, n - 1 - PURPOSE_REACH), -1):
        w = words[p]
        if w.lower in lx.CONJUNCTIONS or w.lower in lx.RELATIVE_PRONOUNS:
            return False
        if w.lower == "to":
            before = words[p - 1]
            return before.lower in lx.PARTICLES or (
                before.lower not in lx.AUXILIARIES and lx.is_participle(before.text)
            )
    return False


def _near(words: list[Token], verb: str, particle: str) -> bool:
    """Whether ``particle`` follows ``verb`` (lemmas) closely enough to make a phrase with it:
    "got caught up", "were they cut off"; not "catch the runaway salmon wound up"."""
    # a name between is one object, however many words: "join Blackrake Pot up"
    words = [
        t
        for n, t in enumerate(words)
        if not (n and t.is_capitalized and words[n - 1].is_capitalized)
    ]
    for n, t in enumerate(words):
        if t.lemma != verb:
            continue
        for m in range(n + 1, min(n + 1 + lx.PARTICLE_REACH, len(words))):
            after = words[m + 1].lower if m + 1 < len(words) else ""
            if words[m].lemma == particle and (verb, particle, after) not in _OTHER_PHRASES:
                return True
    return False


# A verb and particle that make another phrase with the word after: "deaths put down to the
# delays" are blamed on them, no animals put down; what was turned up was found.
_OTHER_PHRASES = frozenset({(lx.lemma("put"), lx.lemma("down"), "to")}) | {
    # "did the detectorist turn up the silver?" found it; "people turned up" attended
    (*pair, word)
    for pair in lx.INTRANSITIVE_PAIRS
    for word in lx.DETERMINERS
}


# Words that name no distance or time after these: "so far", "thus far", "by far", "as far as".
_IDIOMS = {
    "far": frozenset({"so", "thus", "by", "as"}),
    # "the capacity of the array as built": the thing as it stands, no building asked
    **{w: frozenset({"as"}) for w in ("built", "installed", "constructed", "designed")},
}


def _without_idioms(words: list[Token]) -> list[Token]:
    """The question's words less those of an idiom ("how many have been found so far?" asks
    no distance; "How much did the fundraiser bring in in the end?" asks no end)."""
    return [
        t
        for n, t in enumerate(words)
        if not (n and words[n - 1].lower in _IDIOMS.get(t.lower, frozenset()))
        and not any(in_the_end(words, e) for e in range(n, min(n + 3, len(words))))
    ]


# Adjectives that are event words too: "its complete timetable" is no completion.
_EVENT_ADJECTIVES = frozenset({"complete", "full", "open", "final"})


def _noun_after(words: list[Token], n: int) -> Token | None:
    """The noun the word at ``n`` stands before, between a determiner and that noun ("the
    damaged tanker", "the hire scooters"): the next word when it is neither a function word,
    a name nor a verb; else None."""
    if n < 1 or n + 1 >= len(words) or words[n - 1].lower not in lx.DETERMINERS:
        return None
    after = words[n + 1]
    if (
        after.lower in lx.FUNCTION_WORDS
        or after.lower in lx.AUXILIARIES
        or after.is_capitalized
        or is_verbish(after)
    ):
        return None
    return after


def _attributive(words: list[Token], n: int) -> bool:
    """Whether the word at ``n`` describes the noun after it, between a determiner and that
    noun: "the damaged tanker", "its complete timetable"; not "the injured" nor "were
    damaged"."""
    after = _noun_after(words, n)
    if after is None:
        return False
    t = words[n]
    if not (lx.is_participle(t.text) or t.lower.endswith("ed") or t.lower in _EVENT_ADJECTIVES):
        return False  # "the start line": a noun's own compound, that names the event
    if any(w.lower in lx.SHARE_WORDS for w in words[:n]):
        return False  # "what fraction of the deployed soldiers …": a share of those sent
    return lx.event_class(after.text) is None


def _compound_head(words: list[Token], n: int) -> bool:
    """Whether the event word at ``n`` is a noun's first part, in its bare form between a
    determiner and a plural noun: "the hire scooters", "the rescue boats". The question's
    verb, if it has one of an event, says what is counted."""
    after = _noun_after(words, n)
    t = words[n]
    return (
        after is not None
        and after.lower.endswith("s")
        and not t.lower.endswith(("ed", "ing", "s"))
        and not lx.is_participle(t.text)
    )


# Verbs asked in their bare form before "back" or "home": "did people bring back".
_BARE_MOTION_VERBS = frozenset("bring come go hand fly send get take give move head travel".split())


def _particle_event(words: list[Token], n: int) -> str | None:
    """The event of a verb and the particle after it in a question ("were flown back",
    "sent home", "did they bring back"); not a noun before one ("care home")."""
    if n + 1 >= len(words) or words[n + 1].lower not in lx.PARTICLE_VERBS:
        return None
    if words[n + 2 : n + 3] and words[n + 2].lower in {"on", "up"}:
        return None  # "got their membership switched back on": started again, not returned
    t = words[n]
    verb = lx.is_participle(t.text) or t.lower in _BARE_MOTION_VERBS
    return lx.PARTICLE_VERBS[words[n + 1].lower] if verb else None


# "the last day to comment", "the closing date for entries": the day something closes.
_LAST_DAY = frozenset({"last", "final", "closing"})


def _stopped_doing(tokens: list[Token], words: list[Token]) -> bool:
    """Whether the question asks when something stopped or ceased doing ("When did the cap
    stop applying?", "stop taking answers"): the end of what it did. (How many stopped
    trading is a count of those that closed.)"""
    if not any(t.lower in _WHEN_ASKED for t in tokens):
        return False
    return any(
        t.lemma in _STOPPING and n + 1 < len(words) and words[n + 1].lower.endswith("ing")
        for n, t in enumerate(words)
    )


_STOPPING = frozenset({lx.lemma("stop"), lx.lemma("cease")})
_WHEN_ASKED = frozenset({"when", "date", "day"})
_END_EVENT = "end"


def _held(tokens: list[Token]) -> bool:
    """Whether the question asks what something had, its verb "have" with no participle
    after it ("How many ringers did St Michael's have before the work started?"): the event
    of its placing phrase says when, not what is counted."""
    lower = [t.lower for t in tokens if t.kind == "word"]
    return any(
        w in _HAVE and (n + 1 == len(lower) or lower[n + 1] in _AFTER_HAD)
        for n, w in enumerate(lower)
    )


def _reported(tokens: list[Token], words: list[Token], placing: tuple[int, int]) -> bool:
    """Whether the question counts things of its own noun that were reported or recorded
    ("How many crimes were reported in the month after the switch-off?"): the event of its
    placing phrase says when, not what is counted."""
    counted = _how_many_counts(tokens)
    return bool(counted) and any(
        t.lower in _RECORDING_VERBS and not placing[0] <= t.start < placing[1] for t in words
    )


_RECORDING_VERBS = lx.REPORTING_VERBS | frozenset("recorded logged registered".split())


# What may follow "have" when it asks what a thing had: the question's end, a placing word
# ("have before …") or a preposition ("have in 2020").
_AFTER_HAD = _PLACING_LATER | lx.PREPOSITIONS


def _question_events(
    tokens: list[Token], words: list[Token], group: list[Token], pairs: dict[str, str]
) -> set[str]:
    """The events a question asks about: those of its verbs, else those it places its count
    in ("after the flood"), names a purpose with, or names a thing by ("the hire scooters")."""
    events: set[str] = set()
    placing = placing_phrase(tokens)
    cause = cause_phrase(tokens)
    partaking = _partaking_phrase(tokens)
    unit = _unit_phrase(tokens)
    placed: set[str] = set()  # events of "after the flood": when, not what, is asked
    compounds: set[str] = set()  # "the hire scooters": what things are for, if nothing else
    purposed: set[str] = set()  # "the effort to catch the salmon": what it was for
    for n, t in enumerate(words):
        if t.lower in lx.FUNCTION_WORDS or t.lower in lx.REPORTING_VERBS:
            continue
        if partaking is not None and t.start >= partaking:
            continue  # "How many people were working on the rescue?": not the rescued
        if unit[0] <= t.start < unit[1]:
            continue  # "What does a keeper receive per dead hive?": what it is per, no deaths
        if t.is_capitalized and t.start > tokens[0].start:
            continue  # a name names no event: "How old is Helen Strand?" asks of no stranding
        if t.lemma in pairs.values() or t in group:
            continue
        if t.lemma == _END and words[n + 1 : n + 2] and words[n + 1].lower == "up":
            continue  # "How many men ended up stuck …?": how they came to be, not an end
        if _time_point(words, n) and not _asks_when(words):
            continue  # "What was the run-rate at the end of December?": a time, no end
        if _attributive(words, n):
            continue  # "its complete timetable", "the damaged tanker": what it is, no event
        if n >= 2 and _gerund_of_noun(words, n):
            continue  # "signed the petition against selling the land": what it is about
        if (back := _particle_event(words, n)) is not None:
            events.add(back)  # "flown back", "sent home", "did people bring back": returned
            continue
        if t.lower in _LIGHTER:
            events.add(_LOSS)  # "How many kilos lighter was she?": weight lost
            continue
        if t.lower in {"day", "date"} and n and words[n - 1].lower in _LAST_DAY:
            events |= lx.COMPOUND_NOUNS["deadline"]  # "the last day to comment": a deadline
            continue
        if (cls := lx.event_class(t.text)) is not None:
            apart = placing[0] <= t.start < placing[1] or (cause is not None and t.start >= cause)
            naming = _compound_head(words, n)
            (
                placed
                if apart
                else purposed
                if _purpose(words, n)
                else compounds
                if naming
                else events
            ).update(cls)
    # "… before all the bell work started": a pair of the placing phrase places too
    around = {t.lemma for t in words if not placing[0] <= t.start < placing[1]}
    placed |= {e for e, verb in pairs.items() if verb not in around}
    asked = {e for e, verb in pairs.items() if verb in around}
    held = _held(tokens) or _reported(tokens, words, placing) or _at_the_time(words)
    events |= asked or (set() if events or held else placed)
    events |= set() if events else purposed
    events |= set() if events else compounds
    if _stopped_doing(tokens, words):
        events = {_END_EVENT}  # "When did the old cap stop applying?": the end of applying it
    if _until_asked([t for t in tokens if t.kind == "word"]):
        events = {lx.UNTIL_ENDS.get(e, e) for e in events}  # "Until when is the lane shut?"
    return events


def _unit_phrase(tokens: list[Token]) -> tuple[int, int]:
    """The offsets of the thing a question asks a sum per, after "per" or "each" ("per dead
    hive"): its words say what the sum is per, not what befell; an empty span when none."""
    for n, t in enumerate(tokens[:-1]):
        if t.lower in {"per", "each"}:
            words, _ = noun_phrase(tokens, n + 1)
            if len(words) > 1:
                return words[0].start, words[-1].end
    return 0, 0


_UNTIL = frozenset({"until", "till"})
_ASKING = frozenset({"when", "what", "which"})


def _until_asked(words: list[Token]) -> bool:
    """Whether a question asks up to when a state lasts: "Until when …?", "Up to what date is
    the lane shut …?", "When is the pool closed until?"."""
    lower = [t.lower for t in words]
    if lower and lower[-1] in _UNTIL:
        return True
    for n, w in enumerate(lower[:-1]):
        after = lower[n + 1]
        if (w in _UNTIL and after in _ASKING) or (
            (w, after) == ("up", "to") and lower[n + 2 : n + 3] and lower[n + 2] in _ASKING
        ):
            return True
    return False


def question_measure(tokens: list[Token]) -> Measure | None:
    """The measure a question asks about: "how many died?" → deaths."""
    group = _partitive_group(tokens)
    words = _without_idioms(
        [t for t in tokens if t.kind == "word" and t.lower not in _QUESTION_WORDS]
    )
    pairs = _question_pairs(words)
    events = _question_events(tokens, words, group, pairs)
    placing = placing_phrase(tokens)
    included = _inclusion_phrase(tokens)
    objects = {obj for (_, obj), event in lx.VERB_OBJECT_LEMMAS.items() if event in pairs}
    # What "how many" counts, when the question names it, and only that ("how many people
    # helped look for the animals?" counts people; "how many barrels poured out of the damaged
    # tanker?" no vessels); else the question's nouns, not "homes" of "left homes".
    counted = _how_many_counts(tokens)
    entity = _entity(counted or [t for t in words if t.lemma not in objects], pinned=bool(events))
    if not counted and level_asked([t.lower for t in tokens if t.kind == "word"]):
        entity = None  # "What recycling level did the homes taking part reach?": no homes
    if not counted and entity in lx.PERSON_CLASSES and (_how_much(tokens) or _agent_asked(tokens)):
        # "How much is the city putting towards the police?": a sum, no people; "How many of
        # them did people get back out to sea?": the people are who did it
        entity = None
    events = _harm_to_things(events, entity)
    if _SAVING in events and not _how_much(tokens):
        events.discard(_SAVING)  # "the petition to save the library": a cause, no sum saved
    # Names ("North Korean", "Harlow") say whose figure, not which measure: not matched on.
    named = [t for t in words if t.is_capitalized and t.start > tokens[0].start]
    lemmas = tuple(
        t.lemma
        for t in words
        if t.lower not in lx.FUNCTION_WORDS
        and t not in named
        and not (t in group and lx.event_class(t.text))  # not "injured" of "of the injured"
        and not placing[0] <= t.start < placing[1]  # not "break-in" of "after the break-in"
        and not included[0] <= t.start < included[1]  # not "grant" of ", grant included"
    ) + tuple(lx.lemma(a) for t in words if (a := lx.attribute_class(t.text)))
    if any(t.lower == "against" for t in words):
        lemmas += ("against",)  # "how many voted against?": the losing side of a vote
    if any(
        a.lower == "far" and b.lower in _DOWNWARD | {"down"} for a, b in itertools.pairwise(words)
    ):
        lemmas += (_DEPTH,)  # "How far down does the cave reach?": a depth
    if (_RAISE_EVENT in events and _must([t.lower for t in words])) or _hoped(words):
        lemmas += (lx.lemma(_TARGET_WORD),)  # "how much does the group have to raise?": its goal
    lower = [t.lower for t in tokens if t.kind == "word"]
    if any(t.lower in lx.SHARE_WORDS for t in words) and not change_size_asked(lower):
        lemmas += ("share",)  # "what percentage / proportion / fraction of …"
    if bound := most_anyone([t.lower for t in words]):
        lemmas += (bound,)  # "the least I can invest" asks the minimum
    additive = any(
        t.lower in {"additional", "extra", "further", "more"} or t.lemma in lx.ADDITIVE_NOUNS
        for t in words
    )
    if events and events <= lx.HARM_EVENTS:
        fz = frozenset(events)
        name = lx.COMPOUND_NAMES.get(fz) or " or ".join(lx.EVENT_NAMES[e] for e in sorted(fz))
        return Measure(("harm", *sorted(fz), "count"), name, fz, entity, lemmas)
    if events:
        # "How much did it cost to build …?": a cost, of building
        costed = _COST_EVENT in events and _how_much(tokens)
        main = _COST_EVENT if costed else sorted(events)[0]
        # "How much has the appeal raised?" asks a sum, of no people: no count's key
        # "How many flights got scrapped?" counts flights, as a count of its own noun does.
        plain = _plain_head(counted[-1]) if counted and entity is None else None
        what = entity or plain or ("sum" if _how_much(tokens) else "people")
        parts = (["additional"] if additive else []) + [what, lx.EVENT_NAMES[main]]
        key = ("event", main, what, "+" if additive else "", "count")
        return Measure(key, " ".join(parts), frozenset(events), entity, lemmas)
    if entity is not None:
        return Measure(
            ("entity", entity, "+" if additive else ""), entity, entity=entity, words=lemmas
        )
    if lemmas:
        return Measure(("words", *lemmas), " ".join(t.lower for t in words[-2:]), words=lemmas)
    return None
