"""When a later question is "the same question" as one an editor answered (a curated answer):
the embedding model's cosine similarity of the two questions at or above a threshold, the
details that make two similar questions different ones agree — the years, months, quarters,
halves, places and numbers they name — and each one's content words are in the other. The threshold is measured on eval/paraphrases
(``bench/curated_threshold.py``, figures in bench/README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.question import read_question
from assistant.text import compact, normalize

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A district, county, town or street named in the question, known or not (禾川区, 桐湾街道).
_PLACE = re.compile(r"[\u4e00-\u9fff]{2}(?:新区|街道|区|县|镇|乡)")
_NOT_A_PLACE = set("各全本该城辖社园景小片市街山的个这那些")  # 各区, 辖区, 社区, 城乡 … name no one place


@dataclass(frozen=True)
class Details:
    """What a question pins down besides its topic."""

    years: frozenset[int]
    months: frozenset[int]
    quarters: frozenset[int]
    halves: frozenset[str]
    places: frozenset[str]
    numbers: frozenset[str]


def details_of(question: str) -> Details:
    read = read_question(question)
    years = {y % 100 for y in read.years}  # 24年 and 2024年 name the same year
    numbers = set(_NUMBER.findall(normalize(question))) - {str(y) for y in read.years} - {f"{y:02d}" for y in years}
    numbers -= {str(m) for m in read.months} | {str(q) for q in read.quarters}
    return Details(
        frozenset(years),
        frozenset(read.months),
        frozenset(read.quarters),
        frozenset(read.halves),
        frozenset(read.places) | frozenset(p for p in _PLACE.findall(normalize(question)) if p[1] not in _NOT_A_PLACE),
        frozenset(numbers),
    )


def details_agree(stored: str, asked: str) -> bool:
    """Whether the two questions name the same years, months, quarters, halves, places and
    numbers; a kind of detail that only one of them names does not count against it (a later
    question often leaves out what the context made clear)."""
    a, b = details_of(stored), details_of(asked)
    pairs = (
        (a.years, b.years),
        (a.months, b.months),
        (a.quarters, b.quarters),
        (a.halves, b.halves),
        (a.places, b.places),
        (a.numbers, b.numbers),
    )
    return all(not (left and right) or left == right for left, right in pairs)


def words_agree(stored: str, asked: str) -> bool:
    """Whether each question's content words (nouns of two or more characters) are in the other,
    character by character (立案 is in 立了多少案; 结案 is not in 立案数, 目标 not in 实际完成)."""
    texts = (compact(normalize(stored)), compact(normalize(asked)))
    for words, other in ((read_question(stored).nouns, texts[1]), (read_question(asked).nouns, texts[0])):
        for word in words:
            if len(word) >= 2 and not all(ch in other for ch in compact(normalize(word))):
                return False
    return True


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two embeddings (the model's vectors are normalised)."""
    return float(np.dot(np.asarray(a, dtype=np.float32).ravel(), np.asarray(b, dtype=np.float32).ravel()))


def same_question(stored: str, asked: str, score: float, threshold: float) -> bool:
    return score >= threshold and details_agree(stored, asked) and words_agree(stored, asked)
