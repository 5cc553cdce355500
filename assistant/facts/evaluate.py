"""Precision and recall of fact extraction against hand labels (``eval/facts_labels.jsonl``).

    .venv/bin/python -m assistant.facts.evaluate                 # extract from ./corpus (no model needed)
    .venv/bin/python -m assistant.facts.evaluate --index /tmp/idx # or from a built index
    .venv/bin/python -m assistant.facts.evaluate -v               # list false positives and misses

The label file: a first line ``{"scope": {"result": [sources], "target": [sources]}}`` naming
the files whose facts of that kind are labelled completely, then one label per line:
``{"source": file name, "kind": "result"|"target", "subject": keyword, "figure": exact
wording, "deadline": exact wording}`` (``figure``/``deadline`` optional). An extracted fact
matches a label when source and kind agree, the keyword occurs in the fact's subject and the
given figure and deadline are the same (compared Simplified, half-width, without spaces).
Labels and facts are paired one to one (maximum matching). Precision counts the extracted
facts of scoped files that match a label; recall the labels that match a fact."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.facts.model import Fact
from assistant.text import compact

DEFAULT_LABELS = Path(__file__).resolve().parents[2] / "eval" / "facts_labels.jsonl"


@dataclass
class Score:
    kind: str
    true_positives: int = 0
    false_positives: list[Fact] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        extracted = self.true_positives + len(self.false_positives)
        return self.true_positives / extracted if extracted else 1.0

    @property
    def recall(self) -> float:
        labelled = self.true_positives + len(self.missed)
        return self.true_positives / labelled if labelled else 1.0

    def line(self) -> str:
        return (
            f"{self.kind:<7} precision {self.precision:.3f} ({self.true_positives}/"
            f"{self.true_positives + len(self.false_positives)})  recall {self.recall:.3f} "
            f"({self.true_positives}/{self.true_positives + len(self.missed)})"
        )


def load_labels(path: str | Path = DEFAULT_LABELS) -> tuple[list[dict[str, Any]], dict[str, set[str]]]:
    labels, scopes = [], {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        if "scope" in record:
            scopes = {kind: set(sources) for kind, sources in record["scope"].items()}
            continue
        for key in ("source", "kind", "subject"):
            if key not in record:
                raise ValueError(f"{path}:{number}: label without '{key}'")
        labels.append(record)
    return labels, scopes


def matches(fact: Fact, label: dict[str, Any]) -> bool:
    if fact.source != label["source"] or fact.kind != label["kind"]:
        return False
    if compact(label["subject"]) not in compact(fact.subject):
        return False
    if "figure" in label and compact(label["figure"]) != compact(fact.figure):
        return False
    return not ("deadline" in label and compact(label["deadline"]) != compact(fact.deadline))


def _max_matching(labels: list[dict[str, Any]], facts: list[Fact]) -> dict[int, int]:
    """label index → fact index, as many pairs as possible (augmenting paths)."""
    edges = [[j for j, fact in enumerate(facts) if matches(fact, label)] for label in labels]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(labels)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def evaluate(facts: list[Fact], labels: list[dict[str, Any]], scopes: dict[str, set[str]]) -> dict[str, Score]:
    scores = {}
    for kind in sorted({label["kind"] for label in labels}):
        scope = scopes.get(kind) or {label["source"] for label in labels if label["kind"] == kind}
        kind_labels = [label for label in labels if label["kind"] == kind]
        kind_facts = [fact for fact in facts if fact.kind == kind and fact.source in scope]
        pairs = _max_matching(kind_labels, kind_facts)
        matched_facts = set(pairs.values())
        scores[kind] = Score(
            kind,
            true_positives=len(pairs),
            false_positives=[f for j, f in enumerate(kind_facts) if j not in matched_facts],
            missed=[label for i, label in enumerate(kind_labels) if i not in pairs],
        )
    return scores


def facts_from_corpus(corpus: str | Path) -> list[Fact]:
    """Facts of the files under ``corpus``, read, cleaned and split as ingest does (no model)."""
    from assistant.facts.extract import extract_facts
    from assistant.ingest.load import IngestError
    from assistant.ingest.pipeline import discover, file_hash, prepare
    from assistant.settings import Settings

    settings = Settings()
    facts: list[Fact] = []
    for source in discover([Path(corpus)]).files:
        try:
            prepared = prepare(source, settings, file_hash(source.path))
        except IngestError:
            continue
        for document, chunks in prepared:
            facts.extend(extract_facts(document, chunks))
    return facts


def facts_from_index(index_dir: str | Path) -> list[Fact]:
    from assistant.facts.book import FactBook
    from assistant.index.store import EmbeddedStore

    store = EmbeddedStore.open_current(Path(index_dir))
    try:
        return FactBook.from_store(store).facts
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", default=str(DEFAULT_LABELS))
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--corpus", default=None, help="folder of documents (default: ./corpus)")
    source.add_argument("--index", default=None, help="an index folder built by `assistant ingest`")
    parser.add_argument("-v", "--verbose", action="store_true", help="list false positives and misses")
    args = parser.parse_args(argv)
    labels, scopes = load_labels(args.labels)
    if args.index:
        facts = facts_from_index(args.index)
    else:
        corpus = Path(args.corpus) if args.corpus else Path(__file__).resolve().parents[2] / "corpus"
        facts = facts_from_corpus(corpus)
    scores = evaluate(facts, labels, scopes)
    for score in scores.values():
        print(score.line())
        if args.verbose:
            for fact in score.false_positives:
                print(f"    extra   {fact.source} | {fact.subject} | {fact.figure} | {fact.deadline}")
            for label in score.missed:
                print(
                    f"    missed  {label['source']} | {label['subject']} | {label.get('figure', '')} | "
                    f"{label.get('deadline', '')}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
