"""A build's memory: what it streams (figure records spooled to a file, keyword word numbers
made passage by passage, documents written one at a time, vectors kept once) writes the same
files as making each whole in memory would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from retrieval import embed_pipeline
from retrieval import index as idx
from retrieval.embed_pipeline import EmbeddingPipeline, PlainModel
from retrieval.embedding import HashingEmbedder
from retrieval.figures import stored
from retrieval.figures.extract import passage_mentions
from retrieval.keyword import KeywordIndex, tokenize

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MODEL = "fake-hash:64"


def _build(corpus: Path, index_dir: Path, **kw: object) -> idx.BuildReport:
    return idx.build(corpus, index_dir, lambda: HashingEmbedder(64, name=MODEL), model=MODEL, **kw)  # type: ignore[arg-type]


def _same_files(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def _bm25s_from_word_lists(texts: list[str], folder: Path) -> None:
    """The keyword index as it was built before: bm25s given every passage's words."""
    import bm25s

    retriever = bm25s.BM25()
    retriever.index([tokenize(t) or ["\u2205"] for t in texts], show_progress=False)
    retriever.save(str(folder), show_progress=False)


def test_the_keyword_index_is_the_one_bm25s_makes_from_word_lists(tmp_path: Path) -> None:
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts = [t[i : i + 300] for t in texts for i in range(0, len(t), 300)]
    texts += ["", "the of and", "12,500 people; 12,500 more", texts[0]]
    KeywordIndex.build(iter(texts)).save(tmp_path / "streamed")
    _bm25s_from_word_lists(texts, tmp_path / "lists")
    _same_files(tmp_path / "streamed", tmp_path / "lists")


def test_a_built_index_holds_what_each_passage_gives_made_whole(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    _build(SEEDS, index_dir)
    loaded = idx.load(index_dir, MODEL)
    passages = [loaded.passage(row) for row in range(loaded.size)]
    metas = [loaded.document_of(row) for row in range(loaded.size)]
    fake = HashingEmbedder(64, name=MODEL)

    documents = json.loads((index_dir / idx.DOCUMENTS).read_text("utf-8"))
    whole = json.dumps(documents, ensure_ascii=False)
    assert (index_dir / idx.DOCUMENTS).read_text("utf-8") == whole

    records = [stored.read_passage(p, m) for p, m in zip(passages, metas, strict=True)]
    assert (index_dir / stored.FIGURES_FILE).read_bytes() == b"".join(records)
    offsets = np.load(index_dir / stored.OFFSETS_FILE)
    assert offsets.tolist() == np.cumsum([0] + [len(r) for r in records]).tolist()
    names = stored.measure_names(records)
    assert names  # the seeds have figures
    assert json.loads((index_dir / stored.NAMES_FILE).read_text("utf-8")) == names
    assert np.array_equal(np.load(index_dir / stored.NAME_VECTORS_FILE), fake.encode(names))

    texts = [p.text for p in passages]
    assert np.array_equal(np.load(index_dir / idx.EMBEDDINGS), fake.encode(texts))
    _bm25s_from_word_lists(texts, tmp_path / "lists")
    _same_files(index_dir / idx.KEYWORDS, tmp_path / "lists")


def test_an_update_writes_the_files_a_full_build_writes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    _build(corpus, tmp_path / "updated")
    changed = corpus / "001_39433fe2004b7bc3.txt"
    changed.write_text(changed.read_text("utf-8") + "\nOfficials said 12 more were injured.\n")
    (corpus / "003_97aab1e512df7213.txt").unlink()
    report = _build(corpus, tmp_path / "updated")
    assert 0 < report.embedded < report.passages  # the unchanged documents were kept
    _build(corpus, tmp_path / "full", full=True)
    for name in (
        idx.DOCUMENTS,
        idx.PASSAGES,
        idx.EMBEDDINGS,
        stored.FIGURES_FILE,
        stored.OFFSETS_FILE,
        stored.NAMES_FILE,
        stored.NAME_VECTORS_FILE,
    ):
        updated = (tmp_path / "updated" / name).read_bytes()
        assert updated == (tmp_path / "full" / name).read_bytes(), name
    _same_files(tmp_path / "updated" / idx.KEYWORDS, tmp_path / "full" / idx.KEYWORDS)


def test_a_build_does_not_fill_the_remembered_figures(tmp_path: Path) -> None:
    passage_mentions.cache_clear()
    _build(SEEDS, tmp_path / "index")
    assert passage_mentions.cache_info().currsize == 0


def test_a_record_spool_gives_back_what_was_appended(tmp_path: Path) -> None:
    records = [b"[]", b'[{"a":1}]', b"", "[\u00e9]".encode()] * 5
    spool = stored.RecordSpool(tmp_path / "made-here")
    for record in records:
        spool.append(record)
    assert len(spool) == len(records)
    assert list(spool) == records
    assert spool[-1] == records[-1] and spool[2:5] == records[2:5]
    with pytest.raises(IndexError):
        spool[len(records)]
    assert list((tmp_path / "made-here").iterdir()) == []  # no name on disk
    stored.write(tmp_path, spool, ["x"], np.zeros((1, 4), np.float32))
    spool.close()
    assert (tmp_path / stored.FIGURES_FILE).read_bytes() == b"".join(records)


def test_vectors_kept_in_blocks_come_back_in_the_order_added(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embed_pipeline, "BLOCK", 7)  # many blocks, rows of a batch across two
    fake = HashingEmbedder(16)
    texts = [f"text number {i} " * (1 + i % 9) for i in range(150)]
    pipeline = EmbeddingPipeline(lambda: PlainModel(fake, batch_size=5), chunk=32)
    for lo in range(0, len(texts), 40):
        pipeline.add(texts[lo : lo + 40])
    assert np.array_equal(pipeline.finish(), fake.encode(texts))


def test_the_model_is_released_only_once_nothing_is_being_embedded() -> None:
    loads: list[int] = []

    def load() -> PlainModel:
        loads.append(1)
        return PlainModel(HashingEmbedder(8))

    pipeline = EmbeddingPipeline(load)
    pipeline.add(["one text", "another"])
    with pytest.raises(RuntimeError, match="still being embedded"):
        pipeline.release_model()
    assert pipeline.finish().shape == (2, 8)
    pipeline.release_model()
    assert pipeline.model().dimension == 8 and len(loads) == 2  # loaded again when asked
