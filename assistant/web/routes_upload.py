"""Upload: files saved under ``<corpus>/uploads/`` and indexed into a knowledge base the user edits,
with per-file progress on request; a file that cannot be read is reported and not kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from assistant.auth.access import Access
from assistant.index.build import IngestReport
from assistant.ingest.load import SUPPORTED_SUFFIXES
from assistant.scope import KB_NAME_MAX, KB_NAME_PATTERN
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web import messages
from assistant.web.access_dep import require_editor
from assistant.web.kb_access import audit, upload_kb
from assistant.web.routes_documents import ADMIN_ERRORS, as_path, public_path, report_dict
from assistant.web.schemas import ERRORS, IngestResult, error_response
from assistant.web.state import get_assistant, get_settings
from assistant.web.upload_progress import Progress, progress_response, wants_progress
from assistant.web.uploads import Staged, is_supported, safe_filename, uploads_dir

router = APIRouter(tags=["documents"])
CHUNK = 1 << 20


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
    data = report_dict(report, corpus_dir, names)
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
            if str(as_path(d["path"]).resolve()) in kept
        ]
    except Exception:  # the report itself is what matters
        data["uploaded_documents"] = []
    return data
