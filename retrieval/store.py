"""The saved index: a folder with a manifest (``config.json``), the documents, passages,
embeddings, a FAISS index and a BM25 index.

Builds are incremental (unchanged files keep their passages and embeddings) and atomic
(written to a temporary folder beside the target, then swapped in), and loading checks the
manifest so that an index from another model, or a damaged file, is a clear error.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from retrieval import ingest
from retrieval.ann import FaissIndex, build_index, load_index
from retrieval.embedding import Embedder, canonical_model_name
from retrieval.errors import IndexLoadError
from retrieval.keyword import KeywordIndex
from retrieval.types import DocumentMeta, Passage

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST = "config.json"
DOCUMENTS = "documents.json"
PASSAGES = "passages.npy"
EMBEDDINGS = "embeddings.npy"
VECTORS = "vectors.faiss"
KEYWORDS = "bm25"
REBUILD_HINT = "run `corpusbot index build`"


@dataclass
class BuildReport:
    documents: int = 0
    passages: int = 0
    embedded: int = 0  # passages embedded in this build (the rest were reused)
    skipped: dict[str, str] = field(default_factory=dict)  # file → reason
    seconds: float = 0.0
    up_to_date: bool = False
    full: bool = False

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
    embeddings: np.ndarray  # (passages, dimension) float32, memory-mapped
    vectors: FaissIndex
    keywords: KeywordIndex

    @property
    def model(self) -> str:
        return str(self.manifest["model"])

    @property
    def size(self) -> int:
        return len(self.rows)

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


def _tree_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.name != MANIFEST and p.name != ".gitignore"
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
        raise IndexLoadError(f"index at {index_dir} has an unknown format: {REBUILD_HINT} --full")
    return manifest


def corpus_hashes(corpus_dir: Path) -> dict[str, str]:
    """Content hash of every corpus file, keyed by its path relative to the corpus."""
    return {
        p.relative_to(corpus_dir).as_posix(): _sha256_file(p) for p in ingest.discover(corpus_dir)
    }


def is_stale(manifest: dict[str, Any], corpus_dir: Path, model: str, passage_chars: int) -> bool:
    """Whether the index no longer reflects the corpus and settings."""
    return (
        manifest.get("files") != corpus_hashes(corpus_dir)
        or manifest.get("model") != canonical_model_name(model)
        or manifest.get("passage_chars") != passage_chars
        or manifest.get("ingest_version") != ingest.INGEST_VERSION
    )


# --- loading ------------------------------------------------------------------------------------------


def load(index_dir: Path, model: str | None = None) -> LoadedIndex:
    """Load and check an index; ``model`` (when given) must be the one it was built with."""
    manifest = read_manifest(index_dir)
    if model is not None and manifest.get("model") != canonical_model_name(model):
        raise IndexLoadError(
            f"index at {index_dir} was built with model {manifest.get('model')!r}, "
            f"but the configured model is {canonical_model_name(model)!r}: {REBUILD_HINT} --full"
        )
    checksums: dict[str, str] = manifest.get("checksums", {})
    for name, expected in checksums.items():
        path = index_dir / name
        if not path.exists():
            raise IndexLoadError(f"index file {path} is missing: {REBUILD_HINT}")
        if _sha256_file(path) != expected:
            raise IndexLoadError(
                f"index file {path} is damaged (checksum mismatch): {REBUILD_HINT}"
            )
    try:
        raw_docs = json.loads((index_dir / DOCUMENTS).read_text("utf-8"))
        documents = [DocumentMeta(**{k: v for k, v in d.items() if k != "text"}) for d in raw_docs]
        texts = [d["text"] for d in raw_docs]
        rows = np.load(index_dir / PASSAGES)
        embeddings = np.load(index_dir / EMBEDDINGS, mmap_mode="r")
        vectors = load_index(index_dir / VECTORS, str(manifest.get("index_type", "flat")))
        keywords = KeywordIndex.load(index_dir / KEYWORDS, len(rows))
    except IndexLoadError:
        raise
    except Exception as exc:  # any parse failure of a file means the index is damaged
        raise IndexLoadError(f"index at {index_dir} is damaged ({exc}): {REBUILD_HINT}") from exc
    if not (len(rows) == vectors.size == len(embeddings) == manifest.get("passages")):
        raise IndexLoadError(f"index at {index_dir} is inconsistent: {REBUILD_HINT} --full")
    if embeddings.shape[1] != manifest.get("dimension"):
        raise IndexLoadError(f"index at {index_dir} has the wrong dimension: {REBUILD_HINT} --full")
    return LoadedIndex(index_dir, manifest, documents, texts, rows, embeddings, vectors, keywords)


# --- building ---------------------------------------------------------------------------------------------

ProgressFactory = Callable[[int], Callable[[int], None]]  # total → advance(n)


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
) -> BuildReport:
    """Build or update the index at ``index_dir`` from ``corpus_dir``.

    The model is loaded (``embedder_factory``) only when some passage needs embedding.
    """
    started = time.perf_counter()
    hashes = corpus_hashes(corpus_dir)
    model_name = canonical_model_name(model)

    previous: LoadedIndex | None = None
    if not full:
        try:
            previous = load(index_dir, model)
        except IndexLoadError as exc:
            if (index_dir / MANIFEST).exists():
                log.warning("rebuilding the whole index: %s", exc)
    if previous is not None and (
        previous.manifest.get("passage_chars") != passage_chars
        or previous.manifest.get("ingest_version") != ingest.INGEST_VERSION
    ):
        previous = None  # passage boundaries changed: nothing can be reused

    if previous is not None and previous.manifest.get("files") == hashes:
        m = previous.manifest
        return BuildReport(
            documents=int(m["documents"]),
            passages=int(m["passages"]),
            skipped=dict(m.get("skipped", {})),
            seconds=time.perf_counter() - started,
            up_to_date=True,
        )

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
        }

    documents: list[ingest.Document] = []
    vectors_of: dict[int, np.ndarray] = {}  # position in ``documents`` → reused embeddings
    skipped: dict[str, str] = {}
    for rel in hashes:
        if previous is not None and rel in reusable:
            number = reusable[rel][0]
            meta = previous.documents[number]
            mask = previous.rows[:, 0] == number
            rows = previous.rows[mask]
            text = previous.texts[number]
            passages = [
                Passage(meta.doc_id, int(s), int(e), text[int(s) : int(e)]) for _, s, e in rows
            ]
            vectors_of[len(documents)] = np.asarray(previous.embeddings[mask], dtype=np.float32)
            documents.append(ingest.Document(meta, text, passages))
            continue
        if rel in old_skipped:
            skipped[rel] = old_skipped[rel]
            continue
        result = ingest.load_document(corpus_dir / rel, corpus_dir, passage_chars)
        if isinstance(result, ingest.SkippedFile):
            skipped[rel] = result.reason
            continue
        # Record the hash of the bytes on disk, the same hash staleness checks compare.
        result.meta = DocumentMeta(**{**asdict(result.meta), "sha256": hashes[rel]})
        documents.append(result)

    if not documents:
        from retrieval.errors import CorpusError

        raise CorpusError(f"no readable documents in {corpus_dir} ({len(skipped)} skipped)")

    to_embed = [p.text for i, d in enumerate(documents) if i not in vectors_of for p in d.passages]
    new_vectors = np.zeros((0, 0), dtype=np.float32)
    dimension = int(previous.manifest["dimension"]) if previous is not None else 0
    if to_embed or previous is None:
        embedder = embedder_factory()
        if embedder.name != model_name:
            raise IndexLoadError(f"embedder {embedder.name!r} does not match model {model_name!r}")
        dimension = embedder.dimension
        advance = progress(len(to_embed)) if progress else None
        new_vectors = embedder.encode(to_embed, progress=advance)

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
        np.concatenate(parts).astype(np.float32) if parts else np.zeros((0, dimension), np.float32)
    )
    rows = np.array(
        [(i, p.start, p.end) for i, d in enumerate(documents) for p in d.passages], dtype=np.int64
    ).reshape(-1, 3)

    report = BuildReport(
        documents=len(documents),
        passages=len(rows),
        embedded=len(to_embed),
        skipped=skipped,
        full=previous is None,
    )
    _write(
        index_dir,
        documents,
        rows,
        embeddings,
        manifest={
            "format_version": FORMAT_VERSION,
            "model": model_name,
            "dimension": dimension,
            "normalized": True,
            "index_type": index_type,
            "ingest_version": ingest.INGEST_VERSION,
            "passage_chars": passage_chars,
            "files": hashes,
            "skipped": skipped,
            "documents": len(documents),
            "passages": len(rows),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
        index_type=index_type,
    )
    report.seconds = time.perf_counter() - started
    return report


def _write(
    index_dir: Path,
    documents: list[ingest.Document],
    rows: np.ndarray,
    embeddings: np.ndarray,
    *,
    manifest: dict[str, Any],
    index_type: str,
) -> None:
    index_dir = index_dir.absolute()
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{index_dir.name}.build-", dir=index_dir.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; the index is an ordinary folder
    try:
        docs_json = [{**asdict(d.meta), "text": d.text} for d in documents]
        (tmp / DOCUMENTS).write_text(json.dumps(docs_json, ensure_ascii=False), "utf-8")
        np.save(tmp / PASSAGES, rows)
        np.save(tmp / EMBEDDINGS, embeddings)
        build_index(embeddings, index_type).save(tmp / VECTORS)
        KeywordIndex.build(
            [d.text[s:e] for d in documents for s, e in ((p.start, p.end) for p in d.passages)]
        ).save(tmp / KEYWORDS)
        manifest["checksums"] = {
            p.relative_to(tmp).as_posix(): _sha256_file(p) for p in _tree_files(tmp)
        }
        (tmp / ".gitignore").write_text("*\n", "utf-8")
        # The manifest goes last: a folder without one is never mistaken for an index.
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
        _fsync_tree(tmp)
        swap_into_place(tmp, index_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


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
    if not (target / MANIFEST).exists() and not any(
        p.name != ".gitignore" for p in target.iterdir()
    ):
        shutil.rmtree(target)
        os.rename(new, target)
        return
    if not (target / MANIFEST).exists():
        # Never swap away (and so delete) a folder that holds something other than an index.
        raise IndexLoadError(
            f"{target} exists and is not a corpusbot index; choose another --index"
        )
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old index
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)
