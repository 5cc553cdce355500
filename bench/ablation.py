"""Ablation table of the answerer on leave-documents-out folds: what each refusal check and each
feature group is worth.

Every question is retrieved and prepared once; then
* the full system: per fold, a selector fitted and calibrated without the fold's documents;
* each refusal check left out: the same fold selectors, the check skipped;
* the answer-level model off: refusal on the best sentence's probability, same thresholds;
* each feature group removed: the group's columns set to zero, selectors refitted and recalibrated.

    .venv/bin/python bench/ablation.py --index /tmp/eval_all SETS... [--features]

Prints a Markdown table: fact recall, answerable refused, unanswerable refused and hit@1, with the
difference to the full system."""

from __future__ import annotations

import argparse
import copy
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.answer.compose import CHECKS, decide
from assistant.answer.features import FEATURES
from assistant.answer.selection import rank_passages
from assistant.answer.selector import Selector
from assistant.evaluation.folds import assign_folds
from assistant.evaluation.metrics import answer_recall, evidence_rank
from assistant.evaluation.run import prepare_examples
from assistant.evaluation.sets import QuestionBank
from assistant.evaluation.train import Example, fit_calibrated
from assistant.service import Assistant
from assistant.settings import Settings

GROUPS = {
    "coverage of the question's words": ["cov_q", "cov_q_ctx", "cov_part", "cov_part_ctx", "cov_doc", "rare_missing"],
    "retrieval ranks and scores": ["hit_rank", "dense", "bm25_rank"],
    "figures and units": ["has_num", "fig_num", "fig_nonum", "unit_match", "unit_miss"],
    "period agreement": ["year_agree", "year_conflict", "month_agree", "month_conflict", "period_conflict"],
    "place agreement": ["place_agree", "place_conflict", "place_in_sentence"],
    "plan or result": ["plan", "plan_result", "plan_target"],
    "sentence shape": ["truncated"],
    "cue words": ["problem_cue", "standard_cue", "when_match"],
}
Scores = tuple[float, float, float, float]


def measure(
    examples: list[Example], selectors: list[Selector], folds: dict[str, int], checks: tuple[str, ...]
) -> Scores:
    recall, answerable_refused, unanswerable_refused, hit1 = [], [], [], []
    for example in examples:
        selector = selectors[folds[example.item.key]]
        answer = decide(example.prepared, selector, checks)
        if example.item.answerable:
            answerable_refused.append(answer.refused)
            if example.item.must_contain:
                recall.append(answer_recall(answer, example.item))
        else:
            unanswerable_refused.append(answer.refused)
        if example.item.evidence and example.prepared.candidates:
            ranked = rank_passages(example.prepared, selector.probabilities(example.prepared.matrix))
            hit1.append(evidence_rank(ranked[:5], example.item.evidence) == 1)
    return (
        float(np.mean(recall)),
        float(np.mean(answerable_refused)),
        float(np.mean(unanswerable_refused)),
        float(np.mean(hit1)),
    )


def fitted(examples: list[Example], folds: dict[str, int], k: int) -> list[Selector]:
    return [fit_calibrated([e for e in examples if folds[e.item.key] != fold]) for fold in range(k)]


def without_columns(examples: list[Example], columns: list[str]) -> list[Example]:
    index = [FEATURES.index(c) for c in columns]
    out = []
    for example in examples:
        prepared = copy.copy(example.prepared)
        matrix = prepared.matrix.copy()
        matrix[:, index] = 0.0
        prepared.matrix = matrix
        out.append(Example(example.item, prepared, example.labels))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--features", action="store_true", help="also refit without each feature group (slow)")
    args = parser.parse_args()

    assistant = Assistant(Settings(index_dir=args.index))
    indexed = {d["source"] for d in assistant.documents()}
    questions = [q for q in QuestionBank.load(args.sets).questions if all(d in indexed for d in q.docs)]
    examples, _ = prepare_examples(assistant, questions, k=5)
    folds = assign_folds(questions, args.folds)
    full = fitted(examples, folds, args.folds)
    rows: list[tuple[str, Scores]] = [("full system", measure(examples, full, folds, CHECKS))]
    for check in CHECKS:
        rows.append(
            (f"without check `{check}`", measure(examples, full, folds, tuple(c for c in CHECKS if c != check)))
        )
    rows.append(("without any named check", measure(examples, full, folds, ())))
    plain = [replace(s, confidence=None) for s in full]
    rows.append(
        ("answer-level model off (best sentence probability, same threshold)", measure(examples, plain, folds, CHECKS))
    )
    if args.features:
        for name, columns in GROUPS.items():
            reduced = without_columns(examples, columns)
            rows.append(
                (f"without features: {name}", measure(reduced, fitted(reduced, folds, args.folds), folds, CHECKS))
            )
    base = rows[0][1]
    print("| variant | fact recall | answerable refused | unanswerable refused | hit@1 |")
    print("|---|---|---|---|---|")
    for name, scores in rows:
        cells = [
            f"{v:.3f}" if name == "full system" else f"{v:.3f} ({v - b:+.3f})"
            for v, b in zip(scores, base, strict=True)
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
