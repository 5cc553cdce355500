"""The answer-level confidence model keeps the direction each feature can only point in."""

from __future__ import annotations

import numpy as np

from assistant.answer.confidence import AGAINST, CONFIDENCE_FEATURES, SUPPORT, fit_confidence


def _overlapping_rows(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Rows where cov_best moves with p_best, so that alone it adds nothing: an unconstrained fit
    gives one of the pair a negative weight to cancel part of the other."""
    rng = np.random.default_rng(seed)
    n = 4000
    rows = rng.normal(size=(n, len(CONFIDENCE_FEATURES)))
    best, coverage, missing = (CONFIDENCE_FEATURES.index(name) for name in ("p_best", "cov_best", "miss_ctx"))
    rows[:, coverage] = rows[:, best] + 0.05 * rng.normal(size=n)
    rows[:, missing] = -rows[:, best] + 0.05 * rng.normal(size=n)
    noise = rng.normal(size=n)
    labels = (1.6 * rows[:, best] - 0.8 * rows[:, coverage] + 0.3 * rows[:, missing] + noise > 0).astype(int)
    return rows, labels


def test_an_overlapping_feature_cannot_turn_its_sign_round():
    rows, labels = _overlapping_rows()
    free = dict(zip(CONFIDENCE_FEATURES, fit_confidence(rows, labels, signed=False).coef, strict=True))
    assert free["cov_best"] < 0 or free["miss_ctx"] > 0  # the data would have it turned round
    signed = dict(zip(CONFIDENCE_FEATURES, fit_confidence(rows, labels).coef, strict=True))
    assert all(signed[name] >= 0 for name in SUPPORT)
    assert all(signed[name] <= 0 for name in AGAINST)
    assert signed["p_best"] > 0.5


def test_the_signed_model_still_separates_answers_from_refusals():
    rows, labels = _overlapping_rows(seed=1)
    model = fit_confidence(rows, labels)
    scores = np.array([model.probability(row) for row in rows])
    assert scores[labels == 1].mean() > scores[labels == 0].mean() + 0.1
