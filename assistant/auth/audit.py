"""The audit log: who did what, when. Sign-ins (and failed ones), sign-outs, uploads, deletes,
metadata edits, exports, role changes, new users and knowledge bases, corrections."""

from __future__ import annotations

import json
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from assistant.auth.db import SQL

ACTIONS = (
    "login",
    "login_failed",
    "logout",
    "upload",
    "delete",
    "meta_edit",
    "export",
    "role_change",
    "user_add",
    "kb_add",
    "correction",
)
ACTION_NAMES = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出登录",
    "upload": "上传",
    "delete": "删除",
    "meta_edit": "更正元数据",
    "export": "导出",
    "role_change": "角色变更",
    "user_add": "新增用户",
    "kb_add": "新增知识库",
    "correction": "人工校正",
}


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: float
    actor: str | None
    action: str
    target: str
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def kb(self) -> str | None:
        kb = self.detail.get("kb")
        return str(kb) if kb else None


def record(db: SQL, actor: str | None, action: str, target: str, detail: dict[str, Any] | None = None) -> None:
    """Add an entry. ``actor`` None: open mode (no user yet). Put the knowledge base an action
    touched in ``detail["kb"]``: the audit page shows it to that knowledge base's admins only."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    db.execute(
        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
        (time.time(), actor, action, target, json.dumps(detail, ensure_ascii=False) if detail else None),
    )


def entries(
    db: SQL,
    *,
    actor: str | None = None,
    action: str | None = None,
    since: float | None = None,
    until: float | None = None,
    kbs: Collection[str] | None = None,
    limit: int = 200,
) -> list[AuditEntry]:
    """Newest first. ``kbs``: only entries about these knowledge bases or about none (None: all)."""
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if actor:
        where.append("actor = ?")
        params.append(actor)
    if action:
        where.append("action = ?")
        params.append(action)
    if since is not None:
        where.append("at >= ?")
        params.append(since)
    if until is not None:
        where.append("at < ?")
        params.append(until)
    found: list[AuditEntry] = []
    offset = 0
    while len(found) < limit:  # the kb filter reads JSON details, so it runs here, a page at a time
        rows = db.rows(
            f"SELECT id, at, actor, action, target, detail FROM audit_log WHERE {' AND '.join(where)} "
            "ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        for row in rows:
            entry = AuditEntry(
                int(row["id"]),
                float(row["at"]),
                row["actor"],
                row["action"],
                row["target"],
                json.loads(row["detail"]) if row["detail"] else {},
            )
            if kbs is None or entry.kb is None or entry.kb in kbs:
                found.append(entry)
        if len(rows) < limit:
            break
        offset += limit
    return found[:limit]
