"""Real text for the benchmarks: RAMDocs documents as corpus files, as passages, and as many
distinct passages as needed, made by varying the real ones (sentence subsets, orders and
mixes of documents about the same question), so large-corpus numbers use real text."""

from __future__ import annotations

import json
import os
import random
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The shared files sit beside the checkout (../shared/); CORPUSBOT_RAMDOCS points elsewhere.
RAMDOCS = Path(
    os.environ.get(
        "CORPUSBOT_RAMDOCS",
        str(ROOT.parent / "shared" / "benchmarks" / "ramdocs" / "RAMDocs_test.jsonl"),
    )
)
# ConflictNQ's validation split, beside it; CORPUSBOT_CONFLICTNQ points elsewhere.
CONFLICTNQ = Path(
    os.environ.get(
        "CORPUSBOT_CONFLICTNQ",
        str(ROOT.parent / "shared" / "benchmarks" / "conflictnq" / "conflict_nq_val.jsonl"),
    )
)
CACHE = Path(__file__).resolve().parent / ".cache"

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


@cache
def _rows() -> tuple[dict, ...]:
    if not RAMDOCS.exists():
        raise SystemExit(
            f"RAMDocs not found at {RAMDOCS}; set CORPUSBOT_RAMDOCS to RAMDocs_test.jsonl"
        )
    with RAMDOCS.open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def questions() -> list[str]:
    return [str(r["question"]) for r in _rows()]


def documents() -> list[tuple[int, str]]:
    """(question number, text) of every distinct RAMDocs document."""
    seen: set[str] = set()
    out: list[tuple[int, str]] = []
    for q, row in enumerate(_rows()):
        for doc in row["documents"]:
            text = " ".join(str(doc["text"]).split())
            if text and text not in seen:
                seen.add(text)
                out.append((q, text))
    return out


def write_corpus(folder: Path, n_docs: int, *, seed: int = 0) -> list[Path]:
    """``n_docs`` RAMDocs documents (with variants once the real ones run out) as .txt files.

    RAMDocs is read before anything is written, and a new folder is written under a name of
    its own and renamed when whole: a run that stops half-way (no RAMDocs, an interrupt)
    leaves no folder that a later run would take for the corpus."""
    docs = documents()
    fresh = not folder.exists()
    target = folder.with_name(f"{folder.name}.partial") if fresh else folder
    target.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    names = []
    for i in range(n_docs):
        q, text = docs[i % len(docs)]
        if i >= len(docs):
            text = _variant(text, [t for qq, t in docs if qq == q], rng, 2000)
        title = questions()[q]
        name = f"doc{i:06d}.txt"
        # A few RAMDocs texts hold NUL characters, which make a file look binary.
        (target / name).write_text(f"{title}\n\n{text}\n".replace("\x00", ""), "utf-8")
        names.append(name)
    if fresh:
        target.rename(folder)
    return [folder / name for name in names]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(text) if s.strip()]


def _variant(text: str, siblings: list[str], rng: random.Random, max_chars: int) -> str:
    """A new passage from real sentences: a window of one document, maybe mixed with a sibling."""
    own = _sentences(text)
    pool = own
    if len(siblings) > 1 and rng.random() < 0.5:
        other = _sentences(rng.choice(siblings))
        pool = own + other
    start = rng.randrange(len(pool))
    picked = pool[start:] + pool[:start]
    if rng.random() < 0.3:
        rng.shuffle(picked)
    out: list[str] = []
    size = 0
    for sentence in picked:
        if out and size + len(sentence) + 1 > max_chars:
            break
        out.append(sentence)
        size += len(sentence) + 1
    return " ".join(out)[: max_chars * 2]


def base_passages(max_chars: int = 450) -> list[str]:
    """Every RAMDocs document split into passages the way the index splits them."""
    from retrieval.ingest import parse_document

    out: list[str] = []
    for i, (_, text) in enumerate(documents()):
        doc = parse_document(text, f"d{i}", f"d{i}.txt", "", max_chars)
        out.extend(p.text for p in doc.passages)
    return out


def passages(n: int, *, max_chars: int = 450, seed: int = 0) -> list[str]:
    """``n`` distinct passages of real text: the real ones first, then variants of them."""
    out = base_passages(max_chars)[:n]
    seen = set(out)
    docs = documents()
    by_question: dict[int, list[str]] = {}
    for q, text in docs:
        by_question.setdefault(q, []).append(text)
    rng = random.Random(seed)
    misses = 0
    while len(out) < n:
        q, text = docs[rng.randrange(len(docs))]
        candidate = _variant(text, by_question[q], rng, max_chars)
        if candidate in seen:
            misses += 1
            if misses > 50 * n:  # cannot happen with RAMDocs; a guard against a tiny file
                raise RuntimeError("not enough distinct variants")
            continue
        seen.add(candidate)
        out.append(candidate)
    return out


def iter_batches(items: list[str], size: int) -> Iterator[list[str]]:
    for lo in range(0, len(items), size):
        yield items[lo : lo + size]


def embedded(
    n: int, *, max_chars: int = 450, seed: int = 0, onnx_dir: Path | None = None
) -> tuple[Any, Any]:
    """(passage vectors, question vectors) for ``passages(n)`` and the RAMDocs questions,
    embedded once with the default model and cached under ``benchmarks/.cache``.

    With ``onnx_dir`` (an index's ``onnx/`` folder) the model's ONNX export embeds them (the
    same vectors, cosine >= 0.999, at about twice the speed on a CPU); either way the work is
    saved in chunks, so an interrupted run resumes where it stopped.
    """
    import numpy as np

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"ramdocs-{n}-{max_chars}-{seed}.npz"
    if path.exists():
        with np.load(path) as data:
            return data["passages"], data["questions"]
    # ``passages(n)`` is the start of ``passages(m)`` for m > n: a larger cache serves.
    for larger in sorted(CACHE.glob(f"ramdocs-*-{max_chars}-{seed}.npz")):
        size = int(larger.name.split("-")[1])
        if size > n:
            with np.load(larger) as data:
                return data["passages"][:n], data["questions"]
    encode = _encoder(onnx_dir)
    texts = passages(n, max_chars=max_chars, seed=seed)
    parts = CACHE / f"ramdocs-{max_chars}-{seed}.parts"
    parts.mkdir(exist_ok=True)
    chunks = []
    for lo in range(0, n, CHUNK):
        chunk = parts / f"{lo:08d}-{min(n, lo + CHUNK):08d}.npy"
        if not chunk.exists():
            tmp = chunk.with_suffix(".tmp.npy")
            np.save(tmp, encode(texts[lo : lo + CHUNK]).astype(np.float32))
            tmp.replace(chunk)
            print(f"embedded {min(n, lo + CHUNK):,} of {n:,} passages", file=sys.stderr, flush=True)
        chunks.append(np.load(chunk))
    vectors = np.concatenate(chunks)
    asked = encode(questions()).astype(np.float32)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, passages=vectors, questions=asked)
    tmp.replace(path)
    return vectors, asked


CHUNK = 5000


def _encoder(onnx_dir: Path | None) -> Any:
    if onnx_dir is not None and (onnx_dir / "model.onnx").exists():
        from retrieval.onnx_embed import OnnxEmbedder

        onnx = OnnxEmbedder(onnx_dir, threads=os.cpu_count() or 1)
        return lambda texts: onnx.encode(texts, batch_size=32)
    from retrieval.embedding import load_embedder

    embedder = load_embedder("", "auto")
    return lambda texts: embedder.encode(texts, batch_size=64)
