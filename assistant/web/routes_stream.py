"""A question answered as server-sent events: /api/ask/stream."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator, Iterator
from functools import partial
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from assistant.index.store import IndexMismatch, IndexMissing
from assistant.models import Answer
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web import messages
from assistant.web.asking import answer_for, checked_question, compose, history_of
from assistant.web.draft_polish import POLISHING, PolishedDrafts, goes_to_model, polish_for_reader, polished_drafts
from assistant.web.errors import index_error_detail
from assistant.web.kb_access import readable_kbs
from assistant.web.routes_chats import NOT_FOUND as NO_CHAT
from assistant.web.routes_chats import ChatMemory, memory_of
from assistant.web.schemas import ERRORS, AskRequest
from assistant.web.state import NotReady, get_assistant, get_settings

logger = logging.getLogger("assistant.web")
router = APIRouter()

PING_SECONDS = 10  # a comment line while a long draft is composed keeps proxies from closing the stream


class EventStreamResponse(StreamingResponse):
    """Documents the media type of the stream in the OpenAPI schema (the route answers with
    sse-starlette's :class:`EventSourceResponse`)."""

    media_type = "text/event-stream"


# One event of the stream (Open API 3.1: the schema of an event stream describes each event).
SSE_EVENT = {
    "type": "object",
    "required": ["event", "data"],
    "properties": {
        "event": {"type": "string", "enum": ["citations", "delta", "done", "error"]},
        "data": {"type": "string", "contentMediaType": "application/json"},
    },
}


def _llm_stream(
    assistant: Assistant, body: AskRequest, settings: Settings, stop: threading.Event, kbs: list[str] | None
) -> Iterator[tuple[str, Answer | str]]:
    return assistant.ask_stream(
        checked_question(body, settings),
        history=history_of(body, settings),
        filters=body.filters.as_dict() if body.filters else None,
        stop=stop,
        kbs=kbs,
    )


async def _llm_answer(
    assistant: Assistant,
    body: AskRequest,
    settings: Settings,
    stop: threading.Event,
    answer: list[Answer],
    kbs: list[str] | None,
) -> AsyncIterator[ServerSentEvent]:
    """The LLM path's progress: ``progress`` (with the extractive answer, shown if the reader
    presses 停止), then ``llm_delta`` per token (unverified); the answer to show goes to ``answer``."""
    async for kind, value in iterate_in_threadpool(_llm_stream(assistant, body, settings, stop, kbs)):
        if isinstance(value, str):
            yield _event("llm_delta", {"text": value})
        elif kind == "extractive":
            text = "模型正在阅读段落并撰写回答，写完后逐句核对数字和名称…"
            yield _event("progress", {"text": text, "timeout_s": settings.llm_timeout_s, "extractive": value.to_dict()})
        else:
            answer.append(value)


def _event(event: str, data: Any) -> ServerSentEvent:
    return ServerSentEvent(data=json.dumps(data, ensure_ascii=False), event=event)


async def answer_events(
    assistant: Assistant,
    body: AskRequest,
    settings: Settings,
    kbs: list[str] | None = None,
    memory: ChatMemory | None = None,
    drafts: PolishedDrafts | None = None,
) -> AsyncIterator[ServerSentEvent]:
    """The events of one streamed answer. The answer is composed whole (extractive answers are
    not written token by token), so it is sent at once: ``citations``, the text as one ``delta``,
    then ``done``. Any failure ends the stream with an ``error`` event in Chinese. With an LLM
    reader, its progress comes first (``_llm_answer``); a reader who leaves stops its generation."""
    stop = threading.Event()
    try:
        question = checked_question(body, settings)
        found = await run_in_threadpool(memory.curated, assistant, body, question) if memory else None
        extra: dict[str, Any] = {}
        if found is not None:  # a curated answer (标注) comes first
            answer, extra = found
        elif settings.llm_base_url and body.mode == "qa":
            shown: list[Answer] = []
            async for event in _llm_answer(assistant, body, settings, stop, shown, kbs):
                yield event
            answer = shown[-1]
        elif body.mode == "draft":
            answer = await run_in_threadpool(compose, assistant, body, settings, kbs)
            if goes_to_model(answer, settings, body.polish, drafts):  # the extractive draft, shown on 停止
                sent = sum(1 for s in answer.sections if s.get("sentences"))
                progress = {
                    "text": POLISHING,
                    "timeout_s": settings.llm_timeout_s * sent,
                    "extractive": answer.to_dict(),
                }
                yield _event("progress", progress)
            # Abandoned when the reader leaves (停止): ``finally`` sets ``stop`` at once, and no further
            # section goes to the model (a thread awaited otherwise holds the stream until it ends).
            polish = partial(polish_for_reader, answer, settings, body.polish, drafts, stop)
            answer = await anyio.to_thread.run_sync(polish, abandon_on_cancel=True)
        else:
            answer = await run_in_threadpool(answer_for, assistant, body, settings, kbs, None, drafts)
        data = answer.to_dict() | extra
        if memory is not None:
            data = await run_in_threadpool(memory.keep, question, body.mode, data)
        yield _event(
            "citations",
            {
                "citations": data["citations"],
                "related": data["related"],
                "refused": data["refused"],
                "mode": data["mode"],
            },
        )
        yield _event("delta", {"text": data["answer"]})
        yield _event("done", data)
    except (IndexMissing, IndexMismatch) as exc:
        yield _event("error", {"detail": index_error_detail(exc), "status": 503})
    except NotReady as exc:
        yield _event("error", {"detail": exc.detail, "status": 503})
    except HTTPException as exc:
        yield _event("error", {"detail": exc.detail, "status": exc.status_code})
    except Exception as exc:
        # Type only at ERROR: the message may quote the question or a document.
        logger.error("internal error %s while streaming an answer", type(exc).__name__)
        logger.debug("traceback", exc_info=exc)
        yield _event("error", {"detail": messages.STREAM_FAILED, "status": 500})
    finally:
        stop.set()


@router.post(
    "/api/ask/stream",
    tags=["questions"],
    summary="Ask, streamed as server-sent events",
    response_class=EventStreamResponse,
    responses=ERRORS
    | NO_CHAT
    | {
        200: {
            "description": "text/event-stream: with an LLM reader, first `progress` ({text, timeout_s, "
            "extractive}: the answer found without it) and `llm_delta` ({text}) per token as it writes, "
            "unchecked (a draft with `polish`: `progress` with the extractive draft while it is polished); then `citations`, the whole answer (checked) as one `delta` event "
            "({text}), then `done` (the full answer JSON); `error` ({detail, status}, the "
            "detail in Chinese) if answering fails. Comment lines keep a slow answer's "
            "connection open.",
            "content": {"text/event-stream": {"schema": SSE_EVENT}},
        }
    },
)
async def ask_stream(body: AskRequest, request: Request) -> EventSourceResponse:
    """Like /api/ask, as server-sent events (sse-starlette): the page shows the citations and the
    answer as soon as they are composed, and an error as an event instead of a broken stream."""
    assistant = get_assistant(request)
    settings = get_settings(request)
    checked_question(body, settings)
    await run_in_threadpool(lambda: assistant.store)  # 503 now, before the stream, if there is no index
    memory = await run_in_threadpool(memory_of, request, body)  # 404 now for a chat that is not the user's
    return EventSourceResponse(
        answer_events(assistant, body, settings, readable_kbs(request), memory, polished_drafts(request)),
        ping=PING_SECONDS,
        headers={"Cache-Control": "no-cache"},
    )
