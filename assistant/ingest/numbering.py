"""Word's automatic list numbers as text: ``一、`` ``（二）`` ``3.`` are not in a paragraph's
text when Word numbers it, but the passage splitter reads the outline from them.

A paragraph is numbered by its own ``w:numPr`` or its style's (``basedOn`` followed); the
number is its level's ``lvlText`` with ``%1``…``%9`` replaced by each level's counter in the
level's format. Counters run per list (``w:num``), deeper levels restart under a new parent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (counts as Word writes them)."""
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    text = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and units:
        text += "零"
    return text + (_DIGITS[units] if units else "")


def _letters(n: int) -> str:
    text = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def _roman(n: int) -> str:
    values = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")]
    values += [(40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    text = ""
    for value, numeral in values:
        while n >= value:
            text, n = text + numeral, n - value
    return text


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "chineseCounting": chinese_number,
    "chineseCountingThousand": chinese_number,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "japaneseCounting": chinese_number,
    "taiwaneseCounting": chinese_number,
    "taiwaneseCountingThousand": chinese_number,  # what LibreOffice writes for chineseCounting
    "chineseLegalSimplified": lambda n: (
        "".join("零壹贰叁肆伍陆柒捌玖"[_DIGITS.index(c)] if c in _DIGITS else c for c in chinese_number(n))
        .replace("十", "拾")
        .replace("百", "佰")
    ),
    "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n),
    "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n),
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


def _format(fmt: str, count: int) -> str:
    """``count`` in Word's ``numFmt``; any other counting style in Chinese numbers, else digits."""
    if fmt in _FORMATS:
        return _FORMATS[fmt](count)
    return chinese_number(count) if "Counting" in fmt else str(count)


@dataclass
class _Level:
    start: int
    fmt: str
    text: str


def _val(element: Any, name: str) -> str | None:
    child = element.find(f"{W}{name}") if element is not None else None
    return child.get(f"{W}val") if child is not None else None


@dataclass
class ListNumbers:
    """The list numbers of one document's paragraphs, in document order (call once per paragraph)."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → its levels
    style_numbers: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> ListNumbers:
        numbers = cls()
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):  # no numbering part: nothing is numbered
            return numbers
        abstract = {}
        for node in numbering.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl", "0"))] = _Level(
                    int(_val(lvl, "start") or 1), _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or ""
                )
            abstract[node.get(f"{W}abstractNumId")] = levels
        for node in numbering.iter(f"{W}num"):
            numbers.levels[node.get(f"{W}numId")] = abstract.get(_val(node, "abstractNumId"), {})
        styles = {s.get(f"{W}styleId"): s for s in document.styles.element.iter(f"{W}style")}
        for style_id in styles:
            found = _style_numbering(styles, style_id)
            if found:
                numbers.style_numbers[style_id] = found
        return numbers

    def number(self, paragraph: Any) -> str:
        """The paragraph's list number as text (``"一、"``), or ``""``."""
        properties = paragraph._p.pPr
        num_pr = properties.find(f"{W}numPr") if properties is not None else None
        if num_pr is not None:
            num_id, level = _val(num_pr, "numId"), int(_val(num_pr, "ilvl") or 0)
        else:
            style = _val(properties, "pStyle") if properties is not None else None
            num_id, level = self.style_numbers.get(style or "", (None, 0))
        levels = self.levels.get(num_id or "")
        if not levels or level not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id or "", {})
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        text = levels[level].text
        for shown in range(level + 1):
            if f"%{shown + 1}" in text:
                known = levels.get(shown)
                count = counters.get(shown, known.start if known else 1)
                text = text.replace(f"%{shown + 1}", _format(known.fmt if known else "decimal", count))
        return text.strip()


def _style_numbering(styles: dict[str, Any], style_id: str) -> tuple[str, int] | None:
    seen: set[str] = set()
    while style_id in styles and style_id not in seen:
        seen.add(style_id)
        style = styles[style_id]
        properties = style.find(f"{W}pPr")
        num_pr = properties.find(f"{W}numPr") if properties is not None else None
        if num_pr is not None and _val(num_pr, "numId"):
            return str(_val(num_pr, "numId")), int(_val(num_pr, "ilvl") or 0)
        style_id = _val(style, "basedOn") or ""
    return None
