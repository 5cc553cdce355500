"""Tables whose cells were cut by extraction.

A numbered table extracted one cell per line with its cells wrapped (PDF text of a 任务分解表):

    序号 / 重点任务 / 主要内容及目标 / … / 完成时限 / 1 / 背街小巷改造 / 提升 / 全市改造提升背街小巷150条，其中盐湖 /
    区不少于60条 / 市城管局 / … / 2025年9月30日 / 2 / …

put back as record lines, one per row (``1 | 背街小巷改造提升 | 全市改造…盐湖区不少于60条 | 市城管局 | … |``).
The row numbers 1, 2, 3 … on lines of their own mark where rows start; where a row has more lines
than the header has cells, the lines cut at a cell's width are joined to the line below them.

A row wrapped into a continuation row (``1 | 改造提升背街小巷150条，实现路面平整、 | 市城管局 | …`` then
``| 管线规整、无私搭乱建 | | …``) is put back as one row. (Numbered tables set out with spaces:
:mod:`assistant.ingest.spaced_tables`.)"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIRST_HEADER_CELL = re.compile(r"^(?:序号|编号|序|排名|名次)$")
HEADER_CELL = re.compile(r"^[^\d\s。，,；;：:！？!?|]{1,12}$")
_DATE_CELL = re.compile(r"^(?:\d{4}\s*[年.\-/]|\d{1,2}\s*月|长期|每[月季年]|[一二三四]季度)")
_NUMBER_CELL = re.compile(r"^[\d.,%％]+\s*\S{0,2}$")
_ROW_LINE_MAX = 60


@dataclass
class _Table:
    header: list[str]
    rows: list[list[str]]
    end: int  # index of the first line after the table


def _header_width(lines: list[str], start: int) -> int:
    """Number of header cells when a numbered table's header starts at ``start``, else 0."""
    if not FIRST_HEADER_CELL.match(lines[start].strip()):
        return 0
    end = start + 1
    while end < len(lines) and HEADER_CELL.match(lines[end].strip()) and end - start < 10:
        end += 1
    if end - start >= 3 and end < len(lines) and lines[end].strip() == "1":
        return end - start
    return 0


def _row_end(lines: list[str], number_at: int, number: int, width: int, last_kind: str) -> int:
    """Index of the line after row ``number`` (its number line at ``number_at``)."""
    from assistant.ingest.split import match_heading

    limit = min(len(lines), number_at + 1 + 3 * (width - 1))
    for index in range(number_at + 1, limit):
        line = lines[index].strip()
        if not line or len(line) > _ROW_LINE_MAX or match_heading(line):
            limit = index  # the table ends: this is its last row
            break
        if line == str(number + 1) and index - number_at - 1 >= width - 2:
            return index
    # The last row: up to the first line of its last column's kind, or as many lines as cells.
    for index in range(number_at + 1, limit):
        if last_kind and cell_kind(lines[index].strip()) == last_kind and index - number_at >= width - 1:
            return index + 1
    return min(limit, number_at + width)


def cell_kind(cell: str) -> str:
    if _DATE_CELL.match(cell):
        return "date"
    if _NUMBER_CELL.match(cell):
        return "number"
    return ""


def cell_width(line: str) -> float:
    """Printed width: a digit or a Latin letter is half an ideograph."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in line)


def _split(lines: list[str], widths: list[float]) -> list[list[str]]:
    """The row's lines grouped into ``len(widths)`` cells of contiguous lines: every line but a cell's
    last was cut at the column's width, so the best split leaves those lines full (dynamic programming
    over the lines, the cost of a cut line its shortfall from the column's width, of any line its
    excess over it)."""
    count, columns = len(lines), len(widths)
    if count <= columns:
        return [[line] for line in lines] + [[] for _ in range(columns - count)]
    inf = float("inf")
    best = [[inf] * (count + 1) for _ in range(columns + 1)]
    back = [[0] * (count + 1) for _ in range(columns + 1)]
    best[0][0] = 0.0
    for column in range(1, columns + 1):
        width = widths[column - 1]
        for end in range(column, count + 1):
            for start in range(column - 1, end):
                if best[column - 1][start] == inf:
                    continue
                cut = sum(max(0.0, width - cell_width(line)) / width for line in lines[start : end - 1])
                over = sum(max(0.0, cell_width(line) - width) / width for line in lines[start:end])
                cost = best[column - 1][start] + cut + over
                if cost < best[column][end]:
                    best[column][end], back[column][end] = cost, start
    groups: list[list[str]] = []
    end = count
    for column in range(columns, 0, -1):
        start = back[column][end]
        groups.insert(0, lines[start:end])
        end = start
    return groups


def _segment(lines: list[str], widths: list[float]) -> list[str]:
    """The row's cells (see ``_split``)."""
    return ["".join(group) for group in _split(lines, widths)]


def _column_widths(bodies: list[list[str]], columns: int) -> list[float]:
    """Each column's width: the widest line found in it, first from the rows with a line per cell,
    then again from every row split with those widths."""
    exact = [body for body in bodies if len(body) == columns] or [min(bodies, key=len)]
    widths = [max((cell_width(body[c]) for body in exact if c < len(body)), default=1.0) or 1.0 for c in range(columns)]
    for _ in range(2):
        pieces: list[list[float]] = [[] for _ in range(columns)]
        for body in bodies:
            for column, group in enumerate(_split(body, widths)):
                pieces[column].extend(cell_width(line) for line in group)
        widths = [max(found, default=widths[c]) or 1.0 for c, found in enumerate(pieces)]
    return widths


def _read_table(lines: list[str], start: int, width: int) -> _Table | None:
    header = [line.strip() for line in lines[start : start + width]]
    bodies: list[list[str]] = []
    index, number = start + width, 1
    last_kinds: list[str] = []
    while index < len(lines) and lines[index].strip() == str(number):
        last_kind = last_kinds[0] if last_kinds and len(set(last_kinds)) == 1 else ""
        end = _row_end(lines, index, number, width, last_kind)
        body = [line.strip() for line in lines[index + 1 : end] if line.strip()]
        if body[: len(header) - 1] == header[1:]:  # the header repeated on a new page
            body = body[len(header) - 1 :]
        if not body:
            break
        last_kinds.append(cell_kind(body[-1]))
        bodies.append(body)
        index, number = end, number + 1
    if len(bodies) < 2:
        return None
    # A last column of dates or figures (most rows') ends a row on a line of its own.
    common = max(set(last_kinds), key=last_kinds.count)
    last_kind = common if common and last_kinds.count(common) >= 2 * len(last_kinds) / 3 else ""
    fixed = [bool(last_kind) and kind == last_kind for kind in last_kinds]
    columns = width - 1
    widths = _column_widths([body[:-1] if f else body for body, f in zip(bodies, fixed, strict=True)], columns - 1)
    rows = []
    for number, (body, last_fixed) in enumerate(zip(bodies, fixed, strict=True), start=1):
        if last_fixed:
            rows.append([str(number), *_segment(body[:-1], widths), body[-1]])
        else:
            rows.append([str(number), *_segment(body, [*widths, max(widths)])])
    return _Table(header, rows, index)


def rebuild_numbered_cell_tables(text: str, notes: list[str] | None = None) -> str:
    lines = text.split("\n")
    out: list[str] = []
    tables = 0
    index = 0
    while index < len(lines):
        width = _header_width(lines, index)
        table = _read_table(lines, index, width) if width else None
        if table is None:
            out.append(lines[index])
            index += 1
            continue
        out.append(" | ".join(table.header) + " |")
        out.extend(" | ".join(row) + " |" for row in table.rows)
        tables += 1
        index = table.end
    if tables and notes is not None:
        notes.append(f"rebuilt {tables} numbered tables extracted one cell per line")
    return "\n".join(out)


def _continues(previous: str, line: str) -> bool:
    """``line`` carries the cut-off ends of ``previous``'s cells: it opens with an empty cell, lines up
    with it cell for cell, and fills at least two cells fewer (a group's next row, ``| | 南湖区 | 93 |``,
    fills all but its first)."""
    if (
        not line.startswith("|")
        or previous.count("|") < 2
        or (previous.startswith("|") and previous.split("|")[1].strip() == "")
    ):
        return False
    above, below = previous.split("|"), line.split("|")
    if len(above) != len(below):
        return False
    first = next((i for i, cell in enumerate(above) if cell.strip()), 0)
    filled_above = sum(1 for cell in above if cell.strip())
    filled_below = sum(1 for cell in below if cell.strip())
    if below[first].strip() or not 0 < filled_below <= filled_above - 2:
        return False
    # A figure is a whole cell: text below a figure is the row's next cells, not its end.
    return not any(b.strip() and _NUMBER_CELL.match(a.strip()) for a, b in zip(above, below, strict=True))


def merge_continuation_rows(text: str, notes: list[str] | None = None) -> str:
    out: list[str] = []
    merged = 0
    for line in text.split("\n"):
        if out and _continues(out[-1].strip(), line.strip()):
            above, below = out[-1].strip().split("|"), line.strip().split("|")
            cells = [
                a.rstrip() + b.strip() + a[len(a.rstrip()) :] if b.strip() else a
                for a, b in zip(above, below, strict=True)
            ]
            out[-1] = "|".join(cells)
            merged += 1
            continue
        out.append(line)
    if merged and notes is not None:
        notes.append(f"merged {merged} table rows wrapped into a continuation row")
    return "\n".join(out)
