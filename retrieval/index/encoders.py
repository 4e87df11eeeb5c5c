"""What embeds a build's passages and its questions: the model's ONNX export (checked
against the model when made, kept in the index's ``onnx/`` folder, reused while it is for the
same model) or the model itself (torch), and the manifest's records of which was used."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from retrieval.embed_pipeline import BatchModel
from retrieval.embedding import Embedder
from retrieval.index import folder as index_folder
from retrieval.index.layout import ONNX_DIR
from retrieval.index.manifest import Manifest, sha256_file

log = logging.getLogger(__name__)

QueryEncoderWriter = Callable[[Path], dict[str, Any]]  # folder → manifest record


def passage_record(made: dict[str, Any], previous: Manifest | None) -> dict[str, Any]:
    """How the index's passages were embedded: by this build (``made``), by the builds whose
    vectors it kept (``reused``), or both. An index from before this record was embedded by
    the model itself (torch), and its vectors are the ONNX path's (cosine ≥ 0.999)."""
    before: dict[str, Any] | None = None
    if previous is not None:
        before = previous.passage_encoder or (
            {"backend": "embedder"}
            if previous.query_encoder.get("backend") == "embedder"
            else {"backend": "torch", "device": "cpu", "precision": "fp32"}
        )
    if not made:
        return before or {}
    if before is not None:
        earlier = {k: v for k, v in before.items() if k != "reused"}
        if earlier != made:
            return {**made, "reused": earlier}
    return made


def export_failed(manifest: Manifest | None, model_name: str) -> bool:
    """Whether ``manifest`` records that this model failed to export (an update does not try
    again; a full build does)."""
    if manifest is None:
        return False
    info = manifest.query_encoder
    return info.get("backend") == "torch" and query_encoder_current(manifest, model_name)


def export_intact(index_dir: Path, manifest: Manifest, model_name: str) -> bool:
    """Whether the index at ``index_dir`` holds a checked ONNX export of ``model_name`` whose
    files are as its manifest recorded them (a build may then embed with it)."""
    from retrieval.onnx_embed import EXPORT_VERSION

    info = manifest.query_encoder
    if not (
        info.get("backend") == "onnx"
        and info.get("model") == model_name
        and info.get("export_version") == EXPORT_VERSION
    ):
        return False
    files = {k: v for k, v in manifest.checksums.items() if k.startswith(f"{ONNX_DIR}/")}
    try:
        return bool(files) and all(
            sha256_file(index_dir / name) == digest for name, digest in files.items()
        )
    except OSError:
        return False


class PassageEncoder:
    """Chooses and loads what embeds a build's passages, and records it for the manifest.

    On a CPU: onnxruntime on the model's ONNX export (``export_from``, or exported now into a
    folder beside the index, which the new index then keeps); the same vectors as the model's
    (cosine ≥ ``onnx_embed.MIN_COSINE``, checked by the export) in less time. On a GPU, or
    when the model cannot be exported: the model itself (torch). A fake model: its ``encode``.
    """

    def __init__(
        self,
        index_dir: Path,
        model_name: str,
        embedder: Callable[[], Embedder],
        *,
        device: str,
        export_wanted: bool,
        export_from: Path | None,
    ) -> None:
        self.index_dir = index_dir
        self.model_name = model_name
        self.embedder = embedder
        self.device = device
        self.export_wanted = export_wanted
        self.export_from = export_from
        self.record: dict[str, Any] = {}  # the manifest's ``passage_encoder``; {}: not loaded
        self.staged: tuple[Path, dict[str, Any]] | None = None  # an export made by this build
        self._scratch: index_folder.BuildFolder | None = None

    def load(self) -> BatchModel:
        from retrieval.embed_pipeline import PlainModel
        from retrieval.embedding import FAKE_PREFIX, uses_gpu

        if self.model_name.startswith(FAKE_PREFIX):
            self.record = {"backend": "embedder"}
            return PlainModel(self.embedder())
        if not uses_gpu(self.device):
            folder = self.export_from or (self._export() if self.export_wanted else None)
            if folder is not None:
                from retrieval.onnx_embed import OnnxEmbedder

                onnx = OnnxEmbedder(folder, name=self.model_name, bulk=True)
                self.record = {"backend": "onnx", "device": "cpu", "precision": "fp32"}
                return onnx
        made = self.embedder()
        batch_model = getattr(made, "batch_model", None)
        model = batch_model() if batch_model is not None else PlainModel(made)
        on = str(getattr(made, "device", "cpu"))
        self.record = {
            "backend": "torch",
            "device": on,
            "precision": "fp16" if on.startswith("cuda") else "fp32",
        }
        return model

    def _export(self) -> Path | None:
        """The model exported into a scratch folder beside the index; None if it cannot be."""
        export = getattr(self.embedder(), "export_onnx", None)
        if export is None:
            return None
        self.index_dir.absolute().parent.mkdir(parents=True, exist_ok=True)
        # A build folder of its own: marked and locked, so a killed build's is removed later.
        self._scratch = index_folder.BuildFolder(self.index_dir.absolute())
        folder = self._scratch.path / ONNX_DIR
        try:
            info = dict(export(folder))
        except Exception as exc:  # any failure: torch embeds, and the query path says why
            from retrieval.onnx_embed import EXPORT_VERSION

            log.warning("passages and questions will be embedded with torch: %s", exc)
            self.staged = (
                folder,
                {
                    "backend": "torch",
                    "model": self.model_name,
                    "export_version": EXPORT_VERSION,
                    "reason": str(exc)[:500],
                },
            )
            return None
        self.staged = (folder, info)
        return folder

    def cleanup(self) -> None:
        if self._scratch is not None:
            self._scratch.release()
            shutil.rmtree(self._scratch.path, ignore_errors=True)
            self._scratch = None


def query_encoder_current(manifest: Manifest, model_name: str, wanted: bool = True) -> bool:
    """Whether ``manifest``'s query-encoder record needs no new export attempt."""
    if not wanted:
        return True
    from retrieval.onnx_embed import EXPORT_VERSION

    info = manifest.query_encoder
    if info.get("backend") == "embedder":
        return True  # a model with no export at all (the hashing fake)
    return info.get("model") == model_name and info.get("export_version") == EXPORT_VERSION


def query_encoder_writer(
    index_dir: Path,
    old_manifest: Manifest | None,
    model_name: str,
    embedder: Callable[[], Embedder],
    wanted: bool,
    staged: Callable[[], tuple[Path, dict[str, Any]] | None] = lambda: None,
) -> QueryEncoderWriter:
    """Writes ``onnx/`` into a new index folder: the previous export when it is still for this
    model (hard links, no model load), else the one this build made to embed its passages
    (``staged``), else a fresh export; records why when there is none."""

    def write(folder: Path) -> dict[str, Any]:
        from retrieval.onnx_embed import EXPORT_VERSION

        if not wanted:
            return {"backend": "embedder", "reason": "export not requested"}
        made = staged()
        if made is not None:
            source, info = made
            if info.get("backend") != "onnx":
                return info  # the export failed in this build: do not try again
            link_tree(source, folder / ONNX_DIR)
            return {**info, "path": ONNX_DIR}
        old = dict(old_manifest.query_encoder) if old_manifest is not None else {}
        current = old.get("model") == model_name and old.get("export_version") == EXPORT_VERSION
        if old.get("model") == model_name and old.get("backend") == "embedder":
            return old  # a model with no export (the hashing fake): no reason to load it
        if current and old.get("backend") == "torch":
            return old  # this model failed to export before; do not load it again to retry
        if current and old.get("backend") == "onnx" and (index_dir / ONNX_DIR).is_dir():
            try:
                link_tree(index_dir / ONNX_DIR, folder / ONNX_DIR)
                return old
            except OSError as exc:
                log.warning("exporting the model again: cannot reuse the old export (%s)", exc)
                shutil.rmtree(folder / ONNX_DIR, ignore_errors=True)
        export = getattr(embedder(), "export_onnx", None)
        if export is None:
            return {"backend": "embedder", "model": model_name}
        try:
            info = dict(export(folder / ONNX_DIR))
        except Exception as exc:  # any failure: the torch query path still works
            shutil.rmtree(folder / ONNX_DIR, ignore_errors=True)
            log.warning("questions will be embedded with torch: %s", exc)
            return {
                "backend": "torch",
                "model": model_name,
                "export_version": EXPORT_VERSION,
                "reason": str(exc)[:500],
            }
        info["path"] = ONNX_DIR
        return info

    return write


def link_tree(source: Path, target: Path) -> None:
    """Hard-link (or copy, across file systems) every file of ``source`` under ``target``."""
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            shutil.copy2(path, dest)
