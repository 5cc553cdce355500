"""A question word no passage says as written, read as the retrieved passages write it.

Staff shorten a measure's name by leaving characters out (机扫率 for 机械化清扫率, 停车位 for
停车泊位, 平均分 for 平均得分), and type a character that sounds like the right one (公侧 for 公厕:
pinyin input offers both). Such a word is found in no passage, so it weighs little and counts as
unknown; written the documents' way it is matched like any other word."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from assistant.corpus_view import CorpusView
from assistant.question import Question

MIN_LENGTH = 3  # a two-character word with characters between its own matches too much
MAX_ADDED = 3  # characters a shortened word may leave out


def spelling_in(word: str, texts: Iterable[str]) -> str | None:
    """The run of ``texts`` (compacted) most often holding ``word``'s characters in order, from its
    first to its last, with at most ``MAX_ADDED`` other Chinese characters between them; the
    shortest such run on a tie, None if there is none."""
    if len(word) < MIN_LENGTH or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return None
    gap = rf"[\u4e00-\u9fff]{{0,{MAX_ADDED}}}?"
    pattern = re.compile(gap.join(re.escape(ch) for ch in word))
    found = Counter(
        m.group(0)
        for text in texts
        for m in pattern.finditer(text)
        if len(word) < len(m.group(0)) <= len(word) + MAX_ADDED
    )
    if not found:
        return None
    return min(found, key=lambda run: (-found[run], len(run), run))


def homophone_in(word: str, texts: Iterable[str]) -> str | None:
    """The run of ``texts`` (compacted) most often read as ``word`` is (its characters' pinyin, tones
    left out) that shares a character with it in place (公厕 for 公侧); None if there is none."""
    if len(word) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return None
    sound = [_sound(ch) for ch in word]
    found: Counter[str] = Counter()
    for text in texts:
        sounds = [_sound(ch) for ch in text]
        for start in range(len(text) - len(word) + 1):
            run = text[start : start + len(word)]
            if (
                sounds[start : start + len(word)] == sound
                and run != word
                and any(a == b for a, b in zip(run, word, strict=True))
            ):
                found[run] += 1
    return min(found, key=lambda run: (-found[run], run)) if found else None


@functools.lru_cache(maxsize=8192)
def _sound(character: str) -> str:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(character)[0] if "\u4e00" <= character <= "\u9fff" else character


def as_written(question: Question, texts: list[str], corpus: CorpusView) -> Question:
    """``question`` with each keyword no passage says replaced by its spelling in ``texts``."""
    aliases = {
        word: spelled
        for word in question.keywords
        if corpus.document_frequency(word) == 0
        and (spelled := spelling_in(word, texts) or homophone_in(word, texts)) is not None
    }
    if not aliases:
        return question

    def swap(words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(aliases.get(w, w) for w in words)

    parts = tuple(replace(p, keywords=swap(p.keywords), focus=swap(p.focus)) for p in question.parts)
    return replace(question, keywords=swap(question.keywords), nouns=swap(question.nouns), parts=parts)
