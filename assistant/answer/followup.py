"""Resolve a follow-up ("那6月份呢？", "第三名呢？", "那排最后的是谁？") against the previous
user question, into a question that stands on its own.

* An elliptic follow-up names only what changes (a month, a place, a rank, a measure): that
  replaces its counterpart in the previous question, or is added to it.
* A follow-up with an ask of its own keeps it, and takes from the previous question the
  context it leaves out: the places, the period and the topic words."""

from __future__ import annotations

import re

from assistant.places import read_places
from assistant.question import GENERIC, MONTH_TEXT, ORDINAL, TIME_TEXT, YEAR_TEXT, content_words, read_question
from assistant.text import fold_width, to_simplified

_PERIODS = ["上半年", "下半年", "全年", "一季度", "二季度", "三季度", "四季度"]
_FOLLOWUP_START = re.compile(r"^(那么?|那个|还有|另外|再|其中|这个|它|他们|该|那里面|里面)")
_FOLLOWUP_END = re.compile(r"(呢|的呢|怎么样|如何|咋样)[？?。.!！]*$")
_ASKS = re.compile(r"多少|几|哪|谁|什么|啥|是否|有没有|咋|如何|怎么|吗")
_PERIOD_TEXT = re.compile(rf"{TIME_TEXT.pattern}|上半年|下半年")  # the when of a question, carried over


def is_followup(question: str) -> bool:
    """Starts or ends like a follow-up, or is a short fragment with no topic of its own."""
    q = fold_width(to_simplified(question.strip()))
    if _FOLLOWUP_START.search(q) or _FOLLOWUP_END.search(q) or ORDINAL.match(q):
        return True
    if len(q) <= 6 and not content_words(q):
        return True
    # A short question that names no place and no time leans on the one before it.
    asked = read_question(q)
    return len(q) <= 10 and not (asked.places or asked.years or asked.months or asked.quarters or asked.halves)


def _core(question: str) -> str:
    text = fold_width(to_simplified(question.strip()))
    return _FOLLOWUP_END.sub("", _FOLLOWUP_START.sub("", text)).strip(" ，,？?。")


def _swap(previous: str, core: str) -> tuple[str, str]:
    """Replace in ``previous`` each slot (period, year, month, rank, place) that ``core`` names
    anew; returns the new question and what of ``core`` was not used."""
    resolved = previous
    for pattern in (re.compile("|".join(_PERIODS)), YEAR_TEXT, MONTH_TEXT, ORDINAL):
        new = pattern.findall(core)
        old = pattern.findall(resolved)
        if new and old:
            resolved = resolved.replace(old[0], "、".join(new), 1)
            for value in new:
                core = core.replace(value, "", 1)
    new_places, old_places = read_places(core), read_places(resolved)
    if new_places and old_places:
        resolved = resolved.replace(old_places[-1], "、".join(new_places), 1)
        for place in new_places:
            core = core.replace(place, "", 1)
    return resolved, core.strip(" ，,、的")


def _context(previous: str, current: str) -> str:
    """What the previous question says about where and when, and its topic words, that the
    current one leaves out."""
    simple = fold_width(to_simplified(previous))
    asked = read_question(current)
    pieces = [m.group(0) for m in _PERIOD_TEXT.finditer(simple)] if not (asked.years or asked.months) else []
    pieces += [p for p in read_places(simple) if not asked.places]
    pieces += [
        w
        for w in content_words(_PERIOD_TEXT.sub(" ", simple))
        if w not in GENERIC
        and not ORDINAL.fullmatch(w)
        and w not in asked.keywords
        and w not in pieces
        and not any(w in p for p in pieces)
    ]
    return " ".join(dict.fromkeys(p.strip() for p in pieces if p.strip()))


def resolve_followup(question: str, history: list[dict[str, str]]) -> str:
    """A stand-alone question: a follow-up is rewritten from the last user question."""
    previous = next(
        (t.get("content", "") for t in reversed(history) if t.get("role") == "user" and t.get("content")), ""
    )
    if not previous or not is_followup(question):
        return question
    core = _core(question)
    previous = fold_width(to_simplified(previous.strip())).rstrip("？?。")
    if not _ASKS.search(core):
        resolved, rest = _swap(previous, core)
        if rest and not (resolved != previous and len(rest) <= 2):
            resolved = f"{resolved} {rest}"
        return resolved
    context = _context(previous, core)
    return f"{context} {core}".strip() if context else core
