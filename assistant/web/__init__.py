"""The web chat and JSON API (FastAPI + jinja2). It holds no retrieval logic: every
route calls a method of :class:`assistant.service.Assistant`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from fastapi import FastAPI


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    from assistant.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)


__all__ = ["create_app"]
