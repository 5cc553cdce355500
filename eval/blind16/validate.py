#!/usr/bin/env python3
"""Validate the blind16 sealed evaluation set. Prints counts only; exits 1 on failure.

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
    "number": 36,
    "standard": 12,
    "problem": 12,
    "target": 12,
    "deadline": 8,
    "list": 7,
    "multi_doc": 7,
    "unanswerable": 36,
}
N_QUESTIONS = 130
N_FOLLOWUPS = 30
MIN_FOLLOWUPS_UNANSWERABLE = 6
N_DOCS = 30
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-2200 characters (whitespace excluded); at least a third (10 of 30) over 900.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 10

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
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

# Probe scopes: "doc" = the item's tempting document, "all" = every corpus
# document, a city group below, or a corpus file name. Each regex must match
# nowhere in its scope (matching is done on the whitespace-free text).
GROUPS = {
    "ganzhou": ("001", "010"),
    "zhanjiang": ("011", "020"),
    "shangqiu": ("021", "030"),
}

# question id -> (kind or tuple of kinds, [(scope, regex), ...])
PROBES = {
    "t002": (
        "I_target_result",
        [
            ("ganzhou", "处置厂[^。]{0,10}(已建成|建成投运|投入使用|投产)"),
            ("ganzhou", "已处置[^。]{0,10}万吨"),
        ],
    ),
    "t005": (
        "D_subunit",
        [
            ("all", "霞山区[^。]{0,30}农贸市场"),
            ("015_xiashan-cgj-2025-05-xiaojie.txt", "农贸市场"),
        ],
    ),
    "t006": (
        "I_target_result",
        [
            ("all", "口袋公园[^。|]{0,10}(已|建成)"),
            ("shangqiu", "已建成[^。]{0,10}口袋公园"),
        ],
    ),
    "t010": (
        "I_target_result",
        [
            ("all", "已建成[^。]{0,10}示范街"),
            ("all", "示范街[^。]{0,10}已(建成|完成)"),
            ("doc", "7月5日[^。]{0,20}(建成|完成)"),
        ],
    ),
    "t011": (
        "A_period",
        [
            ("all", "第7期"),
            ("all", "第７期"),
            ("all", "6月[0-9]+日至"),
        ],
    ),
    "t012": (
        "G_compare",
        [
            ("ganzhou", "签订率"),
            ("ganzhou", "签订"),
        ],
    ),
    "t014": (
        "K_offtopic",
        [
            ("all", "台风"),
            ("all", "沙袋"),
            ("all", "防汛"),
        ],
    ),
    "t015": (
        "B_place",
        [
            ("all", "大余"),
        ],
    ),
    "t016": (
        "J_score",
        [
            ("doc", "火车站"),
            ("doc", "汽车站"),
            ("doc", "客运站"),
            ("doc", "车站"),
        ],
    ),
    "t017": (
        "D_subunit",
        [
            ("all", "赣县区[^。]{0,10}[0-9]+座"),
            ("ganzhou", "赣县[^。]{0,20}公厕"),
        ],
    ),
    "t022": (
        "B_place",
        [
            ("all", "徐闻"),
        ],
    ),
    "t023": (
        "E_rank",
        [
            ("shangqiu", "第四季度[^。]{0,30}第[一二三]"),
            ("doc", "第四季度"),
            ("doc", "去年"),
        ],
    ),
    "t026": (
        "H_notstated",
        [
            ("doc", "组长"),
            ("doc", "带队"),
            ("doc", "领队"),
        ],
    ),
    "t033": (
        "D_subunit",
        [
            ("doc", "视频"),
            ("doc", "智能识别"),
        ],
    ),
    "t038": (
        "F_cutoff",
        [
            ("doc", "验收不合格的."),
            ("all", "验收不合格[^。]{0,20}(整改|返工|扣|不予)"),
        ],
    ),
    "t041": (
        "B_place",
        [
            ("all", "宁陵"),
        ],
    ),
    "t046": (
        "E_rank",
        [
            ("zhanjiang", "4月[^。]{0,30}(排名|第[一二三四五])"),
            ("zhanjiang", "赤坎区[^。]{0,20}连续"),
        ],
    ),
    "t048": (
        "K_offtopic",
        [
            ("all", "供暖"),
            ("all", "暖气"),
            ("all", "供热"),
        ],
    ),
    "t050": (
        "H_notstated",
        [
            ("doc", "主持"),
        ],
    ),
    "t051": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024"),
            ("doc", "上年"),
        ],
    ),
    "t052": (
        "J_score",
        [
            ("doc", "垃圾分类"),
            ("doc", "分类"),
        ],
    ),
    "t053": (
        "G_compare",
        [
            ("all", "2024年第一季度"),
            ("all", "去年一季度"),
            ("doc", "同比"),
        ],
    ),
    "t061": (
        "F_cutoff",
        [
            ("doc", "市城管局将按照."),
            ("all", "连续两个月结案率低于94%[^。]{0,40}(约谈|通报|扣)"),
        ],
    ),
    "t062": (
        "J_score",
        [
            ("doc", "公厕"),
            ("doc", "厕所"),
        ],
    ),
    "t066": (
        "C_nofigure",
        [
            ("doc", "罚没款[0-9]"),
            ("ganzhou", "罚没[^。]{0,8}[0-9.]+万元"),
        ],
    ),
    "t068": (
        "C_nofigure",
        [
            ("doc", "民权县\\|[0-9]"),
            ("all", "民权[^。]{0,10}[0-9]+\\.[0-9]+分"),
        ],
    ),
    "t075": (
        "C_nofigure",
        [
            ("doc", "其他市容环境类问题[0-9]"),
            ("doc", "市容环境类[^。]{0,5}[0-9]"),
        ],
    ),
    "t086": (
        "A_period",
        [
            ("doc", "５月"),
            ("doc", "(?<![0-9１２])5月"),
            ("all", "湛江[^。]{0,30}5月[^。]{0,30}结案率"),
        ],
    ),
    "t088": (
        "A_period",
        [
            ("ganzhou", "第二季度[^。]{0,40}[0-9]+\\.[0-9]+分"),
            ("ganzhou", "二季度[^。]{0,10}(得分|排名)"),
        ],
    ),
    "t094": (
        "F_cutoff",
        [
            ("doc", "其次是."),
            ("all", "市容环境类投诉[^。]{0,60}其次是."),
        ],
    ),
    "t099": (
        "C_nofigure",
        [
            ("doc", "公益广告[0-9]"),
            ("zhanjiang", "公益广告[^。]{0,6}[0-9]+处"),
        ],
    ),
    "t102": (
        "D_subunit",
        [
            ("ganzhou", "南康区[^。]{0,20}问题[0-9,]+个"),
            ("ganzhou", "南康区[^。]{0,10}反馈"),
        ],
    ),
    "t107": (
        "I_target_result",
        [
            ("doc", "完工"),
            ("doc", "已完成[^。]{0,6}背街"),
            ("doc", "背街小巷[^。]{0,20}(完成|竣工)"),
        ],
    ),
    "t112": (
        "H_notstated",
        [
            ("doc", "公司"),
            ("doc", "运营"),
            ("doc", "开发"),
        ],
    ),
    "t115": (
        "A_period",
        [
            ("ganzhou", "4月[^。]{0,30}结案率"),
            ("doc", "4月"),
            ("ganzhou", "四月"),
        ],
    ),
    "t124": (
        "E_rank",
        [
            ("doc", "第二(名|高|位)"),
            ("doc", "排名第[二三四]"),
            ("doc", "次高"),
        ],
    ),
}

# unanswerable follow-up id -> (kind, [(scope, regex), ...])
FOLLOWUP_PROBES = {
    "w01": (
        "D_subunit",
        [
            ("all", "坡头区[^。]{0,20}城中村"),
            ("all", "城中村[^。]{0,20}坡头"),
        ],
    ),
    "w02": (
        "B_place",
        [
            ("all", "上犹"),
        ],
    ),
    "w11": (
        "E_rank",
        [
            ("all", "全省"),
            ("all", "江西"),
        ],
    ),
    "w16": (
        "A_period",
        [
            ("ganzhou", "7月[^。]{0,30}结案率"),
            ("ganzhou", "7月份"),
        ],
    ),
    "w25": (
        "G_compare",
        [
            ("zhanjiang", "2024年5月"),
            ("doc", "去年"),
            ("015_xiashan-cgj-2025-05-xiaojie.txt", "去年"),
        ],
    ),
    "w27": (
        "H_notstated",
        [
            ("doc", "带队"),
            ("doc", "组长"),
        ],
    ),
    "w28": (
        "C_nofigure",
        [
            ("doc", "民权县\\|[0-9]"),
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


def scope_targets(scope, name, docs):
    if scope == "doc":
        return [docs[name]]
    if scope == "all":
        return list(docs.values())
    if scope in GROUPS:
        lo, hi = GROUPS[scope]
        return [t for n, t in docs.items() if lo <= n[:3] <= hi]
    if scope in docs:
        return [docs[scope]]
    return None


def check_answerable(item, docs, errors, counters):
    names = item["doc"] if isinstance(item["doc"], list) else [item["doc"]]
    for name in names:
        if name not in docs:
            errors["unknown_doc"] += 1
            return
    texts = [docs[n] for n in names]
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
    else:
        for s in item["must_contain"]:
            counters["must_contain_checked"] += 1
            if WS.search(s) or not any(s in t for t in texts):
                errors["must_contain_not_in_doc"] += 1
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return
    hit_docs = set()
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        found = [n for n in names if ev in docs[n]]
        if not found:
            errors["evidence_not_in_doc"] += 1
        hit_docs.update(found)
    if isinstance(item["doc"], list) and set(names) - hit_docs:
        errors["multi_doc_missing_evidence_for_a_doc"] += 1


def check_unanswerable(item, entry, docs, errors, counters):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
    for scope, pattern in entry[1]:
        targets = scope_targets(scope, name, docs)
        if targets is None:
            errors["probe_bad_scope"] += 1
            continue
        rx = re.compile(pattern)
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
        if q["type"] == "multi_doc":
            if not (isinstance(q["doc"], list) and len(set(q["doc"])) >= 2):
                errors["multi_doc_needs_doc_list"] += 1
                continue
        elif not isinstance(q["doc"], str):
            errors["single_doc_must_be_string"] += 1
            continue
        for n in q["doc"] if isinstance(q["doc"], list) else [q["doc"]]:
            used[n] += 1
        if q["type"] == "unanswerable":
            check_unanswerable(q, PROBES.get(q["id"]), docs, errors, counters)
        else:
            check_answerable(q, docs, errors, counters)
    extra = set(PROBES) - {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if extra:
        errors["probes_for_non_unanswerable_ids"] += len(extra)
    kind_counts = Counter(k for entry in PROBES.values() for k in kinds_of(entry))
    if set(kind_counts) - set(KINDS):
        errors["unknown_probe_kind"] += 1
    for kind in KINDS:
        counters["kind_" + kind] = kind_counts.get(kind, 0)
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    dual = sum(len(kinds_of(e)) > 1 for e in PROBES.values())
    if dual > MAX_DUAL_KIND_ITEMS or any(len(kinds_of(e)) > 2 for e in PROBES.values()):
        errors["too_many_multi_kind_probes"] += 1
    counters["probe_items_with_two_kinds"] = dual
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
            check_unanswerable(f, FOLLOWUP_PROBES.get(f["id"]), docs, errors, counters)
        else:
            if f["id"] in FOLLOWUP_PROBES:
                errors["followup_probes_for_answerable_id"] += 1
            check_answerable(f, docs, errors, counters)
    counters["followups_unanswerable"] = n_unans
    if n_unans < MIN_FOLLOWUPS_UNANSWERABLE:
        errors["too_few_unanswerable_followups"] += 1
    if set(FOLLOWUP_PROBES) - set(fids):
        errors["followup_probes_for_unknown_ids"] += 1


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
