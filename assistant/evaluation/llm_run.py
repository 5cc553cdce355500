"""``assistant eval --llm``: a subset of one leave-documents-out fold answered through the LLM
path too (the fold's own selector decides when to ask it), beside the extractive answers to
the same questions. Generation runs at ~10 tokens/s on 2 cores, so it is a subset."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.answer.align import question_dates, split_sentences, unsupported_names
from assistant.answer.compose import decide
from assistant.answer.llm import Consulted, llm_answer
from assistant.answer.render import cited_text
from assistant.answer.selection import rank_passages
from assistant.answer.selector import Selector
from assistant.answer.verify import unsupported_numbers
from assistant.evaluation.metrics import Outcome, QuestionResult, Summary, outcome_of, summarize
from assistant.evaluation.train import Example
from assistant.models import Answer
from assistant.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class LlmResult:
    result: QuestionResult  # the extractive outcome, as the fold answered it
    shown: Outcome  # what the LLM path showed
    consulted: Consulted
    unsupported_names: list[str] = field(default_factory=list)
    seconds: float = 0.0  # the whole answer: retrieval, extractive, LLM
    repeated_dates: list[str] = field(default_factory=list)  # figures only the question's dates support

    def delta(self) -> float | None:
        """Fact recall shown minus extractive (None for unanswerable questions)."""
        extractive, shown = self.result.recall(), replace(self.result, assistant=self.shown).recall()
        return None if extractive is None or shown is None else shown - extractive

    def helps(self) -> bool:
        """More facts shown, or an answerable question answered instead of refused."""
        delta = self.delta()
        return delta is not None and (delta > 0 or (self.result.assistant.refused and not self.shown.refused))

    def hurts(self) -> bool:
        """Fewer facts shown, or an unanswerable question answered that extraction refused."""
        delta = self.delta()
        wrongly_answered = not self.result.item.answerable and self.result.assistant.refused and not self.shown.refused
        return (delta is not None and delta < 0) or wrongly_answered


@dataclass
class LlmReport:
    fold: int
    results: list[LlmResult]

    def extractive(self) -> Summary:
        return summarize([r.result for r in self.results])

    def shown(self) -> Summary:
        return summarize([replace(r.result, assistant=r.shown) for r in self.results])

    def rate(self, outcome: str) -> float:
        asked = [r for r in self.results if r.consulted.asked]
        return sum(1 for r in asked if r.consulted.outcome == outcome) / len(asked) if asked else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "fold": self.fold,
            "questions": len(self.results),
            "asked": sum(1 for r in self.results if r.consulted.asked),
            "extractive": self.extractive().to_dict(),
            "llm": self.shown().to_dict(),
            "outcomes": {o: round(self.rate(o), 3) for o in ("shown", "refused", "fallback", "failed")},
            "unsupported_names": sum(len(r.unsupported_names) for r in self.results),
            "repeated_question_dates": sum(len(r.repeated_dates) for r in self.results),
            "seconds_per_answer": round(sum(r.seconds for r in self.results) / max(1, len(self.results)), 1),
            "per_question": [
                {
                    "key": r.result.item.key,
                    "outcome": r.consulted.outcome,
                    "reason": r.consulted.reason,
                    "delta_recall": r.delta(),
                    "extractive_refused": r.result.assistant.refused,
                    "shown_refused": r.shown.refused,
                    "shown": r.shown.answer,
                    "unsupported_numbers": r.shown.unsupported,
                    "repeated_question_dates": r.repeated_dates,
                }
                for r in self.results
            ],
        }


def numbers_unsupported(answer: Answer, question: str) -> tuple[list[str], list[str]]:
    """Figures of a shown answer that its cited passages do not state: (those the verifier's rule
    does not allow either, those that only repeat a date the question names, 22年 for 2022年)."""
    if answer.refused:
        return [], []
    cited = [cited_text(c.hit) for c in answer.citations]
    outside = unsupported_numbers(answer.text, cited)
    dates = " ".join(q.text for q in question_dates(question))
    unsupported = unsupported_numbers(answer.text, [*cited, dates]) if dates else outside
    return unsupported, [n for n in outside if n not in unsupported]


def names_unsupported(answer: Answer, question: str) -> list[str]:
    """Places, bodies and years a shown answer names that neither its cited passages nor the question name."""
    if answer.refused:
        return []
    number = {c.n: c.hit for c in answer.citations}
    missing: list[str] = []
    for sentence in split_sentences(answer.text, max(number, default=0)):
        cited = [number[i + 1] for i in sentence.hints]
        missing += [n for n in unsupported_names(sentence.text, cited, question) if n not in missing]
    return missing


def evaluate_llm(
    examples: list[Example],
    results: list[QuestionResult],
    fold: int,
    selector: Selector,
    settings: Settings,
    limit: int,
    checks: tuple[str, ...],
    progress: Callable[[int, int], None] | None = None,
) -> LlmReport:
    """Answer the first ``limit`` questions of ``fold`` through the LLM path with ``selector``
    (the one fitted without the fold's documents)."""
    import time

    chosen = [(e, r) for e, r in zip(examples, results, strict=True) if r.fold == fold][:limit]
    out: list[LlmResult] = []
    for number, (example, result) in enumerate(chosen, start=1):
        started = time.perf_counter()
        prepared = example.prepared
        extractive = decide(prepared, selector, checks)
        if prepared.candidates:
            probabilities = selector.probabilities(prepared.matrix)
            ranked = rank_passages(prepared, probabilities)
            shown, consulted = llm_answer(
                prepared.question.text, ranked, settings, extractive, float(probabilities.max())
            )
        else:
            shown, consulted = extractive, Consulted(False, "not_asked")
        seconds = time.perf_counter() - started + result.ask_ms / 1000
        unsupported, repeated_dates = numbers_unsupported(shown, prepared.question.text)
        out.append(
            LlmResult(
                result,
                replace(outcome_of(shown, example.item), unsupported=unsupported),
                consulted,
                names_unsupported(shown, prepared.question.text),
                seconds,
                repeated_dates,
            )
        )
        last = out[-1]
        log.info(
            "llm eval %s: %s %s, recall delta %s, %.0f s",
            result.item.key,
            consulted.outcome,
            consulted.reason,
            last.delta(),
            seconds,
        )
        if progress:
            progress(number, len(chosen))
    return LlmReport(fold, out)
