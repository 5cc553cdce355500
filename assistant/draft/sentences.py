"""A source sentence as a draft shows it: item numbering, 一是/二是 enumerators, bylines and
headings glued to the sentence are cut, clauses whose figures the source masks are left out;
lead-ins ("现将…汇报如下：") and table rows are not sentences of a draft."""

from __future__ import annotations

import re

from assistant.answer.render import NUMBERING
from assistant.tables import is_table_row
from assistant.text import compact, to_simplified
from assistant.units import MASKED_FIGURE as MASKED

ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+是(?!指)|(?:首先|其次|再次|最后|第[一二三四五六七八九十]+)[，,、])\s*"
)
# A heading glued to the sentence it introduces: "优化管理，提升市容环境秩序一是落实门前三包".
_GLUED_HEADING = re.compile(r"^[^。！？；;!?]{2,40}?(?=[一二三四五六七八九十]是)")
# A news report's byline ("咸宁网讯 记者周荣华报道：", "金旻矣)" left of "(记者 金旻矣)"): not the report's content.
_BYLINE = re.compile(
    r"^(?:[^，,。：:]{0,10}讯\s*)?[(（]?(?:记者|通讯员)[^，,。：:()（）]{1,12}?(?:报道)?[：:)）]|^[^，,。()（）“”]{1,8}[)）]"
)
_LEAD_IN = re.compile(
    r"(?:如下|汇报|报告|情况)[：:]$|如下$|^现将|^[^。]{0,30}[：:]$|[？?]$|^(?:注|备注|说明|完成时[间限]|责任单位|牵头单位|配合单位)[：:]"
)
_END = re.compile(r"[。！？!?]$")
MIN_CHARS = 9


def heading_parts(heading: str) -> list[str]:
    """The parts of a passage's heading path ("一、总体情况 > 1.数字城管"), numbering cut."""
    return [NUMBERING.sub("", to_simplified(p)).strip(" 。.：:") for p in heading.split(" > ") if p.strip()]


def clean(text: str, heading: str = "") -> str:
    """The sentence as a draft shows it: Simplified, without item numbering, enumerators or a
    heading glued to its front, ending with 。 (empty when nothing of a sentence is left)."""
    sentence = to_simplified(text).strip()
    for _ in range(3):
        before = sentence
        sentence = NUMBERING.sub("", sentence).strip()
        sentence = ENUMERATOR.sub("", sentence).strip()
        sentence = _BYLINE.sub("", sentence).strip()
        glued = _GLUED_HEADING.match(sentence)
        if glued:
            sentence = ENUMERATOR.sub("", sentence[glued.end() :]).strip()
        for part in heading_parts(heading):
            if len(part) >= 4 and sentence.startswith(part) and len(sentence) - len(part) >= MIN_CHARS - 4:
                sentence = sentence[len(part) :].lstrip("：:，,。 ")
        if sentence == before:
            break
    sentence = sentence.rstrip("；;，,、 ")
    if sentence and not _END.search(sentence):
        sentence += "。"
    return sentence


def is_statement(text: str) -> bool:
    """A full sentence worth a draft: long enough, not a lead-in to a list, not a heading."""
    bare = compact(text)
    return len(bare) >= MIN_CHARS and not _LEAD_IN.search(text.rstrip("。")) and not is_table_row(text)


def masks_figure(text: str) -> bool:
    """The source hides a figure of this sentence (``*余份``, ``覆盖率*%``)."""
    return bool(MASKED.search(text)) or "*" in text


CLAUSE = re.compile(r"[^，,；;]+[，,；;]?")
# A masked name of a place in front of its kind (〔*〕县城管局): the sentence reads without it.
_MASKED_PLACE = re.compile(r"(?<![\d.])(?:[〔\[]\*[〕\]]|\*)(?=[县市区镇乡])")


def unmask(text: str) -> tuple[str, int]:
    """``text`` without the clauses whose figures the source masks, and how many were cut."""
    text = _MASKED_PLACE.sub("", text)
    if not masks_figure(text):
        return text, 0
    clauses = CLAUSE.findall(text)
    kept = [c for c in clauses if not masks_figure(c)]
    if not kept or masks_figure(clauses[0]):
        return "", len(clauses) - len(kept)
    return "".join(kept), len(clauses) - len(kept)
