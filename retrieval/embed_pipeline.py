"""Many texts → vectors, the model kept busy: a producer thread tokenizes chunks of texts,
sorts each chunk by token count (a batch of like lengths carries little padding) and cuts it
into batches; a second thread runs the model on them. Texts may be added while earlier ones
are being embedded, so reading a corpus and embedding it overlap.

The same pipeline serves every model: onnxruntime on a CPU, torch (fp16) on a GPU, and any
plain ``Embedder`` (``PlainModel``). A model says how to tokenize and how to run one batch.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np

ProgressFn = Callable[[int], None]
Feed = dict[str, np.ndarray]

CHUNK = 1024  # texts tokenized and sorted together
# Vectors are kept in blocks of this many rows as they come (a few MB each: memory the
# allocator gives back when a block is freed, unlike many small arrays).
BLOCK = 8192
AHEAD = 4  # batches tokenized ahead of the model
# Tokens per batch at most on a CPU (rows × padded length; a model's ``batch_tokens``): a
# batch of long texts has fewer rows, so the attention's working memory (rows × length²)
# stays near that of a batch of short ones.
BATCH_TOKENS = 4096


class BatchModel(Protocol):
    dimension: int
    batch_size: int

    def tokenize(self, texts: Sequence[str]) -> Feed:
        """Model inputs for ``texts``: 2-D arrays right-padded to the longest, including
        ``attention_mask`` (1-D arrays, one value per text, are allowed too)."""
        ...

    def prepare(self, feed: Feed) -> Any:
        """One batch made ready for ``forward`` (runs on the producer thread)."""
        ...

    def forward(self, batch: Any) -> np.ndarray:
        """L2-normalized float32 vectors, one row per text of ``batch``."""
        ...


class PlainModel:
    """Any ``Embedder`` as a ``BatchModel``: its own ``encode`` runs each batch."""

    def __init__(self, embedder: Any, batch_size: int = 64) -> None:
        self.embedder = embedder
        self.dimension = int(embedder.dimension)
        self.batch_size = batch_size

    def tokenize(self, texts: Sequence[str]) -> Feed:
        lengths = np.fromiter((len(t) for t in texts), np.int64, len(texts))
        return {"text": np.array(list(texts), dtype=object), "length": lengths}

    def prepare(self, feed: Feed) -> Any:
        return feed

    def forward(self, batch: Any) -> np.ndarray:
        texts = [str(t) for t in batch["text"]]
        vectors = self.embedder.encode(texts, batch_size=max(1, len(texts)))
        return np.asarray(vectors, dtype=np.float32)


def token_counts(feed: Feed) -> np.ndarray:
    if "attention_mask" in feed:
        return np.asarray(feed["attention_mask"]).sum(axis=1)
    return np.asarray(feed["length"])


def sorted_batches(
    feed: Feed, batch_size: int, max_tokens: int = 0
) -> list[tuple[np.ndarray, Feed]]:
    """(rows, inputs) per batch: rows longest first, each batch's padding cut to its longest,
    and (``max_tokens``) no more rows than keep rows × that length within ``max_tokens``."""
    counts = token_counts(feed)
    order = np.argsort(-counts, kind="stable")
    out = []
    lo = 0
    while lo < len(order):
        width = max(1, int(counts[order[lo]]))  # the batch's longest: it comes first
        size = min(batch_size, max(1, max_tokens // width)) if max_tokens else batch_size
        rows = order[lo : lo + size]
        lo += size
        batch = {
            k: np.ascontiguousarray(v[rows, :width] if v.ndim == 2 else v[rows])
            for k, v in feed.items()
        }
        out.append((rows, batch))
    return out


class EmbeddingPipeline:
    """``add`` texts as they come, ``finish`` for all their vectors in the order added.

    ``load`` makes the model on first use, on the producer thread (a model load overlaps with
    whatever the caller does meanwhile). An error on either thread is raised by ``finish``.
    """

    def __init__(
        self,
        load: Callable[[], BatchModel],
        *,
        progress: ProgressFn | None = None,
        chunk: int = CHUNK,
    ) -> None:
        self._load = load
        self._progress = progress
        self._chunk = chunk
        self._incoming: queue.Queue[list[str] | None] = queue.Queue()
        self._batches: queue.Queue[tuple[np.ndarray, Any] | None] = queue.Queue(AHEAD)
        self._blocks: dict[int, np.ndarray] = {}  # block number → its rows' vectors
        self._filled = 0
        self._errors: list[BaseException] = []
        self._added = 0
        self._model: BatchModel | None = None
        self._threads: list[threading.Thread] = []
        self._finished = False  # no more texts will come

    @property
    def added(self) -> int:
        return self._added

    def add(self, texts: Sequence[str]) -> None:
        if self._errors:
            raise self._errors[0]
        if not texts:
            return
        if not self._threads:
            self._start()
        self._incoming.put(list(texts))
        self._added += len(texts)

    def _start(self) -> None:
        self._threads = [
            threading.Thread(target=self._produce, name="embed-tokenize", daemon=True),
            threading.Thread(target=self._consume, name="embed-model", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def model(self) -> BatchModel:
        """The model (loaded here when no text was added yet)."""
        if self._model is None:
            self._model = self._load()
        return self._model

    def release_model(self) -> None:
        """Let the model go once nothing more is to be embedded (a build's writing then runs
        without its weights and working memory); ``model`` would load it again."""
        if self._threads and not self._finished:
            raise RuntimeError("texts are still being embedded")
        self._model = None

    def _produce(self) -> None:
        try:
            model = self.model()
            base = 0
            pending: list[str] = []
            finished = False
            while not finished:
                item = self._incoming.get()
                if item is None:
                    finished = True
                else:
                    pending.extend(item)
                while pending and (finished or len(pending) >= self._chunk):
                    chunk, pending = pending[: self._chunk], pending[self._chunk :]
                    limit = int(getattr(model, "batch_tokens", 0))
                    for rows, batch in sorted_batches(
                        model.tokenize(chunk), model.batch_size, limit
                    ):
                        if self._errors:
                            return
                        self._batches.put((base + rows, model.prepare(batch)))
                    base += len(chunk)
        except BaseException as exc:
            self._errors.append(exc)
        finally:
            self._batches.put(None)

    def _consume(self) -> None:
        while True:
            item = self._batches.get()
            if item is None:
                return
            if self._errors:
                continue  # drain, so that the producer never blocks
            rows, batch = item
            try:
                assert self._model is not None  # set before the first batch is queued
                vectors = np.asarray(self._model.forward(batch), dtype=np.float32)
                self._keep(rows, vectors)
                if self._progress:
                    self._progress(len(rows))
            except BaseException as exc:
                self._errors.append(exc)

    def _keep(self, rows: np.ndarray, vectors: np.ndarray) -> None:
        """Put ``vectors`` (one per row number in ``rows``) in their blocks."""
        numbers = rows // BLOCK
        for number in np.unique(numbers):
            block = self._blocks.get(int(number))
            if block is None:
                block = self._blocks[int(number)] = np.empty(
                    (BLOCK, vectors.shape[1]), dtype=np.float32
                )
            here = numbers == number
            block[rows[here] - int(number) * BLOCK] = vectors[here]
        self._filled += len(rows)

    def close(self) -> None:
        """Stop the threads without waiting for the texts still queued (after an error)."""
        if self._threads and not self._finished:
            self._errors.append(RuntimeError("embedding stopped"))
            self._incoming.put(None)
            self._finished = True

    def finish(self) -> np.ndarray:
        """Every added text's vector, in the order added (shape (added, dimension))."""
        if self._threads:
            if not self._finished:
                self._incoming.put(None)
                self._finished = True
            for thread in self._threads:
                thread.join()
        if self._errors:
            raise self._errors[0]
        model = self.model()
        if self._filled != self._added:
            raise RuntimeError(f"embedded {self._filled} of {self._added} texts")
        out = np.empty((self._added, model.dimension), dtype=np.float32)
        for number in sorted(self._blocks):  # each block freed once copied
            block = self._blocks.pop(number)
            lo = number * BLOCK
            out[lo : lo + BLOCK] = block[: len(out) - lo]
        return out


def embed_texts(
    model: BatchModel, texts: Sequence[str], progress: ProgressFn | None = None
) -> np.ndarray:
    """``texts`` embedded through the pipeline, start to finish."""
    pipeline = EmbeddingPipeline(lambda: model, progress=progress)
    pipeline.add(texts)
    return pipeline.finish()
