"""Which candidate sentences make the answer: the best one, then one for each rank asked, each
side of a comparison and each part of a multi-part question, then further sentences the
selector rates above its thresholds."""

from __future__ import annotations

import re

import numpy as np

from assistant.answer.candidates import Candidate, furniture
from assistant.answer.prepared import Prepared
from assistant.answer.selector import Selector
from assistant.corpus import DocProfile
from assistant.models import Hit
from assistant.question import Question

# A side of a comparison (another year, city or body) is answered from its own document's best
# sentence unless that is rated this low: one side rated lower than an added sentence is still
# the only answer to it. (Its rating is relative to the other side's best, which reads higher
# where the other document's place is in its context: 西城区's report beside XX区's.)
SIDE_FLOOR = 0.08


# A list is given whole: an assessment table's twelve items or a plan's ten tasks are each one
# sentence above the floor for adding, and eight cut them off.
LIST_SENTENCES = 20


def sentence_limit(question: Question, *, whole_list: bool = True) -> int:
    """How many sentences an answer may have; with ``whole_list`` off, as many as any other
    question's answer (a list's first sentences, by which it is judged)."""
    if whole_list and question.intent.asks_list:
        return LIST_SENTENCES
    return 3 + max(0, len(question.parts) - 1)


def _entities(question: Question) -> list[tuple[str, object]]:
    """The sides of a comparison: each place, month, quarter or year the question names."""
    sides: tuple[tuple[str, tuple[object, ...]], ...] = (
        ("place", question.places),
        ("month", question.months),
        ("quarter", question.quarters),
        ("year", question.years),
    )
    for kind, values in sides:
        if len(values) >= 2:
            return [(kind, v) for v in values]
    return []


def _agrees(kind: str, value: object, profile: DocProfile) -> bool:
    if kind == "place":
        return profile.names_place(str(value))
    if kind == "month":
        return value in profile.months
    if kind == "quarter":
        return value in profile.quarters
    return value in profile.years


def rank_passages(prepared: Prepared, probabilities: np.ndarray) -> list[Hit]:
    """The hits re-ordered by the best probability of their sentences, and a little by their second
    best (passages beyond the candidate depth keep their retrieval order after those)."""
    rated_of: dict[str, list[float]] = {}
    rated = np.where(_ranked_last(_page_lines(prepared)), 0.0, probabilities)  # not first for its title alone
    for candidate, probability in zip(prepared.candidates, rated, strict=True):
        rated_of.setdefault(candidate.hit.chunk.chunk_id, []).append(float(probability))
    score = {key: _passage_score(values) for key, values in rated_of.items()}
    scored = [h for h in prepared.hits if h.chunk.chunk_id in score]
    rest = [h for h in prepared.hits if h.chunk.chunk_id not in score]
    return sorted(scored, key=lambda h: -score[h.chunk.chunk_id]) + rest


# Of two passages whose best sentences read about as well (a look-alike month's report, a title
# line beside the item), the one where a second sentence also reads as an answer (the other part
# of the question, the row's neighbour) is more likely the answering one.
SECOND_SENTENCE_WEIGHT = 0.1


def _passage_score(probabilities: list[float]) -> float:
    best, *rest = sorted(probabilities, reverse=True)
    return best + SECOND_SENTENCE_WEIGHT * (rest[0] if rest else 0.0)


def judged_sentences(prepared: Prepared, probabilities: np.ndarray, selector: Selector, chosen: list[int]) -> list[int]:
    """The sentences whether to answer is judged on: ``chosen`` itself, but for a list its first
    sentences (those any other question would be given): a list's further items say nothing of
    whether the documents answer it, and its length moves every feature read over the chosen."""
    if not prepared.question.intent.asks_list:
        return chosen
    return choose(prepared, probabilities, selector, whole_list=False)


def choose(prepared: Prepared, probabilities: np.ndarray, selector: Selector, *, whole_list: bool = True) -> list[int]:
    """Indexes of the chosen candidates, best first; without ``whole_list``, a list's first
    sentences only (those any other question would be given), which begin the whole list."""
    question, candidates = prepared.question, prepared.candidates
    page = _page_lines(prepared)
    last = _ranked_last(page)
    order = sorted(range(len(candidates)), key=lambda i: (bool(last[i]), -float(probabilities[i])))
    best = order[0]
    chosen = [best]
    floor = max(selector.add_above, selector.add_relative * probabilities[best])
    for rank in question.ranks:
        stating = [
            i
            for i in order
            if rank
            in prepared.profiles[candidates[i].doc_id].ranks_in(
                candidates[i].text, candidates[i].header, question.simple
            )
        ]
        if stating and stating[0] not in chosen and probabilities[stating[0]] >= selector.add_above * 0.5:
            chosen.append(stating[0])
    own_ratings = [selector.probabilities(matrix) for matrix in prepared.sub_matrices]
    if question.intent.compare:
        # A side's best sentence is also judged by the questions written for the sides
        # (西城区…2023年…): it stands if one of them rates it above the floor.
        rated = np.maximum.reduce([probabilities, *own_ratings])
        for kind, value in _entities(question):
            sides = [i for i in order if _agrees(kind, value, prepared.profiles[candidates[i].doc_id])]
            if sides and sides[0] not in chosen and rated[sides[0]] >= SIDE_FLOOR:
                chosen.append(sides[0])
    limit = sentence_limit(question, whole_list=whole_list)
    for own in own_ratings:
        pick = int(np.argmax(own))
        if pick not in chosen and own[pick] >= selector.add_above:
            chosen.append(pick)
            limit += 1  # a part's own sentence takes no further sentence's place
    for i in order[1:]:
        if len(chosen) >= limit or probabilities[i] < floor:
            break
        if page[i]:
            continue  # a document's title or its page's furniture is no item of its list
        if i not in chosen and (question.intent.compare or _fits(question, prepared.profiles[candidates[i].doc_id])):
            chosen.append(i)
    return chosen


def _page_lines(prepared: Prepared) -> np.ndarray:
    """For a question asking for a list, which candidates are a document's title line or its
    page's furniture: they name the list and are none of its items. None for any other question."""
    if not prepared.question.intent.asks_list:
        return np.zeros(len(prepared.candidates), dtype=bool)
    return np.array([_names_the_page(prepared, c) for c in prepared.candidates], dtype=bool)


def _ranked_last(page: np.ndarray) -> np.ndarray:
    """The page lines that come after every other sentence (their probabilities, which confidence
    reads, are left as they are): all of them, unless there is nothing else."""
    return page if not page.all() else np.zeros_like(page)


def _names_the_page(prepared: Prepared, candidate: Candidate) -> bool:
    return _is_title_line(candidate) or furniture(candidate.text, prepared.profiles[candidate.doc_id].text)


def _is_title_line(candidate: Candidate) -> bool:
    """The candidate is a document's opening line with no sentence's end (孝感市人民政府专题会议纪要
    〔2025〕第17期, 唐山市数字城管运行通报（2025年5月）): its title, not one of the things it lists."""
    return (
        candidate.hit.chunk.ordinal == 0
        and candidate.position == 0
        and not candidate.header
        and _SENTENCE_MARK.search(candidate.text) is None
    )


_SENTENCE_MARK = re.compile(r"[。；;！？!?，,]")


def _fits(question: Question, profile: DocProfile) -> bool:
    """A further sentence may not come from a document about another period or place."""
    return profile.covers_time(question) is not False and profile.covers_places(question) != 0
