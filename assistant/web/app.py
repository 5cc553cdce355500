"""The FastAPI application: JSON API, chat page and documents pages, static files.

``create_app(settings)`` loads the model in the background at startup (until it is
ready the API answers 503); ``create_app(settings, assistant)`` uses a ready Assistant."""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from assistant import __version__
from assistant.settings import Settings
from assistant.web.access_dep import document_sign_in, install_access_handler, page_account
from assistant.web.auth_middleware import AccountsHolder, SignInMiddleware
from assistant.web.errors import install_error_handlers
from assistant.web.middleware import (
    BodyLimitMiddleware,
    CatchAllMiddleware,
    SecurityHeadersMiddleware,
    install_log_redaction,
)
from assistant.web.state import WebState

if TYPE_CHECKING:  # pragma: no cover
    from assistant.service import Assistant

logger = logging.getLogger("assistant.web")

DESCRIPTION = """问答助手 over 创文/城管 documents: cited answers (numbered citations with the exact
supporting sentences), honest refusals, a drafting mode for inspection material, search, and
document management. Every error is JSON `{"detail": "..."}`."""


PACKAGE_WEB = Path(__file__).resolve().parent  # templates/ and static/ are package data beside this module


def web_dir(settings: Settings) -> Path:
    """Templates and static files: ``ASSISTANT_WEB_DIR`` or ``settings.web_dir`` if set, else
    the folder of this package (``assistant/web``), which an installed wheel carries too."""
    override = os.environ.get("ASSISTANT_WEB_DIR") or settings.web_dir
    if override:
        return Path(override)
    return PACKAGE_WEB


def _templates(folder: Path) -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder / "templates")),
        autoescape=True,  # every value is escaped; nothing from documents is marked safe
        undefined=jinja2.StrictUndefined,
    )
    static = folder / "static"

    def asset(name: str) -> str:
        """URL of a static file with a version tag, so that a browser never keeps a stale copy."""
        try:
            tag = f"{__version__}.{int((static / name).stat().st_mtime)}"
        except OSError:
            tag = __version__
        return f"/static/{name}?v={tag}"

    env.globals.update(asset=asset, version=__version__)
    return Jinja2Templates(env=env)


def _optional_routers(app: FastAPI) -> list[str]:
    """Routes other modules of this package contribute (``facts_routes.router``); the names included."""
    included = []
    for name in ("assistant.web.facts_routes", "assistant.web.routes_chats", "assistant.web.routes_feedback"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            logger.error("routes %s not available: %s", name, exc)
            continue
        except Exception as exc:  # a broken optional module must not take the chat down
            logger.error("routes %s not available: %s: %s", name, type(exc).__name__, exc)
            continue
        router = getattr(module, "router", None)
        if router is not None:
            app.include_router(router)
            included.append(name.rsplit(".", 1)[-1])
    return included


def document_limits(schema: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The configured limits in the OpenAPI schema: what is longer answers 413, more files 400."""
    question = schema["components"]["schemas"]["AskRequest"]["properties"]["question"]
    question["maxLength"] = settings.max_question_chars
    for parameter in schema["paths"]["/api/search"]["get"]["parameters"]:
        if parameter["name"] == "q":
            parameter["schema"]["maxLength"] = settings.max_question_chars
    upload = schema["paths"]["/api/documents"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    upload["properties"]["files"]["maxItems"] = settings.max_upload_files
    return schema


def create_app(settings: Settings, assistant: Assistant | None = None) -> FastAPI:
    state = WebState(settings, assistant)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        install_log_redaction()  # after uvicorn configured its loggers
        state.start()
        yield
        app.state.accounts.close()  # the server database's pool, in server mode

    app = FastAPI(
        title="wenming-assistant",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = state
    # Other route modules (facts_routes) read the Assistant from app.state.assistant.
    app.state.assistant = assistant
    state.on_ready = lambda loaded: setattr(app.state, "assistant", loaded)
    folder = web_dir(settings)
    app.state.templates = _templates(folder)
    app.state.templates.env.globals["page_account"] = page_account
    app.state.accounts = AccountsHolder(settings)
    install_error_handlers(app)
    install_access_handler(app)
    install_log_redaction()

    from assistant.web import (
        meta_edit,
        routes_admin,
        routes_api,
        routes_auth,
        routes_documents,
        routes_pages,
        routes_scans,
        routes_stream,
        routes_upload,
    )

    app.include_router(routes_api.router)
    app.include_router(routes_stream.router)
    app.include_router(routes_auth.router)
    app.include_router(routes_admin.router)
    app.include_router(routes_documents.router)
    app.include_router(routes_upload.router)
    app.include_router(routes_scans.router)
    app.include_router(meta_edit.router)
    extras = _optional_routers(app)
    app.state.templates.env.globals["has_facts"] = "facts_routes" in extras
    app.include_router(routes_pages.router)
    app.mount("/static", StaticFiles(directory=folder / "static"), name="static")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_sign_in(document_limits(FastAPI.openapi(app), settings))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to change the schema

    # Outermost last: CatchAll wraps everything, then headers, then the size limit, then sign-in.
    app.add_middleware(SignInMiddleware, holder=app.state.accounts)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(CatchAllMiddleware)
    return app
