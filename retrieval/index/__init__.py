"""The saved index: a folder with a manifest (``config.json``), the documents, passages,
embeddings, the dense vectors (or a record of the vector store holding them), a BM25 index,
the figures read from the passages and the model exported to ONNX for the question path.

One job per module: ``manifest`` (the typed manifest), ``plan`` (what changed in the corpus),
``freshness`` (whether and why an index is stale), ``encoders`` (what embeds passages and
questions), ``builder`` (the build), ``write`` and ``swap`` (the new folder, swapped in whole),
``reader`` (reading an index back), ``layout`` and ``folder`` (its files, and which folders a
build may write). The names below are the package's public face.
"""

from retrieval.index.builder import BuildReport, ProgressFactory, build
from retrieval.index.encoders import export_intact, query_encoder_current
from retrieval.index.freshness import Published, Target, stale_reasons
from retrieval.index.layout import (
    DOCUMENTS,
    EMBEDDINGS,
    FAISS_DIR,
    KEYWORDS,
    MANIFEST,
    ONNX_DIR,
    PASSAGE_IDS,
    PASSAGES,
    check_index_folder,
)
from retrieval.index.reader import LoadedIndex, document_records, load
from retrieval.index.manifest import Manifest, read, signature, verify_checksums
from retrieval.index.plan import UNREADABLE, corpus_hashes

__all__ = [
    "DOCUMENTS",
    "EMBEDDINGS",
    "FAISS_DIR",
    "KEYWORDS",
    "MANIFEST",
    "ONNX_DIR",
    "PASSAGES",
    "PASSAGE_IDS",
    "UNREADABLE",
    "BuildReport",
    "LoadedIndex",
    "Manifest",
    "ProgressFactory",
    "Published",
    "Target",
    "build",
    "check_index_folder",
    "corpus_hashes",
    "document_records",
    "export_intact",
    "load",
    "query_encoder_current",
    "read",
    "signature",
    "stale_reasons",
    "verify_checksums",
]
