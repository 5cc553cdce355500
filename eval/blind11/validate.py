#!/usr/bin/env python3
"""Validate the blind11 sealed set. Prints counts only; exits 1 on failure.

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
    "number": 42,
    "standard": 10,
    "problem": 10,
    "target": 9,
    "deadline": 8,
    "list": 5,
    "multi_doc": 8,
    "unanswerable": 38,
}
N_QUESTIONS = 130
N_FOLLOWUPS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "s003": (
        "J_score",
        [
            ("all", "立案准确率"),
        ],
    ),
    "s005": (
        "F_cutoff",
        [
            ("doc", "穆棱"),
        ],
    ),
    "s006": (
        "D_subunit",
        [
            ("doc", "爱民区[^。；]{0,8}合格率"),
            ("doc", "合格率[^。]{0,20}爱民区"),
        ],
    ),
    "s009": (
        "G_compare",
        [
            ("doc", "2022年"),
            ("doc", "上年[^。；]{0,6}\\d+\\.\\d+分"),
            ("all", "2022年.{0,30}全省文明城市.{0,20}\\d+\\.\\d+分"),
        ],
    ),
    "s014": (
        "K_offtopic",
        [
            ("all", "执法记录仪"),
        ],
    ),
    "s015": (
        "C_nofigure",
        [
            ("doc", "执法人员\\d"),
            ("all", "执法(人员|队员)(共|总数)?\\d+(名|人)(?!次)"),
        ],
    ),
    "s016": (
        "G_compare",
        [
            ("doc", "2021"),
            ("all", "2021年.{0,40}志愿者"),
        ],
    ),
    "s017": (
        "E_rank",
        [
            ("doc", "。6\\."),
        ],
    ),
    "s020": (
        "B_place",
        [
            ("all", "林口"),
        ],
    ),
    "s024": (
        "E_rank",
        [
            ("doc", "第九"),
        ],
    ),
    "s025": (
        "K_offtopic",
        [
            ("all", "编制"),
        ],
    ),
    "s026": (
        "H_notstated",
        [
            ("doc", "原因"),
            ("doc", "由于"),
            ("doc", "因为"),
        ],
    ),
    "s027": (
        "K_offtopic",
        [
            ("all", "典范城市"),
        ],
    ),
    "s028": (
        "I_target_result",
        [
            ("doc", "(确保|力争|目标).{0,15}满意度"),
            ("doc", "满意度.{0,6}(确保|达到|力争)"),
        ],
    ),
    "s029": (
        "A_period",
        [
            ("all", "7月份?情况通报"),
            ("all", "城市管理综合考评7月"),
            ("all", "7月份?城市管理综合考评"),
        ],
    ),
    "s032": (
        "B_place",
        [
            ("all", "仙游"),
        ],
    ),
    "s034": (
        "I_target_result",
        [
            ("doc", "(确保|力争|目标).{0,12}\\d+(\\.\\d+)?%"),
            ("doc", "整改率(达到|确保)"),
        ],
    ),
    "s035": (
        "F_cutoff",
        [
            ("doc", "红榜"),
            ("doc", "黑榜"),
        ],
    ),
    "s037": (
        "E_rank",
        [
            ("doc", "第六名"),
        ],
    ),
    "s040": (
        "D_subunit",
        [
            ("doc", "麒麟区[^。；]{0,30}快检室"),
            ("doc", "快检室[^。]{0,30}麒麟区"),
        ],
    ),
    "s043": (
        "K_offtopic",
        [
            ("all", "共享单车.{0,8}(投放|\\d+辆)"),
            ("all", "投放.{0,6}共享单车"),
        ],
    ),
    "s047": (
        "A_period",
        [
            ("doc", "第一季度.{0,30}第一名"),
            ("doc", "一季度.{0,10}排名第一"),
            ("all", "莆田市2024年第一季度"),
        ],
    ),
    "s049": (
        "A_period",
        [
            ("doc", "第二季度"),
            ("doc", "二季度.{0,20}结案率\\d"),
            ("all", "曲靖市中心城区数字化城市管理2024年第二季度"),
        ],
    ),
    "s055": (
        "C_nofigure",
        [
            ("doc", "荔城区拆除612处，拆除面积\\d"),
            ("doc", "荔城区.{0,10}\\d+(\\.\\d+)?万平方米"),
        ],
    ),
    "s058": (
        "K_offtopic",
        [
            ("all", "物业费"),
        ],
    ),
    "s063": (
        "K_offtopic",
        [
            ("all", "供热"),
            ("all", "供暖"),
        ],
    ),
    "s064": (
        "J_score",
        [
            ("doc", "物业服务"),
        ],
    ),
    "s068": (
        "C_nofigure",
        [
            ("doc", "排查违法建设\\d"),
            ("doc", "排查.{0,6}\\d+处"),
        ],
    ),
    "s069": (
        "I_target_result",
        [
            ("doc", "机械化清扫率(达到|为)\\d"),
            ("012_qujing-cg-jianghua-2024-03.txt", "机械化清扫"),
            ("015_qujing-cg-xinwen-2024-11.txt", "机械化清扫"),
            ("029_qujing-chuangwen-jianghua-2024-04.txt", "机械化清扫"),
        ],
    ),
    "s072": (
        "D_subunit",
        [
            ("doc", "湄洲岛.{0,10}\\d"),
            ("all", "湄洲岛[^。]{0,10}志愿者\\d"),
        ],
    ),
    "s083": (
        "G_compare",
        [
            ("doc", "同期"),
            ("doc", "2023年第一季度"),
        ],
    ),
    "s086": (
        "K_offtopic",
        [
            ("all", "病媒"),
            ("all", "创卫"),
            ("all", "卫生城市"),
        ],
    ),
    "s089": (
        "H_notstated",
        [
            ("doc", "主持"),
        ],
    ),
    "s092": (
        "K_offtopic",
        [
            ("all", "河长"),
        ],
    ),
    "s110": (
        "K_offtopic",
        [
            ("all", "店招"),
            ("all", "审批时限"),
            ("all", "个工作日内办结"),
        ],
    ),
    "s117": (
        "H_notstated",
        [
            ("doc", "公司"),
            ("doc", "研究院"),
            ("doc", "大学"),
            ("doc", "调查中心"),
        ],
    ),
    "s121": (
        "A_period",
        [
            ("doc", "3月份?.{0,15}第一名"),
            ("all", "3月份?情况通报"),
        ],
    ),
    "s127": (
        "B_place",
        [
            ("all", "会泽"),
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


def main():
    docs = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))

    ids = [q.get("id") for q in questions]
    if ids != [f"s{i:03d}" for i in range(1, N_QUESTIONS + 1)]:
        errors["question_ids_not_s001_to_s130"] += 1
    type_counts = Counter(q.get("type") for q in questions)
    for t, n in EXPECTED_TYPES.items():
        if type_counts.get(t, 0) != n:
            errors["type_count_mismatch_" + t] += 1
    if set(type_counts) - set(EXPECTED_TYPES):
        errors["unknown_type"] += 1

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

    fids = [f.get("id") for f in followups]
    if fids != [f"v{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_v01_to_v20"] += 1
    for f in followups:
        if set(f) != F_FIELDS:
            errors["followup_bad_fields"] += 1
            continue
        if f["type"] != "followup":
            errors["followup_bad_type"] += 1
        if not (is_str_list(f["history"]) and len(f["history"]) >= 1):
            errors["followup_bad_history"] += 1
        if not isinstance(f["doc"], str):
            errors["followup_doc_must_be_string"] += 1
            continue
        used[f["doc"]] += 1
        check_answerable(f, docs, errors, counters)

    unused = [n for n in docs if used[n] == 0]
    if unused:
        errors["documents_without_items"] += len(unused)

    print("documents:", len(docs))
    print("questions:", len(questions))
    for t in EXPECTED_TYPES:
        print(f"  {t:<13} {type_counts.get(t, 0)}")
    print("followups:", len(followups))
    for k in sorted(counters):
        print(f"{k}: {counters[k]}")
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
