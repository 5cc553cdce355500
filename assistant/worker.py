"""`assistant worker`: takes ingest jobs from the PostgreSQL queue and does them (parse, embed,
write the file's passages in one transaction), on any machine that reaches the database.

Any number of workers may run; each claims one job at a time. A worker that loses the
database waits and carries on when it is back; one that is killed leaves no half-written file,
and its job is done again by a worker once its lease runs out."""

from __future__ import annotations

import logging
import threading

from assistant.index.embed import Embedder
from assistant.settings import Settings
from assistant.store.base import StoreUnavailable

log = logging.getLogger("assistant.worker")


def run_worker(
    settings: Settings,
    embedder: Embedder | None = None,
    *,
    stop: threading.Event | None = None,
    poll_seconds: float = 1.0,
    max_jobs: int | None = None,
) -> int:
    """Do jobs until ``stop`` is set (or ``max_jobs`` are done); the number of jobs done."""
    from assistant.store import queue
    from assistant.store.postgres import PostgresStore

    if settings.database_url is None:
        raise ValueError("assistant worker needs ASSISTANT_DATABASE_URL (server mode)")
    embedder = embedder or Embedder(settings)
    stop = stop or threading.Event()
    name = queue.worker_name()
    store: PostgresStore | None = None
    done = 0
    log.info("worker %s started", name)
    while not stop.is_set() and (max_jobs is None or done < max_jobs):
        try:
            if store is None:
                store = PostgresStore(
                    settings.database_url.get_secret_value(),
                    embedder.dim,
                    pool_size=2,
                    ef_search=settings.pg_ef_search,
                )
            job = queue.run_once(store, name, settings, embedder)
        except StoreUnavailable as exc:
            log.warning("database unavailable, retrying: %s", exc)
            stop.wait(max(poll_seconds, 2.0))
            continue
        except Exception:
            log.exception("job failed (given back to the queue)")
            continue
        if job is None:
            stop.wait(poll_seconds)
            continue
        done += 1
        log.info("job %s (%s %s) done", job.id, job.kind, job.file_key)
    if store is not None:
        store.close()
    return done
