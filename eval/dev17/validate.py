#!/usr/bin/env python3
"""Validate the dev17 development set. Prints counts only; exits 1 on failure.

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
NO_ANSWER = "无"

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# 20 unanswerable questions (K_offtopic at most MAX_OFFTOPIC times). 11 kinds
# x 2 = 22 > 20 items, so an item tempting in two ways may carry a tuple of
# two kinds; each kind of the tuple is counted.
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
MAX_DUAL_KIND_ITEMS = 2

# For each unanswerable item: (kind or tuple of kinds, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t005": (
        "B_place",
        [
            ("all", "涉县"),
        ],
    ),
    "t009": (
        "K_offtopic",
        [
            ("all", "烟花"),
            ("all", "爆竹"),
            ("all", "禁放"),
            ("006_shaoxing-cw-zhishi-wenda-fanti.txt", "煙花"),
        ],
    ),
    "t010": (
        "E_rank",
        [
            ("all", "攸县[^。]{0,20}(第[一二三四五1-5]|排名)"),
            ("all", "茶陵县[^。]{0,10}第"),
            ("doc", "第二名"),
            ("doc", "县市组[^。]{0,30}第二"),
        ],
    ),
    "t013": (
        "H_notstated",
        [
            ("doc", "主持"),
            ("doc", "主任"),
            ("doc", "部长"),
            ("doc", "书记"),
            ("doc", "市长"),
            ("003_shaoxing-cw-jidu-ceping-tongbao-2025q1.txt", "主持"),
        ],
    ),
    "t018": (
        "D_subunit",
        [
            ("all", "丛台西街道[^。]{0,10}立案"),
            ("all", "丛台西街道[^。]{0,6}[0-9,]+件"),
        ],
    ),
    "t021": (
        "J_score",
        [
            ("doc", "工地"),
            ("doc", "扬尘"),
            ("020_zhuzhou-cg-kaoping-xize-zhengce-jiedu.txt", "工地"),
            ("020_zhuzhou-cg-kaoping-xize-zhengce-jiedu.txt", "扬尘"),
        ],
    ),
    "t029": (
        "H_notstated",
        [
            ("doc", "联系人"),
            ("doc", "联系电话"),
            ("doc", "[0-9]{4}-[0-9]{7,8}"),
            ("015_zhuzhou-cg-zonghe-kaoping-xize-2025.txt", "联系人"),
        ],
    ),
    "t030": (
        "K_offtopic",
        [
            ("all", "供暖"),
            ("all", "供热"),
            ("all", "暖气"),
            ("all", "采暖"),
        ],
    ),
    "t032": (
        "C_nofigure",
        [
            ("doc", "超期未结案件[0-9]"),
            ("all", "市政公用事业服务中心[^。]{0,10}[0-9]"),
        ],
    ),
    "t035": (
        ("D_subunit", "E_rank"),
        [
            ("all", "柯岩"),
            ("doc", "第三"),
            ("doc", "第３"),
        ],
    ),
    "t036": (
        "J_score",
        [
            ("doc", "学校"),
            ("doc", "校园"),
            ("006_shaoxing-cw-zhishi-wenda-fanti.txt", "學校"),
            ("all", "学校周边[^。]{0,20}分"),
        ],
    ),
    "t038": (
        "F_cutoff",
        [
            ("doc", "安排执法队员[0-9一二三四五六七八九十]"),
            ("all", "错时管理[^。]{0,30}(名|人)"),
        ],
    ),
    "t043": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("all", "渌口[^。]{0,40}去年"),
        ],
    ),
    "t045": (
        "I_target_result",
        [
            ("all", "公(共)?厕[^。]{0,10}已"),
            ("all", "已[^。]{0,6}(建成|完工)[^。]{0,10}(公厕|厕所)"),
            ("001_shaoxing-cw-xinwen-ceping-tongbaohui.txt", "厕"),
            ("003_shaoxing-cw-jidu-ceping-tongbao-2025q1.txt", "今年[^。]{0,15}厕"),
            ("005_shaoxing-cw-gongzuo-yaodian-2025.txt", "已"),
            ("007_shaoxing-zhzf-2024-zongjie-2025-silu.txt", "今年"),
            ("007_shaoxing-zhzf-2024-zongjie-2025-silu.txt", "2025年[^。]{0,30}(已建成|已完成)"),
        ],
    ),
    "t046": (
        "B_place",
        [
            ("all", "武安"),
        ],
    ),
    "t054": (
        ("A_period", "G_compare"),
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "２０２４"),
            ("doc", "2024"),
            ("doc", "４月份"),
            ("doc", "上月立案"),
            ("all", "株洲[^。]{0,20}(4|４)月份"),
        ],
    ),
    "t055": (
        "C_nofigure",
        [
            ("doc", "得分[0-9]"),
            ("all", "年度测评[^。]{0,10}得分[0-9]"),
            ("all", "我市得分[0-9]"),
            ("016_zhuzhou-cw-tuijinhui-jianghua-2025.txt", "年度测评[^。]{0,20}[0-9]"),
        ],
    ),
    "t067": (
        "I_target_result",
        [
            ("all", "覆盖率[^。]{0,6}已"),
            ("all", "今年[^。]{0,20}分类覆盖率"),
            ("009_handan-szcg-yuetongbao-2025-05.txt", "垃圾分类"),
            ("008_handan-szcg-yuetongbao-2025-04.txt", "垃圾分类"),
            ("011_handan-cg-gongzuo-huiyi-jianghua-2025.txt", "垃圾分类"),
            ("012_congtai-cg-xinwen-szcg-wuyue.txt", "垃圾分类"),
            ("013_handan-cw-zhongdian-renwu-fenjie-2025.txt", "垃圾分类"),
        ],
    ),
    "t079": (
        "F_cutoff",
        [
            ("all", "随手拍[^。]{0,40}(小时|工作日|日内|天内)"),
            ("006_shaoxing-cw-zhishi-wenda-fanti.txt", "隨手拍[^。]{0,40}(小時|工作日|日內|天內)"),
            ("doc", "审核后[^。]{0,10}(交办|反馈|处理)"),
        ],
    ),
    "t083": (
        "A_period",
        [
            ("all", "6月份（"),
            ("all", "6月份，全市"),
            ("all", "6月份[^。]{0,30}按期结案率"),
            ("all", "6月份[^。]{0,20}立案"),
        ],
    ),
}

# The same for the unanswerable follow-ups (answer "无", must_contain [] and
# evidence []).
FOLLOWUP_PROBES = {
    "w04": (
        "C_nofigure",
        [
            ("doc", "误报[0-9]"),
            ("doc", "误报[^。]{0,5}[0-9,]+件"),
        ],
    ),
    "w08": (
        "C_nofigure",
        [
            ("all", "专项经费[^。]{0,20}[0-9]"),
            ("all", "万元"),
            ("all", "亿元"),
        ],
    ),
    "w09": (
        "E_rank",
        [
            ("all", "茶陵县[^。]{0,10}(第|排名)"),
            ("doc", "县市组[^。]{0,40}第二"),
        ],
    ),
    "w13": (
        "B_place",
        [
            ("all", "磁县"),
        ],
    ),
    "w17": (
        "C_nofigure",
        [
            ("all", "炎陵县[^。]{0,6}[0-9]"),
        ],
    ),
    "w19": (
        "A_period",
        [
            ("all", "第二季度"),
            ("all", "二季度[^。]{0,10}(得分|平均分|测评结果)"),
            ("006_shaoxing-cw-zhishi-wenda-fanti.txt", "二季度"),
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
    if item["answer"].strip() == NO_ANSWER:
        errors["answerable_item_answers_无"] += 1
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


def check_unanswerable(item, docs, errors, counters, probes):
    if item["answer"] != NO_ANSWER:
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return ()
    entry = probes.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return ()
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
    return kinds_of(entry)


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

    kind_counts = Counter()
    for q in questions:
        if set(q) != Q_FIELDS:
            errors["question_bad_fields"] += 1
            continue
        if not isinstance(q["question"], str) or not q["question"].strip():
            errors["empty_question"] += 1
        if not isinstance(q["answer"], str) or not q["answer"].strip():
            errors["empty_answer"] += 1
            continue
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
            kind_counts.update(check_unanswerable(q, docs, errors, counters, PROBES))
        else:
            check_answerable(q, docs, errors, counters)
    extra = set(PROBES) - {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if extra:
        errors["probes_for_non_unanswerable_ids"] += len(extra)
    all_kinds = Counter(k for entry in PROBES.values() for k in kinds_of(entry))
    if set(all_kinds) - set(KINDS):
        errors["unknown_probe_kind"] += 1
    for kind in KINDS:
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_unanswerable_of_kind_" + kind] += 1
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    dual = sum(len(kinds_of(e)) > 1 for e in PROBES.values())
    if dual > MAX_DUAL_KIND_ITEMS or any(len(kinds_of(e)) > 2 for e in PROBES.values()):
        errors["too_many_multi_kind_probes"] += 1
    counters["probe_items_with_two_kinds"] = dual
    return type_counts


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    texts = [(tuple(f.get("history") or []), f.get("question")) for f in followups]
    if len(set(texts)) != len(texts):
        errors["duplicate_followup"] += 1
    n_unanswerable = 0
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
            continue
        if not isinstance(f["doc"], str):
            errors["followup_doc_must_be_string"] += 1
            continue
        used[f["doc"]] += 1
        if f["answer"] == NO_ANSWER or f["id"] in FOLLOWUP_PROBES:
            n_unanswerable += 1
            check_unanswerable(f, docs, errors, counters, FOLLOWUP_PROBES)
        else:
            check_answerable(f, docs, errors, counters)
    if n_unanswerable < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1
    if set(FOLLOWUP_PROBES) - set(fids):
        errors["followup_probes_for_unknown_ids"] += 1
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
