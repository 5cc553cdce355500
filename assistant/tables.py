"""Table rows as the cleaner writes them (``a | b | c |``), and which row is a table's header.

Shared by ingest (a passage that starts inside a table is indexed with the table's header) and by
the answerer (a row shown with its header)."""

from __future__ import annotations

import re

TABLE_LOOKBACK = 3000  # characters of a document read back for the header of a table a passage starts inside
_FIGURE_CELL = re.compile(r"^[第]?[\d.,，%％\s+\-↑↓]+(?:[余多]?[万亿]?[个件处次人名分元%％吨米条座家户])?$")


def is_table_row(line: str) -> bool:
    return line.count("|") >= 2


def reads_as_header(row: str, framed: bool) -> bool:
    """No cell is a figure or blank amid the others ("联城街道 | 综合得分 |  |  | 暂不排名"), and the
    first is not empty (a wrapped row's rest, "| 管线规整、无私搭乱建 | | 一体化示范区 |", is none)."""
    cells = [c.strip() for c in (row.strip()[1:] if framed else row).split("|")]
    filled = [i for i, c in enumerate(cells) if c]
    gaps = filled and any(not c for c in cells[: filled[-1]])  # a row with a blank amid its cells is data
    return bool(cells[0]) and not gaps and not any(_FIGURE_CELL.match(c) for c in cells if c)


def header_above(above: list[str], framed: bool) -> str:
    """The header of the table whose rows run on to the end of ``above`` (the lines before a passage
    that starts inside the table): the nearest header-like row of that run of rows, or ""."""
    for line in reversed(above):
        if not is_table_row(line):
            return ""
        if reads_as_header(line, framed):
            return line
    return ""


def table_header_before(text_before: str, first_line: str) -> str:
    """The header of the table a passage starting with ``first_line`` starts inside, read from the
    document's text before the passage; "" when the passage does not start with a table row."""
    if not is_table_row(first_line):
        return ""
    above = [line.strip() for line in text_before.split("\n") if line.strip()]
    return header_above(above, first_line.lstrip().startswith("|"))


_RANK_COLUMN = re.compile(r"(?:排名|名次|排序|位次)$")  # a first cell may carry the label above the table
_RANK_NUMBER = re.compile(r"[0-9０-９]{1,3}")  # not ① (a digit to str.isdigit, not to int)


def column_heads(header: str, row: str) -> list[str] | None:
    """The header's cell above each cell of a table ``row`` (cells split by |, matched by
    position), or None when the row is no table row or the two have not as many cells."""
    if "|" not in row:
        return None
    heads = [h.strip() for h in header.split("|")]
    return heads if len(heads) == row.count("|") + 1 else None


def rank_cell(header: str, row: str) -> int | None:
    """The rank a table row gives in its header's 排名 (名次) column ("5 | 新港区 | 86.24 |" under
    "排名 | 城区 | 得分 |"), or None."""
    if (heads := column_heads(header, row)) is None:
        return None
    cells = [c.strip() for c in row.split("|")]
    for head, cell in zip(heads, cells, strict=True):
        if _RANK_COLUMN.search(head) and _RANK_NUMBER.fullmatch(cell) and 0 < int(cell) <= 200:
            return int(cell)
    return None


def table_ranks(text: str) -> list[int]:
    """The ranks the rows of ``text``'s tables give in a 排名 column (each row under the nearest
    header-like row above it)."""
    ranks: list[int] = []
    header = ""
    for line in (line.strip() for line in text.split("\n")):
        if not is_table_row(line):
            header = ""
        elif reads_as_header(line, line.startswith("|")):
            header = line
        elif header and (rank := rank_cell(header, line)) is not None:
            ranks.append(rank)
    return ranks
