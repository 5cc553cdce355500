#!/usr/bin/env python3
"""Validate the blind25 sealed test set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory; standard library only)
Adapted from eval/dev23/validate.py: new probe tables, K_offtopic at most 3,
at least 4 items (questions + follow-ups) for D_subunit, E_rank, G_compare
and I_target_result.
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
EV_MIN, EV_MAX = 8, 45
MC_MAX = 3
# 350-1100 characters (whitespace excluded); at least N_LONG documents over DOC_LONG.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 1100, 900, 3

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
# Every kind at least once among the questions; these four at least 4 times
# among questions and follow-ups together; K_offtopic at most 3 in all.
MIN_PER_KIND = 1
MIN_FOUR_KINDS = ("D_subunit", "E_rank", "G_compare", "I_target_result")
MIN_FOUR = 4
MAX_OFFTOPIC = 3

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t002": (
        "D_subunit",
        [
            ("doc", "确山"),
            ("all", "确山县[^。]{0,10}[0-9]+个"),
        ],
    ),
    "t005": (
        "H_notstated",
        [
            ("doc", "第二批"),
            ("doc", "余款"),
            ("doc", "剩余[^。]{0,10}万元"),
            ("all", "第二批[^。]{0,20}(拨|资金)"),
        ],
    ),
    "t006": (
        "C_nofigure",
        [
            ("doc", "违规案件[0-9]"),
            ("doc", "渣土车[^。]{0,20}[0-9]+起"),
            ("all", "渣土车[^。]{0,20}[0-9]+起"),
        ],
    ),
    "t012": (
        "E_rank",
        [
            ("doc", "[0-9.]+分"),
            ("doc", "排名第"),
            ("doc", "第[一二三四五0-9]+名"),
            ("all", "上栗县[^。]{0,15}[0-9.]+分"),
        ],
    ),
    "t016": (
        "D_subunit",
        [
            ("doc", "揭西"),
            ("all", "揭西县[^。]{0,10}办结率"),
        ],
    ),
    "t022": (
        "I_target_result",
        [
            ("all", "护学岗[^。]{0,10}[0-9]+个"),
            ("all", "[0-9]+个护学岗"),
            ("doc", "护学岗[^。]{0,10}已"),
        ],
    ),
    "t026": (
        "A_period",
        [
            ("doc", "3月"),
            ("doc", "一季度"),
            ("009_pingxiang-cgj-2024-zongjie-2025-jihua.txt", "3月"),
            ("all", "3月份?[^。]{0,20}立案"),
        ],
    ),
    "t029": (
        "G_compare",
        [
            ("doc", "5月[^。]{0,40}同比"),
            ("doc", "去年5月"),
            ("doc", "上年同月"),
            ("doc", "5月份[^。]{0,40}(增长|增加)"),
        ],
    ),
    "t031": (
        "E_rank",
        [
            ("doc", "排名第"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("doc", "第[一二三四五六七八九十0-9]+位"),
            ("all", "萍乡[^。]{0,20}(排名第|排第)"),
        ],
    ),
    "t032": (
        "B_place",
        [
            ("all", "莲花"),
            ("all", "蓮花"),
        ],
    ),
    "t033": (
        "B_place",
        [
            ("all", "泌阳"),
        ],
    ),
    "t036": (
        "K_offtopic",
        [
            ("all", "中考"),
            ("all", "考试"),
        ],
    ),
    "t037": (
        "G_compare",
        [
            ("doc", "去年"),
            ("doc", "同比"),
            ("doc", "同期"),
            ("020_yicheng-wenming-jiaotong-quandao-xinwen-2025-07.txt", "同比"),
        ],
    ),
    "t044": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("doc", "排第"),
            ("all", "礼让率[^。]{0,10}排"),
        ],
    ),
    "t045": (
        "F_cutoff",
        [
            ("doc", "计划检查[0-9]"),
            ("doc", "检查[0-9]+家"),
            ("doc", "[0-9]+家餐饮"),
        ],
    ),
    "t051": (
        "F_cutoff",
        [
            ("doc", "每[月周季]"),
            ("doc", "汇报"),
            ("doc", "报送"),
        ],
    ),
    "t052": (
        "D_subunit",
        [
            ("doc", "4月[^。]{0,60}上栗"),
            ("doc", "上栗县[^。|]{0,10}按期结案率[0-9]"),
            ("all", "4月[^。]{0,30}上栗县[^。]{0,10}[0-9]"),
        ],
    ),
    "t053": (
        "A_period",
        [
            ("doc", "第32周"),
            ("all", "第32周"),
            ("doc", "8月4日"),
            ("doc", "8月10日"),
        ],
    ),
    "t054": (
        "H_notstated",
        [
            ("doc", "带队"),
            ("doc", "局长"),
            ("doc", "队长"),
            ("doc", "负责人"),
        ],
    ),
    "t056": (
        "I_target_result",
        [
            ("all", "上蔡县[^。]{0,20}(达到|已)9[0-9]"),
            ("doc", "三季度末[^。]{0,20}(已|达到了)"),
            ("all", "三季度[^。]{0,20}上蔡"),
        ],
    ),
    "t061": (
        "J_score",
        [
            ("doc", "垃圾分类"),
            ("doc", "分类"),
        ],
    ),
    "t067": (
        "C_nofigure",
        [
            ("doc", "注册志愿者达到[0-9]"),
            ("doc", "志愿者[^。]{0,6}[0-9.]+万人"),
            ("001_jieyang-szcg-tongbao-2025-07.txt", "志愿者"),
            ("002_jieyang-12345-zhoubao-2025-w28-31.txt", "志愿者"),
            ("005_rongcheng-chuangwen-anfang-qingdan-2025-06.txt", "志愿者"),
            ("006_jieyang-chuangwen-manyidu-diaocha-2025q2.txt", "志愿者"),
            ("007_jieyang-wangluo-wenzheng-huifu-2025-07.txt", "志愿者"),
        ],
    ),
    "t068": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年同期"),
            ("doc", "去年7月"),
            ("doc", "上年同月"),
            ("002_jieyang-12345-zhoubao-2025-w28-31.txt", "同比"),
            ("004_jieyang-zhengfu-gongzuo-baogao-2025-jiexuan.txt", "同比"),
        ],
    ),
    "t069": (
        "J_score",
        [
            ("doc", "停车"),
            ("doc", "泊位"),
        ],
    ),
    "t084": (
        "I_target_result",
        [
            ("doc", "今年[^。]{0,20}口袋公园[^。]{0,10}(已|建成了)"),
            ("doc", "2025年[^。]{0,30}建成口袋公园"),
            ("001_jieyang-szcg-tongbao-2025-07.txt", "口袋公园"),
            ("002_jieyang-12345-zhoubao-2025-w28-31.txt", "口袋公园"),
            ("005_rongcheng-chuangwen-anfang-qingdan-2025-06.txt", "口袋公园"),
            ("006_jieyang-chuangwen-manyidu-diaocha-2025q2.txt", "口袋公园"),
            ("007_jieyang-wangluo-wenzheng-huifu-2025-07.txt", "口袋公园"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w05": (
        "H_notstated",
        [
            ("doc", "补贴"),
            ("doc", "元"),
            ("all", "点长[^。]{0,20}元"),
        ],
    ),
    "w15": (
        "A_period",
        [
            ("doc", "7月份"),
            ("doc", "7月[^。]{0,10}立案"),
            ("009_pingxiang-cgj-2024-zongjie-2025-jihua.txt", "7月"),
            ("012_pingxiang-chuangwen-dongyuan-jianghua-2025.txt", "7月"),
        ],
    ),
    "w16": (
        "E_rank",
        [
            ("doc", "[0-9.]+分"),
            ("doc", "排名第"),
            ("doc", "第[一二三四五0-9]+名"),
            ("all", "湘东区[^。]{0,15}(排名|第[一二三四五]名)"),
        ],
    ),
    "w17": (
        "D_subunit",
        [
            ("all", "峽山口"),
            ("all", "峡山口[^。]{0,30}背街"),
        ],
    ),
    "w22": (
        "B_place",
        [
            ("all", "新蔡"),
        ],
    ),
    "w23": (
        "G_compare",
        [
            ("doc", "惠来县[^。]{0,20}(提高|下降|增加)"),
            ("doc", "一季度[^。]{0,20}惠来"),
            ("doc", "较一季度"),
        ],
    ),
    "w30": (
        "I_target_result",
        [
            ("doc", "驿站[^。]{0,10}已"),
            ("doc", "已建成[0-9]+个"),
            ("020_yicheng-wenming-jiaotong-quandao-xinwen-2025-07.txt", "驿站"),
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
    if not is_str_list(item["must_contain"]) or not 1 <= len(item["must_contain"]) <= MC_MAX:
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
        if f["must_contain"] == [] and f["evidence"] == []:
            n_unans += 1
            check_unanswerable(f, docs, errors, counters, FPROBES)
        else:
            if f["id"] in FPROBES:
                errors["fprobes_for_answerable_followup"] += 1
            check_answerable(f, docs, errors, counters)
    unans = {f.get("id") for f in followups if f.get("must_contain") == [] and f.get("evidence") == []}
    if set(FPROBES) - unans:
        errors["fprobes_for_non_unanswerable_ids"] += len(set(FPROBES) - unans)
    counters["followups_unanswerable"] = n_unans
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1


def check_kinds(errors, counters):
    q_kinds = Counter(entry[0] for entry in PROBES.values())
    f_kinds = Counter(entry[0] for entry in FPROBES.values())
    for kind in KINDS:
        counters["probe_kind_" + kind] = q_kinds.get(kind, 0)
        counters["probe_kind_followup_" + kind] = f_kinds.get(kind, 0)
        if kind != "K_offtopic" and q_kinds.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    for kind in MIN_FOUR_KINDS:
        if q_kinds.get(kind, 0) + f_kinds.get(kind, 0) < MIN_FOUR:
            errors["fewer_than_4_items_of_kind_" + kind] += 1
    if q_kinds.get("K_offtopic", 0) + f_kinds.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1


def main():
    docs = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))
    type_counts = check_questions(questions, docs, errors, counters, used)
    check_followups(followups, docs, errors, counters, used)
    check_kinds(errors, counters)

    if len(docs) != N_DOCS:
        errors["document_count_not_20"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1
    n_long = sum(n > DOC_LONG for n in lengths)
    if n_long < N_LONG:
        errors["too_few_long_documents"] += 1

    unused = [n for n in docs if used[n] < 4]
    if unused:
        errors["documents_with_fewer_than_4_items"] += len(unused)

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
