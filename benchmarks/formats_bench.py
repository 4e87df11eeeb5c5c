"""Reading a corpus of web pages, PDFs and Word files, against the same articles as text.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/formats_bench.py [--copies 8]

Each seed article is written out ``--copies`` times as .html, .pdf (three pages) and .docx
(tests/docmaker.py), and once more as .txt for the baseline. Measured in this one run:
extraction into passages in this process (serial), in worker processes (as a build with
many files does), and the same articles as plain text. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval import loading  # noqa: E402
from tests.docmaker import to_docx, to_html, to_pdf  # noqa: E402


def make_corpus(folder: Path, copies: int) -> tuple[list[str], list[str]]:
    """(document files, text files) written under ``folder``, relative to it."""
    documents: list[str] = []
    texts: list[str] = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        article = seed.read_text("utf-8")
        for n in range(copies):
            stem = f"{seed.stem}-{n}"
            to_html(article, folder / f"{stem}.html")
            to_pdf(article, folder / f"{stem}.pdf", pages=3)
            to_docx(article, folder / f"{stem}.docx")
            documents += [f"{stem}.html", f"{stem}.pdf", f"{stem}.docx"]
            (folder / f"{stem}.txt").write_text(article, "utf-8")
            texts += [f"{stem}.txt"] * 3  # as many articles as the documents hold
    return documents, texts


def timed(folder: Path, rels: list[str], workers: int) -> float:
    started = time.perf_counter()
    loaded = loading.load_files(folder, rels, 450, workers=workers)
    seconds = time.perf_counter() - started
    assert all(hasattr(d, "passages") for d in loaded.values()), "a file was skipped"
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        documents, texts = make_corpus(folder, args.copies)
        workers = loading.workers_for([folder / r for r in documents])
        timed(folder, documents[:3], 0)  # imports the readers' libraries once
        baseline = timed(folder, texts, 0)
        serial = timed(folder, documents, 0)
        parallel = timed(folder, documents, workers)
    n = len(documents)
    print(f"{n} files (.html, .pdf of 3 pages, .docx), {os.cpu_count()} cores\n")
    print("| reading | seconds | files/s | vs. plain text |")
    print("| --- | --- | --- | --- |")
    print(f"| same articles as .txt (baseline) | {baseline:.2f} | {n / baseline:.0f} | 1.00× |")
    print(f"| documents, serial | {serial:.2f} | {n / serial:.0f} | {serial / baseline:.1f}× |")
    print(
        f"| documents, {workers} worker processes | {parallel:.2f} | {n / parallel:.0f} "
        f"| {parallel / baseline:.1f}× (serial/parallel {serial / parallel:.2f}×) |"
    )


if __name__ == "__main__":
    main()
