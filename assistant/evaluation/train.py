"""Fitting the selector on labelled questions and calibrating how it answers and refuses.

1. Sentence model: a logistic regression over every candidate of every training question
   (a question the documents cannot answer gives only negatives).
2. How many sentences: the thresholds for adding sentences after the best one are chosen on
   out-of-fold probabilities (inner folds by document family), for fact recall with a small
   cost per sentence (answers stay short), taking the fullest answers among the settings
   whose score the questions cannot tell from the best.
3. Whether to answer: an answer-level model (:mod:`assistant.answer.confidence`) fitted on
   out-of-fold answers, labelled by whether they hold any expected fact; the refusal
   threshold is chosen on its own out-of-fold probabilities.

Nothing here is fitted to the rows it is judged on: every choice uses probabilities from
models that did not see the question."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from assistant.answer.compose import CHECKS, answer_confidence, decide
from assistant.answer.confidence import ConfidenceModel, confidence_row, fit_confidence
from assistant.answer.prepared import Prepared
from assistant.answer.selection import choose, judged_sentences, sentence_limit
from assistant.answer.selector import Selector, fit_selector
from assistant.evaluation.folds import question_family
from assistant.evaluation.metrics import answer_recall
from assistant.evaluation.sets import LabelledQuestion

ADD_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
RELATIVE_GRID = (0.3, 0.5, 0.7, 0.85)
REFUSE_GRID = tuple(round(x, 2) for x in np.arange(0.05, 0.95, 0.025))
SENTENCE_COST = 0.02  # fact recall one more sentence must bring to be worth showing
# Refusing a question the documents answer is allowed for at most this share of answerable
# questions (the product floor); within it, as many unanswerable questions as possible are refused.
MAX_ANSWERABLE_REFUSED = 0.05


@dataclass
class Example:
    item: LabelledQuestion
    prepared: Prepared
    labels: np.ndarray


def _rows(examples: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    matrices = [e.prepared.matrix for e in examples if len(e.labels)]
    labels = [e.labels for e in examples if len(e.labels)]
    return np.vstack(matrices), np.concatenate(labels)


def fit(examples: list[Example], *, c: float = 1.0) -> Selector:
    matrix, labels = _rows(examples)
    return fit_selector(
        matrix, labels, c=c, info={"questions": len(examples), "rows": len(labels), "positives": int(labels.sum())}
    )


def _families(examples: list[Example], k: int) -> list[int]:
    names = sorted({question_family(e.item) for e in examples})
    index = {name: i % k for i, name in enumerate(names)}
    return [index[question_family(e.item)] for e in examples]


def _out_of_fold(examples: list[Example], k: int, c: float) -> list[Selector]:
    """For each example, a sentence model fitted without its document family."""
    folds = _families(examples, k)
    selectors: list[Selector | None] = [None] * len(examples)
    for fold in range(k):
        train = [e for e, f in zip(examples, folds, strict=True) if f != fold]
        if not train:
            continue
        fitted = fit(train, c=c)
        for i, f in enumerate(folds):
            if f == fold:
                selectors[i] = fitted
    return [s if s is not None else fit(examples, c=c) for s in selectors]


@dataclass(frozen=True)
class Trial:
    """One setting's answers to the answerable questions: fact recall and sentences beyond the first."""

    recalls: np.ndarray
    extra_lines: np.ndarray

    @property
    def scores(self) -> np.ndarray:
        return self.recalls - SENTENCE_COST * self.extra_lines


def fullest_within_noise(trials: dict[tuple[float, float], Trial]) -> tuple[float, float]:
    """The setting with the highest fact recall among those whose score (recall less a cost per
    sentence) is within one standard error of the best score, paired question by question.

    The score is flat near its best: settings a few hundredths apart differ by less than the
    noise of the questions, while the fact recall they trade away for shorter answers is not.
    Taking the best score alone let a small change of the features move the threshold and
    cost multi-part answers a part; among the settings the data cannot tell apart, the one that
    misses fewest facts is kept."""
    best = max(trials, key=lambda key: float(trials[key].scores.mean()) if len(trials[key].recalls) else 0.0)
    if not len(trials[best].recalls):
        return best

    def within_noise(key: tuple[float, float]) -> bool:
        differences = trials[key].scores - trials[best].scores
        noise = float(differences.std(ddof=1)) / np.sqrt(len(differences)) if len(differences) > 1 else 0.0
        return float(differences.mean()) >= -noise

    return max((key for key in trials if within_noise(key)), key=lambda key: float(trials[key].recalls.mean()))


def charged_lines(prepared: Prepared, text: str) -> int:
    """Sentences beyond the first that cost the setting: a list's items beyond what any other
    answer may show are the list, not padding, so its length does not push the thresholds up."""
    extra = max(0, len(text.splitlines()) - 1)
    if prepared.question.intent.asks_list:
        return min(extra, sentence_limit(prepared.question, whole_list=False) - 1)
    return extra


def _add_thresholds(examples: list[Example], oof: list[Selector], checks: tuple[str, ...]) -> tuple[float, float]:
    trials: dict[tuple[float, float], Trial] = {}
    for add_above in ADD_GRID:
        for add_relative in RELATIVE_GRID:
            recalls, extra_lines = [], []
            for example, selector in zip(examples, oof, strict=True):
                if not example.item.answerable or not len(example.labels):
                    continue
                at_setting = replace(
                    selector, refuse_below=0.0, add_above=add_above, add_relative=add_relative, confidence=None
                )
                answer = decide(example.prepared, at_setting, checks)
                recalls.append(answer_recall(answer, example.item))
                extra_lines.append(charged_lines(example.prepared, answer.text))
            trials[(add_above, add_relative)] = Trial(np.asarray(recalls, float), np.asarray(extra_lines, float))
    return fullest_within_noise(trials)


def confidence_data(examples: list[Example], oof: list[Selector]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Answer-level rows and their labels: 1 when the answer the out-of-fold selector chooses
    holds an expected fact, 0 when the documents do not hold the answer. An answerable question
    whose chosen sentences miss is left out: the model learns whether the documents answer the
    question, and such a row says only that the selector chose badly."""
    rows, labels, kept = [], [], []
    for i, (example, selector) in enumerate(zip(examples, oof, strict=True)):
        prepared = example.prepared
        if not prepared.candidates:
            continue
        probabilities = selector.probabilities(prepared.matrix)
        chosen = choose(prepared, probabilities, selector)
        useful = example.item.answerable and any(example.labels[j] for j in chosen)
        if example.item.answerable and not useful:
            continue
        judged = judged_sentences(prepared, probabilities, selector, chosen)  # as decide() reads it
        rows.append(confidence_row(prepared.context, prepared.candidates, probabilities, judged, prepared.profiles))
        labels.append(1 if useful else 0)
        kept.append(i)
    return np.vstack(rows), np.asarray(labels), kept


def _refuse_threshold(
    examples: list[Example], oof: list[Selector], confidence: list[ConfidenceModel | None], checks: tuple[str, ...]
) -> float:
    outcomes = []  # (answerable, recall if answered, refused anyway, confidence)
    for example, selector, model in zip(examples, oof, confidence, strict=True):
        trial = replace(selector, refuse_below=0.0, confidence=model)
        answer = decide(example.prepared, trial, checks)
        level = 0.0
        if example.prepared.candidates:
            probabilities = trial.probabilities(example.prepared.matrix)
            judged = choose(example.prepared, probabilities, trial, whole_list=False)
            level = answer_confidence(example.prepared, probabilities, judged, trial)
        outcomes.append((example.item.answerable, answer_recall(answer, example.item), answer.refused, level))
    best = 0.0
    for threshold in REFUSE_GRID:
        answerable_refused = [1.0 if refused or level < threshold else 0.0 for ok, _, refused, level in outcomes if ok]
        if answerable_refused and float(np.mean(answerable_refused)) > MAX_ANSWERABLE_REFUSED:
            break
        best = threshold
    return best


def fit_calibrated(
    examples: list[Example], *, inner: int = 4, c: float = 1.0, checks: tuple[str, ...] = CHECKS
) -> Selector:
    """A selector fitted on all ``examples``, with its sentence thresholds, answer-level model
    and refusal threshold chosen on inner leave-families-out folds of the same examples."""
    oof = _out_of_fold(examples, inner, c)
    add_above, add_relative = _add_thresholds(examples, oof, checks)
    oof = [replace(s, add_above=add_above, add_relative=add_relative) for s in oof]
    rows, labels, kept = confidence_data(examples, oof)
    # The answer-level model's own out-of-fold probabilities choose the refusal threshold.
    folds = _families(examples, inner)
    per_example: list[ConfidenceModel | None] = [None] * len(examples)
    for fold in range(inner):
        train = [j for j, i in enumerate(kept) if folds[i] != fold]
        if len(set(labels[train])) < 2:
            continue
        model = fit_confidence(rows[train], labels[train])
        for i, f in enumerate(folds):
            if f == fold:
                per_example[i] = model
    overall = fit_confidence(rows, labels) if len(set(labels)) == 2 else None
    per_example = [m if m is not None else overall for m in per_example]
    refuse_below = _refuse_threshold(examples, oof, per_example, checks)
    final = fit(examples, c=c)
    return replace(
        final,
        add_above=add_above,
        add_relative=add_relative,
        refuse_below=refuse_below,
        confidence=overall,
        info=final.info | {"answer_model_rows": len(labels), "answer_model_positives": int(labels.sum())},
    )
