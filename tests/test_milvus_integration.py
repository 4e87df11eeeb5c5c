"""The bot with CORPUSBOT_VECTOR_STORE=milvus (Milvus Lite files in tmp_path): builds write
only changed documents to the collection, replicas see a rebuild, faults are one-line errors
at start and apologies while serving."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("pymilvus")
pytest.importorskip("milvus_lite")

from bot.core import AnswerService
from bot.messages import APOLOGY_MESSAGE
from retrieval import index as idx
from retrieval.errors import BackendUnavailableError, BadInputError, IndexLoadError
from retrieval.vectors.interface import document_key
from retrieval.vectors.milvus import BUILDING, STATE, MilvusVectorStore, release_lite

try:
    from tests.conftest import FAKE_MODEL, ROOT, SEEDS, make_settings
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import FAKE_MODEL, ROOT, SEEDS, make_settings  # type: ignore[no-redef]

QUESTION = "How many troops did North Korea send?"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[str]:
    uri = str(tmp_path / "milvus.db")
    yield uri
    release_lite(uri)


def milvus_service(corpus: Path, index: Path, uri: str, **overrides: Any) -> AnswerService:
    options: dict[str, Any] = {
        "model": FAKE_MODEL,
        "vector_store": "milvus",
        "milvus_uri": uri,
        "milvus_collection": "passages",
        "reload_interval": 0,
    }
    settings = make_settings(corpus_dir=corpus, index_dir=index, **{**options, **overrides})
    return AnswerService(settings)


def stored(service: AnswerService) -> MilvusVectorStore:
    vector_store = service.vector_store()
    assert isinstance(vector_store, MilvusVectorStore)
    return vector_store


def ids_by_document(index_dir: Path) -> dict[str, set[int]]:
    loaded = idx.load(index_dir, dense=False)
    ids = np.load(index_dir / idx.PASSAGE_IDS)
    out: dict[str, set[int]] = {}
    for row, (number, _, _) in enumerate(loaded.rows.tolist()):
        out.setdefault(loaded.documents[number].doc_id, set()).add(int(ids[row]))
    return out


def test_build_keeps_vectors_in_milvus_and_the_rest_in_the_folder(
    corpus: Path, tmp_path: Path, lite: str
) -> None:
    service = milvus_service(corpus, tmp_path / "index", lite)
    report = service.build()
    assert report.full and report.passages > 0
    manifest = idx.read(tmp_path / "index")
    record = manifest.vector_store
    assert record["backend"] == "milvus" and record["generation"] == 1
    assert lite in record["location"] and "passages" in record["location"]
    assert not (tmp_path / "index" / idx.FAISS_DIR).exists()  # no FAISS file to keep in step
    assert (tmp_path / "index" / idx.KEYWORDS).exists()  # BM25 stays local
    milvus = stored(service)
    assert milvus.count() == report.passages
    assert milvus.info.generation == 1 and milvus.info.properties[STATE] != BUILDING

    answer = service.ask(QUESTION)
    assert answer.answered and answer.snippets
    assert service.build().up_to_date
    service.close()


def test_a_rebuild_adds_and_deletes_only_the_changed_documents(
    corpus: Path, tmp_path: Path, lite: str
) -> None:
    service = milvus_service(corpus, tmp_path / "index", lite)
    service.build()
    before = ids_by_document(tmp_path / "index")
    old_keys = {
        d.path: document_key(d.doc_id, d.sha256)
        for d in idx.load(tmp_path / "index", dense=False).documents
    }
    files = sorted(corpus.glob("*.txt"))
    changed, removed = files[0], files[1]
    changed.write_text(changed.read_text("utf-8") + "\n\nA late note: 42 more were reported.\n")
    removed.unlink()
    (corpus / "new_report.txt").write_text(
        "A new report.\n\nIt says 7,000 troops arrived in the spring.\n", "utf-8"
    )

    milvus = stored(service)
    calls: dict[str, list[Any]] = {"add": [], "delete": []}
    real_add, real_delete = milvus.add, milvus.delete_documents

    def add(ids: np.ndarray, vectors: np.ndarray, doc_ids: Any) -> None:
        calls["add"].extend(doc_ids)
        real_add(ids, vectors, doc_ids)

    def delete(doc_ids: Any) -> None:
        calls["delete"].extend(doc_ids)
        real_delete(doc_ids)

    milvus.add = add  # type: ignore[method-assign]
    milvus.delete_documents = delete  # type: ignore[method-assign]
    report = service.build()
    assert not report.full

    after = ids_by_document(tmp_path / "index")
    loaded = idx.load(tmp_path / "index", dense=False)
    by_path = {d.path: d for d in loaded.documents}
    new_changed, new_doc = by_path[changed.name], by_path["new_report.txt"]
    # Only the changed and the new document's passages were written …
    assert set(calls["add"]) == {
        document_key(new_changed.doc_id, new_changed.sha256),
        document_key(new_doc.doc_id, new_doc.sha256),
    }
    assert report.embedded == len(after[new_changed.doc_id]) + len(after[new_doc.doc_id])
    # … only the old versions of the changed and the removed document deleted …
    assert set(calls["delete"]) == {old_keys[changed.name], old_keys[removed.name]}
    # … and the unchanged documents kept their passage ids.
    for doc_id, ids in after.items():
        if doc_id not in (new_changed.doc_id, new_doc.doc_id):
            assert ids == before[doc_id]
    assert milvus.count() == sum(len(ids) for ids in after.values())
    gone = [i for doc, ids in before.items() if doc not in after for i in ids]
    assert gone and not milvus.vectors_for(np.array(gone)).any()
    assert milvus.info.generation == 2
    service.close()


def test_a_replica_on_the_same_collection_sees_a_rebuild(
    corpus: Path, tmp_path: Path, lite: str
) -> None:
    builder = milvus_service(corpus, tmp_path / "index", lite)
    builder.build()
    replica = milvus_service(corpus, tmp_path / "index", lite)
    replica.ensure_ready(build_if_needed=False)
    question = "How many lighthouse keepers were there?"
    assert not replica.ask(question).answered
    assert not replica.check_for_update(wait=True)  # nothing new yet

    (corpus / "lighthouse.txt").write_text(
        "Lighthouse report.\n\nThere were 14 lighthouse keepers on the coast in total.\n", "utf-8"
    )
    builder.build()
    assert replica.check_for_update(wait=True)
    assert replica.reloads == 1
    answer = replica.ask(question)
    assert answer.answered and "lighthouse keepers" in answer.snippets[0].quote

    # A replica whose folder is a copy (another machine) learns of a build from the
    # collection's generation alone.
    stored(builder).publish(stored(builder).info.generation + 1, {STATE: "published"})
    assert replica.check_for_update(wait=True)
    assert replica.reloads == 2
    builder.close()
    replica.close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_milvus_at_start_is_one_line_naming_the_uri(
    corpus: Path, tmp_path: Path
) -> None:
    uri = f"http://127.0.0.1:{_closed_port()}"
    service = milvus_service(corpus, tmp_path / "index", uri, milvus_timeout=1.0)
    with pytest.raises(BackendUnavailableError) as err:
        service.build()
    assert uri in str(err.value) and "\n" not in str(err.value)

    env = {
        "HF_HUB_OFFLINE": "1",
        "CORPUSBOT_MODEL": FAKE_MODEL,
        "CORPUSBOT_CORPUS_DIR": str(corpus),
        "CORPUSBOT_INDEX_DIR": str(tmp_path / "index"),
        "CORPUSBOT_VECTOR_STORE": "milvus",
        "CORPUSBOT_MILVUS_URI": uri,
        "CORPUSBOT_MILVUS_TIMEOUT": "1",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-m", "bot", "index", "build"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and uri in lines[0] and "Milvus" in lines[0], out.stderr


def test_milvus_going_away_while_serving_gets_an_apology_then_recovers(
    corpus: Path, tmp_path: Path, lite: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.discord_app import CorpusbotClient

    service = milvus_service(corpus, tmp_path / "index", lite, milvus_timeout=3.0)
    service.build()
    service.ensure_ready(build_if_needed=False)
    assert service.ask(QUESTION).answered
    milvus = stored(service)
    milvus.retry_interval = 60.0

    release_lite(lite)  # the engine is gone while the bot serves
    with pytest.raises(BackendUnavailableError, match=r"milvus\.db"):
        service.ask(QUESTION)
    client = CorpusbotClient(service.settings, service.ask)
    try:
        messages = asyncio.run(client.compose(QUESTION))
    finally:
        asyncio.run(client.close())
    assert APOLOGY_MESSAGE in str(messages)
    assert not service.check_for_update(wait=True)  # a failed poll is not a crash either

    # A minute later the retry is due: the next question reconnects (Milvus Lite restarts).
    import retrieval.vectors.milvus as milvus_store

    later = time.monotonic() + 61.0
    monkeypatch.setattr(milvus_store.time, "monotonic", lambda: later)
    assert service.ask(QUESTION).answered
    service.close()


def test_a_collection_built_with_another_model_is_a_clear_error(
    corpus: Path, tmp_path: Path, lite: str
) -> None:
    milvus_service(corpus, tmp_path / "index", lite).build()
    other = MilvusVectorStore.connect(lite, "other", model="fake-hash:32", dimension=32)
    other.close()
    service = milvus_service(corpus, tmp_path / "index", lite, milvus_collection="other")
    with pytest.raises(IndexLoadError) as err:
        service.ensure_ready(build_if_needed=False)
    message = str(err.value)
    assert "fake-hash:32" in message and FAKE_MODEL in message and "--full" in message
    service.close()


def test_an_index_built_for_faiss_is_not_served_from_milvus(
    corpus: Path, tmp_path: Path, lite: str
) -> None:
    faiss = AnswerService(
        make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", model=FAKE_MODEL)
    )
    faiss.build()
    MilvusVectorStore.connect(lite, "passages", model=FAKE_MODEL, dimension=64).close()
    service = milvus_service(corpus, tmp_path / "index", lite)
    with pytest.raises(IndexLoadError, match="CORPUSBOT_VECTOR_STORE"):
        service.ensure_ready(build_if_needed=False)
    assert service.needs_build()
    # Moving to Milvus re-uses the folder's embeddings: nothing is embedded again.
    report = service.build()
    assert report.embedded == 0 and stored(service).count() == report.passages
    assert service.ask(QUESTION).answered
    service.close()


def test_an_interrupted_build_is_followed_by_a_full_sync(
    corpus: Path, tmp_path: Path, lite: str
) -> None:
    service = milvus_service(corpus, tmp_path / "index", lite)
    service.build()
    milvus = stored(service)
    milvus.add(np.array([1, 2]), np.ones((2, 64), np.float32) / 8, ["orphan", "orphan"])
    milvus.publish(milvus.info.generation, {STATE: BUILDING})  # as a build that stopped
    report = service.build()
    assert not report.up_to_date and report.embedded == 0
    assert milvus.count() == report.passages  # the orphans are gone
    service.close()


def test_a_milvus_lite_file_inside_the_index_folder_is_refused(
    corpus: Path, tmp_path: Path
) -> None:
    # A build swaps the index folder whole: a database inside it would be thrown away.
    service = milvus_service(corpus, tmp_path / "index", str(tmp_path / "index" / "milvus.db"))
    with pytest.raises(BadInputError, match="inside the index folder"):
        service.build()
    assert not (tmp_path / "index").exists()


def test_building_into_a_collection_of_another_model_needs_full(
    corpus: Path, tmp_path: Path, lite: str
) -> None:
    milvus_service(corpus, tmp_path / "a", lite).build()
    service = milvus_service(corpus, tmp_path / "b", lite, model="fake-hash:32")
    with pytest.raises(IndexLoadError, match="--full"):
        service.build()
    report = service.build(full=True)  # deliberate: the collection is replaced
    assert stored(service).info.dimension == 32 and stored(service).count() == report.passages
    assert service.ask(QUESTION).snippets
    service.close()


def test_the_command_line_builds_into_milvus_and_answers_from_it(
    corpus: Path, tmp_path: Path
) -> None:
    env = {
        "HF_HUB_OFFLINE": "1",
        "PATH": "/usr/bin:/bin",
        "CORPUSBOT_MODEL": FAKE_MODEL,
        "CORPUSBOT_CORPUS_DIR": str(corpus),
        "CORPUSBOT_INDEX_DIR": str(tmp_path / "index"),
        "CORPUSBOT_VECTOR_STORE": "milvus",
        "CORPUSBOT_MILVUS_URI": str(tmp_path / "milvus.db"),
    }

    def corpusbot(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=180,
        )

    built = corpusbot("index", "build")
    assert built.returncode == 0 and built.stdout.startswith("indexed: 5 documents"), built.stderr
    info = corpusbot("index", "info")
    assert f"vector_store: milvus at {tmp_path / 'milvus.db'}" in info.stdout
    assert "generation 1" in info.stdout
    asked = corpusbot("ask", "--json", QUESTION)
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout)["snippets"]


def test_an_index_is_served_only_from_the_collection_it_was_built_into(
    corpus: Path, tmp_path: Path, lite: str
) -> None:
    milvus_service(corpus, tmp_path / "index", lite).build()
    MilvusVectorStore.connect(lite, "elsewhere", model=FAKE_MODEL, dimension=64).close()
    moved = milvus_service(corpus, tmp_path / "index", lite, milvus_collection="elsewhere")
    with pytest.raises(IndexLoadError, match="elsewhere"):
        moved.ensure_ready(build_if_needed=False)
    report = moved.build()  # fills the new collection from the folder: nothing re-embedded
    assert report.embedded == 0 and stored(moved).count() == report.passages
    assert moved.ask(QUESTION).answered
    moved.close()


def test_a_replica_on_a_milvus_server_never_builds(corpus: Path, tmp_path: Path, lite: str) -> None:
    milvus_service(corpus, tmp_path / "index", lite).build()
    manifest = (tmp_path / "index" / idx.MANIFEST).read_text("utf-8")
    shutil.rmtree(corpus)  # a replica has the index folder, not the corpus
    uri = f"http://127.0.0.1:{_closed_port()}"
    replica = milvus_service(corpus, tmp_path / "index", uri, milvus_timeout=1.0)
    # It goes straight to loading (here: the server is down), never to reading the corpus.
    with pytest.raises(BackendUnavailableError, match=uri):
        replica.ensure_ready()
    assert (tmp_path / "index" / idx.MANIFEST).read_text("utf-8") == manifest
