"""Synthetic hits for the answerer's unit tests: real Chunk/Hit records over small texts, and
an in-memory corpus view over the same documents (no model, no index)."""

from __future__ import annotations

import numpy as np

from assistant.answer.compose import CHECKS, decide
from assistant.answer.features import FEATURES
from assistant.answer.prepared import prepare
from assistant.answer.selector import Selector
from assistant.corpus_view import TextCorpus
from assistant.ingest.meta import derive_meta
from assistant.models import Answer, Chunk, DocumentMeta, Hit


def make_hits(documents: dict[str, str], *, titles: dict[str, str] | None = None) -> tuple[list[Hit], TextCorpus]:
    """One hit per document (in the given order, first = best), each holding the whole text as
    one passage; metadata derived from the text as ingest derives it."""
    hits: list[Hit] = []
    texts: dict[str, tuple[str, DocumentMeta | None]] = {}
    for rank, (name, text) in enumerate(documents.items()):
        meta = derive_meta(text, (titles or {}).get(name, ""))
        chunk = Chunk(chunk_id=f"{name}:0000", doc_id=name, ordinal=0, heading="", text=text, start=0, end=len(text))
        hits.append(
            Hit(
                chunk=chunk,
                score=1.0 / (rank + 1),
                title=meta.title,
                source=f"{name}.txt",
                meta=meta,
                dense_rank=rank + 1,
                bm25_rank=rank + 1,
                dense_score=0.8 - 0.05 * rank,
            )
        )
        texts[name] = (text, meta)
    return hits, TextCorpus(texts)


def hand_selector() -> Selector:
    """A hand-weighted selector: enough to exercise choice and refusal without fitting."""
    coef = np.zeros(len(FEATURES))
    for name, weight in {
        "cov_q": 2.0,
        "cov_part": 2.0,
        "year_conflict": -3.0,
        "month_conflict": -3.0,
    }.items():
        coef[FEATURES.index(name)] = weight
    n = len(FEATURES)
    return Selector(FEATURES, coef, -1.0, np.zeros(n), np.ones(n), refuse_below=0.2, add_above=0.5, add_relative=0.6)


def answer_of(question: str, documents: dict[str, str], checks: tuple[str, ...] = CHECKS) -> Answer:
    """The answer the hand-weighted selector and ``checks`` give to ``question`` over ``documents``."""
    hits, corpus = make_hits(documents)
    return decide(prepare(question, hits, corpus), hand_selector(), checks)
