"""Extractive answers: the retrieved passages' own sentences, chosen for the question,
with numbered citations, and a plain refusal when the passages do not hold the answer.

No language model is involved, so no figure can be invented: every sentence is copied
from a passage (converted to Simplified for display when the source is Traditional)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer.verify import unsupported_numbers
from assistant.index.tokenize import tokens as keyword_tokens
from assistant.ingest.split import match_heading
from assistant.models import Answer, Citation, Hit
from assistant.text import compact, normalize, to_simplified

_FIGURE_Q = re.compile(r"多少|几[个件处次项条人户座名万]|数量|数目|比例|比率|[率量数额]是|多大|多长|多高|金额|面积|户数|件数|完成率|处置率|分值|几分|多少分")
_WHEN_Q = re.compile(r"什么时候|何时|时间|期限|截止|哪天|几月|节点|时限|日期")
_LIST_Q = re.compile(r"哪些|有什么|措施|举措|做法|列出|包括|哪几|内容|方面")
_COMPARE_Q = re.compile(r"比较|对比|相比|分别|两[个份年家]|和.{1,12}(?:各|分别)|异同|差别|变化")
_GENERIC = set(
    "工作 情况 开展 主要 相关 方面 进行 哪些 什么 多少 如何 怎么 怎样 时候 时间 是否 有没有 今年 "
    "提到 报告 文件 文档 根据 按照 一下 介绍 说明 具体 要求 包括 内容 分别 各 共 累计 一共 总共 "
    "做 做了 完成 计划 目标 问题 措施 举措 做法 数量 多 少 年 月 日 及 或者 还是 其中 一些 全部 "
    "统计 哪里 构成 存在 规定 多长 几种 哪几 种 怎么样 什么样 特殊 各有 需要 方式 指出 提出 认为 说法 "
    "负责 多大 还有 采用 提到 涉及 有关 关于 对于 里 中 时 后 前".split()
)
_SENT = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’\"）)]*|$)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_HEADING_ONLY = re.compile(r"^[一二三四五六七八九十]+、[^。]{0,30}$")
_DEADLINE_ONLY = re.compile(r"^\s*完成时[间限][：:][^。]{0,30}。?$")
_MASKED_FIGURE = re.compile(r"\*\s*(?:[余多%％]|\.\s*\*|[件处个份次家台辆张座吨米人万宗起])")

NOT_FOUND = "未在已收录的文件中找到能回答该问题的内容。"


@dataclass
class _Sentence:
    hit: Hit
    rank: int
    position: int
    text: str  # original script, exact substring of the passage
    score: float = 0.0
    previous: str = ""  # the sentence before it in the passage (its context)


def question_keywords(question: str) -> list[str]:
    """Content words of a question: jieba tokens minus question words and generic terms."""
    seen, out = set(), []
    for token in keyword_tokens(question):
        if token in _GENERIC or token in seen or (len(token) == 1 and not token.isdigit()):
            continue
        seen.add(token)
        out.append(token)
    # Drop a word that is only part of a longer keyword already kept (垃圾 in 垃圾分类).
    return [t for t in out if not any(t != o and t in o for o in out)]


def coverage(keywords: list[str], text: str) -> float:
    """Share of keyword weight found in ``text`` (normalised); longer words weigh more."""
    if not keywords:
        return 0.0
    norm = compact(text)
    total = sum(min(len(k), 4) for k in keywords)
    return sum(min(len(k), 4) for k in keywords if k in norm) / total


# Words that name a document rather than a topic: they sit in titles, so they cannot show
# that a passage is about what the question asks.
_DOC_WORDS = set("城管局 城市管理局 文明办 文明委 市 区 县 报告 总结 工作总结 工作计划 测评体系 操作手册 上半年 下半年 全年 年度 xx 城市 文明城市 全国文明城市 创建 市容管理科 中心 服务中心".split())


def topical_keywords(keywords: list[str]) -> list[str]:
    """Question words that name the topic (not the document, year or body)."""
    return [
        k for k in keywords
        if k not in _DOC_WORDS and not re.fullmatch(r"(?:19|20)\d{2}", k) and not re.fullmatch(r".{1,4}[省市区县]", k)
    ]


def rarest(keywords: list[str], document_frequency: Callable[[str], int] | None) -> str | None:
    topical = topical_keywords(keywords)
    if not topical:
        return None
    if document_frequency is None:
        return max(topical, key=len)
    # Words the corpus never uses are often colloquial (区里, 算不算): they cannot be the focus.
    known = [k for k in topical if document_frequency(k) > 0]
    return min(known, key=lambda k: (document_frequency(k), -len(k))) if known else None


def answers_topic(sentence: "_Sentence", topical: list[str], focus: str | None) -> bool:
    """A sentence can answer when it (with its heading) says the rarest topic word, or when it
    and its passage's heading and title say most topic words."""
    if not topical:
        return True
    text = sentence.text + " " + sentence.hit.chunk.heading
    if focus is not None and focus in compact(text):
        return True
    return coverage(topical, text) >= 0.4 or coverage(topical, f"{text} {sentence.previous} {sentence.hit.title}") >= 0.5


def sentences_of(hit: Hit, rank: int) -> list[_Sentence]:
    texts = [m.group(0).strip() for m in _SENT.finditer(hit.chunk.text) if m.group(0).strip()]
    return [_Sentence(hit, rank, i, t, previous=texts[i - 1] if i else "") for i, t in enumerate(texts)]


def _context(hit: Hit) -> str:
    return f"{hit.title} {hit.chunk.heading}"


def _score(sentence: _Sentence, keywords: list[str], figure: bool, when: bool) -> float:
    text = sentence.text
    own = coverage(keywords, text)
    context = coverage(keywords, f"{_context(sentence.hit)} {sentence.previous} {text}")
    score = own + 0.5 * context - 0.04 * sentence.rank
    if match_heading(text) and len(text) < 40:
        score -= 0.5  # a bare heading repeats the context; it does not answer
    if len(compact(text)) < 12 and not when:
        score -= 0.3
    has_digit = bool(re.search(r"\d", text))
    if figure:
        score += 0.35 if has_digit else -0.2
    if when:
        score += 0.5 if re.search(r"完成时[间限]|\d+月|年底|年内|前完成", text) else -0.1
    return score


def _asked_bodies(question: str) -> set[str]:
    from assistant.ingest.meta import BODIES

    simple = to_simplified(question)
    return {canonical for pattern, canonical in BODIES if re.search(pattern, simple)}


def _consistent(sentence: "_Sentence", years: set[int], bodies: set[str]) -> bool:
    """The sentence's document is about a year and body the question asks for (when it names them)."""
    meta = sentence.hit.meta
    if years and not (years & set(meta.years if meta else []) or any(str(y) in sentence.hit.chunk.text for y in years)):
        return False
    if bodies and meta is not None and meta.body and meta.body not in bodies:
        return False
    return True


def _year_not_covered(question: str, hits: list[Hit]) -> str | None:
    """A year the question asks about that none of the retrieved documents is about."""
    asked = {int(y) for y in _YEAR.findall(to_simplified(question))}
    if not asked:
        return None
    for year in asked:
        for hit in hits:
            years = set(hit.meta.years if hit.meta else [])
            if year in years or str(year) in hit.chunk.text:
                break
        else:
            return f"{year}年"
    return None


def _shorten_for_figure(text: str, keywords: list[str]) -> str:
    """From a long sentence keep the clauses that hold a figure the question is about."""
    if len(text) <= 90:
        return text
    clauses = re.split(r"(?<=[，,；;：:])", text)
    kept = [c for c in clauses if re.search(r"\d", c) and coverage(keywords, c) > 0]
    if not kept:
        return text
    joined = "".join(kept).rstrip("，,；;：:")
    return joined + ("" if joined.endswith(("。", "！", "？")) else "。")


def _display(text: str) -> str:
    return to_simplified(text)


def _book_title(title: str) -> str:
    return f"《{title.strip('《》')}》"


def _is_masked(text: str, focus: list[str]) -> bool:
    """The figure asked for is replaced by ``*`` in the source (``责任书*余份``, ``确保*月``)."""
    clauses = re.split(r"[，,；;。]", text)
    relevant = [c for c in clauses if not focus or focus[0] in compact(c)] or clauses
    return any(re.search(r"\*", c) and not re.search(r"\d", re.sub(r"(?:19|20)\d{2}年", "", c)) for c in relevant)


def _list_items(best: _Sentence, siblings: Callable[[Hit], list[Hit]], keywords: list[str]) -> list[_Sentence]:
    """For "哪些…" questions: the first sentence of each item under the same heading."""
    items = []
    for rank, hit in enumerate(siblings(best.hit), start=1):
        if hit.chunk.chunk_id == best.hit.chunk.chunk_id:
            continue
        first = next((s for s in sentences_of(hit, best.rank + rank) if len(compact(s.text)) >= 6 and not _HEADING_ONLY.match(s.text)), None)
        if first is not None:
            items.append(first)
    return items[:9]


def cited_text(hit: Hit) -> str:
    """Everything a citation shows a reader: the passage, its deadline, heading and document title."""
    return f"{hit.title} {hit.chunk.heading} {hit.chunk.text} {hit.chunk.deadline}"


def refusal(question: str, hits: list[Hit], reason: str) -> Answer:
    text = NOT_FOUND if not reason else f"{NOT_FOUND}{reason}"
    if hits:
        text += "以下是最接近的段落，供参考。"
    return Answer(question=question, text=text, refused=True, related=hits[:3], notes=[reason] if reason else [])


def compose(
    question: str,
    hits: list[Hit],
    *,
    min_support: float = 0.5,
    max_sentences: int = 4,
    document_frequency: Callable[[str], int] | None = None,
    siblings: Callable[[Hit], list[Hit]] | None = None,
) -> Answer:
    """An extractive, cited answer to ``question`` from ``hits``, or a refusal.

    ``document_frequency`` (passages containing a word) picks the question's focus words;
    ``siblings`` returns the other items under the same heading, for list questions."""
    keywords = question_keywords(question)
    if not hits or not keywords:
        return refusal(question, hits, "")
    missing_year = _year_not_covered(question, hits)
    if missing_year:
        return refusal(question, hits, f"文件中没有{missing_year}的相关内容。")
    support = max(coverage(keywords, f"{_context(h)} {h.chunk.text}") for h in hits[:5])
    if support < min_support:
        return refusal(question, hits, "")
    figure, when = bool(_FIGURE_Q.search(question)), bool(_WHEN_Q.search(question))
    compare, listing = bool(_COMPARE_Q.search(question)), bool(_LIST_Q.search(question))
    topical = topical_keywords(keywords)
    focus = rarest(keywords, document_frequency)
    candidates = [s for rank, hit in enumerate(hits[:6]) for s in sentences_of(hit, rank)]
    for sentence in candidates:
        sentence.score = _score(sentence, keywords, figure, when)
    # The answering sentence must itself be about what is asked (or sit under a heading that is),
    # in a document of the year and body the question names.
    years = {int(y) for y in _YEAR.findall(to_simplified(question))}
    bodies = _asked_bodies(question)
    candidates = [c for c in candidates if answers_topic(c, topical, focus) and _consistent(c, years, bodies)]
    if not candidates:
        return refusal(question, hits, "")
    candidates.sort(key=lambda s: -s.score)
    best = candidates[0]
    if (figure or when) and _is_masked(best.text, [focus] if focus else []):
        return refusal(question, hits, "相关数字在原文中以“*”隐去，无法给出。")
    chosen = [best]
    if listing and siblings is not None and not compare:
        chosen += _list_items(best, siblings, keywords)
    per_hit = {id(best.hit): len(chosen)}
    docs = {best.hit.chunk.doc_id}
    limit = max_sentences * (2 if listing else 1)
    threshold = best.score * (0.55 if compare or listing else 0.75)
    for sentence in candidates[1:]:
        if len(chosen) >= limit or sentence.score < threshold:
            continue
        if per_hit.get(id(sentence.hit), 0) >= (limit if listing else 2):
            continue
        if compact(sentence.text) in {compact(c.text) for c in chosen}:
            continue
        if compare and sentence.hit.chunk.doc_id in docs:
            continue  # a comparison takes the best sentence of each document
        chosen.append(sentence)
        per_hit[id(sentence.hit)] = per_hit.get(id(sentence.hit), 0) + 1
        docs.add(sentence.hit.chunk.doc_id)
    # Lead with the best sentence, then keep document order within each passage.
    if listing and len(chosen) > 2:
        ordered = sorted(chosen, key=lambda s: (s.hit.chunk.doc_id, s.hit.chunk.ordinal, s.position))
    else:
        lead, rest = chosen[0], sorted(chosen[1:], key=lambda s: (s.rank, s.position))
        ordered = [lead] + rest
    citations: list[Citation] = []
    number_of: dict[str, int] = {}
    parts = []
    multi_doc = len({s.hit.chunk.doc_id for s in ordered}) > 1
    for sentence in ordered:
        chunk_id = sentence.hit.chunk.chunk_id
        if chunk_id not in number_of:
            number_of[chunk_id] = len(citations) + 1
            citations.append(Citation(number_of[chunk_id], sentence.hit))
        citation = citations[number_of[chunk_id] - 1]
        citation.spans.append(sentence.text)
        shown = _shorten_for_figure(sentence.text, keywords) if figure else sentence.text
        if when and _DEADLINE_ONLY.match(shown):
            # "完成时间：12月上旬。" alone does not say of what: lead with the item it closes.
            first = sentences_of(sentence.hit, sentence.rank)[0].text
            if first != sentence.text:
                citation.spans.insert(len(citation.spans) - 1, first)
                shown = first + shown
        elif sentence.hit.chunk.deadline and when and sentence.hit.chunk.deadline not in sentence.text:
            shown = shown.rstrip("。") + f"（完成时间：{sentence.hit.chunk.deadline}）。"
        prefix = f"{_book_title(_display(sentence.hit.title))}：" if multi_doc else ""
        parts.append(f"{prefix}{_display(shown)}[{citation.n}]")
    text = ("\n" if multi_doc or (listing and len(parts) > 2) else "").join(parts)
    answer = Answer(question=question, text=text, refused=False, citations=citations, related=hits[len(citations):][:3])
    missing = unsupported_numbers(text, [cited_text(c.hit) for c in citations])
    if missing:  # cannot happen for copied sentences; kept as the last line of defence
        return refusal(question, hits, f"（答案中的数字 {'、'.join(missing)} 无法在引用段落中核实，已拦截。）")
    return answer
