"""The words around one figure, the figure itself masked: what its clause says it counts.

"An estimated 4,700 soldiers have suffered casualties, including approximately 600 deaths"
gives "An estimated soldiers have suffered casualties" for 4,700 and "including deaths" for
600. Compared with the question by the embedding model, such a clause tells measures apart
where no word of the question names them ("left without a home", "what was the damage bill").
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.figures.lexicon import FUNCTION_WORDS

# Where a clause ends: punctuation and the conjunctions that start another statement.
_BREAK = re.compile(r",(?!\d)|[;:()\u2014\u2013]|\s(?:and|but|while|whereas|which|after|as)\s")
_RELATION = re.compile(r"\s+(after|before)\b")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
MIN_WORDS = 2  # a clause of fewer words takes the one after it, else the one before
MAX_CHARS = 200
# Clauses remembered: a corpus's figures recur from one question to the next, and a question
# compares each figure's clause in more than one step (about 3 MB at most).
CLAUSES_KEPT = 8192


@lru_cache(maxsize=CLAUSES_KEPT)
def clause(sentence: str, figure: str, relation: bool = False, mark: str = "") -> str:
    """The clause of ``sentence`` that holds ``figure``, with the figure taken out (``mark``
    in its place).

    ``relation``: the figure is a span of time before a relation ("19 minutes after the
    alarm was raised"): the word and what it relates to stay in its clause."""
    at = sentence.find(figure)
    if at < 0:
        return _SPACES.sub(" ", sentence).strip()[:MAX_CHARS]
    past = at + len(figure)
    kept = ""
    if relation and (m := _RELATION.match(sentence, past)):
        kept, past = m.group(1), m.end()
    breaks = list(_BREAK.finditer(sentence))
    cuts = [0, *(m.end() for m in breaks), len(sentence)]
    start = max(c for c in cuts if c <= at)
    # The kept relation's own break ("… 19 minutes after the …") does not end the clause.
    end = min((m.end() for m in breaks if m.start() >= past), default=len(sentence))
    left, right = sentence[start:at], sentence[past:end]
    if _too_short(f"{left} {right}") and end < len(sentence):
        after = min(c for c in cuts if c > end)
        right = right + " " + sentence[end:after]
    elif _too_short(f"{left} {right}") and start > 0:
        before = max(c for c in cuts if c < start)
        left = sentence[before:start] + " " + left
    text = f"{_BREAK.sub(' ', left)} {mark} {kept} {_BREAK.sub(' ', right)}"
    return _SPACES.sub(" ", text).strip()[:MAX_CHARS]


def _too_short(text: str) -> bool:
    """Too few words to say what a figure is of: "In", "By the" (punctuation is no word)."""
    words = _WORD.findall(text)
    return len(words) < MIN_WORDS or all(w.lower() in FUNCTION_WORDS for w in words)
