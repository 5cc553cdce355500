"""What one reader may see: the knowledge bases (知识库) of a request turned into the documents
and facts it may read. Retrieval itself is limited inside the stores (``Filters.kbs``); this
module covers what is read around it (a document by id, the document list, the facts)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from assistant.auth.access import DEFAULT_KB
from assistant.store.base import DocumentInfo

if TYPE_CHECKING:
    from assistant.facts.book import FactBook

KB_NAME_MAX = 40
KB_NAME_PATTERN = r"^[^\x00-\x1f\x7f-\x9f/\\]*$"  # what kb_name accepts, for API schemas


def kb_name(text: str) -> str:
    """A knowledge base name as stored (trimmed); ``ValueError`` in Chinese when it cannot be one."""
    name = " ".join(text.split())
    if not name:
        raise ValueError("知识库名称不能为空。")
    if len(name) > KB_NAME_MAX:
        raise ValueError(f"知识库名称过长（{len(name)} 字，上限 {KB_NAME_MAX} 字）。")
    if any(unicodedata.category(ch) == "Cc" or ch in "/\\" for ch in name):
        raise ValueError("知识库名称不能含控制字符或斜杠。")
    return name


def readable(kb: str, kbs: Iterable[str] | None) -> bool:
    """Whether a document of ``kb`` may be read by a reader of ``kbs`` (None: every one)."""
    return kbs is None or kb in kbs


def visible_documents(documents: Iterable[DocumentInfo], kbs: list[str] | None) -> list[DocumentInfo]:
    return [d for d in documents if readable(d.meta.kb, kbs)]


def restrict_book(book: FactBook, doc_ids: set[str] | None) -> FactBook:
    """The facts of the documents ``doc_ids`` only (None: the book itself), with the targets'
    status read again from the results the reader may see (a result in another knowledge base
    neither shows a target done nor is named in its ``done_by``)."""
    from assistant.facts.book import FactBook
    from assistant.facts.model import Fact

    if doc_ids is None:
        return book
    kept = [Fact(**fact.to_dict()) for fact in book.facts if fact.doc_id in doc_ids]
    periods = {doc_id: period for doc_id, period in book.doc_periods.items() if doc_id in doc_ids}
    errors = list(book.errors) if "" in doc_ids else []  # unreadable tables: the default knowledge base's
    restricted = FactBook(kept, errors, book.generation, periods, problem=book.problem)
    restricted.mark_target_status()
    return restricted


def fact_doc_ids(documents: Iterable[DocumentInfo], kbs: list[str] | None) -> set[str] | None:
    """The doc ids whose facts a reader of ``kbs`` sees (None: all); "" stands for facts of
    tables that are no document, seen by readers of the default knowledge base."""
    if kbs is None:
        return None
    allowed = {d.doc_id for d in visible_documents(documents, kbs)}
    return allowed | {""} if DEFAULT_KB in kbs else allowed
