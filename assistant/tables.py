"""Table rows as the cleaner writes them (``a | b | c |``), and which row is a table's header.

Shared by ingest (a passage that starts inside a table is indexed with the table's header) and by
the answerer (a row shown with its header)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.text import compact, nonblank_lines

TABLE_LOOKBACK = 3000  # characters of a document read back for the header of a table a passage starts inside
_FIGURE_CELL = re.compile(r"^[第]?[\d.,，%％\s+\-↑↓]+(?:[余多]?[万亿]?[个件处次人名分元%％吨米条座家户])?$")


def is_table_row(line: str) -> bool:
    return line.count("|") >= 2


def reads_as_header(row: str, framed: bool) -> bool:
    """No cell is a figure or blank amid the others ("联城街道 | 综合得分 |  |  | 暂不排名") or states
    something ("联合消防部门开展专项清理，8月31日前完成", "刊播率100%": a wrapped row's rest), the row
    does not end in blank cells (a place's indicator without a value, "湖滨新区 | 问卷调查 |  |  |";
    one is the closing bar's), and the first is not empty (a wrapped row's rest,
    "| 管线规整、无私搭乱建 | | 一体化示范区 |", is none)."""
    cells = [c.strip() for c in (row.strip()[1:] if framed else row).split("|")]
    filled = [i for i, c in enumerate(cells) if c]
    # a row with a blank amid its cells, or more than the closing bar's at its end, is data
    gaps = filled and (any(not c for c in cells[: filled[-1]]) or len(cells) - filled[-1] > 2)
    return (
        bool(cells[0])
        and not gaps
        and not any(_FIGURE_CELL.match(c) or _STATEMENT_CELL.search(_BRACKETED.sub("", c)) for c in cells if c)
    )


# A cell that states rather than names: a clause, or a figure with its unit. A column's maximum in
# brackets names it (市容环境（40分）).
_STATEMENT_CELL = re.compile(r"[，。；;]|\d\s*(?:[%％分天个件处次人元条座家户]|小时)")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")


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
    above = nonblank_lines(text_before)
    return header_above(above, first_line.lstrip().startswith("|"))


_RANK_COLUMN = re.compile(r"(?:排名|名次|排序|位次)$")  # a first cell may carry the label above the table
_RANK_NUMBER = re.compile(r"[0-9０-９]{1,3}")  # not ① (a digit to str.isdigit, not to int)


def is_rank_column(head: str) -> bool:
    """The column head names a rank (排名, 名次): its figures are places in order, not values."""
    return _RANK_COLUMN.search(head.strip()) is not None


def column_heads(header: str, row: str) -> list[str] | None:
    """The header's cell above each cell of a table ``row`` (cells split by |, matched by
    position), or None when the row is no table row or the two have not as many cells."""
    if "|" not in row:
        return None
    heads = [h.strip() for h in header.split("|")]
    return heads if len(heads) == row.count("|") + 1 else None


def rank_cell(header: str, row: str, question: str = "") -> int | None:
    """The rank a table row gives in its header's 排名 (名次) column ("5 | 新港区 | 86.24 |" under
    "排名 | 城区 | 得分 |"), or None. Of several rank columns (一季度排名, 二季度排名) the one whose
    period or measure ``question`` names, else the first."""
    if (heads := column_heads(header, row)) is None:
        return None
    cells = [c.strip() for c in row.split("|")]
    ranks = [
        (head, int(cell))
        for head, cell in zip(heads, cells, strict=True)
        if is_rank_column(head) and _RANK_NUMBER.fullmatch(cell) and 0 < int(cell) <= 200
    ]
    named = [rank for head, rank in ranks if (label := _RANK_COLUMN.sub("", head)) and _names_label(question, label)]
    chosen = named or [rank for _, rank in ranks]
    return chosen[0] if chosen else None


def _names_label(question: str, label: str) -> bool:
    """The question names a column's label as a whole (1月 is not named by 11月)."""
    return re.search(rf"(?<![\d一二三四五六七八九十]){re.escape(label)}", question) is not None


def table_last_ranks(text: str) -> dict[str, int]:
    """Each ranking table's header row (compacted) → its last place: the highest rank its rows give in
    the 排名 column (each row under the nearest header-like row above it; tables under the same header
    row share one)."""
    last: dict[str, int] = {}
    header = ""
    for line in (line.strip() for line in text.split("\n")):
        if not is_table_row(line):
            header = ""
        elif reads_as_header(line, line.startswith("|")):
            header = line
        elif header and (rank := rank_cell(header, line)) is not None:
            key = compact(header)
            last[key] = max(last.get(key, 0), rank)
    return last


# A question after the highest or lowest of a measure ("哪个分项满意度最低", "立案最多的街道"); not a
# cap on what may be done ("最高能加几分", "最多不超过").
_EXTREME_ASKED = re.compile(r"最(高|低|多|少|好|差|大|小)(?![能可不])")
_VALUE_CELL = re.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?")


def asked_extreme(question: str) -> int:
    """1 when the question asks for the highest (most) of something, -1 for the lowest, else 0."""
    found = _EXTREME_ASKED.search(question)
    if not found:
        return 0
    return 1 if found.group(1) in "高多好大" else -1


def _cell_value(cell: str) -> float | None:
    found = _VALUE_CELL.search(cell)
    return float(found.group(0).replace(",", "")) if found else None


def extreme_rows(
    rows: list[tuple[str, str, str]], words: tuple[str, ...], direction: int, question: str = ""
) -> set[int]:
    """Indices of the table rows ((document, header, row) triples) that hold the highest
    (``direction`` 1) or lowest (-1) value of their table in the column the question's ``words``
    name (the first such column; the only figure column when none is named), among at least three
    rows of one table of one document. A rank column holds no value: its lowest number is the top.
    A long table, one row per place and indicator ("站前区 | 按期结案率 | 93.1% | 2"), compares the
    rows of the indicator the (compacted) ``question`` names, the longest it names."""
    tables: dict[tuple[str, str], list[int]] = {}
    for i, (document, header, row) in enumerate(rows):
        if header and column_heads(header, row) is not None:
            tables.setdefault((document, header), []).append(i)
    found: set[int] = set()
    for (_, header), members in tables.items():
        members = _of_the_indicator_asked([rows[i][2] for i in members], members, question)
        if len(members) < 3:
            continue
        heads = [h.strip() for h in header.split("|")]
        values = [[_cell_value(c) for c in rows[i][2].split("|")] for i in members]
        figures = [
            j for j in range(1, len(heads)) if not is_rank_column(heads[j]) and all(v[j] is not None for v in values)
        ]
        column = _column_asked(heads, figures, words, question)
        if column is None:
            continue
        column_values = [x for v in values if (x := v[column]) is not None]
        best = max(column_values) if direction > 0 else min(column_values)
        found |= {i for i, v in zip(members, column_values, strict=True) if v == best}
    return found


def _column_asked(heads: list[str], figures: list[int], words: tuple[str, ...], question: str) -> int | None:
    """The figure column the question asks: the longest whose whole name it says (按期结案率, not
    结案率 beside it), else the first a question word names, else the only one."""
    said_whole = {j: name for j in figures if (name := _column_name(heads[j])) and name in question}
    if said_whole:
        return max(said_whole, key=lambda j: len(said_whole[j]))
    named = [j for j in figures if any(w in heads[j] for w in words)]
    return named[0] if named else (figures[0] if len(figures) == 1 else None)


def _of_the_indicator_asked(texts: list[str], members: list[int], question: str) -> list[int]:
    """The rows of a long table whose indicator cell (a column of words that differ from row to
    row) is the longest the question names; all rows when the table has no such column or the
    question names none of its indicators."""
    cells = [[c.strip() for c in text.split("|")] for text in texts]
    width = min(len(row) for row in cells)
    for j in range(1, width):
        column = [row[j] for row in cells]
        if len(set(column)) < 2 or any(_cell_value(c) is not None or not c for c in column):
            continue
        named = [c for c in set(column) if c in question]
        if named:
            asked = max(named, key=len)
            return [i for i, row in zip(members, cells, strict=True) if row[j] == asked]
    return members


_COUNTED_IN = re.compile(r"[（(][^）)]*[）)]$")  # 群众满意度(%), 立案数（件）: the unit a column is counted in


def _column_name(cell: str) -> str:
    return _COUNTED_IN.sub("", cell).strip()


def blank_cell_asked(header: str, row: str, asked: str) -> str | None:
    """The name of the column or indicator ``asked`` (the phrase a question asks the value of,
    "满意率") whose cell in table ``row`` holds no figure: under the header cell that names it
    ("|盘州市|780|744|95.4%||" under "…|办结率|满意率|"), or after a cell naming it in a long table
    ("高新区 | 群众满意度(%) |  |  | 样本不足，未测"); else None."""
    if "|" not in row or not asked:
        return None
    cells = [c.strip() for c in row.split("|")]
    heads = column_heads(header, row) or []
    under = [i for i, head in enumerate(heads) if _names_asked(head, asked)]
    if under and not any(re.search(r"\d", cells[i]) for i in under):
        return _column_name(heads[under[0]])
    return next((name for i, name in _indicator_cells(cells, asked) if _no_figure_after(cells, i)), None)


def blank_indicator_asked(rows: list[str], asked: str) -> str | None:
    """Of one place's rows of a long table ("老边区 | 结案率 |  |", "老边区 | 按期结案率 | 88.2% |"),
    the row whose indicator cell is the longest ``asked`` ends with: its name when no figure
    follows it (the table leaves the value blank), else None."""
    named: list[tuple[int, bool, str]] = []
    for row in rows:
        cells = [c.strip() for c in row.split("|")]
        if first := next(_indicator_cells(cells, asked), None):
            i, name = first
            named.append((len(name), _no_figure_after(cells, i), name))
    if not named:
        return None
    _, blank, name = max(named)
    return name if blank else None


def _indicator_cells(cells: list[str], asked: str) -> Iterator[tuple[int, str]]:
    """Each cell after a row's first that names ``asked`` (a long table's indicator), with its name."""
    for i, cell in enumerate(cells[1:], start=1):
        if _names_asked(cell, asked):
            yield i, _column_name(cell)


def _no_figure_after(cells: list[str], i: int) -> bool:
    return not any(re.search(r"\d", c) for c in cells[i + 1 :])


def _names_asked(cell: str, asked: str) -> bool:
    name = _column_name(cell)
    return len(name) >= 2 and asked.endswith(name)
