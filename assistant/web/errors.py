"""Error responses: always JSON ``{"detail": "clear message"}`` with the right status."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount

from assistant.index.build import IngestBusy
from assistant.index.store import IndexMismatch, IndexMissing
from assistant.web.state import NotReady

logger = logging.getLogger("assistant.web")

INDEX_MISSING = "index not ready: no index has been built yet (run `assistant ingest`)"
INDEX_MISMATCH = ("index not usable: it was built with another embedding model or schema "
                  "(run `assistant ingest --rebuild`, or configure the model that built it)")


def index_error_detail(exc: Exception) -> str:
    return INDEX_MISMATCH if isinstance(exc, IndexMismatch) else INDEX_MISSING


def _location(loc: tuple | list) -> str:
    return ".".join(str(part) for part in loc if part != "body") or "body"


def validation_detail(exc: RequestValidationError) -> tuple[str, list[dict]]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return "malformed JSON in the request body", [{"type": "json_invalid", "msg": "JSON decode error"}]
    parts, slim = [], []
    for error in errors:
        where = _location(error.get("loc", ()))
        message = error.get("msg", "invalid value")
        if error.get("type") == "model_attributes_type" or error.get("type") == "dict_type":
            message = "expected a JSON object (Content-Type: application/json)"
        parts.append(f"{where}: {message}")
        slim.append({"loc": list(error.get("loc", ())), "msg": message, "type": error.get("type")})
    return "invalid request: " + "; ".join(parts), slim


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path: Starlette's 405 names only those of the
    first route that matched the path (``GET /api/documents`` hides ``POST``)."""
    routes = [route for route in request.app.router.routes if not isinstance(route, Mount)]
    return [method for method in METHODS
            if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405 and (methods := allowed_methods(request)):
            exc.headers = {**(exc.headers or {}), "Allow": ", ".join(methods)}
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

    @app.exception_handler(IngestBusy)
    async def _busy(request: Request, exc: IngestBusy) -> JSONResponse:
        return JSONResponse({"detail": "another ingest is running on this index; try again later"}, status_code=409)
