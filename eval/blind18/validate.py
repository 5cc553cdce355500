#!/usr/bin/env python3
"""Validate the blind18 held-out set. Prints counts only; exits 1 on failure.

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
F_FIELDS = Q_FIELDS | {"history"}
EV_MIN, EV_MAX = 10, 40
# 350-2200 characters (whitespace excluded); at least a third (10 of 30) over 900.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 10

# Unanswerable kinds. Each must occur at least MIN_PER_KIND times among the
# questions (K_offtopic at most MAX_OFFTOPIC times). An item may carry a tuple
# of two kinds; each kind of the tuple is counted.
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

# For each unanswerable item (tNNN question or wNN follow-up):
# (kind or tuple of kinds, [(scope, regex), ...]). scope "doc" = the item's
# tempting document, "all" = every corpus document, or a corpus file name.
# Each regex must match nowhere in its scope (on the whitespace-free text).
PROBES = {
    "t004": (
        "A_period",
        [
            ("all", "第三季度"),
            ("all", "三季度"),
            ("all", "7—9月"),
        ],
    ),
    "t006": (
        "C_nofigure",
        [
            ("all", "专项资金[^。]{0,10}[0-9一二三四五六七八九十百千]+(万元|亿元)"),
            ("doc", "万元"),
            ("doc", "亿元"),
        ],
    ),
    "t007": (
        "D_subunit",
        [
            ("all", "通海[^。]{0,20}志愿者"),
            ("doc", "通海县[0-9,]+人"),
            ("all", "通海县[0-9,]+人"),
        ],
    ),
    "t008": (
        "D_subunit",
        [
            ("all", "澄江[^。]{0,15}[0-9,]+处"),
            ("doc", "澄江市[0-9,]+处"),
        ],
    ),
    "t009": (
        "J_score",
        [
            ("doc", "客运"),
            ("doc", "车站"),
            ("doc", "火车"),
            ("doc", "场站"),
        ],
    ),
    "t010": (
        "K_offtopic",
        [
            ("all", "停车收费"),
            ("all", "收费标准"),
            ("all", "元/小时"),
            ("all", "每小时"),
        ],
    ),
    "t016": (
        "H_notstated",
        [
            ("doc", "局长"),
            ("doc", "签发"),
            ("doc", "负责人"),
        ],
    ),
    "t018": (
        "C_nofigure",
        [
            ("doc", "户外广告[0-9,]+"),
            ("all", "拆除违规户外广告[0-9,]+块"),
            ("all", "户外广告[^。]{0,4}[0-9,]+块"),
        ],
    ),
    "t021": (
        "A_period",
        [
            ("012_yuxi-szcg-yuebao-2025-06.txt", "5月份"),
            ("all", "玉溪[^。]{0,30}5月份"),
            ("all", "５月份"),
            ("012_yuxi-szcg-yuebao-2025-06.txt", "5月"),
        ],
    ),
    "t023": (
        "D_subunit",
        [
            ("doc", "红塔区[^。]{0,40}按期"),
            ("all", "红塔区[^。]{0,20}按期结案率[0-9]"),
        ],
    ),
    "t038": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "２０２４"),
            ("all", "2024年7月"),
        ],
    ),
    "t040": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024"),
            ("all", "2024年5月"),
        ],
    ),
    "t044": (
        "A_period",
        [
            ("all", "第二季度常态化测评结果"),
            ("all", "第二季度[^。]{0,30}[0-9]+\\.[0-9]+分"),
            ("all", "二季度[^。]{0,10}盐湖区"),
        ],
    ),
    "t048": (
        "J_score",
        [
            ("doc", "公厕"),
            ("doc", "厕所"),
        ],
    ),
    "t049": (
        "J_score",
        [
            ("doc", "农贸市场[^。]{0,60}[0-9.]+分"),
            ("all", "运城[^。]{0,30}农贸市场[^。]{0,20}分值"),
        ],
    ),
    "t052": (
        "B_place",
        [
            ("all", "新平"),
        ],
    ),
    "t055": (
        "K_offtopic",
        [
            ("all", "雪"),
        ],
    ),
    "t067": (
        "H_notstated",
        [
            ("doc", "组长"),
            ("doc", "带队"),
            ("doc", "局长"),
            ("doc", "主任"),
        ],
    ),
    "t068": (
        "I_target_result",
        [
            ("all", "校园周边[^。]{0,20}(已|完成)"),
            ("all", "学校周边[^。]{0,20}(已经|已清理|清理了)"),
            ("all", "流动摊贩[^。]{0,10}已"),
        ],
    ),
    "t072": (
        "I_target_result",
        [
            ("doc", "2024年[^。]{0,20}目标"),
            ("all", "2024年[^。]{0,30}机械化清扫率[^。]{0,10}目标"),
            ("doc", "机械化清扫率目标"),
        ],
    ),
    "t074": (
        "C_nofigure",
        [
            ("doc", "宣传经费[0-9]"),
            ("all", "宣传经费[^。]{0,10}[0-9]+万元"),
            ("all", "经费[0-9.]+万元"),
        ],
    ),
    "t075": (
        "F_cutoff",
        [
            ("doc", "市长"),
            ("doc", "书记"),
            ("doc", "同志在"),
            ("doc", "讲话"),
        ],
    ),
    "t078": (
        "D_subunit",
        [
            ("doc", "盐湖区[^。|]{0,20}12345"),
            ("all", "盐湖区[^。]{0,10}转办[0-9,]+件"),
        ],
    ),
    "t082": (
        "B_place",
        [
            ("all", "开化"),
        ],
    ),
    "t086": (
        "E_rank",
        [
            ("doc", "排名第[四五六七八九十]"),
            ("doc", "第[4-9]名"),
            ("doc", "河津市（?[0-9.]+分"),
            ("doc", "河津市[^。]{0,6}第"),
        ],
    ),
    "t093": (
        "A_period",
        [
            ("all", "6月份，全市数字城管"),
            ("all", "2025年6月份全市"),
            ("doc", "6月份"),
        ],
    ),
    "t098": (
        "F_cutoff",
        [
            ("doc", "第二批[^。]{0,20}[0-9]+月"),
            ("all", "第二批[^。]{0,10}(评选|评出)[^。]{0,10}[0-9]+月"),
        ],
    ),
    "t102": (
        "A_period",
        [
            ("all", "8月份"),
            ("all", "８月份"),
            ("all", "8月[^。]{0,10}测评[^。]{0,20}[0-9]+\\.[0-9]+"),
        ],
    ),
    "t105": (
        "D_subunit",
        [
            ("doc", "龙游县[0-9]+条"),
            ("all", "龙游[^。]{0,6}[0-9]+条"),
            ("doc", "龙游县[^。]{0,4}[0-9]"),
        ],
    ),
    "t107": (
        "F_cutoff",
        [
            ("doc", "渣土车[^。]{0,15}[0-9一二三四五六七八九十]+(辆|起|台)"),
            ("all", "查处渣土车[^。]{0,10}[0-9]+"),
        ],
    ),
    "t108": (
        "B_place",
        [
            ("all", "垣曲"),
        ],
    ),
    "t110": (
        "G_compare",
        [
            ("doc", "去年"),
            ("doc", "同比[^。]{0,4}(增|多)"),
            ("all", "红塔[^。]{0,30}2024"),
        ],
    ),
    "t113": (
        "I_target_result",
        [
            ("all", "口袋公园[^。]{0,10}(已|建成|完工)"),
            ("all", "已[^。]{0,10}口袋公园"),
            ("007_yuncheng-hedongjingcheng-fabuhui.txt", "口袋公园"),
        ],
    ),
    "t115": (
        "E_rank",
        [
            ("doc", "第三名"),
            ("doc", "第三位"),
            ("doc", "位居第[三四五]"),
            ("all", "2024年度[^。]{0,30}第三"),
        ],
    ),
    "t118": (
        "H_notstated",
        [
            ("doc", "電話"),
            ("doc", "电话"),
            ("doc", "熱線"),
            ("doc", "[0-9]{4}-?[0-9]{7}"),
            ("doc", "12345"),
        ],
    ),
    "t128": (
        ("C_nofigure", "E_rank"),
        [
            ("doc", "峨山县综合得分[0-9]"),
            ("doc", "第7"),
            ("all", "峨山[^。]{0,20}综合得分[^。]{0,4}[0-9]"),
        ],
    ),
    "w01": (
        "H_notstated",
        [
            ("doc", "電話"),
            ("doc", "熱線"),
            ("doc", "[0-9]{7,}"),
        ],
    ),
    "w08": (
        "A_period",
        [
            ("all", "2024年6月"),
            ("doc", "去年"),
            ("doc", "同比"),
        ],
    ),
    "w10": (
        "B_place",
        [
            ("all", "开化"),
        ],
    ),
    "w15": (
        "E_rank",
        [
            ("doc", "第四名"),
            ("doc", "排名第四"),
            ("doc", "第4名"),
        ],
    ),
    "w19": (
        "A_period",
        [
            ("all", "6月份，全市数字城管"),
            ("doc", "6月份"),
        ],
    ),
    "w26": (
        "D_subunit",
        [
            ("doc", "华宁县[0-9,]+人"),
            ("all", "华宁[^。]{0,20}志愿者"),
        ],
    ),
    "w30": (
        "D_subunit",
        [
            ("doc", "江山市[0-9]+条"),
            ("doc", "江山市[^。]{0,3}[0-9]"),
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


def check_answerable(item, docs, errors, counters, multi):
    main = item["doc"]
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
        return
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return
    hit_docs = set()
    in_main = in_other = False
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        if ev in docs[main]:
            in_main = True
            hit_docs.add(main)
            continue
        found = [n for n in docs if ev in docs[n]] if multi else []
        if not found:
            errors["evidence_not_in_doc"] += 1
        else:
            in_other = True
            hit_docs.update(found)
    if not in_main:
        errors["no_evidence_in_main_doc"] += 1
    if multi and not in_other:
        errors["multi_doc_without_evidence_from_other_doc"] += 1
    for s in item["must_contain"]:
        counters["must_contain_checked"] += 1
        if WS.search(s) or not any(s in docs[n] for n in hit_docs):
            errors["must_contain_not_in_doc"] += 1


def check_unanswerable(item, docs, errors, counters):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    entry = PROBES.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
    for scope, pattern in entry[1]:
        rx = re.compile(pattern)
        if scope == "doc":
            targets = [docs[item["doc"]]]
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


def check_item(item, fields, docs, errors, counters, used):
    if set(item) != fields:
        errors["bad_fields"] += 1
        return False
    for key in ("question", "answer"):
        if not isinstance(item[key], str) or not item[key].strip():
            errors["empty_" + key] += 1
    if not isinstance(item["doc"], str) or item["doc"] not in docs:
        errors["doc_not_a_corpus_file_name"] += 1
        return False
    used[item["doc"]] += 1
    return True


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
    for q in questions:
        if not check_item(q, Q_FIELDS, docs, errors, counters, used):
            continue
        if q["type"] == "unanswerable":
            check_unanswerable(q, docs, errors, counters)
        else:
            if q["id"] in PROBES:
                errors["probes_for_answerable_item"] += 1
            check_answerable(q, docs, errors, counters, q["type"] == "multi_doc")
    return type_counts


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    texts = [(tuple(f.get("history") or []), f.get("question")) for f in followups]
    if len(set(texts)) != len(texts):
        errors["duplicate_followup"] += 1
    for f in followups:
        if not check_item(f, F_FIELDS, docs, errors, counters, used):
            continue
        if f["type"] != "followup":
            errors["followup_bad_type"] += 1
        if not (is_str_list(f["history"]) and 1 <= len(f["history"]) <= 3):
            errors["followup_bad_history"] += 1
        if f["answer"] == "无":
            counters["followups_unanswerable"] += 1
            check_unanswerable(f, docs, errors, counters)
        else:
            if f["id"] in PROBES:
                errors["probes_for_answerable_item"] += 1
            check_answerable(f, docs, errors, counters, False)
    if counters["followups_unanswerable"] < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1


def check_kinds(questions, errors, counters):
    q_ids = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    kind_counts = Counter()
    dual = 0
    for key, entry in PROBES.items():
        kinds = kinds_of(entry)
        if set(kinds) - set(KINDS) or len(kinds) > 2:
            errors["bad_probe_kind"] += 1
        if key in q_ids:
            kind_counts.update(kinds)
            dual += len(kinds) > 1
    for kind in KINDS:
        counters["kind_" + kind] = kind_counts.get(kind, 0)
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_items_of_kind_" + kind] += 1
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    if dual > MAX_DUAL_KIND_ITEMS:
        errors["too_many_two_kind_items"] += 1
    counters["question_items_with_two_kinds"] = dual


def main():
    docs = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))
    type_counts = check_questions(questions, docs, errors, counters, used)
    check_followups(followups, docs, errors, counters, used)
    check_kinds(questions, errors, counters)

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
        print(f"items per document (main doc only): min {low}, max {high}")
    if errors:
        print("FAILED checks:")
        for k in sorted(errors):
            print(f"  {k}: {errors[k]}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
