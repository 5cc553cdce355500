"""Tables exported from a spreadsheet with tabs between their cells, written as the other
tables of a cleaned text are (cells between "|"), so that each row keeps its header."""

from __future__ import annotations

import re

_TAB_ROW = re.compile(r"[^\t\n]\t+[^\t\n]")


def tab_separated_rows(text: str, notes: list[str] | None = None) -> str:
    """A table exported with tabs between its cells ("市区合计\t立案数\t6,482") written as the other
    tables are ("市区合计 | 立案数 | 6,482 |  |"), its rows as wide as its widest, so that each row
    keeps its header and no row is taken for the wrapped part of another; a first cell left empty
    under a filled one (a merged cell) is filled with it. A line of labelled fields
    ("制表单位：…\t\t制表日期：…") is no row: its tabs become spaces."""
    lines = text.split("\n")
    out: list[str] = []
    rows = 0
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _TAB_ROW.search(lines[j]):
            j += 1
        if j - i < 2:
            out.append(lines[i])
            i += 1
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
            out.append(" | ".join(row + [""] * (width - len(row))) + " |")
            rows += 1
        i = j
    if rows and notes is not None:
        notes.append(f"wrote {rows} tab-separated rows as table rows")
    return "\n".join(out)
