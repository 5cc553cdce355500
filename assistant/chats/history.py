"""Chat history on the server: each user's chats (list, reopen, rename, delete) and their turns
(a question and the answer the API gave). A chat belongs to one owner (the login; '' in open
single-user mode): another user's chat is as absent as one that never existed."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from assistant.auth.db import SQL

TITLE_MAX = 60
CHATS_LISTED = 200


class ChatError(ValueError):
    """A chat request that cannot be done; ``str()`` is shown to the user (Chinese)."""


@dataclass(frozen=True)
class ChatInfo:
    id: int
    title: str
    created_at: float
    updated_at: float
    turns: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "turns": self.turns,
        }


def owner_of(login: str | None) -> str:
    return login or ""


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ChatError("对话标题不能为空。")
    return title[:TITLE_MAX]


def create_chat(db: SQL, login: str | None, title: str) -> int:
    now = time.time()
    chat_id = db.execute(
        "INSERT INTO chats (owner, title, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id",
        (owner_of(login), clean_title(title), now, now),
    )
    assert chat_id is not None
    return chat_id


_CHAT_ROWS = (
    "SELECT c.id, c.title, c.created_at, c.updated_at, "
    "(SELECT count(*) FROM chat_turns t WHERE t.chat_id = c.id) AS turns FROM chats c "
)


def _chats(db: SQL, where: str, params: tuple[Any, ...]) -> list[ChatInfo]:
    rows = db.rows(_CHAT_ROWS + where, params)
    return [
        ChatInfo(int(r["id"]), r["title"], float(r["created_at"]), float(r["updated_at"]), int(r["turns"]))
        for r in rows
    ]


def list_chats(db: SQL, login: str | None) -> list[ChatInfo]:
    """The user's chats, the most recently used first."""
    where = f"WHERE c.owner = ? ORDER BY c.updated_at DESC, c.id DESC LIMIT {CHATS_LISTED}"
    return _chats(db, where, (owner_of(login),))


def chat_info(db: SQL, login: str | None, chat_id: int) -> ChatInfo | None:
    found = _chats(db, "WHERE c.owner = ? AND c.id = ?", (owner_of(login), chat_id))
    return found[0] if found else None


def chat_turns(db: SQL, login: str | None, chat_id: int) -> list[dict[str, Any]] | None:
    """The turns of the user's chat, oldest first; None when the user has no such chat."""
    if chat_info(db, login, chat_id) is None:
        return None
    rows = db.rows(
        "SELECT id, question, mode, answer, created_at FROM chat_turns WHERE chat_id = ? ORDER BY id", (chat_id,)
    )
    return [
        {
            "id": int(r["id"]),
            "question": r["question"],
            "mode": r["mode"],
            "answer": json.loads(r["answer"]),
            "created_at": float(r["created_at"]),
        }
        for r in rows
    ]


def rename_chat(db: SQL, login: str | None, chat_id: int, title: str) -> bool:
    title = clean_title(title)
    if chat_info(db, login, chat_id) is None:
        return False
    db.execute("UPDATE chats SET title = ? WHERE id = ? AND owner = ?", (title, chat_id, owner_of(login)))
    return True


def delete_chat(db: SQL, login: str | None, chat_id: int) -> bool:
    """Delete the user's chat and its turns (feedback given in it stays, without the link)."""
    if chat_info(db, login, chat_id) is None:
        return False
    db.execute("DELETE FROM chats WHERE id = ? AND owner = ?", (chat_id, owner_of(login)))
    return True


def add_turn(db: SQL, login: str | None, chat_id: int, question: str, mode: str, answer: dict[str, Any]) -> int | None:
    """Keep a question and its answer in the user's chat; the turn's id (None: no such chat)."""
    if chat_info(db, login, chat_id) is None:
        return None
    now = time.time()
    turn_id = db.execute(
        "INSERT INTO chat_turns (chat_id, question, mode, answer, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        (chat_id, question, mode, json.dumps(answer, ensure_ascii=False), now),
    )
    db.execute("UPDATE chats SET updated_at = ? WHERE id = ?", (now, chat_id))
    return turn_id


def turn_of(db: SQL, login: str | None, turn_id: int) -> dict[str, Any] | None:
    """A turn of one of the user's chats (question, mode, answer), or None."""
    rows = db.rows(
        "SELECT t.id, t.question, t.mode, t.answer FROM chat_turns t JOIN chats c ON c.id = t.chat_id "
        "WHERE t.id = ? AND c.owner = ?",
        (turn_id, owner_of(login)),
    )
    if not rows:
        return None
    row = rows[0]
    return {"id": int(row["id"]), "question": row["question"], "mode": row["mode"], "answer": json.loads(row["answer"])}
