"""Features of where a candidate sentence is about: the document's places against those
asked, the places the sentence and its section name, a district's sentence for a question
about the whole city."""

from __future__ import annotations

import re

from assistant.answer.candidates import Candidate
from assistant.corpus import DocProfile
from assistant.divisions import is_below_city, names_place
from assistant.places import read_places
from assistant.question import Question
from assistant.text import compact


def place_agreement(question: Question, profile: DocProfile) -> list[float]:
    """(share, conflict): how many of the places asked the document is about, and whether it is
    about none of them."""
    share = profile.covers_places(question)
    if share is None:
        return [0.0, 0.0]
    return [share, 1.0 if share == 0 else 0.0]


def places_said(question: Question, text: str) -> float:
    """Share of the places asked that the sentence (with its context) names itself, less for a
    sentence that lists many places (对奎文区、潍城区、高新区…5个区进行了考评): it is about none of them."""
    if not question.places:
        return 0.0
    share = sum(1 for p in question.places if names_place(text, p)) / len(question.places)
    listed = len(set(_LISTED_PLACE.findall(text)))
    return share / max(1, listed - len(question.places) + 1)


# A place's name as an item of a list: 奎文区、 潍城区, 高新区和
_LISTED_PLACE = re.compile(r"[\u4e00-\u9fff]{2}(?:区|县|市)(?=[、，,；;和及与])")


def section_places(question: Question, asks_section_place: bool, candidate: Candidate) -> list[float]:
    """(agree, conflict): the heading the sentence sits under names a place (四、望山区) that the
    question names, or names another one while the question asks about a place (a sibling
    district's items)."""
    place = candidate.heading_place
    if not place:
        return [0.0, 0.0]
    if names_place(compact(question.simple), place):
        return [1.0, 0.0]
    return [0.0, 1.0 if question.places or asks_section_place else 0.0]


# A question that asks across places (哪个区, 各县, 第几名) is answered by rows that name them.
_ACROSS_PLACES = re.compile(
    r"哪[个些几]?[个家]?(?:区|县|街道|镇|乡|单位|地方)|各(?:个)?(?:区|县|街道|镇|乡)|排名|第几|排第"
)


def unasked_subunit(question: Question, candidate: Candidate) -> float:
    """The sentence (or the section it sits in) is about a district, county or street while the
    question names none and does not ask across them: a part's figure, not the whole's that is asked
    ("各区情况" rows for "全市5月立案多少")."""
    if any(is_below_city(p) for p in question.places) or question.ranks or _ACROSS_PLACES.search(question.simple):
        return 0.0
    heading = candidate.heading_place
    if heading and is_below_city(heading):
        return 1.0
    text = candidate.text
    return float(bool(_DIVISION_WORD.search(text)) and any(is_below_city(p) for p in read_places(text)))


# A division word not of the document's own place or of a kind of area (全区, 城区, 社区): only a
# sentence that has one is read for places (reading every sentence costs a millisecond each).
_DIVISION_WORD = re.compile(r"(?<![城社小辖全我各市园景片本该县])区|(?<![全我各本该区])县|街道|镇")
