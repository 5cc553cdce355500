#!/usr/bin/env python3
"""Validate the blind26 sealed test set. Prints counts only; exits 1 on failure.

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
MIN_UNANSWERABLE_FOLLOWUPS = 7
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-1050 characters (whitespace excluded); no minimum number of long documents.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 1050, 900, 0

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
# These kinds must reach COMBINED_MIN counting questions and follow-ups together.
COMBINED_KINDS = ("D_subunit", "E_rank", "G_compare", "I_target_result")
COMBINED_MIN = 4

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t002": (
        "C_nofigure",
        [
            ("doc", "新增公共厕所[0-9]"),
            ("doc", "公共厕所[0-9]+座，新增公共停车"),
            ("all", "2024年[^。]{0,40}公共厕所[0-9]"),
        ],
    ),
    "t009": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "排第"),
            ("doc", "倒数"),
            ("doc", "最低"),
            ("doc", "末位"),
        ],
    ),
    "t011": (
        "I_target_result",
        [
            ("all", "农贸市场[^。]{0,10}(已完成|已改造|完成改造[0-9])"),
            ("016_baiyin-szcg-yunxing-2025-05-07.txt", "农贸"),
            ("019_baiyin-zhiyuan-fuwu-2025h1-zongjie.txt", "农贸"),
            ("020_baiyin-cgj-shangbannian-tuijinhui-xinwen.txt", "农贸"),
        ],
    ),
    "t014": (
        "J_score",
        [
            ("doc", "志愿"),
        ],
    ),
    "t015": (
        "C_nofigure",
        [
            ("doc", "辽东湾新区｜[0-9]"),
            ("009_panjin-chuangwen-yuetongbao-2025-06.txt", "5月[^。]{0,10}辽东湾"),
        ],
    ),
    "t018": (
        "K_offtopic",
        [
            ("all", "雪"),
        ],
    ),
    "t020": (
        "G_compare",
        [
            ("doc", "上升"),
            ("doc", "前移"),
            ("doc", "进位"),
            ("doc", "较上"),
            ("doc", "一季度"),
            ("doc", "上季度"),
        ],
    ),
    "t024": (
        "E_rank",
        [
            ("doc", "辽东湾新区｜88.40｜[0-9]"),
            ("doc", "辽东湾新区[^。]{0,10}第[0-9一二三四五]"),
        ],
    ),
    "t031": (
        "D_subunit",
        [
            ("doc", "商水"),
        ],
    ),
    "t036": (
        "B_place",
        [
            ("all", "鹿邑"),
        ],
    ),
    "t045": (
        "I_target_result",
        [
            ("all", "背街小巷[^。]{0,10}(已完成|已改造|完成了)"),
            ("008_panjin-chuangwen-yuetongbao-2025-05.txt", "背街"),
            ("009_panjin-chuangwen-yuetongbao-2025-06.txt", "背街"),
            ("010_panjin-cgj-2024-zongjie-2025-jihua.txt", "背街"),
            ("012_panjin-chuangcheng-manyidu-diaocha-2025.txt", "背街"),
        ],
    ),
    "t046": (
        "F_cutoff",
        [
            ("doc", "8月1日起."),
            ("all", "百日攻坚[^。]{0,40}(止|结束|截至)"),
        ],
    ),
    "t047": (
        "G_compare",
        [
            ("doc", "大洼区[^。]{0,30}(提高|上升|下降|较)"),
            ("doc", "2024年[^。]{0,20}大洼"),
        ],
    ),
    "t049": (
        "A_period",
        [
            ("doc", "4月"),
            ("all", "4月[^。]{0,10}立案"),
        ],
    ),
    "t050": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("doc", "[0-9.]+分"),
            ("doc", "得分"),
        ],
    ),
    "t056": (
        "A_period",
        [
            ("doc", "第22周"),
            ("all", "第22周"),
            ("doc", "5月"),
        ],
    ),
    "t063": (
        "H_notstated",
        [
            ("doc", "会议中心"),
            ("doc", "礼堂"),
            ("doc", "会场"),
            ("doc", "宾馆"),
            ("doc", "大厦"),
            ("doc", "地点"),
        ],
    ),
    "t065": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024"),
            ("doc", "上年"),
        ],
    ),
    "t073": (
        "H_notstated",
        [
            ("doc", "１５％以上[^。]{0,30}(前|底)"),
            ("doc", "志愿[^。]{0,50}(月底|日前|年底)"),
        ],
    ),
    "t078": (
        "B_place",
        [
            ("all", "太康"),
        ],
    ),
    "t089": (
        "F_cutoff",
        [
            ("doc", "由各街道."),
            ("doc", "销号"),
            ("doc", "一小区一台账[^。]{0,30}前"),
        ],
    ),
    "t091": (
        "D_subunit",
        [
            ("doc", "辽东湾"),
            ("all", "辽东湾[^。]{0,15}满意率"),
        ],
    ),
    "t092": (
        "I_target_result",
        [
            ("doc", "立体停车场[^。]{0,20}(建成|完工|投用|投入使用)"),
            ("all", "立体停车场[^。]{0,20}(已|建成)"),
        ],
    ),
    "t097": (
        "J_score",
        [
            ("doc", "学校"),
            ("doc", "校园"),
        ],
    ),
    "t100": (
        "D_subunit",
        [
            ("doc", "郸城"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w08": (
        "E_rank",
        [
            ("doc", "[0-9.]+分"),
            ("doc", "得分"),
        ],
    ),
    "w10": (
        "G_compare",
        [
            ("doc", "平川区[^。]{0,30}(提高|下降|上升|较|环比)"),
            ("doc", "6月[^。]{0,15}平川"),
        ],
    ),
    "w11": (
        "A_period",
        [
            ("doc", "7月(满意|份|[0-9.]+%)"),
        ],
    ),
    "w18": (
        "D_subunit",
        [
            ("doc", "靖远"),
        ],
    ),
    "w20": (
        "H_notstated",
        [
            ("doc", "罚款"),
            ("doc", "[0-9]元"),
            ("doc", "万元"),
        ],
    ),
    "w24": (
        "I_target_result",
        [
            ("doc", "川汇区[^。]{0,20}(已|完成了)"),
            ("all", "川汇区[^。]{0,20}背街小巷[^。]{0,10}(已|完成了)"),
        ],
    ),
    "w25": (
        "C_nofigure",
        [
            ("doc", "尚有约[0-9]"),
            ("doc", "未拆除[^。]{0,3}[0-9]"),
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
        if kind != "K_offtopic" and kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    fkind_counts = Counter(entry[0] for entry in FPROBES.values())
    for kind in COMBINED_KINDS:
        total = kind_counts.get(kind, 0) + fkind_counts.get(kind, 0)
        counters["combined_kind_" + kind] = total
        if total < COMBINED_MIN:
            errors["too_few_combined_items_of_kind_" + kind] += 1
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
    fids_unans = {f.get("id") for f in followups if f.get("must_contain") == [] and f.get("evidence") == []}
    if set(FPROBES) - fids_unans:
        errors["fprobes_for_non_unanswerable_ids"] += len(set(FPROBES) - fids_unans)
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
