"""Writing a new index folder beside the old one, then swapping it in (``swap``)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from retrieval import ingest
from retrieval.figures.stored import write as write_figures
from retrieval.index import folder as index_folder
from retrieval.index.encoders import QueryEncoderWriter
from retrieval.index.layout import (
    DOCUMENTS,
    EMBEDDINGS,
    FAISS_DIR,
    INDEX_NAMES,
    KEYWORDS,
    MANIFEST,
    PASSAGE_IDS,
    PASSAGES,
    tree_files,
)
from retrieval.index.manifest import DENSE_LAYOUT, Manifest, sha256_file
from retrieval.index.swap import fsync_tree, swap_into_place
from retrieval.keyword import KeywordIndex
from retrieval.vectors.faiss_store import FaissVectorStore
from retrieval.vectors.interface import document_key

if TYPE_CHECKING:
    from retrieval.vectors.milvus import StoreSync


def write_index(
    index_dir: Path,
    documents: list[ingest.Document],
    rows: np.ndarray,
    embeddings: np.ndarray,
    *,
    figures: tuple[Sequence[bytes], Sequence[str], np.ndarray] | None = None,
    manifest: Manifest,
    index_type: str,
    query_encoder: QueryEncoderWriter | None = None,
    sync: StoreSync | None = None,
) -> dict[str, Any]:
    """Write the index (``manifest``, completed here) to a new folder and swap it in; returns the query-encoder record.

    With ``sync`` the vectors go to a vector store instead of a FAISS file: the new passages
    are added before the swap (readers of the old folder do not know their ids and skip
    them), the old versions' deleted after it, then the store publishes a new generation.
    """
    index_dir = index_dir.absolute()
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    building = index_folder.BuildFolder(index_dir)
    tmp = building.path
    try:
        _write_documents(tmp / DOCUMENTS, documents)
        np.save(tmp / PASSAGES, rows)
        if sync is None:
            _write_folder_vectors(tmp, documents, embeddings, manifest, index_type)
        else:
            np.save(tmp / EMBEDDINGS, embeddings)
            np.save(tmp / PASSAGE_IDS, sync.ids)
            manifest.vector_store = sync.record()
        KeywordIndex.build(d.text[p.start : p.end] for d in documents for p in d.passages).save(
            tmp / KEYWORDS
        )
        if figures is not None:
            write_figures(tmp, *figures)
        encoder = query_encoder(tmp) if query_encoder else {"backend": "embedder"}
        manifest.query_encoder = encoder
        manifest.checksums = {
            p.relative_to(tmp).as_posix(): sha256_file(p) for p in tree_files(tmp)
        }
        (tmp / index_folder.GITIGNORE).write_text(index_folder.GITIGNORE_TEXT, "utf-8")
        # The manifest goes last: a folder without one is never mistaken for an index.
        (tmp / MANIFEST).write_text(manifest.to_json(), "utf-8")
        fsync_tree(tmp)
        if sync is not None:
            sync.before_swap()
        building.release()
        swap_into_place(tmp, index_dir, INDEX_NAMES)
    finally:
        building.release()
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    if sync is not None:
        sync.after_swap()
    return encoder


def _write_documents(path: Path, documents: list[ingest.Document]) -> None:
    """The documents as one JSON list, written one document at a time (the text as
    ``json.dumps`` of the whole list would make it, without that string in memory)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("[")
        for n, d in enumerate(documents):
            if n:
                fh.write(", ")
            fh.write(json.dumps({**asdict(d.meta), "text": d.text}, ensure_ascii=False))
        fh.write("]")


def _write_folder_vectors(
    tmp: Path,
    documents: list[ingest.Document],
    embeddings: np.ndarray,
    manifest: Manifest,
    index_type: str,
) -> None:
    """The dense side of a FAISS index: a vector store in the folder, one row per passage."""
    ids = np.arange(len(embeddings), dtype=np.int64)  # a passage's id is its row
    keys = [document_key(d.meta.doc_id, d.meta.sha256) for d in documents for _ in d.passages]
    dense = FaissVectorStore.open(
        tmp / FAISS_DIR,
        model=manifest.model,
        dimension=int(embeddings.shape[1]),
        kind=index_type,
    )
    dense.add(ids, embeddings, keys)
    dense.flush()
    np.save(tmp / PASSAGE_IDS, ids)
    manifest.index_params = dense.params
    manifest.dense_layout = DENSE_LAYOUT
    # The store's vectors are the folder's embeddings, row for row: one file for both.
    saved = dense.vectors_path
    try:
        if saved is None:
            raise FileNotFoundError("the store saved no vectors file")
        os.link(saved, tmp / EMBEDDINGS)
    except OSError:  # a file system without hard links: a copy, then
        np.save(tmp / EMBEDDINGS, embeddings)
