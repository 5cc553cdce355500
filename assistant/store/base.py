"""The store interface that retrieval, the service and the web layer use, and the types it
speaks in. Neither implementation is imported here, so the default path never loads a database
driver it does not need."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, Protocol

import numpy as np

from assistant.auth.access import DEFAULT_KB
from assistant.models import Chunk, Document, DocumentMeta


class IndexMissing(RuntimeError):
    """No index has been built in this folder (or database) yet."""


class IndexMismatch(RuntimeError):
    """The index was built with another embedding model or schema."""


class StoreUnavailable(RuntimeError):
    """The database cannot be reached (restarting, network down): the request may be retried."""


def in_rank_order(hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Search results (passage, score) best first, equal scores by passage: the order both stores
    give, so that they rank alike. Scores are compared as float32 (FAISS and bm25s compute in
    float32, PostgreSQL in float64: the last bits differ, and an exact tie must stay one)."""
    return sorted(hits, key=lambda hit: (-float(np.float32(hit[1])), hit[0]))


@dataclass
class Filters:
    """Optional restrictions on retrieval; empty fields match everything.

    A store turns them into the set of passages allowed (``chunk_rowids``) and searches only
    those (prefiltering inside the vector and keyword search, never dropping results after
    it), so a further restriction (a knowledge base) is one more clause there."""

    doc_ids: list[str] | None = None
    years: list[int] | None = None
    bodies: list[str] | None = None
    kinds: list[str] | None = None
    # The knowledge bases a request may read (None: every one). Set by the service from the
    # request's access, never read from a request's own filters: [] allows nothing.
    kbs: list[str] | None = None

    def is_empty(self) -> bool:
        return self.kbs is None and not (self.doc_ids or self.years or self.bodies or self.kinds)

    def only_kbs(self) -> bool:
        """Whether the knowledge bases are the only restriction."""
        return self.kbs is not None and not (self.doc_ids or self.years or self.bodies or self.kinds)

    def within(self, kbs: list[str] | None) -> Filters:
        """These filters limited to ``kbs`` too (None: no further limit)."""
        if kbs is None:
            return self
        narrowed = list(kbs) if self.kbs is None else [kb for kb in self.kbs if kb in kbs]
        return replace(self, kbs=narrowed)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Filters:
        data = data or {}

        def as_list(value: Any) -> list[Any] | None:
            if value in (None, "", []):
                return None
            return value if isinstance(value, list) else [value]

        years = as_list(data.get("years") or data.get("year"))
        return cls(
            doc_ids=as_list(data.get("doc_ids") or data.get("doc_id")),
            years=[int(y) for y in years] if years else None,
            bodies=as_list(data.get("bodies") or data.get("body")),
            kinds=as_list(data.get("kinds") or data.get("kind")),
        )


@dataclass
class DocumentInfo:
    doc_id: str
    source: str
    path: str
    meta: DocumentMeta
    passages: int
    content_hash: str
    ingested_at: str
    notes: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "path": self.path,
            "title": self.meta.title,
            "years": self.meta.years,
            "year": self.meta.year,
            "body": self.meta.body,
            "body_full": self.meta.body_full,
            "kind": self.meta.kind,
            "period": self.meta.period,
            "place": self.meta.place,
            "kb": self.meta.kb,
            "passages": self.passages,
            "content_hash": self.content_hash,
            "ingested_at": self.ingested_at,
            "notes": self.notes,
        }


class PassageStore(Protocol):
    """What the rest of the assistant needs from an index, whichever store holds it.

    Passages are named by an integer id (``rowid``) that stays the same while the data version
    does; ``allowed`` is an array of such ids (``None``: every passage)."""

    manifest: dict[str, Any]

    def check_model(self, identity: dict[str, Any]) -> None: ...
    def count(self) -> int: ...
    def documents(self) -> list[DocumentInfo]: ...
    def document(self, doc_id: str) -> Document | None: ...
    def document_chunks(self, doc_id: str) -> list[Chunk]: ...
    def document_meta(self) -> dict[str, tuple[str, str, DocumentMeta]]: ...
    def chunks(self, rowids: list[int]) -> dict[int, Chunk]: ...
    def all_chunks(self) -> list[tuple[int, Chunk]]: ...
    def chunk_rowids(self, filters: Filters) -> np.ndarray | None: ...
    def dense_search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None) -> list[tuple[int, float]]: ...
    def keyword_search(
        self, query_tokens: list[str], k: int, allowed: np.ndarray | None
    ) -> list[tuple[int, float]]: ...
    def passages_containing(self, word: str) -> int: ...
    def page_image(self, doc_id: str, page: int) -> bytes | None: ...
    def close(self) -> None: ...


class Row(Protocol):
    """A database row read by column name (``sqlite3.Row``, a psycopg dict row)."""

    def __getitem__(self, key: str, /) -> Any: ...
    def keys(self) -> Any: ...


def meta_from_row(row: Row) -> DocumentMeta:
    """Document metadata from a ``documents`` row of either store (years as JSON text or a list)."""
    years = row["years"]
    keys = list(row.keys())
    return DocumentMeta(
        title=row["title"],
        years=json.loads(years) if isinstance(years, str) else list(years or []),
        body=row["body"],
        body_full=row["body_full"],
        kind=row["kind"],
        period=row["period"],
        place=row["place"] if "place" in keys else "",  # schema 2 has no place
        kb=row["kb"] if "kb" in keys and row["kb"] else DEFAULT_KB,  # indexes before knowledge bases have none
    )


def chunk_from_row(row: Row) -> Chunk:
    from assistant.ingest.scan_pages import rects_from_json

    keys = list(row.keys())
    return Chunk(
        chunk_id=row["chunk_id"],
        doc_id=row["doc_id"],
        ordinal=row["ordinal"],
        heading=row["heading"],
        text=row["text"],
        start=row["start"],
        end=row["end"],
        deadline=row["deadline"],
        search_text=row["search_text"],
        ocr_page=row["ocr_page"] if "ocr_page" in keys else 0,  # indexes before OCR have none
        ocr_boxes=rects_from_json(row["ocr_boxes"]) if "ocr_boxes" in keys else [],  # nor before page images
    )


def notes_from(value: Any) -> list[str]:
    return list(json.loads(value) if isinstance(value, str) else value or [])


def document_info_from_row(row: Row) -> DocumentInfo:
    """A document list entry from a ``documents`` row with a ``passages`` count (either store)."""
    return DocumentInfo(
        row["doc_id"],
        row["source"],
        row["path"],
        meta_from_row(row),
        int(row["passages"]),
        row["content_hash"],
        row["ingested_at"],
        notes_from(row["notes"]),
    )


def document_from_row(row: Row) -> Document:
    """A whole document from a ``documents`` row with its ``text`` (either store)."""
    return Document(
        row["doc_id"],
        row["source"],
        row["path"],
        row["text"],
        meta_from_row(row),
        row["content_hash"],
        notes_from(row["notes"]),
    )
