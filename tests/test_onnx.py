"""The ONNX query encoder: same vectors as the model, and a query path that never loads torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from retrieval import index as idx
from retrieval import onnx_embed
from retrieval.embedding import DEFAULT_MODEL, Embedder
from retrieval.onnx_embed import MIN_COSINE, OnnxEmbedder

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def test_manifest_records_the_export(seed_index: Path) -> None:
    manifest = idx.read(seed_index)
    info = manifest.query_encoder
    assert info["backend"] == "onnx"
    assert info["model"] == manifest.model == DEFAULT_MODEL
    assert info["export_version"] == onnx_embed.EXPORT_VERSION
    assert info["min_cosine"] >= MIN_COSINE
    # The export is part of the index: covered by its checksums like every other file.
    assert f"{idx.ONNX_DIR}/{onnx_embed.MODEL_FILE}" in manifest.checksums
    assert f"{idx.ONNX_DIR}/{onnx_embed.TOKENIZER_FILE}" in manifest.checksums


def test_onnx_embeddings_match_sentence_transformers(
    seed_index: Path, real_embedder: Embedder
) -> None:
    loaded = idx.load(seed_index, DEFAULT_MODEL)
    passages = [loaded.passage(i).text for i in range(loaded.size)]
    texts = [
        *passages,
        "How many soldiers died?",
        "casualties reported by the intelligence service",
        passages[0] * 5,  # past the model's length limit: truncated the same way
    ]
    onnx = OnnxEmbedder(seed_index / idx.ONNX_DIR)
    got = onnx.encode(texts, batch_size=16)
    expected = real_embedder.encode(texts)
    assert got.shape == expected.shape == (len(texts), real_embedder.dimension)
    cosines = (got * expected).sum(axis=1)
    assert float(cosines.min()) >= MIN_COSINE, texts[int(cosines.argmin())]
    # One by one (no padding) gives the same vectors as in a padded batch.
    single = np.concatenate([onnx.encode([t]) for t in texts[:8]])
    assert float((single * got[:8]).sum(axis=1).min()) >= 0.9999
    # And the index's stored vectors are the model's: a question finds the same passages.
    assert np.allclose(np.asarray(loaded.embeddings), expected[: loaded.size], atol=1e-4)


def test_a_broken_export_is_refused(seed_index: Path, tmp_path: Path) -> None:
    folder = tmp_path / "onnx"
    folder.mkdir()
    for name in (onnx_embed.MODEL_FILE, onnx_embed.TOKENIZER_FILE):
        (folder / name).write_bytes((seed_index / idx.ONNX_DIR / name).read_bytes())
    config = json.loads((seed_index / idx.ONNX_DIR / onnx_embed.CONFIG_FILE).read_text())
    (folder / onnx_embed.CONFIG_FILE).write_text(json.dumps({**config, "export_version": -1}))
    with pytest.raises(onnx_embed.ExportError):
        OnnxEmbedder(folder)


COLD_ASK = """
import json, sys
from bot.cli import main
main(["ask", "--json", "--corpus", sys.argv[1], "--index", sys.argv[2], sys.argv[3]])
heavy = sorted(m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules)
print(json.dumps({"heavy": heavy}))
"""


def test_cold_ask_never_imports_torch(seed_index: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORPUSBOT_")}
    env.update(HF_HUB_OFFLINE="1", CORPUSBOT_QUERY_BACKEND="onnx", CORPUSBOT_RELOAD_INTERVAL="0")
    result = subprocess.run(
        [sys.executable, "-c", COLD_ASK, str(SEEDS), str(seed_index), "How many soldiers died?"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    answer_line, check_line = result.stdout.strip().splitlines()[-2:]
    answer = json.loads(answer_line)
    assert answer["answered"] and answer["snippets"]
    assert json.loads(check_line) == {"heavy": []}
