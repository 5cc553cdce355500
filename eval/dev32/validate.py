#!/usr/bin/env python3
"""Validate the dev32 development set. Prints counts only; exits 1 on failure.

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
    "target": 8,
    "deadline": 7,
    "standard": 7,
    "problem": 6,
    "list": 5,
    "unit": 4,
    "multipart": 8,
    "multi_doc": 10,
    "unanswerable": 25,
}
N_QUESTIONS = 100
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 6
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-1100 characters (whitespace excluded); at least 4 of 20 over 800.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 1100, 800, 4
# An unanswerable item's answer says why the documents cannot answer.
MIN_UNANSWERABLE_ANSWER = 10
# Every document is used by at least this many items (questions, follow-ups,
# and multi_doc second documents).
MIN_ITEMS_PER_DOC = 3

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# questions. dev32 is a general mix, so no kind is emphasised.
KINDS = (
    "A_period",
    "B_place",
    "C_nofigure",
    "D_subunit",
    "E_rank",
    "F_cutoff",
    "H_notstated",
    "I_target_result",
    "L_similar",
)
MIN_PER_KIND = 1
MIN_D_QUESTIONS = 4
MIN_D_FOLLOWUPS = 1

# Answerable items that ask the figure of a district, county, 街道 or town.
SUBUNIT_QUESTIONS = (
    "t001",
    "t006",
    "t010",
    "t018",
    "t020",
    "t025",
    "t026",
    "t028",
    "t038",
    "t049",
    "t050",
    "t051",
    "t059",
    "t068",
    "t072",
    "t078",
    "t080",
    "t088",
    "t090",
    "t100",
)
SUBUNIT_FOLLOWUPS = (
    "w03",
    "w04",
    "w05",
    "w11",
    "w14",
    "w15",
    "w16",
    "w18",
    "w20",
    "w21",
    "w24",
    "w27",
)
MIN_SUBUNIT_QUESTIONS = 15
MIN_SUBUNIT_FOLLOWUPS = 10

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t003": (
        "D_subunit",
        [
            ("all", "临泉县[^。]{0,15}[0-9]+起"),
            ("doc", "临泉县[0-9]"),
        ],
    ),
    "t005": (
        "L_similar",
        [
            ("doc", "按期"),
            ("all", "2023年[^。]{0,30}按期处置率"),
        ],
    ),
    "t007": (
        "L_similar",
        [
            ("doc", "完成投資"),
            ("doc", "已投"),
            ("doc", "累計"),
            ("doc", "支出"),
        ],
    ),
    "t009": (
        "B_place",
        [
            ("all", "高新区"),
            ("all", "高新"),
        ],
    ),
    "t012": (
        "D_subunit",
        [
            ("doc", "达川区[^。]{0,30}整改[^。]{0,10}[0-9]"),
            ("all", "达川区[^。]{0,20}整改率"),
        ],
    ),
    "t027": (
        "H_notstated",
        [
            ("doc", "局长"),
            ("all", "鹤城区[^。]{0,20}局长"),
        ],
    ),
    "t034": (
        "D_subunit",
        [
            ("all", "宣汉县[^。]{0,15}[0-9]+处"),
            ("doc", "宣汉"),
        ],
    ),
    "t039": (
        "E_rank",
        [
            ("doc", "得分"),
            ("doc", "[０-９]分"),
        ],
    ),
    "t041": (
        "A_period",
        [
            ("all", "6月份测评"),
            ("all", "6月[^。|]{0,10}测评[^。]{0,20}得分"),
        ],
    ),
    "t043": (
        "A_period",
        [
            ("doc", "2月"),
            ("all", "2月份?[^。]{0,10}结案"),
        ],
    ),
    "t048": (
        "A_period",
        [
            ("all", "2022"),
            ("doc", "上年[^。]{0,10}拆"),
        ],
    ),
    "t055": (
        "I_target_result",
        [
            ("all", "厨余垃圾处理厂[^。|]{0,10}(建成|投运|完工)"),
            ("doc", "已建成"),
            ("all", "厨余[^。]{0,20}(投入运行|已建成|投运)"),
        ],
    ),
    "t056": (
        "H_notstated",
        [
            ("doc", "电话"),
            ("doc", "[0-9]{7,}"),
            ("doc", "0558"),
        ],
    ),
    "t061": (
        "D_subunit",
        [
            ("doc", "潁州區[^。|]{0,20}億"),
            ("all", "颍州区[^。]{0,20}亿元"),
            ("doc", "萬元"),
        ],
    ),
    "t062": (
        "I_target_result",
        [
            ("all", "2023年[^。]{0,20}公厕[^。]{0,10}目标"),
            ("doc", "2023年工作打算"),
        ],
    ),
    "t065": (
        "C_nofigure",
        [
            ("doc", "覆盖率达到[0-9]"),
            ("all", "达州[^。]{0,30}县城[^。]{0,15}[0-9]+%"),
        ],
    ),
    "t070": (
        "B_place",
        [
            ("all", "会同县"),
            ("doc", "会同"),
        ],
    ),
    "t071": (
        "A_period",
        [
            ("all", "2023年度"),
            ("doc", "2023"),
        ],
    ),
    "t073": (
        "I_target_result",
        [
            ("doc", "已整治"),
            ("doc", "已完成"),
            ("all", "全市[^。]{0,10}(完成|整治)背街小巷[^。]{0,5}[0-9]+条"),
        ],
    ),
    "t079": (
        "B_place",
        [
            ("all", "太和"),
        ],
    ),
    "t086": (
        "E_rank",
        [
            ("doc", "得分"),
            ("doc", "排名"),
            ("all", "迎丰街道[^。]{0,20}分"),
        ],
    ),
    "t087": (
        "C_nofigure",
        [
            ("doc", "全省第[0-9一二三四五六七八九十]+位"),
            ("all", "达州[^。]{0,20}全省第[0-9一二三四五六七八九十]"),
        ],
    ),
    "t092": (
        "F_cutoff",
        [
            ("doc", "在临泉县[^。]{1,}"),
            ("all", "临泉县(试点|开展|推行|设置)"),
        ],
    ),
    "t095": (
        "E_rank",
        [
            ("doc", "辰溪县[^。]{0,15}第[0-9一二三四五六七八]"),
            ("all", "辰溪县[^。]{0,20}城市管理考核"),
        ],
    ),
    "t097": (
        "C_nofigure",
        [
            ("doc", "\\|麻阳县\\|26\\|[0-9]"),
            ("doc", "发现问题[0-9]"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w02": (
        "D_subunit",
        [
            ("doc", "颍东区[^。|]{0,15}问题"),
            ("all", "颍东区[^。]{0,10}问题[0-9]"),
        ],
    ),
    "w09": (
        "L_similar",
        [
            ("doc", "按期"),
            ("all", "3月[^。]{0,20}按期处置率"),
        ],
    ),
    "w10": (
        "C_nofigure",
        [
            ("doc", "发现问题[0-9]"),
            ("doc", "共测评点位264个，发现问题[0-9]"),
        ],
    ),
    "w17": (
        "A_period",
        [
            ("all", "3月份测评"),
            ("all", "3月[^。]{0,15}鹤城区"),
        ],
    ),
    "w25": (
        "I_target_result",
        [
            ("all", "回收网点[^。|]{0,10}(已建成|累计)"),
            ("all", "已建成[^。]{0,10}回收网点"),
        ],
    ),
    "w28": (
        "F_cutoff",
        [
            ("doc", "在坨院[^。]{1,}"),
            ("all", "坨院(街道)?[^。]{0,6}(夜市专项整治|整治方案)"),
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
    answer = item["answer"]
    if not isinstance(answer, str) or answer.strip() == "无" or len(answer.strip()) < MIN_UNANSWERABLE_ANSWER:
        errors["unanswerable_answer_gives_no_reason"] += 1
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
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    if kind_counts.get("D_subunit", 0) < MIN_D_QUESTIONS:
        errors["too_few_D_subunit_questions"] += 1
    answerable = {q.get("id") for q in questions if q.get("type") != "unanswerable"}
    sub = set(SUBUNIT_QUESTIONS)
    counters["subunit_questions"] = len(sub)
    if sub - answerable:
        errors["subunit_question_not_answerable"] += len(sub - answerable)
    if len(sub) < MIN_SUBUNIT_QUESTIONS:
        errors["too_few_subunit_questions"] += 1
    return type_counts


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    texts = [(tuple(f.get("history") or []), f.get("question")) for f in followups]
    if len(set(texts)) != len(texts):
        errors["duplicate_followup"] += 1
    n_unans = 0
    answerable = set()
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
            used[f["doc"]] += 1
            n_unans += 1
            check_unanswerable(f, docs, errors, counters, FPROBES)
        else:
            answerable.add(f["id"])
            if f["id"] in FPROBES:
                errors["fprobes_for_answerable_followup"] += 1
            for n in check_answerable(f, docs, errors, counters):
                used[n] += 1
    counters["followups_unanswerable"] = n_unans
    if set(FPROBES) - {f.get("id") for f in followups if f.get("id") not in answerable}:
        errors["fprobes_for_unknown_followup"] += 1
    fkinds = Counter(e[0] for e in FPROBES.values())
    for kind in sorted(fkinds):
        counters["followup_kind_" + kind] = fkinds[kind]
        if kind not in KINDS:
            errors["unknown_followup_probe_kind"] += 1
    if fkinds.get("D_subunit", 0) < MIN_D_FOLLOWUPS:
        errors["too_few_D_subunit_followups"] += 1
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1
    sub = set(SUBUNIT_FOLLOWUPS)
    counters["subunit_followups"] = len(sub)
    if sub - answerable:
        errors["subunit_followup_not_answerable"] += len(sub - answerable)
    if len(sub) < MIN_SUBUNIT_FOLLOWUPS:
        errors["too_few_subunit_followups"] += 1


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
