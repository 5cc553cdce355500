#!/usr/bin/env python3
"""Validate the blind15 sealed set. Prints counts only; exits 1 on failure.

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
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 10
# A question must not copy this many consecutive characters from its document(s).
COPY_LIMIT = 14
# Every document must be used by at least this many items.
MIN_ITEMS_PER_DOC = 2

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
MAX_OFFTOPIC = 4

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t003": (
        "B_place",
        [
            ("all", "江陵"),
        ],
    ),
    "t006": (
        "C_nofigure",
        [
            ("doc", "拆除违法建设\\d+处"),
            ("all", "铁西区[^。]{0,30}\\d+处违法建设"),
        ],
    ),
    "t007": (
        "I_target_result",
        [
            ("all", "礼让率(为|是|已|实际)"),
            ("27_jingzhou-wenmingban-xinwen-2025-05.txt", "礼让"),
            ("30_jingzhou-chuangwen-ceping-2025-q1.txt", "礼让"),
            ("all", "荆州[^。]{0,40}礼让率[^。]{0,4}\\d+\\.\\d"),
        ],
    ),
    "t010": (
        "C_nofigure",
        [
            ("doc", "罚款"),
            ("doc", "罚没"),
            ("doc", "万元"),
        ],
    ),
    "t018": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024"),
        ],
    ),
    "t024": (
        "E_rank",
        [
            ("doc", "岫岩"),
            ("doc", "县（市）组[^。]{0,40}第三"),
        ],
    ),
    "t031": (
        "I_target_result",
        [
            ("all", "回收利用率(实际|已经|已)"),
            ("all", "淮安[^。]{0,30}回收利用率[^。]{0,6}(为|是)\\d"),
            ("all", "回收利用率为\\d"),
        ],
    ),
    "t032": (
        "D_subunit",
        [
            ("all", "沙市区[^。]{0,20}志愿者"),
            ("doc", "沙市区[^。]{0,40}\\d+名"),
        ],
    ),
    "t037": (
        "A_period",
        [
            ("all", "6月份[^。]{0,6}立案"),
            ("all", "（2025年6月）"),
            ("doc", "6月[^。；]{0,10}立案\\d"),
        ],
    ),
    "t041": (
        "C_nofigure",
        [
            ("doc", "投诉[^。]{0,10}\\d+件"),
            ("doc", "投诉[^。]{0,10}减少\\d"),
        ],
    ),
    "t045": (
        "H_notstated",
        [
            ("doc", "带队"),
            ("doc", "组长"),
            ("doc", "同志"),
        ],
    ),
    "t046": (
        "J_score",
        [
            ("doc", "桶边"),
            ("doc", "督导"),
            ("23_jingzhou-lajifenlei-kaohe-zhengqiugao.txt", "桶边"),
        ],
    ),
    "t047": (
        "H_notstated",
        [
            ("doc", "区长[\\u4e00-\\u9fff]{2,3}[：，。]"),
            ("doc", "区长[\\u4e00-\\u9fff]{2}同志"),
        ],
    ),
    "t057": (
        "A_period",
        [
            ("doc", "3月"),
            ("all", "3月份?[^。]{0,30}考核[^。]{0,30}第一"),
        ],
    ),
    "t059": (
        "H_notstated",
        [
            ("doc", "月\\d+日[^。]{0,10}(启动|开始)"),
            ("all", "夜市规范月[^。]{0,10}(于|从)\\d"),
            ("all", "\\d+日[^。]{0,10}启动[^。]{0,10}夜市规范月"),
        ],
    ),
    "t061": (
        "I_target_result",
        [
            ("doc", "计划"),
            ("all", "监利[^。]{0,30}计划"),
        ],
    ),
    "t062": (
        "E_rank",
        [
            ("doc", "排名第六"),
            ("doc", "第六"),
        ],
    ),
    "t069": (
        "H_notstated",
        [
            ("doc", "不合格"),
            ("doc", "调整岗位"),
        ],
    ),
    "t071": (
        "K_offtopic",
        [
            ("all", "公积金"),
        ],
    ),
    "t073": (
        "B_place",
        [
            ("all", "岫岩"),
        ],
    ),
    "t076": (
        "D_subunit",
        [
            ("doc", "荆州区[^。]{0,30}飞线充电[^。]{0,10}\\d+个"),
            ("all", "荆州区[^。]{0,20}飞线[^。]{0,10}\\d+(个|处)"),
        ],
    ),
    "t080": (
        "A_period",
        [
            ("all", "第二季度[^。]{0,20}诉求"),
            ("all", "二季度[^。；]{0,15}(受理|诉求)[^。；]{0,10}\\d+件"),
        ],
    ),
    "t082": (
        "I_target_result",
        [
            ("all", "已[^。]{0,6}口袋公园"),
            ("all", "口袋公园[^。]{0,10}(已|完成)"),
            ("doc", "2025年[^。]{0,30}建成口袋公园"),
        ],
    ),
    "t087": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "2024"),
            ("doc", "去年"),
        ],
    ),
    "t094": (
        "E_rank",
        [
            ("doc", "第六名"),
            ("doc", "第六"),
        ],
    ),
    "t095": (
        "B_place",
        [
            ("all", "金湖"),
        ],
    ),
    "t097": (
        "C_nofigure",
        [
            ("doc", "我市得分\\d"),
            ("all", "2024年度[^。]{0,20}测评[^。]{0,10}得分\\d"),
        ],
    ),
    "t100": (
        "D_subunit",
        [
            ("doc", "清江浦区[^。]{0,20}占道经营[^。]{0,10}\\d+件"),
            ("doc", "占道经营[^。]{0,20}清江浦区[^。]{0,10}\\d"),
        ],
    ),
    "t101": (
        "K_offtopic",
        [
            ("all", "供暖费"),
            ("all", "元/平方米"),
            ("all", "采暖费"),
        ],
    ),
    "t110": (
        "J_score",
        [
            ("doc", "油烟"),
            ("doc", "餐饮"),
        ],
    ),
    "t115": (
        "F_cutoff",
        [
            ("doc", "《"),
            ("doc", "〔20"),
            ("all", "城市管理工作月度考核办法》（"),
        ],
    ),
    "t119": (
        "J_score",
        [
            ("doc", "商场"),
            ("doc", "超市"),
        ],
    ),
    "t120": (
        "A_period",
        [
            ("all", "第二季度[^。]{0,30}\\d+\\.\\d+分"),
            ("all", "二季度[^。]{0,20}平均分"),
        ],
    ),
    "t124": (
        "F_cutoff",
        [
            ("doc", "明确一名[\\u4e00-\\u9fff]"),
            ("all", "市场长[^。]{0,20}负责"),
        ],
    ),
    "t126": (
        "D_subunit",
        [
            ("doc", "铁东区[^。]{0,30}占道"),
            ("all", "铁东区[^。]{0,20}占道经营[^。]{0,10}\\d"),
        ],
    ),
    "t128": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "2024"),
            ("doc", "去年"),
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


def copies_doc(question, texts):
    q = squash(question)
    for i in range(len(q) - COPY_LIMIT + 1):
        piece = q[i : i + COPY_LIMIT]
        if any(piece in t for t in texts):
            return True
    return False


def check_answerable(item, docs, errors, counters):
    names = item["doc"] if isinstance(item["doc"], list) else [item["doc"]]
    for name in names:
        if name not in docs:
            errors["unknown_doc"] += 1
            return
    texts = [docs[n] for n in names]
    if copies_doc(item["question"], texts):
        errors["question_copies_document"] += 1
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
    if copies_doc(item["question"], [docs[name]]):
        errors["question_copies_document"] += 1
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
            continue
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
            continue
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
    thin = [n for n in docs if 0 < used[n] < MIN_ITEMS_PER_DOC]
    if thin:
        errors["documents_with_too_few_items"] += len(thin)

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
