"""What the answerer may know of each document beyond the retrieved passages: what it is about
(its years, months, quarters and places), read once into a :class:`DocProfile`.

How common a word is and which documents the corpus holds are :mod:`assistant.corpus_view`'s."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assistant.divisions import names_place
from assistant.models import DocumentMeta
from assistant.periods import (
    quarter_of,
    read_issues,
    read_months,
    read_quarters,
    read_ranks,
    read_years,
    written_year,
    years_in_file_name,
)
from assistant.places import divisions_named, places_in_file_name, written_places
from assistant.question import Question
from assistant.tables import rank_cell, table_last_ranks
from assistant.text import compact, fold_width, to_simplified

_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})\s*年\s*(1[0-2]|0?[1-9])\s*月(?!\s*\d{1,2}\s*[日号])")
# (not the end of a range, 1—6月: the title of a half-year chronology is about no one month)
_LONE_MONTH = re.compile(r"(?<![\d年.—\-–~～])(1[0-2]|0?[1-9])\s*月份?(?!\s*\d{1,2}\s*[日号])")
_HEAD_CHARS = 300
_TITLE_SPAN = 1000  # where a document writes its title: its first lines, after any site navigation
_PLAN_TITLE = re.compile(r"要点|计划|方案|安排|打算|目标|任务")
_REPORT_TITLE = re.compile(r"总结|情况|通报|汇报|报告|结果|公报|进展")
_RULES_TITLE = re.compile(r"细则|办法|标准|测评体系|评分表|考核体系")
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
# "2021~2022年", "2021—2022年度": both years are named
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*[~～\-—–至到、和]\s*((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class DocProfile:
    """What one document is about, read from its title and opening."""

    doc_id: str
    title: str = ""  # the title it writes (Simplified, half-width); "" when the title was composed
    years: frozenset[int] = frozenset()
    years_titled: bool = False  # its years are those its title names
    written: int | None = None  # the year it was written in (its 今年): a line dating it, else its title's one year
    months: frozenset[int] = frozenset()  # months it reports on (2022年8月 in its title or opening)
    year_months: frozenset[tuple[int, int]] = frozenset()
    quarters: frozenset[int] = frozenset()
    halves: frozenset[str] = frozenset()
    issues: frozenset[tuple[int, str]] = frozenset()  # 第9期, 第十五届 it names anywhere
    max_rank: int = 0  # the last place of the ranking it lists (第八名 → 8), 0 without one
    table_last: tuple[tuple[str, int], ...] = ()  # each ranking table's header row (compacted), its last place
    text: str = ""  # the whole text, compacted (for "does it name 咸宁")
    length: int = 0
    places_written: tuple[tuple[str, int], ...] = ()  # places beyond the national list it names, how often
    divisions: frozenset[str] = frozenset()  # divisions of the national list it names in full (福鼎市)
    file_places: tuple[str, ...] = ()  # places its file's name gives (中山 of 000_zhongshan-….txt)
    place: str = ""  # the place its metadata gives (鹤岗市 of a notice its addressees place, naming no city)

    @functools.cached_property
    def about(self) -> str:
        """Its whole text (compacted) read for what it is about: led by the place its metadata gives
        where the text does not name it, as a title naming the place leads the others. Built once:
        every candidate's place features read it."""
        if not self.place or self.place in self.text:
            return self.text
        return f"{compact(self.place)} {self.text}"

    @functools.cached_property
    def named_periods(self) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
        """The years, months and quarters its text names anywhere (not dates such as 10月20日)."""
        return frozenset(read_years(self.text)), frozenset(read_months(self.text)), frozenset(read_quarters(self.text))

    def sets_target_for(self, question: Question) -> bool:
        """A target is asked for a year, month or quarter this document names, though it is about
        another: the report of the period before sets it ("第四季度全市平均得分要达到85分以上" in
        the third quarter's notice, "2025年…力争" in a 2024 summary)."""
        if not question.intent.target:
            return False
        years, months, quarters = self.named_periods
        asked = [(set(question.years), years), (set(question.months), months), (set(question.quarters), quarters)]
        return any(a for a, _ in asked) and all(a <= named for a, named in asked)

    def mentions(self, word: str) -> bool:
        return compact(word) in self.text

    def is_plan(self) -> bool:
        """Its title names a plan (工作要点, 实施方案, 工作计划) and no report of what was done."""
        return bool(_PLAN_TITLE.search(self.title)) and not _REPORT_TITLE.search(self.title)

    def is_rules(self) -> bool:
        """Its title names rules (考核细则, 考核办法, 测评体系) of no particular period."""
        return bool(_RULES_TITLE.search(self.title)) and not (self.months or self.quarters or self.years_titled)

    def holds_no_results_for(self, question: Question) -> bool:
        """What a named period brought is asked (2月份谁第一), not the rules, and the document is a
        set of rules of no period: it holds no period's results."""
        return (
            bool(question.years or question.months or question.quarters)
            and not question.intent.criteria
            and self.is_rules()
        )

    def covers_time(self, question: Question) -> bool | None:
        """Whether the document is about the year, month or quarter the question asks
        (None: the question asks no time, or the document does not say which time it is about)."""
        verdicts: list[bool] = []
        if question.years and (self.years or _ANY_YEAR.search(self.text)):
            named = not self.years_titled and any(self.names_year(y) for y in question.years)
            verdicts.append(bool(set(question.years) & self.years) or named)
        if question.months and self.months:
            same_year = not question.years or not self.years or bool(set(question.years) & self.years)
            verdicts.append(same_year and bool(set(question.months) & self.months))
        if question.quarters and self.quarters:
            verdicts.append(bool(set(question.quarters) & self.quarters))
        if self._about_another_part_of_the_year(question):
            verdicts.append(False)
        if not verdicts:
            return None
        return all(verdicts)

    def _about_another_part_of_the_year(self, question: Question) -> bool:
        """A quarter's report asked about a month outside it (9月 of a 第一季度 report), or a
        month's report asked about a quarter it is not in. Being inside (a month of the quarter)
        is no sign of being about it: a quarter's report gives no month's figures. (Halves are
        not compared: a 上半年 summary also plans the 下半年.)"""
        if question.months and not question.quarters and self.quarters and not self.months:
            return not any(quarter_of(m) in self.quarters for m in question.months)
        if question.quarters and not question.months and self.months and not self.quarters:
            return not any(quarter_of(m) in question.quarters for m in self.months)
        return False

    def ranks_in(self, text: str, header: str = "", question: str = "") -> set[int]:
        """The ranks a sentence of this document states, from the top (3) and from the bottom
        (-1 for the last place of its ranking); a table row (under ``header``) by its 排名 cell,
        the one of the period ``question`` names where the table ranks several."""
        ranks = set(read_ranks(text))
        if (cell := rank_cell(header, text, question)) is not None:
            ranks.add(cell)
        if last := self._last_place(header):
            ranks |= {r - last - 1 for r in list(ranks) if r > 0}
        return ranks

    def _last_place(self, header: str) -> int:
        """The last place of the ranking a sentence under ``header`` is in: its table's, where the
        header is one of a ranking table's (a notice's 8 districts ranked beside its 12 streets), else
        the document's."""
        if under := compact(header):
            for key, last in self.table_last:
                if under.endswith(key):
                    return last
        return self.max_rank

    def names_issues(self, question: Question) -> bool | None:
        """Whether the document names the numbered issue asked (第9期); None when none is asked."""
        if not question.issues:
            return None
        return all(issue in self.issues for issue in question.issues)

    def covers_places(self, question: Question) -> float | None:
        """Share of the places the question names that the document names (None: it names none)."""
        if not question.places:
            return None
        named = [p for p in question.places if self.names_place(p)]
        return len(named) / len(question.places)

    def names_place(self, place: str) -> bool:
        """It names ``place`` in its text, or its file's name or its metadata's place does."""
        return names_place(self.about, place) or any(names_place(compact(given), place) for given in self.file_places)

    def names_year(self, year: int) -> bool:
        """The document names ``year`` anywhere (2021年, 2021~2022年, 2021-10-25)."""
        return re.search(rf"{year}(?:年|[~～\-—–至、]\s*(?:19|20)\d{{2}}年|[-/.]\d{{1,2}}[-/.])", self.text) is not None


def _year_months(text: str) -> set[tuple[int, int]]:
    return {(int(y), int(m)) for y, m in _YEAR_MONTH.findall(text)}


def profile_of(doc_id: str, text: str, meta: DocumentMeta | None, source: str = "") -> DocProfile:
    """The profile of a document from its display text, metadata and file name (``source``)."""
    title = meta.title if meta is not None else ""
    simple_title = fold_width(to_simplified(title))
    head = fold_width(to_simplified(f"{title}\n{text[:_HEAD_CHARS]}"))
    # A period the title names is the document's; the opening also names periods it compares
    # with (较第二季度, 较2月份). Only a title the document writes counts: one composed from its
    # metadata (body, year, kind) carries the metadata's errors.
    written = bool(title) and compact(title) in compact(text[:_TITLE_SPAN])
    own_title = simple_title if written else ""
    year_months = _year_months(own_title) or _year_months(head)
    months = {m for _, m in year_months}
    if not months:
        # "咸宁9月“城考”成绩出炉": a month in the title without its year
        months = {int(m) for m in _LONE_MONTH.findall(simple_title)}
    # A year the title names is the document's too (a 2022 summary also names the 2023 it plans for).
    title_years = set(read_years(own_title))
    titled = bool(title_years)
    # A document that names no year anywhere near its start may have one in its file's name.
    years = (
        title_years
        or set(meta.years if meta is not None else [])
        or set(read_years(head))
        or set(years_in_file_name(source))
    )
    for first, last in _YEAR_RANGE.findall(own_title if titled else head):
        years.update(range(int(first), int(last) + 1) if int(last) - int(first) < 5 else (int(first), int(last)))
    table_last = table_last_ranks(text)
    return DocProfile(
        doc_id=doc_id,
        title=own_title,
        years=frozenset(years),
        years_titled=titled,
        written=written_year(text) or (min(title_years) if len(title_years) == 1 else None),
        months=frozenset(months),
        year_months=frozenset(year_months),
        quarters=frozenset(read_quarters(own_title) or read_quarters(head)),
        halves=frozenset(h for h in ("上半年", "下半年") if h in head),
        issues=frozenset(read_issues(text)),
        max_rank=max((r for r in (*read_ranks(text), *table_last.values()) if r > 0), default=0),
        table_last=tuple(table_last.items()),
        text=compact(text),
        length=len(text),
        places_written=tuple(sorted(written_places(text).items())),
        divisions=divisions_named(text),
        file_places=places_in_file_name(source) if source else (),
        place=meta.place if meta is not None else "",
    )
