"""Measure words after a number (件, 人次, 平方米 …) and figures masked with ``*`` in published
text (``*余份``, ``覆盖率*%``, ``活动**场``): one vocabulary for the facts and the answerer."""

from __future__ import annotations

import re
from decimal import Decimal

import cn2an

# Measure words after a number; longest first. Lookaheads keep 处理/方面/台账/项目… out.
UNIT_WORDS = [
    "平方公里",
    "平方米",
    "立方米",
    "人次",
    "车次",
    "辆次",
    "场次",
    "台班",
    "台次",
    "户次",
    "架次",
    "余次",
    "公里",
    "公斤",
    "千克",
    "平方(?!面)",
    "立方",
    "万方",
    "亩",
    "吨",
    "米",
    "件",
    "处(?![置理罚分于在])",
    "个",
    "户",
    "人(?![员民口大])",
    "名(?![单称义])",
    "场(?![地所景馆])",
    "次",
    "份(?![额子])",
    "起",
    "辆",
    "台(?![账帐阶])",
    "条",
    "座(?![谈])",
    "株",
    "棵",
    "只",
    "家(?![庭长属])",
    "支(?![持付出部])",
    "项(?![目])",
    "宗",
    "套",
    "张",
    "块",
    "栋",
    "幢",
    "盏",
    "杆",
    "根",
    "批",
    "篇",
    "期(?![间])",
    "轮",
    "幅",
    "枚",
    "元",
    "倍",
    "所(?![以有属在])",
    "方(?![面案式法向针位便])",
]
UNIT = "(?:" + "|".join(UNIT_WORDS) + ")"

# A figure hidden with asterisks before its unit, a bracketed mask (〔*〕), or a table cell of asterisks (| ** |).
MASKED_FIGURE = re.compile(
    rf"[*＊]+(?:[.．][*＊]+)?\s*[余多]?[万千亿]?[余多]?\s*(?:{UNIT}|[%％])"
    r"|[*＊]\s*(?:[余多.]|[\u4e00-\u9fff]{0,2}[件处个份次家台辆张座吨米人万宗起元分])|[〔\[][*＊][〕\]]"
    r"|\|\s*[*＊]+\s*(?=\||$)"
)

# What dates and document numbers are written with: their digits are no figure.
_DATE_DIGITS = re.compile(
    r"(?:19|20)\d{2}\s*年|\d{1,2}\s*[月日号]|第?\s*\d\s*季度|[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d+\s*号|第\s*\d+\s*期"
)


def states_figure(text: str) -> bool:
    """Whether ``text`` gives a figure: a digit that is not part of a date, a quarter or a
    document number (a title's "2023年第二季度" answers no "多少")."""
    return any(ch.isdigit() for ch in _DATE_DIGITS.sub("", text))


_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿点"
# A quantity written in Chinese numerals (百分之九十五, 四千三百余件, 十九项); one character alone
# (一是, 三成, 十分) is no quantity, nor is an ordinal (第十九).
_CN_PERCENT = re.compile(rf"百分之([{_CN_DIGITS}]+)")
_CN_QUANTITY = re.compile(rf"(?<![第{_CN_DIGITS}])([{_CN_DIGITS}]{{2,}})(?=\s*[余多]?\s*{UNIT})")


def chinese_numeral(text: str) -> Decimal | None:
    """The value of a number written in Chinese numerals (三十五, 两万, 三点五), None if ``cn2an``
    cannot read it."""
    try:
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def with_arabic_figures(text: str) -> str:
    """``text`` with its quantities in Chinese numerals written in digits (百分之九十五 → 95%), so
    that they count as figures in a unit; for reading only, never for what an answer shows."""

    def digits(found: re.Match[str], suffix: str = "") -> str:
        value = chinese_numeral(found.group(1))
        return found.group(0) if value is None else f"{float(value):g}{suffix}"

    text = _CN_PERCENT.sub(lambda m: digits(m, "%"), text)
    return _CN_QUANTITY.sub(digits, text)
