"""Feedback on answers (👍/👎 and a comment) and the curated answers (标注) editors write from it.

Feedback is given on a turn of the user's own chat; its question and answer are copied, so it
outlives the chat. It is listed to the editors of the knowledge bases the answer drew on (those
of its citations; for an answer without any, those the asker could read). A curated answer
belongs to one knowledge base, cites passages of that knowledge base only, and keeps its
question's embedding for matching later questions (``assistant.chats.matching``)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.auth.access import DEFAULT_KB
from assistant.auth.db import SQL, AccountsDB
from assistant.chats.history import ChatError, owner_of, turn_of

COMMENT_MAX = 2000
ANSWER_MAX = 8000
LISTED = 500


def answer_kbs(answer: dict[str, Any], readable: list[str] | None) -> list[str]:
    """The knowledge bases an answer drew on: its citations' (else its related passages'), else
    those the asker could read (every one in open mode: the default one stands for them)."""
    cited = {str(c.get("kb") or DEFAULT_KB) for c in answer.get("citations") or []}
    cited = cited or {str(h.get("kb") or DEFAULT_KB) for h in answer.get("related") or []}
    return sorted(cited or set(readable if readable is not None else [DEFAULT_KB]))


def give_feedback(
    db: AccountsDB, login: str | None, turn_id: int, rating: int, comment: str, readable: list[str] | None
) -> int:
    """Record (or change) the user's 👍 (1) / 👎 (-1) on a turn of their chat; the feedback id."""
    if rating not in (1, -1):
        raise ChatError("评价只能是 1（👍）或 -1（👎）。")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ChatError(f"意见过长（{len(comment)} 字，上限 {COMMENT_MAX} 字）。")
    turn = turn_of(db, login, turn_id)
    if turn is None:
        raise LookupError("没有这条回答，或它不在您的对话中。")
    answer = turn["answer"]
    kbs = json.dumps(answer_kbs(answer, readable), ensure_ascii=False)
    with db.transaction() as tx:
        found = tx.rows("SELECT id FROM feedback WHERE turn_id = ? AND owner = ?", (turn_id, owner_of(login)))
        if found:
            feedback_id = int(found[0]["id"])
            tx.execute(
                "UPDATE feedback SET rating = ?, comment = ?, created_at = ? WHERE id = ?",
                (rating, comment, time.time(), feedback_id),
            )
            return feedback_id
        new_id = tx.execute(
            "INSERT INTO feedback (turn_id, owner, question, answer, kbs, rating, comment, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                turn_id,
                owner_of(login),
                turn["question"],
                json.dumps(answer, ensure_ascii=False),
                kbs,
                rating,
                comment,
                time.time(),
            ),
        )
        assert new_id is not None
        return new_id


def feedback_list(db: SQL, editable: list[str] | None) -> list[dict[str, Any]]:
    """Feedback the editor of ``editable`` sees (None: all, open mode), newest first."""
    rows = db.rows(
        "SELECT id, turn_id, owner, question, answer, kbs, rating, comment, created_at, curated_id "
        f"FROM feedback ORDER BY created_at DESC, id DESC LIMIT {LISTED * 4}"
    )
    out = []
    for row in rows:
        kbs = json.loads(row["kbs"])
        if editable is not None and not set(kbs) & set(editable):
            continue
        answer = json.loads(row["answer"])
        out.append(
            {
                "id": int(row["id"]),
                "owner": row["owner"] or None,
                "question": row["question"],
                "answer": answer.get("answer", ""),
                "refused": bool(answer.get("refused")),
                "citations": answer.get("citations") or [],
                "kbs": kbs,
                "rating": int(row["rating"]),
                "comment": row["comment"],
                "created_at": float(row["created_at"]),
                "curated_id": int(row["curated_id"]) if row["curated_id"] is not None else None,
            }
        )
        if len(out) >= LISTED:
            break
    return out


def feedback_item(db: SQL, feedback_id: int, editable: list[str] | None) -> dict[str, Any] | None:
    return next((f for f in feedback_list(db, editable) if f["id"] == feedback_id), None)


@dataclass(frozen=True)
class Curated:
    id: int
    kb: str
    question: str
    answer: str
    citations: list[dict[str, str]]
    vector: np.ndarray
    author: str | None
    created_at: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kb": self.kb,
            "question": self.question,
            "answer": self.answer,
            "citations": self.citations,
            "author": self.author,
            "created_at": self.created_at,
        }


def add_curated(
    db: AccountsDB,
    *,
    kb: str,
    question: str,
    answer: str,
    citations: list[dict[str, str]],
    vector: np.ndarray,
    model: str,
    author: str | None,
    feedback_id: int | None = None,
) -> int:
    """Store a curated answer (the caller checked the editor's role and the citations)."""
    question, answer = " ".join(question.split()), answer.strip()
    if not question or not answer:
        raise ChatError("校正答案的问题和内容都不能为空。")
    if len(answer) > ANSWER_MAX:
        raise ChatError(f"校正答案过长（{len(answer)} 字，上限 {ANSWER_MAX} 字）。")
    with db.transaction() as tx:
        curated_id = tx.execute(
            "INSERT INTO curated_answers (kb, question, answer, citations, vector, model, author, feedback_id, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                kb,
                question,
                answer,
                json.dumps(citations, ensure_ascii=False),
                np.asarray(vector, dtype=np.float32).tobytes(),
                model,
                author,
                feedback_id,
                time.time(),
            ),
        )
        if feedback_id is not None:
            tx.execute("UPDATE feedback SET curated_id = ? WHERE id = ?", (curated_id, feedback_id))
    assert curated_id is not None
    return curated_id


def curated_answers(db: SQL, kbs: list[str] | None, model: str) -> list[Curated]:
    """The curated answers of ``kbs`` (None: all) embedded by ``model``, newest first."""
    rows = db.rows(
        "SELECT id, kb, question, answer, citations, vector, author, created_at FROM curated_answers "
        "WHERE model = ? ORDER BY created_at DESC, id DESC",
        (model,),
    )
    return [
        Curated(
            int(r["id"]),
            r["kb"],
            r["question"],
            r["answer"],
            json.loads(r["citations"]),
            np.frombuffer(bytes(r["vector"]), dtype=np.float32),
            r["author"],
            float(r["created_at"]),
        )
        for r in rows
        if kbs is None or r["kb"] in kbs
    ]
