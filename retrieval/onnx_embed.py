"""Embeddings with onnxruntime and the tokenizer alone: the query path never imports torch.

At build time the sentence-transformers model is exported once to ONNX (``export``), the
export is checked against the model itself (same token ids, cosine ≥ ``MIN_COSINE`` on a
sample), and stored in the index folder next to the vectors it must match. Importing
onnxruntime and tokenizers takes a fraction of a second; torch and sentence-transformers
take several.

Only ``export`` needs torch, and it imports it itself.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.embed_pipeline import BATCH_TOKENS

log = logging.getLogger(__name__)

EXPORT_VERSION = 1
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
CONFIG_FILE = "encoder.json"
OPSET = 17
MIN_COSINE = 0.999  # the export must reproduce the model's embeddings at least this closely

ProgressFn = Callable[[int], None]

# Texts the export is checked on: short and long (past the length limit), digits, accents.
CHECK_TEXTS = (
    "how many died?",
    "What is the population of Broken Bow?",
    "",
    "  leading and trailing spaces  ",
    "Über 4.700 Soldaten — 600 Tote, laut NIS (Südkorea) am 30. April 2025.",
    "The National Intelligence Service reported 4,700 casualties, among them 600 deaths. " * 40,
    "ALL CAPS HEADLINE: MARKETS FALL 3.2% AS RATES RISE",
    "emoji 🙂 and tabs\tand\nnewlines",
)


class ExportError(Exception):
    """The model cannot be exported faithfully; the caller falls back to torch."""


class TextTokenizer:
    """A sentence-transformers model's tokenization, rebuilt on the ``tokenizers`` library:
    truncation to the model's limit, padding to the longest text of each batch."""

    def __init__(self, tokenizer: Any, config: dict[str, Any]) -> None:
        self.tokenizer = tokenizer
        self.inputs: list[str] = list(config["inputs"])
        self.max_length = int(config["max_seq_length"])
        self.lower = bool(config.get("do_lower_case", False))
        tokenizer.enable_truncation(self.max_length, strategy="longest_first")
        tokenizer.enable_padding(
            pad_id=int(config["pad_id"]), pad_token=str(config["pad_token"]), direction="right"
        )

    @classmethod
    def from_json(cls, text: str, config: dict[str, Any]) -> TextTokenizer:
        from tokenizers import Tokenizer

        return cls(Tokenizer.from_str(text), config)

    def prepare(self, texts: Sequence[str]) -> list[str]:
        cleaned = [str(t).strip() for t in texts]
        return [t.lower() for t in cleaned] if self.lower else cleaned

    def __call__(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Model inputs (int64 arrays of shape (len(texts), longest)) for ``texts``."""
        encodings = self.tokenizer.encode_batch_fast(self.prepare(texts))
        out: dict[str, np.ndarray] = {}
        for name in self.inputs:
            attr = {"input_ids": "ids", "attention_mask": "attention_mask"}.get(name, "type_ids")
            out[name] = np.array([getattr(e, attr) for e in encodings], dtype=np.int64)
        return out


class OnnxEmbedder:
    """An exported model run by onnxruntime; L2-normalized float32 vectors, thread-safe."""

    batch_size = 32  # per batch through the pipeline (``retrieval.embed_pipeline``)
    batch_tokens = BATCH_TOKENS  # and at most this many tokens each

    def __init__(
        self, folder: Path, *, name: str | None = None, threads: int = 0, bulk: bool = False
    ) -> None:
        """``bulk``: set for embedding many texts (a build): every core, threads kept spinning
        between batches; otherwise set for questions (two threads at most, no spinning)."""
        import onnxruntime as ort

        folder = Path(folder)
        try:
            config = json.loads((folder / CONFIG_FILE).read_text("utf-8"))
            tokenizer_json = (folder / TOKENIZER_FILE).read_text("utf-8")
        except (OSError, ValueError) as exc:
            raise ExportError(f"no usable ONNX export in {folder}: {exc}") from exc
        if config.get("export_version") != EXPORT_VERSION:
            raise ExportError(f"the ONNX export in {folder} is from another version")
        self.folder = folder
        self.config = config
        self.name = name or str(config["model"])
        self.dimension = int(config["dimension"])
        self.tokenize = TextTokenizer.from_json(tokenizer_json, config)
        options = ort.SessionOptions()
        # One question is a few dozen tokens: a second thread still shortens it by a quarter,
        # more only add hand-off latency (and concurrent questions want the cores). A build
        # keeps every core busy with batches of a few thousand tokens.
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
        cores = cores or os.cpu_count() or 1
        options.intra_op_num_threads = threads or (cores if bulk else min(2, cores))
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.add_session_config_entry("session.intra_op.allow_spinning", "1" if bulk else "0")
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(folder / MODEL_FILE), options, providers=["CPUExecutionProvider"]
        )
        self._output = self.session.get_outputs()[0].name

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: ProgressFn | None = None
    ) -> np.ndarray:
        if not len(texts):
            return np.zeros((0, self.dimension), dtype=np.float32)
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        # Similar lengths together: padding is wasted work.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for lo in range(0, len(order), batch_size):
            idx = order[lo : lo + batch_size]
            feed = self.tokenize([texts[i] for i in idx])
            (vectors,) = self.session.run([self._output], feed)
            out[idx] = _normalized(np.asarray(vectors, dtype=np.float32))
            if progress:
                progress(len(idx))
        return out

    def __call__(self, texts: list[str]) -> np.ndarray:
        return self.encode(texts)

    # --- as a ``retrieval.embed_pipeline.BatchModel`` ---
    def prepare(self, feed: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        return feed

    def forward(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        (vectors,) = self.session.run([self._output], feed)
        return _normalized(np.asarray(vectors, dtype=np.float32))


def _normalized(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


# --- export (needs torch) -------------------------------------------------------------------


def tokenizer_config(st_model: Any) -> tuple[str, dict[str, Any]]:
    """(tokenizer.json text, settings) reproducing ``st_model``'s own tokenization."""
    first = st_model[0]
    hf_tokenizer: Any = getattr(first, "tokenizer", None)
    backend = getattr(hf_tokenizer, "backend_tokenizer", None)
    if backend is None:
        raise ExportError("the model has no fast (Rust) tokenizer")
    if getattr(st_model, "default_prompt_name", None):
        raise ExportError("the model adds a default prompt")
    max_length = getattr(st_model, "max_seq_length", None) or getattr(first, "max_seq_length", None)
    if not max_length:
        raise ExportError("the model has no maximum sequence length")
    pad_id = hf_tokenizer.pad_token_id
    if pad_id is None:
        raise ExportError("the tokenizer has no padding token")
    inputs = [
        n
        for n in hf_tokenizer.model_input_names
        if n in ("input_ids", "attention_mask", "token_type_ids")
    ]
    if "input_ids" not in inputs or "attention_mask" not in inputs:
        raise ExportError(f"unexpected model inputs {hf_tokenizer.model_input_names}")
    config = {
        "inputs": inputs,
        "max_seq_length": int(max_length),
        "do_lower_case": bool(getattr(first, "do_lower_case", False)),
        "pad_id": int(pad_id),
        "pad_token": str(hf_tokenizer.pad_token),
    }
    return backend.to_str(), config


def fast_tokenizer(st_model: Any) -> TextTokenizer:
    """``st_model``'s tokenization on the ``tokenizers`` library (releases the GIL)."""
    text, config = tokenizer_config(st_model)
    return TextTokenizer.from_json(text, config)


def check_tokenizer(st_model: Any, tokenizer: TextTokenizer) -> None:
    """Raise ``ExportError`` unless ``tokenizer`` gives exactly the model's own token ids."""
    texts = list(CHECK_TEXTS)
    ours = tokenizer(texts)
    theirs = _st_features(st_model, texts)
    for name in tokenizer.inputs:
        if name not in theirs or theirs[name].shape != ours[name].shape:
            raise ExportError(f"the tokenizer disagrees with the model on {name}")
        if not np.array_equal(theirs[name], ours[name]):
            raise ExportError(f"the tokenizer disagrees with the model on {name}")


def _st_features(st_model: Any, texts: list[str]) -> dict[str, np.ndarray]:
    prepare = getattr(st_model, "preprocess", None) or st_model.tokenize
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        features = prepare(texts)
    return {k: v.cpu().numpy() for k, v in features.items() if hasattr(v, "cpu")}


def export(st_model: Any, folder: Path, *, name: str) -> dict[str, Any]:
    """Export ``st_model`` (fp32, on CPU) to ``folder``; checked, or ``ExportError``.

    Returns what the index manifest records about the export.
    """
    import torch

    tokenizer_json, config = tokenizer_config(st_model)
    tokenizer = TextTokenizer.from_json(tokenizer_json, config)
    check_tokenizer(st_model, tokenizer)
    inputs: list[str] = config["inputs"]

    class Wrapper(torch.nn.Module):
        """The whole sentence-transformers pipeline (encoder, pooling, any dense layers)."""

        def __init__(self) -> None:
            super().__init__()
            self.model = st_model

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            out = self.model(dict(zip(inputs, tensors, strict=True)))["sentence_embedding"]
            return torch.nn.functional.normalize(out.float(), p=2.0, dim=1)

    folder.mkdir(parents=True, exist_ok=True)
    # Two texts of different lengths, so the traced graph pads and masks.
    sample = tokenizer(["a short one", "a somewhat longer text, so that padding is needed"])
    args = tuple(torch.from_numpy(sample[n]) for n in inputs)
    dynamic = {n: {0: "batch", 1: "tokens"} for n in inputs}
    try:
        with warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Wrapper().eval(),
                args,
                str(folder / MODEL_FILE),
                input_names=inputs,
                output_names=["sentence_embedding"],
                dynamic_axes={**dynamic, "sentence_embedding": {0: "batch"}},
                opset_version=OPSET,
                do_constant_folding=True,
                dynamo=False,  # the TorchScript exporter needs no onnxscript
            )
    except Exception as exc:  # torch raises many kinds; all mean "cannot export"
        raise ExportError(f"ONNX export failed: {exc}") from exc

    # The check: the same texts through both, in one batch (padding included) and one by one.
    texts = list(CHECK_TEXTS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = np.asarray(
            st_model.encode(texts, normalize_embeddings=True, convert_to_numpy=True), np.float32
        )
    (folder / TOKENIZER_FILE).write_text(tokenizer_json, "utf-8")
    record = {
        **config,
        "export_version": EXPORT_VERSION,
        "model": name,
        "dimension": int(expected.shape[1]),
        "opset": OPSET,
    }
    (folder / CONFIG_FILE).write_text(json.dumps(record, indent=2), "utf-8")
    try:
        onnx = OnnxEmbedder(folder, name=name)
    except Exception as exc:  # onnxruntime rejects the graph
        raise ExportError(f"onnxruntime cannot run the export: {exc}") from exc
    got = np.concatenate([onnx.encode(texts, batch_size=len(texts)), onnx.encode(texts[:1])])
    cosines = np.concatenate([(got[:-1] * expected).sum(1), [(got[-1] * expected[0]).sum()]])
    worst = float(cosines.min())
    if not worst >= MIN_COSINE:
        raise ExportError(f"the export differs from the model (cosine {worst:.5f} < {MIN_COSINE})")
    return {
        "backend": "onnx",
        "export_version": EXPORT_VERSION,
        "model": name,
        "opset": OPSET,
        "min_cosine": round(worst, 6),
        "onnxruntime": _version("onnxruntime"),
        "torch": str(torch.__version__),
    }


def _version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:  # metadata missing: not worth failing an export over
        return "unknown"


# --- sharing one session between index versions ------------------------------------------------

_cache_lock = threading.Lock()
_cache: dict[tuple[str, str], OnnxEmbedder] = {}


def cached_embedder(folder: Path, checksum: str, *, name: str) -> OnnxEmbedder:
    """One session per exported model file (by checksum): a reloaded index whose export did not
    change reuses the session that is already warm."""
    key = (name, checksum)
    with _cache_lock:
        found = _cache.get(key)
    if found is not None:
        return found
    embedder = OnnxEmbedder(folder, name=name)
    with _cache_lock:
        if len(_cache) >= 4:  # a different model replaced the old one: let it go
            _cache.clear()
        return _cache.setdefault(key, embedder)
