"""Milvus and FAISS give the same answers: the same quotes and the same figure groups for the
evaluation questions (tests/eval/*.jsonl) on their corpora, and underneath, the same passages
in the same order with the same scores from the dense side (a pool of 150 candidates, what
hybrid search asks for) and the same vectors for the exact cosines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pymilvus")
pytest.importorskip("milvus_lite")

from bot.core import AnswerService
from retrieval import index as idx
from retrieval.embedding import Embedder
from retrieval.vectors.faiss_store import FaissVectorStore
from retrieval.vectors.interface import VectorStore, assign_ids
from retrieval.vectors.milvus import MilvusVectorStore, release_lite

try:
    from tests.conftest import make_settings
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import make_settings  # type: ignore[no-redef]

QUESTIONS = [
    "How many troops did North Korea send?",
    "Is North Korea ready for a nuclear test?",
    "What did Russia supply to North Korea?",
    "Who is Lee Seong Kweun?",
    "how many died?",
    "How many North Korean soldiers were killed or wounded?",
    "What is the weather in Seoul tomorrow?",
    "Who won the 2022 World Cup?",
]
ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"
POOL = 150  # search.py's pool for the core's 30 hits: max(50, 5 * 30)


def fill(target: VectorStore, ids: np.ndarray, vectors: np.ndarray, docs: list[str]) -> None:
    target.add(ids, vectors, docs)
    target.publish(1)


@pytest.mark.slow
def test_milvus_and_faiss_return_the_same_passages_for_the_seeds(
    seed_index: Path, real_embedder: Embedder, tmp_path: Path
) -> None:
    index = idx.load(seed_index)
    keys = []
    for number, start, end in index.rows.tolist():
        meta = index.documents[number]
        keys.append((meta.doc_id, meta.sha256, start, end))
    ids = assign_ids(keys)
    docs = [k[0] for k in keys]
    vectors = np.asarray(index.embeddings, dtype=np.float32)
    dim = vectors.shape[1]

    faiss_store = FaissVectorStore.open(tmp_path / "vectors", model=index.model, dimension=dim)
    uri = str(tmp_path / "milvus.db")
    milvus_store = MilvusVectorStore.connect(uri, "seeds", model=index.model, dimension=dim)
    fill(faiss_store, ids, vectors, docs)
    fill(milvus_store, ids, vectors, docs)

    # Questions and passages' own text (exact duplicates across documents tie at cosine 1).
    texts = QUESTIONS + [index.passage(i).text for i in range(0, index.size, 7)]
    queries = real_embedder.encode(texts)
    for k in (10, POOL):
        f_scores, f_ids = faiss_store.search(queries, k)
        m_scores, m_ids = milvus_store.search(queries, k)
        np.testing.assert_array_equal(m_ids, f_ids)
        np.testing.assert_allclose(m_scores, f_scores, atol=1e-5)

    some = ids[::3]
    np.testing.assert_allclose(
        milvus_store.vectors_for(some), faiss_store.vectors_for(some), atol=1e-6
    )
    milvus_store.close()
    release_lite(uri)


def corpus_of(eval_set: Path) -> Path:
    """An evaluation set's corpus: ``seeds.jsonl`` → seeds/, ``x.jsonl`` → tests/corpora/x/."""
    if eval_set.stem == "seeds":
        return ROOT / "seeds"
    return ROOT / "tests" / "corpora" / eval_set.stem


def eval_sets() -> list[Path]:
    return sorted(p for p in EVAL.glob("*.jsonl") if corpus_of(p).is_dir())


def questions_of(eval_set: Path) -> list[str]:
    rows = [json.loads(line) for line in eval_set.read_text("utf-8").splitlines() if line.strip()]
    return [str(row["question"]) for row in rows]


@pytest.mark.slow
@pytest.mark.parametrize("eval_set", eval_sets() or [EVAL / "seeds.jsonl"], ids=lambda p: p.stem)
def test_answers_with_milvus_equal_answers_with_faiss(
    eval_set: Path, real_embedder: Embedder, tmp_path: Path
) -> None:
    corpus = corpus_of(eval_set)
    questions = questions_of(eval_set) if eval_set.exists() else []
    if corpus.name == "seeds":
        questions += QUESTIONS
    assert questions

    def service(index: Path, **overrides: object) -> AnswerService:
        settings = make_settings(
            corpus_dir=corpus,
            index_dir=index,
            reload_interval=0,
            query_backend="torch",
            **overrides,
        )
        return AnswerService(settings, embedder=real_embedder)

    faiss = service(tmp_path / "faiss")
    faiss.build()
    # The Milvus index starts as a copy of the FAISS one: its vectors move to the collection
    # without being embedded again, so both search the very same vectors.
    shutil.copytree(tmp_path / "faiss", tmp_path / "milvus")
    uri = str(tmp_path / "milvus.db")
    milvus = service(tmp_path / "milvus", vector_store="milvus", milvus_uri=uri)
    report = milvus.build()
    assert report.embedded == 0 and not (tmp_path / "milvus" / idx.FAISS_DIR).exists()
    try:
        answered = figures = 0
        for question in questions:
            with_faiss = faiss.ask(question).to_dict()
            with_milvus = milvus.ask(question).to_dict()
            assert with_milvus == with_faiss, question
            answered += with_faiss["answered"]
            figures += len(with_faiss["figures"])
        assert answered and figures  # the comparison covered real quotes and figure groups
    finally:
        faiss.close()
        milvus.close()
        release_lite(uri)
