"""Places a sentence names, for questions that ask where.

A place is read from its form, not from a gazetteer: a locative preposition followed by a
name ("in Kursk Oblast", "at Port Averne General Hospital", "near the Harrow Quay pumping
station") or by a place noun ("in the coastal city of Port Averne", "at two community
centres"), or a name right before a place noun ("the Kursk region"). Month and weekday
names are not places ("in March", "on Monday").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from retrieval.figures import lexicon as lx
from retrieval.figures.asks import question_words
from retrieval.figures.tokens import Token, sentence_spans, tokenize
from retrieval.text.stems import lemma

# Prepositions that put what follows in a place: "in", "at", "near" …; "on" and "from" are
# left out: "on Monday", "on the side of", "from 300 to 600" say no place far more often.
_LOCATIVE = frozenset(
    """in at near inside outside across around along into throughout within beside behind
    beneath under above opposite off onto towards toward""".split()
)
# Nouns that name a kind of place: "the region", "a community centre".
PLACE_NOUNS = frozenset(
    """region regions area areas city cities town towns village villages district districts
    province provinces county counties state states country countries oblast territory
    territories neighbourhood neighborhood neighbourhoods neighborhoods suburb suburbs
    quarter street streets road roads avenue lane square park parks site sites centre centres
    center centers hall halls school schools hospital hospitals station stations building
    buildings plant plants factory factories warehouse port harbour harbor coast coastline
    border borders front frontline island islands valley river bank estate campus church
    stadium arena venue ground grounds field fields farm farms mine mines shelter shelters
    camp camps base bases airport terminal bridge tower wing ward floor basement room
    gallery museum library market depot yard dock pier beach shore bay peninsula capital
    municipality parish headquarters office offices premises facility facilities
    location locations spot zone zones sector basin plain hills mountains forest woods""".split()
)
# "at least 300", "at first", "in part": the word after the preposition says it is no place.
_NOT_AFTER = frozenset("least most first last once times risk all present large length".split())
# A name with one of these endings before a noun is an adjective: "Russian custody".
_DEMONYM_ENDINGS = ("an", "ese", "ish", "i")
_TIME_AFTER = frozenset("yesterday today tonight later earlier last next overnight".split())
_DETERMINERS = frozenset("the a an its their his her our this that these those two three".split())
_NOT_NAMES = frozenset(lx.MONTHS) | lx.WEEKDAYS | frozenset({"i"})
_MAX_LEAD = 4  # words between the preposition and the name or place noun: "the coastal city"


@dataclass(frozen=True)
class Place:
    name: str  # the capitalized name, lower case, or "" when only a place noun: "kursk"
    start: int
    end: int
    text: str = ""  # as written: "the Kursk region", "Port Averne General Hospital"


def _is_name(token: Token, first: bool) -> bool:
    return token.is_capitalized and not first and token.lower not in _NOT_NAMES


def _name_run(tokens: list[Token], i: int, first: int) -> int:
    """The index after a run of name words from ``i`` ("Port Averne General Hospital"),
    allowing "of" inside it ("Bank of England")."""
    j = i
    while j < len(tokens):
        if _is_name(tokens[j], j == first) or (
            tokens[j].lower == "of"
            and j + 1 < len(tokens)
            and _is_name(tokens[j + 1], False)
            and j > i
        ):
            j += 1
        else:
            break
    return j


def _after_preposition(tokens: list[Token], i: int, first: int) -> Place | None:
    """The place named after the preposition at ``i``, if any."""
    j = i + 1
    if j < len(tokens) and tokens[j].lower in _NOT_AFTER:
        return None
    end = min(len(tokens), i + 1 + _MAX_LEAD + 1)
    while j < end:
        token = tokens[j]
        if not token.is_word:
            return None
        if _is_name(token, j == first):
            k = _name_run(tokens, j, first)
            return _named(tokens, i + 1, j, k)
        if token.lower in PLACE_NOUNS:
            k = j + 1
            names: list[Token] = []
            # "the city of Port Averne"
            if k + 1 < len(tokens) and tokens[k].lower == "of" and _is_name(tokens[k + 1], False):
                names = tokens[k + 1 : _name_run(tokens, k + 1, first)]
                k = k + 1 + len(names)
            return _place(tokens, i + 1, k, names)
        if token.lower not in _DETERMINERS and (
            not token.text.islower() or token.lower in lx.FUNCTION_WORDS
        ):
            return None  # "in favour of Russia", "in the war with Ukraine"
        j += 1
    return None


def _named(tokens: list[Token], start: int, name: int, end: int) -> Place | None:
    """A place for the name ``tokens[name:end]``: with the place noun after it ("the Kursk
    region"), or alone unless it is an adjective ("in Russian custody" names none)."""
    if end < len(tokens) and tokens[end].lower in PLACE_NOUNS:
        return _place(tokens, start, end + 1, tokens[name:end])
    if (
        end < len(tokens)
        and tokens[end].kind == "word"
        and tokens[end].text.islower()
        and tokens[end].lower not in lx.FUNCTION_WORDS | _TIME_AFTER
        and tokens[end - 1].lower.endswith(_DEMONYM_ENDINGS)
    ):
        return None  # "in Russian custody", "in British waters"
    if tokens[end - 1].lower.endswith(("'s", "s'")):
        return None  # "in North Korea's losses"
    return _place(tokens, start, end, tokens[name:end])


def _place(tokens: list[Token], start: int, end: int, names: list[Token]) -> Place:
    name = " ".join(t.lower for t in names if t.lower != "of")
    return Place(name, tokens[start].start, tokens[end - 1].end)


def places(sentence: str, tokens: list[Token] | None = None) -> list[Place]:
    """The places ``sentence`` names, in order; ``tokens``: its tokens, when at hand."""
    tokens = tokenize(sentence) if tokens is None else tokens
    first = next((i for i, t in enumerate(tokens) if t.is_word), 0)
    found: list[Place] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        place = None
        if token.lower in _LOCATIVE:
            place = _after_preposition(tokens, i, first)
        elif (
            _is_name(token, i == first)
            and (k := _name_run(tokens, i, first)) < len(tokens)
            and tokens[k].lower in PLACE_NOUNS
        ):  # "the Kursk region"
            place = _place(tokens, i, k + 1, tokens[i:k])
        if place is None and token.is_capitalized:
            i = max(i + 1, _name_run(tokens, i, first))
            continue
        if place is None:
            i += 1
            continue
        found.append(replace(place, text=sentence[place.start : place.end]))
        i = next((n for n, t in enumerate(tokens) if t.start >= place.end), len(tokens))
    return found


_PLACE_ASKING = frozenset(
    "where whereabouts location locations place places site sites region area country city".split()
)


def asks_where(question: str) -> bool:
    """True when the question asks for a place: "Where …?", "In which region …?",
    "What location …?", "Which countries …?"."""
    every = question_words(question)
    if "from" in every and {"come", "comes", "came"} & set(every):
        return False  # "where does 4,700 come from?" asks for a source, not a place
    words = every[:4]
    if {"where", "whereabouts"} & set(words[:3]):
        return True
    for i, word in enumerate(words):
        if word in ("which", "what") and i + 1 < len(words):
            after = words[i + 1]
            return after in _PLACE_ASKING or after in PLACE_NOUNS
    return False


def content_words(text: str, tokens: list[Token] | None = None) -> set[str]:
    """Lemmas of the words of ``text`` that are not function words, and the event each
    names ("~start" for "began" and "commenced"), so that wordings of one event meet."""
    words = {
        lemma(t.lower)
        for t in (tokenize(text) if tokens is None else tokens)
        if t.kind == "word" and t.lower not in lx.FUNCTION_WORDS
    }
    return words | {f"~{event}" for w in words for event in lx.event_class(w) or ()}


@dataclass(frozen=True)
class PlaceSentence:
    start: int
    end: int
    shared: frozenset[str]  # content words shared with the question
    names: tuple[str, ...]  # the places' names, lower case ("kursk", "port averne")


def place_sentences(question: str, text: str) -> list[PlaceSentence]:
    """The sentences of ``text`` that name a place the question does not name and share a
    content word with the question."""
    asked = content_words(question) - _PLACE_ASKING - {"where"}
    named = {p.name for p in places(question) if p.name}
    found = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        tokens = tokenize(sentence)
        shared = frozenset(asked & content_words(sentence, tokens))
        if not shared:
            continue
        new = [p for p in places(sentence, tokens) if p.name not in named]
        if new:
            names = tuple(dict.fromkeys(p.name for p in new if p.name))
            found.append(PlaceSentence(start, end, shared, names))
    return found


def _within(name: str, place: str) -> bool:
    """Whether ``name`` is ``place`` or a place inside it named after it ("kursk oblast")."""
    return name == place or name.startswith(place + " ")


def common_places(
    question: str,
    texts: Sequence[str],
    docs: Sequence[str],
    weights: Sequence[float] | None = None,
    sentences: Sequence[list[PlaceSentence]] | None = None,
) -> list[str]:
    """The places the documents name where they speak of what the question asks, the most
    named and most closely first: at most ``MAX_PLACES``, the others (rivals: sources that
    place it differently) only when they score at least ``RIVAL_SHARE`` of the first.

    Every sentence that names a place and shares a word with the question scores the
    ``weight`` of its text (how close the passage is to the question; 1 without weights); a
    place scores, over the documents, each document's best sentence naming it, a longer name
    counting towards the name it starts with ("kursk oblast" for "kursk").
    ``sentences``: each text's ``place_sentences``, when already found."""
    if sentences is None:
        sentences = [place_sentences(question, text) for text in texts]
    found = [
        (doc, s, n)
        for n, (text, doc, placed) in enumerate(zip(texts, docs, sentences, strict=True))
        for s in placed
        if s.names
    ]
    if not found:
        return []
    scores = [weights[f[2]] if weights is not None else 1.0 for f in found]
    best: dict[tuple[str, str], float] = {}
    for (doc, sentence, _), score in zip(found, scores, strict=True):
        for name in sentence.names:
            best[name, doc] = max(best.get((name, doc), 0.0), float(score))
    names = sorted({name for name, _ in best})
    total = {p: sum(v for (n, _), v in best.items() if _within(n, p)) for p in names}
    ranked: list[str] = []
    for name in sorted(names, key=lambda p: -total[p]):
        if not any(_within(name, p) or _within(p, name) for p in ranked):
            ranked.append(name)
    return [p for p in ranked[:MAX_PLACES] if total[p] >= RIVAL_SHARE * total[ranked[0]]]


def names_place(sentence: PlaceSentence, places: Sequence[str]) -> bool:
    return any(_within(n, p) for n in sentence.names for p in places)


# A where-question's quotes hold at least this many passages that name its place, and one
# for each rival place scoring at least this share of the first.
MIN_PLACED = 2
RIVAL_SHARE = 0.5
MAX_PLACES = 3  # the first place and at most two rivals
PER_DOCUMENT = 2  # passages of one document among the quotes, as elsewhere


def favour_places(
    question: str,
    texts: Sequence[str],
    docs: Sequence[str],
    chosen: Sequence[int],
    weights: Sequence[float] | None = None,
) -> tuple[list[int], list[str]]:
    """The quotes for a where-question and the places they name (``common_places``):
    ``chosen`` (indices into ``texts``, best first) with the passages naming the first
    place put first, then each rival's; when fewer than ``MIN_PLACED`` name the first, or
    none a rival, the best such passages of the rest come in for the last of the others, at
    most ``PER_DOCUMENT`` from one document. ``weights``: how close each text is to the
    question."""
    sentences = [place_sentences(question, text) for text in texts]
    found = common_places(question, texts, docs, weights, sentences)
    naming = [
        {i for i, placed in enumerate(sentences) if any(names_place(s, [p]) for s in placed)}
        for p in found
    ]
    picked = list(chosen)
    needs = [MIN_PLACED, *[1] * (len(naming) - 1)][: len(naming)]
    for need, placed in zip(needs, naming, strict=True):
        for extra in (i for i in range(len(texts)) if i in placed and i not in picked):
            others = [i for i in picked if not any(i in n for n in naming)]
            if sum(i in placed for i in picked) >= need or not others:
                break
            if sum(docs[i] == docs[extra] for i in picked if i != others[-1]) < PER_DOCUMENT:
                picked.remove(others[-1])
                picked.append(extra)
    rank = {i: next((k for k, n in enumerate(naming) if i in n), len(naming)) for i in picked}
    return sorted(picked, key=lambda i: (rank[i], i)), found
