"""Checks that what a question narrows to is in the documents, not only what stands around it
(a district's figure: :mod:`assistant.answer.refuse_district`): the year a comparison is made
with when no document found speaks of that year, a result when the sentence found is the
scoring rule for it, and a person's name when the document names nobody."""

from __future__ import annotations

import re

from assistant.answer.candidates import Candidate
from assistant.answer.features import QuestionContext
from assistant.answer.refuse import (
    Refusal,
    document_text,
    months_and_quarters_asked,
    names_word,
    says_asked_time,
    speaks_for_one_side,
)
from assistant.corpus import DocProfile
from assistant.intent import records_results
from assistant.periods import dated_years
from assistant.places import read_places
from assistant.question import Question
from assistant.question_words import content_words
from assistant.text import compact

# A sentence that compares with the year before without naming it (比上年, 较去年同期, 同比).
_PREVIOUS_YEAR = re.compile(r"上年|去年|上一年|同比")
# A question that compares with a year it names ("比22年高了多少", "较2022年").
_WITH_YEAR = re.compile(r"[比较]\s*(?:19|20)?\d{2}\s*年")


def year_not_held(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """A comparison of years, and no document found speaks of one of them ("23年比22年高了多少"
    where nothing is about 2022); not when the answering sentence compares with the year before
    without naming it (比上年) and that year is the one missing."""
    if len(question.years) < 2 or not (question.intent.compare or _WITH_YEAR.search(question.simple)):
        return None
    missing = [y for y in question.years if not any(str(y) in p.title or str(y) in p.text for p in profiles.values())]
    if not missing:
        return None
    if all(y + 1 in question.years for y in missing) and _PREVIOUS_YEAR.search(best.text):
        return None
    years = "、".join(f"{y}年" for y in missing)
    return Refusal("year_not_held", f"找到的文件中没有{years}的数据，无法比较。")


def year_to_come_not_held(ctx: QuestionContext, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """A year to come is asked (明年, counted from the newest document's year) and the answering
    document speaks of no such year: it neither names it nor says 明年 counted from its own year
    (a 2024 summary's 明年 is 2025, not the 2026 asked)."""
    question = ctx.question
    if question.years or not question.relative_years or min(question.relative_years) <= 0 or not ctx.asked_years:
        return None
    profile = profiles[best.doc_id]
    text = profile.text or document_text(best, profiles)
    if any(str(year) in text for year in ctx.asked_years) or ctx.asked_years & set(dated_years(text, profile.written)):
        return None
    years = "、".join(f"{year}年" for year in sorted(ctx.asked_years))
    return Refusal("time_mismatch", f"收录的文件中没有{years}的相关内容：找到的《{profile.title}》说的是其他年份。")


# The basis a change is measured against: the same period a year before (同比, 较去年同期,
# 比上年) or the period just before (环比, 较上月, 较4月, 较一季度).
_ASKS_YEAR_ON_YEAR = re.compile(r"同比|同期|[比较]\s*(?:去|上)年|(?:跟|和|与)(?:去|上)年.{0,8}比")
# A change on the same period of the year before, which only a sentence comparing with it gives (not 那青岑同期呢,
# the same period of another place, nor 比去年全年, a figure of last year's own report).
ASKS_CHANGE_ON_YEAR = re.compile(
    r"同比|(?:去|上)年同期|[比较]\s*(?:去|上)年(?!全年|年底|底)|(?:跟|和|与)(?:去|上)年.{0,8}比"
)
_SAYS_YEAR_ON_YEAR = re.compile(r"同比|同期|去年|上年|上一年|[比较]\s*(?:19|20)\d{2}\s*年")
_SAYS_PERIOD_ON_PERIOD = re.compile(r"环比|[比较]\s*(?:上个?月|上一?季度|上一?期|\d{1,2}\s*月|第?[一二三四1-4]\s*季度)")


def _year_of(candidate: Candidate) -> int | None:
    return candidate.hit.meta.year if candidate.hit.meta is not None else None


def other_basis(question: Question, chosen: list[Candidate]) -> Refusal | None:
    """A change against the year before is asked ("同比增长多少", "比去年6月多了多少"), and the
    answering sentences measure a change against the period before only ("较4月增长5.6%",
    "环比下降0.52个百分点"): a figure of another comparison."""
    if not _ASKS_YEAR_ON_YEAR.search(question.simple):
        return None
    said = [compact(f"{c.text} {c.header}") for c in chosen]
    if any(_SAYS_YEAR_ON_YEAR.search(s) for s in said) or len({_year_of(c) for c in chosen}) > 1:
        return None  # documents of two years: the year before may be the other's
    if any(_SAYS_PERIOD_ON_PERIOD.search(s) for s in said):
        return Refusal("other_basis", "文件中只有与上一期相比（环比）的变化，没有与去年同期相比的数据。")
    if ASKS_CHANGE_ON_YEAR.search(question.simple):
        return Refusal("other_basis", "找到的段落没有与去年同期相比的数据。")
    return None


# A figure of the whole year ("全年立案7.36万件"), not a year's target or a running total (截至8月31日…年度任务).
_WHOLE_YEAR = re.compile(r"全年(?!目标|任务|计划)|一年来")
# A year's summary ("宿州市城市管理局2024年工作总结"): a sentence of it that names no period is the year's.
_YEAR_SUMMARY = re.compile(r"(?:19|20)\d{2}\s*年度?[^月季半]{0,12}总结")
_SO_FAR = re.compile(r"截[至止]")


def whole_year_for_part(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """A month's or a quarter's figure is asked ("4月立案多少件"), and the answering sentence gives
    the whole year's ("全年立案7.36万件", or any figure of a year's summary that names no period)
    in a document not about the month asked; not checked
    when the best sentence answers one part only ("一季度多少 去年全年呢")."""
    asked = months_and_quarters_asked(question)
    if (
        not asked
        or speaks_for_one_side(question)
        or not (
            _WHOLE_YEAR.search(best.text)
            or _WHOLE_YEAR.search(_same_line_before(best))
            or (_YEAR_SUMMARY.search(profiles[best.doc_id].title) and not question.intent.target)
        )
        or _SO_FAR.search(best.text)
        or says_asked_time(question, best)
    ):
        return None
    if profiles[best.doc_id].covers_time(question) is True:
        return None
    return Refusal("whole_year_for_part", f"找到的是全年的数字，文件中没有{'、'.join(asked)}的数据。")


def _same_line_before(candidate: Candidate) -> str:
    """The sentence before ``candidate`` when both are clauses of one line ("全年立案46,315件，…。其中按期处置
    43,351件"): what it says of the period holds for the next."""

    def unspaced(text: str) -> str:
        return re.sub(r"[ \t\u3000]", "", text)  # line ends kept: they tell the lines apart

    before, own = unspaced(candidate.previous)[-12:], unspaced(candidate.text)[:12]
    return candidate.previous if before and f"{before}{own}" in unspaced(candidate.hit.chunk.text) else ""


# A scoring rule: what a finding costs or earns ("每发现1处问题扣0.1分", "低于95%的，每低1个百分点扣1分").
_SCORING_RULE = re.compile(r"扣\s*[\d.]+\s*分|扣完为止|[加得]\s*[\d.]+\s*分(?:[；;。，,]|$)|不得分")
# A question about rules: what costs or earns points, what counts as passing, or the rules document.
_ASKS_RULES = re.compile(
    r"扣|加分|分值|满分|占[多少几]+分|[项块][多少几]+分|(?:考核|考评|测评)[里中]|权重|标准|细则|办法|体系|规则|算[合达优良]"
    r"|怎么[算评考测]|咋[算评考测]|如何[算评考测]"
)


def asks_rules(question: Question) -> bool:
    """The question asks what costs or earns points, what counts as passing, or the rules document."""
    return bool(_ASKS_RULES.search(question.simple))


# A grade's threshold: "90分以上为优秀", "优秀（90分及以上）", "低于80分的".
_GRADE_THRESHOLD = re.compile(r"[\d.]+\s*分及?以[上下]|低于\s*[\d.]+\s*分")


def states_rule(candidate: Candidate) -> bool:
    """The sentence sets a scoring rule (每发现一处扣2分, 扣完为止) or a grade's threshold (90分以上为优秀),
    and is no row of a results table ("占道经营扣6分" there says what was deducted)."""
    text = candidate.text
    return bool(_SCORING_RULE.search(text) or _GRADE_THRESHOLD.search(text)) and not records_results(candidate.header)


# Common surnames: a person is named by a title and then a name that starts with one of them
# ("市长李述永出席", "记者 仇嘉禾"), or by a name and 同志 ("王建国同志").
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康"
    "施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗"
    "谷盛曲翁冉骆蓝路游辛靳柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝"
)
_TITLE = r"书记|市长|区长|县长|局长|主任|部长|组长|处长|科长|队长|院长|秘书长|主席|委员|记者|通讯员|主持人|站长|所长|经理|董事长"
_PERSON = re.compile(
    rf"(?:{_TITLE})[、，,：:\s]?[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}|[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}同志"
)


def person_unnamed(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """A person's name is asked ("局长叫啥", "谁主持的"), and the answering document names nobody
    by title and name: it says at most which office did it."""
    if not question.asks_person or speaks_for_one_side(question) or _PERSON.search(document_text(best, profiles)):
        return None
    return Refusal("person_unnamed", "找到的文件没有写明人员姓名。")


# A telephone number: 0516-3021234, 400-123-4567, 13912345678, a hotline such as 12345 or 12319.
_PHONE = re.compile(
    r"\d{3,4}[-—－]\d{7,8}|400[-—－]?\d{3}[-—－]?\d{4}|(?<!\d)1\d{10}(?!\d)"
    r"|(?<![\d.])(?:123\d{2}|\d{7,8})(?![\d.%％])"
)


def phone_unnamed(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """A telephone number to call is asked, and the answering document gives none."""
    if not question.asks_phone or _PHONE.search(document_text(best, profiles)):
        return None
    return Refusal("phone_unnamed", "找到的文件没有写明联系电话。")


# Words that name an assessment, its rules or its columns, not an item assessed ("测评里客运站占几分": 客运站).
_ASSESSMENT_WORDS = re.compile(
    r"测评|考核|考评|评估|评价|细则|体系|标准|办法|方案|创文|创城|城管|文明|分值|满分|项目|指标|内容"
)
# The item whose points are asked: the words before 占几分 or 的分值 (or, after the assessment
# named, before 多少分: "考核里夜景亮化多少分"), back to the clause's start or the assessment's name.
_ITEM_POINTS = re.compile(
    r"([^，,。？?；;、：:\s]{2,16}?)"
    r"(?:(?:[这那]一?项|这块)?(?:占[多少几]+分|的?分值)|(?:[这那]一?项)[多少几]+分)"
    # not a deduction, a score or an average asked (一处扣几分, 得了多少分, 平均多少分)
    r"|(?:测评|考核|考评|细则|体系)[里中](?!心)([^，,。？?；;、：:\s扣减每得均]{2,12}?)[多少几]+分"
)
# What names the assessment before the item: its name, or the 里/中 after it ("测评细则里城中村",
# "自评表里窗口单位"; not the 中 of 城中村 or 中心).
_ASSESSMENT_FRAME = re.compile(r"^.*(?:测评|考核|考评|细则|体系|标准|清单|[里中](?![心村学]))")


def criterion_unnamed(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """The points of an assessed item are asked ("测评里客运站占几分", "学校周边那一项几分"), and the
    answering document does not name every word of the item: its table has no such row, and another
    row's points are no answer."""
    found = _ITEM_POINTS.search(question.simple)
    item = "" if found is None else _ASSESSMENT_FRAME.sub("", found.group(1) or found.group(2))
    if not item or item.endswith(("各", "分别")):  # 问卷、征求意见各占几分: items listed, each its own
        return None
    words = [w for w in content_words(item) if len(w) >= 2 and not _ASSESSMENT_WORDS.search(w) and not read_places(w)]
    text = document_text(best, profiles)
    if not words or all(names_word(text, w) for w in words):
        return None
    item = "".join(words)
    return Refusal("criterion_unnamed", f"找到的考核测评文件中没有“{item}”这一项，不能给出它的分值。")
