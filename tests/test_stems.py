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
    assert lemma("axed") == lemma("axing") == lemma("axe")  # too short for the -ed rule
    assert lemma("broke") == lemma("broken") == lemma("break")  # irregular forms
    # a final "e" that tells two words apart stays: a plane is not a plan
    assert lemma("planes") == lemma("plane") != lemma("plans") == lemma("planned")


def test_a_plan_is_not_counted_as_aircraft() -> None:
    from retrieval.figures.lexicon import entity_class

    assert entity_class("plan") == entity_class("plans") == "plan"
    assert entity_class("planes") == entity_class("jets") == "aircraft"


def test_keyword_search_and_figures_share_the_stemmer() -> None:
    from retrieval.ingest import content_words
    from retrieval.text.stems import stem

    assert content_words("The troops' cities were flooded") == ["troop", "city", "flood"]
    assert content_words("Dozens died; the dead") == ["dozen", "die", "die"]
    for word in ("released", "release", "fires", "died", "People", "estimated", "cases"):
        assert lemma(word) in (stem(word), stem(word).removesuffix("e"))


def test_keyword_terms_are_stems_and_the_words_as_written() -> None:
    from retrieval.keyword import tokenize

    assert tokenize("People’s fires: 39") == ["person", "=people", "fire", "=fires", "39"]


def _ranked(query: str, texts: list[str]) -> list[str]:
    from retrieval.keyword import KeywordIndex

    ids, _ = KeywordIndex.build(texts).search(query, len(texts))
    return [texts[i] for i in ids]


FILLER = ["The river rose overnight.", "Officials met on Monday.", "Roads were closed."]


def test_keyword_search_finds_every_form_of_a_word() -> None:
    found = _ranked("How many died?", ["Two soldiers were found dead.", *FILLER])
    assert found == ["Two soldiers were found dead."]
    found = _ranked("How many cases?", ["The first case was in May.", *FILLER])
    assert found == ["The first case was in May."]


def test_keyword_search_ranks_the_form_asked_for_first() -> None:
    texts = ["A fire broke out in a garage.", "The commission counted 39 fires.", *FILLER]
    assert _ranked("How many fires?", texts) == [texts[1], texts[0]]
    assert _ranked("Where was the fire?", texts) == [texts[0], texts[1]]
