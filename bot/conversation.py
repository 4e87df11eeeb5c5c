"""Conversations: the last few turns per conversation, and follow-up questions read in
their light ("and in January?" → deaths in January; "which report says 300?").

The reading is deterministic: the same question reading the figures engine uses (measures,
time phrases, numbers), a few general rules about what a follow-up lacks, and retrieval with
the merged question. A question that names its own measure and subject stands on its own.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from bot.answer import Answer, Snippet
from retrieval.figures import lexicon as lx
from retrieval.figures.dates import find_dates
from retrieval.figures.measures import Measure, question_measure
from retrieval.figures.model import Claim, FigureGroup, FigureValue
from retrieval.figures.numbers import parse_number
from retrieval.figures.tokens import Token, tokenize

AnswerFn = Callable[[str], Answer]


class Ask(Protocol):
    """The core's ``ask`` as the adapters call it: ``conversation`` is a key they keep per
    thread or reply chain; ``earlier`` the questions asked there before, when they know them."""

    def __call__(
        self, question: str, /, *, conversation: str | None = ..., earlier: Sequence[str] = ...
    ) -> Answer: ...


# Words that open a follow-up: "and in January?", "what about the wounded?".
_OPENERS: tuple[tuple[str, ...], ...] = (
    ("and", "what", "about"),
    ("and", "how", "about"),
    ("what", "about"),
    ("how", "about"),
    ("what", "of"),
    ("and", "for"),
    ("and",),
    ("also",),
    ("but",),
)
_WH = frozenset("how what which when who whom whose why where".split())
# "which report says 300?", "where does 4,700 come from?", "who gives 600?"
_SOURCE_WORDS = frozenset(
    "report reports source sources document documents article articles say says said "
    "give gives gave come comes claim claims state states stated cite cites quote".split()
)
_DIFFER_WORDS = frozenset(
    "differ differs different difference differences disagree disagreement disagreements "
    "conflict conflicting discrepancy discrepancies vary varies contradict inconsistent".split()
)
_CLAIMANT_LEADS = (("according", "to"), ("as", "reported", "by"), ("reported", "by"))


@dataclass
class Turn:
    """One question of a conversation, as read, and the answer it got (None until needed)."""

    question: str  # as asked
    read_as: str  # the question answered: the merged one for a follow-up
    measure: Measure | None
    answer: Answer | None = None
    about_last: bool = False  # a question about the previous answer, not a new reading
    at: float = 0.0


@dataclass
class Reading:
    """How one question is read in its conversation."""

    question: str  # what retrieval and the figures get
    interpreted_as: str | None = None  # shown first when the conversation was used
    measure: Measure | None = None
    times: tuple[str, ...] = ()  # time phrases the question adds ("in January")
    claimants: tuple[str, ...] = ()  # "according to Ukraine" → "Ukraine"
    value: float | None = None  # "which report says 300?" → 300
    differ: bool = False  # "why do they differ?"


# --- reading a question ----------------------------------------------------------------------


def _words(tokens: Sequence[Token]) -> list[str]:
    return [t.lower for t in tokens if t.is_word]


def _opener_length(tokens: Sequence[Token]) -> int:
    words = _words(tokens)
    for opener in _OPENERS:
        if tuple(words[: len(opener)]) == opener:
            return len(opener)
    return 0


def _claimant_spans(tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
    """ "according to Ukraine's military" → (i, j, "Ukraine's military")."""
    out: list[tuple[int, int, str]] = []
    lows = [t.lower for t in tokens]
    for lead in _CLAIMANT_LEADS:
        for i in range(len(tokens) - len(lead)):
            if tuple(lows[i : i + len(lead)]) != lead:
                continue
            j = i + len(lead)
            while j < len(tokens) and tokens[j].kind != "punct":
                j += 1
            if j > i + len(lead):
                text = " ".join(t.text for t in tokens[i + len(lead) : j])
                out.append((i, j, text.replace(" ' s", "'s").replace(" ’ s", "’s")))
    return out


def _phrases(question: str) -> tuple[list[Token], list[tuple[int, int]], list[str], list[str]]:
    """Tokens, the token spans of time and claimant phrases, and their texts."""
    tokens = tokenize(question)
    spans: list[tuple[int, int]] = []
    times: list[str] = []
    for span in find_dates(tokens):
        spans.append((span.lead, span.j))
        times.append(question[tokens[span.lead].start : tokens[span.j - 1].end])
    claimants: list[str] = []
    for i, j, who in _claimant_spans(tokens):
        spans.append((i, j))
        claimants.append(who)
    return tokens, spans, times, claimants


def _inside(k: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(i <= k < j for i, j in spans)


def _number_asked(tokens: Sequence[Token]) -> float | None:
    nums = [t for t in tokens if t.kind == "num"]
    if len(nums) != 1:
        return None
    return parse_number(nums[0].text)


def is_about_sources(tokens: Sequence[Token]) -> float | None:
    """The value in "which report says 300?" / "where does 4,700 come from?"; else None."""
    words = set(_words(tokens))
    if not words & _WH or not words & _SOURCE_WORDS:
        return None
    return _number_asked(tokens)


def is_about_difference(tokens: Sequence[Token]) -> bool:
    """ "why do they differ?", "why the difference?", "why do the reports disagree?"."""
    words = set(_words(tokens))
    return bool({"why", "how", "explain"} & words and words & _DIFFER_WORDS)


def _substantive(measure: Measure | None) -> bool:
    return measure is not None and (bool(measure.events) or measure.entity is not None)


def _event_token(t: Token) -> bool:
    return t.is_word and t.lower not in lx.FUNCTION_WORDS and lx.event_class(t.text) is not None


def _entity_token(t: Token) -> bool:
    return (
        t.is_word
        and lx.event_class(t.text) is None
        and t.lower not in lx.FUNCTION_WORDS
        and lx.entity_class(t.text) in lx.ENTITY_CLASSES
    )


def _edit(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with character ranges replaced (ranges must not overlap)."""
    out = text
    for start, end, new in sorted(edits, reverse=True):
        out = out[:start] + new + out[end:]
    return " ".join(out.split())


def _without_phrases(text: str) -> str:
    """A question without its time and claimant phrases (a follow-up brings its own)."""
    tokens, spans, _, _ = _phrases(text)
    edits = [(tokens[i].start, tokens[j - 1].end, "") for i, j in spans]
    return _edit(text, edits)


def _with_phrases(base: str, phrases: Sequence[str]) -> str:
    base = base.rstrip(" ?.!")
    return " ".join([base, *phrases]) + "?"


def _merge(previous: str, own: list[Token], own_measure: Measure | None, extra: list[str]) -> str:
    """The previous question with what the follow-up brings in place of what it replaces."""
    prev_tokens = tokenize(previous)
    edits: list[tuple[int, int, str]] = []
    if own_measure is not None and own_measure.events:
        # "what about the wounded?": the new event replaces the old one.
        new = " ".join(t.text for t in own if _event_token(t))
        old = [t for t in prev_tokens if _event_token(t)]
        rest = [
            t.text
            for t in own
            if t.is_word and not _event_token(t) and t.lower not in lx.FUNCTION_WORDS
        ]
        if old:
            edits.append((old[0].start, old[-1].end, new))
            extra = [" ".join(rest), *extra]  # "deaths in the flood?": the flood too
        else:
            extra = [new, " ".join(rest), *extra]
    elif own_measure is not None and own_measure.entity is not None:
        # "what about civilians?": the new subject replaces the old one.
        new = " ".join(t.text for t in own if t.is_word and t.lower not in lx.FUNCTION_WORDS)
        old = [t for t in prev_tokens if _entity_token(t)]
        if old:
            edits.append((old[0].start, old[-1].end, new))
        else:
            extra = [new, *extra]
    else:
        words = [t.text for t in own if t.is_word and t.lower not in lx.FUNCTION_WORDS]
        extra = [" ".join(words), *extra] if words else extra
    merged = _edit(previous, edits)
    return _with_phrases(merged, [e for e in extra if e])


def _label(measure: Measure | None, question: str, times: Sequence[str], who: Sequence[str]) -> str:
    name = measure.name if measure is not None else question.rstrip(" ?.!")
    parts = [name[:1].upper() + name[1:]]
    if (
        measure is not None
        and measure.entity not in (None, "people")
        and measure.entity not in name
    ):
        parts.append(f"among {measure.entity}")
    parts += list(times)
    parts += [f"according to {w}" for w in who]
    return ", ".join(parts)


def read(question: str, turns: Sequence[Turn]) -> Reading:
    """How ``question`` is read after ``turns`` (oldest first)."""
    tokens, spans, times, claimants = _phrases(question)
    base = next((t for t in reversed(turns) if not t.about_last), None)
    if base is None:
        return Reading(question, measure=question_measure(tokens))
    if (value := is_about_sources(tokens)) is not None:
        return Reading(question, value=value)
    if is_about_difference(tokens):
        return Reading(question, differ=True)
    skip = _opener_length(tokens)
    words_seen = 0
    own: list[Token] = []
    for k, t in enumerate(tokens):
        if t.is_word:
            words_seen += 1
            if words_seen <= skip:
                continue
        if not _inside(k, spans) and t.kind != "punct":
            own.append(t)
    own_measure = question_measure(own)
    asks = bool(_words(own)) and _words(own)[0] in _WH
    complete = own_measure is not None and bool(own_measure.events) and own_measure.entity
    if complete or (asks and not skip and _substantive(own_measure)):
        return Reading(question, measure=question_measure(tokens))
    if asks and not skip and not times and not claimants:
        return Reading(question, measure=question_measure(tokens))
    previous = base.read_as
    if times or claimants:
        previous = _without_phrases(previous)
    merged = _merge(previous, [t for t in own if t.lower not in _WH], own_measure, times)
    if claimants:
        merged = _with_phrases(merged, [f"according to {w}" for w in claimants])
    merged_tokens, _, times, claimants = _phrases(merged)
    measure = question_measure(merged_tokens)
    return Reading(
        merged,
        interpreted_as=_label(measure, merged, times, claimants),
        measure=measure,
        times=tuple(times),
        claimants=tuple(claimants),
    )


# --- answering about the last answer ---------------------------------------------------------


def _matches(claim: Claim, value: float) -> bool:
    lo = claim.low if claim.low is not None else claim.high
    hi = claim.high if claim.high is not None else claim.low
    if lo is None or hi is None:
        return False
    return lo <= value <= hi or any(
        parse_number(m.text.split()[-1]) == value for m in claim.mentions if m.text
    )


def _snippet(value: FigureValue) -> Snippet | None:
    if value.start is None or value.end is None:
        return None
    return Snippet(
        doc_id=value.doc_id,
        title=value.title or value.doc_id,
        quote=value.quote,
        start=value.start,
        end=value.end,
        score=1.0,
        publisher=value.publisher,
        url=value.url,
    )


def _when_and_who(claim: Claim) -> str:
    """ "the January estimate, according to the NIS" / "from the latest reports"."""
    who = list(dict.fromkeys(m.claimed_by for m in claim.mentions if m.claimed_by))
    when = (
        f"the figure {_time_phrase(claim.as_of)}" if claim.as_of else "the latest reports' figure"
    )
    by = f", according to {' and '.join(who)}" if who else ""
    sources = "; ".join(claim.sources)
    return f"{claim.label} is {when}{by} ({sources})"


def _time_phrase(as_of: str) -> str:
    """ "in January" stays; "January" becomes "as of January"."""
    first = as_of.split()[0].lower() if as_of.split() else ""
    return as_of if first in lx.PREPOSITIONS or first == "as" else f"as of {as_of}"


def _answer_from(question: str, lead: str, groups: list[FigureGroup]) -> Answer:
    snippets: list[Snippet] = []
    seen: set[tuple[str, int | None]] = set()
    for g in groups:
        for v in g.values:
            if (v.doc_id, v.start) in seen:
                continue
            seen.add((v.doc_id, v.start))
            if (s := _snippet(v)) is not None:
                snippets.append(s)
    return Answer(question, True, snippets, groups, lead)


def about_value(question: str, value: float, previous: Answer) -> Answer | None:
    """Which documents, and which quotes, give ``value`` in ``previous``'s figures."""
    found: list[FigureGroup] = []
    for g in previous.figures:
        claims = [c for c in g.claims if _matches(c, value)]
        if claims:
            found.append(replace(g, claims=claims, note=""))
    if not found:
        return None
    lines = [f"{found[0].measure}: " + "; ".join(_when_and_who(c) for c in found[0].claims)]
    return _answer_from(question, lines[0], found)


def about_difference(question: str, previous: Answer, measure: str | None = None) -> Answer | None:
    """The times and claimants of the values that differ in ``previous``'s first group (or
    its group of ``measure``, the one the conversation last spoke of)."""
    differing = [g for g in previous.figures if g.status == "differ"]
    group = next((g for g in differing if g.measure == measure), None) or next(
        iter(differing), None
    )
    if group is None:
        if previous.figures:
            g = previous.figures[0]
            return _answer_from(question, f"The reports agree on {g.measure}: {g.note}", [g])
        return None
    lead = f"{group.measure[:1].upper()}{group.measure[1:]} differ: " + "; ".join(
        _when_and_who(c) for c in group.claims
    )
    return _answer_from(question, lead, [group])


def focused(answer: Answer, reading: Reading) -> Answer:
    """The answer led by the question as read, and by the values of the asked time or source."""
    if reading.interpreted_as is None:
        return answer
    picks: list[str] = []
    if answer.figures and (reading.times or reading.claimants):
        wanted = [w.lower() for w in (*reading.times, *reading.claimants)]
        for claim in answer.figures[0].claims:
            marks = [claim.as_of or ""] + [m.claimed_by or "" for m in claim.mentions]
            if any(_same_phrase(w, m) for w in wanted for m in marks if m):
                picks.append(_when_and_who(claim))
    body = "; ".join(picks) if picks else answer.summary
    lead = reading.interpreted_as.split(",")[0].lower() + ":"
    if body.lower().startswith(lead):
        body = body[len(lead) :].lstrip()
    return replace(
        answer,
        summary=f"{reading.interpreted_as}: {body}",
        interpreted_as=reading.interpreted_as,
    )


def _same_phrase(asked: str, stated: str) -> bool:
    """ "in January" and "In January"; "Ukraine" and "Ukraine's military"."""
    skip = lx.FUNCTION_WORDS | {"according"}
    a = {w.lower for w in tokenize(asked) if w.is_word and w.lower not in skip}
    s = {w.lower for w in tokenize(stated) if w.is_word}
    s |= {w.removesuffix("'s") for w in s}
    return bool(a) and a <= s


# --- the store ---------------------------------------------------------------------------------


@dataclass
class _Conversation:
    turns: list[Turn] = field(default_factory=list)
    seen: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class ConversationStore:
    """The last ``max_turns`` turns of at most ``max_conversations`` conversations, each
    forgotten after ``max_age`` seconds idle; the least recently used goes first when full."""

    def __init__(
        self,
        max_turns: int = 6,
        max_age: float = 3600.0,
        max_conversations: int = 1000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_turns = max_turns
        self.max_age = max_age
        self.max_conversations = max_conversations
        self._clock = clock
        self._items: OrderedDict[str, _Conversation] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            self._expire(self._clock())
            return len(self._items)

    def _expire(self, now: float) -> None:
        while self._items:
            key, conv = next(iter(self._items.items()))
            if now - conv.seen <= self.max_age and len(self._items) <= self.max_conversations:
                return
            del self._items[key]

    def _get(self, key: str, now: float) -> _Conversation:
        with self._lock:
            self._expire(now)
            conv = self._items.pop(key, None) or _Conversation()
            conv.seen = now
            self._items[key] = conv
            self._expire(now)
            return conv

    def turns(self, key: str) -> list[Turn]:
        """The turns kept for ``key`` (a copy), oldest first."""
        with self._lock:
            self._expire(self._clock())
            conv = self._items.get(key)
            return list(conv.turns) if conv is not None else []

    def answer(
        self,
        question: str,
        answer_fn: AnswerFn,
        key: str | None = None,
        earlier: Sequence[str] = (),
    ) -> Answer:
        """Answer ``question`` in conversation ``key`` and remember the turn.

        ``earlier``: the questions asked before it, oldest first, for a conversation this
        store does not hold (after a restart, or given on the command line).
        """
        now = self._clock()
        if key is None:
            turns = replay(earlier, now)
            return answer_turn(question, turns, answer_fn, now)[0]
        conv = self._get(key, now)
        with conv.lock:
            if not conv.turns and earlier:
                conv.turns = replay(earlier, now)[-self.max_turns :]
            conv.turns = [t for t in conv.turns if now - t.at <= self.max_age]
            answer, turn = answer_turn(question, conv.turns, answer_fn, now)
            conv.turns = [*conv.turns, turn][-self.max_turns :]
            conv.seen = self._clock()
            return answer


class ReplyChains:
    """Which conversation a message belongs to, for platforms where replies point at one
    message rather than a thread: a reply to the bot's answer (or to the question it
    answered) continues that conversation. Bounded: the oldest links go first."""

    def __init__(self, max_links: int = 40_000) -> None:
        self.max_links = max_links
        self._links: OrderedDict[int, str] = OrderedDict()
        self._lock = threading.Lock()

    def key_of(self, message_id: int, replied_to: int | None, prefix: str = "chain") -> str:
        """The conversation of message ``message_id`` (replying to ``replied_to``, if any):
        the replied-to message's, or a new one named after this message."""
        with self._lock:
            key = self._links.get(replied_to) if replied_to is not None else None
            return key or f"{prefix}:{message_id}"

    def link(self, key: str, *message_ids: int) -> None:
        with self._lock:
            for mid in message_ids:
                self._links.pop(mid, None)
                self._links[mid] = key
            while len(self._links) > self.max_links:
                self._links.popitem(last=False)


def replay(questions: Sequence[str], now: float = 0.0) -> list[Turn]:
    """Turns for questions asked before, read in order but not answered yet."""
    turns: list[Turn] = []
    for q in questions:
        q = q.strip()
        if not q:
            continue
        reading = read(q, turns)
        about = reading.value is not None or reading.differ
        turns.append(Turn(q, reading.question, reading.measure, about_last=about, at=now))
    return turns


def answer_turn(
    question: str, turns: Sequence[Turn], answer_fn: AnswerFn, now: float = 0.0
) -> tuple[Answer, Turn]:
    """The answer to ``question`` read after ``turns``, and the turn to remember."""
    reading = read(question, turns)
    answer: Answer | None = None
    if reading.value is not None or reading.differ:
        last = turns[-1].answer if turns and turns[-1].about_last else None
        spoken = last.figures[0].measure if last is not None and last.figures else None
        fallback: Answer | None = None
        for turn in [t for t in reversed(turns) if not t.about_last]:
            if turn.answer is None:
                turn.answer = answer_fn(turn.read_as)
            if reading.value is not None:
                answer = about_value(question, reading.value, turn.answer)
            elif spoken is None or any(g.measure == spoken for g in turn.answer.figures):
                answer = about_difference(question, turn.answer, spoken)
            else:
                fallback = fallback or about_difference(question, turn.answer)
            if answer is not None or (reading.differ and spoken is None):
                break
        answer = answer or fallback
    if answer is not None:
        return answer, Turn(
            question, question, None, replace(answer, snippets=[]), about_last=True, at=now
        )
    answer = focused(answer_fn(reading.question), reading)
    if answer.question != question:
        answer = replace(answer, question=question)
    # Later questions ask about its figures only: the quoted passages are not kept.
    kept = replace(answer, snippets=[])
    return answer, Turn(question, reading.question, reading.measure, kept, at=now)
