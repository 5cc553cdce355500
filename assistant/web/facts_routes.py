"""Facts in the web app: JSON, CSV/XLSX exports, a comparison with a server-drawn chart,
and the /facts page. Mount with ``app.include_router(router)``; the app must set
``app.state.assistant`` (an :class:`assistant.service.Assistant`).

The FactBook is built once per index generation (and state of the criteria tables in the
corpus folder) and kept on ``app.state``."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from assistant.facts.book import FactBook
from assistant.facts.chart import bar_chart_svg, chart_groups
from assistant.facts.measures import MEASURES, find_measure
from assistant.facts.model import KIND_LABELS, KINDS, Fact
from assistant.facts.table import tables_signature
from assistant.web import messages
from assistant.web.facts_export import STATUS_LABELS, attachment, to_csv, to_xlsx
from assistant.web.schemas import INVALID, Responses, error_response

WEB = Path(__file__).resolve().parent  # the package's own templates/ and static/
STATIC = WEB / "static"


def _fallback_templates() -> Jinja2Templates:
    """Templates when the app has none of its own (``app.state.templates``): same folder, same
    rules (autoescape, strict undefined), assets served by this router."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(WEB / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(asset=lambda name: f"/facts/static/{name}", has_facts=True, version="")
    return Jinja2Templates(env=env)


_TEMPLATES = _fallback_templates()
_STATIC_FILES = {"facts.js": "text/javascript; charset=utf-8", "facts.css": "text/css; charset=utf-8"}
_MAX_QUERY = 200
_LOCK = threading.Lock()

router = APIRouter(tags=["facts"])

NOT_READY: Responses = {503: error_response("model loading, or no usable index")}
FILTER_ERRORS: Responses = {
    400: error_response("unknown kind, year not four digits, or q too long"),
    **NOT_READY,
    **INVALID,
}


class CsvResponse(Response):
    media_type = "text/csv"


class XlsxResponse(Response):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


_YEAR = re.compile(r"[0-9]{4}")

# The filters of the facts API, with the limits that _clean_filters checks (answering 400).
KindQuery = Query("", description=f"one of {', '.join(KINDS)}", json_schema_extra={"enum": ["", *KINDS]})
WordsQuery = Query("", description="words to look for", json_schema_extra={"maxLength": _MAX_QUERY})
YearQuery = Query("", description="four-digit year", json_schema_extra={"pattern": f"^({_YEAR.pattern})?$"})
BodyQuery = Query("", description="issuing body")


# -- the book -------------------------------------------------------------------------------


def _criteria_dir(request: Request) -> Path | None:
    folder = getattr(request.app.state, "facts_criteria_dir", None)
    if folder is None:
        settings = getattr(request.app.state.assistant, "settings", None)
        folder = getattr(settings, "corpus_dir", None)
    return Path(folder) if folder is not None and Path(folder).is_dir() else None


def get_book(request: Request) -> FactBook:
    """The FactBook of the assistant's current index generation (503 when there is no index)."""
    from assistant.index.store import IndexMismatch, IndexMissing
    from assistant.web.errors import index_error_detail

    assistant = getattr(request.app.state, "assistant", None)
    if assistant is None:
        raise HTTPException(status_code=503, detail=messages.STARTING)
    try:
        store = assistant.store
    except (IndexMissing, IndexMismatch) as exc:  # the message names server paths: not shown
        raise HTTPException(status_code=503, detail=index_error_detail(exc)) from exc
    criteria = _criteria_dir(request)
    key = (str(getattr(store, "folder", id(store))), tables_signature(criteria))
    with _LOCK:
        cached = getattr(request.app.state, "facts_book", None)
        if cached is not None and cached[0] == key:
            cached_book: FactBook = cached[1]
            return _readable(request, store, cached_book)
    book = FactBook.from_store(store, criteria)
    with _LOCK:
        request.app.state.facts_book = (key, book)
    return _readable(request, store, book)


def _readable(request: Request, store: Any, book: FactBook) -> FactBook:
    """The facts of the documents in the request's knowledge bases (all in open mode)."""
    from assistant.scope import fact_doc_ids, restrict_book
    from assistant.web.kb_access import readable_kbs

    kbs = readable_kbs(request)
    return book if kbs is None else restrict_book(book, fact_doc_ids(store.documents(), kbs))


# -- filters ---------------------------------------------------------------------------------


def _clean_filters(kind: str | None, q: str | None, year: str | None, body: str | None) -> dict[str, Any]:
    """The filters as documented (exactly: the API's schema states these rules), else 400."""
    kind = kind or None
    if kind is not None and kind not in KINDS:
        raise HTTPException(status_code=400, detail=f"未知的类型“{kind[:_MAX_QUERY]}”（可选：{'、'.join(KINDS)}）")
    if q and len(q) > _MAX_QUERY:
        raise HTTPException(status_code=400, detail=f"搜索词过长（上限 {_MAX_QUERY} 字）")
    q = (q or "").strip()
    year = year or ""
    if year and not _YEAR.fullmatch(year):
        raise HTTPException(status_code=400, detail="年份应为四位数字")
    body = (body or "").strip()[:_MAX_QUERY]
    return {"kind": kind, "q": q or None, "year": int(year) if year else None, "body": body or None}


def _facts(
    request: Request, kind: str | None, q: str | None, year: str | None, body: str | None
) -> tuple[FactBook, list[Fact], dict[str, Any]]:
    filters = _clean_filters(kind, q, year, body)
    book = get_book(request)
    return book, book.query(**filters), filters


def _fact_json(fact: Fact) -> dict[str, Any]:
    data = fact.to_dict()
    data["link"] = fact.doc_link
    if fact.masked:
        data["value"] = None
    return data


# -- JSON and exports ----------------------------------------------------------------------------


@router.get("/api/facts", responses=FILTER_ERRORS)
def api_facts(
    request: Request,
    kind: str = KindQuery,
    q: str = WordsQuery,
    year: str = YearQuery,
    body: str = BodyQuery,
    limit: int = Query(5000, ge=1, le=50000),
) -> dict[str, Any]:
    """``{"facts": [...], "count": n}`` filtered by kind (result|target|problem|criterion), words, year, body."""
    book, facts, _ = _facts(request, kind, q, year, body)
    return {"facts": [_fact_json(f) for f in facts[:limit]], "count": len(facts), "errors": book.errors}


@router.get("/api/facts/export.csv", response_class=CsvResponse, responses=FILTER_ERRORS)
def export_csv(
    request: Request, kind: str = KindQuery, q: str = WordsQuery, year: str = YearQuery, body: str = BodyQuery
) -> CsvResponse:
    _, facts, filters = _facts(request, kind, q, year, body)
    _audit_export(request, "export.csv", filters, len(facts))
    return CsvResponse(to_csv(facts), headers={"Content-Disposition": attachment("csv")})


@router.get("/api/facts/export.xlsx", response_class=XlsxResponse, responses=FILTER_ERRORS)
def export_xlsx(
    request: Request, kind: str = KindQuery, q: str = WordsQuery, year: str = YearQuery, body: str = BodyQuery
) -> XlsxResponse:
    _, facts, filters = _facts(request, kind, q, year, body)
    _audit_export(request, "export.xlsx", filters, len(facts))
    return XlsxResponse(to_xlsx(facts), headers={"Content-Disposition": attachment("xlsx")})


def _audit_export(request: Request, what: str, filters: dict[str, Any], count: int) -> None:
    from assistant.web.kb_access import audit

    audit(request, "export", f"facts/{what}", {"filters": {k: v for k, v in filters.items() if v}, "facts": count})


def _comparison(book: FactBook, measure: str) -> dict[str, Any]:
    found = find_measure(measure)
    rows = book.compare(measure)
    return {
        "measure": found.name,
        "keywords": list(found.strong),
        "rows": rows,
        "chart": chart_groups(rows),
        "svg": bar_chart_svg(rows, title=f"“{found.name}”各文件对比"),
    }


@router.get("/api/facts/compare", responses=NOT_READY | INVALID)
def api_compare(request: Request, measure: str = Query(..., min_length=1, max_length=_MAX_QUERY)) -> JSONResponse:
    """The same measure across documents: ``{"measure", "rows": [...], "svg": "<svg…>"}``."""
    result = _comparison(get_book(request), measure)
    return JSONResponse(
        {
            "measure": result["measure"],
            "keywords": result["keywords"],
            "rows": [_fact_json(f) for f in result["rows"]],
            "svg": result["svg"],
        }
    )


# -- the page ----------------------------------------------------------------------------------


@router.get(
    "/facts",
    response_class=HTMLResponse,
    responses={
        503: {
            "description": "the page, saying that the model is loading or the index is not usable",
            "content": {"text/html": {}},
        },
        **INVALID,
    },
)
def facts_page(
    request: Request,
    kind: str | None = None,
    q: str | None = None,
    year: str | None = None,
    body: str | None = None,
    measure: str | None = None,
) -> HTMLResponse:
    error = ""
    try:
        filters = _clean_filters(kind, q, year, body)
    except HTTPException as exc:
        error, filters = str(exc.detail), {"kind": None, "q": None, "year": None, "body": None}
    facts: list[Fact] = []
    book = None
    comparison = None
    try:
        book = get_book(request)
        facts = book.query(**filters)
        if measure and measure.strip():
            comparison = _comparison(book, measure.strip()[:_MAX_QUERY])
    except HTTPException as exc:
        error = str(exc.detail)
    query = {k: v for k, v in filters.items() if v}  # kind, q, year, body
    context = {
        "page": "facts",
        "facts": facts,
        "filters": filters,
        "kinds": [(k, KIND_LABELS[k]) for k in KINDS],
        "kind_labels": KIND_LABELS,
        "status_labels": STATUS_LABELS,
        "years": book.years() if book else [],
        "bodies": book.bodies() if book else [],
        "measures": [m.name for m in MEASURES],
        "measure": (measure or "").strip(),
        "comparison": comparison,
        "export_query": urlencode(query),
        "error": error,
        "table_errors": [messages.table_error(e) for e in book.errors] if book else [],
        "problem": getattr(book, "problem", "") if book else "",
        "total": len(book.facts) if book else 0,
    }
    templates = getattr(request.app.state, "templates", None) or _TEMPLATES
    status = 503 if error and book is None else 200
    return templates.TemplateResponse(request, "facts.html", context, status_code=status)


@router.get(
    "/facts/static/{name}",
    response_class=FileResponse,
    responses={
        200: {"description": "the file", "content": {media: {} for media in _STATIC_FILES.values()}},
        404: error_response("no such file"),
        **INVALID,
    },
)
def facts_static(name: str) -> FileResponse:
    """The page's own script and style (served here so the page works however /static is mounted)."""
    if name not in _STATIC_FILES or not (STATIC / name).is_file():
        raise HTTPException(status_code=404, detail=messages.NOT_FOUND)
    return FileResponse(STATIC / name, media_type=_STATIC_FILES[name])
