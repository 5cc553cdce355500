"""The words of a question: its content words (what it is about, not how it asks), its nouns,
and what a clause asks the value of (the words and the phrase right before its ask word)."""

from __future__ import annotations

import functools
import re

from assistant.index.tokenize import in_dictionary
from assistant.index.tokenize import tokens as keyword_tokens
from assistant.intent import FRAME_WORDS
from assistant.periods import RELATIVE_PERIOD, TIME_TEXT, without_ranks
from assistant.places import split_before_domain_words
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
        "第几",
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
        # "As of now" asks the latest figure, and 几号 a date: passages do not say these words.
        "现在",
        "目前",
        "当前",
        "眼下",
        "如今",
        "几号",
    ]
)


# How much of a measure, asked as 多少 is ("多大面积", "多长时间", "多久", "多高"): jieba cuts 多大面积 as
# 多 + 大面积, which then reads as a word the documents must say.
_HOW_MUCH = re.compile(r"多(?:大|高|长|宽|远|久|深)")
# How many of a measure word ("几座", "几家") asks for a count in that unit (the question's units
# carry it); a pointer with a measure word ("那块", "这项") points at what the question names.
_ASK_OR_POINTER = re.compile(r"^(?:几|[那这哪])[\u4e00-\u9fff]$")
# A count in a measure word, asked (好几座, 几小时) or as a rule's basis (一处扣几分, 那两个县):
# documents write the figure or 每处, never these words, and the question's units carry the unit.
_COUNT = re.compile(
    r"^(?:好几|(?:好?几|[一两])(?:个|座|处|家|条|天|次|件|起|项|名|位|人|台|辆|所|块|份|批|类|期|户|宗|周|小时|分钟|公里))$"
)
# A verb and the particle 了 (建了, 改了, 考了): the verb alone, one character, is no keyword.
_VERB_DONE = re.compile(r"^[\u4e00-\u9fff]了$")
# A modal jieba joins to the verb after it (要建, 能加, 该扣): it says what is asked is a plan or a
# rule, which the intent reads, and its verb alone is no keyword; words that only begin so are kept.
_MODAL_AND_VERB = re.compile(r"^[要能该需][\u4e00-\u9fff]$")
_BEGIN_LIKE_A_MODAL = frozenset({"要点", "要求", "要素", "要害", "能力", "能源", "能耗", "能级", "需求", "需要"})


# jieba's model of unknown words glues a word's last character, or a particle, onto the word after
# it ("南浦区有多少" → 南浦 + 区有, "实践站建了" → 站建, "按期率高" → 率高): no document writes
# such a "word". A character that ends words (区, 站, 率 …) or a particle starting a token that
# jieba's dictionary does not hold is cut off.
_GLUED_FIRST = (
    "区县市局站点率周月时单组台员岗日底个项类号期处次分年表函稿有是了得要说都还各比也就又在到里把被给跟和与及"
)


def _unglued(token: str) -> str:
    """``token`` without the characters jieba's unknown-word model glued onto its start, if it made it."""
    if in_dictionary(token) or not re.fullmatch(r"[\u4e00-\u9fff]+", token):
        return token
    return token.lstrip(_GLUED_FIRST)


def content_words(text: str) -> tuple[str, ...]:
    """Content words: jieba tokens minus question words, generic terms, single characters, counts
    in a measure word (几座, 好几座, 一处), a verb with 了 (建了) and the time expressions, absolute
    (22年8月: the question's years and months carry them) or relative (去年, 上个月: a document of
    that period names it by its date, not by these words)."""
    seen: list[str] = []
    timeless = RELATIVE_PERIOD.sub(" ", TIME_TEXT.sub(" ", fold_width(to_simplified(text))))
    timeless = without_ranks(_HOW_MUCH.sub(" ", timeless))
    pieces = split_before_domain_words(timeless)
    # Each piece cut on its own: the time taken out leaves no word across its gap (到…底 of 到24年11月底).
    for token in (_unglued(t) for piece in pieces for part in piece.split() for t in keyword_tokens(part)):
        if not token:
            continue
        if token in GENERIC or token in FRAME_WORDS or token in seen:
            continue
        if _ASK_OR_POINTER.match(token) or _COUNT.match(token) or _VERB_DONE.match(token):
            continue
        if _MODAL_AND_VERB.match(token) and token not in _BEGIN_LIKE_A_MODAL:
            continue
        if len(token) == 1 and not token.isdigit():
            continue
        seen.append(token)
    return tuple(t for t in seen if not any(t != o and t in o for o in seen))


_ASK_WORD = re.compile(
    r"(?:是|为|有|占|达|得了|打了|考了|定了|花了|罚了|签了|拆了)?(?:多少|几|哪|谁|什么|啥|怎么|如何)"
)


def _clause_before_ask(part: str) -> str | None:
    """What a part says before its ask word, in the same clause; None when it has no ask word."""
    found = _ASK_WORD.search(part)
    return None if found is None else re.split(r"[，,；;：:]", part[: found.start()])[-1]


# Where the phrase a clause asks about begins: after a time, a 的/里/中 or a pointer (那份, 这个);
# what ends it before the ask word is no part of it (是, 一共, 这项).
_PHRASE_START = re.compile(
    rf"{TIME_TEXT.pattern}|[上下]半年|全年|年底|年初|的|里|中|在|对|把|被|一共|总共|累计|[那这](?:次|期|个|份|篇)"
)
_PHRASE_END = re.compile(r"(?:这一?项|这块|是|为|有|占|达到?|共|一共|总共|累计|合计|了|的|都|各|分别|大概|大约|具体)+$")


def asked_phrase(part: str) -> str:
    """The phrase a clause asks the value of, as written right before its ask word, at most
    8 characters ("开发区23年一季度按期结案率多少" → 按期结案率); "" when shorter than 3."""
    clause = _clause_before_ask(part)
    if clause is None:
        return ""
    phrase = compact(_PHRASE_START.split(_PHRASE_END.sub("", clause))[-1])[-8:]
    return phrase if len(phrase) >= 3 else ""


_NOUN_TAGS = ("n", "nz", "vn", "nt", "nl", "ng")


@functools.lru_cache(maxsize=4096)
def nouns_in(text: str) -> frozenset[str]:
    import jieba.posseg

    return frozenset(word for word, flag in jieba.posseg.cut(text) if flag in _NOUN_TAGS)


def focus_words(part: str) -> tuple[str, ...]:
    """What a clause asks the value of: the last two nouns before its ask word, in the same
    clause ("大鹏新区21年垃圾分类的居民参与率是多少" → 居民, 参与率)."""
    clause = _clause_before_ask(part)
    if clause is None:
        return ()
    nouns = nouns_in(clause)
    words = [w for w in content_words(clause) if w in nouns or any(w in n for n in nouns)]
    return tuple(words[-2:])
