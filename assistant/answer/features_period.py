"""Features of a candidate's period: does the answering document, or the sentence itself,
name the year, month, quarter or half-year the question asks, or another of the same kind."""

from __future__ import annotations

import re

from assistant.corpus import DocProfile
from assistant.periods import dated_years, read_months, read_quarters, read_years
from assistant.question import Question
from assistant.text import fold_width


def _agreement(
    asked: tuple[int, ...] | tuple[str, ...], has: frozenset[int] | frozenset[str], mentioned: bool
) -> tuple[float, float]:
    """(agree, conflict): the document is about what is asked, or about something else of the
    same kind (another month), or says nothing of it (neither)."""
    if not asked:
        return 0.0, 0.0
    if set(asked) & set(has):
        return 1.0, 0.0
    if mentioned:
        return 0.5, 0.0
    return 0.0, 1.0 if has else 0.0


def time_features(question: Question, profile: DocProfile, text: str) -> list[float]:
    year_agree, year_conflict = _agreement(question.years, profile.years, any(str(y) in text for y in question.years))
    month_mentioned = any(f"{m}月" in text for m in question.months)
    month_agree, month_conflict = _agreement(question.months, profile.months, month_mentioned)
    _, quarter_conflict = _agreement(question.quarters, profile.quarters, False)
    _, half_conflict = _agreement(question.halves, profile.halves, False)
    return [year_agree, year_conflict, month_agree, month_conflict, max(quarter_conflict, half_conflict)]


# A date that opens a line or an entry of a chronology ("4月26日　…", "【7月16日】…"): the day
# what follows happened, so its month is the one the entry is of.
_ENTRY_DATE = re.compile(r"(?:^|(?<=[\s【\[]))(1[0-2]|0?[1-9])\s*月\s*\d{1,2}\s*[日号]")


def asked_and_said(question: Question, text: str) -> list[tuple[set[int], set[int]]]:
    """The years, months and quarters the question asks, each beside those ``text`` names (a
    date such as 9月1日 inside a sentence names no month; one that opens an entry does)."""
    return [(set(question.years), set(read_years(text))), *_months_and_quarters_asked_and_said(question, text)]


def _months_and_quarters_asked_and_said(question: Question, text: str) -> list[tuple[set[int], set[int]]]:
    months = set(read_months(text)) | {int(m) for m in _ENTRY_DATE.findall(fold_width(text))}
    return [(set(question.months), months), (set(question.quarters), set(read_quarters(text)))]


# A period a change is measured against ("较8月份提高0.4个百分点", "比上年增长12%"): not the one
# the sentence's figures are of.
_BASE_PERIOD = re.compile(
    r"[较比]\s*(?:(?:去年|上年|上一年)\s*同期|第?[一二三四1-4]\s*季度|\d{1,2}\s*月份?|(?:19|20)?\d{2}\s*年(?:同期)?"
    r"|上个?月|上一?个?季度|去年|上年|上一年|前年)"
)


def own_period(
    question: Question, own: str, headings: str, asked_years: frozenset[int], written: int | None
) -> list[float]:
    """(agree, other): the sentence itself names a year, month or quarter asked, or names one of a
    kind asked but none asked ("2025年：…85%；2026年：…90%" of a plan, for a question about 2026).
    The years are those asked dated (去年 of the question counted from the newest documents found:
    ``asked_years``) against those the sentence names dated (its 去年 counted from ``written``, the
    year its document was written in); a sentence that names none is of the year its headings name
    (全年拆除违法建设312处 under 一、2024年工作完成情况)."""
    own = _BASE_PERIOD.sub(" ", own)
    years = (set(asked_years), set(dated_years(own, written) or dated_years(headings, written)))
    pairs = [years, *_months_and_quarters_asked_and_said(question, own)]
    agree = any(asked & said for asked, said in pairs)
    other = any(asked and said and not asked & said for asked, said in pairs)
    return [float(agree), float(other)]
