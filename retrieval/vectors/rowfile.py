"""Rows of a saved float32 matrix, read on demand."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np


class RowFile:
    """Rows of a saved float32 matrix (``.npy``), read on demand with ``pread``.

    A memory map would do, but every page it touches stays mapped, with the neighbours the
    kernel maps along with it: at a million passages, a few thousand questions make the whole
    file (1.5 GB) resident. Reading the rows asked for keeps memory flat; runs of consecutive
    rows are read in one call. Safe to share between threads.
    """

    def __init__(self, path: Path) -> None:
        header = np.load(path, mmap_mode="r")  # the header only: no page is read
        if header.dtype != np.float32 or header.ndim != 2 or not header.flags.c_contiguous:
            raise ValueError(f"{path} is not a C-ordered float32 matrix")
        self.path = Path(path)
        self.shape: tuple[int, int] = (int(header.shape[0]), int(header.shape[1]))
        self.dtype = np.dtype(np.float32)
        self._offset = int(header.offset)
        self._row = self.shape[1] * 4
        del header
        self._fd = os.open(path, os.O_RDONLY)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self.shape[0]

    @property
    def ndim(self) -> int:
        return 2

    def __getitem__(self, ids: object) -> np.ndarray:
        if isinstance(ids, slice):
            ids = np.arange(*ids.indices(self.shape[0]))
        wanted = np.asarray(ids, dtype=np.int64)
        if wanted.ndim == 0:
            return self[wanted.reshape(1)][0]
        wanted = np.where(wanted < 0, wanted + self.shape[0], wanted)
        if len(wanted) and (wanted.min() < 0 or wanted.max() >= self.shape[0]):
            raise IndexError("row out of range")
        order = np.argsort(wanted, kind="stable")
        rows = wanted[order]
        out = np.empty((len(rows), self.shape[1]), dtype=np.float32)
        # Runs of consecutive (or repeated) rows: one read each.
        breaks = np.flatnonzero(np.diff(rows) > 1) + 1
        for lo, hi in zip(
            np.concatenate([[0], breaks]), np.concatenate([breaks, [len(rows)]]), strict=True
        ):
            if lo == hi:
                continue
            first, last = int(rows[lo]), int(rows[hi - 1])
            size = (last - first + 1) * self._row
            data = os.pread(self._fd, size, self._offset + first * self._row)
            if len(data) != size:
                raise OSError(f"{self.path} is shorter than its header says")
            block = np.frombuffer(data, dtype=np.float32).reshape(-1, self.shape[1])
            out[lo:hi] = block[rows[lo:hi] - first]
        result = np.empty_like(out)
        result[order] = out
        return result

    def __array__(self, dtype: Any = None, copy: object = None) -> np.ndarray:
        whole = self[slice(None)]
        return whole if dtype is None else whole.astype(dtype)

    def close(self) -> None:
        with self._lock:
            fd, self._fd = self._fd, -1
        if fd >= 0:
            os.close(fd)

    def __del__(self) -> None:
        with contextlib.suppress(AttributeError, OSError):
            self.close()
