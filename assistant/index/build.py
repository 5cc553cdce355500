"""Build or update the index: embed only new or changed files, drop deleted ones, and
switch to the new index atomically.

Each run writes a complete new generation folder, then replaces the ``CURRENT``
pointer with one ``os.replace``. A run that crashes or is killed at any moment leaves
the previous generation in place and loadable. A file lock serialises ingests."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock, Timeout

from assistant import __version__
from assistant.auth.access import DEFAULT_KB
from assistant.index.embed import Embedder
from assistant.index.generation import (
    FileRows,
    now,
    read_previous,
    remove_stale,
    rows_for,
    switch_current,
    write_generation,
)
from assistant.index.store import (
    SCHEMA_VERSION,
    UPGRADABLE_SCHEMAS,
    IndexMismatch,
    IndexMissing,
    current_generation,
)
from assistant.ingest.load import IngestError, check_file
from assistant.ingest.pipeline import SourceFile, discover, file_hash, prepare
from assistant.settings import Settings


class IngestBusy(RuntimeError):
    """Another ingest holds the index lock."""


@dataclass
class IngestReport:
    documents: int = 0
    passages: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    embedded: int = 0
    seconds: float = 0.0
    generation: str = ""
    index_type: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _file_kbs(index_dir: Path) -> dict[str, str]:
    """File key → the knowledge base of its documents in the current generation (files of an
    index written before knowledge bases are left out: they are in the default one)."""
    try:
        folder = current_generation(index_dir)
        db = sqlite3.connect(f"file:{folder / 'passages.sqlite'}?mode=ro", uri=True)
    except (IndexMissing, sqlite3.Error):
        return {}
    try:
        return {str(key): str(kb) for key, kb in db.execute("SELECT file_key, kb FROM documents") if kb}
    except sqlite3.Error:  # no kb column
        return {}
    finally:
        db.close()


def _move_to_kb(rows: FileRows | None, kb: str) -> bool:
    """Put an indexed file's documents into ``kb``; whether any moved."""
    moved = False
    for document in rows.documents if rows else []:
        if (document.get("kb") or DEFAULT_KB) != kb:
            document["kb"] = kb
            moved = True
    return moved


def printable(path: str) -> str:
    """A path as text that can be printed and stored. A name in another encoding (e.g. GBK
    from a zip archive) arrives from the file system with lone surrogates: its bytes are
    shown as ``\\xNN`` escapes instead."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return "/".join(_printable_part(part) for part in path.split("/"))


def _printable_part(part: str) -> str:
    try:
        return part.encode("utf-8").decode("utf-8")
    except UnicodeEncodeError:
        return "".join(chr(b) if b < 128 else f"\\x{b:02x}" for b in os.fsencode(part))


def checked_digest(source: SourceFile, max_bytes: int) -> str:
    """The content hash of ``source`` once its name reads as UTF-8 and it may be read (a regular
    file within ``max_bytes``); ``IngestError`` naming the reason otherwise, ``OSError`` for a file
    that cannot be read."""
    if printable(source.key) != source.key:
        raise IngestError(printable(str(source.path)), _bad_name_reason(source.path))
    check_file(source.path, max_bytes)  # before hashing: no huge reads, no FIFOs
    return file_hash(source.path)


def _bad_name_reason(path: Path) -> str:
    reason = "file name is not valid UTF-8"
    with contextlib.suppress(UnicodeDecodeError):
        reason += f" (in GBK it reads '{os.fsencode(path.name).decode('gb18030')}')"
    return reason + "; rename the file to UTF-8"


def _facts_saved(index_dir: Path, manifest: dict[str, Any]) -> bool:
    """Whether the current generation holds the facts of this version (else ingest writes a new
    generation that does: an index from an older version is brought up to date)."""
    from assistant.facts.generation import facts_saved

    name = manifest.get("generation")
    return bool(name) and facts_saved(index_dir / str(name), manifest)


def ingest(
    paths: Iterable[Path],
    settings: Settings,
    embedder: Embedder,
    *,
    rebuild: bool = False,
    remove_keys: Iterable[str] = (),
    progress: Callable[[str, int, int], None] | None = None,
    lock_timeout: float | None = None,
    kb: str | None = None,
) -> IngestReport:
    """Bring the index in ``settings.index_dir`` up to date with the given files and folders.

    Files already indexed with the same content are reused without re-embedding; files
    that vanished from a given folder are dropped; unreadable files are reported in
    ``skipped`` and, if they were indexed before, their previous version is kept.
    Waits ``lock_timeout`` seconds (default ``settings.ingest_lock_timeout``) for another
    ingest of the same index, then raises :class:`IngestBusy`. The given files go into the
    knowledge base ``kb`` (unchanged ones too, without re-embedding); without it a known file
    keeps its knowledge base and a new one goes into the default one."""
    started = time.perf_counter()
    index_dir = settings.index_dir
    index_dir.mkdir(parents=True, exist_ok=True)
    report = IngestReport()
    try:
        wait = settings.ingest_lock_timeout if lock_timeout is None else lock_timeout
        lock = FileLock(str(index_dir / ".lock"), timeout=wait)
        lock.acquire()
    except Timeout as exc:
        raise IngestBusy(f"another ingest is running on {index_dir} (waited {wait:g} s for its lock)") from exc
    try:
        manifest, previous = ({}, {}) if rebuild else read_previous(index_dir)
        if manifest and not rebuild:
            built = manifest.get("model", {})
            if built.get("fingerprint") != embedder.fingerprint or manifest.get("schema") not in UPGRADABLE_SCHEMAS:
                raise IndexMismatch(
                    f"index in {index_dir} was built with model '{built.get('name')}' ({built.get('fingerprint')}) "
                    f"and schema {manifest.get('schema')}; configured model is '{embedder.name}' "
                    f"({embedder.fingerprint}). Run `assistant ingest --rebuild` to rebuild it."
                )
        found = discover(paths)
        report.skipped += [(printable(e.path), e.reason) for e in found.skipped]
        at = now()
        result: dict[str, FileRows] = {}
        remove = set(remove_keys)
        for key, rows in previous.items():  # keep what this run does not touch
            if key not in remove:
                result[key] = rows
        roots = [r.resolve() for r in found.roots]
        discovered = {f.key for f in found.files}
        for key in list(result):
            path = Path(key) if Path(key).is_absolute() else Path.cwd() / key
            if key not in discovered and any(path.resolve().is_relative_to(r) for r in roots):
                del result[key]
                report.removed.append(key)
        report.removed += [k for k in remove if k in previous]
        to_embed: list[dict[str, Any]] = []
        relabelled = False  # an unchanged file moved to another knowledge base
        kbs_before = _file_kbs(index_dir)  # also on --rebuild: a file keeps its knowledge base
        for number, source in enumerate(found.files, start=1):
            if progress:
                progress("read", number, len(found.files))
            try:
                digest = checked_digest(source, settings.max_file_bytes)
                old = previous.get(source.key)
                if old is not None and old.content_hash == digest:
                    report.unchanged.append(source.key)
                    relabelled |= kb is not None and _move_to_kb(result.get(source.key), kb)
                    continue
                on_page = (lambda done, total: progress("ocr", done, total)) if progress else None
                prepared = prepare(source, settings, digest, on_page)
            except IngestError as exc:
                report.skipped.append((exc.path, exc.reason))
                continue
            except OSError as exc:
                report.skipped.append((printable(str(source.path)), f"cannot read ({exc.strerror or exc})"))
                continue
            rows = FileRows(source.key, digest, at, [], [])
            file_kb = kb or kbs_before.get(source.key) or DEFAULT_KB
            for document, chunks in prepared:
                doc_row, chunk_rows = rows_for(document, chunks, source.key, at, file_kb)
                rows.documents.append(doc_row)
                rows.chunks.extend(chunk_rows)
                rows.pages.update(document.page_images)
            (report.updated if source.key in previous else report.added).append(source.key)
            result[source.key] = rows
            to_embed.extend(rows.chunks)
        total = sum(len(r.chunks) for r in result.values())
        if total > settings.max_passages:
            raise ValueError(
                f"refused: {total} passages exceed the limit of {settings.max_passages} (ASSISTANT_MAX_PASSAGES)"
            )
        if to_embed:
            done = 0
            if progress:
                progress("embed", 0, len(to_embed))  # the stage starts now, not after the first batch

            def tick(n: int) -> None:
                nonlocal done
                done += n
                if progress:
                    progress("embed", done, len(to_embed))

            vectors = embedder.encode_passages([c["_index_text"] for c in to_embed], progress=tick)
            for row, vector in zip(to_embed, vectors, strict=True):
                row["vector"] = vector.astype(np.float32).tobytes()
                del row["_index_text"]
        report.embedded = len(to_embed)
        changed = bool(
            to_embed
            or relabelled
            or report.removed
            or rebuild
            or not manifest
            or manifest.get("schema") != SCHEMA_VERSION
            or not _facts_saved(index_dir, manifest)
        )
        ordered = [result[k] for k in sorted(result)]
        report.documents = sum(len(r.documents) for r in ordered)
        report.passages = total
        if not changed:
            report.generation = manifest.get("generation", "")
            report.index_type = manifest.get("index_type", "")
            if "previous" in manifest:  # tidy up after a run killed after its switch (or mid-write)
                remove_stale(index_dir, {manifest["generation"], manifest["previous"]})
            return report
        name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        try:  # what readers may still hold -- also after --rebuild, which ignores the old manifest
            previous_name = current_generation(index_dir).name
        except IndexMissing:
            previous_name = ""
        new_manifest = {
            "schema": SCHEMA_VERSION,
            "version": __version__,
            "generation": name,
            "previous": previous_name,
            "created": now(),
            "model": embedder.identity,
            "documents": report.documents,
            "files": {r.key: r.content_hash for r in ordered},
        }
        if progress:
            progress("write", 0, 1)
        sources = {f.key: f.path for f in found.files}
        reuse = index_dir / previous_name if previous_name and not rebuild else None  # its facts of unchanged files
        report.index_type = write_generation(
            index_dir / name, ordered, new_manifest, embedder.dim, settings.flat_index_max, sources, reuse
        )
        switch_current(index_dir, name)
        remove_stale(index_dir, {name, previous_name})
        report.generation = name
        return report
    finally:
        report.seconds = round(time.perf_counter() - started, 2)
        lock.release()
