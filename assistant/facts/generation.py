"""The facts of an index generation: extracted by ingest from the generation's passages (its
criteria spreadsheets read with the table reader) and saved in its folder before the
``CURRENT`` pointer names it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistant.facts.book import SAVED_NAME, FactBook, facts_version
from assistant.facts.table import TABLE_SUFFIXES
from assistant.ingest.pipeline import file_hash
from assistant.models import Chunk, Document


def _generation_documents(folder: Path) -> list[tuple[Document, list[Chunk]]]:
    """Every document of a generation folder with its passages, read from its SQLite file
    (without opening the vector and keyword indexes)."""
    from assistant.store.base import chunk_from_row, meta_from_row

    db = sqlite3.connect(f"file:{folder / 'passages.sqlite'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        chunks: dict[str, list[Chunk]] = {}
        for row in db.execute("SELECT * FROM chunks ORDER BY doc_id, ordinal"):
            chunks.setdefault(row["doc_id"], []).append(chunk_from_row(row))
        return [
            (
                Document(
                    r["doc_id"],
                    r["source"],
                    r["path"],
                    r["text"],
                    meta_from_row(r),
                    r["content_hash"],
                    json.loads(r["notes"]),
                ),
                chunks.get(r["doc_id"], []),
            )
            for r in db.execute("SELECT * FROM documents ORDER BY path, doc_id")
        ]
    finally:
        db.close()


def _table_file(document: Document, sources: Mapping[str, Path]) -> Path | None:
    """The spreadsheet a document was read from, if it is still there with the same content."""
    if Path(document.source).suffix.lower() not in TABLE_SUFFIXES:
        return None
    path = sources.get(document.path) or Path(document.path)
    try:
        return path if path.is_file() and file_hash(path) == document.content_hash else None
    except OSError:
        return None


def write_facts(folder: Path, sources: Mapping[str, Path] | None = None, previous: Path | None = None) -> FactBook:
    """Extract the facts of the generation in ``folder`` and save them there (``facts.json``).

    Called by ingest (and by anything else that writes a generation) before ``CURRENT`` names
    the folder. ``sources`` maps file keys to the files read in this run (for criteria
    spreadsheets); ``previous`` is the generation before, whose facts of unchanged documents
    are taken over instead of being extracted again."""
    documents = _generation_documents(folder)
    sources = sources or {}
    tables = {d.doc_id: path for d, _ in documents if (path := _table_file(d, sources)) is not None}
    before = FactBook.load(previous / SAVED_NAME) if previous is not None else None
    book = FactBook.from_documents(documents, generation=str(folder), tables=tables, previous=before)
    book.save(folder / SAVED_NAME)
    return book


def facts_saved(folder: Path, manifest: Mapping[str, Any]) -> bool:
    """Whether the generation in ``folder`` holds facts of this version (without reading them)."""
    return manifest.get("facts") == facts_version() and (folder / SAVED_NAME).is_file()
