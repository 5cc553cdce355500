#!/usr/bin/env python3
"""Validate the blind19 held-out set. Prints counts only; exits 1 on failure.

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

# Multi-doc items name ONE main document in "doc"; the second document is
# listed here. Evidence must come from both (at least one string each);
# must_contain strings may come from either.
SECOND_DOC = {
    "t006": "008_anshun-chuangwen-2025-gongzuo-yaodian.txt",
    "t007": "009_puyang-cg-2025-renwu-fenjie.txt",
    "t013": "023_anshun-cg-shirong-ducha-tongbao-3qi.txt",
    "t018": "003_puyang-szcg-yuebao-2025-05.txt",
    "t042": "006_puyang-cgj-2024-zongjie-2025-jihua.txt",
    "t052": "012_anshun-chuangwen-tuijinhui-jianghua.txt",
    "t069": "021_puyang-cg-xinwen-fabuhui.txt",
    "t070": "014_puyang-chuangwen-zhishi-wenda.txt",
    "t075": "011_puyang-cg-kaohe-2025q1-biao.txt",
    "t081": "020_anshun-2025q1-ceping-tongbao-xinwen.txt",
    "t091": "008_anshun-chuangwen-2025-gongzuo-yaodian.txt",
    "t095": "024_chuzhou-chuangwen-ducha-tongbao-2025-6.txt",
    "t104": "005_chuzhou-cg-kaohe-xize-2025.txt",
    "t110": "003_puyang-szcg-yuebao-2025-05.txt",
    "t114": "001_anshun-szcg-tongbao-2025-04.txt",
    "t117": "006_puyang-cgj-2024-zongjie-2025-jihua.txt",
    "t122": "007_chuzhou-wenmingban-2024-zongjie.txt",
    "t125": "027_chuzhou-12345-cg-suqiu-2025-h1.txt",
}

# Answerable items whose answer sentence shares few words with the question
# (synonym, paraphrase, or the topic carried only by a heading): >= 8.
PARAPHRASE_ITEMS = ("t021", "t051", "t064", "t076", "t082", "t083", "t087", "t127", "t130")
# Unanswerable items whose near-miss passage shares many words with the
# question (same item and city, other period or other sub-unit): >= 6.
NEARMISS_ITEMS = ("t027", "t029", "t030", "t065", "t108", "t115", "t119")

# For each unanswerable item: (kind or tuple of kinds, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t002": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024"),
            ("all", "上年同期"),
        ],
    ),
    "t011": (
        "I_target_result",
        [
            ("all", "餐厨[^。]{0,20}(已|完成|进度|开工)"),
            ("all", "餐厨垃圾处理厂[^。]{0,10}(建成了|投用了)"),
        ],
    ),
    "t019": (
        "C_nofigure",
        [
            ("doc", "市场内[0-9]+号"),
            ("all", "黄河路[^。]{0,20}[0-9]+号"),
        ],
    ),
    "t027": (
        "A_period",
        [
            ("doc", "7月"),
            ("all", "7月份?[0-9,]+件"),
            ("all", "7月[^。]{0,10}受理"),
        ],
    ),
    "t028": (
        "C_nofigure",
        [
            ("doc", "缺口约[0-9]"),
            ("all", "资金缺口[^。]{0,6}[0-9]"),
        ],
    ),
    "t029": (
        "D_subunit",
        [
            ("doc", "平坝区（[0-9]+件）"),
            ("doc", "平坝[^。]{0,30}超期"),
            ("doc", "超期案件[^。]{0,20}平坝"),
        ],
    ),
    "t030": (
        "D_subunit",
        [
            ("all", "华龙区[^。]{0,30}覆盖率"),
            ("all", "华龙[^。]{0,10}分类"),
        ],
    ),
    "t038": (
        "K_offtopic",
        [
            ("all", "燃气"),
        ],
    ),
    "t039": (
        "F_cutoff",
        [
            ("doc", "后两位的.{2,}"),
            ("all", "后两位[^。]{0,20}(约谈|问责|通报批评)"),
        ],
    ),
    "t041": (
        "E_rank",
        [
            ("doc", "第三名"),
            ("doc", "第三位"),
            ("doc", "位列第[三3]"),
            ("all", "安顺经开区[0-9.]+分"),
        ],
    ),
    "t045": (
        "H_notstated",
        [
            ("doc", "局长"),
            ("all", "华龙区城市管理局局长"),
        ],
    ),
    "t050": (
        "G_compare",
        [
            ("doc", "上期"),
            ("doc", "第2期"),
            ("doc", "较上"),
            ("doc", "增加|减少"),
        ],
    ),
    "t053": (
        "B_place",
        [
            ("all", "凤阳"),
        ],
    ),
    "t054": (
        "F_cutoff",
        [
            ("doc", "站点志愿服务.{2,}"),
            ("all", "实践站点[^。]{0,30}(全覆盖|挂牌|建设)"),
        ],
    ),
    "t055": (
        "I_target_result",
        [
            ("all", "已接入"),
            ("all", "已经接入"),
            ("all", "接入[^。]{0,10}[0-9,]+路[^。]{0,5}(已|了)"),
        ],
    ),
    "t060": (
        "B_place",
        [
            ("all", "关岭"),
        ],
    ),
    "t063": (
        "F_cutoff",
        [
            ("doc", "约谈，并.{2,}"),
            ("doc", "末位[^。]{0,30}(扣分|问责|通报批评)"),
        ],
    ),
    "t065": (
        "A_period",
        [
            ("all", "6月份，全市"),
            ("all", "6月[^。]{0,8}立案"),
            ("doc", "第6期"),
        ],
    ),
    "t068": (
        "K_offtopic",
        [
            ("all", "除雪"),
            ("all", "清雪"),
            ("all", "扫雪"),
            ("all", "冰雪"),
        ],
    ),
    "t073": (
        "G_compare",
        [
            ("all", "西秀[^。]{0,40}(同期|同比|提高[0-9.]+分)"),
            ("doc", "去年"),
        ],
    ),
    "t078": (
        "C_nofigure",
        [
            ("all", "专项经费[0-9]"),
            ("all", "经费[^。]{0,6}[0-9]+万元"),
        ],
    ),
    "t086": (
        "E_rank",
        [
            ("doc", "清丰县群众满意度87.9%[0-9]"),
            ("doc", "满意度[^。]{0,12}第二"),
        ],
    ),
    "t088": (
        "E_rank",
        [
            ("all", "全省第"),
            ("all", "全省排名"),
            ("all", "全省[^。]{0,10}位次"),
            ("all", "在全省[^。]{0,6}名"),
        ],
    ),
    "t089": (
        "J_score",
        [
            ("doc", "门前三包"),
            ("doc", "三包"),
        ],
    ),
    "t099": (
        "B_place",
        [
            ("all", "台前"),
        ],
    ),
    "t102": (
        "I_target_result",
        [
            ("doc", "2024[^。]{0,30}目标"),
            ("all", "去年[^。]{0,10}目标[^。]{0,20}礼让"),
            ("doc", "礼让斑马线率[^。]{0,4}目标"),
        ],
    ),
    "t108": (
        "A_period",
        [
            ("all", "3月，全市数字城管"),
            ("all", "2025年3月全市数字化"),
            ("all", "3月[^。]{0,12}结案率"),
            ("001_anshun-szcg-tongbao-2025-04.txt", "较3月"),
            ("002_anshun-szcg-tongbao-2025-05.txt", "较3月"),
        ],
    ),
    "t113": (
        "I_target_result",
        [
            ("doc", "2024[^。]{0,40}公厕"),
            ("doc", "建成公厕"),
            ("doc", "新建改建公厕[0-9]"),
            ("all", "去年[^。]{0,20}公厕"),
        ],
    ),
    "t115": (
        "D_subunit",
        [
            ("all", "南谯区[0-9.]+万平方米"),
            ("all", "南谯[^。]{0,20}拆除[^。]{0,10}[0-9]"),
        ],
    ),
    "t116": (
        "H_notstated",
        [
            ("all", "12319"),
            ("all", "投诉电话"),
            ("all", "热线电话"),
            ("all", "[0-9]{3,4}-?[0-9]{7,8}"),
        ],
    ),
    "t118": (
        "C_nofigure",
        [
            ("doc", "投资[0-9]"),
            ("all", "背街小巷[^。]{0,30}投资[0-9]"),
            ("all", "[0-9.]+亿元"),
        ],
    ),
    "t119": (
        "A_period",
        [
            ("all", "第二季度"),
            ("all", "二季度"),
            ("all", "琅琊区[0-9.]+分[^。]{0,10}(二|第二)季度"),
        ],
    ),
    "t120": (
        "H_notstated",
        [
            ("doc", "带队"),
            ("doc", "组长"),
            ("doc", "主任"),
            ("doc", "同志"),
        ],
    ),
    "t123": (
        "D_subunit",
        [
            ("all", "平坝[^。]{0,30}完工[0-9]+条"),
            ("all", "平坝区[0-9]+条"),
            ("all", "平坝[^。]{0,20}已完工"),
        ],
    ),
    "t124": (
        "J_score",
        [
            ("doc", "学校"),
            ("doc", "校园"),
        ],
    ),
    "t128": (
        "J_score",
        [
            ("doc", "商场"),
            ("doc", "超市"),
        ],
    ),
}

# Unanswerable follow-ups (must_contain [] and evidence [], answer "无").
FOLLOWUP_PROBES = {
    "w01": (
        "G_compare",
        [
            ("doc", "去年同期"),
            ("doc", "同比"),
            ("all", "2024年1[—-]5月"),
        ],
    ),
    "w05": (
        "A_period",
        [
            ("doc", "2024"),
            ("doc", "去年"),
            ("all", "2024年4月"),
            ("doc", "同比"),
        ],
    ),
    "w07": (
        "D_subunit",
        [
            ("all", "平坝[^。]{0,20}充电桩"),
            ("all", "充电桩[^。]{0,20}平坝"),
        ],
    ),
    "w19": (
        "A_period",
        [
            ("all", "3月，全市数字城管"),
            ("all", "2025年3月全市数字化"),
            ("all", "3月[^。]{0,12}结案率"),
        ],
    ),
    "w21": (
        "D_subunit",
        [
            ("all", "来安[^。]{0,10}覆盖率"),
            ("all", "来安县[0-9]+%"),
        ],
    ),
    "w26": (
        "B_place",
        [
            ("doc", "定远"),
            ("all", "定远[^。]{0,20}[0-9]+条"),
        ],
    ),
    "w28": (
        "J_score",
        [
            ("doc", "宾馆"),
            ("doc", "酒店"),
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


def check_answerable(item, docs, errors, counters, second=None):
    name = item["doc"]
    if name not in docs or (second is not None and second not in docs):
        errors["unknown_doc"] += 1
        return
    names = [name] + ([second] if second else [])
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
    else:
        for s in item["must_contain"]:
            counters["must_contain_checked"] += 1
            if WS.search(s) or not any(s in docs[n] for n in names):
                errors["must_contain_not_in_doc"] += 1
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return
    hit = set()
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        found = [n for n in names if ev in docs[n]]
        if not found:
            errors["evidence_not_in_doc"] += 1
        hit.update(found)
    if second and set(names) - hit:
        errors["multi_doc_missing_evidence_for_a_doc"] += 1


def run_probes(item_id, entry, doc_name, docs, errors, counters):
    for scope, pattern in entry[1]:
        rx = re.compile(pattern)
        if scope == "doc":
            targets = [docs[doc_name]]
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
    run_probes(item["id"], entry, name, docs, errors, counters)


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
    by_id = {q.get("id"): q for q in questions}

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
        if q["type"] == "multi_doc":
            second = SECOND_DOC.get(q["id"])
            if not second or second == q["doc"]:
                errors["multi_doc_without_second_doc"] += 1
                continue
            used[second] += 1
            check_answerable(q, docs, errors, counters, second)
        elif q["type"] == "unanswerable":
            check_unanswerable(q, docs, errors, counters, PROBES)
        else:
            check_answerable(q, docs, errors, counters)
    if set(SECOND_DOC) - {i for i, q in by_id.items() if q.get("type") == "multi_doc"}:
        errors["second_doc_for_non_multi_doc_ids"] += 1
    extra = set(PROBES) - {i for i, q in by_id.items() if q.get("type") == "unanswerable"}
    if extra:
        errors["probes_for_non_unanswerable_ids"] += len(extra)
    kind_counts = Counter(k for entry in PROBES.values() for k in kinds_of(entry))
    if set(kind_counts) - set(KINDS):
        errors["unknown_probe_kind"] += 1
    for kind in KINDS:
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
        counters["kind_" + kind] = kind_counts.get(kind, 0)
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    dual = sum(len(kinds_of(e)) > 1 for e in PROBES.values())
    if dual > MAX_DUAL_KIND_ITEMS:
        errors["too_many_multi_kind_probes"] += 1
    para = [i for i in PARAPHRASE_ITEMS if by_id.get(i, {}).get("type") not in (None, "unanswerable")]
    near = [i for i in NEARMISS_ITEMS if by_id.get(i, {}).get("type") == "unanswerable"]
    if len(para) < 8 or len(para) != len(PARAPHRASE_ITEMS):
        errors["paraphrase_items_bad"] += 1
    if len(near) < 6 or len(near) != len(NEARMISS_ITEMS):
        errors["nearmiss_items_bad"] += 1
    counters["paraphrase_items"] = len(para)
    counters["nearmiss_items"] = len(near)
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
        if f["id"] in FOLLOWUP_PROBES:
            n_unans += 1
            check_unanswerable(f, docs, errors, counters, FOLLOWUP_PROBES)
        else:
            if f["must_contain"] == [] or f["answer"] == "无":
                errors["followup_unanswerable_without_probes"] += 1
            check_answerable(f, docs, errors, counters)
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1
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
