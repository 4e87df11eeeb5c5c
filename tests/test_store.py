"""The index store: manifest checks, atomic writes, incremental builds."""

from __future__ import annotations

import errno
import json
import logging
import os
import pathlib
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from retrieval import index as idx
from retrieval import ingest
from retrieval.embedding import HashingEmbedder
from retrieval.errors import CorpusError, IndexFolderError, IndexLoadError
from retrieval.index import builder as index_builder

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MODEL = "fake-hash:64"


class CountingEmbedder(HashingEmbedder):
    """The fake embedder, remembering every text it was asked to embed."""

    def __init__(self) -> None:
        super().__init__(64, name=MODEL)
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str], **kwargs: object) -> np.ndarray:  # type: ignore[override]
        self.seen.extend(texts)
        return super().encode(texts)


def passages_seen(emb: CountingEmbedder, index_dir: Path) -> list[str]:
    """The passages ``emb`` embedded: what it saw, less the index's measure names."""
    names = set(json.loads((index_dir / "figure-names.json").read_text("utf-8")))
    return [t for t in emb.seen if t not in names]


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def build(
    corpus_dir: Path, index_dir: Path, embedder: HashingEmbedder, **kw: object
) -> idx.BuildReport:
    return idx.build(corpus_dir, index_dir, lambda: embedder, model=MODEL, **kw)  # type: ignore[arg-type]


def test_build_then_load_round_trip(tmp_path: Path) -> None:
    emb = CountingEmbedder()
    report = build(corpus(tmp_path), tmp_path / "index", emb)
    assert report.documents == 5
    assert report.passages == len(passages_seen(emb, tmp_path / "index")) > 0
    loaded = idx.load(tmp_path / "index", MODEL)
    assert loaded.size == report.passages
    manifest = json.loads((tmp_path / "index" / "config.json").read_text())
    assert manifest["model"] == MODEL
    assert manifest["dimension"] == 64
    assert set(manifest["files"]) == {p.name for p in SEEDS.glob("*.txt")}
    assert all(len(h) == 64 for h in manifest["files"].values())
    assert "format_version" in manifest
    for i in range(loaded.size):
        passage = loaded.passage(i)
        doc = loaded.document_of(i)
        assert (SEEDS / doc.path).read_text("utf-8")[passage.start : passage.end] == passage.text


def test_unchanged_corpus_does_not_load_the_model(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    build(folder, tmp_path / "index", CountingEmbedder())

    def refuse() -> HashingEmbedder:
        raise AssertionError("the model must not be loaded for an up-to-date index")

    report = idx.build(folder, tmp_path / "index", refuse, model=MODEL)
    assert report.up_to_date
    assert "up to date" in report.summary()


def test_incremental_build_reembeds_only_changed_and_new_files(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    build(folder, tmp_path / "index", CountingEmbedder())
    changed = folder / "002_2d5f8284cf6943aa.txt"
    changed.write_text(
        changed.read_text("utf-8") + "\nA new closing sentence was added today.\n", "utf-8"
    )
    (folder / "new.txt").write_text(
        "A new report\nThe dam held through the night, engineers said.\n", "utf-8"
    )
    (folder / "000_81f72dfa941c5e75.txt").unlink()

    emb = CountingEmbedder()
    report = build(folder, tmp_path / "index", emb)
    assert not report.up_to_date
    assert report.documents == 5
    seen = passages_seen(emb, tmp_path / "index")
    assert any("new closing sentence" in t for t in seen)
    assert any("dam held" in t for t in seen)
    untouched = (folder / "004_d408daa410daf2b5.txt").read_text("utf-8")
    assert not any(t in untouched for t in seen)  # nothing of an unchanged file re-embedded
    assert report.embedded == len(seen)

    loaded = idx.load(tmp_path / "index", MODEL)
    assert "000_81f72dfa941c5e75" not in {d.doc_id for d in loaded.documents}
    # Reused embeddings are the same vectors a full build would compute.
    full = CountingEmbedder()
    build(folder, tmp_path / "index-full", full, full=True)
    again = idx.load(tmp_path / "index-full", MODEL)
    assert np.allclose(np.asarray(loaded.embeddings), np.asarray(again.embeddings))


def test_full_rebuild_reembeds_everything(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    first = build(folder, tmp_path / "index", CountingEmbedder())
    emb = CountingEmbedder()
    report = build(folder, tmp_path / "index", emb, full=True)
    assert report.embedded == first.passages == len(passages_seen(emb, tmp_path / "index"))


def test_model_mismatch_is_a_clear_error(tmp_path: Path) -> None:
    build(corpus(tmp_path), tmp_path / "index", CountingEmbedder())
    with pytest.raises(
        IndexLoadError, match=r"built with model .*fake-hash:64.*corpusbot index build"
    ):
        idx.load(tmp_path / "index", "some-other-model")


@pytest.mark.parametrize(
    "victim",
    [
        "embeddings.npy",
        "documents.json",
        "vectors/index-1.faiss",
        "vectors/store.json",
        "ids.npy",
        "config.json",
    ],
)
def test_damaged_files_are_a_clear_error(tmp_path: Path, victim: str) -> None:
    build(corpus(tmp_path), tmp_path / "index", CountingEmbedder())
    target = tmp_path / "index" / victim
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data[: max(1, len(data) - 7)]))
    with pytest.raises(IndexLoadError, match="corpusbot index build"):
        idx.load(tmp_path / "index", MODEL)


def test_the_dense_side_is_a_vector_store_in_the_folder(tmp_path: Path) -> None:
    from retrieval.vectors.faiss_store import FaissVectorStore
    from retrieval.vectors.interface import StoreRows

    build(corpus(tmp_path), tmp_path / "index", CountingEmbedder())
    index = idx.load(tmp_path / "index", MODEL)
    assert isinstance(index.vectors, StoreRows)
    assert isinstance(index.vectors.store, FaissVectorStore)
    assert index.vectors.store.count() == index.size
    # One file holds the vectors for both the store and the folder's embeddings.
    embeddings = tmp_path / "index" / "embeddings.npy"
    assert embeddings.stat().st_nlink == 2
    # An index of the older layout (a bare vectors.faiss) is stale, and rebuilt without
    # embedding anything again.
    path = tmp_path / "index" / idx.MANIFEST
    manifest = json.loads(path.read_text("utf-8"))
    del manifest["dense_layout"]
    path.write_text(json.dumps(manifest), "utf-8")
    assert idx.stale_reasons(
        idx.read(tmp_path / "index"), idx.Target(tmp_path / "corpus", MODEL, 450, "flat")
    ) == ["vectors kept the way an older version did"]
    with pytest.raises(IndexLoadError, match=r"older corpusbot.*corpusbot index build"):
        idx.load(tmp_path / "index", MODEL)
    emb = CountingEmbedder()
    report = build(tmp_path / "corpus", tmp_path / "index", emb)
    assert not report.up_to_date and report.embedded == 0
    idx.load(tmp_path / "index", MODEL)


def test_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexLoadError, match=r"no index at .*corpusbot index build"):
        idx.load(tmp_path / "nothing", MODEL)


def test_damaged_index_is_rebuilt_by_the_next_build(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    build(folder, tmp_path / "index", CountingEmbedder())
    (tmp_path / "index" / "embeddings.npy").write_bytes(b"garbage")
    report = build(folder, tmp_path / "index", CountingEmbedder())
    assert report.embedded == report.passages
    idx.load(tmp_path / "index", MODEL)


def test_a_crash_mid_build_leaves_the_old_index_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus(tmp_path)
    build(folder, tmp_path / "index", CountingEmbedder())
    before = {p.name: p.read_bytes() for p in (tmp_path / "index").iterdir() if p.is_file()}
    (folder / "extra.txt").write_text(
        "Extra\nA brand new report about the bridge repairs.\n", "utf-8"
    )

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    from retrieval.keyword import KeywordIndex

    monkeypatch.setattr(KeywordIndex, "save", crash)
    with pytest.raises(RuntimeError, match="disk full"):
        build(folder, tmp_path / "index", CountingEmbedder())
    after = {p.name: p.read_bytes() for p in (tmp_path / "index").iterdir() if p.is_file()}
    assert after == before
    assert idx.load(tmp_path / "index", MODEL).manifest.documents == 5
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".index")]
    assert leftovers == []


class NeverCalled:
    """An embedder factory that fails the test if a build ever asks it for the model."""

    calls = 0

    def __call__(self) -> HashingEmbedder:
        self.calls += 1
        raise AssertionError("the build embedded before refusing the folder")


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize(
    "user_files",
    [
        {"thesis.tex": "do not delete"},
        # Entries named like an index's own, without its manifest: still the user's.
        {"onnx/model.onnx": "my model", "vectors/notes.txt": "my vectors"},
        {"config.json": '{"theme": "dark"}', "vectors/a.bin": "mine"},
        {"config.json": "{not json", "onnx/x": "mine"},
    ],
)
def test_a_folder_that_is_not_our_index_is_refused_before_the_build(
    tmp_path: Path, user_files: dict[str, str]
) -> None:
    precious = tmp_path / "mine"
    for name, content in user_files.items():
        (precious / name).parent.mkdir(parents=True, exist_ok=True)
        (precious / name).write_text(content)
    before = _tree(precious)
    factory = NeverCalled()
    with pytest.raises(IndexFolderError, match="not a corpusbot index"):
        idx.build(corpus(tmp_path), precious, factory, model=MODEL)
    assert factory.calls == 0
    assert _tree(precious) == before
    assert [p.name for p in tmp_path.iterdir() if ".build-" in p.name] == []


def test_a_folder_with_only_the_gitignore_an_index_holds_is_built_into(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    fresh = tmp_path / "index"  # as a fresh checkout has it
    fresh.mkdir()
    (fresh / ".gitignore").write_text("*\n")
    assert build(folder, fresh, CountingEmbedder()).documents == 5
    assert (fresh / ".gitignore").read_text() == "*\n"
    other = tmp_path / "other"
    other.mkdir()
    (other / ".gitignore").write_text("*.pdf\n")  # the user's own rules
    with pytest.raises(IndexFolderError, match="not a corpusbot index"):
        idx.build(folder, other, NeverCalled(), model=MODEL)
    assert (other / ".gitignore").read_text() == "*.pdf\n"


def test_an_index_that_lost_its_manifest_is_refused_not_replaced(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    build(folder, tmp_path / "index", CountingEmbedder())
    (tmp_path / "index" / idx.MANIFEST).unlink()
    before = _tree(tmp_path / "index")
    with pytest.raises(IndexFolderError, match="not a corpusbot index"):
        idx.build(folder, tmp_path / "index", NeverCalled(), model=MODEL)
    assert _tree(tmp_path / "index") == before


def test_an_index_holding_a_users_file_is_refused(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    build(folder, tmp_path / "index", CountingEmbedder())
    (tmp_path / "index" / "notes.txt").write_text("mine")
    (folder / "extra.txt").write_text("Extra\nA brand new report about the bridge.\n")
    with pytest.raises(IndexFolderError, match=r"also holds notes\.txt"):
        idx.build(folder, tmp_path / "index", NeverCalled(), model=MODEL)
    assert (tmp_path / "index" / "notes.txt").read_text() == "mine"


def test_an_index_from_before_the_manifest_named_its_kind_is_still_ours(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    build(folder, tmp_path / "index", CountingEmbedder())
    path = tmp_path / "index" / idx.MANIFEST
    manifest = json.loads(path.read_text("utf-8"))
    assert manifest.pop("kind") == "corpusbot-index"
    path.write_text(json.dumps(manifest), "utf-8")
    (folder / "extra.txt").write_text("Extra\nA brand new report about the bridge.\n")
    assert build(folder, tmp_path / "index", CountingEmbedder()).documents == 6


def _killed_build(index_dir: Path, *, marked: bool = True) -> Path:
    """A build folder as a build killed mid-way leaves it: marker written, lock gone."""
    from retrieval.index import folder as index_folder

    building = index_folder.BuildFolder(index_dir)
    (building.path / "documents.json").write_text("[]")
    if marked:
        os.close(building._fd)  # what the kernel does to a killed build's lock
        building._fd = None
    else:
        building.release()
    return building.path


def test_a_killed_builds_folder_is_removed_by_the_next_build(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    index_dir = tmp_path / "index"
    stale = _killed_build(index_dir)
    assert stale.name.startswith(".index.build-") and stale.exists()
    build(folder, index_dir, CountingEmbedder())
    assert not stale.exists()
    idx.load(index_dir, MODEL)


def test_only_provably_abandoned_build_folders_are_removed(tmp_path: Path) -> None:
    from retrieval.index import folder as index_folder

    folder = corpus(tmp_path)
    index_dir = tmp_path / "index"
    unmarked = _killed_build(index_dir, marked=False)  # no marker: not provably ours
    lookalike = tmp_path / ".index.build-mine"
    lookalike.mkdir()
    (lookalike / "data.txt").write_text("mine")
    (lookalike / index_folder.BUILD_MARKER).write_text("not our marker")
    running = index_folder.BuildFolder(index_dir)  # a build still running (its lock is held)
    other = index_folder.BuildFolder(tmp_path / "other")  # another index's build
    os.close(other._fd)  # type: ignore[arg-type]
    other._fd = None
    try:
        build(folder, index_dir, CountingEmbedder())
        assert unmarked.exists() and running.path.exists() and other.path.exists()
        assert (lookalike / "data.txt").read_text() == "mine"
    finally:
        running.release()


@pytest.mark.parametrize(
    "field, value", [("checksums", None), ("files", 5), ("model", ["x"]), ("dimension", None)]
)
def test_a_manifest_field_of_the_wrong_type_is_a_clear_error(
    tmp_path: Path, field: str, value: object
) -> None:
    build(corpus(tmp_path), tmp_path / "index", CountingEmbedder())
    path = tmp_path / "index" / idx.MANIFEST
    manifest = json.loads(path.read_text("utf-8"))
    manifest[field] = value
    path.write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(IndexLoadError, match=rf"damaged .*{field}.*corpusbot index build"):
        idx.load(tmp_path / "index", MODEL)


def test_empty_corpus_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError):
        build(tmp_path / "empty", tmp_path / "index", CountingEmbedder())


# --- a corpus file or folder that cannot be read: a warning naming it, the rest indexed ---


def warned_about(caplog: pytest.LogCaptureFixture, name: str) -> bool:
    return any(r.levelno == logging.WARNING and name in r.getMessage() for r in caplog.records)


def test_a_file_that_cannot_be_opened_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    folder = corpus(tmp_path)
    (folder / "sub").mkdir()
    locked = folder / "sub" / "locked.txt"
    locked.write_text("Locked\nA report nobody may read.\n")
    real_open = pathlib.Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.txt":  # what a file without read permission does (not as root)
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    with caplog.at_level(logging.WARNING):
        report = build(folder, tmp_path / "index", CountingEmbedder())
    assert report.documents == 5
    assert "Permission denied" in report.skipped["sub/locked.txt"]
    assert warned_about(caplog, "sub/locked.txt")
    # The next build says the same, and indexes the file once it can be read.
    assert "sub/locked.txt" in build(folder, tmp_path / "index", CountingEmbedder()).skipped
    monkeypatch.setattr(pathlib.Path, "open", real_open)
    assert build(folder, tmp_path / "index", CountingEmbedder()).documents == 6


def test_a_file_that_vanishes_after_listing_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    folder = corpus(tmp_path)
    real_discover = ingest.discover

    def with_a_ghost(corpus_dir: Path) -> list[Path]:
        return [*real_discover(corpus_dir), corpus_dir / "ghost.txt"]

    monkeypatch.setattr(ingest, "discover", with_a_ghost)
    with caplog.at_level(logging.WARNING):
        report = build(folder, tmp_path / "index", CountingEmbedder())
    assert report.documents == 5
    assert "No such file" in report.skipped["ghost.txt"]
    assert warned_about(caplog, "ghost.txt")


def test_a_file_that_vanishes_between_hashing_and_reading_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus(tmp_path)
    victim = sorted(folder.iterdir())[0]
    real_hashes = idx.corpus_hashes

    def then_delete(*args: Any, **kwargs: Any) -> dict[str, str]:
        hashes = real_hashes(*args, **kwargs)
        victim.unlink(missing_ok=True)
        return hashes

    monkeypatch.setattr(index_builder, "corpus_hashes", then_delete)
    report = build(folder, tmp_path / "index", CountingEmbedder())
    assert report.documents == 4 and "cannot be read" in report.skipped[victim.name]


def test_a_folder_that_cannot_be_listed_is_warned_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    folder = corpus(tmp_path)
    (folder / "private").mkdir()
    (folder / "private" / "secret.txt").write_text("Secret\nA report in a locked folder.\n")
    real_scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if os.fspath(path).endswith("private"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    # Patched only while building: pytest's own clean-up of tmp_path lists folders too.
    with monkeypatch.context() as patch, caplog.at_level(logging.WARNING):
        patch.setattr(os, "scandir", refuse)
        report = build(folder, tmp_path / "index", CountingEmbedder())
    assert report.documents == 5
    assert warned_about(caplog, "private") and any(
        "Permission denied" in r.getMessage() for r in caplog.records
    )
