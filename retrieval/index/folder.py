"""Which folders a build may write, and the temporary folders builds leave behind.

A build writes its index into a new folder next to the index folder, then swaps it in. It
writes only into a folder that does not exist yet, an empty one (or one with nothing but the
``.gitignore`` an index holds), or one whose manifest says it is a corpusbot index holding
nothing but index files; anything else is refused before
any work starts, so nothing a user keeps there is ever deleted.

Each build folder holds a marker file that the build keeps locked while it runs. A build that
was killed leaves its folder behind, with the marker unlocked: the next build removes such a
folder, and only such a folder (a name that merely looks like one is left alone).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Collection
from pathlib import Path

from retrieval.errors import IndexFolderError

log = logging.getLogger(__name__)

MANIFEST = "config.json"
# The manifest's "kind": it says that the folder is a corpusbot index.
MANIFEST_KIND = "corpusbot-index"
BUILD_MARKER = ".corpusbot-build"
# The .gitignore every index holds: a folder with only this file loses nothing when built into.
GITIGNORE = ".gitignore"
GITIGNORE_TEXT = "*\n"
_MARKER_MAGIC = b"corpusbot build folder\n"


def build_prefix(index_dir: Path) -> str:
    """The name every build folder of ``index_dir`` starts with (they sit next to it)."""
    return f".{index_dir.name}.build-"


def manifest_is_ours(folder: Path) -> bool:
    """Whether ``folder`` has a manifest that says it is a corpusbot index."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict):
        return False
    if data.get("kind") == MANIFEST_KIND:
        return True
    # Indexes written before the manifest named its kind: the same fields, always present.
    return isinstance(data.get("format_version"), int) and {"model", "files", "checksums"} <= set(
        data
    )


def check_writable(index_dir: Path, index_names: Collection[str]) -> None:
    """Raise ``IndexFolderError`` unless a build may replace ``index_dir``.

    ``index_names``: every name a build writes at the top of an index folder.
    """
    if not os.path.lexists(index_dir):
        return
    if not index_dir.is_dir():
        raise IndexFolderError(f"{index_dir} exists and is not a folder; choose another --index")
    try:
        names = sorted(entry.name for entry in os.scandir(index_dir))
    except OSError as exc:
        raise IndexFolderError(
            f"{index_dir} cannot be read ({exc.strerror or exc}); choose another --index"
        ) from exc
    if not names or (names == [GITIGNORE] and _holds_our_gitignore(index_dir)):
        return
    if not manifest_is_ours(index_dir):
        raise IndexFolderError(
            f"{index_dir} is not a corpusbot index (it holds {_few(names)} and no corpusbot "
            "manifest); nothing was written: choose a new or empty folder for --index"
        )
    foreign = [name for name in names if name not in index_names]
    if foreign:
        raise IndexFolderError(
            f"{index_dir} is a corpusbot index but also holds {_few(foreign)}, which a rebuild "
            "would delete; nothing was written: move them out of the folder"
        )


def _holds_our_gitignore(folder: Path) -> bool:
    try:
        return (folder / GITIGNORE).read_text("utf-8") == GITIGNORE_TEXT
    except (OSError, ValueError):
        return False


def _few(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")


class BuildFolder:
    """A new folder next to ``index_dir`` for one build, marked as ours and locked while alive."""

    def __init__(self, index_dir: Path) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=build_prefix(index_dir), dir=index_dir.parent))
        self.path.chmod(0o755)  # mkdtemp makes it private; the index is an ordinary folder
        self._fd: int | None = os.open(
            self.path / BUILD_MARKER, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644
        )
        _lock(self._fd, wait=True)
        os.write(self._fd, _MARKER_MAGIC + f"pid {os.getpid()}\n".encode())

    def release(self) -> None:
        """Remove the marker (before the folder becomes the index); idempotent."""
        if self._fd is None:
            return
        try:
            (self.path / BUILD_MARKER).unlink(missing_ok=True)
        finally:
            os.close(self._fd)  # the lock goes with it, after the marker is gone
            self._fd = None


def _lock(fd: int, *, wait: bool) -> bool:
    try:
        import fcntl
    except ImportError:  # no advisory locks here: nothing can be proved abandoned
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def remove_abandoned_builds(index_dir: Path) -> list[Path]:
    """Remove the build folders of ``index_dir`` whose build is no longer running.

    A folder is removed only when its name is a build folder's, it holds our marker, and no
    process holds the marker's lock; the removed folders are returned.
    """
    parent = index_dir.absolute().parent
    prefix = build_prefix(index_dir)
    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(prefix)]
    except OSError:
        return []
    removed = []
    for entry in entries:
        if entry.is_symlink() or not entry.is_dir(follow_symlinks=False):
            continue
        folder = Path(entry.path)
        if _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            log.info("removed %s, left behind by a build that was stopped", folder)
            removed.append(folder)
    return removed


def _abandoned(folder: Path) -> bool:
    marker = folder / BUILD_MARKER
    try:
        fd = os.open(marker, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False  # no marker: not provably ours
    try:
        if not _lock(fd, wait=False):
            return False  # its build is still running
        # Still the marker it was (a finishing build removes it before it lets go of the lock).
        try:
            if not os.path.samestat(os.fstat(fd), os.stat(marker, follow_symlinks=False)):
                return False
        except OSError:
            return False
        return os.read(fd, len(_MARKER_MAGIC)) == _MARKER_MAGIC
    finally:
        os.close(fd)
