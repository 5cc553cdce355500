"""How good the inspection drafts are, on prompts with the facts a good draft must cover.

A prompt file is JSON lines: ``{"id", "prompt", "docs": [file names], "must_cover": [facts],
"plan_facts": [substrings of plan sentences], "result_facts": [… of result sentences], "notes"}``.
For each prompt the draft is composed as the service composes it, and scored on

* facts covered: ``must_cover`` strings found in the draft's sentences, normalised as the answer
  evaluation does (:func:`assistant.evaluation.metrics.found_facts`: citation markers removed,
  Simplified, half-width, no spaces);
* sentences cited: a sentence with a citation to a passage that holds each of its clauses and
  every one of its figures (:func:`assistant.answer.verify.unsupported_numbers`);
* masked figures shown (``*`` in a sentence); Traditional characters anywhere in the draft (the
  characters an OpenCC t2s round trip changes);
* misplaced: a ``plan_facts`` item found under 主要做法和成效, or a ``result_facts`` item under 下步打算;
* for a draft polished by an LLM (``assistant/draft/polish.py``): sentences taken polished and kept
  extractive, and sentences whose figures all verify against the passage they cite (a polished
  sentence rewords its clauses, so it is not "cited" in the verbatim sense above)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.answer.render import cited_text
from assistant.answer.verify import unsupported_numbers
from assistant.evaluation.metrics import found_facts, percentile
from assistant.models import Answer
from assistant.text import compact, to_simplified
from assistant.units import MASKED_FIGURE as MASKED

RESULT_HEADING = "主要做法和成效"
PLAN_HEADING = "下步打算"
_CLAUSE = re.compile(r"[^，,；;。！？!?]+")
_MASK_TOKEN = re.compile(r"[〔\[]?\*[〕\]]?")


@dataclass(frozen=True)
class DraftPrompt:
    id: str
    prompt: str
    docs: tuple[str, ...] = ()
    must_cover: tuple[str, ...] = ()
    plan_facts: tuple[str, ...] = ()
    result_facts: tuple[str, ...] = ()
    notes: str = ""

    @property
    def labelled(self) -> bool:
        return bool(self.plan_facts or self.result_facts)


def load_prompts(path: Path) -> list[DraftPrompt]:
    """The prompts of a JSON-lines file; a bad line is an error naming the file, line and reason."""
    prompts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or not str(row.get("prompt", "")).strip():
                raise ValueError("缺少 prompt")
            prompts.append(
                DraftPrompt(
                    id=str(row.get("id") or f"{path.stem}-{number}"),
                    prompt=str(row["prompt"]),
                    docs=tuple(str(d) for d in row.get("docs", [])),
                    must_cover=tuple(str(f) for f in row.get("must_cover", [])),
                    plan_facts=tuple(str(f) for f in row.get("plan_facts", [])),
                    result_facts=tuple(str(f) for f in row.get("result_facts", [])),
                    notes=str(row.get("notes", "")),
                )
            )
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{path.name} 第{number}行无法读取：{exc}") from None
    return prompts


@dataclass
class DraftScore:
    id: str
    refused: bool = False
    facts: int = 0
    facts_missing: list[str] = field(default_factory=list)
    sentences: int = 0
    cited: int = 0
    masked_shown: int = 0
    traditional: int = 0
    labelled: bool = False
    misplaced: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    on_documents: bool | None = None  # drew on one of the prompt's documents (None: none named)
    seconds: float = 0.0
    numbers_verified: int = 0  # sentences whose figures are all values their cited passage states
    polished: int = 0  # sentences the LLM polished (verified), when the draft was polished
    reworded: int = 0  # of those, the ones whose words differ from the original (width and spacing aside)
    kept_extractive: int = 0  # sentences polishing kept extractive (its version failed a check)

    @property
    def coverage(self) -> float:
        return 1 - len(self.facts_missing) / self.facts if self.facts else 1.0


def _sections(answer: Answer) -> dict[str, list[dict[str, Any]]]:
    """Level-one heading name (without its number) → the sentences under it, sub-sections included."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    current = ""
    for section in answer.sections:
        if section.get("level", 1) == 1:
            current = re.sub(r"^[一二三四五六七八九十]+、", "", section["heading"])
        grouped.setdefault(current, []).extend(section.get("sentences") or [])
    return grouped


def _cited_passage(sentence: dict[str, Any], answer: Answer) -> str | None:
    """The text of the passage the sentence cites, or None when it cites none of the answer's."""
    citation = next((c for c in answer.citations if c.n == sentence.get("citation")), None)
    return cited_text(citation.hit) if citation is not None else None


def is_cited(sentence: dict[str, Any], answer: Answer) -> bool:
    """The sentence cites a passage that holds each of its clauses and all of its figures."""
    passage = _cited_passage(sentence, answer)
    if passage is None:
        return False
    held = compact(_MASK_TOKEN.sub("", passage))  # a draft may leave out a masked name (〔*〕县)
    clauses = [compact(c) for c in _CLAUSE.findall(sentence["text"])]
    return all(c in held for c in clauses if c) and not unsupported_numbers(sentence["text"], [passage])


def numbers_verify(sentence: dict[str, Any], answer: Answer) -> bool:
    """Every figure of the sentence is a value the passage it cites states."""
    passage = _cited_passage(sentence, answer)
    return passage is not None and not unsupported_numbers(sentence["text"], [passage])


def traditional_characters(text: str) -> int:
    """Characters that an OpenCC t2s conversion changes (phrase-aware, so 显著 stays)."""
    simple = to_simplified(text)
    if len(simple) != len(text):
        return sum(1 for ch in text if to_simplified(ch) != ch)
    return sum(1 for a, b in zip(text, simple, strict=True) if a != b)


def score_draft(answer: Answer, prompt: DraftPrompt, seconds: float = 0.0) -> DraftScore:
    score = DraftScore(id=prompt.id, refused=answer.refused, facts=len(prompt.must_cover), seconds=seconds)
    score.labelled = prompt.labelled
    if answer.refused:
        score.facts_missing = list(prompt.must_cover)
        return score
    grouped = _sections(answer)
    sentences = [s for group in grouped.values() for s in group]
    body = "\n".join(s["text"] for s in sentences)
    score.facts_missing = found_facts(Answer(prompt.prompt, body, False), prompt.must_cover)[1]
    score.sentences = len(sentences)
    score.cited = sum(1 for s in sentences if is_cited(s, answer))
    score.numbers_verified = sum(1 for s in sentences if numbers_verify(s, answer))
    score.polished = sum(1 for s in sentences if s.get("polished") is True)
    score.reworded = sum(1 for s in sentences if s.get("polished") and compact(s["text"]) != compact(s["original"]))
    score.kept_extractive = sum(1 for s in sentences if s.get("polished") is False)
    score.masked_shown = sum(len(MASKED.findall(s["text"])) or s["text"].count("*") for s in sentences)
    score.traditional = traditional_characters("\n".join([answer.text, *answer.notes]))
    results = compact("".join(s["text"] for s in grouped.get(RESULT_HEADING, [])))
    plans = compact("".join(s["text"] for s in grouped.get(PLAN_HEADING, [])))
    score.misplaced = [f"计划→成效：{f}" for f in prompt.plan_facts if compact(f) and compact(f) in results]
    score.misplaced += [f"成效→打算：{f}" for f in prompt.result_facts if compact(f) and compact(f) in plans]
    score.sources = sorted({c.hit.source for c in answer.citations})
    if prompt.docs:
        score.on_documents = bool({Path(d).name for d in prompt.docs} & set(score.sources))
    return score


@dataclass
class DraftReport:
    scores: list[DraftScore]

    def summary(self) -> dict[str, Any]:
        scores = self.scores
        sentences = sum(s.sentences for s in scores)
        labelled = [s for s in scores if s.labelled]
        return {
            "prompts": len(scores),
            "refused": sum(s.refused for s in scores),
            "on_documents": sum(1 for s in scores if s.on_documents),
            "facts_covered": round(sum(s.coverage for s in scores) / len(scores), 3) if scores else 0.0,
            "sentences": sentences,
            "cited_share": round(sum(s.cited for s in scores) / sentences, 3) if sentences else 0.0,
            "numbers_verified_share": round(sum(s.numbers_verified for s in scores) / sentences, 3)
            if sentences
            else 0.0,
            "polished_sentences": sum(s.polished for s in scores),
            "polished_reworded": sum(s.reworded for s in scores),
            "kept_extractive": sum(s.kept_extractive for s in scores),
            "masked_shown": sum(s.masked_shown for s in scores),
            "traditional_characters": sum(s.traditional for s in scores),
            "labelled_prompts": len(labelled),
            "misplaced": sum(len(s.misplaced) for s in labelled),
            "seconds_p50": round(percentile([s.seconds for s in scores], 50), 2),
            "seconds_max": round(max((s.seconds for s in scores), default=0.0), 2),
            "seconds_mean": round(sum(s.seconds for s in scores) / len(scores), 2) if scores else 0.0,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"summary": self.summary(), "prompts": [asdict(s) | {"coverage": s.coverage} for s in self.scores]}


def run_drafts(
    draft: Callable[[str], Answer], prompts: list[DraftPrompt], progress: Callable[[int, int], None] | None = None
) -> DraftReport:
    """Compose (``draft``: prompt → answer, as the service does) and score each prompt's draft."""
    scores = []
    for done, prompt in enumerate(prompts, start=1):
        started = time.perf_counter()
        answer = draft(prompt.prompt)
        scores.append(score_draft(answer, prompt, time.perf_counter() - started))
        if progress:
            progress(done, len(prompts))
    return DraftReport(scores)
