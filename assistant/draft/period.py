"""Which documents a draft is about: one body (with its place) and one period.

The prompt is read by the one question reader (years, halves, places, bodies). A period the
prompt names is kept; without one, the draft takes the latest period that the corpus holds for
the body the prompt implies (the body of the documents that match the topic best), and says so
in one line at the top."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.models import DocumentMeta, Hit
from assistant.places import names_place, read_places
from assistant.question import Question, read_question
from assistant.text import compact, to_simplified

# The request around a topic: "帮我起草一段迎检汇报：", "请写一份…督查口径", "草拟…材料".
_INSTRUCTION = re.compile(
    r"^(?:请|帮我|帮忙|麻烦|给我|替我|为我)*\s*(?:再|重新)?(?:起草|草拟|拟写|撰写|编写|整理|准备|写|拟)"
    r"(?:一下|一?[段份篇个则])?[^：:，,。]{0,16}?[：:，,]\s*"
)
_VERB = re.compile(
    r"^(?:请|帮我|帮忙|麻烦|给我|替我|为我)*\s*(?:起草|草拟|拟写|撰写|编写|整理|准备|写|拟)(?:一下|一?[段份篇个则])?"
)
_GENRE = re.compile(r"(?:迎检|督查|检查|汇报)?(?:汇报(?:材料|稿)?|材料|口径|报告|稿子?)$")
_HEAD = 300
_PEER_RANK = 12
_HALF_ORDER = {"上半年": 1, "": 2, "全年": 2, "下半年": 2}


def topic_of(prompt: str) -> str:
    """The prompt without the request around it ("帮我起草一段迎检汇报：市容环境整治" → 市容环境整治)."""
    text = to_simplified(prompt).strip().rstrip("。.！!？?")
    cut = _INSTRUCTION.sub("", text, count=1)
    if cut == text:
        cut = _VERB.sub("", text, count=1)
    cut = _GENRE.sub("", cut.strip()).strip(" 的：:，,")
    return cut or text


@dataclass(frozen=True)
class Scope:
    """The body and period a draft covers, and the documents that hold them."""

    doc_ids: tuple[str, ...]
    body: str  # as written in the documents (XX区城市管理局), or the canonical body
    place: str
    year: int | None
    half: str  # 上半年, 下半年, 全年 or ""
    named: bool  # the prompt named the year itself
    line: str  # the one line at the top of the draft that says which body and period

    @property
    def period(self) -> str:
        return f"{self.year}年{self.half if self.half != '全年' else ''}" if self.year else self.half


def who(place: str, body: str) -> str:
    """The body with its place, once ("西城区" + "区城市公用事业服务中心" → 西城区城市公用事业服务中心)."""
    if place and body[:1] in "省市区县" and place.endswith(body[0]):
        body = body[1:]
    return body if not place or place in body else f"{place}{body}"


def _half_of(meta: DocumentMeta) -> str:
    return meta.period if meta.period in ("上半年", "下半年", "全年") else ""


def _same_body(a: DocumentMeta, b: DocumentMeta, places_a: set[str], places_b: set[str]) -> bool:
    """Two documents of one body: the same kind of body of the same place (when neither names a
    place, the body as written must agree)."""
    if a.body != b.body:
        return False
    if places_a or places_b:
        return any(a_place in b_place or b_place in a_place for a_place in places_a for b_place in places_b)
    return compact(a.body_full) == compact(b.body_full)


def _places(meta: DocumentMeta, head: str) -> set[str]:
    """The places a document is about: its own place, else those its title and opening name."""
    return {meta.place} if meta.place else set(read_places(f"{meta.title} {head[:_HEAD]}"))


def _fits(meta: DocumentMeta, question: Question, text: str) -> bool:
    """The document is about what the prompt names: its years, half-year, places and bodies."""
    if question.years and not set(question.years) & set(meta.years):
        return False
    if question.halves and _half_of(meta) not in (*question.halves, "") and _half_of(meta) != "全年":
        return False
    if question.halves and _half_of(meta) == "全年" and "上半年" in question.halves:
        return False
    if question.places and not any(names_place(text, p) or p in meta.place for p in question.places):
        return False
    return not (question.bodies and meta.body and meta.body not in question.bodies)


def document_relevance(hits: list[Hit]) -> dict[str, float]:
    """doc_id → how well the document matches the topic: reciprocal ranks of its passages."""
    scores: dict[str, float] = {}
    for rank, hit in enumerate(hits):
        scores[hit.chunk.doc_id] = scores.get(hit.chunk.doc_id, 0.0) + 1.0 / (rank + 1)
    return scores


def choose_scope(prompt: str, hits: list[Hit], texts: dict[str, str]) -> Scope | None:
    """The body and period of the draft, from the prompt and the documents its topic retrieves
    (``texts``: doc_id → compacted text, for places). None: no document fits what the prompt names."""
    question = read_question(prompt)
    metas = {h.chunk.doc_id: h.meta or DocumentMeta() for h in hits}
    relevance = document_relevance(hits)
    first_rank = {h.chunk.doc_id: r for r, h in reversed(list(enumerate(hits)))}
    fitting = [d for d in relevance if _fits(metas[d], question, texts.get(d, ""))]
    if not fitting:
        return None
    best = max(fitting, key=lambda d: relevance[d])
    lead = metas[best]
    places = {d: _places(metas[d], texts.get(d, "")) for d in fitting}
    # Documents of the same body among the first results: the period is chosen among them.
    peers = [
        d
        for d in fitting
        if d == best or (first_rank[d] < _PEER_RANK and _same_body(metas[d], lead, places[d], places[best]))
    ]
    named = bool(question.years)
    if named:
        year = next((y for y in question.years if y in lead.years), lead.year)
        chosen = [d for d in peers if year is None or year in metas[d].years]
    else:
        latest = max(peers, key=lambda d: (metas[d].year or 0, _HALF_ORDER.get(_half_of(metas[d]), 2), relevance[d]))
        year = metas[latest].year
        chosen = [d for d in peers if metas[d].year == year and _half_of(metas[d]) == _half_of(metas[latest])]
        lead = metas[latest]
    chosen.sort(key=lambda d: -relevance[d])
    half = question.halves[0] if question.halves else _half_of(lead)
    body = to_simplified(lead.body_full or lead.body)
    place = to_simplified(lead.place or next(iter(sorted(places.get(best, set()))), ""))
    scope = Scope(tuple(chosen[:2]), body, place, year, half, named, "")
    writer = who(place, body)
    if named:
        line = f"本稿依据{writer or '已收录文件'}{scope.period}的材料起草。"
    else:
        line = f"提示未写明时段，按已收录文件中{writer or '该单位'}最新的时段（{scope.period or '未注明'}）起草。"
    return Scope(scope.doc_ids, body, place, year, half, named, line)
