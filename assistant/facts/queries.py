"""What the facts page, its API and the exports ask of a set of facts: filtered by kind, words,
year, body and document; the results about one measure across documents; the documents,
years and bodies they come from."""

from __future__ import annotations

import re
from typing import Any

from assistant.facts.keywords import COMMON_WORDS
from assistant.facts.measures import MEASURES, find_measure
from assistant.facts.model import Fact
from assistant.facts.verbs import VERB
from assistant.text import compact


class FactQueries:
    """Queries over ``facts`` (a base of :class:`~assistant.facts.book.FactBook`)."""

    facts: list[Fact]

    def query(
        self,
        kind: str | None = None,
        q: str | None = None,
        year: int | str | None = None,
        body: str | None = None,
        doc_id: str | None = None,
    ) -> list[Fact]:
        """Facts filtered by kind, words (all must occur; Traditional/Simplified and full/half
        width insensitive), year and issuing body."""
        terms = [compact(t) for t in re.split(r"\s+", q or "") if compact(t)]
        year_value = int(year) if year not in (None, "") and str(year).strip().isdigit() else None
        body_key = compact(body or "")
        out = []
        for fact in self.facts:
            if kind and fact.kind != kind:
                continue
            if year_value is not None and fact.year != year_value:
                continue
            if body_key and not (body_key in compact(fact.body) or (fact.body and compact(fact.body) in body_key)):
                continue
            if doc_id and fact.doc_id != doc_id:
                continue
            if terms:
                hay = _haystack(fact)
                if not all(t in hay for t in terms):
                    continue
            out.append(fact)
        return out

    def compare(self, measure: str) -> list[Fact]:
        """The results about one measure across documents (e.g. 占道经营: 003's ``约8000余处``,
        002's ``1900余处``), oldest document first, each in document order."""
        found = find_measure(measure)
        strong = [compact(w) for w in found.strong if compact(w)]
        core = [compact(w) for w in found.core]
        rows = []
        results = [f for f in self.facts if f.kind == "result" and not f.masked and f.value is not None]
        for fact in results:
            subject = compact(fact.subject)
            leaf = compact(fact.section.split(" > ")[-1]) if fact.section else ""
            if any(w in subject for w in strong) or (
                core and any(w in leaf for w in strong) and any(c in subject for c in core)
            ):
                rows.append(fact)
        # A figure whose subject names only an action (开展活动26次, 出动人员260余人次, 现场处罚70次)
        # is about the topic of its sentence: keep it with a matching figure of that sentence.
        matched = {(f.chunk_id, f.sentence) for f in rows}
        others = [compact(w) for m in MEASURES if m.name != found.name for w in m.strong if compact(w) not in strong]
        for fact in results:
            if fact in rows or (fact.chunk_id, fact.sentence) not in matched:
                continue
            if (
                _only_action(fact.subject)
                and not any(w in compact(fact.subject) for w in others)
                and not any(
                    _same_clause(fact, r) for r in rows if r.chunk_id == fact.chunk_id and r.sentence == fact.sentence
                )
            ):
                rows.append(fact)
        order = {id(f): i for i, f in enumerate(self.facts)}
        rows.sort(key=lambda f: (f.year or 0, f.doc_id, order[id(f)]))
        return rows

    def documents(self) -> list[dict[str, Any]]:
        """The documents that have facts, with counts per kind (for filters)."""
        seen: dict[str, dict[str, Any]] = {}
        for fact in self.facts:
            key = fact.doc_id or f"table:{fact.source}"
            entry = seen.setdefault(
                key,
                {
                    "doc_id": fact.doc_id,
                    "title": fact.title,
                    "source": fact.source,
                    "year": fact.year,
                    "body": fact.body,
                    "counts": {},
                },
            )
            entry["counts"][fact.kind] = entry["counts"].get(fact.kind, 0) + 1
        return list(seen.values())

    def years(self) -> list[int]:
        return sorted({f.year for f in self.facts if f.year})

    def bodies(self) -> list[str]:
        return sorted({f.body for f in self.facts if f.body})

    def by_id(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.fact_id == fact_id), None)


_ACTION_ONLY_OBJECTS = {"活动", "人员", "车辆", "行动", "人次", "车次", "次数", "队伍", "力量"}


def _only_action(subject: str) -> bool:
    """``开展活动`` / ``出动人员`` / ``现场处罚``: an action without an object of its own."""
    rest = VERB.sub("", compact(subject))
    for word in sorted(_ACTION_ONLY_OBJECTS | COMMON_WORDS, key=len, reverse=True):
        rest = rest.replace(word, "")
    rest = re.sub(r"现场|累计|共|今年|已|各类|集中|常态化|开展", "", rest)
    return len(rest) <= 1


def _same_clause(a: Fact, b: Fact) -> bool:
    """Two figures of one clause (a list such as 占道经营8000余处、店外经营10600余处)."""
    return any(a.figure in clause and b.figure in clause for clause in re.split(r"[，,；;。：:]", a.sentence))


def _haystack(fact: Fact) -> str:
    parts = [
        fact.subject,
        fact.sentence,
        fact.item,
        fact.content,
        fact.standard,
        fact.method,
        fact.responsible,
        fact.section,
        fact.deadline,
        fact.figure,
        fact.title,
    ]
    return compact(" ".join(p for p in parts if p))
