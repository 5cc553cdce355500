"""What a question asks: its parts, years, months, places, bodies, units and intent.

The one reader of questions: the passage answerer, the fact answerer, follow-up resolution
and the evaluation all take a :class:`Question` from :func:`read_question`, so "22年" or
"2000户" is read the same way everywhere."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from assistant.index.tokenize import tokens as keyword_tokens
from assistant.intent import FRAME_WORDS, Intent, classify
from assistant.periods import (
    HALF,
    ORDINAL,
    TIME_TEXT,
    read_issues,
    read_months,
    read_quarters,
    read_ranks,
    read_years,
)
from assistant.places import read_places, split_before_domain_words
from assistant.text import compact, fold_width, to_simplified

# Question words and generic terms: they say how to ask, not what about.
GENERIC = frozenset(
    [
        "工作",
        "情况",
        "开展",
        "主要",
        "相关",
        "方面",
        "进行",
        "哪些",
        "什么",
        "多少",
        "如何",
        "怎么",
        "怎样",
        "时候",
        "时间",
        "是否",
        "有没有",
        "今年",
        "提到",
        "报告",
        "文件",
        "文档",
        "根据",
        "按照",
        "一下",
        "介绍",
        "说明",
        "具体",
        "要求",
        "包括",
        "内容",
        "分别",
        "各",
        "共",
        "累计",
        "一共",
        "总共",
        "做",
        "做了",
        "完成",
        "数量",
        "多",
        "少",
        "年",
        "月",
        "日",
        "及",
        "或者",
        "还是",
        "其中",
        "一些",
        "全部",
        "啥",
        "咋",
        "咋样",
        "哪儿",
        "哪个",
        "哪家",
        "谁",
        "统计",
        "哪里",
        "构成",
        "存在",
        "规定",
        "多长",
        "几种",
        "哪几",
        "种",
        "怎么样",
        "什么样",
        "各有",
        "需要",
        "方式",
        "指出",
        "提出",
        "认为",
        "说法",
        "多大",
        "还有",
        "采用",
        "涉及",
        "有关",
        "关于",
        "对于",
        "里",
        "中",
        "时",
        "后",
        "前",
        "了",
        "吗",
        "呢",
        "那",
        "那个",
        "这个",
        "这",
        "那份",
        "这份",
        "个",
        "分别是",
        "都是",
        "都",
        "是",
        "有",
        "几",
        "份",
        "次",
        "处",
        "件",
        "人",
        "名",
        "给",
        "被",
        "让",
        "把",
        "那次",
        "这次",
        "当时",
        "一次",
        "大概",
        "大约",
        "左右",
    ]
)

# The unit a figure question counts in: "几座", "多少宗", "多少万元", "多少分", "…率".
# 哪几项 asks which items, not how many: no unit is asked.
_UNIT = re.compile(
    r"(?:多少|(?<!哪)几)(?:个)?(?:万|亿)?(平方米|平米|公里|千米|人次|车次|辆次|个次|座次|个|件|宗|处|座|条|户|人|名|项|次|家|所|辆|台|棵|株|米|吨|块|起|场|批|栋|间|元|支|套|份|分|天|小时)"
    r"|(多少钱|花了多少|经费|预算|奖励|罚)"
)
_RATE = re.compile(r"率|比例|占比|百分比")

# Parts of a multi-part question: split at question marks and semicolons, and at commas whose
# clause asks something of its own ("检查了多少个点位，发现多少个问题").
_ASKS = re.compile(r"多少|几|哪|谁|什么|啥|是否|有没有|咋|如何|怎么|分别|吗|呢")
_PART_SPLIT = re.compile(r"[？?；;！!]+|[，,、]\s*(?=.{0,12}(?:多少|几|哪|谁|什么|啥|是否|有没有|咋|如何|怎么))")


def asks_something(text: str) -> bool:
    """The clause asks something (多少, 谁, 哪, 是否 …)."""
    return bool(_ASKS.search(text))


@dataclass(frozen=True)
class QuestionPart:
    """One thing asked (a clause of a multi-part question) with its own content words."""

    text: str
    keywords: tuple[str, ...]
    units: tuple[str, ...]
    ordinals: tuple[str, ...]
    ranks: tuple[int, ...]
    focus: tuple[str, ...]  # the words right before the ask ("居民参与率是多少" → 参与率)
    intent: Intent
    phrase: str = ""  # the phrase asked the value of, as written ("按期结案率是多少" → 按期结案率)


@dataclass(frozen=True)
class Question:
    text: str
    simple: str  # Simplified, half-width
    keywords: tuple[str, ...]  # content words of the whole question
    years: tuple[int, ...] = ()
    months: tuple[int, ...] = ()
    quarters: tuple[int, ...] = ()
    halves: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    ordinals: tuple[str, ...] = ()
    ranks: tuple[int, ...] = ()  # ranks asked: 1 = first, -1 = last
    issues: tuple[tuple[int, str], ...] = ()  # (number, 期/届/批/轮)
    nouns: tuple[str, ...] = ()  # the keywords that are nouns (what is asked about, not how)
    intent: Intent = field(default_factory=Intent)
    parts: tuple[QuestionPart, ...] = ()

    @property
    def asks_time(self) -> bool:
        return bool(self.years or self.months or self.quarters or self.halves)


def read_bodies(text: str) -> tuple[str, ...]:
    from assistant.ingest.meta import BODIES

    simple = to_simplified(text)
    return tuple(dict.fromkeys(canonical for pattern, canonical in BODIES if re.search(pattern, simple)))


def read_units(text: str) -> tuple[str, ...]:
    """Units a figure question counts in (多少宗 → 宗; 多少钱 → 元; …率 → %)."""
    simple = fold_width(to_simplified(text))
    units = [m.group(1) or "元" for m in _UNIT.finditer(simple)]
    if _RATE.search(simple) and re.search(r"多少|几|是|咋样|怎样|如何|啥", simple):
        units.append("%")
    return tuple(dict.fromkeys(units))


def content_words(text: str) -> tuple[str, ...]:
    """Content words: jieba tokens minus question words, generic terms, single characters and
    the time expressions (22年8月), which the question's years and months carry instead."""
    seen: list[str] = []
    pieces = split_before_domain_words(TIME_TEXT.sub(" ", fold_width(to_simplified(text))))
    for token in (t for piece in pieces for t in keyword_tokens(piece)):
        if token in GENERIC or token in FRAME_WORDS or token in seen:
            continue
        if len(token) == 1 and not token.isdigit():
            continue
        seen.append(token)
    return tuple(t for t in seen if not any(t != o and t in o for o in seen))


_ASK_WORD = re.compile(
    r"(?:是|为|有|占|达|得了|打了|考了|定了|花了|罚了|签了|拆了)?(?:多少|几|哪|谁|什么|啥|怎么|如何)"
)


# Where the phrase a clause asks about begins: after a time, a 的/里/中 or a pointer (那份, 这个);
# what ends it before the ask word is no part of it (是, 一共, 这项).
_PHRASE_START = re.compile(
    rf"{TIME_TEXT.pattern}|[上下]半年|全年|年底|年初|的|里|中|在|对|把|被|一共|总共|累计|[那这](?:次|期|个|份|篇)"
)
_PHRASE_END = re.compile(r"(?:这一?项|这块|是|为|有|占|达到?|共|一共|总共|累计|合计|了|的|都|各|分别|大概|大约|具体)+$")


def asked_phrase(part: str) -> str:
    """The phrase a clause asks the value of, as written right before its ask word, at most
    8 characters ("开发区23年一季度按期结案率多少" → 按期结案率); "" when shorter than 3."""
    found = _ASK_WORD.search(part)
    if not found:
        return ""
    clause = _PHRASE_END.sub("", re.split(r"[，,：:]", part[: found.start()])[-1])
    phrase = compact(_PHRASE_START.split(clause)[-1])[-8:]
    return phrase if len(phrase) >= 3 else ""


_NOUN_TAGS = ("n", "nz", "vn", "nt", "nl", "ng")


@functools.lru_cache(maxsize=4096)
def _nouns(text: str) -> frozenset[str]:
    import jieba.posseg

    return frozenset(word for word, flag in jieba.posseg.cut(text) if flag in _NOUN_TAGS)


def focus_words(part: str) -> tuple[str, ...]:
    """What a clause asks the value of: the last two nouns before its ask word, in the same
    clause ("大鹏新区21年垃圾分类的居民参与率是多少" → 居民, 参与率)."""
    found = _ASK_WORD.search(part)
    if not found:
        return ()
    clause = re.split(r"[，,；;：:]", part[: found.start()])[-1]
    nouns = _nouns(clause)
    words = [w for w in content_words(clause) if w in nouns or any(w in n for n in nouns)]
    return tuple(words[-2:])


def split_parts(text: str) -> list[str]:
    """The clauses of a question that each ask something ("…多少处？…占多少？平均分多少")."""
    pieces = [p.strip(" ，,。") for p in _PART_SPLIT.split(text)]
    pieces = [p for p in pieces if p]
    parts: list[str] = []
    for piece in pieces:
        if parts and not _ASKS.search(piece) and len(piece) < 6:
            parts[-1] += piece
        else:
            parts.append(piece)
    # A leading clause that asks nothing ("咸宁22年8月城管月度综合评价") is context, not a part.
    if len(parts) > 1 and not _ASKS.search(parts[0]):
        parts[1] = f"{parts[0]}，{parts[1]}"
        parts.pop(0)
    return parts or [text]


@functools.lru_cache(maxsize=1024)
def read_question(text: str, known_places: frozenset[str] = frozenset()) -> Question:
    """Everything the answerers need to know about ``text`` (Traditional or Simplified);
    ``known_places``: the corpus's own place names beyond the national list (``corpus.known_places``)."""
    simple = fold_width(to_simplified(text)).strip()
    parts = tuple(
        QuestionPart(
            text=p,
            keywords=content_words(p),
            units=read_units(p),
            ordinals=tuple(ORDINAL.findall(p)),
            ranks=read_ranks(p),
            focus=focus_words(p),
            intent=classify(p),
            phrase=asked_phrase(p),
        )
        for p in split_parts(simple)
    )
    keywords = content_words(simple)
    return Question(
        text=text,
        simple=simple,
        keywords=keywords,
        years=read_years(simple),
        months=read_months(simple),
        quarters=read_quarters(simple),
        halves=tuple(dict.fromkeys(HALF.findall(simple))),
        places=read_places(simple, known_places),
        bodies=read_bodies(simple),
        units=read_units(simple),
        ordinals=tuple(ORDINAL.findall(simple)),
        ranks=read_ranks(simple),
        issues=read_issues(simple),
        nouns=tuple(w for w in keywords if w in _nouns(simple)),
        intent=classify(simple),
        parts=parts,
    )


# Words staff use for what documents write out in full (a knowledge base's synonyms, as
# FastGPT keeps them): a word is found in a text that says any of its forms.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "城管": ("城市管理", "城管"),
    "创文": ("创文", "创城", "文明城市创建", "创建全国文明城市", "创建文明城市"),
    "创城": ("创城", "创文", "文明城市创建", "创建全国文明城市", "创建文明城市"),
    "数字城管": ("数字城管", "数字化城市管理", "数字化城管"),
    "拆违": ("拆违", "拆除违法", "违法建设", "违建"),
    "违建": ("违建", "违法建设", "违法建筑", "违章建筑"),
    "案子": ("案子", "案件"),
    "城考": ("城考", "考评", "综合评价"),
}


def forms(word: str) -> tuple[str, ...]:
    """The forms a text may write ``word`` in (itself, and its synonyms)."""
    return SYNONYMS.get(word, (word,))


def mentions(text: str, word: str) -> bool:
    """``text`` says ``word`` (either script, spaces ignored)."""
    return compact(word) in compact(text)
