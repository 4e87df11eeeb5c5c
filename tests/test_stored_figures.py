"""Figures read at build time and kept in the index: the same answers, read once."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from bot.core import AnswerService, answer_question
from retrieval import index as idx
from retrieval.embedding import HashingEmbedder
from retrieval.errors import IndexLoadError
from retrieval.figures import stored as stored_figures
from retrieval.figures.extract import passage_mentions
from retrieval.index import builder as index_builder
from retrieval.ingest import load_corpus
from retrieval.search import Searcher

try:
    from tests.conftest import make_settings
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import make_settings  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FLOOD = ROOT / "tests" / "corpora" / "flood"
MODEL = "fake-hash:64"


def _build(corpus: Path, index: Path) -> idx.BuildReport:
    embedder = HashingEmbedder(64, name=MODEL)
    return idx.build(corpus, index, lambda: embedder, model=MODEL)


@pytest.mark.parametrize("folder", [SEEDS, FLOOD])
def test_a_record_reads_back_as_the_figures_read_from_the_text(folder: Path) -> None:
    documents, _ = load_corpus(folder)
    for doc in documents:
        for passage in doc.passages:
            record = stored_figures.read_passage(passage, doc.meta)
            assert stored_figures.decode(record, doc.meta) == passage_mentions(passage, doc.meta)


def _questions(name: str) -> list[str]:
    lines = (ROOT / "tests" / "eval" / f"{name}.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


@pytest.mark.slow
@pytest.mark.parametrize(("corpus", "eval_file"), [(SEEDS, "seeds"), (FLOOD, "flood")])
def test_answers_from_stored_figures_equal_answers_read_from_the_text(
    tmp_path: Path, real_embedder: object, corpus: Path, eval_file: str
) -> None:
    service = AnswerService(
        make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", reload_interval=0),
        embedder=real_embedder,  # type: ignore[arg-type]
    )
    service.ensure_ready()
    serving = service.serving
    assert serving.index.figures is not None  # the build wrote them, this code reads them
    unstored = Searcher(replace(serving.index, figures=None), serving.encode)
    decoded = serving.index.figures.mentions
    for question in _questions(eval_file):
        before = decoded.cache_info()
        with_records = service.ask(question)
        used = decoded.cache_info()
        assert used.hits + used.misses > before.hits + before.misses or not with_records.answered
        read = passage_mentions.cache_info()
        from_text = answer_question(question, unstored, embed=serving.encode)
        assert decoded.cache_info() == used  # this one read the text instead
        assert passage_mentions.cache_info() != read or not from_text.answered
        assert with_records.to_dict() == from_text.to_dict(), question


def test_an_incremental_build_reads_only_the_changed_files_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    _build(corpus, tmp_path / "index")
    changed = corpus / "001_39433fe2004b7bc3.txt"
    changed.write_text(changed.read_text("utf-8") + "\nOfficials said 12 more were injured.\n")
    read: list[str] = []
    original = stored_figures.read_passage

    def counting(passage, document):  # type: ignore[no-untyped-def]
        read.append(document.doc_id)
        return original(passage, document)

    monkeypatch.setattr(index_builder, "read_passage", counting)
    report = _build(corpus, tmp_path / "index")
    assert report.embedded > 0
    assert set(read) == {"001_39433fe2004b7bc3"}
    index = idx.load(tmp_path / "index", MODEL)
    assert index.figures is not None
    for row in range(index.size):
        doc = index.document_of(row)
        assert index.figures.mentions(row, doc) == passage_mentions(index.passage(row), doc)


def test_records_of_other_code_are_not_used_and_the_next_build_rewrites_them(
    tmp_path: Path,
) -> None:
    _build(SEEDS, tmp_path / "index")
    path = tmp_path / "index" / idx.MANIFEST
    manifest = json.loads(path.read_text("utf-8"))
    manifest["figures_version"] = "an older engine"
    path.write_text(json.dumps(manifest), "utf-8")
    assert idx.load(tmp_path / "index", MODEL).figures is None  # read from the text instead
    report = _build(SEEDS, tmp_path / "index")
    assert not report.up_to_date and report.embedded == 0  # figures again, no embedding
    assert idx.load(tmp_path / "index", MODEL).figures is not None


def test_damaged_records_are_a_clear_error(tmp_path: Path) -> None:
    _build(SEEDS, tmp_path / "index")
    (tmp_path / "index" / stored_figures.FIGURES_FILE).write_bytes(b"[]")
    with pytest.raises(IndexLoadError, match="corpusbot index build"):
        idx.load(tmp_path / "index", MODEL)


def test_a_question_embeds_itself_and_no_measure_name(tmp_path: Path) -> None:
    from bot.core import NameVectors

    _build(SEEDS, tmp_path / "index")
    index = idx.load(tmp_path / "index", MODEL)
    assert index.figures is not None and "deaths" in index.figures.names
    embedder = HashingEmbedder(64, name=MODEL)
    seen: list[str] = []

    def encode(texts: list[str]):  # type: ignore[no-untyped-def]
        seen.extend(texts)
        return embedder.encode(texts)

    names = NameVectors(encode, index.figures.name_vector)
    answer = answer_question(
        "how many died?", Searcher(index, encode), embed=names, min_relevance=-1.0
    )
    assert answer.figures  # groups were compared with the question by their names
    assert seen == ["how many died?"]
    vector = index.figures.name_vector("deaths")
    assert vector is not None and np.allclose(vector, embedder.encode(["deaths"])[0])
