"""Resolve a follow-up ("那6月份呢？", "第三名呢？", "那排最后的是谁？") against the previous
user question, into a question that stands on its own.

* An elliptic follow-up names only what changes (a month, a place, a rank, a measure): that
  replaces its counterpart in the previous question, or is added to it.
* A follow-up with an ask of its own keeps it, and takes from the previous question the
  context it leaves out: the places, the period and the topic words."""

from __future__ import annotations

import re

from assistant.divisions import city_above, place_level
from assistant.followup_slots import (
    ASKS,
    ASPECT,
    MODIFIER_END,
    NOT_A_RANK_AFTER,
    PERIOD_TEXT,
    PERIODS,
    PLACE_FRAGMENT,
    RANK_WITH_MEASURE,
    WHOLE_CITY,
    another_item,
    asked_phrase,
    before_ask,
    end_of_ranking,
    names_its_place,
    of_the_whole,
    reads_as_place,
    sets_the_scene,
    swap,
    why_of,
)
from assistant.intent import Intent, classify
from assistant.periods import ORDINAL, RELATIVE_ISSUE, RELATIVE_PERIOD
from assistant.places import divisions_written, read_places
from assistant.question import read_question
from assistant.question_words import GENERIC, content_words
from assistant.text import fold_width, to_simplified

# "那" opens a follow-up ("那6月份呢？", "那排最后的是谁？"), except before a measure word, where it
# points at a document or event the question goes on to name ("那份督查通报…", "那次表彰里…").
_FOLLOWUP_START = re.compile(
    r"^(那么|那(?![个份次套篇期届场批项条])|那个(?:呢|$)|还有|另外|再|其中|这个|它|他们|该|里面)"
)
_FOLLOWUP_END = re.compile(r"(呢|的呢|怎么样|如何|咋样)[？?。.!！]*$")
_RANK_START = re.compile(rf"(?:{ORDINAL.pattern}){NOT_A_RANK_AFTER}")
_TURNS_READ = 4  # the user turns a follow-up is resolved through: a conversation's where and when lasts so long
_SHORT = 10  # characters: a question this short with no place or time of its own leans on the one before
_SAME_PERIOD = re.compile(rf"同一?个?(?:期|月|年|季度)|当月|当年|{RELATIVE_PERIOD.pattern}")
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
# A period named from today or from another: the when of a question as much as 2024年 is.
_RELATIVE_WHEN = re.compile(rf"{RELATIVE_PERIOD.pattern}|今年|本年|当年|本月|这个月|本季度|这个季度")
_WHEN = re.compile(f"{PERIOD_TEXT.pattern}|{_RELATIVE_WHEN.pattern}")  # the whole when, carried over


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
    own = [w for w in content_words(PERIOD_TEXT.sub(" ", q)) if w not in PERIODS]
    if previous and len(q) <= 12 and all(w in ASPECT or w in before for w in own):
        return True
    # A short question that names no place and no time leans on the one before it.
    asked = read_question(q)
    anchored = asked.places or asked.years or asked.months or asked.quarters or asked.halves
    if previous and (_RELATIVE_TIME.search(q) or _COMPARED_WITH.search(q)) and not anchored:
        return True
    # Only what kind of answer is wanted, of no subject: "啥时候完成？哪个部门牵头", "哪个单位负责？期限呢".
    if previous and not anchored and words and all(_ROLE_OR_WHEN.fullmatch(w) for w in words):
        return True
    # A short question that names no place and no time leans on the one before it; so does one of
    # several such short parts ("归哪个单位管，要求几号前改好", "良好的有哪几个？一共公示了几个单位"), or
    # one whose first part names only what changes ("6月呢？排第几").
    parts = [p.text for p in asked.parts]
    opens_elliptic = len(parts) > 1 and parts[0].endswith("呢")
    short_parts = len(parts) > 1 and not anchored and all(len(p) <= _SHORT for p in parts)
    if previous and (opens_elliptic or short_parts):
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
    if any(ASKS.search(part) for part in earlier_parts):
        return False
    return found.group(1).endswith("呢") or len(q) <= _SHORT  # 怎么样 closes only a short one


def _core(question: str) -> str:
    text = fold_width(to_simplified(question.strip()))
    text = _CLAUSE_NE.sub("", text)  # "垫底的呢，几分": the 呢 marks the ellipsis, not a word asked
    return _FOLLOWUP_END.sub("", _FOLLOWUP_START.sub("", text)).strip(" ，,？?。")


_CLAUSE_NE = re.compile(r"呢(?=[，,；;？?、\s])")


def _context(previous: str, current: str) -> str:
    """What the previous question says about where and when, and its topic words, that the
    current one leaves out."""
    simple = fold_width(to_simplified(previous))
    asked = read_question(current)
    # "比4月少了多少", "排第几，跟3月比…" name the base of a comparison, not the period asked: that stays the previous one's.
    unbased = _BASE_PART.sub("", current)
    of_its_own = read_question(unbased) if unbased != current else asked
    own_period = bool(
        of_its_own.years
        or of_its_own.months
        or of_its_own.quarters
        or of_its_own.halves
        or _RELATIVE_WHEN.search(unbased)
    )
    pieces = [m.group(0) for m in _WHEN.finditer(simple)] if not own_period else []
    # Its own place stands in for the previous one's of its level (寿光市 for 滨海区), not for a larger one (潍坊).
    own_places = asked.places or divisions_written(current)  # 天水 of "天水同一季度多少分", which jieba cuts apart
    finest_asked = max((place_level(p) for p in own_places), default=9)
    previous_places = read_places(simple)
    if not own_places and asked.ranks and (who := _ASKS_WHO.search(current)):
        # "第一名是谁" after "城固县多少分": who holds a rank is asked of the ranking the member asked
        # before belongs to (汉中's counties), not of that member; "哪个街道第一" after "七星区多少分"
        # asks within 七星区, whose 街道 are ranked.
        # A member named alone ("淇县考了多少分") still says whose ranking it is: it stays.
        member = 4 if who.group(1) else 3 if who.group(2) else max(map(place_level, previous_places), default=9)
        if member >= 3 and any(place_level(p) < member for p in previous_places):
            finest_asked = member
    whole_city = not own_places and bool(WHOLE_CITY.search(current))
    if whole_city:
        finest_asked = 3  # "全市今年任务是几个" after 碧江区's: its city (铜仁), not the district
    carried = [p for p in previous_places if not own_places and place_level(p) < finest_asked]
    if whole_city and not carried and (city := city_above(previous_places)):
        carried = [city]
    left_out = [p for p in previous_places if place_level(p) >= finest_asked]
    pieces += carried
    if not asked.ranks:  # "多少分？" after "谁排最后": the rank is the subject asked about
        pieces += [_rank_text(rank) for rank in read_question(simple).ranks]
    pieces += [
        w
        for w in content_words(PERIOD_TEXT.sub(" ", simple))
        if w not in GENERIC
        and not _other_side(w, asked.intent)
        and not (own_period and _POINT_IN_TIME.fullmatch(w))  # "年底" of the previous when it names its own
        and not ORDINAL.fullmatch(w)  # the previous rank, if any, is carried above as read
        and not (_EXTREME.match(w) and _EXTREME.search(current))  # 最少 asked after 最多: not both
        and w not in asked.keywords
        and not (_names_a_place(w) and place_level(w) >= finest_asked)
        and w not in pieces
        and not any(w in p for p in (*pieces, *left_out))  # 岩泉 of 岩泉街道 goes with it
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
    return reads_as_place(word) or bool(PLACE_FRAGMENT.match(word))


_ASKS_WHO = re.compile(r"谁|哪(?:个|家|位|一)?(?:(街道|镇|乡)|(区|县|市))?")
_SET_BY = re.compile(r"[局委办府市区县]?定的?")  # 局定, 定的: what was set (as jieba cuts 城管局定的)
_POINT_IN_TIME = re.compile(r"(?:年|月|季)(?:底|末|初|中|内)|年前|月前")
_MORE = re.compile(r"^还有(?:呢|吗|没有|别的)?[？?。]*$")
_OTHERS = re.compile(r"(?:其他|其它|其余|别的)的?[\u4e00-\u9fff]{0,4}")
_FIRST_ONE = re.compile(r"头一?[个名位家]")
_BASE_PART = re.compile(r"(?:^|(?<=[，,？?；;]))(?:比|跟|和|与|同)[^，,？?；;]*")
_BASE = re.compile(r"^比(?![例重率如])")  # "比4月呢" (not 比例, nor a place such as 比如县)
_EXTREME = re.compile(r"最|垫底|倒数|末位|排名?第")


# Reports name a change by what it is measured against: 同比 against the same period of the year
# before, 环比 against the period just before.
_YEAR_BEFORE = re.compile(r"去年|上年|上一年|前年")
_PERIOD_BEFORE = re.compile(r"上个?月|上一?个?季度|上一?期")


def _change_word(base: str) -> str:
    """The word a report uses for a change against ``base`` (" 同比" for 跟去年比), or ""."""
    return " 同比" if _YEAR_BEFORE.search(base) else " 环比" if _PERIOD_BEFORE.search(base) else ""


def _attribute_of_same(previous: str, item: str) -> str | None:
    """Who else or by when, asked of what the previous question asked about ("配合单位呢", "完成时限呢"
    after "有害垃圾收运谁牵头"): the item asks in the place of the previous ask, of the same subject."""
    asked = classify(item)
    if not (asked.owner or asked.when) or _WHEN.search(item) or read_places(item):
        return None
    subject = before_ask(previous)
    return f"{subject} {item}" if subject else None


def _rank_text(rank: int) -> str:
    return "最后一名" if rank == -1 else f"倒数第{-rank}名" if rank < 0 else f"第{rank}名"


def resolve_followup(question: str, history: list[dict[str, str]]) -> str:
    """A stand-alone question: a follow-up is rewritten from the last user question (itself
    resolved from the turns before it). A question of its own is asked as it stands, though it
    names no place or period: questions asked one after another in a chat are as often about
    other documents as about the previous one's."""
    turns = [t for t in history if t.get("role") == "user" and t.get("content")][-_TURNS_READ:]
    if not turns:
        return question
    previous = resolve_followup(turns[-1]["content"], turns[:-1])  # "叶集区呢" after "金安区呢" after …
    if not is_followup(question, previous) and not (sets_the_scene(previous) and not names_its_place(question)):
        return question
    core = _core(question)
    previous = fold_width(to_simplified(previous.strip())).rstrip("？?。")
    if not ASKS.search(core):
        if _COMPARED_WITH.search(core) or _BASE.match(core):
            # "跟1月比呢": the base of a comparison, not the period asked
            return f"{previous} {core}{_change_word(core)}"
        if (not core and _MORE.match(question.strip())) or _OTHERS.fullmatch(core):
            # "还有呢", "其他问题呢" after "第一名是谁", "第一个问题是啥": the rest of the list
            return f"{RANK_WITH_MEASURE.sub('', _FIRST_ONE.sub('', previous))} 还有哪些"
        if WHOLE_CITY.fullmatch(core) and (whole := of_the_whole(previous)) is not None:
            return whole  # "全市呢" after "桃山区前三季度拆违多少处"
        resolved, rest = swap(previous, core)
        if resolved == previous and (at_end := end_of_ranking(previous, rest)) is not None:
            return at_end
        item = _ITEM_POINTER.sub("", rest)
        if resolved == previous and (reason := why_of(previous, item)) is not None:
            return reason
        if resolved == previous and (of_same := _attribute_of_same(previous, item)) is not None:
            return of_same
        phrase = asked_phrase(previous, item) if resolved == previous and len(item) >= 2 else None
        if (
            phrase
            and content_words(item)
            and not read_places(item)
            and not _SAME_PERIOD.search(rest)
            and not _WHEN.search(item)
        ):
            return another_item(resolved, phrase, item, modifier=bool(MODIFIER_END.search(question)))
        side = classify(rest)  # "目标" left of "今年目标呢": the side asked is kept, however short
        when = _WHEN.search(rest)  # "去年" of "去年全年呢": a period is never dropped
        if rest and not (resolved != previous and len(rest) <= 2 and not (side.target or side.result or when)):
            resolved = f"{resolved} {rest}"
        return resolved
    context = _context(previous, core)
    return f"{context} {core}".strip() if context else core
