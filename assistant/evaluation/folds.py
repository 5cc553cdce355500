"""Leave-documents-out folds: every question is tested by a selector fitted without any
question on its documents, or on their look-alikes.

Documents are grouped into families by the first word of their file name after the
number (``001_xianning-cg-pingjia-2021-09.txt`` → ``xianning``): the monthly notices of
one city fall into one family, so a test fold never holds a sibling of a training document."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from assistant.evaluation.sets import LabelledQuestion


def family(doc_name: str) -> str:
    stem = re.sub(r"^\d+_", "", doc_name.rsplit(".", 1)[0])
    return re.split(r"[-_]", stem, maxsplit=1)[0].lower() or stem


def question_family(item: LabelledQuestion) -> str:
    return family(item.docs[0]) if item.docs else f"none:{item.id}"


def assign_folds(questions: list[LabelledQuestion], k: int, seed: str = "wenming") -> dict[str, int]:
    """Question key → fold (0..k-1): families are dealt to the fold with fewest questions so far,
    largest family first, ties broken by a hash of the family name (deterministic)."""
    sizes = Counter(question_family(q) for q in questions)
    order = sorted(sizes, key=lambda f: (-sizes[f], hashlib.sha1(f"{seed}:{f}".encode()).hexdigest()))
    load = [0] * k
    fold_of_family: dict[str, int] = {}
    for name in order:
        fold = min(range(k), key=lambda i: (load[i], i))
        fold_of_family[name] = fold
        load[fold] += sizes[name]
    return {q.key: fold_of_family[question_family(q)] for q in questions}
