"""Refusals for where a question asks about: a place no document names, or an answering
document or sentence about another city, county, district or town than the one asked."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.answer.candidates import Candidate
from assistant.answer.refuse import Refusal, speaks_for_one_side
from assistant.corpus import DocProfile
from assistant.corpus_view import CorpusView
from assistant.divisions import is_urban_district_stem, names_place, place_level, place_stem
from assistant.places import read_places
from assistant.question import Question
from assistant.tables import is_table_row
from assistant.text import compact


def unknown_place(question: Question, corpus: CorpusView) -> Refusal | None:
    """A place the question names that no document of the corpus names."""
    missing = [
        p for p in question.places if not corpus.corpus_mentions(p) and not corpus.corpus_mentions(place_stem(p))
    ]
    if not missing:
        return None
    return Refusal("place_unknown", f"收录的文件中没有关于“{'、'.join(missing)}”的内容。")


def _says_other_district(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> bool:
    """The question asks about a county or district (or a town or 街道), and the answering sentence
    names others of that kind, written out in full, but none asked: "咸安区首名…" for a question
    about 崇阳县, "肖港镇…背街小巷开工4条" for one about 毛陈镇."""
    districts = districts_asked(question, profiles.values())
    towns = [p for p in question.places if is_town(p)]
    row = is_table_row(best.text)
    before = "" if row else best.previous  # a table's row above is another record
    text = compact(f"{before} {best.section} {best.text}")
    label = row_place(best.text)  # the row's own place (肇庆高新区 | 群众满意率 | 93.5%), if the gazetteer lacks it
    for asked, of_kind in ((districts, _is_district), (towns, is_town)):
        if not asked:
            continue
        said = [p for p in read_places(text) if of_kind(p) and compact(p) in text]
        if label and (of_kind(label) or (asked is districts and not is_town(label))):
            said.append(label)
        if said and not any(names_place(text, p) for p in asked):
            return True
    return False


def is_town(place: str) -> bool:
    """A town or street (寿春镇, 文智街道), not a city whose name ends so (新乡, 萍乡)."""
    return place_level(place) == 4


# A division's name, not a kind of area (居民小区, 示范社区, 核心景区); an 园区 is a unit of its own (宿马园区).
_DIVISION_CELL = re.compile(r"[\u4e00-\u9fff]{2,8}(?<![小社景校库])(?:区|县|市|街道|镇|乡)")


def row_place(text: str) -> str:
    """The place a table row's first cell names ("东湖区 | 综合得分 | 91.6 |"), or "" (not a row, or
    its first cell names no division)."""
    label = text.strip().lstrip("|").split("|")[0].strip()  # "东湖区 | …" or "|东湖区|…|"
    return label if is_table_row(text) and _DIVISION_CELL.fullmatch(label) else ""


def _another_districts_report(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> bool:
    """The question asks about a county or district, and the answering document is another
    district's report that never names the one asked (北岸区's summary for 龙门区)."""
    asked = districts_asked(question, profiles.values())
    profile = profiles[best.doc_id]
    own = best.hit.meta.place if best.hit.meta is not None else ""
    return (
        bool(asked)
        and _is_district(own)
        and not any(names_place(own, p) for p in asked)
        and not any(profile.names_place(p) for p in asked)
    )


def districts_asked(question: Question, profiles: Iterable[DocProfile]) -> list[str]:
    """The counties and districts asked, in full (崇阳县) or, for a city's district, as staff
    write it (宛城 for 宛城区) when a document found writes it in full (not 鹤城 of an app's name)."""
    texts = [profile.text for profile in profiles]
    return [
        p
        for p in question.places
        if _is_district(p) or (is_urban_district_stem(p) and any(f"{p}区" in text for text in texts))
    ]


def _is_district(place: str) -> bool:
    return place.endswith(("区", "县")) and place_level(place) == 3  # 3: a county or district


def place_mismatch(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """The answering document names none of the places asked (another city's look-alike), or
    its answering sentence is about another district; not checked when the best sentence speaks
    for one side only."""
    if speaks_for_one_side(question):
        return None
    profile = profiles[best.doc_id]
    if (
        profile.covers_places(question) != 0
        and not _another_districts_report(question, best, profiles)
        and not _says_other_district(question, best, profiles)
    ):
        return None
    return Refusal("place_mismatch", f"找到的相关文件说的不是“{'、'.join(question.places)}”。")
