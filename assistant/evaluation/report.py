"""Printing an evaluation run: per set and per question type, the assistant beside the
trivial baseline, then (optionally) every failure."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from assistant.evaluation.llm_run import LlmReport
from assistant.evaluation.metrics import Summary
from assistant.evaluation.run import RunReport


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _row(name: str, s: Summary) -> list[str]:
    return [
        name,
        str(s.questions),
        _pct(s.retrieval_hit1),
        _pct(s.hit1),
        _pct(s.hitk),
        _pct(s.fact_recall),
        _pct(s.baseline_recall),
        _pct(s.answerable_refused),
        _pct(s.unanswerable_refused),
        str(s.unsupported_numbers),
    ]


_COLUMNS = (
    "",
    "n",
    "retrieval hit@1",
    "hit@1",
    "hit@5",
    "fact recall",
    "baseline recall",
    "answerable refused",
    "unanswerable refused",
    "unsupported numbers",
)


def render(report: RunReport, console: Console, failures: bool = False) -> None:
    how = (
        f"leave-documents-out, {report.folds} folds (each fold answered by a selector fitted without its documents)"
        if report.folds >= 2
        else "the shipped selector (it may have seen these questions)"
    )
    for title, rows in (
        ("by question set", [(name, report.summary(set_name=name)) for name in report.sets()]),
        ("by question type", [(t, report.summary(type_=t)) for t in sorted({r.item.type for r in report.results})]),
    ):
        table = Table(title=f"Answers {title}: {how}; baseline = top-2 BM25 sentences, never refusing")
        for column in _COLUMNS:
            table.add_column(column, justify="left" if not column else "right")
        for name, summary in rows:
            table.add_row(*_row(name, summary))
        table.add_row(*_row("overall", report.summary()), style="bold")
        console.print(table)
    overall = report.summary()
    console.print(
        f"answer latency (warm, ms, retrieval included): p50 {overall.ask_p50_ms:.0f} / "
        f"p95 {overall.ask_p95_ms:.0f}; {overall.questions} questions in {report.seconds:.1f} s"
    )
    if report.skipped:
        console.print(
            f"skipped {len(report.skipped)} questions whose documents are not in the index: "
            + ", ".join(report.skipped[:10])
        )
    if report.llm is not None:
        render_llm(report.llm, console)
    if failures:
        failed = [(r, why) for r in report.results if (why := r.failures())]
        table = Table(title=f"Failures ({len(failed)} of {overall.questions})", show_lines=True)
        for column in ("question", "type", "why", "answer"):
            table.add_column(column, overflow="fold")
        for result, why in failed:
            table.add_row(
                f"{result.item.key}\n{result.item.question}",
                result.item.type,
                "\n".join(why),
                result.assistant.answer[:200],
            )
        console.print(table)


def render_llm(llm: LlmReport, console: Console) -> None:
    """The LLM path beside the extractive answers on the same questions, and where it helped or hurt."""
    table = Table(title=f"LLM reader on {len(llm.results)} questions of held-out fold {llm.fold}")
    for column in ("", "fact recall", "answerable refused", "unanswerable refused", "unsupported numbers"):
        table.add_column(column, justify="left" if not column else "right")
    for name, s in (("extractive", llm.extractive()), ("with LLM", llm.shown())):
        table.add_row(
            name,
            _pct(s.fact_recall),
            _pct(s.answerable_refused),
            _pct(s.unanswerable_refused),
            str(s.unsupported_numbers),
        )
    console.print(table)
    data = llm.to_dict()
    console.print(
        f"asked {data['asked']} of {data['questions']}; of those asked: "
        + ", ".join(f"{k} {_pct(v)}" for k, v in data["outcomes"].items())
        + f"; unsupported names shown: {data['unsupported_names']}; figures that only repeat a date the question"
        + f" names (22年 for 2022年), allowed by the verifier: {data['repeated_question_dates']};"
        + f" {data['seconds_per_answer']} s per answer"
    )
    for r in llm.results:
        if r.helps() or r.hurts():
            label = "helps" if r.helps() else "hurts"
            console.print(f"LLM {label}: {r.result.item.key} {r.result.item.question} → {r.shown.answer[:120]}")


def to_dict(report: RunReport, with_questions: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "folds": report.folds,
        "seconds": round(report.seconds, 1),
        "skipped": report.skipped,
        "overall": report.summary().to_dict(),
        "by_set": {name: report.summary(set_name=name).to_dict() for name in report.sets()},
        "by_type": {t: report.summary(type_=t).to_dict() for t in sorted({r.item.type for r in report.results})},
    }
    if report.llm is not None:
        data["llm"] = report.llm.to_dict()
    if with_questions:
        data["questions"] = [r.to_dict() for r in report.results]
    return data
