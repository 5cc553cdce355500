"""Place names read in questions and documents: the national list's divisions
(:mod:`assistant.divisions`) as texts write them, and town-level and unlisted names by their form."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from assistant.divisions import TOWN, gazetteer, names_and_stems, place_stem, short_autonomous, stems_by_pinyin
from assistant.text import fold_width, to_simplified

# A place name: 咸宁市, 宝安区, 迭部县, 寿春镇; 小区, 社区 … are kinds of places, and 我市, 全区 … are
# the document's own place, not a name.
_NOT_A_PLACE = re.compile(
    r"^(?:我|全|本|该|各|咱|辖|主城|老城|中心城|城|市|县|郊|新|城乡|市区|县区|县市|区县|景|园|片|校|小|社|街|商|"
    r"试点|示范|重点|农贸|集贸|建成|管|责任|评价|所辖|周边|城中|文明|卫生|省级|市级|县级|区级|国家级)"
)


# Words of a period, which no town's name holds: "三季度街道排名" ranks the streets of a quarter.
_PERIOD_WORD = re.compile(r"季度|半年|全年|年度|月份")


_PLACE_KINDS = re.compile(
    r"(?:小区|社区|街区|景区|园区|片区|校区|城区|辖区|市区|郊区|新区|开发区|示范区|责任区|服务区|功能区)$"
)


# Domain words that begin with a character place names end in: jieba joins an unknown city's
# name across them (禾阳城管 → 禾 + 阳城 + 管, 洛阳城管 → 洛阳城 + 管), so they are cut off first.
_AFTER_PLACE = re.compile(r"(城管|城市管理|城乡|城建|市容|市民|区域|县域)")


def split_before_domain_words(text: str) -> list[str]:
    """``text`` cut before the domain words jieba would join to a place name before them
    (禾阳城管 → 禾阳 | 城管), so neither is read as a word across the cut (阳城)."""
    return [piece for piece in _AFTER_PLACE.split(text) if piece]


def is_domain_word(word: str) -> bool:
    """城管, 市容 …: a body's or a field's name, never part of a place's."""
    return bool(_AFTER_PLACE.fullmatch(word))


# What follows a name in a road's: 路, 大道, 大街, 巷 (not 街道, the division).
_ROAD = re.compile(r"路|大道|大街|巷|街(?!道)")


@functools.lru_cache(maxsize=4096)
def _place_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Places a text names: a division's full name (宝安区, 迭部县), its stem where jieba reads
    it as a place (咸宁, 江门), and town-level names (寿春镇, 潇湘街道); and, apart, the stems
    jieba cuts as words but tags otherwise (福鼎 as a person's name, 开封 as a verb)."""
    import jieba.posseg

    names, stems = gazetteer()
    words = [(w, f) for piece in split_before_domain_words(text) for w, f in jieba.posseg.cut(piece)]
    found = [name for _, name in sorted((text.find(n), n) for n in short_autonomous() if n in text)]
    other_stems = []
    for i, (word, flag) in enumerate(words):
        after = words[i + 1][0] if i + 1 < len(words) else ""
        if _ROAD.match(after) and not word.endswith(("市", "区", "县", "镇", "乡")):
            continue  # 湖北 + 路 of 榕湖北路, 中山 + 路: a road named after a place, not the place
        if word.endswith("镇") and after == "街":
            word = word[:-1]  # 柯桥镇街: the towns and streets (镇街) of 柯桥, not a town named 柯桥镇
            if word not in names and word not in stems:
                continue
        if word + after in names:
            found.append(word + after)  # 宝安 + 区
        elif (
            word in names
            or (word in stems and flag.startswith("ns"))
            or (
                TOWN.fullmatch(word)
                and not _NOT_A_PLACE.match(word)
                and not _PLACE_KINDS.search(word)
                and not _PERIOD_WORD.search(word)
            )
        ):
            found.append(word)
        elif word in stems:
            other_stems.append(word)
        elif flag == "nt" and (named := _named_at_start(word, names)):
            found.append(named)  # 成都市人民政府: a body jieba knows whole, its place first
        elif word in ("街道", "镇", "乡") and i:
            # 潇湘 + 街道, 流沙 + 东 + 街道, 周 + 路口 + 街道: a town-level name jieba left in pieces
            for back in (2, 1) if _lone_name_character(words, i - 2) else (1, 2):
                pieces = [w for w, _ in words[max(0, i - back) : i]]
                name = "".join(pieces)
                if name[0] in "年月日号" and i - back > 0 and _NUMERAL_END.search(words[i - back - 1][0]):
                    name = name[1:]  # 5 + 月岩 + 泉 + 街道: the date's unit jieba joined to the name
                if (
                    2 <= len(name) <= 4
                    and all(re.fullmatch(r"[\u4e00-\u9fff]+", p) for p in pieces)
                    and (not _NOT_A_PLACE.match(name) or name in names or name in stems)  # 新城 + 街道
                    and not _NOT_IN_A_TOWN.search(name)
                    and not _PERIOD_WORD.search(name)
                ):
                    found.append(name + word)
                    break
    return tuple(found), tuple(other_stems)


_NUMERAL_END = re.compile(r"[\d〇零一二三四五六七八九十两]$")


def _lone_name_character(words: list[tuple[str, str]], at: int) -> bool:
    """The word at ``at`` is one character jieba split off a name rather than a verb, pointer or
    particle before it (周 of 周路口, not 在 of 在路口), and not the end of a word jieba split
    before it (黑 + 榜, 城管 + 局): a town's name then begins with it."""
    if at < 0:
        return False
    word, flag = words[at]
    before = words[at - 1][0] if at else ""
    return (
        len(word) == 1
        and flag[:1] in ("n", "a", "s", "f", "b", "j", "g")
        and not _NOT_IN_A_TOWN.search(word)
        and not (len(before) == 1 and re.fullmatch(r"[\u4e00-\u9fff]", before))
        and not is_domain_word(before)
    )


def _named_at_start(word: str, names: frozenset[str]) -> str:
    """The division's full name ``word`` begins with (成都市 of 成都市人民政府), or ""."""
    return next((word[:n] for n in (4, 3, 2) if word[:n] in names and len(word) > n), "")


_DIVISION_NAME_END = re.compile(r"(?:区|县|市|旗|镇|乡|街道)$")


def divisions_in_full(text: str) -> tuple[str, ...]:
    """The divisions of the national list a text writes by their full names (埇桥区), though jieba
    cuts them apart (埇 | 桥区) and :func:`read_places` misses them; not a bare stem (治多 of 整治多少)."""
    names, _ = gazetteer()
    return tuple(p for p in divisions_written(text) if p in names and _DIVISION_NAME_END.search(p))


def divisions_written(text: str) -> tuple[str, ...]:
    """Every division a text writes, by its full name or its stem with whatever division word
    follows it (当阳, 滨海区), in the order written, whether or not jieba reads it as a place:
    for finding, in a short question, the place a follow-up's new place stands in for."""
    names, _ = gazetteer()
    either = names_and_stems()
    simple = fold_width(to_simplified(text))
    found: list[str] = []
    at = 0
    while at < len(simple):
        word = next((simple[at : at + n] for n in (5, 4, 3, 2) if simple[at : at + n] in either), "")
        if not word:
            at += 1
            continue
        suffix = _WRITTEN_SUFFIX.match(simple, at + len(word)) if word not in names else None
        written = word + (suffix.group(0) if suffix else "")
        found.append(written)
        at += len(written)
    return tuple(found)


_WRITTEN_SUFFIX = re.compile(r"新区|街道|区|县|市|镇")


def divisions_named(text: str) -> frozenset[str]:
    """The divisions of the national list a text writes by their full names (福鼎市, 嘉鱼县)."""
    names, _ = gazetteer()
    return frozenset(written for written in divisions_written(text) if written in names)


def places_in_file_name(name: str) -> tuple[str, ...]:
    """The places a file's name gives, written in Chinese (咸宁市2022年总结.docx) or as the pinyin
    of a division's stem (000_zhongshan-2021-06-….txt → 中山): staff ask about 中山 of a
    document that writes only 我市."""
    stem = PurePosixPath(name).stem
    found = list(read_places(re.sub(r"[^\u4e00-\u9fff]+", " ", stem)))
    for token in re.findall(r"[a-z]{4,}", stem.lower()):  # 4 letters and more: two syllables at least
        found += stems_by_pinyin().get(token, ())
    return tuple(dict.fromkeys(found))


def read_places(text: str, known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Named places (咸宁, 宝安区, 迭部县, 寿春镇); not 我市, 全区, 小区, 城区. ``known``: names the
    documents write as places (``corpus.known_places``). One beyond the national list is read
    also by its stem (栖川 of 栖川市); one on it, by its stem where jieba cuts that as a word of
    its own, whatever its tag (福鼎 of 福鼎市, not 阳新 of 渚阳新设 unless 阳新县 is written)."""
    simple = fold_width(to_simplified(text))
    names, _ = gazetteer()
    words, other_stems = _place_words(simple)
    places = [p for p in words if len(p) >= 2 and (p in names or not _PLACE_KINDS.search(p))]
    if known:
        national = {place_stem(name) for name in known & names}
        said = sorted(found for name in known - names if (found := _written(simple, name)))  # in the order written
        said += [(simple.find(stem), stem) for stem in other_stems if stem in national]
        places += [form for _, form in sorted(said)]
        places = [_division_of_streets(p, known) for p in places]
    # Keep the longest form of each (宝安区 over 宝安) and drop parts of longer ones.
    unique = list(dict.fromkeys(places))
    return tuple(p for p in unique if not any(p != o and p in o for o in unique))


def _division_of_streets(place: str, known: frozenset[str]) -> str:
    """A 街道 no document names whose stem names a district they do (玉州街道 beside 玉州区): the
    streets of that district, as staff write "玉州街道考核" for the assessment of 玉州区's streets."""
    streets = re.fullmatch(r"([\u4e00-\u9fff]{2,3})街道", place)
    if place in known or not streets:
        return place
    return next((streets.group(1) + kind for kind in ("区", "县", "市") if streets.group(1) + kind in known), place)


def _written(text: str, name: str) -> tuple[int, str] | None:
    """Where and how ``text`` first names ``name``: in full, else by its stem."""
    for form in (name, place_stem(name)):
        if (at := text.find(form)) >= 0:
            return at, form
    return None


# A name written before a division's suffix: 栖川市, 雁塘区, 桐屿县.
_SUFFIXED = re.compile(r"([\u4e00-\u9fff]{2})([市区县])")


# Characters a place's name does not hold but a clause joined to it does (三是市, 局在区, 现将县, 主要是镇).
_CLAUSE = "是在将对由请需等和与及的了把被从向为其各每该本全我"


# A written name's stem holds no division word either (赴省市): new names are written before the suffix.
_CLAUSE_CHARS = re.compile(rf"[{_CLAUSE}城省市区县]")


# Nor does a town's name jieba left in pieces hold a division word, a count or a pointer (各乡镇, 哪几个镇).
_NOT_IN_A_TOWN = re.compile(rf"[{_CLAUSE}乡镇区县市哪几多少个两些那这]")


# jieba's tags of words that end a clause rather than begin a name: a measure (个区县), a number or
# time (月内市), a conjunction (并报市), a preposition, adverb, particle or pronoun; and, standing
# alone, a side (前报市: 西 of 西屿区 is a side too, but jieba joins it to the name).
_FUNCTION_TAGS = frozenset({"q", "m", "c", "p", "d", "u", "r"})


def written_places(text: str) -> Counter[str]:
    """Names ``text`` writes as places that the national list does not hold, with how often: the
    invented or newer cities and districts of a corpus (栖川市, 雁塘区, 北麓区), so that a question
    naming them (栖川, 雁塘区) is read as naming a place. A name counts where jieba's words in its
    sentence begin where it begins and end where it or its stem ends (栖川|市民, 澜|湾区, 北麓|区),
    and its stem is no ordinary word (推进市 is 推进 + 市) or is a place's or a side's word (北麓)."""
    import jieba

    jieba.initialize()
    names, _ = gazetteer()
    counts: Counter[str] = Counter()
    simple = fold_width(to_simplified(text))
    for match in _SUFFIXED.finditer(simple):
        stem, suffix = match.groups()
        name = stem + suffix
        if name in names or _NOT_A_PLACE.match(name) or _PLACE_KINDS.search(name):
            continue
        start = max(0, match.start() - 6)
        bounds = _word_bounds(simple[start : match.end() + 4])
        begin, stem_end, end = match.start() - start, match.start() - start + 2, match.end() - start
        if (
            begin in bounds
            and (end in bounds or stem_end in bounds)
            and _may_be_a_name(stem, suffix_alone=end in bounds, first_alone=begin + 1 in bounds)
        ):
            counts[name] += 1
    return counts


def places_known_in(texts: Iterable[str], min_count: int = 2) -> frozenset[str]:
    """The places beyond the national list that ``texts`` name, together, at least ``min_count`` times."""
    return named_often((written_places(text) for text in texts), min_count)


def named_often(tallies: Iterable[Mapping[str, int]], min_count: int) -> frozenset[str]:
    """The names that several tallies of places written (``written_places``) count, together,
    at least ``min_count`` times."""
    counts: Counter[str] = Counter()
    for tally in tallies:
        counts.update(tally)
    return frozenset(name for name, n in counts.items() if n >= min_count)


def _word_bounds(window: str) -> set[int]:
    """Offsets in ``window`` where jieba's words begin or end (cut first before domain words)."""
    import jieba

    bounds = {0}
    at = 0
    for piece in split_before_domain_words(window):
        for word in jieba.lcut(piece):
            at += len(word)
            bounds.add(at)
    return bounds


def _may_be_a_name(stem: str, suffix_alone: bool, first_alone: bool) -> bool:
    """A stem no ordinary word is made of: unknown to jieba, or a place's word, or a side's word
    (北麓, tagged 方位) with the suffix standing alone after it; and whose first character, as
    jieba cuts it (``first_alone``: a word of its own), does not end a clause (个, 并, 前)."""
    import jieba

    if _CLAUSE_CHARS.search(stem):
        return False
    first = _tag(stem[0])
    if first in _FUNCTION_TAGS or (first == "f" and first_alone):
        return False
    frequency: int = jieba.dt.FREQ.get(stem, 0)
    tag = _tag(stem)
    return frequency == 0 or tag.startswith("ns") or (tag == "f" and suffix_alone)


def _tag(word: str) -> str:
    import jieba.posseg

    tag: str = jieba.posseg.dt.word_tag_tab.get(word, "")
    return tag
