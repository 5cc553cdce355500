#!/usr/bin/env python3
"""Validate the extra2 evaluation set against the corpus.

Run from /work/main/eval/extra2:  python3 validate.py
Checks (prints counts only; exit code 1 on any failure):
  * ids y001-y140 and yf01-yf15, required fields, allowed types
  * every must_contain / evidence string is an exact substring of its document(s)
    after removing all whitespace; evidence length 10-40 characters
  * multi_doc items list >= 2 documents and draw evidence from each of them
  * unanswerable items: answer "无", empty must_contain/evidence, and every regex
    in ABSENT (the tempting strings that would answer the question) matches neither
    the tempting document (scope "doc") nor any of the 50 documents (scope "all")
  * document spread: each of the 50 documents used by >= 1 question, none by > 6
"""

import glob
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = "/work/shared/devcorpus"
TYPES = {"number", "unanswerable", "standard", "problem", "target", "multi_doc", "deadline", "list"}

# id -> {kind, scope, patterns}: regexes for the strings that would answer each unanswerable item
ABSENT = {
    "y001": {"kind": "H_notstated", "scope": "doc", "patterns": ["公司", "第三方"]},
    "y003": {"kind": "C_nofigure", "scope": "doc", "patterns": ["结案率", "\\d+(\\.\\d+)?%"]},
    "y006": {"kind": "I_target_result", "scope": "doc", "patterns": ["成功创建", "荣获", "被命名", "授予"]},
    "y007": {"kind": "J_score", "scope": "doc", "patterns": ["扣\\d", "\\d+分"]},
    "y009": {
        "kind": "G_compare",
        "scope": "doc",
        "patterns": ["2015年.{0,12}\\d+\\.\\d+", "2015年(全省)?社会文明程度测评指数"],
    },
    "y010": {"kind": "K_offtopic", "scope": "all", "patterns": ["病媒", "鼠密度"]},
    "y012": {
        "kind": "D_subunit",
        "scope": "doc",
        "patterns": ["常州市?.{0,8}\\d{2}\\.\\d+", "无锡市?.{0,8}\\d{2}\\.\\d+"],
    },
    "y015": {"kind": "F_cutoff", "scope": "doc", "patterns": ["崇阳县首名[一-龥]", "崇阳县.{0,8}末名"]},
    "y017": {"kind": "H_notstated", "scope": "doc", "patterns": ["公司", "研究院", "咨询"]},
    "y019": {"kind": "A_period", "scope": "all", "patterns": ["第10期", "第十期"]},
    "y020": {"kind": "K_offtopic", "scope": "all", "patterns": ["物业费", "收费标准"]},
    "y023": {"kind": "G_compare", "scope": "doc", "patterns": ["2019", "增長", "增加", "較上年"]},
    "y025": {"kind": "J_score", "scope": "doc", "patterns": ["村容村貌", "人居环境"]},
    "y027": {"kind": "J_score", "scope": "doc", "patterns": ["督办事项.{0,40}\\d+(\\.\\d+)?分"]},
    "y028": {"kind": "D_subunit", "scope": "doc", "patterns": ["海曙区?.{0,20}\\d+人"]},
    "y029": {"kind": "D_subunit", "scope": "doc", "patterns": ["实践站覆盖率", "站覆盖率"]},
    "y031": {"kind": "B_place", "scope": "all", "patterns": ["南平"]},
    "y033": {"kind": "E_rank", "scope": "doc", "patterns": ["第四", "第4名"]},
    "y035": {
        "kind": "I_target_result",
        "scope": "doc",
        "patterns": ["\\d+个(单位)?(被评为|入选|获评)", "共评", "授予"],
    },
    "y036": {"kind": "K_offtopic", "scope": "all", "patterns": ["执法记录仪"]},
    "y038": {"kind": "A_period", "scope": "all", "patterns": ["2021年10月", "10月份?(城管|城市管理)综合"]},
    "y039": {"kind": "F_cutoff", "scope": "doc", "patterns": ["通山县首名", "通山县.{0,3}末名"]},
    "y040": {"kind": "I_target_result", "scope": "doc", "patterns": ["2022年.{0,20}\\d+(\\.\\d+)?%"]},
    "y043": {"kind": "J_score", "scope": "doc", "patterns": ["\\d+(\\.\\d+)?分"]},
    "y047": {
        "kind": "C_nofigure",
        "scope": "doc",
        "patterns": ["依法履职.{0,15}\\d+(\\.\\d+)?分", "为民服务.{0,15}\\d+(\\.\\d+)?分"],
    },
    "y050": {
        "kind": "D_subunit",
        "scope": "doc",
        "patterns": ["大渡口區.{0,20}\\d+(\\.\\d+)?萬", "大渡口區.{0,10}(共有|累計)"],
    },
    "y052": {"kind": "G_compare", "scope": "doc", "patterns": ["2024年", "去年", "同比"]},
    "y053": {"kind": "I_target_result", "scope": "doc", "patterns": ["\\d+(日|天)内", "\\d+个工作日"]},
    "y056": {"kind": "K_offtopic", "scope": "all", "patterns": ["典范城市测评体系", "典范城市.{0,10}\\d+项"]},
    "y058": {"kind": "B_place", "scope": "all", "patterns": ["夷陵", "西陵", "伍家岗", "点军", "猇亭"]},
    "y062": {"kind": "E_rank", "scope": "doc", "patterns": ["第11名", "第十一名", "前1[1-9]名"]},
    "y064": {"kind": "J_score", "scope": "doc", "patterns": ["报纸", "报刊"]},
    "y066": {
        "kind": "G_compare",
        "scope": "doc",
        "patterns": ["2020年.{0,10}\\d+(\\.\\d+)?%", "提高\\d+(\\.\\d+)?个百分点"],
    },
    "y068": {"kind": "C_nofigure", "scope": "doc", "patterns": ["吨"]},
    "y069": {"kind": "A_period", "scope": "all", "patterns": ["三季度", "第三季度"]},
    "y070": {"kind": "B_place", "scope": "all", "patterns": ["江汉", "江岸", "硚口", "洪山"]},
    "y073": {"kind": "E_rank", "scope": "doc", "patterns": ["第四名", "第4名", "前四"]},
    "y075": {"kind": "K_offtopic", "scope": "all", "patterns": ["共享单车"]},
    "y076": {"kind": "C_nofigure", "scope": "doc", "patterns": ["志愿服务.{0,20}\\d+(\\.\\d+)?%"]},
    "y078": {"kind": "J_score", "scope": "doc", "patterns": ["扣\\d+(\\.\\d+)?分", "扣分"]},
    "y080": {"kind": "H_notstated", "scope": "doc", "patterns": ["原因", "问题", "扣分"]},
    "y081": {"kind": "D_subunit", "scope": "doc", "patterns": ["蓬江区.{0,30}12345", "12345.{0,40}蓬江"]},
    "y084": {
        "kind": "A_period",
        "scope": "all",
        "patterns": ["2023年7月份", "7月份?(城市管理|城管)(工作)?(综合|月度)"],
    },
    "y085": {"kind": "F_cutoff", "scope": "doc", "patterns": ["\\(6\\)保[一-龥]"]},
    "y086": {"kind": "C_nofigure", "scope": "doc", "patterns": ["红色物业.{0,20}\\d+\\.\\d+分", "红色物业.{0,10}问题"]},
    "y089": {"kind": "H_notstated", "scope": "doc", "patterns": ["业主", "公司", "村民[一-龥]{2,3}"]},
    "y090": {"kind": "H_notstated", "scope": "doc", "patterns": ["局长", "主任"]},
    "y091": {"kind": "I_target_result", "scope": "doc", "patterns": ["2026年.{0,30}\\d+处"]},
    "y092": {"kind": "F_cutoff", "scope": "doc", "patterns": ["84分为", "84分的?为", "良好", "合格"]},
    "y095": {"kind": "G_compare", "scope": "doc", "patterns": ["2013", "同比", "增长"]},
    "y097": {"kind": "B_place", "scope": "all", "patterns": ["德州", "菏泽", "聊城"]},
    "y098": {"kind": "A_period", "scope": "doc", "patterns": ["8月"]},
    "y100": {"kind": "E_rank", "scope": "doc", "patterns": ["第3名", "第三名"]},
    "y101": {"kind": "F_cutoff", "scope": "doc", "patterns": ["创建成为“国家级生态县"]},
    "y102": {"kind": "E_rank", "scope": "doc", "patterns": ["第六是", "第六[,，、]"]},
    "y106": {"kind": "K_offtopic", "scope": "all", "patterns": ["工作日", "办结时限"]},
    "y112": {"kind": "C_nofigure", "scope": "doc", "patterns": ["\\d+\\.\\d+分", "第一名"]},
    "y113": {"kind": "B_place", "scope": "all", "patterns": ["岳麓", "芙蓉区", "天心", "开福", "雨花"]},
    "y115": {"kind": "J_score", "scope": "doc", "patterns": ["公共环境"]},
    "y116": {"kind": "F_cutoff", "scope": "all", "patterns": ["排水管网", "污水管网", "雨水管网"]},
    "y117": {"kind": "B_place", "scope": "all", "patterns": ["普陀", "长宁"]},
    "y119": {"kind": "H_notstated", "scope": "doc", "patterns": ["公司"]},
    "y125": {"kind": "E_rank", "scope": "doc", "patterns": ["第四", "第4", "前四"]},
    "y127": {"kind": "G_compare", "scope": "doc", "patterns": ["2021年", "增加\\d+人", "较上年"]},
    "y129": {"kind": "I_target_result", "scope": "doc", "patterns": ["实际", "已达", "已实现", "达到了"]},
    "y131": {"kind": "I_target_result", "scope": "doc", "patterns": ["已改造", "完成改造", "改造完成", "共改造"]},
    "y134": {"kind": "D_subunit", "scope": "doc", "patterns": ["寿春镇.{0,6}\\d+件", "八公山乡.{0,6}\\d+件"]},
    "y135": {"kind": "B_place", "scope": "all", "patterns": ["金坛", "武进"]},
    "y136": {"kind": "F_cutoff", "scope": "doc", "patterns": ["不放过[,，、;；。]", "整改不到位不放过"]},
    "y139": {"kind": "A_period", "scope": "all", "patterns": ["2022年11月", "11月份?(城市管理|综合评价)"]},
}


def norm(s):
    return re.sub(r"\s+", "", s)


def load_corpus():
    docs = {}
    for sub in ("chengguan", "chuangwen"):
        for f in sorted(glob.glob(os.path.join(CORPUS, sub, "*.txt"))):
            with open(f, encoding="utf-8") as fh:
                docs[os.path.relpath(f, CORPUS)] = norm(fh.read())
    return docs


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main():
    docs = load_corpus()
    qs, fus = load("questions.jsonl"), load("followups.jsonl")
    errors = []

    def err(m):
        return errors.append(m)

    checked = Counter()

    if len(docs) != 50:
        err(f"corpus has {len(docs)} documents, expected 50")
    if [q["id"] for q in qs] != [f"y{i:03d}" for i in range(1, 141)]:
        err("question ids are not y001..y140")
    if [q["id"] for q in fus] != [f"yf{i:02d}" for i in range(1, 16)]:
        err("follow-up ids are not yf01..yf15")

    usage_q, usage_all = Counter(), Counter()
    for q in qs + fus:
        qid = q["id"]
        need = ["id", "question", "answer", "must_contain", "doc", "evidence", "type"]
        if qid.startswith("yf"):
            need.append("history")
        for k in need:
            if k not in q:
                err(f"{qid} missing field {k}")
        t = q.get("type")
        if qid.startswith("yf"):
            if t != "followup":
                err(f"{qid} type must be followup")
            if not (isinstance(q.get("history"), list) and len(q["history"]) == 1 and q["history"][0].strip()):
                err(f"{qid} history must hold one question")
        elif t not in TYPES:
            err(f"{qid} bad type {t}")
        dl = q["doc"] if isinstance(q["doc"], list) else [q["doc"]]
        for d in dl:
            if d not in docs:
                err(f"{qid} unknown doc {d}")
        dl = [d for d in dl if d in docs]
        for d in dl:
            usage_all[d] += 1
            if not qid.startswith("yf"):
                usage_q[d] += 1
        if t == "multi_doc" and (not isinstance(q["doc"], list) or len(set(dl)) < 2):
            err(f"{qid} multi_doc needs >= 2 docs")
        if t != "multi_doc" and isinstance(q["doc"], list):
            err(f"{qid} only multi_doc may list several docs")

        if t == "unanswerable":
            checked["unanswerable"] += 1
            if q["answer"] != "无" or q["must_contain"] or q["evidence"]:
                err(f"{qid} unanswerable must have answer 无 and empty lists")
            spec = ABSENT.get(qid)
            if not spec or not spec["patterns"]:
                err(f"{qid} has no absence patterns")
                continue
            scope_docs = list(docs.values()) if spec["scope"] == "all" else [docs[d] for d in dl]
            for p in spec["patterns"]:
                rx = re.compile(p)
                checked["absence_patterns"] += 1
                for text in scope_docs:
                    m = rx.search(text)
                    if m:
                        err(f"{qid} pattern {p!r} found: {m.group(0)}")
                        break
            continue

        if not q["must_contain"] or not q["evidence"] or not q["answer"].strip() or q["answer"] == "无":
            err(f"{qid} answerable item needs answer, must_contain and evidence")
        texts = [docs[d] for d in dl]
        for s in q["must_contain"]:
            checked["must_contain"] += 1
            if not any(norm(s) == s and s in tx for tx in texts):
                err(f"{qid} must_contain not in doc: {s}")
            if norm(s) in ("",):
                err(f"{qid} empty must_contain")
        hit_docs = set()
        for e in q["evidence"]:
            checked["evidence"] += 1
            if not (10 <= len(e) <= 40):
                err(f"{qid} evidence length {len(e)}: {e}")
            found = [d for d in dl if e in docs[d]]
            if not found:
                err(f"{qid} evidence not in doc: {e}")
            hit_docs.update(found)
        if t == "multi_doc" and set(dl) - hit_docs:
            err(f"{qid} multi_doc lacks evidence from {sorted(set(dl) - hit_docs)}")

    for d in docs:
        if usage_q[d] < 1:
            err(f"document without question: {d}")
        if usage_all[d] > 6:
            err(f"document used by {usage_all[d]} items (> 6): {d}")
    if set(ABSENT) != {q["id"] for q in qs if q.get("type") == "unanswerable"}:
        err("ABSENT keys do not match the unanswerable items")

    types = Counter(q["type"] for q in qs)
    print(f"questions: {len(qs)}  followups: {len(fus)}")
    print("by type: " + ", ".join(f"{k}={v}" for k, v in sorted(types.items())))
    print(
        "unanswerable kinds: "
        + ", ".join(f"{k}={n}" for k, n in sorted(Counter(v["kind"] for v in ABSENT.values()).items()))
    )
    print(
        f"documents covered: {sum(1 for d in docs if usage_q[d])}/50  max items per document: {max(usage_all.values())}"
    )
    print(
        f"checked: must_contain={checked['must_contain']} evidence={checked['evidence']} "
        f"unanswerable={checked['unanswerable']} absence_patterns={checked['absence_patterns']}"
    )
    print(f"errors: {len(errors)}")
    if errors:
        for e in errors:
            print("  " + e, file=sys.stderr)
        sys.exit(1)
    print("PASS")


if __name__ == "__main__":
    main()
