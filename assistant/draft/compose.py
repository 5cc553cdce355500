"""Drafting mode: an inspection report (迎检汇报) about one body and one period, in the
convention of a 汇报 (基本情况 / 主要做法和成效 / 存在问题 / 下步打算), every sentence a cited
sentence of the documents whose figures are verified against the passage it cites."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.answer.candidates import candidates_of
from assistant.answer.cite import hit_citer
from assistant.answer.features import coverage, says
from assistant.answer.render import NOT_FOUND, book_title, cited_text
from assistant.answer.verify import unsupported_numbers
from assistant.draft.lists import listed
from assistant.draft.period import Scope, choose_scope, topic_of, who
from assistant.draft.sections import HEADINGS, Part, Placed, place
from assistant.draft.sentences import masks_figure
from assistant.index.store import Filters
from assistant.models import Answer, Chunk, Citation, Document, Hit
from assistant.periods import TIME_TEXT
from assistant.places import places_known_in, read_places
from assistant.question import read_bodies, read_question
from assistant.question_words import content_words
from assistant.text import compact, to_simplified

SOURCES_HEADING = "数据来源"
MASKED_NOTE = "注：来源文件以“*”遮盖了部分数字，本稿略去了{n}处含遮盖数字的内容。"
_CN_ORDINALS = "一二三四五六七八九十"
# Words that frame a report rather than name its topic.
_FRAME = re.compile(
    r"上半年|下半年|全年|年度|今年|工作|情况|汇报|总结|迎检|材料|开展|主要|有关|相关|方面|进展|这块|那次|这边|目前"
    r"|存在|突出|问题|不足|哪些|怎么|下一步|下步|打算|安排|整改|成效|做法|我市|我区|我县|全市|全区|全县"
)
# The parts a prompt asks for by name ("存在哪些问题、下一步怎么整改"): those get more room.
_ASKS_PART: dict[Part, re.Pattern[str]] = {
    "problem": re.compile(r"问题|不足|短板|差距"),
    "plan": re.compile(r"下一步|下步|打算|安排|计划|整改|重点工作|工作要点|部署"),
}
# At most this many sentences per part: a draft is read in a few minutes.
LIMITS: dict[Part, int] = {"basic": 3, "result": 24, "problem": 6, "plan": 10}
ASKED_LIMIT = 14  # for a part the prompt asks for by name
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_FIGURE_WEIGHT = 0.05
_SEARCH_DEPTH = 24
_PLACE_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}(?:新区|市|区|县|镇|乡|街道)$")
_SCOPE_DEPTH = 16
_NEAR_RANK = 8  # a passage this close to the top of the scope's search is about the topic even unsaid
# Totals, rates and rankings: the figures a report leads with.
_KEY_FIGURE = re.compile(r"共计?|累计|总计|合计|全年|排名|第[一二三]|率")
_KEY_WEIGHT = 0.1
# A sentence that goes on with the one before it (并…, 并且…, 且…): it shares its part.
_GOES_ON = re.compile(r"^(?:并且?|且|还将)(?![且非不])")


class DraftSource(Protocol):
    """What drafting reads: retrieval, and the documents it chooses from."""

    def search(self, query: str, k: int | None = ..., filters: Filters | dict[str, Any] | None = ...) -> list[Hit]: ...

    def document(self, doc_id: str) -> tuple[Document, list[Chunk]] | None: ...

    def document_places(self) -> frozenset[str]: ...


@dataclass
class _Pick:
    placed: Placed
    order: tuple[int, int, int]  # document, passage, sentence (and piece): the order of the source
    relevance: float


def _focus(topic: str, scope: Scope) -> list[str]:
    """The topic's own words: without years, places, the body and the words that frame any report."""
    stripped = _FRAME.sub(" ", TIME_TEXT.sub(" ", topic))
    who = compact(f"{scope.body}{scope.place}")
    places = set(read_places(topic))
    return [
        w
        for w in content_words(stripped)
        if w not in places and not _PLACE_WORD.search(w) and not says(who, w) and not read_bodies(w)
    ]


def _place_named(topic: str, scope: Scope) -> str:
    """The place the prompt names (大鹏新区), else the documents' own."""
    named = list(read_places(topic)) + [w for w in content_words(topic) if _PLACE_WORD.search(w)]
    return to_simplified(named[0]) if named else scope.place


def _title(topic: str, scope: Scope, focus: list[str]) -> str:
    writer = who(_place_named(topic, scope), scope.body)
    subject = "".join(focus[:4])
    about = f"{scope.period}{subject}" if subject else scope.period
    return f"{writer}关于{about}工作情况的汇报" if writer else f"关于{about}工作情况的汇报"


def _chunks_in_scope(source: DraftSource, topic: str, scope: Scope, focus: list[str]) -> list[tuple[int, Hit, float]]:
    """(document order, hit, relevance) of the passages of the scope's documents about the topic."""
    scoped = source.search(topic, k=_SCOPE_DEPTH, filters={"doc_ids": list(scope.doc_ids)})
    rank_of = {h.chunk.chunk_id: r for r, h in enumerate(scoped)}
    hit_of = {h.chunk.chunk_id: h for h in scoped}
    weights = dict.fromkeys(focus, 1.0)
    out: list[tuple[int, Hit, float]] = []
    for doc_order, doc_id in enumerate(scope.doc_ids):
        found = source.document(doc_id)
        if found is None:
            continue
        document, chunks = found
        for chunk in chunks:
            rank = rank_of.get(chunk.chunk_id)
            said = coverage(focus, weights, compact(f"{chunk.heading} {chunk.text}")) if focus else 1.0
            relevance = said + (1.0 / (1 + rank) if rank is not None else 0.0)
            if focus and said == 0 and (rank is None or rank >= _NEAR_RANK):
                continue
            hit = hit_of.get(chunk.chunk_id) or Hit(chunk, 0.0, document.meta.title, document.source, document.meta)
            out.append((doc_order, hit, relevance))
    return out


def _gather(
    passages: list[tuple[int, Hit, float]], focus: list[str], ends: frozenset[str] = frozenset()
) -> tuple[list[_Pick], int]:
    """The placed sentences of the passages, and how many were left out for a masked figure
    (``ends``: the ids of passages that end their document, where the text may break off)."""
    picks: list[_Pick] = []
    seen: set[str] = set()
    masked = 0
    weights = dict.fromkeys(focus, 1.0)
    for doc_order, hit, relevance in passages:
        kind = hit.meta.kind if hit.meta else ""
        before: Part | None = None  # the part of the sentence before, in this passage
        candidates = candidates_of(hit, doc_order)
        for placed in listed(candidates, kind):  # one-item-a-line lists, as one statement each
            if compact(placed.text) not in seen and not unsupported_numbers(placed.text, [cited_text(hit)]):
                seen.add(compact(placed.text))
                said = _FIGURE_WEIGHT * min(len(_FIGURE.findall(placed.text)), 5) + _KEY_WEIGHT
                order = (doc_order, hit.chunk.ordinal, placed.candidate.position * 2)
                picks.append(_Pick(placed, order, relevance + said))
        for candidate in candidates:
            placed_all = place(candidate, kind, hit.title, hit.chunk.chunk_id in ends)
            if not placed_all:
                masked += masks_figure(candidate.text)
                continue
            masked += placed_all[0].masked > 0
            only = placed_all[0] if len(placed_all) == 1 else None
            if before == "plan" and only and (_GOES_ON.match(only.text) or not only.cued):
                only.part = "plan"  # "并根据…兑现", or a sentence that says nothing of itself, goes on with the plan
            before = placed_all[-1].part
            for piece, placed in enumerate(placed_all):
                if compact(placed.text) in seen or unsupported_numbers(placed.text, [cited_text(hit)]):
                    continue  # cleaning never adds a figure; a sentence it cannot verify is not shown
                seen.add(compact(placed.text))
                said = coverage(focus, weights, compact(placed.text)) if focus else 0.0
                said += _FIGURE_WEIGHT * min(len(_FIGURE.findall(placed.text)), 5)  # more figures, more facts
                said += _KEY_WEIGHT * bool(_KEY_FIGURE.search(placed.text))
                order = (doc_order, hit.chunk.ordinal, candidate.position * 2 + piece)
                picks.append(_Pick(placed, order, relevance + said))
    return picks, masked


def _limits(topic: str) -> dict[Part, int]:
    limits = dict(LIMITS)
    for part, pattern in _ASKS_PART.items():
        if pattern.search(topic):
            limits[part] = ASKED_LIMIT
    return limits


def _select(picks: list[_Pick], limits: dict[Part, int]) -> dict[Part, list[_Pick]]:
    """Per part, the most relevant sentences (results with figures first), in source order."""
    chosen: dict[Part, list[_Pick]] = {}
    for part, _ in HEADINGS:
        own = [p for p in picks if p.placed.part == part]
        if part in ("result", "plan"):
            with_figure = sorted((p for p in own if p.placed.has_figure), key=lambda p: -p.relevance)
            without = sorted((p for p in own if not p.placed.has_figure), key=lambda p: -p.relevance)
            best = with_figure[: limits[part]]
            best += without[: limits[part] - len(best)]
        else:
            best = sorted(own, key=lambda p: -p.relevance)[: limits[part]]
        if best:
            chosen[part] = sorted(best, key=lambda p: p.order)
    return chosen


def _groups(picks: list[_Pick]) -> list[tuple[str, list[_Pick]]]:
    """Results grouped under their source headings (second level) when there are a few of them."""
    groups: dict[str, list[_Pick]] = {}
    for pick in picks:
        groups.setdefault(pick.placed.subheading, []).append(pick)
    if len(groups) < 2 or len(groups) > 6 or "" in groups:
        return [("", picks)]
    return list(groups.items())


def _sentence(pick: _Pick, citer: Any) -> dict[str, Any]:
    citation: Citation = citer.cite(pick.placed.candidate.hit)
    for span in pick.placed.candidate.spans:
        if span not in citation.spans:
            citation.spans.append(span)
    return {"text": pick.placed.text, "citation": citation.n}


def _source_line(citation: Citation) -> str:
    hit = citation.hit
    section = to_simplified(hit.chunk.heading.split(" > ")[-1]) if hit.chunk.heading else "正文"
    return f"[{citation.n}] {book_title(to_simplified(hit.title or hit.source))}（{hit.source}）{section}"


def compose_draft(prompt: str, source: DraftSource, filters: Filters | dict[str, Any] | None = None) -> Answer:
    """The draft for ``prompt`` ("帮我起草一段迎检汇报：市容环境整治上半年工作"), or a refusal that
    says why when no document fits the body and period it names."""
    topic = topic_of(prompt)
    hits = source.search(topic, k=_SEARCH_DEPTH, filters=filters)
    texts = {}
    for doc_id in dict.fromkeys(h.chunk.doc_id for h in hits):
        found = source.document(doc_id)
        texts[doc_id] = compact(found[0].text) if found else ""
    # The prompt is read with the places the retrieved texts write and the cities the corpus is
    # about, as the answerer reads a question: a city no retrieved passage names is still a place.
    known = places_known_in(texts.values()) | source.document_places()
    scope = choose_scope(topic, hits, texts, known)
    if scope is None:
        question = read_question(topic, known)
        named = "、".join([f"{y}年" for y in question.years] + list(question.halves) + list(question.places))
        why = f"已收录的文件中没有{named}的相关材料。" if named else ""
        return Answer(question=prompt, text=f"{NOT_FOUND}{why}", refused=True, related=hits[:3], mode="draft")
    titles = compact(" ".join(h.title for h in hits if h.chunk.doc_id in scope.doc_ids))
    focus = [w for w in _focus(topic, scope) if not says(titles, w)]  # the documents' whole subject
    weights = dict.fromkeys(focus, 1.0)
    if focus and not any(coverage(focus, weights, compact(f"{h.chunk.heading} {h.chunk.text}")) >= 0.5 for h in hits):
        return Answer(question=prompt, text=NOT_FOUND, refused=True, related=hits[:3], mode="draft")
    passages = _chunks_in_scope(source, topic, scope, focus)
    ends = frozenset(found[1][-1].chunk_id for d in scope.doc_ids if (found := source.document(d)) and found[1])
    picks, masked = _gather(passages, focus, ends)
    chosen = _select(picks, _limits(topic))
    if not chosen:
        return Answer(question=prompt, text=NOT_FOUND, refused=True, related=hits[:3], mode="draft")
    return _answer(prompt, topic, scope, focus, chosen, masked)


def _answer(
    prompt: str, topic: str, scope: Scope, focus: list[str], chosen: dict[Part, list[_Pick]], masked: int
) -> Answer:
    citer = hit_citer()
    title = _title(topic, scope, focus)
    sections: list[dict[str, Any]] = []
    lines = [title, scope.line]
    number = 0
    for part, name in HEADINGS:
        if part not in chosen:
            continue
        heading = f"{_CN_ORDINALS[number]}、{name}"
        number += 1
        groups = _groups(chosen[part]) if part == "result" else [("", chosen[part])]
        first: dict[str, Any] = {"heading": heading, "level": 1, "sentences": []}
        sections.append(first)
        lines.append(heading)
        for index, (subheading, picks) in enumerate(groups):
            sentences = [_sentence(p, citer) for p in picks]
            if subheading:
                sub = f"（{_CN_ORDINALS[index]}）{subheading}"
                sections.append({"heading": sub, "level": 2, "sentences": sentences})
                lines.append(sub)
            else:
                first["sentences"] = sentences
            lines.append("".join(f"{s['text']}[{s['citation']}]" for s in sentences))
    notes = [scope.line]
    if masked:
        notes.append(MASKED_NOTE.format(n=masked))
    lines.append(SOURCES_HEADING)
    lines.extend(_source_line(c) for c in citer.citations)
    lines.extend(notes[1:])
    return Answer(
        question=prompt,
        text="\n".join(lines),
        refused=False,
        citations=citer.citations,
        mode="draft",
        sections=sections,
        notes=notes,
    )


def draft_title(answer: Answer) -> str:
    """The title line of a draft answer."""
    return answer.text.split("\n", 1)[0]


def sources_of(answer: Answer) -> Iterable[str]:
    return (_source_line(c) for c in answer.citations)
