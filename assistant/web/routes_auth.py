"""Signing in and out: ``POST /api/login`` (JSON, for clients: the token for ``Authorization:
Bearer`` and the cookie), ``POST /api/logout``, ``GET /api/me``, and the sign-in page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from assistant.auth import audit
from assistant.auth.access import Access
from assistant.auth.accounts import users_exist
from assistant.auth.db import AccountsDB
from assistant.auth.sessions import Session, end_session
from assistant.auth.signin import LoginRefused, SignIn, sign_in
from assistant.settings import Settings
from assistant.web.access_dep import get_access
from assistant.web.auth_middleware import COOKIE, AccountsHolder, bearer, cookie
from assistant.web.schemas import ERRORS, error_response
from assistant.web.state import get_settings

router = APIRouter(tags=["accounts"])


class LoginRequest(BaseModel):
    login: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1000)


class LoginResult(BaseModel):
    token: str = Field(description="the session token: send it as `Authorization: Bearer <token>`")
    login: str
    csrf_token: str = Field(description="for cookie-signed form posts: header `X-CSRF-Token` or field `csrf_token`")
    expires_at: float = Field(description="epoch seconds")
    roles: dict[str, str] = Field(description="knowledge base -> viewer | editor | admin")


class Me(BaseModel):
    login: str | None = Field(description="null in open single-user mode (no user exists)")
    open_mode: bool
    roles: dict[str, str]
    csrf_token: str | None = None


class LoggedOut(BaseModel):
    detail: str


LOGIN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: error_response("wrong login or password (the same answer for both)"),
    429: error_response("too many attempts: this login is locked, or this address tried too often"),
    **ERRORS,
}


def accounts(request: Request) -> AccountsDB:
    holder: AccountsHolder = request.app.state.accounts
    return holder.get()


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def set_session_cookie(response: Response, request: Request, signed: SignIn, settings: Settings) -> None:
    response.set_cookie(
        COOKIE,
        signed.token,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only (never ``//other.site``)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.post("/api/login", response_model=LoginResult, responses=LOGIN_ERRORS, summary="Sign in")
async def api_login(body: LoginRequest, request: Request, settings: Settings = Depends(get_settings)) -> Any:
    """Check the login and password; sets the HttpOnly session cookie and returns the token.
    A wrong login and a wrong password get the same 401; repeated failures lock the login (429)."""
    db = accounts(request)
    try:
        signed = await run_in_threadpool(sign_in, db, settings, body.login, body.password, client_address(request))
    except LoginRefused as refused:
        headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after else None
        return JSONResponse({"detail": refused.detail}, status_code=refused.status, headers=headers)
    roles = await run_in_threadpool(get_roles, db, signed.session)
    response = JSONResponse(
        {
            "token": signed.token,
            "login": signed.session.login,
            "csrf_token": signed.session.csrf_token,
            "expires_at": signed.session.expires_at,
            "roles": roles,
        }
    )
    set_session_cookie(response, request, signed, settings)
    return response


def get_roles(db: AccountsDB, session: Session) -> dict[str, str]:
    from assistant.auth.accounts import roles_of

    return dict(roles_of(db, session.login))


@router.post("/api/logout", response_model=LoggedOut, summary="Sign out")
async def api_logout(request: Request, access: Access = Depends(get_access)) -> Any:
    """Ends the session of the cookie or Bearer token and clears the cookie. From the page's
    form it goes on to the sign-in page."""
    token = bearer(request.scope) or cookie(request.scope, COOKIE)
    if token and access.login is not None:
        db = accounts(request)

        def finish() -> None:
            if end_session(db, token):
                audit.record(db, access.login, "logout", access.login or "")

        await run_in_threadpool(finish)
    is_form = request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
    response: Response = (
        RedirectResponse("/login", status_code=303) if is_form else JSONResponse({"detail": "已退出登录。"})
    )
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")
    return response


@router.get("/api/me", response_model=Me, summary="Who is signed in, and their roles")
def me(request: Request, access: Access = Depends(get_access)) -> Any:
    session: Session | None = getattr(request.state, "session", None)
    return {
        "login": access.login,
        "open_mode": access.open_mode,
        "roles": dict(access.roles),
        "csrf_token": session.csrf_token if session else None,
    }


def _login_page(request: Request, status: int, error: str = "", login: str = "", target: str = "/") -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request,
        "login.html",
        {"page": "login", "error": error, "login": login, "next": safe_next(target)},
        status_code=status,
    )
    return response


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
async def login_page(request: Request, next: str = "/") -> Response:
    if not await run_in_threadpool(users_exist, accounts(request)):
        return RedirectResponse(safe_next(next), status_code=303)  # open mode: nothing to sign in to
    return _login_page(request, 200, target=next)


@router.post("/login", include_in_schema=False)
async def login_form(request: Request, settings: Settings = Depends(get_settings)) -> Response:
    form = await request.form()
    login, password, target = (str(form.get(name) or "") for name in ("login", "password", "next"))
    if not login or not password:
        return _login_page(request, 400, "请输入登录名和密码。", login, target)
    try:
        signed = await run_in_threadpool(
            sign_in, accounts(request), settings, login[:200], password[:1000], client_address(request)
        )
    except LoginRefused as refused:
        return _login_page(request, refused.status, refused.detail, login[:200], target)
    response = RedirectResponse(safe_next(target), status_code=303)
    set_session_cookie(response, request, signed, settings)
    return response
