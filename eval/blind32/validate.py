#!/usr/bin/env python3
"""Validate the blind32 sealed test set. Prints counts only; exits 1 on failure.

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
    "number": 20,
    "standard": 9,
    "problem": 8,
    "target": 7,
    "deadline": 6,
    "list": 6,
    "multi_doc": 14,
    "unanswerable": 30,
}
N_QUESTIONS = 100
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 10
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-1050 characters (whitespace excluded); no long-document minimum.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 1050, 900, 0

# Unanswerable kinds; each except K_offtopic must occur at least MIN_PER_KIND
# times among the questions (K_offtopic 1 to MAX_OFFTOPIC times). Follow-up
# probes are checked the same way; C, D, E, G and I must reach MIN_COMBINED
# counting questions and follow-ups together.
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
MAX_OFFTOPIC = 3
MIN_COMBINED = 3
COMBINED_KINDS = ("C_nofigure", "D_subunit", "E_rank", "G_compare", "I_target_result")

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t001": (
        "A_period",
        [
            ("all", "第三季度[^。]{0,20}按期结案率[为达]?[0-9]"),
            ("doc", "7月\\|"),
            ("doc", "9月\\|"),
            ("all", "第三季度工作通报"),
        ],
    ),
    "t003": (
        "F_cutoff",
        [
            ("doc", "11月前对[一-鿿]"),
            ("all", "影视城[^。]{0,15}11月"),
        ],
    ),
    "t005": (
        "K_offtopic",
        [
            ("all", "社保"),
        ],
    ),
    "t007": (
        "K_offtopic",
        [
            ("all", "门票"),
            ("all", "票价"),
        ],
    ),
    "t009": (
        "D_subunit",
        [
            ("doc", "横店镇[^。]{0,10}交办"),
            ("all", "横店镇[^。]{0,10}[0-9]+个问题"),
        ],
    ),
    "t012": (
        "F_cutoff",
        [
            ("doc", "8月对[一-鿿]"),
            ("all", "外摆[^。]{0,20}8月[^。]{0,10}(整治|评估|检查|调整)"),
        ],
    ),
    "t015": (
        "B_place",
        [
            ("all", "龙池"),
        ],
    ),
    "t027": (
        "I_target_result",
        [
            ("all", "新增便民疏导点[^。]{0,10}(已|完成了)"),
            ("018_dongyang-huanwei-kaoping-tongbao-2025-08.txt", "疏导点"),
            ("019_hengdian-yingshicheng-zhoubian-shirong-huibao.txt", "疏导点"),
            ("020_dongyang-chuangwen-2025-shangbannian-zongjie.txt", "疏导点"),
        ],
    ),
    "t031": (
        "A_period",
        [
            ("doc", "11月份[^。]{0,10}立案"),
            ("all", "第11期"),
            ("all", "11月\\|"),
        ],
    ),
    "t034": (
        "G_compare",
        [
            ("doc", "支持率[^。]{0,15}(较|提高|下降|持平)"),
        ],
    ),
    "t039": (
        "G_compare",
        [
            ("doc", "去年"),
            ("doc", "同比"),
            ("doc", "2024"),
        ],
    ),
    "t041": (
        "C_nofigure",
        [
            ("doc", "太平镇\\|602\\|580\\|96.3%\\|[0-9]"),
            ("all", "太平镇9月[^。]{0,10}[0-9]"),
            ("doc", "太平镇[^。|]{0,10}按期结案率[为达]?[0-9]"),
        ],
    ),
    "t043": (
        "C_nofigure",
        [
            ("doc", "占比"),
            ("all", "公益广告占比[为达是][0-9０-９]"),
        ],
    ),
    "t044": (
        "A_period",
        [
            ("doc", "2025年9月）"),
            ("all", "9月[^。]{0,6}(考评|月度)[^。]{0,10}[0-9]+\\.[0-9]+分"),
            ("doc", "较8月"),
        ],
    ),
    "t048": (
        "B_place",
        [
            ("all", "永康"),
        ],
    ),
    "t055": (
        "J_score",
        [
            ("doc", "医院"),
        ],
    ),
    "t056": (
        "I_target_result",
        [
            ("doc", "已建成"),
            ("all", "旅游厕所[^。]{0,10}已"),
            ("008_dujiangyan-chuangwen-ducha-tongbao-2025-3qi.txt", "旅游厕所"),
            ("009_dujiangyan-chuangwen-ducha-tongbao-2025-4qi.txt", "旅游厕所"),
            ("011_dujiangyan-chuangwen-tuijinhui-jiyao-6.txt", "旅游厕所"),
            ("013_dujiangyan-szcg-jibao-2025q2.txt", "旅游厕所"),
            ("014_xingfu-chuangwen-2025-shangbannian-zongjie.txt", "旅游厕所"),
        ],
    ),
    "t061": (
        "G_compare",
        [
            ("doc", "去年"),
            ("doc", "同比"),
            ("doc", "较2024"),
        ],
    ),
    "t062": (
        "J_score",
        [
            ("doc", "车站"),
            ("doc", "站场"),
            ("doc", "客运"),
        ],
    ),
    "t065": (
        "E_rank",
        [
            ("all", "背街小巷[^。]{0,20}排名"),
            ("doc", "排名"),
            ("doc", "第[一二三四五]名"),
        ],
    ),
    "t070": (
        "D_subunit",
        [
            ("doc", "北关农贸市场[^。]{0,10}[0-9０-９]+.[0-9０-９]+分"),
            ("all", "北关农贸市场[^。]{0,6}得分"),
        ],
    ),
    "t071": (
        "C_nofigure",
        [
            ("doc", "拆除各类违法建筑[0-9]"),
            ("doc", "2024[^。]{0,40}违法建筑[0-9]"),
        ],
    ),
    "t073": (
        "I_target_result",
        [
            ("all", "早市疏导点[^。]{0,10}(已|建成|启用)"),
            ("002_zoucheng-szcg-yuedu-tongbao-2025-10.txt", "疏导点"),
        ],
    ),
    "t079": (
        "D_subunit",
        [
            ("all", "马宅镇\\|"),
            ("all", "马宅镇[^。]{0,15}[0-9]+\\.[0-9]+分"),
        ],
    ),
    "t086": (
        "H_notstated",
        [
            ("doc", "电话"),
            ("doc", "0537"),
        ],
    ),
    "t087": (
        "E_rank",
        [
            ("doc", "南市"),
            ("doc", "排名"),
            ("doc", "第[二三四五六七八九]名"),
        ],
    ),
    "t090": (
        "B_place",
        [
            ("all", "石墙"),
        ],
    ),
    "t092": (
        "H_notstated",
        [
            ("doc", "摊位费"),
            ("doc", "元"),
            ("doc", "收费"),
        ],
    ),
    "t095": (
        "H_notstated",
        [
            ("doc", "万元"),
            ("doc", "亿元"),
            ("doc", "资金"),
            ("doc", "经费"),
            ("doc", "投资"),
        ],
    ),
    "t097": (
        "E_rank",
        [
            ("doc", "整改率最高"),
            ("doc", "街道[^。]{0,6}整改率"),
            ("doc", "排名"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w02": (
        "D_subunit",
        [
            ("all", "钢山街道[^。]{0,15}占道经营[^。]{0,5}[0-9]"),
        ],
    ),
    "w03": (
        "A_period",
        [
            ("all", "2024年第三季度"),
            ("doc", "去年"),
            ("doc", "2024"),
            ("doc", "２０２４"),
        ],
    ),
    "w06": (
        "C_nofigure",
        [
            ("doc", "拆除各类违法建筑[0-9]"),
            ("doc", "2024[^。]{0,40}违法建筑[0-9]"),
        ],
    ),
    "w09": (
        "I_target_result",
        [
            ("doc", "礼让行人率[为是][0-9]"),
            ("008_dujiangyan-chuangwen-ducha-tongbao-2025-3qi.txt", "礼让"),
            ("009_dujiangyan-chuangwen-ducha-tongbao-2025-4qi.txt", "礼让"),
            ("013_dujiangyan-szcg-jibao-2025q2.txt", "礼让"),
            ("014_xingfu-chuangwen-2025-shangbannian-zongjie.txt", "礼让"),
            ("010_dujiangyan-shirong-zhixu-tisheng-fangan-2025.txt", "礼让"),
        ],
    ),
    "w10": (
        "E_rank",
        [
            ("doc", "倒数第二"),
            ("doc", "第二低"),
            ("doc", "其次"),
        ],
    ),
    "w13": (
        "B_place",
        [
            ("all", "田黄"),
        ],
    ),
    "w17": (
        "D_subunit",
        [
            ("doc", "六石街道[^。]{0,5}[0-9]+座"),
            ("all", "六石街道[^。]{0,10}公厕[0-9]"),
        ],
    ),
    "w25": (
        "I_target_result",
        [
            ("doc", "第三季度[^。]{0,20}[0-9]+\\.[0-9]+分"),
            ("all", "第三季度[^。]{0,15}得分[0-9]"),
        ],
    ),
    "w28": (
        "G_compare",
        [
            ("doc", "综合满意率[^。]{0,15}(较|提高|下降|持平)"),
            ("doc", "满意率为86.9%[^。]{0,5}较"),
            ("doc", "满意率[^。]{0,6}(较2024|较去年|同比)"),
        ],
    ),
    "w29": (
        "C_nofigure",
        [
            ("doc", "太平镇\\|602\\|580\\|96.3%\\|[0-9]"),
            ("all", "太平镇9月[^。]{0,10}[0-9]"),
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
        return set()
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return set()
    # Documents the item draws on: the main one, plus (multi_doc only) every
    # other document holding an evidence string that the main one lacks.
    used_docs = {name}
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        if ev in docs[name]:
            continue
        found = [n for n in docs if ev in docs[n]]
        if not multi or not found:
            errors["evidence_not_in_doc"] += 1
            continue
        if len(found) > 1:
            errors["multi_doc_evidence_ambiguous"] += 1
        used_docs.update(found)
    if multi:
        if not any(ev in docs[name] for ev in item["evidence"]):
            errors["multi_doc_no_evidence_in_main_doc"] += 1
        if len(used_docs) < 2:
            errors["multi_doc_needs_second_doc_evidence"] += 1
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
    else:
        for s in item["must_contain"]:
            counters["must_contain_checked"] += 1
            if WS.search(s) or not any(s in docs[n] for n in used_docs):
                errors["must_contain_not_in_doc"] += 1
            if not any(s in ev for ev in item["evidence"]):
                errors["must_contain_not_in_evidence"] += 1
    return used_docs


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
            used[q["doc"]] += 1
            check_unanswerable(q, docs, errors, counters, PROBES)
        else:
            for n in check_answerable(q, docs, errors, counters, q["type"] == "multi_doc"):
                used[n] += 1
    unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if set(PROBES) - unans:
        errors["probes_for_non_unanswerable_ids"] += len(set(PROBES) - unans)
    kind_counts = Counter(entry[0] for entry in PROBES.values())
    for kind in KINDS:
        counters["probe_kind_" + kind] = kind_counts.get(kind, 0)
        minimum = 1 if kind == "K_offtopic" else MIN_PER_KIND
        if kind_counts.get(kind, 0) < minimum:
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
            check_unanswerable(f, docs, errors, counters, FPROBES)
        else:
            if f["id"] in FPROBES:
                errors["fprobes_for_answerable_followup"] += 1
            check_answerable(f, docs, errors, counters)
    counters["followups_unanswerable"] = n_unans
    f_unans = {f.get("id") for f in followups if f.get("must_contain") == [] and f.get("evidence") == []}
    if set(FPROBES) - f_unans:
        errors["fprobes_for_non_unanswerable_ids"] += len(set(FPROBES) - f_unans)
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

    if len(docs) != N_DOCS:
        errors["document_count_not_20"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1
    n_long = sum(n > DOC_LONG for n in lengths)
    if n_long < N_LONG:
        errors["too_few_long_documents"] += 1

    combined = Counter(entry[0] for entry in PROBES.values())
    combined.update(entry[0] for entry in FPROBES.values())
    for kind in COMBINED_KINDS:
        if combined.get(kind, 0) < MIN_COMBINED:
            errors["too_few_combined_probes_of_kind_" + kind] += 1

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
