"""Resolve a follow-up question ("那下半年呢？") against the previous user turn."""

from __future__ import annotations

import re

from assistant.text import to_simplified

_PERIODS = ["上半年", "下半年", "全年", "第一季度", "第二季度", "第三季度", "第四季度"]
_YEAR = re.compile(r"(?:19|20)\d{2}年")
_FOLLOWUP_START = re.compile(r"^(那么?|那个|还有|另外|再|其中|这个|它|他们|该)")
_FOLLOWUP_END = re.compile(r"(呢|的呢|怎么样|如何)[？?。.!！]*$")


def is_followup(question: str) -> bool:
    """Starts or ends like a follow-up, or is a short fragment with no topic of its own."""
    from assistant.answer.compose import question_keywords

    q = question.strip()
    if _FOLLOWUP_START.search(q) or _FOLLOWUP_END.search(q):
        return True
    topic = [k for k in question_keywords(q) if k not in _PERIODS and not re.fullmatch(r"(?:19|20)\d{2}", k)]
    return len(q) <= 6 and not topic


def resolve_followup(question: str, history: list[dict[str, str]]) -> str:
    """A stand-alone question: a follow-up is rewritten from the last user question."""
    previous = next((t.get("content", "") for t in reversed(history) if t.get("role") == "user" and t.get("content")), "")
    if not previous or not is_followup(question):
        return question
    current = to_simplified(question.strip())
    core = _FOLLOWUP_END.sub("", _FOLLOWUP_START.sub("", current)).strip(" ，,？?")
    resolved = previous
    swapped = False
    for kind in (_PERIODS, None):
        if kind is None:
            new_year = _YEAR.search(core)
            old_year = _YEAR.search(resolved)
            if new_year and old_year:
                resolved = resolved.replace(old_year.group(0), new_year.group(0))
                core = core.replace(new_year.group(0), "")
                swapped = True
            continue
        new = next((p for p in kind if p in core), None)
        old = next((p for p in kind if p in resolved), None)
        if new and old and new != old:
            resolved = resolved.replace(old, new)
            core = core.replace(new, "")
            swapped = True
    core = core.strip(" ，,？?的")
    if core and not (swapped and len(core) <= 2):
        resolved = f"{resolved.rstrip('？?。')} {core}"
    return resolved
