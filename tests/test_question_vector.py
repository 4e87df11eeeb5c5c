"""The search hands the question's vector to the figures, which then embed only names."""

from __future__ import annotations

import numpy as np

from retrieval.figures import analyze

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]

QUESTION = "What is the amount of emergency aid?"
HITS = (
    "The council voted to rebuild the bridge at a cost of $18 million.",
    "The government pledged $25 million in emergency aid for the valley.",
)


def test_figures_given_the_question_vector_embed_only_the_names() -> None:
    seen: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        seen.extend(texts)  # a model for which only the aid clause is near the question
        return np.array([[1.0, 0.0] if "aid" in t else [0.0, 1.0] for t in texts])

    hits = _hits(*HITS)
    plain = analyze(QUESTION, hits, embed=embed)
    assert QUESTION in seen and plain.groups[0].claims[0].label == "$25 million"
    seen.clear()
    given = analyze(QUESTION, hits, embed=embed, question_vector=embed([QUESTION])[0])
    assert seen.count(QUESTION) == 1  # only the call above: the figures did not embed it
    assert given == plain
    elsewhere = analyze(QUESTION, hits, embed=embed, question_vector=np.array([0.0, 1.0]))
    assert elsewhere.groups[0].claims[0].label == "$18 million"  # the vector given decides
