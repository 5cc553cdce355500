"""Criteria of assessment documents: ``测评项目：…；测评内容：…；分值：…`` records (tables of
.docx files), ``序号 测评标准`` tables, the numbered standards of a 建设标准/考察标准 document,
and 测评项目/分值/数据采集 statements. The spreadsheet reader names its columns with the
same fields (:data:`FIELD_SYNONYMS`)."""

from __future__ import annotations

import re
from typing import Any

from assistant.facts.figures import DIGITS, FULLWIDTH_DIGITS
from assistant.facts.model import Fact
from assistant.facts.outline import ENUMERATION_PREFIX, heading_components, title_of
from assistant.facts.sentences import sentence_spans, simplified_aligned
from assistant.ingest.split import match_heading
from assistant.models import Chunk, Document
from assistant.text import compact, to_simplified

_ASSESSMENT_KINDS = {"测评体系", "考察标准"}


def is_assessment(document: Document) -> bool:
    """An assessment document (测评体系, 考察标准): its facts are criteria."""
    return document.meta.kind in _ASSESSMENT_KINDS


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
_SCORE = re.compile(rf"[{DIGITS}]+(?:[.．][{DIGITS}]+)?(?:分?\s*[+＋]\s*[{DIGITS}]+)?\s*分")
_STATEMENT = re.compile(r"(测评项目|测评内容|测评标准|测评方法|评分方法|数据采集|分值构成|分值)\s*(?:[：:]|为)\s*(.+)")
_INDICATOR_SCORE = re.compile(
    rf"([\u4e00-\u9fff]{{2,6}}指标)(?:则|共)?(?:占)?\s*([{DIGITS}]+(?:[.．][{DIGITS}]+)?\s*分)"
)
# "采用听取汇报、材料审核…七种方法采集数据" / "以实地暗访考察…三种方式…测评" / "采取…等方式"
_METHODS = re.compile(
    r"(?:采用|采取|以|通过)[^。；;]{4,120}?(?:[一二三四五六七八九十\d]+种|等)(?:方法|方式)(?=[^。；;]{0,40}(?:采集|测评|考察|数据))"
    r"|(?<=采集)(?:是|主要|为)*(?:采用|采取|以|通过)[^。；;]{4,120}?(?:[一二三四五六七八九十\d]+种|等)(?:方法|方式)(?=[。；;]?$)"
)
_TABLE_ROW = re.compile(rf"^\s*([{DIGITS}]{{1,3}})[\s、.．]+(\S.*)$")


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
    found = re.search(r"[\d.]+", score.translate(FULLWIDTH_DIGITS))
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


def criteria_facts(document: Document, chunks: list[Chunk]) -> list[Fact]:
    """The criteria of an assessment document, in document order."""
    facts: list[Fact] = []
    # a 建设标准/考察标准 document (kind 测评体系 since the kinds follow the labelled taxonomy)
    standards_doc = document.meta.kind == "考察标准" or bool(
        re.search(r"建设标准|考察标准|实地要求", document.meta.title)
    )
    header: list[str | None] | None = None
    meta = document.meta
    for chunk in chunks:
        components = heading_components(chunk.heading)
        section_item = title_of(components[0]) if components else ""
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
                facts.append(criterion_fact(record, **base))
                continue
            cells = [c for c in re.split(r"[\s\u3000]+", stripped) if c]
            named = [field_of(c) for c in cells]
            if len(cells) >= 2 and all(named) and any(n in ("standard", "content", "item", "score") for n in named):
                header = named
                continue
            heading = match_heading(stripped)
            if heading and heading.style in ("chapter", "cn", "cn_paren"):
                section_item = title_of(heading.title)  # 一、小区 → rows below are about 小区
            row = _TABLE_ROW.match(stripped)
            if header and row and not (heading and heading.style in ("arabic_dot", "arabic_dun") and len(header) < 2):
                body_text = row.group(2).strip()
                if len(compact(body_text)) < 6:
                    continue  # a row cut off by the excerpt
                fields = _row_fields(header, row.group(1), body_text)
                fields.setdefault("item", section_item)
                facts.append(criterion_fact(fields, **base))
                continue
            if standards_doc and heading and heading.style in ("arabic_dot", "arabic_dun", "arabic_paren"):
                # A numbered standard of a 建设标准/考察标准 document: the whole item is the standard.
                rest = ENUMERATION_PREFIX.sub("", stripped).strip()
                if len(compact(rest)) >= 8:
                    item = section_item if section_item and compact(section_item) not in compact(rest) else ""
                    facts.append(criterion_fact({"item": item, "standard": rest}, **base))
                    continue
            _criterion_statements(facts, stripped, base)
    return facts


def _row_fields(header: list[str | None], number: str, rest: str) -> dict[str, str]:
    columns = [h for h in header if h != "number"]
    if len(columns) <= 1:
        return {(columns[0] if columns and columns[0] else "standard"): rest, "number": number}
    parts = [p for p in re.split(r"\t|\u3000|\s{2,}", rest) if p.strip()]
    if len(parts) == len(columns):
        return {name: value.strip() for name, value in zip(columns, parts, strict=True) if name}
    return {"standard": rest, "number": number}


def _criterion_statements(facts: list[Fact], line: str, base: dict[str, Any]) -> None:
    simple = simplified_aligned(line)
    for s, e in sentence_spans(line):
        sentence, sentence_s = line[s:e], simple[s:e]
        statement = _STATEMENT.search(sentence_s)
        if statement:
            key, value = statement.group(1), sentence[statement.start(2) :].strip().rstrip("。；;")
            if len(compact(value)) < 3:
                continue
            lead = sentence[: statement.start(1)]
            lead = ENUMERATION_PREFIX.sub("", lead.strip()).strip().rstrip("的之")
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
            facts.append(criterion_fact(fields, **(base | {"sentence": sentence})))
        if not statement:
            method = _METHODS.search(sentence_s)
            if method:
                value = sentence[method.start() :].strip().rstrip("。；;")
                facts.append(
                    criterion_fact({"item": "数据采集方法", "method": value}, **(base | {"sentence": sentence}))
                )
        for found in _INDICATOR_SCORE.finditer(sentence_s):
            item = re.sub(r"^(?:其中|则|共|而)", "", sentence[found.start(1) : found.end(1)])
            points = sentence[found.start(2) : found.end(2)]
            facts.append(criterion_fact({"item": item, "score": points}, **(base | {"sentence": sentence})))
