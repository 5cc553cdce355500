"""What the answerer may know of the corpus beyond the retrieved passages: how common a word
is, which places its documents are about, and each document's :class:`DocProfile`.

:class:`CorpusView` is the interface; the retriever implements it over an index, and
:class:`TextCorpus` over documents held in memory (tests, the evaluation baseline)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Protocol

from assistant.corpus import DocProfile, profile_of
from assistant.models import DocumentMeta, Hit
from assistant.places import named_often
from assistant.text import compact


def known_places(profiles: Iterable[DocProfile], min_count: int = 2) -> frozenset[str]:
    """The places these documents write: those beyond the national list they name, together, at
    least ``min_count`` times, and the divisions of the national list any of them names in full.
    A question is read with those of the documents retrieved for it."""
    profiles = list(profiles)
    named = frozenset().union(*(profile.divisions for profile in profiles))
    return named_often((dict(profile.places_written) for profile in profiles), min_count) | named


# A document's own place at the level of a city or county (临澜市, 漱石县): the level a question
# names by its stem alone (临澜注册志愿者有多少人).
_OWN_PLACE = re.compile(r"[\u4e00-\u9fff]{2,6}[市县]")


def places_of_documents(metas: Iterable[DocumentMeta | None]) -> frozenset[str]:
    """The cities and counties the documents are about (``DocumentMeta.place``), so that a question
    naming one is read as naming a place even when no passage retrieved for it names that place."""
    return frozenset(m.place for m in metas if m is not None and _OWN_PLACE.fullmatch(m.place))


def places_read_with(corpus: CorpusView, profiles: Iterable[DocProfile]) -> frozenset[str]:
    """The place names every stage reads a question with: those the documents retrieved for it
    write (:func:`known_places`) and the cities and counties the corpus is about."""
    return known_places(profiles) | corpus.document_places()


class CorpusView(Protocol):
    def document_frequency(self, word: str) -> int:
        """In how many passages ``word`` occurs."""
        ...

    def passage_count(self) -> int: ...

    def profile(self, doc_id: str) -> DocProfile: ...

    def corpus_mentions(self, word: str) -> bool:
        """Whether any document names ``word``, or is about a place that names it."""
        ...

    def document_places(self) -> frozenset[str]:
        """The cities and counties the documents are about (:func:`places_of_documents`)."""
        ...

    def following(self, hit: Hit) -> Hit | None:
        """The passage that comes after ``hit``'s in its document, if any."""
        ...

    def text_before(self, hit: Hit, limit: int) -> str:
        """Up to ``limit`` characters of the document's text just before ``hit``'s passage."""
        ...


UNSAID_WEIGHT = 0.5


def idf(corpus: CorpusView, word: str) -> float:
    """Inverse document frequency over passages: rare words weigh more; unknown words little."""
    frequency = corpus.document_frequency(word)
    if frequency == 0:
        return UNSAID_WEIGHT  # a word no passage says is most often colloquial (区里, 城考): little weight
    return math.log(1.0 + corpus.passage_count() / frequency)


class TextCorpus:
    """A corpus view over documents held in memory: ``{doc_id: (text, meta)}``, with passages
    counted as the documents' lines."""

    def __init__(self, documents: dict[str, tuple[str, DocumentMeta | None]]):
        self._profiles = {doc_id: profile_of(doc_id, text, meta) for doc_id, (text, meta) in documents.items()}
        self._lines = [compact(line) for text, _ in documents.values() for line in text.split("\n") if line.strip()]
        self._texts = {doc_id: text for doc_id, (text, _) in documents.items()}
        self._places = places_of_documents(meta for _, meta in documents.values())

    def document_frequency(self, word: str) -> int:
        key = compact(word)
        return sum(1 for line in self._lines if key in line)

    def passage_count(self) -> int:
        return max(1, len(self._lines))

    def profile(self, doc_id: str) -> DocProfile:
        return self._profiles.get(doc_id) or DocProfile(doc_id)

    def corpus_mentions(self, word: str) -> bool:
        key = compact(word)
        return any(key in p.about for p in self._profiles.values())

    def document_places(self) -> frozenset[str]:
        return self._places

    def following(self, hit: Hit) -> Hit | None:
        return None  # documents in memory are not cut into passages

    def text_before(self, hit: Hit, limit: int) -> str:
        text = self._texts.get(hit.chunk.doc_id, "")
        return text[max(0, hit.chunk.start - limit) : hit.chunk.start]
