"""HTML pages (jinja2, autoescaped): the chat, the documents list, one document with
passage anchors, and a small offline API reference at /docs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from assistant.index.store import IndexMismatch, IndexMissing
from assistant.web.errors import index_error_detail
from assistant.web.kb_access import readable_kbs
from assistant.web.state import NotReady, web_state

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(request, name, context, status_code=status_code)
    return response


def unavailable_page(request: Request, exc: NotReady | IndexMissing | IndexMismatch) -> HTMLResponse:
    """The 503 page of a document view while the service starts or its index cannot be read."""
    if isinstance(exc, NotReady):
        return render(request, "message.html", 503, page="documents", title="服务正在启动", message=exc.detail)
    return render(request, "message.html", 503, page="documents", title="索引不可用", message=index_error_detail(exc))


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request) -> HTMLResponse:
    settings = web_state(request).settings
    # The drafts' 润色 option is offered only when an LLM is configured (assistant/web/draft_polish.py).
    return render(
        request,
        "chat.html",
        page="chat",
        max_question_chars=settings.max_question_chars,
        llm_configured=bool(settings.llm_base_url),
        polish_always=settings.draft_polish,
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request) -> HTMLResponse:
    return render(request, "documents.html", page="documents")


def segments(text: str, passages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The document text cut at passage boundaries: text between passages stays as it is."""
    out: list[dict[str, Any]] = []
    position = 0
    for passage in sorted(passages, key=lambda p: p["start"]):
        start, end = max(passage["start"], position), passage["end"]
        if start > position:
            out.append({"passage": None, "text": text[position:start]})
        if end > start:
            out.append({"passage": passage, "text": text[start:end]})
            position = end
    if position < len(text):
        out.append({"passage": None, "text": text[position:]})
    return out


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    from assistant.web.routes_documents import document_detail

    try:
        assistant = web_state(request).require()
        detail = document_detail(assistant, doc_id, readable_kbs(request))
    except (NotReady, IndexMissing, IndexMismatch) as exc:
        return unavailable_page(request, exc)
    if detail is None:
        return render(
            request,
            "message.html",
            404,
            page="documents",
            title="未找到文件",
            message=f"没有编号为 {doc_id} 的文件，可能已被删除。",
        )
    from assistant.web.routes_documents import public_path

    detail["path"] = public_path(detail["path"], web_state(request).settings.corpus_dir)
    from assistant.ingest.meta import KINDS

    kinds = list(dict.fromkeys(name for _, name in KINDS))
    return render(
        request,
        "document.html",
        page="documents",
        doc=detail,
        kinds=kinds,
        segments=segments(detail["text"], detail["passages"]),
    )


def code_parts(text: str) -> list[tuple[bool, str]]:
    """Markdown-ish text split at backticks: (is_code, text) pairs, rendered escaped."""
    return [(i % 2 == 1, part) for i, part in enumerate(text.split("`")) if part]


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    endpoints = []
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            params = [
                {
                    "name": p.get("name"),
                    "where": p.get("in"),
                    "required": p.get("required", False),
                    "description": p.get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            body = operation.get("requestBody", {}).get("content", {})
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": code_parts(operation.get("description", "")),
                    "params": params,
                    "body": ", ".join(body),
                    "tags": operation.get("tags", []),
                    "statuses": sorted(operation.get("responses", {})),
                }
            )
    return render(request, "docs.html", page="docs", endpoints=endpoints, info=schema.get("info", {}))
