"""Facts from a document's passages: rules over the numbering, the section headings and
the way these reports write numbers. No model and nothing tuned to particular files.

* **results**: a figure (``清理占道经营约8000余处``, ``处置率99.18％``) in a section that
  reports work done, in a clause with an action (处置/清理/拆除/完成/新增…) or a rate
  (:mod:`~assistant.facts.figure_subjects`);
* **targets**: statements of plan sections (下半年工作计划/下步工作/工作安排/工作思路…),
  and elsewhere sentences with 计划/确保/力争/目标/争取/预计 and a deadline; the item's
  ``完成时间`` (the same rule as ``Chunk.deadline``) is attached (:mod:`~assistant.facts.targets`,
  :mod:`~assistant.facts.deadlines`);
* **problems**: the numbered items under 存在问题 / 问题和不足 headings (:mod:`~assistant.facts.problems`);
* **criteria**: from assessment documents — ``测评项目：…；测评内容：…；分值：…`` records
  (tables of .docx files), ``序号 测评标准`` tables, and 测评项目/分值/数据采集 statements
  (:mod:`~assistant.facts.criteria`).

Figures hidden with ``*`` (``责任书*余份``) are never results and never values.

Each sentence is classified by the heading item it sits in (:func:`~assistant.facts.outline.outline`
of the document text, the splitter's numbering rules), so a passage that ends one section and
starts the next is read correctly; facts still point at the passage (``chunk_id``) that holds them."""

from __future__ import annotations

import re

from assistant.facts.collector import FactCollector
from assistant.facts.criteria import criteria_facts, is_assessment
from assistant.facts.deadlines import DEADLINE_LINE, deadline_offset, refine_deadline, sentence_deadline
from assistant.facts.figure_subjects import figure_subjects
from assistant.facts.model import Fact
from assistant.facts.outline import (
    heading_components,
    is_heading_sentence,
    item_at,
    outline,
    section_kind,
    strip_leading_headings,
)
from assistant.facts.problems import problem_facts
from assistant.facts.sentences import sentence_spans, simplified_aligned
from assistant.facts.targets import PLAN_MARKER, action_clause, is_task
from assistant.models import Chunk, Document
from assistant.text import compact, to_simplified
from assistant.units import MASKED_FIGURE


def extract_facts(document: Document, chunks: list[Chunk]) -> list[Fact]:
    """All facts of one document, in document order, each tied to the passage it comes from."""
    if is_assessment(document):
        facts = criteria_facts(document, chunks)
    else:
        collector = FactCollector(document, [])
        items = outline(document.text)
        problems: dict[tuple[str, ...], list[tuple[Chunk, int, int]]] = {}
        loose: list[tuple[Chunk, int, int, tuple[str, ...]]] = []
        for chunk in chunks:
            for s, e in sentence_spans(chunk.text):
                item = item_at(items, chunk.start + s)
                path = item.path if item.path else tuple(heading_components(chunk.heading))
                kind, where = section_kind(" > ".join(path))
                if kind == "problem":
                    if len(path) > where + 1:
                        problems.setdefault(path[: where + 2], []).append((chunk, s, e))
                    else:
                        loose.append((chunk, s, e, path))
                    continue
                deadline = item.deadline or (chunk.deadline if not item.path else "")
                _sentence_facts(collector, chunk, s, e, kind == "plan", path, deadline)
        problem_facts(collector, problems, loose)
        facts = collector.facts
    for number, fact in enumerate(facts):
        fact.fact_id = f"{document.doc_id}:{fact.kind[0]}{number:03d}"
    return facts


def _plan_period(document: Document, path: tuple[str, ...]) -> str:
    heading = to_simplified(" > ".join(path))
    for word in ("下半年", "明年", "来年"):
        if word in heading:
            return "明年" if word == "来年" else word
    if document.meta.period == "上半年":
        return "下半年"
    return ""


def _sentence_facts(
    collector: FactCollector, chunk: Chunk, s: int, e: int, plan: bool, path: tuple[str, ...], item_deadline: str
) -> None:
    """Results and targets of one sentence of a passage (offsets s..e in the passage text)."""
    text = chunk.text
    simple = simplified_aligned(text)
    components = list(path) + [c for c in heading_components(chunk.heading) if c not in path]
    document = collector.document
    sentence = text[s:e]
    sentence_s = simple[s:e]
    if DEADLINE_LINE.match(sentence_s):
        return
    body_start = strip_leading_headings(text, simple, s, e, components)
    if plan and is_heading_sentence(sentence, components):
        return
    body_s = simple[body_start:e]
    masked = bool(MASKED_FIGURE.search(sentence_s))
    found = figure_subjects(text, simple, body_start, e, plan)
    has_marker = bool(PLAN_MARKER.search(sentence_s))
    own_deadline = sentence_deadline(sentence, sentence_s)
    for item in found:
        if item.state == "result":
            collector.add(
                "result",
                chunk,
                sentence,
                **item.fact_fields(text),
                period=document.meta.period or _period_in(sentence_s),
            )
    if plan:
        if not is_task(body_s):
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
            collector.add(
                "target",
                chunk,
                sentence,
                **item.fact_fields(text),
                deadline=deadline,
                status="unknown",
                period=period,
            )
        return
    if len(compact(body_s)) < 6:
        return
    prefer = None
    marker = PLAN_MARKER.search(simple, body_start, e) if not plan else None
    if marker:
        prefer = marker.start()
    elif own_deadline and not (plan and item_deadline):
        # No item deadline: the clause holding the sentence's own deadline is the task.
        at = deadline_offset(simple[body_start:e], to_simplified(own_deadline))
        prefer = body_start + at if at is not None else None
    collector.add(
        "target",
        chunk,
        sentence,
        subject=action_clause(text, simple, body_start, e, prefer),
        deadline=deadline,
        status="unknown",
        period=period,
        masked=masked,
    )


def _period_in(simple_sentence: str) -> str:
    for word in ("上半年", "下半年", "全年"):
        if word in simple_sentence:
            return word
    return ""
