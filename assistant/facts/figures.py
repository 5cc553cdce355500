"""Figures as these reports write them, and their values.

``8000余处``, ``99.18％``, ``约7.6亿元`` and ranges (the lower bound is the value); a Chinese
numeral with a measure word at a clause end (``防汛演练六次``); a bare number inside a list
whose other items carry the unit. A number hidden with ``*`` (``责任书*余份``) is no figure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.units import UNIT

DIGITS = "0-9０-９"
_NUM = rf"[{DIGITS}]+(?:[.．][{DIGITS}]+)?"
_FIGURE = re.compile(
    rf"(?P<pre>约|近|超过|逾)?(?<![{DIGITS}.．*＊/／\-—A-Za-z])"
    rf"(?P<num>{_NUM}(?:\s*[-~～—至]\s*{_NUM})?)\s*(?P<q1>[余多])?(?P<mult>[万千亿])?(?P<q2>[余多])?"
    rf"(?:(?P<unit>{UNIT})|(?P<pct>[%％]))(?P<post>以上|以下|左右)?"
)
_MULTIPLIER = {"万": 1e4, "千": 1e3, "亿": 1e8}
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def parse_value(figure_match: re.Match[str]) -> tuple[float | None, str]:
    """(value, unit) of a figure match: 万/千/亿 applied, a range gives its lower bound."""
    number = figure_match.group("num").translate(FULLWIDTH_DIGITS)
    first = re.match(r"[\d.]+", number)
    if not first:
        return None, ""
    try:
        value = float(first.group(0))
    except ValueError:
        return None, ""
    mult = figure_match.group("mult")
    if mult:
        value *= _MULTIPLIER[mult]
    unit = "%" if figure_match.group("pct") else (figure_match.group("unit") or "")
    return value, unit


@dataclass
class Figure:
    """A figure of a passage: its span and its value (None when it cannot be read)."""

    start: int  # offsets in the passage text
    end: int
    value: float | None
    unit: str


_CN_FIGURE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![第每逐这那哪单唯统之一二两三四五六七八九十])"
    r"(?P<num>[一二两三四五六七八九十]{1,3})(?P<unit>次|场|名|个|处|项|件|批|家|座|户|起|轮|期)(?=[，,。；;、）)]|$)"
)
_BARE_NUMBER = re.compile(rf"(?<=[\u4e00-\u9fff])(?<![第])[{DIGITS}]{{1,7}}(?=[、，,])")
_CN_VALUES = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _cn_value(numeral: str) -> float | None:
    if len(numeral) == 1:
        return float(_CN_VALUES[numeral])
    if numeral.startswith("十"):
        return 10.0 + _CN_VALUES.get(numeral[1:], 0)
    tens, sep, ones = numeral.partition("十")
    if not sep or len(tens) != 1:
        return None
    return float(_CN_VALUES[tens] * 10 + (_CN_VALUES.get(ones, 0) if ones else 0))


def find_figures(simple: str, start: int, end: int) -> list[Figure]:
    """Figures in [start, end): ``8000余处``, ``99.18％``, ``约7.6亿元``; a Chinese numeral with a
    measure word at a clause end (``防汛演练六次``); and a bare number inside a list whose
    other items carry the unit (``公用设施类684、街面秩序类681件``)."""
    out = []
    for found in _FIGURE.finditer(simple, start, end):
        value, unit = parse_value(found)
        out.append(Figure(found.start(), found.end(), value, unit))
    for found in _CN_FIGURE.finditer(simple, start, end):
        value = _cn_value(found.group("num"))
        if found.group("num") == "一" and found.group("unit") in "批期轮":
            continue  # 拆除一批、加固一批: "a batch", not a count
        if value is not None:
            out.append(Figure(found.start(), found.end(), value, found.group("unit")))
    for found in _BARE_NUMBER.finditer(simple, start, end):
        if any(f.start <= found.start() < f.end for f in out) or re.match(r"(?:19|20)\d{2}$", found.group(0)):
            continue
        # Only between two list items that carry the same unit: X类12件、Y类34、Z类56件.
        earlier = [f for f in out if f.end <= found.start() and f.unit]
        later = [f for f in out if f.start > found.end() and f.unit]
        if (
            earlier
            and later
            and simple[found.end()] == "、"
            and earlier[-1].unit == later[0].unit
            and simple.count("、", earlier[-1].end, found.start()) == 1
            and simple.count("、", found.end(), later[0].start) == 1
        ):
            value = float(found.group(0).translate(FULLWIDTH_DIGITS))
            out.append(Figure(found.start(), found.end(), value, later[0].unit))
    out.sort(key=lambda f: f.start)
    kept = []
    for fig in out:
        before = simple[start : fig.start]
        # Titles of documents (《2024年…清单》) hold numbers that are no figures.
        if before.count("《") > before.count("》"):
            continue
        kept.append(fig)
    return kept
