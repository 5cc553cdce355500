"""The knowledge bases (知识库) of a request in the routes: what it may read, which knowledge base
an upload goes into, and the audit entries of the changes it makes."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import HTTPException, Request

from assistant.auth.access import DEFAULT_KB, Access, require
from assistant.scope import kb_name
from assistant.web.access_dep import get_access

logger = logging.getLogger("assistant.web")

CHOOSE_KB = "请选择要上传到的知识库（字段 kb）：您有编辑权限的知识库：{kbs}。"


def readable_kbs(request: Request) -> list[str] | None:
    """The knowledge bases the request may read (None: every one, open mode)."""
    return get_access(request).kbs()


def upload_kb(access: Access, requested: str | None) -> str:
    """The knowledge base an upload goes into: the one asked for (the user must be its editor:
    403 otherwise), else the only one the user edits, else the default one."""
    if requested is not None and requested.strip():
        try:
            kb = kb_name(requested)
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None
    else:
        editable = access.kbs("editor")
        if editable is None or DEFAULT_KB in editable:
            kb = DEFAULT_KB
        elif len(editable) == 1:
            kb = editable[0]
        else:
            raise HTTPException(400, CHOOSE_KB.format(kbs="、".join(editable)))
    require(access, kb, "editor")
    return kb


def audit(request: Request, action: str, target: str, detail: dict[str, Any] | None = None) -> None:
    """Record an action in the audit log (``assistant.auth.audit``). A log that cannot be written
    is reported to the administrator and does not undo the action, which already happened."""
    holder = getattr(request.app.state, "accounts", None)
    if holder is None:
        return
    from assistant.auth.audit import record

    try:
        record(holder.get(), get_access(request).login, action, target, detail)
    except Exception as exc:
        logger.error("audit entry %s not written: %s", action, type(exc).__name__)
