"""Extractive answers: the retrieved passages' own sentences, chosen for the question,
with numbered citations, and a plain refusal when the passages do not hold the answer.

No language model is involved, so no figure can be invented: every sentence is copied
from a passage (converted to Simplified for display when the source is Traditional)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer.cite import hit_citer
from assistant.answer.intent import FRAME_WORDS, Intent, classify, states_plan
from assistant.answer.verify import unsupported_numbers
from assistant.index.tokenize import tokens as keyword_tokens
from assistant.ingest.split import match_heading
from assistant.models import Answer, Citation, Hit
from assistant.text import compact, fold_width, to_simplified

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
NOT_FOUND_RESULT = "未在已收录的文件中找到实际完成的结果；文件中只有以下计划目标（是目标，不是实际完成情况）："

# "5、评分方法:采" at the end of a passage: a short label whose value the excerpt cut off (one or
# two characters after the colon, no figure, no closing punctuation). A lead-in that ends with a
# colon ("现将工作情况汇报如下：") is not cut: its content follows in the next passage.
_CUT_LABEL = re.compile(r"^[^:：。！？；!?;]{1,15}[:：]\s*[^\d\s。！？；!?;:：…”’\"）)]{1,2}$")
# An item's own numbering: "（一）", "3、", "二是".
NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．]|[一二三四五六七八九十]{1,3}是)\s*")
# "X的样本量是多少": the quantity asked for, which a passage must name to answer; a quantity's
# name ends in 率/量/数/额/值/分/价/费/款/度.
_ASKED_QUANTITY = re.compile(r"([^，,。？?；;、\s]+?)(?:是|为)多少")
_QUANTITY_ENDINGS = "率量数额值分价费款度"
# Names of a kind of figure rather than of a thing: the figure itself answers them (比例 → 110%).
_FIGURE_KINDS = set("比例 比率 占比 百分比 数量 数目 数字 总数 总量 个数 次数 人数 户数 件数 金额 面积 长度 里程 规模 多少".split())


@dataclass
class _Sentence:
    hit: Hit
    rank: int
    position: int
    text: str  # original script, exact substring of the passage
    score: float = 0.0
    previous: str = ""  # the sentence before it in the passage (its context)
    last: bool = False  # the passage's last sentence


def question_keywords(question: str) -> list[str]:
    """Content words of a question: jieba tokens minus question words and generic terms."""
    seen, out = set(), []
    for token in keyword_tokens(question):
        if token in _GENERIC or token in FRAME_WORDS or token in seen or (len(token) == 1 and not token.isdigit()):
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


# A place name (西城区, 浙江省); 小区, 街区, 社区 … name a kind of place, which is a topic.
_PLACE = re.compile(r"(?!.*(?:小区|街区|社区|景区|园区|片区|校区)$).{1,4}[省市区县]")


# Document kinds (assistant.ingest.meta.KINDS) that set standards rather than report work.
ASSESSMENT_KINDS = {"测评体系", "考察标准"}

# Places a question may name that are not one place: 我区, 全市, 各县区, 主城区 …
_NOT_A_PLACE = re.compile(r"^(?:我|全|本|该|各|咱们?|辖|主城|老城|中心城|城|市|县|郊)")


def asked_places(question: str, keywords: list[str]) -> list[str]:
    """The districts, counties and cities a question names (西城区, 亭湖区, XX区; not 城区, 全市)."""
    places = [k for k in keywords if len(k) >= 3 and _PLACE.fullmatch(k) and not _NOT_A_PLACE.match(k)]
    places += [m.lower() for m in re.findall(r"[A-Za-z]{1,3}[区县市]", fold_width(question))]  # XX区: a name withheld
    return list(dict.fromkeys(p for p in places if not any(p != o and p in o for o in places)))


# "几座", "多少户", "多少万元", "多少钱": the unit a figure question counts in.
_ASKED_UNIT = re.compile(
    r"(?:多少|(?<!哪)几)(?:万|亿)?(平方米|平米|公里|千米|人次|辆次|个|件|处|座|条|户|人|名|项|次|家|所|辆|台|棵|株|米|吨|块|起|宗|场|批|栋|幢|间|元|支|套)"
    r"|(多少钱|花了多少|经费|预算)"
)


def asked_units(question: str) -> list[str]:
    """The units a figure question asks to count in ("多少处…多少支" → 处, 支; money → 元)."""
    return list(dict.fromkeys(m.group(1) or "元" for m in _ASKED_UNIT.finditer(to_simplified(question))))


def _counts_in(unit: str, text: str) -> bool:
    """The text gives a number in ``unit`` (18座, 2万余人, 1.2亿元, 3个)."""
    return bool(re.search(rf"[\d０-９一二三四五六七八九十百千两]+(?:\.\d+)?\s*(?:余|多)?\s*(?:万|亿)?\s*(?:余|多)?\s*{unit}",
                          compact(text)))


def topical_keywords(keywords: list[str]) -> list[str]:
    """Question words that name the topic (not the document, year or body)."""
    return [
        k for k in keywords
        if k not in _DOC_WORDS and not re.fullmatch(r"(?:19|20)\d{2}", k) and not _PLACE.fullmatch(k)
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
    and its passage's heading and title say most topic words. The title only says which document
    is asked about, so then the sentence must still say a topic word of its own that the title
    does not (a 小区 standard does not answer about 农贸市场 because both sit in one standard)."""
    if not topical:
        return True
    text = sentence.text + " " + sentence.hit.chunk.heading
    if focus is not None and focus in compact(text):
        return True
    if coverage(topical, text) >= 0.4:
        return True
    if coverage(topical, f"{text} {sentence.previous} {sentence.hit.title}") < 0.5:
        return False
    title = compact(sentence.hit.title)
    own = compact(f"{text} {sentence.previous}")
    return any(k in own for k in topical if k not in title)


def sentences_of(hit: Hit, rank: int) -> list[_Sentence]:
    texts = [m.group(0).strip() for m in _SENT.finditer(hit.chunk.text) if m.group(0).strip()]
    return [_Sentence(hit, rank, i, t, previous=texts[i - 1] if i else "", last=i == len(texts) - 1)
            for i, t in enumerate(texts)]


def _cut_off(sentence: _Sentence) -> bool:
    """The passage ends right after a label whose value is missing ("5、评分方法:采"): the excerpt
    was cut short there, so the sentence cannot answer about that label."""
    return sentence.last and bool(_CUT_LABEL.search(sentence.text.strip()))


def _only_cut_off(candidates: list[_Sentence], focus: str) -> tuple[str, Hit] | None:
    """The label ("评分方法") and passage when the focus word is said only where the excerpt
    breaks off: what is asked was cut away."""
    saying = [c for c in candidates if focus in compact(f"{c.hit.chunk.heading} {c.text}")]
    if not saying or not all(_cut_off(c) for c in saying):
        return None
    label = re.split(r"[:：]", saying[0].text)[0].strip()
    return NUMBERING.sub("", label).strip() or focus, saying[0].hit


def _says(sentence: _Sentence, word: str | None) -> bool:
    """The sentence, its heading or the sentence before it says ``word`` (always, for no word)."""
    if not word:
        return True
    return word in compact(f"{sentence.hit.chunk.heading} {sentence.previous} {sentence.text}")


def _asked_quantity(question: str) -> str | None:
    """The named quantity a figure question asks for ("问卷调查的样本量是多少" → 样本量), or None."""
    match = _ASKED_QUANTITY.search(to_simplified(question))
    if not match:
        return None
    words = keyword_tokens(match.group(1))
    if not words:
        return None
    word = words[-1]
    if len(word) == 1 and len(words) > 1 and words[-2] + word in compact(match.group(1)):
        word = words[-2] + word  # 修复 + 率
    if len(word) < 2 or word[-1] not in _QUANTITY_ENDINGS or word in _FIGURE_KINDS or word in _GENERIC:
        return None
    return word


def _absent_quantity(question: str, intent: Intent, chosen: list[_Sentence]) -> str | None:
    """The quantity a figure question names ("样本量是多少") when no cited passage names it."""
    quantity = _asked_quantity(question) if intent.figure else None
    if quantity and not any(quantity in compact(cited_text(s.hit)) for s in chosen):
        return quantity
    return None


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
    mentions: Callable[[str, str], bool] | None = None,
) -> Answer:
    """An extractive, cited answer to ``question`` from ``hits``, or a refusal.

    ``document_frequency`` (passages containing a word) picks the question's focus words;
    ``siblings`` returns the other items under the same heading, for list questions;
    ``mentions(doc_id, word)`` tells whether a document names a place the question asks about."""
    keywords = question_keywords(question)
    if not hits or not keywords:
        return refusal(question, hits, "")
    missing_year = _year_not_covered(question, hits)
    if missing_year:
        return refusal(question, hits, f"文件中没有{missing_year}的相关内容。")
    support = max(coverage(keywords, f"{_context(h)} {h.chunk.text}") for h in hits[:5])
    if support < min_support:
        return refusal(question, hits, "")
    intent = classify(question)
    topical = topical_keywords(keywords)
    focus = rarest(keywords, document_frequency)
    candidates = [s for rank, hit in enumerate(hits[:6]) for s in sentences_of(hit, rank)]
    cut = _only_cut_off(candidates, focus) if focus is not None else None
    if cut is not None:
        label, hit = cut
        return refusal(question, hits, f"{_book_title(_display(hit.title))}原文在“{_display(label)}”处截断，没有具体内容。")
    candidates = [c for c in candidates if not _cut_off(c)]
    for sentence in candidates:
        sentence.score = _score(sentence, keywords, intent.figure, intent.when)
    # The answering sentence must itself be about what is asked (or sit under a heading that is),
    # in a document of the year and body the question names.
    years = {int(y) for y in _YEAR.findall(to_simplified(question))}
    bodies = _asked_bodies(question)
    candidates = [c for c in candidates if answers_topic(c, topical, focus) and _consistent(c, years, bodies)]
    if not candidates:
        return refusal(question, hits, "")
    places = asked_places(question, keywords)
    if places and mentions is not None and not intent.compare:
        # A district's figure does not answer for another district: the sentence's document
        # must name (one of) the places asked about. (Comparisons may name a place for one side.)
        candidates = [c for c in candidates if any(mentions(c.hit.chunk.doc_id, p) for p in places)]
        if not candidates:
            return refusal(question, hits, f"文件中没有关于“{'、'.join(places)}”的内容。")
    candidates.sort(key=lambda s: -s.score)
    plans_only = False
    if intent.result:
        # An actual result is asked for: a target or plan does not answer it.
        done = [c for c in candidates if not states_plan(c.text, c.hit.chunk.heading)]
        plans_only = not done or done[0].score < 0.75 * candidates[0].score
        candidates = [c for c in candidates if states_plan(c.text, c.hit.chunk.heading)] if plans_only else done
    about_a_report = bool(years or bodies)  # "2024年市文明办对照测评体系…": what a report did
    if intent.criteria and not about_a_report and any(h.meta is not None and h.meta.kind in ASSESSMENT_KINDS for h in hits):
        # Standards are what assessment documents say, not what a report says it did about them.
        candidates = [c for c in candidates if c.hit.meta is not None and c.hit.meta.kind in ASSESSMENT_KINDS]
        if not candidates:
            return refusal(question, hits, "收录的测评文件中没有这方面的标准。")
    units = asked_units(question) if intent.figure else []
    if units:
        # "几座" is answered by a count of 座: none found, no answer; found, those sentences lead.
        counted = [c for c in candidates if any(_counts_in(u, c.text) for u in units)]
        if not counted:
            return refusal(question, hits, f"找到的段落里没有以“{'、'.join(units)}”计的数字。")
        for c in counted if not intent.when else []:  # a date asked too: the dates must not sink
            c.score += 0.3
        candidates.sort(key=lambda s: -s.score)
    best = candidates[0]
    if (intent.figure or intent.when) and _is_masked(best.text, [focus] if focus else []):
        return refusal(question, hits, "相关数字在原文中以“*”隐去，无法给出。")
    chosen = _choose(candidates, intent, keywords, focus, siblings, max_sentences)
    absent = _absent_quantity(question, intent, chosen)
    if absent:
        return refusal(question, hits, f"文件中没有提到“{absent}”。")
    text, citations = _render(chosen, intent, keywords)
    if plans_only:
        text = f"{NOT_FOUND_RESULT}\n{text}"
        # Refused (no result was found), but the targets are cited; the related passages list
        # the cited ones first so that the markers [1], [2] … match them.
        cited = [c.hit for c in citations]
        related = cited + [h for h in hits if all(h.chunk.chunk_id != c.chunk.chunk_id for c in cited)]
        answer = Answer(question=question, text=text, refused=True, citations=citations,
                        related=related[:max(3, len(cited))], notes=["只找到计划目标，没有实际完成情况"])
    else:
        answer = Answer(question=question, text=text, refused=False, citations=citations,
                        related=hits[len(citations):][:3])
    missing = unsupported_numbers(text, [cited_text(c.hit) for c in citations])
    if missing:  # cannot happen for copied sentences; kept as the last line of defence
        return refusal(question, hits, f"（答案中的数字 {'、'.join(missing)} 无法在引用段落中核实，已拦截。）")
    return answer


def _choose(candidates: list[_Sentence], intent: Intent, keywords: list[str], focus: str | None,
            siblings: Callable[[Hit], list[Hit]] | None, max_sentences: int) -> list[_Sentence]:
    """The sentences of the answer, best first: for a comparison the best of each document (then
    of each passage), each saying the focus word; for a list the items under the same heading."""
    compare, listing = intent.compare, intent.items
    best = candidates[0]
    chosen = [best]
    if listing and siblings is not None and not compare:
        chosen += _list_items(best, siblings, keywords)
    per_hit = {id(best.hit): len(chosen)}
    limit = max_sentences * (2 if listing else 1)
    threshold = best.score * (0.55 if compare or listing else 0.75)
    # A comparison takes the best sentence of each document, each about the same thing (the focus);
    # whether statements agree takes the best of each further passage too (two places of one report).
    units: list[Callable[[_Sentence], str] | None] = [None]
    if compare:
        units = [lambda s: s.hit.chunk.doc_id] + ([lambda s: s.hit.chunk.chunk_id] if intent.consistent else [])
    for unit in units:
        taken = {unit(c) for c in chosen} if unit else set()
        for sentence in candidates[1:]:
            if len(chosen) >= limit or sentence.score < threshold or any(sentence is c for c in chosen):
                continue
            if per_hit.get(id(sentence.hit), 0) >= (limit if listing else 2):
                continue
            if compact(sentence.text) in {compact(c.text) for c in chosen}:
                continue
            if unit is not None and (unit(sentence) in taken or not _says(sentence, focus)):
                continue
            chosen.append(sentence)
            per_hit[id(sentence.hit)] = per_hit.get(id(sentence.hit), 0) + 1
            if unit is not None:
                taken.add(unit(sentence))
    # Lead with the best sentence, then keep document order within each passage.
    if listing and len(chosen) > 2:
        return sorted(chosen, key=lambda s: (s.hit.chunk.doc_id, s.hit.chunk.ordinal, s.position))
    return [chosen[0]] + sorted(chosen[1:], key=lambda s: (s.rank, s.position))


def _render(ordered: list[_Sentence], intent: Intent, keywords: list[str]) -> tuple[str, list[Citation]]:
    """The answer text, each sentence followed by its citation marker, and the citations."""
    citer = hit_citer()
    parts = []
    multi_doc = len({s.hit.chunk.doc_id for s in ordered}) > 1
    for sentence in ordered:
        citation = citer.cite(sentence.hit)
        citation.spans.append(sentence.text)
        shown = _shorten_for_figure(sentence.text, keywords) if intent.figure else sentence.text
        if intent.when and _DEADLINE_ONLY.match(shown):
            # "完成时间：12月上旬。" alone does not say of what: lead with the item it closes.
            first = sentences_of(sentence.hit, sentence.rank)[0].text
            if first != sentence.text:
                citation.spans.insert(len(citation.spans) - 1, first)
                shown = first + shown
        elif sentence.hit.chunk.deadline and intent.when and sentence.hit.chunk.deadline not in sentence.text:
            shown = shown.rstrip("。") + f"（完成时间：{sentence.hit.chunk.deadline}）。"
        prefix = f"{_book_title(_display(sentence.hit.title))}：" if multi_doc else ""
        parts.append(f"{prefix}{_display(shown)}[{citation.n}]")
    text = ("\n" if multi_doc or (intent.items and len(parts) > 2) else "").join(parts)
    return text, citer.citations
