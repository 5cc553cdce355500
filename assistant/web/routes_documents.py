"""Documents: list, one document with its passages (of the reader's knowledge bases), upload and
delete (an editor of the document's knowledge base; in open mode the admin token)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from assistant.auth.access import Access, require
from assistant.index.build import IngestReport
from assistant.ingest.load import SUPPORTED_SUFFIXES
from assistant.models import meta_to_dict
from assistant.scope import KB_NAME_MAX, KB_NAME_PATTERN
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web import messages
from assistant.web.access_dep import require_editor
from assistant.web.kb_access import audit, readable_kbs, upload_kb
from assistant.web.schemas import ERRORS, DocumentDetail, DocumentInfo, IngestResult, error_response
from assistant.web.state import get_assistant, get_settings
from assistant.web.upload_progress import Progress, progress_response, wants_progress
from assistant.web.uploads import Staged, inside, is_supported, safe_filename, uploads_dir

logger = logging.getLogger("assistant.web")
router = APIRouter(tags=["documents"])

ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: error_response("not signed in (open mode: missing or wrong admin token)"),
    403: error_response("not an editor of the document's knowledge base (open mode: no admin token configured)"),
}
CHUNK = 1 << 20


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


def _report_dict(report: IngestReport, corpus_dir: Path, names: dict[str, str] | None = None) -> dict[str, Any]:
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


@router.post(
    "/api/documents",
    response_model=IngestResult,
    summary="Upload documents (editor)",
    responses=ERRORS | ADMIN_ERRORS | {409: error_response("another ingest is running")},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["files"],
                        "properties": {
                            "files": {"type": "array", "minItems": 1, "items": {"type": "string", "format": "binary"}},
                            "kb": {
                                "type": "string",
                                "maxLength": KB_NAME_MAX,
                                "pattern": KB_NAME_PATTERN,
                                "description": "knowledge base (default: the one you edit)",
                            },
                        },
                    }
                }
            },
        }
    },
)
async def upload_documents(
    request: Request,
    assistant: Assistant = Depends(get_assistant),
    settings: Settings = Depends(get_settings),
    access: Access = Depends(require_editor),
) -> Any:
    """Add or update files (field `files`, one or more of the formats `assistant ingest` reads)
    and index them into the knowledge base `kb` (field; default: the one the user edits, else
    默认), which the user must be an editor of (403 otherwise). With `?progress=1` the answer is
    newline-delimited JSON: `{"event":"stage","stage":"read|ocr|embed|write","done","total"}`
    lines while it works, then `{"event":"result","data":…}` (this JSON) or
    `{"event":"error","status","detail"}`.

    Files are saved under `<corpus>/uploads/` (a knowledge base other than the default one has
    its own folder there) with a sanitised name; a file that cannot be read is reported under
    `skipped` with the reason and not kept."""
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise HTTPException(400, messages.EXPECTED_MULTIPART)
    form = await request.form(max_files=settings.max_upload_files + 1, max_fields=100)
    staged = None
    streamed = False  # the progress stream cleans up after itself
    try:
        requested = form.get("kb")
        kb = upload_kb(access, requested if isinstance(requested, str) else None)
        files = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
        if not files:
            raise HTTPException(400, messages.NO_FILE)
        if len(files) > settings.max_upload_files:
            raise HTTPException(400, messages.TOO_MANY_FILES.format(count=len(files), limit=settings.max_upload_files))
        staged = Staged(uploads_dir(settings.corpus_dir, kb))
        skipped: list[list[str]] = []
        for upload in files:
            original = upload.filename or ""
            name = safe_filename(original)
            if not is_supported(name):
                skipped.append(
                    [
                        original or name,
                        messages.UNSUPPORTED.format(
                            suffix=Path(name).suffix or "无扩展名", supported="、".join(sorted(SUPPORTED_SUFFIXES))
                        ),
                    ]
                )
                continue
            part = staged.new_part()
            target = staged.target_for(name)
            staged.parts.append((part, target, original))
            size = 0
            with part.open("wb") as out:
                while block := await upload.read(CHUNK):
                    size += len(block)
                    if size > settings.max_file_bytes:
                        raise HTTPException(
                            413,
                            messages.FILE_TOO_LARGE.format(
                                name=original or name, limit=messages.human_limit(settings.max_file_bytes)
                            ),
                        )
                    out.write(block)
            if size == 0:
                skipped.append([original or name, messages.EMPTY_FILE])
                staged.parts.pop()
                part.unlink(missing_ok=True)
        ready = staged

        def finish(result: dict[str, Any]) -> None:
            result["skipped"] = skipped + result["skipped"]
            saved = [f["saved_as"] for f in result["files"] if f["status"] == "saved"]
            audit(request, "upload", "、".join(saved)[:500], {"kb": kb, "files": saved})

        if wants_progress(dict(request.query_params)):

            async def cleanup() -> None:
                ready.discard()
                await form.close()

            streamed = True
            return progress_response(
                lambda progress: _ingest_staged(assistant, ready, settings.corpus_dir, kb, progress), finish, cleanup
            )
        result = await run_in_threadpool(_ingest_staged, assistant, staged, settings.corpus_dir, kb)
        finish(result)
        return result
    finally:
        if not streamed:
            if staged is not None:
                staged.discard()
            await form.close()


def _ingest_staged(
    assistant: Assistant, staged: Staged, corpus_dir: Path, kb: str, progress: Progress | None = None
) -> dict[str, Any]:
    targets = staged.place()
    try:
        report = assistant.ingest(targets, kb=kb, progress=progress) if targets else IngestReport()
    except BaseException:
        for target in targets:
            staged.restore(target)
        raise
    names = {str(target.resolve()): original or target.name for _, target, original in staged.parts}
    data = _report_dict(report, corpus_dir, names)
    skipped_paths = {str(Path(path).resolve()) for path, _ in report.skipped}
    files = []
    for _part, target, original in staged.parts:
        if str(target.resolve()) in skipped_paths:
            staged.restore(target)  # unreadable: do not keep it (the previous version stays)
            status = "skipped"
        else:
            status = "saved"
        files.append({"name": original, "saved_as": public_path(str(target), corpus_dir), "status": status})
    data["files"] = files
    kept = {str(t.resolve()) for _, t, _ in staged.parts} - skipped_paths
    try:
        data["uploaded_documents"] = [
            {**d, "path": public_path(d["path"], corpus_dir)}
            for d in assistant.documents([kb])
            if str(_as_path(d["path"]).resolve()) in kept
        ]
    except Exception:  # the report itself is what matters
        data["uploaded_documents"] = []
    return data


def _as_path(key: str) -> Path:
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
    data = _report_dict(report, settings.corpus_dir)
    source = _as_path(document.path)
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
