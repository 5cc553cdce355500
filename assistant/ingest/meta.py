"""Per-document metadata derived from the text (title, years, place, body, kind, period),
overridable by a sidecar ``NAME.meta.json`` or an entry in ``meta.yaml`` of the root
(:mod:`assistant.ingest.meta_overrides`).

Real documents are page openings: a site header (来源, 时间, 索引号 …) before the title, the
year on the line above the title, no title at all, another body quoted in the first
sentence. The title is the first line that reads as one; the body is the one that signs or
publishes the document before the ones it mentions; the years are those of the title, then
the most named ones outside quoted document names (《…》)."""

from __future__ import annotations

import re
from collections import Counter

from assistant.divisions import city_above, finest, lies_below_a_city, place_level, place_stem
from assistant.ingest.clean import HOST_LINE
from assistant.ingest.titles import DATE_LINE_ANY_NUMERALS, YEAR, derive_title
from assistant.models import DocumentMeta
from assistant.periods import read_title_years
from assistant.places import divisions_in_full, places_known_in, read_places
from assistant.text import fold_width, nonblank_lines, to_simplified

_PLACE = r"(?:[^\s，,。、；：:“”《》\d]{0,6}?[省市区县])?"
# (pattern on Simplified text, canonical body). Longest, most specific first.
BODIES: list[tuple[str, str]] = [
    (r"中央文明办|中央精神文明建设指导委员会办公室", "中央文明办"),
    (_PLACE + r"创城办|" + _PLACE + r"创文办|" + _PLACE + r"创城指挥部", "创城办"),
    (_PLACE + r"(?:精神)?文明(?:建设指导委员会)?办(?:公室)?", "文明办"),
    (_PLACE + r"文明委", "文明委"),
    (_PLACE + r"城市公用事业服务中心", "城市公用事业服务中心"),
    (
        _PLACE + r"城市(?:综合)?管理(?:工作)?领导小组(?:办公室)?|" + _PLACE + r"城管工作领导小组(?:办公室)?",
        "城管领导小组",
    ),
    (_PLACE + r"城市管理(?:和|与)?(?:综合)?(?:行政)?(?:执法)?局", "城管局"),
    (_PLACE + r"城管(?:执法)?局", "城管局"),
    (_PLACE + r"城市管理(?:综合)?(?:行政)?执法(?:大队|队)|" + _PLACE + r"城管执法大队", "城管执法队"),
    (_PLACE + r"市容管理科", "市容管理科"),
    (_PLACE + r"住(?:房和城乡)?建(?:设)?(?:局|厅)", "住建局"),
    (_PLACE + r"人民政府(?:办公室|办公厅)?|" + _PLACE + r"政府办(?:公室)?", "政府"),
    (r"[县市区]委(?:书记|办公室)?", "党委"),
]
_BODY_KINDS = {
    "中央文明办": "文明办",
    "创城办": "文明办",
    "文明办": "文明办",
    "文明委": "文明办",
    "城市公用事业服务中心": "城管",
    "城管领导小组": "城管",
    "城管局": "城管",
    "城管执法队": "城管",
    "市容管理科": "城管",
    "住建局": "住建",
    "政府": "政府",
    "党委": "党委",
}

# Document kinds, tried in order on the title, then on the opening.
KINDS: list[tuple[str, str]] = [
    (
        r"测评体系|测评(?:细则|标准|指标)|考核(?:细则|办法|标准)|(?:评分|评价|考评)(?:细则|标准|办法)|操作手册|建设标准|考察标准|实地要求|测评方案",
        "测评体系",
    ),
    (r"应知应会|知识问答|知识竞赛|问答", "知识问答"),
    (r"讲\s*话|致辞|党课", "讲话"),
    (r"总结.{0,12}(?:计划|安排|打算|思路|要点)", "总结及计划"),
    (r"督查|督导|暗访|交叉检查|巡查", "督查通报"),
    (r"排名|成绩|综合评价情况|评估结果|考评结果|测评结果|考核结果|指数|得分|评比", "考评通报"),
    (r"实施方案|工作方案|活动方案", "实施方案"),
    (r"总结|工作情况|汇报", "工作总结"),
    (r"计划|要点|安排|方案", "工作计划"),
]
_NEWS = re.compile(r"记者|通讯员|讯[(（\s]|本网讯|日电|报道|新华社|日报|晚报|快报")
ASSESSMENT_KINDS = frozenset({"测评体系"})

_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*[~～\-—–至到]\s*((?:19|20)\d{2})\s*年")
_QUOTED = re.compile(r"《[^《》]{0,80}》")
_DISCLOSED_BODY = re.compile(r"(?:发布机构|发文机关|信息来源|来源)\s*[:：丨|]\s*([^\s:：]{2,30})")
_LED_BY = re.compile(r"在[^，,。；]{0,40}(?:领导|指导|关心|支持)下|根据[^。；]{0,60}?(?:精神|要求|部署|指示|安排|通知)")
# The line a notice or report opens with naming those it is sent to (主送机关: "各县（市、区）文明办，
# 市直各单位：", "市人民政府："): bodies that receive it, not the one that issues it.
_ADDRESSEE_LINE = re.compile(
    r"^[^。！？；:：\n]{2,80}(?:局|办|委|政府|单位|部门|中心|街道|办事处|管委会|领导小组|指挥部|公司)[：:][ \t　]*$",
    re.MULTILINE,
)
_DATELINE = re.compile(r"(?:新华社|中新社|人民网|新华网)?[\u4e00-\u9fff]{2,4}\s*\d{1,2}\s*月\s*\d{1,2}\s*日电")


def body_kind(body: str) -> str:
    """The kind of office a canonical body is: 文明办, 城管, 住建, 政府, 党委 (or "")."""
    return _BODY_KINDS.get(body, "其他" if body else "")


def derive_years(title: str, head: str) -> list[int]:
    """The years a document is about: its title's, then the most named in its opening outside
    quoted document names (a notice about 2023 citing 《2022年…方案》), ranges counted whole."""
    title_s = fold_width(to_simplified(title))
    years = list(read_title_years(title_s))
    for first, last in _YEAR_RANGE.findall(title_s):
        years += [y for y in (int(first), int(last)) if y not in years]
    body = _QUOTED.sub(" ", fold_width(to_simplified(head)))
    counts = Counter(int(y) for y in YEAR.findall(body))
    for first, _last in _YEAR_RANGE.findall(body):
        counts[int(first)] += 1
    years += [y for y, _ in counts.most_common() if y not in years]
    return years[:4]


def _signature_body(text: str) -> str:
    """The body signing the document: the line above its closing date line."""
    lines = nonblank_lines(text[-300:])[:100]
    for i in range(len(lines) - 1, 0, -1):
        if DATE_LINE_ANY_NUMERALS.match(lines[i]) and len(lines[i - 1]) <= 30:
            return lines[i - 1]
    return ""


# Words of the sentence before a body of the document's own place ("记者从市文明办获悉", "6月份市文明办",
# "今年通过省文明办") and item numbering ("(一)县城市管理…"): not part of its name.
_BODY_LEAD = re.compile(
    r"^.*(?:(?:从|据|向|经|通过|份|讯|获悉|记者)(?=[省市区县])|(?:记者从|按照|根据|依据)(?=[^，,。]{0,5}[省市区县]))"
    r"|^[(（][一二三四五六七八九十\d]+[)）]"
)


def derive_body(title: str, text: str) -> tuple[str, str]:
    """(canonical, as written) issuing body: the disclosure header's 发布机构, the signature,
    the title's, else the first one the opening names outside quotations."""
    head = to_simplified(text[:600])
    sources = []
    disclosed = _DISCLOSED_BODY.search(head)
    if disclosed:
        sources.append(disclosed.group(1))
    # Quotations, quoted document names, "在市委市政府…领导下" and the addressees name other bodies than the issuer.
    opening = _LED_BY.sub(" ", _QUOTED.sub(" ", re.sub(r"“[^”]{0,40}”", " ", _ADDRESSEE_LINE.sub(" ", head))))
    sources += [_signature_body(to_simplified(text)), _LED_BY.sub(" ", to_simplified(title)), opening]
    for source in sources:
        if not source:
            continue
        matches = [
            (m.start(), m.group(0), canonical)
            for pattern, canonical in BODIES
            for m in [re.search(pattern, source)]
            if m
        ]
        if matches:
            _, written, canonical = min(matches)
            written = _BODY_LEAD.sub("", written)
            return canonical, written.lstrip("在由对和与及的将我现据年月日")
    return "", ""


def derive_kind(title: str, text: str) -> str:
    """The kind its title names; else a news report's; else the kind its headings (a summary
    part and a plan part) or its opening words name most often."""
    for pattern, name in KINDS:
        if re.search(pattern, to_simplified(title)):
            return name
    head = to_simplified(text[:300])
    if _NEWS.search(head):
        return "新闻报道"
    headings = [line for line in to_simplified(text).split("\n") if re.match(r"^[一二三四五六七八九十]+、", line)]
    if any(re.search(r"计划|打算|思路|安排", h) for h in headings) and any(
        re.search(r"工作|情况|成效|总结|做法", h) for h in headings[:1]
    ):
        return "总结及计划"
    counts = Counter({name: len(re.findall(pattern, head)) for pattern, name in KINDS})
    name, count = counts.most_common(1)[0]
    return name if count else ""


# The page speaks as its host where it writes 我区 (我县, 我市, 我镇): the host's own news.
_SPEAKS_AS = re.compile(r"我(区|县|市|镇)")


def _host_place(text: str, host: str) -> str:
    """The place of the host its footer names (``host``, from a footer cleaning removed, else one
    left at its end), where the page speaks as that host ("我区…" on a district's site), or ""."""
    simple = to_simplified(text)
    if not host and (left := HOST_LINE.search(simple[-400:])):
        host = left.group(1)
    places = (read_places(host) or divisions_in_full(host)) if host else ()
    spoken = {m.group(1) for m in _SPEAKS_AS.finditer(simple)}
    return finest(places)[0] if places and places[0][-1] in spoken else ""


def derive_place(title: str, body_full: str, text: str, host: str = "") -> str:
    """The place a document is about: named in its title (the finest there: 北麓区 of 枫岙市北麓区),
    its body, the host of its site where the page speaks as that host (我区), or most often in its
    opening. Names beyond the national list count where the
    document writes them as places (栖川市)."""
    known = places_known_in([text], min_count=1)
    for source in (title, body_full):
        places = read_places(_DATELINE.sub(" ", _QUOTED.sub(" ", source)), known)
        if places:
            return finest(places)[0]
    if hosted := _host_place(text, host):
        return hosted
    opening = _DATELINE.sub(" ", _QUOTED.sub(" ", to_simplified(text[:400])))
    counts = Counter(read_places(opening, known))
    if not counts:
        return ""
    # A document of the whole city (在全市…大会上的讲话, its districts ranked) names its districts, not
    # itself: it is the city's that they all lie in, unless it names another city too.
    districts = [p for p in counts if lies_below_a_city(p)]
    city = city_above(districts)
    others = [p for p in counts if p not in districts and place_level(p) <= 2 and place_stem(p) != place_stem(city)]
    if city and not others and (len(districts) >= 2 or "全市" in to_simplified(title)):
        return city
    # the most named; between equals, the coarser (a city over the district it names in passing)
    return max(counts, key=lambda p: (counts[p], -place_level(p)))


def derive_meta(text: str, title_hint: str = "", host: str = "") -> DocumentMeta:
    """Best-effort metadata from a document's own words."""
    head = text[:600]
    title = title_hint or derive_title(text)
    years = derive_years(title, head)
    body, body_full = derive_body(title, text)
    kind = derive_kind(title, text)
    title_s = to_simplified(title)
    period = ""
    if "上半年" in (title_s or head[:200]):
        period = "上半年"
    elif "下半年" in title_s:
        period = "下半年"
    elif re.search(r"全年|年度|\d{4}年(?:度)?(?:工作)?总结", title_s):
        period = "全年"
    place = derive_place(title, body_full, text, host)
    if not title:
        named = kind if kind and kind != "新闻报道" else "文件"
        parts = [body_full or body, f"{years[0]}年" if years else "", period, named]
        title = "".join(p for p in parts if p) or text.split("\n", 1)[0][:30]
    return DocumentMeta(title=title, years=years, body=body, body_full=body_full, kind=kind, period=period, place=place)
