"""JSON API: health, questions (plain and streamed), search, and the draft as .docx."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import AsyncIterator
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from assistant.index.store import IndexMismatch, IndexMissing
from assistant.models import Answer
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web.errors import index_error_detail
from assistant.web.schemas import (
    ERRORS,
    NOT_BLANK,
    AskRequest,
    AskResponse,
    Health,
    SearchResponse,
    error_response,
    is_blank,
    printable,
)
from assistant.web.state import NotReady, get_assistant, get_settings, web_state

logger = logging.getLogger("assistant.web")
router = APIRouter()

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HISTORY_CONTENT_CHARS = 4_000


class EventStreamResponse(StreamingResponse):
    media_type = "text/event-stream"


class DocxResponse(Response):
    media_type = DOCX_TYPE


# One event of the stream (Open API 3.1: the schema of an event stream describes each event).
SSE_EVENT = {
    "type": "object", "required": ["event", "data"],
    "properties": {
        "event": {"type": "string", "enum": ["citations", "delta", "done", "error"]},
        "data": {"type": "string", "contentMediaType": "application/json"},
    },
}


@router.get("/healthz", response_model=Health, tags=["status"], summary="Health: index and model loaded",
            responses={503: {"model": Health, "description": "model loading, or no usable index"}})
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


def too_long(what: str, text: str, settings: Settings) -> None:
    """413 beyond ``max_question_chars`` (the schema's maxLength, see app.py), counted as sent."""
    if len(text) > settings.max_question_chars:
        raise HTTPException(413, f"{what} too long: {len(text)} characters (limit {settings.max_question_chars})")


def checked_question(body: AskRequest, settings: Settings) -> str:
    too_long("question", body.question, settings)
    question = body.question.strip()
    if is_blank(question):
        raise HTTPException(400, "question is empty")
    return question


def history_of(body: AskRequest, settings: Settings) -> list[dict[str, str]]:
    turns = body.history[-max(0, settings.max_history_turns) * 2:] if settings.max_history_turns else []
    return [{"role": t.role, "content": t.content[:HISTORY_CONTENT_CHARS]} for t in turns]


def _ask(assistant: Assistant, body: AskRequest, settings: Settings, mode: str | None = None) -> Answer:
    answer = assistant.ask(
        checked_question(body, settings),
        history=history_of(body, settings),
        mode=mode or body.mode,
        filters=body.filters.as_dict() if body.filters else None,
    )
    return answer


@router.post("/api/ask", response_model=AskResponse, tags=["questions"], responses=ERRORS,
             summary="Ask a question (cited answer or refusal)")
def ask(body: AskRequest, assistant: Assistant = Depends(get_assistant), settings: Settings = Depends(get_settings)) -> Any:
    """A cited answer, or `refused: true` with the closest passages under `related`."""
    return _ask(assistant, body, settings).to_dict()


_PIECE = re.compile(r"\[\d+\]|\n|[^\[\n]{1,6}|\[")


def answer_pieces(text: str) -> list[str]:
    """The answer in small pieces for streaming; citation markers `[n]` stay whole."""
    return _PIECE.findall(text)


def _sse(event: str, data: Any) -> str:
    payload = json.dumps(data, ensure_ascii=False)
    return f"event: {event}\ndata: {payload}\n\n"


@router.post(
    "/api/ask/stream", tags=["questions"], summary="Ask, streamed as server-sent events",
    response_class=EventStreamResponse, responses=ERRORS | {
        200: {"description": "text/event-stream: `citations`, then `delta` events ({text}), then `done` "
                             "(the full answer JSON); `error` ({detail, status}) if answering fails",
              "content": {"text/event-stream": {"schema": SSE_EVENT}}}},
)
async def ask_stream(body: AskRequest, request: Request) -> EventStreamResponse:
    """Like /api/ask, as server-sent events so that the page shows the answer progressively."""
    assistant = get_assistant(request)
    settings = get_settings(request)
    checked_question(body, settings)
    await run_in_threadpool(lambda: assistant.store)  # 503 now, before the stream, if there is no index

    async def events() -> AsyncIterator[str]:
        try:
            answer = await run_in_threadpool(_ask, assistant, body, settings)
            data = answer.to_dict()
            yield _sse("citations", {"citations": data["citations"], "related": data["related"],
                                     "refused": data["refused"], "mode": data["mode"]})
            pieces = answer_pieces(data["answer"])
            pause = min(0.015, 1.0 / max(1, len(pieces)))
            for piece in pieces:
                yield _sse("delta", {"text": piece})
                await asyncio.sleep(pause)
            yield _sse("done", data)
        except (IndexMissing, IndexMismatch) as exc:
            yield _sse("error", {"detail": index_error_detail(exc), "status": 503})
        except NotReady as exc:
            yield _sse("error", {"detail": exc.detail, "status": 503})
        except HTTPException as exc:
            yield _sse("error", {"detail": exc.detail, "status": exc.status_code})
        except Exception as exc:
            logger.error_response("internal error %s while streaming an answer", type(exc).__name__)
            logger.debug("traceback", exc_info=exc)
            yield _sse("error", {"detail": "internal error", "status": 500})

    return EventStreamResponse(events(), headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


YEAR = re.compile(r"[0-9]{0,4}")


def _year(value: str) -> int | None:
    if not YEAR.fullmatch(value):
        raise HTTPException(400, f"year must be a number of up to four digits, got {value[:20]!r}")
    return int(value) if value else None


@router.get("/api/search", response_model=SearchResponse, tags=["questions"], responses=ERRORS,
            summary="Search passages")
def search(
    q: str = Query(description="what to search for; not blank", json_schema_extra=NOT_BLANK),
    k: int = Query(10, ge=1, le=100),
    year: str = Query("", description="only documents about this year",
                      json_schema_extra={"pattern": f"^{YEAR.pattern}$"}),
    body: str | None = Query(None, description="issuing body, e.g. 城管局"),
    kind: str | None = Query(None, description="document kind, e.g. 工作总结"),
    doc_id: str | None = Query(None),
    mode: Literal["hybrid", "dense", "bm25"] = Query("hybrid"),
    assistant: Assistant = Depends(get_assistant),
    settings: Settings = Depends(get_settings),
) -> Any:
    """The best passages for `q` with document, heading path and score."""
    too_long("query", q, settings)
    try:
        query, body, kind, doc_id = (printable(v) if v is not None else None for v in (q, body, kind, doc_id))
    except ValueError as exc:
        raise HTTPException(400, f"invalid query parameter: {exc}") from None
    query = query.strip()
    if is_blank(query):
        raise HTTPException(400, "query is empty: pass ?q=...")
    filters = {"year": _year(year), "body": body or None, "kind": kind or None, "doc_id": doc_id or None}
    hits = assistant.search(query, k=k, filters=filters, mode=mode)
    return {"hits": [h.to_dict() for h in hits]}


def _attachment(name: str) -> str:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_-.") or "draft"
    return f"attachment; filename=\"{ascii_name}.docx\"; filename*=UTF-8''{quote(name)}.docx"


@router.post(
    "/api/draft.docx", tags=["questions"], summary="Draft inspection material as .docx", response_class=DocxResponse,
    responses=ERRORS | {200: {"description": "the draft as a Word document"},
                        404: error_response("nothing in the documents to draft from")},
)
def draft_docx(body: AskRequest, assistant: Assistant = Depends(get_assistant),
               settings: Settings = Depends(get_settings)) -> DocxResponse:
    """The drafting-mode answer (迎检材料) as .docx: sections, cited sentences and sources."""
    from assistant.answer.draft import draft_docx as render

    answer = _ask(assistant, body, settings, mode="draft")
    if answer.refused:
        raise HTTPException(404, answer.text)
    topic = re.sub(r"[\\/:*?\"<>|\s]+", "_", answer.question.strip())[:40] or "draft"
    return DocxResponse(render(answer), headers={"Content-Disposition": _attachment(f"迎检材料-{topic}")})
