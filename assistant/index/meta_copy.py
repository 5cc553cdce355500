"""A new index generation that differs from the current one only in one document's metadata (a
correction made in the web page): passages, vectors and the keyword index are copied unchanged."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from assistant.index.generation import make_durable
from assistant.models import DocumentMeta
from assistant.store.embedded import EmbeddedStore


def copy_with_document_meta(store: EmbeddedStore, doc_id: str, meta: DocumentMeta, target: Path) -> bool:
    """Write a complete new generation in ``target`` (a folder that does not exist yet): ``store``'s
    with the metadata of document ``doc_id`` (title, years, body, kind, period, place) replaced by
    ``meta``. The saved facts are not copied (they name the old metadata: the caller writes them
    with ``facts.generation.write_facts``). False, and nothing left behind, when there is no such
    document. The caller holds the ingest lock and switches ``CURRENT`` to ``target``.

    An ingest carries document rows of unchanged files over, so the correction stays in every
    later generation until the file itself changes."""
    target.mkdir(parents=True)
    try:
        copy = sqlite3.connect(target / "passages.sqlite")
        try:
            store.backup_into(copy)
            with copy:
                updated = copy.execute(
                    "UPDATE documents SET title = ?, years = ?, body = ?, body_full = ?, kind = ?, period = ?, place = ? "
                    "WHERE doc_id = ?",
                    (
                        meta.title,
                        json.dumps(meta.years),
                        meta.body,
                        meta.body_full,
                        meta.kind,
                        meta.period,
                        meta.place,
                        doc_id,
                    ),
                ).rowcount
        finally:
            copy.close()
        if not updated:
            shutil.rmtree(target, ignore_errors=True)
            return False
        for name in ("dense.faiss", "bm25"):
            source = store.folder / name
            if source.is_dir():
                shutil.copytree(source, target / name)
            elif source.exists():
                shutil.copy2(source, target / name)
        created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        manifest = store.manifest | {"generation": target.name, "previous": store.folder.name, "created": created}
        (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        make_durable(target)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return True
