#!/usr/bin/env python3
"""Validate the dev22 development set. Prints counts only; exits 1 on failure.

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
MIN_FOLLOWUP_UNANSWERABLE = 6
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-2200 characters (whitespace excluded); at least a third (7 of 20) over 900.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 7

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# questions (K_offtopic at most MAX_OFFTOPIC times).
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
MAX_OFFTOPIC = 2

# For each unanswerable item (question or follow-up): (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t002": (
        "F_cutoff",
        [
            ("doc", "7月底前在."),
            ("all", "街区管家[^。]{0,40}(推广|覆盖)"),
        ],
    ),
    "t005": (
        "E_rank",
        [
            ("doc", "浮梁"),
            ("doc", "排第[二三四五]|排名第[二三四五]|末位|倒数"),
        ],
    ),
    "t009": (
        "A_period",
        [
            ("all", "2023"),
            ("all", "二〇二三"),
            ("doc", "前年"),
        ],
    ),
    "t015": (
        "E_rank",
        [
            ("doc", "玉屏县[^。]{0,8}(得分|排名|排第|第[一二三四五六])"),
            ("doc", "第四"),
            ("doc", "第五"),
        ],
    ),
    "t016": (
        "A_period",
        [
            ("doc", "4月"),
            ("all", "营口[^。]{0,30}4月"),
            ("016_yingkou-cg-bannian-huiyi-jianghua-2025.txt", "4月[^。]{0,10}按期"),
        ],
    ),
    "t017": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("all", "营口[^。]{0,40}立案[^。]{0,20}同比"),
            ("019_bayuquan-szcg-xiaoneng-2025-06.txt", "同比"),
        ],
    ),
    "t026": (
        "I_target_result",
        [
            ("015_yingkou-szcg-tongbao-2025-05.txt", "背街"),
            ("016_yingkou-cg-bannian-huiyi-jianghua-2025.txt", "背街"),
            ("017_yingkou-chuangwen-zhishi-wenda-fanti.txt", "背街"),
            ("018_yingkou-cg-kaohe-jieguo-gongshi.txt", "背街"),
            ("019_bayuquan-szcg-xiaoneng-2025-06.txt", "背街"),
            ("doc", "已(完成|改造|完工)"),
        ],
    ),
    "t027": (
        "F_cutoff",
        [
            ("doc", "总投资[0-9０-９]"),
            ("all", "雨污分流[^。]{0,30}万元"),
            ("doc", "万元"),
        ],
    ),
    "t048": (
        "C_nofigure",
        [
            ("doc", "督办件[0-9０-９]"),
            ("all", "督办件[^。]{0,4}[0-9０-９]+件"),
        ],
    ),
    "t054": (
        "D_subunit",
        [
            ("all", "竟成"),
        ],
    ),
    "t059": (
        "D_subunit",
        [
            ("all", "昌河"),
        ],
    ),
    "t062": (
        "J_score",
        [
            ("doc", "学校"),
            ("doc", "校园"),
        ],
    ),
    "t063": (
        "D_subunit",
        [
            ("doc", "昌江"),
            ("all", "昌江区[^。]{0,20}(平均|得分)[^。]{0,6}[0-9一二三四五六七八九十]"),
        ],
    ),
    "t064": (
        "B_place",
        [
            ("all", "乐平"),
        ],
    ),
    "t065": (
        "A_period",
        [
            ("all", "3月份?[^。，；]{0,12}立案[0-9,]+件"),
            ("doc", "3月份?[^。]{0,6}[0-9,]+件"),
            ("doc", "一季度"),
        ],
    ),
    "t068": (
        "J_score",
        [
            ("doc", "窗口"),
            ("doc", "银行"),
        ],
    ),
    "t069": (
        "I_target_result",
        [
            ("doc", "2025年[^。]{0,20}志愿者[^。]{0,6}已"),
            ("009_tongren-chuangwen-ducha-tongbao-2025-4qi.txt", "志愿"),
            ("014_tongren-cg-weixin-shangbannian-2025.txt", "志愿"),
            ("all", "碧江区[^。]{0,40}志愿者[^。]{0,20}(15|16|17)\\.[0-9]%"),
        ],
    ),
    "t071": (
        "B_place",
        [
            ("all", "盖州"),
        ],
    ),
    "t077": (
        "H_notstated",
        [
            ("doc", "电话"),
            ("doc", "0417|[0-9０-９]{3,4}[-－][0-9０-９]{7,8}"),
            ("doc", "热线"),
        ],
    ),
    "t084": (
        "C_nofigure",
        [
            ("doc", "老边区结案率[0-9０-９]"),
            ("all", "老边区(5月)?结案率[0-9０-９]"),
            ("all", "老边区[^。]{0,10}结案率[^按]{0,6}9[0-9]\\."),
        ],
    ),
    "t085": (
        "K_offtopic",
        [
            ("all", "防汛"),
            ("all", "内涝"),
            ("all", "排涝"),
        ],
    ),
    "t086": (
        "B_place",
        [
            ("all", "德江"),
        ],
    ),
    "t088": (
        "K_offtopic",
        [
            ("all", "雪"),
            ("all", "冬季"),
        ],
    ),
    "t091": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("010_tongren-chuangwen-tuijinhui-jianghua-2025.txt", "上半年"),
            ("011_bijiang-chuangwen-2024-zongjie-2025-jihua.txt", "上半年"),
            ("all", "背街小巷[^。]{0,20}去年同期"),
        ],
    ),
    "t096": (
        "H_notstated",
        [
            ("doc", "带队"),
            ("doc", "组长"),
            ("doc", "局长"),
            ("doc", "主任"),
            ("doc", "市长"),
        ],
    ),
    "w02": (
        "B_place",
        [
            ("all", "珠山街道"),
        ],
    ),
    "w07": (
        "D_subunit",
        [
            ("doc", "玉屏县[^。]{0,6}[0-9.]+分"),
        ],
    ),
    "w11": (
        "C_nofigure",
        [
            ("doc", "投入[0-9０-９]"),
            ("all", "鲅鱼圈[^。]{0,80}[0-9.]+万元"),
        ],
    ),
    "w14": (
        "D_subunit",
        [
            ("all", "鲅鱼圈[^。]{0,30}(违建|违法建设)"),
            ("doc", "鲅鱼圈"),
        ],
    ),
    "w20": (
        "A_period",
        [
            ("all", "6月[^。]{0,12}结案率"),
            ("all", "2025年6月全市数字"),
        ],
    ),
    "w21": (
        "A_period",
        [
            ("doc", "7月[^。]{0,6}受理"),
            ("all", "7月份?受理"),
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
        return
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
        if ev in docs[name]:
            hit_docs.add(name)
        elif multi:
            found = [n for n, t in docs.items() if ev in t]
            if not found:
                errors["evidence_not_in_corpus"] += 1
            hit_docs.update(found)
        else:
            errors["evidence_not_in_doc"] += 1
    if name not in hit_docs:
        errors["no_evidence_in_main_doc"] += 1
    if multi and len(hit_docs) < 2:
        errors["multi_doc_needs_evidence_from_a_second_doc"] += 1
    texts = [docs[n] for n in hit_docs] or [docs[name]]
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
        return
    for s in item["must_contain"]:
        counters["must_contain_checked"] += 1
        if WS.search(s) or not any(s in t for t in texts):
            errors["must_contain_not_in_doc"] += 1


def check_unanswerable(item, docs, errors, counters, kind_counts):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if name not in docs:
        errors["unknown_doc"] += 1
        return
    entry = PROBES.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
    if entry[0] not in KINDS:
        errors["unknown_probe_kind"] += 1
    if item["id"].startswith("t"):
        kind_counts[entry[0]] += 1
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
    kind_counts = Counter()
    for q in questions:
        if set(q) != Q_FIELDS:
            errors["question_bad_fields"] += 1
            continue
        if not isinstance(q["question"], str) or not q["question"].strip():
            errors["empty_question"] += 1
        if not isinstance(q["answer"], str) or not q["answer"].strip():
            errors["empty_answer"] += 1
        if not isinstance(q["doc"], str):
            errors["doc_must_be_one_file_name"] += 1
            continue
        used[q["doc"]] += 1
        if q["type"] == "unanswerable":
            check_unanswerable(q, docs, errors, counters, kind_counts)
        else:
            check_answerable(q, docs, errors, counters, multi=q["type"] == "multi_doc")
            if q["type"] == "multi_doc":
                for ev in q["evidence"] if is_str_list(q["evidence"]) else []:
                    for n, t in docs.items():
                        if n != q["doc"] and ev in t and ev not in docs[q["doc"]]:
                            used[n] += 1
    for kind in KINDS:
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_unanswerable_of_kind_" + kind] += 1
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    for kind in KINDS:
        counters["kind_" + kind] = kind_counts.get(kind, 0)
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
            check_unanswerable(f, docs, errors, counters, Counter())
        else:
            check_answerable(f, docs, errors, counters)
    counters["followups_unanswerable"] = n_unans
    if n_unans < MIN_FOLLOWUP_UNANSWERABLE:
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
    ids = {q.get("id") for q in questions} | {f.get("id") for f in followups}
    if set(PROBES) - ids:
        errors["probes_for_unknown_ids"] += len(set(PROBES) - ids)

    if len(docs) != N_DOCS:
        errors["document_count_not_20"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1
    n_long = sum(n > DOC_LONG for n in lengths)
    if n_long < N_LONG:
        errors["too_few_long_documents"] += 1

    unused = [n for n in docs if used[n] < 3]
    if unused:
        errors["documents_with_fewer_than_3_items"] += len(unused)

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
