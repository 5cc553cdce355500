"""How far the answer-level model can push refusals of unanswerable questions: out of fold, the
share of unanswerable questions refused at a budget of answerable ones refused (5, 8, 10 %),
for the shipped answer-level features and for each of them left out.

Every question is retrieved and prepared once; sentence selectors are fitted out of fold (by
document family); the answer-level model's probabilities are out of fold too; the named checks
refuse what they refuse at every threshold.

    .venv/bin/python bench/refusal_curve.py --index /tmp/eval_all SETS... [--each]

To try a new answer-level feature, add it to ``assistant/answer/confidence.py`` and run this
again: it is worth keeping if the 5 % row moves by more than a question or two."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.answer.compose import CHECKS, decide
from assistant.answer.confidence import CONFIDENCE_FEATURES, fit_confidence
from assistant.evaluation.metrics import answer_recall
from assistant.evaluation.run import prepare_examples
from assistant.evaluation.sets import QuestionBank
from assistant.evaluation.train import _families, _out_of_fold, confidence_data
from assistant.service import Assistant
from assistant.settings import Settings

BUDGETS = (0.05, 0.08, 0.10)
FOLDS = 5


def out_of_fold(rows: np.ndarray, labels: np.ndarray, folds: list[int]) -> np.ndarray:
    probabilities = np.zeros(len(labels))
    for fold in range(FOLDS):
        train = [j for j, f in enumerate(folds) if f != fold]
        test = [j for j, f in enumerate(folds) if f == fold]
        model = fit_confidence(rows[train], labels[train])
        probabilities[test] = [model.probability(row) for row in rows[test]]
    return probabilities


def operating_points(levels: dict[int, float], outcomes: list[tuple[bool, float, bool]]) -> list[str]:
    points = []
    for threshold in np.arange(0.0, 0.95, 0.01):
        answerable, unanswerable, recall = [], [], []
        for i, (ok, found, refused) in enumerate(outcomes):
            refuse = refused or levels.get(i, 0.0) < threshold
            (answerable if ok else unanswerable).append(refuse)
            if ok:
                recall.append(0.0 if refuse else found)
        points.append((float(np.mean(answerable)), float(np.mean(unanswerable)), float(np.mean(recall))))
    cells = []
    for budget in BUDGETS:
        a, u, r = max((p for p in points if p[0] <= budget), key=lambda p: p[1])
        cells.append(f"{u:.3f} ({a:.3f}, recall {r:.3f})")
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--each", action="store_true", help="also leave out each answer-level feature")
    args = parser.parse_args()
    assistant = Assistant(Settings(index_dir=args.index))
    indexed = {d["source"] for d in assistant.documents()}
    questions = [q for q in QuestionBank.load(args.sets).questions if all(d in indexed for d in q.docs)]
    examples, _ = prepare_examples(assistant, questions, 5)
    selectors = [replace(s, add_above=0.3, add_relative=0.5) for s in _out_of_fold(examples, FOLDS, 1.0)]
    rows, labels, kept = confidence_data(examples, selectors)
    folds = _families([examples[i] for i in kept], FOLDS)
    outcomes = []
    for example, selector in zip(examples, selectors, strict=True):
        answer = decide(example.prepared, replace(selector, refuse_below=0.0, confidence=None), CHECKS)
        outcomes.append((example.item.answerable, answer_recall(answer, example.item), answer.refused))
    print(f"{len(examples)} questions, {sum(not o[0] for o in outcomes)} unanswerable\n")
    print(
        "| answer-level features | "
        + " | ".join(f"unanswerable refused at ≤{b:.0%} answerable" for b in BUDGETS)
        + " |"
    )
    print("|---|" + "---|" * len(BUDGETS))
    variants = [("all", list(range(rows.shape[1])))]
    if args.each:
        variants += [
            (f"without {n}", [j for j in range(rows.shape[1]) if j != i]) for i, n in enumerate(CONFIDENCE_FEATURES)
        ]
    for name, columns in variants:
        levels = dict(zip(kept, out_of_fold(rows[:, columns], labels, folds), strict=True))
        print(f"| {name} | " + " | ".join(operating_points(levels, outcomes)) + " |")


if __name__ == "__main__":
    main()
