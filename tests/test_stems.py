"""One stemmer for the project's word comparisons (``retrieval.text.stems``)."""

from __future__ import annotations

from retrieval.figures import lexicon
from retrieval.figures.tokens import tokenize
from retrieval.text.stems import lemma


def test_the_figures_stem_with_the_shared_stemmer() -> None:
    assert lexicon.lemma is lemma
    assert [t.lemma for t in tokenize("Troops killed")] == [lemma("Troops"), lemma("killed")]
    assert lemma("troops") == lemma("troop") and lemma("estimated") == lemma("estimate")
    assert lemma("died") == lemma("dead") and lemma("fires") == lemma("fire")


def test_keyword_search_strips_one_suffix() -> None:
    from retrieval.ingest import content_words
    from retrieval.text.stems import keyword_stem

    assert content_words("The troops' cities were flooded") == ["troop", "city", "flood"]
    assert keyword_stem("died") == "died" != lemma("died")  # see the module's note
