"""Typed records that flow through the pipeline: Document → Chunk → Hit → Answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.auth.access import DEFAULT_KB


@dataclass
class DocumentMeta:
    """What a document is: derived from its text, overridable by a sidecar."""

    title: str = ""
    years: list[int] = field(default_factory=list)
    body: str = ""  # canonical issuing body, e.g. 城管局, 文明办
    body_full: str = ""  # as written, e.g. XX区城市管理局
    kind: str = ""  # 工作总结, 工作计划, 讲话, 测评体系 ...
    period: str = ""  # 上半年, 下半年, 全年
    place: str = ""  # the city, district or county it is about, as named (咸宁, 宝安区)
    kb: str = DEFAULT_KB  # the knowledge base (知识库) it belongs to: set by ingest (--kb), never by a sidecar

    @property
    def year(self) -> int | None:
        return self.years[0] if self.years else None


@dataclass
class Document:
    doc_id: str
    source: str  # file name shown to users
    path: str  # path relative to the ingested root
    text: str  # cleaned display text (original script)
    meta: DocumentMeta
    content_hash: str  # hash of the file bytes it came from
    notes: list[str] = field(default_factory=list)  # what cleaning removed
    # page → JPEG of the pages read by OCR (held by a file's first document; kept in the index)
    page_images: dict[int, bytes] = field(default_factory=dict)


@dataclass
class Chunk:
    chunk_id: str
    doc_id: str
    ordinal: int
    heading: str  # heading path, e.g. "二、下半年工作计划 > （三）垃圾分类"
    text: str  # original passage text, a contiguous span of Document.text
    start: int  # offsets of text in Document.text
    end: int
    deadline: str = ""  # the 完成时间 of the item this passage belongs to
    search_text: str = ""  # normalised text used for BM25 (Simplified, half-width)
    ocr_page: int = 0  # the page (1-based) of a scan or photo it was read from by OCR; 0: not OCR
    # the rectangles of its lines on that page, fractions of the page (x0, y0, x1, y1)
    ocr_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass
class Hit:
    chunk: Chunk
    score: float
    title: str = ""
    source: str = ""
    meta: DocumentMeta | None = None
    dense_rank: int | None = None
    bm25_rank: int | None = None
    dense_score: float | None = None
    bm25_score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "chunk_id": self.chunk.chunk_id,
            "doc_id": self.chunk.doc_id,
            "source": self.source,
            "title": self.title,
            "heading": self.chunk.heading,
            "text": self.chunk.text,
            "deadline": self.chunk.deadline,
            "ocr_page": self.chunk.ocr_page,
            "start": self.chunk.start,
            "end": self.chunk.end,
            "score": round(float(self.score), 6),
            "year": self.meta.year if self.meta else None,
            "body": self.meta.body if self.meta else "",
            "kind": self.meta.kind if self.meta else "",
            "kb": self.meta.kb if self.meta else "",
        }


@dataclass
class Citation:
    n: int
    hit: Hit
    spans: list[str] = field(default_factory=list)  # the exact sentences used from it

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, **self.hit.to_dict(), "spans": self.spans}


@dataclass
class Answer:
    question: str
    text: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    related: list[Hit] = field(default_factory=list)
    mode: str = "qa"
    resolved_question: str = ""
    answerer: str = "extractive"
    sections: list[dict[str, Any]] = field(default_factory=list)  # draft mode
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "resolved_question": self.resolved_question or self.question,
            "answer": self.text,
            "refused": self.refused,
            "mode": self.mode,
            "answerer": self.answerer,
            "citations": [c.to_dict() for c in self.citations],
            "related": [h.to_dict() for h in self.related],
            "sections": self.sections,
            "notes": self.notes,
        }


def meta_to_dict(meta: DocumentMeta) -> dict[str, Any]:
    return asdict(meta)
