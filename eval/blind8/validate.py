#!/usr/bin/env python3
"""Validation for blind8: substring checks and absence checks (no question text here)."""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORP = os.path.join(HERE, "corpus")


def norm(s):
    return re.sub(r"\s+", "", s)


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


docs = {f: norm(read(os.path.join(CORP, f))) for f in sorted(os.listdir(CORP))}
byno = {int(f[:3]): f for f in docs}
errors, checked = [], 0
assert len(docs) == 30, len(docs)
for f in docs:
    if not re.fullmatch(r"\d{3}_[a-z]+-[a-z-]+-\d{4}-\d{2}\.txt", f):
        errors.append("bad name " + f)
    n = len(read(os.path.join(CORP, f)))
    if not 300 <= n <= 1100:
        errors.append(f"length {f} {n}")


def chk(item, tag):
    global checked
    ds = item["doc"] if isinstance(item["doc"], list) else [item["doc"]]
    for d in ds:
        if d not in docs:
            errors.append(f"{tag}: missing doc {d}")
    text = "".join(docs[d] for d in ds if d in docs)
    for s in item["must_contain"] + item["evidence"]:
        checked += 1
        if norm(s) != s or s not in text:
            errors.append(f"{tag}: not found {s!r}")
    if isinstance(item["doc"], list):
        for _ in item["evidence"]:
            pass


qs = [json.loads(line) for line in read(os.path.join(HERE, "questions.jsonl")).splitlines() if line.strip()]
assert [q["id"] for q in qs] == [f"g{i:03d}" for i in range(1, 131)]
cnt = Counter(q["type"] for q in qs)
want = {"number": 45, "unanswerable": 40, "standard": 10, "problem": 10, "target": 9, "multi_doc": 8, "deadline": 8}
if dict(cnt) != want:
    errors.append(f"type counts {cnt}")
ABSENT = json.loads(
    '{"g091": [[null, "6月份城市管理"], [null, "6月份中心城区"]], "g092": [[null, "2月份城市管理"], [null, "2月份中心城区"]], "g093": [[3, "整改率"]], "g094": [[20, "瀍河"]], "g095": [[20, "孟津"]], "g096": [[null, "暗访点位210个，发现问题1"], [null, "暗访点位210个，发现问题2"]], "g097": [[30, "江阳区发现问题1"], [30, "江阳区发现问题2"], [30, "江阳区发现问题3"]], "g098": [[30, "整改率9"], [30, "整改率8"], [30, "整改率1"]], "g099": [[4, "第二季度"], [null, "台州市数字化城市管理监督指挥中心2024年第二"]], "g100": [[5, "第一季度"], [null, "泸州市数字化城市管理2024年第一"]], "g101": [[5, "按期结案率"]], "g102": [[null, "洛阳市数字化"], [null, "洛阳市数字城管"]], "g103": [[null, "台州市创建全国文明城市"], [null, "台州市文明城市创建测评结果"]], "g104": [[18, "一季度"], [null, "泸州市2024年第一季度创文"]], "g105": [[null, "洛宁"]], "g106": [[null, "栾川"]], "g107": [[null, "嵩县"]], "g108": [[null, "汝阳"]], "g109": [[null, "三门"]], "g110": [[null, "仙居"]], "g111": [[null, "天台"]], "g112": [[null, "古蔺"]], "g113": [[null, "叙永"]], "g114": [[10, "罚款"], [10, "元"]], "g115": [[7, "老城区覆盖"], [7, "老城区居民小区"]], "g116": [[15, "投资"], [15, "万元"]], "g117": [[11, "预算"], [11, "万元"], [11, "亿元"]], "g118": [[27, "万元"], [27, "亿元"]], "g119": [[9, "罚款"], [9, "元"]], "g120": [[null, "9月份城市管理专项督查"], [14, "9月"]], "g121": [[22, "7月"], [null, "泸州市创文实地督查问题清单（7月）"]], "g122": [[null, "1-6月"]], "g123": [[13, "园林绿化："]], "g124": [[null, "公共文化设施"]], "g125": [[null, "主任"]], "g126": [[24, "表彰"], [null, "奖励标准"]], "g127": [[12, "2022"], [null, "2022年"]], "g128": [[null, "编制"]], "g129": [[8, "龙马潭区覆盖"], [8, "龙马潭区居民小区"]], "g130": [[25, "经费"], [25, "万元"]]}'
)
for q in qs:
    if q["type"] == "unanswerable":
        if q["answer"] != "无" or q["must_contain"] or q["evidence"] or q["doc"] not in docs:
            errors.append(q["id"] + ": bad unanswerable fields")
        for dno, s in ABSENT[q["id"]]:
            checked += 1
            scope = docs.values() if dno is None else [docs[byno[dno]]]
            if any(s in t for t in scope):
                errors.append(f"{q['id']}: key fact present {s!r}")
    else:
        if not (1 <= len(q["must_contain"]) <= 3 and 1 <= len(q["evidence"]) <= 2):
            errors.append(q["id"] + ": counts")
        if q["type"] == "multi_doc":
            if not (isinstance(q["doc"], list) and len(q["doc"]) == 2):
                errors.append(q["id"] + ": multi_doc needs 2 docs")
            else:
                for d, e in zip(q["doc"], q["evidence"], strict=False):
                    if e not in docs[d]:
                        errors.append(f"{q['id']}: evidence not in its own doc {e!r}")
        chk(q, q["id"])
fs = [json.loads(line) for line in read(os.path.join(HERE, "followups.jsonl")).splitlines() if line.strip()]
assert [f["id"] for f in fs] == [f"h{i:02d}" for i in range(1, 21)]
for f in fs:
    assert len(f["turns"]) == 2
    chk(f["turns"][1], f["id"])
print("strings checked:", checked)
print("errors:", len(errors))
[print(" ", e) for e in errors]
sys.exit(1 if errors else 0)
