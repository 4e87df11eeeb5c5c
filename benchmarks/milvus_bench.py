"""The vector stores side by side: build, reopen, query and update at ``--n`` passages.

    .venv/bin/python benchmarks/milvus_bench.py [--n 100000] [--queries 200] [--vectors X.npy]

Rows: the FAISS store (flat, and each approximate kind ``retrieval.vectors.faiss_index`` offers) and Milvus
Lite (FLAT), all through the ``VectorStore`` interface the bot uses. The vectors are
synthetic unless ``--vectors`` names a saved ``(n, d)`` float32 array (an index's
``embeddings.npy``): 384-d like all-MiniLM-L6-v2, drawn around a few thousand centres so
that neighbours exist as they do between real passages (uniformly random vectors have none,
which makes every approximate index look worse than it is). Queries are held-out vectors
near stored ones.

- build: add every passage (20 per document) and make it durable (save / flush).
- open: a restart: open the stored data and answer a first query.
- query p50/p95: one question at a time, k = 10, after a warm-up.
- recall@10: overlap with exact search over the same vectors.
- update: an incremental build touching 1 % of documents: delete their passages, add new.

With ``--bot-docs N`` it also runs the whole bot on N RAMDocs corpus files (see
``benchmarks/corpora.py``) with each store: ``index build`` from nothing, questions through
``AnswerService.ask`` (retrieval, BM25, figures), and a rebuild after 1 % of the files change.
The embedder there is the hashing fake (``fake-hash:384``), so that the numbers are the
stores' and the index's, not the model's.

Milvus Lite is the embedded engine of the tests, not a server: it runs as a local server
process beside this one, so its numbers say nothing about a Milvus cluster, only that the
code path works.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # corpora.py

from retrieval.vectors import faiss_index as ann
from retrieval.vectors.factory import open_vector_store
from retrieval.vectors.interface import VectorStore

MODEL = "bench-synthetic"
PER_DOC = 20


@dataclass
class Row:
    store: str
    build_s: float
    open_s: float
    p50_ms: float
    p95_ms: float
    recall: float
    update_s: float

    def cells(self) -> list[str]:
        return [
            self.store,
            f"{self.build_s:.1f}",
            f"{self.open_s:.2f}",
            f"{self.p50_ms:.2f}",
            f"{self.p95_ms:.2f}",
            f"{self.recall:.3f}",
            f"{self.update_s:.2f}",
        ]


def synthetic(n: int, dim: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(1, n // 50), dim)).astype(np.float32)
    vectors = centres[rng.integers(0, len(centres), n)]
    vectors += 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    return unit(vectors)


def unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    scores = queries @ vectors.T
    return np.argsort(-scores, axis=1)[:, :k]


def bench_store(
    label: str,
    opener: Callable[[bool], VectorStore],
    restart: Callable[[], None],
    vectors: np.ndarray,
    queries: np.ndarray,
    truth: np.ndarray,
    k: int,
) -> Row:
    n, dim = vectors.shape
    ids = np.arange(n, dtype=np.int64)
    docs = [f"doc-{i // PER_DOC}" for i in range(n)]

    started = time.perf_counter()
    store = opener(True)
    store.add(ids, vectors, docs)
    store.search(queries[:1], k)  # an index built on first use counts as build time
    store.publish(1)
    build_s = time.perf_counter() - started
    store.close()
    restart()

    started = time.perf_counter()
    store = opener(False)
    store.search(queries[:1], k)
    open_s = time.perf_counter() - started

    for q in queries[:3]:
        store.search(q, k)
    times, found = [], []
    for q in queries:
        t = time.perf_counter()
        _, got = store.search(q, k)
        times.append((time.perf_counter() - t) * 1000)
        found.append(got[0])
    recall = float(
        np.mean(
            [len(set(f.tolist()) & set(t.tolist())) / k for f, t in zip(found, truth, strict=True)]
        )
    )

    n_docs = (n + PER_DOC - 1) // PER_DOC
    changed = [f"doc-{d}" for d in range(0, n_docs, 100)]  # 1 % of documents
    rng = np.random.default_rng(7)
    new = unit(
        vectors[: len(changed) * PER_DOC]
        + 0.1 * rng.standard_normal((len(changed) * PER_DOC, dim)).astype(np.float32)
    )
    new_ids = np.arange(n, n + len(new), dtype=np.int64)
    new_docs = [changed[i // PER_DOC] for i in range(len(new))]
    started = time.perf_counter()
    store.delete_documents(changed)
    store.add(new_ids, new, new_docs)
    store.search(queries[:1], k)
    store.publish(2)
    update_s = time.perf_counter() - started
    store.close()
    restart()

    p50, p95 = np.percentile(times, [50, 95])
    return Row(label, build_s, open_s, float(p50), float(p95), recall, update_s)


@dataclass
class BotRow:
    store: str
    passages: int
    build_s: float
    ask_p50_ms: float
    ask_p95_ms: float
    rebuild_s: float
    embedded: int

    def cells(self) -> list[str]:
        return [
            self.store,
            f"{self.passages:,}",
            f"{self.build_s:.1f}",
            f"{self.ask_p50_ms:.1f}",
            f"{self.ask_p95_ms:.1f}",
            f"{self.rebuild_s:.1f}",
            f"{self.embedded:,}",
        ]


def bench_bot(work: Path, n_docs: int, n_questions: int) -> list[BotRow]:
    """The whole bot on ``n_docs`` corpus files, once with FAISS and once with Milvus Lite."""
    import corpora  # type: ignore[import-not-found]

    from bot.core import AnswerService
    from bot.settings import Settings
    from retrieval.vectors.milvus import release_lite

    questions = corpora.questions()[:n_questions]
    rows = []
    for label, backend in (("bot, FAISS (auto)", "faiss"), ("bot, Milvus Lite", "milvus")):
        corpus = work / f"bot-corpus-{backend}"  # the same files for each, changed apart
        files = corpora.write_corpus(corpus, n_docs)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            corpus_dir=corpus,
            index_dir=work / f"bot-index-{backend}",
            model="fake-hash:384",
            reload_interval=0,
            vector_store="milvus" if backend == "milvus" else "faiss",
            milvus_uri=str(work / "bot.db"),
            milvus_timeout=600,
        )
        service = AnswerService(settings)
        started = time.perf_counter()
        report = service.build()
        build_s = time.perf_counter() - started
        service.ensure_ready(build_if_needed=False)
        for q in questions[:3]:
            service.ask(q)
        times = []
        for q in questions:
            t = time.perf_counter()
            service.ask(q)
            times.append((time.perf_counter() - t) * 1000)
        for path in files[::100]:  # 1 % of the files change
            path.write_text(path.read_text("utf-8") + "\nRevised.\n", "utf-8")
        started = time.perf_counter()
        again = service.build()
        rebuild_s = time.perf_counter() - started
        service.close()
        release_lite(str(work / "bot.db"))
        p50, p95 = np.percentile(times, [50, 95])
        rows.append(
            BotRow(
                label, report.passages, build_s, float(p50), float(p95), rebuild_s, again.embedded
            )
        )
        print(" | ".join(rows[-1].cells()), file=sys.stderr, flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000, help="passages (default 100000)")
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--queries", type=int, default=200, help="queries for FAISS rows")
    parser.add_argument(
        "--milvus-queries", type=int, default=40, help="queries for Milvus Lite (slow per query)"
    )
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--vectors", type=Path, help="a saved (n, d) float32 .npy to use instead")
    parser.add_argument(
        "--stores",
        default="faiss,milvus",
        help="comma-separated: faiss (flat and the approximate kinds), milvus",
    )
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument(
        "--bot-docs", type=int, default=0, help="also run the whole bot on this many files"
    )
    parser.add_argument("--bot-questions", type=int, default=50)
    args = parser.parse_args(argv)

    if args.vectors:
        loaded = np.load(args.vectors, mmap_mode="r")
        vectors = unit(np.asarray(loaded[: args.n], dtype=np.float32))
        source = f"{args.vectors.name}"
    else:
        vectors = synthetic(args.n + args.queries, args.dim, seed=0)
        source = "synthetic clustered"
    # Queries: held-out vectors, nudged, so each has near neighbours among the stored ones.
    held = vectors[-args.queries :]
    vectors = np.ascontiguousarray(vectors[: len(vectors) - args.queries])
    rng = np.random.default_rng(1)
    queries = unit(held + 0.05 * rng.standard_normal(held.shape).astype(np.float32))
    truth = exact_top(vectors, queries, args.k)
    n, dim = vectors.shape

    work = args.dir or Path(tempfile.mkdtemp(prefix="corpusbot-milvus-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    wanted = set(args.stores.split(","))
    rows: list[Row] = []
    try:
        if "faiss" in wanted:
            kinds = [kd for kd in getattr(ann, "KINDS", ("flat",)) if kd in ("flat", "hnsw", "ivf")]
            for kind in kinds:
                folder = work / f"faiss-{kind}"

                def open_faiss(
                    create: bool, folder: Path = folder, kind: str = kind
                ) -> VectorStore:
                    if create:
                        shutil.rmtree(folder, ignore_errors=True)
                    return open_vector_store(
                        "faiss", folder=folder, model=MODEL, dimension=dim, kind=kind
                    )

                rows.append(
                    bench_store(
                        f"FAISS {kind}", open_faiss, lambda: None, vectors, queries, truth, args.k
                    )
                )
                print(" | ".join(rows[-1].cells()), file=sys.stderr, flush=True)
        if "milvus" in wanted:
            from retrieval.vectors.milvus import MilvusVectorStore, release_lite

            uri = str(work / "milvus.db")

            def open_milvus(create: bool) -> VectorStore:
                if create:
                    release_lite(uri)
                    shutil.rmtree(uri, ignore_errors=True)
                return MilvusVectorStore.connect(
                    uri, "bench", model=MODEL, dimension=dim, timeout=120
                )

            mq = min(args.milvus_queries, len(queries))
            rows.append(
                bench_store(
                    "Milvus Lite FLAT",
                    open_milvus,
                    lambda: release_lite(uri),
                    vectors,
                    queries[:mq],
                    truth[:mq],
                    args.k,
                )
            )
        bot_rows = bench_bot(work, args.bot_docs, args.bot_questions) if args.bot_docs else []
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)

    header = [
        "store",
        "build s",
        "open s",
        "query p50 ms",
        "query p95 ms",
        f"recall@{args.k}",
        "update 1% s",
    ]
    print(f"\n{n:,} passages, {dim}-d {source} vectors, k={args.k}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row.cells()) + " |")
    if bot_rows:
        header = [
            "bot",
            "passages",
            "index build s",
            "ask p50 ms",
            "ask p95 ms",
            "rebuild 1% s",
            "re-embedded",
        ]
        print(f"\n{args.bot_docs:,} corpus files, fake-hash:384 embedder\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" for _ in header) + "|")
        for bot_row in bot_rows:
            print("| " + " | ".join(bot_row.cells()) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
