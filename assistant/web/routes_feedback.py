"""Feedback (👍/👎 and a comment on an answer kept in a chat), the editors' feedback list and
page (/feedback), and curated answers (标注) written there with their citations."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from assistant.auth.access import Access, require
from assistant.auth.accounts import list_kbs
from assistant.chats.curated import cited_hits, unverified_numbers
from assistant.chats.feedback import add_curated, curated_answers, feedback_item, feedback_list, give_feedback
from assistant.chats.history import ChatError
from assistant.scope import KB_NAME_PATTERN, kb_name
from assistant.service import Assistant
from assistant.web.access_dep import get_access, signed_in_with
from assistant.web.kb_access import audit
from assistant.web.routes_chats import accounts_db
from assistant.web.schemas import ERRORS, Responses, RowId, error_response
from assistant.web.state import get_assistant

router = APIRouter(tags=["feedback"])

EDITORS_ONLY = "没有权限：反馈列表和人工校正需要“编辑”（editor）权限。"
EDITOR_ERRORS: Responses = {
    401: error_response("not signed in"),
    403: error_response("not an editor of any knowledge base (or of the one named)"),
}


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    turn_id: RowId = Field(description="the answer's `turn_id` (asked with `chat_id`)")
    rating: Literal[1, -1] = Field(description="1: 👍, -1: 👎")
    comment: str = Field("", max_length=2000)


class CitationRef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(min_length=1, max_length=200)
    chunk_id: str = Field(min_length=1, max_length=220)


class CuratedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=2000, description="the question this answer is for")
    answer: str = Field(min_length=1, max_length=8000, description="the corrected answer")
    kb: str = Field(
        min_length=1,
        max_length=40,
        pattern=KB_NAME_PATTERN,
        description="the knowledge base it belongs to (you edit it)",
    )
    citations: list[CitationRef] = Field(default_factory=list, max_length=20)
    feedback_id: RowId | None = None


def editor_access(request: Request) -> Access:
    """Open mode, or a signed-in editor of some knowledge base."""
    access = get_access(request)
    if access.open_mode:
        return access
    return signed_in_with(access, bool(access.kbs("editor")), EDITORS_ONLY)


@router.post("/api/feedback", status_code=201, responses=ERRORS | {404: error_response("no such answer of yours")})
def post_feedback(body: FeedbackIn, request: Request, access: Access = Depends(get_access)) -> dict[str, Any]:
    """👍 or 👎 (and a comment) on an answer in one of your chats; given again, it replaces the first."""
    try:
        feedback_id = give_feedback(
            accounts_db(request), access.login, body.turn_id, body.rating, body.comment, access.kbs()
        )
    except ChatError as exc:
        raise HTTPException(400, str(exc)) from None
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    return {"id": feedback_id, "turn_id": body.turn_id, "rating": body.rating}


@router.get("/api/feedback", responses=ERRORS | EDITOR_ERRORS, summary="Feedback on answers (editors)")
def get_feedback(request: Request, access: Access = Depends(editor_access)) -> list[dict[str, Any]]:
    """Feedback on answers drawn from the knowledge bases you edit, newest first."""
    return feedback_list(accounts_db(request), access.kbs("editor"))


def _checked_citations(assistant: Assistant, citations: list[CitationRef], kb: str) -> list[dict[str, str]]:
    """The citations as stored: each a passage of a document of ``kb`` (400 otherwise)."""
    out = []
    for citation in citations:
        found = assistant.document(citation.doc_id, [kb])
        if found is None or not any(c.chunk_id == citation.chunk_id for c in found[1]):
            raise HTTPException(400, f"引用的段落 {citation.chunk_id[:80]} 不在知识库“{kb}”的文件中。")
        out.append({"doc_id": citation.doc_id, "chunk_id": citation.chunk_id})
    return out


@router.post(
    "/api/curated",
    status_code=201,
    responses=ERRORS | EDITOR_ERRORS | {404: error_response("no such knowledge base, or feedback of yours")},
    summary="Write a curated answer (标注, editors)",
)
async def post_curated(
    body: CuratedIn,
    request: Request,
    assistant: Assistant = Depends(get_assistant),
    access: Access = Depends(editor_access),
) -> dict[str, Any]:
    """A corrected answer for a question, with its citations (passages of the knowledge base it
    belongs to). A later question close to it gets it first, marked 已人工校正."""
    try:
        kb = kb_name(body.kb)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    db = accounts_db(request)
    if kb not in list_kbs(db):
        raise HTTPException(404, f"没有名为“{kb}”的知识库。")
    require(access, kb, "editor")
    if body.feedback_id is not None and feedback_item(db, body.feedback_id, access.kbs("editor")) is None:
        raise HTTPException(404, "没有这条反馈，或它不属于您编辑的知识库。")
    citations = await run_in_threadpool(_checked_citations, assistant, body.citations, kb)
    hits = await run_in_threadpool(cited_hits, assistant, citations, [kb])
    unverified = unverified_numbers(body.answer, hits)
    if unverified:
        raise HTTPException(400, f"答案中的数字 {'、'.join(unverified)} 在所引用的段落中找不到，请改正或补充引用。")
    vector = await run_in_threadpool(assistant.embedder.encode_query, body.question)
    try:
        curated_id = add_curated(
            db,
            kb=kb,
            question=body.question,
            answer=body.answer,
            citations=citations,
            vector=vector,
            model=assistant.embedder.fingerprint,
            author=access.login,
            feedback_id=body.feedback_id,
        )
    except ChatError as exc:
        raise HTTPException(400, str(exc)) from None
    audit(
        request,
        "correction",
        body.question[:200],
        {"kb": kb, "curated_id": curated_id, "feedback_id": body.feedback_id},
    )
    return {"id": curated_id, "kb": kb, "question": body.question, "citations": citations}


@router.get("/api/curated", responses=ERRORS | EDITOR_ERRORS, summary="Curated answers (editors)")
def get_curated(
    request: Request, assistant: Assistant = Depends(get_assistant), access: Access = Depends(editor_access)
) -> list[dict[str, Any]]:
    """The curated answers of the knowledge bases you edit, newest first."""
    rows = curated_answers(accounts_db(request), access.kbs("editor"), assistant.embedder.fingerprint)
    return [c.to_dict() for c in rows]


@router.get("/feedback", response_class=HTMLResponse, include_in_schema=False)
def feedback_page(request: Request, access: Access = Depends(editor_access)) -> HTMLResponse:
    from assistant.web.routes_pages import render

    editable = access.kbs("editor")
    kbs = editable if editable is not None else list_kbs(accounts_db(request))
    return render(request, "feedback.html", page="feedback", kbs=kbs)
