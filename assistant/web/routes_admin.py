"""Accounts pages for admins: users and their roles, knowledge bases, and the audit log with a
filter (HTML forms, CSRF field included), plus the same lists as JSON. An admin manages roles
only in the knowledge bases they administer, and sees the audit entries of those (and the
entries about no knowledge base, such as sign-ins). In open mode (no user yet) the pages are
read-only: the first user is made with ``assistant users add``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from assistant.auth import audit
from assistant.auth.access import ROLES, Access
from assistant.auth.accounts import AccountError, add_kb, add_user, list_kbs, list_users, set_role
from assistant.auth.db import AccountsDB
from assistant.auth.passwords import HashParams, WeakPassword
from assistant.web.access_dep import require_admin_access
from assistant.web.routes_auth import accounts
from assistant.web.schemas import ERRORS, error_response
from assistant.web.state import get_settings

router = APIRouter(tags=["accounts"])
OPEN_MODE_READ_ONLY = "尚未创建任何用户：请先用命令 assistant users add 创建管理员，再在此管理账户。"
ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: error_response("not signed in"),
    403: error_response("not an admin of any knowledge base"),
    **ERRORS,
}
TZ = dt.timezone(dt.timedelta(hours=8))  # the offices' time (Beijing) on the pages


class UserRow(BaseModel):
    login: str
    disabled: bool
    roles: dict[str, str]


class AuditRow(BaseModel):
    id: int
    at: float
    actor: str | None
    action: str
    target: str
    detail: dict[str, Any]


def managed_kbs(db: AccountsDB, access: Access) -> list[str]:
    """The knowledge bases whose roles ``access`` may change (every one in open mode)."""
    kbs = access.kbs("admin")
    return list_kbs(db) if kbs is None else kbs


def users_view(db: AccountsDB, access: Access) -> list[dict[str, Any]]:
    kbs = set(managed_kbs(db, access))
    return [
        {"login": u.login, "disabled": u.disabled, "roles": {kb: r for kb, r in u.roles.items() if kb in kbs}}
        for u in list_users(db)
    ]


DAY_PATTERN = r"^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"


def parse_day(text: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (DAY_PATTERN); a day past the month's end runs on (02-31 is 03-03)."""
    if not text:
        return None
    year, month, day = (int(part) for part in text.split("-"))
    return dt.date(year, month, 1) + dt.timedelta(days=day - 1)


def day_start(day: dt.date | None) -> float | None:
    return None if day is None else dt.datetime.combine(day, dt.time(), TZ).timestamp()


def audit_view(
    db: AccountsDB, access: Access, actor: str | None, action: str | None, since: dt.date | None, until: dt.date | None
) -> list[audit.AuditEntry]:
    end = day_start(until)
    return audit.entries(
        db,
        actor=actor or None,
        action=action or None,
        since=day_start(since),
        until=end + 86_400 if end is not None else None,
        kbs=access.kbs("admin"),
    )


@router.get("/api/admin/users", response_model=list[UserRow], responses=ADMIN_ERRORS, summary="Users and roles")
async def api_users(request: Request, access: Access = Depends(require_admin_access)) -> Any:
    """Every user, with their roles in the knowledge bases this admin administers."""
    return await run_in_threadpool(users_view, accounts(request), access)


@router.get("/api/admin/audit", response_model=list[AuditRow], responses=ADMIN_ERRORS, summary="The audit log")
async def api_audit(
    request: Request,
    access: Access = Depends(require_admin_access),
    actor: str | None = Query(None, max_length=200),
    action: str | None = Query(None, max_length=40),
    since: str | None = Query(None, pattern=DAY_PATTERN, description="from this day (YYYY-MM-DD, Beijing time)"),
    until: str | None = Query(None, pattern=DAY_PATTERN, description="to this day, inclusive"),
) -> Any:
    """Newest first, at most 200 entries: who (actor), when (epoch seconds), what (action, target, detail)."""
    found = await run_in_threadpool(
        audit_view, accounts(request), access, actor, action, parse_day(since), parse_day(until)
    )
    return [e.__dict__ for e in found]


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, {"page": "admin", **context}, status_code=status
    )
    return response


def _users_page(request: Request, access: Access, status: int = 200, error: str = "") -> HTMLResponse:
    db = accounts(request)
    return _page(
        request,
        "admin_users.html",
        status,
        users=users_view(db, access),
        kbs=managed_kbs(db, access),
        roles=ROLES,
        read_only=access.open_mode,
        notice=OPEN_MODE_READ_ONLY if access.open_mode else request.query_params.get("ok", "")[:200],
        error=error,
    )


@router.get("/admin/users", response_class=HTMLResponse, include_in_schema=False)
async def users_page(request: Request, access: Access = Depends(require_admin_access)) -> HTMLResponse:
    return await run_in_threadpool(_users_page, request, access)


@router.post("/admin/users", include_in_schema=False)
async def users_post(request: Request, access: Access = Depends(require_admin_access)) -> Response:
    """One form per action (``do``): add a user, set a role, add a knowledge base."""
    form = {key: str(value).strip() for key, value in (await request.form()).items()}
    if access.open_mode:
        return await run_in_threadpool(_users_page, request, access, 403, OPEN_MODE_READ_ONLY)
    try:
        params = HashParams.of(get_settings(request))
        done = await run_in_threadpool(_apply, accounts(request), access, form, params)
    except (AccountError, WeakPassword) as exc:
        return await run_in_threadpool(_users_page, request, access, 400, str(exc))
    return RedirectResponse(f"/admin/users?ok={quote(done)}", status_code=303)


def _apply(db: AccountsDB, access: Access, form: dict[str, str], params: HashParams) -> str:
    action, login, kb, role = form.get("do"), form.get("login", ""), form.get("kb", ""), form.get("role", "")
    if action == "add_kb":
        with db.transaction() as tx:
            if not add_kb(tx, kb):
                raise AccountError(f"知识库“{kb}”已存在。")
            set_role(tx, str(access.login), kb, "admin")  # its creator administers it
            audit.record(tx, access.login, "kb_add", kb, {"kb": kb})
        return f"已新增知识库“{kb}”。"
    if kb not in managed_kbs(db, access):
        raise AccountError(f"没有权限：您不是知识库“{kb}”的管理员。")
    if action == "add_user":
        with db.transaction() as tx:
            add_user(tx, login, form.get("password", ""), {kb: role}, params)
            audit.record(tx, access.login, "user_add", login, {"kb": kb, "role": role})
        return f"已新增用户“{login}”。"
    if action == "set_role":
        new_role = None if role == "none" else role
        with db.transaction() as tx:
            set_role(tx, login, kb, new_role)
            audit.record(tx, access.login, "role_change", login, {"kb": kb, "role": new_role})
        return f"已更新“{login}”在“{kb}”的角色。"
    raise AccountError("未知的操作。")


@router.get("/admin/audit", response_class=HTMLResponse, include_in_schema=False)
async def audit_page(
    request: Request,
    access: Access = Depends(require_admin_access),
    actor: str | None = Query(None, max_length=200),
    action: str | None = Query(None, max_length=40),
    since: str | None = Query(None, max_length=10),
    until: str | None = Query(None, max_length=10),
) -> HTMLResponse:
    filters = {"actor": actor or "", "action": action or "", "since": since or "", "until": until or ""}
    if any(text and not re.match(DAY_PATTERN, text) for text in (since, until)):
        error = "日期应为 YYYY-MM-DD 格式。"
        return _page(
            request, "admin_audit.html", 422, rows=[], filters=filters, actions=audit.ACTION_NAMES, error=error
        )
    found = await run_in_threadpool(
        audit_view, accounts(request), access, actor, action, parse_day(since), parse_day(until)
    )
    rows = [
        {
            "when": dt.datetime.fromtimestamp(e.at, TZ).strftime("%Y-%m-%d %H:%M:%S"),
            "actor": e.actor or "（单用户模式）",
            "action": audit.ACTION_NAMES.get(e.action, e.action),
            "target": e.target,
            "detail": "，".join(f"{key}：{value}" for key, value in e.detail.items()),
        }
        for e in found
    ]
    return _page(request, "admin_audit.html", rows=rows, filters=filters, actions=audit.ACTION_NAMES, error="")
