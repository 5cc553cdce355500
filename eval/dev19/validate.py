#!/usr/bin/env python3
"""Validate the dev19 development set. Prints counts only; exits 1 on failure.

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

# Unanswerable kinds. Each kind must occur at least MIN_PER_KIND times among
# the questions (K_offtopic at most MAX_OFFTOPIC times).
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

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t001": (
        "D_subunit",
        [
            ("doc", "山城区[^。]{0,15}[0-9０-９]+个问题"),
            ("doc", "山城区[^。]{0,15}问题[0-9０-９]+个"),
            ("all", "山城区[^。]{0,10}交办[^。]{0,10}[0-9]+个"),
        ],
    ),
    "t004": (
        "A_period",
        [
            ("doc", "4月份?[^。]{0,20}立案[0-9０-９]"),
            ("all", "鹤壁[^。]{0,30}4月份?[^。]{0,20}立案"),
            ("all", "4月份全市数字"),
            ("doc", "上月"),
        ],
    ),
    "t009": (
        "A_period",
        [
            ("all", "第二季度[^。]{0,20}[0-9０-９]+[.．][0-9０-９]+分"),
            ("all", "二季度测评结果"),
            ("all", "4月[^。]{0,10}测评"),
        ],
    ),
    "t021": (
        "J_score",
        [
            ("doc", "商场"),
            ("doc", "超市"),
            ("doc", "商业"),
        ],
    ),
    "t030": (
        "A_period",
        [
            ("all", "3月[^。]{0,15}结案率"),
            ("all", "第3期"),
            ("doc", "3月"),
        ],
    ),
    "t036": (
        "F_cutoff",
        [
            ("doc", "专项经费."),
            ("all", "专项经费[^。]{0,10}[0-9０-９一二三四五六七八九十百千万亿]"),
            ("all", "创文[^。]{0,10}经费[^。]{0,10}万元"),
        ],
    ),
    "t046": (
        "E_rank",
        [
            ("doc", "老旧小区[^。]{0,20}(排名|第[一二三四五])"),
            ("doc", "淇滨区[^。]{0,20}老旧小区"),
            ("all", "老旧小区项目"),
        ],
    ),
    "t048": (
        "I_target_result",
        [
            ("doc", "机械化清扫率[^。]{0,4}(已|提升至|提高到)"),
            ("doc", "今年[^。]{0,20}机械化"),
            ("006_hebi-szcg-tongbao-2025-05.txt", "机械化"),
            ("009_hebi-chuangwen-renwu-fenjie-2025.txt", "机械化"),
            ("020_hebi-qibin-weixin-2025-06.txt", "机械化"),
        ],
    ),
    "t051": (
        "I_target_result",
        [
            ("all", "礼让率[^。|]{0,6}[0-9.]+%(?!以上)"),
            ("all", "礼让率[^。]{0,6}(达到了|提升至|提高到)"),
        ],
    ),
    "t054": (
        "D_subunit",
        [
            ("all", "淇县[^。]{0,30}视频"),
            ("doc", "视频智能发现案件1,218件，其中"),
            ("all", "视频[^。]{0,20}淇县"),
        ],
    ),
    "t056": (
        "K_offtopic",
        [
            ("all", "燃气"),
            ("all", "管网改造"),
        ],
    ),
    "t060": (
        "F_cutoff",
        [
            ("doc", "连续两次被通报的点位，将.{4,}"),
            ("all", "连续两次被通报[^。]{0,20}(约谈|扣分|通报批评|问责|曝光)"),
        ],
    ),
    "t063": (
        "H_notstated",
        [
            ("doc", "记者（[^）]+）[^：]{1,6}："),
            ("doc", "记者[一-龥]{2,3}（"),
        ],
    ),
    "t065": (
        "B_place",
        [
            ("all", "怀集"),
        ],
    ),
    "t070": (
        "C_nofigure",
        [
            ("doc", "端州区综合得分91\\.62按期结案率95\\.8%背街小巷完成数（条）6群众满意率[0-9]"),
            ("all", "端州[^。]{0,20}满意率[^。]{0,5}[0-9０-９]"),
        ],
    ),
    "t071": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "位列"),
            ("doc", "位次"),
            ("doc", "第[一二三四五六七八九十0-9]+(名|位)"),
            ("all", "全省第"),
        ],
    ),
    "t076": (
        "D_subunit",
        [
            ("all", "马冲口[^。]{0,20}[0-9０-９,]+件"),
            ("doc", "马冲口"),
        ],
    ),
    "t078": (
        "I_target_result",
        [
            ("all", "口袋公园[^。|]{0,10}(建成|完成|已)"),
            ("015_zhaoqing-cg-fabuhui-2025-shangbannian.txt", "口袋公园"),
            ("018_zhaoqing-cg-jiangpinghui-jianghua.txt", "口袋公园"),
        ],
    ),
    "t079": (
        "G_compare",
        [
            ("doc", "结案率[^。，]{0,15}比去年同期"),
            ("doc", "结案率达到百分之九十七点三，比"),
            ("all", "去年上半年[^。]{0,10}结案率"),
        ],
    ),
    "t080": (
        "C_nofigure",
        [
            ("doc", "专项资金[0-9０-９]"),
            ("all", "专项资金[^。]{0,10}[0-9０-９]+万"),
            ("all", "创文[^。]{0,6}经费[^。]{0,10}[0-9０-９]"),
        ],
    ),
    "t088": (
        "B_place",
        [
            ("all", "鹤山"),
        ],
    ),
    "t089": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "上年"),
            ("doc", "2024"),
            ("all", "2024年5月"),
        ],
    ),
    "t092": (
        "K_offtopic",
        [
            ("all", "烟花"),
            ("all", "爆竹"),
            ("all", "燃放"),
        ],
    ),
    "t093": (
        "H_notstated",
        [
            ("doc", "带队"),
            ("doc", "组长"),
            ("doc", "市长"),
            ("doc", "主任"),
            ("doc", "局长"),
        ],
    ),
    "t097": (
        "J_score",
        [
            ("doc", "紧急"),
            ("doc", "应急"),
            ("doc", "危及安全"),
        ],
    ),
}

# The same for the unanswerable follow-ups (answer "无", empty lists).
FOLLOWUP_PROBES = {
    "w05": (
        "A_period",
        [
            ("all", "3月[^。]{0,15}结案率"),
            ("all", "第3期"),
        ],
    ),
    "w15": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "位列"),
            ("doc", "第[一二三四五六七八九十0-9]+(名|位)"),
        ],
    ),
    "w16": (
        "B_place",
        [
            ("all", "鹤山"),
        ],
    ),
    "w18": (
        "D_subunit",
        [
            ("all", "淇县[^。]{0,30}视频"),
            ("all", "视频[^。]{0,20}淇县"),
        ],
    ),
    "w26": (
        "I_target_result",
        [
            ("all", "口袋公园[^。|]{0,10}(建成|完成|已)"),
            ("015_zhaoqing-cg-fabuhui-2025-shangbannian.txt", "口袋公园"),
            ("018_zhaoqing-cg-jiangpinghui-jianghua.txt", "口袋公园"),
        ],
    ),
    "w27": (
        "C_nofigure",
        [
            ("doc", "端州区综合得分91\\.62按期结案率95\\.8%背街小巷完成数（条）6群众满意率[0-9]"),
            ("all", "端州[^。]{0,20}满意率[^。]{0,5}[0-9０-９]"),
        ],
    ),
    "w29": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024"),
            ("all", "2024年5月"),
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


def check_answerable(item, docs, errors, counters, multi):
    """Single-document items: every string in item["doc"].

    multi_doc items: item["doc"] is the main document; evidence may also come
    from other documents, at least one string from the main one and at least
    one from another; must_contain strings come from those documents.
    """
    main = item["doc"]
    if main not in docs:
        errors["unknown_doc"] += 1
        return
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return
    ev_docs = set()
    in_main = 0
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        if ev in docs[main]:
            in_main += 1
            ev_docs.add(main)
        elif multi:
            found = [n for n, t in docs.items() if ev in t]
            if not found:
                errors["evidence_not_in_any_doc"] += 1
            ev_docs.update(found)
        else:
            errors["evidence_not_in_doc"] += 1
    if not in_main:
        errors["no_evidence_in_main_doc"] += 1
    if multi and len(ev_docs) < 2:
        errors["multi_doc_evidence_from_one_doc"] += 1
    if multi:
        counters["multi_doc_documents_cited"] += len(ev_docs)
    texts = [docs[n] for n in ev_docs | {main}]
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
        return
    for s in item["must_contain"]:
        counters["must_contain_checked"] += 1
        if WS.search(s) or not any(s in t for t in texts):
            errors["must_contain_not_in_doc"] += 1


def check_unanswerable(item, docs, errors, counters, table):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return None
    entry = table.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return None
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

    kinds = Counter()
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
        used[q["doc"]] += 1
        if q["type"] == "unanswerable":
            kind = check_unanswerable(q, docs, errors, counters, PROBES)
            if kind:
                kinds[kind] += 1
        else:
            check_answerable(q, docs, errors, counters, q["type"] == "multi_doc")
    unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if set(PROBES) - unans:
        errors["probes_for_non_unanswerable_ids"] += len(set(PROBES) - unans)
    if set(kinds) - set(KINDS):
        errors["unknown_probe_kind"] += 1
    for kind in KINDS:
        counters["question_kind_" + kind] = kinds.get(kind, 0)
        if kinds.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_items_of_kind_" + kind] += 1
    if kinds.get("K_offtopic", 0) > MAX_OFFTOPIC:
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
            check_unanswerable(f, docs, errors, counters, FOLLOWUP_PROBES)
        else:
            if f["id"] in FOLLOWUP_PROBES:
                errors["followup_probes_for_answerable_item"] += 1
            check_answerable(f, docs, errors, counters, False)
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
