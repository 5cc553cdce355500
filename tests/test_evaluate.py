"""The built-in evaluation on the dev set: floors for retrieval, answers and refusals, and the
evaluation's own checks (evidence ranks, fact recall, unsupported numbers) on synthetic data.

The floors sit a little below what was measured (see bench/README.md); raise them when the
assistant improves, never lower them to make a change pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluate import (
    evaluate,
    evidence_rank,
    found_facts,
    load_questions,
    percentile,
    summarize,
    unsupported_in,
)
from assistant.models import Answer, Chunk, Citation, Hit

DEV = Path(__file__).resolve().parent.parent / "eval" / "dev.jsonl"


@pytest.fixture(scope="module")
def report(assistant):
    return evaluate(assistant, load_questions(DEV), k=5)


def test_dev_set_is_complete(report):
    assert report.overall.questions == 126
    assert report.overall.unanswerable == 16
    assert report.overall.retrieval["hybrid"].n == 116  # questions with evidence strings
    assert all(r.evidence_indexed for r in report.results), [r.id for r in report.results if not r.evidence_indexed]


def test_hybrid_retrieval_floors(report):
    hybrid = report.retrieval("hybrid")  # measured: hit@5 1.000, hit@1 0.922, MRR 0.960
    assert hybrid.hitk >= 0.98, hybrid
    assert hybrid.hit1 >= 0.90, hybrid
    assert hybrid.mrr >= 0.94, hybrid


def test_hybrid_is_at_least_as_good_as_either_ranking_alone(report):
    # measured hit@1: hybrid 0.922, BM25 0.922, dense 0.784; MRR: 0.960, 0.957, 0.868
    hybrid, dense, bm25 = (report.retrieval(m) for m in ("hybrid", "dense", "bm25"))
    assert hybrid.hit1 >= bm25.hit1 and hybrid.hit1 >= dense.hit1, (hybrid, dense, bm25)
    assert hybrid.mrr >= dense.mrr, (hybrid, dense)


def test_answer_floors(report):
    overall = report.overall  # measured: fact recall 0.940, refusal accuracy 1.000 (answered 1.000, refused 1.000)
    assert overall.fact_recall >= 0.91, overall
    assert overall.refusal_accuracy >= 0.96, overall
    assert overall.answered_rate >= 0.96, overall
    assert overall.refused_rate >= 0.87, overall


def test_no_answer_states_a_number_its_citations_do_not_hold(report):
    assert report.overall.unsupported_numbers == 0, [(r.id, r.unsupported) for r in report.results if r.unsupported]


def test_latencies_are_measured(report):
    overall = report.overall
    assert 0 < overall.search_p50_ms <= overall.search_p95_ms
    assert 0 < overall.ask_p50_ms <= overall.ask_p95_ms
    assert json.loads(json.dumps(report.to_dict()))["overall"]["retrieval"]["hybrid"]["hit@5"] == round(
        report.retrieval().hitk, 4)


# -- the evaluation's own checks on synthetic data ------------------------------------
def _hit(text: str, title: str = "XX区城市管理局2023年工作总结", heading: str = "一、工作完成情况") -> Hit:
    chunk = Chunk(chunk_id="d:0000", doc_id="d", ordinal=0, heading=heading, text=text, start=0, end=len(text))
    return Hit(chunk=chunk, score=1.0, title=title)


def test_a_wrong_figure_counts_as_unsupported():
    hit = _hit("全年累计处置数字化案件8200件，处置率99.18％。")
    right = Answer(question="q", text="全年累计处置数字化案件8200件[1]", refused=False, citations=[Citation(1, hit)])
    wrong = Answer(question="q", text="全年累计处置数字化案件8300件，处置率99.2%[1]", refused=False,
                   citations=[Citation(1, hit)])
    assert unsupported_in(right) == []
    assert unsupported_in(wrong) == ["8300", "99.2%"]
    # The year in the document title supports "2023年"; a refusal states no figures.
    assert unsupported_in(Answer(question="q", text="2023年处置8200件[1]", refused=False, citations=[Citation(1, hit)])) == []
    assert unsupported_in(Answer(question="q", text="文件中没有2025年的内容。", refused=True)) == []


def test_evidence_rank_and_facts_compare_normalised_text():
    hits = [_hit("无关段落。"), _hit("新建遮陽擋雨棚18座，6月底全面竣工。")]
    assert evidence_rank(hits, ["新建遮阳挡雨棚 18座"]) == 2  # Traditional vs Simplified, stray space
    assert evidence_rank(hits, ["不存在的句子"]) is None
    answer = Answer(question="q", text="新建遮阳挡雨棚１８座[1]", refused=False)
    assert found_facts(answer, ["18座", "6月底"]) == (["18座"], ["6月底"])


def test_summary_rates_and_percentiles():
    from assistant.evaluate import QuestionResult

    results = [
        QuestionResult("a", "", "figure", "", True, True, {"hybrid": 1}, facts_expected=2, facts_missing=["x"]),
        QuestionResult("b", "", "figure", "", True, True, {"hybrid": 2}, refused=True, facts_expected=1,
                       facts_missing=["y"]),
        QuestionResult("c", "", "unanswerable", "", False, False, {"hybrid": None}, refused=True),
        QuestionResult("d", "", "unanswerable", "", False, True, {"hybrid": None}, refused=False),
    ]
    s = summarize(results, ["hybrid"])
    assert (s.retrieval["hybrid"].n, s.retrieval["hybrid"].hit1, s.retrieval["hybrid"].hitk) == (3, 1 / 3, 2 / 3)
    assert s.retrieval["hybrid"].mrr == pytest.approx((1 + 0.5) / 3)
    assert s.fact_recall == pytest.approx((0.5 + 0.0) / 2)
    assert (s.answered_rate, s.refused_rate, s.refusal_accuracy) == (0.5, 0.5, 0.5)
    assert results[3].failures() == ["retrieval miss (hybrid)", "answered an unanswerable question"]
    assert percentile([1, 2, 3, 4, 5], 50) == 3 and percentile([1, 2, 3, 4, 5], 95) == pytest.approx(4.8)
