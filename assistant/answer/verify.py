"""Faithfulness check: every quantity in an answer must be stated by a passage it cites.

Quantities are compared as parsed values, not as substrings: ``800件`` is not supported by
a passage that says ``8000件``, nor ``99.1%`` by ``99.18％``, nor ``12.5万元`` by ``5万元``.

What is read as a quantity (after folding full-width forms and Traditional characters):

* Arabic figures with a decimal point or ``,`` thousands separators (``14,067``; a full-width
  ``，`` is a clause break, never a separator), followed by an optional magnitude (万, 亿, 千万,
  百万, 万亿: the value is scaled, so ``1.2万`` is 12000), ``%`` or ``‰``, an optional 余/多/左右,
  and an optional unit (件, 处, 元, 平方米, 人次 …, or Latin letters such as ``km``).
* Chinese numerals, parsed with ``cn2an``: ``三十五``, ``两万``, ``二〇二三年``, ``三点五``,
  ``百分之九十`` (90 %), ``千分之三`` (3 ‰), ``三分之一`` (a fraction). A run of Chinese
  numerals counts only where it cannot be an ordinary word: two or more numerals with a
  positional one (十 百 千 万 亿), any run followed by a unit (``三处``, ``二〇二三年``), or
  after 百分之/千分之. A single ``一`` is read only in ``一季度``:
  ``一个``, ``一批``, ``一次``, ``一起``, ``一年来`` are words, not claims. ``十分`` (very) is
  not a quantity. A run that starts with 百/千/万/亿 (``百姓``, ``万家``, ``千方百计``) is a word.
* Dates: ``2023-07-05``, ``2023/7/5`` and ``2023.7.5`` are read as 2023年, 7月, 5日, so they
  match ``2023年7月5日``. ``2023年`` is the quantity 2023 in the unit 年 (years are checked
  like any other figure).
* Ranges: ``5—8分``, ``5-8分``, ``5~8分``, ``5至8分``, ``1-2万元``: both ends are checked, and
  the first end takes the unit and magnitude of the second (``5`` of ``5—8分`` is 5 分). A
  ``-`` before a figure is a range dash, never a minus sign.
* Ordinals: ``第3`` is the quantity 3 (``第三季度`` is 3 季度).

What is not a quantity: the answer's citation markers ``[n]`` (removed, and read as a line
break), the numbering of list items at the start of a line or sentence (``1.``, ``1、``, ``（1）``,
``一、``, ``（一）``, also after a citation marker, ``。`` or ``：``; an Arabic label only before text:
``1.236起`` and ``1，236起`` are figures, not item 1) and bracketed
item numbers ``（1）`` anywhere, in the answer and in the passages alike.

A quantity of the answer is supported when a cited passage has the same value, in the same
unit where both name one: a bare figure (a table cell ``800``) supports ``800件``, and a bare
figure of the answer is supported by ``800件``. Approximations (约, 余, 多, 左右) are not part
of the value. A Chinese numeral that ``cn2an`` cannot parse is compared as text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.text import to_simplified
from assistant.units import chinese_numeral

__all__ = ["Quantity", "numbers_in", "quantities", "unsupported_numbers"]


@dataclass(frozen=True)
class Quantity:
    """A figure as written (``text``, normalised) and what it means: ``value`` in ``unit``
    (``None`` for a bare figure; ``%``, ``‰``, ``分之`` for ratios; 件, 元, 年 … for counts)."""

    text: str
    value: Decimal | None  # None: a Chinese numeral cn2an could not read (compared as text)
    unit: str | None

    def supported_by(self, other: Quantity) -> bool:
        if self.value is None or other.value is None:
            return self.value is None and other.value is None and self.text == other.text
        return self.value == other.value and (self.unit is None or other.unit is None or self.unit == other.unit)


_CN_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_CN_POSITIONS = "十百千万亿拾佰仟"
_CN = f"[{_CN_DIGITS}{_CN_POSITIONS}]+(?:点[{_CN_DIGITS}]+)?"
_MAGNITUDES = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "万": 10**4, "亿": 10**8}
_TIME_UNITS = ("季度", "个月", "月", "年", "日", "天", "周", "小时")
# Measure words a figure may carry.
_UNIT_WORDS = (
    "件 处 个 项 次 人次 车次 辆次 人 名 户 家 座 条 辆 台 套 只 块 张 份 起 宗 批 场 所 间 栋 幢 株 棵 吨 公斤 千克 克 米 平方米 平米 立方米 方 "
    "公里 千米 亩 公顷 元 分 岁 倍 轮 期 支 盏 根 组 类 种 篇 部 本 段 个百分点 百分点 级 星 队 班 单 册 页 点位 条次 家次 户次 起次 吨次 分钟"
)
# Longest first, so that 平方米 is not read as 平, 人次 not as 人.
_UNITS = sorted({*_UNIT_WORDS.split(), *_TIME_UNITS}, key=len, reverse=True)
_UNIT = "|".join(map(re.escape, _UNITS)) + r"|[a-z]+(?![a-z])"
_QUALIFIER = r"(?:余|多|左右|以上|以下)?"
_RANGE = r"(?:-|—{1,2}|–|~|至|到)"
_UNIT_ALIASES = {"平米": "平方米", "个月": "月", "千米": "公里", "公斤": "千克", "日": "日", "个百分点": "百分点"}

_DATE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<sep>[-./])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?(?![\d%‰万亿])"
)
_RATIO = re.compile(rf"(?P<of>百分之|千分之|(?P<den>{_CN})分之)(?P<num>{_CN}|\d+(?:\.\d+)?)")
_ARABIC = re.compile(
    rf"(?<![\d.])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?P<dec>\.\d+)?(?!\d)"
    rf"(?P<mag>万亿|千万|百万|万|亿)?(?P<pct>%|‰)?{_QUALIFIER}(?P<unit>{_UNIT})?"
)
_CHINESE = re.compile(rf"(?P<num>{_CN})(?P<pct>%|‰)?{_QUALIFIER}(?P<unit>{_UNIT})?")
_RANGE_GAP = re.compile(rf"{_RANGE}")

# The answer's own list numbering at the start of a line or sentence, and bracketed item
# numbers anywhere. An Arabic label must be followed by text, not a digit: ``1.236起`` and
# ``1，236起`` (a garbled 1,236) are figures, never item 1 followed by 236起.
_LINE_LABEL = re.compile(
    rf"(?m)(?:^|(?<=[。！？；：!?;:]))[ \t\u3000]*"
    rf"(?:\d{{1,2}}[.、](?=[ \t\u3000]*[^\d\s.,、])|[{_CN_DIGITS}十]{{1,3}}、|第[{_CN_DIGITS}十]{{1,3}}[、,])"
)
_BRACKET_LABEL = re.compile(rf"[（(](?:\d{{1,2}}|[{_CN_DIGITS}十]{{1,3}})[)）]")
_MARKER = re.compile(r"\[\d+\]")


def _prepare(text: str) -> str:
    """Simplified, half-width, lower-case text without list numbering, in which a full-width
    comma is a clause break (never a thousands separator) and no space is left, except that
    two figures only whitespace separates stay two figures."""
    text = _MARKER.sub("\n", text).replace("，", "、").replace("㎡", "平方米")
    text = unicodedata.normalize("NFKC", to_simplified(text)).lower()
    text = _BRACKET_LABEL.sub("\n", _LINE_LABEL.sub("", text))
    text = re.sub(r"(?<=[\d.])[ \t\u3000]+(?=\d)", "\n", text)
    return re.sub(r"[ \t\u3000]+", "", text)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _chinese(text: str) -> Decimal | None:
    for form in (text, "一" + text):  # 百分之百: a leading 一 is often left out
        if (value := chinese_numeral(form)) is not None:
            return value
    return None


def _unit(raw: str | None) -> str | None:
    if not raw:
        return None
    return _UNIT_ALIASES.get(raw, raw)


@dataclass
class _Found:
    start: int
    end: int
    quantity: Quantity
    magnitude: int = 1  # the magnitude written after it (for a range's first end)


def _is_word(run: str, unit: str | None, after: str) -> bool:
    """A run of Chinese numerals that is an ordinary word, not a figure."""
    if run[0] in "百千万亿佰仟":
        return True  # 百姓, 万家, 千方百计
    if run == "十" and after.startswith("分"):
        return True  # 十分 (very)
    if len(run) == 1:
        # 一是, 统一, 两会, 三亚 (no unit); 一个, 一批, 一次, 一起, 一线, 一年来: words, not claims
        return unit is None or (run == "一" and unit != "季度")
    has_position = any(c in _CN_POSITIONS or c == "点" for c in run)
    return not has_position and unit is None  # 五一, 三八, 一二三: names, not figures


def _scan(text: str) -> list[_Found]:
    found: list[_Found] = []
    taken = [False] * (len(text) + 1)

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def take(start: int, end: int, quantity: Quantity, magnitude: int = 1) -> None:
        for i in range(start, end):
            taken[i] = True
        found.append(_Found(start, end, quantity, magnitude))

    for m in _DATE.finditer(text):
        month, day = int(m["m"]), int(m["d"]) if m["d"] else None
        dotted_pair = m["sep"] == "." and day is None
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31) or dotted_pair:
            continue  # 2023.5万元 is a figure; 2023.7 alone is ambiguous and read as one
        take(m.start(), m.end(), Quantity(m["y"], Decimal(m["y"]), "年"))
        found.append(_Found(m.start(), m.end(), Quantity(m["m"], Decimal(month), "月")))
        if day is not None:
            found.append(_Found(m.start(), m.end(), Quantity(m["d"], Decimal(day), "日")))
    for m in _RATIO.finditer(text):
        if not free(m.start(), m.end()):
            continue
        num = m["num"]
        value = _decimal(num) if num[0].isdigit() else _chinese(num)
        if m["of"] == "百分之":
            quantity = Quantity(m.group(0), value, "%")
        elif m["of"] == "千分之":
            quantity = Quantity(m.group(0), value, "‰")
        else:
            den = _chinese(m["den"])
            ratio = (value / den).quantize(Decimal("0.000001")) if value is not None and den else None
            quantity = Quantity(m.group(0), ratio, "分之")
        take(m.start(), m.end(), quantity)
    for m in _ARABIC.finditer(text):
        if not free(m.start("num"), m.end("num")):
            continue
        value = _decimal(m["num"] + (m["dec"] or ""))
        magnitude = _MAGNITUDES.get(m["mag"] or "", 1)
        if value is not None:
            value *= magnitude
        unit = m["pct"] or _unit(m["unit"])
        surface = text[m.start() : max(m.end(g) for g in ("num", "dec", "mag", "pct"))]
        take(m.start(), m.end(), Quantity(surface, value, unit), magnitude)
    for m in _CHINESE.finditer(text):
        if not free(m.start("num"), m.end("num")):
            continue
        run, unit = m["num"], m["pct"] or _unit(m["unit"])
        # A range's first end (三至五天) takes its unit from the second: decided below.
        next_is_range = bool(_RANGE_GAP.match(text, m.end("num"))) and unit is None
        if _is_word(run, unit, text[m.end("num") :]) and not next_is_range:
            continue
        magnitude = next((v for k, v in _MAGNITUDES.items() if run.endswith(k)), 1)
        take(m.start(), m.end(), Quantity(run, _chinese(run), unit), magnitude)
    found.sort(key=lambda f: f.start)
    return _join_ranges(text, found)


def _join_ranges(text: str, found: list[_Found]) -> list[_Found]:
    """``5—8分``: the first end takes the second's unit and magnitude; a single Chinese numeral
    kept only as a possible first end (``三至``) is dropped when no second end follows."""
    out: list[_Found] = []
    for i, item in enumerate(found):
        after = found[i + 1] if i + 1 < len(found) else None
        gap = text[item.end : after.start] if after is not None else ""
        joined = after is not None and item.quantity.unit is None and bool(_RANGE_GAP.fullmatch(gap))
        q = item.quantity
        if joined and after is not None:
            value = q.value
            if value is not None and item.magnitude == 1 and after.magnitude != 1:
                value *= after.magnitude
            out.append(_Found(item.start, item.end, Quantity(q.text, value, after.quantity.unit)))
        elif not (
            q.value is not None
            and q.unit is None
            and not q.text[0].isdigit()
            and _is_word(q.text, None, text[item.end :])
        ):
            out.append(item)
    return out


def quantities(text: str) -> list[Quantity]:
    """The quantities stated in ``text``, in order (citation markers and list numbering excluded)."""
    return [f.quantity for f in _scan(_prepare(text))]


def numbers_in(text: str) -> list[str]:
    """The figures written in ``text`` (normalised: half-width, Simplified, no spaces, without
    their counting unit: ``99.18％`` → ``99.18%``, ``14067件`` → ``14067``)."""
    return [q.text for q in quantities(text)]


def unsupported_numbers(answer_text: str, cited_texts: list[str]) -> list[str]:
    """The figures of the answer (citation markers and its list numbering excluded) that no
    cited passage states with the same value and unit; each once, in order."""
    support = [q for text in cited_texts for q in quantities(text)]
    missing: list[str] = []
    for quantity in quantities(answer_text):
        if not any(quantity.supported_by(s) for s in support) and quantity.text not in missing:
            missing.append(quantity.text)
    return missing
