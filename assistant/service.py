"""The assistant as one object: what the CLI and the web layer call.

It owns the embedder (loaded once) and reads the current index generation
(``current_index.py``), switching to a newer one when an ingest finished."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import faiss

from assistant.answer.compose import compose
from assistant.answer.selector import Selector
from assistant.corpus_view import places_read_with
from assistant.current_index import CurrentIndex
from assistant.followup import resolve_followup
from assistant.index.build import IngestReport, ingest
from assistant.index.embed import Embedder
from assistant.index.store import EmbeddedStore, Filters, IndexMismatch, IndexMissing, PassageStore
from assistant.models import Answer, Chunk, Document, Hit
from assistant.retrieve.search import Mode, Retriever
from assistant.scope import fact_doc_ids, kb_name, readable, restrict_book, visible_documents
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.facts.book import FactBook
    from assistant.store.postgres import PostgresStore


log = logging.getLogger(__name__)


def scoped(filters: Filters | dict[str, Any] | None, kbs: list[str] | None) -> Filters:
    """A request's own filters (never its knowledge bases) limited to the knowledge bases ``kbs``."""
    own = filters if isinstance(filters, Filters) else Filters.from_dict(filters)
    return own.within(kbs)


class Assistant:
    """Search, ask and manage documents over one index folder."""

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None):
        self.settings = settings or Settings()
        self.embedder = embedder or Embedder(self.settings)
        faiss.omp_set_num_threads(max(1, self.settings.search_threads))
        self._index = CurrentIndex(self.settings, self.embedder)
        self._selector: Selector | None = None

    # -- index generations ------------------------------------------------
    def _current(self) -> tuple[PassageStore, Retriever]:
        return self._index.get()

    def server_store(self) -> PostgresStore:
        """The PostgreSQL store of server mode, connected (and migrated) on first use."""
        return self._index.server_store()

    @property
    def store(self) -> PassageStore:
        return self._current()[0]

    def embedded_store(self) -> EmbeddedStore:
        """The current generation of the index folder; an error in server mode, which has none."""
        store = self.store
        if not isinstance(store, EmbeddedStore):
            raise IndexMismatch("this operation needs the embedded index folder; server mode keeps no folder")
        return store

    @property
    def selector(self) -> Selector:
        """The fitted sentence selector (loaded on first use)."""
        if self._selector is None:
            self._selector = Selector.load(self.settings.selector_path)
        return self._selector

    @property
    def retriever(self) -> Retriever:
        return self._current()[1]

    def ready(self) -> bool:
        try:
            self._current()
            return True
        except IndexMissing:
            return False

    # -- questions ----------------------------------------------------------
    def search(
        self,
        query: str,
        k: int | None = None,
        filters: Filters | dict[str, Any] | None = None,
        mode: Mode = "hybrid",
        rerank: bool = True,
        kbs: list[str] | None = None,
    ) -> list[Hit]:
        """The best passages for ``query`` in the knowledge bases ``kbs`` (None: all). Hybrid
        results are re-ordered by the fitted selector: the passage holding the sentence most
        likely to answer comes first."""
        filters = scoped(filters, kbs)
        retriever = self._current()[1]
        k = k or self.settings.top_k
        if mode != "hybrid" or not rerank:
            return retriever.search(query, k, filters, mode)
        from assistant.answer.prepared import CANDIDATE_DEPTH, prepare
        from assistant.answer.selection import rank_passages

        hits = retriever.search(query, max(k, CANDIDATE_DEPTH), filters, mode)
        prepared = prepare(query, hits, retriever, by_parts=False)  # ranking reads the whole question only
        return rank_passages(prepared, self.selector.probabilities(prepared.matrix))[:k]

    def retrieve(
        self, question: str, filters: Filters | dict[str, Any] | None = None, kbs: list[str] | None = None
    ) -> list[Hit]:
        """The passages an answer is chosen from: the question's own hits, and for a comparison
        the hits of each side's own query, merged turn by turn."""
        from assistant.retrieve.plan import interleave, side_queries

        filters = scoped(filters, kbs)
        hits = self.search(question, filters=filters, rerank=False)
        sides = side_queries(
            question, places_read_with(self.retriever, (self.retriever.profile(h.chunk.doc_id) for h in hits))
        )
        if not sides:
            return hits
        rankings = [hits] + [self.search(q, filters=filters, rerank=False) for q in sides]
        return interleave(rankings, self.settings.top_k + 2 * len(sides))

    def ask(
        self,
        question: str,
        history: list[dict[str, str]] | None = None,
        mode: str = "qa",
        filters: Filters | dict[str, Any] | None = None,
        kbs: list[str] | None = None,
    ) -> Answer:
        """A cited answer (or an honest refusal) to ``question`` from the knowledge bases ``kbs``
        (None: all); ``history`` resolves follow-ups."""
        filters = scoped(filters, kbs)
        resolved = resolve_followup(question, history or [])
        if mode == "draft":
            from assistant.draft.compose import compose_draft

            answer = compose_draft(resolved, self, filters)
        else:
            hits = self.retrieve(resolved, filters=filters)
            if self.settings.llm_base_url:
                answer = self._ask_llm(resolved, hits)
            else:
                answer = compose(resolved, hits, self.retriever, self.selector)
        answer.question = question
        answer.resolved_question = resolved
        return answer

    def _llm_inputs(self, question: str, hits: list[Hit]) -> tuple[Answer, list[Hit], float]:
        """The extractive answer, the passages in the selector's order (what the LLM reads) and
        the selector's best sentence probability (the retrieval confidence that decides asking)."""
        from assistant.answer.compose import decide
        from assistant.answer.prepared import prepare
        from assistant.answer.selection import rank_passages

        prepared = prepare(question, hits, self.retriever)
        answer = decide(prepared, self.selector)
        if not prepared.candidates:
            return answer, [], 0.0
        probabilities = self.selector.probabilities(prepared.matrix)
        return answer, rank_passages(prepared, probabilities), float(probabilities.max())

    def _ask_llm(self, question: str, hits: list[Hit]) -> Answer:
        """The extractive answer, or the LLM's when retrieval confidence says to ask it and its
        answer passes the checks (answer/llm.py)."""
        from assistant.answer.llm import llm_answer

        answer, ranked, confidence = self._llm_inputs(question, hits)
        return llm_answer(question, ranked, self.settings, answer, confidence)[0]

    def ask_stream(
        self,
        question: str,
        history: list[dict[str, str]] | None = None,
        filters: Filters | dict[str, Any] | None = None,
        stop: threading.Event | None = None,
        kbs: list[str] | None = None,
    ) -> Iterator[tuple[str, Answer | str]]:
        """A question (qa mode) as events: when the LLM is asked, ``("extractive", answer)``, then
        ``("token", text)`` as it writes (unverified, for progress only); always ``("answer",
        answer)`` last, the answer to show. ``stop`` ends the LLM's generation."""
        from assistant.answer.llm import should_consult, stream_llm_answer

        resolved = resolve_followup(question, history or [])
        hits = self.retrieve(resolved, filters=filters, kbs=kbs)
        answer, ranked, confidence = self._llm_inputs(resolved, hits)
        answer.question, answer.resolved_question = question, resolved
        if ranked and should_consult(answer, confidence, self.settings):
            yield "extractive", answer
            for event in stream_llm_answer(resolved, ranked, self.settings, answer, stop):
                if isinstance(event, str):
                    yield "token", event
                else:
                    answer = event[0]
        answer.question, answer.resolved_question = question, resolved
        yield "answer", answer

    def facts(self, kbs: list[str] | None = None) -> FactBook:
        """The structured facts (results, targets, problems, criteria) of the current index, as
        ingest saved them with its generation: read once per generation, never extracted or
        written here. A generation without them gives an empty book (``problem`` says why).
        With ``kbs``, only the facts of documents in those knowledge bases."""
        from assistant.facts import FactBook

        store = self.store
        book = FactBook.from_store(store)
        return book if kbs is None else restrict_book(book, fact_doc_ids(store.documents(), kbs))

    # -- documents ----------------------------------------------------------
    def documents(self, kbs: list[str] | None = None) -> list[dict[str, Any]]:
        """The indexed documents (of the knowledge bases ``kbs``; None: all) as dicts."""
        return [d.to_dict() for d in visible_documents(self.store.documents(), kbs)]

    def document_places(self) -> frozenset[str]:
        """The cities and counties the indexed documents are about."""
        return self.retriever.document_places()

    def document(self, doc_id: str, kbs: list[str] | None = None) -> tuple[Document, list[Chunk]] | None:
        """A document with its passages; None when there is none, or it is outside ``kbs``."""
        store = self.store
        document = store.document(doc_id)
        if document is None or not readable(document.meta.kb, kbs):
            return None
        return document, store.document_chunks(doc_id)

    def ingest(
        self,
        paths: list[Path],
        *,
        rebuild: bool = False,
        progress: Callable[[str, int, int], None] | None = None,
        kb: str | None = None,
    ) -> IngestReport:
        """Add or update files (incremental), into knowledge base ``kb`` when given (else a file
        keeps its own, a new one goes into the default); the next question sees the new index.
        The facts of the new index are extracted here too, so the server finds them ready."""
        kb = kb_name(kb) if kb is not None else None
        if self.settings.database_url is not None:
            from assistant.store.pg_ingest import ingest_postgres

            report = ingest_postgres(
                paths, self.settings, self.embedder, self.server_store(), rebuild=rebuild, progress=progress, kb=kb
            )
        else:
            report = ingest(paths, self.settings, self.embedder, rebuild=rebuild, progress=progress, kb=kb)
        self._prepare_facts()
        return report

    def _prepare_facts(self) -> None:
        """Load the facts that the ingest just saved with the new generation (read-only), so the
        first list question does not wait for them."""
        from assistant.index.store import IndexMismatch

        try:
            self.facts()
        except (IndexMissing, IndexMismatch):  # nothing to read yet; the next question says why
            log.warning("no index to read facts from after ingest")

    def remove_document(self, doc_id: str) -> IngestReport | None:
        """Drop the file a document came from (all its articles) from the index."""
        document = self.store.document(doc_id)
        if document is None:
            return None
        if self.settings.database_url is not None:
            from assistant.store.pg_ingest import ingest_postgres

            report = ingest_postgres([], self.settings, self.embedder, self.server_store(), remove_keys=[document.path])
        else:
            report = ingest([], self.settings, self.embedder, remove_keys=[document.path])
        self._prepare_facts()
        return report
