"""Clean extracted report text for display and indexing.

What real input carries (see the seeds): site boilerplate lines, ``##paidbegin##``
markers, page numbers glued mid-sentence by PDF extraction (``…提\\n3、示牌…``),
spaces inside words (``工 作计划``), documents pasted twice, several articles in one
file, and headings run together into one long paragraph. Cleaning removes the noise
and keeps everything else as the source wrote it."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from assistant.ingest.cell_tables import merge_continuation_rows, rebuild_numbered_cell_tables
from assistant.ingest.page_marks import (
    remove_page_markers,
    remove_page_numbers,
    remove_repeated_blocks,
    remove_running_headers_in_tables,
)
from assistant.ingest.spaced_tables import rebuild_spaced_numbered_tables
from assistant.ingest.tab_tables import space_aligned_rows, tab_separated_rows
from assistant.ingest.wraps import (
    DATE_LINE,
    join_lines_within_paragraphs,
    join_wrapped_lines,
    join_wrapped_table_rows,
    rebuild_flattened_tables,
)
from assistant.text import CJK, compact, remove_cjk_spaces, to_simplified

CN_NUM = "一二三四五六七八九十"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u2060\ufeff\ufffe\uffff\ud800-\udfff]")
_MARKER = re.compile(r"#{2}\s*[A-Za-z_]{2,30}\s*#{2}")
# PDF fonts often map glyphs to Kangxi radicals (⾏政, ⼯作): they look like the ideographs
# but are other code points, so searches for 行政/工作 would miss them.
_KANGXI_RADICAL = re.compile("[\u2f00-\u2fd5]")
# Phrases of document-sharing sites and collections (matched on Simplified text).
_BOILERPLATE = re.compile(
    r"由会员分享|可在线阅读|珍藏版|免费下载|下载文档|文档下载|本文档|原创力文档|(?:文档|文库)上搜索|"
    r"精心挑选了数篇|供您阅读参考|为您带来启发|版权声明|转载请注明|点击查看"
)
# Phrases that reports use too ("在网上搜索舆情线索", "更多相关部门", "市民扫码关注公众号"):
# boilerplate only when two of them (or one with a phrase above) share a line.
_BOILERPLATE_WEAK = re.compile(r"更多相关|上搜索|扫码关注")
# Site names that such sites splice into sentences ("我老秘网市在2024年…").
WATERMARKS = ("老秘网", "课桌文档", "文秘帮", "范文大全网", "第一范文网", "公文易网")
# A site's menu or breadcrumb ("首页 | 政务公开 | 通知公告", "当前位置：首页 > 通知公告",
# "无障碍 | 长者模式 | 简 | 繁"): read as the title when it opens the page.
_SITE_NAVIGATION = re.compile(
    r"^\s*(?:网站)?首页(?:\s{2,}|\s*[|｜>＞»/])|^\s*(?:当前位置|您的位置|您现在的位置|您当前的位置|所在位置)\s*[:：]|^\s*无障碍\s*[|｜]"
)
# A web page's own furniture around the article: its tools (打印本页, 关闭窗口, 分享到, 字号：大 中 小)
# and its footer (版权所有, ICP备案, 网站标识码); a footer's contact line needs two of the weaker
# words (主办单位 … 联系电话), which a report's own sentence seldom holds together.
_PAGE_TOOLS = re.compile(
    r"ICP备|网站标识码|公网安备|版权所有|技术支持[:：]|打印本页|关闭窗口|返回顶部|【\s*(?:打印|关闭|我要纠错)\s*】|"
    r"分享到[:：]?|网站地图|访问量[:：]|(?:字号|字体)[:：]?\s*【?\s*大\s+中\s+小|建议使用.{0,24}(?:浏览|分辨率)"
)
# The site's host a page's footer names ("主办：三元区融媒体中心  技术支持：…").
HOST_LINE = re.compile(r"主办(?:单位)?\s*[：:]\s*([^\s　|｜]{2,30})")
_PAGE_FOOTER_WEAK = re.compile(r"主办单位|承办单位|主办[:：]|地址[:：]|联系电话|联系我们|邮编")
# The article's dateline (发布时间：2024-07-19  来源：市城管委  字号：大 中 小) stays for its date and source.
_DATELINE = re.compile(r"发布时间|发布日期|来源[:：]")
# A "related links" block at a page's end: its heading and the bulleted titles under it.
_RELATED_HEADING = re.compile(r"^\s*(?:相关链接|相关新闻|相关阅读|相关文章|延伸阅读|推荐阅读)\s*[:：]?\s*$")
_BULLET_LINE = re.compile(r"^\s*[·•●◆▪>＞\-－]\s*\S")
_TITLE_IN_BOILERPLATE = re.compile(r"《([^《》\n]{4,80}?)(?:\.(?:docx?|pdf|wps|txt))?》")

# In extracted text, a single space is noise unless it separates two Latin words or numbers.
_EXTRACTION_SPACE = re.compile(r"(?<![A-Za-z0-9]) (?! )|(?<! ) (?![A-Za-z0-9])")
_JUNK_LINE = re.compile(r"^[\s|｜\-_=*·•.。,，]*$")


@dataclass
class CleanedText:
    text: str
    notes: list[str] = field(default_factory=list)
    title_hint: str = ""
    host: str = ""  # the site's host a removed footer names ("主办：昭阳区融媒体中心"), for the page's place


def _remove_boilerplate_lines(text: str, notes: list[str]) -> tuple[str, str, str]:
    """The text without the site's furniture, the title a furniture line quotes, and the host its
    footer names."""
    title = host = ""
    kept = []
    in_related = False
    for line in text.split("\n"):
        if _RELATED_HEADING.match(line) or (in_related and _BULLET_LINE.match(line)):
            in_related = True
            notes.append(f"removed related-links line: {line[:40]}…")
            continue
        in_related = False
        if len(line) < 400 and _is_boilerplate(simple := to_simplified(line)):
            found = _TITLE_IN_BOILERPLATE.search(line)
            if found and not title:
                title = remove_cjk_spaces(found.group(1)).strip()
            if (named := HOST_LINE.search(simple)) and not host:
                host = named.group(1)
            notes.append(f"removed site boilerplate line: {line[:40]}…")
            continue
        kept.append(line)
    return "\n".join(kept), title, host


def _is_boilerplate(simple: str) -> bool:
    if (
        len(simple) < 200
        and (_PAGE_TOOLS.search(simple) or len(_PAGE_FOOTER_WEAK.findall(simple)) >= 2)
        and not _DATELINE.search(simple)
    ):
        return True
    return (
        bool(_BOILERPLATE.search(simple) or _SITE_NAVIGATION.match(simple))
        or len(_BOILERPLATE_WEAK.findall(simple)) >= 2
    )


def _remove_watermarks(text: str, notes: list[str]) -> str:
    for mark in WATERMARKS:
        if mark in text:
            notes.append(f"removed watermark '{mark}' ({text.count(mark)}×)")
            text = text.replace(mark, "")
    return text


def _has_extraction_spacing(text: str) -> bool:
    """PDF/Word extraction leaves a space every line-width inside words; prose rarely does."""
    cjk_chars = len(re.findall(f"[{CJK}]", text))
    gaps = len(re.findall(f"(?<=[{CJK}]) (?=[{CJK}])", text))
    return cjk_chars > 0 and gaps / cjk_chars > 0.005 and gaps >= 5


_INLINE_HEADING = re.compile(
    rf"(?<=[。；！？;!?\s])(?=[{CN_NUM}]{{1,3}}、)"
    rf"|(?<=[^\n“\"（(])(?=[（(][{CN_NUM}]{{1,3}}[)）])"
    rf"|(?<=[。；！？])(?=\d{{1,2}}[.．、][^\d])"
)


def break_inline_headings(text: str, min_line: int = 300) -> str:
    """Start a new line at each numbered heading inside a long run-on paragraph."""
    out = []
    for line in text.split("\n"):
        if len(line) >= min_line:
            line = _INLINE_HEADING.sub("\n", line)
            line = "\n".join(part.strip() for part in line.split("\n"))
        out.append(line)
    return "\n".join(out)


def clean_text(raw: str) -> CleanedText:
    """The display text of a document with extraction noise removed, plus notes on what went.
    Cleaning its own output changes nothing: a pass whose joins or removals open a new case
    for another step (a joined line long enough to break at its headings, a line left after a
    repeated block that continues the one above) is followed by another, up to three."""
    cleaned = _clean_once(raw)
    for _ in range(2):
        again = _clean_once(cleaned.text)
        if again.text == cleaned.text:
            break
        cleaned = CleanedText(
            again.text, cleaned.notes + again.notes, cleaned.title_hint or again.title_hint, cleaned.host or again.host
        )
    return cleaned


def _clean_once(raw: str) -> CleanedText:
    notes: list[str] = []
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if _KANGXI_RADICAL.search(text):
        text = _KANGXI_RADICAL.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
        notes.append("replaced Kangxi radicals left by PDF fonts with the ideographs they stand for")
    text = tab_separated_rows(text, notes)
    text = space_aligned_rows(text, notes)
    text, title_hint, host = _remove_boilerplate_lines(text, notes)
    markers = len(_MARKER.findall(text))
    if markers:
        text = _MARKER.sub("", text)
        notes.append(f"removed {markers} ##…## markers")
    text = _remove_watermarks(text, notes)
    text = remove_page_markers(text.strip("\n"), notes)
    text = remove_page_numbers(text, notes)
    text = remove_running_headers_in_tables(text, notes)
    text = rebuild_spaced_numbered_tables(text, notes)  # before spaces between words go: they part its cells
    if _has_extraction_spacing(text):
        text = _EXTRACTION_SPACE.sub("", text)
        notes.append("removed spaces inside words left by PDF/Word extraction")
    if title_hint and text.startswith(title_hint) and text[len(title_hint) : len(title_hint) + 1] not in ("\n", ""):
        text = title_hint + "\n" + text[len(title_hint) :]  # title glued to the first sentence
    # Headings are broken out of run-on paragraphs and blank/junk lines dropped *before*
    # looking for repeats, so a copy pasted inside a run-on paragraph is found the first
    # time (cleaning its own output again then finds nothing new).
    text = break_inline_headings(text)
    text = rebuild_numbered_cell_tables(text, notes)
    text = merge_continuation_rows(text, notes)
    text = rebuild_flattened_tables(text, notes)
    text = join_lines_within_paragraphs(text, notes)
    # A run-on paragraph is prose however long; once broken at its headings, a piece that is
    # a site line by the rule above goes too (or cleaning this output again would drop it).
    text, _, _ = _remove_boilerplate_lines(text, notes)
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line and not _JUNK_LINE.match(line)]
    # Joined once the blank and junk lines are gone, so that cleaning its own output joins nothing more.
    text = join_wrapped_table_rows("\n".join(lines), notes)
    text = join_wrapped_lines(text, notes)
    text = remove_repeated_blocks(text, notes)
    return CleanedText(text, notes, title_hint, host)


def split_articles(text: str, min_article: int = 300) -> list[str]:
    """Split a file that holds several articles (a byline block with a date line starts each).

    Returns the text unchanged as one item when there is only one article."""
    lines = text.split("\n")
    starts = []
    for i, line in enumerate(lines):
        if DATE_LINE.match(line.strip()):
            begin = i
            while begin > 0 and len(lines[begin - 1]) <= 30 and i - begin < 3:
                begin -= 1
            starts.append(begin)
    # A date line with little text after it (before the next one) is a sign-off ("咸宁市…办公室
    # 2023年7月12日" closing a notice), not the byline of a new article.
    ends = [*starts[1:], len(lines)] if starts else []
    starts = [s for s, e in zip(starts, ends, strict=True) if len(compact("".join(lines[s:e]))) >= min_article // 3]
    if not starts:
        return [text]
    boundaries = [0] + [s for s in starts if s > 0] + [len(lines)]
    articles = ["\n".join(lines[a:b]) for a, b in itertools.pairwise(boundaries) if a < b]
    # A short preamble before the first byline belongs to the first article.
    merged: list[str] = []
    for article in articles:
        if merged and len(compact(merged[-1])) < min_article:
            merged[-1] = merged[-1] + "\n" + article
        else:
            merged.append(article)
    return [a for a in merged if a.strip()]
