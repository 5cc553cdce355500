"""Build or update the index: embed only new or changed files, drop deleted ones, and
switch to the new index atomically.

Each run writes a complete new generation folder, then replaces the ``CURRENT``
pointer with one ``os.replace``. A run that crashes or is killed at any moment leaves
the previous generation in place and loadable. A file lock serialises ingests."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock, Timeout

from assistant import __version__
from assistant.auth.access import DEFAULT_KB
from assistant.index.embed import Embedder
from assistant.index.store import (
    CURRENT,
    SCHEMA_VERSION,
    UPGRADABLE_SCHEMAS,
    IndexMismatch,
    IndexMissing,
    current_generation,
)
from assistant.index.tokenize import tokens as keyword_tokens
from assistant.ingest.load import IngestError, check_file
from assistant.ingest.pipeline import discover, file_hash, prepare
from assistant.ingest.scan_pages import rects_json
from assistant.models import Chunk, Document
from assistant.settings import Settings
from assistant.text import squeeze

_SCHEMA = """
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


@dataclass
class _FileRows:
    key: str
    content_hash: str
    ingested_at: str
    documents: list[dict[str, Any]]
    chunks: list[dict[str, Any]]  # with "vector" (bytes) and "tokens" (str)
    pages: dict[int, bytes] = field(default_factory=dict)  # images of pages read by OCR (read this run)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _read_previous(index_dir: Path) -> tuple[dict[str, Any], dict[str, _FileRows]]:
    try:
        folder = current_generation(index_dir)
    except IndexMissing:
        return {}, {}
    manifest = json.loads((folder / "manifest.json").read_text())
    db = sqlite3.connect(f"file:{folder / 'passages.sqlite'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        files = {
            r["key"]: _FileRows(r["key"], r["content_hash"], r["ingested_at"], [], [])
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


def _rows_for(
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


def _move_to_kb(rows: _FileRows | None, kb: str) -> bool:
    """Put an indexed file's documents into ``kb``; whether any moved."""
    moved = False
    for document in rows.documents if rows else []:
        if (document.get("kb") or DEFAULT_KB) != kb:
            document["kb"] = kb
            moved = True
    return moved


def _build_faiss(vectors: np.ndarray, ids: np.ndarray, dims: int, flat_max: int) -> tuple[Any, str]:
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


def _write_generation(
    folder: Path,
    files: list[_FileRows],
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
    db.executescript(_SCHEMA)
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
                    c["chunk_id"],
                    c["doc_id"],
                    c["ordinal"],
                    c["heading"],
                    c["text"],
                    c["start"],
                    c["end"],
                    c["deadline"],
                    c["search_text"],
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
    index, kind = _build_faiss(matrix, np.array(ids, dtype=np.int64), dims, flat_max)
    faiss.write_index(index, str(folder / "dense.faiss"))
    if token_lists:
        bm25 = bm25s.BM25()
        bm25.index(token_lists, show_progress=False)
        bm25.save(str(folder / "bm25"))
    write_facts(folder, sources, previous)  # the server only reads them
    manifest = manifest | {"index_type": kind, "passages": len(ids), "facts": facts_version()}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    for path in [*folder.rglob("*"), folder]:  # files, then the folders that name them
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())
        elif path.is_dir():
            _fsync_dir(path)
    return kind


def _write_page_images(db: sqlite3.Connection, files: list[_FileRows], previous: Path | None) -> None:
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


def _printable(path: str) -> str:
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


def _switch_current(index_dir: Path, name: str) -> None:
    tmp = index_dir / f".{CURRENT}.{uuid.uuid4().hex}"
    with tmp.open("w") as fh:
        fh.write(name)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)


def _remove_stale(index_dir: Path, keep: set[str]) -> None:
    """Drop generations other than the current and previous one (readers may still hold that)."""
    for child in index_dir.iterdir():
        if child.name.startswith("gen-") and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
        elif child.name.startswith(f".{CURRENT}."):
            child.unlink(missing_ok=True)


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
        manifest, previous = ({}, {}) if rebuild else _read_previous(index_dir)
        if manifest and not rebuild:
            built = manifest.get("model", {})
            if built.get("fingerprint") != embedder.fingerprint or manifest.get("schema") not in UPGRADABLE_SCHEMAS:
                raise IndexMismatch(
                    f"index in {index_dir} was built with model '{built.get('name')}' ({built.get('fingerprint')}) "
                    f"and schema {manifest.get('schema')}; configured model is '{embedder.name}' "
                    f"({embedder.fingerprint}). Run `assistant ingest --rebuild` to rebuild it."
                )
        found = discover(paths)
        report.skipped += [(_printable(e.path), e.reason) for e in found.skipped]
        at = _now()
        result: dict[str, _FileRows] = {}
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
                if _printable(source.key) != source.key:
                    raise IngestError(_printable(str(source.path)), _bad_name_reason(source.path))
                check_file(source.path, settings.max_file_bytes)  # before hashing: no huge reads, no FIFOs
                digest = file_hash(source.path)
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
                report.skipped.append((_printable(str(source.path)), f"cannot read ({exc.strerror or exc})"))
                continue
            rows = _FileRows(source.key, digest, at, [], [])
            file_kb = kb or kbs_before.get(source.key) or DEFAULT_KB
            for document, chunks in prepared:
                doc_row, chunk_rows = _rows_for(document, chunks, source.key, at, file_kb)
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
                _remove_stale(index_dir, {manifest["generation"], manifest["previous"]})
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
            "created": _now(),
            "model": embedder.identity,
            "documents": report.documents,
            "files": {r.key: r.content_hash for r in ordered},
        }
        if progress:
            progress("write", 0, 1)
        sources = {f.key: f.path for f in found.files}
        reuse = index_dir / previous_name if previous_name and not rebuild else None  # its facts of unchanged files
        report.index_type = _write_generation(
            index_dir / name, ordered, new_manifest, embedder.dim, settings.flat_index_max, sources, reuse
        )
        _switch_current(index_dir, name)
        _remove_stale(index_dir, {name, previous_name})
        report.generation = name
        return report
    finally:
        report.seconds = round(time.perf_counter() - started, 2)
        lock.release()
