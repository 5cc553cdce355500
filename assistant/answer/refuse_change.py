"""A change asked ("比去年提高了多少", "同比增长多少", "比4月多了多少") that the answering sentences
do not state for what was asked: the level of this period alone, or another place's change (the
city's "比去年提高3.2个百分点" for a district asked), answers no question about a change."""

from __future__ import annotations

import re

from assistant.answer.candidates import Candidate
from assistant.answer.refuse import Refusal
from assistant.answer.refuse_district import gives_district_figure
from assistant.answer.refuse_scope import ASKS_CHANGE_ON_YEAR
from assistant.corpus import DocProfile
from assistant.divisions import finest, is_below_city
from assistant.question import Question
from assistant.tables import column_heads
from assistant.units import states_figure, with_arabic_figures

# A change on the period before: a basis (比4月, 较上月, 环比) and what changed (多了, 提高, 咋样).
_ASKS_CHANGE_ON_PERIOD = re.compile(
    r"环比|[比较]\s*(?:上个?月|上一?季度|上一?期|\d{1,2}\s*月份?|[一二三四1-4]\s*季度)"
    r"[^，,？?。]{0,6}?(?:提高|增长|增加|下降|减少|降低|上升|[涨降升]|[多少高低](?:了|还是|多少|几)|变化|怎么样|咋样|如何)"
)
# What a sentence (or its table's header) says when it states a change: its direction or size
# (提高, 下降, 个百分点), its basis (同比, 较上年, 比去年), or a signed figure in a 变化 column.
_STATES_CHANGE = re.compile(
    r"提高|增长|增加|下降|减少|降低|上升|回落|回升|持平|[增降涨]幅|增/?减|百分点|变化|同比|环比"
    r"|[较比](?:上|去|前)|[+＋]\s*\d|(?<![\d\-])[-－−]\s*\d+\.\d"
)


def asks_change(question: Question) -> bool:
    return bool(ASKS_CHANGE_ON_YEAR.search(question.simple) or _ASKS_CHANGE_ON_PERIOD.search(question.simple))


def change_unstated(question: Question, chosen: list[Candidate], profiles: dict[str, DocProfile]) -> Refusal | None:
    """Only a change is asked, and no chosen sentence states one (for the district or town asked,
    if any), nor do the chosen sentences give figures (of that place) from two documents, the
    period asked and the one it is compared with, from which the change can be read."""
    if len(question.parts) > 1 or not asks_change(question):
        return None
    members = [p for p in finest(question.places) if is_below_city(p)]
    if members:
        giving = [c for c in chosen if gives_district_figure(members, c, profiles[c.doc_id])]
    else:
        giving = [c for c in chosen if states_figure(with_arabic_figures(c.text))]
    if any(_states_change(c) for c in giving) or len({c.doc_id for c in giving}) > 1:
        return None
    if members:
        return Refusal("change_unstated", f"找到的段落没有给出“{'、'.join(members)}”的变化情况。")
    return Refusal("change_unstated", "找到的段落只给出了一期的数值，没有给出所问的变化（比上期或比去年多少）。")


def _states_change(candidate: Candidate) -> bool:
    """The sentence states a change, or its table's header names one and the row's cell under it
    holds a figure ("| 东安县 | 87.0% | 92.2% |  |" under "…| 较上年满意度变化" states none)."""
    if _STATES_CHANGE.search(candidate.text):
        return True
    if not _STATES_CHANGE.search(candidate.header):
        return False
    heads = column_heads(candidate.header, candidate.text)
    if heads is None:
        return True  # the row cannot be read against its header: the header's word stands
    cells = candidate.text.split("|")
    return any(_STATES_CHANGE.search(head) and re.search(r"\d", cell) for head, cell in zip(heads, cells, strict=True))
