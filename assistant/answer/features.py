"""Features of a candidate sentence for a question: what a fitted model weighs to tell the
sentence that answers from the ones that only look like it.

Every feature is a plain property of the question, the sentence and its document (coverage
of the question's words, figures in the unit asked, agreement of year, month and place,
plan or result, masked or cut-off text …); none names a document or a question."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import numpy as np

from assistant.answer.candidates import Candidate
from assistant.answer.features_period import own_period, time_features
from assistant.answer.features_place import place_agreement, places_said, section_places, unasked_subunit
from assistant.answer.items import in_item_passages, is_list_item
from assistant.corpus import DocProfile
from assistant.corpus_view import UNSAID_WEIGHT, CorpusView, idf
from assistant.divisions import names_place
from assistant.intent import states_deadline
from assistant.question import Question, forms
from assistant.tables import asked_extreme, extreme_rows
from assistant.text import compact
from assistant.units import MASKED_FIGURE as MASKED
from assistant.units import UNIT, states_figure, with_arabic_figures

# Words that give a date or a time of year (6月, 年底, 三季度, 下旬, 月底前).
DATE_WORDS = r"\d{1,2}\s*月|年底|年内|季度|上旬|中旬|下旬|月底|日前"
_DATE = re.compile(rf"完成时[间限]|前完成|{DATE_WORDS}")
_PROBLEM_CUE = re.compile(r"问题|不足|短板|薄弱|差距|不到位|不规范|乱|脏|破损|占道|违规|违章|缺失|未")
_STANDARD_CUE = re.compile(r"分值|得分|扣\s*[\d.]+\s*分|扣分|标准|考核|测评|指标|[\d.]+\s*分")


@dataclass(frozen=True)
class QuestionContext:
    """Per-question values every candidate's features share (computed once per question)."""

    question: Question
    weights: dict[str, float]  # keyword → idf weight
    part_words: list[tuple[str, ...]]
    rarest: str | None
    known: dict[str, bool]  # noun → whether some passage says it in one of its forms
    asks_section_place: bool = False  # the question names a place that heads a section of a candidate
    asked_years: frozenset[int] = frozenset()  # the years asked, its 去年 / 今年 dated (see newest_written)


def newest_written(doc_ids: Iterable[str], profile: Callable[[str], DocProfile]) -> int | None:
    """The year the newest of these documents was written in: the question's 今年."""
    return max((w for doc_id in dict.fromkeys(doc_ids) if (w := profile(doc_id).written)), default=None)


def question_context(question: Question, corpus: CorpusView, now: int | None = None) -> QuestionContext:
    """``now``: the year the question's 今年 and 去年 are counted from (see :func:`newest_written`)."""
    # In the question's order (not a set's, which changes with the process's hash seed): words of
    # equal weight then keep one order, and so does every choice made from them.
    words = dict.fromkeys([*question.keywords, *(w for part in question.parts for w in part.keywords)])
    weights = {w: idf(corpus, w) for w in words}
    topical = [w for w in question.keywords if corpus.document_frequency(w) > 0 and w not in question.places]
    rarest = min(topical, key=lambda w: (corpus.document_frequency(w), -len(w))) if topical else None
    known = {w: any(corpus.document_frequency(f) > 0 for f in forms(w)) for w in question.nouns}
    parts = [p.keywords for p in question.parts if p.keywords]
    dated = {now + step for step in question.relative_years} if now is not None else set()
    return QuestionContext(question, weights, parts, rarest, known, asked_years=frozenset({*question.years, *dated}))


def says(text: str, word: str) -> bool:
    """``text`` (compacted) says ``word`` in one of its forms (城管 in 城市管理局)."""
    return any(form in text for form in forms(word))


def abbreviates(word: str, text: str, *, unsaid: bool = False) -> bool:
    """``word`` is a short form of a phrase of ``text``: its characters in order, each within
    three characters of the one before, in one sentence (机扫率 for 机械化清扫率). A word of two
    characters only when no passage says it (``unsaid``), with one character between (参会 for
    参加会议): 红榜, which the documents write, is no short form of 红黑榜."""
    if len(word) == 2 and unsaid:
        return re.search(f"{re.escape(word[0])}[^。；;！？\\s\\d]{re.escape(word[1])}", text) is not None
    if len(word) < 3:
        return False
    gap = "[^。；;！？]{0,3}"
    return re.search(gap.join(re.escape(ch) for ch in word), text) is not None


def coverage(words: tuple[str, ...] | list[str], weights: dict[str, float], text: str) -> float:
    """Share of the words' weight that ``text`` (compacted) says, in full or shortened (平均分 of 平均得分)."""
    total = sum(weights.get(w, 1.0) for w in words)
    if total <= 0:
        return 0.0
    said = [w for w in words if says(text, w) or abbreviates(w, text, unsaid=weights.get(w) == UNSAID_WEIGHT)]
    return sum(weights.get(w, 1.0) for w in said) / total


def beyond_title(question: Question, weights: dict[str, float], own: str, title: str) -> float:
    """Share of the weight of the question's words that the document's title (compacted) does not
    say (those that ask something of the document, not name it) which the sentence says: 每年搞个什么计划
    of "成都那个垃圾分类方案要各区每年搞个什么计划", not the title sentence that says 成都…方案."""
    rest = [w for w in question.keywords if not says(title, w)]
    return coverage(rest, weights, own) if rest else 0.0


def says_title(own: str, title: str) -> float:
    """The sentence is the document's title (compacted; or holds it whole): it names the document,
    and answers only what the title itself says."""
    return float(len(title) >= 6 and (title in own or (len(own) >= 6 and own in title)))


def counts_in(unit: str, text: str) -> bool:
    """``text`` gives a number in ``unit`` or a word documents use for it (18座, 2万余人,
    16名 for 几个人, 1.2亿元, 得分94.68分)."""
    if unit == "%":
        return bool(re.search(r"\d\s*[%％]", text))
    said = COUNTED_AS.get(unit, unit)
    return bool(
        re.search(
            rf"[\d一二三四五六七八九十百千两]+(?:\.\d+)?\s*(?:余|多)?\s*(?:万|亿)?\s*(?:余|多)?\s*(?:{said})", text
        )
    )


# What a document writes for the unit a question asks in: 几个 asks for a count in any measure
# word, 多少人 is answered in 名 as often as in 人.
COUNTED_AS = {
    "个": UNIT,
    "人": "人|名",
    "名": "人|名",
    "件": "件|宗|起",
    "起": "件|宗|起",
    "宗": "件|宗|起",
    "处": "处|个",
    # 几天 is answered by a time limit: 3日内, 三个工作日内办结.
    "天": "天|日(?:内|以内|之内)|个?工作日",
}


def rank_match(question: Question, text: str, profile: DocProfile, header: str = "") -> float:
    """Share of the ranks asked (第二名, 最后一名) that the sentence (a table row: under ``header``) states."""
    if not question.ranks:
        return 0.0
    stated = profile.ranks_in(text, header, question.simple)
    return sum(1 for r in question.ranks if r in stated) / len(question.ranks)


def focus_said(ctx: QuestionContext, text: str) -> float:
    """Share of the parts' asked-about words (居民参与率 in "居民参与率是多少") the sentence says."""
    words = [w for part in ctx.question.parts for w in part.focus]
    if not words:
        return 0.0
    return sum(1 for w in words if w in text) / len(words)


def phrase_said(question: Question, text: str) -> float:
    """How much of each asked phrase ``text`` (compacted) says, read from the phrase's head, its
    last character, backwards: a sentence that says only 结案率 says 3/5 of 按期结案率 (the worst
    part counts; 1.0 when no part has a phrase). Chinese compounds put the head last, so what
    is missing is a qualifier the question asks about and the sentence does not."""
    shares = [_said_from_head(p.phrase, text) for p in question.parts if p.phrase]
    return min(shares, default=1.0)


def _said_from_head(phrase: str, text: str) -> float:
    for length in range(len(phrase), 1, -1):
        if phrase[-length:] in text:
            return length / len(phrase)
    return 0.0


SENTENCE_FEATURES: tuple[str, ...] = (
    "cov_q",
    "cov_q_ctx",
    "cov_part",
    "cov_part_ctx",
    "cov_doc",
    "cov_beyond_title",
    "title_line",
    "rare_missing",
    "hit_rank",
    "dense",
    "bm25_rank",
    "has_num",
    "fig_num",
    "fig_nonum",
    "unit_match",
    "unit_miss",
    "when_match",
    "deadline_said",
    "year_agree",
    "year_conflict",
    "month_agree",
    "month_conflict",
    "period_conflict",
    "own_period_agree",
    "own_period_other",
    "place_agree",
    "place_conflict",
    "place_in_sentence",
    "section_place_agree",
    "section_place_conflict",
    "unasked_subunit",
    "plan",
    "plan_result",
    "plan_target",
    "masked",
    "truncated",
    "problem_cue",
    "list_item",
    "list_passage",
    "standard_cue",
    "phrase_said",
    "rules_for_period",
    "extreme_row",
    "rank_match",
)
# The two columns set by comparing a question's candidates (in feature_matrix), not one alone.
_LIST_PASSAGE = SENTENCE_FEATURES.index("list_passage")
_EXTREME_ROW = SENTENCE_FEATURES.index("extreme_row")
# Each feature also as its distance from the best value among the question's candidates: a
# sentence is weighed against the others it competes with (covering half the question's words
# is much when no sentence covers more, little when another covers them all).
FEATURES: tuple[str, ...] = SENTENCE_FEATURES + tuple(f"rel_{name}" for name in SENTENCE_FEATURES)


def features(ctx: QuestionContext, candidate: Candidate, profile: DocProfile, doc_coverage: float) -> list[float]:
    """The feature vector (in the order of :data:`SENTENCE_FEATURES`) of one candidate, whose whole
    document says ``doc_coverage`` of the question's words; ``extreme_row`` compares a table's rows
    and is set by :func:`feature_matrix`."""
    q = ctx.question
    intent = q.intent
    own = compact(candidate.stated())
    title = compact(profile.title)
    around = compact(f"{candidate.context()} {candidate.header} {candidate.text}")
    parts = ctx.part_words or [q.keywords]
    cov_part = max(coverage(words, ctx.weights, own) for words in parts)
    cov_part_ctx = max(coverage(words, ctx.weights, around) for words in parts)
    figures = with_arabic_figures(own)  # 百分之九十五 gives a figure in % as 95% does
    has_num = states_figure(with_arabic_figures(candidate.text))
    units = list(q.units)
    unit_hits = sum(1 for u in units if counts_in(u, figures))
    hit = candidate.hit
    plan = candidate.is_plan
    return [
        coverage(q.keywords, ctx.weights, own),
        coverage(q.keywords, ctx.weights, around),
        cov_part,
        cov_part_ctx,
        doc_coverage,
        beyond_title(q, ctx.weights, own, title),
        says_title(own, title),
        1.0 if ctx.rarest and ctx.rarest not in around else 0.0,
        1.0 / (1 + candidate.rank),
        float(hit.dense_score or 0.0),
        1.0 / hit.bm25_rank if hit.bm25_rank else 0.0,
        float(has_num),
        float(intent.figure and has_num),
        float(intent.figure and not has_num),
        unit_hits / len(units) if units else 0.0,
        1.0 if units and not unit_hits else 0.0,
        float(intent.when and bool(_DATE.search(own))),
        float(intent.deadline and states_deadline(candidate.text)),
        *time_features(q, profile, around),
        *own_period(q, own, f"{hit.chunk.heading} {candidate.section}", ctx.asked_years, profile.written),
        *place_agreement(q, profile),
        places_said(q, around),
        *section_places(q, ctx.asks_section_place, candidate),
        unasked_subunit(q, candidate),
        float(plan),
        float(plan and intent.result),
        float(plan and intent.target),
        float(bool(MASKED.search(candidate.text))),
        float(candidate.truncated),
        float(bool(_PROBLEM_CUE.search(own)) and intent.problem),
        float(intent.asks_list and is_list_item(candidate.text)),
        0.0,  # list_passage
        float(bool(_STANDARD_CUE.search(own)) and intent.criteria),
        phrase_said(q, own),
        float(profile.holds_no_results_for(q)),
        0.0,  # extreme_row
        rank_match(q, candidate.text, profile, candidate.header),
    ]


def feature_matrix(
    ctx: QuestionContext, candidates: list[Candidate], profile: Callable[[str], DocProfile]
) -> np.ndarray:
    question = compact(ctx.question.simple)
    places = {c.heading_place for c in candidates} - {""}
    ctx = replace(ctx, asks_section_place=any(names_place(question, p) for p in places))
    # A document's coverage is the same for each of its sentences: read once (the whole text is searched).
    doc_coverage = {
        doc_id: coverage(ctx.question.keywords, ctx.weights, profile(doc_id).about)
        for doc_id in dict.fromkeys(c.doc_id for c in candidates)
    }
    rows = [features(ctx, c, profile(c.doc_id), doc_coverage[c.doc_id]) for c in candidates]
    if direction := asked_extreme(question):
        table = [(c.doc_id, c.header, c.text) for c in candidates]
        for i in extreme_rows(table, ctx.question.keywords, direction, question):
            rows[i][_EXTREME_ROW] = 1.0  # the row holding the highest (lowest) value asked
    if ctx.question.intent.asks_list:
        for i in in_item_passages(candidates):
            rows[i][_LIST_PASSAGE] = 1.0
    own = np.asarray(rows, dtype=np.float64).reshape(len(candidates), len(SENTENCE_FEATURES))
    best = own.max(axis=0) if len(candidates) else np.zeros(len(SENTENCE_FEATURES))
    return np.hstack([own, own - best])
