"""Lists written one item a line under a lead-in ("排名依次为" / "枝江市(88.19)" / "当阳市(84.82)" …):
no line is a sentence, so each would be dropped as a heading; read together they are one
statement of the draft ("排名依次为枝江市(88.19)，当阳市(84.82)，…。"). Every clause stays an exact
piece of the passage (the lead-in with the first item, then one item per clause)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer.candidates import Candidate
from assistant.draft.sections import Placed, placement, subheading_of
from assistant.draft.sentences import masks_figure
from assistant.text import to_simplified

# A lead-in that announces a list: 排名依次为, 前三名分别是, 结果如下：.
_LEAD_IN = re.compile(r"(?:依次为|依次是|分别为|分别是|如下|为|是)[：:]?$")
# An item: a short line with a figure and no sentence punctuation (枝江市(88.19), 鹤山市 96.14%).
_ITEM = re.compile(r"^[^，,。；;！？!?：:|]{1,30}$")
_MAX_LEAD = 20
_MIN_ITEMS = 2


def _item(span: str) -> bool:
    return bool(_ITEM.match(span)) and bool(re.search(r"\d", span)) and not masks_figure(span)


def listed(candidates: list[Candidate], kind: str) -> list[Placed]:
    """The one-item-a-line lists of a passage's candidates, each as one placed sentence."""
    out: list[Placed] = []
    index = 0
    while index < len(candidates):
        spans = [s.strip() for s in candidates[index].spans if s.strip()]
        lead = next((i for i, s in enumerate(spans) if len(s) <= _MAX_LEAD and _LEAD_IN.search(s)), None)
        if lead is None or not all(_item(s) for s in spans[lead + 1 :]):
            index += 1
            continue
        items = spans[lead + 1 :]
        following = index + 1
        while following < len(candidates):
            more = [s.strip() for s in candidates[following].spans if s.strip()]
            if len(more) != 1 or not _item(more[0]):
                break
            items.append(more[0])
            following += 1
        if len(items) >= _MIN_ITEMS:
            out.append(_placed(candidates[index], spans[lead], items, kind))
        index = max(following, index + 1)
    return out


def _placed(first: Candidate, lead: str, items: list[str], kind: str) -> Placed:
    lead_text = lead.rstrip("：:")
    text = to_simplified(f"{lead_text}{items[0]}，{'，'.join(items[1:])}。")
    candidate = replace(first, text=text, spans=[lead_text, *items])
    part, cued = placement(text, first.hit.chunk.heading, kind, "", first.hit.chunk.ordinal == 0)
    if part == "basic":
        part = "result"  # a ranked or counted list is what was found: a result
    return Placed(
        candidate=candidate,
        text=text,
        part=part,
        subheading=subheading_of(first.hit.chunk.heading),
        has_figure=True,
        cued=cued,
    )
