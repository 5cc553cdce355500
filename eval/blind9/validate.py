#!/usr/bin/env python3
"""Validate the blind9 sealed set. Prints counts only (no questions/answers)."""

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
WS = re.compile(r"\s+")
TYPES = {"number", "unanswerable", "standard", "problem", "target", "multi_doc", "deadline"}

docs = {}
for fn in sorted(os.listdir(CORPUS)):
    if fn.endswith(".txt"):
        docs[fn] = WS.sub("", Path(CORPUS, fn).read_text(encoding="utf-8"))

# Unanswerable items: patterns that must NOT be found.
# ("doc", regex) -> checked in the item's listed (tempting) document
# ("all", regex) -> checked in every corpus document
ABSENT = {
    "k091": [("all", r"6月份城市管理综合考评"), ("all", r"6月份.{0,6}城考")],
    "k092": [("all", r"2月份城市管理综合考评结果")],
    "k093": [("doc", r"其次是占道经营类问题，共\d")],
    "k094": [("doc", r"日前将整改情况"), ("doc", r"有关要求")],
    "k095": [("all", r"临城")],
    "k096": [("all", r"三季度数字城管"), ("all", r"第三季度数字")],
    "k097": [("all", r"融水")],
    "k098": [("all", r"柳北区覆盖率"), ("all", r"柳北区.{0,6}垃圾分类")],
    "k099": [("all", r"仁怀")],
    "k100": [("all", r"汇川区年度任务"), ("all", r"汇川区.{0,8}任务为")],
    "k101": [("doc", r"2023"), ("all", r"遵义[^。]{0,30}2023年[^。]{0,20}拆")],
    "k102": [("doc", r"4月")],
    "k103": [("all", r"信都区.{0,10}门前三包"), ("all", r"信都区.{0,10}签约率"), ("all", r"信都区.{0,10}签订率")],
    "k104": [("doc", r"柳北区")],
    "k105": [("doc", r"按期结案率")],
    "k106": [("doc", r"窗口服务单位[^注]*\d")],
    "k107": [("all", r"第三季度测评结果"), ("all", r"邢台.{0,20}第三季度")],
    "k108": [("all", r"遵义.{0,12}第一季度"), ("all", r"一季度创文")],
    "k109": [("doc", r"汇川区得分\d")],
    "k110": [("doc", r"整改率\d")],
    "k111": [("doc", r"任泽区"), ("all", r"任泽区注册志愿者")],
    "k112": [("all", r"柳州.{0,8}注册志愿者"), ("all", r"柳州.{0,8}註冊志願者"), ("doc", r"註冊")],
    "k113": [("doc", r"鱼峰区")],
    "k114": [("all", r"中国好人")],
    "k115": [("all", r"融安")],
    "k116": [("doc", r"（2024年5月）"), ("doc", r"5月.{0,10}发现问题")],
    "k117": [("all", r"问题清单（2024年6月）"), ("doc", r"6月.{0,10}发现问题")],
    "k118": [("all", r"5月份，信都区"), ("all", r"信都区.{0,6}5月")],
    "k119": [("all", r"2022年")],
    "k120": [("all", r"南和区[^。]{0,20}问题\d")],
    "k121": [("doc", r"结案率\d+\.\d+%"), ("all", r"遵义.{0,30}结案率\d+\.\d")],
    "k122": [("all", r"截至10月"), ("all", r"10月底.{0,10}覆盖率")],
    "k123": [("all", r"编制")],
    "k124": [("all", r"共享单车")],
    "k125": [("all", r"燃气")],
    "k126": [("all", r"停车.{0,4}收费"), ("all", r"收费标准")],
    "k127": [("all", r"奖励"), ("all", r"奖金"), ("all", r"奖补")],
    "k128": [("all", r"文明家庭")],
    "k129": [("all", r"海绵城市")],
    "k130": [("all", r"环卫工人"), ("all", r"工资")],
}

errors = 0


def err(msg):
    global errors
    errors += 1
    print("ERROR:", msg)


def load(path):
    return [json.loads(line) for line in Path(HERE, path).read_text(encoding="utf-8").splitlines() if line.strip()]


qs = load("questions.jsonl")
fus = load("followups.jsonl")
n_mc = n_ev = n_abs = 0


def check_item(it, fields, id_prefix):
    global n_mc, n_ev, n_abs
    for k in fields:
        if k not in it:
            err(f"{it.get('id')} missing field {k}")
    for dname in it["doc"]:
        if dname not in docs:
            err(f"{it['id']} unknown doc")
            return
    texts = [docs[x] for x in it["doc"]]
    if it["type"] == "unanswerable":
        if it["answer"] != "无" or it["must_contain"] or it["evidence"] or len(it["doc"]) != 1:
            err(f"{it['id']} unanswerable item malformed")
        pats = ABSENT.get(it["id"])
        if not pats:
            err(f"{it['id']} has no absence check")
        for scope, pat in pats or []:
            n_abs += 1
            pool = texts if scope == "doc" else list(docs.values())
            if any(re.search(pat, t) for t in pool):
                err(f"{it['id']} tempting pattern present")
        return
    if not (1 <= len(it["must_contain"]) <= 3):
        err(f"{it['id']} must_contain count")
    if not (1 <= len(it["evidence"]) <= 2):
        err(f"{it['id']} evidence count")
    if it["type"] == "multi_doc" and len(it["doc"]) != 2:
        err(f"{it['id']} multi_doc needs 2 docs")
    if it["type"] != "multi_doc" and len(it["doc"]) != 1:
        err(f"{it['id']} needs exactly 1 doc")
    for s in it["must_contain"]:
        n_mc += 1
        if WS.search(s) or not any(s in t for t in texts):
            err(f"{it['id']} must_contain not found")
    for s in it["evidence"]:
        n_ev += 1
        if not (10 <= len(s) <= 40):
            err(f"{it['id']} evidence length {len(s)}")
        if WS.search(s) or not any(s in t for t in texts):
            err(f"{it['id']} evidence not found")
    if it["type"] == "multi_doc":
        # each document must contribute at least one evidence string
        for t in texts:
            if not any(s in t for s in it["evidence"]):
                err(f"{it['id']} a multi_doc document has no evidence")


F1 = ["id", "question", "answer", "must_contain", "doc", "evidence", "type"]
ids = [q["id"] for q in qs]
if ids != [f"k{i:03d}" for i in range(1, len(qs) + 1)] or len(qs) != 130:
    err("question ids not k001..k130")
for it in qs:
    if it["type"] not in TYPES:
        err(f"{it['id']} bad type")
    check_item(it, F1, "k")
F2 = ["id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"]
if [f["id"] for f in fus] != [f"m{i:02d}" for i in range(1, 21)]:
    err("followup ids not m01..m20")
for it in fus:
    if it["type"] != "followup" or not isinstance(it["history"], list) or len(it["history"]) != 1:
        err(f"{it['id']} followup malformed")
    check_item(it, F2, "m")

# corpus checks
name_re = re.compile(r"^\d{3}_[a-z]+-[a-z]+-\d{4}-\d{2}\.txt$")
for fn in os.listdir(CORPUS):
    raw = Path(CORPUS, fn).read_text(encoding="utf-8")
    if not name_re.match(fn):
        err("bad corpus file name")
    if not (300 <= len(raw) <= 700):
        err("corpus doc length out of range")
if len(docs) != 30:
    err("corpus must have 30 docs")

tc = Counter(q["type"] for q in qs)
print("types: " + ", ".join(f"{k}={v}" for k, v in sorted(tc.items())) + f", followup={len(fus)}")
print(
    f"docs={len(docs)} questions={len(qs)} followups={len(fus)} must_contain_checked={n_mc} evidence_checked={n_ev} absence_checked={n_abs} errors={errors}"
)
sys.exit(1 if errors else 0)
