"""The fitted sentence selector: a logistic model over :data:`FEATURES` that gives each
candidate the probability that it states (part of) the answer, and the calibrated
thresholds that turn those probabilities into a choice of sentences or a refusal.

The weights live in ``selector.json`` beside this module, written by
``assistant train-selector`` (:mod:`assistant.evaluation.train`) from labelled questions;
the file is versioned with the code. Applying it needs only numpy."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from assistant.answer.confidence import CONFIDENCE_FEATURES, ConfidenceModel
from assistant.answer.features import FEATURES

WEIGHTS_FILE = "selector.json"


class SelectorMismatch(ValueError):
    """The weights file was fitted on other features than this code computes."""


@dataclass
class Selector:
    names: tuple[str, ...]
    coef: np.ndarray
    intercept: float
    mean: np.ndarray  # standardisation applied before the coefficients
    scale: np.ndarray
    refuse_below: float = 0.3  # answer confidence under which the answer is refused
    add_above: float = 0.5  # a further sentence needs at least this probability …
    add_relative: float = 0.6  # … and this share of the best one's
    info: dict[str, Any] = field(default_factory=dict)  # what it was fitted on, for the record
    confidence: ConfidenceModel | None = None  # answer-level model; without it, the best probability

    def probabilities(self, matrix: np.ndarray) -> np.ndarray:
        if matrix.shape[0] == 0:
            return np.zeros(0)
        z = ((matrix - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))), dtype=np.float64)

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.names),
            "coef": [round(float(c), 6) for c in self.coef],
            "intercept": round(float(self.intercept), 6),
            "mean": [round(float(m), 6) for m in self.mean],
            "scale": [round(float(s), 6) for s in self.scale],
            "refuse_below": self.refuse_below,
            "add_above": self.add_above,
            "add_relative": self.add_relative,
            "info": self.info,
            "confidence": None
            if self.confidence is None
            else {
                "features": list(CONFIDENCE_FEATURES),
                "coef": [round(float(c), 6) for c in self.confidence.coef],
                "intercept": round(float(self.confidence.intercept), 6),
                "mean": [round(float(m), 6) for m in self.confidence.mean],
                "scale": [round(float(x), 6) for x in self.confidence.scale],
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Selector:
        names = tuple(data["features"])
        if names != FEATURES:
            raise SelectorMismatch("句子选择模型是按另一套特征拟合的，请用 assistant train-selector 重新拟合。")
        confidence = data.get("confidence")
        if confidence is not None and tuple(confidence["features"]) != CONFIDENCE_FEATURES:
            raise SelectorMismatch("答案置信度模型是按另一套特征拟合的，请用 assistant train-selector 重新拟合。")
        return cls(
            confidence=None
            if confidence is None
            else ConfidenceModel(
                np.asarray(confidence["coef"], dtype=np.float64),
                float(confidence["intercept"]),
                np.asarray(confidence["mean"], dtype=np.float64),
                np.asarray(confidence["scale"], dtype=np.float64),
            ),
            names=names,
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            refuse_below=float(data["refuse_below"]),
            add_above=float(data["add_above"]),
            add_relative=float(data["add_relative"]),
            info=dict(data.get("info") or {}),
        )

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path | None = None) -> Selector:
        if path is None:
            text = resources.files("assistant.answer").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
            return cls.from_dict(json.loads(text))
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except SelectorMismatch as exc:
            raise SelectorMismatch(f"模型文件 {path.name}：{exc}") from exc
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise SelectorMismatch(
                f"模型文件 {path.name} 无法读取（不存在或不是 assistant train-selector 写出的文件）。"
            ) from exc

    def weights(self) -> dict[str, float]:
        """Each feature's coefficient (on standardised values), for reading the model."""
        return {name: float(c) for name, c in zip(self.names, self.coef, strict=True)}


def fit_selector(
    matrix: np.ndarray,
    labels: np.ndarray,
    *,
    c: float = 1.0,
    sample_weight: np.ndarray | None = None,
    info: dict[str, Any] | None = None,
) -> Selector:
    """A selector fitted on candidate rows and their 0/1 labels (thresholds left at defaults;
    :func:`assistant.evaluation.calibrate.calibrate` sets them)."""
    from sklearn.linear_model import LogisticRegression

    mean = matrix.mean(axis=0)
    scale = matrix.std(axis=0)
    scale[scale < 1e-9] = 1.0
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit((matrix - mean) / scale, labels, sample_weight=sample_weight)
    return Selector(
        FEATURES, model.coef_[0].astype(np.float64), float(model.intercept_[0]), mean, scale, info=dict(info or {})
    )
