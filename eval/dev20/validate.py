#!/usr/bin/env python3
"""Validate the dev20 development set. Prints counts only; exits 1 on failure.

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
# unanswerable questions (K_offtopic at most MAX_OFFTOPIC times there).
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

# For each unanswerable item: (kind or tuple of kinds, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t001": (
        "J_score",
        [
            ("doc", "景区"),
            ("doc", "旅游"),
            ("doc", "景点"),
        ],
    ),
    "t008": (
        "B_place",
        [
            ("all", "余江"),
        ],
    ),
    "t009": (
        "C_nofigure",
        [
            ("doc", "知晓率应达到[0-9]"),
            ("all", "知晓率[^。]{0,10}[0-9０-９]+(%|％)"),
            ("all", "知曉率"),
        ],
    ),
    "t011": (
        "H_notstated",
        [
            ("doc", "经营区[^。]{0,10}(路|街|广场|巷)"),
            ("doc", "夜市集中经营区[：:（(]"),
            ("all", "夜市集中经营区位于"),
        ],
    ),
    "t018": (
        "H_notstated",
        [
            ("doc", "市长"),
            ("doc", "书记"),
            ("doc", "同志在"),
            ("doc", "讲话人"),
            ("doc", "^[^，。]{0,30}在全市"),
        ],
    ),
    "t023": (
        "C_nofigure",
        [
            ("doc", "洋河新区问题整改率[0-9]"),
            ("all", "洋河新[区區][^。]{0,20}整改率[^。]{0,4}[0-9]"),
        ],
    ),
    "t025": (
        "A_period",
        [
            ("all", "7月份"),
            ("doc", "7月立案"),
            ("all", "７月份"),
            ("doc", "7月[0-9,]+件"),
        ],
    ),
    "t032": (
        "G_compare",
        [
            ("doc", "泊位[^。]{0,20}(同比|去年|上年)"),
            ("doc", "(同比|去年|上年)[^。]{0,20}泊位"),
            ("all", "去年上半年"),
            ("all", "去年同期[^。]{0,20}泊位"),
        ],
    ),
    "t035": (
        "J_score",
        [
            ("doc", "门前三包"),
            ("doc", "三包"),
            ("doc", "门前"),
        ],
    ),
    "t046": (
        "D_subunit",
        [
            ("doc", "超期未结案件371件，其中[^。]*月湖区"),
            ("doc", "月湖区[0-9,]+件[^。]{0,6}超期"),
            ("all", "月湖区[^。]{0,10}超期[^。]{0,10}[0-9]+件"),
        ],
    ),
    "t053": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "位列"),
            ("doc", "名列"),
            ("doc", "居全市"),
            ("all", "月湖区[^。]{0,20}测评[^。]{0,20}第[一二三四]名"),
        ],
    ),
    "t054": (
        "I_target_result",
        [
            ("all", "湖濱新區[^。]{0,20}(已|完成)"),
            ("all", "湖滨新区[^。]{0,20}农贸"),
            ("all", "農貿市場[^。]{0,10}已完成"),
        ],
    ),
    "t056": (
        "A_period",
        [
            ("001_yingtan-szcg-tongbao-2025-04.txt", "6月份"),
            ("002_yingtan-szcg-tongbao-2025-05.txt", "6月份"),
            ("006_yingtan-cg-fabuhui-2025-07.txt", "6月份"),
            ("006_yingtan-cg-fabuhui-2025-07.txt", "六月份"),
            ("all", "鹰潭[^。]{0,20}6月[^。]{0,20}结案率"),
        ],
    ),
    "t065": (
        "B_place",
        [
            ("all", "民乐"),
        ],
    ),
    "t067": (
        "F_cutoff",
        [
            ("doc", "并在年度\\S"),
            ("doc", "扣分"),
            ("doc", "取消"),
            ("doc", "通报批评"),
        ],
    ),
    "t072": (
        "I_target_result",
        [
            ("015_suqian-cg-weixin-shangbannian-2025.txt", "夜市[^。]{0,20}[0-9]"),
            ("019_suqian-lingdao-jianghua-2025-04.txt", "夜市"),
            ("017_suqian-cg-gongzuo-yaodian.txt", "夜市[^。]{0,20}(已|完成|建成)"),
            ("016_suqian-chuangwen-ceping-huizong-2025-05.txt", "夜市"),
            ("014_suqian-chuangwen-sannian-jiedu-fanti.txt", "夜市"),
        ],
    ),
    "t074": (
        "F_cutoff",
        [
            ("doc", "重点对\\S"),
            ("all", "二季度测评[^。]{0,20}重点(检查|关注|测评|考察)"),
            ("all", "二季度[^。]{0,10}重点"),
        ],
    ),
    "t077": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "上年"),
            ("doc", "2024"),
            ("all", "2024年6月"),
        ],
    ),
    "t080": (
        "I_target_result",
        [
            ("all", "口袋公园[^。]{0,10}(建成|完成|已)"),
            ("all", "(建成|完成|已)[^。]{0,6}口袋公园"),
        ],
    ),
    "t082": (
        "A_period",
        [
            ("all", "二季度[^。]{0,20}(第一|第二|位列|排名)"),
            ("doc", "二季度测评结果"),
            ("doc", "二季度[^。]{0,10}[0-9.]+分"),
        ],
    ),
    "t083": (
        "D_subunit",
        [
            ("doc", "市级测评[^。]*东街街道"),
            ("doc", "东街街道[^。]{0,8}(市级|测评|抽查)"),
            ("all", "东街街道[^。]{0,20}测评"),
        ],
    ),
    "t089": (
        "K_offtopic",
        [
            ("all", "雪"),
            ("all", "除冰"),
        ],
    ),
    "t097": (
        "E_rank",
        [
            ("doc", "全省[^。]{0,15}第[一二三四五六七八九十0-9]"),
            ("all", "全省[^。]{0,8}排名第"),
            ("all", "全省第[一二三四五六七八九十0-9]"),
        ],
    ),
    "t099": (
        "K_offtopic",
        [
            ("all", "燃气"),
            ("all", "天然气"),
            ("all", "煤气"),
        ],
    ),
    "t100": (
        "B_place",
        [
            ("all", "泗洪"),
        ],
    ),
}

# The same for the unanswerable follow-ups (answer "无", empty lists).
FOLLOWUP_PROBES = {
    "w04": (
        "G_compare",
        [
            ("015_suqian-cg-weixin-shangbannian-2025.txt", "立案[^。]{0,20}(同比|去年|上年)"),
            ("all", "去年上半年"),
            ("019_suqian-lingdao-jianghua-2025-04.txt", "立案"),
        ],
    ),
    "w05": (
        "D_subunit",
        [
            ("all", "临泽[^。]{0,20}问题[0-9,]+个"),
            ("all", "临泽县[^。]{0,15}[0-9,]+个问题"),
            ("all", "临泽县[^。]{0,10}抽查"),
        ],
    ),
    "w09": (
        "I_target_result",
        [
            ("all", "资源化利用率[^。]{0,6}(已|现|为|是)"),
            ("012_zhangye-cgj-zongjie-2024-jihua-2025.txt", "资源化"),
            ("011_zhangye-lingdao-jianghua.txt", "资源化"),
            ("013_zhangye-szcg-tongbao-2025-06.txt", "资源化"),
        ],
    ),
    "w11": (
        "B_place",
        [
            ("all", "民乐"),
        ],
    ),
    "w22": (
        "A_period",
        [
            ("001_yingtan-szcg-tongbao-2025-04.txt", "6月份"),
            ("002_yingtan-szcg-tongbao-2025-05.txt", "6月份"),
            ("006_yingtan-cg-fabuhui-2025-07.txt", "6月份"),
            ("all", "鹰潭[^。]{0,20}6月[^。]{0,20}结案率"),
        ],
    ),
    "w25": (
        "J_score",
        [
            ("doc", "出租"),
            ("doc", "的士"),
            ("doc", "网约车"),
        ],
    ),
    "w29": (
        "D_subunit",
        [
            ("doc", "南街街道[^。]{0,20}整改"),
            ("all", "南街街道[^。]{0,10}已整改"),
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


def check_answerable(item, docs, errors, counters, used, multi=False):
    """Single-doc items: every string in item["doc"].
    multi_doc items: doc is the main document (a string); evidence may come
    from any corpus document, at least one string from the main document and
    at least one from another document; must_contain strings must occur in a
    document that holds some of the evidence."""
    name = item["doc"]
    if name not in docs:
        errors["unknown_doc"] += 1
        return
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return
    ev_docs = set()
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        scope = list(docs) if multi else [name]
        found = [n for n in scope if ev in docs[n]]
        if not found:
            errors["evidence_not_in_doc"] += 1
        ev_docs.update(found)
    if multi:
        if name not in ev_docs:
            errors["multi_doc_no_evidence_in_main_doc"] += 1
        if not ev_docs - {name}:
            errors["multi_doc_no_evidence_in_second_doc"] += 1
        for n in ev_docs - {name}:
            used[n] += 1
    texts = [docs[n] for n in (ev_docs | {name})]
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
        return
    for s in item["must_contain"]:
        counters["must_contain_checked"] += 1
        if WS.search(s) or not any(s in t for t in texts):
            errors["must_contain_not_in_doc"] += 1


def check_unanswerable(item, entry, docs, errors, counters, prefix):
    if item["answer"] != "无":
        errors[prefix + "unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors[prefix + "unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return
    if not entry or not entry[1]:
        errors[prefix + "unanswerable_without_probes"] += 1
        return
    for kind in kinds_of(entry):
        if kind not in KINDS:
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
        counters[prefix + "probes_checked"] += 1
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
            errors["doc_must_be_string"] += 1
            continue
        used[q["doc"]] += 1
        if q["type"] == "unanswerable":
            check_unanswerable(q, PROBES.get(q["id"]), docs, errors, counters, "")
        else:
            check_answerable(q, docs, errors, counters, used, q["type"] == "multi_doc")
    unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if set(PROBES) - unans:
        errors["probes_for_non_unanswerable_ids"] += len(set(PROBES) - unans)
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
        used[f["doc"]] += 1
        if f["must_contain"] == [] and f["evidence"] == []:
            n_unans += 1
            check_unanswerable(f, FOLLOWUP_PROBES.get(f["id"]), docs, errors, counters, "followup_")
        else:
            if f["id"] in FOLLOWUP_PROBES:
                errors["followup_probes_for_answerable_item"] += 1
            check_answerable(f, docs, errors, counters, used)
    counters["followups_unanswerable"] = n_unans
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1
    if n_unans != len(FOLLOWUP_PROBES):
        errors["followup_probe_count_mismatch"] += 1


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
