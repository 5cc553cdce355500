"""Sign-in for the web app. While no user exists every request runs open (single-user mode,
as before accounts). Once one exists, every route but ``/healthz``, the sign-in routes and
static files needs a session: a cookie (browsers) or ``Authorization: Bearer`` (clients).

Requests signed in by cookie that change state and could come from another site's form
(url-encoded, multipart or plain-text bodies, or none) must carry the session's CSRF token,
as the ``X-CSRF-Token`` header (``static/auth.js`` adds it to the page's own requests) or a
``csrf_token`` form field; a request whose ``Origin`` is another site is refused. JSON bodies
cannot be sent across sites without CORS, which this app never allows. Every request gets
``request.state.access`` (``assistant.auth.access.Access``)."""

from __future__ import annotations

import hmac
import logging
import threading
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.auth.access import Access
from assistant.auth.accounts import users_exist
from assistant.auth.db import AccountsDB, AccountsNotCreated, AccountsUnavailable
from assistant.auth.sessions import Session, find_session
from assistant.auth.signin import access_of
from assistant.settings import Settings
from assistant.web import messages
from assistant.web.middleware import HTTPMiddleware, send_json

logger = logging.getLogger("assistant.web")

COOKIE = "assistant_session"
CSRF_HEADER = b"x-csrf-token"
PUBLIC_PATHS = frozenset({"/healthz", "/api/login", "/login", "/favicon.ico"})
PUBLIC_PREFIXES = ("/static/",)
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")
MAX_FORM_BYTES = 64 * 1024

CSRF_REFUSED = "请求缺少有效的安全令牌（CSRF），请刷新页面后重试。"
CROSS_SITE = "拒绝来自其他网站的请求。"
ACCOUNTS_DOWN = "数据库暂时无法连接（可能正在重启），请稍后重试。"  # as the store's own 503 (web/errors.py)


class AccountsHolder:
    """The accounts database of the app, opened on first use (in server mode its tables appear
    when the store first opens the database)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._db: AccountsDB | None = None
        self._lock = threading.Lock()

    def get(self) -> AccountsDB:
        with self._lock:
            if self._db is None:
                self._db = AccountsDB.open(self.settings)
            return self._db

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


@dataclass(frozen=True)
class Resolved:
    access: Access
    session: Session | None = None
    by_cookie: bool = False


def header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def cookie(scope: Scope, name: str) -> str:
    for part in header(scope, b"cookie").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value.strip()
    return ""


def bearer(scope: Scope) -> str:
    scheme, _, value = header(scope, b"authorization").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def resolve(holder: AccountsHolder, scope: Scope) -> Resolved:
    """Who is asking (runs in a worker thread: the database calls block)."""
    try:
        db = holder.get()
        if not users_exist(db):
            return Resolved(Access.open())
    except AccountsNotCreated:
        return Resolved(Access.open())
    token = bearer(scope)
    by_cookie = not token
    token = token or cookie(scope, COOKIE)
    session = find_session(db, token) if token else None
    if session is None:
        return Resolved(Access(login=None, roles={}))
    return Resolved(access_of(db, session), session, by_cookie)


def same_origin(scope: Scope) -> bool:
    """False for a request another site made the browser send. Browsers say so in
    ``Sec-Fetch-Site``; ``Origin`` is the fallback (this app's ``Referrer-Policy: no-referrer``
    makes Chromium send ``Origin: null`` even from its own forms, so null passes)."""
    fetch_site = header(scope, b"sec-fetch-site")
    if fetch_site:
        return fetch_site in ("same-origin", "none")
    origin = header(scope, b"origin")
    if not origin or origin == "null":
        return True
    return urlsplit(origin).netloc == header(scope, b"host")


def wrong_method(scope: Scope) -> bool:
    """The path is a route's, the method none of its: the router's 405 tells nothing a
    signed-out caller may not know (and the API's schema promises 405 for such methods)."""
    app = scope.get("app")
    routes = getattr(getattr(app, "router", None), "routes", [])
    matches = {route.matches(scope)[0] for route in routes if not isinstance(route, Mount)}
    return Match.PARTIAL in matches and Match.FULL not in matches


class SignInMiddleware(HTTPMiddleware):
    def __init__(self, app: ASGIApp, holder: AccountsHolder):
        super().__init__(app)
        self.holder = holder

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if path.startswith(PUBLIC_PREFIXES) and scope.get("method") in ("GET", "HEAD"):
            await self.app(scope, receive, send)  # static files: no database look-up
            return
        try:
            resolved = await run_in_threadpool(resolve, self.holder, scope)
        except AccountsUnavailable as exc:
            logger.warning("accounts database unavailable: %s", exc)  # the reason, for the administrator
            if path == "/healthz":
                await self.app(scope, receive, send)
                return
            await send_json(send, 503, {"detail": ACCOUNTS_DOWN}, [(b"retry-after", b"5")])
            return
        state = scope.setdefault("state", {})
        state["access"] = resolved.access
        state["session"] = resolved.session
        method = scope.get("method", "GET")
        if method in UNSAFE_METHODS and not same_origin(scope):
            await send_json(send, 403, {"detail": CROSS_SITE})
            return
        if resolved.access.open_mode or is_public(path):
            await self.app(scope, receive, send)
            return
        if resolved.session is None:
            if wrong_method(scope):
                await self.app(scope, receive, send)
                return
            await self.refuse_anonymous(scope, send)
            return
        if resolved.by_cookie and method in UNSAFE_METHODS:
            content_type = header(scope, b"content-type").split(";")[0].strip().lower()
            if not content_type or content_type in FORM_TYPES:
                checked = await self.check_csrf(scope, receive, resolved.session, content_type)
                if checked is None:
                    await send_json(send, 403, {"detail": CSRF_REFUSED})
                    return
                receive = checked
        await self.app(scope, receive, send)

    async def refuse_anonymous(self, scope: Scope, send: Send) -> None:
        path: str = scope.get("path", "")
        wants_page = scope.get("method") == "GET" and "text/html" in header(scope, b"accept")
        if wants_page and not path.startswith("/api/"):
            query = scope.get("query_string", b"").decode("latin-1")
            target = quote(path + (f"?{query}" if query else ""), safe="")
            location = f"/login?next={target}".encode()
            await send({"type": "http.response.start", "status": 303, "headers": [(b"location", location)]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send_json(send, 401, {"detail": messages.SIGN_IN_NEEDED}, [(b"www-authenticate", b"Bearer")])

    async def check_csrf(self, scope: Scope, receive: Receive, session: Session, content_type: str) -> Receive | None:
        """``receive`` to go on with when the token is right (the body replayed if it was read), else None."""
        expected = session.csrf_token.encode()
        given = header(scope, CSRF_HEADER).encode("latin-1")
        if given:
            return receive if hmac.compare_digest(given, expected) else None
        if content_type != "application/x-www-form-urlencoded":
            return None
        messages: list[Message] = []
        body = b""
        while True:
            message = await receive()
            messages.append(message)
            body += message.get("body", b"")
            if message["type"] != "http.request" or not message.get("more_body") or len(body) > MAX_FORM_BYTES:
                break
        if len(body) > MAX_FORM_BYTES:
            return None
        field = parse_qs(body.decode("utf-8", "replace")).get("csrf_token", [""])[0].encode()
        if not field or not hmac.compare_digest(field, expected):
            return None

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        return replay
