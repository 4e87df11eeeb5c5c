"""What a build has to do: the corpus's files by content hash, and how they differ from the
ones an index was built from (added, changed, removed).

An unchanged file is recognised from its size and modification time as the manifest recorded
them, without reading it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from retrieval import ingest
from retrieval.index.manifest import Manifest, sha256_file

# The "hash" of a file that could not be read: the prefix, then the reason. It changes (and the
# file is read again) when the file becomes readable.
UNREADABLE = "unreadable: "

# A file modified this recently may change again within the same timestamp tick, so its
# size and time do not prove it unchanged: such files are hashed again on the next build.
_STAT_TRUST_NS = 2_000_000_000


def _file_stat(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def corpus_hashes(corpus_dir: Path, known: Manifest | None = None) -> dict[str, str]:
    """Content hash of every corpus file, keyed by its path relative to the corpus.

    ``known`` (an index manifest) lends the hash of each file whose size and modification
    time are as it recorded them, so an unchanged corpus is not read again.
    """
    files = known.files if known is not None else {}
    stats = known.file_stats if known is not None else {}
    out: dict[str, str] = {}
    for path in ingest.discover(corpus_dir):
        rel = path.relative_to(corpus_dir).as_posix()
        recorded = stats.get(rel)
        try:
            if recorded is not None and rel in files and recorded == _file_stat(path):
                out[rel] = files[rel]
            else:
                out[rel] = sha256_file(path)
        except OSError as exc:  # unreadable, or gone since it was listed: skipped by the build
            out[rel] = UNREADABLE + ingest.unreadable_reason(exc)
    return out


def trusted_stats(corpus_dir: Path, rels: list[str]) -> dict[str, list[int]]:
    """Size and modification time of each file old enough for them to prove it unchanged."""
    now = time.time_ns()
    stats = {}
    for rel in rels:
        try:
            stat = _file_stat(corpus_dir / rel)
        except OSError:
            continue
        if now - stat[1] > _STAT_TRUST_NS:
            stats[rel] = stat
    return stats


@dataclass(frozen=True)
class Changes:
    """How the corpus differs from what an index was built from."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def words(self) -> list[str]:
        """Each kind of change in words: "3 files changed", "1 file added"."""

        def count(n: int, what: str) -> str:
            return f"{n} file{'' if n == 1 else 's'} {what}"

        parts = [(self.added, "added"), (self.changed, "changed"), (self.removed, "removed")]
        return [count(len(names), what) for names, what in parts if names]


def changes(built_from: dict[str, str], now: dict[str, str]) -> Changes:
    """What was added, changed and removed between two ``corpus_hashes``."""
    return Changes(
        added=tuple(rel for rel in now if rel not in built_from),
        changed=tuple(rel for rel in now if rel in built_from and built_from[rel] != now[rel]),
        removed=tuple(rel for rel in built_from if rel not in now),
    )


def same_document_id(corpus_dir: Path, rels: list[str]) -> dict[str, str]:
    """Files whose document id an earlier file has ("a.pdf" after "a.docx"), with the
    reason they are skipped: quotes name a document by its id."""
    owners: dict[str, str] = {}
    out: dict[str, str] = {}
    for rel in rels:
        doc_id = ingest.doc_id_for(corpus_dir / rel, corpus_dir)
        if doc_id in owners:
            out[rel] = f"has the same document id ({doc_id}) as {owners[doc_id]}"
        else:
            owners[doc_id] = rel
    return out
