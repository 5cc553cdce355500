"""What the question routes share: the checked question and history of a request, and the answer
to it (a draft polished when asked for: ``draft_polish.py``)."""

from __future__ import annotations

from fastapi import HTTPException

from assistant.models import Answer
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web import messages
from assistant.web.draft_polish import PolishedDrafts, polish_for_reader
from assistant.web.schemas import AskRequest, is_blank

HISTORY_CONTENT_CHARS = 4_000


def too_long(what: str, text: str, settings: Settings) -> None:
    """413 beyond ``max_question_chars`` (the schema's maxLength, see app.py), counted as sent."""
    if len(text) > settings.max_question_chars:
        raise HTTPException(
            413, messages.TOO_LONG.format(what=what, length=len(text), limit=settings.max_question_chars)
        )


def checked_question(body: AskRequest, settings: Settings) -> str:
    too_long("问题", body.question, settings)
    question = body.question.strip()
    if is_blank(question):
        raise HTTPException(400, messages.QUESTION_EMPTY)
    return question


def history_of(body: AskRequest, settings: Settings) -> list[dict[str, str]]:
    turns = body.history[-max(0, settings.max_history_turns) * 2 :] if settings.max_history_turns else []
    return [{"role": t.role, "content": t.content[:HISTORY_CONTENT_CHARS]} for t in turns]


def answer_for(
    assistant: Assistant,
    body: AskRequest,
    settings: Settings,
    kbs: list[str] | None,
    mode: str | None = None,
    drafts: PolishedDrafts | None = None,
) -> Answer:
    """The answer (a draft polished when asked for: ``draft_polish.py``)."""
    answer = compose(assistant, body, settings, kbs, mode)
    return polish_for_reader(answer, settings, body.polish, drafts)


def compose(
    assistant: Assistant, body: AskRequest, settings: Settings, kbs: list[str] | None, mode: str | None = None
) -> Answer:
    return assistant.ask(
        checked_question(body, settings),
        history=history_of(body, settings),
        mode=mode or body.mode,
        filters=body.filters.as_dict() if body.filters else None,
        kbs=kbs,
    )
