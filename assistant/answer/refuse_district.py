"""The figure of a part of the city asked (a district, a street): whether the answering sentence
gives it, of the count and the quantity asked, or gives the whole's, and whether the document
gives it anywhere."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.answer.candidates import Candidate
from assistant.answer.features import counts_in
from assistant.answer.headings import ITEM_NUMBER
from assistant.answer.refuse import (
    QUANTITY_ENDINGS,
    Refusal,
    names_word,
    speaks_for_one_side,
)
from assistant.answer.refuse_place import districts_asked, is_town
from assistant.answer.refuse_scope import asks_rules, states_rule
from assistant.answer.spelling import homophone_in
from assistant.corpus import DocProfile
from assistant.divisions import finest, names_place, place_stem
from assistant.places import is_domain_word
from assistant.question import Question
from assistant.tables import is_table_row
from assistant.text import compact, to_simplified
from assistant.units import states_figure, with_arabic_figures


def subunits_asked(question: Question, profiles: Iterable[DocProfile]) -> list[str]:
    """The finest parts of a city asked: its towns and streets written whole in the question, or
    else its counties and districts (:func:`districts_asked`); a street's figure is asked, not its
    district's, of "复兴区丛台西街道"."""
    towns = [p for p in question.places if is_town(p) and _written_whole(question.simple, p)]
    return list(finest((*districts_asked(question, profiles), *towns)))


def _written_whole(text: str, place: str) -> bool:
    """``place`` stands in ``text`` after a break, a place or a date, not after a character of a
    longer name read in part (道桥街道 of 头道桥街道)."""
    at = text.find(place)
    return at <= 0 or not _CJK.match(text[at - 1]) or text[at - 1] in _BEFORE_A_NAME


_CJK = re.compile(r"[\u4e00-\u9fff]")
_BEFORE_A_NAME = "省市州盟区县旗镇乡月年的在和与及"


@dataclass(frozen=True)
class QuantityAsked:
    """The quantity a question asks the value of (结案率), and the word before it that narrows it (按期)."""

    head: str
    qualifier: str = ""


def quantity_asked(question: Question) -> QuantityAsked | None:
    """The quantity a one-part question asks the value of (结案率 of "叶集区按期结案率是多少", with
    按期, the keyword written right before it that is no noun, no place and no field's name such as 城管),
    or None."""
    if len(question.parts) != 1:
        return None
    words = question.keywords
    head = next((w for w in question.parts[0].focus[-1:] if len(w) >= 2 and w[-1] in QUANTITY_ENDINGS), "")
    at = words.index(head) if head in words else -1
    if not head:  # jieba cuts a rate off its word (整改 + 率): the last keyword written right before 率
        at = next((i for i in reversed(range(len(words))) if f"{words[i]}率" in question.simple), -1)
        if at < 0:
            return None
        head = f"{words[at]}率"
    before = words[at - 1] if at > 0 else ""
    written_before = bool(before) and f"{before}{head}" in question.simple
    named_place = any(before in p or p in before for p in question.places)
    # A noun before it is what is counted (问题整改率), not a manner that narrows the rate (按期结案率).
    if not written_before or named_place or is_domain_word(before) or before in question.nouns or len(before) < 2:
        before = ""
    return QuantityAsked(head, before)


def _gives_figure_of(sentence: str, place: str, units: tuple[str, ...] = ()) -> bool:
    """``sentence`` gives a figure right after naming ``place`` ("其中涪城区9个", "涪城区 | 9 |",
    "第六名鹤岭县，84.61分", "最多的是雁塘区，共41处", "西岭区发现问题21个"), or one each of it and
    the places listed with it ("宿城区、宿豫区各4个"); not a list of the places inspected ("对东湖区、西岭区进行了督查").
    The figure is in a unit of ``units``, if any is asked: "查处占道经营2,318起…其中向阳区4处" gives
    no count of 向阳区's cases."""
    return any(
        _in_units(figure.group(), units)
        for name in _name_forms(place)
        for figure in re.finditer(
            f"(?:{name})(?:[^、，,；;。]{{0,15}}|[，,：:][^、，,；;。\\d]{{0,3}}|(?:、[^、，,；;。\\d]{{2,10}})+各)\\d[^、，,；;。]*",
            with_arabic_figures(sentence),
        )
    )


def _itemises(
    text: str, place: str, units: tuple[str, ...], measure: tuple[str, ...], quantity: QuantityAsked | None = None
) -> bool:
    """Some sentence of ``text`` gives a figure of ``place``, in a unit asked if any is (a
    district's score is no figure of its satisfaction rate; a table row's unit is in its header),
    of what is counted if the answering sentence names it (``measure``: its 立案 figures are none
    of its 视频智能发现 cases) and of the ``quantity`` asked, if one is (its 结案率 is not its
    按期结案率), named there or, for a breakdown, in the sentence before ("…共完成改造64条。其中，红塔区27条")."""
    sentences = _SENTENCE_END.split(text)
    for before, s in itertools.pairwise(["", *sentences]):
        said = f"{before}{s}" if _BREAKDOWN.match(s) else s
        if (
            _gives_figure_of(s, place, units)
            and says_measure(said, measure)
            and (_TABLE_CELL in s or names_quantity(compact(said), "", quantity))
        ):
            return True
    return False


_BREAKDOWN = re.compile(r"\s*其中")  # a sentence that breaks down the figure of the one before


def measure_words(question: Question, best: Candidate) -> tuple[str, ...]:
    """The question's words for what it counts that the answering sentence uses too (视频, 转办,
    超期), not the places it names."""
    said = to_simplified(f"{best.header} {best.text}")
    return tuple(w for w in question.keywords if w in said and not any(w in p or p in w for p in question.places))


def says_measure(text: str, measure: tuple[str, ...]) -> bool:
    """``text`` names what is counted, if anything is named (``measure``, of :func:`measure_words`)."""
    return not measure or any(w in text for w in measure)


_TABLE_CELL = "|"
_SENTENCE_END = re.compile(r"[。；;！？!?]")


def _speaks_of(sentence: str, place: str) -> bool:
    """``sentence`` is about ``place``: it names it before any figure and gives one
    ("【宣化区】…已拆除违法建设2.4万平方米", "04 | 纤维街道：…完成背街小巷改造3条"), not as an item of
    a list of places (对东湖区、西岭区进行了督查) nor after the whole's figure ("查处2,318起，…其中向阳区4处")."""
    names = _name_forms(place)
    figures = with_arabic_figures(_LEADING_NUMBER.sub("", sentence))
    if not names or not names_place(figures, place) or not states_figure(figures):
        return False
    listed = "|".join(names)
    first_name = re.search(listed, figures)
    first_figure = re.search(r"\d", _DATE.sub("", figures[: first_name.start()])) if first_name else None
    return first_figure is None and not re.search(f"(?:{listed})[、和及与]|[、和及与](?:{listed})", figures)


def _name_forms(place: str) -> list[str]:
    """``place`` and its stem (复兴区, 复兴), each escaped for a pattern."""
    return [re.escape(name) for name in dict.fromkeys((place, place_stem(place))) if name]


def _opens_with(sentence: str, place: str) -> bool:
    """``sentence`` opens with ``place``, after an item's number or a bracket: a section's lead
    ("04 | 纤维街道：楼道清爽了"), whose next sentences are about the place."""
    names = "|".join(_name_forms(place))
    return bool(names) and re.match(f"(?:{_LEADING_NUMBER.pattern})?\\s*[【\\[（(]?(?:{names})", sentence) is not None


_LEADING_NUMBER = re.compile(r"^\s*\d{1,3}\s*[|、.．]")  # an item's number: "04 | 纤维街道：…"
_DATE = re.compile(r"\d+\s*[年月日]")


def gives_district_figure(
    asked: list[str],
    candidate: Candidate,
    profile: DocProfile,
    units: tuple[str, ...] = (),
    quantity: QuantityAsked | None = None,
) -> bool:
    """The candidate gives a figure of a district ``asked``: its document, heading or section is
    the district's, or its sentence (or the one before, unless it is a table's row) gives a figure of
    the district, in a unit of ``units`` if any (光明桥街道95.8% is no count of its cases), and it
    names the ``quantity`` asked, if one is (a district's 结案率 is not its 按期结案率)."""
    own = candidate.hit.meta.place if candidate.hit.meta is not None else ""
    headings = compact(f"{own} {profile.title} {candidate.hit.chunk.heading} {candidate.section} {candidate.header}")
    row = is_table_row(candidate.text)  # the row above a table's row is another record
    before, sentence = (compact(_ITEM_MARK.sub("", s)) for s in ("" if row else candidate.previous, candidate.text))
    breakdown = before if _BREAKDOWN.match(sentence) else ""
    if not names_quantity(compact(f"{candidate.header} {breakdown} {sentence}"), headings, quantity):
        return False
    before, sentence = (s if _in_units(s, units) else "" for s in (before, sentence))
    return any(
        names_place(headings, p)
        or _gives_figure_of(before, p, units)
        or _gives_figure_of(sentence, p, units)
        or _speaks_of(sentence, p)
        or (_opens_with(before, p) and _speaks_of(before, p))
        for p in asked
    )


def names_quantity(sentence: str, frame: str, quantity: QuantityAsked | None) -> bool:
    """``sentence`` names the quantity asked, if one is, and what narrows it there or in the
    ``frame`` it stands under (title, headings, a table's header): a district's 结案率 is not its 按期结案率."""
    if quantity is None:
        return True
    qualified = not quantity.qualifier or says_quantity(f"{frame}{sentence}", quantity.qualifier)
    return says_quantity(sentence, quantity.head) and qualified


def says_quantity(text: str, word: str) -> bool:
    """``text`` (compacted) names ``word``, in a form of its own or as ``word`` is misheard (节案率 typed for 结案率)."""
    return names_word(text, word) or homophone_in(word, [text]) is not None


# An item's number (①马冲口街道…) gives no figure of what it names.
_ITEM_MARK = re.compile(ITEM_NUMBER)


def _in_units(sentence: str, units: tuple[str, ...]) -> bool:
    """``sentence`` gives a figure in a unit of ``units`` (any, if none is asked; a table row's unit is in its header)."""
    return not units or _TABLE_CELL in sentence or any(counts_in(u, sentence) for u in units)


def district_not_itemised(question: Question, best: Candidate, profiles: dict[str, DocProfile]) -> Refusal | None:
    """A figure is asked for a county or district, and the answering sentence gives one for the
    whole ("共督查点位128个…已整改49个") without naming the district, in a document that is not
    the district's own and gives no figure of the district in the unit asked anywhere (it lists
    it among the places inspected, or gives its score for its satisfaction rate)."""
    asked = subunits_asked(question, profiles.values())
    if not asked or speaks_for_one_side(question) or not (question.intent.figure or question.units):
        return None
    if question.intent.when or question.intent.criteria or (asks_rules(question) and states_rule(best)):
        return None  # a deadline, a criterion or a scoring rule set for the whole holds for each district
    quantity = quantity_asked(question)
    if gives_district_figure(asked, best, profiles[best.doc_id], question.units, quantity):
        return None
    measure = measure_words(question, best)
    if any(_itemises(profiles[best.doc_id].text, p, question.units, measure, quantity) for p in asked):
        return None  # the document gives it elsewhere: a choice to weigh, not an absence
    return Refusal("district_not_itemised", f"找到的段落只给出总体的数字，没有单独说明“{'、'.join(asked)}”的情况。")
