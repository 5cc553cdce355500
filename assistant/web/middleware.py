"""Plain ASGI middleware: request size limit, security headers, and a last-resort 500
that never shows a traceback. Plus a log filter that keeps query strings (questions)
out of the access log."""

from __future__ import annotations

import json
import logging
import traceback
from typing import Any, ClassVar

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.web import messages

logger = logging.getLogger("assistant.web")


async def send_json(
    send: Send, status: int, payload: dict[str, Any], headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": body})


class HTTPMiddleware:
    """Plain ASGI middleware that acts on HTTP requests (``handle``); other scopes pass through."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:  # pragma: no cover
        raise NotImplementedError


class TrackedSend:
    """``send`` that records whether the response has started: after that, no error response
    can replace it."""

    def __init__(self, send: Send):
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.send(message)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, messages.BODY_TOO_LARGE.format(limit=messages.human_limit(limit)))


class BodyLimitMiddleware(HTTPMiddleware):
    """413 when the declared Content-Length, or the bytes actually received, exceed ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        super().__init__(app)
        self.max_bytes = max_bytes

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.max_bytes
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await send_json(send, 400, {"detail": messages.BAD_CONTENT_LENGTH})
                    return
                if declared > limit:
                    await send_json(send, 413, {"detail": BodyTooLarge(limit).detail}, [(b"connection", b"close")])
                    return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        tracked = TrackedSend(send)
        try:
            await self.app(scope, counting_receive, tracked)
        except BodyTooLarge as exc:  # raised outside a route's own error handling
            if not tracked.started:
                await send_json(send, 413, {"detail": exc.detail}, [(b"connection", b"close")])


class SecurityHeadersMiddleware(HTTPMiddleware):
    """No inline script anywhere: even text that slipped into HTML could not run."""

    HEADERS: ClassVar[list[tuple[bytes, bytes]]] = [
        (
            b"content-security-policy",
            b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            b"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            b"frame-ancestors 'none'",
        ),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
    ]

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in self.HEADERS if name not in present
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


class CatchAllMiddleware(HTTPMiddleware):
    """Any unexpected exception becomes ``500 {"detail": "服务内部出错…"}`` (messages.INTERNAL_ERROR).

    Logged as type and place at ERROR, the traceback only at DEBUG: exception messages
    may quote question or document text, which stays out of the default log."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        tracked = TrackedSend(send)
        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
            where = f"{frame.filename}:{frame.lineno}" if frame else "?"
            logger.error(
                "internal error %s at %s on %s %s", type(exc).__name__, where, scope.get("method"), scope.get("path")
            )
            logger.debug("traceback", exc_info=exc)
            if not tracked.started:
                await send_json(send, 500, {"detail": messages.INTERNAL_ERROR})


class RedactQueryFilter(logging.Filter):
    """Drop the query string from uvicorn's access log lines (``/api/search?q=...``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?…", *args[3:])
        return True


_REDACT = RedactQueryFilter()


def install_log_redaction() -> None:
    access = logging.getLogger("uvicorn.access")
    if _REDACT not in access.filters:
        access.addFilter(_REDACT)
