"""Labelled question sets: one shape for every file format the project measures on.

Formats read (JSON lines):

* question sets ``{"id","question","must_contain","evidence","type", "doc" | "source", …}``:
  ``doc`` names the answering document(s) (a file name, or a list for ``multi_doc``);
  older sets name it ``source``; ``type`` ``unanswerable`` marks a question the documents
  cannot answer (``doc`` then names the plausible but wrong document);
* follow-up sets ``{"id","turns":[{"question"}, …, {"question","must_contain","doc","evidence"}]}``:
  only the last turn is scored, asked after the earlier ones."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

UNANSWERABLE = "unanswerable"


@dataclass(frozen=True)
class LabelledQuestion:
    id: str
    question: str
    set_name: str
    type: str = "unknown"
    docs: tuple[str, ...] = ()  # file names (no folders) of the answering documents
    must_contain: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    history: tuple[str, ...] = ()  # earlier user turns of a follow-up
    difficulty: str = ""

    @property
    def key(self) -> str:
        """Unique across sets (two sets may both have an "f1")."""
        return f"{self.set_name}:{self.id}"

    @property
    def answerable(self) -> bool:
        return self.type != UNANSWERABLE

    @property
    def is_followup(self) -> bool:
        return bool(self.history)

    def history_turns(self) -> list[dict[str, str]]:
        return [{"role": "user", "content": turn} for turn in self.history]


def _names(value: Any) -> tuple[str, ...]:
    """File names of the answering documents: a list, or one string ("a.txt;b.txt" in older sets)."""
    values = value if isinstance(value, list) else re.split(r"[;；]", value) if isinstance(value, str) and value else []
    return tuple(PurePosixPath(str(v).strip()).name for v in values if str(v).strip())


def _read_lines(path: Path) -> list[dict[str, Any]]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path.name} 第{number}行不是有效的 JSON（{exc.msg}）") from exc
        if not isinstance(item, dict):
            raise ValueError(f"{path.name} 第{number}行应为一个 JSON 对象")
        item.setdefault("id", f"{path.stem}:{number}")
        items.append(item)
    return items


def _question(item: dict[str, Any], set_name: str, history: tuple[str, ...] = ()) -> LabelledQuestion:
    text = str(item.get("question", "")).strip()
    if not text:
        raise ValueError(f"{set_name}: 问题 {item.get('id')} 没有 question 字段")
    return LabelledQuestion(
        id=str(item["id"]),
        question=text,
        set_name=set_name,
        type=_type(item),
        docs=_names(item.get("doc") or item.get("source")),
        must_contain=tuple(str(m) for m in item.get("must_contain") or [] if str(m).strip()),
        evidence=tuple(str(e) for e in item.get("evidence") or [] if str(e).strip()),
        history=history,
        difficulty=str(item.get("difficulty") or ""),
    )


def _type(item: dict[str, Any]) -> str:
    """The item's type. A follow-up labelled with an empty list of expected facts and of evidence
    (``"must_contain": [], "evidence": []``) is one the documents cannot answer."""
    kind = str(item.get("type") or "unknown")
    if kind in {"followup", "unknown"} and item.get("must_contain") == [] and item.get("evidence") == []:
        return UNANSWERABLE
    return kind


def load_set(path: Path | str, set_name: str | None = None) -> list[LabelledQuestion]:
    """The questions of one file, questions and follow-ups alike (a follow-up as its ``turns``,
    or as its ``question`` with the earlier questions in ``history``)."""
    path = Path(path)
    name = set_name or path.stem
    out = []
    for item in _read_lines(path):
        turns = item.get("turns")
        if isinstance(turns, list) and turns:
            last = dict(turns[-1])
            last.setdefault("id", item["id"])
            last["id"] = item["id"]
            last.setdefault("type", "followup")
            history = tuple(str(t.get("question", "")) for t in turns[:-1] if isinstance(t, dict))
            out.append(_question(last, name, history))
        elif isinstance(earlier := item.get("history"), list) and earlier:
            # {"history": ["first question", …], "question": "那8月呢？", …}
            out.append(_question(item, name, tuple(_turn_text(t) for t in earlier)))
        else:
            out.append(_question(item, name))
    return out


def _turn_text(turn: object) -> str:
    return str(turn.get("question") or turn.get("content") or "") if isinstance(turn, dict) else str(turn)


@dataclass
class QuestionBank:
    """Several sets together (ids are prefixed by their set when two sets share one)."""

    questions: list[LabelledQuestion] = field(default_factory=list)

    @classmethod
    def load(cls, paths: list[Path]) -> QuestionBank:
        bank = cls()
        for path in paths:
            bank.questions.extend(load_set(path, _set_name(path)))
        return bank


def _set_name(path: Path) -> str:
    """chengguan/questions.jsonl → chengguan/questions; eval/dev.jsonl → dev."""
    parent = path.parent.name
    return f"{parent}/{path.stem}" if path.stem in {"questions", "followups"} else path.stem
