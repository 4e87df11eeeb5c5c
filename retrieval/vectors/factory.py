"""Opening the vector store the settings name."""

from __future__ import annotations

from pathlib import Path

from retrieval.vectors.interface import VectorStore


def open_vector_store(
    backend: str,
    *,
    folder: Path | None = None,
    uri: str = "",
    token: str = "",
    collection: str = "corpusbot",
    model: str | None = None,
    dimension: int | None = None,
    kind: str = "flat",
    timeout: float = 10.0,
) -> VectorStore:
    """The configured store, created empty for ``model``/``dimension`` when missing.

    ``backend`` is ``faiss`` (``folder``) or ``milvus`` (``uri``: a local ``….db`` path for
    Milvus Lite, or ``http://host:19530`` for a server; ``token``, ``collection``).
    """
    if backend == "faiss":
        if folder is None:
            raise ValueError("the FAISS vector store needs a folder")
        from retrieval.vectors.faiss_store import FaissVectorStore

        return FaissVectorStore.open(folder, model=model, dimension=dimension, kind=kind)
    if backend == "milvus":
        from retrieval.vectors.milvus import MilvusVectorStore

        return MilvusVectorStore.connect(
            uri, collection, token=token, model=model, dimension=dimension, timeout=timeout
        )
    raise ValueError(f"unknown vector store {backend!r}: choose faiss or milvus")
