"""Chat history on the server, per user: list, create, reopen, rename, delete (``/api/chats``).
A question asked with ``chat_id`` is kept in that chat with its answer (``ChatMemory``), which is
also where a curated answer (标注) is looked up before the question is answered."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from assistant.auth.access import Access
from assistant.auth.db import AccountsDB, AccountsUnavailable
from assistant.chats import history
from assistant.chats.curated import curated_answer, curated_info, find_curated
from assistant.followup import resolve_followup
from assistant.models import Answer
from assistant.service import Assistant
from assistant.web.access_dep import get_access
from assistant.web.schemas import ERRORS, MAX_ID, AskRequest, Responses, error_response
from assistant.web.state import get_settings

logger = logging.getLogger("assistant.web")
router = APIRouter(tags=["chats"])

NO_CHAT = "没有这个对话，或它不属于您。"
ACCOUNTS_DOWN = "对话记录暂时无法读取，请稍后重试。"
NOT_FOUND: Responses = {404: error_response("no such chat of yours")}
ChatId = Annotated[int, Path(ge=1, le=MAX_ID)]


class ChatTitle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200, description="the chat's title (shown in the list)")


class ChatSummary(BaseModel):
    id: int
    title: str
    created_at: float
    updated_at: float
    turns: int


class ChatTurn(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    question: str
    mode: str
    answer: dict[str, Any]
    created_at: float


class ChatDetail(ChatSummary):
    messages: list[ChatTurn]


def accounts_db(request: Request) -> AccountsDB:
    """The accounts database of the app (where chats and feedback live); 503 when unreachable."""
    holder = getattr(request.app.state, "accounts", None)
    if holder is None:
        raise HTTPException(503, ACCOUNTS_DOWN)
    try:
        db: AccountsDB = holder.get()
    except AccountsUnavailable as exc:
        logger.warning("accounts database unavailable: %s", exc)
        raise HTTPException(503, ACCOUNTS_DOWN) from None
    return db


@dataclass
class ChatMemory:
    """Where one question's answer is kept (its chat), and the curated answers it may get."""

    db: AccountsDB | None
    access: Access
    chat_id: int | None
    threshold: float

    def curated(self, assistant: Assistant, body: AskRequest, question: str) -> tuple[Answer, dict[str, Any]] | None:
        """The curated answer for a plain question (no filters, question mode), if one is close."""
        if self.db is None or body.mode != "qa" or (body.filters and body.filters.as_dict()):
            return None
        resolved = resolve_followup(question, [t.model_dump() for t in body.history])
        kbs = self.access.kbs()
        match = find_curated(assistant, self.db, resolved, kbs, self.threshold)
        if match is None:
            return None
        answer = curated_answer(assistant, match, question, kbs)
        if answer is None:
            return None
        answer.resolved_question = resolved
        return answer, {"curated": curated_info(match)}

    def keep(self, question: str, mode: str, data: dict[str, Any]) -> dict[str, Any]:
        """Keep the turn in the chat (when there is one; chat 0: a new one named after the
        question); ``data`` with ``chat_id`` and ``turn_id``."""
        if self.db is None or self.chat_id is None:
            return data
        if self.chat_id == 0:
            self.chat_id = history.create_chat(self.db, self.access.login, question[: history.TITLE_MAX])
        turn_id = history.add_turn(self.db, self.access.login, self.chat_id, question, mode, data)
        return data | {"chat_id": self.chat_id, "turn_id": turn_id}


def memory_of(request: Request, body: AskRequest) -> ChatMemory:
    """The request's chat memory; 404 for a chat that is not the user's."""
    access = get_access(request)
    threshold = get_settings(request).curated_threshold
    if getattr(request.app.state, "accounts", None) is None:
        return ChatMemory(None, access, None, threshold)
    db = accounts_db(request)
    if body.chat_id and history.chat_info(db, access.login, body.chat_id) is None:
        raise HTTPException(404, NO_CHAT)
    return ChatMemory(db, access, body.chat_id, threshold)


@router.get("/api/chats", response_model=list[ChatSummary], responses=ERRORS, summary="Your chats")
def list_chats(request: Request, access: Access = Depends(get_access)) -> Any:
    """Your chats, the most recently used first (another user's are never listed)."""
    return [c.to_dict() for c in history.list_chats(accounts_db(request), access.login)]


@router.post("/api/chats", response_model=ChatSummary, status_code=201, responses=ERRORS, summary="Start a chat")
def create_chat(body: ChatTitle, request: Request, access: Access = Depends(get_access)) -> Any:
    db = accounts_db(request)
    try:
        chat_id = history.create_chat(db, access.login, body.title)
    except history.ChatError as exc:
        raise HTTPException(400, str(exc)) from None
    info = history.chat_info(db, access.login, chat_id)
    assert info is not None
    return info.to_dict()


@router.get("/api/chats/{chat_id}", response_model=ChatDetail, responses=ERRORS | NOT_FOUND, summary="Reopen a chat")
def get_chat(chat_id: ChatId, request: Request, access: Access = Depends(get_access)) -> Any:
    """The chat with its questions and answers, oldest first."""
    db = accounts_db(request)
    info = history.chat_info(db, access.login, chat_id)
    turns = history.chat_turns(db, access.login, chat_id) if info is not None else None
    if info is None or turns is None:
        raise HTTPException(404, NO_CHAT)
    return info.to_dict() | {"messages": turns}


@router.patch("/api/chats/{chat_id}", response_model=ChatSummary, responses=ERRORS | NOT_FOUND, summary="Rename a chat")
def rename_chat(chat_id: ChatId, body: ChatTitle, request: Request, access: Access = Depends(get_access)) -> Any:
    db = accounts_db(request)
    try:
        renamed = history.rename_chat(db, access.login, chat_id, body.title)
    except history.ChatError as exc:
        raise HTTPException(400, str(exc)) from None
    info = history.chat_info(db, access.login, chat_id) if renamed else None
    if info is None:
        raise HTTPException(404, NO_CHAT)
    return info.to_dict()


@router.delete("/api/chats/{chat_id}", status_code=204, responses=ERRORS | NOT_FOUND, summary="Delete a chat")
async def delete_chat(chat_id: ChatId, request: Request, access: Access = Depends(get_access)) -> None:
    db = accounts_db(request)
    if not await run_in_threadpool(history.delete_chat, db, access.login, chat_id):
        raise HTTPException(404, NO_CHAT)
