"""How well document metadata (title, year, place, issuing body, kind) is read from text,
against hand labels (``eval/meta_labels.jsonl``: one object per document, its path relative
to a root folder)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.divisions import place_stem
from assistant.ingest.clean import clean_text, split_articles
from assistant.ingest.load import load_file
from assistant.ingest.meta import body_kind, derive_meta
from assistant.models import DocumentMeta
from assistant.text import compact

FIELDS = ("title", "year", "place", "body", "kind")


def _same_title(ours: str, label: str) -> bool:
    a, b = re.sub("[《》〈〉]", "", compact(ours)), re.sub("[《》〈〉]", "", compact(label))
    if not a or not b:
        return a == b
    short, long = sorted((a, b), key=len)
    return short in long and len(short) >= 0.6 * len(long)


def _same_place(ours: str, label: str) -> bool:
    if not label:
        return not ours
    return bool(ours) and (place_stem(compact(ours)) == place_stem(compact(label)))


def compare(meta: DocumentMeta, label: dict[str, Any]) -> dict[str, bool]:
    years = [int(y) for y in label.get("years") or []]
    return {
        "title": _same_title(meta.title, str(label.get("title", ""))),
        "year": (meta.years[:1] == years[:1]) if years else not meta.years,
        "place": _same_place(meta.place, str(label.get("place", ""))),
        "body": body_kind(meta.body) == str(label.get("body_kind", "")),
        "kind": meta.kind == str(label.get("kind", "")),
    }


@dataclass
class MetaReport:
    rows: list[tuple[str, DocumentMeta, dict[str, Any], dict[str, bool]]] = field(default_factory=list)

    def accuracy(self, where: Callable[[str], bool] = lambda _: True) -> dict[str, float]:
        chosen = [r for r in self.rows if where(r[0])]
        if not chosen:
            return {}
        return {f: sum(1 for r in chosen if r[3][f]) / len(chosen) for f in FIELDS} | {"documents": float(len(chosen))}


def evaluate_meta(labels: Path, root: Path) -> MetaReport:
    report = MetaReport()
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label = json.loads(line)
        path = root / label["path"]
        loaded = load_file(path, 50 * 1024 * 1024)
        cleaned = clean_text(loaded.text)
        article = split_articles(cleaned.text)[0]
        meta = derive_meta(article, loaded.title_hint or cleaned.title_hint, cleaned.host)
        report.rows.append((label["path"], meta, label, compare(meta, label)))
    return report
