"""Read OFD files (GB/T 33190, China's fixed-layout e-document format) into text.

An OFD file is a zip: ``OFD.xml`` names each document's ``Document.xml``, which lists its pages;
each page's ``Content.xml`` holds ``TextObject`` elements (a ``Boundary`` box and ``TextCode``
runs with their positions). The runs are put back into lines by position: a line is the runs
on one baseline, ordered left to right, with a full-width space where a gap shows a new cell.

Read with the standard zip module and defusedxml (no entity expansion): measured against the
``easyofd`` package in ``bench/README.md`` ("OFD")."""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from assistant.ingest.errors import IngestError, LoadedFile, human_size

MAX_PAGES = 5_000


@dataclass(frozen=True)
class TextRun:
    x: float
    y: float  # baseline, in millimetres from the top of the page
    size: float  # font size (mm): how far apart two runs must be to be separate cells
    end: float  # right edge of the run
    text: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [e for e in element.iter() if _local(e.tag) == name]


def _numbers(value: str | None) -> list[float]:
    try:
        return [float(v) for v in (value or "").split()]
    except ValueError:
        return []


def _delta_sum(value: str | None, count: int) -> float:
    """Total advance of a ``DeltaX`` list (``g 3 5.2`` repeats 5.2 three times)."""
    tokens = (value or "").split()
    total, seen, i = 0.0, 0, 0
    while i < len(tokens) and seen < count:
        if tokens[i] == "g" and i + 2 < len(tokens):
            repeat, step = int(float(tokens[i + 1])), float(tokens[i + 2])
            take = min(repeat, count - seen)
            total, seen, i = total + take * step, seen + take, i + 3
        else:
            total, seen, i = total + float(tokens[i]), seen + 1, i + 1
    return total


class _Package:
    def __init__(self, path: Path, data: bytes, max_bytes: int):
        self.path = path
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise IngestError(path, "damaged OFD (not a zip archive; truncated or renamed?)") from exc
        total = sum(info.file_size for info in self.archive.infolist())
        if total > 10 * max_bytes:
            raise IngestError(path, f"refused: archive expands to {human_size(total)} (zip bomb?)")
        self.names = {name.lstrip("/"): name for name in self.archive.namelist()}

    def xml(self, name: str) -> Element:
        member = self.names.get(posixpath.normpath(name.lstrip("/")))
        if member is None:
            raise IngestError(self.path, f"damaged OFD ({name} missing)")
        try:
            root: Element = fromstring(self.archive.read(member))
            return root
        except (ParseError, DefusedXmlException, zipfile.BadZipFile, OSError) as exc:
            raise IngestError(self.path, f"damaged OFD ({name}: {type(exc).__name__})") from exc


def _runs(page: Element) -> list[TextRun]:
    runs = []
    for obj in _children(page, "TextObject"):
        box = _numbers(obj.get("Boundary"))
        if len(box) != 4:
            continue
        size = (_numbers(obj.get("Size")) or [box[3]])[0] or 1.0
        for code in _children(obj, "TextCode"):
            text = "".join(code.itertext())
            if not text.strip():
                continue
            x = box[0] + (_numbers(code.get("X")) or [0.0])[0]
            y = box[1] + (_numbers(code.get("Y")) or [size])[0]
            width = _delta_sum(code.get("DeltaX"), len(text) - 1) + size if code.get("DeltaX") else size * len(text)
            runs.append(TextRun(x, y, size, x + width, text))
    return runs


def runs_to_lines(runs: list[TextRun]) -> list[str]:
    """Runs on one baseline (within half a font size) make a line, read left to right."""
    lines: list[list[TextRun]] = []
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        if lines and abs(lines[-1][0].y - run.y) <= 0.5 * max(run.size, lines[-1][0].size):
            lines[-1].append(run)
        else:
            lines.append([run])
    result = []
    for line in lines:
        parts: list[str] = []
        previous: TextRun | None = None
        for run in sorted(line, key=lambda r: r.x):
            if previous is not None and run.x - previous.end > 1.5 * run.size:
                parts.append("　")
            parts.append(run.text)
            previous = run
        result.append("".join(parts).strip())
    return [line for line in result if line]


def read_ofd(path: Path, data: bytes, max_bytes: int) -> LoadedFile:
    """The text of every page of every document in an OFD package, in page order."""
    package = _Package(path, data, max_bytes)
    root = package.xml("OFD.xml")
    doc_roots = [("".join(e.itertext())).strip() for e in _children(root, "DocRoot")]
    if not doc_roots:
        raise IngestError(path, "damaged OFD (OFD.xml names no document)")
    titles = [("".join(e.itertext())).strip() for e in _children(root, "Title")]
    lines: list[str] = []
    pages = 0
    for doc_root in doc_roots:
        document = package.xml(doc_root)
        base = posixpath.dirname(doc_root.lstrip("/"))
        for page in _children(document, "Page"):
            location = page.get("BaseLoc")
            if not location:
                continue
            pages += 1
            if pages > MAX_PAGES:
                raise IngestError(path, f"more than {MAX_PAGES} pages")
            member = location.lstrip("/") if location.startswith("/") else posixpath.join(base, location)
            lines.extend(runs_to_lines(_runs(package.xml(member))))
    if pages == 0:
        raise IngestError(path, "damaged OFD (its document lists no pages)")
    return LoadedFile(path, "\n".join(lines), title_hint=next((t for t in titles if t), ""))
