"""Many real-looking report files generated from the bundled seed reports, for scale benchmarks.

Each generated file takes one seed report as its template and varies it: another district,
issuing body, year and period in the title and text; every figure rescaled (percentages
kept below 100, months and days kept valid, ``*``-masked figures often filled in); years
shifted consistently; items shuffled and renumbered within their section, some dropped;
whole sections' items swapped in from another seed report's section of the same role
(work done / plans / problems). The seeds' own sentences are reused, so the text is
genuine report language, but no two files are the same.

    python bench/generate.py OUT_DIR --passages 10000 [--seed 7]

writes ``OUT_DIR/gen-000000.txt`` ... until the project's splitter makes about that many
passages of them (counted with the real ingest pipeline)."""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import _common

DISTRICTS = [
    "鼓楼区",
    "东湖区",
    "南湖区",
    "江北区",
    "高新区",
    "滨江区",
    "城南区",
    "城东区",
    "北塘区",
    "青山区",
    "长乐区",
    "金水区",
    "开元区",
    "新城区",
    "望江区",
    "临江县",
    "平川县",
    "安宁县",
    "清河县",
    "永和县",
    "石桥镇",
    "西城区",
    "雁塔区",
    "天河区",
    "武侯区",
    "秦淮区",
    "历下区",
    "江汉区",
    "岳麓区",
    "西湖区",
]
BODIES = [
    "城市管理局",
    "城市管理综合行政执法局",
    "城管局",
    "文明办",
    "精神文明建设指导委员会办公室",
    "城市公用事业服务中心",
    "市容管理科",
    "住房和城乡建设局",
]
KINDS = [
    "工作总结",
    "工作总结及下半年工作计划",
    "工作情况汇报",
    "工作总结及下步工作安排",
    "创建全国文明城市工作情况汇报",
    "城市管理工作总结",
    "创文工作情况报告",
]
PERIODS = ["", "上半年", "下半年", "全年", "第一季度", "前三季度"]
CN_NUM = "一二三四五六七八九十"
_LEAD = re.compile(r"^(?P<m>[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|\d+[、.．](?!\d))")
_NUMBER = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d、．]|\.\D)(\s*)(%|％|年|月|日|万|亿|个|件|处|次|人|名|家|户|条|座|辆|台|起|份|平方米|米|吨|余)?"
)
_MASK = re.compile(r"\*(?=\s*(?:[余多%％]|[件处个份次家台辆张座吨米人万宗起月]))")
_PLACE = re.compile(r"XX区|XX县|XX市|西城区|\*县|\*市|我区|我县")
_ROLE_PLAN = re.compile(r"计划|安排|打算|下步|下一步|思路")
_ROLE_PROBLEM = re.compile(r"问题|不足|短板|困难")


@dataclass
class Section:
    heading: str
    items: list[str]
    role: str


@dataclass
class Seed:
    name: str
    year: int
    body_full: str
    intro: list[str]
    sections: list[Section] = field(default_factory=list)


def _role(heading: str) -> str:
    if _ROLE_PLAN.search(heading):
        return "plan"
    if _ROLE_PROBLEM.search(heading):
        return "problem"
    return "work"


def load_seeds(corpus: Path | None = None) -> list[Seed]:
    """The seed reports (not the assessment standards), cut into sections and items."""
    from assistant.ingest.pipeline import discover, file_hash, prepare
    from assistant.settings import Settings

    settings = Settings()
    seeds = []
    found = discover([(corpus or _common.CORPUS) / "reports"])
    for source in found.files:
        for document, chunks in prepare(source, settings, file_hash(source.path)):
            if len(chunks) < 5:
                continue
            seed = Seed(document.source, document.meta.year or 2023, document.meta.body_full or document.meta.body, [])
            current: Section | None = None
            for chunk in chunks:
                top = chunk.heading.split(" > ")[0] if chunk.heading else ""
                if not top:
                    (seed.intro if current is None else current.items).append(chunk.text)
                    continue
                if current is None or current.heading != top:
                    current = Section(top, [], _role(top))
                    seed.sections.append(current)
                current.items.append(chunk.text)
            if seed.sections:
                seeds.append(seed)
    return seeds


class Variation:
    """The substitutions of one generated document."""

    def __init__(self, rng: random.Random, seed: Seed):
        self.rng = rng
        self.district = rng.choice(DISTRICTS)
        self.body = rng.choice(BODIES)
        self.year = rng.randint(2015, 2025)
        self.shift = self.year - seed.year
        self.period = rng.choice(PERIODS)
        self.kind = rng.choice(KINDS)
        self.scale = rng.uniform(0.6, 1.7)  # a document's figures move together, roughly
        self.seed_body = seed.body_full

    @property
    def title(self) -> str:
        return f"{self.district}{self.body}{self.year}年{self.period}{self.kind}"

    def _number(self, match: re.Match) -> str:
        value, space, unit = match.group(1), match.group(2), match.group(3) or ""
        rng = self.rng
        if unit == "年" and len(value) == 4 and 1990 <= int(value) <= 2030:
            return f"{int(value) + self.shift}{space}{unit}"
        if unit == "月" and "." not in value and 1 <= int(value) <= 12:
            return f"{rng.randint(1, 12)}{space}{unit}"
        if unit == "日" and "." not in value and 1 <= int(value) <= 31:
            return f"{rng.randint(1, 28)}{space}{unit}"
        number = float(value) * self.scale * rng.uniform(0.8, 1.25)
        decimals = len(value.split(".")[1]) if "." in value else 0
        if unit in ("%", "％"):
            number = min(float(value) * rng.uniform(0.97, 1.02), 99.99 if decimals else 99)
        if decimals:
            return f"{number:.{decimals}f}{space}{unit}"
        return f"{max(1, round(number))}{space}{unit}"

    def text(self, text: str) -> str:
        text = _MASK.sub(lambda m: str(self.rng.randint(2, 300)) if self.rng.random() < 0.7 else "*", text)
        text = _NUMBER.sub(self._number, text)
        text = _PLACE.sub(lambda m: "我" + self.district[-1] if m.group(0).startswith("我") else self.district, text)
        if self.seed_body and len(self.seed_body) >= 3:
            text = text.replace(self.seed_body, self.district + self.body)
        return text


def _kind(line: str) -> str | None:
    match = _LEAD.match(line.strip())
    if not match:
        return None
    marker = match.group("m")
    return "shi" if marker.endswith("是") else "paren" if marker[0] in "（(" else "arabic"


def split_items(section: Section) -> tuple[list[str], list[str]]:
    """(head lines, items): items start at the section's most frequent leading marker kind
    (一是 / （一） / 1、) and run to the next one, so nested sub-items stay with their item."""
    lines = [line for text in section.items for line in text.split("\n") if line.strip()]
    kinds = [_kind(line) for line in lines]
    counts = {k: kinds.count(k) for k in set(kinds) if k}
    if not counts:
        return lines[:1], lines[1:]
    primary = max(counts, key=counts.get)
    head, items = [], []
    for line, kind in zip(lines, kinds, strict=True):
        if kind == primary:
            items.append(line)
        elif items:
            items[-1] += "\n" + line
        else:
            head.append(line)
    return head, items


def _renumber(items: list[str]) -> list[str]:
    """Leading item markers (一是, （一）, 1、) in sequence again after shuffling or dropping."""
    out = []
    for n, item in enumerate(items, start=1):
        match = _LEAD.match(item)
        if not match:
            out.append(item)
            continue
        marker = match.group("m")
        kind = _kind(item)
        cn = CN_NUM[n - 1] if n <= 10 else f"十{CN_NUM[n - 11]}" if n <= 20 else str(n)
        new = {"shi": f"{cn}是", "paren": f"{marker[0]}{cn}{marker[-1]}", "arabic": f"{n}{marker[-1]}"}[kind]
        out.append(new + item[match.end() :])
    return out


def generate_document(rng: random.Random, seeds: list[Seed]) -> str:
    seed = rng.choice(seeds)
    var = Variation(rng, seed)
    lines = [var.title]
    lines += [var.text(p) for p in seed.intro]
    donors = [s for other in seeds if other is not seed for s in other.sections]
    for section in seed.sections:
        head, items = split_items(section)
        if rng.random() < 0.25:  # this section's items from another report's section of the same role
            same = [d for d in donors if d.role == section.role]
            donor_items = split_items(rng.choice(same))[1] if same else []
            items = donor_items or items
        items = [item for item in items if rng.random() > 0.15] or items[:1]
        if rng.random() < 0.6:
            rng.shuffle(items)
        lines += [var.text(p) for p in head + _renumber(items)]
    if rng.random() < 0.5:
        lines.append(f"{var.district}{var.body}\n{var.year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    return "\n".join(lines) + "\n"


def generate(out: Path, passages: int, seed: int = 7, start: int = 0, progress=None) -> tuple[int, int, list[Path]]:
    """Write files into ``out`` until the ingest pipeline counts ``passages`` passages.

    Returns (files, passages, paths). Files already there from a previous call with the same
    seed are reused (the sequence is deterministic), so larger sets extend smaller ones."""
    from assistant.ingest.pipeline import SourceFile, prepare
    from assistant.settings import Settings

    settings = Settings()
    seeds = load_seeds()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    total, paths, number = 0, [], start
    while total < passages:
        text = generate_document(rng, seeds)
        path = out / f"gen-{number:06d}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        prepared = prepare(SourceFile(path, out, path.as_posix()), settings, "x")
        total += sum(len(chunks) for _, chunks in prepared)
        paths.append(path)
        number += 1
        if progress:
            progress(total, passages)
    return len(paths), total, paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--passages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files, total, _ = generate(args.out, args.passages, args.seed)
    print(f"{files} files, {total} passages in {args.out}")


if __name__ == "__main__":
    main()
