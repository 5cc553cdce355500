"""Search normalisation: one function that every stage uses to compare text.

Display text is never normalised; search text is Simplified Chinese, half-width,
without the stray spaces that PDF extraction leaves between Chinese characters."""

from __future__ import annotations

import functools
import re
import unicodedata

import opencc

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef“”‘’"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}{_CJK_PUNCT}])[ \t\u3000]+(?=[{CJK}{_CJK_PUNCT}])")
_WS = re.compile(r"\s+")


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


_SURROGATES = re.compile(r"[\ud800-\udfff]")


def to_simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC t2s); Simplified text passes unchanged.
    Lone surrogates (not encodable, e.g. from broken JSON) are dropped."""
    return str(_t2s().convert(_SURROGATES.sub("", text)))


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation to half-width (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def remove_cjk_spaces(text: str) -> str:
    """Drop spaces between two Chinese characters or punctuation marks (``工 作计划`` → ``工作计划``)."""
    return _SPACE_BETWEEN_CJK.sub("", text)


def normalize(text: str) -> str:
    """The search form of a text: Simplified, half-width, lower-case, single-spaced."""
    text = remove_cjk_spaces(text)
    # Width folding first: NFKC turns Kangxi radicals (⾨) into ordinary characters that t2s knows.
    text = to_simplified(fold_width(text))
    text = remove_cjk_spaces(text)
    return _WS.sub(" ", text).strip().lower()


def compact(text: str) -> str:
    """Normalised text with all whitespace removed: for substring checks (evidence, numbers)."""
    return squeeze(normalize(text))


def nonblank_lines(text: str) -> list[str]:
    """The lines of ``text`` that hold anything, stripped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def squeeze(text: str) -> str:
    """``text`` with all whitespace removed (``compact`` of a text that is already normalised)."""
    return _WS.sub("", text)
