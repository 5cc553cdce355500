"""The facts of one document as the extractor finds them: each takes the document's year,
body, period, title and source, and the heading and id of the passage it is found in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.facts.model import Fact
from assistant.models import Chunk, Document


@dataclass
class FactCollector:
    document: Document
    facts: list[Fact]

    def add(self, kind: str, chunk: Chunk, sentence: str, **fields: Any) -> Fact:
        """A new fact of ``kind`` from ``sentence`` of ``chunk``, added to :attr:`facts`."""
        meta = self.document.meta
        fields.setdefault("period", meta.period)
        fact = Fact(
            kind=kind,
            year=meta.year,
            body=meta.body,
            section=chunk.heading,
            sentence=sentence,
            doc_id=self.document.doc_id,
            chunk_id=chunk.chunk_id,
            title=meta.title,
            source=self.document.source,
            **fields,
        )
        self.facts.append(fact)
        return fact
