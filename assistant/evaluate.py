"""Built-in evaluation: how well the assistant retrieves, answers and refuses on a question set.

A question set is JSON lines, one question per line::

    {"id": "q001", "question": "...", "must_contain": ["8200件"], "evidence": ["等各类案件8200件"],
     "type": "figure", "difficulty": "easy", ...}

Measured per question type and overall:

* retrieval hit@1, hit@k and MRR@k, for each retrieval mode (hybrid, dense, bm25): a question
  is hit at rank r when the r-th retrieved passage contains any of its ``evidence`` strings
  (compared after :func:`assistant.text.compact`); questions without evidence are skipped;
* answer fact recall: the share of ``must_contain`` items found in the answer text
  (answerable questions with ``must_contain`` only; a refusal recalls nothing);
* refusal: answerable questions answered, ``unanswerable`` questions refused, and the combined
  accuracy;
* unsupported numbers: figures in an answer that none of its cited passages (text, heading,
  document title, deadline) contains;
* latency p50/p95 of ``search`` (hybrid, k passages) and of ``ask``.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.answer.compose import cited_text
from assistant.answer.verify import unsupported_numbers
from assistant.models import Answer, Hit
from assistant.text import compact

MODES = ("hybrid", "dense", "bm25")
UNANSWERABLE = "unanswerable"
_MARKER = re.compile(r"\[\d+\]")


# -- question sets ------------------------------------------------------------------
def load_questions(path: Path | str) -> list[dict[str, Any]]:
    """The questions of a JSON-lines file (blank lines ignored); each needs ``question``."""
    questions = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(item, dict) or not str(item.get("question", "")).strip():
            raise ValueError(f"{path}:{number}: a question needs a non-empty 'question' field")
        item.setdefault("id", f"line{number}")
        questions.append(item)
    return questions


# -- single checks (also usable on their own) -------------------------------------
def evidence_rank(hits: list[Hit], evidence: Iterable[str]) -> int | None:
    """1-based rank of the first passage that contains any evidence string, or None."""
    wanted = [compact(e) for e in evidence if compact(e)]
    if not wanted:
        return None
    for rank, hit in enumerate(hits, start=1):
        text = compact(hit.chunk.text)
        if any(w in text for w in wanted):
            return rank
    return None


def answer_body(answer: Answer) -> str:
    """The answer text as compared: citation markers removed."""
    return _MARKER.sub("", answer.text)


def found_facts(answer: Answer, must_contain: Iterable[str]) -> tuple[list[str], list[str]]:
    """(present, missing) ``must_contain`` items in the answer text, compared with compact()."""
    body = compact(answer_body(answer))
    present, missing = [], []
    for item in must_contain:
        (present if compact(item) in body else missing).append(item)
    return present, missing


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


# -- results ----------------------------------------------------------------------
@dataclass
class QuestionResult:
    id: str
    question: str
    type: str
    difficulty: str
    answerable: bool
    has_evidence: bool
    ranks: dict[str, int | None] = field(default_factory=dict)  # mode → first evidence rank within k
    refused: bool = False
    answer: str = ""
    facts_expected: int = 0
    facts_missing: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    search_ms: float = 0.0
    ask_ms: float = 0.0
    evidence_indexed: bool = True  # some passage of the index contains an evidence string

    @property
    def fact_recall(self) -> float | None:
        if not self.answerable or not self.facts_expected:
            return None
        return (self.facts_expected - len(self.facts_missing)) / self.facts_expected

    @property
    def refusal_correct(self) -> bool:
        return self.refused != self.answerable

    def failures(self, mode: str = "hybrid") -> list[str]:
        """Why this question counts against the assistant (empty when it does not)."""
        reasons = []
        if self.has_evidence and self.ranks.get(mode) is None:
            reasons.append(f"retrieval miss ({mode})" + ("" if self.evidence_indexed else ": evidence in no single passage"))
        if self.answerable and self.refused:
            reasons.append("refused an answerable question")
        if not self.answerable and not self.refused:
            reasons.append("answered an unanswerable question")
        if self.answerable and not self.refused and self.facts_missing:
            reasons.append("missing facts: " + "、".join(self.facts_missing))
        if self.unsupported:
            reasons.append("unsupported numbers: " + "、".join(self.unsupported))
        return reasons

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"fact_recall": self.fact_recall, "refusal_correct": self.refusal_correct,
                               "failures": self.failures()}


@dataclass
class RetrievalScores:
    n: int
    hit1: float
    hitk: float
    mrr: float

    def to_dict(self, k: int) -> dict[str, Any]:
        return {"n": self.n, "hit@1": round(self.hit1, 4), f"hit@{k}": round(self.hitk, 4), "mrr": round(self.mrr, 4)}


@dataclass
class Summary:
    questions: int
    retrieval: dict[str, RetrievalScores]
    fact_questions: int
    fact_recall: float | None
    answerable: int
    answered_rate: float | None  # answerable questions answered (not refused)
    unanswerable: int
    refused_rate: float | None  # unanswerable questions refused
    refusal_accuracy: float | None
    unsupported_answers: int
    unsupported_numbers: int
    search_p50_ms: float
    search_p95_ms: float
    ask_p50_ms: float
    ask_p95_ms: float

    def to_dict(self, k: int) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {
            "questions": self.questions,
            "retrieval": {mode: s.to_dict(k) for mode, s in self.retrieval.items()},
            "fact_questions": self.fact_questions, "fact_recall": r(self.fact_recall),
            "answerable": self.answerable, "answered_rate": r(self.answered_rate),
            "unanswerable": self.unanswerable, "refused_rate": r(self.refused_rate),
            "refusal_accuracy": r(self.refusal_accuracy),
            "unsupported_answers": self.unsupported_answers, "unsupported_numbers": self.unsupported_numbers,
            "latency_ms": {"search_p50": round(self.search_p50_ms, 1), "search_p95": round(self.search_p95_ms, 1),
                           "ask_p50": round(self.ask_p50_ms, 1), "ask_p95": round(self.ask_p95_ms, 1)},
        }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(results: list[QuestionResult], modes: Iterable[str]) -> Summary:
    retrieval = {}
    for mode in modes:
        ranks = [r.ranks.get(mode) for r in results if r.has_evidence]
        n = len(ranks)
        retrieval[mode] = RetrievalScores(
            n=n,
            hit1=sum(1 for x in ranks if x == 1) / n if n else 0.0,
            hitk=sum(1 for x in ranks if x is not None) / n if n else 0.0,
            mrr=sum(1.0 / x for x in ranks if x is not None) / n if n else 0.0,
        )
    recalls = [r.fact_recall for r in results if r.fact_recall is not None]
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    return Summary(
        questions=len(results),
        retrieval=retrieval,
        fact_questions=len(recalls),
        fact_recall=_mean(recalls),  # type: ignore[arg-type]
        answerable=len(answerable),
        answered_rate=_mean([0.0 if r.refused else 1.0 for r in answerable]),
        unanswerable=len(unanswerable),
        refused_rate=_mean([1.0 if r.refused else 0.0 for r in unanswerable]),
        refusal_accuracy=_mean([1.0 if r.refusal_correct else 0.0 for r in results]),
        unsupported_answers=sum(1 for r in results if r.unsupported),
        unsupported_numbers=sum(len(r.unsupported) for r in results),
        search_p50_ms=percentile([r.search_ms for r in results], 50),
        search_p95_ms=percentile([r.search_ms for r in results], 95),
        ask_p50_ms=percentile([r.ask_ms for r in results], 50),
        ask_p95_ms=percentile([r.ask_ms for r in results], 95),
    )


@dataclass
class EvalReport:
    k: int
    modes: tuple[str, ...]
    overall: Summary
    by_type: dict[str, Summary]
    results: list[QuestionResult]
    seconds: float = 0.0

    def retrieval(self, mode: str = "hybrid", type_: str | None = None) -> RetrievalScores:
        return (self.overall if type_ is None else self.by_type[type_]).retrieval[mode]

    def failures(self, mode: str = "hybrid") -> list[tuple[QuestionResult, list[str]]]:
        return [(r, reasons) for r in self.results if (reasons := r.failures(mode))]

    def to_dict(self, with_questions: bool = True) -> dict[str, Any]:
        data = {
            "k": self.k, "modes": list(self.modes), "seconds": round(self.seconds, 2),
            "overall": self.overall.to_dict(self.k),
            "by_type": {t: s.to_dict(self.k) for t, s in self.by_type.items()},
        }
        if with_questions:
            data["questions"] = [r.to_dict() for r in self.results]
        return data


# -- the run ----------------------------------------------------------------------
def _indexed_passages(assistant) -> list[str] | None:
    """Compacted text of every passage, to tell a retrieval miss from evidence no passage holds."""
    try:
        rows = assistant.store.all_chunks()
    except Exception:  # a store without all_chunks: skip the diagnostic
        return None
    return [compact(chunk.text) for _, chunk in rows]


class _QueryVectors:
    """Installed on the embedder during an evaluation: an untimed search (``reuse``) takes the
    vector the preceding timed search computed for the same text instead of encoding it again."""

    def __init__(self, original: Callable[[str], Any]):
        self.original = original
        self.reuse = False
        self._last: tuple[str, Any] | None = None

    def __call__(self, text: str):
        if self.reuse and self._last is not None and self._last[0] == text:
            return self._last[1]
        vector = self.original(text)
        self._last = (text, vector)
        return vector


@contextmanager
def _shared_query_vectors(assistant) -> Iterator[_QueryVectors | None]:
    embedder = getattr(assistant, "embedder", None)
    if embedder is None or "encode_query" in vars(embedder):
        yield None
        return
    cache = _QueryVectors(embedder.encode_query)
    embedder.encode_query = cache
    try:
        yield cache
    finally:
        del embedder.encode_query


def evaluate(
    assistant,
    questions: list[dict[str, Any]],
    k: int = 5,
    *,
    modes: Iterable[str] = MODES,
    progress: Callable[[int, int], None] | None = None,
    warmup: bool = True,
) -> EvalReport:
    """Run every question through ``assistant.search`` (each mode) and ``assistant.ask``.

    ``assistant`` is an :class:`assistant.service.Assistant` (anything with the same
    ``search``/``ask`` methods works). Latencies are wall-clock per call, after one warm-up
    question that loads lazily built state (document frequencies, caches). Only the hybrid
    search and ``ask`` are timed; the other modes' searches reuse the query vector that the
    hybrid search just computed (the embedder's ``encode_query`` is wrapped during the run)."""
    modes = tuple(modes)
    if "hybrid" not in modes:
        modes = ("hybrid",) + modes  # search latency is measured on hybrid
    started = time.perf_counter()
    if warmup and questions:
        assistant.search(questions[0]["question"], k=k)
        assistant.ask(questions[0]["question"])
    passages: list[str] | None = None
    results = []
    with _shared_query_vectors(assistant) as vectors:
        for number, q in enumerate(questions, start=1):
            text = q["question"]
            evidence = [e for e in q.get("evidence") or [] if compact(e)]
            qtype = q.get("type") or "unknown"
            result = QuestionResult(
                id=str(q.get("id", number)), question=text, type=qtype, difficulty=q.get("difficulty") or "",
                answerable=qtype != UNANSWERABLE, has_evidence=bool(evidence),
            )
            for mode in sorted(modes, key=lambda m: m != "hybrid"):  # hybrid first: it is the timed one
                if vectors is not None:
                    vectors.reuse = mode != "hybrid"
                t0 = time.perf_counter()
                hits = assistant.search(text, k=k, mode=mode)
                if mode == "hybrid":
                    result.search_ms = (time.perf_counter() - t0) * 1000
                result.ranks[mode] = evidence_rank(hits, evidence) if evidence else None
            if vectors is not None:
                vectors.reuse = False
            if evidence and None in result.ranks.values():  # a miss: could any passage have hit?
                if passages is None:
                    passages = _indexed_passages(assistant) or []
                wanted = [compact(e) for e in evidence]
                result.evidence_indexed = not passages or any(w in p for p in passages for w in wanted)
            t0 = time.perf_counter()
            answer = assistant.ask(text)
            result.ask_ms = (time.perf_counter() - t0) * 1000
            result.refused = answer.refused
            result.answer = answer.text
            must = [m for m in q.get("must_contain") or [] if compact(m)]
            result.facts_expected = len(must)
            result.facts_missing = found_facts(answer, must)[1]
            result.unsupported = unsupported_in(answer)
            results.append(result)
            if progress:
                progress(number, len(questions))
    by_type = {t: summarize([r for r in results if r.type == t], modes) for t in sorted({r.type for r in results})}
    return EvalReport(k=k, modes=modes, overall=summarize(results, modes), by_type=by_type, results=results,
                      seconds=time.perf_counter() - started)


# -- presentation -----------------------------------------------------------------
def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def render(report: EvalReport, console, failures: bool = False) -> None:
    """Print the report as rich tables on ``console``."""
    from rich.table import Table

    k = report.k
    retrieval = Table(title=f"Retrieval (evidence in top {k}; {report.overall.retrieval['hybrid'].n} questions with evidence)")
    for col in ("mode", "hit@1", f"hit@{k}", f"MRR@{k}"):
        retrieval.add_column(col, justify="left" if col == "mode" else "right")
    for mode in report.modes:
        s = report.overall.retrieval[mode]
        retrieval.add_row(mode, _pct(s.hit1), _pct(s.hitk), f"{s.mrr:.3f}")
    console.print(retrieval)

    table = Table(title="Answers by question type (retrieval: hybrid)")
    cols = ["type", "n", "hit@1", f"hit@{k}", "MRR", "fact recall", "answered", "refused", "refusal acc.", "unsupported"]
    for col in cols:
        table.add_column(col, justify="left" if col == "type" else "right")

    def row(name: str, s: Summary, style: str | None = None) -> None:
        h = s.retrieval["hybrid"]
        table.add_row(
            name, str(s.questions),
            _pct(h.hit1) if h.n else "–", _pct(h.hitk) if h.n else "–", f"{h.mrr:.3f}" if h.n else "–",
            _pct(s.fact_recall), _pct(s.answered_rate), _pct(s.refused_rate), _pct(s.refusal_accuracy),
            str(s.unsupported_numbers), style=style,
        )

    for name, s in report.by_type.items():
        row(name, s)
    row("overall", report.overall, style="bold")
    console.print(table)
    o = report.overall
    console.print(
        f"latency (warm, ms): search p50 {o.search_p50_ms:.0f} / p95 {o.search_p95_ms:.0f}; "
        f"ask p50 {o.ask_p50_ms:.0f} / p95 {o.ask_p95_ms:.0f}   —   {o.questions} questions in {report.seconds:.1f} s"
    )
    if failures:
        failed = report.failures()
        fail = Table(title=f"Failures ({len(failed)} of {o.questions} questions)", show_lines=True)
        for col in ("id", "type", "question", "why", "answer"):
            fail.add_column(col, overflow="fold")
        for result, reasons in failed:
            fail.add_row(result.id, result.type, result.question, "\n".join(reasons), result.answer[:160])
        console.print(fail)
