"""Which candidate sentences state the answer of a labelled question: the training labels of
the selector and the measure of what it chose."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import numpy as np

from assistant.answer.candidates import Candidate
from assistant.evaluation.sets import LabelledQuestion
from assistant.text import compact

_FIGURE = re.compile(r"\d")


def _overlaps(sentence: str, evidence: str) -> bool:
    """The sentence holds a good part of the evidence, or the evidence holds the sentence."""
    if not sentence or not evidence:
        return False
    if evidence in sentence or (len(sentence) >= 6 and sentence in evidence):
        return True
    match = SequenceMatcher(None, sentence, evidence, autojunk=False).find_longest_match(
        0, len(sentence), 0, len(evidence)
    )
    return match.size >= min(12, int(0.6 * len(evidence))) or match.size >= 0.6 * len(sentence) >= 6


def is_answer(candidate: Candidate, item: LabelledQuestion) -> bool:
    """A sentence of an answering document that overlaps the evidence or states a figure the
    answer must contain."""
    if not item.answerable or (item.docs and candidate.hit.source not in item.docs):
        return False
    text = compact(f"{candidate.header} {candidate.text}")
    if any(_overlaps(text, compact(e)) for e in item.evidence):
        return True
    return any(_FIGURE.search(m) and compact(m) in text for m in item.must_contain)


def labels(candidates: list[Candidate], item: LabelledQuestion) -> np.ndarray:
    return np.array([1 if is_answer(c, item) else 0 for c in candidates], dtype=np.int64)
