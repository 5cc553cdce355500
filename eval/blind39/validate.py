#!/usr/bin/env python3
"""Validate the blind39 sealed test set. Prints counts only; exits 1 on failure.

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
    "t011": (
        "G_compare",
        [
            ("doc", "\\|天峨县\\|84.1%\\|[+\\-0-9]"),
            ("all", "天峨[^。]{0,15}(提高|上升|下降)[^。]{0,5}[0-9]"),
        ],
    ),
    "t012": (
        "I_target_result",
        [
            ("doc", "已建成"),
            ("doc", "(完成|建成)[^。]{0,5}6座"),
            ("all", "滨江步道[^。]{0,20}(已|建成)"),
        ],
    ),
    "t014": (
        "D_subunit",
        [
            ("doc", "河图街道[^。]{0,20}[0-9.]+%"),
            ("all", "河图[^。]{0,20}合格率[^。]{0,4}[0-9]"),
        ],
    ),
    "t018": (
        "B_place",
        [
            ("all", "镇原"),
        ],
    ),
    "t026": (
        "I_target_result",
        [
            ("doc", "固原市?[^。]{0,10}(力争|目标|计划)"),
            ("doc", "固原市?2025"),
            ("doc", "今年"),
        ],
    ),
    "t028": (
        "J_score",
        [
            ("doc", "未成年人"),
            ("doc", "学校[^。|]{0,10}\\|[0-9]"),
        ],
    ),
    "t031": (
        "F_cutoff",
        [
            ("doc", "8月底前完成."),
            ("012_hechi-chuangwen-dashiji-2025h1.txt", "8月底前"),
            ("014_hechi-chuangwen-tuijinhui-jianghua.txt", "8月底前"),
        ],
    ),
    "t036": (
        "E_rank",
        [
            ("doc", "第[0-9一二三四五六七八九十]+名"),
            ("doc", "排名第"),
            ("doc", "位列"),
            ("all", "全区[^。]{0,15}第[0-9一二三四五六七八九十]+"),
        ],
    ),
    "t040": (
        "H_notstated",
        [
            ("doc", "会议室"),
            ("doc", "地点"),
            ("doc", "在[^。]{1,10}召开"),
            ("doc", "举行"),
        ],
    ),
    "t044": (
        "I_target_result",
        [
            ("doc", "今年[^。]{0,10}已"),
            ("all", "泊位[^。]{0,10}已"),
            ("all", "截至[^。]{0,20}泊位"),
        ],
    ),
    "t045": (
        "B_place",
        [
            ("all", "环县"),
        ],
    ),
    "t047": (
        "E_rank",
        [
            ("all", "西峰区[^。]{0,20}(排名|第[0-9一二三四五六七八九十]+名)"),
            ("doc", "排名"),
            ("doc", "2024年"),
        ],
    ),
    "t053": (
        "F_cutoff",
        [
            ("doc", "分管领导."),
            ("doc", "约谈"),
            ("all", "接诉即办[^。]{0,40}约谈"),
        ],
    ),
    "t061": (
        "A_period",
        [
            ("doc", "6月"),
            ("all", "6月份?[^。]{0,20}结案率"),
            ("all", "二季度[^。]{0,20}结案率"),
        ],
    ),
    "t064": (
        "H_notstated",
        [
            ("doc", "主持"),
            ("doc", "会议由"),
        ],
    ),
    "t065": (
        "G_compare",
        [
            ("doc", "都安[^。]{0,30}(提高|上升|下降)"),
            ("doc", "一季度[^。]{0,10}都安"),
            ("all", "都安[^。]{0,20}第一季度"),
        ],
    ),
    "t072": (
        "K_offtopic",
        [
            ("all", "供暖"),
            ("all", "供热"),
            ("all", "暖气"),
        ],
    ),
    "t074": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "排第"),
            ("doc", "第[0-9一二三四五六七八九十]+[名位]"),
            ("020_qingyang-chuangwen-fabuhui-fanti.txt", "排名"),
            ("020_qingyang-chuangwen-fabuhui-fanti.txt", "第[0-9一二三四五六七八九十]+[名位]"),
        ],
    ),
    "t076": (
        "C_nofigure",
        [
            ("doc", "注册志愿者达到[0-9]"),
            ("doc", "志愿者[^。]{0,6}[0-9.]+万"),
            ("all", "保山[^。]{0,20}注册志愿者[^。]{0,6}[0-9]"),
        ],
    ),
    "t078": (
        "A_period",
        [
            ("doc", "\\|8月\\|"),
            ("doc", "8月[^。]{0,15}[0-9,]+辆"),
            ("all", "8月[^。]{0,10}清理[^。]{0,10}辆"),
        ],
    ),
    "t081": (
        "D_subunit",
        [
            ("doc", "腾冲[^。]{0,40}合格率"),
            ("all", "腾冲市?[^。]{0,20}合格率[^。]{0,4}[0-9]"),
        ],
    ),
    "t083": (
        "D_subunit",
        [
            ("doc", "\\|龙陵县\\|"),
            ("all", "龙陵县?[^。]{0,10}受理[^。]{0,6}[0-9]"),
        ],
    ),
    "t089": (
        "J_score",
        [
            ("doc", "泊位"),
            ("doc", "停车"),
        ],
    ),
    "t090": (
        "C_nofigure",
        [
            ("doc", "\\|昌宁县\\|598\\|570\\|95.3%\\|[0-9]"),
            ("all", "昌宁[^。|]{0,10}满意率[^。]{0,3}[0-9]"),
        ],
    ),
    "t091": (
        "K_offtopic",
        [
            ("all", "防汛"),
            ("all", "内涝"),
            ("all", "积水点"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w05": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024年"),
            ("doc", "上年同期"),
        ],
    ),
    "w08": (
        "C_nofigure",
        [
            ("doc", "还有[0-9一二三四五六七八九十]+个没有完工"),
            ("010_hechi-chuangwen-manyidu-diaocha-2025.txt", "[0-9]+个农贸市场"),
            ("012_hechi-chuangwen-dashiji-2025h1.txt", "已完成[0-9]+个"),
        ],
    ),
    "w15": (
        "A_period",
        [
            ("doc", "金城江区[^。]{0,20}第一季度[^。]{0,10}[0-9]"),
            ("all", "一季度[^。]{0,6}得分[^。]{0,4}[0-9]"),
        ],
    ),
    "w22": (
        "D_subunit",
        [
            ("doc", "工贸园区"),
            ("doc", "园区"),
        ],
    ),
    "w25": (
        "I_target_result",
        [
            ("doc", "(完成|建成)[^。]{0,5}[0-9]+座"),
            ("all", "西峰区[^。]{0,15}公厕[^。]{0,5}已"),
            ("all", "公厕[^。]{0,10}已(建成|完成)"),
        ],
    ),
    "w26": (
        "G_compare",
        [
            ("doc", "去年"),
            ("doc", "同比"),
            ("doc", "2024年"),
        ],
    ),
    "w29": (
        "E_rank",
        [
            ("doc", "全区"),
            ("doc", "第[0-9一二三四五六七八九十]+[名位]"),
            ("doc", "排名"),
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
