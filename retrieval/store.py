"""The saved index: a folder with a manifest (``config.json``), the documents, passages,
embeddings, a FAISS index and a BM25 index.

Builds are incremental (unchanged files keep their passages and embeddings; an unchanged
corpus is recognised from file sizes and times without reading it, and without loading the
model) and atomic (written to a temporary folder beside the target, then swapped in), and
loading checks the manifest so that an index from another model, or a damaged file, is a
clear error.

The folder also holds the model exported to ONNX (``onnx/``), checked against the model at
build time, so that questions are embedded without importing torch; the manifest's
``query_encoder`` says whether the export exists, or why not.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from retrieval import index_folder, ingest
from retrieval.ann import (
    ANN_THRESHOLD,
    RowFile,
    VectorIndex,
    choose_kind,
)
from retrieval.embed_pipeline import BatchModel, EmbeddingPipeline, embed_texts
from retrieval.embedding import Embedder, canonical_model_name
from retrieval.errors import IndexLoadError
from retrieval.figures.stored import (
    FIGURES_FILE,
    FIGURES_VERSION,
    NAME_VECTORS_FILE,
    NAMES_FILE,
    StoredFigures,
    measure_names,
    read_passage,
)
from retrieval.figures.stored import OFFSETS_FILE as FIGURE_OFFSETS
from retrieval.figures.stored import write as write_figures
from retrieval.keyword import KeywordIndex
from retrieval.loading import load_files
from retrieval.types import DocumentMeta, Passage
from retrieval.vectorstore import FaissVectorStore, StoreRows, check_generation, document_key

if TYPE_CHECKING:
    from retrieval.vectorstore import StoreSync, VectorStore

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST = "config.json"
DOCUMENTS = "documents.json"
PASSAGES = "passages.npy"
EMBEDDINGS = "embeddings.npy"
FAISS_DIR = "vectors"  # the dense side: a retrieval.vectorstore.FaissVectorStore
# How the dense side of a FAISS index is kept: 2 = a FaissVectorStore in FAISS_DIR (1 was a
# bare vectors.faiss file; such an index is stale and rebuilt without embedding anything).
DENSE_LAYOUT = 2
KEYWORDS = "bm25"
ONNX_DIR = "onnx"  # the model exported for the query path (see retrieval.onnx_embed)
PASSAGE_IDS = "ids.npy"  # stable passage ids, with an external vector store (see below)
REBUILD_HINT = "run `corpusbot index build`"
# Everything a build writes into the folder (and nothing a user would keep there).
_INDEX_NAMES = frozenset(
    {
        MANIFEST,
        DOCUMENTS,
        FIGURES_FILE,
        FIGURE_OFFSETS,
        NAMES_FILE,
        NAME_VECTORS_FILE,
        PASSAGES,
        EMBEDDINGS,
        FAISS_DIR,
        "vectors.faiss",  # the dense side of layout 1
        KEYWORDS,
        ONNX_DIR,
        PASSAGE_IDS,
        ".gitignore",
    }
)


@dataclass
class BuildReport:
    documents: int = 0
    passages: int = 0
    embedded: int = 0  # passages embedded in this build (the rest were reused)
    skipped: dict[str, str] = field(default_factory=dict)  # file → reason
    seconds: float = 0.0
    up_to_date: bool = False
    full: bool = False
    index_type: str = ""  # the vector index type chosen (see retrieval.ann.choose_kind)
    query_backend: str = ""  # how questions will be embedded: onnx, torch or embedder

    def summary(self) -> str:
        state = "index up to date" if self.up_to_date else "indexed"
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ", 0 skipped"
        reused = "" if self.up_to_date else f" ({self.embedded} embedded)"
        return (
            f"{state}: {self.documents} documents, {self.passages} passages{reused}"
            f"{skipped} in {self.seconds:.2f} s"
        )


@dataclass
class LoadedIndex:
    """Everything search needs, read from one index folder."""

    path: Path
    manifest: dict[str, Any]
    documents: list[DocumentMeta]
    texts: list[str]  # full text of each document, same order as ``documents``
    rows: np.ndarray  # (passages, 3) int64: document number, start, end
    embeddings: np.ndarray | RowFile  # (passages, dimension) float32, read from disk on demand
    vectors: VectorIndex  # FAISS, or a vector store (Milvus) when the manifest names one
    keywords: KeywordIndex
    signature: tuple[int, ...] | None = None  # the manifest file it was read from (reloads)
    figures: StoredFigures | None = None  # read at build time; None: read them from the text

    @property
    def model(self) -> str:
        return str(self.manifest["model"])

    @property
    def size(self) -> int:
        return len(self.rows)

    @property
    def query_encoder(self) -> dict[str, Any]:
        """The manifest's record of the ONNX export (``backend``: onnx, torch or embedder)."""
        info = self.manifest.get("query_encoder")
        return info if isinstance(info, dict) else {}

    def passage(self, i: int) -> Passage:
        doc, start, end = (int(x) for x in self.rows[i])
        return Passage(self.documents[doc].doc_id, start, end, self.texts[doc][start:end])

    def document_of(self, i: int) -> DocumentMeta:
        return self.documents[int(self.rows[i][0])]


# --- manifest ---------------------------------------------------------------------------------------


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_index_folder(index_dir: Path) -> None:
    """Raise ``IndexFolderError`` unless a build may write the index at ``index_dir``."""
    index_folder.check_writable(index_dir, _INDEX_NAMES)


def _tree_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.name not in (MANIFEST, ".gitignore", index_folder.BUILD_MARKER)
    )


def read_manifest(index_dir: Path) -> dict[str, Any]:
    path = index_dir / MANIFEST
    if not index_dir.exists() or not path.exists():
        raise IndexLoadError(f"no index at {index_dir}: {REBUILD_HINT}")
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexLoadError(f"index manifest {path} is damaged ({exc}): {REBUILD_HINT}") from exc
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        raise IndexLoadError(
            f"index at {index_dir} has an unknown format: run `corpusbot index build --full`"
        )
    for key, kind in _MANIFEST_FIELDS.items():
        if key in manifest and not isinstance(manifest[key], kind):
            raise IndexLoadError(
                f"index manifest {path} is damaged ({key!r} is not a {kind.__name__}): "
                f"{REBUILD_HINT}"
            )
    for key in ("model", "dimension", "files", "checksums"):
        if key not in manifest:
            raise IndexLoadError(f"index manifest {path} is damaged (no {key!r}): {REBUILD_HINT}")
    return manifest


# What the manifest's fields must be, so that a hand-edited or damaged one is an error here
# rather than a crash wherever the field is first used.
_MANIFEST_FIELDS: dict[str, type] = {
    "model": str,
    "dimension": int,
    "files": dict,
    "file_stats": dict,
    "skipped": dict,
    "checksums": dict,
    "index_params": dict,
    "query_encoder": dict,
}


def manifest_signature(index_dir: Path) -> tuple[int, ...] | None:
    """Identifies the manifest now at ``index_dir`` (a rebuild writes a new file); None if none."""
    try:
        st = (index_dir / MANIFEST).stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


# The "hash" of a file that could not be read: the prefix, then the reason. It changes (and the
# file is read again) when the file becomes readable.
UNREADABLE = "unreadable: "


def _file_stat(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


# A file modified this recently may change again within the same timestamp tick, so its
# size and time do not prove it unchanged: such files are hashed again on the next build.
_STAT_TRUST_NS = 2_000_000_000


def corpus_hashes(corpus_dir: Path, known: dict[str, Any] | None = None) -> dict[str, str]:
    """Content hash of every corpus file, keyed by its path relative to the corpus.

    ``known`` (an index manifest) lends the hash of each file whose size and modification
    time are as it recorded them, so an unchanged corpus is not read again.
    """
    files: dict[str, str] = (known or {}).get("files") or {}
    stats: dict[str, list[int]] = (known or {}).get("file_stats") or {}
    out: dict[str, str] = {}
    for path in ingest.discover(corpus_dir):
        rel = path.relative_to(corpus_dir).as_posix()
        recorded = stats.get(rel)
        try:
            if recorded is not None and rel in files and recorded == _file_stat(path):
                out[rel] = files[rel]
            else:
                out[rel] = _sha256_file(path)
        except OSError as exc:  # unreadable, or gone since it was listed: skipped by the build
            out[rel] = UNREADABLE + ingest.unreadable_reason(exc)
    return out


def _trusted_stats(corpus_dir: Path, rels: list[str]) -> dict[str, list[int]]:
    now = time.time_ns()
    stats = {}
    for rel in rels:
        try:
            stat = _file_stat(corpus_dir / rel)
        except OSError:
            continue
        if now - stat[1] > _STAT_TRUST_NS:
            stats[rel] = stat
    return stats


def resolved_index_type(
    manifest: dict[str, Any], index_type: str, ann_threshold: int | None = None
) -> str:
    """The index type the settings ask for, for the number of passages ``manifest`` holds."""
    threshold = ANN_THRESHOLD if ann_threshold is None else ann_threshold
    return choose_kind(int(manifest.get("passages") or 0), index_type, threshold=threshold)


def dense_layout_current(manifest: dict[str, Any]) -> bool:
    """Whether a FAISS index keeps its vectors the way this code reads them (always true of
    an index in an external vector store)."""
    return manifest.get("vector_store") is not None or manifest.get("dense_layout") == DENSE_LAYOUT


def is_stale(
    manifest: dict[str, Any],
    corpus_dir: Path,
    model: str,
    passage_chars: int,
    *,
    index_type: str | None = None,
    ann_threshold: int | None = None,
) -> bool:
    """Whether the index no longer reflects the corpus and settings (``index_type``, when
    given, is compared with the type the manifest records)."""
    if (
        manifest.get("model") != canonical_model_name(model)
        or manifest.get("passage_chars") != passage_chars
        or manifest.get("ingest_version") != ingest.INGEST_VERSION
        or not dense_layout_current(manifest)
    ):
        return True
    if index_type is not None and manifest.get("index_type") != resolved_index_type(
        manifest, index_type, ann_threshold
    ):
        return True
    return manifest.get("files") != corpus_hashes(corpus_dir, manifest)


def verify_checksums(index_dir: Path, manifest: dict[str, Any]) -> None:
    """``IndexLoadError`` unless every file the manifest lists is there, unchanged."""
    checksums: dict[str, str] = manifest.get("checksums", {})
    for name, expected in checksums.items():
        path = index_dir / name
        if not path.exists():
            raise IndexLoadError(f"index file {path} is missing: {REBUILD_HINT}")
        if _sha256_file(path) != expected:
            raise IndexLoadError(
                f"index file {path} is damaged (checksum mismatch): {REBUILD_HINT}"
            )


# --- loading ------------------------------------------------------------------------------------------


def load(
    index_dir: Path,
    model: str | None = None,
    *,
    vector_store: VectorStore | None = None,
    dense: bool = True,
) -> LoadedIndex:
    """Load and check an index; ``model`` (when given) must be the one it was built with.

    An index built into a vector store (its manifest's ``vector_store``) searches through
    ``vector_store``, which must be that store; ``dense=False`` skips the dense side (a build
    reading the previous index needs only its passages and embeddings).
    """
    signature = manifest_signature(index_dir)
    manifest = read_manifest(index_dir)
    if model is not None and manifest.get("model") != canonical_model_name(model):
        raise IndexLoadError(
            f"index at {index_dir} was built with model {manifest.get('model')!r}, "
            f"but the configured model is {canonical_model_name(model)!r}: {REBUILD_HINT} --full"
        )
    verify_checksums(index_dir, manifest)
    kind = str(manifest.get("index_type", "flat"))
    external = manifest.get("vector_store")
    if dense and (external is None) != (vector_store is None):
        where = external.get("location") if external else "its folder (FAISS)"
        raise IndexLoadError(
            f"index at {index_dir} keeps its vectors in {where}, not where the settings say "
            f"(CORPUSBOT_VECTOR_STORE): {REBUILD_HINT}"
        )
    try:
        raw_docs = json.loads((index_dir / DOCUMENTS).read_text("utf-8"))
        documents = [_document_meta(d) for d in raw_docs]
        texts = [d["text"] for d in raw_docs]
        rows = np.load(index_dir / PASSAGES)
        embeddings = RowFile(index_dir / EMBEDDINGS)  # read on demand, not held in memory
        vectors: VectorIndex
        if external is not None:
            vectors = _store_vectors(index_dir, manifest, vector_store if dense else None)
        elif dense:
            vectors = _folder_vectors(index_dir, manifest, kind)
        else:  # a build reading the previous index: its passages and embeddings only
            vectors = StoreRows(None, np.arange(len(rows), dtype=np.int64))
        keywords = KeywordIndex.load(index_dir / KEYWORDS, len(rows))
        figures = StoredFigures.open(index_dir, manifest, len(rows))
    except IndexLoadError:
        raise
    except Exception as exc:  # any parse failure of a file means the index is damaged
        raise IndexLoadError(f"index at {index_dir} is damaged ({exc}): {REBUILD_HINT}") from exc
    if not (len(rows) == vectors.size == len(embeddings) == manifest.get("passages")):
        raise IndexLoadError(f"index at {index_dir} is inconsistent: {REBUILD_HINT} --full")
    if embeddings.shape[1] != manifest.get("dimension"):
        raise IndexLoadError(f"index at {index_dir} has the wrong dimension: {REBUILD_HINT} --full")
    return LoadedIndex(
        index_dir,
        manifest,
        documents,
        texts,
        rows,
        embeddings,
        vectors,
        keywords,
        signature,
        figures,
    )


def document_records(index_dir: Path) -> list[dict[str, Any]]:
    """Each document the index holds, as saved: its metadata and its extracted ``text``."""
    manifest = read_manifest(index_dir)
    verify_checksums(index_dir, {"checksums": {DOCUMENTS: manifest["checksums"].get(DOCUMENTS)}})
    try:
        records = json.loads((index_dir / DOCUMENTS).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexLoadError(f"index at {index_dir} is damaged ({exc}): {REBUILD_HINT}") from exc
    if not isinstance(records, list):
        raise IndexLoadError(f"index at {index_dir} is damaged: {REBUILD_HINT}")
    return records


def _document_meta(record: dict[str, Any]) -> DocumentMeta:
    fields = {k: v for k, v in record.items() if k != "text"}
    fields["page_starts"] = tuple(fields.get("page_starts") or ())
    return DocumentMeta(**fields)


def _folder_vectors(index_dir: Path, manifest: dict[str, Any], kind: str) -> VectorIndex:
    """The dense side of an index whose vectors live in its own folder (FAISS)."""
    if not dense_layout_current(manifest):
        raise IndexLoadError(
            f"index at {index_dir} was built by an older corpusbot: {REBUILD_HINT}"
        )
    dense = FaissVectorStore.open(index_dir / FAISS_DIR, kind=kind)
    dense.check_compatible(str(manifest["model"]), int(manifest["dimension"]))
    return StoreRows(dense, np.load(index_dir / PASSAGE_IDS))


def _store_vectors(
    index_dir: Path, manifest: dict[str, Any], vector_store: VectorStore | None
) -> VectorIndex:
    """The dense side of an index whose vectors live in ``vector_store`` (None: rows only)."""

    ids = np.load(index_dir / PASSAGE_IDS)
    if vector_store is None:
        return StoreRows(None, ids)
    vector_store.check_compatible(str(manifest["model"]), int(manifest["dimension"]))
    check_generation(vector_store, manifest["vector_store"], index_dir)
    return StoreRows(vector_store, ids)


# --- building ---------------------------------------------------------------------------------------------

# (total, what is counted: "files" read or "passages" embedded) → advance(n)
ProgressFactory = Callable[[int, str], Callable[[int], None]]
QueryEncoderWriter = Callable[[Path], dict[str, Any]]  # folder → manifest record


def build(
    corpus_dir: Path,
    index_dir: Path,
    embedder_factory: Callable[[], Embedder],
    *,
    model: str,
    passage_chars: int = 450,
    full: bool = False,
    index_type: str = "flat",
    progress: ProgressFactory | None = None,
    ann_threshold: int | None = None,
    export_query_encoder: bool = True,
    vector_store: VectorStore | None = None,
    device: str = "auto",
    max_file_bytes: int | None = None,
) -> BuildReport:
    """Build or update the index at ``index_dir`` from ``corpus_dir``.

    Only new and changed files are read (in worker processes when there are many, see
    ``retrieval.loading``); a file over ``max_file_bytes`` is skipped.

    The model is loaded (``embedder_factory``) only when some passage needs embedding, or the
    ONNX export for the query path is missing. ``index_type`` may be ``auto``: exact search
    below ``ann_threshold`` passages, approximate above (``retrieval.ann.choose_kind``).

    With ``vector_store`` (Milvus) the vectors are searched there instead of in a FAISS file:
    only the passages of changed documents are added and deleted (``retrieval.vectorstore.
    StoreSync``). The folder keeps the documents, passages, embeddings and the BM25 index.

    Passages are embedded while the corpus is read (``retrieval.embed_pipeline``): on a CPU
    through the model's ONNX export (the previous index's when it is for this model, even
    with ``full``; else exported first), on a GPU (``device``) through torch in fp16.
    """
    started = time.perf_counter()
    model_name = canonical_model_name(model)
    check_index_folder(index_dir)  # before any work: a folder that is not ours is refused
    index_folder.remove_abandoned_builds(index_dir)

    manifest: dict[str, Any] | None = None
    try:
        found: dict[str, Any] | None = read_manifest(index_dir)
    except IndexLoadError as exc:
        found = None
        if not full and (index_dir / MANIFEST).exists():
            log.warning("rebuilding the whole index: %s", exc)
    # The export depends on the model alone: a full build reuses it too, once checked.
    export_from = (
        found if found is not None and export_intact(index_dir, found, model_name) else None
    )
    if not full:
        manifest = found
    hashes = corpus_hashes(corpus_dir, manifest)
    same_settings = manifest is not None and (
        manifest.get("model") == model_name
        and manifest.get("passage_chars") == passage_chars
        and manifest.get("ingest_version") == ingest.INGEST_VERSION
    )

    if (
        manifest is not None
        and same_settings
        and manifest.get("files") == hashes
        and manifest.get("index_type") == resolved_index_type(manifest, index_type, ann_threshold)
        and query_encoder_current(manifest, model_name, export_query_encoder)
        and _store_current(manifest, vector_store, model_name)
        and manifest.get("figures_version") == FIGURES_VERSION
        and manifest.get("max_file_bytes") == max_file_bytes
        and dense_layout_current(manifest)
    ):
        try:
            verify_checksums(index_dir, manifest)
        except IndexLoadError as exc:
            log.warning("rebuilding the whole index: %s", exc)
            manifest = None  # nothing in it can be trusted, the export included
            same_settings = False
        else:
            return BuildReport(
                documents=int(manifest["documents"]),
                passages=int(manifest["passages"]),
                skipped=dict(manifest.get("skipped", {})),
                seconds=time.perf_counter() - started,
                up_to_date=True,
                index_type=str(manifest.get("index_type", "")),
                query_backend=str((manifest.get("query_encoder") or {}).get("backend", "")),
            )

    previous: LoadedIndex | None = None
    if manifest is not None and same_settings:
        try:
            previous = load(index_dir, model, dense=False)
        except IndexLoadError as exc:
            log.warning("rebuilding the whole index: %s", exc)
            manifest = None
    elif manifest is not None and manifest.get("model") not in (model_name, None):
        log.warning(
            "rebuilding the whole index: it was built with model %r, the configured model is %r",
            manifest.get("model"),
            model_name,
        )

    loaded: list[Embedder] = []

    def embedder() -> Embedder:
        if not loaded:
            made = embedder_factory()
            if made.name != model_name:
                raise IndexLoadError(f"embedder {made.name!r} does not match model {model_name!r}")
            loaded.append(made)
        return loaded[0]

    encoder = PassageEncoder(
        index_dir,
        model_name,
        embedder,
        device=device,
        export_wanted=export_query_encoder and (full or not _export_failed(found, model_name)),
        export_from=index_dir / ONNX_DIR if export_from is not None else None,
    )
    advance = _LateProgress(progress)
    pipeline = EmbeddingPipeline(encoder.load, progress=advance)
    try:
        reusable: dict[str, tuple[int, str]] = {}  # path → (document number, sha)
        old_skipped: dict[str, str] = {}
        if previous is not None:
            old_files: dict[str, str] = previous.manifest.get("files", {})
            for number, meta in enumerate(previous.documents):
                if old_files.get(meta.path) == hashes.get(meta.path):
                    reusable[meta.path] = (number, meta.path)
            old_skipped = {
                p: r
                for p, r in previous.manifest.get("skipped", {}).items()
                if old_files.get(p) == hashes.get(p)
                and previous.manifest.get("max_file_bytes") == max_file_bytes
            }

        documents: list[ingest.Document] = []
        vectors_of: dict[int, np.ndarray] = {}  # position in ``documents`` → reused embeddings
        figures_of: dict[int, list[bytes]] = {}  # … → its passages' figure records, reused
        skipped: dict[str, str] = {}
        doc_of_row = previous.rows[:, 0] if previous is not None else np.zeros(0, np.int64)
        # Row ranges per old document, found once (not one scan of all rows per document).
        old_ranges: dict[int, np.ndarray] = {}
        if previous is not None and len(doc_of_row):
            order = np.argsort(doc_of_row, kind="stable")
            bounds = np.searchsorted(doc_of_row[order], np.arange(len(previous.documents) + 1))
            old_ranges = {
                d: order[bounds[d] : bounds[d + 1]] for d in range(len(previous.documents))
            }
        same_id = _same_document_id(corpus_dir, list(hashes))
        to_read = [
            rel
            for rel in hashes
            if not (previous is not None and rel in reusable)
            and rel not in old_skipped
            and rel not in same_id
            and not hashes[rel].startswith(UNREADABLE)
        ]
        # Files are read (HTML, PDF and Word in worker processes when there are many) before
        # their passages are queued for embedding.
        advance_files = progress(len(to_read), "files") if progress and to_read else None
        fresh = load_files(
            corpus_dir, to_read, passage_chars, max_file_bytes, advance=advance_files
        )
        for rel in hashes:
            if rel in same_id:
                if old_skipped.get(rel) != same_id[rel]:
                    log.warning("skipping %s: %s", rel, same_id[rel])
                skipped[rel] = same_id[rel]
                continue
            if previous is not None and rel in reusable:
                number = reusable[rel][0]
                meta = previous.documents[number]
                picked = old_ranges.get(number, np.zeros(0, np.int64))
                rows = previous.rows[picked]
                text = previous.texts[number]
                passages = [
                    Passage(meta.doc_id, int(s), int(e), text[int(s) : int(e)]) for _, s, e in rows
                ]
                vectors_of[len(documents)] = np.asarray(
                    previous.embeddings[picked], dtype=np.float32
                )
                if previous.figures is not None:
                    figures_of[len(documents)] = [previous.figures.record(int(r)) for r in picked]
                documents.append(ingest.Document(meta, text, passages))
                continue
            if rel in old_skipped:
                skipped[rel] = old_skipped[rel]
                continue
            if hashes[rel].startswith(UNREADABLE):
                skipped[rel] = ingest.skip(rel, hashes[rel].removeprefix(UNREADABLE)).reason
                continue
            result = fresh[rel]
            if isinstance(result, ingest.SkippedFile):
                skipped[rel] = result.reason
                continue
            # Record the hash of the bytes on disk, the same hash staleness checks compare.
            result.meta = DocumentMeta(**{**asdict(result.meta), "sha256": hashes[rel]})
            documents.append(result)
            pipeline.add([p.text for p in result.passages])

        if not documents:
            from retrieval.errors import CorpusError

            raise CorpusError(f"no readable documents in {corpus_dir} ({len(skipped)} skipped)")

        advance.start(pipeline.added)  # the bar, now that the number of passages is known
        # Figures are read while the passages are still being embedded.
        records = _figure_records(documents, figures_of)
        dimension = int(previous.manifest["dimension"]) if previous is not None else 0
        new_vectors = np.zeros((0, dimension), dtype=np.float32)
        if pipeline.added or previous is None:  # else nothing to embed: no model loaded
            new_vectors = pipeline.finish()
            dimension = new_vectors.shape[1]

        parts: list[np.ndarray] = []
        cursor = 0
        for i, doc in enumerate(documents):
            if i in vectors_of:
                parts.append(vectors_of[i])
            else:
                n = len(doc.passages)
                parts.append(new_vectors[cursor : cursor + n])
                cursor += n
        embeddings = (
            np.concatenate(parts).astype(np.float32)
            if parts
            else np.zeros((0, dimension), np.float32)
        )
        rows = np.array(
            [(i, p.start, p.end) for i, d in enumerate(documents) for p in d.passages],
            dtype=np.int64,
        ).reshape(-1, 3)

        threshold = ANN_THRESHOLD if ann_threshold is None else ann_threshold
        kind = choose_kind(len(rows), index_type, threshold=threshold)
        reuse_onnx = (
            manifest if manifest is not None and manifest.get("model") == model_name else None
        )
        reuse_onnx = reuse_onnx or export_from
        sync = None
        if vector_store is not None:
            sync = _store_sync(
                vector_store, previous, documents, vectors_of, embeddings, model_name
            )
        report = BuildReport(
            documents=len(documents),
            passages=len(rows),
            embedded=pipeline.added,
            skipped=skipped,
            full=previous is None,
            index_type=kind,
        )
        figures = _figures(
            records, previous, lambda texts: embed_texts(pipeline.model(), texts), dimension
        )
        query_encoder = _write(
            index_dir,
            documents,
            rows,
            embeddings,
            figures=figures,
            manifest={
                "kind": index_folder.MANIFEST_KIND,
                "format_version": FORMAT_VERSION,
                "model": model_name,
                "dimension": dimension,
                "normalized": True,
                "index_type": kind,
                "index_type_setting": index_type,
                "ann_threshold": threshold,
                "ingest_version": ingest.INGEST_VERSION,
                "figures_version": FIGURES_VERSION,
                "passage_chars": passage_chars,
                "max_file_bytes": max_file_bytes,
                "files": hashes,
                "file_stats": _trusted_stats(corpus_dir, list(hashes)),
                "skipped": skipped,
                "documents": len(documents),
                "passages": len(rows),
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "passage_encoder": _passage_record(encoder.record, previous),
            },
            index_type=kind,
            sync=sync,
            query_encoder=_query_encoder_writer(
                index_dir,
                reuse_onnx,
                model_name,
                embedder,
                export_query_encoder,
                lambda: encoder.staged,
            ),
        )
        report.query_backend = str(query_encoder.get("backend", ""))
        report.seconds = time.perf_counter() - started
        return report
    finally:
        pipeline.close()
        encoder.cleanup()


def _same_document_id(corpus_dir: Path, rels: list[str]) -> dict[str, str]:
    """Files whose document id an earlier file has ("a.pdf" after "a.docx"), with the
    reason they are skipped: quotes name a document by its id."""
    owners: dict[str, str] = {}
    out: dict[str, str] = {}
    for rel in rels:
        doc_id = ingest.doc_id_for(corpus_dir / rel, corpus_dir)
        if doc_id in owners:
            out[rel] = f"has the same document id ({doc_id}) as {owners[doc_id]}"
        else:
            owners[doc_id] = rel
    return out


def _figure_records(
    documents: list[ingest.Document], reused: dict[int, list[bytes]]
) -> list[bytes]:
    """Every passage's figure record (reused ones as they were)."""
    return [
        record
        for i, doc in enumerate(documents)
        for record in reused.get(i) or [read_passage(p, doc.meta) for p in doc.passages]
    ]


def _figures(
    records: list[bytes],
    previous: LoadedIndex | None,
    encode: Callable[[list[str]], np.ndarray],
    dimension: int,
) -> tuple[list[bytes], list[str], np.ndarray]:
    """The figure records, the measure names in them, and the names' vectors (those the
    previous index had, taken from it)."""
    names = measure_names(records)
    known = previous.figures.names if previous is not None and previous.figures else {}
    fresh = [n for n in names if n not in known]
    vectors = encode(fresh) if fresh else np.zeros((0, dimension), np.float32)
    fresh_vector = dict(zip(fresh, vectors, strict=True))
    table = np.array(
        [fresh_vector[n] if n in fresh_vector else known[n] for n in names], dtype=np.float32
    ).reshape(len(names), dimension)
    return records, names, table


class _LateProgress:
    """A progress callback for passages counted while they are read: the bar (total → advance)
    is made once the total is known; what was done before is passed on then."""

    def __init__(self, factory: ProgressFactory | None) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._advance: Callable[[int], None] | None = None
        self._early = 0

    def __call__(self, n: int) -> None:
        with self._lock:
            if self._advance is None:
                self._early += n
                return
        self._advance(n)

    def start(self, total: int) -> None:
        if self._factory is None or not total:
            return
        advance = self._factory(total, "passages")
        with self._lock:
            self._advance = advance
            early, self._early = self._early, 0
        if early:
            advance(early)


def _passage_record(made: dict[str, Any], previous: LoadedIndex | None) -> dict[str, Any]:
    """How the index's passages were embedded: by this build (``made``), by the builds whose
    vectors it kept (``reused``), or both. An index from before this record was embedded by
    the model itself (torch), and its vectors are the ONNX path's (cosine ≥ 0.999)."""
    before: dict[str, Any] | None = None
    if previous is not None:
        before = previous.manifest.get("passage_encoder") or (
            {"backend": "embedder"}
            if (previous.manifest.get("query_encoder") or {}).get("backend") == "embedder"
            else {"backend": "torch", "device": "cpu", "precision": "fp32"}
        )
    if not made:
        return before or {}
    if before is not None:
        earlier = {k: v for k, v in before.items() if k != "reused"}
        if earlier != made:
            return {**made, "reused": earlier}
    return made


def _export_failed(manifest: dict[str, Any] | None, model_name: str) -> bool:
    """Whether ``manifest`` records that this model failed to export (an update does not try
    again; a full build does)."""
    if manifest is None:
        return False
    info = manifest.get("query_encoder") or {}
    return info.get("backend") == "torch" and query_encoder_current(manifest, model_name)


def export_intact(index_dir: Path, manifest: dict[str, Any], model_name: str) -> bool:
    """Whether the index at ``index_dir`` holds a checked ONNX export of ``model_name`` whose
    files are as its manifest recorded them (a build may then embed with it)."""
    from retrieval.onnx_embed import EXPORT_VERSION

    info = manifest.get("query_encoder") or {}
    if not (
        info.get("backend") == "onnx"
        and info.get("model") == model_name
        and info.get("export_version") == EXPORT_VERSION
    ):
        return False
    checksums: dict[str, str] = manifest.get("checksums") or {}
    files = {k: v for k, v in checksums.items() if k.startswith(f"{ONNX_DIR}/")}
    try:
        return bool(files) and all(
            _sha256_file(index_dir / name) == digest for name, digest in files.items()
        )
    except OSError:
        return False


class PassageEncoder:
    """Chooses and loads what embeds a build's passages, and records it for the manifest.

    On a CPU: onnxruntime on the model's ONNX export (``export_from``, or exported now into a
    folder beside the index, which the new index then keeps); the same vectors as the model's
    (cosine ≥ ``onnx_embed.MIN_COSINE``, checked by the export) in less time. On a GPU, or
    when the model cannot be exported: the model itself (torch). A fake model: its ``encode``.
    """

    def __init__(
        self,
        index_dir: Path,
        model_name: str,
        embedder: Callable[[], Embedder],
        *,
        device: str,
        export_wanted: bool,
        export_from: Path | None,
    ) -> None:
        self.index_dir = index_dir
        self.model_name = model_name
        self.embedder = embedder
        self.device = device
        self.export_wanted = export_wanted
        self.export_from = export_from
        self.record: dict[str, Any] = {}  # the manifest's ``passage_encoder``; {}: not loaded
        self.staged: tuple[Path, dict[str, Any]] | None = None  # an export made by this build
        self._scratch: index_folder.BuildFolder | None = None

    def load(self) -> BatchModel:
        from retrieval.embed_pipeline import PlainModel
        from retrieval.embedding import FAKE_PREFIX, uses_gpu

        if self.model_name.startswith(FAKE_PREFIX):
            self.record = {"backend": "embedder"}
            return PlainModel(self.embedder())
        if not uses_gpu(self.device):
            folder = self.export_from or (self._export() if self.export_wanted else None)
            if folder is not None:
                from retrieval.onnx_embed import OnnxEmbedder

                onnx = OnnxEmbedder(folder, name=self.model_name, bulk=True)
                self.record = {"backend": "onnx", "device": "cpu", "precision": "fp32"}
                return onnx
        made = self.embedder()
        batch_model = getattr(made, "batch_model", None)
        model = batch_model() if batch_model is not None else PlainModel(made)
        on = str(getattr(made, "device", "cpu"))
        self.record = {
            "backend": "torch",
            "device": on,
            "precision": "fp16" if on.startswith("cuda") else "fp32",
        }
        return model

    def _export(self) -> Path | None:
        """The model exported into a scratch folder beside the index; None if it cannot be."""
        export = getattr(self.embedder(), "export_onnx", None)
        if export is None:
            return None
        self.index_dir.absolute().parent.mkdir(parents=True, exist_ok=True)
        # A build folder of its own: marked and locked, so a killed build's is removed later.
        self._scratch = index_folder.BuildFolder(self.index_dir.absolute())
        folder = self._scratch.path / ONNX_DIR
        try:
            info = dict(export(folder))
        except Exception as exc:  # any failure: torch embeds, and the query path says why
            from retrieval.onnx_embed import EXPORT_VERSION

            log.warning("passages and questions will be embedded with torch: %s", exc)
            self.staged = (
                folder,
                {
                    "backend": "torch",
                    "model": self.model_name,
                    "export_version": EXPORT_VERSION,
                    "reason": str(exc)[:500],
                },
            )
            return None
        self.staged = (folder, info)
        return folder

    def cleanup(self) -> None:
        if self._scratch is not None:
            self._scratch.release()
            shutil.rmtree(self._scratch.path, ignore_errors=True)
            self._scratch = None


def _store_current(
    manifest: dict[str, Any], vector_store: VectorStore | None, model_name: str
) -> bool:
    """Whether the vector store (or its absence) is as the manifest records it."""
    if vector_store is None:
        return manifest.get("vector_store") is None
    from retrieval.vectorstore import store_matches

    return store_matches(vector_store, manifest.get("vector_store"), model_name)


def _store_sync(
    vector_store: VectorStore,
    previous: LoadedIndex | None,
    documents: list[ingest.Document],
    reused: dict[int, np.ndarray],
    embeddings: np.ndarray,
    model_name: str,
) -> StoreSync:
    """What this build adds to and deletes from ``vector_store``.

    Incremental when the store holds exactly what the previous index recorded: the passages
    of reused documents stay (with their ids), new documents' are added, and versions the new
    index no longer has are deleted. Otherwise the store is emptied and filled again.
    """
    from retrieval.vectorstore import StoreSync, assign_ids, document_key, store_matches

    incremental = (
        previous is not None
        and (previous.path / PASSAGE_IDS).exists()
        and store_matches(vector_store, previous.manifest.get("vector_store"), model_name)
    )
    old_ids = np.load(previous.path / PASSAGE_IDS) if previous is not None and incremental else None
    old_rows: dict[str, np.ndarray] = {}  # document key → its passages' ids
    if previous is not None and old_ids is not None:
        doc_of_row = previous.rows[:, 0]
        order = np.argsort(doc_of_row, kind="stable")
        bounds = np.searchsorted(doc_of_row[order], np.arange(len(previous.documents) + 1))
        for number, meta in enumerate(previous.documents):
            picked = order[bounds[number] : bounds[number + 1]]
            old_rows[document_key(meta.doc_id, meta.sha256)] = old_ids[picked]
    keys = [document_key(d.meta.doc_id, d.meta.sha256) for d in documents]
    ids = np.zeros(len(embeddings), dtype=np.int64)
    fresh: list[int] = []  # rows whose passages the store does not hold yet
    cursor = 0
    for i, doc in enumerate(documents):
        n = len(doc.passages)
        kept = old_rows.get(keys[i]) if i in reused else None
        if kept is not None and len(kept) == n:
            ids[cursor : cursor + n] = kept
        else:
            fresh.extend(range(cursor, cursor + n))
        cursor += n
    fresh_rows = np.array(fresh, dtype=np.int64)
    passage_keys = [
        (d.meta.doc_id, d.meta.sha256, p.start, p.end) for d in documents for p in d.passages
    ]
    taken = np.delete(ids, fresh_rows) if len(fresh_rows) else ids
    if old_ids is not None:  # stored until after the swap: a new id must not replace one
        taken = np.concatenate([taken, old_ids])
    ids[fresh_rows] = assign_ids([passage_keys[r] for r in fresh], taken=taken.tolist())
    key_of_row = [keys[i] for i, d in enumerate(documents) for _ in d.passages]
    return StoreSync(
        store=vector_store,
        model=model_name,
        dimension=int(embeddings.shape[1]),
        full=not incremental,
        ids=ids,
        vectors=embeddings,
        keys=key_of_row,
        add=fresh_rows,
        stale=sorted(set(old_rows) - set(keys)),
        generation=vector_store.info.generation + 1,
    )


def query_encoder_current(manifest: dict[str, Any], model_name: str, wanted: bool = True) -> bool:
    """Whether ``manifest``'s query-encoder record needs no new export attempt."""
    if not wanted:
        return True
    from retrieval.onnx_embed import EXPORT_VERSION

    info = manifest.get("query_encoder") or {}
    if info.get("backend") == "embedder":
        return True  # a model with no export at all (the hashing fake)
    return info.get("model") == model_name and info.get("export_version") == EXPORT_VERSION


def _query_encoder_writer(
    index_dir: Path,
    old_manifest: dict[str, Any] | None,
    model_name: str,
    embedder: Callable[[], Embedder],
    wanted: bool,
    staged: Callable[[], tuple[Path, dict[str, Any]] | None] = lambda: None,
) -> QueryEncoderWriter:
    """Writes ``onnx/`` into a new index folder: the previous export when it is still for this
    model (hard links, no model load), else the one this build made to embed its passages
    (``staged``), else a fresh export; records why when there is none."""

    def write(folder: Path) -> dict[str, Any]:
        from retrieval.onnx_embed import EXPORT_VERSION

        if not wanted:
            return {"backend": "embedder", "reason": "export not requested"}
        made = staged()
        if made is not None:
            source, info = made
            if info.get("backend") != "onnx":
                return info  # the export failed in this build: do not try again
            _link_tree(source, folder / ONNX_DIR)
            return {**info, "path": ONNX_DIR}
        old = dict((old_manifest or {}).get("query_encoder") or {})
        current = old.get("model") == model_name and old.get("export_version") == EXPORT_VERSION
        if old.get("model") == model_name and old.get("backend") == "embedder":
            return old  # a model with no export (the hashing fake): no reason to load it
        if current and old.get("backend") == "torch":
            return old  # this model failed to export before; do not load it again to retry
        if current and old.get("backend") == "onnx" and (index_dir / ONNX_DIR).is_dir():
            try:
                _link_tree(index_dir / ONNX_DIR, folder / ONNX_DIR)
                return old
            except OSError as exc:
                log.warning("exporting the model again: cannot reuse the old export (%s)", exc)
                shutil.rmtree(folder / ONNX_DIR, ignore_errors=True)
        export = getattr(embedder(), "export_onnx", None)
        if export is None:
            return {"backend": "embedder", "model": model_name}
        try:
            info = dict(export(folder / ONNX_DIR))
        except Exception as exc:  # any failure: the torch query path still works
            shutil.rmtree(folder / ONNX_DIR, ignore_errors=True)
            log.warning("questions will be embedded with torch: %s", exc)
            return {
                "backend": "torch",
                "model": model_name,
                "export_version": EXPORT_VERSION,
                "reason": str(exc)[:500],
            }
        info["path"] = ONNX_DIR
        return info

    return write


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link (or copy, across file systems) every file of ``source`` under ``target``."""
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            shutil.copy2(path, dest)


def _write(
    index_dir: Path,
    documents: list[ingest.Document],
    rows: np.ndarray,
    embeddings: np.ndarray,
    *,
    figures: tuple[Sequence[bytes], Sequence[str], np.ndarray] | None = None,
    manifest: dict[str, Any],
    index_type: str,
    query_encoder: QueryEncoderWriter | None = None,
    sync: StoreSync | None = None,
) -> dict[str, Any]:
    """Write the index to a new folder and swap it in; returns the query-encoder record.

    With ``sync`` the vectors go to a vector store instead of a FAISS file: the new passages
    are added before the swap (readers of the old folder do not know their ids and skip
    them), the old versions' deleted after it, then the store publishes a new generation.
    """
    index_dir = index_dir.absolute()
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    building = index_folder.BuildFolder(index_dir)
    tmp = building.path
    try:
        docs_json = [{**asdict(d.meta), "text": d.text} for d in documents]
        (tmp / DOCUMENTS).write_text(json.dumps(docs_json, ensure_ascii=False), "utf-8")
        np.save(tmp / PASSAGES, rows)
        if sync is None:
            _write_folder_vectors(tmp, documents, embeddings, manifest, index_type)
        else:
            np.save(tmp / EMBEDDINGS, embeddings)
            np.save(tmp / PASSAGE_IDS, sync.ids)
            manifest["vector_store"] = sync.record()
        KeywordIndex.build(
            [d.text[s:e] for d in documents for s, e in ((p.start, p.end) for p in d.passages)]
        ).save(tmp / KEYWORDS)
        if figures is not None:
            write_figures(tmp, *figures)
        encoder = query_encoder(tmp) if query_encoder else {"backend": "embedder"}
        manifest["query_encoder"] = encoder
        manifest["checksums"] = {
            p.relative_to(tmp).as_posix(): _sha256_file(p) for p in _tree_files(tmp)
        }
        (tmp / index_folder.GITIGNORE).write_text(index_folder.GITIGNORE_TEXT, "utf-8")
        # The manifest goes last: a folder without one is never mistaken for an index.
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
        _fsync_tree(tmp)
        if sync is not None:
            sync.before_swap()
        building.release()
        swap_into_place(tmp, index_dir)
    finally:
        building.release()
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    if sync is not None:
        sync.after_swap()
    return encoder


def _write_folder_vectors(
    tmp: Path,
    documents: list[ingest.Document],
    embeddings: np.ndarray,
    manifest: dict[str, Any],
    index_type: str,
) -> None:
    """The dense side of a FAISS index: a vector store in the folder, one row per passage."""
    ids = np.arange(len(embeddings), dtype=np.int64)  # a passage's id is its row
    keys = [document_key(d.meta.doc_id, d.meta.sha256) for d in documents for _ in d.passages]
    dense = FaissVectorStore.open(
        tmp / FAISS_DIR,
        model=str(manifest["model"]),
        dimension=int(embeddings.shape[1]),
        kind=index_type,
    )
    dense.add(ids, embeddings, keys)
    dense.flush()
    np.save(tmp / PASSAGE_IDS, ids)
    manifest["index_params"] = dense.params
    manifest["dense_layout"] = DENSE_LAYOUT
    # The store's vectors are the folder's embeddings, row for row: one file for both.
    saved = dense.vectors_path
    try:
        if saved is None:
            raise FileNotFoundError("the store saved no vectors file")
        os.link(saved, tmp / EMBEDDINGS)
    except OSError:  # a file system without hard links: a copy, then
        np.save(tmp / EMBEDDINGS, embeddings)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def swap_into_place(new: Path, target: Path) -> None:
    """Make ``new`` the folder at ``target``; readers see the old or the new index, never half."""
    if not target.exists():
        os.rename(new, target)
        return
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
        os.rename(new, target)
        return
    # Never swap away (and so delete) a folder that holds something other than our index.
    check_index_folder(target)
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old index
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)
