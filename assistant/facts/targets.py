"""Targets: which sentences state a task, and the clause that says what is to be done.

Statements of plan sections (下半年工作计划/下步工作/工作安排/工作思路…) are tasks unless they
frame the year, quote a speech or define; elsewhere a task is a sentence with
计划/确保/力争/目标/争取/预计 and a deadline."""

from __future__ import annotations

import re

from assistant.facts.sentences import DROP_LEADING, clause_spans, cut_subject, shorten_subject, strip_marker_words
from assistant.facts.verbs import VERB
from assistant.text import compact, to_simplified

# Plan markers: with a deadline, they make a sentence outside a plan section a target.
PLAN_MARKER = re.compile(r"计划|目标|力争|确保|预计|争取|(?<!模)拟")
# Plan wording: what makes a sentence of a plan section a task (not a quotation or a definition).
_PLAN_VERB = re.compile(
    r"做好|加强|推进|持续|深化|强化|加快|加大|完善|建立|健全|推动|落实|抓好|实施|探索|巩固|聚焦|坚持|确保|力争|"
    r"提升|提高|打造|开展|完成|创建|整治|建设|维护|关注|规范|优化|压实|严格|全面|着力|切实|积极|扎实|继续|保持|争创|紧盯|管理"
)
# Sentences of a plan section that are no task: the year framed (今年是…), a speech quoted.
_FRAMING = re.compile(r"^(?:今年|明年|下半年|(?:19|20)\d{2}年)是")
_SPEECH = re.compile(r"指出|强调|我们|大家|同志们|今天我|只有.{0,40}才能|讲话|报告中")
# Clauses that lead up to the task (根据…/结合…/联合…部门), and clauses that only say it is done.
_PREAMBLE = re.compile(
    r"^(?:根据|按照|依据|依照|对照|结合|围绕|针对|依托|借鉴|通过|随着|待|为了?(?!民)|在.{0,30}(?:基础上|下|中|方面|窗口|区域|期间|领域|周边|时)$|"
    r"以.{0,20}为(?:抓手|契机|目标|重点|核心|载体|引领|导向|主线|拓展空间|阵地)|多措并举|高度重视|"
    r"(?:联合|会同|协同|配合|邀请)[^，,]{0,20}(?:部门|单位|公司|街道|镇|办)$)"
)
_ONLY_COMPLETION = re.compile(
    r"^(?:全面|基本|全部|并|及|和|顺利|如期|按期|按时)*(?:完成|完工|竣工|建成|开业|亮灯|投入使用|投用|实现|交付)(?:并|及|和|全面|投入使用|投用|开业|交付使用)*$"
)
# Words that say nothing of what is to be done.
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


def is_task(simple_sentence: str) -> bool:
    """A sentence of a plan section that states a task: plan wording or an action, and no
    framing, speech, definition or quotation."""
    if (
        _FRAMING.match(simple_sentence)
        or _SPEECH.search(simple_sentence)
        or (not _PLAN_VERB.search(simple_sentence) and not VERB.search(simple_sentence))
    ):
        return False
    return not _definition(simple_sentence)


def _definition(simple_sentence: str) -> bool:
    """``X是Y…`` statements (definitions, quotations), not tasks."""
    first = re.split(r"[，,；;]", simple_sentence, maxsplit=1)[0]
    return bool(re.search(r"(?<![一二三四五六七八九十就也还正即都])是(?!否)", first)) and not PLAN_MARKER.search(first)


def _is_preamble(text: str, simple: str, cs: int, ce: int) -> bool:
    piece = simple[cs:ce].strip()
    lead = DROP_LEADING.match(piece)
    if lead and lead.end() < len(piece):
        piece = piece[lead.end() :]
    return bool(_PREAMBLE.match(piece)) or not (VERB.search(piece) or _PLAN_VERB.search(piece))


def _generic_only(subject: str) -> bool:
    """``全面完成创建工作`` says nothing of what: only generic words."""
    rest = compact(subject)
    for word in sorted(_GENERIC_WORDS, key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(rest) < 2


def action_clause(text: str, simple: str, start: int, end: int, prefer: int | None = None) -> str:
    """The clause that says what is to be done: the one holding ``prefer`` (an offset, e.g. of
    the deadline or of 力争) if given and specific, else the first with an action that is not a
    preamble (根据…/结合…/联合…部门)."""
    clauses = clause_spans(simple, start, end)
    first_action = ""
    for cs, ce in clauses:
        subject = strip_marker_words(cut_subject(text, simple, cs, ce))
        if len(compact(subject)) >= 2 and not _is_preamble(text, simple, cs, ce):
            first_action = subject
            break
    if prefer is not None:
        previous_action = ""
        for index, (cs, ce) in enumerate(clauses):
            if not cs <= prefer < ce:
                if not _is_preamble(text, simple, cs, ce):
                    previous_action = strip_marker_words(cut_subject(text, simple, cs, ce))
                continue
            for ps, pe in [(cs, ce), *clauses[index + 1 :]]:
                stripped = strip_marker_words(cut_subject(text, simple, ps, pe))
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
        subject = strip_marker_words(cut_subject(text, simple, cs, ce))
        if len(compact(subject)) >= 2:
            return shorten_subject(subject)
    return shorten_subject(text[start:end].strip("。；;"))
