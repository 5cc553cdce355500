"""From files on disk to Documents and Chunks (load → clean → split → metadata)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.ingest.clean import clean_text, split_articles
from assistant.ingest.load import IGNORED_NAMES, SUPPORTED_SUFFIXES, IngestError, ReadOptions, load_file
from assistant.ingest.meta import derive_meta
from assistant.ingest.meta_overrides import apply_overrides, load_overrides, sidecar_overrides
from assistant.ingest.scan_pages import passage_rects
from assistant.ingest.scans import ocr_page_of
from assistant.ingest.split import split_passages
from assistant.models import Chunk, Document
from assistant.settings import Settings
from assistant.tables import TABLE_LOOKBACK, table_header_before
from assistant.text import normalize


@dataclass
class SourceFile:
    path: Path
    root: Path  # the folder it was found under (or its own folder)
    key: str  # stable identity: path relative to the working directory when inside it

    @property
    def relative(self) -> str:
        return self.path.relative_to(self.root).as_posix() if self.path.is_relative_to(self.root) else self.path.name


@dataclass
class Discovery:
    files: list[SourceFile] = field(default_factory=list)
    skipped: list[IngestError] = field(default_factory=list)
    roots: list[Path] = field(default_factory=list)  # folders walked: files gone from them are dropped


def source_key(path: Path) -> str:
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def discover(paths: Iterable[Path]) -> Discovery:
    """Files to ingest under the given files and folders (hidden files and sidecars skipped)."""
    found = Discovery()
    for given in paths:
        if given.is_dir():
            found.roots.append(given)
            for dirpath, dirnames, filenames in os.walk(given):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    path = Path(dirpath) / name
                    if name.startswith(".") or name in IGNORED_NAMES or name.endswith(".meta.json"):
                        continue
                    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                        found.skipped.append(IngestError(path, f"unsupported file type '{path.suffix or '(none)'}'"))
                        continue
                    found.files.append(SourceFile(path, given, source_key(path)))
        elif given.is_file():
            found.files.append(SourceFile(given, given.parent, source_key(given)))
        else:
            found.skipped.append(IngestError(given, "no such file or folder"))
    return found


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def index_text(chunk: Chunk, title: str, table_header: str = "") -> str:
    """What retrieval sees of a passage: its document title and heading path give the context
    (year, body, section) that the passage's own sentences often leave out, and the header of a
    table it starts inside the columns its rows fill (结案率, 按期结案率)."""
    parts = [title, chunk.heading, table_header, chunk.text]
    if chunk.deadline and chunk.deadline not in chunk.text:
        parts.append(f"完成时间：{chunk.deadline}")
    return "\n".join(p for p in parts if p)


def prepare(
    source: SourceFile, settings: Settings, content_hash: str, on_page: Callable[[int, int], None] | None = None
) -> list[tuple[Document, list[Chunk]]]:
    """Documents (one per article in the file) with their passages. Raises IngestError.

    ``on_page(done, total)`` follows the pages of a file read by OCR."""
    options = ReadOptions(settings.ocr_page_limit, settings.ocr_max_pixels, on_page)
    loaded = load_file(source.path, settings.max_file_bytes, options)
    cleaned = clean_text(loaded.text)
    if not cleaned.text.strip():
        raise IngestError(source.path, "nothing left after removing boilerplate")
    overrides = load_overrides(source.root).get(source.relative, {}) | sidecar_overrides(source.path)
    articles = split_articles(cleaned.text)
    base_id = hashlib.sha1(source.key.encode()).hexdigest()[:12]
    results = []
    for number, article in enumerate(articles, start=1):
        doc_id = base_id if len(articles) == 1 else f"{base_id}-{number}"
        hint = loaded.title_hint or cleaned.title_hint if number == 1 else ""
        host = cleaned.host if number == len(articles) else ""  # a page's footer follows its last article
        meta = derive_meta(article, hint, host)
        if overrides:
            by_article = overrides.get("articles", {}) if len(articles) > 1 else {}
            # keys are ints in meta.yaml and strings in a JSON sidecar
            per_article = by_article.get(number) or by_article.get(str(number)) or {}
            apply_overrides(meta, {k: v for k, v in overrides.items() if k != "articles"} | per_article)
        document = Document(
            doc_id, source.path.name, source.key, article, meta, content_hash, loaded.notes + cleaned.notes
        )
        if number == 1:  # the file's page images, kept once
            document.page_images = {page: scan.image for page, scan in loaded.ocr_scans.items()}
        chunks = []
        for ordinal, piece in enumerate(split_passages(article, settings.chunk_max_chars, settings.chunk_min_chars)):
            raw = article[piece.start : piece.end]
            start = piece.start + len(raw) - len(raw.lstrip())
            text = raw.strip()
            page = ocr_page_of(text, loaded.ocr_pages)
            chunk = Chunk(
                chunk_id=f"{doc_id}:{ordinal:04d}",
                doc_id=doc_id,
                ordinal=ordinal,
                heading=piece.heading,
                text=text,
                start=start,
                end=start + len(text),
                deadline=piece.deadline,
                ocr_page=page,
                ocr_boxes=passage_rects(text, loaded.ocr_scans.get(page)),
            )
            header = table_header_before(article[max(0, start - TABLE_LOOKBACK) : start], text.split("\n", 1)[0])
            chunk.search_text = normalize(index_text(chunk, meta.title, header))
            chunks.append(chunk)
        results.append((document, chunks))
    return results
