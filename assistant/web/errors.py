"""Error responses: always JSON ``{"detail": "clear message"}`` with the right status."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount

from assistant.answer.selector import SelectorMismatch
from assistant.index.build import IngestBusy
from assistant.index.store import IndexMismatch, IndexMissing, StoreUnavailable
from assistant.web import messages
from assistant.web.state import NotReady

logger = logging.getLogger("assistant.web")

INDEX_MISSING = messages.INDEX_MISSING
INDEX_MISMATCH = messages.INDEX_MISMATCH
STORE_UNAVAILABLE = "数据库暂时无法连接（可能正在重启），请稍后重试。"
SELECTOR_MISMATCH = "答案模型与当前版本不一致，请管理员用 assistant train-selector 重新拟合后重启服务。"


def index_error_detail(exc: Exception) -> str:
    return INDEX_MISMATCH if isinstance(exc, IndexMismatch) else INDEX_MISSING


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in loc if part != "body") or "body"


# Pydantic's error types in words (the field is named as the API names it).
_PROBLEMS = {
    "missing": "缺少此项",
    "string_type": "应为文本",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "literal_error": "取值不在允许的范围内",
    "enum": "取值不在允许的范围内",
    "string_too_long": "过长",
    "string_too_short": "过短",
    "too_long": "项数过多",
    "too_short": "项数过少",
    "greater_than_equal": "小于允许的最小值",
    "less_than_equal": "大于允许的最大值",
    "greater_than": "小于允许的最小值",
    "less_than": "大于允许的最大值",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
}


def _problem(error: dict[str, Any]) -> str:
    message = str(error.get("msg", ""))
    if "invalid characters" in message:
        return "包含无效字符（不成对的代理字符）"
    if error.get("type") == "value_error" and "year" in message:
        return "年份应在 1900 至 2100 之间"
    return _PROBLEMS.get(str(error.get("type")), "取值无效")


def validation_detail(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return messages.MALFORMED_JSON, [{"type": "json_invalid", "msg": "JSON decode error"}]
    if any(
        e.get("type") in ("model_attributes_type", "dict_type") and tuple(e.get("loc", ())) == ("body",) for e in errors
    ):
        return messages.EXPECTED_OBJECT, [
            {"loc": ["body"], "msg": messages.EXPECTED_OBJECT, "type": "model_attributes_type"}
        ]
    parts, slim = [], []
    for error in errors:
        where = _location(error.get("loc", ()))
        problem = _problem(error)
        parts.append(f"{where}：{problem}")
        slim.append({"loc": list(error.get("loc", ())), "msg": problem, "type": error.get("type")})
    return messages.INVALID_REQUEST + "；".join(parts), slim


_PLAIN = {404: messages.NOT_FOUND, 405: messages.METHOD_NOT_ALLOWED}

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path: Starlette's 405 names only those of the
    first route that matched the path (``GET /api/documents`` hides ``POST``)."""
    routes = [route for route in request.app.router.routes if not isinstance(route, Mount)]
    return [
        method
        for method in METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405 and (methods := allowed_methods(request)):
            exc.headers = {**(exc.headers or {}), "Allow": ", ".join(methods)}
        if exc.status_code in _PLAIN and exc.detail == HTTPStatus(exc.status_code).phrase:  # Starlette's own English
            exc = StarletteHTTPException(exc.status_code, _PLAIN[exc.status_code], exc.headers)
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail, errors = validation_detail(exc)
        return JSONResponse({"detail": detail, "errors": errors}, status_code=422)

    @app.exception_handler(NotReady)
    async def _not_ready(request: Request, exc: NotReady) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(IndexMissing)
    @app.exception_handler(IndexMismatch)
    async def _index(request: Request, exc: Exception) -> JSONResponse:
        logger.warning("index not usable: %s", exc)
        return JSONResponse({"detail": index_error_detail(exc)}, status_code=503)

    @app.exception_handler(SelectorMismatch)
    async def _selector(request: Request, exc: SelectorMismatch) -> JSONResponse:
        logger.warning("answer model not usable: %s", exc)  # the file and the reason, for the administrator only
        return JSONResponse({"detail": SELECTOR_MISMATCH}, status_code=503)

    @app.exception_handler(StoreUnavailable)
    async def _store_unavailable(request: Request, exc: StoreUnavailable) -> JSONResponse:
        logger.warning("database unavailable: %s", exc)  # the reason, for the administrator only
        return JSONResponse({"detail": STORE_UNAVAILABLE}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(IngestBusy)
    async def _busy(request: Request, exc: IngestBusy) -> JSONResponse:
        return JSONResponse({"detail": messages.INGEST_BUSY}, status_code=409)
