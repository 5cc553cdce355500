"""Citation numbers: each cited passage gets 1, 2, … in the order an answer first uses it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from assistant.models import Citation, Hit

S = TypeVar("S")
C = TypeVar("C")


class Citer(Generic[S, C]):
    """One citation per passage (``chunk_id(source)``), numbered in order of first use;
    ``make(n, source)`` builds the citation the first time its passage is cited."""

    def __init__(self, chunk_id: Callable[[S], str], make: Callable[[int, S], C]):
        self.citations: list[C] = []
        self._number: dict[str, int] = {}
        self._chunk_id = chunk_id
        self._make = make

    def cite(self, source: S) -> C:
        key = self._chunk_id(source)
        if key not in self._number:
            self._number[key] = len(self.citations) + 1
            self.citations.append(self._make(self._number[key], source))
        return self.citations[self._number[key] - 1]


def hit_citer() -> Citer[Hit, Citation]:
    """A citer of retrieved passages: ``cite(hit)`` → its :class:`Citation`."""
    return Citer(lambda hit: hit.chunk.chunk_id, lambda n, hit: Citation(n, hit))
