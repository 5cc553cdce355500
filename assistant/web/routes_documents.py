"""Documents: list, one document with its passages, upload and delete (admin only)."""

from __future__ import annotations

import hmac
import logging
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from assistant.index.build import IngestReport
from assistant.ingest.load import SUPPORTED_SUFFIXES
from assistant.models import meta_to_dict
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web.schemas import ERRORS, DocumentDetail, DocumentInfo, IngestResult, error_response
from assistant.web.state import get_assistant, get_settings
from assistant.web.uploads import Staged, inside, is_supported, safe_filename, uploads_dir

logger = logging.getLogger("assistant.web")
router = APIRouter(tags=["documents"])

ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: error_response("missing or wrong admin token"),
    403: error_response("document management disabled (no admin token configured)"),
}
CHUNK = 1 << 20


def presented_token(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-admin-token", "").strip()


def require_admin(request: Request, settings: Settings = Depends(get_settings)) -> None:
    """Upload and delete need `settings.admin_token`; without one configured they are disabled."""
    expected = settings.admin_token.get_secret_value() if settings.admin_token else ""
    if not expected:
        raise HTTPException(403, "document management is disabled: no admin token is configured (ASSISTANT_ADMIN_TOKEN)")
    given = presented_token(request)
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "admin token missing or wrong", headers={"WWW-Authenticate": "Bearer"})


@router.get("/api/documents", response_model=list[DocumentInfo], responses=ERRORS, summary="List indexed documents")
def list_documents(assistant: Assistant = Depends(get_assistant)) -> Any:
    """Every indexed document with its metadata, passage count and ingestion time."""
    return assistant.documents()


def document_detail(assistant: Assistant, doc_id: str) -> dict[str, Any] | None:
    found = assistant.document(doc_id)
    if found is None:
        return None
    document, chunks = found
    info = next((d for d in assistant.documents() if d["doc_id"] == doc_id), {})
    return {
        **{k: v for k, v in info.items() if k != "passages"},
        "doc_id": document.doc_id, "source": document.source, "path": document.path,
        "title": document.meta.title, "meta": meta_to_dict(document.meta), "text": document.text,
        "notes": document.notes, "content_hash": document.content_hash, "passage_count": len(chunks),
        "passages": [
            {"chunk_id": c.chunk_id, "ordinal": c.ordinal, "heading": c.heading, "start": c.start, "end": c.end,
             "text": c.text, "deadline": c.deadline}
            for c in chunks
        ],
    }


@router.get("/api/documents/{doc_id}", response_model=DocumentDetail, summary="One document with its passages",
            responses=ERRORS | {404: error_response("no such document")})
def get_document(doc_id: str, assistant: Assistant = Depends(get_assistant)) -> Any:
    """The cleaned text of a document and its passages (offsets into `text`, heading path)."""
    detail = document_detail(assistant, doc_id)
    if detail is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return detail


def _report_dict(report: IngestReport) -> dict[str, Any]:
    data = report.to_dict()
    data["skipped"] = [[str(path), str(reason)] for path, reason in report.skipped]
    return data


@router.post(
    "/api/documents", response_model=IngestResult, dependencies=[Depends(require_admin)],
    summary="Upload documents (admin)",
    responses=ERRORS | ADMIN_ERRORS | {409: error_response("another ingest is running")},
    openapi_extra={"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["files"],
        "properties": {"files": {"type": "array", "minItems": 1, "items": {"type": "string", "format": "binary"}}},
    }}}}},
)
async def upload_documents(request: Request, assistant: Assistant = Depends(get_assistant),
                           settings: Settings = Depends(get_settings)) -> Any:
    """Add or update files (field `files`, one or more of .txt .md .docx .pdf .html) and index them.

    Files are saved under `<corpus>/uploads/` with a sanitised name; a file that cannot
    be read is reported under `skipped` with the reason and not kept."""
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise HTTPException(400, "expected multipart/form-data with one or more files in the field 'files'")
    form = await request.form(max_files=settings.max_upload_files + 1, max_fields=100)
    staged = None
    try:
        files = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
        if not files:
            raise HTTPException(400, "no file uploaded: send one or more files in the field 'files'")
        if len(files) > settings.max_upload_files:
            raise HTTPException(400, f"too many files: {len(files)} (limit {settings.max_upload_files} per request)")
        staged = Staged(uploads_dir(settings.corpus_dir))
        skipped: list[list[str]] = []
        for upload in files:
            original = upload.filename or ""
            name = safe_filename(original)
            if not is_supported(name):
                skipped.append([original or name, f"unsupported file type '{Path(name).suffix or '(none)'}' "
                                f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})"])
                continue
            part = staged.new_part()
            target = staged.target_for(name)
            staged.parts.append((part, target, original))
            size = 0
            with part.open("wb") as out:
                while block := await upload.read(CHUNK):
                    size += len(block)
                    if size > settings.max_file_bytes:
                        raise HTTPException(413, f"file {name!r} is larger than the limit of {settings.max_file_bytes} bytes")
                    out.write(block)
            if size == 0:
                skipped.append([original or name, "empty file"])
                staged.parts.pop()
                part.unlink(missing_ok=True)
        result = await run_in_threadpool(_ingest_staged, assistant, staged)
        result["skipped"] = skipped + result["skipped"]
        return result
    finally:
        if staged is not None:
            staged.discard()
        await form.close()


def _ingest_staged(assistant: Assistant, staged: Staged) -> dict[str, Any]:
    targets = staged.place()
    try:
        report = assistant.ingest(targets) if targets else IngestReport()
    except BaseException:
        for target in targets:
            staged.restore(target)
        raise
    data = _report_dict(report)
    skipped_paths = {str(Path(path).resolve()) for path, _ in report.skipped}
    files = []
    for part, target, original in staged.parts:
        if str(target.resolve()) in skipped_paths:
            staged.restore(target)  # unreadable: do not keep it (the previous version stays)
            status = "skipped"
        else:
            status = "saved"
        files.append({"name": original, "saved_as": f"uploads/{target.name}", "status": status})
    data["files"] = files
    kept = {str(t.resolve()) for _, t, _ in staged.parts} - skipped_paths
    try:
        data["uploaded_documents"] = [d for d in assistant.documents() if str(_as_path(d["path"]).resolve()) in kept]
    except Exception:  # the report itself is what matters
        data["uploaded_documents"] = []
    return data


def _as_path(key: str) -> Path:
    path = Path(key)
    return path if path.is_absolute() else Path.cwd() / path


@router.delete(
    "/api/documents/{doc_id}", dependencies=[Depends(require_admin)], response_model=IngestResult,
    summary="Delete a document (admin)",
    responses=ERRORS | ADMIN_ERRORS | {404: error_response("no such document")},
)
def delete_document(doc_id: str, assistant: Assistant = Depends(get_assistant),
                    settings: Settings = Depends(get_settings)) -> Any:
    """Remove the file a document came from (all its articles) from the index.

    An uploaded file is also deleted from `<corpus>/uploads`; any other source file is
    left on disk (`file_kept`) and would come back with the next `assistant ingest` of its folder."""
    found = assistant.document(doc_id)
    if found is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    document = found[0]
    report = assistant.remove_document(doc_id)
    if report is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    data = _report_dict(report)
    source = _as_path(document.path)
    folder = settings.corpus_dir / "uploads"
    deleted = False
    if folder.exists() and inside(source, folder) and source.is_file():
        source.unlink()
        deleted = True
    data["deleted_file"] = deleted
    data["file_kept"] = not deleted
    return data
