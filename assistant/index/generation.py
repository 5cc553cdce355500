"""One generation of the embedded index, written whole: the passages and documents in SQLite,
vectors in FAISS, the keyword index (bm25s) and the facts, each file durable before ``CURRENT``
is switched to it with one ``os.replace``; and the rows of the generation a run starts from."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from assistant.auth.access import DEFAULT_KB
from assistant.index.store import CURRENT, IndexMissing, current_generation
from assistant.index.tokenize import tokens as keyword_tokens
from assistant.ingest.scan_pages import rects_json
from assistant.models import Chunk, Document
from assistant.text import squeeze

GENERATION_SCHEMA = """
CREATE TABLE files (key TEXT PRIMARY KEY, content_hash TEXT NOT NULL, ingested_at TEXT NOT NULL);
CREATE TABLE documents (
  doc_id TEXT PRIMARY KEY, file_key TEXT NOT NULL, source TEXT NOT NULL, path TEXT NOT NULL,
  title TEXT, years TEXT, body TEXT, body_full TEXT, kind TEXT, period TEXT, place TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL, content_hash TEXT NOT NULL, ingested_at TEXT NOT NULL, notes TEXT NOT NULL,
  kb TEXT NOT NULL DEFAULT '默认');
CREATE INDEX documents_kb ON documents(kb);
CREATE TABLE chunks (
  rowid INTEGER PRIMARY KEY, chunk_id TEXT UNIQUE NOT NULL, doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
  heading TEXT, text TEXT NOT NULL, start INTEGER, "end" INTEGER, deadline TEXT, search_text TEXT NOT NULL,
  tokens TEXT NOT NULL, vector BLOB NOT NULL, ocr_page INTEGER NOT NULL DEFAULT 0,
  ocr_boxes TEXT NOT NULL DEFAULT '');
CREATE INDEX chunks_doc ON chunks(doc_id);
-- The images of pages read by OCR (downscaled JPEG), shown with a cited passage's lines highlighted.
CREATE TABLE page_images (
  file_key TEXT NOT NULL, page INTEGER NOT NULL, content_hash TEXT NOT NULL, image BLOB NOT NULL,
  PRIMARY KEY (file_key, page));
-- In how many passages a word occurs (the answerer's "rarest topic word"): a trigram index
-- answers words of 3+ characters, a count table words of 1-2 characters.
CREATE VIRTUAL TABLE chunk_trigrams USING fts5(text, tokenize='trigram', detail='none');
CREATE TABLE short_terms (term TEXT PRIMARY KEY, passages INTEGER NOT NULL) WITHOUT ROWID;
"""


def _write_term_tables(db: sqlite3.Connection, search_texts: list[tuple[int, str]]) -> None:
    short: Counter[str] = Counter()
    rows = []
    for rowid, text in search_texts:
        text = squeeze(text)
        rows.append((rowid, text))
        short.update(set(text) | {text[i : i + 2] for i in range(len(text) - 1)})
    db.executemany("INSERT INTO chunk_trigrams (rowid, text) VALUES (?, ?)", rows)
    db.executemany("INSERT INTO short_terms VALUES (?, ?)", short.items())


@dataclass
class FileRows:
    key: str
    content_hash: str
    ingested_at: str
    documents: list[dict[str, Any]]
    chunks: list[dict[str, Any]]  # with "vector" (bytes) and "tokens" (str)
    pages: dict[int, bytes] = field(default_factory=dict)  # images of pages read by OCR (read this run)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_previous(index_dir: Path) -> tuple[dict[str, Any], dict[str, FileRows]]:
    try:
        folder = current_generation(index_dir)
    except IndexMissing:
        return {}, {}
    manifest = json.loads((folder / "manifest.json").read_text())
    db = sqlite3.connect(f"file:{folder / 'passages.sqlite'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        files = {
            r["key"]: FileRows(r["key"], r["content_hash"], r["ingested_at"], [], [])
            for r in db.execute("SELECT * FROM files")
        }
        doc_file = {}
        for r in db.execute("SELECT * FROM documents ORDER BY rowid"):
            files[r["file_key"]].documents.append(dict(r))
            doc_file[r["doc_id"]] = r["file_key"]
        for r in db.execute("SELECT * FROM chunks ORDER BY rowid"):
            files[doc_file[r["doc_id"]]].chunks.append(dict(r))
    finally:
        db.close()
    return manifest, files


# A passage row's own fields, in the order both stores write them (after their own row id).
PASSAGE_FIELDS = ("chunk_id", "doc_id", "ordinal", "heading", "text", "start", "end", "deadline", "search_text")


def rows_for(
    document: Document, chunks: list[Chunk], key: str, at: str, kb: str = DEFAULT_KB
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    meta = document.meta
    doc_row = {
        "doc_id": document.doc_id,
        "file_key": key,
        "source": document.source,
        "path": document.path,
        "title": meta.title,
        "years": json.dumps(meta.years),
        "body": meta.body,
        "body_full": meta.body_full,
        "kind": meta.kind,
        "period": meta.period,
        "place": meta.place,
        "text": document.text,
        "content_hash": document.content_hash,
        "ingested_at": at,
        "notes": json.dumps(document.notes, ensure_ascii=False),
        "kb": kb,
    }
    chunk_rows = [
        {
            "chunk_id": c.chunk_id,
            "doc_id": c.doc_id,
            "ordinal": c.ordinal,
            "heading": c.heading,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "deadline": c.deadline,
            "search_text": c.search_text,
            "ocr_page": c.ocr_page,
            "ocr_boxes": rects_json(c.ocr_boxes),
            "tokens": " ".join(keyword_tokens(c.search_text, normalized=True)),
            "vector": None,
            "_index_text": c.search_text,
        }
        for c in chunks
    ]
    return doc_row, chunk_rows


def build_faiss(vectors: np.ndarray, ids: np.ndarray, dims: int, flat_max: int) -> tuple[Any, str]:
    import faiss

    inner: faiss.Index
    if len(ids) > flat_max:
        hnsw = faiss.IndexHNSWFlat(dims, 32, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = 80
        hnsw.hnsw.efSearch = 256  # recall@10 0.906 at 300k vs 0.835 at 128 (bench/README.md)
        inner, kind = hnsw, "hnsw32"
    else:
        inner, kind = faiss.IndexFlatIP(dims), "flat"
    index = faiss.IndexIDMap2(inner)
    if len(ids):
        index.add_with_ids(vectors, ids)
    return index, kind


def write_generation(
    folder: Path,
    files: list[FileRows],
    manifest: dict[str, Any],
    dims: int,
    flat_max: int,
    sources: Mapping[str, Path],
    previous: Path | None,
) -> str:
    """Write a complete generation: passages, vectors, keyword index, and the facts extracted
    from them (``facts.json``), all durable before the caller switches ``CURRENT`` to it."""
    import bm25s
    import faiss

    from assistant.facts.book import facts_version
    from assistant.facts.generation import write_facts

    folder.mkdir(parents=True)
    db = sqlite3.connect(folder / "passages.sqlite")
    db.executescript(GENERATION_SCHEMA)
    vectors, ids, token_lists, search_texts = [], [], [], []
    rowid = 0
    for file in files:
        db.execute("INSERT INTO files VALUES (?, ?, ?)", (file.key, file.content_hash, file.ingested_at))
        for d in file.documents:
            if "place" not in d:  # a document kept from a generation of schema 2: its place read again
                from assistant.ingest.meta import derive_place

                d = d | {"place": derive_place(d.get("title") or "", d.get("body_full") or "", d.get("text") or "")}
            cols = [k for k in d if k != "rowid"]
            db.execute(
                f"INSERT INTO documents ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})", [d[c] for c in cols]
            )
        for c in file.chunks:
            rowid += 1
            db.execute(
                'INSERT INTO chunks (rowid, chunk_id, doc_id, ordinal, heading, text, start, "end", deadline, '
                "search_text, tokens, vector, ocr_page, ocr_boxes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    rowid,
                    *(c[name] for name in PASSAGE_FIELDS),
                    c["tokens"],
                    c["vector"],
                    c.get("ocr_page", 0),  # rows taken over from an index written before OCR have none
                    c.get("ocr_boxes") or "",
                ),
            )
            search_texts.append((rowid, c["search_text"]))
            vectors.append(np.frombuffer(c["vector"], dtype=np.float32))
            ids.append(rowid)
            token_lists.append(c["tokens"].split() or ["∅"])
    _write_term_tables(db, search_texts)
    _write_page_images(db, files, previous)
    db.commit()
    db.close()
    matrix = np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, dims), np.float32)
    index, kind = build_faiss(matrix, np.array(ids, dtype=np.int64), dims, flat_max)
    faiss.write_index(index, str(folder / "dense.faiss"))
    if token_lists:
        bm25 = bm25s.BM25()
        bm25.index(token_lists, show_progress=False)
        bm25.save(str(folder / "bm25"))
    write_facts(folder, sources, previous)  # the server only reads them
    manifest = manifest | {"index_type": kind, "passages": len(ids), "facts": facts_version()}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    make_durable(folder)
    return kind


def make_durable(folder: Path) -> None:
    """Flush a generation's files, then the folders that name them, before ``CURRENT`` names it."""
    for path in [*folder.rglob("*"), folder]:
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())
        elif path.is_dir():
            _fsync_dir(path)


def _write_page_images(db: sqlite3.Connection, files: list[FileRows], previous: Path | None) -> None:
    """The page images of files read now, and those of unchanged files taken over from the
    previous generation (a generation written before page images were kept has none)."""
    for file in files:
        db.executemany(
            "INSERT INTO page_images VALUES (?, ?, ?, ?)",
            [(file.key, page, file.content_hash, image) for page, image in sorted(file.pages.items())],
        )
    kept = [(f.key, f.content_hash) for f in files if not f.pages and any(c.get("ocr_page") for c in f.chunks)]
    if not kept or previous is None or not (previous / "passages.sqlite").exists():
        return
    db.commit()
    db.execute("ATTACH DATABASE ? AS previous", (str(previous / "passages.sqlite"),))  # only read
    try:
        for key, content_hash in kept:
            db.execute(
                "INSERT INTO page_images SELECT file_key, page, content_hash, image FROM previous.page_images "
                "WHERE file_key = ? AND content_hash = ?",
                (key, content_hash),
            )
    except sqlite3.OperationalError:  # no page_images table there
        pass
    db.commit()
    db.execute("DETACH DATABASE previous")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def switch_current(index_dir: Path, name: str) -> None:
    tmp = index_dir / f".{CURRENT}.{uuid.uuid4().hex}"
    with tmp.open("w") as fh:
        fh.write(name)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)


def remove_stale(index_dir: Path, keep: set[str]) -> None:
    """Drop generations other than the current and previous one (readers may still hold that)."""
    for child in index_dir.iterdir():
        if child.name.startswith("gen-") and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
        elif child.name.startswith(f".{CURRENT}."):
            child.unlink(missing_ok=True)
