"""The numbered headings above a sentence inside its passage (一、 then 1. then （1）, a place's
label line "大丰区：" over the points inspected there) and the place a heading names."""

from __future__ import annotations

import re

from assistant.ingest.split import match_heading

ENDS_SENTENCE = re.compile(r"[。！？；!?;:：”’\"）)]\s*$")
LABEL_MAX = 20
# A note in brackets after a section's name (一、临江区（8个）, (一)鹿城镇(14个), 一、秦州区（发现问题
# 29个，主要问题如下）): part of the heading, not the closing bracket of a sentence.
_HEADING_NOTE = re.compile(r"[（(][^（）()]{1,24}[）)]$")
# An item's circled or bracketed number (①, ⑴, ⒈, ❶), which compact() makes digits.
ITEM_NUMBER = "[\u2460-\u24ff\u2776-\u2793]"
NUMBERED = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）])"
)


class Sections:
    """The numbered heading lines seen so far in a passage, one per numbering style, a new
    heading dropping those of the styles opened after its own (一、 then 1. then 二、)."""

    def __init__(self) -> None:
        self.open: list[tuple[str, str]] = []  # (style, label)

    def see(self, line: str) -> None:
        if _label_place(line):
            self._open("place", line)  # "大丰区：" over the points inspected there
            return
        if self.open and self.open[-1][0] == "place" and _is_prose(line):
            self.open.pop()  # the list of the place's points has ended
        label = line.split(" ", 1)[0]  # a label joined to the line it introduces comes first
        heading = match_heading(label)
        name = _HEADING_NOTE.sub("", label)
        if heading is None or len(name) > LABEL_MAX or ENDS_SENTENCE.search(name):
            return
        self._open(heading.style, label)

    def _open(self, style: str, label: str) -> None:
        styles = [s for s, _ in self.open]
        if style in styles:
            del self.open[styles.index(style) :]
        self.open.append((style, label))

    def path(self) -> str:
        return " ".join(label for _, label in self.open)


def _is_prose(line: str) -> bool:
    """A paragraph, not an item of a list ("颐和苑小区：楼道堆物、飞线充电；")."""
    return len(line) > _PROSE_MIN and not re.search("[：:]", line[:_ITEM_NAME_MAX])


_PROSE_MIN = 40
_ITEM_NAME_MAX = 16
PLACE_SUFFIX = "(?:新区|区|县|市|镇|乡|街道)"
_PLACE_LABEL = re.compile(rf"^[\u4e00-\u9fff]{{1,8}}?{PLACE_SUFFIX}$")
_NOT_PLACE_LABEL = re.compile(
    r"^(?:全|各|本|我|该|所)|^(?:城区|市区|小区|社区|园区|片区|景区|辖区|郊区|新区|山区|湖区|街道)$"
)


def is_place_label(name: str) -> bool:
    """A heading's or a record's name is a place's (望山区, 上饶经开区), not a kind of area (城区, 小区)."""
    return bool(_PLACE_LABEL.match(name)) and not _NOT_PLACE_LABEL.match(name)


def _label_place(line: str) -> str:
    """The place a label line alone names ("大丰区：" → 大丰区), or ""."""
    name = line.rstrip("：:") if line[-1:] in "：:" else ""
    return name if name and is_place_label(name) else ""


def section_place(section: str) -> str:
    """The place a sentence's innermost place-named heading is about (四、望山区 or 望山区：
    → 望山区), or ""."""
    for label in reversed(section.split(" ")):
        if NUMBERED.match(label):
            name = _HEADING_NOTE.sub("", NUMBERED.sub("", label)).strip()
            if is_place_label(name):
                return name
        elif place := _label_place(label):
            return place
    return ""
