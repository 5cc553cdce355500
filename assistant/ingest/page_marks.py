"""What a file's pages and copies leave in its text: page numbers on lines of their own or
glued into sentences by PDF extraction (``…提\\n3、示牌…``), and a document pasted twice."""

from __future__ import annotations

import re

from assistant.text import compact

# A page number on a line of its own (-2-, — 3 —, 第2页, 第2页 共4页): the page break of a PDF,
# mostly in the middle of a sentence. (Not "2/4": a table cell extracted on its own line reads so too.)
_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)\s*$"
)
# "第2页共4页" glued into a sentence by extraction ("地面湿滑、第2页共4页公平秤缺失").
_PAGE_OF_PAGES = re.compile(r"第\s*\d{1,3}\s*页\s*[,，/]?\s*共\s*\d{1,3}\s*页")
_LINE_START_PAGE = re.compile(r"(?:^|\n)(\d{1,3})、")
_SENTENCE_END = set("。！？；：:”）)!?;")


def remove_page_numbers(text: str, notes: list[str]) -> str:
    """Drop page numbers on lines of their own, and "第2页共4页" glued into a sentence."""
    lines = text.split("\n")
    kept = [line for line in lines if not _PAGE_NUMBER_LINE.match(line)]
    text, glued = _PAGE_OF_PAGES.subn("", "\n".join(kept))
    if len(kept) < len(lines) or glued:
        notes.append(f"removed {len(lines) - len(kept) + glued} page numbers")
    return text


# A running header repeats one of a document's opening lines (its title, its file number) at the top
# of each page, alone or with the issue ("玉林市数字化城市管理工作通报　2025年第5期"); only these
# lines are compared.
_OPENING_LINES = 5
_RUNNING_HEADER_MAX = 40  # characters: a title or file number, not a sentence
_MIN_OPENING = 6  # characters: shorter opening lines ("通报", "附件1") begin too many lines


def remove_running_headers_in_tables(text: str, notes: list[str]) -> str:
    """Drop a page's running header (a repeat of one of the document's opening lines: "肇城管〔2025〕12号")
    where a page break left it between two rows of a table. It cuts the table in two, and the rows
    after it lose their header row (序号 | 工作任务 | 具体目标 | 完成时限), which says what their cells are."""
    lines = text.split("\n")
    opening = {
        key for line in lines[:_OPENING_LINES] if _MIN_OPENING <= len(key := compact(line)) <= _RUNNING_HEADER_MAX
    }

    def running_header(i: int) -> bool:
        key = compact(lines[i])
        return i >= _OPENING_LINES and len(key) <= _RUNNING_HEADER_MAX and any(key.startswith(o) for o in opening)

    def row_beside(i: int, step: int) -> bool:
        while 0 <= i < len(lines) and (not lines[i].strip() or running_header(i)):
            i += step
        return 0 <= i < len(lines) and _is_row(lines[i])

    dropped = {i for i in range(len(lines)) if running_header(i) and row_beside(i - 1, -1) and row_beside(i + 1, 1)}
    if dropped:
        notes.append(f"removed {len(dropped)} running headers between the rows of a table")
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped)


def _is_row(line: str) -> bool:
    return line.count("|") + line.count("｜") >= 2


def remove_page_markers(text: str, notes: list[str] | None = None) -> str:
    """Drop PDF page numbers (``1、 2、 3、`` …) that extraction glued to line starts.

    A real ``1、`` heading restarts its count under each parent and follows a finished
    sentence; page markers count up through the whole file and mostly cut sentences."""
    found = list(_LINE_START_PAGE.finditer(text))
    chain: list[re.Match[str]] = []
    for match in found:
        number = int(match.group(1))
        if (not chain and number in (1, 2)) or (chain and number == int(chain[-1].group(1)) + 1):
            chain.append(match)
    if len(chain) < 3:
        return text
    cut_mid_sentence = sum(
        1 for m in chain if m.start() > 0 and text[m.start() - 1] not in _SENTENCE_END and m.group(0).startswith("\n")
    )
    if cut_mid_sentence < 0.6 * (len(chain) - 1):
        return text
    pieces, last = [], 0
    for match in chain:
        pieces.append(text[last : match.start()])
        previous = text[match.start() - 1] if match.start() > 0 else "\n"
        pieces.append("\n" if previous in _SENTENCE_END else "")
        last = match.end()
    pieces.append(text[last:])
    if notes is not None:
        notes.append(f"removed {len(chain)} page markers glued into sentences")
    return "".join(pieces)


def remove_repeated_blocks(text: str, notes: list[str] | None = None, min_chars: int = 200) -> str:
    """Drop a run of lines that repeats earlier lines of the same file (a document pasted twice)."""
    lines = text.split("\n")
    seen: set[str] = set()
    is_repeat: list[bool | None] = []
    for line in lines:
        key = compact(line)
        if len(key) >= 15:
            is_repeat.append(key in seen)
            seen.add(key)
        else:
            is_repeat.append(None)  # short lines take the state of their neighbours
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        if is_repeat[i] is not True:
            i += 1
            continue
        j = i
        while j < len(lines) and is_repeat[j] is not False:
            j += 1
        run_start = i
        while run_start > 0 and is_repeat[run_start - 1] is None:  # short header lines of the copy
            run_start -= 1
        run_end = j
        while run_end > i and is_repeat[run_end - 1] is None:
            run_end -= 1
        run_chars = sum(len(lines[k]) for k in range(run_start, run_end))
        if run_chars >= min_chars:
            for k in range(run_start, run_end):
                keep[k] = False
            if notes is not None:
                notes.append(f"removed a repeated block of {run_end - run_start} lines ({run_chars} characters)")
        i = j
    return "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
