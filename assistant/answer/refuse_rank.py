"""Refusals of a rank the answering sentences do not state: the place asked ranked nowhere (its
neighbours' ranks are no answer), or a place in a ranking that stops short of it."""

from __future__ import annotations

import re

from assistant.answer.candidates import Candidate
from assistant.answer.refuse import Refusal, speaks_for_one_side
from assistant.divisions import finest, names_place
from assistant.periods import read_ranks
from assistant.places import read_places
from assistant.question import Question
from assistant.text import compact

_RANK_ASKED = re.compile(r"排(?:名)?第几|第几名|排名多少|排几|名次")
_OTHER_ASK = re.compile(r"多少|几|啥|什么|哪")  # what else a question asks besides the rank
_RANK_NUMERAL = "[一二三四五六七八九十\\d]+"
_RANK_STATED = re.compile(  # 第一季度 names a quarter, not a rank
    rf"第\s*{_RANK_NUMERAL}\s*[名位]|位列|位居|排第|居第|列第|居[首末]|末位|倒数|首位|之首|榜首"
    rf"|[前后]{_RANK_NUMERAL}[名位]|(?:排名|排序|名次)\s*[:：为是]?\s*第?\s*{_RANK_NUMERAL}"
)
# A table's header names its rank column (区县 | 指标 | 数值 | 排名); a sentence's 排名 alone
# states none ("排名较上年前移", "排名靠后").
_RANK_COLUMN = re.compile(r"排名|排序|名次")


def rank_unstated(question: Question, chosen: list[Candidate]) -> Refusal | None:
    """A rank alone is asked ("内乡县二季度排第几"), and no chosen sentence, with the one before it
    and its table's header, states one ("内乡县较一季度进步幅度最大")."""
    if not asks_rank_alone(question) or speaks_for_one_side(question):
        return None  # in a question of several parts ("多少分，排第几") the best sentence answers one
    asked = finest(question.places)
    if len(asked) == 1 and not _place_shows_in(asked[0], chosen):
        # The place asked (内乡县) is ranked by no chosen sentence that names it; others' ranks are no answer.
        return Refusal("rank_unstated", f"找到的段落没有给出“{asked[0]}”的名次。")
    if any(_RANK_STATED.search(f"{c.previous} {c.text} {c.header}") or _RANK_COLUMN.search(c.header) for c in chosen):
        return None
    return Refusal("rank_unstated", "找到的段落没有给出所问的名次。")


def asks_rank_alone(question: Question) -> bool:
    """The question asks a rank ("排第几", "名次") and nothing else."""
    return bool(_RANK_ASKED.search(question.simple)) and not _OTHER_ASK.search(_RANK_ASKED.sub(" ", question.simple))


def _place_shows_in(place: str, chosen: list[Candidate]) -> bool:
    """Some chosen sentence that names ``place`` states a rank (第五名, 排名第二, a table's 排名
    column) or an order (依次为 …), or none names it at all (the document may rank it by a name
    the question does not use)."""
    naming = [c for c in chosen if names_place(compact(f"{c.section} {c.text}"), place)]
    return not naming or any(
        _ORDER_IMPLIED.search(c.text)
        or _RANK_STATED.search(f"{c.section} {c.header}")
        or _RANK_COLUMN.search(c.header)
        or any(_RANK_STATED.search(clause) for clause in _clauses_naming(c.text, place))
        for c in naming
    )


def _clauses_naming(sentence: str, place: str) -> list[str]:
    """The clauses of ``sentence`` that name ``place`` or the document's own (我市), each with the
    clauses after it that name no other place ("淇滨区得分89.36分，排名第一"), or the whole sentence
    if none does (a heading's place): "平远县、兴宁市居中，五华县…排名末位" ranks 兴宁市 nowhere."""
    clauses = re.split(r"[，,；;。]", sentence)
    found = []
    for i, clause in enumerate(clauses):
        if not (names_place(compact(clause), place) or _SELF.search(clause)):
            continue
        # A rank may come before the place it ranks: "第五名，潍城区，得分89.77分".
        run = [clauses[i - 1], clause] if i and not read_places(clauses[i - 1]) else [clause]
        for after in clauses[i + 1 :]:
            if read_places(after):
                break
            run.append(after)
        found.append("，".join(run))
    return found or [sentence]


_SELF = re.compile(r"[我本][市区县]")  # the document's own place ("去年我市…位列第六")


# Words that state the first or the second place without a numeral (得分最高, 居各城区之首, 其次是).
_FIRST_WORDS = re.compile(r"最高|最多|之首|居首|首位|榜首")
_NEXT_WORDS = re.compile(r"其次|次之")
# A ranking read by its order rather than by numerals (依次为, 由高到低), or a table with a rank column.
_ORDER_IMPLIED = re.compile(r"依次|由高到低|由低到高|从高到低|从低到高|分别为|\|")


def rank_not_given(question: Question, chosen: list[Candidate]) -> Refusal | None:
    """A place in a ranking is asked ("排第三的是哪个区", "第二多的呢"), and the chosen sentences
    state other places only ("七星区…居各城区之首", "秀峰区…居第二"): the ranking stops short of it."""
    asked = [r for r in question.ranks if r > 0]  # the last place is stated by its numeral too (第8名 of 8)
    if not asked or speaks_for_one_side(question):
        return None
    texts = [f"{c.previous} {c.text} {c.header}" for c in chosen]
    if any(_ORDER_IMPLIED.search(t) for t in texts):
        return None
    stated = {rank for t in texts for rank in read_ranks(t)}
    stated |= {1 for t in texts if _FIRST_WORDS.search(t)} | {2 for t in texts if _NEXT_WORDS.search(t)}
    if not stated or stated & set(asked):
        return None
    return Refusal("rank_not_given", f"找到的段落没有给出第{asked[0]}名。")
