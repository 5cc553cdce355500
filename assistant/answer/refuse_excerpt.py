"""Refusals for what the excerpt itself withholds: a figure masked with ``*``, or the text cut off
where the answer would follow."""

from __future__ import annotations

import re

from assistant.answer.candidates import Candidate
from assistant.answer.features import DATE_WORDS, QuestionContext, counts_in
from assistant.answer.refuse import ENDS_CLOSED, Refusal, speaks_for_one_side
from assistant.answer.refuse_rank import asks_rank_alone
from assistant.corpus import DocProfile
from assistant.divisions import finest, names_place
from assistant.followup_slots import ASKS
from assistant.places import read_places, written_places
from assistant.question import Question
from assistant.text import compact
from assistant.units import MASKED_FIGURE as MASKED

_MASK = r"[*＊]+"
_ANY_MASK = re.compile(_MASK)
_MASKED_RANK = re.compile(rf"第\s*{_MASK}\s*[名位]|(?:排名|名次|位次)\s*[:：为是]?\s*{_MASK}")
_LINK = r"[^，,。；;：:\d*＊]{0,4}"  # between a measure's name and its figure ("满意度为", "得分")


def masked_figure(question: Question, chosen: list[Candidate]) -> Refusal | None:
    """The figure asked is masked with ``*`` in the answering sentence, or in the chosen sentence
    that names the one place asked while the others name other places (a table's row of 民权县
    among its neighbours'); a question that asks no figure, such as which problems were found, is
    answered around the masked count. A rank asked is masked in the answering sentence ("排名第***位"),
    or a measure asked is masked where a chosen sentence names it ("群众满意度为***%") and no
    chosen sentence gives it a figure, however the question asks it ("满意度呢")."""
    if speaks_for_one_side(question):
        return None  # the best sentence of a question in several parts answers one part
    # Places are read clause by clause only for an answer that masks something (few do).
    masks = any(_ANY_MASK.search(c.text) for c in chosen)
    if masks and (_rank_masked(question, chosen) or _measure_masked(question, chosen)):
        return Refusal("masked", "相关内容在原文中以“*”隐去，无法给出。")
    if not (question.intent.figure or question.units):
        return None
    best, asked = chosen[0], finest(question.places)  # 民权县 of 商丘民权县
    if len(asked) == 1 and not names_place(compact(best.text), asked[0]):
        masked = [c for c in chosen if names_place(compact(c.text), asked[0]) and MASKED.search(c.text)]
        best = masked[0] if masked else best
    if not MASKED.search(best.text):
        return None
    if question.units and any(counts_in(u, compact(best.text)) for u in question.units):
        return None
    return Refusal("masked", "相关内容在原文中以“*”隐去，无法给出。")


def _rank_masked(question: Question, chosen: list[Candidate]) -> bool:
    """A rank alone is asked, and the answering sentence masks it where it speaks of the place asked."""
    if not asks_rank_alone(question):
        return False
    return any(_MASKED_RANK.search(c) for c in _own_clauses(question, chosen[:1]))


def _measure_masked(question: Question, chosen: list[Candidate]) -> bool:
    """A figure is asked (or nothing but a measure, "满意度呢"), and a measure the question names is
    masked in a chosen clause of the place asked, and given a figure in none."""
    if not (question.intent.figure or question.units or not ASKS.search(question.simple)):
        return False
    clauses = [clause for c in chosen for clause in _CLAUSE_BREAK.split(compact(c.text))]
    own = _own_clauses(question, chosen)
    for noun in (n for n in question.nouns if len(n) >= 2 and not read_places(n)):
        masked = re.compile(rf"{re.escape(noun)}{_LINK}{_MASK}")
        given = re.compile(rf"{re.escape(noun)}{_LINK}\d")
        if any(masked.search(c) for c in own) and not any(given.search(c) for c in clauses):
            return True
    return False


def _own_clauses(question: Question, sentences: list[Candidate]) -> list[str]:
    """The clauses of ``sentences`` that name the place asked or no place ("我市排名第**位", not
    "桃坞区满意度为**%" for 凤鸣区)."""
    asked = _places_in(question.simple)
    clauses = [clause for c in sentences for clause in _CLAUSE_BREAK.split(compact(c.text))]
    return [c for c in clauses if not (named := _places_in(c)) or named & asked]


def _places_in(text: str) -> set[str]:
    """The places ``text`` names, those beyond the national list (凤鸣区, 桃坞区) too."""
    return {*read_places(text), *written_places(text)}


_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
_DATE_GIVEN = re.compile(DATE_WORDS)


# The words a clause cut off after them leaves without their object: a preposition, a verb that
# leads to what follows, a conjunction ("…主要集中在", "将提请", "会同", "扩大到松山新区和", "其次是").
_DANGLING = re.compile(
    r"(?:在|于|按照|依照|按|对|由|向|把|将|提请|会同|联合|实行|实施|采取|开展|包括|其次是|主要是|是|为|"
    r"到|至|和|及|与|或|并|的|等|如下|分别|予以|给予|进行)$"
)


def cut_off(question: Question, best: Candidate) -> Refusal | None:
    """The best sentence is where the excerpt breaks off: before any figure asked, or in a last
    clause that names what is asked and gives no figure of it ("…停放区156处，全年施划任务累计完成"
    for 全年任务完成多少); or, for what else is asked (怎么处理, 哪些部门), right after a word that
    leads to what was cut ("对连续两期上黑榜的单位，将提请"), unless a date asked is given before it."""
    if not best.truncated:
        return None
    if not question.intent.figure:
        said = compact(best.text)
        if not _DANGLING.search(said) or (question.intent.when and _DATE_GIVEN.search(said)):
            return None
        return Refusal("cut_off", f"原文在“{best.text[-12:]}”处截断，没有后续内容。")
    clauses = _CLAUSE_BREAK.split(best.text)
    head, tail = "".join(clauses[:-1]), clauses[-1]
    if any(ch.isdigit() for ch in tail):
        return None
    tail_said, head_said = compact(tail), compact(head)
    named_in_tail = any(word in tail_said and word not in head_said for word in question.keywords)
    if any(ch.isdigit() for ch in head) and not named_in_tail:
        return None  # the clause cut names nothing asked: an earlier figure may be the one asked
    return Refusal("cut_off", f"原文在“{best.text[-12:]}”处截断，没有后续内容。")


_OWNER_GIVEN = re.compile(r"责任单位|牵头单位|责任部门|由[^，,。；;]{2,12}负责")
_ITEM_TAIL = 300  # characters: an item first named this near where a cut document breaks off is its last


def item_cut_off(ctx: QuestionContext, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """The deadline or the unit responsible for an item is asked (the question's rarest word:
    兴华路背街), the item is named only in the last entry of documents that break off mid-sentence,
    with no date or unit after it, and the answering sentence does not name it (a deadline of
    another item): what the document would say of it was cut."""
    word = ctx.rarest
    if not word or len(word) < 3 or word not in ctx.question.simple or word in compact(f"{best.previous} {best.text}"):
        return None
    asked = ctx.question.intent
    if not (asked.when or asked.owner):
        return None  # what an item's entry ends with (整改时限, 责任单位); its problems come first
    holding = [p.text for p in profiles.values() if word in p.text]
    if not holding or any(ENDS_CLOSED.search(text) or text.find(word) < len(text) - _ITEM_TAIL for text in holding):
        return None
    tails = [text[text.find(word) :] for text in holding]
    if any((asked.when and _DATE_GIVEN.search(t)) or (asked.owner and _OWNER_GIVEN.search(t)) for t in tails):
        return None
    return Refusal("cut_off", f"原文写到“{word}”这一项时截断，没有给出所问的内容。")
