"""A fact: one figure, target, problem or assessment criterion, tied to its source passage."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("result", "target", "problem", "criterion")
KIND_LABELS = {"result": "成果数据", "target": "目标任务", "problem": "存在问题", "criterion": "测评标准"}


@dataclass
class Fact:
    """One structured statement from a document.

    ``figure`` is the source's own wording of the number (``8000余处``, ``约7.6亿元``,
    ``99.18％``); ``value`` is that number parsed (``8000.0``; ``万``/``亿`` applied) and
    is only for sorting and charts. A figure hidden by ``*`` in the source is never a
    value: such facts have ``masked=True``, ``figure=""`` and ``value=None``."""

    kind: str  # result | target | problem | criterion
    subject: str = ""  # what: 清理占道经营, 处置率, the problem's title, the criterion's item
    figure: str = ""  # exact source wording, "" when there is none
    value: float | None = None
    unit: str = ""  # 处, 件, %, 元, 平方米 ...
    period: str = ""  # 上半年 / 下半年 / 全年 / ""
    year: int | None = None
    body: str = ""  # canonical issuing body (城管局, 文明办 ...)
    deadline: str = ""  # targets: 12月上旬, 7月底, 年内 ...
    status: str = ""  # targets: done | open | unknown
    section: str = ""  # heading path of the passage
    sentence: str = ""  # the exact source sentence (original script)
    doc_id: str = ""
    chunk_id: str = ""
    title: str = ""
    source: str = ""  # file name
    # criteria
    item: str = ""  # 测评项目
    content: str = ""  # 测评内容
    standard: str = ""  # 测评标准
    score: str = ""  # 分值, as written
    method: str = ""  # 测评方法 / 数据采集方式
    responsible: str = ""  # 责任单位 / 牵头单位
    masked: bool = False  # the figure is hidden with * in the source
    done_by: list[str] = field(default_factory=list)  # targets marked done: the result facts' ids
    fact_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def doc_link(self) -> str:
        """Where the fact is shown in its document (the web page of the document, at the passage)."""
        if not self.doc_id:
            return ""
        return f"/documents/{self.doc_id}" + (f"#chunk-{self.chunk_id}" if self.chunk_id else "")


# Column order of exports (and the names of the export columns).
EXPORT_COLUMNS: list[tuple[str, str]] = [
    ("kind", "类型"),
    ("subject", "事项"),
    ("figure", "数字（原文）"),
    ("value", "数值"),
    ("unit", "单位"),
    ("deadline", "完成时间"),
    ("status", "状态"),
    ("period", "时段"),
    ("year", "年份"),
    ("body", "单位/部门"),
    ("item", "测评项目"),
    ("content", "测评内容"),
    ("standard", "测评标准"),
    ("score", "分值"),
    ("method", "测评方法"),
    ("responsible", "责任单位"),
    ("section", "章节"),
    ("sentence", "原文"),
    ("title", "文件"),
    ("source", "文件名"),
    ("doc_id", "doc_id"),
    ("chunk_id", "chunk_id"),
]
