"""Queries for one question: the question itself and, for a comparison that names two or more
places, months, quarters or years, one query per side, so that each side's own document is retrieved
(a look-alike of one side must not crowd out the other)."""

from __future__ import annotations

import re

from assistant.followup import resolve_followup
from assistant.models import Hit
from assistant.periods import QUARTER_TEXT
from assistant.question import Question, asks_something, read_question
from assistant.question_words import content_words

_SEGMENT = re.compile(r"[，,；;、？?]|(?<=[的了])?(?:和|与|跟|及|以及|对比|比较)")


def _sides(question: Question) -> list[str]:
    """The surface forms of each side of a comparison (咸宁, 宜昌 / 8月, 12月 / 二季度, 三季度 /
    22年, 23年)."""
    if len(question.places) >= 2:
        return list(question.places)
    if len(question.months) >= 2:
        return [f"{m}月" for m in question.months]
    if len(question.quarters) >= 2:
        return list(dict.fromkeys(QUARTER_TEXT.findall(question.simple)))
    if len(question.years) >= 2:
        return [str(y) for y in question.years]
    return []


def _mentions(segment: str, side: str) -> bool:
    if side.isdigit() and len(side) == 4:  # a year: 2022 or 22年
        return side in segment or f"{side[2:]}年" in segment
    return side in segment


def _clause_for(segment: str, side: str, others: list[str]) -> str:
    """What a clause gives one place's query: itself when it is about that place or none other;
    nothing when it is about another place, unless it asks what the places share, which it then
    asks without the other's name ("绵阳和九江2023年拆违面积各多少" → 绵阳 2023年拆违面积各多少)."""
    if _mentions(segment, side) or not any(_mentions(segment, o) for o in others):
        return segment
    if not asks_something(segment):
        return ""
    for other in others:
        segment = segment.replace(other, "")
    return segment.strip()


def side_queries(text: str, known_places: frozenset[str] = frozenset()) -> list[str]:
    """One query per side of a comparison, or none for a question that compares nothing: the
    question without the clauses about the other sides (places), or without the other
    sides' words (months and years, which share the rest of their clause)."""
    question = read_question(text, known_places)
    sides = _sides(question)
    if len(sides) < 2:
        return []
    simple = question.simple
    by_place = bool(question.places) and len(question.places) >= 2
    segments = [s.strip() for s in _SEGMENT.split(simple) if s and s.strip()]
    queries = []
    for side in sides:
        others = [o for o in sides if o != side]
        if by_place:
            query = " ".join(kept for s in segments if (kept := _clause_for(s, side, others)))
        else:
            query = simple
            for other in others:
                query = (
                    query.replace(other, " ")
                    if not other.isdigit()
                    else re.sub(rf"(?:{other}|{other[2:]})年", " ", query)
                )
        queries.append(query.strip())
    return list(dict.fromkeys(q for q in queries if q and q != simple))


def sub_questions(text: str, known_places: frozenset[str] = frozenset()) -> list[str]:
    """The questions within a question, each answered on its own: one per side of a comparison
    and one per part that names what it asks about ("…查了多少个社区？…覆盖了几个社区？"; not
    "多少分", which is about the part before it)."""
    question = read_question(text, known_places)
    parts = _standing_parts([p.text for p in question.parts]) if len(question.parts) > 1 else []
    return list(dict.fromkeys([*side_queries(text, known_places), *(p for p in parts if content_words(p))]))


def _standing_parts(parts: list[str]) -> list[str]:
    """Each part as a question of its own: an elliptic part ("6月单月呢", "结案率呢") is the part
    before it asked again of what it names, as a follow-up in a chat is."""
    standing = parts[:1]
    for part in parts[1:]:
        elliptic = part.endswith("呢")
        standing.append(resolve_followup(part, [{"role": "user", "content": standing[-1]}]) if elliptic else part)
    return standing


def interleave(rankings: list[list[Hit]], k: int) -> list[Hit]:
    """The rankings merged turn by turn (best of each first), without repeating a passage."""
    seen: set[str] = set()
    merged: list[Hit] = []
    for position in range(max((len(r) for r in rankings), default=0)):
        for ranking in rankings:
            if position < len(ranking) and ranking[position].chunk.chunk_id not in seen:
                seen.add(ranking[position].chunk.chunk_id)
                merged.append(ranking[position])
    return merged[:k]
