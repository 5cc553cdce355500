"""What an elliptic follow-up ("那6月份呢？", "钦南区呢", "结案率呢") replaces in the question before
it: its period, year, month, rank or place, or the item asked about."""

from __future__ import annotations

import re

from assistant.divisions import city_above, is_below_city, place_level
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
from assistant.places import divisions_written, is_domain_word, read_places
from assistant.question_words import content_words
from assistant.text import fold_width, to_simplified

# Words that say which side of a topic is asked (the plan or what was done), not a topic:
# "实际完成了多少？" after a question about a plan asks the same topic's result.
ASPECT = frozenset(
    {"实际", "计划", "目标", "任务", "完成", "完成率", "预计", "落实", "达到", "做到", "实现", "评", "改", "建"}
)

PERIODS = ["上半年", "下半年", "全年", "一季度", "二季度", "三季度", "四季度"]
# A rank opens a follow-up ("第三名呢？", "倒数第二是谁？"); an edition or issue (第四届, 第7期) does not.
NOT_A_RANK_AFTER = rf"(?![\d一二两三四五六七八九十百{ISSUE_KIND_CHARS}次季条章节款项号])"
ASKS = re.compile(r"多少|几|哪|谁|什么|啥|是否|有没有|咋|如何|怎么|怎样|吗|还是|没有?[？?。]*$")
# The when of a question, carried over (前三季度 whole, not its 三季度).
PERIOD_TEXT = re.compile(rf"前[一二两三]个?季度|{TIME_TEXT.pattern}|上半年|下半年")


def swap(previous: str, core: str) -> tuple[str, str]:
    """Replace in ``previous`` each slot (period, year, month, rank, place) that ``core`` names
    anew; returns the new question and what of ``core`` was not used."""
    resolved = previous
    if (relative := RELATIVE_PERIOD.search(core)) and (period := shifted_period(relative.group(0), previous)):
        core = core.replace(relative.group(0), period, 1)  # "上个月呢" after 10月 asks about 9月
    if (relative := RELATIVE_ISSUE.search(core)) and (issue := shifted_issue(relative.group(0), previous)):
        core = core.replace(relative.group(0), issue, 1)  # "上一周呢" after 第25周 asks about 第24周
    for pattern in (
        re.compile("|".join(PERIODS)),
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
    new_places = _whole_name(core, read_places(core)) or _only_a_division(core)
    old_place = _counterpart(resolved, new_places[0]) if new_places else None
    if new_places and old_place:
        resolved = resolved.replace(old_place, "、".join(new_places), 1)
        for place in new_places:
            core = core.replace(place, "", 1)
    return resolved, core.strip(" ，,、的")


# A follow-up fragment that is only a place name (白沙区呢？): its division word says so even when
# the name is not one the gazetteer knows.
_DIVISIONS = ("街道", "区", "县", "镇", "乡")
# A division's name, not a kind of place ending in a division word (老旧小区, 示范社区, 核心景区).
_NOT_BEFORE_A_DIVISION = r"(?<![小社园景城片街校辖市库商])"
_NAMED_DIVISION = rf"{_NOT_BEFORE_A_DIVISION}(?:{'|'.join(_DIVISIONS)})"
PLACE_FRAGMENT = re.compile(rf"^[\u4e00-\u9fff]{{2,5}}?{_NAMED_DIVISION}$")


def _whole_name(core: str, read: tuple[str, ...]) -> tuple[str, ...]:
    """The places a follow-up names: a fragment that is wholly one name ("南环中路街道") is that name
    whole, though the places read from it may be only its end (中路街道)."""
    whole = tuple(PLACE_FRAGMENT.findall(core))
    if whole and all(place in whole[0] for place in read):
        return whole
    return read or whole


def _only_a_division(core: str) -> tuple[str, ...]:
    """A fragment that is wholly a division's name or stem ("包头", "岳阳": jieba tags many city
    stems as a verb or a person's name, so they are not read as places by their tags)."""
    return (core,) if divisions_written(core) == (core,) else ()


# A rank or the top or bottom of a ranking: "最低的呢" after "谁第一" asks the other end.
_RELATIVE_YEAR = re.compile(r"今年|去年|明年|前年|本年度|上年度")  # "今年目标呢" after "去年拆违多少": 今年 for 去年
_RANK_OR_EXTREME = re.compile(rf"(?:{ORDINAL.pattern}){NOT_A_RANK_AFTER}|最[高低多少好差]")


RANK_WITH_MEASURE = re.compile(rf"(?:{_RANK_OR_EXTREME.pattern})[个名位家项条]?")


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
            for m in re.findall(rf"[\u4e00-\u9fff]{{{stem}}}{_NOT_BEFORE_A_DIVISION}{suffix}", previous)
            if m != place and not _NOT_IN_A_NAME.search(m[:stem])
        ]
        if same:
            return str(same[-1])
    known = list(dict.fromkeys([*places_read, *divisions_written(previous)]))
    level = place_level(place)
    at_level = [p for p in known if place_level(p) == level and p != place]
    chosen = at_level or known
    return chosen[-1] if chosen else None


def asked_phrase(previous: str, item: str) -> str | None:
    """The words of ``previous`` right before its ask ("结案率" of "…结案率占多少分") that a
    follow-up naming another item of the same list (返工率那项呢？) replaces: the run of content
    words ending there, no longer than the item by more than two characters, stopping at a
    rank (第一名) or a body's name (城管)."""
    before = before_ask(previous)
    if before is None:
        return None
    words = [w for w in content_words(before) if w in before]
    aspect = ""  # "任务" of "公厕任务几座": the side asked stays ("背街小巷呢" asks 背街小巷任务)
    while words and words[-1] in ASPECT and before.endswith(words[-1] + aspect):
        aspect = words.pop() + aspect
    phrase = ""
    for word in reversed(words):
        joined = word + phrase
        if (
            not before.endswith(joined + aspect)
            or ORDINAL.search(word)
            or is_domain_word(word)
            or _is_place_or_time(word)
        ):
            break
        if phrase and len(joined) > len(item) + 2:
            break
        phrase = joined
    return phrase or None


def before_ask(previous: str) -> str | None:
    """What ``previous`` says before its ask and the verb leading to it ("…城管考核" of
    "…城管考核得了多少分"), or None if it asks nothing."""
    ask = ASKS.search(previous)
    if not ask:
        return None
    return re.sub(r"(?:是|为|有|占|达到|达|得了|打了|考了|得)$", "", previous[: ask.start()])


# The score or rank of one member of a ranking ("七星区多少分", "凌河区第几"): a follow-up that names
# an end of the ranking ("最低的呢", "倒数第一呢") asks for the member at that end instead.
_SCORE_OR_RANK_ASK = re.compile(r"(?:多少|几)分|第几|排名|名次")
_RANK_ASK = re.compile(r"(?:排名?|排在)?第几名?|排名(?:多少|第几)?|名次")
_ENDS = {"最高": "第一名", "最好": "第一名", "最低": "最后一名", "最差": "最后一名"}


def end_of_ranking(previous: str, end: str) -> str | None:
    """``previous`` asked of the member at the end of the ranking that ``end`` names, in place of
    the member it names ("5月创文测评七星区多少分" + "最低" → "5月创文测评最后一名多少分";
    "…凌河区第几" + "倒数第一" → "…倒数第一是谁"); None if ``end`` names no end of a ranking
    or ``previous`` asks no member's score or rank."""
    rank = end if ORDINAL.fullmatch(end) else _ENDS.get(end)
    member = _member_named(previous)
    if rank is None or member is None or not _SCORE_OR_RANK_ASK.search(previous):
        return None
    asked = previous.replace(member, rank, 1)
    return _RANK_ASK.sub("是谁", asked, count=1)


_MEMBER_WRITTEN = re.compile(rf"[\u4e00-\u9fff]{{2}}{_NAMED_DIVISION}")


def _member_named(previous: str) -> str | None:
    """The last district, county or town ``previous`` names, with its division word (南湖区, though
    the gazetteer reads 南湖), or written as one though no list holds it (西岭区)."""
    found: list[tuple[int, str]] = []
    for place in read_places(previous):
        at = previous.find(place)
        if is_below_city(place) and at >= 0:
            suffix = next((s for s in _DIVISIONS if previous.startswith(s, at + len(place))), "")
            found.append((at, place + suffix))
    for match in _MEMBER_WRITTEN.finditer(previous):
        if not _NOT_IN_A_NAME.search(match.group(0)[:2]):
            found.append((match.start(), match.group(0)))
    return max(found)[1] if found else None


_WHY = re.compile(r"(?:原因|理由|依据)$")


def why_of(previous: str, item: str) -> str | None:
    """``previous``'s subject with the reason ``item`` names asked in place of its figure
    ("…城管考核得了多少分" + "扣分原因" → "…城管考核扣分原因"); None for an item that is no reason."""
    before = before_ask(previous) if _WHY.search(item) else None
    return f"{before}{item}" if before else None


MODIFIER_END = re.compile(r"的呢[？?。.!！]*$")  # "按期的呢": 按期 qualifies what was asked (按期结案率)
_RATE = re.compile(r"率|比例|占比|比重|百分比")
_ASK_WITH_MEASURE = re.compile(r"(?:多少|几)[个件份条家处起宗项次人名座户辆所]?[\u4e00-\u9fff]{0,2}$")


def another_item(previous: str, phrase: str, item: str, *, modifier: bool) -> str:
    """``previous`` asked of another item of the same list (返工率那项呢？ after 结案率): ``item``
    in the place of ``phrase``; an item said with 的 ("按期的呢", "一般的呢") qualifies the head
    of the phrase (按期结案率, 一般案件); a rate asked after a count is asked without the count's
    measure ("立案几件？结案率呢": 结案率多少, not 结案率几件)."""
    if modifier:
        words = [w for w in content_words(phrase) if w in phrase]
        item += words[-1] if len(words) >= 2 and phrase.endswith(words[-1]) else phrase
    asked = previous.replace(phrase, item, 1)
    if _RATE.search(item) and not _RATE.search(phrase):
        asked = _ASK_WITH_MEASURE.sub("多少", asked)
    return asked


def reads_as_place(word: str) -> bool:
    return bool(read_places(word) or divisions_written(word))


def _is_place_or_time(word: str) -> bool:
    """临澜, 上半年: the where and when before an item ("临澜上半年家长学校"), not part of its name."""
    return reads_as_place(word) or bool(PERIOD_TEXT.fullmatch(word)) or word in PERIODS


WHOLE_CITY = re.compile(r"(?<![占比跟和与于较])全市(?!平均)")  # the subject, not the base ("占全市多少")


def of_the_whole(previous: str) -> str | None:
    """``previous`` asked of the city its districts lie in ("七台河前三季度拆违多少处 全市" for
    "桃山区前三季度拆违多少处"), or None if it names no district."""
    parts = [p for p in read_places(previous) if is_below_city(p)]
    if not parts:
        return None
    city = city_above(parts)
    whole = previous
    for part in parts:
        whole = whole.replace(part, "" if not city or city[:2] in previous else city, 1)
    return f"{whole} 全市"


def sets_the_scene(turn: str) -> bool:
    """A turn that asks nothing and names a place ("濮阳台前县", "宿州数字城管的情况"): it sets where the
    questions after it are asked, as a question of its own does not."""
    text = fold_width(to_simplified(turn.strip()))
    return len(text) <= _SCENE and not ASKS.search(text) and not _ASKED_MARK.search(text) and bool(read_places(text))


def names_its_place(question: str) -> bool:
    """The question names a place of its own, though jieba may cut it apart."""
    text = fold_width(to_simplified(question))
    return bool(read_places(text) or divisions_written(text))


_SCENE = 20  # characters: a longer turn with no question word is a question all the same
_ASKED_MARK = re.compile(r"[？?]")
