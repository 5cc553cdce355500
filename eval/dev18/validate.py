#!/usr/bin/env python3
"""Validate the dev18 development set. Prints counts only; exits 1 on failure.

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
# every document must carry at least this many items (questions, follow-ups,
# and documents reached by a multi_doc item's evidence)
MIN_ITEMS_PER_DOC = 3

# Unanswerable kinds; among the questions each must occur at least
# MIN_PER_KIND times and K_offtopic at most MAX_OFFTOPIC times.
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

# For each unanswerable item: (kinds, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t001": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("all", "2024年5月"),
            ("all", "去年5月"),
            ("all", "去年同期"),
        ],
    ),
    "t006": (
        "H_notstated",
        [
            ("doc", "市长"),
            ("doc", "书记"),
            ("all", "秦兆远[^。]{0,5}(市长|书记|主任|局长)"),
            ("all", "(市长|书记|主任|局长)秦兆远"),
        ],
    ),
    "t013": (
        "K_offtopic",
        [
            ("all", "燃气"),
            ("all", "管道"),
        ],
    ),
    "t015": (
        "A_period",
        [
            ("doc", "4月"),
            ("doc", "上月[0-9]"),
            ("007_lishui-zhifaju-2024-zongjie-2025-silu.txt", "4月"),
            ("017_lishui-chuangwen-xinwen-fabuhui-2025-06.txt", "四月"),
            ("012_lishui-chuangwen-tuijin-dahui-jianghua.txt", "4月[^。]{0,20}立案"),
        ],
    ),
    "t016": (
        "B_place",
        [
            ("all", "南召"),
        ],
    ),
    "t021": (
        "A_period",
        [
            ("all", "一季度[^。]{0,20}[0-9]+\\.[0-9]+分"),
            ("all", "宛城[^。]{0,40}一季度[^。]{0,10}[0-9]"),
            ("all", "第一季度常态化测评"),
        ],
    ),
    "t023": (
        "J_score",
        [
            ("doc", "医院"),
            ("all", "医院[^。]{0,20}[0-9]+分"),
        ],
    ),
    "t025": (
        "I_target_result",
        [
            ("all", "准确率[^。]{0,6}(已达|已经|提升至|提高到|为)[0-9]"),
            ("all", "误报率[^。]{0,6}[0-9]"),
        ],
    ),
    "t027": (
        "F_cutoff",
        [
            ("doc", "积水[^。]{0,30}(前|日内|天内)"),
            ("doc", "逐一[^。]{2,}"),
        ],
    ),
    "t032": (
        "K_offtopic",
        [
            ("all", "共享单车"),
            ("all", "单车"),
            ("all", "投放[^。]{0,10}辆"),
        ],
    ),
    "t035": (
        "D_subunit",
        [
            ("doc", "路北区[^。]{0,20}12345"),
            ("all", "路北[^。]{0,40}热线[^。]{0,10}[0-9]+件"),
            ("all", "路北[^。]{0,40}转办"),
        ],
    ),
    "t037": (
        "C_nofigure",
        [
            ("doc", "0377-63[0-9]"),
            ("all", "监督电话[：:]?[0-9]{4}-[0-9]{7,8}"),
            ("all", "创文[^。]{0,10}电话[^。]{0,5}[0-9]{7}"),
        ],
    ),
    "t042": (
        "H_notstated",
        [
            ("doc", "副局长陈[一-鿿]"),
            ("all", "执法局副局长[一-鿿]{2,3}[；，。]"),
        ],
    ),
    "t043": (
        "B_place",
        [
            ("all", "迁安"),
        ],
    ),
    "t061": (
        "E_rank",
        [
            ("doc", "第四"),
            ("doc", "松阳|遂昌|云和|庆元|景宁"),
            ("doc", "前四"),
        ],
    ),
    "t062": (
        "D_subunit",
        [
            ("all", "宛城[^。]{0,20}立案"),
            ("doc", "宛城区[0-9,]+件"),
        ],
    ),
    "t063": (
        "C_nofigure",
        [
            ("doc", "联城街道按期处置率[0-9]"),
            ("all", "联城[^。]{0,20}[0-9]+(\\.[0-9]+)?%"),
        ],
    ),
    "t064": (
        "A_period",
        [
            ("all", "6月份[^。]{0,30}结案率[0-9]"),
            ("all", "2025年6月份"),
            ("all", "6月份，市区"),
        ],
    ),
    "t066": (
        "C_nofigure",
        [
            ("doc", "充电车棚[0-9０-９一二三四五六七八九十百]+个"),
            ("all", "南阳[^。]{0,40}充电车棚[0-9]"),
            ("all", "2024[^。]{0,80}充电车棚[0-9]"),
        ],
    ),
    "t069": (
        "F_cutoff",
        [
            ("doc", "为期[0-9一二三四五六七八九十两半]"),
            ("all", "宛城[^。]{0,80}为期"),
        ],
    ),
    "t077": (
        "J_score",
        [
            ("doc", "渣土"),
            ("doc", "建筑垃圾"),
            ("doc", "运输"),
        ],
    ),
    "t080": (
        "G_compare",
        [
            ("doc", "环比"),
            ("doc", "较上月[^。]{0,5}[0-9.]+(%|个百分点)"),
            ("doc", "4月"),
            ("all", "丽水[^。]{0,60}4月[^。]{0,30}处置率"),
        ],
    ),
    "t082": (
        "E_rank",
        [
            ("doc", "内乡县[^。]{0,10}(位列|排名|第[一二三四五六七八九十])"),
            ("all", "内乡[^。]{0,20}第[0-9一二三四五六七八九十]+位"),
            ("doc", "内乡县得分"),
        ],
    ),
    "t087": (
        "D_subunit",
        [
            ("doc", "宛城区问卷"),
            ("doc", "宛城区[^。]{0,20}得分率"),
            ("all", "宛城[^。；]{0,30}问卷[^。；]{0,10}[0-9]"),
        ],
    ),
    "t093": (
        "I_target_result",
        [
            ("all", "农贸市场[^。]{0,20}(已完成|已改造|完成了)[0-9０-９一二三四五六七八九十]+个"),
            ("020_nanyang-cgj-5yue-dianpinghui.txt", "农贸"),
            ("015_wancheng-shangbannian-chuangwen-zongshu.txt", "农贸市场[^。]{0,10}[0-9]+个"),
        ],
    ),
}

# The same for the unanswerable follow-ups (must_contain [] and evidence []).
FOLLOWUP_PROBES = {
    "w01": (
        "E_rank",
        [
            ("doc", "第四名"),
            ("doc", "(唐河|淅川|内乡|新野|南召)县[^。]{0,8}(第|位列)"),
            ("doc", "11个县（市）[^。]{0,80}第四"),
        ],
    ),
    "w02": (
        "B_place",
        [
            ("all", "迁西"),
        ],
    ),
    "w04": (
        ("I_target_result", "D_subunit"),
        [
            ("all", "唐山[^。]{0,40}背街小巷[^。]{0,20}已完成"),
            ("009_tangshan-cgzf-2025-gongzuo-yaodian.txt", "已完成"),
            ("011_tangshan-cg-gongzuo-huiyi-jianghua-2025.txt", "已完成"),
            ("001_tangshan-szcg-tongbao-2025-04.txt", "背街小巷"),
            ("002_tangshan-szcg-tongbao-2025-05.txt", "背街小巷"),
        ],
    ),
    "w15": (
        "H_notstated",
        [
            ("doc", "书记"),
            ("doc", "市长"),
            ("doc", "部长"),
            ("doc", "同志讲话"),
        ],
    ),
    "w20": (
        "H_notstated",
        [
            ("doc", "样本"),
            ("doc", "[0-9]+(户|人|个)[^。]{0,5}调查"),
            ("doc", "抽取"),
        ],
    ),
    "w23": (
        "A_period",
        [
            ("doc", "4月"),
            ("all", "丽水[^。]{0,60}4月[^。]{0,20}立案"),
        ],
    ),
    "w29": (
        "I_target_result",
        [
            ("all", "光武路农贸市场[^。]{0,30}(已整改|整改完成|完成整改|已完成)"),
            ("all", "公平秤[^。]{0,10}已"),
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


def check_answerable(item, docs, errors, counters, used, multi):
    """Single-doc items: every string must be in item["doc"].
    multi_doc items: each evidence string may come from any document; at least
    one must come from item["doc"] and at least one from another document;
    must_contain strings must occur in one of the documents the evidence hits."""
    name = item["doc"]
    if name not in docs:
        errors["unknown_doc"] += 1
        return
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return
    hit_docs = {name}
    other_hit = False
    main_hit = False
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        if ev in docs[name]:
            main_hit = True
            continue
        if not multi:
            errors["evidence_not_in_doc"] += 1
            continue
        found = [n for n in docs if ev in docs[n]]
        if not found:
            errors["evidence_not_in_corpus"] += 1
        else:
            other_hit = True
            hit_docs.update(found)
    if not main_hit:
        errors["no_evidence_in_main_doc"] += 1
    if multi and not other_hit:
        errors["multi_doc_without_second_doc_evidence"] += 1
    for n in hit_docs:
        used[n] += 1
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
        return
    for s in item["must_contain"]:
        counters["must_contain_checked"] += 1
        if WS.search(s) or not any(s in docs[n] for n in hit_docs):
            errors["must_contain_not_in_doc"] += 1


def kinds_of(entry):
    kind = entry[0]
    return (kind,) if isinstance(kind, str) else tuple(kind)


def run_probes(item, entry, docs, errors, counters):
    name = item["doc"]
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


def check_unanswerable(item, probes, docs, errors, counters, used):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return
    used[name] += 1
    entry = probes.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
    if set(kinds_of(entry)) - set(KINDS):
        errors["unknown_probe_kind"] += 1
    run_probes(item, entry, docs, errors, counters)


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
            check_unanswerable(q, PROBES, docs, errors, counters, used)
        else:
            check_answerable(q, docs, errors, counters, used, q["type"] == "multi_doc")
    unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if set(PROBES) != unans:
        errors["probes_do_not_match_unanswerable_ids"] += 1
    kind_counts = Counter(k for entry in PROBES.values() for k in kinds_of(entry))
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
        if f["must_contain"] == [] and f["evidence"] == []:
            n_unans += 1
            check_unanswerable(f, FOLLOWUP_PROBES, docs, errors, counters, used)
        else:
            if f["id"] in FOLLOWUP_PROBES:
                errors["probes_for_answerable_followup"] += 1
            check_answerable(f, docs, errors, counters, used, False)
    if n_unans < MIN_FOLLOWUP_UNANSWERABLE or n_unans != len(FOLLOWUP_PROBES):
        errors["followup_unanswerable_count"] += 1
    counters["followups_unanswerable"] = n_unans


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

    thin = [n for n in docs if used[n] < MIN_ITEMS_PER_DOC]
    if thin:
        errors["documents_with_too_few_items"] += len(thin)

    print("documents:", len(docs))
    print(f"document length: min {min(lengths)}, max {max(lengths)}, over {DOC_LONG}: {n_long}")
    print("questions:", len(questions))
    for t in EXPECTED_TYPES:
        print(f"  {t:<13} {type_counts.get(t, 0)}")
    print("followups:", len(followups))
    for k in sorted(counters):
        print(f"{k}: {counters[k]}")
    if docs:
        print(f"items per document: min {min(used[n] for n in docs)}, max {max(used[n] for n in docs)}")
    if errors:
        print("FAILED checks:")
        for k in sorted(errors):
            print(f"  {k}: {errors[k]}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
