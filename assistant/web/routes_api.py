"""JSON API: health, questions, search (a streamed question: routes_stream.py; the draft as .docx:
routes_draft.py)."""

from __future__ import annotations

import re
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from assistant.index.store import IndexMismatch, IndexMissing
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web import messages, routes_draft
from assistant.web.asking import answer_for, checked_question, too_long
from assistant.web.draft_polish import polished_drafts
from assistant.web.errors import index_error_detail
from assistant.web.kb_access import readable_kbs
from assistant.web.routes_chats import NOT_FOUND as NO_CHAT
from assistant.web.routes_chats import memory_of
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

router = APIRouter()


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
