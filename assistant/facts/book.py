"""All facts of an index (plus criteria tables), searchable and comparable (the queries of
:class:`~assistant.facts.queries.FactQueries`): how they are built, saved and read.

Facts are built once, by ingest: :func:`~assistant.facts.generation.write_facts` extracts them
from a new index generation (criteria spreadsheets read with the table reader) and saves them
in that generation's folder before the ``CURRENT`` pointer names it. At query time
:meth:`FactBook.from_store` only reads them (once per generation): it never extracts and never
writes. A generation without usable facts (written by an older version) gives an empty book
whose ``problem`` says to run ``assistant ingest``, which writes a new generation with them."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.facts.extract import extract_facts
from assistant.facts.model import Fact
from assistant.facts.queries import FactQueries
from assistant.facts.table import TableError, find_tables, load_criteria_table
from assistant.facts.target_status import mark_status
from assistant.ingest.pipeline import file_hash
from assistant.models import Chunk, Document

log = logging.getLogger(__name__)


@dataclass
class FactBook(FactQueries):
    facts: list[Fact]
    errors: list[str] = field(default_factory=list)  # criteria tables that could not be read
    generation: str = ""  # the index generation folder the facts come from
    _doc_periods: dict[str, str] = field(default_factory=dict, repr=False)
    problem: str = ""  # why the book is empty although the index is not (no facts saved with it)
    # doc_id → the signature of the document the facts were extracted from, and their positions
    # in ``facts`` (so that the next ingest reuses them for an unchanged document).
    _documents: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    # -- building (by ingest) -----------------------------------------------------------
    @classmethod
    def from_documents(
        cls,
        documents: Iterable[tuple[Document, list[Chunk]]],
        criteria_dir: str | Path | None = None,
        generation: str = "",
        *,
        tables: Mapping[str, Path] | None = None,
        previous: FactBook | None = None,
    ) -> FactBook:
        """The facts of ``documents``. A document whose ``doc_id`` is in ``tables`` is a criteria
        spreadsheet: its criteria are read from that file with the table reader (exact columns)
        instead of from its passages. The facts of a document that ``previous`` extracted from
        the same text and metadata are taken over. ``criteria_dir``: tables in a folder that are
        not documents of the index (their criteria are added; a table that is a document is read once)."""
        documents = list(documents)
        tables = dict(tables or {})
        facts: list[Fact] = []
        errors: list[str] = []
        if criteria_dir is not None:
            ingested = {document.content_hash: document.doc_id for document, _ in documents}
            for path in find_tables(criteria_dir):
                digest = file_hash(path)
                if digest in ingested:  # a document of the index: read once, below
                    tables.setdefault(ingested[digest], path)
                    continue
                try:
                    facts.extend(load_criteria_table(path))
                except TableError as exc:
                    errors.append(str(exc))
        periods: dict[str, str] = {}
        per_document: dict[str, dict[str, Any]] = {}
        for document, chunks in documents:
            periods[document.doc_id] = document.meta.period
            signature = _signature(document, tables.get(document.doc_id))
            found, problems = previous._facts_of(document.doc_id, signature) if previous is not None else (None, [])
            if found is None:
                found, problems = _document_facts(document, chunks, tables.get(document.doc_id))
            per_document[document.doc_id] = {
                "signature": signature,
                "facts": [len(facts), len(facts) + len(found)],
                "errors": problems,
            }
            facts.extend(found)
            errors.extend(problems)
        book = cls(facts, errors, generation, periods, _documents=per_document)
        book.mark_target_status()
        return book

    def _facts_of(self, doc_id: str, signature: str) -> tuple[list[Fact] | None, list[str]]:
        """Copies of the facts this book holds for an unchanged document (None: changed or new)."""
        entry = self._documents.get(doc_id)
        if entry is None or entry.get("signature") != signature:
            return None, []
        first, last = entry["facts"]
        return [Fact(**self.facts[i].to_dict()) for i in range(first, last)], list(entry.get("errors", []))

    # -- reading (at query time: never extracts, never writes) ---------------------------
    @classmethod
    def from_store(cls, store: Any, criteria_dir: str | Path | None = None) -> FactBook:
        """The facts that ingest saved with ``store``'s index generation, read once per store
        instance. Read-only: a generation without usable facts gives an empty book whose
        ``problem`` says so. ``criteria_dir`` is not used (kept for callers of the former API:
        the criteria tables that are documents of the index were read at ingest)."""
        with _CACHE_LOCK:
            cached = _CACHE.get(store)
        if cached is not None:
            return cached
        folder = getattr(store, "folder", None)
        saved = cls.load(Path(folder) / SAVED_NAME) if folder is not None else None
        if saved is not None:
            book = saved
        elif folder is None:  # the server store (PostgreSQL) keeps no facts yet: nothing to run
            book = cls([], problem=NO_FACTS_SERVER)
        else:
            log.warning("index generation %s has no facts of this version; run `assistant ingest`", folder)
            book = cls([], generation=str(folder), problem=NO_FACTS)
        with _CACHE_LOCK:
            return _CACHE.setdefault(store, book)

    # -- saved in an index generation -------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the book to ``path`` atomically and durably (ingest, before the generation is
        switched to). Raises OSError: an ingest whose facts cannot be written fails."""
        data = {
            "key": facts_version(),
            "facts": [f.to_dict() for f in self.facts],
            "errors": self.errors,
            "periods": self._doc_periods,
            "documents": self._documents,
        }
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            with tmp.open("w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            folder = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
        finally:
            tmp.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path) -> FactBook | None:
        """The book saved at ``path`` by this version of the extractor, or None (missing, of
        other rules, or unreadable)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("key") != facts_version():
                return None
            facts = [Fact(**fact) for fact in data["facts"]]
            return cls(
                facts,
                list(data["errors"]),
                str(path.parent),
                dict(data["periods"]),
                _documents=dict(data.get("documents", {})),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.warning("saved facts at %s not used: %s", path, exc)
            return None

    # -- target status ----------------------------------------------------------------------
    def mark_target_status(self) -> None:
        """Set the status of every target (:func:`~assistant.facts.target_status.mark_status`)."""
        mark_status(self.facts, self._doc_periods)

    @property
    def doc_periods(self) -> dict[str, str]:
        """Each document's period, as the targets' status reads it."""
        return self._doc_periods


SAVED_NAME = "facts.json"
NO_FACTS = "此索引没有保存事实数据（由旧版本生成）；请运行 assistant ingest 更新索引。"
NO_FACTS_SERVER = "服务器模式（PostgreSQL）暂不保存事实数据：事实页为空，问答不受影响。"


# Modules of this package that only read, query or show saved facts: the others make them.
_READERS = ("__init__.py", "chart.py", "evaluate.py", "measures.py", "queries.py")


@functools.lru_cache(maxsize=1)
def _extractor_version() -> str:
    """Changes whenever the extraction rules do: saved books of other rules are not used."""
    digest = hashlib.sha256(__version__.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        if module.name not in _READERS:
            digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def facts_version() -> str:
    """The version of the facts a generation must hold (recorded in its manifest as ``facts``)."""
    return _extractor_version()


def _signature(document: Document, table: Path | None) -> str:
    meta = document.meta
    parts = [
        document.doc_id,
        document.content_hash,
        document.source,
        meta.title,
        json.dumps(meta.years),
        meta.body,
        meta.body_full,
        meta.kind,
        meta.period,
        "table" if table is not None else "text",
    ]
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:24]


def _document_facts(document: Document, chunks: list[Chunk], table: Path | None) -> tuple[list[Fact], list[str]]:
    """The facts of one document (from its spreadsheet when ``table`` is given), and the reason
    its spreadsheet could not be read as a criteria table."""
    problems: list[str] = []
    if table is not None:
        try:
            return load_criteria_table(table, name=document.source), []
        except TableError as exc:  # not a criteria table: its rows are read as passages
            problems.append(str(exc))
    try:
        return extract_facts(document, chunks), problems
    except Exception:  # one odd document must not take the whole book down
        log.exception("fact extraction failed for %s", document.source)
        return [], problems


_CACHE: weakref.WeakKeyDictionary[Any, FactBook] = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()
