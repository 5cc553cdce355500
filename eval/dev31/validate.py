#!/usr/bin/env python3
"""Validate the dev31 development set. Prints counts only; exits 1 on failure.

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
    "number": 30,
    "standard": 6,
    "problem": 6,
    "target": 8,
    "deadline": 6,
    "list": 6,
    "multi_doc": 14,
    "unanswerable": 24,
}
N_QUESTIONS = 100
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 8
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-2200 characters (whitespace excluded); at least 7 of 20 over 900.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 7
# An unanswerable item's answer says why the documents cannot answer.
MIN_UNANSWERABLE_ANSWER = 10

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# questions (K_offtopic at most MAX_OFFTOPIC times). D_subunit (a part of the
# city whose figure the documents do not give) is the emphasis of dev31.
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
MIN_PER_KIND = 1
MAX_OFFTOPIC = 3
MIN_D_QUESTIONS = 10
MIN_D_FOLLOWUPS = 5

# Answerable items that ask the figure of a district, county, 街道 or town.
SUBUNIT_QUESTIONS = (
    "t002",
    "t003",
    "t012",
    "t014",
    "t017",
    "t018",
    "t020",
    "t027",
    "t028",
    "t029",
    "t030",
    "t033",
    "t035",
    "t037",
    "t038",
    "t039",
    "t040",
    "t041",
    "t042",
    "t044",
    "t045",
    "t048",
    "t050",
    "t058",
    "t071",
    "t072",
    "t073",
    "t075",
    "t076",
    "t078",
    "t079",
    "t080",
    "t082",
    "t083",
    "t086",
    "t087",
    "t088",
    "t092",
    "t093",
    "t094",
    "t095",
    "t096",
)
SUBUNIT_FOLLOWUPS = (
    "w06",
    "w07",
    "w08",
    "w12",
    "w14",
    "w18",
    "w21",
    "w22",
    "w23",
    "w27",
    "w28",
    "w29",
    "w30",
)
MIN_SUBUNIT_QUESTIONS = 38
MIN_SUBUNIT_FOLLOWUPS = 12

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t001": (
        "I_target_result",
        [
            ("doc", "已完成"),
            ("doc", "已改造"),
            ("all", "安塞区[^。]{0,20}(已改造|完工)[^。]{0,10}条"),
        ],
    ),
    "t006": (
        "D_subunit",
        [
            ("doc", "新宾"),
            ("all", "新宾县[^。]{0,10}发现问题[0-9]"),
        ],
    ),
    "t007": (
        "C_nofigure",
        [
            ("doc", "今年[^。]{0,15}公厕[0-9]"),
            ("doc", "公厕[0-9]+座；新划设"),
        ],
    ),
    "t010": (
        "D_subunit",
        [
            ("all", "延长县[0-9]+个"),
            ("doc", "延长县[^、]{0,6}(发现|问题)[^。]{0,4}[0-9]"),
        ],
    ),
    "t011": (
        "D_subunit",
        [
            ("doc", "望花区[^。]{0,25}户"),
            ("all", "望花区[^。]{0,10}惠及"),
        ],
    ),
    "t022": (
        "J_score",
        [
            ("doc", "窗口"),
            ("doc", "政务"),
            ("doc", "服务大厅"),
        ],
    ),
    "t023": (
        "I_target_result",
        [
            ("all", "汤阴县[^。]{0,10}任务[^。]{0,4}[0-9]+条"),
            ("doc", "汤阴县[^。]{0,15}全年"),
        ],
    ),
    "t024": (
        "D_subunit",
        [
            ("doc", "安塞区"),
            ("all", "安塞区[^。]{0,20}(活动|巡演)[^。]{0,6}场"),
        ],
    ),
    "t025": (
        "D_subunit",
        [
            ("doc", "东洲区[^。|]{0,12}[0-9,]+处"),
            ("all", "东洲区[^。]{0,10}问题[0-9,]+处"),
        ],
    ),
    "t034": (
        "A_period",
        [
            ("doc", "4月[^。]{0,10}立案"),
            ("all", "4月份?[^。]{0,10}立案[0-9]"),
        ],
    ),
    "t043": (
        "K_offtopic",
        [
            ("all", "供暖"),
            ("all", "采暖"),
            ("all", "供热"),
        ],
    ),
    "t049": (
        "A_period",
        [
            ("doc", "5月"),
            ("all", "5月[^。]{0,20}新抚区[^。]{0,10}分"),
        ],
    ),
    "t057": (
        "D_subunit",
        [
            ("all", "新宾县[^。]{0,20}(门头|牌匾)"),
            ("doc", "新宾县"),
        ],
    ),
    "t059": (
        "D_subunit",
        [
            ("all", "殷都区[^。]{0,15}随手拍"),
            ("doc", "殷都区[^。]{0,10}反映问题"),
        ],
    ),
    "t060": (
        "D_subunit",
        [
            ("doc", "【滑县】[^【]{0,80}满意"),
            ("all", "滑县[^。]{0,15}满意率"),
        ],
    ),
    "t063": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "第[0-9一二三四五六七八]名"),
            ("doc", "排第"),
        ],
    ),
    "t065": (
        "D_subunit",
        [
            ("doc", "内黄县[0-9]+个"),
            ("all", "内黄[^。]{0,15}(暗访|问题点位)[^。]{0,6}[0-9]"),
        ],
    ),
    "t067": (
        "G_compare",
        [
            ("doc", "办结率[^。]{0,15}(同比|去年|提高|上升)"),
            ("doc", "去年"),
        ],
    ),
    "t074": (
        "E_rank",
        [
            ("doc", "市交通运输局[^。]{0,10}第[0-9一二三四五]"),
            ("doc", "部门[^。]{0,10}第[0-9一二三四五]名"),
        ],
    ),
    "t077": (
        "F_cutoff",
        [
            ("doc", "在新宾县[^。]{1,}"),
            ("doc", "新宾县(设置|开展|划设|试点|推行)"),
        ],
    ),
    "t085": (
        "B_place",
        [
            ("all", "宜川"),
        ],
    ),
    "t089": (
        "G_compare",
        [
            ("doc", "\\|黄陵县\\|400\\|87\\.9%\\|[+-]?[0-9]"),
            ("all", "黄陵[^。]{0,20}(较上年|提高|同比)"),
        ],
    ),
    "t091": (
        "H_notstated",
        [
            ("doc", "电话"),
            ("doc", "[0-9]{5,}"),
            ("doc", "热线"),
        ],
    ),
    "t100": (
        "D_subunit",
        [
            ("doc", "汤阴县[0-9.]+分"),
            ("doc", "汤阴县[^。]{0,6}得分"),
            ("all", "汤阴[^。]{0,10}模拟测评[^。]{0,10}[0-9]"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w04": (
        "B_place",
        [
            ("all", "黄龙"),
        ],
    ),
    "w05": (
        "J_score",
        [
            ("doc", "垃圾分类"),
            ("doc", "分类"),
        ],
    ),
    "w09": (
        "F_cutoff",
        [
            ("doc", "在延川县[^。]{1,}"),
            ("doc", "延川县(开展|设置|划设|试点)"),
        ],
    ),
    "w10": (
        "D_subunit",
        [
            ("doc", "吴起县[^。]{0,20}知晓率"),
            ("all", "吴起[^。]{0,10}知晓率"),
        ],
    ),
    "w13": (
        "D_subunit",
        [
            ("all", "延川县[^。]{0,10}背街小巷"),
            ("doc", "延川"),
        ],
    ),
    "w15": (
        "D_subunit",
        [
            ("doc", "新抚区[^。]{0,15}清理"),
            ("all", "新抚区[^。]{0,10}清理[^。]{0,10}辆"),
        ],
    ),
    "w19": (
        "C_nofigure",
        [
            ("doc", "位列第[0-9一二三四五六七八九十]"),
            ("all", "全省[^。]{0,10}第[0-9一二三四五六七八九十]+名"),
        ],
    ),
    "w24": (
        "D_subunit",
        [
            ("doc", "東洲區[^。]{0,20}噸"),
            ("doc", "東洲區[^。|]{0,10}廚餘"),
        ],
    ),
    "w26": (
        "D_subunit",
        [
            ("doc", "汤阴县[^。]{0,10}[0-9]+处"),
            ("doc", "汤阴县[0-9]+处"),
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
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
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
        used[f["doc"]] += 1
        if f["must_contain"] == [] and f["evidence"] == []:
            n_unans += 1
            check_unanswerable(f, docs, errors, counters, FPROBES)
        else:
            answerable.add(f["id"])
            if f["id"] in FPROBES:
                errors["fprobes_for_answerable_followup"] += 1
            check_answerable(f, docs, errors, counters)
    counters["followups_unanswerable"] = n_unans
    fkinds = Counter(e[0] for e in FPROBES.values())
    counters["followup_D_subunit"] = fkinds.get("D_subunit", 0)
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
