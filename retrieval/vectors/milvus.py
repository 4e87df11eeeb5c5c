"""The vector store in Milvus: a server or cluster (``http://host:19530``), or Milvus Lite (a
local ``….db`` path, the same API embedded in this process) through ``pymilvus``.

One collection holds the passages: ``id`` (INT64, primary key, the stable passage id),
``doc_id`` (VARCHAR) and ``vector`` (FLOAT_VECTOR, metric IP). Collection properties record
the model, the dimension and the build generation, so that a collection built with another
model is a clear error and bot replicas can see when a build has finished.

Consistency is Strong: a search waits until it sees every write acknowledged before it was
issued. A replica learns of a new build from the generation (written last, after the rows);
with the default Bounded level its next searches could still miss those rows for a few
seconds. A bot asks a few questions a second, so the wait Strong adds (milliseconds, more on
a busy cluster) costs nothing that matters.

Errors are corpusbot's: an unreachable server is a ``BackendUnavailableError`` naming the URI
(never the token); after one, calls fail fast for ``retry_interval`` seconds, then the next
call reconnects, so a serving bot apologizes and tries again later instead of hanging.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from retrieval.embedding import canonical_model_name
from retrieval.errors import BackendUnavailableError, BadInputError, IndexLoadError
from retrieval.vectors.interface import (
    BUILD_HINT,
    TIE_MARGIN,
    StoreInfo,
    VectorStore,
    assign_ids,
    check_compatible,
    document_key,
    finish_results,
    validate_queries,
    validate_rows,
)

T = TypeVar("T")

FORMAT = "1"
PREFIX = "corpusbot."  # collection property keys
PROP_FORMAT = PREFIX + "format"
PROP_MODEL = PREFIX + "model"
PROP_DIMENSION = PREFIX + "dimension"
PROP_GENERATION = PREFIX + "generation"
PROP_EXTRA = PREFIX + "p."  # properties published with a generation

DOC_ID_MAX_BYTES = 4096
MAX_TOPK = 16384  # Milvus's limit on k and on queries per search
ROWS_PER_BATCH_BYTES = 16 << 20  # well under gRPC's 64 MiB message limit
IDS_PER_FILTER = 1000

# HNSW on a server: M 16 / efConstruction 200 keeps recall@50 near 0.99 at 10⁸ vectors; the
# search list ``ef`` must be at least k.
HNSW_BUILD = {"M": 16, "efConstruction": 200}
HNSW_EF_MIN = 128
IVF_NPROBE = 32


class CollectionMissingError(IndexLoadError):
    """The Milvus collection (or Milvus Lite file) does not exist yet: nothing was built."""


_COLLECTION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,254}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_local_uri(uri: str) -> bool:
    """Whether ``uri`` names a Milvus Lite file rather than a server."""
    return "://" not in uri and not uri.startswith("unix:")


def redact(uri: str) -> str:
    """``uri`` without a password, fit for a message."""
    if is_local_uri(uri):
        return uri
    parts = urlsplit(uri)
    if parts.username is None and parts.password is None:
        return uri
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def quote(value: str) -> str:
    """A Milvus filter string literal (Milvus Lite takes no templates; escape by hand)."""
    if _CONTROL.search(value):
        raise ValueError(f"document id {value!r} holds control characters")
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _one_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if hasattr(exc, "details") and callable(exc.details):  # grpc.RpcError
        message = exc.details() or message
    return " ".join(str(message).split())[:300]


def _is_unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` means the server cannot be reached (as opposed to a refused request)."""
    import grpc
    from pymilvus.exceptions import ConnectionConfigException, MilvusException

    if isinstance(exc, grpc.RpcError):
        code = exc.code() if callable(getattr(exc, "code", None)) else None
        return code in (
            grpc.StatusCode.UNAVAILABLE,
            grpc.StatusCode.DEADLINE_EXCEEDED,
            grpc.StatusCode.CANCELLED,
        )
    if isinstance(exc, ConnectionConfigException):
        return True
    if isinstance(exc, MilvusException):
        text = _one_line(exc).lower()
        return exc.code == 2 or any(
            marker in text
            for marker in ("fail connecting", "server unavailable", "retry timeout", "unavailable")
        )
    return isinstance(exc, (ConnectionError, TimeoutError))


def _not_loaded(exc: BaseException) -> bool:
    """Whether ``exc`` says the collection must be loaded into memory first."""
    text = _one_line(exc).lower()
    return getattr(exc, "code", None) == 101 or "released" in text or "not loaded" in text


def _quiet_pymilvus() -> None:
    # pymilvus logs every failed call with a full traceback on a handler of its own; the
    # failure reaches the caller as a one-line corpusbot error instead.
    logging.getLogger("pymilvus.decorators").setLevel(logging.CRITICAL)


def _close_quietly(client: Any) -> None:
    # A broken channel may fail to close; it is dropped either way.
    with contextlib.suppress(Exception):
        client.close()


def _lite_locked(path: Path) -> bool:
    """Whether another process holds Milvus Lite's lock on ``path``."""
    lock = path / "LOCK"
    if not lock.exists():
        return False
    try:
        import fcntl

        with lock.open("rb") as fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    except (ImportError, OSError):
        return False
    return False


class MilvusVectorStore:
    """Passage vectors in one Milvus collection (see the module docstring)."""

    backend = "milvus"

    def __init__(
        self,
        uri: str,
        collection: str = "corpusbot",
        *,
        token: str = "",
        timeout: float = 10.0,
        retry_interval: float = 5.0,
        index_type: str | None = None,
        consistency_level: str = "Strong",
    ) -> None:
        if not uri:
            raise BadInputError("the Milvus URI is empty (CORPUSBOT_MILVUS_URI)")
        if not _COLLECTION_NAME.match(collection):
            raise BadInputError(
                f"{collection!r} is not a valid Milvus collection name "
                "(letters, digits and underscores, not starting with a digit)"
            )
        if is_local_uri(uri) and not uri.endswith(".db"):
            raise BadInputError(f"a Milvus Lite path must end in .db, not {uri!r}")
        self.uri = uri
        self.collection = collection
        self.local = is_local_uri(uri)
        self.timeout = timeout
        self.retry_interval = retry_interval
        self.index_type = (index_type or ("FLAT" if self.local else "HNSW")).upper()
        self.consistency_level = consistency_level
        self._token = token
        self._client: Any = None
        self._lock = threading.RLock()
        self._down_until = 0.0
        self._last_error = ""
        self._info = StoreInfo("milvus", self.location, "", 0)

    @property
    def location(self) -> str:
        return f"{redact(self.uri)} (collection {self.collection})"

    # --- connection -------------------------------------------------------------------------
    @classmethod
    def connect(
        cls,
        uri: str,
        collection: str = "corpusbot",
        *,
        token: str = "",
        model: str | None = None,
        dimension: int | None = None,
        **options: Any,
    ) -> MilvusVectorStore:
        """Connect and open ``collection``, creating it for ``model``/``dimension`` if missing.

        ``BackendUnavailableError`` (one line, naming the URI) when Milvus cannot be reached;
        ``IndexLoadError`` when the collection is missing and no model is given, or is not one
        of ours.
        """
        store = cls(uri, collection, token=token, **options)
        if store.local and model is None and not Path(uri).exists():
            raise CollectionMissingError(f"no Milvus Lite database at {uri}: {BUILD_HINT}")
        store._open(model, dimension)
        return store

    def _connect_client(self) -> Any:
        _quiet_pymilvus()
        try:
            from pymilvus import MilvusClient
        except ImportError as exc:
            raise BackendUnavailableError(
                "the Milvus vector store needs pymilvus and milvus-lite: "
                "pip install 'corpusbot[milvus]'"
            ) from exc
        if self.local:
            Path(self.uri).absolute().parent.mkdir(parents=True, exist_ok=True)
        try:
            # dedicated: closing this client must not close a connection another one shares.
            return MilvusClient(
                uri=self.uri, token=self._token, timeout=self.timeout, dedicated=True
            )
        except Exception as exc:
            if self.local and _lite_locked(Path(self.uri)):
                reason = (
                    "another process has it open; several processes need a Milvus server "
                    "(CORPUSBOT_MILVUS_URI=http://host:19530)"
                )
            else:
                reason = _one_line(exc)
            raise self._unavailable(reason) from exc

    def _unavailable(self, reason: str) -> BackendUnavailableError:
        with self._lock:
            self._down_until = time.monotonic() + self.retry_interval
            self._last_error = reason
            client, self._client = self._client, None
        if client is not None:
            _close_quietly(client)
        return BackendUnavailableError(f"cannot reach Milvus at {redact(self.uri)}: {reason}")

    def _client_or_raise(self) -> Any:
        with self._lock:
            if self._client is not None:
                return self._client
            if time.monotonic() < self._down_until:
                raise BackendUnavailableError(
                    f"cannot reach Milvus at {redact(self.uri)}: {self._last_error} "
                    "(retrying shortly)"
                )
            self._client = self._connect_client()
            self._down_until = 0.0
            return self._client

    def reconnect(self) -> None:
        """Connect again now, whatever the retry interval; ``BackendUnavailableError`` if not."""
        with self._lock:
            self._down_until = 0.0
            client, self._client = self._client, None
        if client is not None:
            _close_quietly(client)
        self._client_or_raise()
        self._call("load", lambda c: c.load_collection(self.collection, timeout=self.timeout))

    def available(self) -> bool:
        """Whether Milvus answers now (reconnecting if the retry interval has passed)."""
        try:
            self._call("ping", lambda c: c.has_collection(self.collection, timeout=self.timeout))
        except BackendUnavailableError:
            return False
        return True

    def _call(self, what: str, fn: Callable[[Any], T], *, retried: bool = False) -> T:
        client = self._client_or_raise()
        try:
            return fn(client)
        except (BackendUnavailableError, IndexLoadError, ValueError):
            raise
        except Exception as exc:
            if _is_unavailable(exc):
                raise self._unavailable(_one_line(exc)) from exc
            if not retried and _not_loaded(exc):
                # A restarted engine (or a release by an operator) unloads the collection.
                self._call(
                    "load", lambda c: c.load_collection(self.collection, timeout=self.timeout)
                )
                return self._call(what, fn, retried=True)
            text = _one_line(exc).lower()
            if getattr(exc, "code", None) == 100 or (
                "collection" in text and ("not found" in text or "not exist" in text)
            ):
                raise IndexLoadError(
                    f"Milvus collection {self.collection} is missing at {redact(self.uri)}: "
                    f"{BUILD_HINT}"
                ) from exc
            raise BackendUnavailableError(
                f"Milvus at {redact(self.uri)} failed to {what}: {_one_line(exc)}"
            ) from exc

    # --- collection ----------------------------------------------------------------------------
    def _open(self, model: str | None, dimension: int | None) -> None:
        exists = self._call(
            "look up the collection",
            lambda c: c.has_collection(self.collection, timeout=self.timeout),
        )
        if not exists:
            if model is None or dimension is None:
                raise CollectionMissingError(
                    f"no Milvus collection {self.collection} at {redact(self.uri)}: {BUILD_HINT}"
                )
            self._create(canonical_model_name(model), int(dimension))
        self._info = self._describe()
        self._call("load", lambda c: c.load_collection(self.collection, timeout=self.timeout))

    def _create(self, model: str, dimension: int) -> None:
        from pymilvus import DataType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=DOC_ID_MAX_BYTES)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)

        def create(client: Any) -> None:
            params = client.prepare_index_params()
            build = HNSW_BUILD if self.index_type == "HNSW" else {}
            if self.index_type.startswith("IVF"):
                build = {"nlist": 1024}
            params.add_index(
                field_name="vector", index_type=self.index_type, metric_type="IP", params=build
            )
            # Index doc_id so that deleting a document's rows needs no scan.
            if not self.local:
                params.add_index(field_name="doc_id", index_type="INVERTED")
            client.create_collection(
                self.collection,
                schema=schema,
                consistency_level=self.consistency_level,
                properties={
                    PROP_FORMAT: FORMAT,
                    PROP_MODEL: model,
                    PROP_DIMENSION: str(dimension),
                    PROP_GENERATION: "0",
                },
                timeout=self.timeout,
            )
            # Milvus Lite cannot wait for an index (no AllocTimestamp); there it is immediate.
            client.create_index(self.collection, params, timeout=self.timeout, sync=not self.local)

        self._call("create the collection", create)

    def _describe(self) -> StoreInfo:
        desc = self._call(
            "describe the collection",
            lambda c: c.describe_collection(self.collection, timeout=self.timeout),
        )
        props = {str(k): str(v) for k, v in (desc.get("properties") or {}).items()}
        fields = {f["name"]: f for f in desc.get("fields", [])}
        vector = fields.get("vector", {})
        schema_ok = (
            "id" in fields
            and fields["id"].get("is_primary")
            and "doc_id" in fields
            and vector.get("params", {}).get("dim") is not None
        )
        if props.get(PROP_FORMAT) != FORMAT or not schema_ok:
            raise IndexLoadError(
                f"Milvus collection {self.collection} at {redact(self.uri)} was not made by "
                "corpusbot (or by another version): choose another CORPUSBOT_MILVUS_COLLECTION"
            )
        extra = {k[len(PROP_EXTRA) :]: v for k, v in props.items() if k.startswith(PROP_EXTRA)}
        return StoreInfo(
            "milvus",
            self.location,
            props.get(PROP_MODEL, ""),
            int(vector["params"]["dim"]),  # the schema, not a property, is what searches use
            int(props.get(PROP_GENERATION, "0") or 0),
            extra,
        )

    # --- reading -----------------------------------------------------------------------------
    @property
    def info(self) -> StoreInfo:
        return self._info

    def check_compatible(self, model: str, dimension: int) -> None:
        check_compatible(self._info, model, dimension)

    def refresh(self) -> StoreInfo:
        """Re-read the collection's metadata (one cheap call): replicas poll the generation."""
        self._info = self._describe()
        return self._info

    def count(self) -> int:
        rows = self._call(
            "count",
            lambda c: c.query(
                self.collection, filter="", output_fields=["count(*)"], timeout=self.timeout
            ),
        )
        return int(rows[0]["count(*)"]) if rows else 0

    def _search_params(self, k: int) -> dict[str, Any]:
        params: dict[str, Any] = {"metric_type": "IP"}
        if self.index_type == "HNSW":
            params["params"] = {"ef": max(k, HNSW_EF_MIN)}
        elif self.index_type.startswith("IVF"):
            params["params"] = {"nprobe": IVF_NPROBE}
        return params

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        queries = validate_queries(queries, k, self._info.dimension)
        limit = min(k + TIE_MARGIN, MAX_TOPK)
        n = len(queries)
        scores = np.full((n, limit), -np.inf, dtype=np.float32)
        ids = np.full((n, limit), -1, dtype=np.int64)
        for first in range(0, n, MAX_TOPK):
            batch = queries[first : first + MAX_TOPK]
            results = self._call(
                "search",
                lambda c, batch=batch: c.search(  # type: ignore[misc]
                    self.collection,
                    data=batch.tolist(),
                    anns_field="vector",
                    limit=limit,
                    output_fields=["id"],
                    search_params=self._search_params(limit),
                    timeout=self.timeout,
                ),
            )
            for row, hits in enumerate(results, start=first):
                for col, hit in enumerate(list(hits)[:limit]):
                    ids[row, col] = int(hit["id"])
                    scores[row, col] = float(hit["distance"])
        return finish_results(scores, ids, k)

    def vectors_for(self, ids: np.ndarray) -> np.ndarray:
        wanted = np.asarray(ids, dtype=np.int64).reshape(-1)
        out = np.zeros((len(wanted), self._info.dimension), dtype=np.float32)
        unique = [int(i) for i in np.unique(wanted) if i >= 0]
        found: dict[int, list[float]] = {}
        for first in range(0, len(unique), IDS_PER_FILTER):
            chunk = unique[first : first + IDS_PER_FILTER]
            rows = self._call(
                "fetch vectors",
                lambda c, chunk=chunk: c.get(  # type: ignore[misc]
                    self.collection, ids=chunk, output_fields=["vector"], timeout=self.timeout
                ),
            )
            for row in rows:
                found[int(row["id"])] = row["vector"]
        for n, pid in enumerate(wanted.tolist()):
            vector = found.get(pid)
            if vector is not None:
                out[n] = np.asarray(vector, dtype=np.float32)
        return out

    # --- writing -----------------------------------------------------------------------------
    def add(self, ids: np.ndarray, vectors: np.ndarray, doc_ids: Sequence[str]) -> None:
        ids, vectors = validate_rows(ids, vectors, doc_ids, self._info.dimension)
        for doc in set(doc_ids):
            quote(doc)  # control characters: refuse now rather than fail to delete later
            if len(doc.encode("utf-8")) > DOC_ID_MAX_BYTES:
                raise ValueError(f"document id longer than {DOC_ID_MAX_BYTES} bytes: {doc[:80]}…")
        per_batch = max(1, ROWS_PER_BATCH_BYTES // (4 * self._info.dimension + 64))
        for first in range(0, len(ids), per_batch):
            # Plain lists: pymilvus converts numpy rows element by element, three times slower.
            rows = [
                {"id": int(i), "doc_id": d, "vector": v}
                for i, d, v in zip(
                    ids[first : first + per_batch].tolist(),
                    doc_ids[first : first + per_batch],
                    vectors[first : first + per_batch].tolist(),
                    strict=True,
                )
            ]
            self._call(
                "store passages",
                lambda c, rows=rows: c.upsert(  # type: ignore[misc]
                    self.collection, rows, timeout=self.timeout
                ),
            )

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        docs = sorted(set(doc_ids))
        for first in range(0, len(docs), IDS_PER_FILTER):
            chunk = docs[first : first + IDS_PER_FILTER]
            expr = f"doc_id in [{', '.join(quote(d) for d in chunk)}]"
            self._call(
                "delete passages",
                lambda c, expr=expr: c.delete(  # type: ignore[misc]
                    self.collection, filter=expr, timeout=self.timeout
                ),
            )

    def flush(self) -> None:
        self._call("flush", lambda c: c.flush(self.collection, timeout=self.timeout))

    def publish(self, generation: int, properties: Mapping[str, str] | None = None) -> None:
        """Flush, then record ``generation``: readers that see it also see the rows."""
        self.flush()
        props = {PROP_GENERATION: str(int(generation))}
        props.update({PROP_EXTRA + k: str(v) for k, v in (properties or {}).items()})
        stale = [k for k in self._describe_props() if k.startswith(PROP_EXTRA) and k not in props]
        if stale:
            self._call(
                "update metadata",
                lambda c: c.drop_collection_properties(
                    self.collection, property_keys=stale, timeout=self.timeout
                ),
            )
        self._call(
            "update metadata",
            lambda c: c.alter_collection_properties(
                self.collection, properties=props, timeout=self.timeout
            ),
        )
        self._info = replace(
            self._info, generation=int(generation), properties=dict(properties or {})
        )

    def _describe_props(self) -> dict[str, str]:
        desc = self._call(
            "describe the collection",
            lambda c: c.describe_collection(self.collection, timeout=self.timeout),
        )
        return {str(k): str(v) for k, v in (desc.get("properties") or {}).items()}

    def reset(self, model: str, dimension: int) -> None:
        """Drop and recreate the collection (only one corpusbot made) for a new model."""
        exists = self._call(
            "look up the collection",
            lambda c: c.has_collection(self.collection, timeout=self.timeout),
        )
        if exists:
            self._describe()  # refuses a collection corpusbot did not make
            self._call(
                "drop the collection",
                lambda c: c.drop_collection(self.collection, timeout=self.timeout),
            )
        self._create(canonical_model_name(model), int(dimension))
        self._info = self._describe()
        self._call("load", lambda c: c.load_collection(self.collection, timeout=self.timeout))

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            _close_quietly(client)


def release_lite(uri: str) -> None:
    """Stop this process's Milvus Lite engine for ``uri`` (as on exit), releasing its lock."""
    try:
        from milvus_lite.server_manager import server_manager_instance
    except ImportError:
        return
    server_manager_instance.release_server(uri)


# --- an index folder's vectors in the store: the build's id syncing -----------------------


@dataclass(frozen=True)
class SyncDocument:
    """One document of a new index, as the store files it."""

    doc_id: str
    sha256: str
    passages: list[tuple[int, int]]  # (start, end) of each passage
    reused: bool  # its passages (and their vectors) are the previous index's


@dataclass(frozen=True)
class PreviousIds:
    """What the previous index recorded of the store: its record and its passages' ids."""

    record: Mapping[str, Any] | None  # the manifest's ``vector_store``
    by_document: dict[str, np.ndarray]  # document key → its passages' ids
    ids: np.ndarray  # every id it stored


def plan_sync(
    store: VectorStore,
    model: str,
    embeddings: np.ndarray,
    documents: Sequence[SyncDocument],
    previous: PreviousIds | None,
) -> StoreSync:
    """What a build adds to and deletes from ``store``.

    Incremental when the store holds exactly what the previous index recorded: the passages
    of reused documents stay (with their ids), new documents' are added, and versions the new
    index no longer has are deleted. Otherwise the store is emptied and filled again.
    """
    if previous is not None and not store_matches(store, previous.record, model):
        previous = None
    old_rows = previous.by_document if previous is not None else {}
    keys = [document_key(d.doc_id, d.sha256) for d in documents]
    ids = np.zeros(len(embeddings), dtype=np.int64)
    fresh: list[int] = []  # rows whose passages the store does not hold yet
    cursor = 0
    for key, doc in zip(keys, documents, strict=True):
        n = len(doc.passages)
        kept = old_rows.get(key) if doc.reused else None
        if kept is not None and len(kept) == n:
            ids[cursor : cursor + n] = kept
        else:
            fresh.extend(range(cursor, cursor + n))
        cursor += n
    fresh_rows = np.array(fresh, dtype=np.int64)
    passage_keys = [(d.doc_id, d.sha256, s, e) for d in documents for s, e in d.passages]
    taken = np.delete(ids, fresh_rows) if len(fresh_rows) else ids
    if previous is not None:  # stored until after the swap: a new id must not replace one
        taken = np.concatenate([taken, previous.ids])
    ids[fresh_rows] = assign_ids([passage_keys[r] for r in fresh], taken=taken.tolist())
    return StoreSync(
        store=store,
        model=model,
        dimension=int(embeddings.shape[1]),
        full=previous is None,
        ids=ids,
        vectors=embeddings,
        keys=[key for key, d in zip(keys, documents, strict=True) for _ in d.passages],
        add=fresh_rows,
        stale=sorted(set(old_rows) - set(keys)),
        generation=store.info.generation + 1,
    )


@dataclass
class StoreSync:
    """One build's changes to a vector store, applied around the index folder's swap.

    ``before_swap``: mark the store as being built, (on a full sync) empty it, add the new
    documents' passages, flush. ``after_swap``: delete the passages of document versions the
    new folder no longer has, then publish the next generation; replicas reload on seeing it.
    A build that stops half way leaves the ``building`` mark, and the next build then syncs
    the whole store again (from the folder's embeddings, without re-embedding).
    """

    store: VectorStore
    model: str
    dimension: int
    full: bool  # empty the store first
    ids: np.ndarray  # every passage's id, one per row of the new index
    vectors: np.ndarray  # every passage's vector
    keys: list[str]  # every passage's document key (``document_key``)
    add: np.ndarray  # rows to add (the store holds the others already)
    stale: list[str]  # document keys to delete after the swap
    generation: int  # the generation to publish

    def before_swap(self) -> None:
        if self.full:
            self.store.reset(self.model, self.dimension)
        self.store.publish(self.generation - 1, {STATE: BUILDING})
        batch = 50_000
        for first in range(0, len(self.add), batch):
            rows = self.add[first : first + batch]
            self.store.add(
                self.ids[rows],
                np.asarray(self.vectors[rows], dtype=np.float32),
                [self.keys[int(r)] for r in rows],
            )
        self.store.flush()

    def after_swap(self) -> None:
        if self.stale:
            self.store.delete_documents(self.stale)
        self.store.publish(self.generation, {STATE: PUBLISHED})

    def record(self) -> dict[str, Any]:
        """The index manifest's record of the store it was built into."""
        info = self.store.info
        return {"backend": info.backend, "location": info.location, "generation": self.generation}


STATE = "state"  # a published property: BUILDING while a build writes, then PUBLISHED
BUILDING = "building"
PUBLISHED = "published"


def store_matches(store: VectorStore, record: Mapping[str, Any] | None, model: str) -> bool:
    """Whether ``store`` holds exactly what the index manifest's ``record`` says was written:
    same place, same model, the recorded generation, and no build left half done."""
    if not record:
        return False
    info = store.info
    return (
        record.get("backend") == info.backend
        and record.get("location") == info.location
        and int(record.get("generation", -1)) == info.generation
        and info.model == canonical_model_name(model)
        and info.properties.get(STATE) != BUILDING
    )


def check_generation(store: VectorStore, record: Mapping[str, Any], index_dir: Path) -> None:
    """``IndexLoadError`` when the store is not the one the index was built into, or is older
    than the index folder says (emptied or rebuilt by someone else); a store one generation
    behind is a build between its swap and its publish, which serves fine."""
    info = store.info
    if record.get("location") != info.location:
        raise IndexLoadError(
            f"index at {index_dir} was built into {record.get('location')}, but the settings "
            f"name {info.location}: {BUILD_HINT}"
        )
    wanted = int(record.get("generation", 0))
    if info.generation < wanted - 1:
        raise IndexLoadError(
            f"vector store {info.location} is at build generation {info.generation}, but the "
            f"index at {index_dir} expects {wanted}: {BUILD_HINT}"
        )
