"""Where a sentence goes in a 汇报: 基本情况, 主要做法和成效, 存在问题 or 下步打算.

Each sentence is placed by general features, not by what one document says: the plan reading
of the answerer (:func:`assistant.intent.states_plan`: 将/计划/力争/确保 … unless 已/累计 …),
aspect markers of things done (已, 完成, 累计, 共, 达到 …), problem words (存在, 不足, 短板 …),
the heading it sits under (下步工作计划, 存在的问题, 主要成效), and the kind of document (in a
work plan an unmarked sentence is a plan, in a summary a result). Sentence cues outweigh the
heading, and the heading outweighs the document kind.

A sentence is cleaned first (:mod:`assistant.draft.sentences`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.answer.candidates import Candidate
from assistant.draft.sentences import (
    CLAUSE,
    ENUMERATOR,
    MIN_CHARS,
    clean,
    heading_parts,
    is_statement,
    unmask,
)
from assistant.intent import states_plan
from assistant.text import compact, to_simplified

Part = Literal["basic", "result", "problem", "plan"]

# The 汇报 convention: the headings in order, with the part each holds.
HEADINGS: tuple[tuple[Part, str], ...] = (
    ("basic", "基本情况"),
    ("result", "主要做法和成效"),
    ("problem", "存在问题"),
    ("plan", "下步打算"),
)

# Aspect and quantity markers of something done.
_DONE = re.compile(
    r"完成(?!时间|时限|期限|任务)|共计|共有|共(?=\s*[\d一二三四五六七八九十两]|发现|排查|清理|拆除|处置|受理|办结|整治|查处|开展|出动|检查|劝导|立案|收集)"
    r"|达到|达\s*[\d一二三四五六七八九十]|实现|取得|办结|结案|查处|拆除|清理|清运|处置|整治了|开展了|出动|排查|下发|发放|维修|建成"
    r"|同比|较去年|环比|相比|比去年|比上年|较上年|(?<![为除])了(?!解)|发布|印发|召开|正式启动|创成|荣获|获评|被(?:评为|列为|授予|命名为)"
)
# Markers that say a state is reached (达到, 实现, 建成 …): in a plan, a target, not something done.
_REACHED = re.compile(r"^(?:达到|达\s*[\d一二三四五六七八九十]|实现|建成|取得)")
# Markers of something done that no plan word can govern.
_DONE_OUTRIGHT = re.compile(r"已|累计|截至|截止")
# Future and modal words of a plan sentence (将, 要, 下一步 …), and the weaker ones (继续, 进一步 …)
# that read as a plan only where nothing is reported done and the document is not a summary.
_WILL = re.compile(
    # 主要, 重要, 首要 … are no "要" of intent.
    r"(?<![已即])将(?!军)|(?<![主重首只必紧纪摘概])要(?!求|点|素|害|是)|下一步|下步|明年|下半年|力争|确保(?!了)|争取|预计|计划|打算"
)
# A modal that opens a clause: what is required or intended (当前要…, 必须…, 务必…).
_MODAL = re.compile(r"(?:^|[，,：:]|当前|今后|下一步|下步|今年|明年|[既又还也都])(?:要(?!求)|将|必须|务必|需要|应当)")
# 将 of the future before a preposition or adverb (将对…进行讲评, 将根据…奖惩), not 将 as 把 (将…纳入).
_FUTURE = re.compile(
    r"(?<![已即])将(?:对|根据|按照|依据|适时|及时|定期|逐步|陆续|重点|全面|在|于|力争|确保|继续|进一步)"
)
# A date a target is set for: 年底前, 6月底前, 4月15日前, 到2025年, 年内完成.
_TARGET_DATE = re.compile(
    r"(?:年|月)底前|\d{1,2}\s*月\s*\d{1,2}\s*[日号]\s*(?:之)?前|到\d{4}\s*年|年内(?:完成|实现|建成)"
)
# A label that opens a line ("时间、目标：", "任务：", "存在问题：") names the kind of content after it.
_LABEL = re.compile(r"^\s*([^，,。；;：:\s]{1,8})[：:]")
_TARGET_LABEL = re.compile(r"目标|任务")
_LABEL_CUT = re.compile(r"^[^，,。；;：:\s]{1,8}[：:]\s*")
_ONGOING = re.compile(r"继续|进一步|持续|着力|全力|加快|抓好|做好|推进|推动|加大|强化")
_PROBLEM = re.compile(
    r"存在(?!.{0,6}(?:整改|排查|治理|解决))|不足(?!\d)|有待|不到位|不够|滞后|难度大|尚未|仍[有然需较存]|依然|欠缺|不高|不强|不平衡|不规范|较低|偏低|较差|较弱|把关不严"
)
_PROBLEM_HEADING = re.compile(
    r"存在(?:的)?(?:主要)?(?:问题|不足|困难)|问题(?:和|与|及)?不足|不足(?:之处)?$|^(?:主要)?问题$|困难(?:和|与)?问题|有待"
)
_PLAN_HEADING = re.compile(r"计划|打算|思路|下步|下一步|展望|设想|安排$|要点$|目标$|目标任务|工作重点$")
_RESULT_HEADING = re.compile(r"成效|成绩|做法|措施|完成情况|工作情况|开展情况|进展|总结|亮点|回顾|落实情况")
_BASIC_HEADING = re.compile(r"基本情况|概况|总体情况|基本概况|背景|总体")
_PLAN_KINDS = ("工作计划", "实施方案", "讲话")
_RESULT_KINDS = ("工作总结", "总结及计划", "考评通报", "督查通报", "新闻报道")

_ENDS_ON_FIGURE = re.compile(r"\d\s*(?:[%％]|[万亿千百]?[\u4e00-\u9fff]{1,2}(?:/[\u4e00-\u9fff])?)$")
_CLOSED = re.compile(r"[。！？!?；;”’\"）)]$")


@dataclass
class Placed:
    """A cleaned sentence of a source passage and the part of the draft it belongs to."""

    candidate: Candidate
    text: str  # Simplified, cleaned, ending with 。
    part: Part
    subheading: str  # the source heading it sits under (its first level), cleaned
    has_figure: bool
    masked: int = 0  # clauses left out because the source masks a figure in them
    cued: bool = True  # its part is said by the sentence or its heading, not only by where it stands


# 要求 (required of others) and 确保了 (ensured) govern nothing.
_GOVERNS = re.compile(r"(?:力争|确保(?!了)|争取|计划|预计|拟|将|要(?!求|点|素|害|是)|目标|任务)[^。；;]*$")
# A date to come in the same clause governs it too (9月底前建成…, 年内建成…), unless 了 says it is done.
_DUE_BY = re.compile(r"(?:(?:年|月)底前|年内|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?\s*(?:之)?前)[^，,。；;]*$")


def _reports_done(text: str, planned: bool = False) -> bool:
    """A marker of something done that no plan word governs (力争…完成 is a plan, 已完成 is done).
    ``planned``: the sentence stands where targets are set (a plan, a 目标 label, a date to come),
    so a state reached (达到, 实现 …) is the target, not a result."""
    if _DONE_OUTRIGHT.search(text):
        return True
    return any(
        not _GOVERNS.search(text[: m.start()])
        and not (_DUE_BY.search(text[: m.start()]) and text[m.end() : m.end() + 1] != "了")
        and not (planned and _REACHED.match(m.group()))
        and text[m.end() : m.end() + 1] not in ("不", "未")  # 清运不及时 is no result
        for m in _DONE.finditer(text)
    )


def _plain(part: str) -> str:
    """A heading part that names one kind of content (a 总结及计划 title names two: no cue)."""
    return "" if _PLAN_HEADING.search(part) and _RESULT_HEADING.search(part) else part


def _heading_verdict(sections: list[str]) -> Part | None:
    """What the nearest heading that names a kind of content says (the deepest one decides)."""
    for section in reversed(sections):
        if _PROBLEM_HEADING.search(section):
            return "problem"
        if _PLAN_HEADING.search(section):
            return "plan"
        if _RESULT_HEADING.search(section):
            return "result"
    return None


# A figure that counts something (120余处, 98.4%, 5.3万份), not a date (2021年, 6月, 15日).
_COUNT = re.compile(r"\d(?:[\d.,]*\d)?\s*(?![\d.,年月日号时届:：/\-]|周年)[%％‰\u4e00-\u9fff]")
# An honour or a rank gained: a result even without a figure.
_AWARD = re.compile(
    r"荣获|获评|获得.{0,12}(?:称号|奖|荣誉|表扬|批示)|被(?:评为|列为|授予|命名为|确定为)|创成|入选|跻身|位列|名列|排名第|第[一二三]名"
)


def states_result(text: str) -> bool:
    """The sentence reports a counted figure or an honour (what a 成效 section is made of)."""
    return bool(_COUNT.search(text) or _AWARD.search(text))


def _label_verdict(label: str) -> Part | None:
    """What a line's label says: 目标 and 任务 set targets; others as a heading would."""
    return "plan" if _TARGET_LABEL.search(label) else _heading_verdict([label]) if label else None


def part_of(sentence: str, heading: str, kind: str, label: str = "", opening: bool = True) -> Part:
    """The part of a 汇报 that ``sentence`` (under ``heading``, parts joined by " > ", in a
    document of ``kind``; ``label`` the label that opens its line, 目标 of "时间、目标：";
    ``opening``: it stands in the document's first passage) belongs to."""
    return placement(sentence, heading, kind, label, opening)[0]


def placement(sentence: str, heading: str, kind: str, label: str = "", opening: bool = True) -> tuple[Part, bool]:
    """:func:`part_of`, and whether the sentence or its heading said so (False: only the kind of
    document or where it stands did, and the sentence before it may say more)."""
    text = to_simplified(sentence)
    sections = [_plain(p) for p in heading_parts(heading)]
    verdict = _label_verdict(to_simplified(label)) or _heading_verdict(sections)
    planned = verdict == "plan" or kind in _PLAN_KINDS or bool(_TARGET_DATE.search(text))
    done = _reports_done(text, planned)
    if ((states_plan(text) and _WILL.search(text)) or _MODAL.search(text) or _FUTURE.search(text)) and not done:
        return "plan", True
    if verdict == "problem":
        return "problem", True
    if verdict == "plan":
        return ("result" if done and re.search(r"\d", text) else "plan"), True
    if _PROBLEM.search(text) and not done:
        return "problem", True
    if _TARGET_DATE.search(text) and not done:
        return "plan", True
    if done or verdict == "result":
        return "result", True
    if kind in _PLAN_KINDS or (_ONGOING.search(text) and kind not in _RESULT_KINDS and not re.search(r"\d", text)):
        return "plan", False
    if any(_BASIC_HEADING.search(s) for s in sections):
        return "basic", True
    if states_result(text):
        return "result", True
    # Past the opening, an unheaded sentence of a summary or a report tells what was done (做法).
    return ("result" if (any(sections) or not opening) and kind in _RESULT_KINDS else "basic"), False


def _is_heading(raw: str) -> bool:
    """A heading line inside a passage ("一、2021年主要工作成绩"): short, no sentence punctuation."""
    return len(raw) <= 40 and not re.search(r"[。！？!?；;，,]", raw)


# A clause that sets a date to come: 6月底, 年底前, 年内.
_DEADLINE = re.compile(r"\d{1,2}\s*月(?:底|前|份|中旬|下旬)|年底|年内|底前")


def split_done_and_due(text: str) -> tuple[str, str]:
    """A sentence that reports what is done and then what is still due ("目前已完成基础浇筑18座，
    6月底全面竣工并投入使用"): (the done part, the due part); ("", "") when it does not."""
    clauses = CLAUSE.findall(text.rstrip("。"))
    for index in range(1, len(clauses)):
        head, tail = "".join(clauses[:index]), "".join(clauses[index:])
        if _reports_done(head) and not _reports_done(tail) and (_DEADLINE.search(tail) or _WILL.search(tail)):
            return head.rstrip("，,；;") + "。", tail.rstrip("，,；;") + "。"
    return "", ""


def subheading_of(heading: str) -> str:
    """The source heading a sentence is grouped under in the draft (its deepest part, cleaned)."""
    sections = heading_parts(heading)
    return ENUMERATOR.sub("", sections[-1]) if sections else ""


def line_label(candidate: Candidate) -> str:
    """The label that opens the line the sentence stands on ("时间、目标：2013年,创建成为…" →
    时间、目标), when it names a kind of content (目标, 任务, 问题, 成效 …); else ""."""
    spans = [compact(s) for s in candidate.spans if compact(s)]
    if not spans:
        return ""
    for line in candidate.hit.chunk.text.split("\n"):
        if spans[0] in compact(line):
            found = _LABEL.match(to_simplified(line))
            name = found.group(1) if found else ""
            return name if name and _label_verdict(name) else ""
    return ""


def place(candidate: Candidate, kind: str, title: str = "", ends_document: bool = False) -> list[Placed]:
    """The cleaned sentence of ``candidate`` and its part (two parts when it reports something
    done and then something due), or nothing when it is no statement: a heading, a lead-in, a
    table row, the document's title, or cut off by the end of its passage."""
    spans = [s for s in candidate.spans if s.strip()]
    raw = (max(spans, key=len) if spans else candidate.text).strip()
    if _is_heading(raw) or candidate.header:
        return []
    # Cut off by the end of the passage: its whole clauses. Where the document itself breaks off, a
    # last clause that ends on a figure with its unit (建成服务点2000个, 新增处理能力至370吨/日) is whole.
    whole_end = (candidate.truncated or ends_document) and _ENDS_ON_FIGURE.search(raw)
    if candidate.last and not _CLOSED.search(raw) and not whole_end:
        raw = raw.rstrip("，,；;、")  # "…,新建、": the clause before the break is cut off too
        raw = re.sub(r"[，,；;、][^，,；;、]*$", "", raw) if re.search(r"[，,；;]", raw) else ""
    heading = candidate.hit.chunk.heading
    label = line_label(candidate)
    unmasked, masked = unmask(raw)
    text = clean(unmasked, heading)
    cut = _LABEL_CUT.match(text) if label else None
    text = text[cut.end() :] if cut else text
    if not is_statement(text) or (title and compact(text.rstrip("。")) in compact(title)):
        return []
    done, due = split_done_and_due(text)
    split: list[tuple[str, Part]] = [(done, "result"), (due, "plan")]
    # The numbered heading lines above it inside its passage (三、存在问题) are nearer than the passage's.
    nearest = " > ".join(p for p in (heading, *candidate.section.split(" ")) if p)
    part, cued = placement(text, nearest, kind, label, candidate.hit.chunk.ordinal == 0)
    pieces = split if done and len(compact(due)) >= MIN_CHARS // 2 else [(text, part)]
    return [
        Placed(
            candidate=candidate,
            text=piece,
            part=part,
            subheading=subheading_of(heading),
            has_figure=bool(re.search(r"\d", piece) or _AWARD.search(piece)),  # a rank or honour is a fact too
            masked=masked,
            cued=cued or len(pieces) > 1,
        )
        for piece, part in pieces
    ]
