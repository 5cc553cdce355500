"""Sentences that stand in for the best one when it answers for another period, place or district
than the one asked: a sentence of the period or place asked, rated nearly as high, is answered from
instead of refusing."""

from __future__ import annotations

import re

import numpy as np

from assistant.answer.features import FEATURES
from assistant.answer.prepared import Prepared
from assistant.answer.refuse import names_asked_time
from assistant.answer.refuse_district import (
    gives_district_figure,
    measure_words,
    quantity_asked,
    says_measure,
    subunits_asked,
)
from assistant.answer.refuse_place import place_mismatch, row_place
from assistant.divisions import TOWN, is_below_city, names_place
from assistant.text import compact, to_simplified

FALLBACK_SHARE = 0.8  # how near the best a sentence of the period or place asked must be rated to stand in


def of_the_period_asked(prepared: Prepared, probabilities: np.ndarray) -> np.ndarray | None:
    """The best sentence is from another period's document, and a document of the period asked was
    retrieved too, or a sentence names that period itself (a report's month-by-month lines, "3月立案
    5,366件"): their probabilities alone (the others set to 0), if their best is rated nearly as
    high (``FALLBACK_SHARE`` of the best); else None."""
    question = prepared.question
    asks_time = bool(question.years or question.months or question.quarters)
    covers = np.array(
        [
            # the sentence itself, not its neighbours ("4月 立案5790件" below "3月 …" is no line of March)
            prepared.profiles[c.doc_id].covers_time(question) is True
            or (asks_time and names_asked_time(question, c.text))
            for c in prepared.candidates
        ]
    )
    return _stand_in(covers, probabilities)


def of_the_issue_asked(prepared: Prepared, probabilities: np.ndarray) -> np.ndarray | None:
    """The best sentence is from a document that does not name the numbered issue asked (第24周), and
    one that does was retrieved too (three weeks' reports in one file): the probabilities of its
    sentences alone, if their best is rated nearly as high (``FALLBACK_SHARE`` of the best); else None."""
    names = np.array([prepared.profiles[c.doc_id].names_issues(prepared.question) is True for c in prepared.candidates])
    return _stand_in(names, probabilities)


def of_the_district_asked(prepared: Prepared, probabilities: np.ndarray) -> np.ndarray | None:
    """The best sentence gives no figure of the district asked, and another candidate does: the
    probabilities of those that do alone (the others set to 0), if their best is rated nearly as
    high (``FALLBACK_SHARE`` of the best); else None."""
    question = prepared.question
    asked = subunits_asked(question, prepared.profiles.values())
    quantity = quantity_asked(question)
    # of what the best counts, if it names it (a district's score is no stand-in for its 转办 cases)
    measure = measure_words(question, prepared.candidates[int(probabilities.argmax())])
    gives = np.array(
        [
            gives_district_figure(asked, c, prepared.profiles[c.doc_id], question.units, quantity)
            and says_measure(to_simplified(f"{c.previous}{c.header}{c.text}"), measure)
            for c in prepared.candidates
        ]
    )
    return _stand_in(gives, probabilities)


def of_the_place_asked(prepared: Prepared, probabilities: np.ndarray) -> np.ndarray | None:
    """The best sentence is about another district or town than the one asked (another district's
    row or report): the probabilities of the sentences that name the district asked themselves (or
    under their heading) and pass the place check alone, if their best is rated nearly as high
    (``FALLBACK_SHARE`` of the best); else None. A row that names no place (a merged cell left blank)
    does not stand in."""
    question, profiles = prepared.question, prepared.profiles
    # It must say as much of the quantity asked as the best does (东湖区's 综合得分 is no stand-in
    # for another district's 群众满意率).
    asked = [p for p in question.places if is_below_city(p)]
    if not asked:
        return None
    phrase = prepared.matrix[:, FEATURES.index("phrase_said")]
    said = phrase[int(probabilities.argmax())]
    at_place = np.array(
        [
            phrase[i] >= said
            and any(names_place(compact(f"{c.section} {c.text}"), p) for p in asked)
            and place_mismatch(question, c, profiles) is None
            for i, c in enumerate(prepared.candidates)
        ]
    )
    return _stand_in(at_place, probabilities)


def _stand_in(kept_mask: np.ndarray, probabilities: np.ndarray) -> np.ndarray | None:
    """The probabilities of the kept sentences alone, if their best is rated nearly as high as the
    best of all (``FALLBACK_SHARE``); else None."""
    if not kept_mask.any():
        return None
    kept = np.where(kept_mask, probabilities, 0.0)
    return kept if kept.max() >= FALLBACK_SHARE * probabilities.max() else None


# A question that asks which of the parts (哪个区最高, 排名, 各区分别): a district's row answers it.
_ASKS_AMONG_PARTS = re.compile(r"哪个|哪些|哪几|谁|最高|最低|最多|最少|第一|倒数|排名|排第|名次|各区|各县|分别|区县")
_WHOLE_CELL = re.compile(r"全市|市区|合计|总计|全区|全县")


def of_the_whole_asked(prepared: Prepared, probabilities: np.ndarray, best: int) -> np.ndarray | None:
    """A city's or a district's own figure is asked (株洲5月数字城管立案多少件, 新兴区9月按期处置率), and
    the best sentence is a table's row of one of its parts (a district's "天元区 | 4,215 | 94.8%", a
    street's "兴华街道 | 312 | 93.9%"): the probabilities of the sentences that are no such row
    alone, if their best is rated nearly as high; else None."""
    question = prepared.question
    if not question.places or question.ranks or question.intent.list_strict:
        return None
    if _ASKS_AMONG_PARTS.search(question.simple) or _TOWN_WORD.search(question.simple):
        return None
    district = any(is_below_city(p) for p in question.places)
    asked = compact(question.simple)
    rows = np.array([_a_parts_row(c.text, asked, district) for c in prepared.candidates])
    return _stand_in(~rows, probabilities) if rows[best] else None


_TOWN_WORD = re.compile(r"街道|镇|乡")


def _a_parts_row(text: str, asked: str, district: bool) -> bool:
    """A table's row of a part of the place asked: of a district, for a city; of a street or town,
    for a district (another district's row is another place's, not a part's)."""
    label = row_place(text)
    if not label or _WHOLE_CELL.search(label) or names_place(asked, label):
        return False
    return bool(TOWN.fullmatch(label)) if district else True
