"""Principled reasons not to answer, each with a reason code and a one-line explanation.

Besides the calibrated answer confidence, a question is refused when the answering document
cannot be what it asks about: a year, month or quarter other than the one asked (a look-alike
of another period), a numbered issue (第9期) other than the one asked, or a company the document
does not name (places: :mod:`assistant.answer.refuse_place`; what the excerpt itself withholds:
:mod:`assistant.answer.refuse_excerpt`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.candidates import Candidate
from assistant.answer.features import QuestionContext, abbreviates, says
from assistant.answer.features_period import asked_and_said
from assistant.corpus import DocProfile
from assistant.periods import (
    HALF,
    ORDINAL,
    TIME_TEXT,
    dated_years,
    quarter_months,
    quarter_of,
    read_month_spans,
    read_months,
    read_quarters,
)
from assistant.question import Question
from assistant.text import compact


@dataclass(frozen=True)
class Refusal:
    code: str  # place_unknown | time_mismatch | place_mismatch | issue_mismatch | masked | cut_off | low_confidence …
    reason: str  # one line, shown to the user


def _periods(profile: DocProfile) -> list[str]:
    if profile.year_months:
        return [f"{y}年{m}月" for y, m in sorted(profile.year_months)]
    if profile.months and profile.years:
        return [f"{min(profile.years)}年{m}月" for m in sorted(profile.months)]
    if profile.quarters and profile.years:
        return [f"{min(profile.years)}年第{q}季度" for q in sorted(profile.quarters)]
    halves = [h for h in ("上半年", "下半年") if h in profile.title]
    return [f"{y}年{''.join(halves)}" for y in sorted(profile.years)]


def _asked_time(question: Question) -> str:
    return "".join(
        part
        for part in (
            "、".join(f"{y}年" for y in question.years),
            "、".join(f"{m}月" for m in question.months),
            "、".join(f"第{q}季度" for q in question.quarters),
            "、".join(question.halves),
        )
        if part
    )


def asked_months(question: Question) -> set[int]:
    """The months a question asks, a quarter asked as its three months."""
    return set(question.months).union(*(quarter_months(q) for q in question.quarters))


def months_and_quarters_asked(question: Question) -> list[str]:
    """The months and quarters a question asks, as written in a refusal ("6月", "第2季度")."""
    return [f"{m}月" for m in question.months] + [f"第{q}季度" for q in question.quarters]


def _asked_and_said(question: Question, best: Candidate) -> list[tuple[set[int], set[int]]]:
    """The periods the question asks, each beside those the answering sentence names with the
    one before it and the headings above it ("一、2024年工作回顾" of a 2025 report)."""
    return asked_and_said(question, _context_of(best))


def _context_of(best: Candidate) -> str:
    return f"{best.hit.chunk.heading} {best.section} {best.previous} {best.text}"


def names_asked_time(question: Question, text: str) -> bool:
    """``text`` names each period asked, down to the month or quarter asked."""
    return all(not asked or asked & said for asked, said in asked_and_said(question, text))


def says_asked_time(question: Question, best: Candidate) -> bool:
    """The answering sentence, with the one before it, its headings and its table's header ("|指标|4月|5月|6月|"),
    names the period asked (a summary of 2023 quoting 2022). A header's other months may be a
    comparison's ("较6月"), so they show no other period."""
    return names_asked_time(question, f"{best.header} {_context_of(best)}")


def says_dated_year(asked: frozenset[int], best: Candidate, written: int | None) -> bool:
    """The answering sentence, with the one before it and its headings, names a year ``asked``, its
    去年 and 今年 counted from ``written`` (the year its document was written in)."""
    return bool(asked & set(dated_years(f"{best.header} {_context_of(best)}", written)))


def _says_other_time(question: Question, best: Candidate) -> bool:
    """The answering sentence names a period of a kind asked (a year, month or quarter), and
    none of those asked: "6月份…测评结果出炉" for a question about 7月; or names only quarters,
    none holding a month asked ("二季度城管类诉求有8700多件" for 七月份), or only months, none in a
    quarter asked; or only spans of months (上半年, 1—6月), none holding a month asked ("上半年立案
    12,960件" for 9月), where the question names no span itself ("3月和上半年结案率" asks both)."""
    years, months, quarters = _asked_and_said(question, best)
    if any(asked and said and not asked & said for asked, said in (years, months, quarters)):
        return True
    months_asked, months_said = months
    quarters_asked, quarters_said = quarters
    if months_asked and not months_said and quarters_said:
        return not any(quarter_of(m) in quarters_said for m in months_asked)
    if quarters_asked and not quarters_said and months_said:
        return not any(quarter_of(m) in quarters_asked for m in months_said)
    if (months_asked or quarters_asked) and not months_said and not quarters_said and not _spans_asked(question):
        asked = asked_months(question)
        spans = [months for _, months in read_month_spans(_context_of(best))]
        return bool(spans) and not any(m in span for span in spans for m in asked)
    return False


def _spans_asked(question: Question) -> bool:
    """The question names a span of months itself (上半年, 1到7月), a quarter asked aside."""
    quarters = [quarter_months(q) for q in question.quarters]
    return any(months not in quarters for _, months in read_month_spans(question.simple))


def _no_undated_target_part(question: Question) -> bool:
    """No part that names no period asks a target ("今年目标多少 到5月份干了多少" has one: it may be
    answered by a sentence of another month, a deadline of 10月底前); a part after the one naming the
    period ("5月立案多少件，结案率多少") shares its period."""
    return not any(part.intent.target and not TIME_TEXT.search(part.text) for part in question.parts)


_CLAUSES = re.compile(r"[，,；;？?]")


def clauses_ask_other_periods(question: Question) -> bool:
    """Two clauses of the question name different periods ("今年二季度呢，下半年目标多少")."""
    clauses = _CLAUSES.split(question.simple)
    named = [(frozenset(read_months(c)), frozenset(read_quarters(c)), frozenset(HALF.findall(c))) for c in clauses]
    named = [n for n in named if any(n)]
    return len(set(named)) > 1


def time_mismatch(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """The answering document is about another period than the one asked (its look-alike); for a
    document that does not say which period it is about, its answering sentence is."""
    if clauses_ask_other_periods(question):
        return None  # "二季度呢，下半年目标多少": the best sentence answers the part of one period
    covered = profiles[best.doc_id].covers_time(question)
    if (
        covered is None
        and not question.intent.compare
        and _no_undated_target_part(question)
        and _says_other_time(question, best)
    ):
        covered = False
    if covered is not False or says_asked_time(question, best):
        return None
    asked = _asked_time(question)
    if any(profile.covers_time(question) for profile in profiles.values()):
        # A document of the period asked was found too, but said less to the question.
        own = "、".join(_periods(profiles[best.doc_id])) or "其他时期"
        return Refusal(
            "time_mismatch", f"最接近的段落出自{own}的文件，说的不是{asked}；{asked}的文件中没有找到所问的内容。"
        )
    nearby = list(dict.fromkeys(p for d in profiles.values() for p in _periods(d)))[:6]
    shown = f"，相近的文件只有{'、'.join(nearby)}的内容" if nearby else ""
    return Refusal("time_mismatch", f"收录的文件中没有{asked}的相关内容{shown}。")


def speaks_for_one_side(question: Question) -> bool:
    """The best sentence of a comparison, or of a question in several parts, answers one side or
    part only: what the other sides name need not be in its document."""
    return question.intent.compare or len(question.parts) > 1


def issue_mismatch(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """The question names a numbered issue (第10期, 第五届) the answering document does not (not
    checked when the best sentence speaks for one side only)."""
    if speaks_for_one_side(question) or profiles[best.doc_id].names_issues(question) is not False:
        return None
    asked = "、".join(f"第{n}{kind}" for n, kind in question.issues)
    return Refusal("issue_mismatch", f"收录的文件中没有{asked}的内容。")


def rank_beyond_list(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """A rank is asked (第11名) beyond the last one the answering document lists."""
    last = profiles[best.doc_id].max_rank
    beyond = [r for r in question.ranks if last >= 3 and r > last]  # a ranking lists at least three
    if not beyond:
        return None
    return Refusal("rank_beyond_list", f"文件中的排名只列到第{last}名，没有第{beyond[0]}名。")


def document_text(best: Candidate, profiles: dict[str, DocProfile]) -> str:
    """The answering document's whole text with its title (compacted): what it names anywhere."""
    return profiles[best.doc_id].text + compact(best.hit.title)


def absent_focus(ctx: QuestionContext, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """The quantity a one-part question asks the value of ("居民参与率是多少", "样本量") is named
    nowhere in the answering document: it cannot state its value."""
    parts = ctx.question.parts
    if len(parts) != 1:
        return None
    text = document_text(best, profiles)
    ranks = "".join(ORDINAL.findall(ctx.question.simple))  # 倒数第一 names a rank, not a quantity (数)
    for word in parts[0].focus[-1:]:
        if len(word) < 2 or word[-1] not in QUANTITY_ENDINGS or word in ranks or word.startswith("倒数"):
            continue
        if not names_word(text, word):
            return Refusal("absent_focus", f"找到的文件中没有提到“{word}”。")
        if _named_only_where_cut(profiles[best.doc_id].text, word):
            return Refusal("cut_off", f"原文在“{word}”之后截断，没有给出它的数值。")
    return None


ENDS_CLOSED = re.compile(r"[。！？!?；;”’\"）)]$")  # a text that ends a sentence: not cut off


def _named_only_where_cut(text: str, word: str) -> bool:
    """The document names ``word`` first in its last few characters, where it breaks off with
    no figure ("…二是采集员队伍流动性较大，全年流失率达到"): the value was cut away."""
    first = text.find(word)
    tail = text[first + len(word) :]
    return first >= 0 and len(tail) <= 8 and not ENDS_CLOSED.search(text) and not any(ch.isdigit() for ch in tail)


QUANTITY_ENDINGS = "率量数额值价费款度"


def names_word(text: str, word: str) -> bool:
    """A document's compacted ``text`` says ``word`` in one of its forms, or a longer phrase it
    shortens (机扫率 for 机械化清扫率)."""
    return says(text, word) or abbreviates(word, text)


def rules_not_results(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """What a named period brought is asked (2月份谁第一, 23年一季度哪个区优秀), and the answering
    document is a set of rules of no period (考核细则): it holds no period's results."""
    profile = profiles[best.doc_id]
    if not profile.holds_no_results_for(question):
        return None
    return Refusal("rules_not_results", f"找到的《{profile.title}》是考评规则，没有{_asked_time(question)}的考评结果。")


# A named organisation: a name before its kind (栖川环境科技有限公司, 国家统计局栖川调查队).
_ORGANISATION = re.compile(
    r"([\u4e00-\u9fff]{2,12}?)(?:有限责任公司|有限公司|股份公司|公司|集团|研究院|研究所|研究中心|调查队|调查中心|事务所|大学|学院)"
)
# What stands before a company's kind when no company is named ("委托第三方公司", "一家专业公司").
_UNNAMED = ("第三方", "专业", "一家", "该", "相关")


def _names_organisation(text: str) -> bool:
    return any(not m.group(1).endswith(_UNNAMED) for m in _ORGANISATION.finditer(text))


def organisation_unnamed(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """Which company or third party is asked, and the answering document names none: it says
    at most that one was engaged ("委托第三方机构"), not which."""
    if not question.asks_organisation or _names_organisation(document_text(best, profiles)):
        return None
    return Refusal("organisation_unnamed", "找到的文件没有写明是哪家公司或机构。")
