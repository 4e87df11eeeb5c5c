"""Whether an index is stale, and why, in words ("3 files changed", "built with another
model"): the one answer ``corpusbot ask`` (build first?), ``corpusbot index build`` (anything
to do?) and the hot-reload watcher (a newer build to serve?) act on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval import ingest
from retrieval.figures.stored import FIGURES_VERSION
from retrieval.index.encoders import query_encoder_current
from retrieval.index.manifest import Manifest, Signature
from retrieval.index.plan import changes, corpus_hashes
from retrieval.vectors.faiss_index import ANN_THRESHOLD, choose_kind

if TYPE_CHECKING:
    from retrieval.vectors.interface import VectorStore


@dataclass(frozen=True)
class Target:
    """What a current index is built from: the corpus and the settings."""

    corpus_dir: Path
    model: str  # canonical name
    passage_chars: int
    index_type: str  # the setting (``auto`` is resolved by the number of passages)
    ann_threshold: int | None = None
    export_query_encoder: bool = True
    max_file_bytes: int | None = None
    external_store: bool = False  # the vectors are to be in a vector store (Milvus), not FAISS
    vector_store: VectorStore | None = None  # that store, when connected


@dataclass(frozen=True)
class Published:
    """One build as a reader sees it: its manifest file, and the vector store's generation
    (-1 without an external store)."""

    signature: Signature | None
    generation: int = -1


def resolved_index_type(manifest: Manifest, index_type: str, ann_threshold: int | None) -> str:
    """The index type ``index_type`` asks for, for the number of passages ``manifest`` holds."""
    threshold = ANN_THRESHOLD if ann_threshold is None else ann_threshold
    return choose_kind(manifest.passages or 0, index_type, threshold=threshold)


def stale_reasons(
    have: Manifest | Published,
    want: Target | Published,
    *,
    files: dict[str, str] | None = None,
) -> list[str]:
    """Why the index ``have`` is not the one ``want`` calls for; empty when it is.

    Against a ``Target`` (the corpus and settings: ``ask`` and ``index build``), ``have`` is
    the index's manifest and ``files`` the corpus's hashes when the caller has them. Against
    a ``Published`` build (the hot-reload watcher), ``have`` is the build being served.
    """
    if isinstance(want, Published) or isinstance(have, Published):
        if not (isinstance(want, Published) and isinstance(have, Published)):
            raise TypeError("a served build is compared with a published one")
        return _newer_build(have, want)
    reasons = _settings_reasons(have, want)
    if files is None:
        files = corpus_hashes(want.corpus_dir, have)
    reasons += changes(have.files, files).words()
    return reasons


def _newer_build(served: Published, now: Published) -> list[str]:
    if now.signature is None or now == served:
        return []
    if now.signature != served.signature:
        return ["the index folder holds a newer build"]
    return [f"the vector store published build generation {now.generation}"]


def _settings_reasons(manifest: Manifest, want: Target) -> list[str]:
    """Every way ``manifest`` was built other than ``want`` asks, in words."""
    checks = [
        (manifest.model != want.model, f"built with another model ({manifest.model})"),
        (
            manifest.passage_chars != want.passage_chars,
            f"built with passages of {manifest.passage_chars} characters, not {want.passage_chars}",
        ),
        (
            manifest.ingest_version != ingest.INGEST_VERSION,
            "documents read by an older version",
        ),
        (
            manifest.figures_version != FIGURES_VERSION,
            "figures extracted by an older version",
        ),
        (manifest.max_file_bytes != want.max_file_bytes, "the file size limit changed"),
        (not manifest.dense_layout_current, "vectors kept the way an older version did"),
        (
            not query_encoder_current(manifest, want.model, want.export_query_encoder),
            "no current ONNX export of the model",
        ),
        (not _store_current(manifest, want), _store_words(manifest, want)),
    ]
    reasons = [words for failed, words in checks if failed]
    kind = resolved_index_type(manifest, want.index_type, want.ann_threshold)
    if manifest.index_type != kind:
        reasons.append(f"a {manifest.index_type} index, the settings ask for {kind}")
    return reasons


def _store_current(manifest: Manifest, want: Target) -> bool:
    """Whether the vector store (or its absence) is as the manifest records it."""
    if not want.external_store:
        return manifest.vector_store is None
    if want.vector_store is None or manifest.vector_store is None:
        return False
    from retrieval.vectors.milvus import store_matches

    return store_matches(want.vector_store, manifest.vector_store, want.model)


def _store_words(manifest: Manifest, want: Target) -> str:
    if not want.external_store:
        return "its vectors are to move from the vector store to FAISS"
    if manifest.vector_store is None:
        return "its vectors are to move from FAISS to the vector store"
    if want.vector_store is None:
        return "the vector store has no collection for it"
    return "the vector store does not hold what the index recorded"
