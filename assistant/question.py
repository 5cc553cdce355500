"""What a question asks: its parts, years, months, places, bodies, units and intent.

The one reader of questions: the passage answerer, the fact answerer, follow-up resolution
and the evaluation all take a :class:`Question` from :func:`read_question`, so "22年" or
"2000户" is read the same way everywhere."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from assistant.intent import Intent, classify
from assistant.periods import (
    HALF,
    ORDINAL,
    read_issues,
    read_months,
    read_quarters,
    read_ranks,
    read_years,
    relative_years,
)
from assistant.places import divisions_in_full, read_places
from assistant.question_words import asked_phrase, content_words, focus_words, nouns_in
from assistant.text import compact, fold_width, to_simplified

# The unit a figure question counts in: "几座", "多少宗", "多少万元", "多少分", "…率".
# 哪几项 asks which items, not how many: no unit is asked; nor is money by 处罚案件 (cases fined).
_UNIT = re.compile(
    r"(?:多少|(?<!哪)几)(?:个)?(?:万|亿)?(平方米|平米|公里|千米|人次|车次|辆次|个次|座次|个|件|宗|处|座|条|户|人|名|项|次|家|所|辆|台|棵|株|米|吨|块|起|场|批|栋|间|元|支|套|份|分|天|小时)"
    r"|(多少钱|花了多少|经费|预算|奖励|罚(?!案|决定|程序|记录)|投资|资金|补贴|补助)"
)
_RATE = re.compile(r"率|比例|占比|百分比")
# Asks which company or third party did something: the answer is a name ("哪家第三方机构做的测评").
# A body asked with 哪个机构 may be a government office; a third party or a company is not.
_ORGANISATION_ASKED = re.compile(
    r"(?:哪家|哪个|哪一家|什么|啥)(?:第三方)?(?:公司|企业)|第三方[^，,？?。]{0,6}(?:哪家|哪个|谁|什么|啥)|(?:哪家|哪个|什么|啥)第三方"
)

# Asks a person's name ("局长叫啥", "组长是谁", "谁主持的", "哪位领导讲的"); not who is responsible,
# which is a body (谁负责, 谁通报的), nor a brand's or an activity's name (品牌叫什么).
_PERSON_ASKED = re.compile(
    r"(?:局长|主任|书记|市长|区长|县长|负责人|联系人|发言人|主持人|记者|组长|队长|领导|同志)[^，,？?。]{0,2}"
    r"(?:叫什么|叫啥|姓名|名字|是谁)"
    r"|哪位|哪个领导|谁(?:主持|带队|讲话|签发|出席|致辞|作报告|做报告)"
)
# Asks a telephone number to call ("有异议打哪个电话", "联系电话多少").
# Not a hotline's or a call's figures ("市长热线受理多少件", "电话回访多少户", "打造城管热线").
_PHONE_ASKED = re.compile(
    r"(?:电话|热线号码|联系方式)(?:号码)?是?(?:多少|什么|啥)(?![件户次人个条])|(?:打|拨打?)(?:哪个|什么|啥)(?:电话|热线)"
)

# Parts of a multi-part question: split at question marks and semicolons, and at commas whose
# clause asks something of its own ("检查了多少个点位，发现多少个问题").
_ASK_WORD = re.compile(r"多少|几|哪|谁|什么|啥|是否|有没有|咋|如何|怎么")
_ASKS = re.compile(rf"{_ASK_WORD.pattern}|分别|吗|呢")
_PART_SPLIT = re.compile(rf"[？?；;！!]+|[，,、]\s*(?=.{{0,12}}(?:{_ASK_WORD.pattern}))")
# Last clauses that name only what changes, the last closed by 呢 ("…结案率多少，6月单月呢", "…受理多少件
# 办结率 满意率呢"): each a part of its own, asking the clause before them again of what it names.
_FRAGMENT = r"[^，,、？?；;\s]{1,10}"
_FRAGMENT_GAP = re.compile(r"[，,、\s]+")
_ELLIPTIC_TAIL = re.compile(rf"{_FRAGMENT_GAP.pattern}((?:{_FRAGMENT}{_FRAGMENT_GAP.pattern})*{_FRAGMENT}呢)[？?。]*$")


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
    relative_years: tuple[int, ...] = ()  # years named from the time of asking: 去年 → -1, 今年 → 0
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
    def asks_organisation(self) -> bool:
        """Asks the name of a company or third party ("第三方是哪家公司", "哪家企业运营")."""
        return bool(_ORGANISATION_ASKED.search(self.simple))

    @property
    def asks_person(self) -> bool:
        """Asks the name of a person ("城管局局长叫啥", "谁主持的")."""
        return bool(_PERSON_ASKED.search(self.simple))

    @property
    def asks_phone(self) -> bool:
        """Asks a telephone number ("有意见打哪个电话反映")."""
        return bool(_PHONE_ASKED.search(self.simple))

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


def _spaced_asks(text: str) -> str:
    """Clauses typed apart by a space, each asking ("去年改了几家 今年还要改几家"), joined by ；."""
    chunks = text.split()
    joined = chunks[:1]
    for chunk in chunks[1:]:
        apart = _ASKS.search(joined[-1]) and _ASKS.search(chunk) and len(chunk) >= 4
        joined.append(f"；{chunk}" if apart else f" {chunk}")
    return "".join(joined)


def split_parts(text: str) -> list[str]:
    """The clauses of a question that each ask something ("…多少处？…占多少？平均分多少")."""
    tail = _ELLIPTIC_TAIL.search(text)
    if tail and _ASK_WORD.search(text[: tail.start()]) and not _ASK_WORD.search(tail.group(1)):
        fragments = [f if f.endswith("呢") else f"{f}呢" for f in _FRAGMENT_GAP.split(tail.group(1))]
        text = "；".join([text[: tail.start()], *fragments])
    pieces = [p.strip(" ，,。") for p in _PART_SPLIT.split(_spaced_asks(text))]
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
        relative_years=relative_years(simple),
        months=read_months(simple),
        quarters=read_quarters(simple),
        halves=tuple(dict.fromkeys(HALF.findall(simple))),
        places=_places_asked(simple, known_places),
        bodies=read_bodies(simple),
        units=read_units(simple),
        ordinals=tuple(ORDINAL.findall(simple)),
        ranks=read_ranks(simple),
        issues=read_issues(simple),
        nouns=tuple(w for w in keywords if w in nouns_in(simple)),
        intent=classify(simple),
        parts=parts,
    )


@functools.lru_cache(maxsize=1)
def _term_forms() -> dict[str, tuple[str, ...]]:
    """Word → the forms a document may write it in, from ``resources/term_forms.txt`` (a
    knowledge base's synonyms, as FastGPT keeps them: 城管 for 城市管理, 菜市场 for 农贸市场)."""
    table: dict[str, tuple[str, ...]] = {}
    with resources.files("assistant.resources").joinpath("term_forms.txt").open("r", encoding="utf-8") as fh:
        for line in fh:
            words = line.split()
            if words and not line.startswith("#"):
                table[words[0]] = tuple(dict.fromkeys(words))
    return table


def forms(word: str) -> tuple[str, ...]:
    """The forms a text may write ``word`` in (itself, and its synonyms)."""
    return _term_forms().get(word, (word,))


def mentions(text: str, word: str) -> bool:
    """``text`` says ``word`` (either script, spaces ignored)."""
    return compact(word) in compact(text)


def _places_asked(simple: str, known_places: frozenset[str]) -> tuple[str, ...]:
    """The places a question names, in the order written: those jieba reads, and the divisions it
    writes in full that jieba cuts apart (埇桥区)."""
    read = read_places(simple, known_places)
    missed = [p for p in divisions_in_full(simple) if not any(p in r or r in p for r in read)]
    if not missed:
        return read
    return tuple(sorted((*read, *missed), key=lambda p: simple.find(p) if p in simple else len(simple)))
