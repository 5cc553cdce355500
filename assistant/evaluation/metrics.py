"""Per-question results and their summaries: retrieval rank, fact recall, refusals and
unsupported numbers, for the assistant and for the trivial baseline beside it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.answer.render import cited_text
from assistant.answer.verify import unsupported_numbers
from assistant.evaluation.sets import LabelledQuestion
from assistant.models import Answer, Hit
from assistant.text import compact

_MARKER = re.compile(r"\[\d+\]")


def evidence_rank(hits: list[Hit], evidence: Iterable[str]) -> int | None:
    """1-based rank of the first passage that contains any evidence string, or None. Table
    cells are compared without the "|" ingest puts between them: evidence copied from a table
    written one cell per line ("1\n江北区\n92.35") is the passage's row "1|江北区|92.35"."""
    wanted = [cells for e in evidence if (cells := _without_cell_marks(e))]
    if not wanted:
        return None
    for rank, hit in enumerate(hits, start=1):
        text = _without_cell_marks(hit.chunk.text)
        if any(w in text for w in wanted):
            return rank
    return None


def _without_cell_marks(text: str) -> str:
    return compact(text).replace("|", "")


def answer_body(answer: Answer) -> str:
    """The answer text as compared: citation markers removed."""
    return _MARKER.sub("", answer.text)


def found_facts(answer: Answer, must_contain: Iterable[str]) -> tuple[list[str], list[str]]:
    """(present, missing) ``must_contain`` items in the answer text, compared with compact()."""
    body = compact(answer_body(answer))
    present: list[str] = []
    missing: list[str] = []
    for item in must_contain:
        (present if compact(item) in body else missing).append(item)
    return present, missing


def answer_recall(answer: Answer, item: LabelledQuestion) -> float:
    """Share of the facts found in an answer that was given (a refusal recalls nothing)."""
    if answer.refused or not item.must_contain:
        return 0.0
    return len(found_facts(answer, item.must_contain)[0]) / len(item.must_contain)


def unsupported_in(answer: Answer) -> list[str]:
    """Figures of an (unrefused) answer that none of its cited passages contains."""
    if answer.refused:
        return []
    return unsupported_numbers(answer.text, [cited_text(c.hit) for c in answer.citations])


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass
class Outcome:
    """What one answerer did with one question."""

    refused: bool = False
    answer: str = ""
    facts_missing: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    reason: str = ""


def outcome_of(answer: Answer, item: LabelledQuestion) -> Outcome:
    return Outcome(
        refused=answer.refused,
        answer=answer.text,
        facts_missing=found_facts(answer, item.must_contain)[1],
        unsupported=unsupported_in(answer),
        reason=",".join(answer.notes[:1]),
    )


@dataclass
class QuestionResult:
    item: LabelledQuestion
    fold: int = -1
    rank: int | None = None  # first evidence rank within k, passages in the answerer's order
    retrieval_rank: int | None = None  # the same in retrieval's own order (before the selector re-ranks)
    evidence_indexed: bool = True
    assistant: Outcome = field(default_factory=Outcome)
    baseline: Outcome = field(default_factory=Outcome)
    ask_ms: float = 0.0

    def recall(self, which: str = "assistant") -> float | None:
        outcome: Outcome = getattr(self, which)
        if not self.item.answerable or not self.item.must_contain:
            return None
        if outcome.refused:
            return 0.0
        return 1 - len(outcome.facts_missing) / len(self.item.must_contain)

    def failures(self) -> list[str]:
        reasons = []
        if self.item.evidence and self.rank is None:
            reasons.append("retrieval miss" + ("" if self.evidence_indexed else ": evidence in no single passage"))
        a = self.assistant
        if self.item.answerable and a.refused:
            reasons.append(f"refused an answerable question ({a.reason})")
        if not self.item.answerable and not a.refused:
            reasons.append("answered an unanswerable question")
        if self.item.answerable and not a.refused and a.facts_missing:
            reasons.append("missing facts: " + "、".join(a.facts_missing))
        if a.unsupported:
            reasons.append("unsupported numbers: " + "、".join(a.unsupported))
        return reasons

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.item.key,
            "question": self.item.question,
            "type": self.item.type,
            "fold": self.fold,
            "rank": self.rank,
            "retrieval_rank": self.retrieval_rank,
            "assistant": asdict(self.assistant),
            "baseline": asdict(self.baseline),
            "failures": self.failures(),
        }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass
class Summary:
    questions: int
    retrieval_n: int
    hit1: float | None
    hitk: float | None
    mrr: float | None
    retrieval_hit1: float | None
    fact_recall: float | None
    answerable: int
    answerable_refused: float | None
    unanswerable: int
    unanswerable_refused: float | None
    unsupported_numbers: int
    baseline_recall: float | None
    baseline_unsupported: int
    ask_p50_ms: float
    ask_p95_ms: float

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def summarize(results: list[QuestionResult]) -> Summary:
    ranked = [r.rank for r in results if r.item.evidence]
    answerable = [r for r in results if r.item.answerable]
    unanswerable = [r for r in results if not r.item.answerable]
    recalls = [x for r in results if (x := r.recall()) is not None]
    baseline = [x for r in results if (x := r.recall("baseline")) is not None]
    n = len(ranked)
    return Summary(
        questions=len(results),
        retrieval_n=n,
        hit1=sum(1 for x in ranked if x == 1) / n if n else None,
        hitk=sum(1 for x in ranked if x is not None) / n if n else None,
        mrr=sum(1.0 / x for x in ranked if x is not None) / n if n else None,
        retrieval_hit1=sum(1 for r in results if r.item.evidence and r.retrieval_rank == 1) / n if n else None,
        fact_recall=_mean(recalls),
        answerable=len(answerable),
        answerable_refused=_mean([1.0 if r.assistant.refused else 0.0 for r in answerable]),
        unanswerable=len(unanswerable),
        unanswerable_refused=_mean([1.0 if r.assistant.refused else 0.0 for r in unanswerable]),
        unsupported_numbers=sum(len(r.assistant.unsupported) for r in results),
        baseline_recall=_mean(baseline),
        baseline_unsupported=sum(len(r.baseline.unsupported) for r in results),
        ask_p50_ms=percentile([r.ask_ms for r in results], 50),
        ask_p95_ms=percentile([r.ask_ms for r in results], 95),
    )
