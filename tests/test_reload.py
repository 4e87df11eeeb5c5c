"""Hot reload: a rebuilt index is swapped in whole while the service answers from the old one;
a failed or damaged rebuild never replaces it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.core import AnswerService
from bot.settings import Settings
from retrieval import index as idx
from retrieval.embedding import HashingEmbedder

FAKE = "fake-hash:64"
LIGHTHOUSE = (
    "Harbour log\n\nThe lighthouse keeper counted 42 fishing boats in the harbour on Monday. "
    "Fog closed the harbour for two days.\n"
)
ORCHARD = (
    "Orchard report\n\nThe orchard picked 900 baskets of apples this autumn. "
    "Pickers said the apples were small but sweet.\n"
)
QUESTION = "How many baskets of apples did the orchard pick?"


def _settings(tmp_path: Path, **kw: object) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        corpus_dir=tmp_path / "corpus",
        index_dir=tmp_path / "index",
        model=FAKE,
        reload_interval=0,
        **kw,
    )


def _docs(service: AnswerService, question: str = QUESTION) -> set[str]:
    return {s.doc_id for s in service.ask(question).snippets}


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[AnswerService]:
    """A service answering from an index of the lighthouse log alone."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "lighthouse.txt").write_text(LIGHTHOUSE, "utf-8")
    service = AnswerService(_settings(tmp_path))
    service.ensure_ready()
    assert "orchard" not in _docs(service)
    yield service
    service.close()


def _rebuild(tmp_path: Path, *, full: bool = False) -> idx.BuildReport:
    """Add the orchard report and rebuild, as `corpusbot index build` in another process would."""
    (tmp_path / "corpus" / "orchard.txt").write_text(ORCHARD, "utf-8")
    return AnswerService(_settings(tmp_path)).build(full=full)


def test_rebuilt_index_is_swapped_in(serving: AnswerService, tmp_path: Path) -> None:
    old = serving.serving
    assert not serving.check_for_update(wait=True)  # nothing changed yet
    report = _rebuild(tmp_path)
    assert report.documents == 2 and not report.up_to_date
    # Until it looks, the service answers from the index it has.
    assert serving.serving is old and "orchard" not in _docs(serving)
    assert serving.check_for_update(wait=True)
    assert serving.serving is not old and serving.reloads == 1
    assert serving.serving.index.size == report.passages
    assert "orchard" in _docs(serving)
    assert not serving.check_for_update(wait=True)  # the same manifest is not loaded twice


def test_answers_come_from_the_old_index_until_the_new_one_is_ready(
    serving: AnswerService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = serving.serving
    entered, release = threading.Event(), threading.Event()
    real_open = serving._open

    def slow_open(index: idx.LoadedIndex) -> object:
        entered.set()
        release.wait(30)
        return real_open(index)

    monkeypatch.setattr(serving, "_open", slow_open)
    _rebuild(tmp_path)
    assert serving.check_for_update()  # started in the background
    assert entered.wait(30)
    # The new index is half loaded: questions are still answered, from the old one.
    for _ in range(3):
        assert serving.serving is old
        assert "orchard" not in _docs(serving)
    assert not serving.check_for_update()  # one reload at a time
    release.set()
    _wait_for(lambda: serving.reloads == 1)
    assert "orchard" in _docs(serving)


def test_the_watcher_picks_up_a_rebuild(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "lighthouse.txt").write_text(LIGHTHOUSE, "utf-8")
    service = AnswerService(_settings(tmp_path).model_copy(update={"reload_interval": 0.05}))
    try:
        service.ensure_ready()
        _rebuild(tmp_path)
        _wait_for(lambda: service.reloads == 1)
        assert "orchard" in _docs(service)
    finally:
        service.close()


class FailingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__(64, name=FAKE)

    def encode(self, texts: Sequence[str], **kwargs: object) -> np.ndarray:  # type: ignore[override]
        raise RuntimeError("out of memory while embedding")


def test_a_failed_build_keeps_the_old_index(serving: AnswerService, tmp_path: Path) -> None:
    old = serving.serving
    before = idx.read(tmp_path / "index")
    (tmp_path / "corpus" / "orchard.txt").write_text(ORCHARD, "utf-8")
    with pytest.raises(RuntimeError, match="out of memory"):
        AnswerService(_settings(tmp_path), embedder=FailingEmbedder()).build()
    assert idx.read(tmp_path / "index") == before
    assert not serving.check_for_update(wait=True)
    assert serving.serving is old and "orchard" not in _docs(serving)
    assert "lighthouse" in _docs(serving, "How many fishing boats did the lighthouse keeper count?")


def test_a_damaged_rebuild_is_not_swapped_in(serving: AnswerService, tmp_path: Path) -> None:
    old = serving.serving
    _rebuild(tmp_path)
    vectors = tmp_path / "index" / idx.FAISS_DIR / "index-1.faiss"
    vectors.write_bytes(vectors.read_bytes()[:100])  # torn by a full disk, say
    assert not serving.check_for_update(wait=True)
    assert serving.serving is old and serving.reloads == 0
    assert "orchard" not in _docs(serving)
    assert "lighthouse" in _docs(serving, "How many fishing boats did the lighthouse keeper count?")
    assert not serving.check_for_update(wait=True)  # the damaged index is not retried
    # The next good build is picked up.
    _rebuild(tmp_path, full=True)
    assert serving.check_for_update(wait=True)
    assert "orchard" in _docs(serving)


def _wait_for(condition: object, limit: float = 30.0) -> None:
    """Poll ``condition`` (a callable) until true; fails after ``limit`` seconds."""
    assert callable(condition)
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)
