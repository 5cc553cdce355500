"""Per-document metadata derived from the text (title, years, body, kind, period),
overridable by a sidecar ``NAME.meta.json`` or an entry in ``meta.yaml`` of the root."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from assistant.models import DocumentMeta
from assistant.text import to_simplified

_PLACE = r"(?:[^\s，,。、；：:“”]{0,6}?[省市区县])?"
# (pattern on Simplified text, canonical body). Longest, most specific first.
BODIES: list[tuple[str, str]] = [
    (r"中央文明办|中央精神文明建设指导委员会办公室", "中央文明办"),
    (_PLACE + r"(?:精神)?文明(?:建设指导委员会)?办(?:公室)?", "文明办"),
    (_PLACE + r"文明委", "文明委"),
    (_PLACE + r"城市公用事业服务中心", "城市公用事业服务中心"),
    (_PLACE + r"城市管理(?:综合)?(?:行政)?(?:执法)?局", "城管局"),
    (_PLACE + r"城管(?:执法)?局", "城管局"),
    (_PLACE + r"市容管理科", "市容管理科"),
    (_PLACE + r"住(?:房和城乡)?建(?:设)?局", "住建局"),
    (r"[县市区]委书记", "县委"),
]
KINDS: list[tuple[str, str]] = [
    (r"测评体系|测评操作手册|操作手册|测评(?:细则|标准|指标)|(?:考核|评分|评价)(?:细则|标准)", "测评体系"),
    (r"考察点位|建设标准|实地考察", "考察标准"),
    (r"讲\s*话|党课", "讲话"),
    (r"总结.{0,12}(?:计划|安排|打算|思路)", "工作总结及计划"),
    (r"总结", "工作总结"),
    (r"计划|安排|方案|要点", "工作计划"),
    (r"汇报|报告|情况", "工作汇报"),
]
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TITLE_WORDS = re.compile(r"总结|计划|汇报|报告|讲话|方案|体系|手册|标准|要点|情况|意见|通知")


def _first_title_line(text: str) -> str:
    for line in text.split("\n")[:3]:
        line = line.strip()
        if (
            6 <= len(line) <= 60
            and not re.search(r"[。:：]", line)
            and not re.match(r"^(?:[一二三四五六七八九十]+|\d+)[、.．]|^[（(]", line)
            and _TITLE_WORDS.search(to_simplified(line))
        ):
            return line
    return ""


def derive_meta(text: str, title_hint: str = "") -> DocumentMeta:
    """Best-effort metadata from a document's own words."""
    head = to_simplified(text[:600])
    title = title_hint or _first_title_line(text)
    title_s = to_simplified(title)
    years = [int(y) for y in _YEAR.findall(title_s)]
    counts = Counter(int(y) for y in _YEAR.findall(head))
    years += [y for y, _ in counts.most_common() if y not in years]
    body_full, body = "", ""
    for source in (title_s, head):
        # The body named first in the text is the issuer; others are mentioned in passing.
        matches = [(m.start(), m.group(0), canonical) for pattern, canonical in BODIES
                   for m in [re.search(pattern, source)] if m]
        if matches:
            _, body_full, body = min(matches)
            body_full = body_full.lstrip("在由对和与及的将我现")
            break
    kind = ""
    for source in (title_s, to_simplified(text[:200]), head):
        for pattern, name in KINDS:
            if re.search(pattern, source):
                kind = name
                break
        if kind:
            break
    period = ""
    if re.search(r"上半年", title_s or head[:200]):
        period = "上半年"
    elif re.search(r"下半年", title_s):
        period = "下半年"
    elif re.search(r"全年|年度|\d{4}年(?:度)?(?:工作)?总结", title_s):
        period = "全年"
    if not title:
        parts = [body_full or body, f"{years[0]}年" if years else "", period, kind or "文件"]
        title = "".join(p for p in parts if p) or text.split("\n", 1)[0][:30]
    return DocumentMeta(title=title, years=years[:4], body=body, body_full=body_full, kind=kind, period=period)


def load_overrides(root: Path) -> dict[str, dict[str, Any]]:
    """``meta.yaml`` at the root: ``{relative/path.txt: {title: …, years: […], body: …}}``."""
    for name in ("meta.yaml", "meta.yml"):
        file = root / name
        if file.exists():
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
            if not isinstance(data, dict):
                raise ValueError(f"{file}: expected a mapping of file path → fields")
            return {str(k): v for k, v in data.items() if isinstance(v, dict)}
    return {}


def apply_overrides(meta: DocumentMeta, fields: dict[str, Any]) -> DocumentMeta:
    for key, value in fields.items():
        if key == "years":
            value = [int(v) for v in (value if isinstance(value, list) else [value])]
        elif key == "year":
            key, value = "years", [int(value)]
        if hasattr(meta, key):
            setattr(meta, key, value)
    return meta


def sidecar_overrides(path: Path) -> dict[str, Any]:
    """Fields from ``NAME.meta.json`` next to the file, if present."""
    sidecar = path.with_name(path.name + ".meta.json")
    if not sidecar.exists():
        sidecar = path.with_suffix(".meta.json")
    if sidecar.exists():
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            return data
    return {}
