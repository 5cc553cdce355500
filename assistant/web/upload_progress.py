"""An upload's ingest as it goes: with ``?progress=1`` the upload answers with newline-delimited
JSON (``application/x-ndjson``) instead of one JSON body, so that the documents page can show
each file's state while the server reads (解析), recognises (OCR) and embeds (嵌入) it:

    {"event": "stage", "stage": "read" | "ocr" | "embed" | "write", "done": 1, "total": 2}
    ...
    {"event": "result", "status": 200, "data": {…the upload's usual JSON…}}

or, when the ingest fails after the response has begun, a last line
``{"event": "error", "status": 409, "detail": "另一个收录任务正在进行…"}`` (the status the plain
upload would have answered). The page sends one request per file, so a bad file ends only its
own line."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from assistant.index.build import IngestBusy
from assistant.index.store import IndexMismatch, IndexMissing, StoreUnavailable
from assistant.web import messages
from assistant.web.errors import STORE_UNAVAILABLE, index_error_detail

logger = logging.getLogger("assistant.web")
# Stage events closer together than this are dropped (the last of a stage is always sent).
MIN_INTERVAL_S = 0.2

Progress = Callable[[str, int, int], None]


def wants_progress(query: dict[str, str]) -> bool:
    return query.get("progress", "") in {"1", "true", "yes"}


def _line(event: dict[str, Any]) -> bytes:
    return (json.dumps(event, ensure_ascii=False) + "\n").encode()


def _failure(exc: BaseException) -> dict[str, Any]:
    """The last line for an ingest that failed: the status and Chinese message of the plain upload."""
    if isinstance(exc, IngestBusy):
        return {"event": "error", "status": 409, "detail": messages.INGEST_BUSY}
    if isinstance(exc, (IndexMissing, IndexMismatch)):
        return {"event": "error", "status": 503, "detail": index_error_detail(exc)}
    if isinstance(exc, StoreUnavailable):
        return {"event": "error", "status": 503, "detail": STORE_UNAVAILABLE}
    logger.exception("upload ingest failed", exc_info=exc)
    return {"event": "error", "status": 500, "detail": messages.INTERNAL_ERROR}


def progress_response(
    work: Callable[[Progress], dict[str, Any]],
    finish: Callable[[dict[str, Any]], None],
    cleanup: Callable[[], Coroutine[Any, Any, None]],
) -> StreamingResponse:
    """Run ``work(progress)`` in a worker thread and stream its stages, then its result (passed
    to ``finish`` first, e.g. for the audit log); ``cleanup`` runs at the end in every case."""

    async def events() -> AsyncIterator[bytes]:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        last: dict[str, float] = {}

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if done < total and now - last.get(stage, 0.0) < MIN_INTERVAL_S:
                return
            last[stage] = now
            event = {"event": "stage", "stage": stage, "done": done, "total": total}
            loop.call_soon_threadsafe(queue.put_nowait, event)

        task = asyncio.ensure_future(run_in_threadpool(work, progress))
        try:
            while not task.done():
                getter = asyncio.ensure_future(queue.get())
                await asyncio.wait({getter, task}, return_when=asyncio.FIRST_COMPLETED)
                if getter.done():
                    yield _line(getter.result())
                else:
                    getter.cancel()
            await asyncio.sleep(0)  # events the worker scheduled just before it returned
            while not queue.empty():
                yield _line(queue.get_nowait())
            try:
                result = task.result()
            except Exception as exc:  # reported in the stream: the response has begun
                yield _line(_failure(exc))
                return
            finish(result)
            yield _line({"event": "result", "status": 200, "data": result})
        finally:
            if task.done():
                await cleanup()
            else:  # the client left: the ingest goes on, its files are cleaned up after it
                task.add_done_callback(lambda _: loop.create_task(cleanup()))

    return StreamingResponse(events(), media_type="application/x-ndjson", headers={"Cache-Control": "no-store"})
