"""The index's manifest (typed, checked on load, written the same bytes) and the one answer
to "is the index stale, and why" that ``ask``, ``index build`` and the reload watcher share."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from bot.core import AnswerService
from retrieval import index as idx
from retrieval.embedding import HashingEmbedder
from retrieval.errors import IndexLoadError

try:
    from tests.conftest import make_settings
except ImportError:  # run from inside tests/
    from conftest import make_settings  # type: ignore[no-redef]

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MODEL = "fake-hash:64"


def _build(corpus: Path, index: Path, **kw: object) -> idx.BuildReport:
    emb = HashingEmbedder(64, name=MODEL)
    return idx.build(corpus, index, lambda: emb, model=MODEL, **kw)  # type: ignore[arg-type]


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(path, corpus / path.name)
    _build(corpus, tmp_path / "index")
    return corpus, tmp_path / "index"


def _target(corpus: Path, **kw: object) -> idx.Target:
    return idx.Target(corpus, MODEL, 450, "flat", **kw)  # type: ignore[arg-type]


def test_the_manifest_is_written_as_it_is_read(built: tuple[Path, Path]) -> None:
    _, index = built
    text = (index / idx.MANIFEST).read_text("utf-8")
    manifest = idx.read(index)
    assert manifest.to_json() == text  # the same bytes: existing indexes stay valid
    data = json.loads(text)
    assert list(data)[:3] == ["kind", "format_version", "model"]
    assert list(data)[-2:] == ["query_encoder", "checksums"]
    # An older manifest (fields missing, one this code does not know) is shown as it was.
    del data["passage_encoder"]
    data["from_the_future"] = [1, 2]
    (index / idx.MANIFEST).write_text(json.dumps(data), "utf-8")
    assert idx.read(index).to_dict() == data
    assert list(idx.read(index).to_dict()) == list(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "photo-album"}, "is not a corpusbot index manifest"),
        ({"format_version": 7}, "unknown format"),
        ({"files": ["a.txt"]}, "'files' is not a dict"),
        ({"model": None}, "'model' is not a str"),
    ],
)
def test_a_foreign_or_damaged_manifest_is_a_clear_error(
    built: tuple[Path, Path], change: dict[str, object], message: str
) -> None:
    _, index = built
    data = json.loads((index / idx.MANIFEST).read_text("utf-8"))
    (index / idx.MANIFEST).write_text(json.dumps({**data, **change}), "utf-8")
    with pytest.raises(IndexLoadError, match=message):
        idx.read(index)


def test_a_current_index_has_no_reason_to_be_rebuilt(built: tuple[Path, Path]) -> None:
    corpus, index = built
    assert idx.stale_reasons(idx.read(index), _target(corpus)) == []
    assert _build(corpus, index).up_to_date


def test_changed_files_are_counted_in_words(built: tuple[Path, Path]) -> None:
    corpus, index = built
    first, second, *_ = sorted(corpus.iterdir())
    first.write_text(first.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    second.unlink()
    (corpus / "new-a.txt").write_text("A new report.\n\nIt counted 12 boats.\n", "utf-8")
    (corpus / "new-b.txt").write_text("Another report.\n\nIt counted 14 boats.\n", "utf-8")
    assert idx.stale_reasons(idx.read(index), _target(corpus)) == [
        "2 files added",
        "1 file changed",
        "1 file removed",
    ]


def test_settings_and_versions_are_named(built: tuple[Path, Path]) -> None:
    corpus, index = built
    manifest = idx.read(index)
    other = idx.Target(corpus, "fake-hash:32", 300, "hnsw", max_file_bytes=1000)
    assert idx.stale_reasons(manifest, other) == [
        f"built with another model ({MODEL})",
        "built with passages of 450 characters, not 300",
        "the file size limit changed",
        "a flat index, the settings ask for hnsw",
    ]
    manifest.figures_version = "older"
    manifest.ingest_version = -1
    assert idx.stale_reasons(manifest, _target(corpus)) == [
        "documents read by an older version",
        "figures extracted by an older version",
    ]
    assert idx.stale_reasons(manifest, _target(corpus, external_store=True))[-1] == (
        "its vectors are to move from FAISS to the vector store"
    )


def test_ask_and_index_build_agree_and_say_why(
    built: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    """An index whose figures an older version read: ``index build`` updates it, so ``ask``
    must see it as stale too (it used to serve it as current)."""
    corpus, index = built
    path = index / idx.MANIFEST
    data = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps({**data, "figures_version": "older"}), "utf-8")
    settings = make_settings(
        corpus_dir=corpus, index_dir=index, model=MODEL, index_type="flat", max_file_mb=0
    )
    service = AnswerService(settings, embedder=HashingEmbedder(64, name=MODEL))
    with caplog.at_level(logging.INFO, logger="bot.core"):
        assert service.needs_build()
    assert "updating the index: figures extracted by an older version" in caplog.text
    with caplog.at_level(logging.INFO, logger="retrieval.index.builder"):
        report = service.build()
    assert not report.up_to_date and report.embedded == 0
    assert "updating the index: figures extracted by an older version" in caplog.text
    assert not service.needs_build()
    service.close()


def test_the_reload_watcher_sees_a_newer_build() -> None:
    served = idx.Published((1, 2, 3, 4))
    assert idx.stale_reasons(served, idx.Published((1, 2, 3, 4))) == []
    assert idx.stale_reasons(served, idx.Published(None)) == []  # no index there now
    assert idx.stale_reasons(served, idx.Published((1, 9, 3, 4))) == [
        "the index folder holds a newer build"
    ]
    served = idx.Published((1, 2, 3, 4), generation=3)
    assert idx.stale_reasons(served, idx.Published((1, 2, 3, 4), generation=4)) == [
        "the vector store published build generation 4"
    ]
