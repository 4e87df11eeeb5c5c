"""The core: one function turns a question into an ``Answer``; ``AnswerService`` owns the
index and model that it needs and is shared by the CLI, the chat, Slack and Discord."""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.answer import Answer, Snippet
from bot.conversation import ConversationStore
from bot.messages import NOTHING_FOUND_MESSAGE, no_count, no_rate, no_reading
from bot.settings import Settings
from retrieval import index as idx
from retrieval.embedding import Embedder, canonical_model_name, load_embedder
from retrieval.errors import BadInputError, CorpusbotError, IndexLoadError
from retrieval.places import asks_where, favour_places, names_place, place_sentences
from retrieval.search import Searcher
from retrieval.text_input import external_text
from retrieval.topic import names_only, uncovered
from retrieval.types import Hit

if TYPE_CHECKING:
    from retrieval.figures import FigureReport
    from retrieval.figures.stored import StoredFigures
    from retrieval.vectors.interface import VectorStore

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
    """The question as valid text (``external_text``), stripped; a ``BadInputError`` when
    it is empty or too long."""
    question = external_text(question or "").strip()
    if not question:
        raise BadInputError("the question is empty")
    if len(question) > max_chars:
        raise BadInputError(
            f"the question is {len(question):,} characters long; the limit is {max_chars:,}"
        )
    return question


def is_relevant(hit: Hit, min_relevance: float, question: str | None = None) -> bool:
    """Whether ``hit`` alone is enough to answer: close in meaning, or close and sharing a word
    of the question's subject (a shared name alone is not enough: ``retrieval.topic``)."""
    if hit.dense >= min_relevance + DENSE_ONLY_MARGIN:
        return True
    if hit.dense < min_relevance or hit.keyword <= 0:
        return False
    return question is None or not names_only(question, hit.passage.text)


def supporting_hits(
    hits: Sequence[Hit], min_relevance: float, question: str | None = None
) -> list[Hit]:
    """The hits worth quoting or mining for figures; empty when none is relevant on its own.

    Once one passage answers, others nearly as close count too: reports phrase the same
    fact differently ("600 deaths", "died"), so a shared keyword cannot be required of each.
    """
    anchors = [h for h in hits if is_relevant(h, min_relevance, question)]
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
        page=doc.page_at(hit.passage.start),
    )


def analyze_figures(
    question: str,
    hits: Sequence[Hit],
    embed: EmbedFn | None,
    nearby: Sequence[Hit] = (),
    stored: StoredFigures | None = None,
    question_vector: np.ndarray | None = None,
) -> FigureReport:
    from retrieval.figures import analyze

    return analyze(
        question,
        hits,
        embed=embed,
        nearby=nearby,
        stored=stored,
        question_vector=question_vector,
    )


def quote_summary(
    question: str, snippets: Sequence[Snippet], places: Sequence[str] | None = None
) -> str:
    """The best quote's sentence that shares most words with the question, verbatim, with its
    source: the lead of an answer that has no figures to lead with. ``places``, for a
    where-question: the sentence names the first of them when the best quote does."""
    from retrieval.figures.lexicon import FUNCTION_WORDS
    from retrieval.figures.tokens import sentence_spans, tokenize
    from retrieval.text.stems import lemma

    def words(text: str) -> set[str]:
        return {
            lemma(t.lower)
            for t in tokenize(text)
            if t.kind == "word" and t.lower not in FUNCTION_WORDS
        }

    best = snippets[0]
    asked = words(question)
    sentences = [best.quote[a:b] for a, b in sentence_spans(best.quote)] or [best.quote]
    if places is not None:
        named = [s for s in place_sentences(question, best.quote) if names_place(s, places[:1])]
        sentences = [best.quote[s.start : s.end] for s in named] or sentences
    sentence = max(sentences, key=lambda s: (len(asked & words(s)), -sentences.index(s)))
    sentence = " ".join(sentence.split()).lstrip("-•* ")
    source = best.publisher or best.title or best.doc_id
    return f"{sentence} ({source})"


def place_quotes(
    question: str, relevant: list[Hit], quoted: list[Hit]
) -> tuple[list[Hit], list[str]]:
    """A where-question's quotes, those naming the place the documents name most first, and
    those places (``retrieval.places.favour_places``)."""
    order, places = favour_places(
        question,
        [h.passage.text for h in relevant],
        [h.document.doc_id for h in relevant],
        [relevant.index(h) for h in quoted],
        [h.dense for h in relevant],
    )
    return [relevant[i] for i in order], places


def answer_question(
    question: str,
    searcher: Searcher,
    *,
    top_k: int = 5,
    min_relevance: float = 0.30,
    embed: EmbedFn | None = None,
) -> Answer:
    """Retrieve, keep only relevant passages, quote the best, and gather their figures.

    ``embed`` embeds the names of the measures found, to compare them with the question's
    vector from the search."""
    found = searcher.search(question, max(top_k, FIGURE_POOL))
    hits = found.hits
    relevant = supporting_hits(hits, min_relevance, question)
    if not relevant or uncovered(question, [h.passage.text for h in relevant]):
        return Answer(question=question, answered=False, summary=NOTHING_FOUND_MESSAGE)
    quoted = diverse_top(relevant, top_k)
    places = None
    if asks_where(question):
        quoted, places = place_quotes(question, relevant, quoted)
    snippets = [to_snippet(h) for h in quoted]
    floor = min_relevance - SUPPORT_SLACK
    kept = {id(h) for h in relevant}
    nearby = [h for h in hits if id(h) not in kept and h.dense >= floor]
    report = analyze_figures(
        question, relevant, embed, nearby, searcher.index.figures, found.vector
    )
    if report.uncounted is not None:
        return Answer(question=question, answered=False, summary=no_count(report.uncounted))
    if report.unrated is not None:
        return Answer(question=question, answered=False, summary=no_rate(report.unrated))
    if report.unmeasured is not None:
        return Answer(question=question, answered=False, summary=no_reading(report.unmeasured))
    groups, summary = report.groups, report.summary
    return Answer(
        question=question,
        answered=True,
        snippets=snippets,
        figures=groups,
        summary=summary or quote_summary(question, snippets, places),
    )


class NameVectors:
    """``encode`` for short texts that recur from one question to the next (the names of the
    measures found: "people", "votes"): each is embedded once, or taken from the vectors the
    index's build made (``known``)."""

    names_kept = 4096  # short texts remembered (about 6 MB of vectors)

    def __init__(
        self, encode: EmbedFn, known: Callable[[str], np.ndarray | None] | None = None
    ) -> None:
        self._encode = encode
        self._known = known
        self._names: dict[str, np.ndarray] = {}
        self._names_lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        with self._names_lock:
            known = {t: self._names[t] for t in texts if t in self._names}
        if self._known is not None:
            for t in texts:
                if t not in known and (vector := self._known(t)) is not None:
                    known[t] = vector
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            fresh = np.asarray(self._encode(missing), dtype=np.float32)
            with self._names_lock:
                if len(self._names) + len(missing) > self.names_kept:
                    self._names.clear()
                for text, vector in zip(missing, fresh, strict=True):
                    known[text] = vector
                    if len(text) <= 200:
                        self._names[text] = vector
        return np.stack([known[t] for t in texts]).astype(np.float32, copy=False)


@dataclass(frozen=True)
class Serving:
    """One loaded index and the question encoder that matches it; swapped as a whole."""

    index: idx.LoadedIndex
    searcher: Searcher
    encode: EmbedFn  # questions
    names: EmbedFn  # the names of measures, remembered (``NameVectors``)
    backend: str  # how questions are embedded: onnx, torch or embedder
    generation: int = -1  # the vector store's build generation when loaded (-1: no store)


class AnswerService:
    """Holds the loaded index and the model; ``ask`` is safe to call from many threads.

    - Questions are embedded with the index's ONNX export when it has one (no torch import);
      the sentence-transformers model is loaded only to build, or where there is no export.
    - At most ``settings.workers`` questions are answered at once; ``submit`` queues more.
    - While serving, a rebuilt index (a new manifest) is loaded in the background and swapped
      in whole; questions keep being answered from the old one until then, and an index that
      fails to load is reported and never swapped in.
    """

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self._injected = embedder is not None
        self._embedder_lock = threading.Lock()
        self._serving: Serving | None = None
        self._load_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(settings.workers)
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._reload_lock = threading.Lock()  # one background reload at a time
        self._rejected: idx.Published | None = None  # a build that failed to load
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()
        self.reloads = 0  # indexes swapped in while serving
        self._store: VectorStore | None = None  # Milvus, when settings.vector_store says so
        self._store_lock = threading.Lock()
        self.conversations = ConversationStore(
            settings.conversation_turns,
            settings.conversation_max_age,
            settings.conversation_max_count,
        )

    # --- model -------------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        with self._embedder_lock:
            if self._embedder is None:
                self._embedder = load_embedder(self.settings.model, self.settings.device)
            return self._embedder

    def _embed_with_model(self, texts: list[str]) -> np.ndarray:
        return self.embedder.encode(texts)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts`` the way questions are embedded for the serving index."""
        serving = self._serving
        if serving is not None:
            return serving.encode(texts)
        return self._embed_with_model(texts)

    # --- index ---------------------------------------------------------------------------------
    def build(
        self, *, full: bool = False, progress: idx.ProgressFactory | None = None
    ) -> idx.BuildReport:
        s = self.settings
        idx.check_index_folder(s.index_dir)  # before a collection is made or a model loaded
        vector_store = self.vector_store(create=True)
        if vector_store is not None and not full:
            info = vector_store.info
            if info.model and info.model != canonical_model_name(s.model):
                # A collection may serve other deployments: replacing it must be deliberate.
                raise IndexLoadError(
                    f"Milvus collection {info.location} holds vectors of model {info.model!r}, "
                    f"but the configured model is {canonical_model_name(s.model)!r}: run "
                    "`corpusbot index build --full` to replace them, or choose another "
                    "CORPUSBOT_MILVUS_COLLECTION"
                )
        return idx.build(
            s.corpus_dir,
            s.index_dir,
            lambda: self.embedder,
            model=s.model,
            passage_chars=s.passage_chars,
            full=full,
            index_type=s.index_type,
            ann_threshold=s.ann_threshold,
            export_query_encoder=s.query_backend != "torch",
            progress=progress,
            vector_store=vector_store,
            device=s.device,
            max_file_bytes=int(s.max_file_mb * 2**20) or None,
        )

    def vector_store(self, *, create: bool = False) -> VectorStore | None:
        """The Milvus store the settings name (None with FAISS), connected on first use.

        ``create``: make the collection when it does not exist (a build). Unreachable Milvus
        is a ``BackendUnavailableError`` naming the URI.
        """
        s = self.settings
        if s.vector_store != "milvus":
            return None
        with self._store_lock:
            if self._store is None:
                from retrieval.vectors.milvus import (
                    CollectionMissingError,
                    MilvusVectorStore,
                    is_local_uri,
                )

                lite = Path(s.milvus_uri).absolute()
                if is_local_uri(s.milvus_uri) and s.index_dir.absolute() in lite.parents:
                    raise BadInputError(
                        f"the Milvus Lite file {s.milvus_uri} is inside the index folder, which "
                        "a build replaces whole: set CORPUSBOT_MILVUS_URI to a path outside it"
                    )

                def connect(model: str | None = None, dimension: int | None = None) -> VectorStore:
                    return MilvusVectorStore.connect(
                        s.milvus_uri,
                        s.milvus_collection,
                        token=s.milvus_token.get_secret_value(),
                        timeout=s.milvus_timeout,
                        model=model,
                        dimension=dimension,
                    )

                try:
                    self._store = connect()
                except CollectionMissingError:
                    if not create:
                        raise
                    self._store = connect(canonical_model_name(s.model), self.embedder.dimension)
            return self._store

    def target(self, vector_store: VectorStore | None) -> idx.Target:
        """What the settings ask an index to be built from (``build`` builds just that)."""
        s = self.settings
        return idx.Target(
            s.corpus_dir,
            canonical_model_name(s.model),
            s.passage_chars,
            s.index_type,
            ann_threshold=s.ann_threshold,
            export_query_encoder=s.query_backend != "torch",
            max_file_bytes=int(s.max_file_mb * 2**20) or None,
            external_store=s.vector_store != "faiss",
            vector_store=vector_store,
        )

    def needs_build(self) -> bool:
        """True when the index is missing or no longer matches the corpus and settings (and
        logs why)."""
        s = self.settings
        try:
            manifest = idx.read(s.index_dir)
        except IndexLoadError:
            if (s.index_dir / idx.MANIFEST).exists():
                raise  # damaged: say so rather than silently rebuilding over it
            log.info("building the index: there is none at %s", s.index_dir)
            return True
        if manifest.model != canonical_model_name(s.model):
            # Re-embedding everything with another model is a deliberate act, not a side effect.
            raise IndexLoadError(
                f"index at {s.index_dir} was built with model {manifest.model!r}, but the "
                f"configured model is {canonical_model_name(s.model)!r}: run `corpusbot index build`"
            )
        reasons = idx.stale_reasons(manifest, self.target(self._store_for_check(manifest)))
        if reasons:
            log.info("updating the index: %s", "; ".join(reasons))
        return bool(reasons)

    def _store_for_check(self, manifest: idx.Manifest) -> VectorStore | None:
        """The vector store the settings name, when the index was built into one too (an
        index whose vectors are to move between FAISS and Milvus is stale either way)."""
        if self.settings.vector_store != "milvus" or manifest.vector_store is None:
            return None
        try:
            return self.vector_store()
        except IndexLoadError:  # no collection yet: the index cannot be current
            return None

    def _open(self, index: idx.LoadedIndex) -> Serving:
        raw, backend = self._question_encoder(index)
        names = index.figures.name_vector if index.figures is not None else None
        return Serving(index, Searcher(index, raw), raw, NameVectors(raw, names), backend)

    def _load_index(self) -> Serving:
        vector_store = self.vector_store()
        generation = -1
        if vector_store is not None:
            generation = vector_store.refresh().generation  # read before the folder: see reload
        index = idx.load(self.settings.index_dir, self.settings.model, vector_store=vector_store)
        serving = self._open(index)
        return serving if generation < 0 else replace(serving, generation=generation)

    def _question_encoder(self, index: idx.LoadedIndex) -> tuple[EmbedFn, str]:
        mode = self.settings.query_backend
        info = index.query_encoder
        if info.get("backend") == "embedder" or (mode == "auto" and self._injected):
            return self._embed_with_model, "embedder" if self._injected else "torch"
        if mode != "torch" and info.get("backend") == "onnx":
            from retrieval import onnx_embed

            folder = index.path / str(info.get("path", idx.ONNX_DIR))
            checksum = index.manifest.checksums.get(f"{idx.ONNX_DIR}/{onnx_embed.MODEL_FILE}", "")
            try:
                onnx = onnx_embed.cached_embedder(folder, checksum, name=index.model)
                return onnx, "onnx"
            except Exception as exc:  # onnxruntime's errors have no common type
                if mode == "onnx":
                    raise IndexLoadError(f"cannot run the index's ONNX export: {exc}") from exc
                log.warning("embedding questions with torch: the ONNX export fails (%s)", exc)
        elif mode == "onnx":
            reason = info.get("reason") or "none was made"
            raise IndexLoadError(
                f"the index has no ONNX export ({reason}): run `corpusbot index build`, "
                "or set CORPUSBOT_QUERY_BACKEND=auto"
            )
        return self._embed_with_model, "torch"

    def load(self) -> Searcher:
        serving = self._load_index()
        self._serving = serving
        return serving.searcher

    def ensure_ready(
        self, *, build_if_needed: bool = True, progress: idx.ProgressFactory | None = None
    ) -> idx.BuildReport | None:
        """Build the index when missing or stale (if allowed), then load it.

        With a Milvus server an existing index is only loaded: several replicas share the
        collection, and one builder (``corpusbot index build``) keeps it current.
        """
        report = None
        s = self.settings
        if s.vector_store == "milvus" and "://" in s.milvus_uri:
            build_if_needed = build_if_needed and idx.signature(s.index_dir) is None
        with self._load_lock:
            if build_if_needed:
                idx.check_index_folder(s.index_dir)  # a folder of the user's: say so first
            if build_if_needed and self.needs_build():
                report = self.build(progress=progress)
            if self._serving is None or report is not None:
                self.load()
        self._start_watching()
        return report

    @property
    def serving(self) -> Serving:
        """The index answering now (loaded on first use)."""
        serving = self._serving
        if serving is None:
            with self._load_lock:
                if self._serving is None:
                    self.load()
                serving = self._serving
            self._start_watching()
        assert serving is not None
        return serving

    @property
    def searcher(self) -> Searcher:
        return self.serving.searcher

    # --- hot reload --------------------------------------------------------------------------
    def check_for_update(self, *, wait: bool = False) -> bool:
        """Load a rebuilt index in the background when the manifest has changed.

        True when a reload started (with ``wait``: when it finished and was swapped in).
        """
        current = self._serving
        signature = idx.signature(self.settings.index_dir)
        if current is None or signature is None:
            return False
        served = idx.Published(current.index.signature)
        published = idx.Published(signature)
        if current.generation >= 0 and self._store is not None:
            # Replicas on other machines learn of a build from the store's generation.
            try:
                generation = self._store.refresh().generation
            except CorpusbotError as exc:
                log.debug("cannot check the vector store for a new build: %s", exc)
                return False
            served = idx.Published(current.index.signature, current.generation)
            published = idx.Published(signature, generation)
        reasons = idx.stale_reasons(served, published)
        if not reasons or published == self._rejected:
            return False
        if not self._reload_lock.acquire(blocking=False):
            return False  # one is already on its way
        log.info("reloading the index: %s", "; ".join(reasons))
        worker = threading.Thread(
            target=self._reload, args=(published,), name="corpusbot-reload", daemon=True
        )
        worker.start()
        if wait:
            worker.join()
            return self._serving is not current
        return True

    def _reload(self, published: idx.Published) -> None:
        try:
            serving = self._load_index()
            serving.encode(["warm up"])  # the first question after the swap waits for nothing
        except Exception as exc:  # whatever went wrong, the index in service stays
            log.warning("keeping the current index: the rebuilt one does not load (%s)", exc)
            self._rejected = published
        else:
            self._serving = serving  # one reference assignment: atomic for every reader
            self.reloads += 1
            log.info("now serving the index built at %s", serving.index.manifest.built_at)
        finally:
            self._reload_lock.release()

    def _start_watching(self) -> None:
        interval = self.settings.reload_interval
        if interval <= 0 or self._watcher is not None or self._stop.is_set():
            return
        with self._pool_lock:
            if self._watcher is None:
                self._watcher = threading.Thread(
                    target=_watch,
                    args=(weakref.ref(self), interval, self._stop),
                    name="corpusbot-watch",
                    daemon=True,
                )
                self._watcher.start()

    def close(self) -> None:
        """Stop watching for rebuilt indexes and stop the worker pool."""
        self._stop.set()
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        with self._store_lock:
            vector_store, self._store = self._store, None
        if vector_store is not None:
            vector_store.close()

    # --- answering -------------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        *,
        top_k: int | None = None,
        conversation: str | None = None,
        earlier: Sequence[str] = (),
    ) -> Answer:
        """Answer ``question``; in ``conversation`` (a key the caller keeps per chat, thread
        or reply chain) or after the ``earlier`` questions, a follow-up is read in context."""
        s = self.settings
        question = validate_question(question, s.max_question_chars)
        serving = self.serving  # one index for the whole answer, even if a reload lands

        def answer(text: str) -> Answer:
            return answer_question(
                text,
                serving.searcher,
                top_k=top_k or s.top_k,
                min_relevance=s.min_relevance,
                embed=serving.names,
            )

        with self._slots:
            if conversation is None and not earlier:
                return answer(question)
            return self.conversations.answer(question, answer, conversation, earlier)

    def submit(self, question: str, *, top_k: int | None = None) -> Future[Answer]:
        """Answer on the service's pool of ``settings.workers`` threads."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    self.settings.workers, thread_name_prefix="corpusbot-ask"
                )
            pool = self._pool
        return pool.submit(self.ask, question, top_k=top_k)


def _watch(ref: weakref.ref[AnswerService], interval: float, stop: threading.Event) -> None:
    """Poll for a rebuilt index until the service is closed or gone."""
    while not stop.wait(interval):
        service = ref()
        if service is None:
            return
        try:
            service.check_for_update()
        except Exception:  # a bad poll must not end the watching
            log.exception("checking for a rebuilt index failed")
        del service
