"""Reading an index folder: everything search needs, checked against the manifest, so that an
index from another model, or a damaged file, is a clear error."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from retrieval.embedding import canonical_model_name
from retrieval.errors import IndexLoadError
from retrieval.figures.stored import StoredFigures
from retrieval.index import manifest as manifests
from retrieval.index.layout import DOCUMENTS, EMBEDDINGS, FAISS_DIR, KEYWORDS, PASSAGE_IDS, PASSAGES
from retrieval.index.manifest import REBUILD_HINT, Manifest, Signature
from retrieval.keyword import KeywordIndex
from retrieval.types import DocumentMeta, Passage
from retrieval.vectors.faiss_store import FaissVectorStore
from retrieval.vectors.interface import StoreRows
from retrieval.vectors.rowfile import RowFile

if TYPE_CHECKING:
    from retrieval.vectors.interface import VectorStore


@dataclass
class LoadedIndex:
    """Everything search needs, read from one index folder."""

    path: Path
    manifest: Manifest
    documents: list[DocumentMeta]
    texts: list[str]  # full text of each document, same order as ``documents``
    rows: np.ndarray  # (passages, 3) int64: document number, start, end
    embeddings: np.ndarray | RowFile  # (passages, dimension) float32, read from disk on demand
    vectors: StoreRows  # the FAISS store in the folder, or the vector store the manifest names
    keywords: KeywordIndex
    signature: Signature | None = None  # the manifest file it was read from (reloads)
    figures: StoredFigures | None = None  # read at build time; None: read them from the text

    @property
    def model(self) -> str:
        return self.manifest.model

    @property
    def size(self) -> int:
        return len(self.rows)

    @property
    def query_encoder(self) -> dict[str, Any]:
        """The manifest's record of the ONNX export (``backend``: onnx, torch or embedder)."""
        return self.manifest.query_encoder

    def passage(self, i: int) -> Passage:
        doc, start, end = (int(x) for x in self.rows[i])
        return Passage(self.documents[doc].doc_id, start, end, self.texts[doc][start:end])

    def document_of(self, i: int) -> DocumentMeta:
        return self.documents[int(self.rows[i][0])]


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
    signature = manifests.signature(index_dir)
    manifest = manifests.read(index_dir)
    if model is not None and manifest.model != canonical_model_name(model):
        raise IndexLoadError(
            f"index at {index_dir} was built with model {manifest.model!r}, "
            f"but the configured model is {canonical_model_name(model)!r}: {REBUILD_HINT} --full"
        )
    manifests.verify_checksums(index_dir, manifest.checksums)
    kind = manifest.index_type or "flat"
    external = manifest.vector_store
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
        vectors: StoreRows
        if external is not None:
            vectors = _store_vectors(index_dir, manifest, vector_store if dense else None)
        elif dense:
            vectors = _folder_vectors(index_dir, manifest, kind)
        else:  # a build reading the previous index: its passages and embeddings only
            vectors = StoreRows(None, np.arange(len(rows), dtype=np.int64))
        keywords = KeywordIndex.load(index_dir / KEYWORDS, len(rows))
        figures = StoredFigures.open(index_dir, manifest.to_dict(), len(rows))
    except IndexLoadError:
        raise
    except Exception as exc:  # any parse failure of a file means the index is damaged
        raise IndexLoadError(f"index at {index_dir} is damaged ({exc}): {REBUILD_HINT}") from exc
    if not (len(rows) == vectors.size == len(embeddings) == manifest.passages):
        raise IndexLoadError(f"index at {index_dir} is inconsistent: {REBUILD_HINT} --full")
    if embeddings.shape[1] != manifest.dimension:
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
    manifest = manifests.read(index_dir)
    manifests.verify_checksums(index_dir, {DOCUMENTS: manifest.checksums.get(DOCUMENTS, "")})
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


def _folder_vectors(index_dir: Path, manifest: Manifest, kind: str) -> StoreRows:
    """The dense side of an index whose vectors live in its own folder (FAISS)."""
    if not manifest.dense_layout_current:
        raise IndexLoadError(
            f"index at {index_dir} was built by an older corpusbot: {REBUILD_HINT}"
        )
    dense = FaissVectorStore.open(index_dir / FAISS_DIR, kind=kind)
    dense.check_compatible(manifest.model, manifest.dimension)
    return StoreRows(dense, np.load(index_dir / PASSAGE_IDS))


def _store_vectors(
    index_dir: Path, manifest: Manifest, vector_store: VectorStore | None
) -> StoreRows:
    """The dense side of an index whose vectors live in ``vector_store`` (None: rows only)."""

    ids = np.load(index_dir / PASSAGE_IDS)
    if vector_store is None:
        return StoreRows(None, ids)
    from retrieval.vectors.milvus import check_generation

    vector_store.check_compatible(manifest.model, manifest.dimension)
    check_generation(vector_store, manifest.vector_store or {}, index_dir)
    return StoreRows(vector_store, ids)
