#!/usr/bin/env python3
"""Validate the blind28 sealed test set. Prints counts only; exits 1 on failure.

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
MIN_UNANSWERABLE_FOLLOWUPS = 7
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-1050 characters (whitespace excluded); no minimum number of long documents.
DOC_MIN, DOC_MAX = 350, 1050

# Unanswerable kinds. Among the questions every kind except K_offtopic must
# occur at least MIN_PER_KIND times, K_offtopic MIN_OFFTOPIC..MAX_OFFTOPIC times.
# The kinds in MIN_COMBINED must reach their minimum counting questions and
# follow-ups together.
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
MIN_OFFTOPIC, MAX_OFFTOPIC = 1, 3
MIN_COMBINED = {"D_subunit": 4, "E_rank": 4, "G_compare": 4, "I_target_result": 4}

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t002": (
        "E_rank",
        [
            ("doc", "全省第"),
            ("doc", "排名第"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("all", "咸阳[^。]{0,20}全省第"),
        ],
    ),
    "t004": (
        "A_period",
        [
            ("doc", "7月份?[^。]{0,10}(得分|排名|第一)"),
            ("all", "7月[^。]{0,15}测评[^。]{0,15}[0-9]+\\.[0-9]+分"),
            ("010_xianyang-chuangcheng-tuijinhui-jianghua.txt", "7月[^。]{0,20}第一"),
        ],
    ),
    "t007": (
        "F_cutoff",
        [
            ("doc", "排名末位的区，."),
            ("all", "年度测评[^。]{0,10}末位[^。]{0,20}(约谈|问责|通报|检讨)"),
        ],
    ),
    "t012": (
        "B_place",
        [
            ("all", "昌黎"),
        ],
    ),
    "t022": (
        "A_period",
        [
            ("doc", "6月份?[^。]{0,20}结案"),
            ("doc", "6月[^。]{0,6}[0-9.]+%"),
            ("002_pingdingshan-szcg-zhoubao-2025-31.txt", "结案率"),
            ("005_pingdingshan-cgj-2024-zongjie-2025-jihua.txt", "6月[^。]{0,20}结案率"),
        ],
    ),
    "t028": (
        "I_target_result",
        [
            ("doc", "劝导岗[^。]{0,20}(已到岗|已全部|已完成|已设立)"),
            ("all", "劝导岗[^。]{0,5}已"),
        ],
    ),
    "t030": (
        "G_compare",
        [
            ("doc", "上周[^。|]{0,10}[0-9,]+件"),
            ("doc", "比上周"),
            ("doc", "环比"),
            ("doc", "较上周"),
        ],
    ),
    "t031": (
        "H_notstated",
        [
            ("doc", "联系人"),
            ("doc", "电话"),
            ("doc", "[0-9]{4}-[0-9]{7}"),
        ],
    ),
    "t034": (
        "F_cutoff",
        [
            ("doc", "食品摊点开展."),
            ("all", "食品摊点[^。]{0,10}(检查|抽检|整治)"),
        ],
    ),
    "t045": (
        "J_score",
        [
            ("doc", "工地"),
        ],
    ),
    "t051": (
        "K_offtopic",
        [
            ("all", "公积金"),
        ],
    ),
    "t052": (
        "I_target_result",
        [
            ("all", "智能分拨[^。]{0,10}(已|建成|上线|投用)"),
            ("012_qindu-cg-minsheng-fangtan.txt", "智能分拨"),
        ],
    ),
    "t053": (
        "B_place",
        [
            ("all", "汝州"),
        ],
    ),
    "t067": (
        "C_nofigure",
        [
            ("doc", "新建改建公厕[0-9]"),
            ("doc", "2024[^。]{0,60}公厕[0-9]+座"),
            ("006_pingdingshan-chuangwen-renwu-fenjiebiao-2025.txt", "已(完成|建成)"),
        ],
    ),
    "t070": (
        "D_subunit",
        [
            ("all", "白塔岭"),
        ],
    ),
    "t071": (
        "I_target_result",
        [
            ("doc", "公厕[^。]{0,10}(已完工|已建成|已投用)"),
            ("006_pingdingshan-chuangwen-renwu-fenjiebiao-2025.txt", "已完成"),
            ("all", "平顶山[^。]{0,30}公厕[^。]{0,10}已"),
            ("001_pingdingshan-szcg-tongbao-2025-07.txt", "公厕"),
            ("002_pingdingshan-szcg-zhoubao-2025-31.txt", "公厕"),
            ("003_pingdingshan-chuangwen-ceping-tongbao-2025q2.txt", "公厕"),
            ("004_zhanhe-chuangwen-2025-shangbannian-huibao.txt", "公厕"),
            ("007_pingdingshan-cg-xinwen-zhanhe-yeshi.txt", "公厕"),
        ],
    ),
    "t073": (
        "H_notstated",
        [
            ("doc", "[0-9]{3,4}-[0-9]{7,8}"),
            ("doc", "电话"),
            ("doc", "号码"),
        ],
    ),
    "t076": (
        "C_nofigure",
        [
            ("doc", "北戴河区\\|7,315\\|96.5%\\|[0-9]"),
            ("all", "北戴河区[^。]{0,10}按期结案率[^。]{0,3}[0-9]"),
        ],
    ),
    "t080": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("doc", "位次"),
            ("doc", "全省第"),
        ],
    ),
    "t085": (
        "J_score",
        [
            ("doc", "医院"),
        ],
    ),
    "t088": (
        "G_compare",
        [
            ("all", "秦都區[^。]{0,20}禮讓率"),
            ("all", "秦都区[^。]{0,20}礼让率"),
            ("doc", "禮讓率[^。]{0,20}秦都"),
        ],
    ),
    "t091": (
        "D_subunit",
        [
            ("all", "彬州"),
        ],
    ),
    "t094": (
        "E_rank",
        [
            ("doc", "排名第"),
            ("doc", "第一名"),
            ("doc", "居首"),
            ("doc", "红榜第"),
        ],
    ),
    "t095": (
        "D_subunit",
        [
            ("doc", "宝丰"),
            ("all", "宝丰县[^。]{0,20}(立案|结案)"),
        ],
    ),
    "t096": (
        "G_compare",
        [
            ("doc", "志愿者[^。]{0,30}(提高|增加|上升)"),
            ("doc", "去年"),
            ("doc", "同比"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w02": (
        "H_notstated",
        [
            ("doc", "服务点[^。]{0,10}[0-9]+月"),
            ("doc", "20个，[0-9]"),
            ("doc", "服务点”?20个[^。]{0,5}(前|底)"),
        ],
    ),
    "w04": (
        "D_subunit",
        [
            ("doc", "北戴河新区\\|"),
            ("all", "北戴河新区[^。]{0,15}[0-9]+件"),
        ],
    ),
    "w10": (
        "E_rank",
        [
            ("all", "位列各区第一"),
            ("all", "创城测评[^。]{0,30}第一"),
            ("016_qinhuangdao-chuangcheng-hongheibang-07.txt", "第一"),
            ("doc", "第一"),
        ],
    ),
    "w11": (
        "G_compare",
        [
            ("doc", "去年"),
            ("doc", "同比"),
            ("doc", "上年"),
        ],
    ),
    "w21": (
        "C_nofigure",
        [
            ("doc", "叶县\\|[0-9]"),
            ("all", "叶县[^。]{0,10}[0-9]+\\.[0-9]+分"),
        ],
    ),
    "w22": (
        "A_period",
        [
            ("doc", "3月"),
            ("all", "3月份?[^。]{0,15}立案"),
            ("all", "一季度[^。]{0,20}立案"),
        ],
    ),
    "w25": (
        "I_target_result",
        [
            ("all", "农贸市场[^。]{0,20}(已完成|完成改造|已改造)"),
            ("doc", "已完成"),
            ("004_zhanhe-chuangwen-2025-shangbannian-huibao.txt", "改造提升"),
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
            if q["id"] in PROBES:
                errors["probes_for_answerable_question"] += 1
            for n in check_answerable(q, docs, errors, counters, q["type"] == "multi_doc"):
                used[n] += 1
    unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if set(PROBES) - unans:
        errors["probes_for_non_unanswerable_ids"] += len(set(PROBES) - unans)
    kind_counts = Counter(entry[0] for entry in PROBES.values())
    for kind in KINDS:
        counters["probe_kind_" + kind] = kind_counts.get(kind, 0)
        if kind != "K_offtopic" and kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    if not MIN_OFFTOPIC <= kind_counts.get("K_offtopic", 0) <= MAX_OFFTOPIC:
        errors["K_offtopic_count_out_of_range"] += 1
    return type_counts


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    texts = [(tuple(f.get("history") or []), f.get("question")) for f in followups]
    if len(set(texts)) != len(texts):
        errors["duplicate_followup"] += 1
    n_unans = 0
    unans_ids = set()
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
            unans_ids.add(f["id"])
            check_unanswerable(f, docs, errors, counters, FPROBES)
        else:
            if f["id"] in FPROBES:
                errors["fprobes_for_answerable_followup"] += 1
            check_answerable(f, docs, errors, counters)
    if set(FPROBES) - unans_ids:
        errors["fprobes_for_non_unanswerable_ids"] += len(set(FPROBES) - unans_ids)
    counters["followups_unanswerable"] = n_unans
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1


def check_combined_kinds(errors, counters):
    combined = Counter(entry[0] for entry in PROBES.values())
    combined.update(entry[0] for entry in FPROBES.values())
    for kind, minimum in MIN_COMBINED.items():
        counters["combined_kind_" + kind] = combined.get(kind, 0)
        if combined.get(kind, 0) < minimum:
            errors["too_few_combined_of_kind_" + kind] += 1
    for entry in FPROBES.values():
        if entry[0] not in KINDS:
            errors["unknown_probe_kind"] += 1


def main():
    docs = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))
    type_counts = check_questions(questions, docs, errors, counters, used)
    check_followups(followups, docs, errors, counters, used)
    check_combined_kinds(errors, counters)

    if len(docs) != N_DOCS:
        errors["document_count_not_20"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1

    unused = [n for n in docs if used[n] == 0]
    if unused:
        errors["documents_without_items"] += len(unused)

    print("documents:", len(docs))
    print(f"document length: min {min(lengths)}, max {max(lengths)}")
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
