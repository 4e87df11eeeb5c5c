"""The build's device: CUDA when present under ``device=auto``, and the batch pipeline that feeds
a GPU gives the model's own vectors, in the callers' order (checked here on the CPU)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.core import AnswerService
from bot.settings import Settings
from retrieval import embedding
from retrieval.embed_pipeline import EmbeddingPipeline
from retrieval.embedding import SentenceTransformerEmbedder, TorchBatchModel, resolve_device

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_auto_picks_cuda_when_present(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert resolve_device("auto") == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("auto") == "cpu"
    assert resolve_device("cuda:1") == "cuda:1"  # an explicit choice is kept


def test_the_service_loads_the_model_on_the_configured_device(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[tuple[str, str]] = []

    def fake_load(model: str = "", device: str = "auto") -> Any:
        seen.append((model, device))
        return embedding.HashingEmbedder(64, name="fake-hash:64")

    monkeypatch.setattr("bot.core.load_embedder", fake_load)
    for device in ("auto", "cuda:0"):
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, index_dir=tmp_path / "i", device=device, reload_interval=0
        )
        assert settings.device == device
        AnswerService(settings).embedder  # noqa: B018 - the property loads the model
    assert seen == [("", "auto"), ("", "cuda:0")]
    default = Settings(_env_file=None)  # type: ignore[call-arg]
    assert default.device == "auto"


def test_gpu_batch_pipeline_matches_the_model(real_embedder: Any) -> None:
    """The GPU's path (torch batches through the build's pipeline), run here on the CPU."""
    assert isinstance(real_embedder, SentenceTransformerEmbedder)
    texts = [
        line.strip()
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ][:120]
    texts += ["", "short", texts[0] * 8]  # empty, tiny, and past the length limit
    batch_model = real_embedder.batch_model()
    assert isinstance(batch_model, TorchBatchModel)  # the Rust tokenizer matched the model's
    # Small batches and chunks, so the batching, sorting and reordering all run.
    batch_model.batch_size = 16
    done: list[int] = []
    pipeline = EmbeddingPipeline(lambda: batch_model, progress=done.append, chunk=40)
    pipeline.add(texts[:50])
    pipeline.add(texts[50:])
    got = pipeline.finish()
    expected = real_embedder.encode(texts)
    assert got.shape == expected.shape
    assert float((got * expected).sum(axis=1).min()) >= 0.999
    assert sum(done) == len(texts)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-4)
