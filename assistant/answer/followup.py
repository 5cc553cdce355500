"""Resolve a follow-up ("那6月份呢？", "第三名呢？", "那排最后的是谁？") against the previous
user question, into a question that stands on its own.

* An elliptic follow-up names only what changes (a month, a place, a rank, a measure): that
  replaces its counterpart in the previous question, or is added to it.
* A follow-up with an ask of its own keeps it, and takes from the previous question the
  context it leaves out: the places, the period and the topic words."""

from __future__ import annotations

import re

from assistant.intent import Intent, classify
from assistant.periods import (
    ISSUE_KIND_CHARS,
    ISSUE_TEXT,
    MONTH_TEXT,
    ORDINAL,
    QUARTER_TEXT,
    RELATIVE_ISSUE,
    RELATIVE_PERIOD,
    TIME_TEXT,
    YEAR_TEXT,
    shifted_issue,
    shifted_period,
)
from assistant.places import divisions_written, is_domain_word, place_level, read_places
from assistant.question import read_question
from assistant.question_words import GENERIC, content_words
from assistant.text import fold_width, to_simplified

_PERIODS = ["上半年", "下半年", "全年", "一季度", "二季度", "三季度", "四季度"]
# "那" opens a follow-up ("那6月份呢？", "那排最后的是谁？"), except before a measure word, where it
# points at a document or event the question goes on to name ("那份督查通报…", "那次表彰里…").
_FOLLOWUP_START = re.compile(
    r"^(那么|那(?![个份次套篇期届场批项条])|那个(?:呢|$)|还有|另外|再|其中|这个|它|他们|该|里面)"
)
_FOLLOWUP_END = re.compile(r"(呢|的呢|怎么样|如何|咋样)[？?。.!！]*$")
# A rank opens a follow-up ("第三名呢？", "倒数第二是谁？"); an edition or issue (第四届, 第7期) does not.
_NOT_A_RANK_AFTER = rf"(?![\d一二两三四五六七八九十百{ISSUE_KIND_CHARS}次季条章节款项号])"
_RANK_START = re.compile(rf"(?:{ORDINAL.pattern}){_NOT_A_RANK_AFTER}")
_SHORT = 10  # characters: a question this short with no place or time of its own leans on the one before
_ASKS = re.compile(r"多少|几|哪|谁|什么|啥|是否|有没有|咋|如何|怎么|怎样|吗|还是|没有?[？?。]*$")
_SAME_PERIOD = re.compile(rf"同期|同月|同年|同季度|当月|当年|{RELATIVE_PERIOD.pattern}")
# A question that leans on the one before by its form, whatever its length: a comparison or a
# share with no subject ("比4月少了多少处？", "跟3月比是涨了还是跌了", "占全部问题的比例是多少"),
# an anaphor for the item just asked about ("这一项多少分？", "入选的那些人里…", "秦州区比这高多少",
# "对它提了啥整改要求"; not "A、B这些单位", 其它, or a 它 after a clause that names what it is), or a time
# counted from the previous question's ("明年…想到多少") or a comparison ("结案率跟全市平均比咋样")
# when it names no place or time itself.
_COMPARED_WITH = re.compile(r"(?:跟|和|与|同)[^，,？?]{1,8}比")  # "结案率跟全市平均比咋样"
_SUBJECTLESS = re.compile(
    rf"^(?:比(?![例重率])|占(?!道)|这)|^(?:{_COMPARED_WITH.pattern})|(?<![、，,])(?:那|这)些人|[比跟]这"
    r"|(?:^|[？?])[^，,？?]{0,8}(?<![其])它"
)
_RELATIVE_TIME = re.compile(rf"{RELATIVE_PERIOD.pattern}|{RELATIVE_ISSUE.pattern}")
_ITEM_POINTER = re.compile(r"(?:那|这)(?:项|个|条|块|部分)$")
_PERIOD_TEXT = re.compile(rf"{TIME_TEXT.pattern}|上半年|下半年")  # the when of a question, carried over
# A period named from today or from another: the when of a question as much as 2024年 is.
_RELATIVE_WHEN = re.compile(rf"{RELATIVE_PERIOD.pattern}|今年|本年|当年|本月|这个月|本季度|这个季度")
_WHEN = re.compile(f"{_PERIOD_TEXT.pattern}|{_RELATIVE_WHEN.pattern}")  # the whole when, carried over


# Words that say which side of a topic is asked (the plan or what was done), not a topic:
# "实际完成了多少？" after a question about a plan asks the same topic's result.
_ASPECT = frozenset(
    {"实际", "计划", "目标", "任务", "完成", "完成率", "预计", "落实", "达到", "做到", "实现", "评", "改", "建"}
)


def is_followup(question: str, previous: str = "") -> bool:
    """Starts or ends like a follow-up, or is a short fragment with no topic of its own."""
    q = fold_width(to_simplified(question.strip()))
    if _FOLLOWUP_START.search(q) or _ends_as_followup(q) or _RANK_START.match(q):
        return True
    if previous and _SUBJECTLESS.search(q):
        return True
    if len(q) <= 6 and not content_words(q):
        return True
    # A question whose only words are places ("奎文区具体有哪些？") asks the previous one's topic of them.
    words, places = content_words(q), read_places(q)
    if previous and words and places and all(any(w in p or p in w for p in places) for w in words):
        return True
    # A short question whose words only name a period or the plan/result side of the previous
    # question's topic ("23年计划评多少？", "上半年实际完成了多少？") is about that topic.
    before = set(content_words(previous)) if previous else set()
    own = [w for w in content_words(_PERIOD_TEXT.sub(" ", q)) if w not in _PERIODS]
    if previous and len(q) <= 12 and all(w in _ASPECT or w in before for w in own):
        return True
    # A short question that names no place and no time leans on the one before it.
    asked = read_question(q)
    anchored = asked.places or asked.years or asked.months or asked.quarters or asked.halves
    if previous and (_RELATIVE_TIME.search(q) or _COMPARED_WITH.search(q)) and not anchored:
        return True
    # Only what kind of answer is wanted, of no subject: "啥时候完成？哪个部门牵头", "哪个单位负责？期限呢".
    if previous and not anchored and words and all(_ROLE_OR_WHEN.fullmatch(w) for w in words):
        return True
    return len(q) <= _SHORT and not anchored


# Who is responsible for an item (牵头单位, 配合部门) or by when (啥时候, 期限): asked of the item the
# previous question named, when the question names nothing else.
_ROLE_OR_WHEN = re.compile(
    r"(?:牵头|负责|责任|主责|配合)(?:单位|部门)?|单位|部门|(?:啥|什么)?时候|何时|几时|时间|期限|时限|节点|截止|哪几?[个项条]?"
)


def _ends_as_followup(q: str) -> bool:
    """Ends in 呢 or 怎么样 as an elliptic follow-up does ("那厨余分出率呢？"), and not as the last
    part of a question that asks its own first part ("…有多少宗，结案率呢？") or that names its
    subject before asking how it went ("2023年上半年的考核成绩怎么样？")."""
    found = _FOLLOWUP_END.search(q)
    if not found:
        return False
    earlier_parts = re.split(r"[，,？?；;。]", q[: found.start()])[:-1]
    if any(_ASKS.search(part) for part in earlier_parts):
        return False
    return found.group(1).endswith("呢") or len(q) <= _SHORT  # 怎么样 closes only a short one


def _core(question: str) -> str:
    text = fold_width(to_simplified(question.strip()))
    text = _CLAUSE_NE.sub("", text)  # "垫底的呢，几分": the 呢 marks the ellipsis, not a word asked
    return _FOLLOWUP_END.sub("", _FOLLOWUP_START.sub("", text)).strip(" ，,？?。")


_CLAUSE_NE = re.compile(r"呢(?=[，,；;？?、\s])")


def _swap(previous: str, core: str) -> tuple[str, str]:
    """Replace in ``previous`` each slot (period, year, month, rank, place) that ``core`` names
    anew; returns the new question and what of ``core`` was not used."""
    resolved = previous
    if (relative := RELATIVE_PERIOD.search(core)) and (period := shifted_period(relative.group(0), previous)):
        core = core.replace(relative.group(0), period, 1)  # "上个月呢" after 10月 asks about 9月
    if (relative := RELATIVE_ISSUE.search(core)) and (issue := shifted_issue(relative.group(0), previous)):
        core = core.replace(relative.group(0), issue, 1)  # "上一周呢" after 第25周 asks about 第24周
    for pattern in (
        re.compile("|".join(_PERIODS)),
        _RELATIVE_YEAR,
        YEAR_TEXT,
        MONTH_TEXT,
        QUARTER_TEXT,
        ISSUE_TEXT,
        _RANK_OR_EXTREME,
    ):
        new = pattern.findall(core)
        old = pattern.findall(resolved)
        if new and old:
            resolved = resolved.replace(old[0], "、".join(_as_rank(v, old[0]) for v in new), 1)
            for value in new:
                core = core.replace(value, "", 1)
    new_places = read_places(core) or tuple(_PLACE_FRAGMENT.findall(core)) or _only_a_division(core)
    old_place = _counterpart(resolved, new_places[0]) if new_places else None
    if new_places and old_place:
        resolved = resolved.replace(old_place, "、".join(new_places), 1)
        for place in new_places:
            core = core.replace(place, "", 1)
    return resolved, core.strip(" ，,、的")


# A follow-up fragment that is only a place name (白沙区呢？): its division word says so even when
# the name is not one the gazetteer knows.
_DIVISIONS = ("街道", "区", "县", "镇", "乡")
_PLACE_FRAGMENT = re.compile(
    rf"^[\u4e00-\u9fff]{{2,5}}?(?<![小社园景城片街校辖市库商])(?:{'|'.join(_DIVISIONS)})$"
)  # not 老旧小区, 示范社区, 核心景区: kinds of places, not a place's name


def _only_a_division(core: str) -> tuple[str, ...]:
    """A fragment that is wholly a division's name or stem ("包头", "岳阳": jieba tags many city
    stems as a verb or a person's name, so they are not read as places by their tags)."""
    return (core,) if divisions_written(core) == (core,) else ()


# A rank or the top or bottom of a ranking: "最低的呢" after "谁第一" asks the other end.
_RELATIVE_YEAR = re.compile(r"今年|去年|明年|前年|本年度|上年度")  # "今年目标呢" after "去年拆违多少": 今年 for 去年
_RANK_OR_EXTREME = re.compile(rf"(?:{ORDINAL.pattern}){_NOT_A_RANK_AFTER}|最[高低多少好差]")


_RANK_WITH_MEASURE = re.compile(rf"(?:{_RANK_OR_EXTREME.pattern})[个名位家项条]?")


def _as_rank(extreme: str, previous: str) -> str:
    """最低 in place of a rank asked before ("谁第一" → "最低的呢") asks the last rank, 最高 the first."""
    if not ORDINAL.fullmatch(previous) or ORDINAL.fullmatch(extreme):
        return extreme
    return "最后一名" if extreme[-1] in "低少差" else "第一名"


_NOT_IN_A_NAME = re.compile(r"[年月季度期届第的之里和与及在是对各全本该市县区镇乡]")


def _counterpart(previous: str, place: str) -> str | None:
    """The place of ``previous`` that ``place`` takes the place of: one of the same kind (区 for
    区, 街道 for 街道), read as a place or else of the same length, else the last one of the
    same level (a county for a county: 当阳 for 秭归县, 滨海区 for 寿光市), else the last place
    it names."""
    suffix = next((s for s in _DIVISIONS if place.endswith(s)), "")
    places_read = read_places(previous)
    read = [p for p in places_read if p != place and p.endswith(suffix)] if suffix else []
    if read:
        return read[-1]  # 周路口街道 for 珠山街道, whatever the lengths of their names
    if suffix:
        stem = len(place) - len(suffix)
        same: list[str] = [
            m
            for m in re.findall(rf"[\u4e00-\u9fff]{{{stem}}}{suffix}", previous)
            if m != place and not _NOT_IN_A_NAME.search(m[:stem])
        ]
        if same:
            return str(same[-1])
    known = list(dict.fromkeys([*places_read, *divisions_written(previous)]))
    level = place_level(place)
    at_level = [p for p in known if place_level(p) == level and p != place]
    chosen = at_level or known
    return chosen[-1] if chosen else None


def _asked_phrase(previous: str, item: str) -> str | None:
    """The words of ``previous`` right before its ask ("结案率" of "…结案率占多少分") that a
    follow-up naming another item of the same list (返工率那项呢？) replaces: the run of content
    words ending there, no longer than the item by more than two characters, stopping at a
    rank (第一名) or a body's name (城管)."""
    ask = _ASKS.search(previous)
    if not ask:
        return None
    before = re.sub(r"(?:是|为|有|占|达到|达|得了|打了|考了|得)$", "", previous[: ask.start()])
    phrase = ""
    for word in reversed([w for w in content_words(before) if w in before]):
        joined = word + phrase
        if not before.endswith(joined) or ORDINAL.search(word) or is_domain_word(word) or _is_place_or_time(word):
            break
        if phrase and len(joined) > len(item) + 2:
            break
        phrase = joined
    return phrase or None


def _reads_as_place(word: str) -> bool:
    return bool(read_places(word) or divisions_written(word))


def _is_place_or_time(word: str) -> bool:
    """临澜, 上半年: the where and when before an item ("临澜上半年家长学校"), not part of its name."""
    return _reads_as_place(word) or bool(_PERIOD_TEXT.fullmatch(word)) or word in _PERIODS


def _context(previous: str, current: str) -> str:
    """What the previous question says about where and when, and its topic words, that the
    current one leaves out."""
    simple = fold_width(to_simplified(previous))
    asked = read_question(current)
    # "比4月少了多少", "跟3月比…" name the base of a comparison, not the period asked: that stays the previous one's.
    own_period = not _BASE_FIRST.match(current) and (
        asked.years or asked.months or asked.quarters or asked.halves or _RELATIVE_WHEN.search(current)
    )
    pieces = [m.group(0) for m in _WHEN.finditer(simple)] if not own_period else []
    pieces += [p for p in read_places(simple) if not asked.places]
    # Its own place stands in for the previous one's of its level (寿光市 for 滨海区), not for a larger one (潍坊).
    finest_asked = max((place_level(p) for p in asked.places), default=9)
    if not asked.ranks:  # "多少分？" after "谁排最后": the rank is the subject asked about
        pieces += [_rank_text(rank) for rank in read_question(simple).ranks]
    pieces += [
        w
        for w in content_words(_PERIOD_TEXT.sub(" ", simple))
        if w not in GENERIC
        and not _other_side(w, asked.intent)
        and not (own_period and _POINT_IN_TIME.fullmatch(w))  # "年底" of the previous when it names its own
        and not ORDINAL.fullmatch(w)  # the previous rank, if any, is carried above as read
        and not (_EXTREME.match(w) and _EXTREME.search(current))  # 最少 asked after 最多: not both
        and w not in asked.keywords
        and not (_names_a_place(w) and place_level(w) >= finest_asked)
        and w not in pieces
        and not any(w in p for p in pieces)
    ]
    return " ".join(dict.fromkeys(p.strip() for p in pieces if p.strip()))


def _other_side(word: str, asked: Intent) -> bool:
    """A word of the previous question that asks the side of its topic the current one turns
    from: 目标 after "上半年实际到了多少", 实际 after "明年目标呢"."""
    said = classify(word)
    if asked.result and not asked.target:
        return said.target or bool(_SET_BY.fullmatch(word))
    if asked.target and not asked.result:
        return said.result
    return False


def _names_a_place(word: str) -> bool:
    """A place, or a fragment written as one (白沙区) though no list holds it."""
    return _reads_as_place(word) or bool(_PLACE_FRAGMENT.match(word))


_SET_BY = re.compile(r"[局委办府市区县]?定的?")  # 局定, 定的: what was set (as jieba cuts 城管局定的)
_POINT_IN_TIME = re.compile(r"(?:年|月|季)(?:底|末|初|中|内)|年前|月前")
_MORE = re.compile(r"^还有(?:呢|吗|没有|别的)?[？?。]*$")
_OTHERS = re.compile(r"(?:其他|其它|其余|别的)的?[\u4e00-\u9fff]{0,4}")
_FIRST_ONE = re.compile(r"头一?[个名位家]")
_BASE_FIRST = re.compile(r"^(?:比|跟|和|与|同)")
_BASE = re.compile(r"^比(?![例重率如])")  # "比4月呢" (not 比例, nor a place such as 比如县)
_EXTREME = re.compile(r"最|垫底|倒数|末位|排名?第")


# Reports name a change by what it is measured against: 同比 against the same period of the year
# before, 环比 against the period just before.
_YEAR_BEFORE = re.compile(r"去年|上年|上一年|前年")
_PERIOD_BEFORE = re.compile(r"上个?月|上一?个?季度|上一?期")


def _change_word(base: str) -> str:
    """The word a report uses for a change against ``base`` (" 同比" for 跟去年比), or ""."""
    return " 同比" if _YEAR_BEFORE.search(base) else " 环比" if _PERIOD_BEFORE.search(base) else ""


def _rank_text(rank: int) -> str:
    return "最后一名" if rank == -1 else f"倒数第{-rank}名" if rank < 0 else f"第{rank}名"


def resolve_followup(question: str, history: list[dict[str, str]]) -> str:
    """A stand-alone question: a follow-up is rewritten from the last user question."""
    previous = next(
        (t.get("content", "") for t in reversed(history) if t.get("role") == "user" and t.get("content")), ""
    )
    if not previous or not is_followup(question, previous):
        return question
    core = _core(question)
    previous = fold_width(to_simplified(previous.strip())).rstrip("？?。")
    if not _ASKS.search(core):
        if _COMPARED_WITH.search(core) or _BASE.match(core):
            # "跟1月比呢": the base of a comparison, not the period asked
            return f"{previous} {core}{_change_word(core)}"
        if (not core and _MORE.match(question.strip())) or _OTHERS.fullmatch(core):
            # "还有呢", "其他问题呢" after "第一名是谁", "第一个问题是啥": the rest of the list
            return f"{_RANK_WITH_MEASURE.sub('', _FIRST_ONE.sub('', previous))} 还有哪些"
        resolved, rest = _swap(previous, core)
        item = _ITEM_POINTER.sub("", rest)
        phrase = _asked_phrase(previous, item) if resolved == previous and len(item) >= 2 else None
        if phrase and content_words(item) and not read_places(item) and not _SAME_PERIOD.search(rest):
            return resolved.replace(phrase, item, 1)  # another item of the same list: 返工率那项呢？
        side = classify(rest)  # "目标" left of "今年目标呢": the side asked is kept, however short
        if rest and not (resolved != previous and len(rest) <= 2 and not (side.target or side.result)):
            resolved = f"{resolved} {rest}"
        return resolved
    context = _context(previous, core)
    return f"{context} {core}".strip() if context else core
