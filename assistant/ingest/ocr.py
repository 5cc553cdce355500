"""Text of scanned pages and photos: RapidOCR (the PP-OCRv4 Chinese detector inside the
``rapidocr-onnxruntime`` wheel and the PP-OCRv6 recogniser inside the ``rapidocr`` wheel, so it
runs offline), then reading order from the boxes.

Reading order: a page whose lines fall on two sides of an empty vertical gutter, each side
holding long text lines, is read column by column (a line crossing the gutter, such as a title,
is read where it stands); anything else is read line by line, top to bottom. A run of lines
that split into the same number of cells is a table: its rows become record lines with the
header repeated, as for tables in a .docx."""

from __future__ import annotations

import functools
import itertools
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.ingest.office import table_rows_as_records

# The longest side fed to the recogniser; a 600 dpi A4 page is scaled down to it.
MAX_SIDE = 3500


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return max(1.0, self.y1 - self.y0)

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


PageProgress = Callable[[int, int], None]


# The line recogniser: PP-OCRv6 small (Simplified and Traditional Chinese, English, Japanese;
# its 18,708 characters are in the model's metadata), from the ``rapidocr`` wheel, which is
# installed for this file only (its own code is not imported). The PP-OCRv4 recogniser inside
# ``rapidocr-onnxruntime`` reads Simplified only and dropped 縣, 認, 論 … of a report in
# Traditional script (CER 1.52 % against 0.04 % on the same pages; bench/README.md "OCR").
REC_MODEL = ("rapidocr", "rapidocr/models/PP-OCRv6_rec_small.onnx")


def rec_model_path() -> Path:
    """The recogniser's model file inside its installed package; a clear error if it is missing."""
    from importlib.metadata import PackageNotFoundError, distribution

    package, file = REC_MODEL
    try:
        path = Path(str(distribution(package).locate_file(file)))
    except PackageNotFoundError:
        path = Path(file)
    if not path.is_file():
        raise RuntimeError(
            f"OCR 识别模型缺失：未找到 {package} 包中的 {file}，请运行 scripts/setup.sh（安装 pyproject.toml 的 ocr 附加依赖）"
        )
    return path


@functools.cache
def _engine() -> Any:
    """The engine (RapidOCR's detector and its pipeline, with the recogniser above), loaded once
    per process (about 1.5 s): its models are read-only.

    Every box is kept (``text_score=0``): a low score is retried, not dropped (see ``recognise``)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(text_score=0.0, rec_model_path=str(rec_model_path()))


# Below this the line is read again on its own: in a batch of lines of other widths the
# recogniser sometimes reads a long line as one comma (score 0.37), and alone reads it right
# (0.999); bench/README.md "OCR".
RETRY_BELOW = 0.8
DROP_BELOW = 0.5


# Two boxes of one line that overlap by more than this share of a character's height are one
# line the detector split (a heading's 二、 cut from its text, with half of the next character in
# both: read 二、三 | 全年…): the two are read again as one crop.
SPLIT_OVERLAP = 0.25

# A box in the recognised image's pixels, its text and the recogniser's score.
Read = tuple[tuple[float, float, float, float], str, float]


# A read shorter than this many characters per box height of the box's width is a misread: in a
# page of 35-character lines one whole line came back as 众 (score 0.88), and read alone right
# (0.99; bench/README.md "OCR"). Chinese takes about one character per height, digits and
# Latin letters about two per height.
TOO_SHORT = 0.3


def _too_short(rect: tuple[float, float, float, float], text: str) -> bool:
    x0, y0, x1, y1 = rect
    return len(text.strip()) < TOO_SHORT * (x1 - x0) / max(1.0, y1 - y0)


def _read_crop(pixels: Any, rect: tuple[float, float, float, float]) -> tuple[str, float]:
    """The recogniser alone on one crop of the page (a little margin around the box)."""
    import numpy as np

    x0, y0, x1, y1 = rect
    crop = pixels[max(0, int(y0) - 2) : int(y1) + 3, max(0, int(x0) - 2) : int(x1) + 3]
    again, _ = _engine()(np.ascontiguousarray(crop), use_det=False, use_cls=False, use_rec=True)
    return (str(again[0][0]), float(again[0][1])) if again else ("", 0.0)


def _split_lines_joined(pixels: Any, reads: list[Read]) -> list[Read]:
    """Boxes of one line that overlap (see SPLIT_OVERLAP) replaced by one read of their union,
    when that read is confident; otherwise kept as they are."""
    kept: list[Read] = []
    for read in sorted(reads, key=lambda r: ((r[0][1] + r[0][3]) / 2, r[0][0])):
        if kept:
            # the two boxes, left one first (their middles may sort them either way)
            (a0, b0, a1, b1), (x0, y0, x1, y1) = sorted([kept[-1][0], read[0]])
            height = min(y1 - y0, b1 - b0)
            same_line = min(y1, b1) - max(y0, b0) >= 0.5 * height
            if same_line and a0 < x0 < a1 - SPLIT_OVERLAP * height and x1 > a1:
                union = (a0, min(y0, b0), x1, max(y1, b1))
                text, score = _read_crop(pixels, union)
                if score >= RETRY_BELOW:
                    kept[-1] = (union, text, score)
                    continue
        kept.append(read)
    return kept


def recognise(image: Any) -> list[Box]:
    """Boxes of text found in a PIL image."""
    import numpy as np

    image = image.convert("RGB")
    scale = 1.0
    if max(image.size) > MAX_SIDE:
        scale = MAX_SIDE / max(image.size)
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    pixels = np.asarray(image)[:, :, ::-1]  # RapidOCR expects OpenCV's BGR order
    result, _ = _engine()(pixels)
    reads: list[Read] = []
    for points, text, score in result or []:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        reads.append(((min(xs), min(ys), max(xs), max(ys)), str(text), float(score)))
    boxes = []
    for rect, text, score in _split_lines_joined(pixels, reads):
        if score < RETRY_BELOW or _too_short(rect, text):
            again, again_score = _read_crop(pixels, rect)
            if again_score > score or (
                _too_short(rect, text) and not _too_short(rect, again) and again_score >= RETRY_BELOW
            ):
                text, score = again, again_score
        if text.strip() and score >= DROP_BELOW:  # in the given image's pixels
            x0, y0, x1, y1 = rect
            boxes.append(Box(x0 / scale, y0 / scale, x1 / scale, y1 / scale, text.strip()))
    return boxes


def _lines(boxes: Sequence[Box]) -> list[list[Box]]:
    """Boxes grouped into lines (vertical middles within half a box height), top to bottom."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.middle, b.x0)):
        if lines:
            last = lines[-1]
            middle = statistics.fmean(b.middle for b in last)
            if abs(box.middle - middle) <= 0.5 * min(box.height, max(b.height for b in last)):
                last.append(box)
                continue
        lines.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _cells(line: list[Box]) -> list[str]:
    """A line's text split where the gap between boxes is wider than two characters."""
    cells = [line[0].text]
    for previous, box in itertools.pairwise(line):
        if box.x0 - previous.x1 > 2 * box.height:
            cells.append(box.text)
        else:
            cells[-1] += box.text
    return cells


# A line of text with the boxes it was read from.
Placed = tuple[str, list[Box]]


def _text_lines(boxes: Sequence[Box]) -> list[Placed]:
    """Lines of a single column; runs of 3+ lines with the same 2+ cells become table records."""
    lines = _lines(boxes)
    rows = [_cells(line) for line in lines]
    result: list[Placed] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and len(rows[j]) >= 2 and len(rows[j]) == len(rows[i]):
            j += 1
        if j - i >= 3:
            records = table_rows_as_records(rows[i:j])
            kept = [k for k in range(i, j) if any(c.strip() for c in rows[k])]
            if len(records) == len(kept):  # one record per row, the header first
                result.extend((record, lines[k]) for record, k in zip(records, kept, strict=True))
            else:
                result.extend((record, [b for line in lines[i:j] for b in line]) for record in records)
            i = j
        else:
            result.append(("　".join(rows[i]), lines[i]))
            i += 1
    return result


def _gutter(boxes: Sequence[Box]) -> float | None:
    """The x of an empty vertical stripe between two columns of long text lines, if there is one."""
    left, right = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
    width = right - left
    narrow = [b for b in boxes if b.x1 - b.x0 < 0.6 * width]  # lines that may sit in one column
    if len(narrow) < 4:
        return None
    char = statistics.median(b.height for b in narrow)
    covered = sorted((b.x0, b.x1) for b in narrow)
    best: tuple[float, float] | None = None
    reach = covered[0][1]
    for x0, x1 in covered[1:]:
        if x0 > reach and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, x0)
        reach = max(reach, x1)
    if best is None or best[1] - best[0] < char:
        return None
    gutter = (best[0] + best[1]) / 2
    if not left + 0.25 * width < gutter < left + 0.75 * width:
        return None
    for side in ([b for b in narrow if b.x1 <= gutter], [b for b in narrow if b.x0 >= gutter]):
        # Columns of prose: most lines fill their column and are long; table cells are short.
        if len(side) < 2 or statistics.median(len(b.text) for b in side) < 8:
            return None
    return gutter


def reading_order(boxes: Sequence[Box]) -> list[str]:
    """The page's lines in reading order (see the module docstring)."""
    return [text for text, _ in placed_lines(boxes)]


def placed_lines(boxes: Sequence[Box]) -> list[Placed]:
    """The page's lines in reading order, each with the boxes it was read from."""
    if not boxes:
        return []
    gutter = _gutter(boxes)
    if gutter is None:
        return _text_lines(boxes)
    result: list[Placed] = []
    section: list[Box] = []
    for box in sorted(boxes, key=lambda b: b.y0):
        if box.x0 < gutter < box.x1:  # spans both columns: ends the section above it
            result += _columns(section, gutter) + _text_lines([box])
            section = []
        else:
            section.append(box)
    return result + _columns(section, gutter)


def _columns(section: list[Box], gutter: float) -> list[Placed]:
    if not section:
        return []
    return _text_lines([b for b in section if b.x1 <= gutter]) + _text_lines([b for b in section if b.x0 >= gutter])
