#!/usr/bin/env python3
"""Validate the dev14 development set. Prints counts only; exits 1 on failure.

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
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 8

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
MIN_PER_KIND = 1
MAX_OFFTOPIC = 4

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "d001": (
        "G_compare",
        [
            ("doc", "2023"),
            ("doc", "礼让[^。]{0,30}(同比|上年|去年|提高)"),
        ],
    ),
    "d002": (
        "I_target_result",
        [
            ("doc", "实际"),
            ("doc", "已清运"),
            ("all", "积存垃圾[^。]{0,10}\\d+(\\.\\d+)?万?吨"),
        ],
    ),
    "d006": (
        "K_offtopic",
        [
            ("all", "燃气"),
            ("all", "管道"),
        ],
    ),
    "d007": (
        "J_score",
        [
            ("doc", "违法建设"),
            ("doc", "违建"),
            ("all", "违法建设[^。]{0,10}\\d+分"),
        ],
    ),
    "d010": (
        "B_place",
        [
            ("all", "仪陇"),
        ],
    ),
    "d021": (
        "F_cutoff",
        [
            ("doc", "第二座雪物消纳场建设，计划于2025年\\d"),
            ("all", "雪物消纳场[^。]{0,20}\\d+月"),
        ],
    ),
    "d039": (
        "B_place",
        [
            ("all", "鄱阳"),
        ],
    ),
    "d043": (
        "H_notstated",
        [
            ("doc", "组长"),
            ("doc", "带队"),
            ("doc", "厅长"),
        ],
    ),
    "d046": (
        "B_place",
        [
            ("all", "克山"),
        ],
    ),
    "d049": (
        "E_rank",
        [
            ("doc", "三、背街小巷（满分100分）(?:(?!四、).)*?\\D7[一-龥]"),
            ("doc", "背街小巷[^。]{0,60}第七"),
        ],
    ),
    "d050": (
        "G_compare",
        [
            ("doc", "按期结案率[^。；]{0,15}同比"),
            ("doc", "2023年"),
            ("doc", "去年"),
        ],
    ),
    "d051": (
        "I_target_result",
        [
            ("doc", "已完成"),
            ("doc", "实际"),
            ("016_qqhe-chuangwen-huiyi-jiyao-2025-02.txt", "已完成"),
            ("016_qqhe-chuangwen-huiyi-jiyao-2025-02.txt", "实际"),
        ],
    ),
    "d056": (
        "C_nofigure",
        [
            ("doc", "厨余垃圾日均分出量\\d"),
            ("all", "厨余[^。]{0,10}\\d+(\\.\\d+)?吨"),
        ],
    ),
    "d062": (
        "D_subunit",
        [
            ("doc", "广丰区[^。]{0,30}市容秩序类\\d"),
            ("doc", "广丰区\\d+处"),
        ],
    ),
    "d066": (
        "C_nofigure",
        [
            ("doc", "行人闯红灯\\d"),
            ("all", "闯红灯[^。]{0,6}\\d+起"),
        ],
    ),
    "d067": (
        "E_rank",
        [
            ("doc", "排名第5"),
            ("doc", "第五"),
        ],
    ),
    "d069": (
        "A_period",
        [
            ("all", "（2024年8月）"),
            ("all", "8月份?(中心城区)?城市管理(月度)?考核"),
            ("doc", "8月"),
        ],
    ),
    "d071": (
        "D_subunit",
        [
            ("doc", "顺庆[^。]{0,40}满意"),
            ("doc", "满意率\\|"),
            ("all", "顺庆区[^。]{0,20}满意率"),
        ],
    ),
    "d075": (
        "A_period",
        [
            ("all", "第二季度"),
            ("all", "二季度"),
            ("doc", "Q2"),
        ],
    ),
    "d089": (
        "H_notstated",
        [
            ("doc", "广丰区[^。]{0,40}公司"),
            ("all", "广丰[^。]{0,40}有限公司"),
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
    if ids != [f"d{i:03d}" for i in range(1, N_QUESTIONS + 1)]:
        errors["question_ids_not_d001_to_d090"] += 1
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
            if not (isinstance(q["doc"], list) and len(q["doc"]) >= 2 and len(set(q["doc"])) == len(q["doc"])):
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
    return type_counts


def check_probe_kinds(questions, errors):
    unanswerable_ids = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    extra = set(PROBES) - unanswerable_ids
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


def check_followups(followups, questions, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"e{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_e01_to_e30"] += 1
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
    check_probe_kinds(questions, errors)
    check_followups(followups, questions, docs, errors, counters, used)

    if len(docs) != N_DOCS:
        errors["document_count_not_20"] += 1
    lengths = [len(t) for t in docs.values()]
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
