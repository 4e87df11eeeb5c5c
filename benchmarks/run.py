"""corpusbot's speed and scale, each measured against a bare baseline in the same run.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/run.py [--quick] [--only warm,cold,...]

Sections (``--only`` picks some): ``warm`` (per question in a warm process against the same
model encoding the question + a FAISS flat search), ``cold`` (``corpusbot ask`` from process
start against ``import sentence_transformers``), ``build`` (passages per second against a bare
``model.encode``, the one-time ONNX export, and a rebuild of an unchanged corpus),
``e2e`` (``corpusbot index build --full`` as a process over about 2,000 passages against
``model.encode(passages, batch_size=32)`` with the model loaded; recall@10 of the build's
vectors against the model's; peak memory of a larger build, ``--mem`` passages),
``concurrency`` (questions per second with 1, 4 and 16 askers in one process), ``large``
(synthetic vectors, 1M by default: exact against the index type chosen for that size) and
``real`` (recall@10 of the approximate kinds against exact search on real embeddings of real
text, 100k passages by default), ``ingest`` (MB/s of reading one 50 MB file into passages,
short lines and long paragraphs, against reading, decoding and splitting it into lines) and
``conflictnq`` (ConflictNQ's numeric and date questions: both figures in one ``differ`` group,
against both in the dense top-5; ``conflictnq.py``).

Every measurement runs in a fresh process of its own, so each has its own peak memory (the
kernel's maximum resident set size). The text is RAMDocs (``benchmarks/corpora.py``);
embeddings and synthetic vectors are cached under ``benchmarks/.cache``. Prints one Markdown
table and writes the numbers to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import corpora  # noqa: E402  (benchmarks/ is not a package)

CACHE = corpora.CACHE
WORK = CACHE / "work"
RESULTS = HERE / "results"
BIN = Path(sys.executable).parent
SECTIONS = ("warm", "cold", "build", "e2e", "concurrency", "large", "real", "ingest", "conflictnq")
E2E_DOCS = 1100  # RAMDocs files: about 2,000 passages


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def _rss_mb() -> float:
    """This process's peak resident size so far (VmHWM: its own, nothing inherited)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORPUSBOT_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", CORPUSBOT_RELOAD_INTERVAL="0")
    return env


# Runs a command and reports its wall time and peak memory. A process inherits its parent's
# peak resident size as a floor when it starts (Linux folds the forked copy into it at exec),
# so each command is started from this small launcher, never from the benchmark itself.
LAUNCHER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - started
code = os.waitstatus_to_exitcode(status)
print("@@" + json.dumps({"wall": wall, "rss_kb": usage.ru_maxrss, "rc": code}), file=sys.stderr)
"""


def run_child(argv: list[str], *, capture: bool = True) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one process."""
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *argv],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = proc.stderr.splitlines()
    found = [json.loads(line[2:]) for line in lines if line.startswith("@@{")]
    if proc.returncode != 0 or not found or found[-1]["rc"] != 0:
        tail = "\n".join(lines[-40:])
        raise RuntimeError(f"{' '.join(argv[:4])} … failed:\n{tail}")
    return found[-1]["wall"], found[-1]["rss_kb"] / 1024, proc.stdout or ""


def part(name: str, **kw: Any) -> dict[str, Any]:
    """Run ``--part name`` in a fresh process; its last line of output is its JSON result."""
    argv = [sys.executable, str(Path(__file__)), "--part", name, "--args", json.dumps(kw)]
    wall, rss, out = run_child(argv)
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result.setdefault("rss_mb", rss)
    result["process_s"] = wall
    return result


# --- the corpus everything but the large sections use ------------------------------------------


def corpus_and_index(n_docs: int) -> tuple[Path, Path, float]:
    """A RAMDocs corpus of ``n_docs`` files and its index (built by the CLI, export included);
    returns the first build's wall seconds, or 0 when it was there already.

    A cached index is brought up to date by an incremental build (under a second when it is
    current): one read by older code would have its stored figures ignored and be timed
    reading every passage again."""
    corpus = WORK / f"corpus-{n_docs}"
    index = WORK / f"index-{n_docs}"
    if not corpus.exists():
        corpora.write_corpus(corpus, n_docs)
    cached = (index / "config.json").exists()
    wall, _, _ = run_child(
        [str(BIN / "corpusbot"), "index", "build", "--corpus", str(corpus), "--index", str(index)]
    )
    return corpus, index, 0.0 if cached else wall


def bench_questions(index: Path, n: int) -> list[str]:
    """RAMDocs questions about the documents in the corpus first, then others."""
    asked = corpora.questions()
    titles = {
        d["title"] for d in json.loads((index / "documents.json").read_text("utf-8"))
    }  # each file's first line is its question
    inside = [q for q in asked if q in titles]
    outside = [q for q in asked if q not in titles]
    picked = (inside + outside)[:n]
    return picked


def _passages_of(index: Path) -> list[str]:
    docs = json.loads((index / "documents.json").read_text("utf-8"))
    rows = np.load(index / "passages.npy")
    return [docs[int(d)]["text"][int(s) : int(e)] for d, s, e in rows]


# --- parts (each runs in its own process) --------------------------------------------------------


def part_warm_bot(corpus: str, index: str, questions: list[str], warmup: int) -> dict[str, Any]:
    from rich.console import Console

    from bot.core import AnswerService
    from bot.render_terminal import print_answer
    from bot.settings import Settings

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, corpus_dir=Path(corpus), index_dir=Path(index), reload_interval=0
    )
    service = AnswerService(settings)
    service.ensure_ready(build_if_needed=False)
    times = []
    answered = 0
    for i, q in enumerate(questions[:warmup] + questions):
        started = time.perf_counter()
        answer = service.ask(q)
        print_answer(answer, Console(file=io.StringIO(), width=100))  # rendering included
        json.dumps(answer.to_dict())
        if i >= warmup:
            times.append(time.perf_counter() - started)
            answered += answer.answered
    return {
        "p50_ms": 1000 * _percentile(times, 50),
        "p95_ms": 1000 * _percentile(times, 95),
        "answered": answered,
        "questions": len(times),
        "times": times,
        "backend": service.serving.backend,
        "passages": service.serving.index.size,
        "rss_mb": _rss_mb(),
    }


def _baseline(index: str) -> Callable[[str], Any]:
    """The bare path: the model encodes the question, FAISS searches the same vectors flat."""
    import faiss
    from sentence_transformers import SentenceTransformer

    from retrieval.embedding import model_location

    model = SentenceTransformer(model_location(""), device="cpu")
    vectors = np.load(Path(index) / "embeddings.npy")
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)

    def ask(q: str) -> Any:
        v = model.encode([q], normalize_embeddings=True, convert_to_numpy=True)
        return flat.search(np.asarray(v, dtype=np.float32), 10)

    return ask


def part_warm_baseline(index: str, questions: list[str], warmup: int) -> dict[str, Any]:
    ask = _baseline(index)
    times = []
    for i, q in enumerate(questions[:warmup] + questions):
        started = time.perf_counter()
        ask(q)
        if i >= warmup:
            times.append(time.perf_counter() - started)
    return {
        "p50_ms": 1000 * _percentile(times, 50),
        "p95_ms": 1000 * _percentile(times, 95),
        "times": times,
        "rss_mb": _rss_mb(),
    }


def part_build(corpus: str, index: str, source: str) -> dict[str, Any]:
    """``retrieval.index.build`` of the whole corpus with the model already loaded, as the bare baseline
    has it; the ONNX export (once per model, reused by later builds, taken from ``source``
    here) is timed apart."""
    import tempfile

    from retrieval import index as idx
    from retrieval.embedding import load_embedder

    embedder = load_embedder("", "auto")
    embedder.encode(["warm up"])
    target = Path(index)
    if not (target / "config.json").exists():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)
    started = time.perf_counter()
    report = idx.build(Path(corpus), target, lambda: embedder, model="", full=True)
    seconds = time.perf_counter() - started
    export = getattr(embedder, "export_onnx", None)
    export_s = 0.0
    if export is not None:
        with tempfile.TemporaryDirectory(dir=WORK) as tmp:
            started = time.perf_counter()
            export(Path(tmp) / "onnx")
            export_s = time.perf_counter() - started
    return {
        "passages": report.passages,
        "seconds": seconds,
        "rate": report.passages / seconds,
        "export_s": export_s,
        "device": getattr(embedder, "device", "cpu"),
        "rss_mb": _rss_mb(),
    }


def part_build_baseline(index: str) -> dict[str, Any]:
    from sentence_transformers import SentenceTransformer

    from retrieval.embedding import model_location, resolve_device

    texts = _passages_of(Path(index))
    model = SentenceTransformer(model_location(""), device=resolve_device("auto"))
    model.encode(["warm up"])
    started = time.perf_counter()
    model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    seconds = time.perf_counter() - started
    return {"passages": len(texts), "seconds": seconds, "rate": len(texts) / seconds}


def part_encode_baseline(index: str, batch_size: int, save: str) -> dict[str, Any]:
    """Plain sentence-transformers: the index's passages through ``model.encode``, the model
    loaded beforehand; the vectors (and the questions') saved for the recall row."""
    from sentence_transformers import SentenceTransformer

    from retrieval.embedding import model_location

    texts = _passages_of(Path(index))
    model = SentenceTransformer(model_location(""), device="cpu")
    model.encode(["warm up"])
    started = time.perf_counter()
    vectors = model.encode(texts, batch_size=batch_size, normalize_embeddings=True)
    seconds = time.perf_counter() - started
    asked = model.encode(corpora.questions(), batch_size=batch_size, normalize_embeddings=True)
    np.savez(
        save, passages=np.asarray(vectors, np.float32), questions=np.asarray(asked, np.float32)
    )
    return {"passages": len(texts), "seconds": seconds, "rate": len(texts) / seconds}


def part_recall(index: str, saved: str, k: int = 10) -> dict[str, Any]:
    """recall@k of searching the index (its vectors, questions through its ONNX export, as the
    bot asks them) against searching the model's own vectors with the model's questions."""
    from retrieval.onnx_embed import OnnxEmbedder

    with np.load(saved) as old:
        old_passages, old_questions = old["passages"], old["questions"]
    new_passages = np.load(Path(index) / "embeddings.npy")
    new_questions = OnnxEmbedder(Path(index) / "onnx").encode(corpora.questions())
    k = min(k, len(new_passages))
    top_old = np.argsort(-(old_questions @ old_passages.T), axis=1)[:, :k]
    top_new = np.argsort(-(new_questions @ new_passages.T), axis=1)[:, :k]
    hits = [len(set(a) & set(b)) / k for a, b in zip(top_old, top_new, strict=True)]
    cosine = (old_passages * new_passages).sum(axis=1)
    return {
        "recall": float(np.mean(hits)),
        "questions": len(hits),
        "min_cosine": float(cosine.min()),
        "manifest": json.loads((Path(index) / "config.json").read_text("utf-8"))["passage_encoder"],
    }


def memory_corpus(n: int) -> tuple[Path, int]:
    """``n`` passages of real text (``corpora.passages``) as files of 200 passages each."""
    folder = WORK / f"mem-corpus-{n}"
    if not folder.exists():
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        texts = corpora.passages(n)
        for f, lo in enumerate(range(0, n, 200)):
            body = "\n\n".join(texts[lo : lo + 200]).replace("\x00", "")
            (tmp / f"part{f:05d}.txt").write_text(f"Part {f}\n\n{body}\n", "utf-8")
        tmp.rename(folder)
    return folder, sum(1 for _ in folder.iterdir())


def part_concurrency(
    corpus: str, index: str, questions: list[str], askers: int, total: int
) -> dict[str, Any]:
    from concurrent.futures import ThreadPoolExecutor

    from bot.core import AnswerService
    from bot.settings import Settings

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, corpus_dir=Path(corpus), index_dir=Path(index), reload_interval=0
    )
    service = AnswerService(settings)
    service.ensure_ready(build_if_needed=False)
    for q in questions[:4]:
        service.ask(q)
    work = [questions[i % len(questions)] for i in range(total)]

    def asker(k: int) -> None:
        for q in work[k::askers]:
            service.ask(q)

    started = time.perf_counter()
    with ThreadPoolExecutor(askers) as pool:
        list(pool.map(asker, range(askers)))
    seconds = time.perf_counter() - started
    return {"qps": total / seconds, "workers": settings.workers, "rss_mb": _rss_mb()}


def synthetic(n: int, dim: int = 384, seed: int = 7) -> Path:
    """``n`` unit vectors in clusters (as embeddings are), cached as a .npy file."""
    path = CACHE / f"synthetic-{n}-{dim}.npy"
    if path.exists():
        return path
    rng = np.random.default_rng(seed)
    centers = rng.standard_normal((max(16, n // 100), dim)).astype(np.float32)
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    tmp = path.with_suffix(".tmp.npy")
    out = np.lib.format.open_memmap(tmp, mode="w+", dtype=np.float32, shape=(n, dim))
    for lo in range(0, n, 100_000):
        m = min(100_000, n - lo)
        x = centers[rng.integers(0, len(centers), m)]
        x = x + rng.standard_normal((m, dim)).astype(np.float32) / np.sqrt(dim)
        out[lo : lo + m] = x / np.linalg.norm(x, axis=1, keepdims=True)
    out.flush()
    del out
    tmp.replace(path)
    return path


def _synthetic_queries(vectors: Any, count: int, seed: int = 11) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rows = np.sort(rng.choice(len(vectors), size=count, replace=False))
    q = np.asarray(vectors[rows], dtype=np.float32)
    q = q + 0.5 * rng.standard_normal(q.shape).astype(np.float32) / np.sqrt(q.shape[1])
    return q / np.linalg.norm(q, axis=1, keepdims=True)


def part_large_build(path: str, kind: str, out: str) -> dict[str, Any]:
    """Build the dense side as ``index build`` does: a FaissVectorStore in a folder."""
    from retrieval.vectors.faiss_store import FaissVectorStore

    vectors = np.load(path, mmap_mode="r")
    started = time.perf_counter()
    dense = FaissVectorStore.open(
        Path(out), model="synthetic", dimension=vectors.shape[1], kind=kind
    )
    n = len(vectors)
    dense.add(np.arange(n, dtype=np.int64), np.asarray(vectors), ["synthetic"] * n)
    dense.flush()
    seconds = time.perf_counter() - started
    return {"build_s": seconds, "params": dense.params, "rss_mb": _rss_mb()}


def part_large_search(
    path: str, kind: str, index_path: str, params: dict[str, Any], queries: int, truth: str
) -> dict[str, Any]:
    """Open the folder's vector store as the bot does (approximate kinds re-score their
    candidates from the float vectors, read from disk) and search one question at a time."""
    import psutil

    from retrieval.vectors.faiss_store import FaissVectorStore
    from retrieval.vectors.rowfile import RowFile

    # Exact search is slow at this size: it answers the first ``queries // 10`` only, enough
    # for recall; the approximate index answers them all, for its latency.
    qs = _synthetic_queries(RowFile(Path(path)), queries)
    if kind == "flat":
        qs = qs[: max(20, queries // 10)]
    dense = FaissVectorStore.open(Path(index_path), kind=kind)
    assert dense.params == params or kind == "flat"
    times = []
    found = np.zeros((len(qs), 10), dtype=np.int64)
    for i, q in enumerate(qs):
        started = time.perf_counter()
        _, ids = dense.search(q.reshape(1, -1), 10)
        times.append(time.perf_counter() - started)
        found[i] = ids[0]
    result: dict[str, Any] = {
        "p50_ms": 1000 * _percentile(times, 50),
        "p95_ms": 1000 * _percentile(times, 95),
        "rss_now_mb": psutil.Process().memory_info().rss / 2**20,
        "rss_mb": _rss_mb(),
    }
    if kind == "flat":
        np.save(truth, found)
    elif Path(truth).exists():
        exact = np.load(truth)
        result["recall"] = _recall(exact, found[: len(exact)])
        result["recall_queries"] = len(exact)
    return result


def _recall(exact: np.ndarray, found: np.ndarray) -> float:
    return float(
        np.mean([len(set(e) & set(f)) / len(e) for e, f in zip(exact, found, strict=True)])
    )


def part_real(n: int, kinds: list[str], onnx_dir: str) -> dict[str, Any]:
    """Recall@10 on real embeddings: RAMDocs passages (``n``, real ones and variants of them)
    and the RAMDocs questions, each kind against exact search."""
    from retrieval.vectors.faiss_index import build_index, choose_kind

    passages, questions = corpora.embedded(n, onnx_dir=Path(onnx_dir))
    exact = np.argsort(-(questions @ passages.T), axis=1)[:, :10]
    out: dict[str, Any] = {"passages": len(passages), "questions": len(questions)}
    out["chosen"] = choose_kind(len(passages))
    for kind in kinds:
        started = time.perf_counter()
        index = build_index(passages, kind, refine=passages)
        build_s = time.perf_counter() - started
        times = []
        found = np.zeros_like(exact)
        for i, q in enumerate(questions):
            t = time.perf_counter()
            _, ids = index.search(q.reshape(1, -1), 10)
            times.append(time.perf_counter() - t)
            found[i] = ids[0]
        out[kind] = {
            "recall": _recall(exact, found),
            "p95_ms": 1000 * _percentile(times, 95),
            "build_s": build_s,
            "params": index.params,
            "index_mb": index.memory_bytes() / 2**20,
        }
    out["rss_mb"] = _rss_mb()
    return out


# --- ingest: one big file into passages ---------------------------------------------------------

INGEST_KINDS = ("short lines", "long paragraphs")
_WORDS = (
    "the a report said about its new old river town council water road school market price "
    "rose fell after before during week year people officials residents figures estimate "
    "early late north south local national more less than over under near"
).split()


def ingest_file(kind: str, mb: int) -> Path:
    """A generated file of ``mb`` MB (cached): many short lines, or long one-line paragraphs."""
    path = WORK / f"ingest-{kind.replace(' ', '-')}-{mb}mb.txt"
    if path.exists():
        return path
    import random

    rng = random.Random(5)
    target = mb * 1_000_000
    out = io.StringIO()
    size = 0
    while size < target:
        if kind == "short lines":
            line = f"The river rose {rng.randint(1, 99)} metres.\n"
        else:  # a paragraph of 20 to 60 sentences on one line, then a blank line
            sentences = (
                " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 20))).capitalize()
                + rng.choice([".", ".", ".", "?", "!"])
                for _ in range(rng.randint(20, 60))
            )
            line = " ".join(sentences) + "\n\n"
        out.write(line)
        size += len(line)
    path.write_text(out.getvalue(), "utf-8")
    return path


def part_ingest(path: str) -> dict[str, Any]:
    from retrieval.ingest import load_document

    file = Path(path)
    started = time.perf_counter()
    doc = load_document(file, file.parent, 450)
    seconds = time.perf_counter() - started
    passages = len(getattr(doc, "passages", []))
    return {"seconds": seconds, "mb": file.stat().st_size / 1e6, "passages": passages}


def part_ingest_baseline(path: str) -> dict[str, Any]:
    file = Path(path)
    started = time.perf_counter()
    lines = file.read_bytes().decode("utf-8").splitlines()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "mb": file.stat().st_size / 1e6, "lines": len(lines)}


PARTS: dict[str, Callable[..., dict[str, Any]]] = {
    "warm-bot": part_warm_bot,
    "warm-baseline": part_warm_baseline,
    "build": part_build,
    "build-baseline": part_build_baseline,
    "encode-baseline": part_encode_baseline,
    "recall": part_recall,
    "concurrency": part_concurrency,
    "large-build": part_large_build,
    "large-search": part_large_search,
    "real": part_real,
    "ingest": part_ingest,
    "ingest-baseline": part_ingest_baseline,
}


# --- the run ---------------------------------------------------------------------------------------


def timed_children(commands: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, float]]:
    """name → (median wall seconds, peak RSS MB) over ``repeat`` rounds, the commands taking
    turns in each round so that a change in the machine's load hits them alike."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            wall, rss, _ = run_child(argv, capture=False)
            walls[name].append(wall)
            peaks[name].append(rss)
    return {name: (statistics.median(walls[name]), max(peaks[name])) for name in commands}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora, fewer repeats")
    parser.add_argument("--only", default=",".join(SECTIONS), help="sections, comma-separated")
    parser.add_argument("--large", type=int, default=0, help="synthetic vectors [1M; quick 200k]")
    parser.add_argument("--real", type=int, default=0, help="real passages [100k; quick 20k]")
    parser.add_argument("--mem", type=int, default=0, help="passages of e2e's memory build [5k]")
    parser.add_argument("--part", help=argparse.SUPPRESS)
    parser.add_argument("--args", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        print(json.dumps(PARTS[args.part](**json.loads(args.args))))
        return

    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    WORK.mkdir(parents=True, exist_ok=True)
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    quick = args.quick
    n_docs = 150 if quick else 300
    n_questions = 40 if quick else 150
    repeat = 2 if quick else 3
    large_n = args.large or (200_000 if quick else 1_000_000)
    real_n = args.real or (20_000 if quick else 100_000)
    res: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "quick": quick,
    }
    t0 = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t0:6.0f} s] {msg}", file=sys.stderr, flush=True)

    corpus = index = None
    if {"warm", "cold", "build", "concurrency", "real"} & set(sections):
        log(f"corpus of {n_docs} RAMDocs documents, indexed by `corpusbot index build`")
        corpus, index, first = corpus_and_index(n_docs)
        res["first_build_s"] = first
        questions = bench_questions(index, n_questions)

    if "warm" in sections:
        log("warm: per question")
        kw = {"index": str(index), "questions": questions, "warmup": 5}
        # Each in processes of its own (torch's threads keep spinning after a call, which
        # would slow whatever runs next in the same process), taking turns.
        runs: dict[str, list[dict[str, Any]]] = {"bot": [], "base": []}
        for _ in range(1 if quick else 2):
            runs["bot"].append(part("warm-bot", corpus=str(corpus), **kw))
            runs["base"].append(part("warm-baseline", **kw))
        for name, done in runs.items():
            times = [t for r in done for t in r.pop("times")]
            res[f"warm_{name}"] = {
                **done[0],
                "p50_ms": 1000 * _percentile(times, 50),
                "p95_ms": 1000 * _percentile(times, 95),
                "rss_mb": max(r["rss_mb"] for r in done),
            }

    if "cold" in sections:
        log("cold: corpusbot ask against import sentence_transformers")
        ask = [str(BIN / "corpusbot"), "ask", "--corpus", str(corpus), "--index", str(index)]
        importer = [sys.executable, "-c", "import sentence_transformers"]
        cold = timed_children({"ask": [*ask, questions[0]], "import": importer}, repeat)
        res["cold_ask"], res["cold_ask_rss"] = cold["ask"]
        res["cold_import"], res["cold_import_rss"] = cold["import"]

    if "build" in sections:
        log("build: passages per second against model.encode")
        target = WORK / f"index-{n_docs}-bench"
        rounds = []
        for _ in range(1 if quick else 2):  # taking turns; the best of each counts
            rounds.append(
                (
                    part("build", corpus=str(corpus), index=str(target), source=str(index)),
                    part("build-baseline", index=str(target)),
                )
            )
        res["build"] = max((r[0] for r in rounds), key=lambda x: x["rate"])
        res["build_base"] = max((r[1] for r in rounds), key=lambda x: x["rate"])
        log("build: unchanged corpus")
        cmd = [str(BIN / "corpusbot"), "index", "build", "--corpus", str(corpus)]
        rebuild = timed_children({"rebuild": [*cmd, "--index", str(index)]}, 3)
        res["rebuild_s"], res["rebuild_rss"] = rebuild["rebuild"]

    if "e2e" in sections:
        e2e_docs = 400 if quick else E2E_DOCS
        log(f"e2e: corpus of {e2e_docs} RAMDocs documents; first `corpusbot index build`")
        e_corpus, e_index, e_first = corpus_and_index(e2e_docs)
        build = [str(BIN / "corpusbot"), "index", "build", "--corpus", str(e_corpus)]
        build += ["--index", str(e_index), "--full"]
        saved = str(WORK / f"encode-{e2e_docs}.npz")
        walls, bases = [], []
        for turn in range(1 if quick else 2):  # taking turns; the median of each counts
            log(f"e2e: `corpusbot index build --full` against model.encode, round {turn + 1}")
            wall, rss, _ = run_child(build, capture=False)
            walls.append((wall, rss))
            bases.append(part("encode-baseline", index=str(e_index), batch_size=32, save=saved))
        res["e2e"] = {
            "first_s": e_first,
            "wall_s": statistics.median(w for w, _ in walls),
            "rss_mb": max(r for _, r in walls),
            "base_s": statistics.median(b["seconds"] for b in bases),
            "base_rss_mb": max(b["rss_mb"] for b in bases),
            "passages": bases[0]["passages"],
        }
        log("e2e: recall@10 of the build's vectors against the model's")
        res["e2e"]["recall"] = part("recall", index=str(e_index), saved=saved)
        mem_n = args.mem or (2_000 if quick else 5_000)
        log(f"e2e: peak memory of a {mem_n:,}-passage build")
        m_corpus, files = memory_corpus(mem_n)
        m_index = WORK / f"mem-index-{mem_n}"
        m_build = [str(BIN / "corpusbot"), "index", "build", "--corpus", str(m_corpus)]
        if not (m_index / "config.json").exists():  # the export first, then the measured build
            run_child([*m_build, "--index", str(m_index)], capture=False)
        m_wall, m_rss, out = run_child([*m_build, "--index", str(m_index), "--full"])
        res["e2e"]["memory"] = {"n": mem_n, "files": files, "wall_s": m_wall, "rss_mb": m_rss}

    if "concurrency" in sections:
        total = 48 if quick else 120
        for askers in (1, 4, 16):
            log(f"concurrency: {askers} askers")
            res[f"qps_{askers}"] = part(
                "concurrency",
                corpus=str(corpus),
                index=str(index),
                questions=questions,
                askers=askers,
                total=total,
            )

    if "large" in sections:
        from retrieval.vectors.faiss_index import choose_kind

        log(f"large: {large_n:,} synthetic vectors")
        path = synthetic(large_n)
        chosen = choose_kind(large_n)
        res["large"] = {"n": large_n, "chosen": chosen}
        truth = str(CACHE / f"synthetic-{large_n}-truth.npy")
        queries = 200 if quick else 500
        for kind in ("flat", chosen):
            log(f"large: {kind} build")
            out = str(CACHE / f"synthetic-{large_n}-{kind}-store")
            built = part("large-build", path=str(path), kind=kind, out=out)
            log(f"large: {kind} search")
            searched = part(
                "large-search",
                path=str(path),
                kind=kind,
                index_path=out,
                params=built["params"],
                queries=queries,
                truth=truth,
            )
            res["large"][kind] = {"build": built, "search": searched}
            shutil.rmtree(out, ignore_errors=True)

    if "real" in sections:
        log(f"real: recall@10 at {real_n:,} passages (embedding once, then cached)")
        kinds = ["hnsw", "ivf"]
        res["real"] = part("real", n=real_n, kinds=kinds, onnx_dir=str(index / "onnx"))

    if "ingest" in sections:
        mb = 5 if quick else 50
        res["ingest"] = {}
        for kind in INGEST_KINDS:
            log(f"ingest: a {mb} MB file of {kind}")
            path = str(ingest_file(kind, mb))
            res["ingest"][kind] = {
                "ours": part("ingest", path=path),
                "base": part("ingest-baseline", path=path),
            }
    if "conflictnq" in sections:
        log("conflictnq: both figures side by side, against the dense top-5")
        out = WORK / "conflictnq.json"
        run_child([sys.executable, str(HERE / "conflictnq.py"), "--json", str(out)])
        tally = json.loads(out.read_text("utf-8"))["tallies"]["all"]
        res["conflictnq"] = {k: v for k, v in tally.items() if k != "examples"}

    log("done")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(res, indent=2), "utf-8")
    print(table(res))


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        memory = f", {psutil.virtual_memory().total / 2**30:.0f} GiB"
    except ImportError:
        memory = ""
    return f"{os.cpu_count()} cores ({model}){memory}, {platform.system()}, no GPU"


def _ok(good: bool) -> str:
    return "met" if good else "**missed**"


def table(r: dict[str, Any]) -> str:
    rows: list[tuple[str, str, str, str, str, str]] = []

    def add(what: str, ours: str, base: str, ratio: str, target: str, mem: str) -> None:
        rows.append((what, ours, base, ratio, target, mem))

    if "warm_bot" in r:
        b, a = r["warm_bot"], r["warm_base"]
        mem = f"{b['rss_mb']:.0f} / {a['rss_mb']:.0f}"
        for p in ("p50", "p95"):
            ratio = b[f"{p}_ms"] / a[f"{p}_ms"]
            add(
                f"per question, warm, {p} ({b['passages']:,} passages; answer + figures + render)",
                f"{b[f'{p}_ms']:.1f} ms",
                f"{a[f'{p}_ms']:.1f} ms",
                f"{ratio:.2f}×",
                f"≤ 1.5×: {_ok(ratio <= 1.5)}",
                mem,
            )
    if "cold_ask" in r:
        ratio = r["cold_ask"] / r["cold_import"]
        add(
            "cold `corpusbot ask` vs `import sentence_transformers`",
            f"{r['cold_ask']:.2f} s",
            f"{r['cold_import']:.2f} s",
            f"{ratio:.2f}×",
            f"≤ 0.5×: {_ok(ratio <= 0.5)}",
            f"{r['cold_ask_rss']:.0f} / {r['cold_import_rss']:.0f}",
        )
    if "build" in r:
        b, a = r["build"], r["build_base"]
        ratio = b["rate"] / a["rate"]
        add(
            f"index build, {b['passages']:,} passages ({b['device']}; model loaded)",
            f"{b['rate']:.0f} passages/s",
            f"{a['rate']:.0f} passages/s",
            f"{ratio:.2f}×",
            f"≥ 0.9×: {_ok(ratio >= 0.9)}",
            f"{b['rss_mb']:.0f} / {a['rss_mb']:.0f}",
        )
        add(
            "ONNX export of the model (once per model; reused by later builds)",
            f"{b['export_s']:.1f} s",
            "",
            "",
            "",
            "",
        )
        add(
            "`corpusbot index build`, corpus unchanged (process start to exit)",
            f"{r['rebuild_s']:.2f} s",
            "",
            "",
            f"< 1 s: {_ok(r['rebuild_s'] < 1)}",
            f"{r['rebuild_rss']:.0f}",
        )
        if r.get("first_build_s"):
            add(
                "`corpusbot index build`, first build (model load + export included)",
                f"{r['first_build_s']:.1f} s",
                "",
                "",
                "",
                "",
            )
    if "e2e" in r:
        e = r["e2e"]
        n = e["passages"]
        ratio = e["base_s"] / e["wall_s"]
        add(
            f"`corpusbot index build --full`, {n:,} passages, process start to exit "
            "vs `model.encode(batch_size=32)`, model loaded",
            f"{n / e['wall_s']:.0f} passages/s ({e['wall_s']:.1f} s)",
            f"{n / e['base_s']:.0f} passages/s ({e['base_s']:.1f} s)",
            f"{ratio:.2f}×",
            f"≥ 2.0×: {_ok(ratio >= 2.0)}",
            f"{e['rss_mb']:.0f} / {e['base_rss_mb']:.0f}",
        )
        rc = e["recall"]
        add(
            f"recall@10, build's vectors ({rc['manifest'].get('backend')}) vs the model's, "
            f"{rc['questions']} RAMDocs questions (worst passage cosine {rc['min_cosine']:.5f})",
            f"{rc['recall']:.4f}",
            "1",
            "",
            f"≥ 0.99: {_ok(rc['recall'] >= 0.99)}",
            "",
        )
        if e.get("first_s"):
            add(
                f"`corpusbot index build`, first build of those {n:,} passages (export included)",
                f"{e['first_s']:.1f} s",
                "",
                "",
                "",
                "",
            )
        mem = e["memory"]
        add(
            f"`corpusbot index build --full`, {mem['n']:,} passages: peak RSS",
            f"{mem['rss_mb']:.0f} MB ({mem['n'] / mem['wall_s']:.0f} passages/s)",
            "",
            "",
            f"≤ 1.5 GB at 100,000: {_ok(mem['rss_mb'] <= 1536)}"
            if mem["n"] >= 100_000
            else f"≤ 1.5 GB (measured at {mem['n']:,})",
            f"{mem['rss_mb']:.0f}",
        )
    if "qps_1" in r:
        for n in (1, 4, 16):
            q = r[f"qps_{n}"]
            add(
                f"questions/s, {n} concurrent askers (workers={q['workers']})",
                f"{q['qps']:.1f}/s",
                "",
                f"{q['qps'] / r['qps_1']['qps']:.2f}× of 1",
                "",
                f"{q['rss_mb']:.0f}",
            )
    for kind, done in r.get("ingest", {}).items():
        ours, base = done["ours"], done["base"]
        ours_rate, base_rate = ours["mb"] / ours["seconds"], base["mb"] / base["seconds"]
        add(
            f"ingest, one {ours['mb']:.0f} MB file of {kind} ({ours['passages']:,} passages) "
            "vs read + decode + split lines",
            f"{ours_rate:.2f} MB/s",
            f"{base_rate:.0f} MB/s",
            f"{ours_rate / base_rate:.4f}×",
            "",
            f"{ours['rss_mb']:.0f} / {base['rss_mb']:.0f}",
        )
    if "large" in r:
        lg = r["large"]
        n, chosen = lg["n"], lg["chosen"]
        flat, ann = lg["flat"], lg[chosen]
        p95 = ann["search"]["p95_ms"]
        rss = ann["search"]["rss_mb"]
        add(
            f"{n:,} synthetic vectors (dim 384): search p95, {chosen} vs flat",
            f"{p95:.1f} ms",
            f"{flat['search']['p95_ms']:.1f} ms",
            f"{p95 / flat['search']['p95_ms']:.3f}×",
            f"≤ 20 ms: {_ok(p95 <= 20)}",
            f"{rss:.0f} / {flat['search']['rss_mb']:.0f}",
        )
        add(
            f"{n:,} synthetic: resident memory while serving, {chosen} vs flat",
            f"{rss:.0f} MB",
            f"{flat['search']['rss_mb']:.0f} MB",
            f"{rss / flat['search']['rss_mb']:.2f}×",
            f"≤ 1 GB: {_ok(rss <= 1024)}",
            "",
        )
        add(
            f"{n:,} synthetic: index build, {chosen} vs flat",
            f"{ann['build']['build_s']:.0f} s",
            f"{flat['build']['build_s']:.0f} s",
            "",
            "",
            f"{ann['build']['rss_mb']:.0f} / {flat['build']['rss_mb']:.0f}",
        )
        if "recall" in ann["search"]:
            add(
                f"{n:,} synthetic: recall@10 of {chosen} against flat",
                f"{ann['search']['recall']:.3f}",
                "1",
                "",
                "",
                "",
            )
    if "real" in r:
        real = r["real"]
        for kind in ("hnsw", "ivf"):
            if kind not in real:
                continue
            k = real[kind]
            mark = " (chosen at this size)" if kind == real["chosen"] else ""
            add(
                f"real text, {real['passages']:,} passages, {real['questions']} questions: "
                f"recall@10 of {kind}{mark} vs exact",
                f"{k['recall']:.3f}",
                "1",
                f"p95 {k['p95_ms']:.1f} ms, build {k['build_s']:.0f} s",
                f"≥ 0.95: {_ok(k['recall'] >= 0.95)}",
                f"index {k['index_mb']:.0f}",
            )
    if "conflictnq" in r:
        c = r["conflictnq"]
        n = max(1, c["questions"])
        ours, base = c["side_by_side"] / n, c["baseline"] / n
        add(
            f"ConflictNQ, {c['questions']} numeric and date questions: both figures in one "
            "differ group (baseline: both in the dense top-5)",
            f"{ours:.1%}",
            f"{base:.1%}",
            f"{ours / base:.2f}×" if base else "",
            f"≥ 70%: {_ok(ours >= 0.7)}",
            "",
        )
    head = (
        "| measure | corpusbot | baseline | ratio | target | peak RSS MB (ours / baseline) |\n"
        "|---|---|---|---|---|---|\n"
    )
    body = "\n".join("| " + " | ".join(row) + " |" for row in rows)
    return f"{r['machine']}; {r['date']}{' (--quick)' if r['quick'] else ''}\n\n{head}{body}"


if __name__ == "__main__":
    main()
