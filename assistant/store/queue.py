"""The ingest queue of server mode, a table in PostgreSQL (``jobs``, migration 0002).

``enqueue`` adds one job per changed file (the file's bytes go with it, so a worker on another
machine can read it) and one per file to drop. A worker ``claim``s the oldest open job with
``SELECT … FOR UPDATE SKIP LOCKED`` and a lease it renews from a heartbeat thread while it
parses and embeds; it writes the file's documents and passages and marks the job done in one
transaction (``PostgresStore.replace_files``), so a file appears whole or not at all. A worker
killed mid-job leaves nothing written; once its lease runs out the job is claimed again (up to
``max_attempts``)."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psycopg.rows import dict_row

from assistant.auth.access import DEFAULT_KB
from assistant.index.build import IngestReport
from assistant.index.embed import Embedder
from assistant.index.generation import now
from assistant.ingest.load import IngestError
from assistant.ingest.pipeline import SourceFile, file_hash
from assistant.settings import Settings
from assistant.store.pg_ingest import embed_rows, prepare_file
from assistant.store.pg_write import LeaseLost
from assistant.store.postgres import PostgresStore


@dataclass
class Job:
    id: int
    kind: str
    file_key: str
    path: str
    root: str
    content: bytes | None
    content_hash: str
    attempts: int
    kb: str | None = None  # the knowledge base to put the file into (None: its own, else the default)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def enqueue(store: PostgresStore, ingest: list[SourceFile], remove: list[str], kb: str | None = None) -> list[int]:
    """Queue jobs (in one transaction) to index the files ``ingest`` (into knowledge base ``kb``)
    and drop the files ``remove``."""
    ids: list[int] = []
    with store.connection() as conn, conn.transaction():
        for key in remove:
            row = conn.execute(
                "INSERT INTO jobs (kind, file_key) VALUES ('remove', %s) RETURNING id", (key,)
            ).fetchone()
            ids.append(int(row[0]) if row else 0)
        for source in ingest:
            content = source.path.read_bytes()
            row = conn.execute(
                "INSERT INTO jobs (kind, file_key, path, root, content, content_hash, kb) "
                "VALUES ('ingest', %s, %s, %s, %s, %s, %s) RETURNING id",
                (
                    source.key,
                    str(source.path.resolve()),
                    str(source.root.resolve()),
                    content,
                    file_hash(source.path),
                    kb,
                ),
            ).fetchone()
            ids.append(int(row[0]) if row else 0)
    return ids


def claim(store: PostgresStore, worker: str, lease_seconds: float) -> Job | None:
    """The oldest job that is queued, or running with an expired lease (its worker died), now
    held by ``worker``; ``None`` when there is none. Jobs out of attempts are marked failed."""
    with store.connection() as conn, conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
        cur.execute(
            "UPDATE jobs SET status = 'failed', error = coalesce(error, 'worker stopped during every attempt'), "
            "updated_at = now() WHERE status = 'running' AND lease_until < now() AND attempts >= max_attempts"
        )
        row = cur.execute(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, worker = %s, updated_at = now(), "
            "lease_until = now() + make_interval(secs => %s) WHERE id = ("
            "  SELECT id FROM jobs WHERE status = 'queued' OR (status = 'running' AND lease_until < now()) "
            "  ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) "
            "RETURNING id, kind, file_key, path, root, content, content_hash, attempts, kb",
            (worker, lease_seconds),
        ).fetchone()
    if row is None:
        return None
    content = row["content"]
    return Job(
        int(row["id"]),
        row["kind"],
        row["file_key"],
        row["path"],
        row["root"],
        bytes(content) if content is not None else None,
        row["content_hash"],
        int(row["attempts"]),
        row["kb"],
    )


@contextmanager
def heartbeat(store: PostgresStore, job: Job, worker: str, lease_seconds: float) -> Iterator[None]:
    """Renew the job's lease every third of it while the body runs."""
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(lease_seconds / 3):
            try:
                with store.connection() as conn:
                    conn.execute(
                        "UPDATE jobs SET lease_until = now() + make_interval(secs => %s) "
                        "WHERE id = %s AND worker = %s AND status = 'running'",
                        (lease_seconds, job.id, worker),
                    )
            except Exception:  # the database is away: the lease may lapse, the job is then redone
                continue

    thread = threading.Thread(target=renew, name=f"lease-{job.id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def fail(store: PostgresStore, job: Job, worker: str, reason: str, retry: bool) -> None:
    """Give the job back (``retry``, while attempts remain) or mark it failed with ``reason``."""
    with store.connection() as conn:
        conn.execute(
            "UPDATE jobs SET status = CASE WHEN %s AND attempts < max_attempts THEN 'queued' ELSE 'failed' END, "
            "error = %s, lease_until = NULL, updated_at = now() WHERE id = %s AND worker = %s AND status = 'running'",
            (retry, reason, job.id, worker),
        )


def _source_of(job: Job, scratch: Path) -> SourceFile:
    """The file to read: where it was, when it is there unchanged (its meta.yaml and sidecar
    apply), else the bytes that came with the job."""
    path = Path(job.path)
    try:
        if path.is_file() and file_hash(path) == job.content_hash:
            return SourceFile(path, Path(job.root or path.parent), job.file_key)
    except OSError:
        pass
    copy = scratch / path.name
    copy.write_bytes(job.content or b"")
    return SourceFile(copy, scratch, job.file_key)


def process(store: PostgresStore, job: Job, worker: str, settings: Settings, embedder: Embedder) -> None:
    """Do one claimed job: parse, embed, then write and finish it in one transaction."""
    if job.kind == "remove":
        store.replace_files([], [job.file_key], embedder.identity, job=(job.id, worker), result={"removed": 1})
        return
    with tempfile.TemporaryDirectory(prefix="assistant-job-") as scratch:
        try:
            kb = job.kb or store.file_kbs([job.file_key]).get(job.file_key) or DEFAULT_KB
            prepared = prepare_file(_source_of(job, Path(scratch)), settings, now(), None, kb)
        except IngestError as exc:
            fail(store, job, worker, exc.reason, retry=False)
            return
    assert prepared is not None
    key, digest, documents, chunks = prepared
    total = store.count() - store.passages_of([key]) + len(chunks)
    if total > settings.max_passages:
        reason = f"refused: {total} passages exceed the limit of {settings.max_passages} (ASSISTANT_MAX_PASSAGES)"
        fail(store, job, worker, reason, retry=False)
        return
    embed_rows(chunks, embedder)
    result = {"documents": len(documents), "passages": len(chunks)}
    store.replace_files([(key, digest, now(), documents, chunks)], [], embedder.identity, (job.id, worker), result)


def run_once(store: PostgresStore, worker: str, settings: Settings, embedder: Embedder) -> Job | None:
    """Claim and do one job; the job, or ``None`` when the queue had none for this worker."""
    lease = settings.job_lease_seconds
    job = claim(store, worker, lease)
    if job is None:
        return None
    try:
        with heartbeat(store, job, worker, lease):
            process(store, job, worker, settings, embedder)
    except LeaseLost:
        pass  # another worker took it over after our lease ran out; its result counts
    except Exception as exc:
        fail(store, job, worker, f"{type(exc).__name__}: {exc}", retry=True)
        raise
    return job


def job_states(store: PostgresStore, ids: list[int]) -> list[dict[str, Any]]:
    with store.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            "SELECT id, kind, file_key, status, attempts, error, result FROM jobs WHERE id = ANY(%s) ORDER BY id",
            (ids,),
        ).fetchall()


def wait_for(
    store: PostgresStore, ids: list[int], settings: Settings, embedder: Embedder, timeout: float
) -> list[dict[str, Any]]:
    """Work on the queue (as one more worker) until the jobs ``ids`` are done or failed."""
    worker = worker_name()
    deadline = time.monotonic() + timeout
    while True:
        states = job_states(store, ids)
        if all(s["status"] in ("done", "failed") for s in states):
            return states
        if time.monotonic() > deadline:
            raise TimeoutError(f"{sum(s['status'] not in ('done', 'failed') for s in states)} ingest jobs not done")
        if run_once(store, worker, settings, embedder) is None:
            time.sleep(0.5)  # the rest are held by other workers


def report_of(states: list[dict[str, Any]], store: PostgresStore, report: IngestReport) -> IngestReport:
    for state in states:
        if state["status"] == "failed":
            report.skipped.append((state["file_key"], state["error"] or "failed"))
        elif state["kind"] == "ingest":
            report.embedded += int((state["result"] or {}).get("passages", 0))
    stored = store.documents()
    report.documents = len(stored)
    report.passages = sum(d.passages for d in stored)
    report.generation = f"pg-{store.data_version()}"
    return report
