"""Documents: list, one document with its passages (of the reader's knowledge bases), and delete
(an editor of the document's knowledge base; in open mode the admin token). Upload: routes_upload."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request

from assistant.auth.access import Access, require
from assistant.index.build import IngestReport
from assistant.models import meta_to_dict
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web import messages
from assistant.web.access_dep import require_editor
from assistant.web.kb_access import audit, readable_kbs
from assistant.web.schemas import ERRORS, DocumentDetail, DocumentInfo, IngestResult, error_response
from assistant.web.state import get_assistant, get_settings
from assistant.web.uploads import inside

logger = logging.getLogger("assistant.web")
router = APIRouter(tags=["documents"])

ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: error_response("not signed in (open mode: missing or wrong admin token)"),
    403: error_response("not an editor of the document's knowledge base (open mode: no admin token configured)"),
}


def public_path(key: str, corpus_dir: Path) -> str:
    """A document's file as the page may show it: relative to the corpus folder (``uploads/x.pdf``),
    or as stored when that is already relative, never a server's absolute path."""
    path = Path(key)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(corpus_dir.resolve()).as_posix()
    except (ValueError, OSError):
        return path.name if path.is_absolute() else key


@router.get("/api/documents", response_model=list[DocumentInfo], responses=ERRORS, summary="List indexed documents")
def list_documents(
    assistant: Assistant = Depends(get_assistant),
    settings: Settings = Depends(get_settings),
    kbs: list[str] | None = Depends(readable_kbs),
) -> Any:
    """Every indexed document of the reader's knowledge bases with its metadata, knowledge base,
    passage count and ingestion time. `path` is relative to the corpus folder (no server path)."""
    return [{**d, "path": public_path(d["path"], settings.corpus_dir)} for d in assistant.documents(kbs)]


def document_detail(assistant: Assistant, doc_id: str, kbs: list[str] | None) -> dict[str, Any] | None:
    """A document of the knowledge bases ``kbs`` (None: any) with its passages; None when there
    is none there (a document of another knowledge base is not said to exist)."""
    found = assistant.document(doc_id, kbs)
    if found is None:
        return None
    document, chunks = found
    info = next((d for d in assistant.documents(kbs) if d["doc_id"] == doc_id), {})
    return {
        **{k: v for k, v in info.items() if k != "passages"},
        "doc_id": document.doc_id,
        "source": document.source,
        "path": document.path,
        "title": document.meta.title,
        "meta": meta_to_dict(document.meta),
        "text": document.text,
        "notes": document.notes,
        "content_hash": document.content_hash,
        "passage_count": len(chunks),
        "passages": [
            {
                "chunk_id": c.chunk_id,
                "ordinal": c.ordinal,
                "heading": c.heading,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "deadline": c.deadline,
            }
            for c in chunks
        ],
    }


@router.get(
    "/api/documents/{doc_id}",
    response_model=DocumentDetail,
    summary="One document with its passages",
    responses=ERRORS | {404: error_response("no such document")},
)
def get_document(
    doc_id: str,
    assistant: Assistant = Depends(get_assistant),
    settings: Settings = Depends(get_settings),
    kbs: list[str] | None = Depends(readable_kbs),
) -> Any:
    """The cleaned text of a document and its passages (offsets into `text`, heading path)."""
    detail = document_detail(assistant, doc_id, kbs)
    if detail is None:
        raise HTTPException(404, messages.NO_DOCUMENT.format(doc_id=doc_id[:80]))
    return {**detail, "path": public_path(detail["path"], settings.corpus_dir)}


def report_dict(report: IngestReport, corpus_dir: Path, names: dict[str, str] | None = None) -> dict[str, Any]:
    """The ingest report as the page may show it: files by their upload name (``names``: resolved
    path → name as uploaded) or corpus-relative path, reasons in Chinese."""
    names = names or {}
    data = report.to_dict()
    for key in ("added", "updated", "unchanged", "removed"):
        data[key] = [public_path(str(path), corpus_dir) for path in data[key]]
    data["skipped"] = [
        [_upload_name(str(path), names, corpus_dir), messages.ingest_reason(str(reason))]
        for path, reason in report.skipped
    ]
    return data


def _upload_name(path: str, names: dict[str, str], corpus_dir: Path) -> str:
    try:
        resolved = str(Path(path).resolve())
    except (OSError, ValueError):
        resolved = path
    return names.get(resolved) or Path(public_path(path, corpus_dir)).name


def as_path(key: str) -> Path:
    path = Path(key)
    return path if path.is_absolute() else Path.cwd() / path


@router.delete(
    "/api/documents/{doc_id}",
    response_model=IngestResult,
    summary="Delete a document (editor)",
    responses=ERRORS | ADMIN_ERRORS | {404: error_response("no such document")},
)
def delete_document(
    doc_id: str,
    request: Request,
    assistant: Assistant = Depends(get_assistant),
    settings: Settings = Depends(get_settings),
    access: Access = Depends(require_editor),
) -> Any:
    """Remove the file a document came from (all its articles) from the index; the user must be
    an editor of its knowledge base (403; 404 when they cannot see it at all).

    An uploaded file is also deleted from `<corpus>/uploads`; any other source file is
    left on disk (`file_kept`) and would come back with the next `assistant ingest` of its folder."""
    found = assistant.document(doc_id, access.kbs())
    if found is None:
        raise HTTPException(404, messages.NO_DOCUMENT.format(doc_id=doc_id[:80]))
    document = found[0]
    require(access, document.meta.kb, "editor")
    report = assistant.remove_document(doc_id)
    if report is None:
        raise HTTPException(404, messages.NO_DOCUMENT.format(doc_id=doc_id[:80]))
    data = report_dict(report, settings.corpus_dir)
    source = as_path(document.path)
    folder = settings.corpus_dir / "uploads"
    deleted = False
    if folder.exists() and inside(source, folder) and source.is_file():
        source.unlink()
        source.with_name(source.name + ".meta.json").unlink(missing_ok=True)  # an editor's corrections
        deleted = True
    data["deleted_file"] = deleted
    data["file_kept"] = not deleted
    audit(request, "delete", document.source, {"kb": document.meta.kb, "doc_id": doc_id, "title": document.meta.title})
    return data
