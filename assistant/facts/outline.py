"""A document's outline: its heading items (the splitter's numbering rules), the kind of
section a heading path names (a report, a plan or problems), and heading text that a
sentence repeats.

Each sentence is classified by the heading item it sits in, not by its passage's heading,
so a passage that ends one section and starts the next is read correctly."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.deadlines import ITEM_DEADLINE
from assistant.ingest.split import match_heading
from assistant.text import compact, to_simplified

# The numbering before a title: 一是 / （一） / 1、
ENUMERATION_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+[是要]|[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．])")

# Headings of plan sections and of problem sections.
_PLAN_HEADING = re.compile(
    r"(?:下半年|下一步|下步|明年|来年|下一年|(?:19|20)\d{2}年)(?:度)?(?:的)?(?:重点)?(?:工作)?(?:计划|安排|打算|思路|要点|目标|任务|重点)|"
    r"工作(?:计划|安排|打算|思路|要点|设想|展望)|下一?步(?:的)?(?:重点)?工作|努力方向|下步措施|下一步措施|重点任务"
)
_PROBLEM_HEADING = re.compile(
    r"存在(?:的)?(?:主要)?(?:问题|不足|短板|困难)|问题(?:和|与|及)不足|不足(?:之处|和问题|与问题)|困难(?:和|与)问题|"
    r"短板(?:和|与)不足|薄弱环节|差距(?:和|与)不足"
)


def heading_components(heading: str) -> list[str]:
    """The components of a heading path (``一、… > （二）…``)."""
    return [c.strip() for c in heading.split(" > ") if c.strip()] if heading else []


def section_kind(heading: str) -> tuple[str, int]:
    """("plan" | "problem" | "report", index of the deciding heading component)."""
    kind, where = "report", -1
    for index, component in enumerate(heading_components(heading)):
        simple = to_simplified(component)
        if _PROBLEM_HEADING.search(simple):
            kind, where = "problem", index
        elif _PLAN_HEADING.search(simple):
            kind, where = "plan", index
    return kind, where


def title_of(component: str) -> str:
    """A heading component without its numbering (``（一）城市管理综合效能不够高`` → the title)."""
    text = ENUMERATION_PREFIX.sub("", component.strip()).strip()
    return text.rstrip("。：:；;，,")


def is_heading_sentence(sentence: str, components: list[str]) -> bool:
    """The sentence only repeats headings (``（一）创文工作。``, ``二、下半年工作计划一是加快…。``)."""
    rest = compact(sentence)
    changed = True
    while rest and changed:
        changed = False
        for component in components:
            comp = compact(component).rstrip("…")
            if comp and rest.startswith(comp):
                rest = rest[len(comp) :]
                changed = True
        rest = rest.lstrip("。：:；;，,")
    if not rest:
        return True
    heading = match_heading(rest)
    return bool(
        heading
        and len(rest) <= 36
        and not re.search(r"[，,；;]", rest)
        and compact(heading.title).rstrip("…") == rest.rstrip("。：:；;")
    )


def strip_leading_headings(text: str, simple: str, start: int, end: int, components: list[str]) -> int:
    """Offset after heading text that a sentence starts with (``二、下半年工作计划一是…``)."""
    pos = start
    changed = True
    while changed:
        changed = False
        for component in components:
            comp_s = to_simplified(component).rstrip("…")
            if comp_s and simple.startswith(comp_s, pos) and pos + len(comp_s) < end:
                pos += len(comp_s)
                while pos < end and simple[pos] in "。：:；;，, ":
                    pos += 1
                changed = True
    return pos


@dataclass
class OutlineItem:
    """One heading item of a document: its heading path, span and 完成时间."""

    path: tuple[str, ...]
    start: int
    end: int
    deadline: str = ""


def outline(text: str) -> list[OutlineItem]:
    """The heading items of a document text, in order (the splitter's rules: a numbering
    style's depth is the order it first appears; ``二、`` after ``1、`` continues the sequence).
    A passage may hold the end of one section and the start of the next; each sentence is
    classified by the item it is in, not by the passage's heading."""
    ranks: dict[str, int] = {}
    stack: list[tuple[int, str, int]] = []  # (rank, title, number)
    items: list[OutlineItem] = [OutlineItem((), 0, 0)]
    offset = 0
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        heading = match_heading(line)
        if heading is None:
            continue
        if heading.style not in ranks:
            sibling = next((r for r, _, n in reversed(stack) if n == heading.number - 1), None)
            ranks[heading.style] = (
                sibling if heading.number > 1 and sibling is not None else (max(ranks.values()) + 1 if ranks else 0)
            )
        rank = ranks[heading.style]
        while stack and stack[-1][0] >= rank:
            stack.pop()
        stack.append((rank, heading.title, heading.number))
        items[-1].end = line_start
        items.append(OutlineItem(tuple(t for _, t, _ in stack), line_start, line_start))
    items[-1].end = len(text)
    for item in items:
        found = ITEM_DEADLINE.search(text, item.start, item.end)
        item.deadline = found.group(1).strip() if found else ""
    return [u for u in items if u.end > u.start or u is items[0]]


def item_at(items: list[OutlineItem], position: int) -> OutlineItem:
    """The item of an outline that holds ``position`` (an offset in the document text)."""
    low, high = 0, len(items) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if items[middle].start <= position:
            low = middle
        else:
            high = middle - 1
    return items[low]
