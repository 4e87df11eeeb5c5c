"""The benchmarks' RAMDocs corpus writer: a run that cannot finish leaves no folder a later run
would take for the corpus (it reuses any folder that exists)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def corpora(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[ModuleType]:
    """benchmarks/corpora.py, loaded as a script would load it, reading a RAMDocs file of
    ``tmp_path`` (absent until a test writes it)."""
    monkeypatch.setenv("CORPUSBOT_RAMDOCS", str(tmp_path / "ramdocs.jsonl"))
    spec = importlib.util.spec_from_file_location(
        "bench_corpora", ROOT / "benchmarks" / "corpora.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    path = list(sys.path)
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path[:] = path


def _write_ramdocs(path: Path) -> None:
    rows = [
        {"question": "How tall is the tower?", "documents": [{"text": "It is 90 m tall."}]},
        {"question": "When did it open?", "documents": [{"text": "It opened in 1901."}]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")


def test_no_ramdocs_leaves_no_corpus_folder(corpora: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "work" / "corpus-2"
    with pytest.raises(SystemExit, match="RAMDocs not found"):
        corpora.write_corpus(folder, 2)
    assert not folder.exists()  # before: an empty folder, taken for the corpus next time
    assert not list((tmp_path / "work").glob("*"))


def test_a_whole_corpus_is_written_and_named_at_the_end(
    corpora: ModuleType, tmp_path: Path
) -> None:
    _write_ramdocs(tmp_path / "ramdocs.jsonl")
    folder = tmp_path / "work" / "corpus-3"
    paths = corpora.write_corpus(folder, 3)
    assert [p.parent for p in paths] == [folder] * 3
    assert all(p.exists() for p in paths)
    assert paths[0].read_text("utf-8").startswith("How tall is the tower?")
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["corpus-3"]
    # a folder that is there already is written into, as before
    again = corpora.write_corpus(folder, 2)
    assert again == paths[:2]
