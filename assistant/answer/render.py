"""How an answer reads: the chosen sentences in Simplified Chinese, each followed by its
citation marker, and refusals that say why in one line and still show the closest passages."""

from __future__ import annotations

import re

from assistant.answer.candidates import Candidate
from assistant.answer.cite import hit_citer
from assistant.answer.refuse import Refusal
from assistant.models import Answer, Citation, Hit
from assistant.text import to_simplified

NOT_FOUND = "未在已收录的文件中找到能回答该问题的内容。"


def cited_text(hit: Hit) -> str:
    """Everything a citation shows a reader: the passage, its deadline, heading and document title."""
    return f"{hit.title} {hit.chunk.heading} {hit.chunk.text} {hit.chunk.deadline}"


def book_title(title: str) -> str:
    return f"《{title.strip('《》')}》"


# An item's own numbering ("4、", "（一）", "1."): debris once the sentence stands in an answer.
NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．](?!\d))\s*")


_ITEM_DEADLINE = re.compile(r"完成时(?:间|限)\s*[：:]\s*([^。；;\n]+)")
# What says who does an item and by when (责任单位：…, 完成时限：…): a plan's, a meeting's decisions'
# or a problem list's way of writing an item's owner and deadline, on lines of their own under the
# item or after it on its line ("…改造。责任单位：利州区政府。", "责任单位：市创文办，时限：6月底前").
_OWNER = ("责任单位", "牵头单位", "责任部门", "牵头部门")
_DEADLINE = ("完成时限", "完成时间", "整改时限", "时限")
_KEYS = "|".join((*_OWNER, *_DEADLINE))
_ATTRIBUTE = re.compile(rf"^(?:{_KEYS})\s*[：:]")
_ATTRIBUTE_PAIR = re.compile(rf"({_KEYS})\s*[：:]\s*(.+?)(?=[，,]\s*(?:{_KEYS})\s*[：:]|[。；;\n]|$)")


def _start_in_passage(candidate: Candidate) -> int:
    """Where the candidate's first span starts in its passage's text (-1: not found)."""
    return candidate.hit.chunk.text.find(candidate.spans[0]) if candidate.spans else -1


def item_attributes(candidate: Candidate) -> dict[str, str]:
    """The attributes (责任单位, 完成时限 …) written after the candidate on its line and on the lines
    right under it; for a candidate that is itself such a line, those of the lines around it."""
    text = candidate.hit.chunk.text
    start = _start_in_passage(candidate)
    if start < 0:
        return {}
    line_start = text.rfind("\n", 0, start) + 1
    lines = text[line_start:].split("\n")
    if _ATTRIBUTE.match(candidate.text.strip()):
        siblings: list[str] = []
        for line in reversed(text[:line_start].split("\n")[:-1]):
            if not _ATTRIBUTE.match(line.strip()):
                break
            siblings.append(line)
        block = [*reversed(siblings), *lines]
    else:
        end = text.find(candidate.spans[-1], start) + len(candidate.spans[-1])
        block = [text[end : line_start + len(lines[0])], *lines[1:]]  # the rest of its line, then those under it
    attributes: dict[str, str] = {}
    for number, line in enumerate(block):
        line = line.strip()
        if not _ATTRIBUTE.match(line):
            if number == 0:
                continue  # the rest of the candidate's line says no attribute: those under it may
            break
        for key, value in _ATTRIBUTE_PAIR.findall(line):
            attributes.setdefault(key, value.strip())
    return attributes


def item_deadline(candidate: Candidate) -> str:
    """The 完成时间 written on the sentence's own line after it (一个方案 lists several items, each
    with its 责任单位 and 完成时间, in one passage), or on an attribute line under it, else the passage's."""
    text = candidate.hit.chunk.text
    start = _start_in_passage(candidate)
    if start >= 0:
        line_end = text.find("\n", start)
        found = _ITEM_DEADLINE.search(text, start, line_end if line_end >= 0 else len(text))
        if found:
            return found.group(1).strip()
    attributes = item_attributes(candidate)
    return next((attributes[k] for k in _DEADLINE if k in attributes), candidate.hit.chunk.deadline)


def _shown(candidate: Candidate, with_deadline: bool, with_owner: bool) -> str:
    text = NUMBERING.sub("", candidate.text) or candidate.text
    if candidate.header:
        text = f"{text}（表头：{candidate.header}）"
    owner = next((f"{k}：{v}" for k, v in item_attributes(candidate).items() if k in _OWNER), "") if with_owner else ""
    if owner and not any(key in text for key in _OWNER):  # not twice, nor another item's
        text = f"{text.rstrip('。；;')}（{owner}）"  # who does the item, as the line under it says
    deadline = item_deadline(candidate) if with_deadline else ""
    if with_deadline and deadline and deadline not in text:
        text = f"{text.rstrip('。；;')}（完成时间：{deadline}）"  # the item's 完成时间, cited with it
    return to_simplified(text)


def render(
    picked: list[Candidate], *, with_deadline: bool = False, with_owner: bool = False
) -> tuple[str, list[Citation]]:
    """The answer text (best sentence first, then the rest in passage order) and its citations."""
    ordered = picked[:1] + sorted(picked[1:], key=lambda c: (c.rank, c.position))
    citer = hit_citer()
    multi_doc = len({c.doc_id for c in ordered}) > 1
    lines = []
    for candidate in ordered:
        citation = citer.cite(candidate.hit)
        citation.spans.extend(s for s in candidate.spans if s not in citation.spans)
        prefix = f"{book_title(to_simplified(candidate.hit.title))}：" if multi_doc and candidate.hit.title else ""
        lines.append(f"{prefix}{_shown(candidate, with_deadline, with_owner)}[{citation.n}]")
    separator = "\n" if multi_doc or len(lines) > 2 else ""
    return separator.join(lines), citer.citations


def refusal(question: str, hits: list[Hit], why: Refusal) -> Answer:
    text = f"{NOT_FOUND}{why.reason}"
    if hits:
        text += "以下是最接近的段落，供参考。"
    return Answer(question=question, text=text, refused=True, related=hits[:3], notes=[why.code])
