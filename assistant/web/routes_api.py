"""JSON API: health, questions (plain and streamed), search; the draft as .docx is routes_draft.py."""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import AsyncIterator, Iterator
from functools import partial
from typing import Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from assistant.index.store import IndexMismatch, IndexMissing
from assistant.models import Answer
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web import messages, routes_draft
from assistant.web.asking import answer_for, checked_question, compose, history_of, too_long
from assistant.web.draft_polish import (
    POLISHING,
    PolishedDrafts,
    goes_to_model,
    polish_for_reader,
    polished_drafts,
)
from assistant.web.errors import index_error_detail
from assistant.web.kb_access import readable_kbs
from assistant.web.routes_chats import NOT_FOUND as NO_CHAT
from assistant.web.routes_chats import ChatMemory, memory_of
from assistant.web.schemas import (
    ERRORS,
    NOT_BLANK,
    AskRequest,
    AskResponse,
    Health,
    SearchResponse,
    is_blank,
    printable,
)
from assistant.web.state import NotReady, get_assistant, get_settings, web_state

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


@router.get(
    "/healthz",
    response_model=Health,
    tags=["status"],
    summary="Health: index and model loaded",
    responses={503: {"model": Health, "description": "model loading, or no usable index"}},
)
def healthz(request: Request) -> Any:
    """`ok` with index counts once the model and the index are loaded; 503 otherwise."""
    state = web_state(request)
    try:
        assistant = state.require()
        store = assistant.store
    except NotReady as exc:
        status = "error" if exc.failed else "starting"
        return JSONResponse({"status": status, "detail": exc.detail}, status_code=503)
    except (IndexMissing, IndexMismatch) as exc:
        status = "index_mismatch" if isinstance(exc, IndexMismatch) else "no_index"
        return JSONResponse({"status": status, "detail": index_error_detail(exc)}, status_code=503)
    manifest = store.manifest
    passages = manifest.get("passages")
    return {
        "status": "ok",
        "documents": int(manifest.get("documents", 0)),
        "passages": int(passages if passages is not None else store.count()),
        "generation": manifest.get("generation", ""),
        "index_type": manifest.get("index_type", ""),
        "model": (manifest.get("model") or {}).get("name", ""),
    }


@router.post(
    "/api/ask",
    response_model=AskResponse,
    tags=["questions"],
    responses=ERRORS | NO_CHAT,
    summary="Ask a question (cited answer or refusal)",
)
def ask(
    body: AskRequest,
    request: Request,
    assistant: Assistant = Depends(get_assistant),
    settings: Settings = Depends(get_settings),
    kbs: list[str] | None = Depends(readable_kbs),
) -> Any:
    """A cited answer, or `refused: true` with the closest passages under `related`. A question
    an editor answered (a curated answer, 标注) gets that answer, with `answerer: "curated"` and
    `curated` naming it. With `chat_id`, the question and answer are kept in that chat of yours
    (`turn_id` names the turn, for feedback)."""
    memory = memory_of(request, body)
    question = checked_question(body, settings)
    found = memory.curated(assistant, body, question)
    drafts = polished_drafts(request)
    data = (
        found[0].to_dict() | found[1] if found else answer_for(assistant, body, settings, kbs, drafts=drafts).to_dict()
    )
    return memory.keep(question, body.mode, data)


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


YEAR = re.compile(r"[0-9]{0,4}")


def _year(value: str) -> int | None:
    if not YEAR.fullmatch(value):
        raise HTTPException(400, messages.BAD_YEAR)
    return int(value) if value else None


@router.get(
    "/api/search", response_model=SearchResponse, tags=["questions"], responses=ERRORS, summary="Search passages"
)
def search(
    q: str = Query(description="what to search for; not blank", json_schema_extra=NOT_BLANK),
    k: int = Query(10, ge=1, le=100),
    year: str = Query(
        "", description="only documents about this year", json_schema_extra={"pattern": f"^{YEAR.pattern}$"}
    ),
    body: str | None = Query(None, description="issuing body, e.g. 城管局"),
    kind: str | None = Query(None, description="document kind, e.g. 工作总结"),
    doc_id: str | None = Query(None),
    mode: Literal["hybrid", "dense", "bm25"] = Query("hybrid"),
    assistant: Assistant = Depends(get_assistant),
    settings: Settings = Depends(get_settings),
    kbs: list[str] | None = Depends(readable_kbs),
) -> Any:
    """The best passages for `q` with document, heading path and score."""
    too_long("搜索词", q, settings)
    try:
        query = printable(q).strip()
        body, kind, doc_id = (printable(v) if v is not None else None for v in (body, kind, doc_id))
    except ValueError:
        raise HTTPException(400, messages.BAD_PARAMETER) from None
    if is_blank(query):
        raise HTTPException(400, messages.QUERY_EMPTY)
    filters = {"year": _year(year), "body": body or None, "kind": kind or None, "doc_id": doc_id or None}
    hits = assistant.search(query, k=k, filters=filters, mode=mode, kbs=kbs)
    return {"hits": [h.to_dict() for h in hits]}


router.include_router(routes_draft.router)  # POST /api/draft.docx, last as before
