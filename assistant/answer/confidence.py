"""Whether the chosen sentences answer the question at all: a second small fitted model over
question-level features (how sure the selector is, whether the chosen sentences say the
question's rarest words, give a figure in the unit asked, come from a document about the
period and place asked …). Its probability, against a calibrated threshold, decides refusal."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from assistant.answer.candidates import Candidate
from assistant.answer.features import (
    QuestionContext,
    counts_in,
    coverage,
    focus_said,
    rank_match,
)
from assistant.answer.features_place import places_said
from assistant.answer.refuse import says_asked_time, says_dated_year
from assistant.corpus import DocProfile
from assistant.corpus_view import UNSAID_WEIGHT
from assistant.phrasing import phrasing_factor
from assistant.text import compact
from assistant.units import MASKED_FIGURE as MASKED
from assistant.units import states_figure, with_arabic_figures

# Each feature of an answer, with the direction it can only point in: +1, more of it is more reason
# to answer; -1, more reason to refuse; 0, either. The fit keeps those signs, so that features which
# overlap (p_best and the coverages) cannot turn one round to cancel another on the training rows,
# which leaves an answer that says none of the question's words (cov_best 0) more confident, not less.
DIRECTION: dict[str, int] = {
    "p_best": +1,
    "p_margin": 0,
    "p_chosen_mean": +1,
    "cov_best": +1,
    "cov_chosen": +1,
    "cov_best_ctx": +1,
    "rare_best": +1,
    "rare_chosen": +1,
    "rare2_chosen": +1,
    "unit_asked": 0,
    "unit_met": +1,
    "time_yes": +1,
    "time_no": -1,
    "place_yes": +1,
    "place_no": -1,
    "truncated": -1,
    "masked": -1,
    "plan_for_result": -1,
    "ordinal_met": +1,
    "best_rank": 0,
    "figure_asked": 0,
    "figure_given": +1,
    "keywords": 0,
    "parts": 0,
    "cov_doc": +1,
    "miss_doc": -1,
    "miss_ctx": -1,
    "part_cov_min": +1,
    "part_rare_min": +1,
    "part_unit_min": +1,
    "places_said": +1,
    "focus_said": +1,
    "unknown_nouns": -1,
    "p_other_doc": 0,
}
CONFIDENCE_FEATURES: tuple[str, ...] = tuple(DIRECTION)
SUPPORT = frozenset(name for name, sign in DIRECTION.items() if sign > 0)
AGAINST = frozenset(name for name, sign in DIRECTION.items() if sign < 0)


@dataclass(frozen=True)
class ConfidenceModel:
    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray

    def probability(self, row: np.ndarray) -> float:
        z = float(((row - self.mean) / self.scale) @ self.coef + self.intercept)
        return float(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def _rarest(ctx: QuestionContext, n: int) -> list[str]:
    ranked = sorted(ctx.weights.items(), key=lambda item: -item[1])
    return [w for w, weight in ranked if weight > 0.5][:n]


def confidence_row(
    ctx: QuestionContext,
    candidates: list[Candidate],
    probabilities: np.ndarray,
    chosen: list[int],
    profiles: dict[str, DocProfile],
) -> np.ndarray:
    """The question-level features of an answer made of ``chosen`` (best first)."""
    ctx = as_asked(ctx)
    q = ctx.question
    best = candidates[chosen[0]]
    ordered = np.sort(probabilities)[::-1]
    own_best = compact(f"{best.header} {best.text}")
    ctx_best = compact(f"{best.context()} {best.header} {best.text}")
    union = with_arabic_figures(compact(" ".join(candidates[i].stated() for i in chosen)))
    union_ctx = compact(" ".join(f"{candidates[i].context()} {candidates[i].text}" for i in chosen))
    rare = _rarest(ctx, 2)
    profile = profiles[best.doc_id]
    time = profile.covers_time(q)
    if time is not True and (q.years or q.months or q.quarters) and says_asked_time(q, best):
        time = True  # a 2025 report's "一、2024年工作回顾" answers for 2024
    if time is not True and ctx.asked_years - set(q.years) and says_dated_year(ctx.asked_years, best, profile.written):
        time = True  # 去年 asked (2024), "全年拆除…" under "一、2024年工作完成情况"
    places = profile.covers_places(q)
    units = q.units
    return np.array(
        [
            ordered[0],
            ordered[0] - (ordered[1] if len(ordered) > 1 else 0.0),
            float(np.mean(probabilities[chosen])),
            coverage(q.keywords, ctx.weights, own_best),
            coverage(q.keywords, ctx.weights, union),
            coverage(q.keywords, ctx.weights, ctx_best),
            1.0 if rare and rare[0] in ctx_best else 0.0,
            1.0 if rare and rare[0] in union_ctx else 0.0,
            1.0 if len(rare) > 1 and rare[1] in union_ctx else 0.0,
            float(bool(units)),
            float(bool(units) and any(counts_in(u, union) for u in units)),
            float(time is True),
            float(time is False),
            float(places is not None and places > 0),
            float(places == 0),
            float(best.truncated),
            float(bool(MASKED.search(best.text))),
            float(q.intent.result and best.is_plan),
            max(
                (
                    rank_match(q, candidates[i].text, profiles[candidates[i].doc_id], candidates[i].header)
                    for i in chosen
                ),
                default=0.0,
            ),
            1.0 / (1 + best.rank),
            float(q.intent.figure),
            float(states_figure(union)),
            min(len(q.keywords), 10) / 10,
            min(len(q.parts), 4) / 4,
            coverage(q.keywords, ctx.weights, profile.about),
            _missing_weight(ctx, profile.about),
            _missing_weight(ctx, union_ctx),
            *_parts_covered(ctx, [candidates[i] for i in chosen]),
            max(places_said(q, compact(f"{candidates[i].context()} {candidates[i].text}")) for i in chosen),
            focus_said(ctx, union),
            _unknown_share(ctx),
            _best_elsewhere(candidates, probabilities, best.doc_id),
        ],
        dtype=np.float64,
    )


def as_asked(ctx: QuestionContext) -> QuestionContext:
    """The question's words weighed for whether it is answered at all: a word of how staff ask
    (:mod:`assistant.phrasing`) weighs less, so an answer is not doubted for not saying it. A word
    no passage says keeps the unknown word's weight, which tells it apart. The sentence features
    keep the corpus weights: choosing among sentences, such a word is said or not alike by all."""
    weights = {
        w: weight if weight == UNSAID_WEIGHT else weight * phrasing_factor(w) for w, weight in ctx.weights.items()
    }
    return replace(ctx, weights=weights)


def _best_elsewhere(candidates: list[Candidate], probabilities: np.ndarray, doc_id: str) -> float:
    """The best probability of a sentence of another document: a look-alike that reads almost as
    well (the same report of another month or city) says the question may be about neither."""
    return max((float(p) for c, p in zip(candidates, probabilities, strict=True) if c.doc_id != doc_id), default=0.0)


def _unknown_share(ctx: QuestionContext) -> float:
    """Share of the question's nouns that no passage of the corpus says ("火星基地"): either
    colloquial words or a subject the documents are not about."""
    nouns = [w for w in ctx.question.nouns if len(w) >= 2]
    if not nouns:
        return 0.0
    return sum(1 for w in nouns if ctx.known.get(w) is False) / len(nouns)


def _parts_covered(ctx: QuestionContext, chosen: list[Candidate]) -> list[float]:
    """How well the worst-covered part of the question is answered: the best coverage of its
    words by one chosen sentence, whether its heaviest word is said, whether a figure in its
    unit is given (each 1.0 for a question of one part that asks nothing of the kind)."""
    owns = [with_arabic_figures(compact(c.stated())) for c in chosen]
    arounds = [compact(f"{c.context()} {c.header} {c.text}") for c in chosen]
    cov, rare, unit = [], [], []
    for part in ctx.question.parts:
        if part.keywords:
            cov.append(max(coverage(part.keywords, ctx.weights, t) for t in owns))
            heaviest = max(part.keywords, key=lambda w: ctx.weights.get(w, 0.0))
            rare.append(1.0 if any(heaviest in t for t in arounds) else 0.0)
        if part.units:
            unit.append(1.0 if any(counts_in(u, t) for u in part.units for t in owns) else 0.0)
    return [min(cov, default=1.0), min(rare, default=1.0), min(unit, default=1.0)]


def _missing_weight(ctx: QuestionContext, text: str) -> float:
    """The heaviest question word the corpus uses but ``text`` does not (relative to the heaviest
    word of the question): a rare word asked about that the answer's document never says."""
    known = {w: weight for w, weight in ctx.weights.items() if weight > 0.5}
    if not known:
        return 0.0
    missing = [weight for w, weight in known.items() if w not in text]
    return max(missing, default=0.0) / max(known.values())


def fit_confidence(rows: np.ndarray, labels: np.ndarray, *, c: float = 0.5, signed: bool = True) -> ConfidenceModel:
    """A logistic model (L2, ``c`` as scikit-learn's C) on standardised rows; with ``signed``, each
    coefficient of :data:`SUPPORT` kept ≥ 0 and of :data:`AGAINST` ≤ 0."""
    from scipy.optimize import minimize
    from scipy.special import expit

    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    x = (rows - mean) / scale
    y = np.where(labels > 0, 1.0, -1.0)

    def objective(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:-1], params[-1]
        margins = y * (x @ w + b)
        slope = -y * expit(-margins)  # d loss / d z of each row
        value = c * float(np.logaddexp(0.0, -margins).sum()) + 0.5 * float(w @ w)
        return value, np.concatenate([c * (x.T @ slope) + w, [c * slope.sum()]])

    def bound(name: str) -> tuple[float | None, float | None]:
        if signed and name in SUPPORT:
            return (0.0, None)
        if signed and name in AGAINST:
            return (None, 0.0)
        return (None, None)

    bounds = [bound(name) for name in CONFIDENCE_FEATURES] + [(None, None)]
    fitted = minimize(objective, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    params = np.asarray(fitted.x, dtype=np.float64)
    return ConfidenceModel(params[:-1], float(params[-1]), mean, scale)
