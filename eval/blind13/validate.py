#!/usr/bin/env python3
"""Validate the blind13 sealed set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory)
"""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

EXPECTED_TYPES = {
    "number": 40,
    "standard": 10,
    "problem": 10,
    "target": 12,
    "deadline": 8,
    "list": 6,
    "multi_doc": 8,
    "unanswerable": 36,
}
N_QUESTIONS = 130
N_FOLLOWUPS = 30
N_DOCS = 30
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 1800, 900, 11

# Unanswerable kinds; each must occur at least MIN_PER_KIND times
# (K_offtopic at most MAX_OFFTOPIC times).
KINDS = (
    "A_period",
    "B_place",
    "C_nofigure",
    "D_subunit",
    "E_rank",
    "F_cutoff",
    "G_compare",
    "H_notstated",
    "I_target_result",
    "J_score",
    "K_offtopic",
)
MIN_PER_KIND = 2
MAX_OFFTOPIC = 8

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t001": (
        "B_place",
        [
            ("all", "克什克腾"),
            ("all", "克什克騰"),
        ],
    ),
    "t003": (
        "A_period",
        [
            ("all", "安庆市2024年第二季度"),
            ("doc", "第二季度"),
            ("all", "二季度[^。]{0,40}大观区"),
        ],
    ),
    "t005": (
        "C_nofigure",
        [
            ("doc", "不礼让行人违法行为\\d"),
            ("all", "不礼让行人[^。]{0,8}\\d+起"),
        ],
    ),
    "t006": (
        "H_notstated",
        [
            ("doc", "会议中心"),
            ("doc", "礼堂"),
            ("doc", "会场"),
            ("doc", "在[^。]{0,10}召开"),
            ("doc", "报告厅"),
        ],
    ),
    "t007": (
        "J_score",
        [
            ("doc", "窗口"),
            ("all", "窗口单位[^。]{0,10}\\d+分"),
        ],
    ),
    "t008": (
        "D_subunit",
        [
            ("doc", "迎江区[^。]{0,30}支持率"),
            ("doc", "支持率[^。]{0,30}迎江区"),
        ],
    ),
    "t011": (
        "A_period",
        [
            ("all", "（2024年7月）"),
            ("all", "7月份?(中心城区)?(城市管理)?考核"),
            ("doc", "7月[^。]{0,20}名次"),
        ],
    ),
    "t018": (
        "J_score",
        [
            ("doc", "满意度[^。]{0,10}\\d+分"),
            ("doc", "问卷调查[^。]{0,20}测评项目"),
            ("all", "满意度[^。]{0,6}(满分|分值)\\d+分"),
        ],
    ),
    "t024": (
        "H_notstated",
        [
            ("doc", "主持"),
            ("doc", "会议中心"),
            ("doc", "礼堂"),
            ("doc", "在[^。]{0,10}召开"),
        ],
    ),
    "t027": (
        "C_nofigure",
        [
            ("doc", "\\|元宝山区\\|64\\|298\\|\\d"),
            ("all", "元宝山区[^。]{0,20}回收利用率[^。]{0,4}\\d"),
        ],
    ),
    "t036": (
        "G_compare",
        [
            ("doc", "二季度"),
            ("doc", "环比"),
            ("doc", "上季度"),
            ("all", "赤峰[^。]{0,30}第二季度"),
        ],
    ),
    "t039": (
        "E_rank",
        [
            ("doc", "13\\."),
            ("doc", "第十三"),
        ],
    ),
    "t040": (
        "E_rank",
        [
            ("doc", "测评项目八"),
            ("all", "测评项目八"),
        ],
    ),
    "t041": (
        "B_place",
        [
            ("all", "乳源"),
        ],
    ),
    "t044": (
        "B_place",
        [
            ("all", "岳西"),
        ],
    ),
    "t048": (
        "K_offtopic",
        [
            ("all", "锅炉"),
            ("all", "燃煤"),
        ],
    ),
    "t054": (
        "G_compare",
        [
            ("doc", "2023"),
            ("doc", "较上年"),
            ("doc", "同比"),
            ("doc", "增加"),
            ("all", "2023年[^。]{0,20}志愿者"),
        ],
    ),
    "t056": (
        "H_notstated",
        [
            ("doc", "组长"),
            ("doc", "带队"),
        ],
    ),
    "t062": (
        "D_subunit",
        [
            ("doc", "武江区[^。]{0,60}按期"),
            ("doc", "按期[^。]{0,60}武江区"),
        ],
    ),
    "t063": (
        "D_subunit",
        [
            ("doc", "红山区[^。]{0,10}整改\\d"),
            ("doc", "红山区[^。]{0,30}整改率"),
            ("all", "红山区[^。]{0,10}已整改"),
        ],
    ),
    "t064": (
        "J_score",
        [
            ("doc", "\\d+分(?!钟)"),
            ("all", "清(冰)?雪[^。]{0,20}\\d+分(?!钟)"),
        ],
    ),
    "t065": (
        "A_period",
        [
            ("all", "第4期"),
            ("all", "4月份?(城市管理工作)?考核"),
            ("all", "大观区[^。]{0,30}4月"),
            ("all", "4月[^。]{0,30}大观区"),
        ],
    ),
    "t066": (
        "C_nofigure",
        [
            ("doc", "督导员\\d"),
            ("all", "督导员[^。]{0,4}\\d+名"),
        ],
    ),
    "t077": (
        "I_target_result",
        [
            ("doc", "(年初|年度)目标"),
            ("doc", "2024年[^。]{0,30}按期结案率[^。]{0,10}(目标|力争|确保)"),
            ("all", "安庆[^。]{0,30}按期结案率[^。]{0,10}年初"),
        ],
    ),
    "t079": (
        "K_offtopic",
        [
            ("all", "内涝"),
            ("all", "积水点"),
        ],
    ),
    "t086": (
        "F_cutoff",
        [
            ("doc", "存在的问题.{0,200}（二）"),
        ],
    ),
    "t090": (
        "H_notstated",
        [
            ("doc", "记者"),
            ("doc", "作者"),
            ("doc", "通讯员"),
            ("doc", "编辑"),
            ("doc", "撰稿"),
        ],
    ),
    "t092": (
        "D_subunit",
        [
            ("doc", "南雄"),
            ("all", "南雄[^。]{0,20}志愿者"),
        ],
    ),
    "t093": (
        "F_cutoff",
        [
            ("doc", "下步"),
            ("doc", "下一步"),
            ("doc", "2024年8月\\d+日"),
            ("doc", "城市管理局\\d{4}年"),
        ],
    ),
    "t096": (
        "K_offtopic",
        [
            ("all", "文明村"),
            ("all", "文明镇"),
        ],
    ),
    "t103": (
        "I_target_result",
        [
            ("all", "2025年[^。]{0,30}(已|累计|实际)[^。]{0,10}背街小巷"),
            ("doc", "已完成背街小巷"),
            ("doc", "2025年[^。]{0,20}完成背街小巷改造\\d"),
        ],
    ),
    "t113": (
        "E_rank",
        [
            ("doc", "[^\\d.]5(大观区|迎江区|宜秀区|安庆经开区)"),
            ("doc", "第五"),
        ],
    ),
    "t118": (
        "A_period",
        [
            ("all", "第一季度[^。]{0,30}\\d+\\.\\d+分"),
            ("all", "第一季度常态化测评"),
            ("all", "一季度[^。]{0,40}武江"),
        ],
    ),
    "t125": (
        "I_target_result",
        [
            ("doc", "实际(完成|达到)"),
            ("doc", "已完成"),
            ("all", "2025年[^。]{0,30}招牌[^。]{0,20}(已|实际)"),
        ],
    ),
    "t129": (
        "I_target_result",
        [
            ("doc", "(年初|年度)目标"),
            ("doc", "目标[^。]{0,10}礼让"),
            ("all", "赤峰[^。]{0,40}2024年[^。]{0,20}礼让率目标"),
        ],
    ),
    "t130": (
        "G_compare",
        [
            ("doc", "2023"),
            ("doc", "较上年"),
            ("doc", "同比"),
            ("doc", "上年"),
            ("all", "2023年[^。]{0,20}拆除"),
        ],
    ),
}

WS = re.compile(r"\s+")


def squash(text):
    return WS.sub("", text)


def load_corpus():
    docs = {}
    for name in sorted(os.listdir(CORPUS)):
        if name.endswith(".txt"):
            with open(os.path.join(CORPUS, name), encoding="utf-8") as fh:
                docs[name] = squash(fh.read())
    return docs


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def is_str_list(value):
    return isinstance(value, list) and all(isinstance(x, str) and x for x in value)


def check_answerable(item, docs, errors, counters):
    names = item["doc"] if isinstance(item["doc"], list) else [item["doc"]]
    for name in names:
        if name not in docs:
            errors["unknown_doc"] += 1
            return
    texts = [docs[n] for n in names]
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
    else:
        for s in item["must_contain"]:
            counters["must_contain_checked"] += 1
            if not any(s in t for t in texts):
                errors["must_contain_not_in_doc"] += 1
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return
    hit_docs = set()
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        found = [n for n in names if ev in docs[n]]
        if not found:
            errors["evidence_not_in_doc"] += 1
        hit_docs.update(found)
    if isinstance(item["doc"], list) and set(names) - hit_docs:
        errors["multi_doc_missing_evidence_for_a_doc"] += 1


def check_unanswerable(item, docs, errors, counters):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return
    entry = PROBES.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
    counters["probe_kind_" + entry[0]] += 1
    for scope, pattern in entry[1]:
        rx = re.compile(pattern)
        if scope == "doc":
            targets = [docs[name]]
        elif scope == "all":
            targets = list(docs.values())
        elif scope in docs:
            targets = [docs[scope]]
        else:
            errors["probe_bad_scope"] += 1
            continue
        counters["probes_checked"] += 1
        if any(rx.search(t) for t in targets):
            errors["probe_matched_tempting_text"] += 1


def check_questions(questions, docs, errors, counters, used):
    ids = [q.get("id") for q in questions]
    if ids != [f"t{i:03d}" for i in range(1, N_QUESTIONS + 1)]:
        errors["question_ids_not_t001_to_t130"] += 1
    type_counts = Counter(q.get("type") for q in questions)
    for t, n in EXPECTED_TYPES.items():
        if type_counts.get(t, 0) != n:
            errors["type_count_mismatch_" + t] += 1
    if set(type_counts) - set(EXPECTED_TYPES):
        errors["unknown_type"] += 1
    texts = [q.get("question") for q in questions]
    if len(set(texts)) != len(texts):
        errors["duplicate_question_text"] += 1

    for q in questions:
        if set(q) != Q_FIELDS:
            errors["question_bad_fields"] += 1
            continue
        if not isinstance(q["question"], str) or not q["question"].strip():
            errors["empty_question"] += 1
        if not isinstance(q["answer"], str) or not q["answer"].strip():
            errors["empty_answer"] += 1
        if q["type"] == "multi_doc":
            if not (isinstance(q["doc"], list) and len(q["doc"]) >= 2):
                errors["multi_doc_needs_doc_list"] += 1
                continue
        elif not isinstance(q["doc"], str):
            errors["single_doc_must_be_string"] += 1
            continue
        for n in q["doc"] if isinstance(q["doc"], list) else [q["doc"]]:
            used[n] += 1
        if q["type"] == "unanswerable":
            check_unanswerable(q, docs, errors, counters)
        else:
            check_answerable(q, docs, errors, counters)
    extra = set(PROBES) - {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if extra:
        errors["probes_for_non_unanswerable_ids"] += len(extra)
    kind_counts = Counter(kind for kind, _ in PROBES.values())
    if set(kind_counts) - set(KINDS):
        errors["unknown_probe_kind"] += 1
    for kind in KINDS:
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    return type_counts


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    for f in followups:
        if set(f) != F_FIELDS:
            errors["followup_bad_fields"] += 1
            continue
        if f["type"] != "followup":
            errors["followup_bad_type"] += 1
        if not (is_str_list(f["history"]) and len(f["history"]) == 1):
            errors["followup_bad_history"] += 1
        if not isinstance(f["question"], str) or not f["question"].strip():
            errors["empty_question"] += 1
        if not isinstance(f["answer"], str) or not f["answer"].strip():
            errors["empty_answer"] += 1
        if not isinstance(f["doc"], str):
            errors["followup_doc_must_be_string"] += 1
            continue
        used[f["doc"]] += 1
        check_answerable(f, docs, errors, counters)


def main():
    docs = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))
    type_counts = check_questions(questions, docs, errors, counters, used)
    check_followups(followups, docs, errors, counters, used)

    if len(docs) != N_DOCS:
        errors["document_count_not_30"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1
    n_long = sum(n > DOC_LONG for n in lengths)
    if n_long < N_LONG:
        errors["too_few_long_documents"] += 1

    unused = [n for n in docs if used[n] == 0]
    if unused:
        errors["documents_without_items"] += len(unused)

    print("documents:", len(docs))
    print(f"document length: min {min(lengths)}, max {max(lengths)}, over {DOC_LONG}: {n_long}")
    print("questions:", len(questions))
    for t in EXPECTED_TYPES:
        print(f"  {t:<13} {type_counts.get(t, 0)}")
    print("followups:", len(followups))
    for k in sorted(counters):
        print(f"{k}: {counters[k]}")
    if docs:
        low = min(used[n] for n in docs)
        high = max(used[n] for n in docs)
        print(f"items per document: min {low}, max {high}")
    if errors:
        print("FAILED checks:")
        for k in sorted(errors):
            print(f"  {k}: {errors[k]}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
