"""Tables exported from a spreadsheet with tabs between their cells, or set out with runs of spaces
between their columns, written as the other tables of a cleaned text are (cells between "|"), so
that each row keeps its header."""

from __future__ import annotations

import re
from collections.abc import Iterator

_TAB_ROW = re.compile(r"[^\t\n]\t+[^\t\n]")


def _runs(in_table: list[bool], least: int) -> Iterator[tuple[int, int]]:
    """Each stretch of a text's lines as (start, end): a run of at least ``least`` consecutive lines
    marked ``in_table``, or one line on its own (end = start + 1, outside any such run)."""
    i = 0
    while i < len(in_table):
        j = i
        while j < len(in_table) and in_table[j]:
            j += 1
        if j - i < least:
            yield i, i + 1
            i += 1
        else:
            yield i, j
            i = j


def _row(cells: list[str], width: int) -> str:
    return " | ".join(cells + [""] * (width - len(cells))) + " |"


def tab_separated_rows(text: str, notes: list[str] | None = None) -> str:
    """A table exported with tabs between its cells ("市区合计\t立案数\t6,482") written as the other
    tables are ("市区合计 | 立案数 | 6,482 |  |"), its rows as wide as its widest, so that each row
    keeps its header and no row is taken for the wrapped part of another; a first cell left empty
    under a filled one (a merged cell) is filled with it. A line of labelled fields
    ("制表单位：…\t\t制表日期：…") is no row: its tabs become spaces."""
    lines = text.split("\n")
    out: list[str] = []
    rows = 0
    for i, j in _runs([bool(_TAB_ROW.search(line)) for line in lines], 2):
        if j - i < 2:
            out.append(lines[i])
            continue
        # Leading tabs are kept: an empty first cell is one merged with the cell above it.
        cells = [[cell.strip() for cell in line.strip(" ").split("\t")] for line in lines[i:j]]
        width = max(len(row) for row in cells)
        for above, row in zip([[""], *cells], cells, strict=False):
            if not row[0] and above[0] and any(row[1:]):
                row[0] = above[0]  # the region of "\t按期结案率\t96.4%" is the row's above
            filled = [cell for cell in row if cell]
            if all(re.search(r"[：:]", cell) for cell in filled):
                out.append("  ".join(filled))
                continue
            out.append(_row(row, width))
            rows += 1
    if rows and notes is not None:
        notes.append(f"wrote {rows} tab-separated rows as table rows")
    return "\n".join(out)


# Columns set apart by ideographic spaces, or by two or more plain ones (a single space may part
# the words of a cell, or be extraction's noise inside one).
_COLUMN_GAP = re.compile(r"\u3000+|[ \t]{2,}")
_CELL_MAX = 20  # characters: a cell names or counts; a sentence is no cell
_SENTENCE_MARK = re.compile(r"[，。；！？;!?]|,(?!\d{3})")  # not a thousands separator (1,214)
_FIELD = re.compile(r"[：:【]")  # a labelled field ("主办：…", "【发布人】…"), not a cell
_MIN_ROWS = 3  # lines of a run: two aligned lines are as often a signature beside a date


def _aligned_cells(line: str) -> list[str] | None:
    if "|" in line or "｜" in line:
        return None  # a table row already
    cells = _COLUMN_GAP.split(line.strip())
    if len(cells) < 2 or any(len(c) > _CELL_MAX or _SENTENCE_MARK.search(c) or _FIELD.search(c) for c in cells):
        return None
    return cells


def space_aligned_rows(text: str, notes: list[str] | None = None) -> str:
    """A table set out with runs of spaces between its columns ("街道　　得分　　排名", "大研街道　　93.2　　1")
    written as the other tables are ("大研街道 | 93.2 | 1 |"), its rows as wide as its widest: a run of
    at least three lines that each part into short cells, none a sentence."""
    lines = text.split("\n")
    out: list[str] = []
    rows = 0
    cells_of = [_aligned_cells(line) for line in lines]
    for i, j in _runs([cells is not None for cells in cells_of], _MIN_ROWS):
        if j - i < _MIN_ROWS:
            out.append(lines[i])
            continue
        rows_of = [cells or [] for cells in cells_of[i:j]]
        width = max(len(row) for row in rows_of)
        out.extend(_row(row, width) for row in rows_of)
        rows += j - i
    if rows and notes is not None:
        notes.append(f"wrote {rows} space-aligned rows as table rows")
    return "\n".join(out)
