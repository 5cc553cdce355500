"""Saving uploaded files safely under ``<corpus_dir>/uploads`` before they are ingested."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from assistant.auth.access import DEFAULT_KB
from assistant.ingest.load import IGNORED_NAMES, SUPPORTED_SUFFIXES

UPLOADS = "uploads"
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^\w.\-()（）【】《》]+")


def safe_filename(name: str | None) -> str:
    """A plain file name: no folders, no hidden or reserved names, odd characters replaced.

    ``../../evil.txt`` → ``evil.txt``; ``C:\\x\\报告 (1).txt`` → ``报告_(1).txt``."""
    name = unicodedata.normalize("NFKC", name or "")
    name = name.replace("\x00", "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip("._- ")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    suffix = suffix.lower()[:10]
    stem = stem.strip("._- ")[: MAX_NAME_CHARS - len(suffix) - 1] or "upload"
    name = f"{stem}.{suffix}" if suffix else stem
    if name in IGNORED_NAMES or name.lower().endswith(".meta.json"):
        name = f"upload-{name}"
    return name


def uploads_dir(corpus_dir: Path, kb: str = DEFAULT_KB) -> Path:
    """Where uploads of knowledge base ``kb`` are kept: ``uploads/`` for the default one, a folder
    of its own under it for any other (named after it, with a hash of the name so that two names
    that sanitise alike never share a folder, where one's editors could replace the other's files)."""
    folder = corpus_dir / UPLOADS
    if kb != DEFAULT_KB:
        folder = folder / f"{safe_filename(kb)}-{hashlib.sha1(kb.encode()).hexdigest()[:8]}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def is_supported(name: str) -> bool:
    return Path(name).suffix.lower() in SUPPORTED_SUFFIXES


def inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


@dataclass
class Staged:
    """Uploaded files written to hidden temporary names, moved into place together."""

    folder: Path
    parts: list[tuple[Path, Path, str]] = field(default_factory=list)  # (part file, target, original name)
    backups: dict[Path, Path] = field(default_factory=dict)  # target → previous version
    placed: list[Path] = field(default_factory=list)

    def new_part(self) -> Path:
        return self.folder / f".part-{uuid.uuid4().hex}"

    def target_for(self, name: str) -> Path:
        """``name`` in the folder, numbered if this request already uses it."""
        taken = {t.name for _, t, _ in self.parts}
        stem, suffix = os.path.splitext(name)
        candidate, number = name, 1
        while candidate in taken:
            number += 1
            candidate = f"{stem}-{number}{suffix}"
        target = self.folder / candidate
        if not inside(target, self.folder):  # cannot happen after safe_filename; never write outside
            raise ValueError("unsafe file name")
        return target

    def place(self) -> list[Path]:
        """Move every part to its target (keeping any previous file as a backup)."""
        for part, target, _ in self.parts:
            if target.exists():
                backup = self.folder / f".backup-{uuid.uuid4().hex}"
                os.replace(target, backup)
                self.backups[target] = backup
            os.replace(part, target)
            self.placed.append(target)
        return list(self.placed)

    def restore(self, target: Path) -> None:
        """Undo one placed file: its previous version back, or nothing."""
        backup = self.backups.pop(target, None)
        if backup is not None:
            os.replace(backup, target)
        else:
            target.unlink(missing_ok=True)

    def discard(self) -> None:
        """Remove temporary parts and forget backups (call last)."""
        for part, _, _ in self.parts:
            part.unlink(missing_ok=True)
        for backup in self.backups.values():
            backup.unlink(missing_ok=True)
        self.backups.clear()
