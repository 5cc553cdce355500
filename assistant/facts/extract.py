"""Facts from a document's passages: rules over the numbering, the section headings and
the way these reports write numbers. No model and nothing tuned to particular files.

* **results**: a figure (``清理占道经营约8000余处``, ``处置率99.18％``) in a section that
  reports work done, in a clause with an action (处置/清理/拆除/完成/新增…) or a rate;
* **targets**: statements of plan sections (下半年工作计划/下步工作/工作安排/工作思路…),
  and elsewhere sentences with 计划/确保/力争/目标/争取/预计 and a deadline; the item's
  ``完成时间`` (the same rule as ``Chunk.deadline``) is attached;
* **problems**: the numbered items under 存在问题 / 问题和不足 headings;
* **criteria**: from assessment documents — ``测评项目：…；测评内容：…；分值：…`` records
  (tables of .docx files), ``序号 测评标准`` tables, and 测评项目/分值/数据采集 statements.

Figures hidden with ``*`` (``责任书*余份``) are never results and never values.

Each sentence is classified by the heading item it sits in (:func:`outline` of the document
text, the splitter's numbering rules), so a passage that ends one section and starts the
next is read correctly; facts still point at the passage (``chunk_id``) that holds them.

Matching runs on the Simplified form of the text, which has the same length as the original
(OpenCC is applied character by character when needed), so every subject, figure and
sentence is cut from the original text and keeps its script and wording."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from assistant.ingest.split import match_heading
from assistant.models import Chunk, Document
from assistant.text import compact, to_simplified
from assistant.units import MASKED_FIGURE as _MASKED
from assistant.units import UNIT as _UNIT

from .model import Fact

# -- numbers ------------------------------------------------------------------

_DIGITS = "0-9０-９"
_NUM = rf"[{_DIGITS}]+(?:[.．][{_DIGITS}]+)?"
_FIGURE = re.compile(
    rf"(?P<pre>约|近|超过|逾)?(?<![{_DIGITS}.．*＊/／\-—A-Za-z])"
    rf"(?P<num>{_NUM}(?:\s*[-~～—至]\s*{_NUM})?)\s*(?P<q1>[余多])?(?P<mult>[万千亿])?(?P<q2>[余多])?"
    rf"(?:(?P<unit>{_UNIT})|(?P<pct>[%％]))(?P<post>以上|以下|左右)?"
)
_MULTIPLIER = {"万": 1e4, "千": 1e3, "亿": 1e8}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")

# -- words --------------------------------------------------------------------

# Actions that report work (also what plans promise). Matched on Simplified text.
_VERBS = [
    "处置",
    "清理",
    "拆除",
    "完成",
    "新增",
    "新建",
    "改扩建",
    "改建",
    "扩建",
    "建成",
    "建设",
    "整治",
    "排查",
    "维修",
    "修复",
    "修补",
    "维护",
    "开展",
    "发放",
    "分发",
    "悬挂",
    "劝离",
    "劝导",
    "劝诫",
    "办结",
    "办理",
    "处理",
    "查处",
    "打通",
    "改造",
    "组建",
    "召开",
    "播放",
    "清运",
    "捕获",
    "张贴",
    "暂扣",
    "警告",
    "约谈",
    "下达",
    "下发",
    "出动",
    "发现",
    "上报",
    "立案",
    "结案",
    "整改",
    "销号",
    "移交",
    "受理",
    "接到",
    "受益",
    "惠及",
    "投入",
    "注册",
    "评选",
    "设立",
    "设置",
    "安装",
    "铲除",
    "锁扣",
    "清拖",
    "补植",
    "栽植",
    "补栽",
    "新植",
    "种植",
    "更换",
    "修剪",
    "培训",
    "检查",
    "督查",
    "督导",
    "督办",
    "交办",
    "通报",
    "收集",
    "外运",
    "选树",
    "表彰",
    "创建",
    "治理",
    "签订",
    "撤除",
    "回收",
    "清扫",
    "冲洗",
    "铺设",
    "规范",
    "浇筑",
    "清掏",
    "审批",
    "备案",
    "处罚",
    "举办",
    "宣讲",
    "走访",
    "救助",
    "接待",
    "解决",
    "化解",
    "核实",
    "确认",
    "实现",
    "提升",
    "增加",
    "减少",
    "下降",
    "提高",
    "覆盖",
    "组织",
    "抓好",
    "打造",
    "推进",
    "参与",
    "服务",
    "救援",
    "拆",
    "加装",
    "转改",
    "施划",
    "刷白",
    "执法",
    "恢复",
    "安排",
    "增设",
    "荣获",
    "获得",
    "承接",
    "转办",
    "回复",
    "配备",
    "配置",
    "购置",
    "投放",
    "派遣",
    "招聘",
    "引进",
    "遭受",
    "铺油",
    "取消",
    "分离",
    "摸排",
    "登记",
    "印发",
    "制定",
    "达到",
    "达",
    "引导",
    "走访",
    "慰问",
    "发布",
    "播出",
    "刊发",
    "培育",
    "命名",
    "认定",
    "授予",
    "验收",
    "投用",
    "运行",
    "启用",
    "开通",
    "筹集",
    "争取",
    "落实",
    "消除",
    "整合",
    "采集",
    "征收",
    "追缴",
    "罚款",
    "立项",
    "调处",
    "扣押",
    "没收",
    "拘留",
    "清除",
    "粉刷",
    "新植",
    "复绿",
    "养护",
    "巡查",
    "清运",
    "治理",
    "劝阻",
    "教育",
    "纠正",
    "查扣",
    "取缔",
    "关停",
    "封堵",
    "疏通",
    "清淤",
    "维护维修",
]
_VERB_SPECIAL = {
    "建设": "(?<!违法)(?<!违章)(?<!非法)建设",
    "分发": "(?<!充)分发",
    "服务": "服务(?=群众|居民|企业|市民|游客|老人|对象)",
    "组织": "组织(?![，,。、；;\\d])",
}
_VERB = re.compile("|".join(_VERB_SPECIAL.get(v, v) for v in sorted(set(_VERBS), key=len, reverse=True)))
_RATE = re.compile(r"率|比例|占比|比重")
_DONE = re.compile(r"已|完毕")
_NOT_DONE = re.compile(
    r"正在|尚未|未(?:完成|停工|开工|整改|落实|到位|办结|建成|达标)|剩余|其余|还有|仍有|仍存在|没有|不足"
)
_TARGET_MARK = re.compile(
    r"计划|目标|力争|确保|预计|(?<!模)拟(?=[建在于对新改实启开])|争取|(?<![主重纲需必])要(?![求素点闻])|共需|需要|"
    r"将(?=[于在对加启完实新推全进着继力])|打算|任务是"
)
_MARKER_PLAN = re.compile(r"计划|目标|力争|确保|预计|争取|(?<!模)拟")
_MARKER_WORDS = re.compile(
    r"(?:决定|计划|力争|确保|预计|争取|(?<!模)拟)(?:在|于|到)?|(?:19|20)\d{2}年(?:底|末)?(?:前)?|年底前|年底|年内|今年|下半年|"
    r"[0-9０-９*＊]{1,2}月(?:[0-9０-９]{1,2}日)?(?:底|初|末|中旬|上旬|下旬|中下旬|份)?(?:前)?"
)
# Plan wording: what makes a sentence of a plan section a task (not a quotation or a definition).
_PLAN_VERB = re.compile(
    r"做好|加强|推进|持续|深化|强化|加快|加大|完善|建立|健全|推动|落实|抓好|实施|探索|巩固|聚焦|坚持|确保|力争|"
    r"提升|提高|打造|开展|完成|创建|整治|建设|维护|关注|规范|优化|压实|严格|全面|着力|切实|积极|扎实|继续|保持|争创|紧盯|管理"
)
_GENERIC_WORDS = {
    "全面",
    "基本",
    "全部",
    "顺利",
    "如期",
    "完成",
    "实现",
    "做好",
    "推进",
    "开展",
    "工作",
    "任务",
    "目标",
    "各项",
    "相关",
    "创建",
    "建设",
    "有关",
    "其他",
    "其它",
    "上级",
    "领导",
    "交办",
    "的",
    "和",
    "及",
    "并",
    "等",
    "继续",
    "持续",
    "进一步",
    "确保",
    "力争",
    "争取",
    "计划",
    "按时",
    "按期",
    "按要求",
}
_SPEECH = re.compile(r"指出|强调|我们|大家|同志们|今天我|只有.{0,40}才能|讲话|报告中")
# Adverbs and fillers dropped from a subject (anywhere / at its start).
_DROP_ANYWHERE = re.compile(r"截至目前|截止目前|截至\d{1,2}月\d{1,2}日|截止\d{1,2}月\d{1,2}日|目前|现已|已经|已")
_DROP_LEADING = re.compile(
    r"^(?:[，,、；;：:（(）)\s]|共计|共|累计|合计|总计|另有|另|其中|分别|先后|均|全部|全面|同时|此外|并且|并|及|和|与|以及|"
    r"截至|截止|今年以来|今年|上半年|下半年|全年|年内|(?:19|20)\d{2}年(?:以来)?|[一二三四五六七八九十]+[是要](?=\S)|"
    r"[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]|等|的)+"
)
_DROP_TRAILING = re.compile(r"(?:[，,、；;：:（(\s。！？!?]|的|等|及|和|在|达到|达|了|均|共计|共|累计)+$")
_PREFIX_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[是要]|[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．])")

# Sections.
_PLAN_HEADING = re.compile(
    r"(?:下半年|下一步|下步|明年|来年|下一年|(?:19|20)\d{2}年)(?:度)?(?:的)?(?:重点)?(?:工作)?(?:计划|安排|打算|思路|要点|目标|任务|重点)|"
    r"工作(?:计划|安排|打算|思路|要点|设想|展望)|下一?步(?:的)?(?:重点)?工作|努力方向|下步措施|下一步措施|重点任务"
)
_PROBLEM_HEADING = re.compile(
    r"存在(?:的)?(?:主要)?(?:问题|不足|短板|困难)|问题(?:和|与|及)不足|不足(?:之处|和问题|与问题)|困难(?:和|与)问题|"
    r"短板(?:和|与)不足|薄弱环节|差距(?:和|与)不足"
)
_ASSESSMENT_KINDS = {"测评体系", "考察标准"}

# Deadlines written in a sentence.
_MONTH = rf"(?:[{_DIGITS}]{{1,2}}|[*＊]+|[一二三四五六七八九十]{{1,3}})"
_DEADLINE = re.compile(
    rf"(?:(?:19|20)\d{{2}}年)?{_MONTH}月(?:[{_DIGITS}]{{1,2}}日)?(?:底|初|末|中旬|上旬|下旬|中下旬|上中旬|份)?(?:前|以前|之前)?|"
    r"(?:(?:19|20)\d{2}年)(?:底|末|年底|内)(?:前)?|年底前|年底|年内|年末|本年度|今年(?!以来|是|上半年)|下半年|明年|"
    r"春节前|国庆前|汛期前|(?:19|20)\d{2}年(?=前|完成|全面|实现|基本)"
)
_COMPLETES = re.compile(
    r"^[，,\s]*(?:前)?[，,\s]*(?:全面|基本|全部|如期|按期|顺利)?(?:完成|完工|竣工|建成|实现|开业|亮灯|投入使用|投用|达标|收官|交付|通过)"
)
_DEADLINE_LINE = re.compile(r"^\s*完成时[间限]\s*[：:]")
_FRAMING = re.compile(r"^(?:今年|明年|下半年|(?:19|20)\d{2}年)是")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’\"）)]*|$)")
_CLAUSE_SPLIT = re.compile(r"[，,；;：:]")


def simplified_aligned(text: str) -> str:
    """Simplified Chinese of ``text`` with the same length (so offsets map 1:1)."""
    simple = to_simplified(text)
    if len(simple) == len(text):
        return simple
    out = []
    for ch in text:
        converted = to_simplified(ch)
        out.append(converted if len(converted) == 1 else ch)
    return "".join(out)


def parse_value(figure_match: re.Match[str]) -> tuple[float | None, str]:
    """(value, unit) of a figure match: 万/千/亿 applied, a range gives its lower bound."""
    number = figure_match.group("num").translate(_FULLWIDTH_DIGITS)
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


def is_assessment(document: Document) -> bool:
    return document.meta.kind in _ASSESSMENT_KINDS


# -- sentence structure ---------------------------------------------------------------


@dataclass
class _Figure:
    start: int  # offsets in the passage text
    end: int
    value: float | None
    unit: str


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for found in _SENTENCE.finditer(text):
        s, e = found.start(), found.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _clauses(simple: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, s = [], start
    depth = 0
    for i in range(start, end):
        ch = simple[i]
        if ch in "（(《“":
            depth += 1
        elif ch in "）)》”" and depth:
            depth -= 1
        elif depth == 0 and _CLAUSE_SPLIT.match(ch):
            if i > s:
                spans.append((s, i))
            s = i + 1
    if end > s:
        spans.append((s, end))
    return spans


_CN_FIGURE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![第每逐这那哪单唯统之一二两三四五六七八九十])"
    r"(?P<num>[一二两三四五六七八九十]{1,3})(?P<unit>次|场|名|个|处|项|件|批|家|座|户|起|轮|期)(?=[，,。；;、）)]|$)"
)
_BARE_NUMBER = re.compile(rf"(?<=[\u4e00-\u9fff])(?<![第])[{_DIGITS}]{{1,7}}(?=[、，,])")
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


def _figures(simple: str, start: int, end: int) -> list[_Figure]:
    """Figures in [start, end): ``8000余处``, ``99.18％``, ``约7.6亿元``; a Chinese numeral with a
    measure word at a clause end (``防汛演练六次``); and a bare number inside a list whose
    other items carry the unit (``公用设施类684、街面秩序类681件``)."""
    out = []
    for found in _FIGURE.finditer(simple, start, end):
        value, unit = parse_value(found)
        out.append(_Figure(found.start(), found.end(), value, unit))
    for found in _CN_FIGURE.finditer(simple, start, end):
        value = _cn_value(found.group("num"))
        if found.group("num") == "一" and found.group("unit") in "批期轮":
            continue  # 拆除一批、加固一批: "a batch", not a count
        if value is not None:
            out.append(_Figure(found.start(), found.end(), value, found.group("unit")))
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
            value = float(found.group(0).translate(_FULLWIDTH_DIGITS))
            out.append(_Figure(found.start(), found.end(), value, later[0].unit))
    out.sort(key=lambda f: f.start)
    kept = []
    for fig in out:
        before = simple[start : fig.start]
        # Titles of documents (《2024年…清单》) hold numbers that are no figures.
        if before.count("《") > before.count("》"):
            continue
        kept.append(fig)
    return kept


def _cut(original: str, simple: str, start: int, end: int, *, verb_prefix: str = "") -> str:
    """The original text of [start, end) without adverbs and fillers (a subject)."""
    if end <= start:
        return verb_prefix
    piece_s = simple[start:end]
    keep = [True] * (end - start)
    for found in _DROP_ANYWHERE.finditer(piece_s):
        for i in range(found.start(), found.end()):
            keep[i] = False
    kept_simple = "".join(c for c, k in zip(piece_s, keep, strict=False) if k)  # end may pass the text
    kept_orig = "".join(c for c, k in zip(original[start:end], keep, strict=False) if k)
    lead = _DROP_LEADING.match(kept_simple)
    if lead and lead.end():
        kept_simple, kept_orig = kept_simple[lead.end() :], kept_orig[lead.end() :]
    trail = _DROP_TRAILING.search(kept_simple)
    if trail and trail.start() < len(kept_simple):
        kept_simple, kept_orig = kept_simple[: trail.start()], kept_orig[: trail.start()]
    kept_orig = _balance(kept_orig)
    if verb_prefix and kept_orig and not _VERB.search(to_simplified(kept_orig)):
        return verb_prefix + kept_orig
    return kept_orig


def _balance(text: str) -> str:
    """Drop an unmatched bracket or quote left at either end of a cut."""
    pairs = {"（": "）", "(": ")", "“": "”", "《": "》", "【": "】"}
    for opening, closing in pairs.items():
        if text.count(opening) > text.count(closing) and text.endswith(opening):
            text = text[:-1]
        if text.count(opening) > text.count(closing) and text.startswith(opening):
            text = text[1:]
        if text.count(closing) > text.count(opening) and text.endswith(closing):
            text = text[:-1]
        if text.count(closing) > text.count(opening) and text.startswith(closing):
            text = text[1:]
    return text.strip()


def _tail_end(simple: str, pos: int, limit: int, next_figure: int | None) -> int:
    """End of the noun phrase right after a figure (stops at punctuation or the next figure)."""
    stop = limit if next_figure is None else min(limit, next_figure)
    for i in range(pos, stop):
        if simple[i] in "、，,；;。：:（()）":
            return i
    if next_figure is not None and next_figure <= limit:
        rate = re.search(r"[\u4e00-\u9fff]{2}率", simple[pos:stop])
        if rate:  # 其余7个样板点完成率均在75%以上: 完成率 belongs to the next figure
            return pos + rate.start()
    return stop


def _last_verb(text_simple: str, text_orig: str) -> str:
    found = list(_VERB.finditer(text_simple))
    if not found:
        return ""
    last = found[-1]
    return text_orig[last.start() : last.end()]


@dataclass
class _Found:
    figure: _Figure
    subject: str
    state: str  # result | target | skip
    masked: bool = False


def _figure_subjects(text: str, simple: str, start: int, end: int, plan: bool) -> list[_Found]:
    """Figures of one sentence with their subject and whether they report done work.

    A clause's figures form a list (``清理占道经营约8000余处、店外经营10600余处``): later items
    take the action of the first; a clause without an action continues the previous clause
    (``修复雨水管网255米，桥栏杆12米``). ``已`` makes a clause report done work even inside a
    plan; 计划/确保/力争… make what follows (up to the next ``已``) a target."""
    found: list[_Found] = []
    inherited_verb, inherited_state = "", ""
    last_subject = ""
    scope_start = start  # where the current target marker scope begins (after the last 已 clause)
    for cs, ce in _clauses(simple, start, end):
        figures = _figures(simple, cs, ce)
        clause_simple = simple[cs:ce]
        clause_verb = _last_verb(clause_simple, text[cs:ce])
        done_here = bool(_DONE.search(clause_simple))
        if done_here:
            scope_start = cs
        if not figures:
            if clause_verb:
                inherited_verb, inherited_state = clause_verb, ""
            continue
        mapped = _respectively(text, simple, cs, figures)
        previous_end = cs
        running_verb, first_subject, parent = "", "", ""
        previous_state = ""
        for index, fig in enumerate(figures):
            nxt = figures[index + 1].start if index + 1 < len(figures) else None
            head_start = previous_end
            if index > 0:  # a later item of a list: its own words start after the last 、
                cut = simple.rfind("、", previous_end, fig.start)
                head_start = cut + 1 if cut >= 0 else previous_end
            tail_end = _tail_end(simple, fig.end, ce, nxt)
            head_s, tail_s = simple[head_start : fig.start], simple[fig.end : tail_end]
            use_tail = bool(tail_s) and not tail_s.startswith("等")
            around = head_s + (tail_s if use_tail else "")
            own_verb = bool(_VERB.search(around) or _RATE.search(head_s))
            head_verb = _last_verb(head_s, text[head_start : fig.start])
            verb = head_verb or running_verb or inherited_verb
            if head_verb:
                running_verb = head_verb
            if _NOT_DONE.search(simple[previous_end : fig.start] + (tail_s if use_tail else "")):
                state = "skip"
            elif done_here and (own_verb or verb):
                state = "result"
            elif plan or _TARGET_MARK.search(simple[scope_start : fig.start]):
                continued = running_verb or (index > 0 and previous_state == "target") or inherited_state == "target"
                state = "target" if (own_verb or continued) else "skip"
            elif own_verb:
                state = "result"
            elif index > 0:
                state = previous_state  # the next item of the same list
            elif verb and inherited_state:
                state = inherited_state  # a clause continuing the previous one
            else:
                state = "skip"
            # Subject.
            if mapped:
                subject = mapped[index]
            elif re.match(r"^[\s（(]*其中", head_s) and last_subject:
                parent = last_subject
                subject = _breakdown(
                    parent,
                    _cut(text, simple, head_start, fig.start),
                    _cut(text, simple, fig.end, tail_end) if use_tail else "",
                )
            elif (
                parent
                and index > 0
                and "）" not in simple[previous_end : fig.start]
                and ")" not in simple[previous_end : fig.start]
            ):
                subject = _breakdown(
                    parent,
                    _cut(text, simple, head_start, fig.start),
                    _cut(text, simple, fig.end, tail_end) if use_tail else "",
                )
            else:
                parent = ""
                subject = _subject(
                    text,
                    simple,
                    head_start,
                    fig,
                    tail_end if use_tail else fig.end,
                    verb,
                    last_subject,
                    index,
                    first_subject,
                )
            if index == 0:
                first_subject = subject
            found.append(_Found(fig, subject, state))
            if state != "skip":
                last_subject = subject
            previous_end = tail_end if use_tail and not tail_s.startswith("的") else fig.end
            previous_state = state
            inherited_state = "" if state == "skip" else state
        if clause_verb:
            inherited_verb = clause_verb
    return found


def _breakdown(parent: str, head: str, tail: str) -> str:
    inner = (head + tail).lstrip("为是")
    return f"{parent}（{inner}）" if inner else parent


def _respectively(text: str, simple: str, clause_start: int, figures: list[_Figure]) -> list[str] | None:
    """``A、B、C分别完成X%、Y%、Z%``: each figure's subject is its own item plus the predicate."""
    first = figures[0]
    head = simple[clause_start : first.start]
    at = head.rfind("分别")
    if at < 0 or len(figures) < 2:
        return None
    between = [simple[a.end : b.start] for a, b in itertools.pairwise(figures)]
    if any(b.strip() not in ("、", ",", "，", "和", "及") for b in between):
        return None
    items_end = clause_start + at
    cuts = [clause_start] + [clause_start + i + 1 for i, ch in enumerate(head[:at]) if ch == "、"] + [items_end + 1]
    if len(cuts) - 1 != len(figures):
        return None
    predicate = re.sub(r"^(?:为|是|达到|达|均为|均)", "", _cut(text, simple, items_end + 2, first.start))
    subjects = []
    for s, e in itertools.pairwise(cuts):
        item = _cut(text, simple, s, e - 1 if e - 1 > s else e)
        subjects.append(shorten_subject(item + predicate))
    return subjects


def _subject(
    text: str,
    simple: str,
    head_start: int,
    fig: _Figure,
    tail_end: int,
    verb: str,
    last_subject: str,
    index: int,
    first_subject: str = "",
) -> str:
    head_s = simple[head_start : fig.start]
    head = _cut(text, simple, head_start, fig.start)
    tail = _cut(text, simple, fig.end, tail_end) if tail_end > fig.end else ""
    if index > 0 and head_s.lstrip("、，, ").startswith("等") and first_subject:
        return shorten_subject(f"{first_subject}等{head}")  # a total after a list: 市容环境类…等各类案件
    subject = _strip_marker_words(head + tail) if _MARKER_WORDS.search(simplified_aligned(head + tail)) else head + tail
    if not subject:
        return last_subject
    if verb and not _VERB.search(to_simplified(subject)) and not _RATE.search(to_simplified(subject)):
        subject = verb + subject
    return shorten_subject(subject)


def shorten_subject(subject: str, limit: int = 40) -> str:
    """A long subject keeps its action and what it counts (``开展…等巾帼志愿服务活动``)."""
    if len(subject) <= limit:
        return subject
    verb = _VERB.search(to_simplified(subject))
    if verb and len(subject) - verb.start() <= limit:
        return subject[verb.start() :]
    head = subject[verb.start() : verb.end()] if verb else ""
    return head + "…" + subject[-(limit - len(head) - 1) :]


# -- deadlines ------------------------------------------------------------------------


def sentence_deadline(text: str, simple: str | None = None) -> str:
    """The deadline a sentence names (``11月底`` of ``…9月份召开推进会，11月底完成创建任务``)."""
    simple = simple if simple is not None else simplified_aligned(text)
    found = list(_DEADLINE.finditer(simple))
    if not found:
        return ""
    found = [m for m in found if not simple.startswith("以来", m.end()) and not simple.startswith("来", m.end())]
    if not found:
        return ""
    for match in found:
        if _COMPLETES.match(simple[match.end() :]):
            return text[match.start() : match.end()]
    return text[found[0].start() : found[0].end()]


def _deadline_offset(text: str, deadline: str) -> int | None:
    at = text.find(deadline) if deadline else -1
    return at if at >= 0 else None


def refine_deadline(item_deadline: str, sentence: str) -> str:
    """An item's ``完成时间`` may give several dates by topic (``燃气安全持续推进，“瓶改管”7月底``):
    the part whose topic the sentence names, else the whole."""
    parts = [p.strip() for p in re.split(r"[，,；;]", item_deadline) if p.strip()]
    if len(parts) < 2:
        return item_deadline
    sentence_c = compact(sentence)
    general, named = None, []
    for part in parts:
        date = _DEADLINE.search(simplified_aligned(part)) or re.search(
            r"持续推进|长期坚持|常态化|持续", to_simplified(part)
        )
        if not date:
            continue
        topic = re.sub(r"[“”\"'‘’「」]", "", part[: date.start()]).strip()
        when = part[date.start() :].strip()
        if topic and compact(topic) in sentence_c:
            named.append(when)
        if not topic and general is None:
            general = when
    if len(named) == 1:
        return named[0]
    if named:
        return item_deadline
    return general or item_deadline


# -- sections -------------------------------------------------------------------------


def _components(heading: str) -> list[str]:
    return [c.strip() for c in heading.split(" > ") if c.strip()] if heading else []


def section_kind(heading: str) -> tuple[str, int]:
    """("plan" | "problem" | "report", index of the deciding heading component)."""
    kind, where = "report", -1
    for index, component in enumerate(_components(heading)):
        simple = to_simplified(component)
        if _PROBLEM_HEADING.search(simple):
            kind, where = "problem", index
        elif _PLAN_HEADING.search(simple):
            kind, where = "plan", index
    return kind, where


def _title_of(component: str) -> str:
    """A heading component without its numbering (``（一）城市管理综合效能不够高`` → the title)."""
    text = _PREFIX_ENUM.sub("", component.strip()).strip()
    return text.rstrip("。：:；;，,")


def _is_heading_sentence(sentence: str, components: list[str]) -> bool:
    """The sentence only repeats headings (``（一）创文工作。``, ``二、下半年工作计划一是加快…。``)."""
    rest = compact(sentence)
    changed = True
    while rest and changed:
        changed = False
        for component in components:
            comp = compact(component).rstrip("…")
            if comp and rest.startswith(comp):
                rest = rest[len(comp) :]
                changed = True
        rest = rest.lstrip("。：:；;，,")
    if not rest:
        return True
    heading = match_heading(rest)
    return bool(
        heading
        and len(rest) <= 36
        and not re.search(r"[，,；;]", rest)
        and compact(heading.title).rstrip("…") == rest.rstrip("。：:；;")
    )


def _strip_leading_headings(text: str, simple: str, start: int, end: int, components: list[str]) -> int:
    """Offset after heading text that a sentence starts with (``二、下半年工作计划一是…``)."""
    pos = start
    changed = True
    while changed:
        changed = False
        for component in components:
            comp_s = to_simplified(component).rstrip("…")
            if comp_s and simple.startswith(comp_s, pos) and pos + len(comp_s) < end:
                pos += len(comp_s)
                while pos < end and simple[pos] in "。：:；;，, ":
                    pos += 1
                changed = True
    return pos


_PREAMBLE = re.compile(
    r"^(?:根据|按照|依据|依照|对照|结合|围绕|针对|依托|借鉴|通过|随着|待|为了?(?!民)|在.{0,30}(?:基础上|下|中|方面|窗口|区域|期间|领域|周边|时)$|"
    r"以.{0,20}为(?:抓手|契机|目标|重点|核心|载体|引领|导向|主线|拓展空间|阵地)|多措并举|高度重视|"
    r"(?:联合|会同|协同|配合|邀请)[^，,]{0,20}(?:部门|单位|公司|街道|镇|办)$)"
)


_ONLY_COMPLETION = re.compile(
    r"^(?:全面|基本|全部|并|及|和|顺利|如期|按期|按时)*(?:完成|完工|竣工|建成|开业|亮灯|投入使用|投用|实现|交付)(?:并|及|和|全面|投入使用|投用|开业|交付使用)*$"
)


def _is_preamble(text: str, simple: str, cs: int, ce: int) -> bool:
    piece = simple[cs:ce].strip()
    lead = _DROP_LEADING.match(piece)
    if lead and lead.end() < len(piece):
        piece = piece[lead.end() :]
    return bool(_PREAMBLE.match(piece)) or not (_VERB.search(piece) or _PLAN_VERB.search(piece))


def _generic_only(subject: str) -> bool:
    """``全面完成创建工作`` says nothing of what: only generic words."""
    rest = compact(subject)
    for word in sorted(_GENERIC_WORDS, key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(rest) < 2


def _action_clause(text: str, simple: str, start: int, end: int, prefer: int | None = None) -> str:
    """The clause that says what is to be done: the one holding ``prefer`` (an offset, e.g. of
    the deadline or of 力争) if given and specific, else the first with an action that is not a
    preamble (根据…/结合…/联合…部门)."""
    clauses = _clauses(simple, start, end)
    first_action = ""
    for cs, ce in clauses:
        subject = _strip_marker_words(_cut(text, simple, cs, ce))
        if len(compact(subject)) >= 2 and not _is_preamble(text, simple, cs, ce):
            first_action = subject
            break
    if prefer is not None:
        previous_action = ""
        for index, (cs, ce) in enumerate(clauses):
            if not cs <= prefer < ce:
                if not _is_preamble(text, simple, cs, ce):
                    previous_action = _strip_marker_words(_cut(text, simple, cs, ce))
                continue
            for ps, pe in [(cs, ce), *clauses[index + 1 :]]:
                stripped = _strip_marker_words(_cut(text, simple, ps, pe))
                if _ONLY_COMPLETION.match(to_simplified(stripped)) and (previous_action or first_action):
                    return shorten_subject(previous_action or first_action)
                if len(compact(stripped)) < 4 or _is_preamble(text, simple, ps, pe):
                    continue
                if _generic_only(stripped) and first_action:
                    return shorten_subject(first_action)
                return shorten_subject(stripped)
            break
    if first_action:
        return shorten_subject(first_action)
    candidates = [(cs, ce) for cs, ce in clauses if not _PREAMBLE.match(simple[cs:ce].strip())] + clauses
    for cs, ce in candidates:
        subject = _strip_marker_words(_cut(text, simple, cs, ce))
        if len(compact(subject)) >= 2:
            return shorten_subject(subject)
    return shorten_subject(text[start:end].strip("。；;"))


def _strip_marker_words(text: str) -> str:
    simple = simplified_aligned(text)
    keep = [True] * len(text)
    for found in _MARKER_WORDS.finditer(simple):
        for i in range(found.start(), found.end()):
            keep[i] = False
    out = "".join(c for c, k in zip(text, keep, strict=True) if k)
    out = _DROP_LEADING.sub("", out) if _DROP_LEADING.match(simplified_aligned(out)) else out
    return _balance(out.strip("，,、 "))


# -- the extractor --------------------------------------------------------------------


@dataclass
class _Context:
    document: Document
    facts: list[Fact]

    def base(self, kind: str, chunk: Chunk, sentence: str, **fields: Any) -> Fact:
        meta = self.document.meta
        fields.setdefault("period", meta.period)
        fact = Fact(
            kind=kind,
            year=meta.year,
            body=meta.body,
            section=chunk.heading,
            sentence=sentence,
            doc_id=self.document.doc_id,
            chunk_id=chunk.chunk_id,
            title=meta.title,
            source=self.document.source,
            **fields,
        )
        self.facts.append(fact)
        return fact


@dataclass
class _Unit:
    """One heading item of a document: its heading path, span and 完成时间."""

    path: tuple[str, ...]
    start: int
    end: int
    deadline: str = ""


_ITEM_DEADLINE = re.compile(r"完成时[间限][：:]\s*([^。\n]{1,40})")


def outline(text: str) -> list[_Unit]:
    """The heading items of a document text, in order (the splitter's rules: a numbering
    style's depth is the order it first appears; ``二、`` after ``1、`` continues the sequence).
    A passage may hold the end of one section and the start of the next; each sentence is
    classified by the item it is in, not by the passage's heading."""
    ranks: dict[str, int] = {}
    stack: list[tuple[int, str, int]] = []  # (rank, title, number)
    units: list[_Unit] = [_Unit((), 0, 0)]
    offset = 0
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        heading = match_heading(line)
        if heading is None:
            continue
        if heading.style not in ranks:
            sibling = next((r for r, _, n in reversed(stack) if n == heading.number - 1), None)
            ranks[heading.style] = (
                sibling if heading.number > 1 and sibling is not None else (max(ranks.values()) + 1 if ranks else 0)
            )
        rank = ranks[heading.style]
        while stack and stack[-1][0] >= rank:
            stack.pop()
        stack.append((rank, heading.title, heading.number))
        units[-1].end = line_start
        units.append(_Unit(tuple(t for _, t, _ in stack), line_start, line_start))
    units[-1].end = len(text)
    for unit in units:
        found = _ITEM_DEADLINE.search(text, unit.start, unit.end)
        unit.deadline = found.group(1).strip() if found else ""
    return [u for u in units if u.end > u.start or u is units[0]]


def _unit_at(units: list[_Unit], position: int) -> _Unit:
    low, high = 0, len(units) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if units[middle].start <= position:
            low = middle
        else:
            high = middle - 1
    return units[low]


def extract_facts(document: Document, chunks: list[Chunk]) -> list[Fact]:
    """All facts of one document, in document order, each tied to the passage it comes from."""
    context = _Context(document, [])
    if is_assessment(document):
        _criteria(context, chunks)
    else:
        units = outline(document.text)
        problems: dict[tuple[str, ...], list[tuple[Chunk, int, int]]] = {}
        loose: list[tuple[Chunk, int, int, tuple[str, ...]]] = []
        for chunk in chunks:
            for s, e in _sentences(chunk.text):
                unit = _unit_at(units, chunk.start + s)
                path = unit.path if unit.path else tuple(_components(chunk.heading))
                kind, where = section_kind(" > ".join(path))
                if kind == "problem":
                    if len(path) > where + 1:
                        problems.setdefault(path[: where + 2], []).append((chunk, s, e))
                    else:
                        loose.append((chunk, s, e, path))
                    continue
                deadline = unit.deadline or (chunk.deadline if not unit.path else "")
                _sentence_facts(context, chunk, s, e, kind == "plan", path, deadline)
        _problems(context, problems, loose)
    for number, fact in enumerate(context.facts):
        fact.fact_id = f"{document.doc_id}:{fact.kind[0]}{number:03d}"
    return context.facts


def _plan_period(document: Document, path: tuple[str, ...]) -> str:
    heading = to_simplified(" > ".join(path))
    for word in ("下半年", "明年", "来年"):
        if word in heading:
            return "明年" if word == "来年" else word
    if document.meta.period == "上半年":
        return "下半年"
    return ""


def _sentence_facts(
    context: _Context, chunk: Chunk, s: int, e: int, plan: bool, path: tuple[str, ...], item_deadline: str
) -> None:
    """Results and targets of one sentence of a passage (offsets s..e in the passage text)."""
    text = chunk.text
    simple = simplified_aligned(text)
    components = list(path) + [c for c in _components(chunk.heading) if c not in path]
    document = context.document
    sentence = text[s:e]
    sentence_s = simple[s:e]
    if _DEADLINE_LINE.match(sentence_s):
        return
    body_start = _strip_leading_headings(text, simple, s, e, components)
    if plan and _is_heading_sentence(sentence, components):
        return
    body_s = simple[body_start:e]
    masked = bool(_MASKED.search(sentence_s))
    found = _figure_subjects(text, simple, body_start, e, plan)
    has_marker = bool(_MARKER_PLAN.search(sentence_s))
    own_deadline = sentence_deadline(sentence, sentence_s)
    for item in found:
        if item.state == "result":
            context.base(
                "result",
                chunk,
                sentence,
                subject=item.subject,
                figure=text[item.figure.start : item.figure.end],
                value=item.figure.value,
                unit=item.figure.unit,
                period=document.meta.period or _period_in(sentence_s),
            )
    if plan:
        if (
            _FRAMING.match(body_s)
            or _SPEECH.search(body_s)
            or (not _PLAN_VERB.search(body_s) and not _VERB.search(body_s))
        ):
            return
        if _definition(body_s):
            return
    elif not (has_marker and own_deadline):
        return
    targets_here = [f for f in found if f.state == "target"]
    if not targets_here and any(f.state == "result" for f in found) and not has_marker:
        return  # progress inside a plan item (目前已整改27户)
    if not targets_here and not has_marker and re.search(r"已", body_s):
        return
    deadline = refine_deadline(item_deadline, sentence) if (plan and item_deadline) else own_deadline
    period = _plan_period(document, path) if plan else (_period_in(sentence_s) or "")
    if targets_here:
        for item in targets_here:
            context.base(
                "target",
                chunk,
                sentence,
                subject=item.subject,
                figure=text[item.figure.start : item.figure.end],
                value=item.figure.value,
                unit=item.figure.unit,
                deadline=deadline,
                status="unknown",
                period=period,
            )
        return
    if len(compact(body_s)) < 6:
        return
    prefer = None
    marker = _MARKER_PLAN.search(simple, body_start, e) if not plan else None
    if marker:
        prefer = marker.start()
    elif own_deadline and not (plan and item_deadline):
        # No item deadline: the clause holding the sentence's own deadline is the task.
        at = _deadline_offset(simple[body_start:e], to_simplified(own_deadline))
        prefer = body_start + at if at is not None else None
    context.base(
        "target",
        chunk,
        sentence,
        subject=_action_clause(text, simple, body_start, e, prefer),
        deadline=deadline,
        status="unknown",
        period=period,
        masked=masked,
    )


def _definition(simple_sentence: str) -> bool:
    """``X是Y…`` statements (definitions, quotations), not tasks."""
    first = re.split(r"[，,；;]", simple_sentence, maxsplit=1)[0]
    return bool(re.search(r"(?<![一二三四五六七八九十就也还正即都])是(?!否)", first)) and not _MARKER_PLAN.search(first)


def _period_in(simple_sentence: str) -> str:
    for word in ("上半年", "下半年", "全年"):
        if word in simple_sentence:
            return word
    return ""


def _problems(
    context: _Context,
    groups: dict[tuple[str, ...], list[tuple[Chunk, int, int]]],
    loose: list[tuple[Chunk, int, int, tuple[str, ...]]],
) -> None:
    """One fact per numbered problem (subject = its title, sentence = its text in the first
    passage that holds it); a section without numbered items: one per sentence."""
    for key, sentences in groups.items():
        chunk = sentences[0][0]
        spans = [(s, e) for c, s, e in sentences if c.chunk_id == chunk.chunk_id]
        body = chunk.text[spans[0][0] : spans[-1][1]].strip()
        context.base("problem", chunk, body, subject=_title_of(key[-1]))
    if groups:
        return
    for chunk, s, e, path in loose:  # no numbered items: each sentence after the introduction
        components = list(path) + _components(chunk.heading)
        text = chunk.text
        simple = simplified_aligned(text)
        sentence = text[s:e]
        if _is_heading_sentence(sentence, components) or sentence.rstrip().endswith(("：", ":")):
            continue
        start = _strip_leading_headings(text, simple, s, e, components)
        if len(compact(simple[start:e])) < 8:
            continue
        context.base("problem", chunk, sentence, subject=_action_clause(text, simple, start, e))


# -- criteria -------------------------------------------------------------------------

FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "item": ("测评项目", "考察项目", "测评类别", "项目", "指标", "类别", "一级指标", "二级指标", "测评指标"),
    "content": ("测评内容", "考察内容", "内容", "指标内容", "三级指标"),
    "standard": ("测评标准", "考察标准", "评分标准", "标准", "具体要求", "要求", "建设标准"),
    "score": ("分值", "分数", "权重", "得分", "分"),
    "method": ("测评方法", "测评方式", "考察方式", "考察方法", "评分方法", "数据采集", "采集方式", "方法", "方式"),
    "responsible": ("责任单位", "牵头单位", "责任部门", "牵头部门", "主责单位", "配合单位"),
    "number": ("序号", "编号", "序"),
}


def field_of(name: str) -> str | None:
    """The Fact field a column/key name stands for (测评项目 → item, 牵头单位 → responsible)."""
    key = compact(name).strip("：:")
    if not key:
        return None
    for field_name, names in FIELD_SYNONYMS.items():
        if key in names:
            return field_name
    for field_name, names in FIELD_SYNONYMS.items():
        if any(len(n) >= 2 and n in key for n in names):
            return field_name
    return None


_RECORD_PART = re.compile(r"([^：:；;]{1,12})[：:]([^；;]*)")
_SCORE = re.compile(rf"[{_DIGITS}]+(?:[.．][{_DIGITS}]+)?(?:分?\s*[+＋]\s*[{_DIGITS}]+)?\s*分")
_STATEMENT = re.compile(r"(测评项目|测评内容|测评标准|测评方法|评分方法|数据采集|分值构成|分值)\s*(?:[：:]|为)\s*(.+)")
_INDICATOR_SCORE = re.compile(
    rf"([\u4e00-\u9fff]{{2,6}}指标)(?:则|共)?(?:占)?\s*([{_DIGITS}]+(?:[.．][{_DIGITS}]+)?\s*分)"
)
# "采用听取汇报、材料审核…七种方法采集数据" / "以实地暗访考察…三种方式…测评" / "采取…等方式"
_METHODS = re.compile(
    r"(?:采用|采取|以|通过)[^。；;]{4,120}?(?:[一二三四五六七八九十\d]+种|等)(?:方法|方式)(?=[^。；;]{0,40}(?:采集|测评|考察|数据))"
    r"|(?<=采集)(?:是|主要|为)*(?:采用|采取|以|通过)[^。；;]{4,120}?(?:[一二三四五六七八九十\d]+种|等)(?:方法|方式)(?=[。；;]?$)"
)
_TABLE_ROW = re.compile(rf"^\s*([{_DIGITS}]{{1,3}})[\s、.．]+(\S.*)$")


def parse_record(line: str) -> dict[str, str] | None:
    """``测评项目：…；测评内容：…；分值：…`` (a table row of a .docx) → fields, or None."""
    if "；" not in line and ";" not in line:
        return None
    fields: dict[str, str] = {}
    for part in re.split(r"[；;]", line):
        found = _RECORD_PART.match(part.strip())
        if not found:
            continue
        name = field_of(found.group(1))
        if name and found.group(2).strip():
            fields.setdefault(name, found.group(2).strip())
    known = {k for k in fields if k != "number"}
    return fields if len(known) >= 2 else None


def score_value(score: str) -> float | None:
    found = re.search(r"[\d.]+", score.translate(_FULLWIDTH_DIGITS))
    if not found:
        return None
    try:
        return float(found.group(0))
    except ValueError:
        return None


def criterion_fact(fields: dict[str, str], **base: Any) -> Fact:
    """A criterion from named fields (item, content, standard, score, method, responsible)."""
    item, content, standard = fields.get("item", ""), fields.get("content", ""), fields.get("standard", "")
    score = fields.get("score", "")
    subject = item or content[:40] or standard[:40]
    return Fact(
        kind="criterion",
        subject=subject,
        figure=score,
        value=score_value(score) if score else None,
        unit="分" if score and re.search(r"\d", score) else "",
        item=item,
        content=content,
        standard=standard,
        score=score,
        method=fields.get("method", ""),
        responsible=fields.get("responsible", ""),
        **base,
    )


def _criteria(context: _Context, chunks: list[Chunk]) -> None:
    document = context.document
    # a 建设标准/考察标准 document (kind 测评体系 since the kinds follow the labelled taxonomy)
    standards_doc = document.meta.kind == "考察标准" or bool(
        re.search(r"建设标准|考察标准|实地要求", document.meta.title)
    )
    header: list[str | None] | None = None
    meta = document.meta
    for chunk in chunks:
        components = _components(chunk.heading)
        section_item = _title_of(components[0]) if components else ""
        text = chunk.text
        for line in text.split("\n"):
            stripped = line.strip()
            if not stripped:
                continue
            base = {
                "year": meta.year,
                "body": meta.body,
                "period": meta.period,
                "section": chunk.heading,
                "sentence": stripped,
                "doc_id": document.doc_id,
                "chunk_id": chunk.chunk_id,
                "title": meta.title,
                "source": document.source,
            }
            record = parse_record(stripped)
            if record:
                context.facts.append(criterion_fact(record, **base))
                continue
            cells = [c for c in re.split(r"[\s\u3000]+", stripped) if c]
            named = [field_of(c) for c in cells]
            if len(cells) >= 2 and all(named) and any(n in ("standard", "content", "item", "score") for n in named):
                header = named
                continue
            heading = match_heading(stripped)
            if heading and heading.style in ("chapter", "cn", "cn_paren"):
                section_item = _title_of(heading.title)  # 一、小区 → rows below are about 小区
            row = _TABLE_ROW.match(stripped)
            if header and row and not (heading and heading.style in ("arabic_dot", "arabic_dun") and len(header) < 2):
                body_text = row.group(2).strip()
                if len(compact(body_text)) < 6:
                    continue  # a row cut off by the excerpt
                fields = _row_fields(header, row.group(1), body_text)
                fields.setdefault("item", section_item)
                context.facts.append(criterion_fact(fields, **base))
                continue
            if standards_doc and heading and heading.style in ("arabic_dot", "arabic_dun", "arabic_paren"):
                # A numbered standard of a 建设标准/考察标准 document: the whole item is the standard.
                rest = _PREFIX_ENUM.sub("", stripped).strip()
                if len(compact(rest)) >= 8:
                    item = section_item if section_item and compact(section_item) not in compact(rest) else ""
                    context.facts.append(criterion_fact({"item": item, "standard": rest}, **base))
                    continue
            _criterion_statements(context, stripped, base)


def _row_fields(header: list[str | None], number: str, rest: str) -> dict[str, str]:
    columns = [h for h in header if h != "number"]
    if len(columns) <= 1:
        return {(columns[0] if columns and columns[0] else "standard"): rest, "number": number}
    parts = [p for p in re.split(r"\t|\u3000|\s{2,}", rest) if p.strip()]
    if len(parts) == len(columns):
        return {name: value.strip() for name, value in zip(columns, parts, strict=True) if name}
    return {"standard": rest, "number": number}


def _criterion_statements(context: _Context, line: str, base: dict[str, Any]) -> None:
    simple = simplified_aligned(line)
    for s, e in _sentences(line):
        sentence, sentence_s = line[s:e], simple[s:e]
        statement = _STATEMENT.search(sentence_s)
        if statement:
            key, value = statement.group(1), sentence[statement.start(2) :].strip().rstrip("。；;")
            if len(compact(value)) < 3:
                continue
            lead = sentence[: statement.start(1)]
            lead = _PREFIX_ENUM.sub("", lead.strip()).strip().rstrip("的之")
            fields: dict[str, str] = {"item": (lead + key) if lead else key}
            if key in ("分值构成", "分值"):
                score = _SCORE.search(to_simplified(value))
                fields["score"] = value[score.start() : score.end()] if score else ""
                fields["content"] = value
            elif key in ("测评方法", "评分方法", "数据采集"):
                fields["method"] = value
            elif key == "测评标准":
                fields["standard"] = value
            else:
                fields["content"] = value
            context.facts.append(criterion_fact(fields, **(base | {"sentence": sentence})))
        if not statement:
            method = _METHODS.search(sentence_s)
            if method:
                value = sentence[method.start() :].strip().rstrip("。；;")
                context.facts.append(
                    criterion_fact({"item": "数据采集方法", "method": value}, **(base | {"sentence": sentence}))
                )
        for found in _INDICATOR_SCORE.finditer(sentence_s):
            item = re.sub(r"^(?:其中|则|共|而)", "", sentence[found.start(1) : found.end(1)])
            points = sentence[found.start(2) : found.end(2)]
            context.facts.append(criterion_fact({"item": item, "score": points}, **(base | {"sentence": sentence})))
