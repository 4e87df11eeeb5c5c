"""The atomic swap: a new index folder takes the place of the old one, and a reader sees the
old index or the new one, never half of each."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Collection
from pathlib import Path

from retrieval.index import folder as index_folder

_RENAME_EXCHANGE = 2


def fsync_tree(folder: Path) -> None:
    """Make every file under ``folder`` durable."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def swap_into_place(new: Path, target: Path, index_names: Collection[str]) -> None:
    """Make ``new`` the folder at ``target``; readers see the old or the new index, never half.

    ``index_names``: every name a build writes (a folder holding anything else is refused).
    """
    if not target.exists():
        os.rename(new, target)
        return
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
        os.rename(new, target)
        return
    # Never swap away (and so delete) a folder that holds something other than our index.
    index_folder.check_writable(target, index_names)
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old index
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)
