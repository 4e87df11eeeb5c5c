"""Reading many corpus files at once: in worker processes when there are many, else here.

Extracting a PDF or a web page costs far more than reading a text file, so a build with
many files spreads them over worker processes; a few files are read in this process (a
worker pool costs more to start than they take). Each file's result is one
``ingest.Document`` or one ``ingest.SkippedFile``; a skipped file is warned about once, here.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from retrieval import ingest, readers

log = logging.getLogger("retrieval.ingest")

# From this many files to read (or this many needing a document reader) on, worker processes.
PARALLEL_FILES = 32
PARALLEL_DOCUMENTS = 4
MAX_WORKERS = 8
# Imported once by the process the workers are forked from (the readers' libraries).
PRELOAD = ["retrieval.ingest", "trafilatura", "pdfminer.converter", "pdfminer.pdfinterp", "docx"]

Loaded = ingest.Document | ingest.SkippedFile


def workers_for(paths: Sequence[Path]) -> int:
    """How many worker processes reading ``paths`` deserves (0: read them here)."""
    cores = os.cpu_count() or 1
    heavy = sum(1 for p in paths if readers.handles(p))
    if cores < 2 or (len(paths) < PARALLEL_FILES and heavy < PARALLEL_DOCUMENTS):
        return 0
    return min(cores, MAX_WORKERS, len(paths))


def load_files(
    corpus_dir: Path,
    rels: Sequence[str],
    max_chars: int,
    max_bytes: int | None = None,
    *,
    advance: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> dict[str, Loaded]:
    """Each file of ``rels`` (paths relative to ``corpus_dir``) read, keyed by that path;
    ``advance(1)`` after each file; ``workers`` overrides the choice of ``workers_for``."""
    paths = dict(zip(rels, (corpus_dir / rel for rel in rels), strict=True))
    count = workers_for(list(paths.values())) if workers is None else workers
    out: dict[str, Loaded] = {}
    if count > 1:
        try:
            _load_in_workers(corpus_dir, paths, max_chars, max_bytes, count, out, advance)
        except BrokenProcessPool as exc:  # workers that cannot start: read the rest here
            log.warning("reading files in this process: worker processes failed (%s)", exc)
    for rel, path in paths.items():
        if rel not in out:
            out[rel] = ingest.load_document(path, corpus_dir, max_chars, max_bytes)
            if advance:
                advance(1)
    return {rel: out[rel] for rel in rels}


def _load_in_workers(
    corpus_dir: Path,
    paths: dict[str, Path],
    max_chars: int,
    max_bytes: int | None,
    count: int,
    out: dict[str, Loaded],
    advance: Callable[[int], None] | None,
) -> None:
    """Fills ``out`` with each file read by one of ``count`` worker processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # Not forked from this process, which may hold a model's threads: forked from a server
    # process that imported the readers once, so each worker starts without importing them.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    with ProcessPoolExecutor(count, mp_context=context, initializer=_quiet) as pool:
        futures = {
            pool.submit(ingest.load_document, path, corpus_dir, max_chars, max_bytes): rel
            for rel, path in paths.items()
        }
        for future in as_completed(futures):
            rel = futures[future]
            result = future.result()
            if isinstance(result, ingest.SkippedFile):
                log.warning("skipping %s: %s", rel, result.reason)
            out[rel] = result
            if advance:
                advance(1)


def _quiet() -> None:
    """In a worker: skipped files are warned about by the parent, once."""
    logging.getLogger("retrieval.ingest").setLevel(logging.ERROR)
