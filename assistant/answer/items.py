"""The rest of a list a chosen sentence belongs to: a question that asks for items (哪些问题,
有什么措施) is answered with the whole list, not with its heading or its first item.

A list is read from the passage's own layout, never from what it says: the sentences under
a heading of their own ("二、凤鸣区（7个）" and its numbered lines), a lead-in and what it
introduces ("现将问题通报如下：" …), and a run of clauses closed by semicolons
("一是…；二是…；三是…。"). A lead-in that ends its passage goes on in the next passage, which
is then read with it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from assistant.answer.candidates import Candidate
from assistant.answer.headings import ITEM_NUMBER, NUMBERED
from assistant.corpus_view import CorpusView
from assistant.models import Hit

# How an item of a list opens: 1. / （2） / 三、 / ① / 一是 / a speech's 第一， and 一要.
_ITEM_OPENING = re.compile(
    rf"{NUMBERED.pattern}|^{ITEM_NUMBER}|^[一二三四五六七八九十][是要]|^第[一二三四五六七八九十]{{1,3}}[，,、]"
)


def is_list_item(text: str) -> bool:
    """The sentence is an item of a list (what a question asking for items or problems wants,
    rather than the lead-in that counts them)."""
    return bool(_ITEM_OPENING.match(text.lstrip()))


def in_item_passages(candidates: list[Candidate]) -> set[int]:
    """Candidates whose passage gives two or more items of a list: where the items asked for are,
    rather than the lead-in that counts them."""
    items = Counter(c.hit.chunk.chunk_id for c in candidates if is_list_item(c.text))
    return {i for i, c in enumerate(candidates) if items[c.hit.chunk.chunk_id] >= 2}


_LEAD_IN = re.compile(r"[：:]\s*$")
_CLAUSE_GOES_ON = re.compile(r"[；;]\s*$")
_HEADING_MAX = 24
_CONTINUED_AT_MOST = 2  # lead-ins ending their passage whose lists a question's hits take in
_LIST_PASSAGES_AT_MOST = 4  # passages a list so introduced is read on into, while each opens with an item


def _is_heading(candidate: Candidate) -> bool:
    """The candidate is the heading line of its own section ("四、青湖区", "二、凤鸣区（7个）")."""
    text = candidate.text.strip()
    return bool(candidate.section) and len(text) <= _HEADING_MAX and candidate.section.endswith(text)


def _joins_next(candidate: Candidate) -> bool:
    return bool(_LEAD_IN.search(candidate.text) or _CLAUSE_GOES_ON.search(candidate.text))


def list_members(candidates: list[Candidate], index: int) -> list[int]:
    """Indexes of the other sentences of the list ``candidates[index]`` heads or belongs to, in
    passage order (empty when it belongs to none)."""
    at = {(c.hit.chunk.chunk_id, c.position): i for i, c in enumerate(candidates)}
    opening = {(c.doc_id, c.hit.chunk.ordinal): i for i, c in enumerate(candidates) if c.position == 0}
    start = candidates[index]

    def neighbour(candidate: Candidate, step: int) -> int | None:
        return at.get((candidate.hit.chunk.chunk_id, candidate.position + step))

    def next_passage(candidate: Candidate) -> int | None:
        """The next passage's first sentence, after a sentence that ends its passage."""
        return opening.get((candidate.doc_id, candidate.hit.chunk.ordinal + 1)) if candidate.last else None

    def continued(candidate: Candidate) -> int | None:
        """The next passage's first sentence, after a lead-in that ends its passage."""
        return next_passage(candidate) if _LEAD_IN.search(candidate.text) else None

    def goes_on(candidate: Candidate) -> int | None:
        """The next passage's first sentence, if it is an item of the list ``candidate`` ends its passage in."""
        following = next_passage(candidate)
        return following if following is not None and is_list_item(candidates[following].text) else None

    members: list[int] = []
    if _is_heading(start):
        following = neighbour(start, 1)
        while following is not None and candidates[following].section == start.section:
            members.append(following)
            following = neighbour(candidates[following], 1)
        return members
    if (following := continued(start)) is not None:
        # What a lead-in at its passage's end introduces is the whole of the next passage, and of
        # each after it that goes on with the list's items.
        while following is not None:
            members.append(following)
            after = neighbour(candidates[following], 1)
            following = after if after is not None else goes_on(candidates[following])
        return members
    if (
        _LEAD_IN.search(start.text)
        and (first := neighbour(start, 1)) is not None
        and is_list_item(candidates[first].text)
    ):
        return _items_introduced(candidates, start, first, neighbour, next_passage)
    current = start
    while _joins_next(current) and (following := neighbour(current, 1)) is not None:
        if candidates[following].section != start.section or _is_heading(candidates[following]):
            break
        members.append(following)
        current = candidates[following]
    current = start
    while (before := neighbour(current, -1)) is not None and _CLAUSE_GOES_ON.search(candidates[before].text):
        if candidates[before].section != start.section:
            break
        members.insert(0, before)
        current = candidates[before]
    return members


def _items_introduced(
    candidates: list[Candidate],
    lead_in: Candidate,
    first: int,
    neighbour: Callable[[Candidate, int], int | None],
    next_passage: Callable[[Candidate], int | None],
) -> list[int]:
    """The items a lead-in within its passage introduces, each opening as one ("第一，老旧小区改造。"),
    without what each item goes on to say, read on into the passages after while in its section
    and until another lead-in."""
    members: list[int] = []
    following: int | None = first
    passages = 0
    while following is not None:
        candidate = candidates[following]
        if candidate.section != lead_in.section or _is_heading(candidate):
            break
        if is_list_item(candidate.text):
            members.append(following)
        elif _LEAD_IN.search(candidate.text):
            break  # another list begins
        following = neighbour(candidate, 1)
        if following is None and candidate.last:
            passages += 1
            following = next_passage(candidate) if passages < _LIST_PASSAGES_AT_MOST else None
    return members


def with_lists(candidates: list[Candidate], chosen: list[int], limit: int) -> list[int]:
    """``chosen``, and the rest of each chosen sentence's list (the best sentence's list first)
    while there are fewer than ``limit`` sentences."""
    out = list(chosen)
    for index in chosen:
        for member in list_members(candidates, index):
            if len(out) >= limit:
                return out
            if member not in out:
                out.append(member)
    return out


def with_continuations(hits: list[Hit], depth: int, corpus: CorpusView) -> tuple[list[Hit], int]:
    """``hits`` with the passage that follows each of the first ``depth`` whose last line is a
    lead-in ("现将主要问题通报如下："): the list it introduces was cut off into the next passage,
    and on into each passage after that opens with the list's next item. Also how many passages
    were put in, by which the depth read grows (none of the first ``depth`` is pushed out)."""
    out = list(hits)
    taken = {h.chunk.chunk_id for h in hits[:depth]}
    added = 0
    followed = 0
    for hit in hits[:depth]:
        if followed >= _CONTINUED_AT_MOST or not _LEAD_IN.search(hit.chunk.text.rstrip()):
            continue
        previous, following = hit, corpus.following(hit)
        for read in range(_LIST_PASSAGES_AT_MOST):
            if (
                following is None
                or following.chunk.chunk_id in taken
                or (read and not is_list_item(following.chunk.text))
            ):
                break
            out = [h for h in out if h.chunk.chunk_id != following.chunk.chunk_id]
            out.insert(out.index(previous) + 1, following)
            taken.add(following.chunk.chunk_id)
            added += 1
            followed += 1 if read == 0 else 0
            previous, following = following, corpus.following(following)
    return out, added
