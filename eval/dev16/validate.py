#!/usr/bin/env python3
"""Validate the dev16 development set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory; standard library only)
"""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

EXPECTED_TYPES = {
    "number": 28,
    "standard": 8,
    "problem": 8,
    "target": 9,
    "deadline": 6,
    "list": 5,
    "multi_doc": 6,
    "unanswerable": 20,
}
N_QUESTIONS = 90
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 5
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-2200 characters (whitespace excluded); at least a third (7 of 20) over 900.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 7

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# questions (K_offtopic at most MAX_OFFTOPIC times). 11 kinds x 2 = 22 > 20
# items, so an item whose question is tempting in two ways may carry a tuple
# of two kinds; each kind of the tuple is counted. Follow-up probes carry a
# kind too, for information; they are not counted towards these minimums.
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
MAX_OFFTOPIC = 3
MAX_DUAL_KIND_ITEMS = 2

# For each unanswerable item: (kind or tuple of kinds, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
# Questions t001-t090.
PROBES = {
    "t010": (
        "F_cutoff",
        [
            ("doc", "生产总值"),
            ("doc", "GDP"),
            ("all", "张家口[^。]{0,30}生产总值"),
        ],
    ),
    "t015": (
        "F_cutoff",
        [
            ("doc", "主要集中在[^。]{2,}部门"),
            ("doc", "超期[^。]{0,30}(市政|园林|供水|燃气)"),
            ("all", "包头[^。]{0,30}超期[^。]{0,30}部门"),
        ],
    ),
    "t016": (
        "D_subunit",
        [
            ("all", "君山区[^。]{0,30}背街小巷"),
            ("all", "背街小巷[^。]{0,30}君山"),
        ],
    ),
    "t017": (
        "A_period",
        [
            ("doc", "7月[0-9,]+件"),
            ("doc", "三季度"),
            ("all", "第三季度[^。]{0,20}12345"),
            ("doc", "7月份"),
        ],
    ),
    "t019": (
        "E_rank",
        [
            ("doc", "第三位"),
            ("doc", "居第三"),
            ("doc", "排名第三"),
            ("doc", "(宣化|经开|万全|崇礼|下花园)区[0-9,]+件"),
        ],
    ),
    "t027": (
        "I_target_result",
        [
            ("all", "步道[^。]{0,10}已"),
            ("all", "已建成[^。]{0,6}公里"),
            ("doc", "公里"),
            ("all", "步道[^。]{0,20}完工"),
        ],
    ),
    "t028": (
        "J_score",
        [
            ("doc", "垃圾分类"),
            ("004_yueyang-cg-kaohe-banfa-zhengqiugao.txt", "垃圾分类"),
            ("doc", "分类"),
        ],
    ),
    "t034": (
        "C_nofigure",
        [
            ("doc", "广告牌[0-9０-９]+块"),
            ("all", "崇礼[^。]{0,40}广告牌[0-9０-９]"),
        ],
    ),
    "t047": (
        "H_notstated",
        [
            ("doc", "带队"),
            ("doc", "组长"),
            ("doc", "局长"),
            ("doc", "率队"),
        ],
    ),
    "t054": (
        "B_place",
        [
            ("all", "固阳"),
        ],
    ),
    "t058": (
        "I_target_result",
        [
            ("all", "昆都仑区[^。]{0,40}公厕[^。]{0,10}(已|建成)"),
            ("doc", "昆都仑区[^。]{0,30}公厕"),
        ],
    ),
    "t059": (
        "J_score",
        [
            ("doc", "宾馆"),
            ("doc", "酒店"),
            ("doc", "住宿"),
            ("doc", "旅馆"),
        ],
    ),
    "t065": (
        "C_nofigure",
        [
            ("doc", "专项资金[^。]{0,30}[0-9]"),
            ("all", "精细化[^。]{0,20}专项资金[^。]{0,30}(万元|亿元)"),
            ("020_baotou-cg-xinwen-2026-08.txt", "资金"),
        ],
    ),
    "t070": (
        "K_offtopic",
        [
            ("all", "供暖"),
            ("all", "收费标准"),
            ("all", "元/平方米"),
            ("all", "采暖费"),
        ],
    ),
    "t072": (
        ("A_period", "G_compare"),
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "上年"),
            ("doc", "2025"),
            ("all", "2025年6月"),
            ("all", "去年6月"),
        ],
    ),
    "t073": (
        "H_notstated",
        [
            ("doc", "联系人"),
            ("doc", "电话"),
            ("doc", "[0-9]{4}-[0-9*]{5,}"),
        ],
    ),
    "t076": (
        ("D_subunit", "E_rank"),
        [
            ("doc", "南湖新区[0-9.]+分"),
            ("doc", "第三名"),
            ("doc", "第三位"),
            ("doc", "排名第[三四3-4]"),
            ("all", "南湖新区[^。]{0,10}[0-9.]+分"),
        ],
    ),
    "t080": (
        "K_offtopic",
        [
            ("all", "防汛"),
            ("all", "排渍"),
            ("all", "汛期"),
            ("all", "内涝"),
        ],
    ),
    "t086": (
        "B_place",
        [
            ("all", "蔚县"),
            ("all", "蔚州"),
        ],
    ),
    "t090": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年同期"),
            ("doc", "2025"),
            ("all", "2025年第二季度"),
        ],
    ),
}

# Unanswerable follow-ups (must_contain []).
FOLLOWUP_PROBES = {
    "w01": (
        "B_place",
        [
            ("all", "临湘"),
        ],
    ),
    "w02": (
        "D_subunit",
        [
            ("all", "万全"),
        ],
    ),
    "w11": (
        "C_nofigure",
        [
            ("doc", "投资"),
            ("doc", "万元"),
            ("doc", "亿元"),
            ("all", "步道[^。]{0,40}(万元|亿元)"),
        ],
    ),
    "w16": (
        "A_period",
        [
            ("all", "2029"),
        ],
    ),
    "w27": (
        "J_score",
        [
            ("doc", "学校"),
            ("doc", "校园"),
        ],
    ),
    "w28": (
        "A_period",
        [
            ("all", "8月[^。]{0,20}按期处置率"),
            ("all", "8月份?[^。]{0,10}立案"),
            ("doc", "8月[^。]{0,10}[0-9,]+件"),
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


def kinds_of(entry):
    kind = entry[0]
    return (kind,) if isinstance(kind, str) else tuple(kind)


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
            if WS.search(s) or not any(s in t for t in texts):
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


def run_probes(entry, name, docs, errors, counters):
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


def check_unanswerable(item, docs, errors, counters, probes):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return
    entry = probes.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
    if set(kinds_of(entry)) - set(KINDS):
        errors["unknown_probe_kind"] += 1
    run_probes(entry, name, docs, errors, counters)


def check_questions(questions, docs, errors, counters, used):
    ids = [q.get("id") for q in questions]
    if ids != [f"t{i:03d}" for i in range(1, N_QUESTIONS + 1)]:
        errors["question_ids_not_t001_to_t090"] += 1
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
            if not (isinstance(q["doc"], list) and len(set(q["doc"])) >= 2):
                errors["multi_doc_needs_doc_list"] += 1
                continue
        elif not isinstance(q["doc"], str):
            errors["single_doc_must_be_string"] += 1
            continue
        for n in q["doc"] if isinstance(q["doc"], list) else [q["doc"]]:
            used[n] += 1
        if q["type"] == "unanswerable":
            check_unanswerable(q, docs, errors, counters, PROBES)
        else:
            if q["id"] in PROBES:
                errors["probes_for_answerable_question"] += 1
            check_answerable(q, docs, errors, counters)
    extra = set(PROBES) - {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if extra:
        errors["probes_for_non_unanswerable_ids"] += len(extra)
    kind_counts = Counter(k for entry in PROBES.values() for k in kinds_of(entry))
    if set(kind_counts) - set(KINDS):
        errors["unknown_probe_kind"] += 1
    for kind in KINDS:
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
        counters["question_probe_kind_" + kind] = kind_counts.get(kind, 0)
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    dual = sum(len(kinds_of(e)) > 1 for e in PROBES.values())
    if dual > MAX_DUAL_KIND_ITEMS or any(len(kinds_of(e)) > 2 for e in PROBES.values()):
        errors["too_many_multi_kind_probes"] += 1
    counters["question_probe_items_with_two_kinds"] = dual
    return type_counts


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    texts = [(tuple(f.get("history") or []), f.get("question")) for f in followups]
    if len(set(texts)) != len(texts):
        errors["duplicate_followup"] += 1
    n_unanswerable = 0
    unanswerable_ids = set()
    for f in followups:
        if set(f) != F_FIELDS:
            errors["followup_bad_fields"] += 1
            continue
        if f["type"] != "followup":
            errors["followup_bad_type"] += 1
        if not (is_str_list(f["history"]) and 1 <= len(f["history"]) <= 3):
            errors["followup_bad_history"] += 1
        if not isinstance(f["question"], str) or not f["question"].strip():
            errors["empty_question"] += 1
        if not isinstance(f["answer"], str) or not f["answer"].strip():
            errors["empty_answer"] += 1
        if not isinstance(f["doc"], str):
            errors["followup_doc_must_be_string"] += 1
            continue
        used[f["doc"]] += 1
        if f["must_contain"] == []:
            # An unanswerable follow-up: answer "无", no evidence, probes.
            n_unanswerable += 1
            unanswerable_ids.add(f["id"])
            check_unanswerable(f, docs, errors, counters, FOLLOWUP_PROBES)
        else:
            if f["id"] in FOLLOWUP_PROBES:
                errors["probes_for_answerable_followup"] += 1
            check_answerable(f, docs, errors, counters)
    if set(FOLLOWUP_PROBES) - unanswerable_ids:
        errors["followup_probes_for_answerable_ids"] += 1
    if n_unanswerable < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1
    counters["followups_unanswerable"] = n_unanswerable


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
        errors["document_count_not_20"] += 1
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
