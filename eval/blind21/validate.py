#!/usr/bin/env python3
"""Validate the blind21 held-out test set. Prints counts only; exits 1 on failure.

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

# Unanswerable kinds. Each must occur at least MIN_PER_KIND times among the
# unanswerable questions of questions.jsonl; K_offtopic at most MAX_OFFTOPIC
# times over questions and follow-ups together. An entry may carry a tuple
# of two kinds (at most MAX_DUAL_KIND_ITEMS entries); each kind is counted.
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

# For each unanswerable item (tNNN in questions.jsonl, wNN in followups.jsonl):
# (kind or tuple of kinds, [(scope, regex), ...]). scope "doc" = the item's
# tempting document, "all" = every corpus document, or a corpus file name.
# Each regex must match nowhere in its scope (matching is done on the
# whitespace-free text).
PROBES = {
    "t001": (
        "C_nofigure",
        [
            ("doc", "蓬溪县问题整改率\\(%\\)[0-9]"),
            ("all", "蓬溪[^。]{0,10}整改率[^。]{0,4}[0-9]"),
        ],
    ),
    "t003": (
        "F_cutoff",
        [
            ("doc", "问题清单，于."),
            ("all", "验收[^。]{0,60}(整改时限|限期整改)"),
            ("all", "窨井盖[^。]{0,60}日前"),
        ],
    ),
    "t004": (
        "F_cutoff",
        [
            ("all", "连续两周[^。]{0,30}(约谈|问责|通报批评|扣分)"),
            ("doc", "末位的，."),
        ],
    ),
    "t012": (
        "A_period",
        [
            ("doc", "五月"),
            ("all", "5月份?[^。]{0,6}(测评|单月)[^。]{0,10}[0-9.]+分"),
            ("all", "五月份?[^。]{0,10}得分"),
        ],
    ),
    "t014": (
        "I_target_result",
        [
            ("all", "全市[^。]{0,10}已完成背街小巷"),
            ("all", "全市[^。]{0,6}(已|累计)[^。]{0,6}完成[^。]{0,10}背街小巷[^。]{0,6}[0-9]+条"),
            ("021_tonghua-cgj-xinwen-bairi-gongjian.txt", "背街小巷[^。]{0,10}[0-9]+条"),
            ("024_tonghua-chengguan-2025-shangbannian-baogao.txt", "背街小巷"),
        ],
    ),
    "t015": (
        "C_nofigure",
        [
            ("doc", "0559-[0-9]{6,}"),
            ("doc", "监督电话：[0-9-]{8,}"),
        ],
    ),
    "t020": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024"),
            ("all", "2024年4月"),
            ("all", "去年4月"),
        ],
    ),
    "t031": (
        "J_score",
        [
            ("doc", "图书馆"),
            ("doc", "文化馆"),
            ("doc", "场馆"),
            ("doc", "博物馆"),
        ],
    ),
    "t032": (
        "K_offtopic",
        [
            ("all", "招聘"),
            ("all", "协管员"),
            ("all", "报名"),
        ],
    ),
    "t035": (
        "B_place",
        [
            ("all", "介福"),
        ],
    ),
    "t037": (
        "A_period",
        [
            ("all", "6月份，市数字城管平台"),
            ("all", "6月份?[^。]{0,10}立案[0-9,]+件"),
            ("all", "2025年第6期"),
        ],
    ),
    "t041": (
        "J_score",
        [
            ("doc", "垃圾分类"),
            ("doc", "分类"),
        ],
    ),
    "t042": (
        "D_subunit",
        [
            ("doc", "屯溪区[0-9]+个点位"),
            ("doc", "屯溪区[^。]{0,6}点位[0-9]+个"),
            ("all", "屯溪[^。]{0,10}[0-9]+个点位"),
        ],
    ),
    "t047": (
        "H_notstated",
        [
            ("doc", "带队"),
            ("doc", "组长"),
            ("doc", "主任"),
            ("doc", "书记"),
            ("doc", "局长"),
        ],
    ),
    "t049": (
        "A_period",
        [
            ("all", "二季度[^。]{0,6}(常态化测评|测评结果)"),
            ("all", "2025年第二季度"),
            ("all", "二季度[^。]{0,10}船山区[^。]{0,10}[0-9]"),
        ],
    ),
    "t055": (
        "B_place",
        [
            ("all", "柳河"),
        ],
    ),
    "t057": (
        "K_offtopic",
        [
            ("all", "收费"),
            ("all", "停车费"),
            ("all", "元/小时"),
            ("all", "每小时"),
        ],
    ),
    "t061": (
        "H_notstated",
        [
            ("doc", "电话"),
            ("doc", "[0-9]{4}-[0-9]{6,}"),
            ("doc", "联系人"),
        ],
    ),
    "t074": (
        "G_compare",
        [
            ("doc", "4月"),
            ("doc", "环比"),
            ("doc", "上月"),
            ("all", "遂宁[^。]{0,30}4月[^。]{0,20}立案"),
        ],
    ),
    "t075": (
        "C_nofigure",
        [
            ("doc", "总投资约[0-9]"),
            ("doc", "[0-9]万元"),
            ("all", "背街小巷[^。]{0,40}投资[^。]{0,6}[0-9.]+万元"),
        ],
    ),
    "t076": (
        "I_target_result",
        [
            ("026_tonghua-chuangwen-tuijin-dahui-jianghua.txt", "注册志愿者[^。]{0,20}(已|目前|现)[^。]{0,10}%"),
            ("029_tonghua-chuangwen-2025-gongzuo-yaodian.txt", "注册志愿者[^。]{0,20}(已|目前|现)"),
            ("030_tonghua-chuangwen-ducha-tongbao-2025-5qi.txt", "志愿者"),
            ("all", "通化[^。]{0,20}注册率[^。]{0,6}[0-9.]+%"),
        ],
    ),
    "t077": (
        "B_place",
        [
            ("all", "光明"),
        ],
    ),
    "t078": (
        "D_subunit",
        [
            ("doc", "东昌区[^。]{0,20}结案率"),
            ("all", "东昌区[^。]{0,15}结案[0-9,]+件"),
            ("all", "东昌区[^。]{0,10}结案率[0-9]"),
        ],
    ),
    "t085": (
        "E_rank",
        [
            ("doc", "通化县[^。]{0,10}(位列|排名第|第[一二三四五六七])"),
            ("doc", "通化县得分[0-9]"),
            ("all", "通化县[^。]{0,6}[0-9.]+分"),
        ],
    ),
    "t099": (
        "I_target_result",
        [
            ("all", "分类覆盖率[^。]{0,4}(已|目前|现已|提升到|提高到)"),
            ("all", "上半年[^。]{0,20}分类覆盖率"),
            ("007_huangshan-chuangwen-fabuhui-2025-07.txt", "垃圾分类"),
            ("005_huangshan-szcg-yuebao-2025-05.txt", "垃圾分类"),
        ],
    ),
    "t101": (
        "H_notstated",
        [
            ("doc", "(路|街|巷)夜市"),
            ("doc", "夜市摊区[^。]{0,10}(位于|设在)"),
            ("doc", "(路|街)[^。]{0,4}摊区"),
        ],
    ),
    "t102": (
        "D_subunit",
        [
            ("all", "歙县[^、，。]{0,15}背街小巷[^。]{0,10}[0-9]+条"),
            ("all", "歙县[0-9]+条"),
            ("all", "歙县[^、，。]{0,6}计划[^。]{0,10}[0-9]+条"),
        ],
    ),
    "t109": (
        "A_period",
        [
            ("doc", "7月[0-9],[0-9]{3}"),
            ("doc", "7月份"),
            ("all", "7月份?[^。]{0,10}(受理|诉求)[^。]{0,6}[0-9,]+件"),
        ],
    ),
    "t110": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024"),
            ("all", "12345[^。]{0,40}同比"),
        ],
    ),
    "t113": (
        "E_rank",
        [
            ("doc", "排名第"),
            ("doc", "位列"),
            ("doc", "全省第"),
            ("all", "黄山[^。]{0,30}全省第[一二三四五六七八九十0-9]"),
        ],
    ),
    "t121": (
        "J_score",
        [
            ("doc", "商场"),
            ("doc", "超市"),
            ("all", "商场超市[^。]{0,30}分"),
        ],
    ),
    "t123": (
        "B_place",
        [
            ("all", "龙泉"),
        ],
    ),
    "t124": (
        "B_place",
        [
            ("all", "大英"),
        ],
    ),
    "t125": (
        "E_rank",
        [
            ("doc", "遂宁经开区文明实践活动\\(场\\)96[0-9]"),
            ("all", "经开区[^。]{0,10}文明实践[^。]{0,10}(第[一二三四五六七1-7]|排名)"),
        ],
    ),
    "t126": (
        "I_target_result",
        [
            ("all", "2024年[^。]{0,20}回收利用率[^。]{0,6}目标"),
            ("all", "回收利用率[^。]{0,10}(2024年目标|去年目标)"),
            ("013_suining-chengguan-gongzuohui-jianghua-2025.txt", "回收利用率[^。]{0,6}(目标|要求)[^。]{0,4}3[0-9]%"),
        ],
    ),
    "t127": (
        "C_nofigure",
        [
            ("doc", "东昌区[0-9,]+块"),
            ("all", "东昌[^。]{0,20}广告牌[0-9,]+块"),
        ],
    ),
    "w06": (
        "A_period",
        [
            ("all", "去年6月"),
            ("all", "2024年6月"),
            ("doc", "去年六月"),
            ("doc", "去年同期[^。]{0,3}为"),
        ],
    ),
    "w10": (
        "B_place",
        [
            ("all", "龙坪"),
        ],
    ),
    "w15": (
        "A_period",
        [
            ("doc", "4月"),
            ("all", "遂宁[^。]{0,40}4月[^。]{0,10}立案"),
            ("all", "（2025年4月）"),
        ],
    ),
    "w16": (
        "B_place",
        [
            ("all", "金厂"),
        ],
    ),
    "w17": (
        "D_subunit",
        [
            ("all", "东昌区[^。]{0,20}机械化清扫率"),
            ("all", "东昌[^。]{0,10}清扫率[^。]{0,4}[0-9]"),
        ],
    ),
    "w21": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("all", "2024年3月"),
            ("all", "去年3月"),
        ],
    ),
    "w30": (
        "E_rank",
        [
            ("doc", "梅河口市[^。]{0,6}(位列|排名第|第[一二三四五六七])"),
            ("doc", "梅河口市得分[0-9]"),
            ("all", "梅河口[^。]{0,6}[0-9.]+分"),
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
    name = item["doc"]
    if name not in docs:
        errors["unknown_doc"] += 1
        return
    if item["answer"] == "无":
        errors["answerable_item_with_answer_无"] += 1
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return
    hit_docs = set()
    in_main = 0
    outside = 0
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        if ev in docs[name]:
            in_main += 1
            hit_docs.add(name)
        elif multi:
            found = [n for n, t in docs.items() if ev in t]
            if found:
                outside += 1
                hit_docs.update(found)
            else:
                errors["evidence_not_in_any_doc"] += 1
        else:
            errors["evidence_not_in_doc"] += 1
    if multi:
        if not in_main:
            errors["multi_doc_without_evidence_in_main_doc"] += 1
        if not outside:
            errors["multi_doc_without_evidence_from_a_second_doc"] += 1
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
        return
    texts = [docs[n] for n in (hit_docs | {name})]
    for s in item["must_contain"]:
        counters["must_contain_checked"] += 1
        if WS.search(s) or not any(s in t for t in texts):
            errors["must_contain_not_in_doc"] += 1


def check_unanswerable(item, docs, errors, counters):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return
    entry = PROBES.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
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
            check_answerable(f, docs, errors, counters, False)
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1
    return n_unans


def check_probe_kinds(questions, followups, errors, counters):
    q_unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    f_unans = {f.get("id") for f in followups if f.get("must_contain") == [] and f.get("evidence") == []}
    extra = set(PROBES) - q_unans - f_unans
    if extra:
        errors["probes_for_unknown_ids"] += len(extra)
    all_kinds = Counter(k for entry in PROBES.values() for k in kinds_of(entry))
    if set(all_kinds) - set(KINDS):
        errors["unknown_probe_kind"] += 1
    q_kinds = Counter(k for key, entry in PROBES.items() if key in q_unans for k in kinds_of(entry))
    for kind in KINDS:
        counters["kind_" + kind] = q_kinds.get(kind, 0)
        if q_kinds.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_questions_of_kind_" + kind] += 1
    if all_kinds.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    dual = sum(len(kinds_of(e)) > 1 for e in PROBES.values())
    if dual > MAX_DUAL_KIND_ITEMS or any(len(kinds_of(e)) > 2 for e in PROBES.values()):
        errors["too_many_multi_kind_probes"] += 1


def main():
    docs = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))
    type_counts = check_questions(questions, docs, errors, counters, used)
    n_unans = check_followups(followups, docs, errors, counters, used)
    check_probe_kinds(questions, followups, errors, counters)

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
    print("followups:", len(followups), f"(unanswerable: {n_unans})")
    for k in sorted(counters):
        print(f"{k}: {counters[k]}")
    if docs:
        low = min(used[n] for n in docs)
        high = max(used[n] for n in docs)
        print(f"items per document (doc field): min {low}, max {high}")
    if errors:
        print("FAILED checks:")
        for k in sorted(errors):
            print(f"  {k}: {errors[k]}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
