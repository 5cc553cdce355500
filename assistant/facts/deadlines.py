"""Deadlines: the one a sentence names (``11月底`` of ``…11月底完成创建任务``), and an item's
``完成时间`` (the same rule as ``Chunk.deadline``), which may give several dates by topic."""

from __future__ import annotations

import re

from assistant.facts.figures import DIGITS
from assistant.facts.sentences import simplified_aligned
from assistant.text import compact, to_simplified

# Deadlines written in a sentence.
_MONTH = rf"(?:[{DIGITS}]{{1,2}}|[*＊]+|[一二三四五六七八九十]{{1,3}})"
_DEADLINE = re.compile(
    rf"(?:(?:19|20)\d{{2}}年)?{_MONTH}月(?:[{DIGITS}]{{1,2}}日)?(?:底|初|末|中旬|上旬|下旬|中下旬|上中旬|份)?(?:前|以前|之前)?|"
    r"(?:(?:19|20)\d{2}年)(?:底|末|年底|内)(?:前)?|年底前|年底|年内|年末|本年度|今年(?!以来|是|上半年)|下半年|明年|"
    r"春节前|国庆前|汛期前|(?:19|20)\d{2}年(?=前|完成|全面|实现|基本)"
)
_COMPLETES = re.compile(
    r"^[，,\s]*(?:前)?[，,\s]*(?:全面|基本|全部|如期|按期|顺利)?(?:完成|完工|竣工|建成|实现|开业|亮灯|投入使用|投用|达标|收官|交付|通过)"
)
# An item's 完成时间: a line that gives it, and its value.
DEADLINE_LINE = re.compile(r"^\s*完成时[间限]\s*[：:]")
ITEM_DEADLINE = re.compile(r"完成时[间限][：:]\s*([^。\n]{1,40})")


def sentence_deadline(text: str, simple: str | None = None) -> str:
    """The deadline a sentence names (``11月底`` of ``…9月份召开推进会，11月底完成创建任务``)."""
    simple = simple if simple is not None else simplified_aligned(text)
    found = list(_DEADLINE.finditer(simple))
    if not found:
        return ""
    found = [m for m in found if not simple.startswith("以来", m.end()) and not simple.startswith("来", m.end())]
    if not found:
        return ""
    for match in found:
        if _COMPLETES.match(simple[match.end() :]):
            return text[match.start() : match.end()]
    return text[found[0].start() : found[0].end()]


def deadline_offset(text: str, deadline: str) -> int | None:
    """Where ``deadline`` stands in ``text`` (None: not there, or no deadline)."""
    at = text.find(deadline) if deadline else -1
    return at if at >= 0 else None


def refine_deadline(item_deadline: str, sentence: str) -> str:
    """An item's ``完成时间`` may give several dates by topic (``燃气安全持续推进，“瓶改管”7月底``):
    the part whose topic the sentence names, else the whole."""
    parts = [p.strip() for p in re.split(r"[，,；;]", item_deadline) if p.strip()]
    if len(parts) < 2:
        return item_deadline
    sentence_c = compact(sentence)
    general, named = None, []
    for part in parts:
        date = _DEADLINE.search(simplified_aligned(part)) or re.search(
            r"持续推进|长期坚持|常态化|持续", to_simplified(part)
        )
        if not date:
            continue
        topic = re.sub(r"[“”\"'‘’「」]", "", part[: date.start()]).strip()
        when = part[date.start() :].strip()
        if topic and compact(topic) in sentence_c:
            named.append(when)
        if not topic and general is None:
            general = when
    if len(named) == 1:
        return named[0]
    if named:
        return item_deadline
    return general or item_deadline
