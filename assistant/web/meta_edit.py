"""An editor corrects a document's title, years, issuing body and kind after it was ingested.

The correction goes into a new index generation (a copy of the current one with that one
document row changed, switched to like an ingest's, under the ingest lock). An ingest carries the
rows of unchanged files over, so later generations keep it. It is also saved beside the file as
``NAME.meta.json`` (the sidecar that ingest applies, :func:`assistant.ingest.meta_overrides.sidecar_overrides`),
so that a changed file or ``assistant ingest --rebuild`` keeps it too."""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from filelock import FileLock, Timeout
from starlette.concurrency import run_in_threadpool

from assistant.auth.access import Access, require
from assistant.facts.book import facts_version
from assistant.facts.generation import write_facts
from assistant.index.build import IngestBusy
from assistant.index.generation import remove_stale, switch_current
from assistant.index.meta_copy import copy_with_document_meta
from assistant.ingest.meta import BODIES
from assistant.models import DocumentMeta
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.text import to_simplified
from assistant.web import messages
from assistant.web.access_dep import require_editor
from assistant.web.kb_access import audit
from assistant.web.routes_documents import ADMIN_ERRORS
from assistant.web.schemas import ERRORS, MetaCorrection, MetaResult, error_response
from assistant.web.state import get_assistant, get_settings
from assistant.web.uploads import inside

logger = logging.getLogger("assistant.web")
router = APIRouter(tags=["documents"])

LOCK_WAIT = 30.0  # seconds a correction waits for a running ingest before answering 409
SINGLE_ARTICLE = re.compile(r"[0-9a-f]{12}")  # doc ids of files holding one article (no -N suffix)


def canonical_body(text: str) -> str:
    """The short name filters use (城管局) for a body as written (XX区城市管理局); else the text."""
    simplified = to_simplified(text)
    for pattern, canonical in BODIES:
        if re.search(pattern, simplified):
            return canonical
    return text


def corrected(meta: DocumentMeta, fields: dict[str, Any]) -> DocumentMeta:
    """``meta`` with the corrected fields; a body as written also sets the short name filters use."""
    body, body_full = meta.body, meta.body_full
    if "body" in fields:
        body_full = fields["body"]
        body = canonical_body(body_full) if body_full else ""
    return DocumentMeta(
        title=fields.get("title", meta.title),
        years=list(fields.get("years", meta.years)),
        body=body,
        body_full=body_full,
        kind=fields.get("kind", meta.kind),
        period=meta.period,
        place=meta.place,
        kb=meta.kb,
    )


def _clean(correction: MetaCorrection) -> dict[str, Any]:
    fields = correction.model_dump(exclude_unset=True)  # what was sent, nothing else
    for key in ("title", "body", "kind"):
        if key in fields:
            fields[key] = " ".join(fields[key].split())
    if "title" in fields and not fields["title"]:
        raise HTTPException(400, "标题不能为空。")
    if not fields:
        raise HTTPException(400, messages.META_EMPTY)
    if "years" in fields:
        fields["years"] = list(dict.fromkeys(fields["years"]))
    return fields


def write_sidecar(document_path: str, doc_id: str, fields: dict[str, Any], corpus_dir: Path) -> bool:
    """Merge the correction into ``NAME.meta.json`` beside the file, for a file in the corpus
    folder that holds one article. False when there is no such file or it cannot be written."""
    path = Path(document_path)
    path = path if path.is_absolute() else Path.cwd() / path
    if not SINGLE_ARTICLE.fullmatch(doc_id) or not path.is_file() or not inside(path, corpus_dir):
        return False
    sidecar = path.with_name(path.name + ".meta.json")
    data: dict[str, Any] = {}
    try:
        if sidecar.exists():
            loaded = json.loads(sidecar.read_text(encoding="utf-8"))
            data = loaded if isinstance(loaded, dict) else {}
        data.update({k: v for k, v in fields.items() if k != "body"})
        if "body" in fields:
            data["body_full"] = fields["body"]
            data["body"] = canonical_body(fields["body"]) if fields["body"] else ""
        temporary = sidecar.with_name(f".{sidecar.name}.{uuid.uuid4().hex}")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(sidecar)
    except (OSError, ValueError) as exc:
        logger.warning("metadata correction not saved beside the file: %s", type(exc).__name__)
        return False
    return True


def _record_facts_version(folder: Path) -> None:
    """The manifest says which extractor wrote the generation's facts (as ingest's does)."""
    manifest_file = folder / "manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest["facts"] = facts_version()
    temporary = folder / f".manifest.{uuid.uuid4().hex}"
    with temporary.open("w", encoding="utf-8") as out:
        out.write(json.dumps(manifest, ensure_ascii=False, indent=1))
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, manifest_file)


def correct_document(
    assistant: Assistant, settings: Settings, doc_id: str, fields: dict[str, Any], access: Access | None = None
) -> dict[str, Any] | None:
    """Apply the correction as a new index generation; None when there is no such document, or
    ``access`` cannot see it. ``AccessDenied`` when ``access`` may see but not edit it."""
    index_dir = settings.index_dir
    lock = FileLock(str(index_dir / ".lock"), timeout=LOCK_WAIT)
    try:
        lock.acquire()
    except Timeout as exc:
        raise IngestBusy("another ingest is running") from exc
    try:
        store = assistant.embedded_store()  # the current generation, read again now that no ingest runs
        document = store.document(doc_id)
        if document is None or (access is not None and not access.can(document.meta.kb, "viewer")):
            return None
        if access is not None:
            require(access, document.meta.kb, "editor")
        meta = corrected(document.meta, fields)
        name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        if not copy_with_document_meta(store, doc_id, meta, index_dir / name):
            return None
        # The facts name the document's metadata: those of the other documents are taken over.
        write_facts(index_dir / name, previous=store.folder)
        _record_facts_version(index_dir / name)
        switch_current(index_dir, name)
        remove_stale(index_dir, {name, store.folder.name})
    finally:
        lock.release()
    sidecar = write_sidecar(document.path, doc_id, fields, settings.corpus_dir)
    return {
        "doc_id": doc_id,
        "title": meta.title,
        "years": meta.years,
        "body": meta.body,
        "body_full": meta.body_full,
        "kind": meta.kind,
        "kb": meta.kb,
        "generation": name,
        "sidecar": sidecar,
    }


@router.patch(
    "/api/documents/{doc_id}",
    response_model=MetaResult,
    summary="Correct a document's title, years, body or kind (editor)",
    responses=ERRORS
    | ADMIN_ERRORS
    | {404: error_response("no such document"), 409: error_response("another ingest is running")},
)
async def patch_document(
    doc_id: str,
    correction: MetaCorrection,
    request: Request,
    assistant: Assistant = Depends(get_assistant),
    settings: Settings = Depends(get_settings),
    access: Access = Depends(require_editor),
) -> Any:
    """Set the metadata of one document (JSON: any of `title`, `years`, `body`, `kind`). The
    index keeps the correction in later generations, and `NAME.meta.json` beside the file keeps
    it when the file changes."""
    fields = _clean(correction)
    found = await run_in_threadpool(assistant.document, doc_id, access.kbs())
    if found is None:
        raise HTTPException(404, messages.NO_DOCUMENT.format(doc_id=doc_id[:80]))
    require(access, found[0].meta.kb, "editor")  # before the store is asked to change
    result = await run_in_threadpool(correct_document, assistant, settings, doc_id, fields, access)
    if result is None:
        raise HTTPException(404, messages.NO_DOCUMENT.format(doc_id=doc_id[:80]))
    audit(request, "meta_edit", doc_id, {"kb": result["kb"], "fields": sorted(fields), "title": result["title"]})
    return result
