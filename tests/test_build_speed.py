"""The build's embedding: a pipeline overlapping reading, ONNX Runtime for passages on a CPU
(the same vectors as the model's), an export reused by full builds, and indexes built by
earlier versions kept working."""

from __future__ import annotations

import itertools
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from retrieval import index as idx
from retrieval.embed_pipeline import (
    EmbeddingPipeline,
    PlainModel,
    embed_texts,
    sorted_batches,
)
from retrieval.embedding import DEFAULT_MODEL, Embedder, HashingEmbedder
from retrieval.onnx_embed import MIN_COSINE, OnnxEmbedder

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _texts(n: int) -> list[str]:
    words = "river bridge count report estimate winter harbour lamp".split()
    return [" ".join(words[(i * 7 + j) % len(words)] for j in range(1 + i % 23)) for i in range(n)]


# --- the pipeline -----------------------------------------------------------------------------


def test_sorted_batches_put_like_lengths_together_and_cut_padding() -> None:
    mask = np.zeros((7, 10), np.int64)
    lengths = [3, 10, 1, 7, 7, 2, 9]
    for row, n in enumerate(lengths):
        mask[row, :n] = 1
    ids = np.arange(70, dtype=np.int64).reshape(7, 10) * mask
    batches = sorted_batches({"input_ids": ids, "attention_mask": mask}, 3)
    order = np.concatenate([rows for rows, _ in batches])
    assert [lengths[i] for i in order] == sorted(lengths, reverse=True)
    assert sorted(order.tolist()) == list(range(7))
    for rows, feed in batches:
        width = max(lengths[i] for i in rows)
        assert feed["input_ids"].shape == (len(rows), width)
        assert np.array_equal(feed["input_ids"], ids[rows, :width])
        assert feed["input_ids"].flags["C_CONTIGUOUS"]


def test_a_batch_of_long_texts_has_fewer_rows() -> None:
    mask = np.zeros((10, 200), np.int64)
    for row, n in enumerate([200, 190, 180, 20, 20, 20, 20, 20, 20, 20]):
        mask[row, :n] = 1
    batches = sorted_batches({"attention_mask": mask}, 8, max_tokens=400)
    assert [rows.tolist() for rows, _ in batches] == [[0, 1], [2, 3], [4, 5, 6, 7, 8, 9]]
    assert [feed["attention_mask"].shape for _, feed in batches] == [(2, 200), (2, 180), (6, 20)]


def test_pipeline_gives_every_vector_in_the_order_added() -> None:
    fake = HashingEmbedder(32)
    texts = _texts(500)
    done: list[int] = []
    pipeline = EmbeddingPipeline(
        lambda: PlainModel(fake, batch_size=16), progress=done.append, chunk=64
    )
    cuts = [0, 1, 40, 41, 200, 333, 500]
    for lo, hi in itertools.pairwise(cuts):
        pipeline.add(texts[lo:hi])
    got = pipeline.finish()
    assert pipeline.added == len(texts) == sum(done)
    assert np.array_equal(got, fake.encode(texts))


def test_pipeline_with_nothing_added_loads_the_model_for_its_dimension() -> None:
    got = EmbeddingPipeline(lambda: PlainModel(HashingEmbedder(24))).finish()
    assert got.shape == (0, 24)


class _Broken(HashingEmbedder):
    def encode(self, texts: Sequence[str], **kwargs: object) -> np.ndarray:  # type: ignore[override]
        raise RuntimeError("the model ran out of memory")


def test_pipeline_raises_the_models_error() -> None:
    pipeline = EmbeddingPipeline(lambda: PlainModel(_Broken(8), batch_size=4), chunk=8)
    for _ in range(30):  # more batches than are tokenized ahead: nothing may block
        pipeline.add(_texts(10))
    with pytest.raises(RuntimeError, match="ran out of memory"):
        pipeline.finish()


def test_pipeline_raises_a_failed_load() -> None:
    def load() -> Any:
        raise OSError("no model here")

    pipeline = EmbeddingPipeline(load)
    pipeline.add(["a text"])
    with pytest.raises(OSError, match="no model here"):
        pipeline.finish()


# --- the real model ---------------------------------------------------------------------------


def _seed_passages(index_dir: Path) -> list[str]:
    loaded = idx.load(index_dir, DEFAULT_MODEL)
    return [loaded.passage(i).text for i in range(loaded.size)]


@pytest.mark.slow
def test_onnx_passage_vectors_match_the_models(seed_index: Path, real_embedder: Embedder) -> None:
    passages = _seed_passages(seed_index)[:150]
    texts = [*passages, "", "x", passages[0] * 12]  # empty, tiny, past the length limit
    onnx = OnnxEmbedder(seed_index / idx.ONNX_DIR, bulk=True)
    got = embed_texts(onnx, texts)
    expected = real_embedder.encode(texts)
    assert got.shape == expected.shape
    assert float((got * expected).sum(axis=1).min()) >= MIN_COSINE
    assert np.abs(got - expected).max() < 1e-3


@pytest.mark.slow
def test_a_build_embeds_passages_with_onnx_and_keeps_the_export(seed_index: Path) -> None:
    manifest = idx.read(seed_index)
    assert manifest.passage_encoder == {"backend": "onnx", "device": "cpu", "precision": "fp32"}
    assert manifest.query_encoder["backend"] == "onnx"
    assert not list(seed_index.parent.glob(f".{seed_index.name}.export-*"))  # scratch removed


def _copy_index(seed_index: Path, tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    return corpus, index


def _no_model() -> Embedder:
    raise AssertionError("the build loaded the model")


@pytest.mark.slow
def test_a_full_build_embeds_with_the_existing_export_without_loading_the_model(
    seed_index: Path, tmp_path: Path
) -> None:
    corpus, index = _copy_index(seed_index, tmp_path)
    before = np.load(index / idx.EMBEDDINGS)
    report = idx.build(corpus, index, _no_model, model=DEFAULT_MODEL, full=True, device="cpu")
    assert report.full and report.embedded == report.passages == len(before)
    manifest = idx.read(index)
    assert manifest.passage_encoder["backend"] == "onnx"
    assert manifest.query_encoder["backend"] == "onnx"
    assert np.allclose(np.load(index / idx.EMBEDDINGS), before, atol=1e-5)
    idx.load(index, DEFAULT_MODEL)  # checksums and all


@pytest.mark.slow
def test_a_damaged_export_is_not_used_by_a_full_build(seed_index: Path, tmp_path: Path) -> None:
    corpus, index = _copy_index(seed_index, tmp_path)
    with (index / idx.ONNX_DIR / "tokenizer.json").open("a", encoding="utf-8") as fh:
        fh.write(" ")
    assert not idx.export_intact(index, idx.read(index), DEFAULT_MODEL)
    with pytest.raises(AssertionError, match="loaded the model"):
        idx.build(corpus, index, _no_model, model=DEFAULT_MODEL, full=True, device="cpu")


@pytest.mark.slow
def test_an_index_embedded_by_torch_is_updated_not_rebuilt(
    seed_index: Path, tmp_path: Path
) -> None:
    """An index from before ``passage_encoder`` (its passages embedded by torch) keeps its
    vectors: the ONNX path's are the same, so only a new file's passages are embedded."""
    corpus, index = _copy_index(seed_index, tmp_path)
    manifest = json.loads((index / idx.MANIFEST).read_text("utf-8"))
    del manifest["passage_encoder"]
    (index / idx.MANIFEST).write_text(json.dumps(manifest), "utf-8")
    (corpus / "orchard.txt").write_text(
        "Orchard survey\n\nThe orchard counted 412 apple trees in the spring survey.\n", "utf-8"
    )
    report = idx.build(corpus, index, _no_model, model=DEFAULT_MODEL, device="cpu")
    assert not report.full and report.embedded == 1
    record = idx.read(index).passage_encoder
    assert record["backend"] == "onnx"
    assert record["reused"] == {"backend": "torch", "device": "cpu", "precision": "fp32"}


def test_the_progress_bar_shows_passages_per_second() -> None:
    from rich.progress import Progress

    from bot.cli import _rate_column

    column = _rate_column()
    with Progress(column, disable=True) as bar:
        task = bar.add_task("embed", total=100)
        bar.advance(task, 0)
        assert "… passages/s" in str(column.render(bar.tasks[0]))
        bar.tasks[0].finished_speed = 123.4
        assert str(column.render(bar.tasks[0])) == "123 passages/s"


def test_a_killed_builds_export_folder_is_removed_by_the_next_build(tmp_path: Path) -> None:
    """The model's export is staged in a marked build folder, so a build killed while it
    exported leaves nothing that the next build does not remove."""
    from retrieval.index import folder as index_folder
    from retrieval.index.encoders import PassageEncoder

    class Exporting:
        def export_onnx(self, folder: Path) -> dict[str, str]:
            folder.mkdir(parents=True)
            (folder / "model.onnx").write_bytes(b"onnx")
            return {"backend": "onnx"}

    index_dir = tmp_path / "idx"
    encoder = PassageEncoder(
        index_dir, "some-model", Exporting, device="cpu", export_wanted=True, export_from=None
    )
    exported = encoder._export()
    assert exported is not None and (exported / "model.onnx").exists()
    scratch = exported.parent
    assert scratch.name.startswith(index_folder.build_prefix(index_dir))
    assert index_folder.remove_abandoned_builds(index_dir) == []  # its build is running
    # Killed: the process ends (its lock goes) without cleaning up.
    assert encoder._scratch is not None and encoder._scratch._fd is not None
    os.close(encoder._scratch._fd)
    encoder._scratch._fd = None
    assert index_folder.remove_abandoned_builds(index_dir) == [scratch]
    assert not scratch.exists()
