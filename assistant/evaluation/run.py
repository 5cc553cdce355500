"""One evaluation run: every labelled question retrieved and prepared once, then answered by
a selector fitted without its documents (leave-documents-out folds), beside the trivial
baseline (the top two BM25 sentences, never refusing)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answer.candidates import Candidate, gather
from assistant.answer.compose import CHECKS, decide
from assistant.answer.prepared import prepare
from assistant.answer.render import render
from assistant.answer.selection import rank_passages
from assistant.answer.selector import Selector
from assistant.evaluation.folds import assign_folds
from assistant.evaluation.labels import labels
from assistant.evaluation.llm_run import LlmReport, evaluate_llm
from assistant.evaluation.metrics import QuestionResult, Summary, evidence_rank, outcome_of, summarize
from assistant.evaluation.sets import LabelledQuestion
from assistant.evaluation.train import Example, fit_calibrated
from assistant.followup import resolve_followup
from assistant.index.tokenize import tokens as keyword_tokens
from assistant.models import Answer
from assistant.service import Assistant
from assistant.text import compact


def baseline_answer(question: str, assistant: Assistant, k: int = 5) -> Answer:
    """The trivial baseline: the two sentences of the top BM25 passages that score best by BM25."""
    hits = assistant.search(question, k=k, mode="bm25")
    candidates = gather(hits, k)
    if not candidates:
        return Answer(question=question, text="", refused=True)
    retriever = assistant.retriever
    words = list(dict.fromkeys(keyword_tokens(question)))
    texts = [compact(c.text) for c in candidates]
    average = sum(len(t) for t in texts) / len(texts) or 1.0
    n = retriever.passage_count()

    def bm25(text: str) -> float:
        score = 0.0
        for word in words:
            tf = text.count(word)
            if tf:
                idf = math.log(
                    1 + (n - retriever.document_frequency(word) + 0.5) / (retriever.document_frequency(word) + 0.5)
                )
                score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len(text) / average))
        return score

    best: list[Candidate] = sorted(candidates, key=lambda c: -bm25(compact(c.text)))[:2]
    text, citations = render(best)
    return Answer(question=question, text=text, refused=False, citations=citations)


@dataclass
class RunReport:
    results: list[QuestionResult]
    folds: int
    seconds: float
    selectors: list[Selector] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # questions whose documents are not indexed
    llm: LlmReport | None = None  # ``--llm``: a subset of one fold answered through the LLM path too

    def summary(self, set_name: str | None = None, type_: str | None = None) -> Summary:
        return summarize(
            [
                r
                for r in self.results
                if (set_name is None or r.item.set_name == set_name) and (type_ is None or r.item.type == type_)
            ]
        )

    def sets(self) -> list[str]:
        return list(dict.fromkeys(r.item.set_name for r in self.results))


def indexed_questions(assistant: Assistant, questions: list[LabelledQuestion]) -> list[LabelledQuestion]:
    """The questions whose documents the assistant's index holds (the others cannot be asked)."""
    indexed = {d["source"] for d in assistant.documents()}
    return [q for q in questions if all(d in indexed for d in q.docs)]


def prepare_examples(
    assistant: Assistant,
    questions: list[LabelledQuestion],
    k: int,
    progress: Callable[[int, int], None] | None = None,
    *,
    in_chat: bool = False,
) -> tuple[list[Example], list[QuestionResult]]:
    """Retrieval, candidates and features of every question (the part no fold changes). With
    ``in_chat``, a question without a history of its own is asked after the question before it
    in its set, as in a chat where staff ask one question after another."""
    examples, results = [], []
    previous: dict[str, str] = {}
    for number, item in enumerate(questions, start=1):
        t0 = time.perf_counter()
        history = item.history_turns()
        if in_chat and not history and item.set_name in previous:
            history = [{"role": "user", "content": previous[item.set_name]}]
        if not item.is_followup:
            previous[item.set_name] = item.question
        resolved = resolve_followup(item.question, history)
        hits = assistant.retrieve(resolved)
        prepared = prepare(resolved, hits, assistant.retriever)
        elapsed = (time.perf_counter() - t0) * 1000
        examples.append(Example(item, prepared, labels(prepared.candidates, item)))
        first = evidence_rank(hits[:k], item.evidence)
        result = QuestionResult(item, rank=first, retrieval_rank=first, ask_ms=elapsed)
        result.baseline = outcome_of(baseline_answer(resolved, assistant), item)
        results.append(result)
        if progress:
            progress(number, len(questions))
    return examples, results


def run(
    assistant: Assistant,
    questions: list[LabelledQuestion],
    *,
    folds: int = 5,
    k: int = 5,
    checks: tuple[str, ...] = CHECKS,
    selector: Selector | None = None,
    progress: Callable[[int, int], None] | None = None,
    llm_questions: int = 0,
    llm_progress: Callable[[int, int], None] | None = None,
    in_chat: bool = False,
    extra_training: list[Example] | None = None,
) -> RunReport:
    """Evaluate ``questions`` on the assistant's index. With ``folds`` ≥ 2 each fold's questions
    are answered by a selector fitted and calibrated on the other folds only (and on
    ``extra_training``, examples of other documents, as the shipped selector is); with ``folds``
    0 or 1, by ``selector`` (default: the shipped one), which may have seen them."""
    started = time.perf_counter()
    kept = indexed_questions(assistant, questions)
    skipped = [q.key for q in questions if q not in kept]
    examples, results = prepare_examples(assistant, kept, k, progress, in_chat=in_chat)
    selectors: list[Selector] = []
    if folds >= 2:
        fold_of = assign_folds(kept, folds)
        for fold in range(folds):
            train = [e for e in examples if fold_of[e.item.key] != fold]
            fitted = fit_calibrated(train + (extra_training or []), checks=checks)
            selectors.append(fitted)
            for example, result in zip(examples, results, strict=True):
                if fold_of[example.item.key] == fold:
                    result.fold = fold
                    _answer(example, result, fitted, checks)
        if llm_questions:
            llm = evaluate_llm(
                examples, results, 0, selectors[0], assistant.settings, llm_questions, checks, llm_progress
            )
            return RunReport(results, folds, time.perf_counter() - started, selectors, skipped, llm)
    else:
        chosen = selector or assistant.selector
        for example, result in zip(examples, results, strict=True):
            _answer(example, result, chosen, checks)
    return RunReport(results, folds, time.perf_counter() - started, selectors, skipped)


def _answer(example: Example, result: QuestionResult, selector: Selector, checks: tuple[str, ...]) -> None:
    t0 = time.perf_counter()
    answer = decide(example.prepared, selector, checks)
    result.ask_ms += (time.perf_counter() - t0) * 1000  # after retrieval and preparation
    if example.prepared.candidates:
        ranked = rank_passages(example.prepared, selector.probabilities(example.prepared.matrix))
        result.rank = evidence_rank(ranked[:5], example.item.evidence)
    result.assistant = outcome_of(answer, example.item)
