"""Line breaks that are not paragraph ends: text hard-wrapped by PDF or web extraction
(``完成率达到\n97.5%\n。``), wraps inside blank-line-separated paragraphs, and tables extracted
one cell per line, put back as record lines."""

from __future__ import annotations

import re

DATE_LINE = re.compile(r"^[（(]?\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]?$")
# A document's number on its own line ("榆政办发〔2025〕11号", "〔2025〕第17期"): no sentence's part.
DOCUMENT_NUMBER_LINE = re.compile(
    r"^[\u4e00-\u9fff]{0,12}\s*[〔\[［(（](?:19|20)\d{2}[〕\]］)）]\s*第?\s*\d+\s*[号期]$"
)
_SENTENCE_FINAL = re.compile(r"[。！？；：:!?;…”’」』）)】]\s*$")
_CONTINUES = re.compile(r"^[，,。、；;：:？?！!）)%％‰]")  # (年月日号 continue only a figure: see below)
# A record line ("测评项目：公共环境；测评内容：…；分值：5"): fields, not a wrapped sentence. Its first
# label ends no sentence ("示清晰。（牵头单位：…；责任单位：" is a sentence's end and its owner note).
_RECORD = re.compile(r"^[^：:。！？!?（(]{1,12}[：:][^；;]*[；;][^：:]{1,12}[：:]")
_FIGURE_FRAGMENT = re.compile(r"^[\d.,，]+\s*(?:[%％‰]|[万亿]?[元个件处次人宗吨米台辆座户]?)\s*[。，,；;]?$")
# A line ending in a clause's comma does not end a paragraph ("…第六名南浦区，\n84.70分。").
_CLAUSE_OPEN = re.compile(r"[，、,]\s*$")
# A figure cut in two by the line end ("共发现问题13\n5处", "禹会区90.\n33分", "去年同期1\n4,498件"): words,
# then digits (up to a decimal point), and digits (and thousands separators) going on into a unit or the sentence.
_FIGURE_CUT = re.compile(r"[\u4e00-\u9fff]\d+\.?$")
_FIGURE_GOES_ON = re.compile(r"^\d[\d.,]*\s*[\u4e00-\u9fff%％‰，。；]")


def _is_heading_line(line: str) -> bool:
    from assistant.ingest.split import match_heading

    return match_heading(line) is not None


def _wrap_width(lines: list[str]) -> int | None:
    """The width a text was wrapped at (PDF or web extraction), when most of its long lines end
    mid-sentence; None for a text with real line ends. Lines wrapped at one width still differ in
    characters (digits and Latin are narrow), and a page's paragraphs may be wrapped at several."""
    lines = [line for line in lines if line.count("|") < 2]  # table rows are not prose
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < 4:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width < 28:  # wrapped prose runs to 30-80 characters a line; shorter lines are lists
        return None
    long = [line for line in lines if len(line) >= _AT_WIDTH * width]
    open_ended = [line for line in long if not _SENTENCE_FINAL.search(line)]
    return width if len(open_ended) >= 3 and len(open_ended) >= 0.5 * len(long) else None


# A line this share of the wrap width long, ending mid-sentence, was cut by the wrap.
_AT_WIDTH = 0.6


# Whom a notice is sent to ("各区人民政府，市直有关单位："): the line after its title, not the title's end.
_ADDRESSEES = re.compile(r"^[^。；;]{0,6}各[^。；;]{1,60}[：:]$")
# A figure's measure word cut off at the line end ("…超期未结案件533\n件，其中…", "扣0.2\n分；"), not a
# word that starts with one (户外广告, 处置, 分类).
_UNIT_GOES_ON = re.compile(
    r"^(?:[件个处条座名家户次元吨分宗起人]|万[元人户个件]?|亿元?|个百分点|分钟|平方米|公里)(?:[，。；、,;：:）)]|$)"
)
# A verb that takes a figure, cut from it by the line end ("覆盖率达到\n92.5%", "每次扣\n1分"):
# no sentence ends on it.
_FIGURE_AWAITED = re.compile(r"(?:达到|不低于|不少于|不高于|不超过|低于|高于|超过|扣)$")
# The kinds of document a title names last ("…工作总结及2025年工作安排", "关于…考核结果的公示").
_DOCUMENT_KIND = "通报|总结|安排|计划|要点|方案|细则|办法|报告|通知|意见|纪要|讲话|简报|标准|决定|公告|公示|思路"
# A title on its own line ("关于2024年度…考核结果的公示"), under its issuer's name.
_IS_TITLE = re.compile(rf"^关于.{{2,60}}(?:{_DOCUMENT_KIND})$")
# A document's title or file line ends so ("…工作总结及2025年工作安排", "…〔2025〕49号 2025年7月4日"):
# what follows is its addressees or its first paragraph.
_TITLE_END = re.compile(rf"(?:{_DOCUMENT_KIND})$|〔\d{{4}}〕\s*\d+\s*号|日$")
_BREADCRUMB = re.compile(r"[>＞]")  # 首页 > 新闻中心 > 部门动态
_LEAD_IN_MAX = 8  # "如下：" goes on a wrapped sentence; a longer line ending so is a list's lead-in or addressees
# A table aligned with spaces ("区      立案数    结案数"): a row, not prose.
_SPACED_ROW = re.compile(r"\S {2,}\S+ {2,}\S")
_SENTENCE_MAX = 150  # prose ends a sentence within this many characters; a criteria table's cells do not


def _long_without_sentence_end(line: str) -> bool:
    return len(line) > _SENTENCE_MAX and not re.search(r"[。！？!?]", line[-_SENTENCE_MAX:])


# A bare figure under a line that ends in a figure's measure word ("…每处扣0.5分" then "10") is a
# table's next cell (its 分值), not the rest of the line's figure: kept apart by a space.
_BARE_FIGURE_AFTER_MEASURE = re.compile(r"\d\s*[%％分件个处次元条座家户名日]\n[\d.,]+$")

# A figure cut at its thousands separator ("（2,\n586件）").
_THOUSANDS_CUT = re.compile(r"\d,$")
_THOUSANDS_HEAD = re.compile(r"\d,(\d{1,2})$")


def _cut_inside_thousands(previous: str, nxt: str) -> bool:
    """A figure cut inside the group after its thousands separator ("按期结案7,9" then "46件"): the
    digits on both sides of the cut make the group's three."""
    head = _THOUSANDS_HEAD.search(previous)
    tail = re.match(r"(\d{1,2})(?!\d)", nxt)
    return bool(head and tail and len(head.group(1)) + len(tail.group(1)) == 3)


def _opens_bracket(line: str) -> bool:
    """The line leaves a bracket open ("示清晰。（牵头单位：…；完成时限："): it goes on below, so a
    colon at its end is cut by the wrap, not a lead-in's."""
    return line.count("（") + line.count("(") > line.count("）") + line.count(")")


def _is_cell(line: str) -> bool:
    """A short line of words with no punctuation ("经营秩序"): a table's cell, not a paragraph's end."""
    return len(line) <= 8 and not re.search(r"[，。；、：,.;:！？!?%％）)]", line)


def _is_bare_heading(line: str) -> bool:
    """A heading alone on its line ("二、聚焦重点难点，扎实推进城市精细化管理"), not a heading run on
    into its paragraph ("（一）按期结案率偏低。市区按期结案率距年度目标仍有差")."""
    return _is_heading_line(line) and not re.search(r"[。；;！？!?]", line)


def _may_join(previous: str, nxt: str) -> bool:
    """Two non-empty lines may be one sentence broken by a line end: the first does not end a
    sentence, and neither is a table row or a record line."""
    # Inside a bracket left open ("（牵头单位：…；责\n任单位：…；完成时限：\n2025年9月底前）") a field's
    # colon or semicolon ends no sentence, and the next line's fields are the same note's.
    bracketed = _opens_bracket(previous)
    return (
        bool(previous.strip())
        and bool(nxt)
        and (not _SENTENCE_FINAL.search(previous) or (bracketed and previous.rstrip()[-1] in "：:；;"))
        and previous.count("|") < 2
        and nxt.count("|") < 2
        and not _SPACED_ROW.search(previous)
        and not _SPACED_ROW.search(nxt)
        and not _RECORD.match(previous)
        and (bracketed or not _RECORD.match(nxt))
        and not DOCUMENT_NUMBER_LINE.match(previous.strip())
        and not DOCUMENT_NUMBER_LINE.match(nxt)
    )


def join_wrapped_lines(text: str, notes: list[str] | None = None) -> str:
    """Join lines broken inside a sentence: everywhere in a hard-wrapped text, and elsewhere
    where the next line cannot start one (``完成率达到\n97.5%\n。``, ``2021\n年城市管理局…``)."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    out: list[str] = []
    joins = 0
    for line in lines:
        if out and _may_join(out[-1], line.strip()):
            nxt = line.strip()
            previous = out[-1].rstrip()
            figure_cut = (
                bool(_FIGURE_CUT.search(previous) and _FIGURE_GOES_ON.match(nxt))
                or bool(_THOUSANDS_CUT.search(previous) and re.match(r"\d{3}", nxt))
                or _cut_inside_thousands(previous, nxt)
            )
            local = bool(
                _CONTINUES.match(nxt)
                or _FIGURE_FRAGMENT.match(nxt)
                or (previous[-1:].isdigit() and nxt[:1] in "年月日号%％")
                or (previous[-1:].isdigit() and bool(re.match(r"\.\d", nxt)))  # cut before its decimal point
                or (previous[-1:].isdigit() and bool(_UNIT_GOES_ON.match(nxt)))
                or (bool(_FIGURE_AWAITED.search(previous)) and bool(re.match(r"[\d０-９]", nxt)))
                or ((_CLAUSE_OPEN.search(previous) or figure_cut) and not _is_heading_line(nxt))
            )
            at_width = (
                width is not None
                and len(previous) >= _AT_WIDTH * width
                and not previous[-1:].isdigit()  # a table's score column ("…设置分类垃圾桶20")
                and not _is_bare_heading(previous)
                and not _is_cell(nxt)
                and not _ADDRESSEES.match(nxt)
                and not _TITLE_END.search(previous)
                and not _IS_TITLE.match(nxt)
                and not _BREADCRUMB.search(previous)
                and not (nxt[-1:] in "：:" and len(nxt) > _LEAD_IN_MAX and not _opens_bracket(nxt))
                and not _long_without_sentence_end(previous)
            )
            if local or (at_width and not _is_heading_line(nxt) and not DATE_LINE.match(nxt)):
                latin = previous[-1:].isascii() and nxt[:1].isascii() and nxt[:1].isalnum()
                next_cell = bool(_BARE_FIGURE_AFTER_MEASURE.search(f"{previous}\n{nxt}"))
                sep = " " if (latin and not figure_cut) or next_cell else ""
                out[-1] = previous + sep + nxt
                joins += 1
                continue
        out.append(line)
    if joins and notes is not None:
        notes.append(f"joined {joins} lines broken inside sentences")
    return "\n".join(out)


_WRAPPED_LINE_MIN = 10
_FIELD = re.compile(r"^[\u4e00-\u9fff ]{1,8}[:：]")
_NUMERIC_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}")
_YEAR_START = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年")
_CELL_MAX = 24  # a cell of a table flattened one cell per line
_CELL_END = re.compile(r"[。！？；：:!?;，,]\s*$")
_NUMERIC_CELL = re.compile(r"^[第]?[\d.,，%％\s-]+(?:[余多]?[万亿]?[个件处次人名分元%％吨米]|名)?$")


def _is_numeric_cell(line: str) -> bool:
    return bool(_NUMERIC_CELL.match(line))


def _table_of_cells(cells: list[str]) -> list[str] | None:
    """Rows ``a | b | c |`` for a run of one-cell lines: a header of k lines without figures,
    then rows of k cells whose columns keep the header's kind (figure or words) row after row.
    A row may start with several cells of words (组别, 单位 before 得分), so the header is as
    long as the narrowest such layout, not as the run of words before the first figure."""
    words_first = 0
    while words_first < len(cells) and not _is_numeric_cell(cells[words_first]):
        words_first += 1
    for k in range(2, min(words_first, 8) + 1):
        if len(cells) < 3 * k or len(cells) % k:
            continue
        rows = [cells[i : i + k] for i in range(0, len(cells), k)]
        if any(_is_heading_line(cell) for cell in rows[0]):
            return None  # a heading above the table: the caller tries again from the line after it
        kinds = [_is_numeric_cell(cell) for cell in rows[1]]
        if any(kinds) and all([_is_numeric_cell(cell) for cell in row] == kinds for row in rows[2:]):
            return [" | ".join(row) + " |" for row in rows]
    return None


def rebuild_flattened_tables(text: str, notes: list[str] | None = None) -> str:
    """A table extracted one cell per line (名次\n城区\n得分\n1\n江北区\n92.35 …) put back as
    record lines with its header first, so that its figures keep their row."""
    lines = text.split("\n")
    out: list[str] = []
    tables = 0
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and 0 < len(lines[j].strip()) <= _CELL_MAX and not _CELL_END.search(lines[j]):
            j += 1
        rows = _table_of_cells([line.strip() for line in lines[i:j]]) if j - i >= 6 else None
        if rows:
            out.extend(rows)
            tables += 1
            i = j
        else:
            out.append(lines[i])
            i += 1
    if tables and notes is not None:
        notes.append(f"rebuilt {tables} tables extracted one cell per line")
    return "\n".join(out)


def join_lines_within_paragraphs(text: str, notes: list[str] | None = None) -> str:
    """In a text whose paragraphs are separated by blank lines, a line break inside a paragraph
    that does not end a sentence is a wrap (``发现各类问题\n986处``, ``平均得分\n89.67\n分``):
    joined, unless the next line starts a heading or either line is a table row or a record."""
    lines = text.split("\n")
    blank = sum(1 for line in lines if not line.strip())
    if blank < 3 or blank < 0.3 * (len(lines) - blank):
        return text  # paragraphs are lines: a break may end one
    out: list[str] = []
    joins = 0
    for line in lines:
        nxt = line.strip()
        previous = out[-1].strip() if out else ""
        if (
            len(previous) >= _WRAPPED_LINE_MIN  # shorter lines are labels or the cells of a flattened table
            and _may_join(previous, nxt)
            and not _is_heading_line(previous)
            and not _is_heading_line(nxt)
            and not DATE_LINE.match(nxt)  # a signature's date
            and not _FIELD.match(previous)  # a page's header fields (信息名称: …, 发布时间: …)
            and not _FIELD.match(nxt)
            and not _NUMERIC_DATE.match(nxt)
            and not (len(nxt) <= 16 and _YEAR_START.match(nxt))  # a date under a signature
        ):
            # Latin words keep a space; a figure broken by the wrap (交办问题1\n462个) is one figure.
            latin = previous[-1:].isascii() and previous[-1:].isalpha() and nxt[:1].isascii() and nxt[:1].isalpha()
            out[-1] = previous + (" " if latin else "") + nxt
            joins += 1
            continue
        out.append(line)
    if joins and notes is not None:
        notes.append(f"joined {joins} lines broken inside paragraphs")
    return "\n".join(out)


def join_wrapped_table_rows(text: str, notes: list[str] | None = None) -> str:
    """A table row wrapped onto the next lines by PDF extraction ("1 | 农贸市场改造：完成12家农贸市场改"
    then "造，生熟分区 | 市商务局 | 2025.9.30"): lines joined while their cell marks add up to no more
    than the header's, and kept when they add up to exactly that (a row of the table, whole)."""
    lines = text.split("\n")
    out: list[str] = []
    header_marks = 0
    joins = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        marks = line.count("|")
        if marks >= 2 and (header_marks == 0 or marks > header_marks):
            header_marks = marks  # a table's first row, or a wider table's
        elif not marks:
            header_marks = 0  # a line of prose ends the table
        if header_marks and 0 < marks < header_marks:
            j, total = i, marks
            while total < header_marks and j + 1 < len(lines) and lines[j + 1].strip():
                j += 1
                total += lines[j].count("|")
            if total == header_marks and j > i:
                out.append("".join(part.strip() for part in lines[i : j + 1]))
                joins += j - i
                i = j + 1
                continue
        out.append(line)
        i += 1
    if joins and notes is not None:
        notes.append(f"joined {joins} table rows wrapped onto the next line")
    return "\n".join(out)
