#!/usr/bin/env python3
"""Validate the dev21 development set. Prints counts only; exits 1 on failure.

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

# Unanswerable kinds of questions.jsonl; each must occur at least MIN_PER_KIND
# times, K_offtopic at most MAX_OFFTOPIC times. Unanswerable follow-ups carry
# a kind too (reported, not counted towards the minimum).
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

# For each unanswerable item (question t### or follow-up w##):
# (kind, [(scope, regex), ...]). scope "doc" = the item's tempting document,
# "all" = every corpus document, or a corpus file name. Each regex must match
# nowhere in its scope (matching is done on the whitespace-free text).
PROBES = {
    "t001": (
        "C_nofigure",
        [
            ("doc", "高新区群众满意度\\(%\\)[0-9]"),
            ("all", "高新区[^。]{0,6}满意度[^。]{0,4}[0-9]"),
        ],
    ),
    "t002": (
        "B_place",
        [
            ("all", "宁蒗"),
            ("all", "寧蒗"),
        ],
    ),
    "t010": (
        "B_place",
        [
            ("all", "陆河"),
            ("all", "陸河"),
        ],
    ),
    "t011": (
        "F_cutoff",
        [
            ("doc", "设施类案件[^。]{0,30}(海州|细河|太平|新邱|清河门|高新)"),
            ("doc", "处置时限偏长，其中."),
        ],
    ),
    "t013": (
        "J_score",
        [
            ("doc", "亮化"),
            ("doc", "夜景"),
            ("doc", "照明"),
        ],
    ),
    "t014": (
        "D_subunit",
        [
            ("doc", "永勝"),
            ("doc", "永胜"),
            ("all", "永胜县[^。]{0,20}(责任书|責任書)"),
        ],
    ),
    "t015": (
        "K_offtopic",
        [
            ("all", "招聘"),
            ("all", "招录"),
            ("all", "报名"),
            ("all", "招考"),
        ],
    ),
    "t018": (
        "D_subunit",
        [
            ("doc", "香洲"),
            ("all", "香洲街道[^。]{0,20}立案"),
        ],
    ),
    "t029": (
        "K_offtopic",
        [
            ("all", "停车收费"),
            ("all", "收费标准"),
            ("all", "元/小时"),
            ("all", "每小时"),
            ("all", "停车费"),
        ],
    ),
    "t031": (
        "D_subunit",
        [
            ("all", "站前街道[^。]{0,8}(5月|五月)"),
            ("doc", "5月[^。]{0,20}站前"),
        ],
    ),
    "t033": (
        "A_period",
        [
            ("001_fuxin-szcg-tongbao-2025-05.txt", "4月"),
            ("002_fuxin-szcg-tongbao-2025-06-web.txt", "4月"),
            ("all", "全市[^。]{0,20}4月"),
            ("all", "4月份[^。]{0,20}全市"),
        ],
    ),
    "t037": (
        "H_notstated",
        [
            ("doc", "电话"),
            ("doc", "[0-9]{4}-[0-9]{7}"),
            ("doc", "0888"),
            ("doc", "联系"),
        ],
    ),
    "t042": (
        "B_place",
        [
            ("all", "彰武"),
        ],
    ),
    "t044": (
        "G_compare",
        [
            ("doc", "结案率[^。]{0,15}(同比|去年|上年)"),
            ("doc", "(同比|去年同期)[^。]{0,10}结案率"),
        ],
    ),
    "t054": (
        "F_cutoff",
        [
            ("doc", "复查仍不合格的，."),
            ("all", "复查[^。]{0,10}不合格的[^。]{0,10}(约谈|通报|扣分|曝光)"),
        ],
    ),
    "t059": (
        "E_rank",
        [
            ("doc", "排名第"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("doc", "全省[^。]{0,10}第[一二三四五六七八九十0-9]"),
        ],
    ),
    "t064": (
        "A_period",
        [
            ("doc", "[5５]月份"),
            ("doc", "上月"),
            ("all", "汕尾[^。]{0,30}[5５]月[^。]{0,20}立案"),
        ],
    ),
    "t065": (
        "I_target_result",
        [
            ("004_lijiang-chuangwen-shidi-ceping-xize-2025.txt", "礼让率[^。]{0,4}(达到|达|为|提升至|提高到|只有)"),
            ("007_lijiang-wenmingban-2024-zongjie.txt", "礼让率[^。]{0,4}(达到|达|为|提升至|提高到|只有)"),
            ("013_lijiang-mensanbao-wenda-fanti.txt", "礼让率[^。]{0,4}(达到|达|为|提升至|提高到|只有)"),
            ("016_lijiang-gucheng-weixin-2025-07.txt", "礼让率[^。]{0,4}(达到|达|为|提升至|提高到|只有)"),
            ("018_lijiang-gucheng-hongheibang-2025-05.txt", "礼让率[^。]{0,4}(达到|达|为|提升至|提高到|只有)"),
            ("020_lijiang-shizhi-kaohe-gongshi-2024.txt", "礼让率[^。]{0,4}(达到|达|为|提升至|提高到|只有)"),
        ],
    ),
    "t072": (
        "J_score",
        [
            ("doc", "学校"),
            ("doc", "校园"),
        ],
    ),
    "t073": (
        "H_notstated",
        [
            ("doc", "副市长"),
            ("doc", "书记"),
            ("doc", "上的讲话"),
            ("doc", "同志在"),
        ],
    ),
    "t078": (
        "I_target_result",
        [
            ("all", "农贸市场[^。]{0,15}(已完成|已改造|完成改造|已建成|改造完成)"),
            ("015_shanwei-cg-fabuhui-2025-07.txt", "农贸市场"),
        ],
    ),
    "t079": (
        "E_rank",
        [
            ("doc", "海丰县[^。]{0,10}(排名|排在|第[一二三四五六])"),
            ("doc", "排名第[三四五六]"),
            ("doc", "排在第"),
            ("doc", "第三名"),
        ],
    ),
    "t086": (
        "G_compare",
        [
            ("doc", "结案率[^。]{0,20}(同比|去年|上年)"),
            ("doc", "(同比|去年同期|上年同期)[^。]{0,15}结案率"),
        ],
    ),
    "t095": (
        "C_nofigure",
        [
            ("doc", "飞线充电[0-9０-９]"),
            ("doc", "飞线充电[一二三四五六七八九十]"),
            ("all", "金碧苑[^。]{0,20}[0-9]+处"),
        ],
    ),
    "t099": (
        "C_nofigure",
        [
            ("doc", "设施管理类[0-9]"),
            ("doc", "设施管理类案件[0-9]"),
            ("002_fuxin-szcg-tongbao-2025-06-web.txt", "设施类[^。]{0,6}[0-9,]+件"),
        ],
    ),
    "w02": (
        "D_subunit",
        [
            ("doc", "高新区[^。]{0,6}按期"),
            ("doc", "按期结案率[^。]{0,30}高新区"),
        ],
    ),
    "w04": (
        "E_rank",
        [
            ("doc", "全市"),
            ("all", "大研街道[^。]{0,20}全市[^。]{0,10}第"),
        ],
    ),
    "w14": (
        "A_period",
        [
            ("doc", "去年"),
            ("doc", "同比"),
            ("all", "2024年6月"),
            ("all", "去年6月"),
        ],
    ),
    "w23": (
        "C_nofigure",
        [
            ("doc", "万元"),
            ("doc", "亿元"),
            ("doc", "资金"),
            ("doc", "投入"),
        ],
    ),
    "w24": (
        "B_place",
        [
            ("all", "彰武"),
        ],
    ),
    "w27": (
        "H_notstated",
        [
            ("doc", "电话"),
            ("doc", "联系人"),
            ("doc", "[0-9]{4}-[0-9]{7}"),
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


def check_evidence_shape(ev, errors, counters):
    counters["evidence_checked"] += 1
    if WS.search(ev):
        errors["evidence_has_whitespace"] += 1
    if not EV_MIN <= len(ev) <= EV_MAX:
        errors["evidence_bad_length"] += 1


def check_answerable(item, docs, errors, counters, multi=False):
    """Single-doc items: every string in item['doc'].
    multi_doc items: evidence from the main doc and from at least one other
    document; must_contain in the main doc or a document holding evidence."""
    name = item["doc"]
    if name not in docs:
        errors["unknown_doc"] += 1
        return set()
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
        return set()
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return set()
    used = {name}
    if not multi:
        for ev in item["evidence"]:
            check_evidence_shape(ev, errors, counters)
            if ev not in docs[name]:
                errors["evidence_not_in_doc"] += 1
        scope = [docs[name]]
    else:
        in_main = False
        in_other = False
        for ev in item["evidence"]:
            check_evidence_shape(ev, errors, counters)
            if ev in docs[name]:
                in_main = True
                continue
            holders = [n for n, t in docs.items() if ev in t]
            if not holders:
                errors["evidence_not_in_corpus"] += 1
            else:
                in_other = True
                used.update(holders)
        if not in_main:
            errors["multi_doc_no_evidence_in_main_doc"] += 1
        if not in_other:
            errors["multi_doc_no_evidence_in_second_doc"] += 1
        scope = [docs[n] for n in used]
    for s in item["must_contain"]:
        counters["must_contain_checked"] += 1
        if WS.search(s) or not any(s in t for t in scope):
            errors["must_contain_not_in_doc"] += 1
    return used


def check_unanswerable(item, docs, errors, counters):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return None
    entry = PROBES.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return None
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
    return entry[0]


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
            errors["doc_must_be_string"] += 1
            continue
        if q["type"] == "unanswerable":
            kind = check_unanswerable(q, docs, errors, counters)
            if kind:
                kind_counts[kind] += 1
            used[q["doc"]] += 1
        else:
            if q["id"] in PROBES:
                errors["probes_for_answerable_item"] += 1
            for n in check_answerable(q, docs, errors, counters, multi=q["type"] == "multi_doc"):
                used[n] += 1
            if q["type"] == "multi_doc":
                counters["multi_doc_items_checked"] += 1
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
            check_unanswerable(f, docs, errors, counters)
        else:
            if f["id"] in PROBES:
                errors["probes_for_answerable_item"] += 1
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
    known = {q.get("id") for q in questions} | {f.get("id") for f in followups}
    if set(PROBES) - known:
        errors["probes_for_unknown_ids"] += len(set(PROBES) - known)

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
