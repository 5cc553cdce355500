"""Candidate answer sentences: the sentences of the retrieved passages, with their context.

A candidate is a sentence of a passage (split at 。！？； and line ends), where short lines
that are only a label ("第一名", "嘉鱼县") are joined to the line they introduce, and a table
row keeps its table's header row for display."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.answer.headings import (
    ENDS_SENTENCE,
    LABEL_MAX,
    NUMBERED,
    PLACE_SUFFIX,
    Sections,
    is_place_label,
    section_place,
)
from assistant.intent import states_plan
from assistant.models import Hit
from assistant.tables import column_heads, is_rank_column, is_table_row, reads_as_header, table_header_before
from assistant.text import compact, to_simplified

_SENTENCE = re.compile(r"[^。！？；!?;]+(?:[。！？；!?;]+[”’\"）)]*|$)")
_ENDS_WITH_FIGURE = re.compile(r"[\d.%％]+\s*[^\d\s]{0,3}[)）]?\s*$")


@dataclass
class Candidate:
    hit: Hit
    rank: int  # rank of its passage among the hits (0 = best)
    position: int  # index of the sentence within its passage
    text: str  # what the answer shows (original script)
    spans: list[str]  # exact substrings of the passage it is made of
    previous: str = ""  # the sentence before it in the passage
    header: str = ""  # the header row, when the candidate is a table row
    section: str = ""  # the numbered headings above it inside its passage (四、望山区)
    last: bool = False  # the passage's last sentence
    truncated: bool = False  # ends the document without closing punctuation (the excerpt breaks off)

    @property
    def doc_id(self) -> str:
        return self.hit.chunk.doc_id

    @property
    def key(self) -> str:
        return f"{self.hit.chunk.chunk_id}#{self.position}"

    @functools.cached_property
    def heading_place(self) -> str:
        """The place its innermost place-named heading is about (四、望山区 → 望山区), or ""."""
        return section_place(self.section)

    @functools.cached_property
    def is_plan(self) -> bool:
        """It gives a target or plan, not a result: by its words, its heading path or its table's columns."""
        return states_plan(self.text, self.hit.chunk.heading, self.header)

    def read_form(self) -> Candidate:
        """The candidate as checks read it: its sentence, the one before, its table's header and
        its headings in Simplified script (its spans, which cite the passage, as written)."""
        return replace(
            self,
            text=to_simplified(self.text),
            previous=to_simplified(self.previous),
            header=to_simplified(self.header),
            section=to_simplified(self.section),
        )

    def stated(self) -> str:
        """What it states, for telling what it is about: its table's header with the row, each bare
        figure of the row given the unit its column is counted in (| 14 | under 分值 → 14分)."""
        return f"{self.header} {with_cell_units(self.header, self.text)}"

    def context(self) -> str:
        """Where the sentence sits: document title, the place the document is about where its
        title does not name it (a notice titled by its number, a district's news page), heading
        path and the sentence before it."""
        place = self.hit.meta.place if self.hit.meta else ""
        about = place if place and place not in self.hit.title else ""
        return f"{self.hit.title} {about} {self.hit.chunk.heading} {self.section} {self.previous}"


# The unit a table's column is counted in: "立案数（件）", "分值", "得分".
_COLUMN_UNIT = re.compile(r"[（(]\s*(件|个|处|人|名|座|条|家|户|次|吨|元|万元|分|%|％)\s*[）)]$")
_SCORE_COLUMN = re.compile(r"(?:分值|得分|分数|标准分|满分|总分)$")


def _column_unit(head: str) -> str:
    if found := _COLUMN_UNIT.search(head):
        return found.group(1)
    return "分" if _SCORE_COLUMN.search(head) else ""


def with_cell_units(header: str, row: str) -> str:
    """``row`` with each bare figure given its unit: its column's, read from ``header`` (cells
    split by |, matched by position when the two have as many cells), else that of the indicator
    named in the cell before it (a long table's "鼎湖区 | 综合得分 | 88.4 |"); a rank column's figure
    is a place (| 2 | under 排名 → 第2名)."""
    if "|" not in row:
        return row
    cells = row.split("|")
    heads = column_heads(header, row) or [""] * len(cells)
    for i, cell in enumerate(cells):
        figure = cell.strip()
        if not re.fullmatch(r"\d[\d,]*(?:\.\d+)?", figure):
            continue
        if is_rank_column(heads[i]) and figure.isdigit():
            cells[i] = cell.replace(figure, f"第{figure}名")
        elif unit := _column_unit(heads[i]) or (_column_unit(cells[i - 1].strip()) if i else ""):
            cells[i] = cell.replace(figure, figure + unit)
    return "|".join(cells)


_ASKS = re.compile(r"[？?][”’\"）)]*$")


def asks(sentence: str) -> bool:
    """The sentence is a question (an interviewer's, a Q&A page's 问): it states nothing to answer
    with, though it stays the context of the answer after it."""
    return bool(_ASKS.search(sentence.strip()))


# A line that ends in a date or is a document number: a signature or a notice's file line.
_DATED_LINE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|〔(?:19|20)\d{2}〕\s*\d+\s*号$")
_CLAUSE_MARK = re.compile(r"[，。；：、,;:！？!?]")
_FURNITURE_MAX = 40


def furniture(sentence: str, document: str) -> bool:
    """A line of the page's furniture, which states nothing: a running header repeated on every
    page ("唐山市数字城管运行通报（2025年5月）"), a signature's body and date, a document number.
    ``document`` is the document's compacted text."""
    line = sentence.strip()
    if len(line) > _FURNITURE_MAX or is_table_row(line) or _CLAUSE_MARK.search(line):
        return False
    return bool(_DATED_LINE.search(line)) or document.count(compact(line)) >= 2


def _lines(text: str) -> list[str]:
    """Lines of a passage, a short label line joined to the line it introduces."""
    out: list[str] = []
    pending = ""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if pending:
            if NUMBERED.match(line):
                out.append(pending)  # a label over a numbered list is its heading, not part of item 1
            else:
                line = f"{pending} {line}"
            pending = ""
        is_label = (
            len(line) <= LABEL_MAX
            and not ENDS_SENTENCE.search(line)
            and not _ENDS_WITH_FIGURE.search(line)
            and not is_table_row(line)
        )
        if is_label:
            pending = line
        else:
            out.append(line)
    if pending:
        out.append(pending)
    return out


def _spans(sentence: str, header: str) -> list[str]:
    """The exact passage substrings a citation highlights: the parts of a candidate without the
    numbered heading it was joined to."""
    if header or " " not in sentence:
        return [sentence]
    parts = [part for part in sentence.split(" ") if part]
    statements = [part for part in parts if not NUMBERED.match(part)]  # a numbered label is a heading
    return statements or parts


def _header_for(lines: list[str], index: int, header_above: str = "") -> str:
    """The nearest row above row ``index``, in its table block, that reads as a header (a second
    table's in the same block: "问题类型 | 数量（件） | 占比"). When the passage starts inside the
    table below its header, ``header_above`` (read from the document before the passage); "" without
    it (a data row is no header)."""
    start = index
    while start > 0 and is_table_row(lines[start - 1]):
        start -= 1
    framed = lines[start].lstrip().startswith("|")  # every row opens with a mark: "|序号|所属区|"
    found = next((lines[j] for j in range(index - 1, start - 1, -1) if reads_as_header(lines[j], framed)), "")
    return found or (header_above if start == 0 else "")


# A record keyed by a place ("广丰区：得分84.93分，排名第4；主要问题：…"): its clauses are one
# statement about that place, so they are not split at ；.
_PLACE_RECORD = re.compile(rf"^(?:\S{{1,20}} )?([\u4e00-\u9fff]{{1,10}}?{PLACE_SUFFIX})[：:]")  # after a label line
_CLAUSE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’\"）)]*|$)")
# A numbered item opening with only a name ("一、阆中市。在阆中古城设立…"): the name says whom
# the rest of the item is about, so it stays with it.
_NAMED_ITEM = re.compile(rf"^(?:{NUMBERED.pattern})\s*[^\d\s。，,；;：:]{{2,12}}。$")


def sentences_of_line(line: str) -> list[str]:
    """The sentences of one line of a passage (split at 。！？；), a place's record and a numbered
    item's leading name kept with what they say."""
    record = _PLACE_RECORD.match(line)
    name = record.group(1) if record else ""
    pattern = _CLAUSE if name and is_place_label(name) else _SENTENCE
    out = [s for found in pattern.finditer(line) if (s := found.group(0).strip())]
    if len(out) > 1 and _NAMED_ITEM.match(out[0]):
        out[:2] = [out[0] + out[1]]
    return out


def candidates_of(hit: Hit, rank: int, document_end: int | None = None, table_header: str = "") -> list[Candidate]:
    """The candidate sentences of one passage, in order. ``document_end`` (the length of the
    document text) tells whether the passage ends the document, so a final sentence without
    closing punctuation is known to be cut off; ``table_header`` is the header of a table the
    passage starts inside, read from the document before it."""
    lines = _lines(hit.chunk.text)
    texts: list[tuple[str, str, str]] = []  # (sentence, header, section)
    sections = Sections()
    for index, line in enumerate(lines):
        sections.see(line)
        if is_table_row(line):
            texts.append((line, _header_for(lines, index, table_header), sections.path()))
            continue
        texts.extend((sentence, "", sections.path()) for sentence in sentences_of_line(line))
    ends_document = document_end is not None and hit.chunk.end >= document_end
    out = []
    for position, (sentence, header, section) in enumerate(texts):
        last = position == len(texts) - 1
        out.append(
            Candidate(
                hit=hit,
                rank=rank,
                position=position,
                text=sentence,
                spans=_spans(sentence, header),
                previous=texts[position - 1][0] if position else "",
                header=header,
                section=section,
                last=last,
                truncated=last and ends_document and not ENDS_SENTENCE.search(sentence),
            )
        )
    return out


def gather(
    hits: list[Hit],
    depth: int,
    document_ends: dict[str, int] | None = None,
    text_before: Callable[[Hit], str] | None = None,
) -> list[Candidate]:
    """Candidates from the first ``depth`` hits, without repeating a sentence already taken;
    ``text_before`` gives a passage's preceding text (for the header of a table it starts inside)."""
    seen: set[str] = set()
    out: list[Candidate] = []
    for rank, hit in enumerate(hits[:depth]):
        end = (document_ends or {}).get(hit.chunk.doc_id)
        first_line = hit.chunk.text.lstrip().split("\n")[0]
        before = text_before(hit) if text_before is not None and is_table_row(first_line) else ""
        header = table_header_before(before, first_line) if before else ""  # no document read for other passages
        cited = with_header_above(hit, before, header)
        for candidate in candidates_of(hit, rank, end, header):
            key = compact(candidate.text)
            if not key or key in seen:
                continue
            seen.add(key)
            out.append(candidate if cited is hit else replace(candidate, hit=cited))
    return out


def with_header_above(hit: Hit, before: str, header: str) -> Hit:
    """``hit`` with its passage begun at the header of the table it starts inside, when that header
    is the document's text above it: a row shown with its header cites the words it shows."""
    at = before.rfind(header) if header else -1
    if at < 0:
        return hit
    start = hit.chunk.start - (len(before) - at)
    return replace(hit, chunk=replace(hit.chunk, text=before[at:] + hit.chunk.text, start=start))
