"""The embedded store, the default: one index generation on disk (SQLite for passages and
documents, FAISS for vectors, bm25s for keywords), written whole by ``assistant.index.build``
and named by the ``CURRENT`` pointer of the index folder."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.auth.access import DEFAULT_KB
from assistant.models import Chunk, Document, DocumentMeta
from assistant.store.base import (
    DocumentInfo,
    Filters,
    IndexMismatch,
    IndexMissing,
    chunk_from_row,
    document_from_row,
    document_info_from_row,
    in_rank_order,
    meta_from_row,
)
from assistant.text import compact

CURRENT = "CURRENT"
SCHEMA_VERSION = 3  # 3: documents have a place
# Schemas whose files, documents and passages (with their vectors) an ingest carries over,
# rebuilding the rest: 1 lacks only the term tables.
UPGRADABLE_SCHEMAS = {1, 2, 3}


def current_generation(index_dir: Path) -> Path:
    pointer = index_dir / CURRENT
    if not pointer.exists():
        raise IndexMissing(f"no index in {index_dir}: run `assistant ingest` first")
    name = pointer.read_text().strip()
    folder = index_dir / name
    if not (folder / "manifest.json").exists():
        raise IndexMissing(f"index pointer {pointer} names {name}, which is incomplete or missing")
    return folder


class _Prepared:
    """What searching within one allowed set needs, made on first use: FAISS's selector and
    the keyword scores' mask (shared by threads: FAISS only reads a selector)."""

    def __init__(self, allowed: np.ndarray):
        self.allowed = allowed
        self._selector: Any = None
        self._mask: np.ndarray | None = None
        self._lock = threading.Lock()

    def selector(self) -> Any:
        import faiss

        with self._lock:
            if self._selector is None:
                self._selector = faiss.IDSelectorBatch(self.allowed)
            return self._selector

    def mask(self, rowids: np.ndarray) -> np.ndarray:
        with self._lock:
            if self._mask is None:
                self._mask = np.isin(rowids, self.allowed)
            return self._mask


class EmbeddedStore:
    """One on-disk index generation, opened read-only. Safe to share between threads."""

    def __init__(self, folder: Path):
        import bm25s
        import faiss

        self.folder = folder
        self.manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text())
        if self.manifest.get("schema") != SCHEMA_VERSION:
            raise IndexMismatch(
                f"index at {folder} has schema {self.manifest.get('schema')}, this version reads {SCHEMA_VERSION}: "
                + (
                    "update it with `assistant ingest` (passages are kept, nothing is re-embedded)"
                    if self.manifest.get("schema") in UPGRADABLE_SCHEMAS
                    else "rebuild it with `assistant ingest --rebuild`"
                )
            )
        self._db = sqlite3.connect(f"file:{folder / 'passages.sqlite'}?mode=ro", uri=True, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.Lock()
        self._faiss = faiss.read_index(str(folder / "dense.faiss"))
        self._bm25 = bm25s.BM25.load(str(folder / "bm25"), load_corpus=False) if self.count() else None
        self._has_kb = any(r["name"] == "kb" for r in self._query("PRAGMA table_info(documents)"))
        self._kb_clauses: dict[tuple[str, ...], tuple[tuple[str, list[Any]] | None]] = {}
        # A generation never changes: the passages of a knowledge-base filter, and the FAISS
        # selector and keyword mask of an allowed set, are made once (bench/kb_filter.py).
        self._kb_rowids: dict[tuple[str, ...], np.ndarray | None] = {}
        self._prepared: dict[int, _Prepared] = {}
        ids = self._query("SELECT rowid FROM chunks ORDER BY rowid")
        # bm25s scores by position in indexing order; rowids were indexed in ascending order.
        self._bm25_rowids = np.array([r[0] for r in ids], dtype=np.int64)

    @classmethod
    def open_current(cls, index_dir: Path) -> EmbeddedStore:
        return cls(current_generation(index_dir))

    def check_model(self, identity: dict[str, Any]) -> None:
        """Refuse to search an index made by another model: its vectors mean nothing to this one."""
        built = self.manifest.get("model", {})
        if built.get("fingerprint") != identity.get("fingerprint") or built.get("dims") != identity.get("dims"):
            raise IndexMismatch(
                f"index in {self.folder.parent} was built with model '{built.get('name')}' "
                f"({built.get('dims')} dims, {built.get('fingerprint')}); the configured model is "
                f"'{identity.get('name')}' ({identity.get('dims')} dims, {identity.get('fingerprint')}). "
                "Rebuild with `assistant ingest --rebuild` or set ASSISTANT_MODEL to the model that built it."
            )

    def _query(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def count(self) -> int:
        return int(self._query("SELECT count(*) FROM chunks")[0][0])

    def documents(self) -> list[DocumentInfo]:
        rows = self._query(
            "SELECT d.*, (SELECT count(*) FROM chunks c WHERE c.doc_id = d.doc_id) AS passages "
            "FROM documents d ORDER BY d.path, d.doc_id"
        )
        return [document_info_from_row(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        rows = self._query("SELECT * FROM documents WHERE doc_id = ?", (doc_id,))
        return document_from_row(rows[0]) if rows else None

    def document_chunks(self, doc_id: str) -> list[Chunk]:
        return [
            chunk_from_row(r) for r in self._query("SELECT * FROM chunks WHERE doc_id = ? ORDER BY ordinal", (doc_id,))
        ]

    def chunks(self, rowids: list[int]) -> dict[int, Chunk]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        rows = self._query(f"SELECT rowid, * FROM chunks WHERE rowid IN ({marks})", [int(i) for i in rowids])
        return {int(r["rowid"]): chunk_from_row(r) for r in rows}

    def all_chunks(self) -> list[tuple[int, Chunk]]:
        return [(int(r["rowid"]), chunk_from_row(r)) for r in self._query("SELECT rowid, * FROM chunks ORDER BY rowid")]

    def passages_containing(self, word: str) -> int:
        """In how many passages ``word`` (either script) occurs in the normalised text."""
        word = compact(word)
        if not word:
            return 0
        if len(word) < 3:
            rows = self._query("SELECT passages FROM short_terms WHERE term = ?", (word,))
            return int(rows[0][0]) if rows else 0
        # GLOB on a trigram table uses the index (LIKE ... ESCAPE would scan every passage).
        pattern = "*" + "".join(f"[{ch}]" if ch in "*?[" else ch for ch in word) + "*"
        return int(self._query("SELECT count(*) FROM chunk_trigrams WHERE text GLOB ?", (pattern,))[0][0])

    def page_image(self, doc_id: str, page: int) -> bytes | None:
        """The kept image (JPEG) of page ``page`` of the file document ``doc_id`` came from, if it
        was read by OCR (None too for a generation written before page images were kept)."""
        try:
            rows = self._query(
                "SELECT p.image FROM page_images p JOIN documents d ON d.file_key = p.file_key "
                "AND d.content_hash = p.content_hash WHERE d.doc_id = ? AND p.page = ?",
                (doc_id, int(page)),
            )
        except sqlite3.OperationalError:  # no page_images table
            return None
        return bytes(rows[0][0]) if rows else None

    def document_meta(self) -> dict[str, tuple[str, str, DocumentMeta]]:
        """doc_id → (title, source file name, metadata), for decorating hits."""
        return {
            r["doc_id"]: (r["title"], r["source"], meta_from_row(r)) for r in self._query("SELECT * FROM documents")
        }

    def _kb_clause(self, kbs: list[str]) -> tuple[str, list[Any]] | None:
        """The SQL restricting documents to ``kbs``: ``None`` when no document lies outside them
        (no restriction, so the search stays unfiltered), ``("0", [])`` when none is inside.
        Documents of an index written before knowledge bases all belong to the default one."""
        key = tuple(sorted(set(kbs)))
        with self._lock:
            known = self._kb_clauses.get(key)
        if known is not None:
            return known[0]
        if not kbs:
            clause: tuple[str, list[Any]] | None = ("0", [])
        elif not self._has_kb:
            clause = None if DEFAULT_KB in kbs else ("0", [])
        else:
            marks = ",".join("?" * len(key))
            outside = self._query(f"SELECT EXISTS (SELECT 1 FROM documents WHERE kb NOT IN ({marks}))", key)[0][0]
            clause = (f"d.kb IN ({marks})", list(key)) if outside else None
        with self._lock:
            self._kb_clauses[key] = (clause,)
        return clause

    def chunk_rowids(self, filters: Filters) -> np.ndarray | None:
        if filters.is_empty():
            return None
        if filters.only_kbs():
            assert filters.kbs is not None
            key = tuple(sorted(set(filters.kbs)))
            with self._lock:
                if key in self._kb_rowids:
                    return self._kb_rowids[key]
            found = self._rowids(filters)
            with self._lock:
                if len(self._kb_rowids) > 64:
                    self._kb_rowids.clear()
                return self._kb_rowids.setdefault(key, found)
        return self._rowids(filters)

    def _prepared_for(self, allowed: np.ndarray) -> _Prepared:
        """The selector and keyword mask of ``allowed`` (kept while that array is the one cached)."""
        with self._lock:
            entry = self._prepared.get(id(allowed))
            if entry is not None and entry.allowed is allowed:
                return entry
            entry = _Prepared(allowed)
            if len(self._prepared) > 16:
                self._prepared.clear()
            self._prepared[id(allowed)] = entry
            return entry

    def _rowids(self, filters: Filters) -> np.ndarray | None:
        clauses: list[str] = []
        args: list[Any] = []
        if filters.kbs is not None:
            kb_clause = self._kb_clause(filters.kbs)
            if kb_clause is not None:
                clauses.append(kb_clause[0])
                args += kb_clause[1]
            elif filters.only_kbs():
                return None
        if filters.doc_ids:
            clauses.append(f"d.doc_id IN ({','.join('?' * len(filters.doc_ids))})")
            args += filters.doc_ids
        if filters.bodies:
            clauses.append(
                f"(d.body IN ({','.join('?' * len(filters.bodies))}) OR "
                + " OR ".join("d.body_full LIKE ?" for _ in filters.bodies)
                + ")"
            )
            args += filters.bodies + [f"%{b}%" for b in filters.bodies]
        if filters.kinds:
            clauses.append(f"d.kind IN ({','.join('?' * len(filters.kinds))})")
            args += filters.kinds
        if filters.years:
            clauses.append(
                "("
                + " OR ".join("EXISTS (SELECT 1 FROM json_each(d.years) WHERE value = ?)" for _ in filters.years)
                + ")"
            )
            args += filters.years
        sql = "SELECT c.rowid FROM chunks c JOIN documents d ON d.doc_id = c.doc_id WHERE " + " AND ".join(clauses)
        return np.array([r[0] for r in self._query(sql, args)], dtype=np.int64)

    def dense_search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        import faiss

        if self._faiss.ntotal == 0 or (allowed is not None and len(allowed) == 0):
            return []
        params = None
        selector = None  # referenced here until the search is done (params holds a C++ pointer to it)
        if allowed is not None:
            selector = self._prepared_for(allowed).selector()
            params = faiss.SearchParameters()
            params.sel = selector
        k = min(k, self._faiss.ntotal)
        scores, ids = self._faiss.search(vector.reshape(1, -1).astype(np.float32), k, params=params)
        del selector
        return in_rank_order([(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0])

    def keyword_search(self, query_tokens: list[str], k: int, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        if self._bm25 is None:
            return []
        known = [t for t in query_tokens if t in self._bm25.vocab_dict]
        if not known:
            return []
        scores = self._bm25.get_scores(known)
        if allowed is not None:
            scores = np.where(self._prepared_for(allowed).mask(self._bm25_rowids), scores, 0.0)
        found = np.flatnonzero(scores > 0)  # best first, equal scores by rowid (positions are in rowid order)
        top = found[np.argsort(-scores[found].astype(np.float32), kind="stable")[:k]]
        return [(int(self._bm25_rowids[i]), float(scores[i])) for i in top]

    def backup_into(self, target: sqlite3.Connection) -> None:
        """Copy this generation's database whole into ``target`` (consistent while others read)."""
        with self._lock:
            self._db.backup(target)

    def close(self) -> None:
        with self._lock:
            self._db.close()
