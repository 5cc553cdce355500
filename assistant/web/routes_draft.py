"""The drafting-mode answer (迎检材料) as a Word document: ``POST /api/draft.docx``."""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web.asking import answer_for
from assistant.web.draft_polish import polished_drafts
from assistant.web.kb_access import audit, readable_kbs
from assistant.web.schemas import ERRORS, AskRequest, error_response
from assistant.web.state import get_assistant, get_settings

router = APIRouter()

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DocxResponse(Response):
    media_type = DOCX_TYPE


def _attachment(name: str) -> str:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_-.") or "draft"
    return f"attachment; filename=\"{ascii_name}.docx\"; filename*=UTF-8''{quote(name)}.docx"


@router.post(
    "/api/draft.docx",
    tags=["questions"],
    summary="Draft inspection material as .docx",
    response_class=DocxResponse,
    responses=ERRORS
    | {
        200: {"description": "the draft as a Word document"},
        404: error_response("nothing in the documents to draft from"),
    },
)
def draft_docx(
    body: AskRequest,
    request: Request,
    assistant: Assistant = Depends(get_assistant),
    settings: Settings = Depends(get_settings),
    kbs: list[str] | None = Depends(readable_kbs),
) -> DocxResponse:
    """The drafting-mode answer (迎检材料) as .docx: sections, cited sentences and sources."""
    from assistant.draft.docx import draft_docx as render

    answer = answer_for(assistant, body, settings, kbs, mode="draft", drafts=polished_drafts(request))
    if answer.refused:
        raise HTTPException(404, answer.text)
    title = answer.text.split("\n", 1)[0]  # the draft's title, not the request that asked for it
    audit(request, "export", "draft.docx", {"title": title[:200]})
    topic = re.sub(r"[\\/:*?\"<>|\s]+", "_", title.strip())[:40] or "draft"
    return DocxResponse(render(answer), headers={"Content-Disposition": _attachment(f"迎检材料-{topic}")})
