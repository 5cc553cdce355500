"""Answers that are lists of facts: targets with deadlines, criteria about a topic, the
problems a report names, one measure across documents.

``answer_from_facts(question, book)`` returns a :class:`FactAnswer` (text with ``[n]``
markers and the facts and passages behind it) or ``None`` when the question is not such a
list question, or the facts hold nothing for it — then the passage-based answerer should
answer as usual. Every line is built from facts, which are exact source sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.answer.cite import Citer
from assistant.answer.intent import classify
from assistant.facts.book import MEASURES, FactBook, Measure, keyword_in
from assistant.facts.extract import _title_of
from assistant.facts.model import Fact
from assistant.text import compact, to_simplified

_INTENT_WORDS = set(
    "目标 计划 打算 安排 任务 下步 下一步 部署 哪些 什么 列出 列举 包括 清单 测评 标准 测评标准 测评内容 测评项目 "
    "测评体系 指标 分值 考察 考核 评分 涉及 关于 有关 存在 问题 不足 短板 薄弱 差距 比较 对比 相比 变化 趋势 各年 "
    "历年 上半年 下半年 全年 今年 明年 工作 情况 完成 时间 完成时间 节点 文件 报告 单位 部门 都有 几项 汇总 梳理 方面 内容 主要 具体 构成".split()
)
MAX_LINES = 24
_CRITERION_FIELDS = ("测评项目", "测评内容", "测评标准", "测评方法", "评分方法", "数据采集", "分值")


@dataclass
class FactCitation:
    n: int
    chunk_id: str
    doc_id: str
    title: str
    source: str
    spans: list[str] = field(default_factory=list)  # exact source sentences used

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "chunk_id": self.chunk_id, "doc_id": self.doc_id, "title": self.title,
                "source": self.source, "spans": self.spans}


@dataclass
class FactAnswer:
    intent: str  # targets | criteria | problems | compare
    text: str  # display text (Simplified), lines end with [n] citation markers
    facts: list[Fact]
    citations: list[FactCitation]

    @property
    def chunk_ids(self) -> list[str]:
        return [c.chunk_id for c in self.citations]

    def to_dict(self) -> dict[str, Any]:
        return {"intent": self.intent, "text": self.text, "facts": [f.to_dict() for f in self.facts],
                "citations": [c.to_dict() for c in self.citations]}

    def to_answer(self, question: str, store) -> Any:
        """An :class:`assistant.models.Answer` with numbered citations over ``store``'s passages
        (what ``Assistant.ask`` returns), answerer ``"facts"``."""
        from assistant.models import Answer, Citation, Hit

        chunks_by_doc: dict[str, dict[str, Any]] = {}
        documents: dict[str, Any] = {}
        citations = []
        for cited in self.citations:
            if cited.doc_id not in chunks_by_doc:
                chunks_by_doc[cited.doc_id] = {c.chunk_id: c for c in store.document_chunks(cited.doc_id)}
                documents[cited.doc_id] = store.document(cited.doc_id)
            chunk = chunks_by_doc[cited.doc_id].get(cited.chunk_id)
            if chunk is None:
                continue
            document = documents[cited.doc_id]
            meta = document.meta if document is not None else None
            title = meta.title if meta is not None else cited.title
            hit = Hit(chunk=chunk, score=1.0, title=title, source=cited.source, meta=meta)
            citations.append(Citation(cited.n, hit, spans=list(cited.spans)))
        return Answer(question=question, text=self.text, refused=False, citations=citations, mode="qa",
                      answerer="facts", notes=[f"facts:{self.intent}"])


class _Citer:
    def __init__(self) -> None:
        self._citer: Citer[Fact, FactCitation] = Citer(
            lambda fact: fact.chunk_id,
            lambda n, fact: FactCitation(n, fact.chunk_id, fact.doc_id, fact.title, fact.source))

    @property
    def citations(self) -> list[FactCitation]:
        return self._citer.citations

    def cite(self, fact: Fact) -> str:
        if not fact.chunk_id:
            return f"（{fact.source}）" if fact.source else ""
        citation = self._citer.cite(fact)
        if fact.sentence and fact.sentence not in citation.spans:
            citation.spans.append(fact.sentence)
        return f"[{citation.n}]"


def _filters(question: str) -> dict[str, Any]:
    from assistant.ingest.meta import BODIES

    simple = to_simplified(question)
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年?", simple)]
    body = ""
    for pattern, canonical in BODIES:
        if re.search(pattern, simple):
            body = canonical
            break
    period = next((p for p in ("上半年", "下半年", "全年") if p in simple), "")
    return {"years": years, "body": body, "period": period, "topic": _topic_words(question, body), "question": simple}


_QUESTION_STOP = _INTENT_WORDS | set(
    "工作 开展 进行 要 主要 方面 提出 提到 报告 文件 总结 一步 下一步 下步 今年 明年 我们 他们 xx 区 市 县 "
    "方面 时候 多少 怎么 怎样 如何 是否 哪个 哪里 一下 具体 分别 相关 有关 关于 涉及 做了 要求 全国文明城市 文明城市 "
    "创建 创城 创文 区别 不同 差异 异同 相同 一样".split()
)


def _topic_words(question: str, body: str) -> list[str]:
    """What a question is about: its content words without question, intent, place and body words."""
    from assistant.index.tokenize import tokens

    all_tokens = tokens(question)
    body_c = compact(body)
    dropped = {t for t in all_tokens if t in _QUESTION_STOP or (body_c and (t in body_c or body_c in t))}
    kept: list[str] = []
    for token in all_tokens:
        if token in dropped or len(token) < 2 or token.isdigit() or token in kept:
            continue
        if re.fullmatch(r"(?:19|20)\d{2}", token) or re.search(r"[省市区县]$", token) and len(token) <= 3:
            continue
        kept.append(token)
    return [t for t in kept if not any(t != o and t in o for o in kept) and not any(t != d and t in d for d in dropped)]


def _topic_score(fact: Fact, topic: list[str]) -> float:
    """Share of the topic words a fact says. For criteria, words of the document title (the
    assessment system a question names: 试行, 浙江省…) count too, but the fact's own text must
    say at least one of them (a 小区 standard does not answer about 农贸市场)."""
    if not topic:
        return 1.0
    hay = compact(" ".join([fact.subject, fact.sentence, fact.item, fact.content, fact.standard, fact.method,
                            fact.section]))
    weight = sum(min(len(t), 4) for t in topic)
    own = [t for t in topic if keyword_in(compact(t), hay)]
    if fact.kind != "criterion" or not fact.title:
        return sum(min(len(t), 4) for t in own) / weight
    if not own:
        return 0.0
    title = compact(fact.title)
    said = [t for t in topic if t in own or keyword_in(compact(t), title)]
    return sum(min(len(t), 4) for t in said) / weight


def _best_by_topic(facts: list[Fact], topic: list[str], comparing: bool = False) -> list[Fact]:
    """Facts about the topic: those scoring at least 0.5 and (unless the question compares
    documents, where each side matches differently) close to the best score."""
    if not topic:
        return facts
    scored = [(f, _topic_score(f, topic)) for f in facts]
    best = max((s for _, s in scored), default=0.0)
    if comparing:
        return [f for f, s in scored if s >= 0.4]
    return [f for f, s in scored if s >= 0.5 and s >= best - 0.15]


def _restrict(facts: list[Fact], flt: dict[str, Any]) -> list[Fact]:
    out = facts
    if flt["years"]:
        out = [f for f in out if f.year in flt["years"]]
    if flt["body"]:
        out = [f for f in out if f.body == flt["body"]]
    return out


def _apply_filters(book: FactBook, filters: Any) -> FactBook:
    """The book restricted to the user's filters (``Filters`` or its dict form: doc_ids, years, bodies)."""
    if filters is None:
        return book
    if isinstance(filters, dict):
        from assistant.index.store import Filters

        filters = Filters.from_dict(filters)
    doc_ids, years, bodies = filters.doc_ids, filters.years, filters.bodies
    if not (doc_ids or years or bodies):
        return book
    kept = [f for f in book.facts
            if (not doc_ids or f.doc_id in doc_ids) and (not years or f.year in years)
            and (not bodies or any(compact(b) in compact(f.body) for b in bodies))]
    return FactBook(kept, book.errors, book.generation)


def answer_from_facts(question: str, book: FactBook, filters: Any = None) -> FactAnswer | None:
    """A list answer from the facts, or None (then answer from passages as usual).

    * ``哪些测评标准涉及公益广告`` → the criteria about 公益广告;
    * ``下半年的目标/计划有哪些`` → the targets (grouped by document and item, with 完成时间);
    * ``存在哪些问题`` → the problems each report names;
    * ``各年占道经营的数字对比`` → one measure's results across documents.

    ``filters`` (an ``assistant.index.store.Filters`` or its dict form) limits the facts to the
    documents, years and bodies the user selected."""
    routes = facts_routes(question)
    if not routes:
        return None
    book = _apply_filters(book, filters)
    flt = _filters(question)
    for route in routes:
        if route == "criteria":
            return _criteria_answer(book, flt)
        if route == "compare":
            return _compare_answer(book, _measure_in(to_simplified(question)), flt)
        if route == "problems":
            answer = _problems_answer(book, flt)
            if answer is not None:
                return answer
        if route == "targets":
            return _targets_answer(book, flt)
    return None


def facts_routes(question: str) -> list[str]:
    """Which fact lists may answer the question, in the order they are tried (criteria,
    compare, problems, targets); empty when the passages answer it. Cheap: no facts needed."""
    simple = to_simplified(question)
    intent = classify(simple)
    if intent.criteria and (intent.what or "涉及" in simple or "关于" in simple):
        return ["criteria"]
    if intent.across and _measure_in(simple) is not None:
        return ["compare"]
    routes = []
    if intent.problem and (intent.what or "存在" in simple):
        routes.append("problems")  # a report that names no problems falls through to targets
    if intent.target and intent.list_strict:
        routes.append("targets")
    return routes


def _measure_in(simple_question: str) -> Measure | None:
    key = compact(simple_question)
    for measure in MEASURES:
        if any(compact(w) in key for w in (measure.name, *measure.strong) if len(w) >= 2):
            return measure
    return None


def _criteria_answer(book: FactBook, flt: dict[str, Any]) -> FactAnswer | None:
    # The field a question names (测评项目/分值/测评方法…) is part of what it is about.
    fields = [w for w in _CRITERION_FIELDS if w in flt["question"]]
    topic = flt["topic"] + [w for w in fields if w not in flt["topic"]] if flt["topic"] else fields
    intent = classify(flt["question"])
    comparing = intent.across or intent.contrast
    facts = _best_by_topic([f for f in book.facts if f.kind == "criterion"], topic, comparing)
    if not facts:
        return None
    citer = _Citer()
    lines = []
    topic = "、".join(flt["topic"])
    lines.append(f"涉及“{topic}”的测评标准：" if topic else "测评标准：")
    for number, fact in enumerate(facts[:MAX_LINES], start=1):
        text = fact.standard or fact.content or fact.method or fact.sentence
        label = f"【{fact.item}】" if fact.item else ""
        extra = f"（分值：{fact.score}）" if fact.score else ""
        where = f"《{fact.title}》" if fact.title else ""
        lines.append(f"{number}. {where}{label}{_clip(text, 400)}{extra}{citer.cite(fact)}")
    return FactAnswer("criteria", to_simplified("\n".join(lines)), facts[:MAX_LINES], citer.citations)


def _problems_answer(book: FactBook, flt: dict[str, Any]) -> FactAnswer | None:
    facts = _restrict([f for f in book.facts if f.kind == "problem"], flt)
    topical = _best_by_topic(facts, flt["topic"])
    facts = topical or ([] if flt["topic"] else facts)
    if not facts:
        return None
    citer = _Citer()
    lines = ["文件中列出的存在问题："]
    for doc_id, group in _by_document(facts):
        lines.append(f"《{group[0].title}》")
        for number, fact in enumerate(group, start=1):
            body = fact.sentence
            detail = body.split("。", 1)[1] if "。" in body else ""
            lines.append(f"{number}. {fact.subject}：{_clip(detail.strip(), 80)}{citer.cite(fact)}" if detail.strip()
                         else f"{number}. {fact.subject}{citer.cite(fact)}")
    return FactAnswer("problems", to_simplified("\n".join(lines)), facts, citer.citations)


def _targets_answer(book: FactBook, flt: dict[str, Any]) -> FactAnswer | None:
    facts = _restrict([f for f in book.facts if f.kind == "target"], flt)
    facts = _best_by_topic(facts, flt["topic"])
    if flt["period"] == "下半年":
        facts = [f for f in facts if f.period == "下半年"] or facts
    if not facts:
        return None
    citer = _Citer()
    heading = ("下半年" if all(f.period == "下半年" for f in facts) else "") + "目标任务"
    lines = [f"{heading}（按文件和事项列出）："]
    used: list[Fact] = []
    for doc_id, group in _by_document(facts)[:4]:
        lines.append(f"《{group[0].title}》")
        items: dict[str, list[Fact]] = {}
        for fact in group:
            leaf = fact.section.split(" > ")[-1] if fact.section else ""
            items.setdefault(leaf, []).append(fact)
        specific = bool(flt["topic"])  # a question about a topic gets the whole sentences
        per_item = 12 if specific else 4
        for number, (leaf, item_facts) in enumerate(items.items(), start=1):
            if len(lines) > MAX_LINES:
                break
            title = _title_of(leaf) if leaf else ""
            parts, seen = [], set()
            item_facts = item_facts[:per_item]
            for fact in item_facts:
                if specific:
                    shown = fact.sentence.strip().rstrip("。；;")
                else:
                    shown = _figure_clause(fact) if fact.figure else fact.subject
                if compact(shown) in seen:
                    continue
                seen.add(compact(shown))
                parts.append(shown)
            deadlines = []
            for fact in item_facts:
                if fact.deadline and fact.deadline not in deadlines:
                    deadlines.append(fact.deadline)
            when = f"（完成时间：{'；'.join(deadlines)}）" if deadlines else ""
            marks = "".join(dict.fromkeys(citer.cite(f) for f in item_facts))
            head = f"{title}：" if title and compact(title) not in compact(parts[0]) else ""
            lines.append(f"{number}. {head}{'；'.join(parts)}{when}{marks}")
            used.extend(item_facts)
    return FactAnswer("targets", to_simplified("\n".join(lines)), used, citer.citations)


def _compare_answer(book: FactBook, measure: Measure, flt: dict[str, Any]) -> FactAnswer | None:
    rows = _restrict(book.compare(measure.name), flt)
    if not rows:
        return None
    citer = _Citer()
    lines = [f"各文件中关于“{measure.name}”的数字："]
    for number, fact in enumerate(rows[:MAX_LINES], start=1):
        year = f"{fact.year}年" if fact.year else ""
        lines.append(f"{number}. {year}《{fact.title}》：{fact.subject}{fact.figure}{citer.cite(fact)}")
    return FactAnswer("compare", to_simplified("\n".join(lines)), rows[:MAX_LINES], citer.citations)


def _figure_clause(fact: Fact) -> str:
    """The source clause that holds a fact's figure (exact wording), else subject + figure."""
    for clause in re.split(r"[，,；;。]", fact.sentence):
        if fact.figure in clause:
            return clause.strip()
    return f"{fact.subject}{fact.figure}"


def _by_document(facts: list[Fact]) -> list[tuple[str, list[Fact]]]:
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        groups.setdefault(fact.doc_id or fact.source, []).append(fact)
    return list(groups.items())


def _clip(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
