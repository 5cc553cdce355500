"""Extractive answers: the retrieved passages' own sentences, chosen by a fitted selector,
with numbered citations, or a refusal that says why.

``prepare`` reads the question and scores nothing: it gathers the candidate sentences and
their features (all the work that does not depend on the fitted model). ``decide`` applies a
:class:`Selector`: the sentences it is confident of, one for each part of a multi-part
question and each side of a comparison, or a refusal. No language model is involved, so
no figure can be invented: every sentence is copied from a passage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from assistant.answer.candidates import Candidate
from assistant.answer.confidence import confidence_row
from assistant.answer.items import with_lists
from assistant.answer.prepared import Prepared, prepare
from assistant.answer.refuse import (
    Refusal,
    absent_focus,
    issue_mismatch,
    organisation_unnamed,
    rank_beyond_list,
    rules_not_results,
    speaks_for_one_side,
    time_mismatch,
)
from assistant.answer.refuse_change import change_unstated
from assistant.answer.refuse_district import district_not_itemised
from assistant.answer.refuse_excerpt import cut_off, item_cut_off, masked_figure
from assistant.answer.refuse_kind import (
    cell_blank,
    change_of_span,
    period_column_absent,
    rate_unstated,
    result_for_target,
    span_for_month,
    target_for_period,
)
from assistant.answer.refuse_place import place_mismatch
from assistant.answer.refuse_rank import rank_not_given, rank_unstated
from assistant.answer.refuse_scope import (
    criterion_unnamed,
    other_basis,
    person_unnamed,
    phone_unnamed,
    whole_year_for_part,
    year_not_held,
    year_to_come_not_held,
)
from assistant.answer.render import cited_text, refusal, render
from assistant.answer.selection import choose, judged_sentences, rank_passages, sentence_limit
from assistant.answer.selector import Selector
from assistant.answer.stand_in import (
    of_the_district_asked,
    of_the_issue_asked,
    of_the_period_asked,
    of_the_place_asked,
    of_the_whole_asked,
)
from assistant.answer.verify import unsupported_numbers
from assistant.corpus_view import CorpusView
from assistant.intent import asks_target_apart, heads_plan, reports_done
from assistant.models import Answer, Hit

LIST_EXTRA = 4  # further sentences a list question's answer may take to give a list whole
CHECKS = (
    "place_unknown",
    "time_mismatch",
    "place_mismatch",
    "issue_mismatch",
    "rank_beyond_list",
    "absent_focus",
    "masked",
    "cut_off",
    "plan_only",
    "plan_document",
    "rules_not_results",
    "organisation_unnamed",
    "person_unnamed",
    "phone_unnamed",
    "district_not_itemised",
    "year_not_held",
    "year_to_come",
    "criterion_unnamed",
    "other_basis",
    "change_of_span",
    "change_unstated",
    "whole_year_for_part",
    "span_for_month",
    "rank_unstated",
    "rank_not_given",
    "period_column_absent",
    "result_for_target",
    "cell_blank",
    "target_for_period",
    "rate_unstated",
)
LOW_CONFIDENCE = "找到的段落都没有直接说明所问的内容。"
NOT_FOUND_RESULT = "未在已收录的文件中找到实际完成的结果；文件中只有以下计划目标（是目标，不是实际完成情况）："


def compose(text: str, hits: list[Hit], corpus: CorpusView, selector: Selector) -> Answer:
    """An extractive, cited answer to ``text`` from ``hits``, or a refusal that says why."""
    return decide(prepare(text, hits, corpus), selector)


def answer_confidence(prepared: Prepared, probabilities: np.ndarray, chosen: list[int], selector: Selector) -> float:
    """How sure the answer is: the answer-level model when the selector has one, else the best
    sentence's probability."""
    if selector.confidence is None:
        return float(probabilities[chosen[0]])
    row = confidence_row(prepared.context, prepared.candidates, probabilities, chosen, prepared.profiles)
    return selector.confidence.probability(row)


def decide(prepared: Prepared, selector: Selector, checks: tuple[str, ...] = CHECKS) -> Answer:
    """The answer the selector's probabilities and the named checks give for ``prepared``."""
    question, hits, shown = prepared.question, prepared.hits, prepared.candidates
    # The checks read each sentence in Simplified script, as the features do (a Traditional
    # report's 目標 names a target as 目标 does); the answer shows the sentences as written.
    reading = replace(prepared, candidates=[c.read_form() for c in shown])
    candidates = reading.candidates
    if not candidates:
        return refusal(question.text, hits, Refusal("no_passages", "没有找到相关的段落。"))
    if "place_unknown" in checks and prepared.place_refusal is not None:
        return refusal(question.text, hits, prepared.place_refusal)
    probabilities = selector.probabilities(prepared.matrix)
    hits = rank_passages(prepared, probabilities)
    chosen = choose(prepared, probabilities, selector)
    best = candidates[chosen[0]]
    time_refusal = time_mismatch(question, best, reading.profiles) if "time_mismatch" in checks else None
    if time_refusal is not None and (in_period := of_the_period_asked(reading, probabilities)) is not None:
        probabilities = in_period
        chosen = choose(prepared, probabilities, selector)
        best = candidates[chosen[0]]
        time_refusal = time_mismatch(question, best, reading.profiles)
    if time_refusal is not None:
        return refusal(question.text, hits, time_refusal)
    if "year_to_come" in checks and (found := year_to_come_not_held(reading.context, best, reading.profiles)):
        return refusal(question.text, hits, found)
    # Sentences of the district or place asked stand in for a best one a check would refuse, each
    # stand-in looked for in turn: (check, whether it would refuse the best, the stand-in's probabilities).
    stand_ins: tuple[tuple[str, Callable[[Candidate], bool], Callable[[np.ndarray, int], np.ndarray | None]], ...] = (
        (
            "district_not_itemised",
            lambda b: district_not_itemised(question, b, reading.profiles) is not None,
            lambda p, _: of_the_district_asked(reading, p),
        ),
        ("place_mismatch", lambda _: True, lambda p, i: of_the_whole_asked(reading, p, i)),
        (
            "whole_year_for_part",
            lambda b: whole_year_for_part(question, b, reading.profiles) is not None,
            lambda p, _: of_the_period_asked(reading, p),
        ),
        (
            "issue_mismatch",
            lambda b: issue_mismatch(question, b, reading.profiles) is not None,
            lambda p, _: of_the_issue_asked(reading, p),
        ),
        (
            "place_mismatch",
            lambda b: place_mismatch(question, b, reading.profiles) is not None,
            lambda p, _: of_the_place_asked(reading, p),
        ),
    )
    for check_name, refuses, stand_in in stand_ins:
        if check_name in checks and refuses(best) and (kept := stand_in(probabilities, chosen[0])) is not None:
            probabilities = kept
            chosen = choose(prepared, probabilities, selector)
            best = candidates[chosen[0]]
    for name, document_check in (
        ("place_mismatch", place_mismatch),
        ("issue_mismatch", issue_mismatch),
        ("rank_beyond_list", rank_beyond_list),
        ("rules_not_results", rules_not_results),
        ("organisation_unnamed", organisation_unnamed),
        ("person_unnamed", person_unnamed),
        ("phone_unnamed", phone_unnamed),
        ("district_not_itemised", district_not_itemised),
        ("year_not_held", year_not_held),
        ("whole_year_for_part", whole_year_for_part),
        ("span_for_month", span_for_month),
        ("target_for_period", target_for_period),
        ("criterion_unnamed", criterion_unnamed),
    ):
        if name in checks and (found := document_check(question, best, reading.profiles)) is not None:
            return refusal(question.text, hits, found)
    if "absent_focus" in checks and (found := absent_focus(reading.context, best, reading.profiles)) is not None:
        return refusal(question.text, hits, found)
    if "cut_off" in checks and (found := item_cut_off(reading.context, best, reading.profiles)) is not None:
        return refusal(question.text, hits, found)
    for name, check in (
        ("cut_off", cut_off),
        ("period_column_absent", period_column_absent),
    ):
        if name in checks and (found := check(question, best)) is not None:
            return refusal(question.text, hits, found)
    judged = judged_sentences(prepared, probabilities, selector, chosen)
    for name, chosen_check in (
        ("masked", masked_figure),
        ("other_basis", other_basis),
        ("change_of_span", change_of_span),
        ("change_unstated", lambda q, c: change_unstated(q, c, reading.profiles)),
        ("rank_unstated", rank_unstated),
        ("rank_not_given", rank_not_given),
        ("result_for_target", lambda q, c: result_for_target(q, c, reading.profiles)),
        ("cell_blank", lambda q, c: cell_blank(q, c, candidates)),
        ("rate_unstated", rate_unstated),
    ):
        if name in checks and (found := chosen_check(question, [candidates[i] for i in judged])) is not None:
            return refusal(question.text, hits, found)
    # Asked what actually happened, and the best the documents say (confidently) is a target: say so.
    # A plan (工作要点, 实施方案) sets targets: what it says is no result unless it says it is done
    # (a question that also asks the target, 计划建多少、实际完成多少, is answered from both; nor is
    # it checked when the best sentence answers one part of several only).
    plan_document = (
        "plan_document" in checks
        and not question.intent.target
        and reading.profiles[best.doc_id].is_plan()
        and _scheduled(best)
    )
    plans_only = (
        "plan_only" in checks
        and question.intent.result
        and not asks_target_apart(question.text)  # 去年实际多少，今年目标多少: the target is asked too
        and not speaks_for_one_side(question)
        and (plan_document or best.is_plan)
        and probabilities[chosen[0]] >= selector.add_above
    )
    confidence = answer_confidence(prepared, probabilities, judged, selector)
    if confidence < selector.refuse_below and not plans_only:
        return refusal(question.text, hits, Refusal("low_confidence", LOW_CONFIDENCE))
    if question.intent.asks_list:
        chosen = with_lists(shown, chosen, sentence_limit(question) + LIST_EXTRA)
    picked = [shown[i] for i in chosen]
    if plans_only:
        picked = [c for c in picked if c.is_plan or (plan_document and c.doc_id == best.doc_id and _scheduled(c))]
    text, citations = render(picked, with_deadline=question.intent.when, with_owner=question.intent.owner)
    if plans_only:
        cited = [c.hit for c in citations]
        related = cited + [h for h in hits if all(h.chunk.chunk_id != c.chunk.chunk_id for c in cited)]
        answer = Answer(
            question=question.text,
            text=f"{NOT_FOUND_RESULT}\n{text}",
            refused=True,
            citations=citations,
            related=related[: max(3, len(cited))],
            notes=["plan_only: 只找到计划目标，没有实际完成情况"],
        )
    else:
        cited_ids = {c.hit.chunk.chunk_id for c in citations}
        answer = Answer(
            question=question.text,
            text=text,
            refused=False,
            citations=citations,
            related=[h for h in hits if h.chunk.chunk_id not in cited_ids][:3],
            notes=[f"confidence {confidence:.2f}"],
        )
    missing = unsupported_numbers(text, [cited_text(c.hit) for c in citations])
    if missing:  # cannot happen for copied sentences; kept as the last line of defence
        return refusal(
            question.text,
            hits,
            Refusal("unsupported", f"（答案中的数字 {'、'.join(missing)} 无法在引用段落中核实，已拦截。）"),
        )
    return answer


def _scheduled(candidate: Candidate) -> bool:
    """A plan's sentence that reports nothing done, or any under a heading of its schedule
    ("三、进度安排 > （三）第三季度": "截至9月底：老旧小区完工30个" is a milestone, not a result)."""
    return not reports_done(candidate.text) or heads_plan(candidate.hit.chunk.heading)
