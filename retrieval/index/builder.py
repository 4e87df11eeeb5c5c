"""Building an index: from the corpus to a new index folder, swapped in whole.

Builds are incremental (unchanged files keep their passages and embeddings; an unchanged
corpus is recognised from file sizes and times without reading it, and without loading the
model) and atomic (written to a temporary folder beside the target, then swapped in).

The steps, each in its own module: what changed (``plan``), whether anything is to do at all
(``freshness``), what embeds the passages (``encoders``, through ``retrieval.embed_pipeline``),
and writing the folder and swapping it in (``write``, ``swap``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from retrieval import ingest
from retrieval.embed_pipeline import EmbeddingPipeline, embed_texts
from retrieval.embedding import Embedder, canonical_model_name
from retrieval.errors import CorpusError, IndexLoadError
from retrieval.figures.stored import (
    FIGURES_VERSION,
    RecordSpool,
    StoredFigures,
    measure_names,
    read_passage,
)
from retrieval.index import folder as index_folder
from retrieval.index import manifest as manifests
from retrieval.index.encoders import (
    PassageEncoder,
    export_failed,
    export_intact,
    passage_record,
    query_encoder_writer,
)
from retrieval.index.freshness import Target, stale_reasons
from retrieval.index.layout import MANIFEST, ONNX_DIR, PASSAGE_IDS, check_index_folder
from retrieval.index.reader import LoadedIndex, load
from retrieval.index.manifest import FORMAT_VERSION, Manifest
from retrieval.index.plan import UNREADABLE, corpus_hashes, same_document_id, trusted_stats
from retrieval.index.write import write_index
from retrieval.loading import load_files
from retrieval.types import DocumentMeta, Passage
from retrieval.vectors.faiss_index import ANN_THRESHOLD, choose_kind
from retrieval.vectors.interface import document_key

if TYPE_CHECKING:
    from retrieval.vectors.interface import VectorStore
    from retrieval.vectors.milvus import StoreSync

log = logging.getLogger(__name__)

# (total, what is counted: "files" read or "passages" embedded) → advance(n)
ProgressFactory = Callable[[int, str], Callable[[int], None]]


@dataclass
class BuildReport:
    documents: int = 0
    passages: int = 0
    embedded: int = 0  # passages embedded in this build (the rest were reused)
    skipped: dict[str, str] = field(default_factory=dict)  # file → reason
    seconds: float = 0.0
    up_to_date: bool = False
    full: bool = False
    index_type: str = ""  # the vector index type chosen (see retrieval.vectors.faiss_index.choose_kind)
    query_backend: str = ""  # how questions will be embedded: onnx, torch or embedder

    def summary(self) -> str:
        state = "index up to date" if self.up_to_date else "indexed"
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ", 0 skipped"
        reused = "" if self.up_to_date else f" ({self.embedded} embedded)"
        return (
            f"{state}: {self.documents} documents, {self.passages} passages{reused}"
            f"{skipped} in {self.seconds:.2f} s"
        )


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
    below ``ann_threshold`` passages, approximate above (``faiss_index.choose_kind``).

    With ``vector_store`` (Milvus) the vectors are searched there instead of in a FAISS file:
    only the passages of changed documents are added and deleted (``retrieval.vectors.
    milvus.StoreSync``). The folder keeps the documents, passages, embeddings and the BM25 index.

    Passages are embedded while the corpus is read (``retrieval.embed_pipeline``): on a CPU
    through the model's ONNX export (the previous index's when it is for this model, even
    with ``full``; else exported first), on a GPU (``device``) through torch in fp16.
    """
    started = time.perf_counter()
    target = Target(
        corpus_dir,
        canonical_model_name(model),
        passage_chars,
        index_type,
        ann_threshold=ann_threshold,
        export_query_encoder=export_query_encoder,
        max_file_bytes=max_file_bytes,
        external_store=vector_store is not None,
        vector_store=vector_store,
    )
    check_index_folder(index_dir)  # before any work: a folder that is not ours is refused
    index_folder.remove_abandoned_builds(index_dir)
    found = _found_manifest(index_dir, full)
    # The export depends on the model alone: a full build reuses it too, once checked.
    export_from = (
        found if found is not None and export_intact(index_dir, found, target.model) else None
    )
    manifest = None if full else found
    hashes = corpus_hashes(corpus_dir, manifest)
    if manifest is not None:
        reasons = stale_reasons(manifest, target, files=hashes)
        if not reasons and _intact(index_dir, manifest):
            return _up_to_date(manifest, time.perf_counter() - started)
        if reasons:
            log.info("updating the index: %s", "; ".join(reasons))
        else:
            manifest = None  # nothing in it can be trusted
    manifest, previous = _previous_index(index_dir, manifest, target)
    run = _Run(
        index_dir,
        target,
        embedder_factory,
        device=device,
        export_wanted=export_query_encoder and (full or not export_failed(found, target.model)),
        export_from=index_dir / ONNX_DIR if export_from is not None else None,
        progress=progress,
    )
    same_model = manifest if manifest is not None and manifest.model == target.model else None
    try:
        report = run.build(hashes, previous, same_model or export_from)
    finally:
        run.close()
    report.seconds = time.perf_counter() - started
    return report


def _found_manifest(index_dir: Path, full: bool) -> Manifest | None:
    """The manifest at ``index_dir``, or None (a damaged one is rebuilt, and said so)."""
    try:
        return manifests.read(index_dir)
    except IndexLoadError as exc:
        if not full and (index_dir / MANIFEST).exists():
            log.warning("rebuilding the whole index: %s", exc)
        return None


def _intact(index_dir: Path, manifest: Manifest) -> bool:
    try:
        manifests.verify_checksums(index_dir, manifest.checksums)
    except IndexLoadError as exc:
        log.warning("rebuilding the whole index: %s", exc)
        return False
    return True


def _up_to_date(manifest: Manifest, seconds: float) -> BuildReport:
    return BuildReport(
        documents=int(manifest.documents),
        passages=int(manifest.passages),
        skipped=dict(manifest.skipped),
        seconds=seconds,
        up_to_date=True,
        index_type=str(manifest.index_type or ""),
        query_backend=str(manifest.query_encoder.get("backend", "")),
    )


def _previous_index(
    index_dir: Path, manifest: Manifest | None, target: Target
) -> tuple[Manifest | None, LoadedIndex | None]:
    """The previous index whose passages and embeddings a build may keep (None: none), and
    its manifest (None when it cannot be read)."""
    if manifest is None:
        return None, None
    if (
        manifest.model == target.model
        and manifest.passage_chars == target.passage_chars
        and manifest.ingest_version == ingest.INGEST_VERSION
    ):
        try:
            return manifest, load(index_dir, target.model, dense=False)
        except IndexLoadError as exc:
            log.warning("rebuilding the whole index: %s", exc)
            return None, None
    if manifest.model != target.model:
        log.warning(
            "rebuilding the whole index: it was built with model %r, the configured model is %r",
            manifest.model,
            target.model,
        )
    return manifest, None


@dataclass
class _Gathered:
    """The documents of a build, and what it keeps of the previous index's."""

    documents: list[ingest.Document] = field(default_factory=list)
    vectors: dict[int, np.ndarray] = field(default_factory=dict)  # position → reused embeddings
    figures: dict[int, np.ndarray] = field(default_factory=dict)  # … → rows of reused figure records
    skipped: dict[str, str] = field(default_factory=dict)  # file → why it was skipped


class _Run:
    """One build that has work to do: the model (loaded on first need), the embedding
    pipeline that passages are queued on while files are read, and the progress bars."""

    def __init__(
        self,
        index_dir: Path,
        target: Target,
        embedder_factory: Callable[[], Embedder],
        *,
        device: str,
        export_wanted: bool,
        export_from: Path | None,
        progress: ProgressFactory | None,
    ) -> None:
        self.index_dir = index_dir
        self.target = target
        self._factory = embedder_factory
        self._loaded: list[Embedder] = []
        self.progress = progress
        self.encoder = PassageEncoder(
            index_dir,
            target.model,
            self.embedder,
            device=device,
            export_wanted=export_wanted,
            export_from=export_from,
        )
        self.advance = _LateProgress(progress)
        self.pipeline = EmbeddingPipeline(self.encoder.load, progress=self.advance)

    def embedder(self) -> Embedder:
        if not self._loaded:
            made = self._factory()
            if made.name != self.target.model:
                raise IndexLoadError(
                    f"embedder {made.name!r} does not match model {self.target.model!r}"
                )
            self._loaded.append(made)
        return self._loaded[0]

    def close(self) -> None:
        self.pipeline.close()
        self.encoder.cleanup()

    def build(
        self,
        hashes: dict[str, str],
        previous: LoadedIndex | None,
        reuse_onnx: Manifest | None,
    ) -> BuildReport:
        target = self.target
        gathered = self._gather(hashes, previous)
        if not gathered.documents:
            raise CorpusError(
                f"no readable documents in {target.corpus_dir} ({len(gathered.skipped)} skipped)"
            )
        self.advance.start(self.pipeline.added)  # the bar, now that the count is known
        # Figures are read while the passages are still being embedded.
        records = _figure_records(
            gathered.documents,
            gathered.figures,
            previous.figures if previous is not None else None,
            self.index_dir.absolute().parent,
        )
        try:
            return self._write(hashes, gathered, previous, reuse_onnx, records)
        finally:
            records.close()

    def _write(
        self,
        hashes: dict[str, str],
        gathered: _Gathered,
        previous: LoadedIndex | None,
        reuse_onnx: Manifest | None,
        records: RecordSpool,
    ) -> BuildReport:
        target = self.target
        embeddings = self._embeddings(gathered, previous)
        rows = np.array(
            [(i, p.start, p.end) for i, d in enumerate(gathered.documents) for p in d.passages],
            dtype=np.int64,
        ).reshape(-1, 3)
        threshold = ANN_THRESHOLD if target.ann_threshold is None else target.ann_threshold
        kind = choose_kind(len(rows), target.index_type, threshold=threshold)
        sync = None
        if target.vector_store is not None:
            sync = _store_sync(
                target.vector_store,
                previous,
                gathered.documents,
                gathered.vectors,
                embeddings,
                target.model,
            )
        dimension = int(embeddings.shape[1])
        figures = _figures(
            records, previous, lambda texts: embed_texts(self.pipeline.model(), texts), dimension
        )
        self.pipeline.release_model()  # all is embedded: the index is written without it
        manifest = self._manifest(hashes, gathered, len(rows), dimension, kind, previous)
        query_encoder = write_index(
            self.index_dir,
            gathered.documents,
            rows,
            embeddings,
            figures=figures,
            manifest=manifest,
            index_type=kind,
            sync=sync,
            query_encoder=query_encoder_writer(
                self.index_dir,
                reuse_onnx,
                target.model,
                self.embedder,
                target.export_query_encoder,
                lambda: self.encoder.staged,
            ),
        )
        return BuildReport(
            documents=len(gathered.documents),
            passages=len(rows),
            embedded=self.pipeline.added,
            skipped=gathered.skipped,
            full=previous is None,
            index_type=kind,
            query_backend=str(query_encoder.get("backend", "")),
        )

    def _manifest(
        self,
        hashes: dict[str, str],
        gathered: _Gathered,
        passages: int,
        dimension: int,
        kind: str,
        previous: LoadedIndex | None,
    ) -> Manifest:
        """The new index's manifest, but for what writing it adds (checksums and such)."""
        target = self.target
        return Manifest(
            kind=index_folder.MANIFEST_KIND,
            format_version=FORMAT_VERSION,
            model=target.model,
            dimension=dimension,
            normalized=True,
            index_type=kind,
            index_type_setting=target.index_type,
            ann_threshold=ANN_THRESHOLD if target.ann_threshold is None else target.ann_threshold,
            ingest_version=ingest.INGEST_VERSION,
            figures_version=FIGURES_VERSION,
            passage_chars=target.passage_chars,
            max_file_bytes=target.max_file_bytes,
            files=hashes,
            file_stats=trusted_stats(target.corpus_dir, list(hashes)),
            skipped=gathered.skipped,
            documents=len(gathered.documents),
            passages=passages,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            passage_encoder=passage_record(
                self.encoder.record, previous.manifest if previous is not None else None
            ),
            checksums={},
        )

    def _embeddings(self, gathered: _Gathered, previous: LoadedIndex | None) -> np.ndarray:
        """Every passage's embedding, in order: reused, or embedded by this build."""
        dimension = previous.manifest.dimension if previous is not None else 0
        new_vectors = np.zeros((0, dimension), dtype=np.float32)
        if self.pipeline.added or previous is None:  # else nothing to embed: no model loaded
            new_vectors = self.pipeline.finish()
            dimension = new_vectors.shape[1]
        if not gathered.vectors:  # nothing reused: the new vectors are all, in order
            new_vectors.flags.writeable = False  # a store may keep it without a copy
            return new_vectors
        total = sum(len(doc.passages) for doc in gathered.documents)
        out = np.empty((total, dimension), np.float32)
        row = cursor = 0
        for i, doc in enumerate(gathered.documents):
            n = len(doc.passages)
            if i in gathered.vectors:
                out[row : row + n] = gathered.vectors[i]
            else:
                out[row : row + n] = new_vectors[cursor : cursor + n]
                cursor += n
            row += n
        out.flags.writeable = False
        return out

    def _gather(self, hashes: dict[str, str], previous: LoadedIndex | None) -> _Gathered:
        """The documents: reused from ``previous`` when unchanged, else read (and their
        passages queued for embedding); with the files skipped and why."""
        corpus_dir, max_bytes = self.target.corpus_dir, self.target.max_file_bytes
        reusable, old_skipped = _reusable(previous, hashes, max_bytes)
        same_id = same_document_id(corpus_dir, list(hashes))
        to_read = [
            rel
            for rel in hashes
            if rel not in reusable
            and rel not in old_skipped
            and rel not in same_id
            and not hashes[rel].startswith(UNREADABLE)
        ]
        # Files are read (HTML, PDF and Word in worker processes when there are many) before
        # their passages are queued for embedding.
        advance = self.progress(len(to_read), "files") if self.progress and to_read else None
        fresh = load_files(
            corpus_dir, to_read, self.target.passage_chars, max_bytes, advance=advance
        )
        out = _Gathered()
        reuse = _Reuse(previous) if previous is not None else None
        for rel in hashes:
            if rel in same_id:
                if old_skipped.get(rel) != same_id[rel]:
                    log.warning("skipping %s: %s", rel, same_id[rel])
                out.skipped[rel] = same_id[rel]
            elif reuse is not None and rel in reusable:
                reuse.add(reusable[rel], out)
            elif rel in old_skipped:
                out.skipped[rel] = old_skipped[rel]
            elif hashes[rel].startswith(UNREADABLE):
                out.skipped[rel] = ingest.skip(rel, hashes[rel].removeprefix(UNREADABLE)).reason
            elif isinstance(result := fresh[rel], ingest.SkippedFile):
                out.skipped[rel] = result.reason
            else:
                # Record the hash of the bytes on disk, the same hash staleness checks compare.
                result.meta = DocumentMeta(**{**asdict(result.meta), "sha256": hashes[rel]})
                out.documents.append(result)
                self.pipeline.add([p.text for p in result.passages])
        return out


def _reusable(
    previous: LoadedIndex | None, hashes: dict[str, str], max_file_bytes: int | None
) -> tuple[dict[str, int], dict[str, str]]:
    """The previous index's unchanged documents (path → its number there), and its unchanged
    skipped files with the reason (kept while the size limit is the same)."""
    if previous is None:
        return {}, {}
    old_files = previous.manifest.files
    reusable = {
        meta.path: number
        for number, meta in enumerate(previous.documents)
        if old_files.get(meta.path) == hashes.get(meta.path)
    }
    old_skipped = {
        p: r
        for p, r in previous.manifest.skipped.items()
        if old_files.get(p) == hashes.get(p) and previous.manifest.max_file_bytes == max_file_bytes
    }
    return reusable, old_skipped


class _Reuse:
    """Takes documents whole from the previous index: text, passages, embeddings, figures."""

    def __init__(self, previous: LoadedIndex) -> None:
        self.previous = previous
        doc_of_row = previous.rows[:, 0]
        # Row ranges per old document, found once (not one scan of all rows per document).
        self.ranges: dict[int, np.ndarray] = {}
        if len(doc_of_row):
            order = np.argsort(doc_of_row, kind="stable")
            bounds = np.searchsorted(doc_of_row[order], np.arange(len(previous.documents) + 1))
            self.ranges = {
                d: order[bounds[d] : bounds[d + 1]] for d in range(len(previous.documents))
            }

    def rows(self) -> list[np.ndarray]:
        """The rows of each of the previous index's documents, in order."""
        empty = np.zeros(0, np.int64)
        return [self.ranges.get(d, empty) for d in range(len(self.previous.documents))]

    def add(self, number: int, out: _Gathered) -> None:
        previous = self.previous
        meta = previous.documents[number]
        picked = self.ranges.get(number, np.zeros(0, np.int64))
        text = previous.texts[number]
        passages = [
            Passage(meta.doc_id, int(s), int(e), text[int(s) : int(e)])
            for _, s, e in previous.rows[picked]
        ]
        position = len(out.documents)
        out.vectors[position] = np.asarray(previous.embeddings[picked], dtype=np.float32)
        if previous.figures is not None:
            out.figures[position] = picked
        out.documents.append(ingest.Document(meta, text, passages))


def _figure_records(
    documents: list[ingest.Document],
    reused: dict[int, np.ndarray],
    previous: StoredFigures | None,
    folder: Path,
) -> RecordSpool:
    """Every passage's figure record (reused ones as they were: ``reused`` holds their rows
    in ``previous``), spooled to a temporary file in ``folder`` as they are made."""
    records = RecordSpool(folder)
    try:
        for i, doc in enumerate(documents):
            rows = reused.get(i)
            if previous is not None and rows is not None and len(rows):
                for row in rows:
                    records.append(previous.record(int(row)))
            else:
                for passage in doc.passages:
                    records.append(read_passage(passage, doc.meta))
    except BaseException:
        records.close()
        raise
    return records


def _figures(
    records: Sequence[bytes],
    previous: LoadedIndex | None,
    encode: Callable[[list[str]], np.ndarray],
    dimension: int,
) -> tuple[Sequence[bytes], list[str], np.ndarray]:
    """The figure records, the measure names in them, and the names' vectors (those the
    previous index had, taken from it)."""
    names = measure_names(records)
    known = previous.figures.names if previous is not None and previous.figures else {}
    fresh = [n for n in names if n not in known]
    vectors = encode(fresh) if fresh else np.zeros((0, dimension), np.float32)
    if len(fresh) == len(names):  # all new (a full build): already the table, in order
        return records, names, np.asarray(vectors, np.float32).reshape(len(names), dimension)
    # Filled in place: no list of rows and no second copy of the new vectors.
    table = np.empty((len(names), dimension), np.float32)
    made = iter(vectors)
    for n, name in enumerate(names):
        table[n] = next(made) if name not in known else known[name]
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


def _store_sync(
    vector_store: VectorStore,
    previous: LoadedIndex | None,
    documents: list[ingest.Document],
    reused: dict[int, np.ndarray],
    embeddings: np.ndarray,
    model_name: str,
) -> StoreSync:
    """What this build adds to and deletes from ``vector_store`` (``plan_sync``)."""
    from retrieval.vectors.milvus import PreviousIds, SyncDocument, plan_sync

    old = None
    if previous is not None and (previous.path / PASSAGE_IDS).exists():
        old_ids = np.load(previous.path / PASSAGE_IDS)
        by_document = {
            document_key(meta.doc_id, meta.sha256): old_ids[rows]
            for meta, rows in zip(previous.documents, _Reuse(previous).rows(), strict=True)
        }
        old = PreviousIds(previous.manifest.vector_store, by_document, old_ids)
    docs = [
        SyncDocument(d.meta.doc_id, d.meta.sha256, [(p.start, p.end) for p in d.passages], i in reused)
        for i, d in enumerate(documents)
    ]
    return plan_sync(vector_store, model_name, embeddings, docs, old)
