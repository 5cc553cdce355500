"""Hybrid retrieval: FAISS dense ranking and jieba-BM25 keyword ranking, fused by
reciprocal rank (score = Σ 1/(k + rank)), with optional metadata filters."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from assistant.corpus import DocProfile, profile_of
from assistant.corpus_view import places_of_documents, places_read_with
from assistant.index.embed import Embedder
from assistant.index.tokenize import tokens as keyword_tokens
from assistant.models import Chunk, Hit
from assistant.places import places_in_file_name
from assistant.question import forms, read_question
from assistant.settings import Settings
from assistant.store.base import Filters, PassageStore
from assistant.text import compact, normalize

Mode = Literal["hybrid", "dense", "bm25"]
T = TypeVar("T")


class Retriever:
    """Searches one store with one embedder; cheap to create per index generation."""

    def __init__(self, store: PassageStore, embedder: Embedder, settings: Settings):
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._docs = store.document_meta()
        self._frequency: dict[str, int] = {}  # word → passages containing it
        self._document_texts: dict[str, str] = {}  # doc_id → compact text
        self._full_texts: dict[str, str] = {}  # doc_id → display text
        self._profiles: dict[str, DocProfile] = {}
        self._passages = store.count()
        self._cache_lock = threading.Lock()

    # -- what the answerer may know of the corpus (assistant.corpus.CorpusView) --
    def document_frequency(self, word: str) -> int:
        return self.term_frequency(word)

    def passage_count(self) -> int:
        return max(1, self._passages)

    def profile(self, doc_id: str) -> DocProfile:
        """What a document is about (years, months, places it names), read once per generation."""

        def build() -> DocProfile:
            document = self.store.document(doc_id)
            if document is None:
                return profile_of(doc_id, "", None)
            return profile_of(doc_id, document.text, document.meta, document.source)

        return self._cached(self._profiles, doc_id, build, 4096)

    def corpus_mentions(self, word: str) -> bool:
        """Some passage says ``word``, a file's name gives it, or it names a place a document is
        about (鹤岗 of a notice its addressees place in 鹤岗市, naming no city)."""
        return (
            self.term_frequency(word) > 0
            or word in self._file_places
            or any(word in place for place in self._document_places)
        )

    def document_places(self) -> frozenset[str]:
        return self._document_places

    @functools.cached_property
    def _document_places(self) -> frozenset[str]:
        return places_of_documents(meta for _, _, meta in self._docs.values())

    @functools.cached_property
    def _file_places(self) -> frozenset[str]:
        """The places the documents' file names give (中山 of 000_zhongshan-….txt)."""
        return frozenset(place for _, source, _ in self._docs.values() for place in places_in_file_name(source))

    def term_frequency(self, word: str) -> int:
        """In how many passages the word occurs (substring of the normalised text, so it does not
        depend on how jieba happened to segment the word in context)."""
        return self._cached(self._frequency, word, lambda: self.store.passages_containing(word), 50_000)

    def mentions(self, doc_id: str, word: str) -> bool:
        """Whether the document says ``word`` anywhere (either script, spaces ignored)."""

        def compact_text() -> str:
            return compact(self._display_text(doc_id))

        return compact(word) in self._cached(self._document_texts, doc_id, compact_text, 256)

    def text_before(self, hit: Hit, limit: int) -> str:
        text = self._display_text(hit.chunk.doc_id)
        return text[max(0, hit.chunk.start - limit) : hit.chunk.start]

    def _display_text(self, doc_id: str) -> str:
        """A document's text as stored, read from the store once while cached."""

        def read() -> str:
            document = self.store.document(doc_id)
            return document.text if document is not None else ""

        return self._cached(self._full_texts, doc_id, read, 64)

    def _cached(self, cache: dict[str, T], key: str, compute: Callable[[], T], limit: int) -> T:
        """``cache[key]``, computed outside the lock on a miss; the cache is emptied past ``limit``."""
        with self._cache_lock:
            if key in cache:
                return cache[key]
        value = compute()
        with self._cache_lock:
            if len(cache) > limit:
                cache.clear()
            cache[key] = value
        return value

    def _hit(self, chunk: Chunk, score: float, **ranks: Any) -> Hit:
        title, source, meta = self._docs.get(chunk.doc_id, ("", "", None))
        return Hit(chunk=chunk, score=score, title=title, source=source, meta=meta, **ranks)

    def following(self, hit: Hit) -> Hit | None:
        ordinal = hit.chunk.ordinal + 1
        return next(
            (self._hit(c, 0.0) for c in self.store.document_chunks(hit.chunk.doc_id) if c.ordinal == ordinal), None
        )

    def search(
        self, query: str, k: int | None = None, filters: Filters | None = None, mode: Mode = "hybrid"
    ) -> list[Hit]:
        """The best ``k`` passages for ``query`` (Simplified or Traditional), best first."""
        k = k or self.settings.top_k
        allowed = self.store.chunk_rowids(filters or Filters())
        norm = normalize(query)
        if not norm:
            return []
        pool = max(self.settings.candidates, k)
        dense = self.store.dense_search(self.embedder.encode_query(norm), pool, allowed) if mode != "bm25" else []
        keyword = self.store.keyword_search(self._query_tokens(norm), pool, allowed) if mode != "dense" else []
        fused: dict[int, dict[str, Any]] = {}
        for source, ranking in (("dense", dense), ("bm25", keyword)):
            for rank, (rowid, score) in enumerate(ranking, start=1):
                entry = fused.setdefault(rowid, {"score": 0.0})
                entry["score"] += 1.0 / (self.settings.rrf_k + rank)
                entry[f"{source}_rank"] = rank
                entry[f"{source}_score"] = score
        ranked = sorted(fused.items(), key=lambda item: -item[1]["score"])
        shortlist = ranked[: max(k, self.settings.rerank_depth)] if self.settings.rerank_by_profile else ranked[:k]
        chunks = self.store.chunks([rowid for rowid, _ in shortlist])
        hits = [
            self._hit(
                chunks[rowid],
                info["score"],
                dense_rank=info.get("dense_rank"),
                bm25_rank=info.get("bm25_rank"),
                dense_score=info.get("dense_score"),
                bm25_score=info.get("bm25_score"),
            )
            for rowid, info in shortlist
        ]
        if self.settings.rerank_by_profile:
            hits = self._rerank_by_profile(query, hits)
        return hits[:k]

    def _query_tokens(self, norm: str) -> list[str]:
        """The query's keyword tokens, and for a word no passage says (菜市场, 义工) the tokens of
        the forms documents write it in (农贸市场, 志愿者)."""
        query = keyword_tokens(norm, normalized=True)
        unsaid = [t for t in query if len(forms(t)) > 1 and self.term_frequency(t) == 0]
        return query + [t for word in unsaid for form in forms(word)[1:] for t in keyword_tokens(form, normalized=True)]

    def _rerank_by_profile(self, query: str, hits: list[Hit]) -> list[Hit]:
        """Passages of documents about another period or place than the question names move
        down, and those about the one it names move up (by a fraction of one list's top score),
        so that a look-alike (the same notice of another month) does not lead."""
        question = read_question(query, places_read_with(self, (self.profile(h.chunk.doc_id) for h in hits)))
        if not (question.asks_time or question.places):
            return hits
        unit = 1.0 / (self.settings.rrf_k + 1)
        for hit in hits:
            profile = self.profile(hit.chunk.doc_id)
            time, places = profile.covers_time(question), profile.covers_places(question)
            if time is False and profile.sets_target_for(question):
                time = None  # the period before's report, where the target asked is set
            adjust = 0.0
            if time is not None:
                adjust += 0.3 * unit if time else -0.5 * unit
            if places is not None:
                adjust += 0.3 * unit * places if places else -0.5 * unit
            hit.score += adjust
        return sorted(hits, key=lambda h: -h.score)
