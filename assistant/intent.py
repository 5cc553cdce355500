"""What a question asks for (a figure, a date, a list, a comparison, targets, problems,
criteria, an actual result) and whether a source sentence states a plan or a result.

One place for the question patterns that the passage answerer (:mod:`assistant.answer.compose`)
and the fact answerer (:mod:`assistant.facts.answer`) both read."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from assistant.text import to_simplified


@dataclass(frozen=True)
class Intent:
    """The kinds of answer a question asks for (several may hold at once)."""

    figure: bool = False  # a number: 多少, 比例, 分值 …
    when: bool = False  # a date or deadline
    deadline: bool = False  # the date by which something is to be done (什么时候整改到位, 期限), not when it happened
    items: bool = False  # the items of a list in the passages (措施, 内容, 哪些 …)
    what: bool = False  # "what/which …" in the loose sense (enough for criteria and problems)
    list_strict: bool = False  # a list asked for in so many words (哪些, 列出, 清单; not 什么时候)
    compare: bool = False  # two or more things side by side (documents, years, statements)
    across: bool = False  # one measure across documents (各年, 历年, 趋势 …): a table of figures
    contrast: bool = False  # differences (区别, 不同, 差异)
    consistent: bool = False  # whether statements agree (一致, 矛盾, 前后两处), even within one document
    criteria: bool = False  # assessment criteria (测评标准 …)
    target: bool = False  # targets and plans (目标, 计划, 下步 …)
    problem: bool = False  # problems a report names (存在问题, 不足 …)
    result: bool = False  # what actually happened, not what was planned (实际, 最终 …)
    owner: bool = False  # who does it (谁负责, 哪个单位牵头, 责任单位)

    @property
    def asks_list(self) -> bool:
        """The answer is a list: the items of one, the problems a report names, or a list asked
        for in so many words."""
        return self.items or self.problem or self.list_strict


# Each field of Intent and the pattern (on Simplified text) that sets it.
_TABLE = r"""
figure       多少|几[个件处次项条人户座名万]|数量|数目|比例|比率|[率量数额]是|多大|多长|多高|金额|面积|户数|件数|完成率|处置率|分值|几分|多少分
when         什么时候|啥时候|啥时|几时|何时|时间|期限|截止|哪天|几月|节点|时限|日期|几号
deadline     期限|时限|截止|最晚|节点|完成|完工|建成|建好|弄完|做完|干完|改完|改好|整改|到位|交(?!通|办|流)|报送|上报|之前|以前|多久|几天
items        哪些|有什么|都是什么(?!时候)|措施|举措|做法|列出|包括|哪几|内容|方面|哪[两三四五六七八九十][个项条类样种件点方]
what         哪些|有什么|是什么|什么|列出|列举|包括|清单|几项|都有|哪几|汇总|梳理|一览
list_strict  哪些|有什么(?!时候)|都是什么(?!时候)|列出|列举|清单|几项|都有|哪几|汇总|梳理|一览|哪[两三四五六七八九十][个项条类样种件点方]
compare      比较|对比|相比|变化|分别|两[个份年家处]|和.{1,12}(?:各|分别)|异同|差别|差异|区别|不同|共同点|相同|一致
across       比较|对比|相比|变化|各年|历年|趋势|横向|各(?:个)?(?:文件|单位|部门|报告)
contrast     区别|不同|差异|异同
consistent   一致|矛盾|相符|出入|前后|两处|几处
criteria     (?:测评|考核|考评)(?:标准|内容|项目|体系|指标)|考察标准|评分标准|建设标准|点位标准|分值|哪些指标|什么指标|标准|占[几多]少?分|满分
target       目标|计划|打算|安排|任务|下步|下一步|要做|部署|工作思路|完成时间|时间节点|要达到|要求达到|力争|确保|争取|想达到|想到多少|(?<![主需重只还])要求?[\u4e00-\u9fff]{0,3}?(?:多少|几)
problem      存在.{0,6}问题|问题(?:和|与|及)?不足|不足之处|短板|薄弱|差距|(?:哪些|哪几|什么)[个类种项条处块]?.{0,3}(?:问题|不足|毛病|乱象|隐患)|(?:查|发现|指出|点名|通报)[出了到]{0,2}(?:哪些|什么)
result       实际|真正|最终|已经|最后(?!一)|到底|究竟
owner        谁负责|由谁|谁牵头|谁来|哪个?(?:单位|部门)(?:牵头|负责)|牵头单位|责任单位|责任部门|牵头部门|配合单位|配合部门
"""
_PATTERNS = {
    name: re.compile(pattern) for name, pattern in (row.split(maxsplit=1) for row in _TABLE.strip().splitlines())
}
assert set(_PATTERNS) == {f.name for f in fields(Intent)}, "every Intent field needs a pattern"

# Words that say what kind of answer is wanted (yes/no, agreement, deadline, progress, actual),
# not what the question is about: a passage need not contain them to answer.
FRAME_WORDS = frozenset(
    [
        "有没有",
        "没有",
        "是不是",
        "是否",
        "能否",
        "明确",
        "一致",
        "前后",
        "两处",
        "共同点",
        "共同",
        "各自",
        "异同",
        "区别",
        "不同",
        "差异",
        "相同",
        "进展",
        "截止",
        "实际",
        "实际上",
        "真正",
        "最终",
        "已经",
        "数字",
    ]
)


# How staff type what the patterns spell out (有啥问题, 咋整改).
_WRITTEN = {"啥": "什么", "咋": "怎么"}
_COLLOQUIAL = re.compile("|".join(_WRITTEN))


# How far something has got (现在多少, 目前, 建成几个了): what has been done so far is asked, unless
# the question asks the target as well (现在的目标是多少).
_PROGRESS = re.compile(r"现在|目前|如今|眼下|(?:多少|几[个件处次项条人户座名万块家所]?)了")


_TIME_LIMIT = re.compile(r"多久|几天|几个工作日")


def classify(question: str) -> Intent:
    """The intent of ``question`` (Traditional or Simplified)."""
    q = _COLLOQUIAL.sub(lambda m: _WRITTEN[m.group()], to_simplified(question))
    found = {name: bool(pattern.search(q)) for name, pattern in _PATTERNS.items()}
    found["result"] = found["result"] or (bool(_PROGRESS.search(q)) and not found["target"])
    # 完成 alone asks no date (完成了多少); 几天 asks a time limit (限期几天改好)
    found["deadline"] = found["deadline"] and (found["when"] or bool(_TIME_LIMIT.search(q)))
    return Intent(**found)


# A sentence states a target or plan (力争, 确保, 计划 …) or sits under a heading that names a plan
# ("二、下半年工作计划", "三、工作安排"; not "坚持目标导向…" or "任务上半年完成情况"), and it
# reports nothing done (已, 目前, 截至 …).
_PLAN = re.compile(
    r"计划|力争|确保|争取|预计|拟|打算|不少于|不低于|目标(?!导向)|将(?:在|于|继续|进一步|全面|力争|确保|完成|实现|建成|开展|启动|推进|加快|持续|着力)"
    # what this year or the next is still to do (今年要新增, 今年再建, 还要实施, 年内建成)
    r"|(?:今年|明年|年内|下半年)(?:还|再|要(?!求)|将)|还要(?!求)|年内(?:完成|实现|建成)"
)
_PLAN_HEADING = re.compile(r"(?:计划|安排|打算|思路|目标|设想|展望|重点工作|重点任务|主要任务)$|下步|下一步")
_DONE = re.compile(r"已|目前|截至|截止目前|累计|共计|实际")


# A date something is to be done by (6月30日前, 年底前, 完成时间：, 限期, 7日内), not the date of an
# event or of a count (10月16日至20日, 截至6月28日).
_MONTH = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DEADLINE_STATED = re.compile(
    rf"{_MONTH}\s*月(?:\s*\d{{1,2}}\s*[日号])?(?:底|初|末|中旬|上旬|下旬)?(?:前|以前|之前)"
    r"|(?:年底|年末|月底)前|完成时[间限]\s*[：:]|(?:时限|期限)\s*[：:]|限期"
    r"|(?:\d+|[一二三四五六七八九十两]+)\s*个?(?:工作)?[日天](?:内|以内|之内)"
)


def states_deadline(sentence: str) -> bool:
    """The sentence gives a date something is to be done by."""
    return bool(_DEADLINE_STATED.search(to_simplified(sentence)))


def reports_done(sentence: str) -> bool:
    """The sentence reports something done (已, 累计, 截至 …)."""
    return bool(_DONE.search(to_simplified(sentence)))


def heads_plan(heading: str) -> bool:
    """A heading path (parts joined by " > ") of which a part names a plan (三、进度安排, 明年工作打算)."""
    return any(_PLAN_HEADING.search(s.strip(" 。.：:")) for s in to_simplified(heading).split(" > ") if s)


def states_plan(sentence: str, heading: str = "", header: str = "") -> bool:
    """The sentence (under ``heading``, parts joined by " > "; a table row under the column names
    ``header``) gives a target or plan, not a result."""
    text = to_simplified(sentence)
    if _DONE.search(text):
        return False
    sections = to_simplified(heading).split(" > ") if heading else []
    return bool(
        _PLAN.search(text)
        or any(_PLAN_HEADING.search(s.strip(" 。.：:")) for s in sections)
        or _plan_columns(to_simplified(header))
    )


# A task table's columns: a deadline or a target to reach, and none for what was done.
_PLAN_COLUMN = re.compile(r"时限|目标|计划")
_RESULT_COLUMN = re.compile(r"完成情况|进展|进度|实际|完成值|结果|整改情况|得分|成效")


def _plan_columns(header: str) -> bool:
    return bool(_PLAN_COLUMN.search(header)) and not _RESULT_COLUMN.search(header)


# Columns of a scoring rules table, which may carry an empty 得分 column to fill in.
_RULE_COLUMN = re.compile(r"评分标准|扣分标准|评分办法|考核内容|测评内容|测评方法|分值")


def records_results(header: str) -> bool:
    """A table's columns record what was done or scored (得分, 完成情况, 整改进展), and it is no
    rules table (评分标准, 分值)."""
    simple = to_simplified(header)
    return bool(_RESULT_COLUMN.search(simple)) and not _RULE_COLUMN.search(simple)


_CLAUSE_END = re.compile(r"[，,？?；;。！!]")
_TARGET_ASKED = re.compile(r"目标|计划|打算|要达到|要到|想达到|力争")


def asks_target_apart(question: str) -> bool:
    """One clause asks what was achieved and another what is aimed at ("去年上半年实际多少，今年目标
    是多少"): both sides are asked, each of its own. 任务 or 安排 in the clause that asks the
    result ("实际完成的重点任务有多少项") asks no target."""
    clauses = [c for c in _CLAUSE_END.split(to_simplified(question)) if c.strip()]
    result = [i for i, c in enumerate(clauses) if _PATTERNS["result"].search(c)]
    target = [i for i, c in enumerate(clauses) if _TARGET_ASKED.search(c)]
    return any(t != r for t in target for r in result)
