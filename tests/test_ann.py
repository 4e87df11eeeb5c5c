"""Vector index types: chosen by corpus size or setting, recorded, and accurate against exact."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from retrieval import index as idx
from retrieval.embedding import Embedder, HashingEmbedder
from retrieval.vectors import faiss_index as ann
from retrieval.vectors.rowfile import RowFile

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FAKE = "fake-hash:64"


def test_choose_kind_follows_corpus_size() -> None:
    assert ann.choose_kind(0) == "flat"
    assert ann.choose_kind(ann.ANN_THRESHOLD - 1) == "flat"
    assert ann.choose_kind(ann.ANN_THRESHOLD) == "hnsw"
    assert ann.choose_kind(ann.IVF_THRESHOLD - 1) == "hnsw"
    assert ann.choose_kind(ann.IVF_THRESHOLD) == "ivf"
    assert ann.choose_kind(5_000_000) == "ivf"
    assert ann.choose_kind(100, threshold=50) == "hnsw"
    assert ann.choose_kind(100, threshold=50, ivf_threshold=80) == "ivf"


@pytest.mark.parametrize("kind", ann.KINDS)
def test_setting_overrides_the_size_rule(kind: str) -> None:
    assert ann.choose_kind(10, kind) == kind
    assert ann.choose_kind(10_000_000, kind) == kind


def test_unknown_index_type_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown index type"):
        ann.choose_kind(10, "annoy")


def test_ivf_cells_grow_with_the_corpus() -> None:
    small = ann.default_params("ivf", 10_000)
    large = ann.default_params("ivf", 1_000_000)
    assert small["nlist"] < large["nlist"]
    for params, n in ((small, 10_000), (large, 1_000_000)):
        assert params["nprobe"] <= params["nlist"]
        assert n // params["nlist"] >= 39  # enough training points per cell
    assert ann.default_params("ivfpq", 100_000)["pq_bytes"] == ann.PQ_BYTES


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_build_records_the_chosen_type_and_its_setting(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    index = tmp_path / "index"
    emb = HashingEmbedder(64, name=FAKE)
    report = idx.build(folder, index, lambda: emb, model=FAKE, index_type="auto")
    manifest = idx.read(index)
    assert report.index_type == manifest.index_type == "flat"
    assert manifest.index_type_setting == "auto"

    # The same corpus above a lower threshold: approximate, and a rebuild without the model.
    def refuse() -> Embedder:
        raise AssertionError("changing the index type must not re-embed")

    report = idx.build(folder, index, refuse, model=FAKE, index_type="auto", ann_threshold=10)
    manifest = idx.read(index)
    assert report.index_type == manifest.index_type == "hnsw"
    assert manifest.ann_threshold == 10
    assert manifest.index_params["ef_search"] == ann.HNSW_EF_SEARCH
    dense = idx.load(index, FAKE).vectors.store  # the folder's FaissVectorStore
    assert dense.kind == "hnsw" and dense.params["ef_search"] == ann.HNSW_EF_SEARCH
    # Candidates are re-scored exactly from the vectors on disk, not from memory.
    assert isinstance(dense.index.refine, RowFile)
    assert (
        idx.stale_reasons(manifest, idx.Target(folder, FAKE, 450, "auto", ann_threshold=10)) == []
    )
    assert idx.stale_reasons(manifest, idx.Target(folder, FAKE, 450, "ivf")) == [
        "a hnsw index, the settings ask for ivf"
    ]

    report = idx.build(folder, index, refuse, model=FAKE, index_type="ivf")
    manifest = idx.read(index)
    assert report.index_type == manifest.index_type == "ivf"
    assert manifest.index_type_setting == "ivf"
    assert idx.load(index, FAKE).vectors.store.kind == "ivf"


# --- recall against exact search, on real embeddings of real text -------------------------------


@pytest.fixture(scope="module")
def real_vectors(real_embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """(passages, questions) of real text: windows of one to three sentences and overlapping
    40-word windows of the seed reports as passages (near-duplicates make neighbours close,
    which is what makes approximate search miss), and sentences reworded as questions."""
    sentences: list[str] = []
    passages: set[str] = set()
    for path in sorted(SEEDS.glob("*.txt")):
        text = " ".join(path.read_text("utf-8").split())
        own = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20]
        sentences.extend(own)
        passages.update(" ".join(own[i : i + w]) for w in (1, 2, 3) for i in range(len(own)))
        words = text.split()
        passages.update(" ".join(words[i : i + 40]) for i in range(0, len(words) - 40, 6))
    questions = [f"What was said about this: {s[:80]}?" for s in sentences[::3]]
    return real_embedder.encode(sorted(passages)), real_embedder.encode(questions)


def _recall_at_10(index: ann.FaissIndex, exact: ann.FaissIndex, queries: np.ndarray) -> float:
    _, truth = exact.search(queries, 10)
    _, got = index.search(queries, 10)
    return float(np.mean([len(set(t) & set(g)) / 10 for t, g in zip(truth, got, strict=True)]))


@pytest.mark.parametrize("kind", ["hnsw", "ivf", "ivfpq"])
def test_approximate_recall_against_exact(
    kind: str, real_vectors: tuple[np.ndarray, np.ndarray]
) -> None:
    passages, questions = real_vectors
    assert len(passages) >= 500
    exact = ann.build_index(passages, "flat")
    # Forced to probe half the cells: at this size the default probes all of them.
    params = {"nlist": 32, "nprobe": 16} if kind != "hnsw" else None
    index = ann.build_index(passages, kind, params=params, refine=passages)
    assert index.kind == kind and index.size == len(passages)
    assert _recall_at_10(index, exact, questions) >= 0.95
    # Scores come back exact (re-scored from the float vectors), best first.
    scores, ids = index.search(questions[:5], 10)
    for row in range(5):
        assert np.allclose(scores[row], passages[ids[row]] @ questions[row], atol=1e-5)
        assert list(scores[row]) == sorted(scores[row], reverse=True)


def test_forced_index_type_recall_through_the_store(
    tmp_path: Path, real_vectors: tuple[np.ndarray, np.ndarray], real_embedder: Embedder
) -> None:
    """An index saved and loaded with ``index_type`` forced finds what exact search finds."""
    folder = _corpus(tmp_path)
    for kind in ("flat", "hnsw", "ivf"):
        idx.build(
            folder,
            tmp_path / kind,
            lambda: real_embedder,
            model="",
            index_type=kind,
            export_query_encoder=False,
        )
    exact = idx.load(tmp_path / "flat")
    _, questions = real_vectors
    for kind in ("hnsw", "ivf"):
        loaded = idx.load(tmp_path / kind)
        assert loaded.manifest.index_type == loaded.vectors.store.kind == kind
        assert _recall_at_10(loaded.vectors, exact.vectors, questions) >= 0.95


def test_row_file_reads_what_was_saved(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    matrix = rng.standard_normal((500, 24)).astype(np.float32)
    np.save(tmp_path / "m.npy", matrix)
    rows = RowFile(tmp_path / "m.npy")
    assert rows.shape == matrix.shape and len(rows) == 500
    for ids in ([0], [499], [7, 3, 3, 4, 5, 6, 480], rng.integers(0, 500, 60), [-1, -500]):
        assert np.array_equal(rows[np.asarray(ids)], matrix[np.asarray(ids)])
    assert np.array_equal(rows[10], matrix[10])
    assert np.array_equal(rows[10:20], matrix[10:20])
    assert np.array_equal(np.asarray(rows), matrix)
    assert rows[np.zeros(0, np.int64)].shape == (0, 24)
    with pytest.raises(IndexError):
        rows[np.asarray([500])]
    # Threads share it: pread has no file position to race on.
    from concurrent.futures import ThreadPoolExecutor

    picks = [rng.integers(0, 500, 40) for _ in range(64)]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda ids: rows[ids], picks))
    assert all(np.array_equal(g, matrix[p]) for g, p in zip(got, picks, strict=True))
    rows.close()
