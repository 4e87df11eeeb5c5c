"""The files of an index folder, and whether a build may write one."""

from __future__ import annotations

from pathlib import Path

from retrieval.figures.stored import FIGURES_FILE, NAME_VECTORS_FILE, NAMES_FILE
from retrieval.figures.stored import OFFSETS_FILE as FIGURE_OFFSETS
from retrieval.index import folder as index_folder
from retrieval.index.folder import MANIFEST

DOCUMENTS = "documents.json"
PASSAGES = "passages.npy"
EMBEDDINGS = "embeddings.npy"
FAISS_DIR = "vectors"  # the dense side of a FAISS index: a FaissVectorStore
KEYWORDS = "bm25"
ONNX_DIR = "onnx"  # the model exported for the query path (see retrieval.onnx_embed)
PASSAGE_IDS = "ids.npy"  # stable passage ids (a FAISS index: the row numbers)
# Everything a build writes into the folder (and nothing a user would keep there).
INDEX_NAMES = frozenset(
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


def check_index_folder(index_dir: Path) -> None:
    """Raise ``IndexFolderError`` unless a build may write the index at ``index_dir``."""
    index_folder.check_writable(index_dir, INDEX_NAMES)


def tree_files(folder: Path) -> list[Path]:
    """The files of a new index folder that its manifest's checksums cover."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.name not in (MANIFEST, ".gitignore", index_folder.BUILD_MARKER)
    )
