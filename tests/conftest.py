"""Shared fixtures: the seed corpus indexed once per session with the real packaged model."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot.core import AnswerService
from bot.settings import Settings
from retrieval.embedding import Embedder, load_embedder
from retrieval.figures.extract import Mention
from retrieval.types import DocumentMeta, Hit, Passage

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FAKE_MODEL = "fake-hash:64"


def pytest_configure(config: pytest.Config) -> None:
    # A suite started in the background inherits Ctrl-C ignored, and so would every bot it
    # starts; with a handler here, the bots start with Ctrl-C as a terminal delivers it, and
    # the tests that stop them with SIGINT test what a user's Ctrl-C does.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    # In CI the Milvus tests must run, not skip: their packages come with the dev extra.
    if os.environ.get("CI"):
        import importlib.util

        missing = [m for m in ("pymilvus", "milvus_lite") if importlib.util.find_spec(m) is None]
        if missing:
            raise pytest.UsageError(f"CI needs {', '.join(missing)} (pip install -e '.[dev]')")


def corpus_hits(folder: Path) -> list[Hit]:
    """Every passage of a corpus folder, as retrieval hits of equal score."""
    from retrieval.ingest import load_corpus

    documents, _ = load_corpus(folder)
    return [Hit(p, d.meta, 1.0, 0.5) for d in documents for p in d.passages]


def quoted_text(folder: Path, name: str, text: str) -> str:
    """What ingest quotes of one document: ``text`` written to ``folder`` as ``name``,
    loaded, its passages joined by newlines."""
    from retrieval.ingest import load_corpus

    (folder / name).write_text(text, encoding="utf-8")
    (doc,), _ = load_corpus(folder)
    return "\n".join(p.text for p in doc.passages)


def made_up_hits(*texts: str) -> list[Hit]:
    """Each text a one-passage report of its own ("doc0", "Report 0", …), as retrieval hits."""
    return dated_hits(*((text, None) for text in texts))


def dated_hits(*reports: tuple[str, str | None]) -> list[Hit]:
    """Each (text, publication date or None) a one-passage report of its own, as hits."""
    out = []
    for n, (text, published) in enumerate(reports):
        meta = DocumentMeta(
            doc_id=f"doc{n}", path=f"doc{n}.txt", title=f"Report {n}", published=published
        )
        out.append(Hit(Passage(meta.doc_id, 0, len(text), text), meta, 1.0, 0.5))
    return out


def mentions_by_text(*texts: str) -> dict[str, Mention]:
    """The figures read from ``texts`` (each its own report), by their text as written."""
    from retrieval.figures.extract import extract

    return {m.value.text: m for m in extract(made_up_hits(*texts))}


def lead_texts(question: str, *texts: str) -> list[str]:
    """The figures, as written, of the group that leads the answer to ``question`` over
    ``texts`` (each its own report); there must be one."""
    from retrieval.figures import analyze

    groups = analyze(question, made_up_hits(*texts)).groups
    assert groups
    return [m.text for c in groups[0].claims for m in c.mentions]


def count_keys(*texts: str) -> dict[str, tuple[str, ...]]:
    """The measure key of each count read from ``texts`` (each its own report), by its text."""
    from retrieval.figures.extract import extract

    hits = made_up_hits(*texts)
    return {m.value.text: m.measure.key for m in extract(hits) if m.kind == "count"}


def make_settings(**overrides: Any) -> Settings:
    """Settings for a test: defaults, never the developer's .env or environment."""
    return Settings(_env_file=None, **overrides)  # type: ignore[call-arg]


def ask_one_report(tmp_path: Path, embedder: Embedder, body: str, question: str) -> Any:
    """The answer to ``question`` over a corpus of one report (``body``, published 2
    September 2026), indexed with ``embedder`` in ``tmp_path``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.md").write_text(
        f"# A report\n\nPublished 2 September 2026\n\n{body}\n", "utf-8"
    )
    service = AnswerService(
        make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", reload_interval=0),
        embedder=embedder,
    )
    service.build(full=True)
    try:
        return service.ask(question)
    finally:
        service.close()


def _manifest_state(folder: Path) -> tuple[int, int] | None:
    manifest = folder / "config.json"
    if not manifest.exists():
        return None
    st = manifest.stat()
    return st.st_mtime_ns, st.st_size


@pytest.fixture(scope="session", autouse=True)
def _repository_index_untouched() -> Iterator[None]:
    """No test may build into the project's own index folder: `make run` serves it."""
    before = _manifest_state(ROOT / "index")
    yield
    assert _manifest_state(ROOT / "index") == before, "a test wrote into the repository's index/"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's real tokens must never reach a test.
    for name in list(os.environ):
        if name.startswith(("CORPUSBOT_", "SLACK_", "DISCORD_")):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def real_embedder() -> Embedder:
    return load_embedder("", "cpu")


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> Path:
    """The seeds indexed with the real model, built once for the whole session."""
    index_dir = tmp_path_factory.mktemp("seed-index") / "index"
    service = AnswerService(
        make_settings(corpus_dir=SEEDS, index_dir=index_dir), embedder=real_embedder
    )
    service.build(full=True)
    return index_dir


@pytest.fixture(scope="session")
def seed_service(seed_index: Path, real_embedder: Embedder) -> Iterator[AnswerService]:
    service = AnswerService(
        make_settings(corpus_dir=SEEDS, index_dir=seed_index, reload_interval=0),
        embedder=real_embedder,
    )
    service.ensure_ready(build_if_needed=False)
    yield service


@pytest.fixture
def slack_socket_mode() -> Iterator[tuple[Any, Any]]:
    """A fake Slack Web API whose ``apps.connections.open`` hands out a fake Socket Mode server."""
    try:
        from tests.fakes import fake_slack as fs
    except ImportError:  # tests/ not importable as a package: run from inside it
        from fakes import fake_slack as fs  # type: ignore[no-redef]

    api = fs.FakeSlack().start()
    ws = fs.FakeSocketModeServer().start()
    api.ws_url = ws.url
    yield api, ws
    ws.stop()
    api.stop()
