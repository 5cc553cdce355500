"""Which documents a draft is about: one body (with its place) and one period.

The prompt is read by the one question reader (years, halves, places, bodies). A period the
prompt names is kept; without one, the draft takes the latest period that the corpus holds for
the body the prompt implies (the body of the documents that match the topic best), and says so
in one line at the top."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.corpus import profile_of
from assistant.divisions import finest, names_place, place_level
from assistant.models import DocumentMeta, Hit
from assistant.places import read_places
from assistant.question import Question, read_bodies, read_question
from assistant.text import compact, to_simplified

# The request in a prompt, wherever it stands: "帮我起草一段迎检汇报：…", "…，帮我写一份迎检汇报",
# "写个督查口径：…", "…，帮我整理成迎检汇报口径". From the verb on, a clause is about the writing.
_VERB = (
    r"(?:请|帮我|帮忙|麻烦|给我|替我|为我)*\s*(?:再|重新)?(?:起草|草拟|拟写|撰写|编写|整理成?|准备|写个|写一|写)"
    r"(?:一下|一?[段份篇个则])?"
)
_LEADING_REQUEST = re.compile(rf"^{_VERB}")  # "起草2021年…汇报": the rest of the clause is the topic
_REQUEST = re.compile(rf"{_VERB}.*$")  # "…工作帮我写一份": the rest of the clause is the request
# Clauses that say what the draft is for or how it should be, not what it is about.
_ASIDE = re.compile(r"要有数据|迎接.{0,10}(?:测评|检查|督查)|测评要用|检查要用|督查要|马上|以便|用于")
_GENRE = re.compile(r"(?:迎检|督查|检查)?(?:汇报(?:材料|稿|口径)?|材料|口径|报告|稿子?)$")
_CLAUSES = re.compile(r"[，,：:；;。！!？?（）()\s]+")
_HEAD = 300
_BODY_CHARS = 1000
_PEER_RANK = 12
_PEER_SHARE = 0.5  # of the best document's relevance, for a peer of another body
_HALF_ORDER = {"上半年": 1, "": 2, "全年": 2, "下半年": 2}


def topic_of(prompt: str) -> str:
    """What the draft is about: the prompt without the request and the asides around it
    ("帮我起草一段迎检汇报：市容环境整治" → 市容环境整治; "XX区城市管理局2023年工作，帮我写一份
    迎检汇报，要有数据" → XX区城市管理局2023年工作)."""
    text = to_simplified(prompt).strip()
    kept = []
    for clause in _CLAUSES.split(text):
        led = _LEADING_REQUEST.sub("", clause)
        clause = (led if led != clause else _REQUEST.sub("", clause)).strip()
        if not clause or _ASIDE.search(clause):
            continue
        clause = _GENRE.sub("", clause).rstrip("的")
        if clause:
            kept.append(clause)
    return " ".join(kept) or text


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
    if body.startswith("中央"):  # a national body has no place of its own
        return body
    if place and body and body[0] in "省市区县" and place.endswith(body[0]):
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


def _silent_on_places(meta: DocumentMeta, text: str, named: tuple[str, ...]) -> bool:
    """The document names no place as large as the ones the prompt names (a city's report that
    speaks only of its streets and towns): it does not say it is about another place."""
    level = min(place_level(p) for p in named)
    own = {meta.place} | set(read_places(text)) if meta.place else set(read_places(text))
    return not any(place_level(p) <= level for p in own if p)


def _fits(meta: DocumentMeta, question: Question, text: str, lenient: bool = False) -> bool:
    """The document is about what the prompt names: its years, half-year, places and bodies.
    ``lenient``: a document silent on the year (none known) or on the place (none as large as the
    one named) is not taken as about another."""
    if question.years and not set(question.years) & set(meta.years) and not (lenient and not meta.years):
        return False
    if question.halves and _half_of(meta) not in (*question.halves, "") and _half_of(meta) != "全年":
        return False
    if question.halves and _half_of(meta) == "全年" and "上半年" in question.halves:
        return False
    named_place = not question.places or _names_asked_place(meta, question, text)
    if not named_place and not (lenient and _silent_on_places(meta, text, question.places)):
        return False
    if not question.bodies or not meta.body or meta.body in question.bodies:
        return True
    return bool(set(read_bodies(text[:_BODY_CHARS])) & set(question.bodies))  # its metadata may name another


def _names_asked_place(meta: DocumentMeta, question: Question, text: str) -> bool:
    """The document names the finest place the prompt names (the district of 枫岙市北麓区, not
    the city only), in its text or as its own place."""
    return any(names_place(text, p) or p in meta.place for p in finest(question.places))


def _agrees(meta: DocumentMeta, question: Question, text: str) -> bool:
    """The document says one of the things the prompt names of itself: a year, a month, a place or a body."""
    return bool(
        set(question.years) & set(meta.years)
        or any(f"{m}月" in text for m in question.months)
        or _names_asked_place(meta, question, text)
        or (meta.body and meta.body in question.bodies)
    )


def _with_profile_years(hit: Hit, text: str) -> DocumentMeta:
    """The document's metadata with every year its profile names (2021~2022年 is about both)."""
    meta = hit.meta or DocumentMeta()
    extra = sorted(profile_of(hit.chunk.doc_id, text, meta).years - set(meta.years))
    return replace(meta, years=[*meta.years, *extra])


def document_relevance(hits: list[Hit]) -> dict[str, float]:
    """doc_id → how well the document matches the topic: reciprocal ranks of its passages."""
    scores: dict[str, float] = {}
    for rank, hit in enumerate(hits):
        scores[hit.chunk.doc_id] = scores.get(hit.chunk.doc_id, 0.0) + 1.0 / (rank + 1)
    return scores


def choose_scope(
    prompt: str, hits: list[Hit], texts: dict[str, str], known_places: frozenset[str] = frozenset()
) -> Scope | None:
    """The body and period of the draft, from the prompt and the documents its topic retrieves
    (``texts``: doc_id → compacted text, for places; ``known_places``: the places beyond the
    national list they name). None: no document fits what the prompt names."""
    question = read_question(prompt, known_places)
    metas = {h.chunk.doc_id: _with_profile_years(h, texts.get(h.chunk.doc_id, "")) for h in hits}
    relevance = document_relevance(hits)
    first_rank = {h.chunk.doc_id: r for r, h in reversed(list(enumerate(hits)))}
    fitting = [d for d in relevance if _fits(metas[d], question, texts.get(d, ""))]
    # None fits: the best document that is only silent on the year or place the prompt names.
    # It must agree with something else the prompt names (a place, a year, a body), never be taken on topic alone.
    silent = not fitting and bool(question.years or question.places)
    if silent:
        lenient = [
            d
            for d in relevance
            if _fits(metas[d], question, texts.get(d, ""), lenient=True)
            and _agrees(metas[d], question, texts.get(d, ""))
        ]
        fitting = sorted(lenient, key=lambda d: -relevance[d])[:1]
    # A month the prompt names ("9月下旬") narrows the documents to those that name it, if any do.
    in_month = [d for d in fitting if any(f"{m}月" in compact(texts.get(d, "")) for m in question.months)]
    fitting = in_month or fitting
    if not fitting:
        return None
    # A year the prompt names: a document of that year before one that only mentions it (its plans for the next);
    # then the report of the finest place named (北麓区's own summary) before a city's that mentions it.
    own_year = {d: metas[d].year in question.years for d in fitting}
    own_place = {d: any(p in metas[d].place for p in finest(question.places)) for d in fitting}
    best = max(fitting, key=lambda d: (own_year[d], own_place[d], relevance[d]))
    lead = metas[best]
    places = {d: _places(metas[d], texts.get(d, "")) for d in fitting}
    # Documents of the same body among the first results: the period is chosen among them.
    # A prompt that names no body implies the one doing its topic in that place: documents of the
    # same place that match the topic nearly as well are of it too (a series of monthly evaluations
    # after the news of its launch).
    peers = [
        d
        for d in fitting
        if d == best
        or (
            first_rank[d] < _PEER_RANK
            and (
                _same_body(metas[d], lead, places[d], places[best])
                or (
                    not question.bodies
                    and bool(places[d] & places[best])
                    and relevance[d] >= _PEER_SHARE * relevance[best]
                )
            )
        )
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
    chosen.sort(key=lambda d: (not own_year[d], -relevance[d]))
    half = question.halves[0] if question.halves else _half_of(lead)
    # The body as the documents write it, unless its metadata names another than the prompt does.
    misread = bool(question.bodies) and lead.body not in question.bodies
    written = lead.body_full if lead.body_full and lead.body in read_bodies(lead.body_full) else lead.body
    body = question.bodies[0] if misread else to_simplified(written)
    place = to_simplified(lead.place or next(iter(sorted(places.get(best, set()))), ""))
    text = texts.get(best, "")
    # The place the prompt names, as the title has it: the document names it (or only its parts).
    unsaid = [p for p in question.places if not (names_place(text, p) or p in lead.place)] if silent else []
    place = to_simplified(question.places[0]) if question.places else place
    scope = Scope(tuple(chosen[:2]), body, place, year, half, named, "")
    writer = who(place, body) or "已收录文件"
    if silent:
        said = "、".join([f"{y}年" for y in question.years if y not in lead.years] + unsaid)
        line = f"本稿依据{writer}{scope.period}的材料起草；材料本身未写明{said}，系按提示所述选用。"
    elif named:
        line = f"本稿依据{writer}{scope.period}的材料起草。"
    elif scope.period:
        line = f"提示未写明时段，按已收录文件中{writer}最新的时段（{scope.period}）起草。"
    else:
        line = f"提示未写明时段，所依据的{writer}材料也未注明年份。"
    return Scope(scope.doc_ids, body, place, year, half, named, line)
