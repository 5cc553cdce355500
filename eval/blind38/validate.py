#!/usr/bin/env python3
"""Validate the blind38 sealed test set. Prints counts only; exits 1 on failure.

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
    "number": 22,
    "standard": 10,
    "problem": 8,
    "target": 8,
    "deadline": 6,
    "list": 6,
    "multi_doc": 15,
    "unanswerable": 25,
}
N_QUESTIONS = 100
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 6
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-2200 characters (whitespace excluded); at least a third (7 of 20) over 900.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 7

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# questions (K_offtopic at most MAX_OFFTOPIC times). Follow-up probes are
# checked the same way but are not counted towards the per-kind minimum.
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

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t009": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "第[0-9一二三四五六七八九十]+[名位]"),
            ("all", "鸡冠区[^。]{0,20}城市管理[^。]{0,10}(排名|第[0-9一二三四五六七八九十]+名)"),
        ],
    ),
    "t012": (
        "F_cutoff",
        [
            ("doc", "低于90%的单位，将."),
            ("all", "满意率低于90%[^。]{0,20}(约谈|通报|扣)"),
        ],
    ),
    "t013": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年上半年"),
            ("doc", "2024年上半年"),
            ("doc", "上年同期"),
        ],
    ),
    "t022": (
        "A_period",
        [
            ("doc", "9月份?[^。，]{0,6}结案率[0-9]"),
            ("doc", "9月[^。]{0,10}(立案|结案)[0-9,]+件"),
            ("all", "9月[^。]{0,10}结案[0-9,]+件"),
        ],
    ),
    "t024": (
        "B_place",
        [
            ("all", "密山"),
        ],
    ),
    "t034": (
        "K_offtopic",
        [
            ("all", "电梯"),
            ("all", "加装"),
        ],
    ),
    "t035": (
        "H_notstated",
        [
            ("doc", "主持"),
        ],
    ),
    "t037": (
        "I_target_result",
        [
            ("doc", "实际"),
            ("all", "礼让率[^。]{0,6}(实际|已达|达到了)"),
            ("all", "礼让率[^。]{0,3}[0-9]+(\\.[0-9]+)?%"),
        ],
    ),
    "t043": (
        "H_notstated",
        [
            ("doc", "地點"),
            ("doc", "地点"),
            ("doc", "舉行"),
            ("doc", "召開"),
            ("doc", "會議室"),
        ],
    ),
    "t047": (
        "D_subunit",
        [
            ("all", "慈湖"),
        ],
    ),
    "t050": (
        "B_place",
        [
            ("all", "虎林"),
        ],
    ),
    "t051": (
        "I_target_result",
        [
            ("doc", "已(完成|整治)"),
            ("all", "鸡冠区[^。]{0,15}(已完成|已整治|完成了)[^。]{0,6}[0-9]+条"),
        ],
    ),
    "t053": (
        "F_cutoff",
        [
            ("doc", "扩大到[0-9]"),
            ("all", "撤桶并点[^。]{0,20}(年底|12月)[^。]{0,10}[0-9]+个"),
        ],
    ),
    "t055": (
        "C_nofigure",
        [
            ("doc", "\\|新钢大道\\|新钢街道\\|16\\|[0-9]"),
            ("all", "新钢大道[^。]{0,10}[0-9.]+%"),
        ],
    ),
    "t056": (
        "J_score",
        [
            ("doc", "停车"),
            ("doc", "泊位"),
        ],
    ),
    "t057": (
        "G_compare",
        [
            ("doc", "\\|经开区\\|352\\|87.4%\\|[+\\-0-9]"),
            ("all", "经开区[^。]{0,15}(提高|提升|上升)"),
        ],
    ),
    "t062": (
        "C_nofigure",
        [
            ("doc", "缺口约?[0-9]"),
            ("all", "缺口[^。]{0,4}[0-9.]+万个"),
        ],
    ),
    "t069": (
        "J_score",
        [
            ("doc", "工地"),
            ("doc", "建筑"),
        ],
    ),
    "t082": (
        "D_subunit",
        [
            ("all", "孔目江"),
        ],
    ),
    "t088": (
        "K_offtopic",
        [
            ("all", "供暖"),
            ("all", "供热"),
            ("all", "暖气"),
        ],
    ),
    "t091": (
        "C_nofigure",
        [
            ("doc", "\\|仙女湖区\\|668\\|641\\|95.96%\\|[0-9]"),
            ("all", "仙女湖区[^。|]{0,10}满意率[^。]{0,3}[0-9]"),
        ],
    ),
    "t092": (
        "I_target_result",
        [
            ("doc", "目标"),
            ("doc", "2025年[^。]{0,10}%"),
            ("doc", "力争[^。]{0,10}[0-9]"),
        ],
    ),
    "t093": (
        "E_rank",
        [
            ("doc", "全省[^。]{0,15}第"),
            ("doc", "排名第"),
            ("all", "全省[^。]{0,15}第[0-9一二三四五六七八九十]+[名位]"),
        ],
    ),
    "t096": (
        "E_rank",
        [
            ("doc", "全省[^。]{0,20}第"),
            ("doc", "第[0-9一二三四五六七八九十]+[名位]"),
            ("all", "花山区[^。]{0,20}全省"),
        ],
    ),
    "t098": (
        "A_period",
        [
            ("doc", "\\|5月\\|"),
            ("doc", "5月[^。]{0,15}吨"),
            ("all", "5月[^。]{0,15}厨余"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w01": (
        "I_target_result",
        [
            ("doc", "(完成|达到)[^。]{0,5}[0-9]"),
            ("all", "鸡冠区[^。]{0,15}按期结案率[^。]{0,5}[0-9]"),
        ],
    ),
    "w05": (
        "D_subunit",
        [
            ("all", "孔目江"),
        ],
    ),
    "w08": (
        "G_compare",
        [
            ("doc", "去年"),
            ("doc", "同比"),
            ("doc", "2024年"),
            ("doc", "上年"),
        ],
    ),
    "w16": (
        "A_period",
        [
            ("doc", "9月[^。]{0,6}博望区[^。]{0,6}[0-9]"),
            ("doc", "博望区[^。|]{0,10}9月[^。]{0,6}[0-9]"),
            ("all", "9月[^。]{0,20}博望区[^。]{0,5}[0-9]+\\.[0-9]+分"),
        ],
    ),
    "w19": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024年"),
            ("doc", "上年同期"),
        ],
    ),
    "w28": (
        "E_rank",
        [
            ("doc", "全省"),
            ("doc", "排名"),
            ("doc", "第[0-9一二三四五六七八九十]+[名位]"),
            ("all", "全省[^。]{0,15}第[0-9一二三四五六七八九十]+[名位]"),
        ],
    ),
    "w30": (
        "C_nofigure",
        [
            ("doc", "志愿者达到[0-9]"),
            ("all", "注册志愿者[^。]{0,10}(目标|达到)[^。]{0,4}[0-9.]+万人"),
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


def check_answerable(item, docs, errors, counters, multi=False):
    name = item["doc"]
    if name not in docs:
        errors["unknown_doc"] += 1
        return set()
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return set()
    # Documents the item draws on: the main one, plus (multi_doc only) every
    # other document holding an evidence string that the main one lacks.
    used_docs = {name}
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        if ev in docs[name]:
            continue
        found = [n for n in docs if ev in docs[n]]
        if not multi or not found:
            errors["evidence_not_in_doc"] += 1
            continue
        if len(found) > 1:
            errors["multi_doc_evidence_ambiguous"] += 1
        used_docs.update(found)
    if multi:
        if not any(ev in docs[name] for ev in item["evidence"]):
            errors["multi_doc_no_evidence_in_main_doc"] += 1
        if len(used_docs) < 2:
            errors["multi_doc_needs_second_doc_evidence"] += 1
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
    else:
        for s in item["must_contain"]:
            counters["must_contain_checked"] += 1
            if WS.search(s) or not any(s in docs[n] for n in used_docs):
                errors["must_contain_not_in_doc"] += 1
    return used_docs


def check_unanswerable(item, docs, errors, counters, table):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return
    entry = table.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
    if entry[0] not in KINDS:
        errors["unknown_probe_kind"] += 1
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
        errors["question_ids_not_t001_to_t100"] += 1
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
        if not isinstance(q["doc"], str):
            errors["doc_must_be_a_string"] += 1
            continue
        if q["type"] == "unanswerable":
            used[q["doc"]] += 1
            check_unanswerable(q, docs, errors, counters, PROBES)
        else:
            for n in check_answerable(q, docs, errors, counters, q["type"] == "multi_doc"):
                used[n] += 1
    unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if set(PROBES) - unans:
        errors["probes_for_non_unanswerable_ids"] += len(set(PROBES) - unans)
    kind_counts = Counter(entry[0] for entry in PROBES.values())
    for kind in KINDS:
        counters["probe_kind_" + kind] = kind_counts.get(kind, 0)
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    return type_counts


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    texts = [(tuple(f.get("history") or []), f.get("question")) for f in followups]
    if len(set(texts)) != len(texts):
        errors["duplicate_followup"] += 1
    n_unans = 0
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
        if f["must_contain"] == [] and f["evidence"] == []:
            n_unans += 1
            check_unanswerable(f, docs, errors, counters, FPROBES)
        else:
            if f["id"] in FPROBES:
                errors["fprobes_for_answerable_followup"] += 1
            check_answerable(f, docs, errors, counters)
    counters["followups_unanswerable"] = n_unans
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1


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
