"""The core: one function turns a question into an ``Answer``; ``AnswerService`` owns the
index and model that it needs and is shared by the CLI, the chat, Slack and Discord."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

import numpy as np

from bot.answer import Answer, Snippet
from bot.settings import Settings
from retrieval import store
from retrieval.embedding import Embedder, canonical_model_name, load_embedder
from retrieval.errors import BadInputError, IndexLoadError
from retrieval.figures.model import FigureGroup
from retrieval.search import Searcher
from retrieval.types import Hit

log = logging.getLogger(__name__)

# A passage that shares no keyword with the question must be this much more similar.
DENSE_ONLY_MARGIN = 0.2
# Supporting passages may sit this far below the best one, or this far below the bar.
SUPPORT_WINDOW = 0.12
SUPPORT_SLACK = 0.05
# How many relevant passages the figures are gathered from (more than are quoted).
FIGURE_POOL = 30

EmbedFn = Callable[[list[str]], np.ndarray]


def validate_question(question: str, max_chars: int) -> str:
    """The question, stripped; a ``BadInputError`` when it is empty or too long."""
    question = (question or "").strip()
    if not question:
        raise BadInputError("the question is empty")
    if len(question) > max_chars:
        raise BadInputError(
            f"the question is {len(question):,} characters long; the limit is {max_chars:,}"
        )
    return question


def is_relevant(hit: Hit, min_relevance: float) -> bool:
    """Whether ``hit`` alone is enough to answer: close in meaning, or close and sharing a word."""
    if hit.dense >= min_relevance + DENSE_ONLY_MARGIN:
        return True
    return hit.dense >= min_relevance and hit.keyword > 0


def supporting_hits(hits: Sequence[Hit], min_relevance: float) -> list[Hit]:
    """The hits worth quoting or mining for figures; empty when none is relevant on its own.

    Once one passage answers, others nearly as close count too: reports phrase the same
    fact differently ("600 deaths", "died"), so a shared keyword cannot be required of each.
    """
    anchors = [h for h in hits if is_relevant(h, min_relevance)]
    if not anchors:
        return []
    best = max(h.dense for h in anchors)
    floor = min_relevance - SUPPORT_SLACK
    return [
        h for h in hits if h.dense >= floor and (h.keyword > 0 or h.dense >= best - SUPPORT_WINDOW)
    ]


def diverse_top(hits: Sequence[Hit], k: int, per_document: int = 2) -> list[Hit]:
    """The best ``k`` hits, at most ``per_document`` from one document while others remain."""
    chosen: list[Hit] = []
    counts: dict[str, int] = {}
    for hit in hits:
        if counts.get(hit.document.doc_id, 0) < per_document:
            chosen.append(hit)
            counts[hit.document.doc_id] = counts.get(hit.document.doc_id, 0) + 1
        if len(chosen) == k:
            return chosen
    rest = [h for h in hits if h not in chosen]
    chosen.extend(rest[: k - len(chosen)])
    order = {id(h): i for i, h in enumerate(hits)}
    return sorted(chosen, key=lambda h: order[id(h)])


def to_snippet(hit: Hit) -> Snippet:
    doc = hit.document
    return Snippet(
        doc_id=doc.doc_id,
        title=doc.title,
        quote=hit.passage.text,
        start=hit.passage.start,
        end=hit.passage.end,
        score=hit.dense,
        publisher=doc.publisher,
        url=doc.url,
        published=doc.published,
    )


def analyze_figures(
    question: str, hits: Sequence[Hit], embed: EmbedFn | None
) -> tuple[list[FigureGroup], str | None]:
    try:
        from retrieval.figures import analyze
    except ImportError:  # TODO(figures): remove once the figures engine lands
        return [], None

    report = analyze(question, hits, embed=embed)
    return report.groups, report.summary


def default_summary(snippets: Sequence[Snippet]) -> str:
    docs = list(dict.fromkeys(s.title for s in snippets))
    noun = "report" if len(docs) == 1 else "reports"
    return f"Found {len(snippets)} relevant passages in {len(docs)} {noun}."


NOTHING_RELEVANT = "Nothing in the corpus about that."


def answer_question(
    question: str,
    searcher: Searcher,
    *,
    top_k: int = 5,
    min_relevance: float = 0.30,
    embed: EmbedFn | None = None,
) -> Answer:
    """Retrieve, keep only relevant passages, quote the best, and gather their figures."""
    hits = searcher.search(question, max(top_k, FIGURE_POOL))
    relevant = supporting_hits(hits, min_relevance)
    if not relevant:
        return Answer(question=question, answered=False, summary=NOTHING_RELEVANT)
    snippets = [to_snippet(h) for h in diverse_top(relevant, top_k)]
    groups, summary = analyze_figures(question, relevant, embed)
    return Answer(
        question=question,
        answered=True,
        snippets=snippets,
        figures=groups,
        summary=summary or default_summary(snippets),
    )


class AnswerService:
    """Holds the loaded index and the model; ``ask`` is safe to call from many threads."""

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self._embedder_lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._load_lock = threading.Lock()

    # --- model -------------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        with self._embedder_lock:
            if self._embedder is None:
                self._embedder = load_embedder(self.settings.model, self.settings.device)
            return self._embedder

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.embedder.encode(texts)

    # --- index ---------------------------------------------------------------------------------
    def build(
        self, *, full: bool = False, progress: store.ProgressFactory | None = None
    ) -> store.BuildReport:
        s = self.settings
        return store.build(
            s.corpus_dir,
            s.index_dir,
            lambda: self.embedder,
            model=s.model,
            passage_chars=s.passage_chars,
            full=full,
            progress=progress,
        )

    def needs_build(self) -> bool:
        """True when the index is missing or no longer matches the corpus."""
        s = self.settings
        try:
            manifest = store.read_manifest(s.index_dir)
        except IndexLoadError:
            if (s.index_dir / store.MANIFEST).exists():
                raise  # damaged: say so rather than silently rebuilding over it
            return True
        if manifest.get("model") != canonical_model_name(s.model):
            # Re-embedding everything with another model is a deliberate act, not a side effect.
            raise IndexLoadError(
                f"index at {s.index_dir} was built with model {manifest.get('model')!r}, but the "
                f"configured model is {canonical_model_name(s.model)!r}: run `corpusbot index build`"
            )
        return store.is_stale(manifest, s.corpus_dir, s.model, s.passage_chars)

    def load(self) -> Searcher:
        index = store.load(self.settings.index_dir, self.settings.model)
        searcher = Searcher(index, self.encode)
        self._searcher = searcher
        return searcher

    def ensure_ready(
        self, *, build_if_needed: bool = True, progress: store.ProgressFactory | None = None
    ) -> store.BuildReport | None:
        """Build the index when missing or stale (if allowed), then load it."""
        report = None
        with self._load_lock:
            if build_if_needed and self.needs_build():
                report = self.build(progress=progress)
            if self._searcher is None or report is not None:
                self.load()
        return report

    @property
    def searcher(self) -> Searcher:
        if self._searcher is None:
            with self._load_lock:
                if self._searcher is None:
                    self.load()
        assert self._searcher is not None
        return self._searcher

    # --- answering -------------------------------------------------------------------------------
    def ask(self, question: str, *, top_k: int | None = None) -> Answer:
        s = self.settings
        question = validate_question(question, s.max_question_chars)
        return answer_question(
            question,
            self.searcher,
            top_k=top_k or s.top_k,
            min_relevance=s.min_relevance,
            embed=self.encode,
        )
