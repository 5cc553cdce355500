"""What answering a question needs before any fitted model is applied: the question read, its
candidate sentences from the top passages, and their features (for the whole question and for
each question within it)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.answer.candidates import Candidate, asks, furniture, gather
from assistant.answer.features import QuestionContext, feature_matrix, newest_written, question_context
from assistant.answer.items import with_continuations
from assistant.answer.refuse import Refusal
from assistant.answer.refuse_place import unknown_place
from assistant.answer.spelling import as_written
from assistant.corpus import DocProfile
from assistant.corpus_view import CorpusView, places_read_with
from assistant.models import Hit
from assistant.question import Question, read_question
from assistant.retrieve.plan import sub_questions
from assistant.tables import TABLE_LOOKBACK
from assistant.text import compact

CANDIDATE_DEPTH = 6  # passages whose sentences are candidates


@dataclass
class Prepared:
    """A question with its candidates and their features: everything but the fitted model."""

    question: Question
    hits: list[Hit]
    candidates: list[Candidate]
    matrix: np.ndarray
    profiles: dict[str, DocProfile]
    context: QuestionContext
    place_refusal: Refusal | None = None
    # The candidates' features for each question within the question (a comparison's sides, a
    # multi-part question's parts): each side's best sentence is judged by its own half.
    sub_matrices: tuple[np.ndarray, ...] = ()


def prepare(
    text: str, hits: list[Hit], corpus: CorpusView, *, depth: int = CANDIDATE_DEPTH, by_parts: bool = True
) -> Prepared:
    """The question's candidates and their features; with ``by_parts`` (what choosing an answer
    needs, not ranking passages) also their features for each question within the question."""
    profiles = {h.chunk.doc_id: corpus.profile(h.chunk.doc_id) for h in hits[: depth + 2]}
    places = places_read_with(corpus, profiles.values())
    question = read_question(text, places)
    if len(question.places) < 2 and len(question.months) < 2 and len(question.years) < 2:
        profiles = {h.chunk.doc_id: profiles[h.chunk.doc_id] for h in hits[:depth]}
    else:
        depth += 2  # a comparison: the hits of each side are interleaved
    if question.intent.asks_list:
        hits, added = with_continuations(hits, depth, corpus)
        depth += added
    # A figure is never stated by a page's furniture (its running header, signature, file number).
    figure = question.intent.figure or bool(question.units)
    candidates = [
        c
        for c in gather(
            hits, depth, {d: p.length for d, p in profiles.items()}, lambda hit: corpus.text_before(hit, TABLE_LOOKBACK)
        )
        if not asks(c.text) and not (figure and furniture(c.text, profiles[c.doc_id].text))
    ]
    passages = [compact(f"{h.title} {h.chunk.text}") for h in hits[:depth]]
    now = newest_written((c.doc_id for c in candidates), profiles.__getitem__)
    context = question_context(as_written(question, passages, corpus), corpus, now)
    matrix = feature_matrix(context, candidates, profiles.__getitem__)
    sub_matrices = tuple(
        feature_matrix(
            question_context(as_written(read_question(sub, places), passages, corpus), corpus, now),
            candidates,
            profiles.__getitem__,
        )
        for sub in (sub_questions(text, places) if by_parts else [])
    )
    return Prepared(
        question, hits, candidates, matrix, profiles, context, unknown_place(question, corpus), sub_matrices
    )
