"""Ingest into the PostgreSQL store: the same reading, splitting and embedding as the embedded
ingest (``assistant.index.build``), written file by file, each file in one transaction.

A file's documents and passages become visible together when its transaction commits; a run
killed midway leaves the files it committed (complete) and none of the rest, and the next run
carries on where it stopped (files already stored with the same content are not embedded
again). A session advisory lock serialises whole runs, as the file lock does for a folder."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from assistant.auth.access import DEFAULT_KB
from assistant.index.build import IngestBusy, IngestReport, checked_digest, printable
from assistant.index.embed import Embedder
from assistant.index.generation import rows_for
from assistant.ingest.load import IngestError
from assistant.ingest.pipeline import SourceFile, discover, prepare
from assistant.settings import Settings
from assistant.store.base import IndexMismatch
from assistant.store.postgres import PostgresStore, connect_once

INGEST_LOCK = 0x57454E49  # pg_advisory_lock key of whole ingest runs ("WENI")

# One prepared file: key, content hash, document rows, passage rows.
Prepared = tuple[str, str, list[dict[str, Any]], list[dict[str, Any]]]


@contextmanager
def ingest_lock(url: str, wait: float) -> Iterator[None]:
    """Hold the ingest lock of the database (released when the connection closes, also when the
    process dies); ``IngestBusy`` after ``wait`` seconds."""
    conn = connect_once(url)
    try:
        deadline = time.monotonic() + wait
        while not conn.execute("SELECT pg_try_advisory_lock(%s)", (INGEST_LOCK,)).fetchone()[0]:  # type: ignore[index]
            if time.monotonic() >= deadline:
                raise IngestBusy(f"another ingest is running on this database (waited {wait:g} s for its lock)")
            time.sleep(0.2)
        yield
    finally:
        conn.close()


def prepare_file(
    source: SourceFile, settings: Settings, at: str, known_hash: str | None, kb: str = DEFAULT_KB
) -> Prepared | None:
    """The rows of one file (its documents in knowledge base ``kb``), or ``None`` when it is
    stored with the same content. Raises ``IngestError`` (or ``OSError``) for a file that cannot be read."""
    digest = checked_digest(source, settings.max_file_bytes)
    if known_hash == digest:
        return None
    documents: list[dict[str, Any]] = []
    chunks: list[dict[str, Any]] = []
    for document, parts in prepare(source, settings, digest):
        doc_row, chunk_rows = rows_for(document, parts, source.key, at, kb)
        documents.append(doc_row)
        chunks.extend(chunk_rows)
    return source.key, digest, documents, chunks


def embed_rows(chunks: list[dict[str, Any]], embedder: Embedder, tick: Callable[[int], None] | None = None) -> None:
    """Fill each passage row's ``vector`` (float32 bytes) from its normalised text."""
    if not chunks:
        return
    vectors = embedder.encode_passages([c.pop("_index_text") for c in chunks], progress=tick)
    for row, vector in zip(chunks, vectors, strict=True):
        row["vector"] = np.asarray(vector, dtype=np.float32).tobytes()


def ingest_postgres(
    paths: Iterable[Path],
    settings: Settings,
    embedder: Embedder,
    store: PostgresStore,
    *,
    rebuild: bool = False,
    remove_keys: Iterable[str] = (),
    progress: Callable[[str, int, int], None] | None = None,
    lock_timeout: float | None = None,
    kb: str | None = None,
) -> IngestReport:
    """``assistant.index.build.ingest`` for the database: the same report, the same rules
    (unchanged files kept, vanished files of a given folder dropped, unreadable files skipped,
    the given files put into knowledge base ``kb``)."""
    started = time.perf_counter()
    report = IngestReport(index_type="pgvector-hnsw")
    wait = settings.ingest_lock_timeout if lock_timeout is None else lock_timeout
    try:
        with ingest_lock(store.url, wait):
            _ingest_locked(paths, settings, embedder, store, report, rebuild, set(remove_keys), progress, kb)
    finally:
        report.seconds = round(time.perf_counter() - started, 2)
    return report


def _ingest_locked(
    paths: Iterable[Path],
    settings: Settings,
    embedder: Embedder,
    store: PostgresStore,
    report: IngestReport,
    rebuild: bool,
    remove: set[str],
    progress: Callable[[str, int, int], None] | None,
    kb: str | None = None,
) -> None:
    if rebuild:
        store.clear()
    built = store.model_identity()
    if built and built.get("fingerprint") != embedder.fingerprint:
        raise IndexMismatch(
            f"the database was built with model '{built.get('name')}' ({built.get('fingerprint')}); configured "
            f"model is '{embedder.name}' ({embedder.fingerprint}). Run `assistant ingest --rebuild` to rebuild it."
        )
    previous = store.file_hashes()
    found = discover(paths)
    report.skipped += [(printable(e.path), e.reason) for e in found.skipped]
    roots = [r.resolve() for r in found.roots]
    discovered = {f.key for f in found.files}
    for key in previous:
        path = Path(key) if Path(key).is_absolute() else Path.cwd() / key
        if key in remove or (key not in discovered and any(path.resolve().is_relative_to(r) for r in roots)):
            report.removed.append(key)
    changed: list[SourceFile] = []
    for number, source in enumerate(found.files, start=1):
        if progress:
            progress("read", number, len(found.files))
        try:
            digest = checked_digest(source, settings.max_file_bytes)
        except IngestError as exc:
            report.skipped.append((exc.path, exc.reason))
            continue
        except OSError as exc:
            report.skipped.append((printable(str(source.path)), f"cannot read ({exc.strerror or exc})"))
            continue
        if previous.get(source.key) == digest:
            report.unchanged.append(source.key)
            continue
        (report.updated if source.key in previous else report.added).append(source.key)
        changed.append(source)
    from assistant.store import queue

    if progress and changed:
        progress("embed", 0, len(changed))
    if kb is not None:  # unchanged files named by this run move without being read again
        store.move_to_kb(report.unchanged, kb)
    ids = queue.enqueue(store, changed, report.removed, kb)
    states = queue.wait_for(store, ids, settings, embedder, settings.ingest_job_timeout)
    failed = {s["file_key"] for s in states if s["status"] == "failed"}
    report.added = [k for k in report.added if k not in failed]
    report.updated = [k for k in report.updated if k not in failed]
    if store.data_version() == 0:  # a first ingest with nothing to add still makes an index
        store.replace_files([], [], embedder.identity)
    queue.report_of(states, store, report)


def import_generation(index_dir: Path, store: PostgresStore) -> int:
    """Copy the current generation of an embedded index folder into the database, vectors and
    all (nothing is embedded again), replacing what the database held, in one transaction;
    the new data version. The way from one office's index to the server store, and how the
    tests give both stores the same vectors."""
    from assistant.index.generation import read_previous
    from assistant.store.base import IndexMissing

    manifest, files = read_previous(index_dir)
    if not manifest:
        raise IndexMissing(f"no index in {index_dir}: run `assistant ingest` first")
    with ingest_lock(store.url, 0.0):
        return store.bulk_load(
            [(f.key, f.content_hash, f.ingested_at, f.documents, f.chunks) for f in files.values()],
            manifest.get("model", {}),
        )
