"""Validate followups2.jsonl (dg01-dg45). Stdlib only.

Run: python3 validate_followups2.py
Prints counts; exits 1 on failure.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
DATA = HERE / "followups2.jsonl"
FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
N_ITEMS = 45
EV_MIN, EV_MAX = 10, 40


def squash(text: str) -> str:
    """Remove all whitespace, including full-width spaces."""
    return re.sub(r"\s+", "", text)


def is_str_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(x, str) and x.strip() for x in value)


def main() -> int:
    errors: list[str] = []
    cache: dict[str, str] = {}

    def doc_text(name: str) -> str | None:
        if name not in cache:
            path = CORPUS / name
            if not path.is_file():
                return None
            cache[name] = squash(path.read_text(encoding="utf-8"))
        return cache[name]

    if not DATA.is_file():
        print(f"FAIL: {DATA.name} not found")
        return 1

    items = []
    for lineno, line in enumerate(DATA.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"line {lineno}: empty line")
            continue
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"line {lineno}: bad JSON ({exc})")

    expected_ids = [f"dg{i:02d}" for i in range(1, N_ITEMS + 1)]
    ids = [it.get("id") for it in items if isinstance(it, dict)]
    if ids != expected_ids:
        errors.append(f"ids must be dg01..dg{N_ITEMS:02d} in order, once each; got {len(ids)} ids")

    n_mc = n_ev = n_multi = 0
    docs_used: set[str] = set()
    for it in items:
        if not isinstance(it, dict):
            errors.append("item is not an object")
            continue
        iid = it.get("id", "?")
        keys = set(it)
        if keys != FIELDS:
            errors.append(f"{iid}: fields {sorted(keys ^ FIELDS)} missing or extra")
            continue
        if it["type"] != "followup":
            errors.append(f"{iid}: type must be 'followup'")
        hist = it["history"]
        if not (isinstance(hist, list) and len(hist) == 1 and is_str_list(hist)):
            errors.append(f"{iid}: history must be a list of one non-empty string")
        for key in ("question", "answer"):
            if not (isinstance(it[key], str) and it[key].strip()):
                errors.append(f"{iid}: {key} must be a non-empty string")
        doc = it["doc"]
        names = [doc] if isinstance(doc, str) else doc
        if not is_str_list(names):
            errors.append(f"{iid}: doc must be a file name or a non-empty list of names")
            continue
        if isinstance(doc, list):
            n_multi += 1
            if len(set(doc)) != len(doc) or len(doc) < 2:
                errors.append(f"{iid}: doc list must hold at least two distinct files")
        texts = {}
        for name in names:
            text = doc_text(name)
            if text is None:
                errors.append(f"{iid}: doc file not found: {name}")
            else:
                texts[name] = text
                docs_used.add(name)
        if len(texts) != len(names):
            continue
        bad_lists = [k for k in ("must_contain", "evidence") if not is_str_list(it[k])]
        for key in bad_lists:
            errors.append(f"{iid}: {key} must be a non-empty list of strings")
        if bad_lists:
            continue
        for s in it["must_contain"]:
            n_mc += 1
            if not any(s in t for t in texts.values()):
                errors.append(f"{iid}: must_contain not in document(s): {s!r}")
            if s not in it["answer"]:
                errors.append(f"{iid}: must_contain not in answer: {s!r}")
        ev_docs = set()
        for s in it["evidence"]:
            n_ev += 1
            if not EV_MIN <= len(s) <= EV_MAX:
                errors.append(f"{iid}: evidence length {len(s)} not in {EV_MIN}-{EV_MAX}: {s!r}")
            hits = [n for n, t in texts.items() if s in t]
            if not hits:
                errors.append(f"{iid}: evidence not in document(s): {s!r}")
            ev_docs.update(hits)
        if isinstance(doc, list) and ev_docs != set(doc):
            errors.append(f"{iid}: each listed doc needs at least one evidence string")

    print(f"items: {len(items)}")
    print(f"multi-doc items: {n_multi}")
    print(f"documents used: {len(docs_used)} of {len(list(CORPUS.glob('*.txt')))}")
    print(f"must_contain strings: {n_mc}")
    print(f"evidence strings: {n_ev}")
    if errors:
        for err in errors:
            print(f"ERROR {err}")
        print(f"FAIL: {len(errors)} error(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
