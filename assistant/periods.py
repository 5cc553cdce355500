"""Periods (years, months, quarters, halves), ranks and numbered issues, as texts write them:
the readers every question, document profile and draft section share, so that "22年", "3、4月",
"第三、四名" and "第9期" are read one way everywhere."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from assistant.text import fold_width, nonblank_lines, to_simplified
from assistant.units import chinese_numeral

_FULL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{0,2}\s*[户人个件名处座次项条元辆家所台吨])")
_SHORT_YEAR = re.compile(
    r"(?<![\d.近连续第多每前后约])([0-3]\d)\s*年(?!代|来|间|内|以来|多(?:来|时|的|[，,。；;？?]|$))"
)
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")
_MONTH_NUMBER = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_MONTH_JOIN = r"\s*[、和及]\s*"  # 3、4月, 11和12月份
# 8月, 十二月, and runs that share one 月 (3、4月, 11和12月份); a date such as 7月5日 is not a month.
# An Arabic month's number is no tail of a longer number (112月); a written one may follow one (12345七月份).
_MONTH_FIRST = r"(?:(?<![\d.])(?:1[0-2]|0?[1-9])|十[一二]?|[一二三四五六七八九])"
_MONTH = re.compile(rf"({_MONTH_FIRST}(?:{_MONTH_JOIN}{_MONTH_NUMBER})*)\s*月份?(?!\s*\d{{1,2}}\s*[日号])")
# Not the 一 of 同一季度 ("the same quarter").
_QUARTER = re.compile(r"(?:第?(?<!同)([一二三四1-4])季度|[Qq]([1-4]))")
QUARTER_TEXT = re.compile(r"第?(?<!同)[一二三四1-4]季度|[Qq][1-4]")
HALF = re.compile(r"上半年|下半年")
# The surface forms of years, months and ranks, for rewriting a question (follow-ups).
YEAR_TEXT = re.compile(r"(?:19|20)?\d{2}\s*年|[〇零一二三四五六七八九]{4}年")
MONTH_TEXT = re.compile(r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?(?!\s*\d{1,2}\s*[日号])")
# A numbered issue, session or batch that identifies one document among its look-alikes:
# 第9期, 第十五届, 第三批, 第25周 (not 第一名, 第3季度).
_ISSUE_NUMBER = r"[一二三四五六七八九十百\d]{1,4}"
# What follows the number of an issue; after 第N none of them names a place in a ranking.
ISSUE_KIND_CHARS = "期届批轮周"
_ISSUE_KINDS = "|".join(ISSUE_KIND_CHARS)
_ISSUE = re.compile(rf"第\s*({_ISSUE_NUMBER})\s*({_ISSUE_KINDS})")
# 首轮, 首期, 首届, 首批: the first issue written without its number (not 首周, a week's start).
_FIRST_ISSUE = re.compile(r"(?<![榜元自])首\s*([期届批轮])(?!款|工程)")
ISSUE_TEXT = re.compile(rf"第\s*{_ISSUE_NUMBER}\s*(?:{_ISSUE_KINDS})")
_DIGITS = "〇一二三四五六七八九"

# Rank words: 第一, 第二名, 第三、四、五, 倒数第一, 最后一名, 垫底, 前三.
ORDINAL = re.compile(
    r"倒数第?[一二三四五六七八九十\d]+|第[一二三四五六七八九十\d]+名?|最后一?名?|垫底|末位|首位|前[一二三四五六七八九十\d]+名?|头名|榜首"
)
_NUMERAL = r"[一二两三四五六七八九十\d]{1,3}"
# The numerals are taken whole (an atomic group): 第15期 is no 第1, 第十五届 no 第十. What follows
# names no place in a ranking: an issue or part (期, 届, 季, 页), 第三方 (a third party), 第一时间.
_RANK_RUN = re.compile(
    rf"(倒数)?第((?>{_NUMERAL}(?:\s*[、,，和及]\s*第?{_NUMERAL})*))"
    rf"(?!\s*(?:[{ISSUE_KIND_CHARS}次季章节条款项部方页版号天步类种]|时间|阶段|责任|书记))"
)
# 前三 is the first three places, not in 门前三包 (a duty), 目前 (now) or 前12个月, 前三季度 (a span).
_RANK_TOP = re.compile(
    rf"(?<![门目])前({_NUMERAL})(?:名|位)?(?!\s*[\d零一二两三四五六七八九十百包米个月年季周天日期轮届批])"
)
# The last place named in words (最后一名, 排在最后), and the measures whose highest (lowest) value holds
# the first (last) place (得分最低, 结案率最高); points that may be added at most (加分最高) are no place.
_LAST_PLACE = r"最后一?名|最后一位|排(?:名)?最后|排在最后"
_PLACE_MEASURES = ("得分", "分数", "成绩", "总分", "率")
_RANK_LAST = re.compile(rf"{_LAST_PLACE}|垫底|末位|末名|倒数第一|(?:{'|'.join(_PLACE_MEASURES)})最低")
_RANK_FIRST = re.compile(rf"头名|榜首|首位|首名|(?:{'|'.join(_PLACE_MEASURES)})最高")
# The words that ask for the last place or the extreme (倒数第一, 最后一名, 得分最低's 最低): a ranking gives
# it by its last row or its figure, not in these words. (第一, 第二名 stay words: rankings write them.)
_RANK_WORDS = re.compile(rf"倒数第[一1]名?|{_LAST_PLACE}|(?:{'|'.join(f'(?<={m})' for m in _PLACE_MEASURES)})最[高低]")


def without_ranks(text: str) -> str:
    """``text`` with the words that ask for the last place or the extreme blanked out."""
    return _RANK_WORDS.sub(" ", text)


def _cn_number(text: str) -> int | None:
    value = chinese_numeral(text)
    return None if value is None else int(value)


def _year_value(digits: str) -> int:
    """2025 of "2025" or of "二〇二五"."""
    if digits.isdigit():
        return int(digits)
    return int("".join(str(_DIGITS.index(c)) for c in digits.replace("零", "〇")))


def read_years(text: str) -> tuple[int, ...]:
    """Years a text names: 2022年, 22年 (2000+), 二〇二二年; not 2000户 or 2023年5月 as a count."""
    simple = fold_width(to_simplified(text))
    found = [int(y) for y in _FULL_YEAR.findall(simple)]
    found += [2000 + int(y) for y in _SHORT_YEAR.findall(simple) if not re.search(rf"(?:19|20){y}\s*年", simple)]
    found += [_year_value(digits) for digits in _CN_YEAR.findall(simple)]
    return tuple(dict.fromkeys(y for y in found if 1949 <= y <= 2100))


# The year alone on the line above a title, joined to it ("2024鹤汀市文明办上半年工作总结").
_LEADING_YEAR = re.compile(r"((?:19|20)\d{2})(?![\d年.\-/~～—至])")


def read_title_years(title: str) -> tuple[int, ...]:
    """Years a title names, the bare year a title may begin with first."""
    years = read_years(title)
    lead = _LEADING_YEAR.match(fold_width(to_simplified(title)).strip())
    if lead and int(lead.group(1)) not in years:
        return (int(lead.group(1)), *years)
    return years


def years_in_file_name(name: str) -> tuple[int, ...]:
    """Years a file's name writes as four digits (001_wuhan-2016-shuangyue-ceping.txt → 2016)."""
    found = (int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", PurePosixPath(name).stem))
    return tuple(dict.fromkeys(y for y in found if 1949 <= y <= 2100))


def read_months(text: str) -> tuple[int, ...]:
    """Months a text asks about (8月, 8月份, 十二月); a date such as 7月5日 is not a month asked."""
    simple = fold_width(to_simplified(text))
    months = []
    for run in _MONTH.findall(simple):
        for raw in re.split(_MONTH_JOIN, run):
            value = int(raw) if raw.isdigit() else _cn_number(raw)
            if value is not None and 1 <= value <= 12:
                months.append(value)
    return tuple(dict.fromkeys(months))


def _numeral(text: str) -> int | None:
    text = text.replace("两", "二")
    return int(text) if text.isdigit() else _cn_number(text)


def read_ranks(text: str) -> tuple[int, ...]:
    """Ranks a text names: 1 for 第一/榜首, 3, 4, 5 for 第三、四、五, 1-3 for 前三, -1 for
    最后一名/垫底/倒数第一, -2 for 倒数第二 (not 第9期 or 第三季度)."""
    simple = fold_width(to_simplified(text))
    ranks: list[int] = []
    for backwards, run in _RANK_RUN.findall(simple):
        for raw in re.split(r"\s*[、,，和及]\s*第?", run):
            value = _numeral(raw)
            if value is not None and 0 < value <= 200:
                ranks.append(-value if backwards else value)
    for top in _RANK_TOP.findall(simple):
        value = _numeral(top)
        if value is not None and 0 < value <= 20:
            ranks.extend(range(1, value + 1))
    if _RANK_LAST.search(simple):
        ranks.append(-1)
    if _RANK_FIRST.search(simple):
        ranks.append(1)
    return tuple(dict.fromkeys(ranks))


def read_issues(text: str) -> tuple[tuple[int, str], ...]:
    """Numbered issues a text names: 第9期 → (9, "期"), 第十五届 → (15, "届"), 首轮 → (1, "轮")."""
    simple = fold_width(to_simplified(text))
    found = []
    for match in sorted([*_ISSUE.finditer(simple), *_FIRST_ISSUE.finditer(simple)], key=lambda m: m.start()):
        number, kind = match.groups() if match.re is _ISSUE else ("1", match.group(1))
        value = int(number) if number.isdigit() else _cn_number(number)
        if value is not None:
            found.append((value, kind))
    return tuple(dict.fromkeys(found))


def quarter_of(month: int) -> int:
    """The quarter a month falls in (7月 → 3)."""
    return (month - 1) // 3 + 1


def read_quarters(text: str) -> tuple[int, ...]:
    simple = fold_width(to_simplified(text))
    quarters = []
    for cn, digit in _QUARTER.findall(simple):
        raw = cn or digit
        quarters.append(int(raw) if raw.isdigit() else "一二三四".index(raw) + 1)
    return tuple(dict.fromkeys(quarters))


TIME_TEXT = re.compile(
    r"(?:(?:(?:19|20)?\d{2}|[〇零一二三四五六七八九]{4})\s*年(?:度)?\s*)?(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?"
    r"|(?:(?:19|20)?\d{2}|[〇零一二三四五六七八九]{4})\s*年(?:度)?|第?(?<!同)[一二三四1-4]季度|[Qq][1-4]"
)


# A year named from the year a text is written in (去年, 今年以来, 明年): its step from that year.
# Not a year compared with (较去年, 比上年, 与去年相比, 去年同期): the sentence reports another year.
_YEAR_STEPS = {"前年": -2, "去年": -1, "上年": -1, "上一年": -1, "今年": 0, "本年": 0, "年内": 0, "明年": 1}
# (年内 after a count is a span: 三年内.)
_RELATIVE_YEAR = re.compile(
    r"(?<![较比与和同\d一二两三四五六七八九十几数多])(前年|去年|上一?年|今年|本年|年内|明年)(?!度?同期)"
)


# A line that dates the document: "（2025年2月21日）" under a title or alone over a signature, a
# body and its date on one line ("市创文办　2025年5月30日", "（中共红塔区委创文办  2025.7.4）"), a page's
# "发布时间：2025-07-09 11:25　来源：…", the month of writing alone on its line.
_DAY = r"[\d一二三四五六七八九十]{1,3}"
_WRITTEN_DATE = rf"((?:19|20)\d{{2}}|[〇零一二三四五六七八九]{{4}})\s*(?:年\s*{_DAY}\s*月\s*{_DAY}\s*日|[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?!\d))"
_WRITTEN_ON = re.compile(
    rf"^[（(]?\s*(?:(?:发布|成文|印发|发文)?(?:时间|日期)\s*[:：]\s*)?{_WRITTEN_DATE}\s*[)）]?(?:\s|来源|$)"
    rf"|^[（(]?[^，,。；;：:\s]{{2,30}}\s+{_WRITTEN_DATE}\s*[)）]?$"
    r"|^[（(]?((?:19|20)\d{2})\s*年\s*(?:1[0-2]|0?[1-9])\s*月[)）]?$"  # a month alone: "2025年2月" over a speech
)


def written_year(text: str) -> int | None:
    """The year a document was written in, from a line that dates it among its first or last lines."""
    lines = nonblank_lines(text)
    # only the lines read are converted (not the whole document, as each document's profile reads it)
    for line in (*lines[:15], *reversed(lines[-6:])):
        if found := _WRITTEN_ON.match(fold_width(to_simplified(line))):
            return _year_value(next(group for group in found.groups() if group))
    return None


def relative_years(text: str) -> tuple[int, ...]:
    """The steps from the year of writing that ``text`` names its years by (去年 → -1, 今年 → 0)."""
    simple = fold_width(to_simplified(text))
    return tuple(dict.fromkeys(_YEAR_STEPS[word] for word in _RELATIVE_YEAR.findall(simple)))


def dated_years(text: str, written: int | None) -> tuple[int, ...]:
    """The years ``text`` names, its relative ones (去年) counted from ``written``, the year it was
    written in (none of those when that year is unknown)."""
    relative = (written + step for step in relative_years(text)) if written is not None else ()
    return tuple(dict.fromkeys((*read_years(text), *relative)))


# A period named relative to another (上个月, 前年, 上季度) and the step it takes from it.
RELATIVE_PERIOD = re.compile(r"上一?个?月|下一?个?月|去年|前年|明年|上一?年|上一?个?季度|下一?个?季度")
_STEPS = (("月", "month"), ("季", "quarter"), ("年", "year"))


# An issue named relative to another (上一期, 下一周, 上届).
RELATIVE_ISSUE = re.compile(rf"[上下]一?(?:{_ISSUE_KINDS})(?!期)")  # not 上一周期 (the last cycle)


def shifted_issue(relative: str, previous: str) -> str | None:
    """The issue ``relative`` names, counted from the one of its kind ``previous`` names ("上一周"
    after "第25周…" → "第24周"); None when ``previous`` names no single issue of that kind."""
    kind = relative[-1]
    numbers = [n for n, k in read_issues(previous) if k == kind]
    if len(numbers) != 1:
        return None
    number = numbers[0] + (1 if relative[0] == "下" else -1)
    return f"第{number}{kind}" if number >= 1 else None


def shifted_period(relative: str, previous: str) -> str | None:
    """The period ``relative`` names, counted from the one ``previous`` names and written as it
    writes it ("上个月" after "24年10月…" → "9月", "前年" after "24年…" → "22年", "上季度" after
    "Q3…" → "Q2"); None when ``previous`` names no such period or the step leaves the year."""
    kind = next(k for mark, k in _STEPS if mark in relative)
    step = -2 if relative == "前年" else 1 if relative[0] in "下明" else -1
    simple = fold_width(to_simplified(previous))
    if kind == "month":
        months = read_months(simple)
        month = months[0] + step if len(months) == 1 else 0
        return f"{month}月" if 1 <= month <= 12 else None
    if kind == "quarter":
        quarters, written = read_quarters(simple), QUARTER_TEXT.search(simple)
        quarter = quarters[0] + step if len(quarters) == 1 and written else 0
        if not 1 <= quarter <= 4 or written is None:
            return None
        text = written.group(0)
        if text[0] in "Qq":
            return f"{text[0]}{quarter}"
        return f"{'第' if text.startswith('第') else ''}{'一二三四'[quarter - 1]}季度"
    years, written = read_years(simple), YEAR_TEXT.search(simple)
    if len(years) != 1 or written is None:
        return None
    year = years[0] + step
    return f"{year}年" if re.match(r"(?:19|20)\d{2}", written.group(0)) else f"{year % 100:02d}年"


# A run of months a figure may sum (1—5月, 4月1日至6月30日, 前五个月, 二季度, 上半年): a span, not a month.
_SPAN = re.compile(
    rf"(?<![\d.])({_MONTH_NUMBER})\s*(?:月份?(?:\s*\d{{1,2}}\s*[日号])?)?\s*[—–\-~～至到]\s*({_MONTH_NUMBER})\s*月"
)
_FIRST_MONTHS = re.compile(r"前\s*([一二三四五六七八九十\d]{1,3})\s*个?月")


def quarter_months(quarter: int) -> range:
    """The months of a quarter (2 → 4, 5, 6)."""
    return range(3 * quarter - 2, 3 * quarter + 1)


def read_month_spans(text: str) -> list[tuple[str, range]]:
    """The spans of months a text gives figures for, as written and as the months they hold:
    ranges (1—5月, 4月1日至6月30日), the first months (前5个月), quarters and halves of a year."""
    simple = fold_width(to_simplified(text))
    spans: list[tuple[str, range]] = []
    for found in _SPAN.finditer(simple):
        first, last = (int(g) if g.isdigit() else _cn_number(g) for g in found.groups())
        if first is not None and last is not None and 1 <= first < last <= 12:
            spans.append((found.group(0), range(first, last + 1)))
    for found in _FIRST_MONTHS.finditer(simple):
        count = _numeral(found.group(1))
        if count is not None and 1 < count <= 12:
            spans.append((found.group(0), range(1, count + 1)))
    for found in _QUARTER.finditer(simple):
        raw = found.group(1) or found.group(2)
        quarter = int(raw) if raw.isdigit() else "一二三四".index(raw) + 1
        spans.append((found.group(0), quarter_months(quarter)))
    for found in HALF.finditer(simple):
        spans.append((found.group(0), range(1, 7) if found.group(0) == "上半年" else range(7, 13)))
    return spans
