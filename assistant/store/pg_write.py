"""Writing rows into the server store inside a caller's transaction: a file's documents and
passages (passages with their vector and keyword terms, by ``COPY``), the data version readers
key their caches by, and the queue lease a worker must still hold for its write to count."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import psycopg

from assistant.auth.access import DEFAULT_KB
from assistant.index.generation import PASSAGE_FIELDS
from assistant.store.pg_keywords import term_rows, tsvector_literal
from assistant.text import squeeze

# A file as the writers take it: key, content hash, ingested at, document rows, passage rows
# (each with ``vector`` bytes and ``tokens``).
PgFile = tuple[str, str, str, list[dict[str, Any]], list[dict[str, Any]]]

# As migration 0001 creates it (a bulk load drops and rebuilds it).
HNSW_INDEX = (
    "CREATE INDEX chunks_embedding ON chunks USING hnsw (embedding vector_ip_ops) WITH (m = 16, ef_construction = 64)"
)


class LeaseLost(RuntimeError):
    """A worker's job was taken over by another worker (its lease ran out): its work is dropped."""


def finish_job(cur: psycopg.Cursor[Any], job: tuple[int, str], result: dict[str, Any] | None) -> None:
    """Mark queue job ``job`` (id, worker) done; ``LeaseLost`` unless this worker still holds it."""
    held = cur.execute(
        "UPDATE jobs SET status = 'done', lease_until = NULL, result = %s, updated_at = now() "
        "WHERE id = %s AND worker = %s AND status = 'running' RETURNING id",
        (json.dumps(result or {}, ensure_ascii=False), job[0], job[1]),
    ).fetchone()
    if held is None:
        raise LeaseLost(f"job {job[0]} is no longer held by {job[1]}")


def insert_files(cur: psycopg.Cursor[Any], files: list[PgFile]) -> None:
    for key, content_hash, at, documents, chunks in files:
        cur.execute("INSERT INTO files VALUES (%s, %s, %s)", (key, content_hash, at))
        _insert_documents(cur, key, documents)
        _insert_chunks(cur, chunks)


def raise_data_version(cur: psycopg.Cursor[Any], model: dict[str, Any]) -> int:
    """Raise the data version (recording the model that made the rows); the new version."""
    row = cur.execute(
        "UPDATE store_state SET data_version = data_version + 1, model = %s RETURNING data_version",
        (json.dumps(model),),
    ).fetchone()
    return int(row[0]) if row else 0


def _insert_documents(cur: psycopg.Cursor[Any], key: str, documents: list[dict[str, Any]]) -> None:
    for d in documents:
        cur.execute(
            "INSERT INTO documents (doc_id, file_key, source, path, title, years, body, body_full, kind, period, "
            "place, text, content_hash, ingested_at, notes, kb) "
            "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            (
                d["doc_id"],
                key,
                d["source"],
                d["path"],
                d["title"],
                d["years"] if isinstance(d["years"], str) else json.dumps(d["years"]),
                d["body"],
                d["body_full"],
                d["kind"],
                d["period"],
                d.get("place") or "",
                d["text"],
                d["content_hash"],
                d["ingested_at"],
                d["notes"] if isinstance(d["notes"], str) else json.dumps(d["notes"], ensure_ascii=False),
                d.get("kb") or DEFAULT_KB,
            ),
        )


def _insert_chunks(cur: psycopg.Cursor[Any], chunks: list[dict[str, Any]]) -> None:
    if not chunks:
        return
    ids = [
        int(r[0])
        for r in cur.execute(
            "SELECT nextval(pg_get_serial_sequence('chunks', 'id')) FROM generate_series(1, %s)", (len(chunks),)
        ).fetchall()
    ]
    with cur.copy(
        'COPY chunks (id, chunk_id, doc_id, ordinal, heading, text, start, "end", deadline, search_text, '
        "compact_text, token_count, tsv, embedding, ocr_page) FROM STDIN"
    ) as copy:
        for chunk_id, c in zip(ids, chunks, strict=True):
            tokens = c["tokens"].split()
            vector = np.frombuffer(c["vector"], dtype=np.float32) if isinstance(c["vector"], bytes) else c["vector"]
            copy.write_row(
                (
                    chunk_id,
                    *(c[name] for name in PASSAGE_FIELDS),
                    squeeze(c["search_text"]),
                    max(1, len(tokens)),
                    tsvector_literal(tokens),
                    "[" + ",".join(f"{x:.8g}" for x in np.asarray(vector, dtype=np.float32)) + "]",
                    int(c.get("ocr_page") or 0),
                )
            )
    with cur.copy("COPY chunk_terms (term, chunk, tf, doc_len) FROM STDIN") as copy:
        for chunk_id, c in zip(ids, chunks, strict=True):
            for row in term_rows(chunk_id, c["tokens"].split()):
                copy.write_row(row)
