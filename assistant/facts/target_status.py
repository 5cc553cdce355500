"""A target's status: ``done`` when a result in a document of the same body from the following
year says it (by its keywords), ``open`` when a later document of that body does not, else
``unknown``. (A report five years on that names the same work is not evidence that this year's
promise was kept; the next reports are.)

Results are looked up through the targets' words (a two-character index over their texts, per
body and year), so the cost grows with the matches, not with targets × results."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.facts.keywords import keywords
from assistant.facts.model import Fact
from assistant.text import compact


def _doc_time(year: int | None, period: str) -> tuple[int, int] | None:
    """When a document's account ends: (year, 1) for a 上半年 report, else (year, 2)."""
    if year is None:
        return None
    return (year, 1 if period == "上半年" else 2)


def mark_status(facts: list[Fact], doc_periods: Mapping[str, str]) -> None:
    """Set ``status`` and ``done_by`` of every target of ``facts``; ``doc_periods``: the
    period (上半年 …) of each document, by doc_id."""
    results = [f for f in facts if f.kind == "result" and not f.masked]
    texts = [compact(f"{r.subject} {r.section.split(' > ')[-1] if r.section else ''}") for r in results]
    times = [_doc_time(r.year, doc_periods.get(r.doc_id, "")) for r in results]
    doc_times: dict[str, dict[str, tuple[int, int]]] = {}  # body → doc_id → when its account ends
    for result, at in zip(results, times, strict=True):
        if at is not None:
            docs = doc_times.setdefault(result.body, {})
            docs[result.doc_id] = max(at, docs.get(result.doc_id, at))
    # Each body's two latest documents: enough to tell whether a target's body reported later.
    latest = {
        body: sorted(((at, doc) for doc, at in docs.items()), reverse=True)[:2] for body, docs in doc_times.items()
    }
    pairs: dict[tuple[str, int | None, str], list[int]] = {}
    for i, text in enumerate(texts):
        for pair in {text[j : j + 2] for j in range(len(text) - 1)}:
            pairs.setdefault((results[i].body, results[i].year, pair), []).append(i)
    containing: dict[tuple[str, int, str], set[int]] = {}

    def results_with(body: str, year: int, word: str) -> set[int]:
        key = (body, year, word)
        if key not in containing:
            containing[key] = {i for i in pairs.get((body, year, word[:2]), ()) if word in texts[i]}
        return containing[key]

    for target in (f for f in facts if f.kind == "target"):
        target.status, target.done_by = "unknown", []
        start = _doc_time(target.year, doc_periods.get(target.doc_id, ""))
        if start is None or not target.body:
            continue
        if not any(at > start and doc != target.doc_id for at, doc in latest.get(target.body, [])):
            continue
        target.status = "open"
        words = keywords(target.subject)
        if not words:
            continue
        weight = sum(min(len(w), 4) for w in words)
        until = (start[0] + 1, start[1])
        found = (results_with(target.body, year, w) for year in (start[0], start[0] + 1) for w in words)
        for i in sorted(set[int]().union(*found)):
            at = times[i]
            if results[i].doc_id == target.doc_id or at is None or not start < at <= until:
                continue
            hit = sum(min(len(w), 4) for w in words if w in texts[i])
            if hit / weight >= 0.6:
                target.status = "done"
                target.done_by.append(results[i].fact_id)
