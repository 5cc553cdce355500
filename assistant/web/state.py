"""What the web app holds between requests: the settings and the Assistant, which is
created in a background thread at startup when none was given (loading the model takes
a few seconds; until then the API answers 503 and /healthz says ``starting``)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from fastapi import Request

from assistant.settings import Settings
from assistant.web import messages

if TYPE_CHECKING:  # pragma: no cover
    from assistant.service import Assistant

logger = logging.getLogger("assistant.web")


class NotReady(RuntimeError):
    """The Assistant (model) is still loading or could not be loaded."""

    def __init__(self, detail: str, *, failed: bool = False):
        super().__init__(detail)
        self.detail = detail
        self.failed = failed


class WebState:
    def __init__(
        self,
        settings: Settings,
        assistant: Assistant | None = None,
        on_ready: Callable[[Assistant], None] | None = None,
    ):
        self.settings = settings
        self.assistant = assistant
        self.on_ready = on_ready
        self.error: str | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Begin loading the Assistant in the background (once)."""
        with self._lock:
            if self.assistant is not None or self._thread is not None:
                return
            self._thread = threading.Thread(target=self._load, name="assistant-load", daemon=True)
            self._thread.start()

    def _load(self) -> None:
        try:
            from assistant.service import Assistant

            assistant = Assistant(self.settings)
        except Exception as exc:  # ModelUnavailable and anything else: reported by /healthz
            logger.error("could not load the embedding model: %s", exc)  # the reason, for the administrator
            self.error = messages.MODEL_UNAVAILABLE  # the page names no server path
            return
        try:
            assistant.ready()  # open the index now so that the first question is fast
        except Exception as exc:  # an index problem is reported per request (503)
            logger.warning("index not usable yet: %s", exc)
        if self.on_ready is not None:
            self.on_ready(assistant)
        self.assistant = assistant
        logger.info("assistant ready")

    def wait(self, timeout: float | None = None) -> bool:
        """Block until loading finished (for tests and scripts); True when ready."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.assistant is not None

    def require(self) -> Assistant:
        if self.assistant is not None:
            return self.assistant
        if self.error:
            raise NotReady(self.error, failed=True)
        self.start()
        raise NotReady(messages.STARTING)


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def get_assistant(request: Request) -> Assistant:
    """FastAPI dependency: the loaded Assistant, or 503 while it loads."""
    return web_state(request).require()


def get_settings(request: Request) -> Settings:
    return web_state(request).settings
