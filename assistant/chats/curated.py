"""Serving a curated answer (标注): a question close to one an editor answered gets that answer
first, marked 已人工校正, with its sources as they stand in the index now. Close means the same
question by ``assistant.chats.matching`` (embedding similarity at ``settings.curated_threshold``
and the same years, months, places and numbers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.answer.render import cited_text
from assistant.answer.verify import unsupported_numbers
from assistant.auth.db import SQL
from assistant.chats.feedback import Curated, curated_answers
from assistant.chats.matching import same_question, similarity
from assistant.models import Answer, Citation, Hit

if TYPE_CHECKING:  # pragma: no cover
    from assistant.service import Assistant

CURATED_NOTE = "已人工校正"


@dataclass(frozen=True)
class CuratedMatch:
    curated: Curated
    score: float


def find_curated(
    assistant: Assistant, db: SQL, question: str, kbs: list[str] | None, threshold: float
) -> CuratedMatch | None:
    """The curated answer of the reader's knowledge bases for the same question, the closest one."""
    candidates = curated_answers(db, kbs, assistant.embedder.fingerprint)
    if not candidates:
        return None
    vector = assistant.embedder.encode_query(question)
    scored = sorted(((similarity(vector, c.vector), c) for c in candidates), key=lambda sc: -sc[0])
    for score, curated in scored:
        if score < threshold:
            break
        if same_question(curated.question, question, score, threshold):
            return CuratedMatch(curated, score)
    return None


def cited_hits(assistant: Assistant, citations: list[dict[str, Any]], kbs: list[str] | None) -> list[Hit]:
    """The cited passages as the index holds them now (a passage gone from it is left out)."""
    hits: list[Hit] = []
    for citation in citations:
        found = assistant.document(str(citation.get("doc_id", "")), kbs)
        if found is None:
            continue
        document, chunks = found
        chunk = next((c for c in chunks if c.chunk_id == citation.get("chunk_id")), None)
        if chunk is not None:
            hits.append(Hit(chunk, 1.0, document.meta.title, document.source, document.meta))
    return hits


def unverified_numbers(answer: str, hits: list[Hit]) -> list[str]:
    """The figures of a curated answer that none of its cited passages states (value and unit):
    an editor's answer is held to the same rule as any other."""
    return unsupported_numbers(answer, [cited_text(hit) for hit in hits])


def curated_answer(assistant: Assistant, match: CuratedMatch, question: str, kbs: list[str] | None) -> Answer | None:
    """The curated answer as the index stands now; None when a figure in it is no longer stated by
    the passages it cites (a document replaced since): the ordinary answer is given instead."""
    curated = match.curated
    hits = cited_hits(assistant, curated.citations, kbs)
    if unverified_numbers(curated.answer, hits):
        return None
    notes = [f"{CURATED_NOTE}：编辑针对“{curated.question}”写的答案"]
    if len(hits) < len(curated.citations):
        notes.append("部分引用的段落已不在文件库中")
    return Answer(
        question=question,
        text=curated.answer,
        refused=False,
        citations=[Citation(n, hit) for n, hit in enumerate(hits, start=1)],
        answerer="curated",
        notes=notes,
    )


def curated_info(match: CuratedMatch) -> dict[str, Any]:
    """What the answer's JSON says of the curated answer it is (``"curated"``)."""
    curated = match.curated
    return {
        "id": curated.id,
        "kb": curated.kb,
        "question": curated.question,
        "author": curated.author,
        "score": round(match.score, 4),
    }
