"""The passages a search may return in the server store: a query over the documents' columns
(knowledge base, document, body, kind, year), as the embedded store asks SQLite."""

from __future__ import annotations

from typing import Any

from assistant.store.base import Filters


def passage_filter(filters: Filters, kbs: list[str] | None) -> tuple[str, list[Any]]:
    """The query for the ids of the passages ``filters`` allow (``kbs``: the knowledge bases to
    keep, None when every document is in them); with its arguments."""
    clauses: list[str] = []
    args: list[Any] = []
    if kbs is not None:
        clauses.append("d.kb = ANY(%s)")
        args.append(kbs)
    if filters.doc_ids:
        clauses.append("d.doc_id = ANY(%s)")
        args.append(list(filters.doc_ids))
    if filters.bodies:
        clauses.append("(d.body = ANY(%s) OR d.body_full LIKE ANY(%s))")
        args += [list(filters.bodies), [f"%{b}%" for b in filters.bodies]]
    if filters.kinds:
        clauses.append("d.kind = ANY(%s)")
        args.append(list(filters.kinds))
    if filters.years:
        clauses.append("EXISTS (SELECT 1 FROM jsonb_array_elements(d.years) y WHERE y::int = ANY(%s))")
        args.append([int(y) for y in filters.years])
    where = " AND ".join(clauses) or "TRUE"
    return "SELECT c.id FROM chunks c JOIN documents d ON d.doc_id = c.doc_id WHERE " + where, args
