"""Numbered tables set out with single spaces between columns, their wide cells wrapped onto the
next lines (``1 实施背街小巷改造，甘州区 市住建局 甘州区政府 2025年10月底`` then ``城区完成改造35条``):
each piece of a wrapped line is put back at the end of the cell it continues, the cell whose text
so far fills its column best."""

from __future__ import annotations

import itertools
import re

from assistant.ingest.cell_tables import FIRST_HEADER_CELL, HEADER_CELL, cell_kind, cell_width

_TABLE_NOTE = re.compile(r"^(?:说明|注|备注|附件|合计|总计|小计)|^\S{1,12}[：:]")


def _spaced_header(line: str) -> list[str]:
    cells = line.strip().split(" ")
    if len(cells) >= 3 and FIRST_HEADER_CELL.match(cells[0]) and all(HEADER_CELL.match(c) for c in cells[1:]):
        return cells
    return []


def _spaced_rows(lines: list[str], start: int, columns: int) -> tuple[list[list[list[str]]], int]:
    """Each row's lines split at their spaces (the number dropped from the first), and the index
    of the line after the table."""
    from assistant.ingest.split import match_heading

    rows: list[list[list[str]]] = []
    index, number = start, 1
    while index < len(lines) and lines[index].startswith(f"{number} ") and "|" not in lines[index]:
        row = [lines[index].strip().split(" ")[1:]]
        widest = max(cell_width(cell) for cell in row[0])
        index += 1
        while index < len(lines):
            line = lines[index].strip()
            if not line or line.startswith(f"{number + 1} ") or match_heading(line) or _TABLE_NOTE.match(line):
                break
            if " " not in line and "。" in line and cell_width(line) > 1.5 * widest:
                break  # a paragraph after the table, not a cell's wrapped end
            row.append(line.split(" "))
            index += 1
        if len(row[0]) != columns or any(len(pieces) > columns for pieces in row[1:]):
            return [], start
        rows.append(row)
        number += 1
    return rows, index


def _fill_cells(row: list[list[str]], widths: list[float]) -> list[str]:
    """The row's cells: each wrapped line's pieces, left to right, go to the cells whose last piece
    fills its column best (a cell cut by its column's width goes on below)."""
    cells = list(row[0])
    # How full each cell's last line is; a figure or a date is never cut, and of two cells equally
    # full the wider column's is the one that runs on.
    fullness = [
        0.0 if cell_kind(cell) else cell_width(cell) / widths[c] + 0.1 * widths[c] / max(widths)
        for c, cell in enumerate(cells)
    ]
    for pieces in row[1:]:
        chosen = max(
            itertools.combinations(range(len(cells)), len(pieces)),
            key=lambda columns: sum(fullness[c] for c in columns),
        )
        for column, piece in zip(chosen, pieces, strict=True):
            cells[column] += piece
            fullness[column] = cell_width(piece) / widths[column] + 0.1 * widths[column] / max(widths)
    return cells


def rebuild_spaced_numbered_tables(text: str, notes: list[str] | None = None) -> str:
    lines = text.split("\n")
    out: list[str] = []
    tables = 0
    index = 0
    while index < len(lines):
        header = _spaced_header(lines[index])
        rows, end = _spaced_rows(lines, index + 1, len(header) - 1) if header else ([], index)
        if len(rows) < 2:
            out.append(lines[index])
            index += 1
            continue
        widths = [max(cell_width(row[0][c]) for row in rows) or 1.0 for c in range(len(header) - 1)]
        out.append(" | ".join(header) + " |")
        out.extend(" | ".join([str(n), *_fill_cells(row, widths)]) + " |" for n, row in enumerate(rows, start=1))
        tables += 1
        index = end
    if tables and notes is not None:
        notes.append(f"rebuilt {tables} numbered tables set out with spaces")
    return "\n".join(out)
