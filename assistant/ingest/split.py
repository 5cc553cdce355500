"""Split a cleaned document into passages that carry their heading path.

Structure lives in the numbering: ``一、`` ``（一）`` ``1.`` ``1、`` ``（1）`` ``第X章``. A
style's depth is the order in which it first appears in the document, so reports
that start at ``1、`` and nest ``（一）`` under it work as well as the usual order.
Inside an item that is too long, ``一是…二是…`` enumerations are the next split
points, then sentence ends (。！？；). A passage never ends inside a sentence, so a
figure is never cut, and the ``完成时间：`` of an item stays attached to all its passages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.clean import CN_NUM

_CN_DIGITS = {c: i + 1 for i, c in enumerate(CN_NUM)}

HEADING_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(r"^第([一二三四五六七八九十百]{1,4})[章节部分篇]")),
    ("cn", re.compile(rf"^([{CN_NUM}]{{1,3}})、")),
    ("cn_paren", re.compile(rf"^[（(]([{CN_NUM}]{{1,3}})[)）]")),
    ("arabic_dot", re.compile(r"^(\d{1,2})[.．](?!\d)")),
    ("arabic_dun", re.compile(r"^(\d{1,2})、")),
    ("arabic_paren", re.compile(r"^[（(](\d{1,2})[)）]")),
]
# 一是/二要 items. The first may follow a heading title directly ("…秩序一是落实…");
# 统一是/唯一是/之一是 are words, not items.
_ENUMERATION = re.compile(
    rf"(?:(?<=[。；;：:!！?？\n])|^|(?<=[^统唯之\d{CN_NUM}])(?=一[是要]))([{CN_NUM}]{{1,2}})[是要](?=[^，,、。])"
)
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’\"）)]*|\n|$)")
_DEADLINE = re.compile(r"完成时[间限][：:]\s*([^。\n]{1,40})")
_TITLE_END = re.compile(rf"[。：:；;！？!?\s]|(?<=[^\s])(?=[{CN_NUM}]是)")


def cn_to_int(numeral: str) -> int:
    """一..九十九 → int (enough for heading numbers)."""
    if numeral.isdigit():
        return int(numeral)
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _CN_DIGITS.get(numeral[1:], 0)
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return _CN_DIGITS.get(tens, 0) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(numeral, 0)


@dataclass
class Heading:
    style: str
    number: int
    title: str


def match_heading(line: str) -> Heading | None:
    """The heading a line starts with, if any, with a short title (up to its first stop)."""
    for style, pattern in HEADING_STYLES:
        found = pattern.match(line)
        if found:
            number = cn_to_int(found.group(1))
            rest = line[found.end() :].lstrip()
            stop = _TITLE_END.search(rest)
            title_rest = rest[: stop.start()] if stop else rest
            if len(title_rest) > 40:
                title_rest = title_rest[:40] + "…"
            return Heading(style, number, (line[: found.end()].strip() + title_rest).strip())
    return None


@dataclass
class Unit:
    path: tuple[str, ...]
    start: int
    end: int
    deadline: str = ""


@dataclass
class Piece:
    heading: str
    start: int
    end: int
    deadline: str


def _blocks(text: str) -> list[Unit]:
    """One unit per heading item (the heading line and its body, before any child heading)."""
    ranks: dict[str, int] = {}
    stack: list[tuple[int, Heading]] = []
    units: list[Unit] = []
    offset = 0
    current = Unit((), 0, 0)
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        heading = match_heading(line)
        if heading is not None:
            if heading.style not in ranks:
                # A new style numbered k>1 continues an open sequence ending at k-1
                # (reports do write "1、…" then "二、…"); otherwise it nests deeper.
                sibling = next((r for r, h in reversed(stack) if h.number == heading.number - 1), None)
                ranks[heading.style] = (
                    sibling if heading.number > 1 and sibling is not None else (max(ranks.values()) + 1 if ranks else 0)
                )
            rank = ranks[heading.style]
            while stack and stack[-1][0] >= rank:
                stack.pop()
            stack.append((rank, heading))
            if current.end > current.start:
                units.append(current)
            current = Unit(tuple(h.title for _, h in stack), line_start, line_start + len(line))
        else:
            if current.end == current.start and not current.path:
                current.start = line_start
            current.end = line_start + len(line)
    if current.end > current.start:
        units.append(current)
    return units


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in order; a table row (a line with two cell marks or more) is one span, so a
    passage never ends inside a row ("居民小区 | 1.无飞线充电；2.楼道无堆物 | … | 10")."""
    spans = []
    line_start = start
    while line_start < end:
        newline = text.find("\n", line_start, end)
        line_end = end if newline < 0 else newline + 1
        if text.count("|", line_start, line_end) >= 2:
            spans.append((line_start, line_end))
        else:
            for found in _SENTENCE.finditer(text, line_start, line_end):
                if found.end() > found.start():
                    spans.append((found.start(), found.end()))
        line_start = line_end
    return spans


def _pack(text: str, start: int, end: int, max_chars: int, min_chars: int) -> list[tuple[int, int]]:
    """Greedy sentence packing into spans of at most ``max_chars`` (a longer sentence is split at ，)."""
    pieces: list[list[int]] = []
    for s, e in _sentences(text, start, end):
        parts = [(s, e)]
        if e - s > max_chars:
            parts = _split_long_sentence(text, s, e, max_chars)
        for ps, pe in parts:
            if pieces and pe - pieces[-1][0] <= max_chars:
                pieces[-1][1] = pe
            else:
                pieces.append([ps, pe])
    if (
        len(pieces) > 1
        and pieces[-1][1] - pieces[-1][0] < min_chars // 2
        and pieces[-1][1] - pieces[-2][0] <= max_chars * 1.3
    ):
        last = pieces.pop()
        pieces[-1][1] = last[1]
    return [(s, e) for s, e in pieces]


def _last_comma(text: str, s: int, length: int) -> int:
    """Offset (from ``s``) of the last ，/,/、 in ``text[s:s+length]`` that is not a
    thousands separator (``1,234``), or -1."""
    i = length - 1
    while i >= 0:
        ch = text[s + i]
        if ch in "，、" or (
            ch == "," and not (text[s + i - 1 : s + i].isdigit() and text[s + i + 1 : s + i + 2].isdigit())
        ):
            return i
        i -= 1
    return -1


def _split_long_sentence(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    spans, s = [], start
    while end - s > max_chars:
        cut = _last_comma(text, s, max_chars)
        if cut < max_chars // 3:
            cut = max_chars - 1
            while cut > 0 and (text[s + cut].isdigit() or text[s + cut - 1].isdigit()):
                cut -= 1  # never split a number
            if cut == 0:  # a run of digits longer than a passage is no number: cut it anywhere
                cut = max_chars - 1
        spans.append((s, s + cut + 1))
        s = s + cut + 1
    spans.append((s, end))
    return spans


def _enumeration_items(text: str, unit: Unit) -> list[Unit]:
    """Split an oversize item at ``一是…二是…`` / ``一要…二要…``; each gets a sub-title."""
    body = text[unit.start : unit.end]
    marks = [m for m in _ENUMERATION.finditer(body) if m.start() > 0 or unit.path]
    numbers = [cn_to_int(m.group(1)) for m in marks]
    # Only a real enumeration: starts at 一 and counts up.
    chosen, expected = [], 1
    for mark, number in zip(marks, numbers, strict=True):
        if number == expected:
            chosen.append(mark)
            expected += 1
    if len(chosen) < 2:
        return [unit]
    items = []
    bounds = [m.start() for m in chosen] + [len(body)]
    if chosen[0].start() > 0:
        items.append(Unit(unit.path, unit.start, unit.start + chosen[0].start(), unit.deadline))
    for mark, stop in zip(chosen, bounds[1:], strict=True):
        rest = body[mark.start() : stop]
        title_end = re.search(r"[。；;：:]", rest)
        title = rest[: title_end.start()] if title_end else rest[:30]
        title = title if len(title) <= 30 else title[:30] + "…"
        items.append(Unit((*unit.path, title), unit.start + mark.start(), unit.start + stop, unit.deadline))
    return items


def split_passages(text: str, max_chars: int = 400, min_chars: int = 150) -> list[Piece]:
    """Passages (heading path, span, deadline) covering the whole text in order."""
    units = _blocks(text)
    for unit in units:
        found = _DEADLINE.search(text, unit.start, unit.end)
        unit.deadline = found.group(1).strip() if found else ""
    spans: list[tuple[Unit, int, int]] = []
    for unit in units:
        items = _enumeration_items(text, unit) if unit.end - unit.start > max_chars else [unit]
        for item in items:
            for s, e in _pack(text, item.start, item.end, max_chars, min_chars):
                spans.append((item, s, e))
    # A title-only or tiny piece is carried into the next passage instead of standing alone.
    pieces: list[Piece] = []
    carried: list[tuple[Unit, int]] = []
    for index, (item, s, e) in enumerate(spans):
        has_next = index + 1 < len(spans)
        start = carried[0][1] if carried else s
        tiny = len(text[s:e].strip()) < 50
        if (
            has_next
            and tiny
            and spans[index + 1][2] - start <= max_chars * 1.3
            and (not item.deadline or item.deadline == spans[index + 1][0].deadline)
        ):
            carried.append((item, start))
            continue
        path = item.path
        for carried_item, _ in carried:
            path = _common_or_deeper(carried_item.path, path)
        pieces.append(Piece(" > ".join(path), start, e, item.deadline))
        carried = []
    return [p for p in pieces if text[p.start : p.end].strip()]


def _common_or_deeper(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    """Heading of a passage holding two units: the deeper one if one contains the other,
    otherwise their common ancestors (two sibling items share their parent's path)."""
    if second[: len(first)] == first:
        return second
    common = []
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        common.append(a)
    return tuple(common)
