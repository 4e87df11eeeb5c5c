"""Index build throughput on a GPU: where the time goes when feeding the model.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/gpu_build.py [--n 200000] [--device cuda]

Embeds ``--n`` passages of real text (RAMDocs, ``benchmarks/corpora.py``) five ways and prints
one Markdown table, in passages per second:

- tokenization alone, one thread (the Rust tokenizer the build uses);
- a plain ``model.encode`` in fp16 (the baseline);
- the forward pass alone, on pre-tokenized, length-sorted batches already on the device (the
  ceiling for this model and GPU);
- ``SentenceTransformerEmbedder.encode``, the build's own path with ``device=auto``: the
  pipeline of ``retrieval.embed_pipeline`` (batches sorted by token count, tokenized by a
  thread ahead of the GPU into pinned memory, fp16);
- ``corpusbot index build`` end to end (``retrieval.index.build`` with the same ``--device``: the same
  pipeline, overlapping reading and figures) over the same passages as files, model loaded.

It also checks that the fp16 pipeline's vectors match the model's fp32 vectors on the CPU.
Runs on a CPU too (``--device cpu``, small ``--n``), to try it out; the goal it reports
(20,000 passages per second) is for one H100.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import corpora  # noqa: E402  (benchmarks/ is not a package)

GOAL = 20_000  # passages per second on one H100


def _sync(device: str) -> None:
    import torch

    if device.startswith("cuda"):
        torch.cuda.synchronize()


def rate_of(n: int, fn: Any, device: str) -> float:
    _sync(device)
    started = time.perf_counter()
    fn()
    _sync(device)
    return n / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200_000, help="passages [200,000]")
    parser.add_argument("--device", default="auto", help="auto, cuda, cuda:N or cpu [auto]")
    parser.add_argument("--batch", type=int, default=512, help="batch size on the GPU [512]")
    parser.add_argument("--skip-build", action="store_true", help="leave out the end-to-end build")
    parser.add_argument(
        "--model", default="", help="a sentence-transformers folder [the default model]"
    )
    args = parser.parse_args()

    import torch

    from retrieval.embedding import SentenceTransformerEmbedder, resolve_device
    from retrieval.onnx_embed import fast_tokenizer

    device = resolve_device(args.device)
    texts = corpora.passages(args.n)
    tokens = None
    embedder = SentenceTransformerEmbedder(args.model, device)  # fp16 on CUDA, as the build has it
    model = embedder.model
    tokenize = fast_tokenizer(model)
    rows: list[tuple[str, float]] = []

    # Warm up every path (CUDA kernels, allocator) on a slice first.
    warm = texts[: min(len(texts), 4 * args.batch)]
    model.encode(warm, batch_size=args.batch, show_progress_bar=False)
    embedder.encode(warm)

    rows.append(
        ("tokenization alone, 1 thread", rate_of(len(texts), lambda: tokenize(texts), "cpu"))
    )
    rows.append(
        (
            f"plain model.encode (batch {args.batch}{', fp16' if device != 'cpu' else ''})",
            rate_of(
                len(texts),
                lambda: model.encode(
                    texts, batch_size=args.batch, normalize_embeddings=True, show_progress_bar=False
                ),
                device,
            ),
        )
    )

    # The forward pass alone: batches tokenized, sorted and moved to the device beforehand.
    order = np.argsort([-len(t) for t in texts], kind="stable")
    batches = []
    for lo in range(0, len(texts), args.batch):
        feed = tokenize([texts[i] for i in order[lo : lo + args.batch]])
        batches.append({k: torch.from_numpy(v).to(device) for k, v in feed.items()})
    tokens = sum(int(b["attention_mask"].sum()) for b in batches)

    def forward() -> None:
        with torch.inference_mode():
            for feed in batches:
                model(feed)["sentence_embedding"]

    rows.append(
        ("forward pass alone (pre-tokenized, length-sorted)", rate_of(len(texts), forward, device))
    )
    batches.clear()  # free the device memory before the next path

    got: dict[str, np.ndarray] = {}

    def ours() -> None:
        got["v"] = embedder.encode(texts)

    rows.append(
        ("corpusbot embedder (pipelined: the build's path)", rate_of(len(texts), ours, device))
    )

    if not args.skip_build:
        from retrieval import index as idx

        with tempfile.TemporaryDirectory(
            dir=corpora.CACHE if corpora.CACHE.exists() else None
        ) as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            # One passage-sized file each would make ingest the cost; 200 passages a file.
            for f, lo in enumerate(range(0, len(texts), 200)):
                body = "\n\n".join(texts[lo : lo + 200]).replace("\x00", "")
                (corpus / f"f{f:05d}.txt").write_text(f"Part {f}\n\n{body}\n", "utf-8")
            started = time.perf_counter()
            report = idx.build(
                corpus,
                Path(tmp) / "index",
                lambda: embedder,
                model=args.model,
                full=True,
                export_query_encoder=False,
                device=args.device,
            )
            seconds = time.perf_counter() - started
            rows.append(
                (
                    f"index build end to end ({report.passages:,} passages)",
                    report.passages / seconds,
                )
            )

    # The fp16 vectors against the model's fp32 ones on the CPU, on a sample.
    sample = np.random.default_rng(0).choice(len(texts), size=min(512, len(texts)), replace=False)
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(embedder.location, device="cpu").encode(
        [texts[i] for i in sample], normalize_embeddings=True, show_progress_bar=False
    )
    cosine = float((got["v"][sample] * reference).sum(axis=1).min())

    name = torch.cuda.get_device_name(device) if device.startswith("cuda") else "CPU"
    print(
        f"{len(texts):,} passages, {tokens / len(texts):.0f} tokens each on average; "
        f"device {name}; worst cosine to fp32 on the CPU {cosine:.5f}\n"
    )
    base = rows[1][1]
    print("| path | passages/s | vs plain encode | vs goal 20,000/s |")
    print("|---|---|---|---|")
    for label, rate in rows:
        print(f"| {label} | {rate:,.0f} | {rate / base:.2f}× | {rate / GOAL:.2f}× |")


if __name__ == "__main__":
    main()
