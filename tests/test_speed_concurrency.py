"""Concurrent questions: the same answers as one at a time, at most ``workers`` at once."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.core import AnswerService, NameVectors
from bot.settings import Settings
from retrieval.search import Searcher

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUESTIONS = [
    "How many North Korean soldiers were killed?",
    "How many were wounded?",
    "Who reported the casualty figures?",
    "Where were the troops deployed?",
    "What did the intelligence service say?",
    "How many soldiers were captured?",
    "What is the weather on Mars?",
    "When did the troops arrive?",
]


@pytest.fixture(scope="module")
def onnx_service(seed_index: Path) -> Iterator[AnswerService]:
    """The seed index answered the way the CLI and the bots do: questions through ONNX."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        corpus_dir=SEEDS,
        index_dir=seed_index,
        query_backend="onnx",
        reload_interval=0,
        workers=4,
    )
    service = AnswerService(settings)
    service.ensure_ready(build_if_needed=False)
    assert service.serving.backend == "onnx"
    yield service
    service.close()


def _answers(service: AnswerService, questions: list[str]) -> list[dict[str, Any]]:
    return [service.ask(q).to_dict() for q in questions]


def test_sixteen_concurrent_askers_get_the_serial_answers(onnx_service: AnswerService) -> None:
    serial = _answers(onnx_service, QUESTIONS)
    assert any(a["answered"] for a in serial) and not all(a["answered"] for a in serial)
    work = QUESTIONS * 4
    start = threading.Barrier(16)

    def ask(i: int) -> dict[str, Any]:
        if i < 16:
            start.wait()  # the first sixteen all at once
        return onnx_service.ask(work[i]).to_dict()

    with ThreadPoolExecutor(16) as pool:
        concurrent = list(pool.map(ask, range(len(work))))
    assert concurrent == serial * 4


def test_submit_answers_on_the_bounded_pool(onnx_service: AnswerService) -> None:
    serial = _answers(onnx_service, QUESTIONS)
    futures = [onnx_service.submit(q) for q in QUESTIONS * 3]
    assert [f.result(timeout=120).to_dict() for f in futures] == serial * 3


def test_no_more_than_workers_questions_at_once(onnx_service: AnswerService) -> None:
    serving = onnx_service.serving
    active = 0
    peak = 0
    lock = threading.Lock()

    def counting(texts: list[str]) -> np.ndarray:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.02)  # long enough for the others to pile up behind the limit
        try:
            return serving.encode(texts)
        finally:
            with lock:
                active -= 1

    counted = dataclasses.replace(serving, searcher=Searcher(serving.index, counting))
    onnx_service._serving = counted
    try:
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(onnx_service.ask, QUESTIONS * 4))
    finally:
        onnx_service._serving = serving
    assert 1 < peak <= onnx_service.settings.workers == 4


def test_measure_names_are_embedded_once_across_questions() -> None:
    from retrieval.embedding import HashingEmbedder

    fake = HashingEmbedder(64)
    seen: list[list[str]] = []

    def encode(texts: list[str]) -> np.ndarray:
        seen.append(list(texts))
        return fake.encode(texts)

    built = {"people": fake.encode(["people"])[0]}
    names = NameVectors(encode, built.get)
    assert np.allclose(names(["ships", "crew", "people"]), fake.encode(["ships", "crew", "people"]))
    assert seen == [["ships", "crew"]]  # the build's vector of "people" is used
    assert np.allclose(names(["crew"]), fake.encode(["crew"]))
    assert np.allclose(names(["crew", "votes"]), fake.encode(["crew", "votes"]))
    assert seen == [["ships", "crew"], ["votes"]]  # remembered from the question before


def test_the_question_is_embedded_once_per_answer(
    onnx_service: AnswerService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search's vector of the question goes to the figures; nothing is remembered per
    thread to make that happen."""
    serving = onnx_service.serving
    seen: list[list[str]] = []

    def encode(texts: list[str]) -> np.ndarray:
        seen.append(list(texts))
        return serving.encode(texts)

    counted = dataclasses.replace(
        serving, searcher=Searcher(serving.index, encode), names=NameVectors(encode)
    )
    monkeypatch.setattr(onnx_service, "_serving", counted)
    question = QUESTIONS[0]
    answer = onnx_service.ask(question)
    assert answer.figures  # the figures were compared with the question
    assert [texts for texts in seen if question in texts] == [[question]]
    assert len(seen) == 2  # the question, then the names of the measures found
    monkeypatch.setattr(onnx_service, "_serving", serving)
    assert onnx_service.ask(question).to_dict() == answer.to_dict()
