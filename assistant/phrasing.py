"""How staff ask rather than what the documents write: question words that the evidence of
answered questions says less often than question words do on the whole (负责 of 谁负责 is said
by a table's column, not the row that answers; 地方, 以后, 为什么 by no sentence at all). Each
carries a factor below one on its weight where the answer check weighs whether the chosen sentences
answer the question (:func:`assistant.answer.confidence.as_asked`), learned by
``bench/phrasing_words.py`` from the labelled development sets into ``resources/question_phrasing.tsv``."""

from __future__ import annotations

import functools
from importlib import resources


@functools.lru_cache(maxsize=1)
def _factors() -> dict[str, float]:
    table: dict[str, float] = {}
    with resources.files("assistant.resources").joinpath("question_phrasing.tsv").open("r", encoding="utf-8") as fh:
        for line in fh:
            word, _, factor = line.strip().partition("\t")
            if word and factor:
                table[word] = float(factor)
    return table


def phrasing_factor(word: str) -> float:
    """The factor on ``word``'s weight as a question word: 1.0 unless answers' evidence seldom says it."""
    return _factors().get(word, 1.0)
