"""Whether a passage shares a word of the question's subject, not only a name.

"What is the population of Harlow?" shares "Harlow" with every report of a flood there, and
nothing else: a shared name alone does not make a passage about the question. Names are the
capitalized words after the question's first; question words and function words never count.
"""

from __future__ import annotations

from functools import lru_cache

_QUESTION_WORDS = frozenset("how many much what which when who whom whose why where".split())


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
    )


def names_only(question: str, text: str) -> bool:
    """True when ``text`` shares none of the question's subject words (maybe some names)."""
    from retrieval.figures.tokens import tokenize

    words = subject_words(question)
    if not words:
        return False  # a question of names only: the names are its subject
    return not any(t.lemma in words for t in tokenize(text) if t.kind == "word")
