"""A document's title as a reader would cite it, read from its opening lines: not the site's
furniture, menu or name, not a letterhead's body and date, not a document number, and joined
to the year alone on the line above it or to its first half on a short line above."""

from __future__ import annotations

import re

from assistant.ingest.wraps import DOCUMENT_NUMBER_LINE
from assistant.text import nonblank_lines, to_simplified

_OPENING_LINES = 12  # the lines a title is looked for among
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TITLE_WORDS = re.compile(
    r"总结|计划|汇报|报告|讲话|方案|体系|手册|标准|要点|情况|意见|通知|通报|细则|办法|评价|测评|考核|整治|创建|排名|成绩|出炉"
    r"|台账|清单|分解表"
)
# Site furniture: header lines that are not the title.
_FURNITURE = re.compile(
    r"^(?:来源|时间|日期|发布|发布日期|发布时间|发文日期|生成日期|公开日期|信息来源|信息分类|索引号|索\s*引\s*号|文号|主题词|"
    r"时效|点击|浏览|编辑|作者|字号|分享|打印|关闭|法定主动公开|公开方式|文件编号|废止日期|【|前言|\*\s*(?:来源|作者|发表)|"
    r"主办|承办|协办|主管单位|版权|技术支持|联系电话|联系我们|网站标识码|网站地图)"
)
# A site's menu ("铁岭文明网　首页 | 文明创建 | 志愿服务", "首页 > 新闻中心 > 部门动态", "首页　　政务公开　　新闻中心"):
# 首页 and two separators.
_SITE_MENU = re.compile(r"首页(?:.*?(?:[|｜丨>›»]|[\u3000 ]{2,})){2}")
# Two fields set apart on one line: a letterhead ("某市人民政府办公室　　2025年5月16日", "某市创城办　　督查情况反馈")
# or a running head ("某市政府工作报告（摘录）　　第3页"), not a title nor half of one.
_FIELDS_APART = re.compile(r"(?<=\S)(?:\u3000{2,}|[\u3000 ]{3,})(?=\S)")
_YEAR_LINE = re.compile(r"(?:19|20)\d{2}\s*年?(?:度)?")  # a year alone on a line ("2023", "2024年度")
# The line a news page dates and sources its headline with ("发布时间：2024-12-05 09:30　来源：…").
_DATELINE_BELOW = re.compile(
    r"^(?:发布时间|发布日期|发布|时间|日期|来源|信息来源)\s*[:：]|^(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
)
_DISCLOSED_TITLE = re.compile(r"(?:信息名称|标\s*题|内容概[览述])\s*[:：]\s*(.{4,80})")
# A date alone on its line, in Arabic or Chinese numerals (二〇二五年一月十五日); `wraps.DATE_LINE` reads Arabic only.
DATE_LINE_ANY_NUMERALS = re.compile(
    r"^[（(]?\s*(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*[)）]?$"
)
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)[、.．]|^[（(]")


def _is_title(line: str) -> bool:
    simple = to_simplified(line)
    return (
        4 <= len(line) <= 60
        and not re.search(r"[。；;]", line)  # a line ending a sentence is the text's, not a title
        and not line.endswith(("，", ",", "：", ":"))
        and not _NUMBERED.match(line)
        and not _FURNITURE.match(simple)
        and not _SITE_MENU.search(simple)
        and not DATE_LINE_ANY_NUMERALS.match(line)
        and not _YEAR_LINE.fullmatch(line)  # the year above a title, not one
        and not re.match(r"^[年月日号》)）的之]|^(?:图说|图为|摄影|图片)", line)
        and not re.search(r"[？?]$", line)  # an interviewer's question, not the page's headline
        and not re.match(r"^(?:记者|问|答|主持人)[：:]", simple)
        and not re.search(r"[A-Z]?\d{1,3}\s*版", line)  # a newspaper's masthead (第03版, A3版), not 2017年版
        and not re.search(r"[:：].*\d|[，,].*\d|\d.*[，,]", line)  # "第一名:中心城区,得分91.26分" states a value
        and simple.count("《") >= simple.count("》")
        and not re.search(r"\d{4}-\d{1,2}-\d{1,2}", line)
        and not DOCUMENT_NUMBER_LINE.match(line)
        and not re.fullmatch(r"[\u4e00-\u9fff]{2,10}(?:网|网站|门户网站)", simple)  # the site's name (某某文明网)
    )


def _is_headline(line: str) -> bool:
    simple = to_simplified(line)
    return (
        4 <= len(line) <= 60
        and not re.search(r"[。；;]", line)
        and not _FURNITURE.match(simple)
        and not _SITE_MENU.search(simple)
        and not _DATELINE_BELOW.match(simple)
    )


def derive_title(text: str) -> str:
    """The title a reader would cite: a disclosure header's 信息名称, else the first line among
    the opening ones that reads as a title (a year alone on the line above is joined to it)."""
    lines = nonblank_lines(text)[:_OPENING_LINES]
    for line in lines:
        found = _DISCLOSED_TITLE.search(to_simplified(line))
        if found:
            return line[found.start(1) : found.start(1) + len(found.group(1))].strip()
    # A news page's headline sits right above the line that dates it, though it may state a value
    # ("…“成绩单”出炉：注册志愿者突破52万人").
    above_dateline = {i for i in range(min(7, len(lines) - 1)) if _DATELINE_BELOW.match(to_simplified(lines[i + 1]))}
    # The first line, of two fields set apart, is a running head that names the document by its
    # first field if that reads as a title with a title's word ("某市政府工作报告（摘录）　　第3页");
    # a letterhead's body and date do not.
    heads = [_FIELDS_APART.split(line, maxsplit=1)[0] for line in lines]
    apart = {i for i, line in enumerate(lines) if heads[i] != line}
    titled = [
        i
        for i, line in enumerate(lines[:8])
        if (i not in apart and (_is_title(line) or (i in above_dateline and _is_headline(line))))
        or (i == 0 and i in apart and _is_title(heads[i]) and _TITLE_WORDS.search(to_simplified(heads[i])))
    ]
    if not titled:
        return ""
    index = next((i for i in titled if _TITLE_WORDS.search(to_simplified(heads[i]))), titled[0])
    if index > 0 and _YEAR_LINE.fullmatch(heads[index - 1]) and not YEAR.search(heads[index]):
        return f"{heads[index - 1]}{heads[index]}"  # "2021年" above "城市管理局工作总结"
    # A title broken over two short lines ("宜昌市2023年二季度县(市)" / "城市综合管理工作评估结果出炉")
    previous = heads[index - 1] if index > 0 else ""
    if (
        previous
        and index - 1 in titled
        and index - 1 not in apart
        and len(previous) + len(heads[index]) <= 50
        and not _TITLE_WORDS.search(to_simplified(previous))
        and re.search(r"[省市区县]|\d{4}", previous)
    ):
        return previous + heads[index]
    return heads[index]
