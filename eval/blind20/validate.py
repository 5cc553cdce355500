#!/usr/bin/env python3
"""Validate the blind20 held-out set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory; standard library only)

It checks fields, ids, type counts, that every must_contain / evidence string
is an exact substring of the whitespace-free document text, the corpus size
and document lengths, the unanswerable kinds, and that every probe regex of an
unanswerable item matches nowhere in its scope. It never prints a question,
an answer or a document line.
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
    "standard": 12,
    "problem": 10,
    "target": 10,
    "deadline": 8,
    "list": 8,
    "multi_doc": 18,
    "unanswerable": 36,
}
N_QUESTIONS = 130
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 7
N_DOCS = 30
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-2200 characters (whitespace excluded); at least a third (10 of 30) over 900.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 10

# Unanswerable kinds of questions.jsonl: each at least MIN_PER_KIND times,
# K_offtopic at most MAX_OFFTOPIC times.
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
    "t002": (
        "B_place",
        [
            ("all", "大洪山"),
        ],
    ),
    "t003": (
        "I_target_result",
        [
            ("doc", "背街小巷[^。]{0,20}已"),
            ("023_suizhou-cg-2024-zongjie-2025-jihua.txt", "背街小巷[^。]{0,20}(已|完成)[0-9]"),
            ("024_suizhou-zengduqu-cg-shangbannian-2025.txt", "背街小巷"),
            ("029_suizhou-weixin-zhiyuan-fuwu-2025-06.txt", "背街小巷"),
            ("030_suizhou-yeshi-shudaodian-kaifang.txt", "背街小巷"),
        ],
    ),
    "t005": (
        "A_period",
        [
            ("all", "6月份，全市数字城管"),
            ("all", "6月[^。]{0,10}立案[0-9,]+件"),
            ("all", "6月[^。]{0,6}结案率"),
            ("all", "2025年6月全市数字化"),
        ],
    ),
    "t007": (
        "A_period",
        [
            ("doc", "４月"),
            ("doc", "4月"),
            ("all", "随州[^。]{0,20}4月[^。]{0,20}立案"),
        ],
    ),
    "t014": (
        "K_offtopic",
        [
            ("all", "犬[^。]{0,10}(登记|办证)[^。]{0,10}元"),
            ("all", "养犬登记"),
            ("all", "犬只登记"),
            ("all", "犬证"),
        ],
    ),
    "t017": (
        "C_nofigure",
        [
            ("doc", "专项经费[0-9]"),
            ("all", "专项经费[^。]{0,6}[0-9,.]+万元"),
        ],
    ),
    "t020": (
        "D_subunit",
        [
            ("doc", "离石"),
            ("all", "离石区[^。]{0,20}诉求[^。]{0,10}[0-9,]+件"),
        ],
    ),
    "t021": (
        "B_place",
        [
            ("all", "石楼"),
        ],
    ),
    "t025": (
        "F_cutoff",
        [
            ("doc", "初步考虑在[\\u4e00-\\u9fa5]"),
            ("doc", "第三批[^。]{0,30}(位于|设在|选址在)[\\u4e00-\\u9fa5]"),
            ("023_suizhou-cg-2024-zongjie-2025-jihua.txt", "第三批"),
        ],
    ),
    "t026": (
        "F_cutoff",
        [
            ("doc", "表彰"),
            ("doc", "先进单位"),
            ("doc", "先进集体"),
        ],
    ),
    "t028": (
        "I_target_result",
        [
            ("all", "乌达[^。]{0,40}老旧小区[^。]{0,20}(已完成|已改造|已完工)"),
            ("doc", "2025年[^。]{0,30}已"),
            ("doc", "已完成[^。]{0,6}老旧小区"),
            ("008_wuhai-cg-weixin-jiexiang-2025-07.txt", "老旧小区[^。]{0,10}改造"),
        ],
    ),
    "t030": (
        "I_target_result",
        [
            ("doc", "公厕[^。]{0,20}已(建成|完工|投用|投入使用)"),
            ("doc", "已(建成|完工)[^。]{0,10}公厕"),
            ("014_lvliang-lishiqu-chuangwen-shangbannian-2025.txt", "公厕"),
            ("018_lvliang-chuangwen-2024-zongjie-2025-anpai.txt", "2025年[^。]{0,20}公厕[^。]{0,10}已"),
        ],
    ),
    "t035": (
        "E_rank",
        [
            ("doc", "中阳县[0-9]{2}\\.[0-9]{2}"),
            ("doc", "中阳县[^。]{0,20}排名第"),
            ("all", "中阳[^。]{0,10}第[0-9一二三四五六七八九]"),
        ],
    ),
    "t037": (
        "F_cutoff",
        [
            ("doc", "每月[0-9]+日"),
            ("doc", "月调度机制，每月[^。]{2,}"),
        ],
    ),
    "t040": (
        "D_subunit",
        [
            ("doc", "海勃湾区[^。]{0,10}口袋公园"),
            ("doc", "口袋公园[^。]{0,20}海勃湾"),
            ("all", "海勃湾区[^。]{0,20}口袋公园[^。]{0,6}[0-9]+个"),
        ],
    ),
    "t042": (
        "C_nofigure",
        [
            ("all", "文水县[^。]{0,10}垃圾分类覆盖率[^。]{0,4}[0-9]"),
            ("doc", "文水县86.05595.4%[0-9]{2}\\.[0-9]%[0-9]"),
        ],
    ),
    "t046": (
        "G_compare",
        [
            ("doc", "结案率[^。]{0,10}同比"),
            ("doc", "同比[^。]{0,10}结案率"),
            ("doc", "去年同期[^。]{0,6}结案率"),
            ("doc", "结案率[^。]{0,8}(提高|上升)"),
            ("all", "去年5月[^。]{0,20}结案率"),
        ],
    ),
    "t047": (
        "E_rank",
        [
            ("doc", "梁家碛"),
            ("all", "梁家碛街道[^。]{0,6}[0-9]+\\.[0-9]分"),
        ],
    ),
    "t051": (
        "G_compare",
        [
            ("doc", "油烟[^。]{0,20}同比"),
            ("doc", "油烟[^。]{0,30}去年"),
            ("doc", "油烟[^。]{0,20}(增长|下降|增加|减少)[0-9]"),
        ],
    ),
    "t054": (
        "C_nofigure",
        [
            ("doc", "苏海图街道[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("all", "苏海图[^。]{0,10}[0-9]+(\\.[0-9])?分"),
        ],
    ),
    "t060": (
        "C_nofigure",
        [
            ("doc", "破损公益广告[0-9]+处"),
            ("all", "莲花池公园[^。]{0,20}[0-9]+处"),
        ],
    ),
    "t061": (
        "H_notstated",
        [
            ("doc", "带队"),
            ("doc", "组长"),
            ("doc", "(局长|主任)[\\u4e00-\\u9fa5]{2,3}"),
        ],
    ),
    "t062": (
        "I_target_result",
        [
            ("all", "2025年度[^。]{0,20}测评[^。]{0,20}(排名|第)"),
            ("all", "今年[^。]{0,10}测评[^。]{0,20}排名第"),
            ("all", "全省[^。]{0,6}第[一二三四]名"),
        ],
    ),
    "t065": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年同期"),
            ("all", "曾都区[^。]{0,30}立案[^。]{0,20}(同比|去年)"),
        ],
    ),
    "t071": (
        "J_score",
        [
            ("doc", "停车场"),
            ("doc", "停车"),
        ],
    ),
    "t075": (
        "H_notstated",
        [
            ("doc", "局长"),
            ("doc", "党组书记"),
        ],
    ),
    "t081": (
        "H_notstated",
        [
            ("doc", "局长"),
            ("doc", "市场监管局(副)?局长[\\u4e00-\\u9fa5]{2,3}"),
        ],
    ),
    "t089": (
        "A_period",
        [
            ("all", "第二季度[^。]{0,30}(排名第一|第一名|居第一)"),
            ("all", "二季度[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("all", "2025年第二季度全市创文"),
        ],
    ),
    "t103": (
        "D_subunit",
        [
            ("doc", "海勃湾区[^。；]{0,15}视频"),
            ("doc", "视频[^。]{0,40}海勃湾"),
            ("all", "海勃湾区[^。]{0,10}视频智能识别"),
        ],
    ),
    "t105": (
        "D_subunit",
        [
            ("doc", "随县"),
            ("all", "随县[^。]{0,20}志愿者[^。]{0,10}[0-9.]+万?人"),
        ],
    ),
    "t106": (
        "J_score",
        [
            ("doc", "单车"),
            ("doc", "共享"),
        ],
    ),
    "t110": (
        "A_period",
        [
            ("all", "7月[0-9,]+件"),
            ("all", "7月份[^。]{0,20}诉求[^。]{0,6}[0-9,]+件"),
            ("all", "1—7月"),
        ],
    ),
    "t111": (
        "H_notstated",
        [
            ("doc", "电话"),
            ("doc", "[0-9]{4}-[0-9*]{5,}"),
            ("all", "0473"),
        ],
    ),
    "t121": (
        "K_offtopic",
        [
            ("all", "户外广告[^。]{0,20}(审批|许可|申请)[^。]{0,10}材料"),
            ("all", "广告[^。]{0,10}申请材料"),
            ("all", "设置户外广告[^。]{0,10}(审批|许可)"),
        ],
    ),
    "t122": (
        "B_place",
        [
            ("all", "方山"),
        ],
    ),
    "t124": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "上年"),
        ],
    ),
}

# The same for the unanswerable follow-ups (must_contain [] and evidence []).
FOLLOWUP_PROBES = {
    "w05": (
        "D_subunit",
        [
            ("doc", "曾都"),
            ("all", "曾都区[^。]{0,20}志愿者[^。]{0,10}[0-9.]+万?人"),
        ],
    ),
    "w06": (
        "A_period",
        [
            ("all", "６月份[^。]{0,10}(立案|结案)"),
            ("all", "6月份[^。]{0,20}按期结案率"),
            ("all", "随州市数字化城市管理工作通报２０２５年第６期"),
        ],
    ),
    "w10": (
        "H_notstated",
        [
            ("doc", "全省第一"),
            ("doc", "排名第一"),
            ("all", "全省[^。]{0,10}第一[名位]"),
        ],
    ),
    "w12": (
        "C_nofigure",
        [
            ("doc", "0358-[0-9]{7}"),
            ("all", "监督电话[^。]{0,6}[0-9]{4}-[0-9]{7,8}"),
        ],
    ),
    "w19": (
        "H_notstated",
        [
            ("doc", "万元"),
            ("doc", "投资"),
            ("doc", "资金[0-9]"),
        ],
    ),
    "w22": (
        "F_cutoff",
        [
            ("doc", "第三批[^。]{0,30}(将于|开放)"),
            ("all", "第三批[^。]{0,20}[0-9]+月"),
        ],
    ),
    "w25": (
        "H_notstated",
        [
            ("doc", "率先推行[^。]{0,4}721"),
            ("doc", "721[^。]{0,30}(率先|最早|首先|试点)"),
            ("all", "721[^。]{0,20}区"),
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
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_or_non_string_doc"] += 1
        return
    main = docs[name]
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return
    ev_docs = set()
    in_main = other = 0
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        if ev in main:
            in_main += 1
            ev_docs.add(name)
        elif multi:
            found = [n for n, t in docs.items() if ev in t]
            if found:
                other += 1
                ev_docs.update(found)
            else:
                errors["evidence_not_in_corpus"] += 1
        else:
            errors["evidence_not_in_doc"] += 1
    if multi and (not in_main or not other):
        errors["multi_doc_needs_evidence_from_main_and_another_doc"] += 1
    texts = [docs[n] for n in ev_docs] or [main]
    for s in item["must_contain"] if is_str_list(item["must_contain"]) else []:
        counters["must_contain_checked"] += 1
        if WS.search(s) or not any(s in t for t in texts):
            errors["must_contain_not_in_evidence_docs"] += 1


def check_probes(item_id, item, table, docs, errors, counters, kind_counter):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_or_non_string_doc"] += 1
        return
    entry = table.get(item_id)
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
    kind_counter[entry[0]] += 1
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
        errors["question_ids_not_t001_to_t130"] += 1
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
            check_probes(q["id"], q, PROBES, docs, errors, counters, kinds)
        else:
            check_answerable(q, docs, errors, counters, q["type"] == "multi_doc")
            if q["type"] == "multi_doc":
                for n, t in docs.items():
                    if n != q["doc"] and any(ev in t for ev in q["evidence"]):
                        used[n] += 1
    unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if set(PROBES) != unans:
        errors["probe_ids_differ_from_unanswerable_ids"] += 1
    if set(kinds) - set(KINDS):
        errors["unknown_probe_kind"] += 1
    for kind in KINDS:
        if kinds.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_items_of_kind_" + kind] += 1
    if kinds.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    return type_counts, kinds


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    pairs = [(tuple(f.get("history") or []), f.get("question")) for f in followups]
    if len(set(pairs)) != len(pairs):
        errors["duplicate_followup"] += 1
    kinds = Counter()
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
        if not isinstance(f["doc"], str):
            errors["doc_must_be_a_string"] += 1
            continue
        used[f["doc"]] += 1
        if f["must_contain"] == [] and f["evidence"] == []:
            n_unans += 1
            check_probes(f["id"], f, FOLLOWUP_PROBES, docs, errors, counters, kinds)
        else:
            check_answerable(f, docs, errors, counters, False)
    unans = {f.get("id") for f in followups if f.get("must_contain") == [] and f.get("evidence") == []}
    if set(FOLLOWUP_PROBES) != unans:
        errors["followup_probe_ids_differ"] += 1
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1
    return n_unans


def main():
    docs = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))
    type_counts, kinds = check_questions(questions, docs, errors, counters, used)
    n_unans_f = check_followups(followups, docs, errors, counters, used)

    if len(docs) != N_DOCS:
        errors["document_count_not_30"] += 1
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
    print("unanswerable kinds:")
    for k in KINDS:
        print(f"  {k:<16} {kinds.get(k, 0)}")
    print("followups:", len(followups), "of which unanswerable:", n_unans_f)
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
