"""Pages of scans read by OCR: the page image kept at ingest, with a cited passage's lines
highlighted over it (an SVG overlay in the page: no inline styles, which the CSP forbids).

Both routes answer only for documents of the reader's knowledge bases (a document elsewhere is
a 404, as for document pages), and only for pages the document was read from by OCR."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from assistant.index.store import IndexMismatch, IndexMissing
from assistant.models import Chunk, Document
from assistant.service import Assistant
from assistant.web import messages
from assistant.web.kb_access import readable_kbs
from assistant.web.routes_pages import render, unavailable_page
from assistant.web.schemas import ERRORS, error_response
from assistant.web.state import NotReady, get_assistant, web_state

router = APIRouter(tags=["documents"])
PAD = 0.004  # the highlight reaches this far (a fraction of the page) around the recognised boxes
NO_PAGE = "文件 {doc_id} 没有经 OCR 识别的第 {page} 页。"


def scanned_page(assistant: Assistant, doc_id: str, page: int, kbs: list[str] | None) -> tuple[Document, list[Chunk]]:
    """The document and its passages read from OCR page ``page``; 404 when the reader cannot see
    the document or it has no such page."""
    found = assistant.document(doc_id, kbs)
    if found is None:
        raise HTTPException(404, messages.NO_DOCUMENT.format(doc_id=doc_id[:80]))
    document, chunks = found
    on_page = [c for c in chunks if c.ocr_page == page]
    if page < 1 or not on_page:
        raise HTTPException(404, NO_PAGE.format(doc_id=doc_id[:80], page=page))
    return document, on_page


@router.get(
    "/api/documents/{doc_id}/pages/{page}/image",
    summary="The image of a page read by OCR (JPEG)",
    responses=ERRORS | {404: error_response("no such document, page or kept image")},
    response_class=Response,
)
def page_image(
    doc_id: str,
    page: int,
    assistant: Assistant = Depends(get_assistant),
    kbs: list[str] | None = Depends(readable_kbs),
) -> Response:
    """The downscaled image of page `page` (1-based) of a scanned document, as kept in the index
    at ingest. Embedded index only: the PostgreSQL store keeps no page images (404)."""
    scanned_page(assistant, doc_id, page, kbs)
    image = assistant.store.page_image(doc_id, page)
    if image is None:
        raise HTTPException(404, "此页的扫描图像未保存（服务器模式，或索引早于保存扫描页的版本）。")
    return Response(image, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})


def highlight_boxes(chunk: Chunk | None) -> list[dict[str, Any]]:
    """The passage's line rectangles, padded and kept inside the page, as the overlay draws them."""
    boxes = []
    for x0, y0, x1, y1 in chunk.ocr_boxes if chunk else []:
        left, top = max(0.0, x0 - PAD), max(0.0, y0 - PAD)
        right, bottom = min(1.0, x1 + PAD), min(1.0, y1 + PAD)
        boxes.append(
            {
                "x": round(left, 4),
                "y": round(top, 4),
                "width": round(right - left, 4),
                "height": round(bottom - top, 4),
                "box": f"{left:.4f},{top:.4f},{right:.4f},{bottom:.4f}",
            }
        )
    return boxes


@router.get("/documents/{doc_id}/pages/{page}", response_class=HTMLResponse, include_in_schema=False)
def page_view(request: Request, doc_id: str, page: int, chunk: str = "") -> HTMLResponse:
    """The page image with the lines of passage ``chunk`` (a chunk id of that page) highlighted."""
    try:
        assistant = web_state(request).require()
        document, on_page = scanned_page(assistant, doc_id, page, readable_kbs(request))
    except (NotReady, IndexMissing, IndexMismatch) as exc:
        return unavailable_page(request, exc)
    except HTTPException as exc:
        return render(request, "message.html", 404, page="documents", title="未找到扫描页", message=str(exc.detail))
    cited = next((c for c in on_page if c.chunk_id == chunk), None)
    return render(
        request,
        "scan_page.html",
        page="documents",
        doc=document,
        page_number=page,
        chunk=cited,
        boxes=highlight_boxes(cited),
        has_image=assistant.store.page_image(doc_id, page) is not None,
        image_url=f"/api/documents/{quote(doc_id, safe='')}/pages/{page}/image",
        text_url=f"/documents/{quote(doc_id, safe='')}" + (f"#chunk-{quote(cited.chunk_id, safe='')}" if cited else ""),
    )
