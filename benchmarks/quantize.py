"""Dynamic int8 quantization of the index's ONNX export: how much faster, and how far off.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/quantize.py [--index DIR] [--only a,b]

Takes the e2e index of ``benchmarks/run.py`` (``--index``; ``run.py --only e2e`` makes it) and
its export (``onnx/``), quantizes the export's weight MatMuls several ways with onnxruntime's
``quantize_dynamic`` (signed or unsigned 8-bit weights, per tensor or per output channel,
7-bit ``reduce_range``), and for each prints one Markdown row:

- per-core speed: CPU seconds to embed 300 of the index's passages on one thread, against
  the unquantized export in the same run (CPU seconds, so a loaded machine skews it less);
- the worst, 1st-percentile and mean cosine of every passage's vector against the model's
  own (``model.encode``), and the worst question's;
- recall@10 over the RAMDocs questions of searching the variant's passage vectors against
  searching the model's, with the questions embedded by the same variant and by the
  unquantized export (how the bot asks them).

The model's vectors are read from ``encode-N.npz`` beside the index (``run.py`` writes it)
or made here with sentence-transformers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import corpora  # noqa: E402  (benchmarks/ is not a package)

WORK = corpora.CACHE / "work"
SPEED_PASSAGES = 300

# name → (what it is, quantize_dynamic arguments); "ops" picks the MatMuls to quantize.
VARIANTS: dict[str, tuple[str, dict[str, Any]]] = {
    "fp32": ("the export as the build runs it", {}),
    "s8-all": ("U8S8, per tensor, every op the quantizer takes (the earlier trial)", {"all": True}),
    "s8": ("U8S8, per tensor, weight MatMuls", {"weight": "s8"}),
    "s8-rr": ("U8S8, per tensor, reduce_range", {"weight": "s8", "reduce_range": True}),
    "s8-pc-rr": (
        "U8S8, per channel, reduce_range",
        {"weight": "s8", "per_channel": True, "reduce_range": True},
    ),
    "u8": ("U8U8, per tensor", {"weight": "u8"}),
    "u8-pc": ("U8U8, per channel", {"weight": "u8", "per_channel": True}),
    "u8-pc-no-ffn-out": (
        "U8U8, per channel, the feed-forward output MatMuls left fp32",
        {"weight": "u8", "per_channel": True, "ops": "no-ffn-out"},
    ),
    "u8-pc-attn-out": (
        "U8U8, per channel, only the attention output MatMuls",
        {"weight": "u8", "per_channel": True, "ops": "attention-output"},
    ),
}


def weight_matmuls(model_path: Path, which: str = "all") -> list[str]:
    """Names of the MatMul nodes with a constant (weight) input: the linear layers."""
    import onnx

    graph = onnx.load(str(model_path), load_external_data=False).graph
    weights = {i.name for i in graph.initializer}
    names = [
        n.name for n in graph.node if n.op_type == "MatMul" and any(i in weights for i in n.input)
    ]
    ffn_out = [n for n in names if "/output/dense/" in n and "/attention/" not in n]
    if which == "no-ffn-out":
        return [n for n in names if n not in ffn_out]
    if which == "attention-output":
        return [n for n in names if "/attention/output/" in n]
    return names


def make_variant(source: Path, folder: Path, spec: dict[str, Any]) -> Path:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from retrieval.onnx_embed import CONFIG_FILE, MODEL_FILE, TOKENIZER_FILE

    if (folder / MODEL_FILE).exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for name in (CONFIG_FILE, TOKENIZER_FILE):
        shutil.copy(source / name, folder / name)
    model = source / MODEL_FILE
    if not spec:
        shutil.copy(model, folder / MODEL_FILE)
        return folder
    kw: dict[str, Any] = {
        "weight_type": QuantType.QUInt8 if spec.get("weight") == "u8" else QuantType.QInt8,
        "per_channel": bool(spec.get("per_channel")),
        "reduce_range": bool(spec.get("reduce_range")),
    }
    if not spec.get("all"):
        kw["op_types_to_quantize"] = ["MatMul"]
        kw["nodes_to_quantize"] = weight_matmuls(model, spec.get("ops", "all"))
    quantize_dynamic(str(model), str(folder / MODEL_FILE), **kw)
    return folder


def passages_of(index: Path) -> list[str]:
    docs = json.loads((index / "documents.json").read_text("utf-8"))
    rows = np.load(index / "passages.npy")
    return [docs[int(d)]["text"][int(s) : int(e)] for d, s, e in rows]


def model_vectors(index: Path, texts: list[str], questions: list[str]) -> tuple[Any, Any]:
    saved = index.parent / f"encode-{index.name.split('-')[-1]}.npz"
    if saved.exists():
        with np.load(saved) as z:
            if len(z["passages"]) == len(texts):
                return z["passages"], z["questions"]
    from sentence_transformers import SentenceTransformer

    from retrieval.embedding import model_location

    model = SentenceTransformer(model_location(""), device="cpu")
    p = model.encode(texts, batch_size=32, normalize_embeddings=True)
    q = model.encode(questions, batch_size=32, normalize_embeddings=True)
    return np.asarray(p, np.float32), np.asarray(q, np.float32)


def top10(questions: np.ndarray, passages: np.ndarray) -> np.ndarray:
    return np.argsort(-(questions @ passages.T), axis=1)[:, :10]


def recall(expected: np.ndarray, found: np.ndarray) -> float:
    return float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(expected, found, strict=True)]))


def measure(folder: Path, texts: list[str], questions: list[str]) -> dict[str, Any]:
    from retrieval.onnx_embed import OnnxEmbedder

    one = OnnxEmbedder(folder, threads=1, bulk=True)
    sample = texts[:SPEED_PASSAGES]
    one.encode(sample[:8])
    started = time.process_time()
    one.encode(sample)
    cpu = time.process_time() - started
    every = OnnxEmbedder(folder, bulk=True)
    return {"cpu_s": cpu, "passages": every.encode(texts), "questions": every.encode(questions)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, default=WORK / "index-1100")
    ap.add_argument("--only", default=",".join(VARIANTS), help="variants, comma-separated")
    ap.add_argument("--out", type=Path, default=WORK / "quantized")
    ap.add_argument("--passages", type=int, default=0, help="only the first N (a quick try)")
    args = ap.parse_args()
    names = ["fp32", *[n for n in args.only.split(",") if n and n != "fp32"]]
    unknown = [n for n in names if n not in VARIANTS]
    if unknown:
        sys.exit(f"unknown variants {unknown}; known: {', '.join(VARIANTS)}")
    texts = passages_of(args.index)
    questions = corpora.questions()
    p0, q0 = model_vectors(args.index, texts, questions)
    if args.passages:
        texts, p0 = texts[: args.passages], p0[: args.passages]
    expected = top10(q0, p0)
    rows = []
    fp32: dict[str, Any] = {}
    for name in names:
        what, spec = VARIANTS[name]
        print(f"{name}: {what}", file=sys.stderr, flush=True)
        got = measure(make_variant(args.index / "onnx", args.out / name, spec), texts, questions)
        fp32 = fp32 or got
        cos = (got["passages"] * p0).sum(axis=1)
        rows.append(
            f"| {name} | {what} | {got['cpu_s']:.1f} | {fp32['cpu_s'] / got['cpu_s']:.2f}× "
            f"| {cos.min():.4f} | {np.percentile(cos, 1):.4f} | {cos.mean():.4f} "
            f"| {(got['questions'] * q0).sum(axis=1).min():.4f} "
            f"| {recall(expected, top10(got['questions'], got['passages'])):.4f} "
            f"| {recall(expected, top10(fp32['questions'], got['passages'])):.4f} |"
        )
    print(
        f"{len(texts)} passages, {len(questions)} RAMDocs questions; CPU seconds for "
        f"{SPEED_PASSAGES} passages on one thread\n\n"
        "| variant | what | CPU s | speed vs fp32 | worst cosine | 1st pct | mean "
        "| worst question | recall@10 | recall@10, fp32 questions |\n"
        "|---|---|---|---|---|---|---|---|---|---|"
    )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
