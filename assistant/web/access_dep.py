"""FastAPI dependencies for what a request may see and do (``request.state.access``, set by
``assistant.web.signin.SignInMiddleware``), and the 403 handler of ``AccessDenied``."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from assistant.auth.access import Access, AccessDenied
from assistant.web import messages
from assistant.web.state import get_settings

EDITOR_NEEDED = "没有权限：上传、删除和更正需要“编辑”（editor）或“管理”（admin）权限。"


def get_access(request: Request) -> Access:
    """The request's access; open mode when no sign-in middleware ran (an app without accounts)."""
    access = getattr(request.state, "access", None)
    return access if isinstance(access, Access) else Access.open()


def presented_token(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-admin-token", "").strip()


def require_editor(request: Request) -> Access:
    """Guard of upload, delete and metadata edits.

    Open mode (no user yet) is the app as it was: ``ASSISTANT_ADMIN_TOKEN`` enables these
    routes (403 without one configured, 401 for a wrong one). Once a user exists the token is
    retired: the signed-in user needs ``editor`` in some knowledge base (the route then checks
    the document's own knowledge base with ``require``)."""
    access = get_access(request)
    if access.open_mode:
        settings = get_settings(request)
        expected = settings.admin_token.get_secret_value() if settings.admin_token else ""
        if not expected:
            raise HTTPException(403, messages.ADMIN_DISABLED)
        given = presented_token(request)
        if not given or not hmac.compare_digest(given.encode(), expected.encode()):
            raise HTTPException(401, messages.ADMIN_WRONG, headers={"WWW-Authenticate": "Bearer"})
        return access
    return signed_in_with(access, bool(access.kbs("editor")), EDITOR_NEEDED)


def signed_in_with(access: Access, allowed: bool, refusal: str) -> Access:
    """``access`` of a signed-in user whom the route allows: 401 when nobody is signed in, 403
    with ``refusal`` when the user lacks the role."""
    if access.login is None:
        raise HTTPException(401, messages.SIGN_IN_NEEDED, headers={"WWW-Authenticate": "Bearer"})
    if not allowed:
        raise HTTPException(403, refusal)
    return access


def require_admin_access(request: Request) -> Access:
    """Guard of the accounts pages: open mode, or a signed-in admin of some knowledge base."""
    access = get_access(request)
    if access.open_mode:
        return access
    return signed_in_with(access, access.is_admin, "没有权限：此页面需要“管理”（admin）权限。")


async def _access_denied(request: Request, exc: Exception) -> Response:
    detail = exc.detail if isinstance(exc, AccessDenied) else "没有权限进行此操作。"
    return JSONResponse({"detail": detail}, status_code=403)


def install_access_handler(app: FastAPI) -> None:
    """``AccessDenied`` raised anywhere in a route becomes ``403 {"detail": …}``."""
    app.add_exception_handler(AccessDenied, _access_denied)


def page_account(request: Request) -> dict[str, Any]:
    """What the page's top bar shows (a template global): who is signed in, their CSRF token,
    whether they may open the accounts pages, and whether accounts are on at all."""
    access = get_access(request)
    session = getattr(request.state, "session", None)
    return {
        "login": access.login,
        "csrf_token": getattr(session, "csrf_token", ""),
        "is_admin": access.is_admin and not access.open_mode,
        "open_mode": access.open_mode,
    }


PUBLIC_OPERATIONS = frozenset({"/healthz", "/api/login"})


def document_sign_in(schema: dict[str, Any]) -> dict[str, Any]:
    """Every operation but the public ones may answer 401 (not signed in, once a user exists)
    and 403 (a role it lacks, a missing CSRF token, another site's request): say so in the
    OpenAPI document."""
    refusals = {
        "401": {"description": "not signed in (once a user exists)", "content": _detail_content()},
        "403": {"description": "no permission, or a cross-site / CSRF-less request", "content": _detail_content()},
    }
    for path, operations in schema.get("paths", {}).items():
        if path in PUBLIC_OPERATIONS:
            continue
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, response in refusals.items():
                responses.setdefault(status, response)
    return schema


def _detail_content() -> dict[str, Any]:
    return {
        "application/json": {
            "schema": {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
        }
    }
