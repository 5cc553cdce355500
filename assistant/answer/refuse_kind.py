"""Refusals of a sentence that holds the figure of another period or kind of figure than the one
asked: a table whose columns are other weeks or quarters than the one asked (第23周 | 第24周 |
第25周 for 第26周), a span's sum or a span's change for one month of it, a result where only a
target is asked, a target where a month's figure is asked, and a table row whose cell for the
figure asked is blank, or that gives no rate where one is asked."""

from __future__ import annotations

import re

from assistant.answer.candidates import Candidate
from assistant.answer.features import counts_in
from assistant.answer.refuse import (
    Refusal,
    asked_months,
    months_and_quarters_asked,
    names_asked_time,
    speaks_for_one_side,
)
from assistant.answer.refuse_district import quantity_asked, says_quantity
from assistant.answer.refuse_scope import ASKS_CHANGE_ON_YEAR, asks_rules
from assistant.corpus import DocProfile
from assistant.divisions import names_place
from assistant.intent import asks_target_apart, reports_done, states_plan
from assistant.periods import (
    read_issues,
    read_month_spans,
    read_months,
    read_quarters,
    read_years,
)
from assistant.question import Question
from assistant.tables import blank_cell_asked, blank_indicator_asked, is_table_row
from assistant.text import compact
from assistant.units import with_arabic_figures


def _column_periods(header: str) -> list[tuple[str, set[object]]]:
    """For each kind of period (issue, year, month, quarter), the periods the header's cells
    name, one per cell that names one ("第23周", "一季度立案")."""
    cells = [c.strip() for c in header.split("|")[1:] if c.strip()]  # each reader folds width and script
    readers = (("issue", read_issues), ("year", read_years), ("month", read_months), ("quarter", read_quarters))
    return [(kind, {p for c in cells for p in read(c)}) for kind, read in readers]


def _asked_periods(question: Question) -> dict[str, set[object]]:
    return {
        "issue": set(question.issues),
        "year": set(question.years),
        "month": set(question.months),
        "quarter": set(question.quarters),
    }


def period_column_absent(question: Question, best: Candidate) -> Refusal | None:
    """The answering sentence is a table row whose columns are periods of the kind asked (第23周,
    第24周, 第25周; 一季度, 二季度), two or more, and none is the one asked: the table holds its
    look-alikes only."""
    if not best.header or question.intent.compare:
        return None
    asked = _asked_periods(question)
    for kind, columns in _column_periods(best.header):
        if asked[kind] and len(columns) >= 2 and not asked[kind] & columns:
            shown = "、".join(_period_text(kind, p) for p in sorted(columns, key=_order))
            wanted = "、".join(_period_text(kind, p) for p in sorted(asked[kind], key=_order))
            return Refusal("period_column_absent", f"表中只有{shown}的数据，没有{wanted}的。")
    return None


def _order(period: object) -> int:
    """A period's number (第8周 before 第10周)."""
    if isinstance(period, tuple):
        period = period[0]
    return period if isinstance(period, int) else 0


def _period_text(kind: str, period: object) -> str:
    if kind == "issue" and isinstance(period, tuple):
        return f"第{period[0]}{period[1]}"
    return {"year": "{}年", "month": "{}月", "quarter": "第{}季度"}.get(kind, "{}").format(period)


# A question that asks what was achieved, how far it has got or is short of it, or last year's figure, besides any target.
_RESULT_ASKED = re.compile(
    r"完成|实现|达到了|做到|进展|情况|达标|多少了|几[个件处次项条座]了|去年|上年|上一年|还差|差多少"
)
# A sentence that names a target or a task, whatever its tense ("目标任务", "要求达到"), or one
# said of this year's work to come ("年内新增…", under "今年要抓好几件事").
_TARGET_SAID = re.compile(r"目标|任务|要求|计划|力争|确保|争取|不少于|不低于|以上|年内|年底前|今年要|将")
# A section of the tasks or targets of a period to come (今年的任务要压实, 明年工作安排, 下一步目标), not
# of their completion (今年重点任务完成情况).
_TARGETS_HEADING = re.compile(
    r"(?:今年|明年|下半年|下一步|下步|本年度?)[^>]{0,8}(?:任务|目标|安排|打算)(?![^>]{0,4}(?:完成|进展|情况|成效))"
)


def result_for_target(question: Question, chosen: list[Candidate], profiles: dict[str, DocProfile]) -> Refusal | None:
    """Only a target figure is asked ("今年绿地面积目标多少"), and no answering sentence states a plan or
    names a target, nor comes from a plan (they report what was done, "去年新增绿地46.5万平方米"):
    no target is given. A question about the rules ("要扣几分", "占几分") asks no target."""
    intent = question.intent
    if (
        not intent.target
        or not (intent.figure or question.units)
        or intent.result
        or asks_rules(question)
        or len(question.parts) > 1
        or asks_target_apart(question.text)
    ):
        return None
    if _RESULT_ASKED.search(question.simple) or intent.owner or intent.when or intent.items or intent.problem:
        return None
    for candidate in chosen:
        profile = profiles[candidate.doc_id]
        if profile.is_plan() or profile.is_rules() or (question.years and names_asked_time(question, candidate.text)):
            return None  # a plan, the rules, or a sentence of the year asked (2025年新增绿地50万平方米)
        if states_plan(candidate.text, candidate.hit.chunk.heading, candidate.header):
            return None
        if _TARGET_SAID.search(f"{candidate.header} {candidate.section} {candidate.previous} {candidate.text}"):
            return None
        if _TARGETS_HEADING.search(candidate.hit.chunk.heading):
            return None  # "全年新增停车泊位2,000个" under "二、今年的任务要压实"
    return Refusal("result_for_target", "找到的段落只有实际完成的情况，没有所问的目标。")


_REQUIREMENT_ASKED = re.compile(r"要求|目标|计划|任务|至少|最少|不少于|不低于|标准|规定")
# A level to be held or reached, as targets state it (稳定在96%以上, 保持在, 达到93%以上).
_LEVEL_TO_HOLD = re.compile(r"稳定在|保持在|\d(?:\.\d+)?\s*[%％]?\s*以上")
# A level a period must reach ("11月份全市按期处置率要达到93%以上"): a requirement, not a result.
_TO_REACH = re.compile(r"(?:要|须|需|必须|应)(?:达到|提高到|提升到|控制在|稳定在|保持在)")


def target_for_period(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """A month's or a quarter's figure is asked ("6月份结案率多少", not a target), and the answering
    sentence states a target by its own words ("力争达到93%", "11月份…要达到93%以上"; or, naming no
    period asked, "结案率稳定在96%以上") and reports nothing done: it is no figure of that period."""
    asked = months_and_quarters_asked(question)
    if not asked or not (question.intent.figure or question.units) or speaks_for_one_side(question):
        return None
    if question.intent.target or _REQUIREMENT_ASKED.search(question.simple):
        return None  # 要求93% 6月实际多少, 每个区至少抽多少个: the requirement is asked or named
    if profiles[best.doc_id].covers_time(question) is True:
        return None  # a report of the period asked: its other sentences give the period's figures
    if reports_done(best.text):
        return None
    # A sentence of the period asked is its figure ("7月…95.8%，超过95%的年度目标") unless it sets
    # the level the period must reach ("11月份全市按期处置率要达到93%以上").
    if names_asked_time(question, best.text):
        if not _TO_REACH.search(best.text):
            return None
    elif not (states_plan(best.text) or _TO_REACH.search(best.text) or _LEVEL_TO_HOLD.search(best.text)):
        return None
    return Refusal("target_for_period", f"找到的是目标要求，不是{'、'.join(asked)}的实际数字。")


def _names_month_apart(text: str, months: tuple[int, ...]) -> bool:
    """``text`` names one of ``months`` on its own, not as the end of a span (1—5月)."""
    for written, _ in read_month_spans(text):
        text = text.replace(written, " ")
    return bool(set(read_months(text)) & set(months))


# A month named as a deadline or a point in time (6月底, 5月末): no month's figure is asked.
_MONTH_END = re.compile(r"月\s*(?:底|末|中旬|下旬|上旬)")


def span_for_month(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """One month's figure is asked ("5月立案多少件"), and the answering sentence gives the sum of
    a span that holds it (1—5月累计, 第二季度, 上半年), in a document that names the month nowhere
    on its own: the month's own figure is not there."""
    if (
        not question.months
        or question.quarters
        or read_month_spans(question.simple)
        or _MONTH_END.search(question.simple)
    ):
        return None
    if "|" in best.text or profiles[best.doc_id].covers_time(question) is True:
        return None
    if _names_month_apart(profiles[best.doc_id].text, question.months):
        return None  # the document gives the month elsewhere ("分月看，4月3,902件"): a choice, not an absence
    holding = [written for written, months in read_month_spans(best.text) if any(m in months for m in question.months)]
    if not holding:
        return None
    asked = "、".join(f"{m}月" for m in question.months)
    return Refusal("span_for_month", f"找到的是{holding[0]}的合计数字，没有单独给出{asked}的数据。")


# A change measured on the same period of the year before (同比增长10.3%, 较去年同期提高1.1个百分点).
_SAYS_CHANGE_ON_YEAR = re.compile(r"同比|同期|[比较]\s*(?:去|上)一?年")


def _span_of_change(candidate: Candidate, asked: set[int]) -> str | None:
    """The span holding the months asked whose change ``candidate`` gives ("1—6月"), or None where it
    gives the change of the period asked itself, or of no span. A table row's change is its
    header's: a 累计同比 column is the running total's."""
    table = candidate.header or (candidate.text if "|" in candidate.text else "")  # a row, or the header row itself
    if table:
        cells = [c.strip() for c in table.split("|") if _SAYS_CHANGE_ON_YEAR.search(c)]
        if not cells or not all("累计" in c for c in cells):
            return None
        totals = [w for w, months in read_month_spans(table) if asked <= set(months) != asked]
        return totals[0] if totals else "累计"
    spans = read_month_spans(candidate.text)
    if any(set(months) == asked for _, months in spans) or _names_month_apart(candidate.text, tuple(asked)):
        return None
    holding = [w for w, months in spans if asked <= set(months)]
    return holding[0] if holding else None


def change_of_span(question: Question, chosen: list[Candidate]) -> Refusal | None:
    """A month's or a quarter's change on the year before is asked ("6月立案同比增长多少"), and each
    answering sentence that gives such a change gives it for a span holding the period asked
    (1—6月累计立案…同比增长10.3%, 上半年…同比, a table's 累计同比 column): the period's own change
    is not there."""
    asked = asked_months(question)
    if not asked or not ASKS_CHANGE_ON_YEAR.search(question.simple):
        return None
    if any(set(months) != asked for _, months in read_month_spans(question.simple)):
        return None  # a span is asked (1—6月, 上半年), not one month or quarter
    saying = [c for c in chosen if _SAYS_CHANGE_ON_YEAR.search(f"{c.text} {c.header}")]
    spans = [_span_of_change(c, asked) for c in saying]
    if not spans or any(span is None for span in spans):
        return None
    period = "、".join(months_and_quarters_asked(question))
    return Refusal("change_of_span", f"找到的同比变化是{spans[0]}的，没有单独给出{period}的同比数据。")


def cell_blank(question: Question, chosen: list[Candidate], candidates: list[Candidate]) -> Refusal | None:
    """A figure of one thing is asked, and the answering sentence is a table row whose cell for it
    is blank ("样本不足，未测"), or a row of a long table whose place asked has its own row for the
    indicator asked, blank ("老边区 | 结案率 |  |" beside "老边区 | 按期结案率 | 88.2% |"): the table
    does not give it."""
    if not (question.intent.figure or question.units) or len(question.parts) > 1 or question.intent.compare:
        return None
    best = chosen[0]
    asked = question.parts[0].phrase if question.parts else ""
    name = blank_cell_asked(best.header, best.text, asked) or _blank_row_of_the_place(question, best, candidates, asked)
    if name is None:
        return None
    return Refusal("cell_blank", f"表中这一行的“{name}”一栏没有数字，文件没有给出。")


def _blank_row_of_the_place(question: Question, best: Candidate, candidates: list[Candidate], asked: str) -> str | None:
    label = best.text.split("|")[0].strip()
    if not is_table_row(best.text) or not any(names_place(label, p) for p in question.places):
        return None
    rows = [c.text for c in candidates if c.doc_id == best.doc_id and c.header == best.header]
    return blank_indicator_asked([row for row in rows if row.split("|")[0].strip() == label], asked)


def rate_unstated(question: Question, chosen: list[Candidate]) -> Refusal | None:
    """A rate of one thing is asked (整改率, 满意率), and no answering sentence names it beside a
    percentage (its row's header counts): the answer would give other figures in its place."""
    quantity = quantity_asked(question)
    if quantity is None or not quantity.head.endswith("率") or question.intent.compare:
        return None
    # 按期结案率 and 结案率 are two figures of one report: the rate of all cases answers no timely rate.
    asked = f"按期{quantity.head}" if quantity.qualifier == "按期" else quantity.head
    for candidate in chosen:
        said = with_arabic_figures(compact(f"{candidate.header} {candidate.text}"))
        percentage = counts_in("%", said) or "百分点" in said
        if says_quantity(said, asked) and (percentage or is_table_row(candidate.text)):
            return None
    return Refusal("rate_unstated", f"找到的段落没有给出“{asked}”的数值。")
