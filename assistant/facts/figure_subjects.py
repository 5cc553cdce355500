"""The figures of one sentence: what each counts (its subject) and whether it reports work
done (a result: in a clause with an action or a rate), promises it (a target) or neither."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from assistant.facts.figures import Figure, find_figures
from assistant.facts.sentences import (
    MARKER_WORDS,
    clause_spans,
    cut_subject,
    shorten_subject,
    simplified_aligned,
    strip_marker_words,
)
from assistant.facts.verbs import VERB, last_verb
from assistant.text import to_simplified

_RATE = re.compile(r"率|比例|占比|比重")
_DONE = re.compile(r"已|完毕")
_NOT_DONE = re.compile(
    r"正在|尚未|未(?:完成|停工|开工|整改|落实|到位|办结|建成|达标)|剩余|其余|还有|仍有|仍存在|没有|不足"
)
_TARGET_MARK = re.compile(
    r"计划|目标|力争|确保|预计|(?<!模)拟(?=[建在于对新改实启开])|争取|(?<![主重纲需必])要(?![求素点闻])|共需|需要|"
    r"将(?=[于在对加启完实新推全进着继力])|打算|任务是"
)


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


@dataclass
class FoundFigure:
    """A figure of a sentence with what it counts and its state."""

    figure: Figure
    subject: str
    state: str  # result | target | skip
    masked: bool = False

    def fact_fields(self, text: str) -> dict[str, Any]:
        """The fields of a fact about this figure: subject, wording (from the passage ``text``),
        value and unit."""
        figure = self.figure
        return {
            "subject": self.subject,
            "figure": text[figure.start : figure.end],
            "value": figure.value,
            "unit": figure.unit,
        }


def figure_subjects(text: str, simple: str, start: int, end: int, plan: bool) -> list[FoundFigure]:
    """Figures of one sentence with their subject and whether they report done work.

    A clause's figures form a list (``清理占道经营约8000余处、店外经营10600余处``): later items
    take the action of the first; a clause without an action continues the previous clause
    (``修复雨水管网255米，桥栏杆12米``). ``已`` makes a clause report done work even inside a
    plan; 计划/确保/力争… make what follows (up to the next ``已``) a target."""
    found: list[FoundFigure] = []
    inherited_verb, inherited_state = "", ""
    last_subject = ""
    scope_start = start  # where the current target marker scope begins (after the last 已 clause)
    for cs, ce in clause_spans(simple, start, end):
        figures = find_figures(simple, cs, ce)
        clause_simple = simple[cs:ce]
        clause_verb = last_verb(clause_simple, text[cs:ce])
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
            own_verb = bool(VERB.search(around) or _RATE.search(head_s))
            head_verb = last_verb(head_s, text[head_start : fig.start])
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
                    cut_subject(text, simple, head_start, fig.start),
                    cut_subject(text, simple, fig.end, tail_end) if use_tail else "",
                )
            elif (
                parent
                and index > 0
                and "）" not in simple[previous_end : fig.start]
                and ")" not in simple[previous_end : fig.start]
            ):
                subject = _breakdown(
                    parent,
                    cut_subject(text, simple, head_start, fig.start),
                    cut_subject(text, simple, fig.end, tail_end) if use_tail else "",
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
            found.append(FoundFigure(fig, subject, state))
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


def _respectively(text: str, simple: str, clause_start: int, figures: list[Figure]) -> list[str] | None:
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
    predicate = re.sub(r"^(?:为|是|达到|达|均为|均)", "", cut_subject(text, simple, items_end + 2, first.start))
    subjects = []
    for s, e in itertools.pairwise(cuts):
        item = cut_subject(text, simple, s, e - 1 if e - 1 > s else e)
        subjects.append(shorten_subject(item + predicate))
    return subjects


def _subject(
    text: str,
    simple: str,
    head_start: int,
    fig: Figure,
    tail_end: int,
    verb: str,
    last_subject: str,
    index: int,
    first_subject: str = "",
) -> str:
    head_s = simple[head_start : fig.start]
    head = cut_subject(text, simple, head_start, fig.start)
    tail = cut_subject(text, simple, fig.end, tail_end) if tail_end > fig.end else ""
    if index > 0 and head_s.lstrip("、，, ").startswith("等") and first_subject:
        return shorten_subject(f"{first_subject}等{head}")  # a total after a list: 市容环境类…等各类案件
    subject = strip_marker_words(head + tail) if MARKER_WORDS.search(simplified_aligned(head + tail)) else head + tail
    if not subject:
        return last_subject
    if verb and not VERB.search(to_simplified(subject)) and not _RATE.search(to_simplified(subject)):
        subject = verb + subject
    return shorten_subject(subject)
