"""The server store: PostgreSQL with pgvector, shared by any number of serve and worker processes.

Passages are ``chunks`` rows named by their ``id``; vectors sit in an HNSW index; the keyword
index is the jieba tokens of each passage, ranked BM25-style in SQL (``chunk_terms``) or with
``ts_rank`` over a ``simple`` tsvector (``settings.pg_keyword_ranking``). Every write that
readers may see (a file's documents and passages, a removal) is one transaction that also
raises ``store_state.data_version``: a document appears whole or not at all, and readers key
their caches by that version.

A database fault (restart, lost connection) is raised as ``StoreUnavailable``; the pool drops
broken connections when they are next taken, so service resumes once the database is back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import psycopg
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from assistant.models import Chunk, Document, DocumentMeta
from assistant.store.base import (
    DocumentInfo,
    Filters,
    IndexMismatch,
    IndexMissing,
    StoreUnavailable,
    chunk_from_row,
    document_from_row,
    document_info_from_row,
    in_rank_order,
    meta_from_row,
)
from assistant.store.pg_filter import passage_filter
from assistant.store.pg_keywords import bm25_search, ts_rank_search
from assistant.store.pg_schema import apply_migrations
from assistant.store.pg_write import HNSW_INDEX, PgFile, finish_job, insert_files, raise_data_version
from assistant.text import compact

_DOC_COLUMNS = (
    "doc_id, source, path, title, years, body, body_full, kind, period, place, content_hash, ingested_at, notes, kb"
)


def connect_once(url: str) -> psycopg.Connection[Any]:
    """One autocommit connection (migrations, locks); ``StoreUnavailable`` when it cannot be made."""
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        raise StoreUnavailable(f"cannot connect to the database: {exc}") from exc


class PostgresStore:
    """All data in one PostgreSQL database; safe to share between threads (a connection pool)."""

    def __init__(
        self,
        url: str,
        dims: int | None,
        *,
        pool_size: int = 8,
        ef_search: int = 100,
        keyword_ranking: str = "bm25",
        timeout: float = 5.0,
    ):
        self.url = url
        self.keyword_ranking = keyword_ranking
        self.ef_search = ef_search
        with connect_once(url) as conn:
            created = conn.execute("SELECT to_regclass('store_state') IS NOT NULL").fetchone()
            if dims is None and not (created and created[0]):
                raise IndexMissing("the database holds no index yet: run `assistant ingest`")
            stored = conn.execute("SELECT dims FROM store_state").fetchone() if created and created[0] else None
            apply_migrations(conn, dims if dims is not None else int(stored[0]) if stored else 0)
            stored = conn.execute("SELECT dims FROM store_state").fetchone()
        self.dims = int(stored[0]) if stored else 0
        if dims is not None and self.dims != dims:
            raise IndexMismatch(
                f"the database holds {self.dims}-dimensional vectors, the configured model makes "
                f"{dims}: rebuild with `assistant ingest --rebuild` into a new database or set ASSISTANT_MODEL"
            )
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url,
            min_size=1,
            max_size=max(1, pool_size),
            kwargs={"autocommit": True, "connect_timeout": 5},
            configure=self._configure,
            check=ConnectionPool.check_connection,
            timeout=timeout,
            reconnect_timeout=24 * 3600,  # keep trying while the database is away
            open=True,
            name="assistant-store",
        )
        self.manifest: dict[str, Any] = {}

    def _configure(self, conn: psycopg.Connection[Any]) -> None:
        register_vector(conn)
        conn.execute(f"SET hnsw.ef_search = {int(self.ef_search)}")

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection; database faults become ``StoreUnavailable``."""
        try:
            with self._pool.connection() as conn:
                yield conn
        except (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout) as exc:
            raise StoreUnavailable(f"database unavailable: {exc}") from exc

    def _rows(self, sql: str, args: Any = ()) -> list[dict[str, Any]]:
        with self.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
            return cur.execute(sql, args).fetchall()

    # -- state -----------------------------------------------------------------
    def data_version(self) -> int:
        return int(self._rows("SELECT data_version FROM store_state")[0]["data_version"])

    def model_identity(self) -> dict[str, Any]:
        return dict(self._rows("SELECT model FROM store_state")[0]["model"] or {})

    def refresh_manifest(self) -> dict[str, Any]:
        """The manifest readers see (as an embedded generation's): model, counts, version."""
        state = self._rows(
            "SELECT data_version, model, (SELECT count(*) FROM documents) AS documents, "
            "(SELECT count(*) FROM chunks) AS passages FROM store_state"
        )[0]
        if not state["data_version"]:
            raise IndexMissing("the database holds no index yet: run `assistant ingest`")
        self.manifest = {
            "generation": f"pg-{state['data_version']}",
            "data_version": int(state["data_version"]),
            "model": state["model"],
            "documents": int(state["documents"]),
            "passages": int(state["passages"]),
            "index_type": "pgvector-hnsw",
        }
        return self.manifest

    def check_model(self, identity: dict[str, Any]) -> None:
        built = self.model_identity()
        if built.get("fingerprint") != identity.get("fingerprint") or built.get("dims") != identity.get("dims"):
            raise IndexMismatch(
                f"the database was built with model '{built.get('name')}' ({built.get('dims')} dims, "
                f"{built.get('fingerprint')}); the configured model is '{identity.get('name')}' "
                f"({identity.get('dims')} dims, {identity.get('fingerprint')}). Rebuild with "
                "`assistant ingest --rebuild` or set ASSISTANT_MODEL to the model that built it."
            )

    # -- reading ---------------------------------------------------------------
    def count(self) -> int:
        return int(self._rows("SELECT count(*) AS n FROM chunks")[0]["n"])

    def documents(self) -> list[DocumentInfo]:
        rows = self._rows(
            f"SELECT {_DOC_COLUMNS}, (SELECT count(*) FROM chunks c WHERE c.doc_id = d.doc_id) AS passages "
            "FROM documents d ORDER BY d.path, d.doc_id"
        )
        return [document_info_from_row(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        rows = self._rows(f"SELECT {_DOC_COLUMNS}, text FROM documents WHERE doc_id = %s", (doc_id,))
        return document_from_row(rows[0]) if rows else None

    def document_chunks(self, doc_id: str) -> list[Chunk]:
        return [
            chunk_from_row(r) for r in self._rows("SELECT * FROM chunks WHERE doc_id = %s ORDER BY ordinal", (doc_id,))
        ]

    def document_meta(self) -> dict[str, tuple[str, str, DocumentMeta]]:
        return {
            r["doc_id"]: (r["title"], r["source"], meta_from_row(r))
            for r in self._rows(f"SELECT {_DOC_COLUMNS} FROM documents")
        }

    def chunks(self, rowids: list[int]) -> dict[int, Chunk]:
        if not rowids:
            return {}
        rows = self._rows("SELECT * FROM chunks WHERE id = ANY(%s)", ([int(i) for i in rowids],))
        return {int(r["id"]): chunk_from_row(r) for r in rows}

    def all_chunks(self) -> list[tuple[int, Chunk]]:
        return [(int(r["id"]), chunk_from_row(r)) for r in self._rows("SELECT * FROM chunks ORDER BY id")]

    def passages_containing(self, word: str) -> int:
        word = compact(word)
        if not word:
            return 0
        return int(self._rows("SELECT count(*) AS n FROM chunks WHERE strpos(compact_text, %s) > 0", (word,))[0]["n"])

    def chunk_rowids(self, filters: Filters) -> np.ndarray | None:
        if filters.is_empty():
            return None
        kbs = sorted(set(filters.kbs)) if filters.kbs is not None else None
        if (
            kbs is not None
            and not self._rows("SELECT EXISTS (SELECT 1 FROM documents WHERE kb <> ALL(%s)) AS o", (kbs,))[0]["o"]
        ):
            if filters.only_kbs():
                return None  # every document is in these knowledge bases: the search stays unfiltered
            kbs = None
        sql, args = passage_filter(filters, kbs)
        return np.array([r["id"] for r in self._rows(sql, args)], dtype=np.int64)

    def dense_search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        if allowed is not None and len(allowed) == 0:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if allowed is None:  # the HNSW index (ef_search at least k, so that it can return k)
            with self.connection() as conn, conn.transaction():
                conn.execute(f"SET LOCAL hnsw.ef_search = {max(int(self.ef_search), int(k))}")
                rows = conn.execute(
                    "SELECT id, embedding <#> %s AS distance FROM chunks ORDER BY embedding <#> %s LIMIT %s",
                    (query, query, k),
                ).fetchall()
        else:  # exact over the allowed passages only (a materialised set keeps the index out)
            with self.connection() as conn:
                rows = conn.execute(
                    "WITH allowed AS MATERIALIZED (SELECT id, embedding <#> %s AS distance FROM chunks "
                    "WHERE id = ANY(%s)) SELECT id, distance FROM allowed ORDER BY distance LIMIT %s",
                    (query, [int(i) for i in allowed], k),
                ).fetchall()
        return in_rank_order([(int(i), -float(d)) for i, d in rows])

    def keyword_search(self, query_tokens: list[str], k: int, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        if not query_tokens or (allowed is not None and len(allowed) == 0):
            return []
        ids = None if allowed is None else [int(i) for i in allowed]
        search = ts_rank_search if self.keyword_ranking == "ts_rank" else bm25_search
        with self.connection() as conn:
            return search(conn, query_tokens, k, ids)

    # -- writing ---------------------------------------------------------------
    def replace_files(
        self,
        files: list[PgFile],
        remove_keys: list[str],
        model: dict[str, Any],
        job: tuple[int, str] | None = None,
        result: dict[str, Any] | None = None,
    ) -> int:
        """In one transaction: drop the files ``remove_keys`` and those of ``files`` (key,
        content_hash, ingested_at, document rows, passage rows with ``vector`` bytes and
        ``tokens``), write ``files`` anew and raise the data version (returned). With ``job``
        (id, worker), that queue job is marked done in the same transaction, and nothing is
        written unless this worker still holds it (``LeaseLost``)."""
        with self.connection() as conn, conn.transaction(), conn.cursor() as cur:
            if job is not None:
                finish_job(cur, job, result)
            cur.execute("DELETE FROM files WHERE key = ANY(%s)", (list(remove_keys) + [f[0] for f in files],))
            insert_files(cur, files)
            return raise_data_version(cur, model)

    def bulk_load(self, files: list[PgFile], model: dict[str, Any]) -> int:
        """Replace everything by ``files`` in one transaction, building the HNSW index once after
        the rows are in (much faster than growing it row by row); the new data version."""
        with self.connection() as conn, conn.transaction(), conn.cursor() as cur:
            cur.execute("DELETE FROM files")
            cur.execute("DROP INDEX IF EXISTS chunks_embedding")
            insert_files(cur, files)
            cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cur.execute(HNSW_INDEX)
            return raise_data_version(cur, model)

    def clear(self) -> None:
        """Drop every file, document and passage (``ingest --rebuild``), in one transaction."""
        with self.connection() as conn, conn.transaction():
            conn.execute("DELETE FROM files")
            conn.execute("UPDATE store_state SET data_version = data_version + 1, model = '{}'::jsonb")

    def file_kbs(self, keys: list[str] | None = None) -> dict[str, str]:
        """File key → the knowledge base of its documents (of ``keys``, or of every file)."""
        where, args = ("WHERE file_key = ANY(%s)", (list(keys),)) if keys is not None else ("", ())
        return {
            r["file_key"]: r["kb"] for r in self._rows(f"SELECT DISTINCT file_key, kb FROM documents {where}", args)
        }

    def move_to_kb(self, keys: list[str], kb: str) -> int:
        """Put the documents of the files ``keys`` into ``kb`` (one transaction, the data version
        raised when any moved); how many documents moved."""
        if not keys:
            return 0
        with self.connection() as conn, conn.transaction():
            moved = conn.execute(
                "UPDATE documents SET kb = %s WHERE file_key = ANY(%s) AND kb <> %s", (kb, list(keys), kb)
            ).rowcount
            if moved:
                conn.execute("UPDATE store_state SET data_version = data_version + 1")
        return int(moved or 0)

    def file_hashes(self) -> dict[str, str]:
        return {r["key"]: r["content_hash"] for r in self._rows("SELECT key, content_hash FROM files")}

    def passages_of(self, keys: list[str]) -> int:
        """How many passages the files ``keys`` have in the store."""
        if not keys:
            return 0
        return int(
            self._rows(
                "SELECT count(*) AS n FROM chunks c JOIN documents d ON d.doc_id = c.doc_id WHERE d.file_key = ANY(%s)",
                (keys,),
            )[0]["n"]
        )

    def page_image(self, doc_id: str, page: int) -> bytes | None:
        """Page images of scans are kept by the embedded store only: none here."""
        return None

    def close(self) -> None:
        self._pool.close()
