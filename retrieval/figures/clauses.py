"""The words around one figure, the figure itself masked: what its clause says it counts.

"An estimated 4,700 soldiers have suffered casualties, including approximately 600 deaths"
gives "An estimated soldiers have suffered casualties" for 4,700 and "including deaths" for
600. Compared with the question by the embedding model, such a clause tells measures apart
where no word of the question names them ("left without a home", "what was the damage bill").
"""

from __future__ import annotations

import re

from retrieval.figures.lexicon import FUNCTION_WORDS

# Where a clause ends: punctuation and the conjunctions that start another statement.
_BREAK = re.compile(r",(?!\d)|[;:()\u2014\u2013]|\s(?:and|but|while|whereas|which|after|as)\s")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
MIN_WORDS = 2  # a clause of fewer words takes the one after it, else the one before
MAX_CHARS = 200


def clause(sentence: str, figure: str) -> str:
    """The clause of ``sentence`` that holds ``figure``, with the figure taken out."""
    at = sentence.find(figure)
    if at < 0:
        return _SPACES.sub(" ", sentence).strip()[:MAX_CHARS]
    cuts = [0, *(m.end() for m in _BREAK.finditer(sentence)), len(sentence)]
    start = max(c for c in cuts if c <= at)
    end = min((c for c in cuts if c >= at + len(figure)), default=len(sentence))
    text = sentence[start:at] + " " + sentence[at + len(figure) : end]
    if _too_short(text) and end < len(sentence):
        after = min(c for c in cuts if c > end)
        text = text + " " + sentence[end:after]
    elif _too_short(text) and start > 0:
        before = max(c for c in cuts if c < start)
        text = sentence[before:start] + " " + text
    text = _BREAK.sub(" ", text)
    return _SPACES.sub(" ", text).strip()[:MAX_CHARS]


def _too_short(text: str) -> bool:
    """Too few words to say what a figure is of: "In", "By the" (punctuation is no word)."""
    words = _WORD.findall(text)
    return len(words) < MIN_WORDS or all(w.lower() in FUNCTION_WORDS for w in words)
